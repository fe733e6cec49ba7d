#!/usr/bin/env bash
# Scores the forecast on the three samples and on N generated seeds of each HarderSeason shape
# (issue 19): generates the seasons, replays each through ./vigie replay, pools with score.py.
# Usage: [SEASONS=DIR] [HEIGHT=1] bench/forecast-seasons.sh OUT_DIR [SEEDS=3] [SHAPES="STEEP DELAYS FAST_FALL REAL_CURVE"]
# (REAL_DATA, real influenza curves, is a fifth shape; HEIGHT scales the generated waves, 0.5 = the samples' height)
# (generated seasons are kept in SEASONS, OUT_DIR by default, and reused when there)
# The generated seasons go through Backtest, the same ingestion and evaluation in memory (identical
# alerts, a few seconds each), with the notices.json the generator writes beside each feed; the samples
# through ./vigie replay with their notices, or through Backtest when FAST=1. NOTICES=none: every season
# without its notices (the measure before the generator wrote them). Needs the shared module's test classes
# (mvn -B -ntp -o -q -pl shared -am test-compile). EPIDEMIC=1: the generated seasons replay with their
# epidemic.csv (the weekly epidemic signal, docs/forecasting.md), written by the generator beside the feed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
seeds="${2:-3}"
shapes="${3:-STEEP DELAYS FAST_FALL REAL_CURVE}"
samples="$root/../shared/samples"
seasons="$(mkdir -p "${SEASONS:-$out}" && cd "${SEASONS:-$out}" && pwd)"
score="$root/../shared/tools/score.py"
cp="$root/shared/target/test-classes:$root/shared/target/classes:$root/testkit/target/classes:$(cat "$root/local/target/runtime-classpath.txt")"

replay() { # replay NAME DIR [NOTICES]
  local name="$1" dir="$2" notices="${3:-}"
  [ -z "$notices" ] && [ -f "$dir/notices.json" ] && notices="$dir/notices.json"
  [ "${NOTICES:-}" = none ] && notices=""
  if [ -z "${3:-}" ] || [ -n "${FAST:-}" ]; then
    java -cp "$cp" fr.vigie.app.Backtest "$dir/watchlist.json" "$dir/feed.csv" "$out/$name.jsonl" \
      ${EPIDEMIC:+$( [ -f "$dir/epidemic.csv" ] && echo "--epidemic $dir/epidemic.csv")} ${notices:+--notices "$notices"} 2>/dev/null
    return
  fi
  rm -rf "$out/db-$name"
  "$root/vigie" replay --watchlist "$dir/watchlist.json" --feed "$dir/feed.csv" --alerts "$out/$name.jsonl" \
    --db "$out/db-$name" --notices "$notices" >/dev/null
  rm -rf "$out/db-$name"
}

pool() { # pool LABEL NAME… : prints the pooled figures of the named seasons
  local label="$1" args=()
  shift
  for n in "$@"; do args+=("$(cat "$out/$n.dir")" "$out/$n.jsonl"); done
  printf '%s\t' "$label"
  python3 "$score" "${args[@]}" | python3 -c 'import json,sys
d=json.load(sys.stdin)
d=d.get("pooled", d)
print("\t".join("%s %s/%s/%s/%s" % (k, v["recall7"], v["lead_med"], v["false_rate"], v["msgs"]) for k, v in d.items()))'
}

sample_names=()
for s in a b c; do
  echo "$samples/season-$s" > "$out/season-$s.dir"
  replay "season-$s" "$samples/season-$s" "$samples/season-$s/notices.json"
  sample_names+=("season-$s")
done
hard_names=()
for shape in $shapes; do
  names=()
  for seed in $(seq 1 "$seeds"); do
    name="$shape-$seed"
    [ -f "$seasons/$name/epidemic.csv" ] || java -cp "$cp" fr.vigie.app.HarderSeason "$shape" "$seed" "$seasons/$name" "${HEIGHT:-1}" >/dev/null
    echo "$seasons/$name" > "$out/$name.dir"
    replay "$name" "$seasons/$name"
    names+=("$name")
  done
  hard_names+=("${names[@]}")
  pool "$shape x$seeds" "${names[@]}"
done
for s in "${sample_names[@]}"; do pool "$s" "$s"; done
pool "samples pooled" "${sample_names[@]}"
pool "harder pooled" "${hard_names[@]}"
