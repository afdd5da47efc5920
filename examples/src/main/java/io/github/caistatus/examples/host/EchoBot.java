package io.github.caistatus.examples.host;

import java.util.Locale;

/**
 * A tiny in-process chat bot standing in for "another provider", the fallback people reach for when
 * Character.AI is down. Like any backup plan it has a smaller quota: past {@code perSecond} messages in a second
 * it refuses, and the next fallback answers.
 *
 * <p>Thread-safe.
 */
public final class EchoBot {

    private final int perSecond;
    private long windowSecond = Long.MIN_VALUE;
    private int used;

    /**
     * Creates a bot.
     *
     * @param perSecond how many messages it answers in a second; {@link Integer#MAX_VALUE} for no limit
     */
    public EchoBot(int perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /**
     * A bot without a quota.
     *
     * @return the bot
     */
    public static EchoBot unlimited() {
        return new EchoBot(Integer.MAX_VALUE);
    }

    /**
     * Answers a message.
     *
     * @param message the message
     * @return the reply
     * @throws IllegalStateException when over quota
     */
    public String send(String message) {
        take();
        String m = message.strip();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("hi") || lower.startsWith("hello") || lower.startsWith("hey")) {
            return "Hello! I'm the backup bot while Character.AI is away.";
        }
        if (m.endsWith("?")) {
            return "Good question. I'm only the backup bot, but I'd say: it depends!";
        }
        return "Noted: \"" + m + "\".";
    }

    private synchronized void take() {
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != windowSecond) {
            windowSecond = second;
            used = 0;
        }
        if (used >= perSecond) {
            throw new IllegalStateException("backup bot over its quota of " + perSecond + " messages a second");
        }
        used++;
    }
}
