package org.fundrbolt.tickets.media.service;

import java.nio.charset.StandardCharsets;

/** The chunk walk of a PNG, which must run from an IHDR first to an IEND that ends the file exactly. */
final class PngChunks {

    /** What the walk found, so that the caller can say which way the file is wrong. */
    enum Verdict {
        COMPLETE, DATA_AFTER_END, TRUNCATED_OR_DAMAGED
    }

    // Past the eight-byte signature, which ImageFormat.matchesMagic has already checked.
    private static final int FIRST_CHUNK = 8;
    // Length, type and CRC around each chunk's data.
    private static final int CHUNK_OVERHEAD = 12;

    private PngChunks() {
    }

    /** Whether the chunks after the signature reach an IEND at the very end, so neither a truncated file nor a polyglot passes. */
    static Verdict check(byte[] bytes) {
        int position = FIRST_CHUNK;
        boolean first = true;
        while (position + CHUNK_OVERHEAD <= bytes.length) {
            long length = readInt(bytes, position) & 0xFFFFFFFFL;
            String type = new String(bytes, position + 4, 4, StandardCharsets.ISO_8859_1);
            if (first && !"IHDR".equals(type)) {
                break;
            }
            first = false;
            long next = position + (long) CHUNK_OVERHEAD + length;
            if (next > bytes.length) {
                break;
            }
            if ("IEND".equals(type)) {
                return next == bytes.length ? Verdict.COMPLETE : Verdict.DATA_AFTER_END;
            }
            position = (int) next;
        }
        return Verdict.TRUNCATED_OR_DAMAGED;
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }
}
