import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live-count latency probe (deploy/load): listens to the admin sales stream (SSE) through the gateway,
 * buys one ticket at a steady rate, and measures, for each sale, the time from its 201 (committed) to
 * the first stream event whose sold_count for the package reaches that sale's count.
 * Usage: LiveLatency GATEWAY COORDINATOR_TOKEN DONOR_TOKEN EVENT_ID PACKAGE_ID SALES RATE_PER_SECOND
 */
public class LiveLatency {

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String coordinator = args[1];
        String donor = args[2];
        String event = args[3];
        String packageId = args[4];
        int sales = Integer.parseInt(args[5]);
        double rate = Double.parseDouble(args[6]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // sold_count seen on the stream -> the nanoTime it was first seen
        ConcurrentSkipListMap<Integer, Long> seen = new ConcurrentSkipListMap<>();
        Pattern packageCount = Pattern.compile("\\{[^{}]*\"package_id\"\\s*:\\s*\"" + packageId
                + "\"[^{}]*?\"sold_count\"\\s*:\\s*(\\d+)");
        Thread listener = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/admin/events/" + event
                        + "/tickets/sales/stream?access_token=" + coordinator)).header("Accept", "text/event-stream").build();
                HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body()))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            long now = System.nanoTime();
                            Matcher m = packageCount.matcher(line);
                            if (m.find()) {
                                seen.putIfAbsent(Integer.parseInt(m.group(1)), now);
                            }
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("stream ended: " + e);
            }
        });
        listener.setDaemon(true);
        listener.start();
        Thread.sleep(1500);
        // The stream's first event carries the figures before this run's sales.
        int base = seen.isEmpty() ? 0 : seen.lastKey();
        List<long[]> committed = new ArrayList<>(); // {count after sale, nanoTime of 201}
        long interval = (long) (1e9 / rate);
        long next = System.nanoTime();
        Pattern soldAfter = Pattern.compile("\"tickets\"");
        int failures = 0;
        for (int i = 0; i < sales; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            HttpRequest buy = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/events/" + event + "/tickets/purchase"))
                    .header("Authorization", "Bearer " + donor).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"package_id\":\"" + packageId + "\",\"quantity\":1}")).build();
            HttpResponse<String> response = http.send(buy, HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            if (response.statusCode() != 201 || !soldAfter.matcher(response.body()).find()) {
                failures++;
                continue;
            }
            committed.add(new long[] { i + 1, at });
        }
        Thread.sleep(3000);
        // The i-th successful sale of this run is visible once the stream shows a count >= base + i.
        List<Double> latencies = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < committed.size(); i++) {
            int target = base + i + 1;
            var entry = seen.ceilingEntry(target);
            if (entry == null) {
                missing++;
                continue;
            }
            latencies.add(Math.max(0, (entry.getValue() - committed.get(i)[1]) / 1e6));
        }
        Collections.sort(latencies);
        System.out.printf("LIVE sales=%d failures=%d missing=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", committed.size(),
                failures, missing, pct(latencies, 50), pct(latencies, 99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1));
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
