#!/usr/bin/env bash
# Installs what khabar needs on a fresh Debian machine, when missing, and sets up the C/C++
# compiler cache so RocksDB (Oxigraph's storage, C++) is compiled once per machine.
# Sourced by scripts/sample.sh and .ci/run; scripts/test.sh sources it with `--tests`, which also
# installs what only the tests use (Chromium, Java and pyspark, Virtuoso, Python packages).
tests=0; [ "${1:-}" = "--tests" ] && tests=1
need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)   # bindgen, for RocksDB
command -v ccache >/dev/null 2>&1 || need+=(ccache)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)   # Devanagari in drawings
if [ "$tests" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)                # the browser test
  # Java 17 or newer for Spark (the Spark local-mode test)
  java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' || need+=(openjdk-17-jre-headless)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing ${need[*]} (Debian packages)..." >&2
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$tests" = 1 ] && ! python3 -c "import pyoxigraph, rdflib, networkx, pandas, scipy" >/dev/null 2>&1; then
  echo "installing pyoxigraph, rdflib, networkx, pandas and scipy (PyPI)..." >&2
  python3 -m pip install -q pyoxigraph rdflib networkx pandas scipy 2>&1 | grep -v -i "warning" >&2 || true
fi
if [ "$tests" = 1 ] && ! python3 -c "import pyspark" >/dev/null 2>&1; then
  echo "installing pyspark (PyPI; the Spark job's local-mode test)..." >&2
  python3 -m pip install -q 'pyspark==4.3.0' 2>&1 | grep -v -i "warning" >&2 || true
fi
# Virtuoso Open Source (Debian), started on loopback by the push test; no system service
[ "$tests" = 1 ] && bash "$(dirname "${BASH_SOURCE[0]}")/virtuoso.sh" install
if [ "$tests" = 1 ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "installing playwright-core (npm; it drives Debian's Chromium)..." >&2
  (cd tests/browser && npm ci --no-audit --no-fund --silent) >&2
fi
if command -v ccache >/dev/null 2>&1; then
  export CC="ccache gcc" CXX="ccache g++"
  export CCACHE_NOHASHDIR=true CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}" CCACHE_MAXSIZE=5G
fi
