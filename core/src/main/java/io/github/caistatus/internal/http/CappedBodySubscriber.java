package io.github.caistatus.internal.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a body into bytes and gives up as soon as it grows past a cap, while it is still streaming: an
 * endless body stops at the cap, not at the timeout. A cap of zero ignores the body (the subscription is
 * cancelled at once), for callers that only need the status line. Internal: not part of the public API.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    private final long cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long received;

    CappedBodySubscriber(long cap) {
        this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.compareAndSet(null, s)) {
            s.cancel();
            return;
        }
        if (cap == 0 || result.isDone()) {
            s.cancel();
            result.complete(new byte[0]);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            received += n;
            if (received > cap) {
                abort(new BodyTooLargeException(cap));
                return;
            }
            byte[] chunk = new byte[n];
            b.get(chunk);
            buffer.write(chunk, 0, n);
        }
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    /**
     * Stops reading: cancels the subscription (which closes the connection) and fails the body with {@code why}.
     *
     * @param why the reason handed to whoever waits for the body
     */
    void abort(Throwable why) {
        result.completeExceptionally(why);
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }
}
