package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * API.md, "Tickets by email", against the running stack and its real SMTP server (MailDev): confirmations with one
 * decodable QR code per ticket and the receipt, guest tickets, cancellation notices, resends and their limit.
 */
class MailSystemTests {

    private static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    private String newPackage(String price) {
        String id = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Mailed seats", "price", new BigDecimal(price)))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        Await.until("package on sale", Duration.ofSeconds(15), () -> StackControl.query("purchase",
                "select count(*) from inventory where enabled and package_id = '" + id + "'") == 1);
        return id;
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.org";
    }

    private static List<Map<String, Object>> mailsTo(String address, int count) {
        return Await.until(count + " mail(s) to " + address, Duration.ofSeconds(20), () -> {
            List<Map<String, Object>> mails = MailDev.to(address);
            return mails.size() >= count ? mails : null;
        });
    }

    @Test
    void aPurchaseOfTwoSeatsIsOneConfirmationWithTwoQrCodesThatTheDoorAcceptsAndTheReceipt() {
        String packageId = newPackage("75.00");
        UUID donor = UUID.randomUUID();
        String buyer = address("buyer");
        JsonPath bought = given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("package_id", packageId, "quantity", 2, "email", buyer))
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase").then().statusCode(201).extract()
                .jsonPath();
        Map<String, Object> mail = mailsTo(buyer, 1).get(0);
        sleep(1_000);
        assertThat(MailDev.to(buyer)).as("exactly one confirmation").hasSize(1);
        assertThat(String.valueOf(mail.get("html"))).contains(bought.getString("tickets[0].ticket_number"))
                .contains(bought.getString("tickets[1].ticket_number"));
        assertThat(String.valueOf(mail.get("text"))).contains("Total: 150.00 USD");
        List<Map<String, Object>> images = MailDev.attachments(mail).stream()
                .filter(a -> "image/png".equals(a.get("contentType"))).toList();
        assertThat(images).hasSize(2);
        List<String> codes = images.stream().map(image -> MailDev.decodeQr(MailDev.attachment(mail, image))).toList();
        assertThat(codes).containsExactlyInAnyOrder(bought.getString("tickets[0].qr_code"),
                bought.getString("tickets[1].qr_code"));
        Map<String, Object> pdf = MailDev.attachments(mail).stream()
                .filter(a -> "application/pdf".equals(a.get("contentType"))).findFirst().orElseThrow();
        assertThat(MailDev.pdfText(MailDev.attachment(mail, pdf))).contains("Total paid: 150.00 USD");
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("qr_code", codes.get(0)))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/check-in").then().statusCode(200);
        Await.until("the mail shown sent to the coordinator", Duration.ofSeconds(10), () -> "sent".equals(
                given().auth().oauth2(coordinator).get(GATEWAY + "/api/v1/admin/events/" + event
                        + "/tickets/purchases/" + bought.getString("id")).jsonPath().getString("emails[0].status")));
    }

    @Test
    void guestsCancellationsAndResendsEachGetTheirMailAndTheSixthResendIsRefused() {
        String packageId = newPackage("40.00");
        UUID donor = UUID.randomUUID();
        String buyer = address("table-host");
        JsonPath bought = given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("package_id", packageId, "quantity", 3, "email", buyer))
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase").then().statusCode(201).extract()
                .jsonPath();
        mailsTo(buyer, 1);
        String ticket = bought.getString("tickets[1].id");
        String number = bought.getString("tickets[1].ticket_number");
        String guest = address("guest");
        given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("guest_name", "Grace Hopper", "guest_email", guest))
                .patch(GATEWAY + "/api/v1/me/tickets/" + ticket).then().statusCode(200);
        Map<String, Object> guestMail = mailsTo(guest, 1).get(0);
        assertThat(String.valueOf(guestMail.get("html"))).contains(number).contains("Grace Hopper")
                .doesNotContain(bought.getString("tickets[0].ticket_number"));
        List<Map<String, Object>> images = MailDev.attachments(guestMail);
        assertThat(images).hasSize(1);
        assertThat(MailDev.decodeQr(MailDev.attachment(guestMail, images.get(0))))
                .isEqualTo(bought.getString("tickets[1].qr_code"));
        String moved = address("guest-moved");
        given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("guest_email", moved)).patch(GATEWAY + "/api/v1/me/tickets/" + ticket).then()
                .statusCode(200);
        mailsTo(moved, 1);

        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("reason", "Seat not needed", "ticket_ids", List.of(bought.getString("tickets[2].id"))))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/purchases/" + bought.getString("id")
                        + "/cancellations")
                .then().statusCode(201);
        Map<String, Object> notice = mailsTo(buyer, 2).stream()
                .filter(mail -> String.valueOf(mail.get("subject")).startsWith("Tickets cancelled")).findFirst()
                .orElseThrow();
        Map<String, Object> corrected = MailDev.attachments(notice).stream()
                .filter(a -> "application/pdf".equals(a.get("contentType"))).findFirst().orElseThrow();
        assertThat(MailDev.pdfText(MailDev.attachment(notice, corrected))).contains("Corrected receipt")
                .contains("Refunded: 40.00 USD");

        for (int i = 0; i < 5; i++) {
            Response resend = i % 2 == 0
                    ? given().auth().oauth2(SystemTokens.donor(donor)).post(GATEWAY + "/api/v1/me/tickets/" + ticket
                            + "/resend")
                    : given().auth().oauth2(coordinator).post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/"
                            + ticket + "/resend");
            assertThat(resend.statusCode()).as(resend.asString()).isEqualTo(202);
            mailsTo(moved, 2 + i);
        }
        Response sixth = given().auth().oauth2(SystemTokens.donor(donor))
                .post(GATEWAY + "/api/v1/me/tickets/" + ticket + "/resend");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.jsonPath().getString("code")).isEqualTo("rate_limited");
        assertThat(sixth.header("Retry-After")).isNotBlank();
        sleep(1_500);
        assertThat(MailDev.to(moved)).as("the refused resend sent nothing").hasSize(6);
        assertThat(MailDev.to(guest)).as("the old address got nothing more").hasSize(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
