package io.microtvm.run.standalone;

/** The requests a host sends; the device answers each with {@link #replyType()} or an ERROR frame. */
public enum RequestType {
    HELLO(0x01),
    SET_INPUT(0x02),
    RUN(0x03),
    GET_OUTPUT(0x04),
    /** 1.1, offered with {@link DeviceInfo#offersHostFiles()}: the device reads an input from a file of its host. */
    LOAD_INPUT(0x05),
    /** 1.1, offered with {@link DeviceInfo#offersHostFiles()}: the device writes an output to a file of its host. */
    SAVE_OUTPUT(0x06);

    /** Set in a reply's type on top of its request's. */
    static final int REPLY_FLAG = 0x80;

    private final int type;

    RequestType(int type) {
        this.type = type;
    }

    /** The frame type of this request. */
    public int type() {
        return type;
    }

    /** The frame type of a successful reply to it. */
    public int replyType() {
        return type | REPLY_FLAG;
    }
}
