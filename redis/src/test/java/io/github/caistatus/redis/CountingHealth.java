package io.github.caistatus.redis;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback health route that answers 200 (or 500 once told) and counts the requests it gets. */
final class CountingHealth implements AutoCloseable {

    final AtomicInteger requests = new AtomicInteger();
    volatile int status = 200;
    private final HttpServer server;

    CountingHealth() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/health", ex -> {
            requests.incrementAndGet();
            byte[] body = "{\"redis\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
