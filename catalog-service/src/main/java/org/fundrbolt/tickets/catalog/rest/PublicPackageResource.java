package org.fundrbolt.tickets.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.catalog.rest.Views.PackageList;
import org.fundrbolt.tickets.catalog.rest.Views.PublicPackageView;
import org.fundrbolt.tickets.catalog.service.PackageService;
import org.fundrbolt.tickets.platform.rest.Ids;

import io.smallrye.mutiny.Uni;

/** The donors' package list: enabled public packages only, without sold count or version. */
@Path("/api/v1/events/{event_id}/tickets/packages")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicPackageResource {

    private final PackageService packages;

    public PublicPackageResource(PackageService packages) {
        this.packages = packages;
    }

    @GET
    public Uni<PackageList<PublicPackageView>> list(@PathParam("event_id") String eventId) {
        return packages.listForDonors(Ids.parse(eventId, "not_found", "event")).map(PackageList::donors);
    }
}
