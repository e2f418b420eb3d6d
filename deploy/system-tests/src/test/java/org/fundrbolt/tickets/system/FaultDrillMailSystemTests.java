package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md, "Email": the SMTP server stops while donors buy. Every purchase answers 201 as fast as before
 * (a sale only writes a mail row), and once the server is back every mail arrives, exactly once by Message-ID.
 */
@Order(Integer.MAX_VALUE)
class FaultDrillMailSystemTests {

    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    @Test
    void anSmtpOutageDelaysMailButNeverASaleAndLosesOrDoublesNone() {
        String packageId = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Mail drill", "price", 30))
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        Await.until("package on sale", Duration.ofSeconds(15), () -> StackControl.query("purchase",
                "select count(*) from inventory where enabled and package_id = '" + packageId + "'") == 1);
        String domain = "drill-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        List<Long> before = buy(packageId, domain, "before", 20);
        long outage = FaultDrillSystemTests.FULL ? 30_000 : 12_000;
        StackControl.kill("maildev", true);
        Instant stopped = Instant.now();
        List<Long> during = buy(packageId, domain, "during", 100);
        long left = outage - Duration.between(stopped, Instant.now()).toMillis();
        if (left > 0) {
            sleep(left);
        }
        assertThat(StackControl.query("purchase", "select count(*) from mails m join purchases p on p.id = "
                + "m.purchase_id where p.event_id = '" + event + "' and m.status = 'queued'"))
                .as("the mails of the outage wait in the outbox").isGreaterThanOrEqualTo(100);
        StackControl.infra();
        Instant back = Instant.now();
        Await.until("every mail delivered after the outage", Duration.ofSeconds(90),
                () -> StackControl.query("purchase", "select count(*) from mails m join purchases p on p.id = "
                        + "m.purchase_id where p.event_id = '" + event + "' and m.status = 'sent'") == 120);
        long drained = Duration.between(back, Instant.now()).toMillis();
        sleep(2_000);
        List<String> ids = new ArrayList<>();
        Set<String> recipients = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String address = "during-" + i + "@" + domain;
            List<Map<String, Object>> mails = MailDev.to(address);
            assertThat(mails).as("one confirmation to " + address).hasSize(1);
            ids.add(MailDev.messageId(mails.get(0)));
            recipients.add(address);
        }
        assertThat(new HashSet<>(ids)).as("no Message-ID twice").hasSize(100);
        assertThat(recipients).hasSize(100);
        assertThat(StackControl.query("purchase", "select count(*) from mails m join purchases p on p.id = "
                + "m.purchase_id where p.event_id = '" + event + "' and m.status = 'failed'")).isZero();
        long p50Before = percentile(before, 50);
        long p95During = percentile(during, 95);
        Reliability.record("smtp-outage", Map.of("outage_ms", outage, "purchases_during", during.size(),
                "checkout_p50_ms_before", p50Before, "checkout_p50_ms_during", percentile(during, 50),
                "checkout_p95_ms_during", p95During, "mails_delivered_once", 100, "drain_ms_after_return", drained));
        // a sale during the outage is not slowed by it: it never talks to the SMTP server
        assertThat(p95During).as("checkout p95 during the outage vs p50 before").isLessThan(p50Before * 5 + 250);
    }

    private List<Long> buy(String packageId, String domain, String prefix, int count) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            given().auth().oauth2(SystemTokens.donor(UUID.randomUUID())).contentType("application/json")
                    .body(Map.of("package_id", packageId, "quantity", 1, "email", prefix + "-" + i + "@" + domain))
                    .post(Gateways.next() + "/api/v1/events/" + event + "/tickets/purchase").then().statusCode(201);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
