#!/usr/bin/env bash
# Builds the seed articles into a fresh store, exports it and scores it with the independent
# scorer (../shared/eval/score.py). Extra arguments go to the scorer (e.g. --show-errors).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${KHABAR_SHARED:-../shared}"
bin="${KHABAR_BIN:-target/debug/khabar}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" build "$shared/seeds" --store "$tmp/store" --quiet
"$bin" export --store "$tmp/store" --format nquads --out "$tmp/seeds.nq" 2>/dev/null
python3 "$shared/eval/score.py" --gold "$shared/gold/seeds.jsonl" --graph "$tmp/seeds.nq" --ontology ontology/khabar.ttl "$@"
