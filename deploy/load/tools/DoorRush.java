import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The door rush (ISSUE: door operations): TICKETS tickets, each scanned offline by two of DEVICES devices, uploaded
 * in batches of 500 from every device at once. Prints one JSON line: the time until every scan had its result, the
 * results by kind, and the check-ins the server counts afterwards (exactly one per ticket, or the run is invalid).
 *
 * java DoorRush.java GATEWAY COORDINATOR_TOKEN DONOR_TOKEN EVENT_ID [TICKETS] [DEVICES]
 */
public class DoorRush {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern QR = Pattern.compile("\"qr_code\":\"([^\"]+)\"");
    private static final Pattern RESULT = Pattern.compile("\"result\":\"([a-z_]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String coordinator = args[1];
        String donor = args[2];
        String event = args[3];
        int tickets = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        int devices = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        String admin = gateway + "/api/v1/admin/events/" + event + "/tickets";

        String created = send(HttpRequest.newBuilder(URI.create(admin + "/packages")).header("Authorization",
                "Bearer " + coordinator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Door rush tables\",\"price\":1,"
                        + "\"seats_per_package\":50}")), 201);
        String packageId = created.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        List<String> codes = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (codes.size() < tickets) {
            int quantity = Math.min(100, (tickets - codes.size() + 49) / 50);
            HttpResponse<String> bought = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/events/"
                    + event + "/tickets/purchase")).header("Authorization", "Bearer " + donor)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"package_id\":\"" + packageId + "\",\"quantity\":"
                            + quantity + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (bought.statusCode() == 404 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200); // the package's snapshot is still on its way to purchase-service
                continue;
            }
            if (bought.statusCode() != 201) {
                throw new IllegalStateException("purchase answered " + bought.statusCode() + ": " + bought.body());
            }
            Matcher matcher = QR.matcher(bought.body());
            while (matcher.find() && codes.size() < tickets) {
                codes.add(matcher.group(1));
            }
        }

        // every ticket is scanned by two devices: device d holds tickets d and d+1 (mod devices)
        List<List<String>> scans = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            scans.add(new ArrayList<>());
        }
        for (int i = 0; i < codes.size(); i++) {
            scans.get(i % devices).add(codes.get(i));
            scans.get((i + 1) % devices).add(codes.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        long start = System.nanoTime();
        List<Future<int[]>> uploads = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String device = "rush-" + d + "-" + UUID.randomUUID();
            List<String> mine = scans.get(d);
            uploads.add(pool.submit(() -> upload(admin, coordinator, device, mine)));
        }
        int[] totals = new int[4];
        long slowestBatch = 0;
        for (Future<int[]> upload : uploads) {
            int[] counts = upload.get();
            for (int k = 0; k < 4; k++) {
                totals[k] += counts[k];
            }
            slowestBatch = Math.max(slowestBatch, counts[4]);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        String summary = send(HttpRequest.newBuilder(URI.create(admin + "/check-in/summary"))
                .header("Authorization", "Bearer " + coordinator).GET(), 200);
        long checkedIn = Long.parseLong(summary.replaceAll("(?s)^\\{\"checked_in\":(\\d+).*", "$1"));
        boolean valid = totals[0] == tickets && totals[1] == tickets && totals[2] == 0 && totals[3] == 0
                && checkedIn == tickets;
        System.out.printf("{\"tickets\":%d,\"devices\":%d,\"scans\":%d,\"ms_until_every_result\":%d,"
                + "\"scans_per_s\":%.0f,\"slowest_batch_ms\":%d,\"checked_in\":%d,\"already_checked_in\":%d,"
                + "\"other\":%d,\"server_checked_in\":%d,\"double_admissions\":%d,\"valid\":%s}%n", tickets, devices,
                2 * tickets, millis, 2 * tickets * 1000.0 / millis, slowestBatch, totals[0], totals[1],
                totals[2] + totals[3], checkedIn, Math.max(0, totals[0] - tickets), valid);
        if (!valid) {
            System.exit(1);
        }
    }

    /** The device's scans in batches of 500, one after the other; counts by result and its slowest batch. */
    private static int[] upload(String admin, String token, String device, List<String> codes) throws Exception {
        int[] counts = new int[5];
        Instant scannedAt = Instant.now().minusSeconds(60);
        for (int from = 0; from < codes.size(); from += 500) {
            StringBuilder body = new StringBuilder("{\"device_id\":\"" + device + "\",\"scans\":[");
            for (int i = from; i < Math.min(codes.size(), from + 500); i++) {
                body.append(i == from ? "" : ",").append("{\"qr_code\":\"").append(codes.get(i))
                        .append("\",\"nonce\":\"").append(i).append("\",\"scanned_at\":\"")
                        .append(scannedAt.plusMillis(i)).append("\"}");
            }
            long start = System.nanoTime();
            String answer = send(HttpRequest.newBuilder(URI.create(admin + "/check-ins/batch"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body + "]}")), 200);
            counts[4] = (int) Math.max(counts[4], (System.nanoTime() - start) / 1_000_000);
            Matcher matcher = RESULT.matcher(answer);
            while (matcher.find()) {
                switch (matcher.group(1)) {
                    case "checked_in" -> counts[0]++;
                    case "already_checked_in" -> counts[1]++;
                    case "cancelled" -> counts[2]++;
                    default -> counts[3]++;
                }
            }
        }
        return counts;
    }

    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
