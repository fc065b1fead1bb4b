package org.lowcarbontogether.platform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads rows with PostgreSQL's {@code COPY … FROM STDIN} in the caller's transaction — the fastest way to insert many
 * rows: no statement per row, no parameters to encode and parse. Values are written in COPY's text format: null as
 * {@code \N}, timestamps as ISO-8601 instants, numbers in plain notation, everything else as its text.
 */
@Component
public class CopyIn {

    private final DataSource dataSource;

    CopyIn(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the rows (each with one value per column, in order) into the table; returns how many were loaded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long rows(String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        var text = new Text(rows.size() * 512);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.write('\t');
                }
                append(text, row[i]);
            }
            text.write('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            var copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
            try {
                copy.writeToCopy(text.bytes(), 0, text.size());
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Appends one value in COPY's text format, as UTF-8 (the connection's encoding). The value is encoded first and its
     * bytes escaped: the four characters COPY escapes are ASCII, and no byte of a multi-byte UTF-8 character is, so
     * runs without them are copied whole — most values, provenance JSON included, in one piece.
     */
    static void append(Text out, Object value) {
        if (value == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        String text = switch (value) {
            case Timestamp t -> t.toInstant().toString();
            case BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int run = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte escaped = switch (bytes[i]) {
                case '\\' -> '\\';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                default -> 0;
            };
            if (escaped != 0) {
                out.write(bytes, run, i - run);
                out.write('\\');
                out.write(escaped);
                run = i + 1;
            }
        }
        out.write(bytes, run, bytes.length - run);
    }

    /**
     * The rows' text as it goes to the server: a growing byte buffer, handed over without another copy. Not a
     * ByteArrayOutputStream: its writes are synchronized, and there are some thirty per row.
     */
    static final class Text {

        private byte[] bytes;
        private int size;

        Text(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        void write(byte[] from, int offset, int length) {
            room(length);
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        @Override
        public String toString() {
            return new String(bytes, 0, size, StandardCharsets.UTF_8);
        }
    }
}
