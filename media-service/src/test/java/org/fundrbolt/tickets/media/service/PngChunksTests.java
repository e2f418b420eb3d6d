package org.fundrbolt.tickets.media.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.fundrbolt.tickets.media.service.PngChunks.Verdict;
import org.junit.jupiter.api.Test;

class PngChunksTests {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] IHDR = ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 2)
            .put((byte) 0).put((byte) 0).put((byte) 0).array();
    private static final byte[] IDAT = {0x78, (byte) 0x9C, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01};

    @Test
    void acceptsMinimalValidPng() {
        assertEquals(Verdict.COMPLETE, PngChunks.check(png(chunk("IHDR", IHDR), chunk("IDAT", IDAT), chunk("IEND"))));
    }

    @Test
    void acceptsPngWrittenByImageIo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB), "png", out);
        assertEquals(Verdict.COMPLETE, PngChunks.check(out.toByteArray()));
    }

    @Test
    void refusesDataAfterIend() {
        byte[] polyglot = png(chunk("IHDR", IHDR), chunk("IDAT", IDAT), chunk("IEND"),
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Verdict.DATA_AFTER_END, PngChunks.check(polyglot));
    }

    @Test
    void refusesChunkLengthBeyondEndOfFile() {
        // An IEND claiming four data bytes that the file does not have is a cut-off file, not trailing data.
        byte[] iend = chunk("IEND");
        iend[3] = 4;
        assertEquals(Verdict.TRUNCATED_OR_DAMAGED,
                PngChunks.check(png(chunk("IHDR", IHDR), chunk("IDAT", IDAT), iend)));
    }

    @Test
    void refusesChunkLengthThatIsNegativeAsSignedInt() {
        // 0xFFFFFFF4 read as a signed int is -12, which would point the walk back at the same chunk forever.
        byte[] idat = chunk("IDAT", IDAT);
        ByteBuffer.wrap(idat).putInt(0, 0xFFFFFFF4);
        byte[] hostile = png(chunk("IHDR", IHDR), idat, chunk("IEND"));
        assertEquals(Verdict.TRUNCATED_OR_DAMAGED,
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> PngChunks.check(hostile)));
    }

    @Test
    void refusesPngWithoutIend() {
        assertEquals(Verdict.TRUNCATED_OR_DAMAGED, PngChunks.check(png(chunk("IHDR", IHDR), chunk("IDAT", IDAT))));
    }

    @Test
    void refusesFirstChunkOtherThanIhdr() {
        byte[] reordered = png(chunk("IDAT", IDAT), chunk("IHDR", IHDR), chunk("IEND"));
        assertEquals(Verdict.TRUNCATED_OR_DAMAGED, PngChunks.check(reordered));
    }

    private static byte[] png(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] chunk(String type) {
        return chunk(type, new byte[0]);
    }

    // With a correct CRC, so that only the property under test is wrong.
    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
