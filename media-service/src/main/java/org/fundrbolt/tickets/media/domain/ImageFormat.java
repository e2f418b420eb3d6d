package org.fundrbolt.tickets.media.domain;

import java.util.Locale;
import java.util.Optional;

/** The image formats an upload may have: declared media type, stored file extension and magic number. */
public enum ImageFormat {

    JPEG("image/jpeg", "jpg", "jpeg", "JPEG"), PNG("image/png", "png", "png", "PNG"), WEBP("image/webp", "webp", "webp",
            "WebP");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String mediaType;
    private final String extension;
    private final String imageIoName;
    private final String label;

    ImageFormat(String mediaType, String extension, String imageIoName, String label) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.imageIoName = imageIoName;
        this.label = label;
    }

    /** The format a declared {@code Content-Type} names (parameters and case ignored), if it is one we accept. */
    public static Optional<ImageFormat> fromMediaType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String bare = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            if (format.mediaType.equals(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Whether the bytes start with this format's magic number. */
    public boolean matchesMagic(byte[] bytes) {
        return switch (this) {
            case JPEG -> bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                    && (bytes[2] & 0xFF) == 0xFF;
            case PNG -> startsWith(bytes, PNG_SIGNATURE, 0);
            case WEBP -> startsWith(bytes, new byte[]{'R', 'I', 'F', 'F'}, 0)
                    && startsWith(bytes, new byte[]{'W', 'E', 'B', 'P'}, 8);
        };
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int offset) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public String imageIoName() {
        return imageIoName;
    }

    public String label() {
        return label;
    }
}
