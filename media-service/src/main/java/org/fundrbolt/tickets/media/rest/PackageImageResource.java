package org.fundrbolt.tickets.media.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.media.service.PackageImageService;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.mutiny.Uni;

/** Admin endpoints of package images (API.md, "Package images"). */
@Path("/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/image")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
public class PackageImageResource {

    /** The answer to an upload. */
    public record ImageResponse(String imageUrl) {
    }

    private final EventAccess access;
    private final PackageImageService images;

    public PackageImageResource(EventAccess access, PackageImageService images) {
        this.access = access;
        this.images = images;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<ImageResponse>> upload(@PathParam("event_id") String eventId,
            @PathParam("package_id") String packageId, @RestForm("file") FileUpload file) {
        UUID event = access.administer(eventId);
        UUID pkg = Ids.parse(packageId, "package_not_found", "package");
        if (file == null || file.uploadedFile() == null) {
            throw missingFilePart("Attach the image as the multipart part named 'file'.");
        }
        return images.upload(event, pkg, file.uploadedFile(), file.size(), file.contentType())
                .map(url -> RestResponse.status(RestResponse.Status.CREATED, new ImageResponse(url)));
    }

    @DELETE
    public Uni<RestResponse<Void>> delete(@PathParam("event_id") String eventId,
            @PathParam("package_id") String packageId) {
        UUID event = access.administer(eventId);
        UUID pkg = Ids.parse(packageId, "package_not_found", "package");
        return images.remove(event, pkg).map(done -> RestResponse.noContent());
    }

    /** The answer to an upload without a readable part named 'file'. */
    static DomainException missingFilePart(String message) {
        return DomainException.validation("file", message);
    }
}
