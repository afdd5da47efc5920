package io.github.caistatus.page;

import io.github.caistatus.CharacterAiStatus;
import io.github.caistatus.api.IncidentLog;
import io.github.caistatus.api.StatusSnapshot;
import io.github.caistatus.history.BundledHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders Character.AI's status page for people: one self-contained HTML document (no CDN, no web font, no
 * request to any other host) that reads without JavaScript.
 *
 * <p>It holds, top to bottom: a banner in plain words (usable or not, why, since when, the expected wait and the
 * time of the last check); each signal with its state, latency and detail; upcoming and active maintenance; 90
 * daily bars with the availability over them; every older month back to the history's first, with its own daily
 * bars; the incident history (observed live, the official page, the page's 2023-24 archive, the 2023 article's
 * reports) with each incident's dated stages; and the three ways to cope. With {@link Builder#liveUpdates(String)}
 * a few lines of script keep the banner, the signals and the maintenance current from a server-sent event stream
 * (see {@link StatusPageHandler}), show when the page was last updated, and say so plainly when contact is lost.
 *
 * <pre>{@code
 * String html = StatusPage.builder()
 *         .snapshot(status.snapshot())
 *         .incidents(status.incidents())
 *         .render();
 * }</pre>
 *
 * <p>Calendar days are days in {@link BundledHistory#ZONE} (US Pacific), as in the history; instants are shown in
 * UTC.
 */
public final class StatusPage {

    private StatusPage() {
    }

    /**
     * The page for a running status instance, now, without live updates.
     *
     * @param status the instance whose snapshot and incident log are shown
     * @return the HTML document
     */
    public static String render(CharacterAiStatus status) {
        Objects.requireNonNull(status, "status");
        return builder().snapshot(status.snapshot()).incidents(status.incidents()).render();
    }

    /**
     * A builder with every setting at its default: no live verdict, the bundled history, now.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** What one page shows; every setting has a default. Not thread-safe; build one page per builder call. */
    public static final class Builder {

        Optional<StatusSnapshot> snapshot = Optional.empty();
        Optional<IncidentLog> incidents = Optional.empty();
        Optional<BundledHistory> history = Optional.empty();
        Instant now;
        LocalDate lastDay;
        Optional<Instant> since = Optional.empty();
        Optional<Instant> watchingSince = Optional.empty();
        Map<String, Integer> streaks = Map.of();
        Optional<String> live = Optional.empty();

        private Builder() {
        }

        /**
         * The live verdict the banner and the signals show. Without one, the page is a page of history: its
         * banner says there is no live verdict.
         *
         * @param value the snapshot
         * @return this builder
         */
        public Builder snapshot(StatusSnapshot value) {
            this.snapshot = Optional.of(Objects.requireNonNull(value, "snapshot"));
            return this;
        }

        /**
         * The incident log whose incidents (observed live, official, bundled) the bars and the history show, and
         * whose typical durations give the expected wait. Default: the bundled incidents only.
         *
         * @param value the log
         * @return this builder
         */
        public Builder incidents(IncidentLog value) {
            this.incidents = Optional.of(Objects.requireNonNull(value, "incidents"));
            return this;
        }

        /**
         * The history behind the bars and the article's reports. Default: {@link BundledHistory#get()}.
         *
         * @param value the history
         * @return this builder
         */
        public Builder history(BundledHistory value) {
            this.history = Optional.of(Objects.requireNonNull(value, "history"));
            return this;
        }

        /**
         * The instant the page is rendered at; minutes of ongoing incidents count up to it. Default: the
         * system clock's.
         *
         * @param value the instant
         * @return this builder
         */
        public Builder now(Instant value) {
            this.now = Objects.requireNonNull(value, "now");
            return this;
        }

        /**
         * The last of the 90 days the bars show. Default: the day {@linkplain #now(Instant) now} falls on.
         *
         * @param value the day, in {@link BundledHistory#ZONE}
         * @return this builder
         */
        public Builder lastDay(LocalDate value) {
            this.lastDay = Objects.requireNonNull(value, "lastDay");
            return this;
        }

        /**
         * When the current verdict began, for the banner's "since". Default: not known, not shown.
         *
         * @param value the instant
         * @return this builder
         */
        public Builder since(Instant value) {
            this.since = Optional.of(Objects.requireNonNull(value, "since"));
            return this;
        }

        /**
         * Since when the host has been checking: days from then on are measured (no incident is a good day),
         * days before it with nothing in the history show as "no data". Default: never.
         *
         * @param value the instant checking began
         * @return this builder
         */
        public Builder watchingSince(Instant value) {
            this.watchingSince = Optional.of(Objects.requireNonNull(value, "watchingSince"));
            return this;
        }

        /**
         * How many checks in a row each probe has said what it says now, for the banner's "why" (e.g. "for at
         * least 3 checks"). Default: none known.
         *
         * @param value probe name to count
         * @return this builder
         */
        public Builder streaks(Map<String, Integer> value) {
            this.streaks = Map.copyOf(value);
            return this;
        }

        /**
         * Turns on live updates from a server-sent event stream at {@code eventsUrl} (relative to the page, e.g.
         * {@code "events"}), as {@link StatusPageHandler} serves it. Default: off, a static page.
         *
         * @param eventsUrl the stream's address
         * @return this builder
         */
        public Builder liveUpdates(String eventsUrl) {
            this.live = Optional.of(Objects.requireNonNull(eventsUrl, "eventsUrl"));
            return this;
        }

        /**
         * Renders the page.
         *
         * @return the HTML document, UTF-8 text
         */
        public String render() {
            return writer().page();
        }

        PageWriter writer() {
            Instant at = now != null ? now : Instant.now();
            BundledHistory h = history.orElseGet(BundledHistory::get);
            LocalDate last = lastDay != null ? lastDay : at.atZone(BundledHistory.ZONE).toLocalDate();
            return new PageWriter(this, h, at, last);
        }
    }
}
