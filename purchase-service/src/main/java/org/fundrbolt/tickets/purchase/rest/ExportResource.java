package org.fundrbolt.tickets.purchase.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.purchase.service.CsvExport;
import org.fundrbolt.tickets.purchase.service.ExportGate;
import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;

/** (All resources share the /api/v1 root: JAX-RS picks one class per request by its path.) The coordinators' CSV downloads: purchases (one row per seat) and the guest list. Both stream. */
@Path("/api/v1")
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
public class ExportResource {

    private static final String CSV = "text/csv; charset=utf-8";

    private final CsvExport export;
    private final EventAccess access;
    private final ExportGate gate;

    public ExportResource(CsvExport export, EventAccess access, ExportGate gate) {
        this.export = export;
        this.access = access;
        this.gate = gate;
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/purchases/export.csv")
    @Produces(CSV)
    public Multi<String> purchases(@PathParam("event_id") String eventId) {
        var event = access.administer(eventId);
        return download(gate.run(access.userId(), () -> export.purchases(event)), "purchases-" + event + ".csv");
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/guests.csv")
    @Produces(CSV)
    public Multi<String> guests(@PathParam("event_id") String eventId) {
        var event = access.administer(eventId);
        return download(gate.run(access.userId(), () -> export.guests(event)), "guests-" + event + ".csv");
    }

    private static Multi<String> download(Multi<String> lines, String filename) {
        return RestMulti.fromMultiData(lines).status(200).header("Content-Type", CSV)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
