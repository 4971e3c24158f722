#!/usr/bin/python3
"""SSDA903 import and forecast benchmarks (issue 5), side by side with pandas.

  bench/forecast_bench.py BUILD [--runs N]

Builds two synthetic data sets from the peers' synthesizer sample
(tests/data/peers/csc-data-synthesizer, MIT) under BUILD/bench-forecast/:
  pooled22k/  three copies of it as three LAs (child ids kept apart): about
              23,000 children in the pooled layout, as the regional model reads
  big/        one year's episodes repeated to 1,000,000+ rows (single-year CSV)
then prints, each as a median of N runs:
  - reading big/ (parse and check every field) with carecoop, and pandas'
    read_csv of the same episodes.csv (no checks) in the same run;
  - the forecast on pooled22k/ end to end (read, clean, rates, 24-month daily
    projection, costs) and its peak memory (/usr/bin/time);
  - the national forecast (`forecast --all`: 153 councils, 20 RCCs and
    England) from the synthetic England store BUILD/bench-api/england.sqlite
    (generated with seed 1 when missing, as `make bench-api` does), on all
    cores and on one, beside one England-wide forecast from the same store.
"""
import csv
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNTH = os.path.join(ROOT, "tests/data/peers/csc-data-synthesizer/generated-m100-seed7")


def uk_to_iso(d):
    return f"{d[6:10]}-{d[3:5]}-{d[0:2]}" if d else ""


def build_pooled(out):
    if os.path.exists(os.path.join(out, "episodes.csv")):
        return
    os.makedirs(out, exist_ok=True)
    dates = {"header": ["DOB", "MC_DOB"], "episodes": ["DECOM", "DEC"], "uasc": ["DOB", "DUC"]}
    for table, date_cols in dates.items():
        with open(os.path.join(out, f"{table}.csv"), "w", newline="") as f:
            w = None
            for la_index, la in enumerate(["LA one", "LA two", "LA three"]):
                for year in sorted(os.listdir(SYNTH)):
                    with open(os.path.join(SYNTH, year, f"{table}.csv")) as src:
                        r = csv.DictReader(src)
                        if w is None:
                            w = csv.DictWriter(f, fieldnames=r.fieldnames + ["LA", "YEAR"])
                            w.writeheader()
                        for row in r:
                            row["CHILD"] = str(la_index + 1) + row["CHILD"]
                            for c in date_cols:
                                row[c] = uk_to_iso(row[c])
                            row["LA"], row["YEAR"] = la, year
                            w.writerow(row)


def build_big(out, target_rows=1_050_000):
    if os.path.exists(os.path.join(out, "episodes.csv")):
        return
    os.makedirs(out, exist_ok=True)
    src_dir = os.path.join(SYNTH, "2022")
    for table in ["header", "episodes"]:
        with open(os.path.join(src_dir, f"{table}.csv")) as src:
            rows = list(csv.reader(src))
        copies = target_rows // (len(rows) - 1) + 1
        with open(os.path.join(out, f"{table}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(rows[0])
            for k in range(copies):
                for row in rows[1:]:
                    w.writerow([f"{k:03d}{row[0]}"] + row[1:])


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    work = os.path.join(build, "bench-forecast")
    pooled, big = os.path.join(work, "pooled22k"), os.path.join(work, "big")
    build_pooled(pooled)
    build_big(big)
    bench = os.path.join(build, "bench/ssda903_bench")
    carecoop = os.path.join(build, "src/cli/carecoop")

    print("== import: reading", big, "(header.csv + episodes.csv)")
    print(run([bench, "import", big, "--runs", str(runs)]))
    import pandas as pd
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        df = pd.read_csv(os.path.join(big, "episodes.csv"), dtype=str, keep_default_na=False)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    print(f"pandas {pd.__version__} read_csv of episodes.csv ({len(df)} rows): median {med:.3f} s "
          f"over {runs} runs = {len(df) / med:.0f} rows/s")

    print("== forecast:", pooled)
    print(run([bench, "forecast", pooled, "--runs", str(runs)]))
    walls, rss = [], []
    for _ in range(runs):
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M", carecoop, "forecast", "--input", pooled,
                              "--reference-start", "2021-04-01", "--reference-end", "2022-03-31"],
                             check=True, capture_output=True, text=True)
        wall, kb = out.stderr.strip().splitlines()[-1].split()
        walls.append(float(wall))
        rss.append(int(kb) / 1024)
    print(f"carecoop forecast --input (whole process): median {statistics.median(walls):.2f} s, "
          f"peak RSS median {statistics.median(rss):.0f} MB over {runs} runs")

    store = os.path.join(build, "bench-api/england.sqlite")
    if not os.path.exists(store):
        os.makedirs(os.path.dirname(store), exist_ok=True)
        run([carecoop, "generate", "--scale", "national", "--seed", "1", "--store", f"sqlite:{store}"])
    print("== national forecast:", store)
    for label, extra in [("forecast --all (every council, RCC and England), all cores", ["--all"]),
                         ("forecast --all, one thread", ["--all", "--threads", "1"]),
                         ("forecast of England alone (baseline)", [])]:
        walls, rss = [], []
        for _ in range(runs):
            out = subprocess.run(["/usr/bin/time", "-f", "%e %M", carecoop, "forecast", "--store", f"sqlite:{store}"]
                                 + extra, check=True, capture_output=True, text=True)
            wall, kb = out.stderr.strip().splitlines()[-1].split()
            walls.append(float(wall))
            rss.append(int(kb) / 1024)
        print(f"{label}: median {statistics.median(walls):.2f} s (runs {', '.join(f'{w:.2f}' for w in walls)}), "
              f"peak RSS median {statistics.median(rss):.0f} MB")


if __name__ == "__main__":
    main()
