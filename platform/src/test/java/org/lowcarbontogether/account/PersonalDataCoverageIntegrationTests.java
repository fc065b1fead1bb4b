package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the declarations of personal data honest against the live schema: every table that names a person — a foreign
 * key to {@code app_user}, a uuid column named like a person ({@code user_id}, {@code author_id}, {@code created_by},
 * {@code issued_to} …) or a text column holding an email address ({@code email}, {@code recipient}) — must be declared by some module's {@link PersonalData} bean, so a new table added without
 * thinking about a person's rights breaks the build, naming the table and what to add.
 */
@IntegrationTest
class PersonalDataCoverageIntegrationTests {

    /** A uuid column named like a reference to a person. */
    static final String PERSON_COLUMN =
            "(^|_)(user|person|people|participant|author|reviewer|actor|giver|receiver|member"
                    + "|owner|holder|recipient|invitee|inviter|officer|applicant|sender|subject)(_id)?$|_by$|_to$";

    /** A text column holding a person's email address (a message's recipient, a link's address). */
    static final String EMAIL_COLUMN = "(^|_)email$|^recipient$";

    record Column(String table, String column) implements Comparable<Column> {
        @Override
        public int compareTo(Column other) {
            return (table + "." + column).compareTo(other.table + "." + other.column);
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<PersonalData> modules;

    @Autowired
    DataExport exports;

    @Autowired
    Registration registration;

    @Autowired
    MessageSource messages;

    /** Every column of the live schema that names a person, and the people table itself. */
    Set<Column> personColumns() {
        var columns = new TreeSet<Column>();
        columns.add(new Column("app_user", "id"));
        columns.addAll(jdbc.sql("""
                        select cl.relname as table_name, a.attname as column_name
                        from pg_constraint k
                        join pg_class cl on cl.oid = k.conrelid
                        join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = current_schema()
                        join lateral unnest(k.conkey) as fk(attnum) on true
                        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = fk.attnum
                        where k.contype = 'f' and k.confrelid = 'app_user'::regclass""")
                .query((rs, n) -> new Column(rs.getString(1), rs.getString(2)))
                .list());
        columns.addAll(jdbc.sql("""
                        select c.table_name, c.column_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and c.data_type = 'uuid' and c.column_name ~ :pattern""")
                .param("pattern", PERSON_COLUMN)
                .query((rs, n) -> new Column(rs.getString(1), rs.getString(2)))
                .list());
        columns.addAll(jdbc.sql("""
                        select c.table_name, c.column_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and c.data_type in ('text', 'character varying') and c.column_name ~ :pattern""")
                .param("pattern", EMAIL_COLUMN)
                .query((rs, n) -> new Column(rs.getString(1), rs.getString(2)))
                .list());
        return columns;
    }

    Set<Column> declared() {
        var declared = new HashSet<Column>();
        for (PersonalData module : modules) {
            for (var holding : module.holdings()) {
                holding.columns().forEach(c -> declared.add(new Column(holding.table(), c)));
            }
        }
        return declared;
    }

    @Test
    void everyTableThatNamesAPersonIsDeclaredBySomeModule() {
        var missing = new TreeMap<String, List<String>>();
        var declared = declared();
        for (Column column : personColumns()) {
            if (!declared.contains(column)) {
                missing.computeIfAbsent(column.table(), t -> new ArrayList<>()).add(column.column());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        var message = new StringBuilder(
                "These tables name a person, but no module declares them: a person's export would leave them out and "
                        + "deleting their account would leave them behind.\n");
        missing.forEach((table, columns) -> message.append("\nTable ")
                .append(table)
                .append(" (column ")
                .append(String.join(", ", columns))
                .append("). In the module that owns ")
                .append(table)
                .append(", add to its bean implementing org.lowcarbontogether.platform.PersonalData")
                .append(" (one per module, e.g. MailPersonalData; see AccountPersonalData):\n")
                .append("  holdings(): Holding.of(\"")
                .append(table)
                .append("\", \"<kind>\", Treatment.DELETED or CLEARED or KEPT, \"")
                .append(String.join("\", \"", columns))
                .append("\")\n")
                .append("  export():   export.kind(\"<kind>\", PersonalData.query(jdbc, \"select … from ")
                .append(table)
                .append(" where ")
                .append(where(table, columns))
                .append("))\n")
                .append("  erase():    delete those rows, clear what identifies the person, or keep them under the ")
                .append("account's id, as the treatment says\n")
                .append("  and datarights.kind.<kind> in messages.properties and messages_zh_CN.properties.\n"));
        fail(message.toString());
    }

    /** The condition a suggested export query selects the person's rows by: their id, or else their email address. */
    private String where(String table, List<String> columns) {
        for (String column : columns) {
            if (!column.matches(".*" + "(email|recipient)$")) {
                return column + " = :person\", person";
            }
        }
        return columns.getFirst() + " = :email\", Map.of(\"email\", export.email()) (erase(): erasure.email())";
    }

    @Test
    void everyDeclarationNamesARealColumnAndAKindTheArchiveHoldsInBothLanguages() throws IOException {
        var columns = new HashSet<Column>(jdbc.sql("""
                        select table_name, column_name from information_schema.columns where table_schema = current_schema()""")
                .query((rs, n) -> new Column(rs.getString(1), rs.getString(2)))
                .list());
        for (Column column : declared()) {
            assertThat(columns)
                    .as("declared column %s.%s", column.table(), column.column())
                    .contains(column);
        }

        var person = AccountFixtures.person(registration, jdbc);
        var zip = new ByteArrayOutputStream();
        exports.write(person.id(), Locale.ENGLISH, zip);
        var files = new HashSet<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.add(entry.getName());
            }
        }
        assertThat(files).contains("README.txt");
        for (var kind : exports.kinds()) {
            assertThat(files)
                    .as("every declared kind is in the archive, even when empty")
                    .contains(kind.name() + ".json", kind.name() + ".csv");
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                assertThat(messages.getMessage("datarights.kind." + kind.name(), null, null, locale))
                        .as("datarights.kind.%s in %s", kind.name(), locale)
                        .isNotBlank();
            }
        }
        var kinds = exports.kinds().stream().map(DataExport.Kind::name).toList();
        for (String file : files) {
            if (file.endsWith(".json")) {
                assertThat(kinds)
                        .as("%s is written by an export, so some holding declares its kind", file)
                        .contains(file.substring(0, file.length() - ".json".length()));
            }
        }
    }
}
