package org.fundrbolt.tickets.media.domain;

/** An upload that decoded completely, with its metadata removed: the bytes that will be stored. */
public record SanitizedImage(ImageFormat format, byte[] bytes, int width, int height) {
}
