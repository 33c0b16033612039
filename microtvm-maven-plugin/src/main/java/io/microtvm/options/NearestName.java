package io.microtvm.options;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the candidate a mistyped word most likely meant ("verbos" → "verbose"), for "did you mean"
 * hints. Case is ignored and a swap of two neighbouring letters counts as one edit, since those
 * are the usual typing slips.
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * The closest candidate (first one on ties), or empty when none is close enough to be a
     * plausible intent: at most a third of the longer word's length in edits, at least 1. Long
     * names tolerate a missing part ("config_stack_size"); short ones only a slip.
     */
    public static Optional<String> among(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d <= allowedEdits(given, candidate)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int allowedEdits(String a, String b) {
        return Math.max(1, Math.max(a.length(), b.length()) / 3);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
