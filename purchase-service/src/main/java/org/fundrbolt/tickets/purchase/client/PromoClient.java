package org.fundrbolt.tickets.purchase.client;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.fundrbolt.tickets.platform.client.Instances;
import org.fundrbolt.tickets.platform.client.ServiceToken;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The synchronous calls to promo-service (ARCHITECTURE.md): redeem a code before the sale commits,
 * release it when the sale fails. Owns the timeout and the circuit breaker; promo's own refusals
 * (404/409/410/422/429) pass through unchanged, anything else becomes 503 dependency_unavailable.
 */
@ApplicationScoped
public class PromoClient {

    private static final Logger LOG = Logger.getLogger(PromoClient.class);

    /**
     * What a successful redeem answers; {@code discountType} and {@code discountValue} are the code's rule (null from
     * a promo-service older than them), with which the claim recomputes the discount on the price it settles on.
     */
    public record Redemption(UUID promoId, String code, BigDecimal discountAmount, String discountType,
            BigDecimal discountValue) {
    }

    /**
     * A refusal by promo-service itself, passed on to the donor as it is. {@code usesInFlight}: an exhausted code
     * whose last uses are held by purchases still in flight, which may give them back in a moment.
     */
    public static class PromoRefusal extends DomainException {

        private final boolean usesInFlight;

        public PromoRefusal(int status, String code, String detail, Map<String, Object> extensions,
                boolean usesInFlight) {
            super(status, code, detail, List.of(), extensions);
            this.usesInFlight = usesInFlight;
        }

        public boolean usesInFlight() {
            return usesInFlight;
        }
    }

    /**
     * promo-service did not answer, or not with a verdict (a timeout, a reset, a 5xx): 503 dependency_unavailable to
     * the buyer. After a redeem its outcome is unknown ({@code reached}), since promo may have counted the use,
     * unless the connection was refused.
     */
    public static class PromoUnavailable extends DomainException {

        private final boolean reached;

        public PromoUnavailable(boolean reached) {
            super(503, "dependency_unavailable",
                    "promo-service is not reachable right now; nothing was changed. Try again shortly.");
            this.reached = reached;
        }

        /** Whether the call may have reached promo-service (anything but a refused connection). */
        public boolean reached() {
            return reached;
        }
    }

    private final WebClient client;
    private final Instances instances;
    private final long timeoutMillis;
    private final ServiceToken serviceToken;

