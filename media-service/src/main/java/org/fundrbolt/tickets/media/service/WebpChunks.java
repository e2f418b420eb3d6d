package org.fundrbolt.tickets.media.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The RIFF chunks of a WebP file. There is no well-kept Java WebP encoder, so a WebP is stored as uploaded
 * minus its metadata: only the chunks that draw the picture survive, and the VP8X flags are made to agree.
 */
final class WebpChunks {

    /** One chunk: its four-character code and its data (without the padding byte). */
    record Chunk(String fourCc, byte[] data) {
    }

    // Image data, alpha and colour profile; EXIF, XMP and unknown chunks (which could carry anything) are dropped.
    private static final Set<String> KEPT = Set.of("VP8X", "VP8 ", "VP8L", "ALPH", "ICCP");
    private static final Set<String> ANIMATION = Set.of("ANIM", "ANMF");
    private static final int FLAG_EXIF = 0x08;
    private static final int FLAG_XMP = 0x04;
    private static final int FLAG_ANIMATION = 0x02;

    private WebpChunks() {
    }

    /** The chunks of a well-formed, still WebP whose RIFF size matches the file exactly; empty otherwise. */
    static Optional<List<Chunk>> parse(byte[] bytes) {
        if (bytes.length < 20 || littleEndian(bytes, 4) != bytes.length - 8L) {
            return Optional.empty();
        }
        List<Chunk> chunks = new ArrayList<>();
        int position = 12;
        while (position < bytes.length) {
            if (position + 8 > bytes.length) {
                return Optional.empty();
            }
            String fourCc = new String(bytes, position, 4, StandardCharsets.ISO_8859_1);
            long size = littleEndian(bytes, position + 4);
            long end = position + 8L + size;
            if (end > bytes.length) {
                return Optional.empty();
            }
            byte[] data = new byte[(int) size];
            System.arraycopy(bytes, position + 8, data, 0, (int) size);
            chunks.add(new Chunk(fourCc, data));
            position = (int) (end + (size & 1));
        }
        if (position != bytes.length || chunks.isEmpty()) {
            return Optional.empty();
        }
        String first = chunks.get(0).fourCc();
        boolean animated = chunks.stream().anyMatch(chunk -> ANIMATION.contains(chunk.fourCc()))
                || ("VP8X".equals(first) && chunks.get(0).data().length > 0
                        && (chunks.get(0).data()[0] & FLAG_ANIMATION) != 0);
        if (!Set.of("VP8X", "VP8 ", "VP8L").contains(first) || animated) {
            return Optional.empty();
        }
        return Optional.of(chunks);
    }

    /** The file rebuilt from the picture chunks only, with the VP8X EXIF and XMP flags cleared. */
    static byte[] withoutMetadata(List<Chunk> chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        for (Chunk chunk : chunks) {
            if (!KEPT.contains(chunk.fourCc())) {
                continue;
            }
            byte[] data = chunk.data();
            if ("VP8X".equals(chunk.fourCc()) && data.length > 0) {
                data = data.clone();
                data[0] = (byte) (data[0] & ~(FLAG_EXIF | FLAG_XMP));
            }
            body.writeBytes(chunk.fourCc().getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(littleEndian(data.length));
            body.writeBytes(data);
            if ((data.length & 1) == 1) {
                body.write(0);
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream(body.size() + 8);
        file.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        file.writeBytes(littleEndian(body.size()));
        file.writeBytes(body.toByteArray());
        return file.toByteArray();
    }

    private static long littleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xFFL) | (bytes[at + 1] & 0xFFL) << 8 | (bytes[at + 2] & 0xFFL) << 16
                | (bytes[at + 3] & 0xFFL) << 24;
    }

    private static byte[] littleEndian(int value) {
        return new byte[]{(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }
}
