package org.fundrbolt.tickets.purchase.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Sends the mail outbox over SMTP (ARCHITECTURE.md, "Email"): leases due mails (several replicas never send one
 * mail at once, and a replica that died mid-send frees its lease by letting it pass), composes each on a worker
 * thread, sends it, and marks it sent; a failure is tried again with exponential back-off up to
 * {@code purchase.mail.max-backoff}, and only a recipient the server refuses for good, or a mail still unsent after
 * {@code purchase.mail.give-up-after}, becomes {@code failed}. An SMTP outage therefore delays mail and never blocks
 * a sale: sales only write rows.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** SMTP replies that refuse a recipient for good (RFC 5321: 550 mailbox unavailable, 553 bad name, ...). */
    private static final Pattern PERMANENT = Pattern.compile("\\b(550|551|553|554|501)\\b");

    private final MailOutbox outbox;
    private final MailComposer composer;
    private final PurchaseQueries purchases;
    private final ReactiveMailer mailer;
    private final Vertx vertx;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration giveUpAfter;
    private final Duration sendTimeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Counter sent;
    private final Counter attemptsFailed;
    private volatile boolean stopped;
    private long timer = -1;

    public MailRelay(MailOutbox outbox, MailComposer composer, PurchaseQueries purchases, ReactiveMailer mailer,
            Vertx vertx, MeterRegistry registry, PurchaseConfig config) {
        Duration interval = config.mail().interval();
        Duration maxBackoff = config.mail().maxBackoff();
        Duration giveUpAfter = config.mail().giveUpAfter();
        this.sendTimeout = config.mail().sendTimeout();
        this.outbox = outbox;
        this.composer = composer;
        this.purchases = purchases;
        this.mailer = mailer;
        this.vertx = vertx;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.giveUpAfter = giveUpAfter;
        Gauge.builder("purchase_mail_queued", queued, AtomicLong::get).description("mails waiting to be sent")
                .register(registry);
        Gauge.builder("purchase_mail_failed", failed, AtomicLong::get)
                .description("mails given up (a refused address, or unsent for too long)").register(registry);
        this.sent = Counter.builder("purchase_mail_sent_total").description("mails handed to the SMTP server")
                .register(registry);
        this.attemptsFailed = Counter.builder("purchase_mail_attempts_failed_total")
                .description("attempts to send a mail that failed (retried or given up)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            // the gauges follow the timer, not every commit that triggers a pass
            outbox.counts().subscribe().with(counts -> {
                queued.set(counts[0]);
                failed.set(counts[1]);
            }, failure -> LOG.debugf("mail counts not read: %s", failure.toString()));
            trigger();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** A pass now (after a commit that queued mail); one pass at a time, and one more if asked meanwhile. */
    public void trigger() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        // a pass never outlives the leases it took, whatever hangs inside it
        pass().ifNoItem().after(LEASE).fail().onTermination().invoke(() -> {
            running.set(false);
            if (again.getAndSet(false)) {
                trigger();
            }
        }).subscribe().with(sentCount -> {
            if (sentCount >= BATCH) {
                trigger(); // a full batch: there may be more due
            }
        }, failure -> LOG.warnf("mail relay pass failed, the timer retries: %s", failure.toString()));
    }

    private Uni<Integer> pass() {
        return outbox.lease(BATCH, LEASE)
                .chain(mails -> mails.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Multi.createFrom().iterable(mails).onItem().transformToUniAndMerge(this::send).collect()
                                .asList().map(List::size));
    }

    private Uni<Void> send(Mail mail) {
        return purchases.findWithPackageName(mail.purchaseId())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> composer.compose(mail, found.orElseThrow(
                        () -> new MailComposer.Unsendable("purchase " + mail.purchaseId() + " is gone"))))
                // an SMTP server that stops answering mid-conversation must not hold the relay: the send gives up,
                // and the mail is tried again like any other failure (its lease is longer than this)
                .chain(message -> mailer.send(message).ifNoItem().after(sendTimeout).failWith(
                        () -> new java.util.concurrent.TimeoutException("no answer from the SMTP server within "
                                + sendTimeout.toSeconds() + " s")))
                .chain(() -> {
                    sent.increment();
                    return outbox.sent(mail.id());
                })
                .onFailure().recoverWithUni(failure -> {
                    attemptsFailed.increment();
                    String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                    boolean permanent = PERMANENT.matcher(error).find() || failure instanceof MailComposer.Unsendable;
                    boolean tooOld = mail.createdAt().plus(giveUpAfter).isBefore(Instant.now());
                    Instant next = permanent || tooOld ? null : Instant.now().plus(backoff(mail.attempts()));
                    if (next == null) {
                        LOG.warnf("mail %s (%s to %s) given up after %d attempt(s): %s", mail.id(), mail.kind(),
                                mail.to(), mail.attempts(), error);
                    } else {
                        LOG.infof("mail %s (%s) not sent (attempt %d), tried again at %s: %s", mail.id(), mail.kind(),
                                mail.attempts(), next, error);
                    }
                    return outbox.failed(mail.id(), error, next);
                });
    }

    /** 1 s, 2 s, 4 s … after the first, second, third failed attempt, never more than the configured cap. */
    Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = Duration.ofSeconds(seconds);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
