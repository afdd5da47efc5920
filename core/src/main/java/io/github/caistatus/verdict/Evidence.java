package io.github.caistatus.verdict;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;
import io.github.caistatus.api.ProbeRole;
import io.github.caistatus.api.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pure rules that turn the latest signal of each probe into one {@link Assessment}.
 *
 * <p>Precedence, in words: bad news wins over good news whoever gives it; the official page's bad news and
 * the host's own failing calls are believed at once; an unreachable endpoint is an outage only when something
 * proves our own network works (the control host or the official page answered), and {@code UNKNOWN /
 * LOCAL_NETWORK} when the control host fails too; a blocked endpoint (challenge page, 403) is our problem and
 * gives no opinion; a silent official page gives no opinion either.
 *
 * <p>Each source is read by its {@link Signal#role() role}, which the monitor set from how the probe was added;
 * a name is only a label, so a host's probe named {@code "official"} is a {@link ProbeRole#CUSTOM} source.
 */
final class Evidence {

    private static final ProbeRole ENDPOINT = ProbeRole.ENDPOINT;
    private static final ProbeRole OFFICIAL = ProbeRole.OFFICIAL_PAGE;
    private static final ProbeRole CONTROL = ProbeRole.CONTROL;
    private static final ProbeRole PASSIVE = ProbeRole.OWN_CALLS;

    private Evidence() {
    }

    /** One source's opinion about the service, after reading it in the light of the others. */
    private record Opinion(Signal signal, Health health, Cause cause, boolean atOnce) {
    }

    /**
     * Assesses the signals of one check.
     *
     * @param signals the latest signal of each probe
     * @param streaks per probe, for how many consecutive checks it has said the same thing
     * @return the assessment
     */
    static Assessment assess(List<Signal> signals, Map<String, Integer> streaks) {
        Signal endpoint = find(signals, ENDPOINT);
        Signal official = find(signals, OFFICIAL);
        Signal control = find(signals, CONTROL);
        Boolean networkUp = networkUp(control, official, find(signals, PASSIVE));
        boolean unreachable = endpoint != null && isNetworkFailure(endpoint);
        boolean localNetwork = unreachable && Boolean.FALSE.equals(networkUp);

        List<Opinion> opinions = opinions(signals, unreachable, localNetwork);
        Health health;
        Cause cause;
        boolean atOnce = false;
        Opinion worst = worstImpaired(opinions);
        if (worst != null) {
            health = worst.health();
            cause = explanation(worst, opinions);
            for (Opinion o : opinions) {
                if (o.atOnce() && o.health() == health) {
                    atOnce = true;
                }
            }
        } else if (localNetwork) {
            health = Health.UNKNOWN;
            cause = Cause.LOCAL_NETWORK;
        } else if (anyOperational(opinions)) {
            health = Health.OPERATIONAL;
            cause = Cause.NONE;
        } else if (endpoint != null && endpoint.cause() == Cause.BLOCKED) {
            health = Health.UNKNOWN;
            cause = Cause.BLOCKED;
        } else {
            health = Health.UNKNOWN;
            cause = silentCause(signals);
        }
        String summary = summary(signals, streaks, health, unreachable, localNetwork, networkUp);
        return new Assessment(health, cause, summary, agreement(opinions, health), atOnce);
    }

    /**
     * How far the opinions support {@code health}: the share of sources with an opinion that agree, scaled down
     * when sources are silent; zero for {@code UNKNOWN}.
     */
    static double confidence(List<Signal> signals, Health health) {
        Signal endpoint = find(signals, ENDPOINT);
        Boolean networkUp = networkUp(find(signals, CONTROL), find(signals, OFFICIAL), find(signals, PASSIVE));
        boolean unreachable = endpoint != null && isNetworkFailure(endpoint);
        return agreement(opinions(signals, unreachable, unreachable && Boolean.FALSE.equals(networkUp)), health);
    }

    private static double agreement(List<Opinion> opinions, Health health) {
        if (health == Health.UNKNOWN || opinions.isEmpty()) {
            return 0.0;
        }
        int known = 0;
        int agree = 0;
        for (Opinion o : opinions) {
            if (o.health() != Health.UNKNOWN) {
                known++;
                if (o.health().isImpaired() == health.isImpaired()) {
                    agree++;
                }
            }
        }
        if (known == 0) {
            return 0.0;
        }
        double c = ((double) agree / known) * (0.5 + 0.5 * known / opinions.size());
        return Math.round(c * 100.0) / 100.0;
    }

    private static List<Opinion> opinions(List<Signal> signals, boolean unreachable, boolean localNetwork) {
        List<Opinion> out = new ArrayList<>(signals.size());
        for (Signal s : ordered(signals)) {
            switch (s.role()) {
                case CONTROL:
                    break; // says something about our network, nothing about the service
                case ENDPOINT:
                    if (unreachable) {
                        out.add(localNetwork
                                ? new Opinion(s, Health.UNKNOWN, Cause.LOCAL_NETWORK, false)
                                : new Opinion(s, Health.MAJOR_OUTAGE, Cause.NETWORK, false));
                    } else if (s.cause() == Cause.BLOCKED) {
                        out.add(new Opinion(s, Health.UNKNOWN, Cause.BLOCKED, false));
                    } else {
                        out.add(new Opinion(s, s.health(), s.cause(), false));
                    }
                    break;
                case OFFICIAL_PAGE:
                case OWN_CALLS:
                case FLEET: // what another instance's own calls or checks saw: believed like our own
                    out.add(new Opinion(s, s.health(), s.cause(), true));
                    break;
                default:
                    out.add(new Opinion(s, s.health(), s.cause(), false));
            }
        }
        return out;
    }

    private static Opinion worstImpaired(List<Opinion> opinions) {
        Opinion worst = null;
        for (Opinion o : opinions) { // ordered by precedence: on a tie the earlier source names the cause
            if (o.health().isImpaired() && (worst == null || o.health().isWorseThan(worst.health()))) {
                worst = o;
            }
        }
        return worst;
    }

    /**
     * The cause to report: the worst opinion's, except that when the worst news is our own failing calls and
     * another source sees trouble too (a waiting room, 5xx, slowness), that source says why they fail.
     */
    private static Cause explanation(Opinion worst, List<Opinion> opinions) {
        if (worst.signal().role() != PASSIVE) {
            return worst.cause();
        }
        Opinion why = null;
        for (Opinion o : opinions) { // ordered by precedence; "the official page has an incident" is the vaguest
            if (o.signal().role() != PASSIVE && o.health().isImpaired()
                    && (why == null || o.health().isWorseThan(why.health())
                        || (o.health() == why.health() && why.cause() == Cause.OFFICIAL_INCIDENT))) {
                why = o;
            }
        }
        return why == null ? worst.cause() : why.cause();
    }

    private static boolean anyOperational(List<Opinion> opinions) {
        for (Opinion o : opinions) {
            if (o.health() == Health.OPERATIONAL) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether our own network works: true if the control host or the official page answered over HTTP, or the
     * host's own calls succeed; false if the control host (or, without one, the official page) could not be
     * reached; null if nothing tells.
     */
    private static Boolean networkUp(Signal control, Signal official, Signal passive) {
        if ((control != null && answered(control)) || (official != null && answered(official))
                || (passive != null && passive.health() == Health.OPERATIONAL)) {
            return Boolean.TRUE;
        }
        if ((control != null && isNetworkFailure(control)) || (official != null && isNetworkFailure(official))) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static boolean answered(Signal s) {
        return !isNetworkFailure(s) && s.cause() != Cause.NOT_CHECKED;
    }

    static boolean isNetworkFailure(Signal s) {
        return s.cause() == Cause.NETWORK || s.cause() == Cause.LOCAL_NETWORK;
    }

    private static Cause silentCause(List<Signal> signals) {
        for (Signal s : ordered(signals)) {
            if (s.role() != CONTROL && s.cause() != Cause.NONE) {
                return s.cause();
            }
        }
        return signals.isEmpty() ? Cause.NOT_CHECKED : Cause.SOURCE_UNAVAILABLE;
    }

    private static String summary(List<Signal> signals, Map<String, Integer> streaks, Health health,
                                  boolean unreachable, boolean localNetwork, Boolean networkUp) {
        if (signals.isEmpty()) {
            return "no check has completed yet";
        }
        List<String> parts = new ArrayList<>();
        for (Signal s : ordered(signals)) {
            String part = describe(s, unreachable, localNetwork, networkUp);
            if (part == null) {
                continue;
            }
            // how long bad or missing news has lasted is worth saying; how long all has been well is not
            int n = s.health() == Health.OPERATIONAL ? 1 : streaks.getOrDefault(s.probe(), 1);
            parts.add(n > 1 ? part + " for " + n + " checks" : part);
        }
        String joined = String.join("; ", parts);
        return localNetwork ? "our own network seems down: " + joined : joined;
    }

    private static String describe(Signal s, boolean unreachable, boolean localNetwork, Boolean networkUp) {
        String detail = s.detail().isBlank() ? word(s.health()) : s.detail();
        switch (s.role()) {
            case OFFICIAL_PAGE:
                if (s.health() == Health.UNKNOWN) {
                    return "official page silent" + paren(s.detail());
                }
                return s.health() == Health.OPERATIONAL
                        ? "official page operational"
                        : "official page reports " + word(s.health()) + paren(s.detail());
            case ENDPOINT:
                if (unreachable) {
                    String why = localNetwork ? "" : networkUp == null ? ", our own network unverified" : "";
                    return "health endpoint unreachable" + paren(s.detail() + why);
                }
                if (s.cause() == Cause.BLOCKED) {
                    return "health endpoint blocked us" + paren(s.detail());
                }
                return "health endpoint " + detail;
            case CONTROL:
                if (!unreachable) {
                    return null; // only worth a word when it decides between an outage and our own network
                }
                return isNetworkFailure(s) ? "control host unreachable too" : "control host answers";
            case OWN_CALLS:
                return "host's own calls " + detail;
            case FLEET:
                return s.detail().isBlank() ? "fleet " + word(s.health()) : s.detail();
            default:
                return s.probe() + " " + detail;
        }
    }

    private static String paren(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }

    /**
     * The health as a caller would say it, e.g. "major outage".
     *
     * @param h the health
     * @return lower-case words
     */
    static String word(Health h) {
        return h.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The signals in precedence order: official page, endpoint, own calls, fleet, custom as given, control last. */
    static List<Signal> ordered(List<Signal> signals) {
        List<Signal> out = new ArrayList<>(signals.size());
        for (ProbeRole role : new ProbeRole[] {OFFICIAL, ENDPOINT, PASSIVE, ProbeRole.FLEET}) {
            Signal s = find(signals, role);
            if (s != null) {
                out.add(s);
            }
        }
        for (Signal s : signals) {
            if (s.role() == ProbeRole.CUSTOM) {
                out.add(s);
            }
        }
        Signal control = find(signals, CONTROL);
        if (control != null) {
            out.add(control);
        }
        return out;
    }

    /** The first signal of the role, or null. */
    static Signal find(List<Signal> signals, ProbeRole role) {
        for (Signal s : signals) {
            if (s.role() == role) {
                return s;
            }
        }
        return null;
    }
}