    public PromoClient(Vertx vertx, PurchaseConfig config, ServiceToken serviceToken) {
        // Vert.x keeps 5 connections per host by default: a gala's opening (hundreds of buyers with one code at
        // once) would queue for them and time out while promo-service idles.
        this.client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(config.promo().maxConnections())
                .setKeepAlive(true));
        this.instances = Instances.of(config.promo().url());
        this.timeoutMillis = config.promo().timeout().toMillis();
        this.serviceToken = serviceToken;
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = PromoRefusal.class)
    public Uni<Redemption> redeem(UUID purchaseId, UUID attempt, UUID eventId, UUID donorId, String code,
            UUID packageId, int quantity, BigDecimal basePrice) {
        return post("/internal/v1/redemptions", purchaseId, attempt, eventId, donorId, code, packageId, quantity,
                basePrice);
    }

    /** Redeem's verdict without taking a use (the package cannot fit the order): a refusal, or the would-be discount. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = PromoRefusal.class)
    public Uni<Redemption> check(UUID purchaseId, UUID eventId, UUID donorId, String code, UUID packageId,
            int quantity, BigDecimal basePrice) {
        return post("/internal/v1/redemptions/checks", purchaseId, null, eventId, donorId, code, packageId, quantity,
                basePrice);
    }

    /**
     * The hidden packages of the event that {@code code} unlocks (API.md, "Sales rules"); promo-service counts an
     * unknown code against the donor's anti-guessing limit and answers it an empty list. Its 429 passes through.
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = PromoRefusal.class)
    public Uni<List<UUID>> unlocks(UUID eventId, UUID donorId, String code) {
        JsonObject body = new JsonObject().put("event_id", eventId.toString()).put("donor_id", donorId.toString())
                .put("code", code);
        return send(base -> client.postAbs(base.resolve("/internal/v1/unlocks").toString())
                .putHeader("Authorization", serviceToken.bearer())
                .timeout(timeoutMillis)
                .sendJsonObject(body))
                .onFailure().transform(PromoClient::unavailable)
                .map(response -> {
                    if (response.statusCode() == 200) {
                        return response.bodyAsJsonObject().getJsonArray("package_ids").stream()
                                .map(id -> UUID.fromString(id.toString())).toList();
                    }
                    refusalOrUnavailable(response, "an unlock");
                    return List.<UUID>of();
                });
    }

    /** The use of the purchase as held by this attempt of it (a later attempt that took it over keeps it). */
    @Retry(maxRetries = 3, delay = 200)
    public Uni<Void> release(UUID purchaseId, UUID attempt) {
        return release(purchaseId, attempt, false);
    }

    /**
     * {@code forGood}: the purchase is abandoned (its redeem's outcome was unknown and no other attempt carries its
     * id), so promo-service also refuses a redeem of it that arrives later. Not retried here: the caller decides.
     */
    public Uni<Void> release(UUID purchaseId, UUID attempt, boolean forGood) {
        return send(base -> client.deleteAbs(base.resolve("/internal/v1/redemptions/" + purchaseId + "?attempt="
                + attempt + (forGood ? "&final=true" : "")).toString())
                .putHeader("Authorization", serviceToken.bearer())
                .timeout(timeoutMillis)
                .send())
                .map(response -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException("release answered " + response.statusCode());
                    }
                    return (Void) null;
                });
    }

    /**
     * A fully cancelled purchase gives its promo use back at once (API.md, "Order lifecycle"); idempotent, and the
     * tickets_cancelled event does the same if this call is lost.
     */
    @Retry(maxRetries = 3, delay = 200)
    public Uni<Void> returnUse(UUID purchaseId) {
        return send(base -> client.postAbs(base.resolve("/internal/v1/redemptions/" + purchaseId + "/return")
                .toString())
                .putHeader("Authorization", serviceToken.bearer())
                .timeout(timeoutMillis)
                .send())
                .map(response -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException("return answered " + response.statusCode());
                    }
                    return (Void) null;
                });
    }

    /** A redeem or a check: the same body, answered the same way. */
    private Uni<Redemption> post(String path, UUID purchaseId, UUID attempt, UUID eventId, UUID donorId, String code,
            UUID packageId, int quantity, BigDecimal basePrice) {
        JsonObject body = new JsonObject().put("purchase_id", purchaseId.toString()).put("event_id", eventId.toString())
                .put("donor_id", donorId.toString()).put("code", code).put("package_id", packageId.toString())
                .put("quantity", quantity).put("base_price", basePrice);
        if (attempt != null) {
            body.put("attempt_id", attempt.toString());
        }
        return send(base -> client.postAbs(base.resolve(path).toString())
                .putHeader("Authorization", serviceToken.bearer())
                .timeout(timeoutMillis)
                .sendJsonObject(body))
                .onFailure().transform(failure -> unavailable(failure))
                .map(this::redemption);
    }

    /**
     * One call on the next promo-service instance in turn; a refused connection (an instance stopped or restarting)
     * is tried on the next one, since the request never left. Anything else is the caller's to judge.
     */
    private Uni<HttpResponse<Buffer>> send(Function<URI, Uni<HttpResponse<Buffer>>> call) {
        return Uni.createFrom().deferred(() -> send(call, instances.inTurn(), 0));
    }

    private static Uni<HttpResponse<Buffer>> send(Function<URI, Uni<HttpResponse<Buffer>>> call, List<URI> order,
            int attempt) {
        Uni<HttpResponse<Buffer>> once = call.apply(order.get(attempt));
        if (attempt + 1 >= order.size()) {
            return once;
        }
        return once.onFailure(Instances::refused).recoverWithUni(() -> send(call, order, attempt + 1));
    }

    private Redemption redemption(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            JsonObject json = response.bodyAsJsonObject();
            Object value = json.getValue("discount_value");
            return new Redemption(UUID.fromString(json.getString("promo_id")), json.getString("code"),
                    new BigDecimal(json.getValue("discount_amount").toString()), json.getString("discount_type"),
                    value == null ? null : new BigDecimal(value.toString()));
        }
        refusalOrUnavailable(response, "a redeem");
        return null;
    }

    /** promo's own refusal (4xx but 401/403) as a {@link PromoRefusal}; anything else is 503 dependency_unavailable. */
    private static void refusalOrUnavailable(HttpResponse<?> response, String call) {
        int status = response.statusCode();
        if (status >= 400 && status < 500 && status != 401 && status != 403) {
            JsonObject problem = safeJson(response);
            Map<String, Object> extensions = new LinkedHashMap<>();
            String retryAfter = response.getHeader("Retry-After");
            if (retryAfter != null) {
                extensions.put("retry_after", retryAfter);
            }
            throw new PromoRefusal(status, problem.getString("code", "promo_code_not_found"),
                    problem.getString("detail", "The promo code cannot be used."), extensions,
                    Boolean.TRUE.equals(problem.getValue("uses_in_flight")));
        }
        LOG.warnf("promo-service answered %d to %s", status, call);
        throw new PromoUnavailable(true);
    }

    private static JsonObject safeJson(HttpResponse<?> response) {
        try {
            JsonObject json = response.bodyAsJsonObject();
            return json == null ? new JsonObject() : json;
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    private static DomainException unavailable(Throwable failure) {
        if (failure instanceof DomainException domain) {
            return domain;
        }
        LOG.warnf("promo-service unreachable: %s", failure.toString());
        return new PromoUnavailable(!(failure instanceof java.net.ConnectException));
    }
}
