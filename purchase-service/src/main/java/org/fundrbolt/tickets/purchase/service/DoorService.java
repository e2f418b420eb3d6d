package org.fundrbolt.tickets.purchase.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.text.Text;
import org.fundrbolt.tickets.purchase.repository.DoorRepository;
import org.fundrbolt.tickets.purchase.repository.DoorRepository.Attendee;
import org.fundrbolt.tickets.purchase.repository.DoorRepository.ScanResult;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Door operations (API.md): attendee search, live counts, undo with a log, the door list's delta sync for offline
 * scanners and their batch uploads, idempotent per {@code (device_id, nonce)}, where the scan that reaches the
 * server first wins, decided by the same conditional check-in statement as the online door.
 */
@ApplicationScoped
public class DoorService {

    public static final int DOOR_LIST_PAGE = 1_000;
    public static final int MAX_BATCH = 500;
    /** A device clock this far ahead is taken as now: a check-in is never recorded in the future. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** One offline scan as uploaded. */
    public record Scan(String qrCode, String scannedAt, String nonce) {
    }

    /** One scan's answer, in request order. */
    public record Outcome(String nonce, String result, UUID ticketId, Instant checkedInAt) {
    }

    /** A page of the door list and the cursor after it. */
    public record DoorList(List<Attendee> tickets, String cursor, boolean more) {
    }

    private final DoorRepository door;
    private final TicketSigner signer;
    private final Pool pool;

    public DoorService(DoorRepository door, TicketSigner signer, Pool pool) {
        this.door = door;
        this.signer = signer;
        this.pool = pool;
    }

    public Uni<Void> undo(UUID eventId, UUID ticketId, UUID by, String deviceId) {
        return door.undo(ticketId, eventId, by, deviceId).chain(undone -> undone
                ? Uni.createFrom().voidItem()
                : door.find(pool, ticketId, eventId).map(found -> {
                    Attendee ticket = found.orElseThrow(() -> DomainException.notFound("ticket_not_found",
                            "This event has no ticket " + ticketId + "."));
                    throw new DomainException(409, "not_checked_in",
                            "Ticket " + ticket.ticketNumber() + " is not checked in; there is nothing to undo.");
                }));
    }

    public Uni<DoorList> doorList(UUID eventId, String cursor) {
        String[] position = decode(cursor);
        return door.changedAfter(eventId, position[0], UUID.fromString(position[1]), DOOR_LIST_PAGE + 1).map(rows -> {
            boolean more = rows.size() > DOOR_LIST_PAGE;
            List<Attendee> page = more ? rows.subList(0, DOOR_LIST_PAGE) : rows;
            String next = page.isEmpty()
                    ? encode(position[0], position[1])
                    : encode(page.get(page.size() - 1).changeXid(), page.get(page.size() - 1).ticketId().toString());
            return new DoorList(page, next, more);
        });
    }

    /** The offline scans of one upload, each decided in its own transaction, answered in request order. */
    public Uni<List<Outcome>> upload(UUID eventId, UUID by, String deviceId, List<Scan> scans) {
        checkBatch(deviceId, scans);
        return Multi.createFrom().iterable(scans).onItem()
                .transformToUniAndConcatenate(scan -> one(eventId, by, deviceId, scan)).collect().asList();
    }

    private Uni<Outcome> one(UUID eventId, UUID by, String deviceId, Scan scan) {
        Instant scannedAt = scannedAt(scan.scannedAt());
        return pool.withTransaction(connection -> door.claimScan(connection, eventId, deviceId, scan.nonce())
                .chain(claimed -> {
                    if (!claimed) {
                        // an earlier upload of this scan: its answer, once it committed (the claim waited for it)
                        return door.storedScan(connection, eventId, deviceId, scan.nonce())
                                .map(stored -> stored.orElse(new ScanResult("invalid", null, null)));
                    }
                    TicketSigner.TicketClaims claims = signer.verify(scan.qrCode());
                    Uni<ScanResult> decided = claims == null || !claims.eventId().equals(eventId)
                            ? Uni.createFrom().item(new ScanResult("invalid", null, null))
                            : door.checkIn(connection, claims.ticketId(), eventId, scannedAt, by, deviceId)
                                    .chain(won -> won.isPresent()
                                            ? Uni.createFrom().item(new ScanResult("checked_in", claims.ticketId(),
                                                    won.get()))
                                            : door.find(connection, claims.ticketId(), eventId)
                                                    .map(DoorService::refusal));
                    return decided.call(result -> door.recordScan(connection, eventId, deviceId, scan.nonce(),
                            result));
                }))
                .map(result -> new Outcome(scan.nonce(), result.result(), result.ticketId(), result.checkedInAt()));
    }

    private static ScanResult refusal(Optional<Attendee> found) {
        if (found.isEmpty()) {
            return new ScanResult("invalid", null, null);
        }
        Attendee ticket = found.get();
        return "cancelled".equals(ticket.status())
                ? new ScanResult("cancelled", ticket.ticketId(), null)
                : new ScanResult("already_checked_in", ticket.ticketId(), ticket.checkedInAt());
    }

    private static Instant scannedAt(String text) {
        Instant now = Instant.now();
        if (text == null) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant at = Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
        return at.isAfter(now.plus(CLOCK_SKEW)) ? now.truncatedTo(ChronoUnit.MILLIS) : at;
    }

    private static void checkBatch(String deviceId, List<Scan> scans) {
        List<FieldError> errors = new ArrayList<>();
        if (deviceId == null || deviceId.isBlank() || deviceId.length() > 100 || !Text.storable(deviceId)) {
            errors.add(new FieldError("device_id", "device_id must be 1 to 100 characters"));
        }
        if (scans == null || scans.isEmpty() || scans.size() > MAX_BATCH) {
            errors.add(new FieldError("scans", "scans must hold 1 to " + MAX_BATCH + " scans"));
        } else {
            for (int i = 0; i < scans.size(); i++) {
                Scan scan = scans.get(i);
                String field = "scans[" + i + "]";
                if (scan == null) {
                    errors.add(new FieldError(field, "each scan is an object with qr_code, scanned_at and nonce"));
                    continue;
                }
                if (scan.qrCode() == null || scan.qrCode().isBlank() || scan.qrCode().length() > 4_000) {
                    errors.add(new FieldError(field + ".qr_code", "qr_code is required"));
                }
                if (scan.nonce() == null || scan.nonce().isBlank() || scan.nonce().length() > 100
                        || !Text.storable(scan.nonce())) {
                    errors.add(new FieldError(field + ".nonce", "nonce must be 1 to 100 characters"));
                }
                if (scan.scannedAt() != null) {
                    try {
                        Instant.parse(scan.scannedAt());
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(field + ".scanned_at", "scanned_at must be an ISO-8601 UTC time"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static String encode(String xid, String ticketId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + xid + ":" + ticketId).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a cursor: {xid, ticket id}; the start of the list for none. */
    private static String[] decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return new String[]{"0", new UUID(0, 0).toString()};
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("v1") && parts[1].matches("[0-9]{1,20}")) {
                UUID.fromString(parts[2]);
                return new String[]{parts[1], parts[2]};
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw DomainException.validation("cursor", "cursor is not one this endpoint gave");
    }

}
