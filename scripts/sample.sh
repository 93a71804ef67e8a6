#!/usr/bin/env bash
# Builds khabar, builds the graph of the bundled sample articles (corpus/ -> output/store),
# and asks it who met whom and what India buys, seeks and is offered.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
echo "compiling khabar (the first time compiles RocksDB: 15-35 minutes)..." >&2
cargo build --quiet
./target/debug/khabar build corpus --store output/store
echo; echo "Who met whom (queries/who-met-whom.rq):"
./target/debug/khabar query @queries/who-met-whom.rq --store output/store
echo; echo "What India buys, seeks and is offered (queries/india-arms.rq):"
./target/debug/khabar query @queries/india-arms.rq --store output/store
