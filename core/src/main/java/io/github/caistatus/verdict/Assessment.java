package io.github.caistatus.verdict;

import io.github.caistatus.api.Cause;
import io.github.caistatus.api.Health;

/**
 * What one check's signals say on their own, before hysteresis.
 *
 * @param health     the health the signals point at
 * @param cause      why
 * @param summary    which signals agree, in one line
 * @param confidence how many opinions agree, in [0, 1]
 * @param atOnce     whether the bad news comes from sources believed at once (official page, host's calls)
 */
record Assessment(Health health, Cause cause, String summary, double confidence, boolean atOnce) {
}
