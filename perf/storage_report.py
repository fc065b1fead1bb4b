#!/usr/bin/env python3
"""The figures of perf/storage.sh from its snapshots (<dir>/s0..s3.csv: one line per table and per index, sizes in
bytes) and the column widths of the tables that grew (<dir>/widths.jsonl).
  storage_report.py grown <before.csv> <after.csv>   the tables that grew most, one a line (for the column widths)
  storage_report.py widest <widths.jsonl> <phase> <k>  the widest column of the phase's first k tables, with the filter
  storage_report.py report <dir> <run> <n> <participants> "<credited0 records0 credited1 records1 credited2 records2>"
      "<wal api> <wal bulk>" "<min heap bytes> <min pk bytes>" "<wrk RESULT line>" <csv> <md>"""
import csv
import json
import sys

TOP_WIDTHS = 8   # tables whose column widths are measured, per phase
TOP_COLUMNS = 6  # columns shown per table
# Tables whose rows do not stay with the record: a running platform deletes them, and later rows reuse their space.
TRANSIENT = {"idempotency_key": "kept 7 days (`lct.idempotency.retention`), then deleted by the daily purge",
             "event_publication": "deleted once its listener has run (`completion-mode=delete`)"}


def load(path):
    tables, indexes = {}, {}
    for kind, table, index, main, maps, toast, idx, total, rows in csv.reader(open(path)):
        if kind == "table":
            tables[table] = dict(heap=int(main) + int(maps), toast=int(toast), index=int(idx), total=int(total),
                                 rows=int(rows))
        else:
            indexes[(table, index)] = int(total)
    return tables, indexes


def delta(before, after):
    (bt, bi), (at, ai) = before, after
    zero = dict(heap=0, toast=0, index=0, total=0, rows=0)
    tables = {t: {k: v - bt.get(t, zero)[k] for k, v in a.items()} for t, a in at.items()}
    indexes = {i: v - bi.get(i, 0) for i, v in ai.items()}
    return tables, indexes


def grown(before, after, limit=TOP_WIDTHS):
    tables, _ = delta(load(before), load(after))
    return [t for t, d in sorted(tables.items(), key=lambda x: -x[1]["total"]) if d["total"] > 0][:limit]


def b(x):
    return f"{x:,.0f}"


def phase_section(name, title, d, credited, records, wal, widths):
    tables, indexes = d
    total = sum(t["total"] for t in tables.values())
    parts = {k: sum(t[k] for t in tables.values()) for k in ("heap", "index", "toast")}
    per = lambda x: x / credited
    durable = total - sum(tables.get(t, {"total": 0})["total"] for t in TRANSIENT)
    out = [f"### {title}", "",
           f"{credited:,} credited of {records:,} records stored ({credited / records:.1%}). "
           f"**{per(total):,.0f} bytes per credited record**: heap {b(per(parts['heap']))} "
           f"(with its free-space and visibility maps), indexes {b(per(parts['index']))}, TOAST {b(per(parts['toast']))}. "
           f"WAL written during the phase: {b(wal / credited)} bytes per credited record. "
           f"**Kept for good: {per(durable):,.0f} bytes per credited record**, without the tables whose rows go: "
           + "; ".join(f"`{t}` {TRANSIENT[t]}" for t in TRANSIENT) + ".", "",
           "| table | rows added per record | heap B/record | indexes B/record | TOAST B/record | **total B/record** | share | B per added row |",
           "|---|---|---|---|---|---|---|---|"]
    grown_tables = sorted(((t, x) for t, x in tables.items() if x["total"] != 0), key=lambda x: -x[1]["total"])
    for t, x in grown_tables:
        rows = x["rows"]
        out.append(f"| `{t}` | {rows / credited:.2f} | {b(per(x['heap']))} | {b(per(x['index']))} | {b(per(x['toast']))} | "
                   f"**{b(per(x['total']))}** | {x['total'] / total:.1%} | {b(x['total'] / rows) if rows > 0 else '—'} |")
    out.append(f"| **all {len(grown_tables)} tables that grew** | {sum(x['rows'] for _, x in grown_tables) / credited:.2f} | "
               f"{b(per(parts['heap']))} | {b(per(parts['index']))} | {b(per(parts['toast']))} | **{b(per(total))}** | 100 % | |")
    out += ["", "Indexes of the five largest contributors, bytes per credited record:", ""]
    for t, _ in grown_tables[:5]:
        idx = sorted(((i, v) for (tt, i), v in indexes.items() if tt == t), key=lambda x: -x[1])
        out.append(f"- `{t}`: " + "; ".join(f"`{i}` {b(per(v))}" for i, v in idx))
    out += ["", "Average stored width of the largest columns (`avg(pg_column_size(col))`, bytes, after compression; "
                "the row as a whole: `pg_column_size(t.*)`, its 24-byte tuple header included, its 4-byte line pointer not), "
                "over the phase's rows:", "",
            "| table | rows measured | row | largest columns |", "|---|---|---|---|"]
    for w in widths:
        if not w["rows"]:
            continue
        cols = sorted(((c, float(v or 0)) for c, v in w["columns"].items()), key=lambda x: -x[1])[:TOP_COLUMNS]
        out.append(f"| `{w['table']}` | {w['rows']:,} | {float(w['row'] or 0):.0f} | "
                   + ", ".join(f"{c} {v:.1f}" for c, v in cols) + " |")
    out.append("")
    return out, total, parts, grown_tables, durable


