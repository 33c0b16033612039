package io.microtvm.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void everyTypeHasItsNumpyNameItemSizeAndDescr() {
        assertThat(Arrays.stream(DType.values()).map(t -> t.numpyName() + "/" + t.itemSize() + "/" + t.descr()))
                .containsExactly("bool/1/|b1", "int8/1/|i1", "uint8/1/|u1", "int16/2/<i2", "uint16/2/<u2",
                        "int32/4/<i4", "uint32/4/<u4", "int64/8/<i8", "uint64/8/<u8", "float16/2/<f2",
                        "float32/4/<f4", "float64/8/<f8");
    }

    @Test
    void fromNameFindsEveryTypeByItsNumpyName() {
        for (DType type : DType.values()) {
            assertThat(DType.fromName(type.numpyName())).isEqualTo(type);
        }
        assertThat(DType.fromName("float32")).isSameAs(DType.FLOAT32).hasToString("float32");
    }

    @Test
    void fromNameRejectsUnknownNamesListingTheSupportedOnes() {
        assertThatThrownBy(() -> DType.fromName("float8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported dtype 'float8'; supported: bool, int8, uint8, int16, uint16, int32, uint32,"
                        + " int64, uint64, float16, float32, float64");
        assertThatThrownBy(() -> DType.fromName("FLOAT32")).hasMessageStartingWith("unsupported dtype 'FLOAT32'");
    }

    @Test
    void fromDescrReadsEveryWrittenDescr() {
        for (DType type : DType.values()) {
            assertThat(DType.fromDescr(type.descr())).isEqualTo(type);
        }
    }

    @Test
    void fromDescrAcceptsEveryByteOrderMark() {
        assertThat(DType.fromDescr("<f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.fromDescr("=f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.fromDescr(">f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.fromDescr("|f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.fromDescr("<i1")).isEqualTo(DType.INT8);
        assertThat(DType.fromDescr(">u8")).isEqualTo(DType.UINT64);
    }

    @Test
    void fromDescrRejectsOtherTypesListingTheSupportedDescrs() {
        String supported = "supported: |b1, |i1, |u1, <i2, <u2, <i4, <u4, <i8, <u8, <f2, <f4, <f8"
                + " (or the same with '=' or '>' byte order)";
        assertThatThrownBy(() -> DType.fromDescr("<c8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported dtype '<c8'; " + supported);
        assertThatThrownBy(() -> DType.fromDescr("|O"))
                .hasMessage("dtype '|O' holds pickled Python objects, which are not supported; " + supported);
        assertThatThrownBy(() -> DType.fromDescr("f4")).hasMessageStartingWith("unsupported dtype 'f4'");
        assertThatThrownBy(() -> DType.fromDescr("<f3")).hasMessageStartingWith("unsupported dtype '<f3'");
        assertThatThrownBy(() -> DType.fromDescr("<U5")).hasMessageStartingWith("unsupported dtype '<U5'");
        assertThatThrownBy(() -> DType.fromDescr("")).hasMessageStartingWith("unsupported dtype ''");
    }

    @Test
    void classifiesTypes() {
        assertThat(DType.INT8.isInteger()).isTrue();
        assertThat(DType.INT8.isSignedInteger()).isTrue();
        assertThat(DType.UINT64.isInteger()).isTrue();
        assertThat(DType.UINT64.isSignedInteger()).isFalse();
        assertThat(DType.BOOL.isInteger()).isFalse();
        assertThat(DType.FLOAT16.isFloatingPoint()).isTrue();
        assertThat(DType.INT32.isFloatingPoint()).isFalse();
    }
}
