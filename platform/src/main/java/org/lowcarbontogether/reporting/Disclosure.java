package org.lowcarbontogether.reporting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disclosure control for published tables: no figure the public sees may describe fewer than {@code minimum} people,
 * nor let one be worked out from the figures shown.
 * <p>
 * Primary suppression hides every cell of fewer than the minimum number of people. Complementary suppression then
 * walks the table's additive relations — each row's cells add up to the row's total, each column's to the column's
 * total, the totals to the grand total — and wherever exactly one figure of a relation is hidden (so the others would
 * give it away by subtraction), hides one more: the cell with the fewest people, preferring inner cells over totals.
 * It repeats until no relation has exactly one hidden figure. People counts do not add up (one person counts in
 * several cells), but behaviours and grams do, which is what differencing would recover. A pure function.
 */
public final class Disclosure {

    private Disclosure() {}

    /** A figure of a table, by a key unique in the table, with the number of people behind it. */
    public record Cell(String key, long people) {}

    /** A relation: the parts add up to the total. */
    public record Relation(String total, List<String> parts) {}

    /**
     * The keys to hide so that no cell of fewer than {@code minimum} people is shown or derivable through the
     * relations. Keys in {@code neverHide} (the grand total) are not chosen for complementary suppression; a table
     * whose grand total itself is too small is the caller's to withhold.
     */
    public static Set<String> suppressed(
            Collection<Cell> cells, Collection<Relation> relations, int minimum, Set<String> neverHide) {
        Map<String, Long> people = new LinkedHashMap<>();
        cells.forEach(c -> people.put(c.key(), c.people()));
        Set<String> totals = new HashSet<>();
        relations.forEach(r -> totals.add(r.total()));
        Set<String> hidden = new HashSet<>();
        people.forEach((key, count) -> {
            if (count < minimum && !neverHide.contains(key)) {
                hidden.add(key);
            }
        });
        // Hiding the cheapest figure: fewest people first, inner cells before totals, then by key for a stable result.
        Comparator<String> cheapest = Comparator.<String, Boolean>comparing(totals::contains)
                .thenComparingLong(k -> people.getOrDefault(k, 0L))
                .thenComparing(Comparator.naturalOrder());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Relation relation : relations) {
                var members = new ArrayList<String>(relation.parts().size() + 1);
                members.add(relation.total());
                members.addAll(relation.parts());
                members.removeIf(k -> !people.containsKey(k));
                long hiddenCount = members.stream().filter(hidden::contains).count();
                if (hiddenCount != 1) {
                    continue;
                }
                var candidate = members.stream()
                        .filter(k -> !hidden.contains(k) && !neverHide.contains(k))
                        .min(cheapest);
                if (candidate.isPresent()) {
                    hidden.add(candidate.get());
                    changed = true;
                }
            }
        }
        return hidden;
    }
}
