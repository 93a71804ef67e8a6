#!/usr/bin/env bash
# Incremental building at scale, through the real `khabar build`: N articles made by joining
# three development-set passages each (deterministic), then
#   1. a build into a new store (the bulk loader),
#   2. the same input again (every article unchanged: no extraction),
#   3. the input with 100 articles changed (those re-extracted, each in its own transaction),
#   4. the input with 100 articles removed, built with --prune.
# Prints the time of each step and the store's size. Usage: benches/incremental.sh [N]
# (default 10000; needs `cargo build --profile bench --bin khabar`).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
bin=target/release/khabar
[ -x "$bin" ] || { echo "build the binary first: cargo build --profile bench --bin khabar" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$n" "$work/in" <<'EOF'
import glob, os, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out)
passages = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("tests/devset/*/*.txt"))]
rng = random.Random(42)
for i in range(n):
    parts = rng.sample(passages, 3)
    with open(f"{out}/{i:06d}.txt", "w", encoding="utf-8") as f:
        f.write("\n\n".join(parts))
EOF
mb=$(du -sm "$work/in" | cut -f1)
step() { # label, then the build's arguments
    local label=$1; shift
    local t0=$(date +%s.%N)
    "$bin" build "$@" --store "$work/store" --quiet
    local t1=$(date +%s.%N)
    printf '%-44s %8.2f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
echo "$n articles, $mb MB of text"
step "new store (bulk loader)" "$work/in"
echo "store on disk: $(du -sm "$work/store" | cut -f1) MB"
step "same input again (all unchanged)" "$work/in"
for i in $(seq 0 99); do echo "परिवर्तित $i" >> "$work/in/$(printf '%06d' $((i * 7)))".txt; done
step "100 articles changed" "$work/in"
for i in $(seq 0 99); do rm "$work/in/$(printf '%06d' $((i * 7 + 1)))".txt; done
step "100 articles removed, --prune" "$work/in" --prune
