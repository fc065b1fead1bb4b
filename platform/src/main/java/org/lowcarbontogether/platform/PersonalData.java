package org.lowcarbontogether.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a module holds about people, declared by the module that owns the tables: each module with a table that names a
 * person implements this as a bean, so the data-rights service ({@code account}) copies and erases a person's data
 * without reaching into any other module's tables. {@code PersonalDataCoverageIntegrationTests} reads the live schema
 * and fails for any table naming a person (a foreign key to {@code app_user}, a uuid column such as {@code user_id},
 * {@code author_id}, {@code created_by}, or a text column holding an email address) that no module declares here.
 */
public interface PersonalData {

    /**
     * What a deleted account is called wherever its name was kept (a story kept without its author's name, a
     * redemption's holder), for readers of either language.
     */
    String DELETED_NAME = "Deleted participant · 已注销的参与者";

    /** The tables the module keeps about people: one holding per table and role the person plays in it. */
    List<Holding> holdings();

    /** Writes everything the module holds about {@code person}, one kind (one pair of files) per holding. */
    void export(UUID person, Export export);

    /** Erases the person's data as {@link #holdings()} say, in the account deletion's transaction. */
    void erase(Erasure erasure);

    /** What deleting an account does to a holding's rows. */
    enum Treatment {
        /** Deleted with the account. */
        DELETED,
        /**
         * Kept for others' records (an attended event, an item handed over, a redemption), with what identifies the
         * person removed and whatever was still open ended or withdrawn.
         */
        CLEARED,
        /**
         * Kept as it is under the account's id, which after deletion identifies no one: the ledger and the records
         * (whose hash chain and programme figures depend on them), and what people did in a role for an organisation.
         */
        KEPT
    }

    /**
     * A table holding data about people: the columns that name a person, the kind its rows are exported as (the file
     * name, and the message key {@code datarights.kind.<kind>}), and what deleting an account does to them.
     */
    record Holding(String table, List<String> columns, String kind, Treatment treatment) {
        public Holding {
            columns = List.copyOf(columns);
        }

        public static Holding of(String table, String kind, Treatment treatment, String... columns) {
            return new Holding(table, List.of(columns), kind, treatment);
        }
    }

    /**
     * An account being deleted: whose, their email address as it was (for tables that name people by address: every
     * module erases before the account forgets it), at what moment, and whether its person keeps their published
     * stories, without their name (true), or has them unpublished and deleted (false).
     */
    record Erasure(UUID person, String email, Instant at, boolean keepPublishedStories) {}

    /** Where a module writes a person's data. */
    interface Export {

        /** The person's email address, for tables that name people by address. */
        String email();

        /** One kind of data, written as {@code <kind>.json} and {@code <kind>.csv} from one reading of {@code rows}. */
        void kind(String kind, Rows rows);

        /** A file the person gave the platform (a story's photo), as stored. */
        void file(String path, byte[] content);
    }

    /** Rows of one kind, read on demand: the column names first, then each row's values in their order. */
    @FunctionalInterface
    interface Rows {
        void read(Sink sink);
    }

    /** What receives a kind's rows. */
    interface Sink {
        void columns(List<String> names);

        void row(List<@Nullable Object> values);
    }

    /** JSON kept as text (a ledger entry's provenance), written into the export as JSON rather than as a string. */
    record Json(String text) {}

    /**
     * The rows of one query, named as the query names its columns: times as instants, dates as dates, json and jsonb as
     * {@link Json}, arrays as lists. Fetched 500 at a time, so a long history streams through (inside a transaction).
     */
    static Rows query(JdbcClient jdbc, String sql, Map<String, ?> params) {
        return sink -> jdbc.sql(sql).withFetchSize(500).params(params).query((ResultSetExtractor<Integer>) rs -> {
            var meta = rs.getMetaData();
            int count = meta.getColumnCount();
            var names = new ArrayList<String>(count);
            var types = new ArrayList<String>(count);
            for (int i = 1; i <= count; i++) {
                names.add(meta.getColumnLabel(i));
                types.add(meta.getColumnTypeName(i));
            }
            sink.columns(names);
            int rows = 0;
            while (rs.next()) {
                var values = new ArrayList<@Nullable Object>(count);
                for (int i = 1; i <= count; i++) {
                    values.add(value(rs, i, types.get(i - 1)));
                }
                sink.row(values);
                rows++;
            }
            return rows;
        });
    }

    /** The rows of one query about one person, who is {@code :person} in it. */
    static Rows query(JdbcClient jdbc, String sql, UUID person) {
        return query(jdbc, sql, Map.of("person", person));
    }

    private static @Nullable Object value(ResultSet rs, int column, String type) throws SQLException {
        if (type.equals("json") || type.equals("jsonb")) {
            String text = rs.getString(column);
            return text == null ? null : new Json(text);
        }
        Object value = rs.getObject(column);
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return value;
    }
}
