package org.fundrbolt.tickets.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Image files for the tests, built in code so that each one is exactly what its name says. */
final class TestImages {

    static final String EXIF_SECRET = "GPSLatitude 48.8584 secret-location";
    static final String COMMENT_SECRET = "secret-comment-from-camera";
    /** The well-known 1×1 lossless WebP (RIFF/WEBP with a single VP8L chunk). */
    static final byte[] TINY_WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(0x2266AA));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.ORANGE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    /** A JPEG with an EXIF APP1 segment (GPS text inside) and a COM comment right after SOI. */
    static byte[] jpegWithExifAndComment(int width, int height) {
        byte[] plain = jpeg(width, height);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // Big-endian TIFF header, one empty IFD, then the GPS text as trailing payload.
        tiff.writeBytes(new byte[]{'M', 'M', 0, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0});
        tiff.writeBytes(EXIF_SECRET.getBytes(StandardCharsets.US_ASCII));
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.toByteArray());
        byte[] comment = COMMENT_SECRET.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE1, exif);
        segment(out, 0xFE, comment);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A JPEG whose EXIF (little-endian TIFF, one IFD entry) says how to turn it for display. */
    static byte[] jpegWithOrientation(BufferedImage picture, int orientation) {
        byte[] plain = encode(picture, "jpeg");
        byte[] tiff = {'I', 'I', 0x2A, 0, 8, 0, 0, 0, // header, IFD0 at offset 8
                1, 0, // one entry
                0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // Orientation, SHORT, 1 value
                0, 0, 0, 0}; // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A PNG whose header claims {@code width × height} pixels, with a token amount of image data. */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(out, "IHDR", header.array());
        pngChunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The tiny WebP turned into an extended one (VP8X) carrying an EXIF and an XMP chunk. */
    static byte[] webpWithExifAndXmp() {
        byte[] imageChunk = Arrays.copyOfRange(TINY_WEBP, 12, TINY_WEBP.length);
        byte[] vp8x = new byte[]{0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] exif = concat(new byte[]{'M', 'M', 0, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0},
                EXIF_SECRET.getBytes(StandardCharsets.US_ASCII));
        byte[] xmp = "<x:xmpmeta>secret-xmp</x:xmpmeta>".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        riffChunk(body, "VP8X", vp8x);
        body.writeBytes(imageChunk);
        riffChunk(body, "EXIF", exif);
        riffChunk(body, "XMP ", xmp);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
        file.writeBytes(body.toByteArray());
        return file.toByteArray();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static boolean contains(byte[] haystack, String needle) {
        return contains(haystack, needle.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        int length = data.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(data);
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void riffChunk(ByteArrayOutputStream out, String fourCc, byte[] data) {
        out.writeBytes(fourCc.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0);
        }
    }
}
