import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checkout latency while coordinators export (ISSUE: edge hardening, M7): an event of ROWS tickets (50-seat tables
 * bought 100 at a time), then BUYERS donors buying one seat in a loop for SECONDS, first alone, then while EXPORTS
 * clients download the event's purchases export over and over (every one streamed to its end). The exports run on
 * purchase-service's own small database pool and are bounded per coordinator and per replica (429 past the bound),
 * so the checkout's p99 should barely move. Prints one JSON line with both phases side by side. Needs the gateway's
 * request limits off (the benchmark profile: GATEWAY_RATE_LIMITS_ENABLED=false), since one donor token buys for all.
 *
 * A warm-up of half a phase (at least 10 s) of sales comes first and is not counted.
 *
 * java ExportsDuringSales.java GATEWAY COORDINATOR_TOKENS(comma-separated) DONOR_TOKEN EVENT_ID
 *      [ROWS] [BUYERS] [SECONDS] [EXPORTS]
 */
public class ExportsDuringSales {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        List<String> coordinators = List.of(args[1].split(","));
        String donor = args[2];
        String event = args[3];
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        int buyers = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        int exporters = args.length > 7 ? Integer.parseInt(args[7]) : 10;
        String admin = gateway + "/api/v1/admin/events/" + event + "/tickets";

        String tables = newPackage(admin, coordinators.get(0), "{\"name\":\"Export tables\",\"price\":1,"
                + "\"seats_per_package\":50}");
        String seats = newPackage(admin, coordinators.get(0), "{\"name\":\"Export-phase seat\",\"price\":1}");
        String checkout = gateway + "/api/v1/events/" + event + "/tickets/purchase";
        for (int seeded = 0; seeded < rows; ) {
            int quantity = Math.min(100, (rows - seeded + 49) / 50);
            buy(checkout, donor, tables, quantity, 201);
            seeded += quantity * 50;
        }
        buy(checkout, donor, seats, 1, 201); // the measured package is on sale

        sell(checkout, donor, seats, buyers, Math.max(10, seconds / 2), null); // warm-up: the JIT, the pools
        Map<String, Object> alone = sell(checkout, donor, seats, buyers, seconds, null);
        Exports exports = new Exports(admin + "/purchases/export.csv", coordinators, exporters);
        Map<String, Object> during = sell(checkout, donor, seats, buyers, seconds, exports);

        Map<String, Object> result = new TreeMap<>();
        result.put("rows", rows);
        result.put("buyers", buyers);
        result.put("seconds_per_phase", seconds);
        result.put("export_clients", exporters);
        result.put("checkout_alone", alone);
        result.put("checkout_during_exports", during);
        result.put("exports", exports.figures());
        boolean valid = alone.get("unexpected").equals(0L) && during.get("unexpected").equals(0L)
                && exports.completed.get() > 0 && exports.failed.get() == 0;
        result.put("valid", valid);
        System.out.println(json(result));
    }

    /** BUYERS loops of one-seat purchases for SECONDS; with {@code exports}, those run meanwhile. */
    private static Map<String, Object> sell(String checkout, String donor, String packageId, int buyers, int seconds,
            Exports exports) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(buyers + (exports == null ? 0 : exports.clients));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong unexpected = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> running = new ArrayList<>();
        if (exports != null) {
            for (int i = 0; i < exports.clients; i++) {
                int client = i;
                running.add(pool.submit(() -> exports.loop(client, end)));
            }
        }
        String body = "{\"package_id\":\"" + packageId + "\",\"quantity\":1}";
        for (int i = 0; i < buyers; i++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = HTTP.send(post(checkout, donor, body),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 201) {
                            unexpected.incrementAndGet();
                        }
                    } catch (Exception e) {
                        unexpected.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Map<String, Object> figures = new TreeMap<>();
        figures.put("purchases", (long) sorted.size());
        figures.put("purchases_per_s", Math.round(sorted.size() * 10.0 / seconds) / 10.0);
        figures.put("p50_ms", millis(sorted, 0.50));
        figures.put("p99_ms", millis(sorted, 0.99));
        figures.put("max_ms", millis(sorted, 1.0));
        figures.put("unexpected", unexpected.get());
        return figures;
    }

    /** Export clients, each downloading the export to its end again and again; a 429 waits its Retry-After. */
    private static final class Exports {

        final String url;
        final List<String> coordinators;
        final int clients;
        final AtomicLong completed = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final List<Long> durations = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

        Exports(String url, List<String> coordinators, int clients) {
            this.url = url;
            this.coordinators = coordinators;
            this.clients = clients;
        }

        Void loop(int client, long end) {
            String token = coordinators.get(client % coordinators.size());
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                    HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    try (InputStream in = response.body()) {
                        byte[] buffer = new byte[65536];
                        long read = 0;
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            read += n;
                        }
                        bytes.addAndGet(read);
                    }
                    if (response.statusCode() == 200) {
                        completed.incrementAndGet();
                        durations.add(System.nanoTime() - start);
                    } else if (response.statusCode() == 429) {
                        refused.incrementAndGet();
                        long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                        Thread.sleep(Math.min(wait, 2) * 1000);
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }
            return null;
        }

        Map<String, Object> figures() {
            List<Long> sorted = new ArrayList<>(durations);
            Collections.sort(sorted);
            Map<String, Object> figures = new TreeMap<>();
            figures.put("completed", completed.get());
            figures.put("refused_429", refused.get());
            figures.put("failed", failed.get());
            figures.put("median_export_ms", millis(sorted, 0.5));
            figures.put("megabytes", bytes.get() / 1_000_000);
            figures.put("statuses", new TreeMap<>(statuses));
            return figures;
        }
    }

    private static String newPackage(String admin, String coordinator, String body) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/packages"))
                .header("Authorization", "Bearer " + coordinator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("package create answered " + created.statusCode() + ": "
                    + created.body());
        }
        return created.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
    }

    private static void buy(String checkout, String donor, String packageId, int quantity, int expected)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> bought = HTTP.send(post(checkout, donor, "{\"package_id\":\"" + packageId
                    + "\",\"quantity\":" + quantity + "}"), HttpResponse.BodyHandlers.ofString());
            if (bought.statusCode() == 404 && System.nanoTime() < deadline) {
                Thread.sleep(200); // the package's snapshot is still on its way to purchase-service
                continue;
            }
            if (bought.statusCode() != expected) {
                throw new IllegalStateException("purchase answered " + bought.statusCode() + ": " + bought.body());
            }
            return;
        }
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static double millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return Math.round(sorted.get(Math.max(0, index)) / 100_000.0) / 10.0;
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((key, item) -> out.append(out.length() > 1 ? "," : "").append('"').append(key).append("\":")
                    .append(json(item)));
            return out.append('}').toString();
        }
        return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    }
}
