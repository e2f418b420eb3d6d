package org.fundrbolt.tickets.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.PackageSnapshot;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;
import org.fundrbolt.tickets.platform.outbox.Outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Writes the {@code catalog.packages} snapshot of a package into the outbox, in the caller's transaction. */
@ApplicationScoped
public class SnapshotOutbox {

    public static final String TOPIC = "catalog.packages";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public SnapshotOutbox(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public Uni<Void> record(SqlConnection conn, TicketPackage p, boolean deleted) {
        String payload;
        try {
            payload = mapper.writeValueAsString(PackageSnapshot.of(p, deleted));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Snapshot not serialisable", e));
        }
        return outbox.add(conn, TOPIC, p.id.toString(), payload);
    }
}
