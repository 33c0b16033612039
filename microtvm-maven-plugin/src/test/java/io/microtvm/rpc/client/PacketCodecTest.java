package io.microtvm.rpc.client;

import static io.microtvm.rpc.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RPC packet encodings against the checked trace and timer call of docs/microtvm-rpc.md ("A
 * complete AOT inference on the wire", "The device timer").
 */
class PacketCodecTest {

    @Test
    void callFuncOfTheAotExecutorCreate() {
        // trace frame 19: CallFunc(0x80028005, Module 0x8000, Device cpu(0), Str "default")
        byte[] packet = new PacketWriter().i32(RpcCode.CALL_FUNC).i64(0x80028005L).args(List.of(
                RpcValue.ofModule(0x8000), RpcValue.ofDevice(1, 0), RpcValue.ofStr("default"))).withLengthPrefix();
        assertThat(packet).isEqualTo(bytes("3b 00 00 00 00 00 00 00 03 00 00 00 05 80 02 80 00 00 00 00"
                + " 03 00 00 00 09 00 00 00 06 00 00 00 0b 00 00 00 00 80 00 00 00 00 00 00"
                + " 01 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00 64 65 66 61 75 6c 74"));
    }

    @Test
    void moduleGetFunctionWithBoolAsTvm018SendsIt() {
        // trace frame 40: CallFunc(0x80028001, Module 0x8001, Str "run", Bool 1)
        byte[] packet = new PacketWriter().i32(RpcCode.CALL_FUNC).i64(0x80028001L).args(List.of(
                RpcValue.ofModule(0x8001), RpcValue.ofStr("run"), RpcValue.ofBool(true))).withLengthPrefix();
        assertThat(packet).isEqualTo(bytes("37 00 00 00 00 00 00 00 03 00 00 00 01 80 02 80 00 00 00 00 03 00 00"
                + " 00 09 00 00 00 0b 00 00 00 0f 00 00 00 01 80 00 00 00 00 00 00 03 00 00 00 00 00 00 00 72 75 6e"
                + " 01 00 00 00 00 00 00 00"));
    }

    @Test
    void copyToRemoteOfOneFloat() {
        // trace frame 72
        DlTensor t = new DlTensor(0x55555556ea20L, 1, 0, 2, 32, 1, new long[] {1, 1}, 0);
        byte[] packet = new PacketWriter().i32(RpcCode.COPY_TO_REMOTE).tensor(t).i64(4)
                .raw(bytes("00 00 00 3f"), 0, 4).withLengthPrefix();
        assertThat(packet).isEqualTo(bytes("40 00 00 00 00 00 00 00 07 00 00 00 20 ea 56 55 55 55 00 00 01 00 00"
                + " 00 00 00 00 00 02 00 00 00 02 20 01 00 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 04 00 00 00 00 00 00 00 00 00 00 3f"));
    }

    @Test
    void devStreamSync() {
        // trace frame 74
        byte[] packet = new PacketWriter().i32(RpcCode.DEV_STREAM_SYNC).args(List.of(RpcValue.ofDevice(1, 0),
                RpcValue.ofHandle(0))).withLengthPrefix();
        assertThat(packet).isEqualTo(bytes("20 00 00 00 00 00 00 00 0f 00 00 00 02 00 00 00 06 00 00 00 03 00 00"
                + " 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"));
    }

    @Test
    void theNdArrayReplyOfGetInputDecodes() throws Exception {
        // trace frame 61, after the u64 length: [Int 13][DLTensor][Handle]
        PacketReader r = new PacketReader(bytes("04 00 00 00 03 00 00 00 00 00 00 00 07 00 00 00 03 00 00 00"
                + " 0d 00 00 00 00 00 00 00 20 ea 56 55 55 55 00 00 01 00 00 00 00 00 00 00 02 00 00 00 02 20 01 00"
                + " 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 20 e8 56 55 55 55 00 00"));
        assertThat(r.i32()).isEqualTo(RpcCode.RETURN);
        List<RpcValue> values = r.args();
        assertThat(values).hasSize(3);
        assertThat(values.get(0)).isEqualTo(RpcValue.ofInt(TypeCode.NDARRAY));
        assertThat(values.get(1).tensor()).isEqualTo(new DlTensor(0x55555556ea20L, 1, 0, 2, 32, 1, new long[] {1, 1}, 0));
        assertThat(values.get(1).tensor().dtypeName()).isEqualTo("float32");
        assertThat(values.get(2)).isEqualTo(RpcValue.ofHandle(0x55555556e820L));
        assertThat(r.remaining()).isZero();
    }

    @Test
    void theTimeEvaluatorReplyCarriesDoublesAsBytes() throws Exception {
        // docs/microtvm-rpc.md, "The device timer": [Int 12][Bytes(16) = 5.0e-07, 3.0e-07]
        PacketReader r = new PacketReader(bytes("04 00 00 00 02 00 00 00 00 00 00 00 0c 00 00 00 0c 00 00 00 00"
                + " 00 00 00 10 00 00 00 00 00 00 00 8e ed b5 a0 f7 c6 a0 3e 76 83 0d f4 f5 21 94 3e"));
        r.i32();
        List<RpcValue> values = r.args();
        assertThat(values.get(1).typeCode()).isEqualTo(TypeCode.BYTES);
        PacketReader doubles = new PacketReader(values.get(1).bytes());
        // the docs print them rounded; the device's divisions leave the last bit
        assertThat(Double.longBitsToDouble(doubles.i64())).isCloseTo(5.0e-07, org.assertj.core.data.Offset.offset(1e-20));
        assertThat(Double.longBitsToDouble(doubles.i64())).isCloseTo(3.0e-07, org.assertj.core.data.Offset.offset(1e-20));
    }

    @Test
    void aTruncatedReplyIsAnErrorNotAnOverrun() {
        PacketReader r = new PacketReader(bytes("01 00 00 00 0b 00 00 00 ff 00 00 00 00 00 00 00 61"));
        assertThatThrownBy(r::args).isInstanceOf(BadPacketException.class).hasMessageContaining("255 bytes");
    }

    @Test
    void typeCodesTheCrtCannotTakeAreRefusedBeforeSending() {
        assertThatThrownBy(() -> new PacketWriter().args(List.of(new RpcValue(TypeCode.NDARRAY, 1, null, null))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