def report(argv):
    d, run, n, participants, counts, wal, mins, wrk, csv_path, md_path = argv
    c0, r0, c1, r1, c2, r2 = map(int, counts.split())
    wal_api, wal_bulk = map(float, wal.split())
    min_heap, min_pk = map(int, mins.split())
    n = int(n)
    s = [load(f"{d}/s{i}.csv") for i in range(4)]
    widths = [json.loads(line) for line in open(f"{d}/widths.jsonl") if line.strip()]
    api_credited, bulk_credited = c1 - c0, c2 - c1
    api_md, api_total, api_parts, api_tables, api_durable = phase_section(
        "api", "Record API (`POST /api/v1/records`)", delta(s[0], s[1]), api_credited, r1 - r0, wal_api,
        [w for w in widths if w["phase"] == "api"])
    bulk_md, bulk_total, bulk_parts, bulk_tables, bulk_durable = phase_section(
        "bulk", "Bulk upload (`POST /api/v1/records:batch`)", delta(s[1], s[2]), bulk_credited, r2 - r1, wal_bulk,
        [w for w in widths if w["phase"] == "bulk"])
    compact, _ = delta(s[0], s[3])
    compact_total = sum(t["total"] for t in compact.values())
    both = api_credited + bulk_credited

    def ledger_row(tables):
        x = dict(tables)["ledger_entry"]
        return x["total"] / x["rows"]
    le_api, le_bulk = ledger_row(api_tables), ledger_row(bulk_tables)
    lines = [f"## Run {run}: `perf/storage.sh {n}` ({participants} participants through the API)", "",
             f"Settled before each snapshot with CHECKPOINT and VACUUM (ANALYZE); the record API phase: `{wrk}`.", ""]
    lines += api_md + bulk_md
    lines += whatif_section(f"{d}/whatif.jsonl") + lean_section(f"{d}/lean.jsonl")
    lines += ["### Baselines, same run, same database, settled the same way", "",
              "| | bytes per row |", "|---|---|",
              f"| `ledger_entry` alone (its growth over its rows), record API | {b(le_api)} |",
              f"| `ledger_entry` alone, bulk upload | {b(le_bulk)} |",
              f"| minimal row (uuid, uuid, bigint, timestamptz), {n:,} rows, heap alone | {b(min_heap / n)} |",
              f"| the same with a primary key on the two uuids (filled in random key order) | {b(min_pk / n)} |",
              f"| everything of both phases compacted (VACUUM FULL: tables rewritten, indexes rebuilt), per credited record | {b(compact_total / both)} |",
              ""]
    lines.append("Compacted, the largest: " + "; ".join(
        f"`{t}` {b(x['total'] / both)}" for t, x in sorted(compact.items(), key=lambda x: -x[1]["total"])[:8]) + ".")
    lines.append("")
    with open(md_path, "a") as f:
        f.write("\n".join(lines) + "\n")

    top = lambda tables, credited: " ".join(f"{t}={x['total'] / credited:.0f}" for t, x in tables[:5])
    header = ("run,n,participants,api_credited,api_records,api_bytes_per_record,api_heap,api_index,api_toast,"
              "api_wal_per_record,bulk_credited,bulk_records,bulk_bytes_per_record,bulk_heap,bulk_index,bulk_toast,"
              "bulk_wal_per_record,compact_bytes_per_record,ledger_entry_bytes_per_row_api,ledger_entry_bytes_per_row_bulk,"
              "minimal_heap_bytes_per_row,minimal_pk_bytes_per_row,api_top5,bulk_top5,api_kept_bytes_per_record,"
              "bulk_kept_bytes_per_record")
    try:
        new = open(csv_path).readline() == ""
    except FileNotFoundError:
        new = True
    with open(csv_path, "a") as f:
        if new:
            f.write(header + "\n")
        f.write(",".join(str(v) for v in [
            run, n, participants, api_credited, r1 - r0, round(api_total / api_credited),
            *(round(api_parts[k] / api_credited) for k in ("heap", "index", "toast")), round(wal_api / api_credited),
            bulk_credited, r2 - r1, round(bulk_total / bulk_credited),
            *(round(bulk_parts[k] / bulk_credited) for k in ("heap", "index", "toast")), round(wal_bulk / bulk_credited),
            round(compact_total / both), round(le_api), round(le_bulk), round(min_heap / n), round(min_pk / n),
            top(api_tables, api_credited), top(bulk_tables, bulk_credited), round(api_durable / api_credited),
            round(bulk_durable / bulk_credited)]) + "\n")
    print(f"record API: {api_total / api_credited:,.0f} bytes per credited record, {api_durable / api_credited:,.0f} kept for good "
          f"({api_credited:,} credited of {r1 - r0:,}); "
          f"top: {top(api_tables, api_credited)}")
    print(f"bulk upload: {bulk_total / bulk_credited:,.0f} bytes per credited record, {bulk_durable / bulk_credited:,.0f} kept for good "
          f"({bulk_credited:,} credited of {r2 - r1:,}); "
          f"top: {top(bulk_tables, bulk_credited)}")
    print(f"baselines: ledger_entry {le_api:,.0f} / {le_bulk:,.0f} bytes per row (api / bulk); minimal row {min_heap / n:,.0f} "
          f"(heap) / {min_pk / n:,.0f} (with primary key); compacted, both paths: {compact_total / both:,.0f} per credited record")
    print(f"breakdown: {md_path}")


