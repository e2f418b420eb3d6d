package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The sale path across all services, through the gateway only, as the SPA and checkout use it. */
class SalePathSystemTests {

    static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    private String admin(String path) {
        return GATEWAY + "/api/v1/admin/events/" + event + path;
    }

    private String createPackage(String name, String price, Integer limit) {
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("name", name, "price", new java.math.BigDecimal(price)));
        if (limit != null) {
            body.put("quantity_limit", limit);
        }
        return given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(admin("/tickets/packages")).then().statusCode(201).extract().path("id");
    }

    private Response buy(UUID donor, String packageId, int quantity, String promo) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("package_id", packageId, "quantity", quantity));
        if (promo != null) {
            body.put("promo_code", promo);
        }
        return given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase");
    }

    /** Buys until the package has reached purchase-service through catalog.packages (within 2 s per API.md). */
    private Response firstPurchase(UUID donor, String packageId, int quantity, String promo) {
        return Await.until("package " + packageId + " on sale", Duration.ofSeconds(10), () -> {
            Response response = buy(donor, packageId, quantity, promo);
            return response.statusCode() == 404 ? null : response;
        });
    }

    @Test
    void aPackageCreatedByTheCoordinatorIsSoldAndCountedLive() throws Exception {
        String packageId = createPackage("Gala dinner", "150.00", 50);
        given().get(GATEWAY + "/api/v1/events/" + event + "/tickets/packages").then().statusCode(200)
                .body("packages[0].id", equalTo(packageId)).body("packages[0].available", equalTo(50));

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest streamRequest = HttpRequest
                .newBuilder(URI.create(admin("/tickets/sales/stream?access_token=" + coordinator)))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> stream = http.send(streamRequest, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body()));
        CompletableFuture<String> sawSale = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("\"total_sold\":3")) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });

        UUID donor = UUID.randomUUID();
        Response purchase = firstPurchase(donor, packageId, 3, null);
        purchase.then().statusCode(201).body("total_price", equalTo(450.00f)).body("tickets.size()", equalTo(3));

        String update = sawSale.get(10, TimeUnit.SECONDS);
        assertThat(update).contains(packageId);
        stream.body().close();

        JsonPath sales = Await.until("the sale in the projection", Duration.ofSeconds(5), () -> {
            JsonPath json = given().auth().oauth2(coordinator).get(admin("/tickets/sales")).then().statusCode(200)
                    .extract().jsonPath();
            return json.getInt("total_sold") == 3 ? json : null;
        });
        assertThat(sales.getFloat("total_revenue")).isEqualTo(450.00f);
        given().auth().oauth2(coordinator).get(admin("/tickets/packages/" + packageId)).then().statusCode(200)
                .body("sold_count", equalTo(3)).body("available", equalTo(47));
        given().auth().oauth2(coordinator).get(admin("/tickets/purchases")).then().statusCode(200)
                .body("total", equalTo(1)).body("purchases[0].id", equalTo(purchase.jsonPath().getString("id")));
        given().auth().oauth2(SystemTokens.donor(donor)).get(GATEWAY + "/api/v1/me/tickets/purchases").then()
                .statusCode(200).body("purchases[0].id", equalTo(purchase.jsonPath().getString("id")));
    }

    @Test
    void aPromoCodeDiscountsAndASoldOutReleasesItsUse() {
        String packageId = createPackage("VIP Table", "1200.00", 2);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("code", "gala20", "discount_type", "percentage", "discount_value", 20, "max_total_uses",
                        5))
                .post(admin("/promo-codes")).then().statusCode(201).body("code", equalTo("GALA20"));
        Await.until("the package known to promo-service", Duration.ofSeconds(10), () -> given()
                .auth().oauth2(SystemTokens.donor(UUID.randomUUID()))
                .get(GATEWAY + "/api/v1/events/" + event + "/promo-codes/GALA20/validate?package_id=" + packageId
                        + "&quantity=2")
                .statusCode() == 200);
        given().auth().oauth2(SystemTokens.donor(UUID.randomUUID()))
                .get(GATEWAY + "/api/v1/events/" + event + "/promo-codes/gala20/validate?package_id=" + packageId
                        + "&quantity=2")
                .then().statusCode(200).body("discount_amount", equalTo(480.00f));

        firstPurchase(UUID.randomUUID(), packageId, 2, "GALA20").then().statusCode(201)
                .body("base_price", equalTo(2400.00f)).body("discount_amount", equalTo(480.00f))
                .body("total_price", equalTo(1920.00f)).body("promo_code", equalTo("GALA20"));
        buy(UUID.randomUUID(), packageId, 1, "GALA20").then().statusCode(409).body("code", equalTo("sold_out"));

        List<Map<String, Object>> codes = given().auth().oauth2(coordinator).get(admin("/promo-codes")).then()
                .statusCode(200).extract().path("promo_codes");
        assertThat(codes).singleElement().satisfies(code -> assertThat(code.get("current_uses")).isEqualTo(1));
    }

    @Test
    void aFiveMebibyteImageStreamsThroughTheGatewayAndIsServedBack() throws Exception {
        String packageId = createPackage("Photo package", "10.00", null);
        // Random pixels do not compress: a 1300 x 1300 PNG is just under 5 MiB.
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1300, 1300,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < 1300; y++) {
            for (int x = 0; x < 1300; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        byte[] bytes = png.toByteArray();
        assertThat(bytes.length).isBetween(4 * 1024 * 1024, 5 * 1024 * 1024);
        Response uploaded = Await.until("the package known to media-service", Duration.ofSeconds(30), () -> {
            Response response = given().auth().oauth2(coordinator)
                    .multiPart("file", "photo.png", bytes, "image/png")
                    .post(admin("/tickets/packages/" + packageId + "/image"));
            return response.statusCode() == 404 ? null : response;
        });
        uploaded.then().statusCode(201);
        String url = uploaded.jsonPath().getString("image_url");
        byte[] served = given().get(url).then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served)).getWidth()).isEqualTo(1300);
        given().auth().oauth2(coordinator).delete(admin("/tickets/packages/" + packageId + "/image")).then()
                .statusCode(204);
        given().get(url).then().statusCode(404);
    }

    @Test
    void internalPathsAreNeverRouted() {
        String service = SystemTokens.sign(UUID.randomUUID(), List.of("service"), List.of(), 300);
        given().auth().oauth2(service).contentType("application/json").body("{}")
                .post(GATEWAY + "/internal/v1/redemptions").then().statusCode(404).body("code", equalTo("not_found"));
        given().auth().oauth2(service).contentType("application/json").body("{}")
                .put(GATEWAY + "/internal/v1/inventory/" + UUID.randomUUID() + "/limit").then().statusCode(404);
    }

    @Test
    void theMergedOpenApiDocumentsEveryPublicPath() {
        Map<String, Object> paths = given().get(GATEWAY + "/openapi.json").then().statusCode(200).extract()
                .path("paths");
        assertThat(paths.keySet()).contains(
                "/api/v1/admin/events/{event_id}/tickets/packages",
                "/api/v1/admin/events/{event_id}/tickets/packages/{package_id}",
                "/api/v1/admin/events/{event_id}/tickets/packages/reorder",
                "/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/audit",
                "/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/options",
                "/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/options/{option_id}",
                "/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/image",
                "/api/v1/events/{event_id}/tickets/packages",
                "/api/v1/admin/events/{event_id}/tickets/sales",
                "/api/v1/admin/events/{event_id}/tickets/sales/stream",
                "/api/v1/admin/events/{event_id}/tickets/purchases",
                "/api/v1/admin/events/{event_id}/tickets/purchases/export.csv",
                "/api/v1/admin/events/{event_id}/promo-codes",
                "/api/v1/admin/events/{event_id}/promo-codes/{promo_id}",
                "/api/v1/events/{event_id}/promo-codes/{code}/validate",
                "/api/v1/events/{event_id}/tickets/purchase",
                "/api/v1/me/tickets/purchases",
                "/api/v1/me/tickets/{ticket_id}/qr.png",
                "/api/v1/tickets/signing-keys",
                "/api/v1/me/tickets/{ticket_id}",
                "/api/v1/me/tickets/purchases/{purchase_id}/receipt.pdf",
                "/api/v1/admin/events/{event_id}/tickets/purchases/{purchase_id}",
                "/api/v1/admin/events/{event_id}/tickets/purchases/{purchase_id}/cancellations",
                "/api/v1/me/tickets/purchases/{purchase_id}/release",
                "/api/v1/admin/events/{event_id}/tickets/{ticket_id}/resend",
                "/api/v1/me/tickets/{ticket_id}/resend",
                "/api/v1/admin/events/{event_id}/tickets/attendees",
                "/api/v1/admin/events/{event_id}/tickets/check-in/summary",
                "/api/v1/admin/events/{event_id}/tickets/check-ins",
                "/api/v1/admin/events/{event_id}/tickets/check-ins/{ticket_id}",
                "/api/v1/admin/events/{event_id}/tickets/check-ins/batch",
                "/api/v1/admin/events/{event_id}/tickets/door-list",
                "/api/v1/admin/events/{event_id}/tickets/guests.csv",
                "/api/v1/admin/events/{event_id}/tickets/check-in");
        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/internal"));
    }
}
