"""Drives perf/cluster.sh's three instances through nginx: records (each retried with its Idempotency-Key until
acknowledged), a signed-in page session, and then the sign-in limit and a token revocation. Kills one instance halfway.
Writes acknowledged.json (the ids acknowledged) and summary.json to --out."""
import argparse, base64, http.cookiejar, json, os, random, re, signal, threading, time, urllib.error, urllib.request, uuid
from datetime import datetime, timedelta, timezone

p = argparse.ArgumentParser()
p.add_argument("--lb"); p.add_argument("--ports", nargs="+"); p.add_argument("--seconds", type=int)
p.add_argument("--sign-in-capacity", type=int); p.add_argument("--out"); p.add_argument("--kill-pid", type=int)
a = p.parse_args()
PASSWORD = "green steps every day"


def call(url, method="GET", body=None, headers=None, opener=None, timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if body is not None and "Content-Type" not in (headers or {}):
        req.add_header("Content-Type", "application/json")
    try:
        with (opener.open(req, timeout=timeout) if opener else urllib.request.urlopen(req, timeout=timeout)) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except Exception as e:  # connection refused, reset, timeout
        return 0, str(e)


def basic(email):
    return "Basic " + base64.b64encode(f"{email}:{PASSWORD}".encode()).decode()


def participant(base, address):
    email = f"cluster-{uuid.uuid4()}@example.org"
    status, _ = call(f"{base}/api/v1/users", "POST", {"email": email, "password": PASSWORD, "displayName": "Cluster"},
                     {"X-Forwarded-For": address})
    assert status == 201, status
    status, body = call(f"{base}/api/v1/tokens", "POST", {}, {"Authorization": basic(email), "X-Forwarded-For": address})
    assert status == 201, (status, body)
    return email, json.loads(body)["token"]


people = [participant(a.lb, f"10.66.0.{i + 1}") for i in range(8)]
stop = threading.Event()
lock = threading.Lock()
acknowledged, retries, ids_by_key = [], [0], {}
modes = [("METRO_INSTEAD_OF_CAR", 10), ("BUS_INSTEAD_OF_CAR", 10), ("CYCLE_INSTEAD_OF_CAR", 8), ("WALK_INSTEAD_OF_CAR", 4)]


def records():
    while not stop.is_set():
        _, token = random.choice(people)
        mode, km = random.choice(modes)
        when = (datetime.now(timezone.utc) - timedelta(minutes=random.randint(60, 29 * 24 * 60))).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = {"behaviour": mode, "quantity": round(random.uniform(1, km - 1), 1), "unit": "km", "occurredAt": when,
                "region": "CN-GD"}
        key = f"cluster-{uuid.uuid4()}"
        deadline = time.time() + 60
        while time.time() < deadline:
            status, text = call(f"{a.lb}/api/v1/records", "POST", body,
                                {"Authorization": f"Bearer {token}", "Idempotency-Key": key})
            if 200 <= status < 300:
                with lock:
                    rid = json.loads(text)["id"]
                    ids_by_key.setdefault(key, set()).add(rid)
                    acknowledged.append(rid)
                break
            with lock:
                retries[0] += 1
            time.sleep(0.2)


pages = {"ok": 0, "failed": 0}


def page_session():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    email, _ = people[0]
    _, login = call(f"{a.lb}/login", opener=opener)
    csrf = re.search(r'name="_csrf" (?:content|value)="([^"]+)"', login).group(1)
    form = f"username={urllib.parse.quote(email)}&password={urllib.parse.quote(PASSWORD)}&_csrf={urllib.parse.quote(csrf)}"
    status, _ = call(f"{a.lb}/login", "POST", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}, opener)
    assert status == 302, status
    while not stop.is_set():
        status, _ = call(f"{a.lb}/account/security", opener=opener)
        pages["ok" if status == 200 else "failed"] += 1
        time.sleep(0.1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


import urllib.parse  # noqa: E402

started = time.time()
threads = [threading.Thread(target=records) for _ in range(4)] + [threading.Thread(target=page_session)]
for t in threads:
    t.start()
time.sleep(a.seconds / 2)
os.kill(a.kill_pid, signal.SIGKILL)
killed_at = time.time() - started
print(f"killed instance 2 (pid {a.kill_pid}) after {killed_at:.0f} s")
time.sleep(a.seconds / 2)
stop.set()
for t in threads:
    t.join()
elapsed = time.time() - started

# The sign-in limit across the survivors, from one (forwarded) address: three times the capacity of wrong passwords.
accepted = 0
for i in range(3 * a.sign_in_capacity):
    status, _ = call(f"{a.lb}/api/v1/tokens", "POST", {}, {"Authorization": basic(f"nobody-{uuid.uuid4()}@example.org"),
                                                         "X-Forwarded-For": "10.77.0.1"})
    accepted += status == 401

# A token revoked on the first instance, refused by the third (which checked it a moment before).
first, third = (f"http://localhost:{port}" for port in (a.ports[0], a.ports[2]))
email, _ = people[1]
status, body = call(f"{first}/api/v1/tokens", "POST", {}, {"Authorization": basic(email), "X-Forwarded-For": "10.77.0.2"})
token = json.loads(body)["token"]
auth = {"Authorization": f"Bearer {token}"}
assert call(f"{third}/api/v1/tokens", headers=auth)[0] == 200
assert call(f"{first}/api/v1/tokens/current", "DELETE", headers=auth)[0] == 204
revoked = time.time()
while call(f"{third}/api/v1/tokens", headers=auth)[0] == 200 and time.time() - revoked < 15:
    pass
revocation_ms = round((time.time() - revoked) * 1000)

split = sum(1 for ids in ids_by_key.values() if len(ids) > 1)
summary = {"record_rps": round(len(acknowledged) / elapsed), "retries": retries[0], "keys_answered_differently": split,
           "pages_ok": pages["ok"], "pages_failed": pages["failed"], "sign_in_capacity": a.sign_in_capacity,
           "sign_in_attempts": 3 * a.sign_in_capacity, "sign_in_accepted": accepted, "revocation_ms": revocation_ms,
           "killed_after_s": round(killed_at)}
json.dump(sorted(set(acknowledged)), open(f"{a.out}/acknowledged.json", "w"))
json.dump(summary, open(f"{a.out}/summary.json", "w"))
print(f"records acknowledged: {len(set(acknowledged))} ({summary['record_rps']}/s), retried requests {retries[0]}, "
      f"keys answered with two ids: {split}")
print(f"page session: {pages['ok']} pages OK, {pages['failed']} not (signed in once, through nginx, across the kill)")
print(f"sign-in limit: {accepted} of {3 * a.sign_in_capacity} wrong passwords from one address were checked "
      f"(capacity {a.sign_in_capacity} across the instances; per instance it would be up to {2 * a.sign_in_capacity})")
print(f"token revoked on instance 1, refused by instance 3 after {revocation_ms} ms")
