package org.fundrbolt.tickets.media.rest;

import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.media.client.ImageBlobClient;
import org.fundrbolt.tickets.media.domain.StoredImage;
import org.fundrbolt.tickets.media.service.PackageImageService;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.Ids;

import io.smallrye.mutiny.Uni;

/** Public serving of stored package images, the default target of {@code image_url} (through the gateway). */
@Path("/images/{event_id}/{package_id}/{file}")
@PermitAll
public class ImageResource {

    private static final Pattern FILE = Pattern
            .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpg|png|webp)");

    private final PackageImageService images;

    public ImageResource(PackageImageService images) {
        this.images = images;
    }

    @GET
    public Uni<Response> get(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId,
            @PathParam("file") String file, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Ids.parse(eventId, "not_found", "image");
        Ids.parse(packageId, "not_found", "image");
        if (!FILE.matcher(file).matches()) {
            throw notFound();
        }
        String blobName = eventId.toLowerCase() + "/" + packageId.toLowerCase() + "/" + file;
        return images.current(blobName).chain(found -> {
            StoredImage image = found.orElseThrow(ImageResource::notFound);
            if (ifNoneMatch != null && matches(ifNoneMatch, image.etag())) {
                return Uni.createFrom().item(Response.notModified().tag(unquoted(image.etag()))
                        .header(HttpHeaders.CACHE_CONTROL, ImageBlobClient.CACHE_CONTROL).build());
            }
            return images.bytes(image).map(bytes -> Response.ok(bytes.orElseThrow(ImageResource::notFound))
                    .type(image.contentType())
                    .header(HttpHeaders.CACHE_CONTROL, ImageBlobClient.CACHE_CONTROL)
                    .tag(unquoted(image.etag())).build());
        });
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String unquoted(String etag) {
        return etag.substring(1, etag.length() - 1);
    }

    private static DomainException notFound() {
        return DomainException.notFound("not_found", "No such image; it may have been replaced or removed.");
    }
}
