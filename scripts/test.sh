#!/usr/bin/env bash
# Runs the whole test suite (unit, data-driven extraction cases, CLI end to end, SPARQL golden
# queries, rdflib and pyoxigraph interoperability).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --tests
cargo test "$@"
