package io.github.caistatus.internal.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A client being made on a thread of its own ({@code cai-status-http-init}) rather than on the thread that builds
 * a status instance: making a JDK client (its selector thread, the TLS context) costs about a hundred milliseconds.
 * Requests made before it is ready wait for it without blocking a thread, within their own timeout, so a probe
 * thread stays interruptible and {@code close()} never waits for the client to be made. It answers the questions
 * asked at build time ({@link #followRedirects()}, {@link #connectTimeout()}) without waiting.
 */
final class LazyHttpClient extends HttpClient {

    private final Duration connectTimeout;
    private final CompletableFuture<HttpClient> made;

    LazyHttpClient(Duration connectTimeout, CompletableFuture<HttpClient> made) {
        this.connectTimeout = connectTimeout;
        this.made = made;
    }

    private HttpClient client() {
        try {
            return made.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the HTTP client could not be made", e.getCause());
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(connectTimeout);
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return made.get().send(request, handler);
        } catch (ExecutionException e) {
            throw new IOException("the HTTP client could not be made", e.getCause());
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        HttpClient ready = made.getNow(null);
        if (ready != null) {
            return ready.sendAsync(request, handler, pushPromiseHandler);
        }
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        made.whenComplete((client, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            if (result.isDone()) {
                return; // timed out or cancelled while the client was being made
            }
            CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, handler, pushPromiseHandler);
            // cancelling the caller's future aborts the exchange, as cancelling the client's own future does
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    exchange.cancel(true);
                }
            });
            exchange.whenComplete((r, e) -> {
                if (e != null) {
                    result.completeExceptionally(unwrap(e));
                } else {
                    result.complete(r);
                }
            });
        });
        return result;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
