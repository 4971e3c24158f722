#!/usr/bin/env bash
# Benchmark: `carecoop generate --scale national` into a fresh SQLite store,
# RUNS times (default 3); prints each run's wall time and peak memory, then
# the medians. Target (foundation issue): under 60 s and under 4 GiB.
#
#   bench/generate.sh BUILD_DIR [RUNS]
set -euo pipefail
build=${1:-build}
runs=${2:-3}
carecoop="$build/src/cli/carecoop"
dir=$(mktemp -d /tmp/carecoop-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

times=()
rss=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %M" -o "$dir/time" \
    "$carecoop" generate --scale national --seed 1 --store "sqlite:$dir/national-$i.sqlite" >/dev/null 2>&1
  read -r secs kib <"$dir/time"
  times+=("$secs")
  rss+=("$kib")
  printf '  run %d: %6.1f s, peak %5.0f MiB\n' "$i" "$secs" "$(awk -v k="$kib" 'BEGIN {print k / 1024}')"
  rm -f "$dir"/national-"$i".sqlite*
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_time=$(median "${times[@]}")
m_rss=$(median "${rss[@]}")
printf 'generate national into SQLite: median %.1f s, peak memory %.0f MiB (median of %d; target < 60 s, < 4096 MiB)\n' \
  "$m_time" "$(awk -v k="$m_rss" 'BEGIN {print k / 1024}')" "$runs"
