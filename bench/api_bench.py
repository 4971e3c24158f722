#!/usr/bin/python3
"""The API's performance targets, measured with wrk against the national
synthetic England on loopback (make bench-api; docs/benchmarks.md).

  1. ranked options for one referral over HTTP: median and p99 latency, one
     client at a time (wrk -t1 -c1 --latency);
  2. authorised, audited reads of a referral: requests per second with 16
     connections on 2 threads (wrk -t2 -c16);
  3. the baseline, side by side: GET /api/health (no sign-in, no store) with
     the same load, so the figures can be read against this machine's HTTP floor;
  4. overload: the same reads from twice the connections at which reads
     saturate (32), and from a flood of 1,024 connections (beyond the
     server's queue of 256 + 8 threads): requests/s, the share answered 503
     (shed), and after each, the time until a read answers 200 again.

Each is run `--runs` times, interleaved; medians are reported.

  bench/api_bench.py BUILD_DIR [--runs 3] [--seconds 10] [--store PATH]
"""
import argparse
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(url, token, threads, conns, seconds, latency, allow_non2xx=False):
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{seconds}s"]
    if latency:
        cmd.append("--latency")
    if token:
        cmd += ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(cmd + [url], check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out and not allow_non2xx:
        sys.exit(f"api_bench: {url} answered non-2xx:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    result = {"rps": rps}
    if allow_non2xx:
        total = int(re.search(r"(\d+) requests in", out).group(1))
        m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        result["shed_share"] = round((int(m.group(1)) if m else 0) / max(total, 1), 4)
        result["socket_errors"] = sum(int(x) for x in errors.groups()) if errors else 0
    for pct in ("50", "99"):
        m = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out)
        if m:
            result[f"p{pct}_ms"] = float(m.group(1)) * UNITS[m.group(2)]
    return result


def recovery_s(url, token):
    """Seconds until a read answers 200 again, polled every 10 ms (at most 30 s)."""
    t0 = time.time()
    while time.time() - t0 < 30:
        try:
            req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 200:
                    return round(time.time() - t0, 3)
        except OSError:
            pass
        time.sleep(0.01)
    return None


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--store", default=None)
    ap.add_argument("--port", type=int, default=18480)
    ap.add_argument("--no-overload", action="store_true", help="skip the overload runs")
    args = ap.parse_args()
    carecoop = os.path.join(args.build, "src/cli/carecoop")
    store = args.store or os.path.join(args.build, "bench-api/england.sqlite")
    os.makedirs(os.path.dirname(store), exist_ok=True)
    if not os.path.exists(store):
        print("api_bench: generating the national synthetic England into", store, flush=True)
        subprocess.run([carecoop, "generate", "--scale", "national", "--seed", "1", "--store", f"sqlite:{store}"],
                       check=True, stdout=subprocess.DEVNULL)
    password = "bench password 1234"
    db = sqlite3.connect(store)
    if not db.execute("SELECT 1 FROM app_user WHERE username = 'bench.hub'").fetchone():
        subprocess.run([carecoop, "user", "add", "--store", f"sqlite:{store}", "--username", "bench.hub",
                        "--role", "hub_officer", "--rcc", "NW-GM", "--password-stdin"],
                       input=password + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    referral = db.execute(
        "SELECT r.id FROM referral r JOIN rcc_member m ON m.council_id = r.council_id JOIN rcc ON rcc.id = m.rcc_id "
        "WHERE rcc.code = 'NW-GM' AND r.status = 'open' ORDER BY r.id LIMIT 1").fetchone()[0]
    homes = db.execute("SELECT COUNT(*) FROM home").fetchone()[0]
    db.close()

    # The server's log (a JSON line a request) goes to a file beside the store.
    log = open(os.path.join(os.path.dirname(store), "serve.log"), "w")
    server = subprocess.Popen([carecoop, "serve", "--store", f"sqlite:{store}", "--port", str(args.port),
                               "--today", "2025-03-31"], stdout=subprocess.DEVNULL, stderr=log)
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/health")
                break
            except OSError:
                time.sleep(0.1)
        token = post(base + "/api/sessions", {"username": "bench.hub", "password": password})["token"]
        options = f"{base}/api/referrals/{referral}/options?top=10"
        t0 = time.time()
        req = urllib.request.Request(options, headers={"Authorization": f"Bearer {token}"})
        first = json.load(urllib.request.urlopen(req))
        load_s = time.time() - t0
        runs = {"health": [], "read": [], "options": [], "read_x2": [], "flood": []}
        read_url = f"{base}/api/referrals/{referral}"
        for _ in range(args.runs):
            runs["health"].append(wrk(base + "/api/health", None, 2, 16, args.seconds, False))
            runs["read"].append(wrk(read_url, token, 2, 16, args.seconds, False))
            runs["options"].append(wrk(options, token, 1, 1, args.seconds, True))
            if not args.no_overload:
                for key, conns in (("read_x2", 32), ("flood", 1024)):
                    r = wrk(read_url, token, 2, conns, args.seconds, False, allow_non2xx=True)
                    r["recovery_s"] = recovery_s(read_url, token)
                    runs[key].append(r)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)

    med = lambda key, field: statistics.median(r[field] for r in runs[key])
    print(f"national England: {homes} homes, {first['homes_considered']} with a free place; referral {referral}, "
          f"{first['feasible']} feasible; first request (loads the matching world) {load_s:.2f} s")
    print(f"runs: {args.runs} x {args.seconds} s each, interleaved; medians over runs")
    print(f"ranked options over HTTP (1 client):   median {med('options', 'p50_ms'):.2f} ms, "
          f"p99 {med('options', 'p99_ms'):.2f} ms, {med('options', 'rps'):.0f} requests/s")
    print(f"authorised referral reads (16 conns):  {med('read', 'rps'):.0f} requests/s")
    print(f"baseline GET /api/health (16 conns):   {med('health', 'rps'):.0f} requests/s; "
          f"reads reach {100 * med('read', 'rps') / med('health', 'rps'):.0f}% of it")
    for key, conns in (("read_x2", 32), ("flood", 1024)):
        if runs[key]:
            print(f"overload, reads from {conns} conns: {med(key, 'rps'):.0f} requests/s, "
                  f"shed {100 * med(key, 'shed_share'):.1f}%, socket errors {med(key, 'socket_errors'):.0f}, "
                  f"a read answers 200 again {med(key, 'recovery_s')} s after")
    for key in runs:
        print(f"  {key}: " + ", ".join(json.dumps(r) for r in runs[key]))


if __name__ == "__main__":
    main()
