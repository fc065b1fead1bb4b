#!/usr/bin/env python3
"""Load client for the crash-safety run: posts records with unique idempotency keys and logs, per thread, which keys
were acknowledged (2xx) and which were not (error, timeout, connection refused) together with their bodies, so the
unacknowledged ones can be retried with the same key afterwards.

usage: crash_client.py load <base-url> <tokens-file> <seconds> <threads> <out-dir>
       crash_client.py retry <base-url> <tokens-file> <out-dir>
"""
import json, os, random, sys, threading, time, urllib.request, urllib.error
from datetime import datetime, timedelta, timezone


def post(base, token, key, body, timeout=5):
    request = urllib.request.Request(base + "/api/v1/records", data=body.encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token, "Idempotency-Key": key})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception:
        return None, None


def load(base, tokens, seconds, threads, out):
    deadline = time.time() + seconds
    run = int(time.time())

    def worker(n):
        rnd = random.Random(run * 100 + n)
        acked = open(os.path.join(out, f"acked-{n}.jsonl"), "a")
        unacked = open(os.path.join(out, f"unacked-{n}.jsonl"), "a")
        i = 0
        while time.time() < deadline:
            i += 1
            key = f"crash-{run}-{n}-{i}"
            token_index = rnd.randrange(len(tokens))
            when = (datetime.now(timezone.utc) - timedelta(minutes=rnd.randint(60, 20 * 24 * 60))).strftime("%Y-%m-%dT%H:%M:%SZ")
            body = json.dumps({"behaviour": "BUS_INSTEAD_OF_CAR", "quantity": rnd.randint(1, 40), "unit": "km",
                               "occurredAt": when, "region": "CN-SH"})
            status, receipt = post(base, tokens[token_index], key, body)
            if status in (201, 202):
                acked.write(json.dumps({"key": key, "token": token_index, "id": receipt["id"]}) + "\n")
                acked.flush()
            else:
                unacked.write(json.dumps({"key": key, "token": token_index, "body": body, "status": status}) + "\n")
                unacked.flush()
                if status is None:
                    time.sleep(0.2)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def retry(base, tokens, out):
    retried = 0
    with open(os.path.join(out, "retried.jsonl"), "w") as result:
        for name in sorted(os.listdir(out)):
            if not name.startswith("unacked-"):
                continue
            for line in open(os.path.join(out, name)):
                row = json.loads(line)
                for attempt in range(20):
                    status, receipt = post(base, tokens[row["token"]], row["key"], row["body"], timeout=30)
                    if status in (201, 202):
                        result.write(json.dumps({"key": row["key"], "id": receipt["id"]}) + "\n")
                        retried += 1
                        break
                    time.sleep(0.5)
                else:
                    print("could not retry", row["key"], status, file=sys.stderr)
    print(retried)


if __name__ == "__main__":
    mode, base, token_file = sys.argv[1], sys.argv[2], sys.argv[3]
    tokens = [t.strip() for t in open(token_file) if t.strip()]
    if mode == "load":
        load(base, tokens, int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        retry(base, tokens, sys.argv[4])
