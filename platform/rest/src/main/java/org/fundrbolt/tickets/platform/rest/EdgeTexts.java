package org.fundrbolt.tickets.platform.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The answers to a body the service cannot take, which differ by what a service accepts: JSON
 * services say {@code payload_too_large}, media-service says {@code image_too_large}.
 */
@ConfigMapping(prefix = "platform.http")
public interface EdgeTexts {

    @WithDefault("payload_too_large")
    String tooLargeCode();

    @WithDefault("The body is larger than 1 MiB.")
    String tooLargeDetail();

    @WithDefault("Send the body as application/json.")
    String unsupportedMediaTypeDetail();
}
