package io.microtvm.npz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Builds zip archives of stored entries byte by byte, for archives {@link java.util.zip.ZipOutputStream}
 * refuses to write: duplicate names, sizes that lie.
 */
final class HandMadeZip {

    private record Entry(String name, byte[] content, long declaredSize) {
    }

    private final List<Entry> entries = new ArrayList<>();

    HandMadeZip add(String name, byte[] content) {
        return add(name, content, content.length);
    }

    /** An entry whose headers claim {@code declaredSize} bytes whatever it holds. */
    HandMadeZip add(String name, byte[] content, long declaredSize) {
        entries.add(new Entry(name, content, declaredSize));
        return this;
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream centralDirectory = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            int offset = out.size();
            byte[] name = entry.name.getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(entry.content);
            // local file header: signature, version 2.0, no flags, stored, DOS time 0 and date 1980-01-01
            ByteBuffer local = little(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
                    .putInt((int) entry.declaredSize).putInt((int) entry.declaredSize).putShort((short) name.length)
                    .putShort((short) 0).put(name);
            out.writeBytes(local.array());
            out.writeBytes(entry.content);
            ByteBuffer central = little(46 + name.length).putInt(0x02014b50).putShort((short) 20)
                    .putShort((short) 20).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0x21).putInt((int) crc.getValue()).putInt((int) entry.declaredSize)
                    .putInt((int) entry.declaredSize).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name);
            centralDirectory.writeBytes(central.array());
        }
        int directoryOffset = out.size();
        out.writeBytes(centralDirectory.toByteArray());
        ByteBuffer end = little(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size()).putInt(centralDirectory.size())
                .putInt(directoryOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
