package org.lowcarbontogether.schools;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The behaviours pupils may record, by grade band: a subset of the methodology's catalogue (its codes; the catalogue
 * itself is unchanged), each with a picture (a Lucide icon), a unit and a usual quantity, named in simple words by the
 * messages {@code schools.behaviour.<code>} and {@code schools.behaviour.<code>.hint}. A band includes the bands below
 * it. Nothing here is free text.
 */
public final class SchoolBehaviours {

    /** Grade bands: lower primary (1–3), upper primary (4–6), secondary (7–12). */
    public enum Band {
        LOWER_PRIMARY(1, 3),
        UPPER_PRIMARY(4, 6),
        SECONDARY(7, 12);

        private final int from;
        private final int to;

        Band(int from, int to) {
            this.from = from;
            this.to = to;
        }

        public int from() {
            return from;
        }

        public int to() {
            return to;
        }

        public static Band of(int grade) {
            for (Band band : values()) {
                if (grade >= band.from && grade <= band.to) {
                    return band;
                }
            }
            throw new IllegalArgumentException("grade " + grade);
        }
    }

    /** One behaviour a pupil may record: its code, from which band, its picture, unit and usual quantity. */
    public record Behaviour(String code, Band band, String icon, String unit, BigDecimal usual) {}

    private static final List<Behaviour> ALL = List.of(
            new Behaviour("WALK_INSTEAD_OF_CAR", Band.LOWER_PRIMARY, "footprints", "km", BigDecimal.ONE),
            new Behaviour("CLEAN_PLATE", Band.LOWER_PRIMARY, "utensils", "kg", new BigDecimal("0.1")),
            new Behaviour("BRING_OWN_CUP", Band.LOWER_PRIMARY, "cup-soda", "cup", BigDecimal.ONE),
            new Behaviour("REUSABLE_BAG", Band.LOWER_PRIMARY, "shopping-bag", "bag", BigDecimal.ONE),
            new Behaviour("STAIRS_INSTEAD_OF_LIFT", Band.LOWER_PRIMARY, "building-2", "floor", new BigDecimal("3")),
            new Behaviour("PASS_ON_BOOKS", Band.LOWER_PRIMARY, "book-open", "kg", new BigDecimal("0.5")),
            new Behaviour("CYCLE_INSTEAD_OF_CAR", Band.UPPER_PRIMARY, "bike", "km", new BigDecimal("2")),
            new Behaviour("BUS_INSTEAD_OF_CAR", Band.UPPER_PRIMARY, "bus", "km", new BigDecimal("3")),
            new Behaviour("RECYCLE_PAPER", Band.UPPER_PRIMARY, "recycle", "kg", new BigDecimal("0.5")),
            new Behaviour("RECYCLE_PET_BOTTLES", Band.UPPER_PRIMARY, "recycle", "kg", new BigDecimal("0.1")),
            new Behaviour("PRINT_DOUBLE_SIDED", Band.UPPER_PRIMARY, "printer", "page", new BigDecimal("10")),
            new Behaviour("METRO_INSTEAD_OF_CAR", Band.SECONDARY, "train-front", "km", new BigDecimal("5")),
            new Behaviour("PLANT_BASED_INSTEAD_OF_PORK", Band.SECONDARY, "salad", "kg", new BigDecimal("0.1")),
            new Behaviour("SECOND_HAND_CLOTHES", Band.SECONDARY, "shirt", "kg", new BigDecimal("0.5")),
            new Behaviour("REPAIR_CLOTHES", Band.SECONDARY, "scissors", "kg", new BigDecimal("0.3")),
            new Behaviour("PASS_ON_ELECTRONICS", Band.SECONDARY, "smartphone", "kg", new BigDecimal("0.2")));

    private SchoolBehaviours() {}

    /** The behaviours a pupil of this grade may record, in the catalogue's order of bands. */
    public static List<Behaviour> forGrade(int grade) {
        Band band = Band.of(grade);
        return ALL.stream().filter(b -> b.band().ordinal() <= band.ordinal()).toList();
    }

    /** Their codes, as the record path checks them. */
    public static Set<String> codesForGrade(int grade) {
        return forGrade(grade).stream().map(Behaviour::code).collect(Collectors.toUnmodifiableSet());
    }

    /** One behaviour of the grade's subset, if it is in it. */
    public static Optional<Behaviour> find(int grade, String code) {
        return forGrade(grade).stream().filter(b -> b.code().equals(code)).findFirst();
    }

    /** Every behaviour of any band. */
    public static List<Behaviour> all() {
        return ALL;
    }
}
