package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Attachment;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tickets by email (API.md): mails queued in the transaction that causes them and sent by the relay, read here
 * from Quarkus' mock mailbox (the system tests read a real SMTP server, MailDev).
 */
@QuarkusTest
class MailTests extends SaleFixture {

    @Inject
    MockMailbox mailbox;

    private final UUID coordinator = UUID.randomUUID();

    private String admin() {
        return Tokens.token(coordinator, Set.of("event_coordinator"), List.of(event.toString()));
    }

    private Response buyWithEmail(UUID donor, UUID packageId, int quantity, String email) {
        return given().auth().oauth2(Tokens.donor(donor)).contentType("application/json")
                .body(new JsonObject().put("package_id", packageId.toString()).put("quantity", quantity)
                        .put("email", email).encode())
                .post("/api/v1/events/" + event + "/tickets/purchase");
    }

    private static <T> T eventually(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private List<Mail> mailsTo(String address, int count) {
        return eventually(count + " mail(s) to " + address, () -> {
            List<Mail> mails = mailbox.getMailsSentTo(address);
            return mails != null && mails.size() >= count ? mails : null;
        });
    }

    @Test
    void aPurchaseIsConfirmedWithOneQrImagePerTicketAndTheReceipt() throws Exception {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "150.00", 2, "50.00"));
        String address = "buyer-" + UUID.randomUUID() + "@example.org";
        Response bought = buyWithEmail(UUID.randomUUID(), table, 1, address);
        bought.then().statusCode(201);
        Mail mail = mailsTo(address, 1).get(0);
        assertThat(mail.getSubject()).contains("Gala seat");
        assertThat(mail.getHtml()).contains(bought.jsonPath().getString("tickets[0].ticket_number"))
                .contains(bought.jsonPath().getString("tickets[1].ticket_number")).doesNotContain("<script");
        assertThat(mail.getText()).contains("Total: 150.00 USD");
        assertThat(mail.getHeaders().get("Message-ID")).singleElement().asString()
                .startsWith("<confirmation.").endsWith("@tickets.fundrbolt.local>");
        List<Attachment> images = mail.getAttachments().stream().filter(Attachment::isInlineAttachment).toList();
        assertThat(images).hasSize(2).allMatch(image -> image.getContentType().equals("image/png"));
        Attachment pdf = mail.getAttachments().stream().filter(a -> "application/pdf".equals(a.getContentType()))
                .findFirst().orElseThrow();
        try (PDDocument document = Loader.loadPDF(bytes(pdf))) {
            assertThat(new PDFTextStripper().getText(document)).contains("Total paid: 150.00 USD");
        }
        String id = bought.jsonPath().getString("id");
        eventually("the mail marked sent", () -> "sent".equals(given().auth().oauth2(admin())
                .get("/api/v1/admin/events/" + event + "/tickets/purchases/" + id).jsonPath()
                .getString("emails[0].status")) ? true : null);
        given().auth().oauth2(admin()).get("/api/v1/admin/events/" + event + "/tickets/purchases/" + id).then()
                .body("emails[0].kind", equalTo("confirmation")).body("emails[0].to", equalTo(address))
                .body("emails[0].attempts", equalTo(1)).body("emails[0].sent_at", notNullValue());
    }

    @Test
    void guestsGetTheirTicketWhenTheirEmailIsSetOrChanged() {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "80.00", 2, null));
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, table, 1, null, null);
        String ticket = bought.jsonPath().getString("tickets[1].id");
        String number = bought.jsonPath().getString("tickets[1].ticket_number");
        String first = "guest-" + UUID.randomUUID() + "@example.org";
        String second = "guest-" + UUID.randomUUID() + "@example.org";
        patch(donor, ticket, Map.of("guest_name", "Ada", "guest_email", first));
        Mail mail = mailsTo(first, 1).get(0);
        assertThat(mail.getHtml()).contains(number).contains("Ada")
                .doesNotContain(bought.jsonPath().getString("tickets[0].ticket_number"));
        assertThat(mail.getAttachments()).singleElement().matches(Attachment::isInlineAttachment);
        patch(donor, ticket, Map.of("guest_name", "Ada L."));
        patch(donor, ticket, Map.of("guest_email", first.toUpperCase()));
        patch(donor, ticket, Map.of("guest_email", second));
        mailsTo(second, 1);
        sleep(1_500);
        assertThat(mailbox.getMailsSentTo(first)).as("no mail when the address did not change").hasSize(1);
    }

    @Test
    void aCancellationSendsANoticeWithTheCorrectedReceipt() throws Exception {
        UUID packageId = packageOnSale("40.00", null, null);
        String address = "cancel-" + UUID.randomUUID() + "@example.org";
        Response bought = buyWithEmail(UUID.randomUUID(), packageId, 2, address);
        given().auth().oauth2(admin()).contentType("application/json")
                .body(new JsonObject().put("reason", "Cannot come")
                        .put("ticket_ids", new JsonArray().add(bought.jsonPath().getString("tickets[0].id"))).encode())
                .post("/api/v1/admin/events/" + event + "/tickets/purchases/" + bought.jsonPath().getString("id")
                        + "/cancellations")
                .then().statusCode(201);
        Mail notice = mailsTo(address, 2).stream().filter(mail -> mail.getSubject().startsWith("Tickets cancelled"))
                .findFirst().orElseThrow();
        assertThat(notice.getHtml()).contains("Refund: <strong>40.00 USD</strong>").contains("Cannot come");
        Attachment pdf = notice.getAttachments().stream().filter(a -> "application/pdf".equals(a.getContentType()))
                .findFirst().orElseThrow();
        try (PDDocument document = Loader.loadPDF(bytes(pdf))) {
            assertThat(new PDFTextStripper().getText(document)).contains("Corrected receipt")
                    .contains("Refunded: 40.00 USD");
        }
    }

    @Test
    void resendsAreLimitedToFivePerTicketPerHourEvenAtOnce() throws Exception {
        UUID packageId = packageOnSale("10.00", null, null);
        UUID donor = UUID.randomUUID();
        String address = "resend-" + UUID.randomUUID() + "@example.org";
        Response bought = buyWithEmail(donor, packageId, 1, address);
        String ticket = bought.jsonPath().getString("tickets[0].id");
        List<Response> answers = concurrently(8, i -> i % 2 == 0
                ? given().auth().oauth2(Tokens.donor(donor)).post("/api/v1/me/tickets/" + ticket + "/resend")
                : given().auth().oauth2(admin())
                        .post("/api/v1/admin/events/" + event + "/tickets/" + ticket + "/resend"));
        assertThat(answers.stream().filter(answer -> answer.statusCode() == 202)).hasSize(5);
        assertThat(answers.stream().filter(answer -> answer.statusCode() == 429)).hasSize(3)
                .allMatch(answer -> answer.header("Retry-After") != null
                        && "rate_limited".equals(answer.jsonPath().getString("code")));
        mailsTo(address, 6);
        long queued = pool.preparedQuery("SELECT count(*) AS n FROM mails WHERE ticket_id = $1 AND kind = 'resend'")
                .execute(Tuple.of(UUID.fromString(ticket))).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getLong("n");
        assertThat(queued).isEqualTo(5);

        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).post("/api/v1/me/tickets/" + ticket + "/resend").then()
                .statusCode(404).body("code", equalTo("ticket_not_found"));
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID()))
                .post("/api/v1/admin/events/" + event + "/tickets/" + ticket + "/resend").then().statusCode(403);
        UUID elsewhere = UUID.randomUUID();
        given().auth().oauth2(Tokens.coordinator(elsewhere))
                .post("/api/v1/admin/events/" + elsewhere + "/tickets/" + ticket + "/resend").then().statusCode(404);
        String noAddress = buy(donor, packageId, 1, null, null).jsonPath().getString("tickets[0].id");
        given().auth().oauth2(Tokens.donor(donor)).post("/api/v1/me/tickets/" + noAddress + "/resend").then()
                .statusCode(422).body("code", equalTo("no_email_address"));
        Response other = buyWithEmail(donor, packageId, 1, address);
        given().auth().oauth2(Tokens.donor(donor)).contentType("application/json").body("{}")
                .post("/api/v1/me/tickets/purchases/" + other.jsonPath().getString("id") + "/release").then()
                .statusCode(201);
        given().auth().oauth2(Tokens.donor(donor))
                .post("/api/v1/me/tickets/" + other.jsonPath().getString("tickets[0].id") + "/resend").then()
                .statusCode(409).body("code", equalTo("ticket_cancelled"));
    }

    private static byte[] bytes(Attachment attachment) {
        if (attachment.getFile() != null) {
            try {
                return java.nio.file.Files.readAllBytes(attachment.getFile().toPath());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<Byte> data = io.smallrye.mutiny.Multi.createFrom().publisher(attachment.getData()).collect().asList()
                .await().atMost(Duration.ofSeconds(5));
        byte[] bytes = new byte[data.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = data.get(i);
        }
        return bytes;
    }

    private static void patch(UUID donor, String ticket, Map<String, Object> body) {
        given().auth().oauth2(Tokens.donor(donor)).contentType("application/json").body(body)
                .patch("/api/v1/me/tickets/" + ticket).then().statusCode(200);
    }
}
