package org.fundrbolt.tickets.media.service;

import java.nio.charset.StandardCharsets;

/** The marker segments of a JPEG: whether the file stops at its end marker, and the EXIF orientation it declares. */
final class JpegSegments {

    private static final int MARKER_PREFIX = 0xFF;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;
    // Marker and length (4), "Exif\0\0" (6) and the TIFF header (8) must all lie inside the segment.
    private static final int MIN_EXIF_SEGMENT = 18;
    private static final int IFD_ENTRY = 12;

    private JpegSegments() {
    }

    /** Whether the file ends with the EOI marker, so that data glued behind the image or a cut-off file is caught. */
    static boolean endsAtEndMarker(byte[] jpeg) {
        int n = jpeg.length;
        // Fewer than four bytes cannot hold SOI and EOI apart.
        return n >= 4 && (jpeg[n - 2] & 0xFF) == MARKER_PREFIX && (jpeg[n - 1] & 0xFF) == END_OF_IMAGE;
    }

    /**
     * The EXIF orientation (1–8) of a JPEG, 1 when absent or unreadable. Stripping EXIF would otherwise leave
     * a phone photo lying on its side, so the pixels are turned before the tag goes.
     */
    static int exifOrientation(byte[] jpeg) {
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xFF) == MARKER_PREFIX) {
            int marker = jpeg[position + 1] & 0xFF;
            // Metadata segments all come before the scan; what follows is entropy-coded data, not segments.
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                break;
            }
            int segmentEnd = position + 2 + unsigned16(jpeg, position + 2, false);
            if (marker == APP1 && segmentEnd <= jpeg.length && position + MIN_EXIF_SEGMENT <= segmentEnd
                    && new String(jpeg, position + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return orientationInTiff(jpeg, position + 10, segmentEnd);
            }
            position = segmentEnd;
        }
        return 1;
    }

    // Every offset comes from the upload, so each read is bounded by the segment rather than trusted.
    private static int orientationInTiff(byte[] jpeg, int tiff, int segmentEnd) {
        boolean little = jpeg[tiff] == 'I';
        long ifd = tiff + unsigned32(jpeg, tiff + 4, little);
        if (ifd + 2 > segmentEnd) {
            return 1;
        }
        int entries = unsigned16(jpeg, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * IFD_ENTRY;
            if (entry + IFD_ENTRY > segmentEnd) {
                break;
            }
            if (unsigned16(jpeg, entry, little) == ORIENTATION_TAG) {
                int value = unsigned16(jpeg, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long unsigned32(byte[] bytes, int at, boolean littleEndian) {
        long first = unsigned16(bytes, at, littleEndian);
        long second = unsigned16(bytes, at + 2, littleEndian);
        return littleEndian ? first | second << 16 : first << 16 | second;
    }

    private static int unsigned16(byte[] bytes, int at, boolean littleEndian) {
        int first = bytes[at] & 0xFF;
        int second = bytes[at + 1] & 0xFF;
        return littleEndian ? first | second << 8 : first << 8 | second;
    }
}
