package io.github.caistatus.guard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Tries the fallbacks of an asynchronous call in order, each after the previous one failed. */
final class AsyncFallbacks<T> {

    private final Object[] handlers;
    private final CompletableFuture<T> out;
    // Written by one step at a time: each step runs after the previous stage completed (happens-before).
    private final Throwable[] failures;
    private int failed;

    AsyncFallbacks(Object[] handlers, CompletableFuture<T> out) {
        this.handlers = handlers;
        this.out = out;
        this.failures = new Throwable[handlers.length];
    }

    void answer(T result) {
        out.complete(result);
    }

    void fail(Throwable error) {
        out.completeExceptionally(error);
    }

    void start(FallbackContext context) {
        next(context, 0);
    }

    @SuppressWarnings("unchecked")
    private void next(FallbackContext context, int from) {
        for (int i = from; i < handlers.length; i++) {
            Object handler = handlers[i];
            try {
                if (handler instanceof AsyncFallback) {
                    CompletionStage<? extends T> stage = ((AsyncFallback<? extends T>) handler).apply(context);
                    if (stage == null) {
                        throw new NullPointerException("an async fallback returned a null stage");
                    }
                    int after = i + 1;
                    stage.whenComplete((result, error) -> {
                        if (error == null) {
                            out.complete(result);
                        } else {
                            failures[failed++] = AsyncAttempt.unwrap(error);
                            next(context, after);
                        }
                    });
                    return;
                }
                out.complete(((Fallback<? extends T>) handler).apply(context));
                return;
            } catch (Throwable t) {
                if (t instanceof Error) {
                    out.completeExceptionally(t);
                    return;
                }
                failures[failed++] = t;
                if (Guard.isInterruption(t, true)) {
                    Thread.currentThread().interrupt();
                    out.completeExceptionally(Guard.unavailable(context, failures, failed, true));
                    return;
                }
            }
        }
        out.completeExceptionally(Guard.unavailable(context, failures, failed, false));
    }
}
