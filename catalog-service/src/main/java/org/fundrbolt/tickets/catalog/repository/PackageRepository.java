package org.fundrbolt.tickets.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.TicketPackage;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Queries of ticket packages. */
@ApplicationScoped
public class PackageRepository implements PanacheRepositoryBase<TicketPackage, UUID> {

    public Uni<List<TicketPackage>> listByEvent(UUID eventId) {
        return find("eventId = ?1 order by displayOrder, createdAt", eventId).list();
    }
}
