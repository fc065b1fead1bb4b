package org.lowcarbontogether.platform;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rows of a query that maps each row to an object. JdbcClient types every mapped row as nullable, because a single
 * column that is SQL NULL maps to null; a row mapped to a record or an entity never is, and this says so — checked.
 */
public final class Rows {

    private Rows() {}

    public static <T> List<T> present(List<@Nullable T> rows) {
        return rows.stream().map(Objects::requireNonNull).toList();
    }
}
