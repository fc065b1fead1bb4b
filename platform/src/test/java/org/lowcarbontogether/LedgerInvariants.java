package org.lowcarbontogether;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The ledger's invariants, checked after every integration test class: each balance equals the sum of its entries and
 * its entry count the number of entries; every entry has provenance naming its methodology version; every credited
 * record points at an entry of its own person, and every entry at a record; the points tallies (badges, streaks) count
 * exactly the earnings whose credit stands; no credit exceeds its behaviour's per-record ceiling.
 */
public class LedgerInvariants implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        JdbcClient jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
        assertThat(jdbc.sql("""
                        select count(*) from ledger_account a
                        where a.balance_grams <> coalesce((select sum(grams) from ledger_entry e where e.user_id = a.user_id), 0)
                           or a.entry_count <> (select count(*) from ledger_entry e where e.user_id = a.user_id)""").query(Long.class).single())
                .as("accounts whose balance or count differs from their entries")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from ledger_entry
                        where provenance is null or provenance->>'methodologyVersion' is distinct from methodology_version""").query(Long.class).single())
                .as("entries without provenance naming their version")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from activity_record r
                        where r.status = 'CREDITED' and not exists (
                            select 1 from ledger_entry e where e.user_id = r.user_id and e.id = r.ledger_entry_id)""").query(Long.class).single())
                .as("credited records without their ledger entry")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from ledger_entry e where e.kind = 'CREDIT' and not exists (
                            select 1 from activity_record r where r.user_id = e.user_id and r.id = e.record_id)""").query(Long.class).single())
                .as("ledger entries without their record")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from ledger_entry e
                        join methodology_version v on v.code = e.methodology_code and v.version = e.methodology_version
                        cross join lateral jsonb_array_elements(v.document -> 'behaviours') b
                        where e.kind = 'CREDIT' and b ->> 'code' = e.behaviour and b ->> 'maxGramsPerRecord' is not null
                          and e.grams > (b ->> 'maxGramsPerRecord')::bigint""").query(Long.class).single())
                .as("credits above their behaviour's per-record ceiling")
                .isZero();
        assertThat(jdbc.sql("""
                        with derived as (
                            select e.user_id, e.day, e.behaviour, count(*) as earnings from points_entry e
                            where e.kind = 'EARNED' and e.behaviour is not null and e.day is not null
                              and not exists (select 1 from points_entry c where c.user_id = e.user_id and c.kind = 'CLAWBACK'
                                              and c.record_id = e.record_id)
                            group by e.user_id, e.day, e.behaviour
                        ), kept as (select * from points_tally where earnings > 0)
                        select count(*) from derived d full join kept k
                            on k.user_id = d.user_id and k.day = d.day and k.behaviour = d.behaviour
                        where d.earnings is distinct from k.earnings""").query(Long.class).single())
                .as("points tallies that differ from the points entries they count")
                .isZero();
        assertThat(jdbc.sql("""
                        with derived as (
                            select user_id, day, behaviour, sum(points) as points from points_entry
                            where kind = 'EARNED' and behaviour is not null and day is not null
                            group by user_id, day, behaviour
                        ), kept as (select * from points_tally where points <> 0)
                        select count(*) from derived d full join kept k
                            on k.user_id = d.user_id and k.day = d.day and k.behaviour = d.behaviour
                        where coalesce(d.points, 0) is distinct from coalesce(k.points, 0)""").query(Long.class).single())
                .as("points tallies whose points differ from the day's earned points entries")
                .isZero();
    }
}
