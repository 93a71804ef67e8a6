#!/usr/bin/env bash
# Beyond one machine, measured on this one: N articles (three development-set passages each,
# deterministic) as JSON Lines, then
#   1. `khabar build` of them (the reference),
#   2. the same through the Spark job in local[2] (scripts/spark/khabar_spark.py), then
#      `khabar load` of its parts: the overhead of the Spark path against the plain build,
#   3. `khabar push` of the built store to a Virtuoso Open Source started on loopback: quads/s.
# Usage: benches/beyond.sh [N] (default 2000; needs `cargo build --profile bench --bin khabar`,
# and scripts/setup.sh --tests for pyspark, Java and Virtuoso).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
bin=$(realpath target/release/khabar)
[ -x "$bin" ] || { echo "build the binary first: cargo build --profile bench --bin khabar" >&2; exit 1; }
work=$(mktemp -d)
cleanup() { bash scripts/virtuoso.sh stop "$work/virtuoso" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
python3 - "$n" "$work/news.jsonl" <<'PY'
import glob, json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
passages = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("tests/devset/*/*.txt"))]
rng = random.Random(42)
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(json.dumps({"id": f"a{i:06d}", "text": "\n\n".join(rng.sample(passages, 3))}, ensure_ascii=False) + "\n")
PY
mb=$(du -sm "$work/news.jsonl" | cut -f1)
secs() { local t0=$1 t1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
echo "$n articles, $mb MB of text, $(nproc) cores"
t0=$(date +%s.%N)
"$bin" build "$work/news.jsonl" --store "$work/plain" --quiet
build=$(secs "$t0")
printf '%-46s %8.2f s\n' "khabar build" "$build"
t0=$(date +%s.%N)
python3 scripts/spark/khabar_spark.py "$work/news.jsonl" --out "$work/parts" --khabar "$bin" \
  --master 'local[2]' --partitions 2 >/dev/null 2>&1
spark=$(secs "$t0")
t0=$(date +%s.%N)
"$bin" load "$work/parts" --store "$work/sparked" --quiet
load=$(secs "$t0")
printf '%-46s %8.2f s (%.2fx the build)\n' "Spark job, local[2] (JVM start included)" "$spark" "$(echo "$spark / $build" | bc -l)"
printf '%-46s %8.2f s\n' "khabar load of its parts" "$load"
printf '%-46s %8.2f s (%.2fx the build)\n' "Spark path in all" "$(echo "$spark + $load" | bc)" \
  "$(echo "($spark + $load) / $build" | bc -l)"
cmp -s <("$bin" export --store "$work/plain" | sort) <("$bin" export --store "$work/sparked" | sort) \
  && echo "same store both ways" || { echo "the stores differ" >&2; exit 1; }
eval "$(bash scripts/virtuoso.sh start "$work/virtuoso" 0 0 2>/dev/null)"
t0=$(date +%s.%N)
out=$(KHABAR_TO_PASSWORD=$VIRTUOSO_PASSWORD "$bin" push --store "$work/plain" --to "$VIRTUOSO_GSP" \
  --to-user "$VIRTUOSO_USER" 2>&1)
push=$(secs "$t0")
triples=$(echo "$out" | grep -o '[0-9]* triples in' | cut -d' ' -f1)
printf '%-46s %8.2f s, %s triples, %.0f triples/s\n' "push to Virtuoso (a PUT per article, 2 at once)" "$push" "$triples" \
  "$(echo "$triples / $push" | bc -l)"
