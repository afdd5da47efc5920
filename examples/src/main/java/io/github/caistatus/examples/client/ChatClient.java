package io.github.caistatus.examples.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A minimal chat client for the example host apps: {@code POST {"message":"…"}} to a chat route, expecting
 * {@code {"reply":"…"}} back (what the {@link io.github.caistatus.testkit.CharacterAiSimulator simulator}
 * speaks; point it at your own proxy for a real service). Every call is bounded by the timeout, headers and body
 * together; anything but a 2xx JSON reply throws {@link ChatException}.
 *
 * <pre>{@code
 * try (ChatClient cai = new ChatClient(sim.chatUri(), Duration.ofSeconds(2))) {
 *     String reply = cai.send("hello");
 * }
 * }</pre>
 */
public final class ChatClient implements AutoCloseable {

    /** The longest reply body read; more is a bad reply. */
    public static final int MAX_REPLY_BYTES = 256 * 1024;

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final URI uri;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient http;

    /**
     * Creates a client with its own HTTP client and daemon threads.
     *
     * @param uri     the chat route, e.g. {@code http://127.0.0.1:40123/chat}
     * @param timeout the most one call may take, connection, headers and body together
     */
    public ChatClient(URI uri, Duration timeout) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("chat endpoint must be http or https: " + uri);
        }
        int id = CLIENTS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chat-client-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * The chat route this client talks to.
     *
     * @return the address
     */
    public URI uri() {
        return uri;
    }

    /**
     * Sends one message and waits, at most the timeout, for the reply.
     *
     * @param message the message
     * @return the reply text
     * @throws ChatException on a non-2xx status, a timeout, a network failure, a body that is not a reply, or an
     *                       interrupt (the thread's interrupt flag is set again)
     */
    public String send(String message) {
        Objects.requireNonNull(message, "message");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JSONObject().put("message", message).toString()))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new Capped());
        HttpResponse<byte[]> response;
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ChatException(ChatException.Kind.TIMEOUT, 0, Optional.empty(),
                    "no reply within " + timeout.toMillis() + " ms", new HttpTimeoutException("timed out"));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ChatException(ChatException.Kind.INTERRUPTED, 0, Optional.empty(), "interrupted", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        return reply(response);
    }

    private static String reply(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new ChatException(ChatException.Kind.HTTP_STATUS, status, retryAfter(response),
                    "HTTP " + status, null);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new ChatException(ChatException.Kind.BAD_REPLY, status, Optional.empty(),
                    "HTTP " + status + " but not JSON (" + (type.isEmpty() ? "no content type" : type) + ")", null);
        }
        try {
            return new JSONObject(new String(response.body(), StandardCharsets.UTF_8)).getString("reply");
        } catch (JSONException e) {
            throw new ChatException(ChatException.Kind.BAD_REPLY, status, Optional.empty(),
                    "HTTP " + status + " without a reply field", e);
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        // only the seconds form: good enough for an example; the probes parse HTTP-dates too
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long s = Long.parseLong(v.trim());
                return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private ChatException failure(Throwable cause) {
        if (cause instanceof ChatException ce) {
            return ce;
        }
        if (cause instanceof HttpTimeoutException) {
            return new ChatException(ChatException.Kind.TIMEOUT, 0, Optional.empty(),
                    "no reply within " + timeout.toMillis() + " ms", cause);
        }
        String what = cause instanceof ConnectException ? "connection refused or unreachable"
                : cause instanceof IOException ? "network error (" + cause.getClass().getSimpleName() + ")"
                : "call failed (" + cause.getClass().getSimpleName() + ")";
        return new ChatException(ChatException.Kind.NETWORK, 0, Optional.empty(), what, cause);
    }

    /** Shuts down the client's threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Collects the body, failing as soon as it grows past {@link #MAX_REPLY_BYTES}. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (buffer.size() + b.remaining() > MAX_REPLY_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new ChatException(ChatException.Kind.BAD_REPLY, 0,
                            Optional.empty(), "reply longer than " + MAX_REPLY_BYTES + " bytes", null));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
