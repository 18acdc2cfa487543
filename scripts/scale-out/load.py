#!/usr/bin/env python3
"""Bounded load through the proxy for scripts/scale-out.sh: readers on the public pages and API reads, writers
recording progress with an API key, If-Match and an Idempotency-Key (a write whose answer was lost is sent again
with the same key, as a client should). Stops after --seconds or --max-requests, whichever comes first.
Writes a JSON summary, and the notes of every acknowledged write one per line (the script checks them in the
database). Only loopback addresses are accepted."""
import argparse, http.client, json, random, threading, time, urllib.parse, uuid, datetime

p = argparse.ArgumentParser()
p.add_argument("--base", required=True)
p.add_argument("--key", required=True)
p.add_argument("--seconds", type=float, default=30)
p.add_argument("--max-requests", type=int, default=200000)
p.add_argument("--readers", type=int, default=6)
p.add_argument("--writers", type=int, default=3)
p.add_argument("--summary", required=True)
p.add_argument("--acknowledged", required=True)
p.add_argument("--events", required=True, help="file of 'time label' lines the script appends while the load runs")
args = p.parse_args()
url = urllib.parse.urlparse(args.base)
assert url.hostname in ("127.0.0.1", "localhost", "::1"), "load goes to loopback only"

lock = threading.Lock()
start = time.monotonic()
deadline = start + args.seconds
sent = 0
stats = {"reads": 0, "writes": 0, "read_failures": [], "write_attempt_failures": [], "writes_acknowledged": 0,
         "writes_given_up": 0, "write_retries": 0, "conflicts": 0, "status": {}}
acknowledged = []

def take():
    global sent
    with lock:
        if sent >= args.max_requests or time.monotonic() >= deadline:
            return False
        sent += 1
        return True

def request(conn_box, method, path, body=None, headers=None):
    """One request on the thread's keep-alive connection; returns (status, headers, body) or raises OSError-ish."""
    headers = dict(headers or {})
    for attempt in (0, 1):
        conn = conn_box[0]
        if conn is None:
            conn = conn_box[0] = http.client.HTTPConnection(url.hostname, url.port, timeout=15)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        except (http.client.HTTPException, OSError):
            conn.close()
            conn_box[0] = None
            raise

def record(kind, what):
    with lock:
        stats[kind].append({"at": round(time.monotonic() - start, 2), "what": what})

def count_status(status):
    with lock:
        stats["status"][str(status)] = stats["status"].get(str(status), 0) + 1

def reader(ids):
    box = [None]
    paths = ["/", "/commitments", "/api/v1/dashboard", "/api/v1/commitments?limit=20", "/resolutions/a-res-70-125",
             "/feed", "/stakeholders"]
    while take():
        path = random.choice(paths + [f"/api/v1/commitments/{random.choice(ids)}", f"/commitments/{random.choice(ids)}"])
        try:
            status, _, _ = request(box, "GET", path)
            count_status(status)
            if status >= 500:
                record("read_failures", f"GET {path} {status}")
        except Exception as e:
            record("read_failures", f"GET {path} {type(e).__name__}")
        with lock:
            stats["reads"] += 1

def writer(ids):
    box = [None]
    auth = {"Authorization": f"Bearer {args.key}"}
    etags = {}
    today = datetime.date.today().isoformat()
    while take():
        cid = random.choice(ids)
        if cid not in etags:
            try:
                status, headers, _ = request(box, "GET", f"/api/v1/commitments/{cid}", headers=auth)
                count_status(status)
                if status == 200:
                    etags[cid] = headers.get("etag")
                else:
                    record("write_attempt_failures", f"GET etag {cid} {status}")
            except Exception as e:
                record("write_attempt_failures", f"GET etag {cid} {type(e).__name__}")
            with lock:
                stats["reads"] += 1
            continue
        note = f"scale-out {uuid.uuid4().hex}"
        body = json.dumps({"status": "onTrack", "progressPercent": random.randint(1, 99), "note": note,
                           "evidenceLinks": [], "asOf": today})
        headers = dict(auth, **{"If-Match": etags[cid], "Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex})
        done = False
        for attempt in range(6):
            if attempt:
                with lock:
                    stats["write_retries"] += 1
                time.sleep(0.2 * attempt)
            try:
                status, rh, _ = request(box, "POST", f"/api/v1/commitments/{cid}/progress", body=body, headers=headers)
            except Exception as e:
                record("write_attempt_failures", f"POST {cid} {type(e).__name__}")
                continue
            count_status(status)
            if status == 201:
                etags[cid] = rh.get("commitment-etag")
                with lock:
                    acknowledged.append(note)
                    stats["writes_acknowledged"] += 1
                done = True
                break
            if status == 412:
                with lock:
                    stats["conflicts"] += 1
                etags.pop(cid, None)
                done = True
                break
            if status >= 500 or status == 409:  # 409: the same key still running elsewhere; send it again
                record("write_attempt_failures", f"POST {cid} {status}")
                continue
            record("write_attempt_failures", f"POST {cid} {status} (not retried)")
            done = True
            break
        if not done:
            with lock:
                stats["writes_given_up"] += 1
        with lock:
            stats["writes"] += 1

def ids_from_api():
    box = [None]
    status, _, data = request(box, "GET", "/api/v1/commitments?limit=200", headers={"Authorization": f"Bearer {args.key}"})
    assert status == 200, status
    return [item["id"] for item in json.loads(data)["items"]]

ids = ids_from_api()
random.shuffle(ids)
# Writers own disjoint commitments, so their If-Match conflicts are only the ones the deployment causes.
threads = [threading.Thread(target=writer, args=(ids[i::args.writers][:20],)) for i in range(args.writers)]
threads += [threading.Thread(target=reader, args=(ids,)) for _ in range(args.readers)]
for t in threads: t.start()
for t in threads: t.join()
stats["seconds"] = round(time.monotonic() - start, 1)
with open(args.acknowledged, "w") as f:
    f.write("\n".join(acknowledged) + ("\n" if acknowledged else ""))
with open(args.summary, "w") as f:
    json.dump(stats, f, indent=1)
