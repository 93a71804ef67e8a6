#!/usr/bin/env bash
# Scores khabar on its own development set (tests/devset): `tune` (rules are tuned on it) and
# `heldout` (never tuned on), each built into a fresh store and scored by ../shared/eval/score.py.
# Usage: scripts/score-devset.sh [tune|heldout|both] [scorer arguments, e.g. --show-errors]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${KHABAR_SHARED:-../shared}"
bin="${KHABAR_BIN:-target/debug/khabar}"
which="${1:-both}"; shift || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for part in tune heldout; do
  [ "$which" = both ] || [ "$which" = "$part" ] || continue
  echo "== $part"
  "$bin" build "tests/devset/$part" --store "$tmp/$part" --quiet
  "$bin" export --store "$tmp/$part" --format nquads --out "$tmp/$part.nq" 2>/dev/null
  python3 "$shared/eval/score.py" --gold "tests/devset/$part.jsonl" --graph "$tmp/$part.nq" --ontology ontology/khabar.ttl "$@"
done
