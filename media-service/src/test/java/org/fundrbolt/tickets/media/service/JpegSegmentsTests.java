package org.fundrbolt.tickets.media.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class JpegSegmentsTests {

    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int MAKE_TAG = 0x010F;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void acceptsJpegEndingAtItsEndMarker() throws IOException {
        assertTrue(JpegSegments.endsAtEndMarker(realJpeg()));
    }

    @Test
    void refusesDataAfterEndMarker() throws IOException {
        byte[] polyglot = concat(realJpeg(),
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
        assertFalse(JpegSegments.endsAtEndMarker(polyglot));
    }

    @Test
    void refusesJpegCutBeforeEndMarker() throws IOException {
        byte[] jpeg = realJpeg();
        assertFalse(JpegSegments.endsAtEndMarker(Arrays.copyOf(jpeg, jpeg.length - 1)));
    }

    @Test
    void refusesFileTooShortForStartAndEndMarkers() {
        assertFalse(JpegSegments.endsAtEndMarker(new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xD9}));
    }

    @Test
    void readsOrientationFromLittleEndianExif() {
        assertEquals(6, JpegSegments.exifOrientation(jpeg(segment(APP1, exif(tiff(true, ORIENTATION_TAG, 6))))));
    }

    @Test
    void readsOrientationFromBigEndianExif() {
        assertEquals(8, JpegSegments.exifOrientation(jpeg(segment(APP1, exif(tiff(false, ORIENTATION_TAG, 8))))));
    }

    @Test
    void readsOrientationAfterOtherIfdEntries() {
        byte[] tiff = tiff(true, new int[][]{{MAKE_TAG, 7}, {ORIENTATION_TAG, 3}});
        assertEquals(3, JpegSegments.exifOrientation(jpeg(segment(APP1, exif(tiff)))));
    }

    @Test
    void skipsOtherSegmentsBeforeExif() {
        byte[] jfif = "JFIF\0\1\1\0\0\1\0\1\0\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] xmp = concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1), new byte[20]);
        byte[] file = jpeg(segment(APP0, jfif), segment(APP1, xmp),
                segment(APP1, exif(tiff(false, ORIENTATION_TAG, 5))));
        assertEquals(5, JpegSegments.exifOrientation(file));
    }

    @Test
    void defaultsToUprightWithoutExif() {
        assertEquals(1, JpegSegments.exifOrientation(jpeg()));
    }

    @Test
    void ignoresApp1WithoutExifHeader() {
        byte[] notExif = concat("Photo\0".getBytes(StandardCharsets.ISO_8859_1), tiff(true, ORIENTATION_TAG, 6));
        assertEquals(1, JpegSegments.exifOrientation(jpeg(segment(APP1, notExif))));
    }

    @Test
    void ignoresExifAfterStartOfScan() {
        byte[] scanHeader = {1, 1, 0, 0, 0x3F, 0};
        byte[] file = jpeg(segment(SOS, scanHeader), segment(APP1, exif(tiff(true, ORIENTATION_TAG, 6))));
        assertEquals(1, JpegSegments.exifOrientation(file));
    }

    @Test
    void ignoresSegmentWithoutMarkerPrefix() {
        byte[] app1 = segment(APP1, exif(tiff(true, ORIENTATION_TAG, 6)));
        app1[0] = 0;
        assertEquals(1, JpegSegments.exifOrientation(jpeg(app1)));
    }

    @Test
    void ignoresTruncatedSegment() {
        // The whole EXIF is present, but the segment claims more bytes than the file has: the file is cut.
        byte[] app1 = segment(APP1, exif(tiff(true, ORIENTATION_TAG, 6)));
        app1[3] += 100;
        byte[] file = concat(new byte[]{(byte) 0xFF, (byte) 0xD8}, app1);
        assertEquals(1, JpegSegments.exifOrientation(file));
    }

    @Test
    void ignoresIfdOffsetBeyondSegment() {
        byte[] tiff = tiff(true, ORIENTATION_TAG, 6);
        ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xFFFFFFF0);
        assertEquals(1, JpegSegments.exifOrientation(jpeg(segment(APP1, exif(tiff)))));
    }

    @Test
    void ignoresIfdEntryBeyondSegment() {
        // The IFD counts two entries, but the segment ends after the first; the orientation entry lies outside it.
        byte[] tiff = tiff(true, new int[][]{{MAKE_TAG, 3}, {ORIENTATION_TAG, 6}});
        byte[] app1 = segment(APP1, exif(tiff));
        int outside = 4 + 12;
        app1[3] -= outside;
        assertEquals(1, JpegSegments.exifOrientation(jpeg(app1)));
    }

    @Test
    void ignoresOrientationOutsideOneToEight() {
        assertEquals(1, JpegSegments.exifOrientation(jpeg(segment(APP1, exif(tiff(true, ORIENTATION_TAG, 9))))));
        assertEquals(1, JpegSegments.exifOrientation(jpeg(segment(APP1, exif(tiff(false, ORIENTATION_TAG, 0))))));
    }

    private static byte[] realJpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    /** SOI, the given segments, then a scan and EOI as the walk would meet them in a real file. */
    private static byte[] jpeg(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xD8});
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        out.writeBytes(segment(SOS, new byte[]{1, 1, 0, 0, 0x3F, 0}));
        out.writeBytes(new byte[]{0x12, 0x34, 0x56, (byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    private static byte[] segment(int marker, byte[] data) {
        return ByteBuffer.allocate(4 + data.length).put((byte) 0xFF).put((byte) marker)
                .putShort((short) (data.length + 2))
                .put(data).array();
    }

    private static byte[] exif(byte[] tiff) {
        return concat(EXIF_HEADER, tiff);
    }

    private static byte[] tiff(boolean littleEndian, int tag, int value) {
        return tiff(littleEndian, new int[][]{{tag, value}});
    }

    /** A TIFF header and IFD0 with one SHORT entry per {tag, value}, then no next IFD. */
    private static byte[] tiff(boolean littleEndian, int[][] entries) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + entries.length * 12 + 4)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M')
                .putShort((short) 42)
                .putInt(8).putShort((short) entries.length);
        for (int[] entry : entries) {
            // A SHORT sits in the first two bytes of the four-byte value field, whatever the byte order.
            tiff.putShort((short) entry[0]).putShort((short) 3).putInt(1).putShort((short) entry[1])
                    .putShort((short) 0);
        }
        tiff.putInt(0);
        return tiff.array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
