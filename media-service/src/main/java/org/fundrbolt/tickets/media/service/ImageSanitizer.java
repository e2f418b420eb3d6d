package org.fundrbolt.tickets.media.service;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.media.domain.ImageFormat;
import org.fundrbolt.tickets.media.domain.SanitizedImage;
import org.fundrbolt.tickets.platform.problem.DomainException;

/**
 * Judges an upload by its bytes rather than its name (API.md: declared type, magic number and structure agree, and
 * the whole image decodes within the pixel budget) and returns what to store without metadata; blocking, so call it
 * on a worker thread.
 */
@ApplicationScoped
public class ImageSanitizer {

    public static final long MAX_BYTES = 5L * 1024 * 1024;
    static final int MAX_SIDE = 10_000;
    static final long MAX_PIXELS = 40_000_000L;
    private static final float JPEG_QUALITY = 0.9f;

    static {
        // Decode from memory only: the default disk cache would spill uploads into temp files.
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    // A decoded 40-megapixel image takes ~160 MB of heap; bound how many exist at once.
    private final Semaphore decoders = new Semaphore(2);

    /**
     * Validates an upload and returns the bytes to store (JPEG and PNG re-encoded from the pixels, WebP with its EXIF
     * and XMP chunks removed), or throws 415 {@code unsupported_image} / 413.
     */
    public SanitizedImage sanitize(byte[] bytes, String declaredType) {
        ImageFormat format = ImageFormat.fromMediaType(declaredType).orElseThrow(() -> unsupported(
                "Only JPEG, PNG and WebP images are accepted; the file was declared as '" + declaredType + "'."));
        if (bytes.length == 0) {
            throw unsupported("The file is empty.");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (!format.matchesMagic(bytes)) {
            throw unsupported("The file's bytes are not a " + format.label() + " image, although it was declared as "
                    + format.mediaType() + ".");
        }
        List<WebpChunks.Chunk> webpChunks = checkStructure(format, bytes);
        decoders.acquireUninterruptibly();
        try {
            BufferedImage image = decode(format, bytes);
            byte[] stored = switch (format) {
                case JPEG -> encodeJpeg(Orientation.upright(image, JpegSegments.exifOrientation(bytes)));
                case PNG -> encodePng(image);
                case WEBP -> WebpChunks.withoutMetadata(webpChunks);
            };
            return new SanitizedImage(format, stored, image.getWidth(), image.getHeight());
        } finally {
            decoders.release();
        }
    }

    /** Refuses trailing or missing bytes, so that a polyglot (an image with a page glued behind it) or a truncated file never passes. */
    private static List<WebpChunks.Chunk> checkStructure(ImageFormat format, byte[] bytes) {
        switch (format) {
            case JPEG -> {
                if (!JpegSegments.endsAtEndMarker(bytes)) {
                    throw unsupported("The JPEG file is truncated or has data after its end marker.");
                }
                return List.of();
            }
            case PNG -> {
                switch (PngChunks.check(bytes)) {
                    case COMPLETE -> {
                        return List.of();
                    }
                    case DATA_AFTER_END -> throw unsupported("The PNG file has data after its end.");
                    default -> throw unsupported("The PNG file is truncated or damaged.");
                }
            }
            default -> {
                return WebpChunks.parse(bytes).orElseThrow(() -> unsupported(
                        "The WebP file is truncated, animated or has data outside its RIFF container."));
            }
        }
    }

    private static BufferedImage decode(ImageFormat format, byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
            if (!readers.hasNext()) {
                throw new IllegalStateException("No ImageIO reader for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                // The header alone tells the size: refuse a decompression bomb before allocating its pixels.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                        || (long) width * height > MAX_PIXELS) {
                    throw unsupported("The image is " + width + "×" + height + " pixels; at most " + MAX_SIDE
                            + " per side and " + MAX_PIXELS / 1_000_000 + " megapixels are accepted.");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                // The JDK's JPEG decoder only warns about a premature end and paints the rest grey.
                if (!warnings.isEmpty() || image == null) {
                    throw unsupported("The image is damaged: " + (warnings.isEmpty() ? "no pixels" : warnings.get(0)));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unsupported("The file could not be decoded as a " + format.label() + " image.");
        }
    }

    private static byte[] encodeJpeg(BufferedImage image) {
        BufferedImage rgb = switch (image.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_BYTE_GRAY -> image;
            default -> redraw(image, BufferedImage.TYPE_INT_RGB);
        };
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            // No metadata passed in: the writer emits a bare JFIF header, so EXIF, GPS and comments are gone.
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] encodePng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                out.reset();
                ImageIO.write(redraw(image, BufferedImage.TYPE_INT_ARGB), "png", out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage redraw(BufferedImage image, int type) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D graphics = copy.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                // JPEG has no alpha: transparent areas become white rather than black.
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return copy;
    }

    static DomainException unsupported(String detail) {
        return new DomainException(415, "unsupported_image", detail);
    }

    public static DomainException tooLarge() {
        return new DomainException(413, "image_too_large", "The image is larger than 5 MiB.");
    }
}
