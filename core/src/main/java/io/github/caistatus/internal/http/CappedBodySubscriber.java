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
 * endless body stops at the cap, not at the timeout. A body that is not wanted (a redirect's, the control
 * probe's) is drained and counted under the same cap but not kept: cancelling it early instead would fail the
 * whole exchange on HTTP/2. Internal: not part of the public API.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    private final long cap;
    private final boolean keep;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long received;
    private volatile boolean overflowed;

    CappedBodySubscriber(long cap, boolean keep) {
        this.cap = cap;
        this.keep = keep;
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
        if (result.isDone()) {
            s.cancel();
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
                overflowed = true;
                abort(new BodyTooLargeException(cap));
                return;
            }
            if (keep) {
                byte[] chunk = new byte[n];
                b.get(chunk);
                buffer.write(chunk, 0, n);
            }
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
     * Whether the body grew past the cap. The exchange may then fail with the transport's own error (HTTP/2
     * reports the cancelled stream), so the reason is kept here too.
     *
     * @return true once the cap was exceeded
     */
    boolean overflowed() {
        return overflowed;
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
