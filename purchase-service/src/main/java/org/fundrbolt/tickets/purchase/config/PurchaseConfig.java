package org.fundrbolt.tickets.purchase.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of purchase-service (keys under {@code purchase.}). */
@ConfigMapping(prefix = "purchase")
public interface PurchaseConfig {

    /** How many waiting purchases of one package one database transaction may claim at most. */
    @WithDefault("64")
    int saleBatchSize();

    /**
     * How many seats (tickets) one claim transaction may write at most: its row lock is held while they are
     * inserted. A single buyer above it still gets a transaction of their own.
     */
    @WithDefault("1000")
    int saleBatchSeats();

    /** How many buyers may wait in one package's queue; the next one is answered 503 at once. */
    @WithDefault("4096")
    int saleQueueLimit();

    /**
     * How long a sale may take from the request's arrival to the claim's commit: below the gateway's upstream
     * timeout (30 s), so that a buyer told 5xx is never sold anything. Past it the buyer is answered 503, nothing
     * is sold and the promo use is released.
     */
    @WithDefault("20s")
    Duration saleDeadline();

    /**
     * {@code batched} (the design) or {@code naive} (the optimistic read-version-retry baseline, for the
     * benchmark only; refused in the prod profile).
     */
    @WithDefault("batched")
    String saleMode();

    TicketSigning ticketSigning();

    Exports exports();

    /** CSV exports: bounded per coordinator and per replica (on the "exports" datasource's own pool). */
    interface Exports {

        @WithDefault("2")
        int perUser();

        @WithDefault("4")
        int maxConcurrent();

        /**
         * Rows per second that all exports of a replica write together (0 = unpaced): a 100,000-row export then takes
         * 5 s alone, and exports can never take the CPU that buyers need (ISSUE: edge hardening, M7).
         */
        @WithDefault("20000")
        int rowsPerSecond();
    }

    Promo promo();

    Mail mail();

    /** Tickets by email: the relay that sends the mail outbox (the SMTP server itself is quarkus.mailer.*). */
    interface Mail {

        /** Reply-To of every mail (env PURCHASE_MAIL_REPLY_TO); none when unset. */
        Optional<String> replyTo();

        /** The domain of every Message-ID. */
        @WithDefault("tickets.fundrbolt.local")
        String messageIdDomain();

        /** How often the relay looks for due mail besides right after a commit that queued some. */
        @WithDefault("1s")
        Duration interval();

        /** The longest wait between two attempts to send one mail. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** One attempt to hand a mail to the SMTP server gives up after this (then it is tried again). */
        @WithDefault("20s")
        Duration sendTimeout();

        /** A mail still unsent this long after it was queued is given up ({@code failed}). */
        @WithDefault("24h")
        Duration giveUpAfter();
    }

    /** The ticket-signing key (ES256): never generated at start-up, so tickets survive restarts. */
    interface TicketSigning {

        /** Key id of the active key, written into every QR token (env PURCHASE_TICKET_SIGNING_KID). */
        String kid();

        /** PKCS#8 PEM of the active private key (env PURCHASE_TICKET_SIGNING_PRIVATE_KEY_LOCATION). */
        String privateKeyLocation();

        /** PEM of the active public key (env PURCHASE_TICKET_SIGNING_PUBLIC_KEY_LOCATION). */
        String publicKeyLocation();

        /** Old keys kept for verification after a rotation, as {@code kid=/path/public.pem}. */
        Optional<List<String>> retiredPublicKeys();

        /** Threads that sign QR tokens (default: one fewer than the cores, at least one). */
        Optional<Integer> threads();
    }

    /** The synchronous redeem/release calls to promo-service. */
    interface Promo {

        /** Base URL of promo-service (env PURCHASE_PROMO_URL). */
        @WithDefault("http://127.0.0.1:8082")
        String url();

        @WithDefault("2s")
        Duration timeout();

        /** Connections kept to promo-service (a popular code's buyers redeem at once). */
        @WithDefault("64")
        int maxConnections();

        /**
         * How long a redeem refused because the code's last uses are held by purchases still in flight is tried
         * again (those may be given back in a moment); afterwards the refusal stands.
         */
        @WithDefault("10s")
        Duration inFlightWait();
    }
}