def widest(path, phase, k):
    widths = [w for w in (json.loads(line) for line in open(path) if line.strip()) if w["phase"] == phase and w["rows"]]
    for w in widths[:k]:
        column, width = max(((c, float(v or 0)) for c, v in w["columns"].items()), key=lambda x: x[1])
        print(f"{w['table']}\t{column}\t{w['filter']}")


def whatif_section(path):
    try:
        rows = [json.loads(line) for line in open(path) if line.strip()]
    except FileNotFoundError:
        return []
    out = ["### What the widest columns cost, measured on copies", "",
           "The record API phase's rows of the three largest contributors copied into look-alike tables "
           "(`like … including all`, same order, settled the same way), as stored and with the widest column emptied: "
           "bytes per row, table and indexes. And the column's average stored width as it is, as text, and compressed "
           "(PostgreSQL compresses only rows of more than about 2 kB, and these are smaller: each value stored again "
           "beside a pad that takes its row past 2.1 kB, and its width read back):", "",
           "| table.column | rows | B/row as stored | B/row emptied (to) | **saving per row** | column width as stored | as text | pglz | lz4 |",
           "|---|---|---|---|---|---|---|---|---|"]
    for w in rows:
        n = w["rows"]
        lz4 = f"{w['width_lz4']:.0f}" if w.get("width_lz4") is not None else "not in this build"
        out.append(f"| `{w['table']}.{w['column']}` | {n:,} | {w['asis'] / n:,.0f} | {w['empty'] / n:,.0f} ({w['emptied_to']}) | "
                   f"**{(w['asis'] - w['empty']) / n:,.0f}** | {w['width_asis']:.0f} | {w['text']:.0f} | "
                   f"{w['width_pglz']:.0f} ({w['width_pglz'] / w['text']:.0%}) | {lz4} |")
    out.append("")
    return out


def lean_section(path):
    try:
        rows = [json.loads(line) for line in open(path) if line.strip()]
    except FileNotFoundError:
        return []
    if not rows:
        return []
    names = {"perf_lean": "record + ledger entry + key in one row, lean provenance (factor ids, figures), hashes as bytes",
             "perf_lean_bare": "the same without the key and its fingerprint, provenance `{}`"}
    out = ["### A sketch to judge the goal by: one row per credited record", "",
           "The record API phase's credited records, each written as one row holding what its record, ledger entry and "
           "key hold that cannot be derived (see the script), with the indexes their look-ups need; measured, not a design:", "",
           "| layout | rows | **B/row** | heap | indexes | row (`pg_column_size`) | provenance | indexes, B/row |", "|---|---|---|---|---|---|---|---|"]
    for w in rows:
        n = w["rows"]
        idx = "; ".join(f"{k.replace(w['table'] + '_', '')} {v / n:,.0f}" for k, v in sorted(w["index_sizes"].items(), key=lambda x: -x[1]))
        out.append(f"| {names.get(w['table'], w['table'])} | {n:,} | **{w['total'] / n:,.0f}** | {w['heap'] / n:,.0f} | "
                   f"{w['indexes'] / n:,.0f} | {w['row']:.0f} | {w['provenance']:.0f} | {idx} |")
    out.append("")
    return out


if __name__ == "__main__":
    if sys.argv[1] == "grown":
        print("\n".join(grown(sys.argv[2], sys.argv[3])))
    elif sys.argv[1] == "widest":
        widest(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        report(sys.argv[2:])
