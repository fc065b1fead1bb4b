"""Rows for the participant bulk upload (P3) and its \\copy baseline: writes <dir>/batch0..3.ndjson (four uploads of
10,000 rows, each with its own keys) and <dir>/copy.csv (the same rows as records-table rows).

Plausible rows, as a real upload would be: six behaviours in turn, one every 4.3 minutes over the last 30 days, small
enough quantities to stay under each behaviour's daily cap, so nearly every row is credited (the dearer path)."""
import datetime
import sys
import uuid

d = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
kinds = [("E_RECEIPT", "1", "sheet"), ("PRINT_DOUBLE_SIDED", "2", "page"), ("PAPERLESS_DOCUMENTS", "2", "sheet"),
         ("RECYCLE_PAPER", "0.2", "kg"), ("ELECTRICITY_SAVED", "0.5", "kWh"), ("STAIRS_INSTEAD_OF_LIFT", "1", "floor")]
rows = [((now - datetime.timedelta(minutes=60 + i * 4.3)).strftime("%Y-%m-%dT%H:%M:%SZ"),) + kinds[i % len(kinds)]
        for i in range(10000)]
for upload in range(4):
    run = uuid.uuid4().hex[:8]
    with open(d + "/batch%d.ndjson" % upload, "w") as b:
        for i, (when, code, q, unit) in enumerate(rows):
            b.write('{"key":"bulk-%s-%d","behaviour":"%s","quantity":%s,"unit":"%s","occurredAt":"%s"}\n'
                    % (run, i, code, q, unit, when))
with open(d + "/copy.csv", "w") as c:
    for when, code, q, unit in rows:
        c.write("%s,%s,%s,%s,%s,%s,%s,%s,SELF_REPORT,API,CREDITED,2026.11.1,6,1.1.0,6,1.1.0,%s,%s\n" % (uuid.uuid4(),
                uuid.uuid4(), code, q, q, unit, when, when[:10], uuid.uuid4(), now.strftime("%Y-%m-%dT%H:%M:%SZ")))
