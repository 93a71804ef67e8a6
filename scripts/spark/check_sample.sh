#!/usr/bin/env bash
# Runs the Spark job (local[2]) on the bundled corpus/ as JSON Lines and checks that its N-Quads
# equal a plain `khabar build` + `khabar export` of the same file, less the ontology graph.
#   scripts/spark/check_sample.sh [KHABAR]        (default: target/release/khabar)
# Needs pyspark (python3 -m pip install pyspark) and Java 17+ (apt-get install openjdk-17-jre-headless).
set -euo pipefail
cd "$(dirname "$0")/../.."
KHABAR=$(realpath "${1:-target/release/khabar}")
work=$(mktemp -d /tmp/khabar-spark-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

# one record a .txt file, no id: the job names them corpus.jsonl:LINE as `khabar build` does
python3 - "$OLDPWD/corpus" <<'EOF'
import glob, json, sys
with open("corpus.jsonl", "w", encoding="utf-8") as f:
    for p in sorted(glob.glob(sys.argv[1] + "/*.txt")):
        f.write(json.dumps({"text": open(p, encoding="utf-8").read()}, ensure_ascii=False) + "\n")
EOF

start=$(date +%s.%N)
python3 "$OLDPWD/scripts/spark/khabar_spark.py" corpus.jsonl --out parts --khabar "$KHABAR" 2> spark.err || {
  echo "the Spark job failed:"; cat spark.err; exit 1; }
echo "Spark job (with its start): $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"

"$KHABAR" build corpus.jsonl --store store >/dev/null 2> build.err || { cat build.err; exit 1; }
"$KHABAR" export --store store --format nquads > plain.nq

# the ontology graph is the store's own, not an article's: leave it out (parsed, not grepped)
python3 - <<'EOF'
import glob, sys
try:
    import pyoxigraph as ox
except ImportError:
    sys.exit("needs pyoxigraph (python3 -m pip install pyoxigraph)")
ONTO = "https://w3id.org/khabar/ontology"
def quads(paths):
    out = set()
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if not line.strip():
                continue
            q = next(iter(ox.parse(line.encode(), format=ox.RdfFormat.N_QUADS)))
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTO:
                continue
            out.add((line.rstrip("\n"), str(q)))
    return out
spark_q = quads(sorted(glob.glob("parts/part-*")))
plain_q = quads(["plain.nq"])
spark, plain = {l for l, _ in spark_q}, {l for l, _ in plain_q}
print(f"spark: {len(spark)} distinct lines, plain build less the ontology graph: {len(plain)}")
if spark != plain and {q for _, q in spark_q} == {q for _, q in plain_q}:
    print("(the same quads, written differently)")
only_s, only_p = sorted(spark - plain), sorted(plain - spark)
for l in only_s:
    print("only in spark: " + l)
for l in only_p:
    print("only in plain: " + l)
if only_s or only_p:
    sys.exit(f"DIFFERENT: {len(only_s)} only in spark, {len(only_p)} only in the plain build")
print("same")
EOF
