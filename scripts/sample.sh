#!/usr/bin/env bash
# Builds khabar, builds the graph of the bundled sample articles (corpus/ -> output/store),
# asks it who met whom and what India buys, seeks and is offered, and draws it (output/graph.png).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
echo "compiling khabar (the first time compiles RocksDB: 15-35 minutes)..." >&2
cargo build --quiet
./target/debug/khabar build corpus --store output/store
echo; echo "Whom Rajnath Singh met (queries/who-met-whom.rq):"
./target/debug/khabar query @queries/who-met-whom.rq --store output/store
echo; echo "What India buys, seeks and is offered (queries/india-arms.rq):"
./target/debug/khabar query @queries/india-arms.rq --store output/store
echo; echo "A question in Hindi (khabar ask 'रूस के रक्षा मंत्री कौन हैं?'):"
./target/debug/khabar ask 'रूस के रक्षा मंत्री कौन हैं?' --store output/store
echo
./target/debug/khabar export --format dot --store output/store --render png output/graph.png
./target/debug/khabar export --format dot --lang hi --store output/store --render svg output/graph-hi.svg
echo "Open output/graph.png (English) or output/graph-hi.svg (Hindi) to see the graph; 'khabar analyze --store output/store' for centrality and conflicts;"
echo "'./target/debug/khabar serve' and http://127.0.0.1:7878/ to explore it in a browser."
