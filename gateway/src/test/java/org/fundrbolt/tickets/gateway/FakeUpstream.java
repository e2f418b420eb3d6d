package org.fundrbolt.tickets.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for media-service and purchase-service that answers every path with the file type its name ends in
 * (.png, .csv, .pdf), without nosniff and with other security headers of its own, which the gateway must replace.
 * Both services are configured as three instances, as a list of base URLs: one that refuses connections (a replica
 * that is down) and two that answer, each naming itself in {@code X-Instance}.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

    private final List<HttpServer> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        List<String> urls = new ArrayList<>();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            urls.add("http://127.0.0.1:" + closed.getLocalPort()); // nothing listens there once it is closed
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String name : List.of("a", "b")) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/", exchange -> answer(exchange, name));
                server.start();
                servers.add(server);
                urls.add("http://127.0.0.1:" + server.getAddress().getPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        String instances = String.join(",", urls);
        return Map.of("gateway.services.media-url", instances, "gateway.services.purchase-url", instances);
    }

    private static void answer(HttpExchange exchange, String instance) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String type = path.endsWith(".png")
                ? "image/png"
                : path.endsWith(".csv")
                        ? "text/csv; charset=utf-8"
                        : "application/pdf";
        byte[] body = ("a body of " + type).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src *");
        exchange.getResponseHeaders().set("X-Instance", instance);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
    }
}
