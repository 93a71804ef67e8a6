#!/usr/bin/env python3
"""Endpoint benchmark: `khabar serve` against Oxigraph's own server (`oxigraph serve-read-only`,
from the oxigraph-cli crate) on the same store and the same queries, loaded by `oha` on loopback.

Each server runs alone (never both at once: the machine has two cores), gets a warm-up, then
for every query a bounded run: REQUESTS requests at CONCURRENCY connections, and at most
--max-seconds per run. The servers take turns for --rounds rounds (the load generator shares
the cores, so single runs are noisy); reported are the medians over the rounds of requests/s
and of p50/p99 latency, side by side, and the ratio.

  python3 benches/serve.py                 # store of 2,000 generated articles, 400 requests a query
  python3 benches/serve.py --articles 10000 --requests 1000 --concurrency 8

Needs (built outside CI, once):
  cargo install oha
  cargo install oxigraph-cli --version "~0.5" --config 'profile.release.package.oxrocksdb-sys.opt-level=1'
(the same RocksDB flags as khabar's bench profile, so the two servers differ only above storage).
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX kh: <https://w3id.org/khabar/ontology#>
PREFIX khid: <https://w3id.org/khabar/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# Every example query of queries/, and the lookups the browser UI sends for an entity page.
QUERIES = ["who-met-whom", "offers", "import-shares", "deal-values-by-source", "india-arms", "fact-provenance"]
UI_QUERIES = {
    "ui-entity-labels": 'SELECT ?p ?o WHERE { GRAPH <https://w3id.org/khabar/id/graph/entities> '
                        '{ <https://w3id.org/khabar/id/person/rajnath_singh> ?p ?o } }',
    "ui-entity-facts": """SELECT ?p ?o ?sentence ?article WHERE {
  GRAPH <https://w3id.org/khabar/id/graph/facts> {
    ?st rdf:subject <https://w3id.org/khabar/id/person/rajnath_singh> ; rdf:predicate ?p ; rdf:object ?o }
  GRAPH ?article { ?st kh:sentence/kh:text ?sentence } } LIMIT 200""",
}


def tool(name, env):
    path = os.environ.get(env) or shutil.which(name) or str(Path.home() / ".cargo/bin" / name)
    if not Path(path).exists():
        sys.exit(f"benches/serve.py: `{name}` not found (set {env}); see the install lines in this file's header")
    return path


def wait_up(base, proc, seconds=60):
    t = time.time()
    while time.time() - t < seconds:
        if proc.poll() is not None:
            sys.exit(f"the server at {base} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server at {base} did not start in {seconds}s")


def rows(base, query):
    req = urllib.request.Request(base + "/sparql?query=" + urllib.parse.quote(query), headers={"Accept": "text/csv"})
    body = urllib.request.urlopen(req, timeout=60).read().decode()
    return max(0, len(body.strip().splitlines()) - 1)


def load(oha, url, requests, concurrency, max_seconds):
    cmd = [oha, "-n", str(requests), "-c", str(concurrency), "--no-tui", "--output-format", "json",
           "-H", "Accept: application/sparql-results+json", "-t", "30s", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=max_seconds + 30)
    if out.returncode != 0:
        sys.exit(f"oha failed: {out.stderr}")
    r = json.loads(out.stdout)
    codes = r.get("statusCodeDistribution", {})
    bad = {k: v for k, v in codes.items() if k != "200"}
    if bad or r.get("errorDistribution"):
        sys.exit(f"failed requests to {url[:60]}…: {bad} {r.get('errorDistribution')}")
    lat = r["latencyPercentiles"]
    return {"rps": r["summary"]["requestsPerSec"], "p50": lat["p50"] * 1e3, "p99": lat["p99"] * 1e3}


def run_server(name, cmd, base, queries, args, oha):
    print(f"# {name}: {' '.join(cmd)}", flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_up(base, proc)
        results = {}
        for qname, q in queries.items():
            url = base + "/sparql?query=" + urllib.parse.quote(q)
            n = rows(base, q)
            load(oha, url, max(10, args.requests // 20), args.concurrency, args.max_seconds)  # warm-up
            results[qname] = dict(load(oha, url, args.requests, args.concurrency, args.max_seconds), rows=n)
            r = results[qname]
            print(f"  {qname:<24} {r['rps']:>8.1f} req/s  p50 {r['p50']:>8.1f} ms  p99 {r['p99']:>8.1f} ms  ({n} rows)",
                  flush=True)
        return results
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000, help="generated articles in the store (default 2000)")
    ap.add_argument("--requests", type=int, default=400, help="requests per query and server (default 400)")
    ap.add_argument("--concurrency", type=int, default=4, help="connections (default 4)")
    ap.add_argument("--max-seconds", type=int, default=120, help="time bound of one run (default 120)")
    ap.add_argument("--rounds", type=int, default=3, help="turns each server takes (default 3)")
    ap.add_argument("--store", default=str(ROOT / "output/bench-store"), help="store folder (made when missing)")
    ap.add_argument("--rebuild", action="store_true", help="make the store again")
    args = ap.parse_args()
    oha, oxigraph = tool("oha", "OHA"), tool("oxigraph", "OXIGRAPH")
    store = Path(args.store)
    env = dict(os.environ)
    if not (store / "CURRENT").exists() or args.rebuild:
        print(f"# making a store of {args.articles} generated articles in {store}", flush=True)
        env["KHABAR_BENCH_STORE"] = str(store)
        subprocess.run(["cargo", "bench", "--bench", "pipeline", "--", str(args.articles)], cwd=ROOT, env=env, check=True)
    subprocess.run(["cargo", "build", "--profile", "bench", "--bin", "khabar"], cwd=ROOT, check=True)
    khabar = ROOT / "target/release/khabar"
    queries = {q: PREFIXES + (ROOT / "queries" / f"{q}.rq").read_text() for q in QUERIES}
    queries.update({k: PREFIXES + v for k, v in UI_QUERIES.items()})

    runs = {"khabar": [], "oxigraph": []}
    for k in range(args.rounds):
        print(f"## round {k + 1} of {args.rounds}", flush=True)
        runs["khabar"].append(run_server("khabar", [str(khabar), "serve", "--store", str(store), "--bind",
                                                    "127.0.0.1:7931", "--timeout", "60"],
                                         "http://127.0.0.1:7931", queries, args, oha))
        runs["oxigraph"].append(run_server("oxigraph", [oxigraph, "serve-read-only", "--location", str(store),
                                                        "--bind", "127.0.0.1:7932", "--union-default-graph"],
                                           "http://127.0.0.1:7932", queries, args, oha))

    def med(server, q, key):
        v = sorted(r[q][key] for r in runs[server])
        return v[len(v) // 2]

    kh = {q: {k: med("khabar", q, k) for k in ("rps", "p50", "p99", "rows")} for q in queries}
    ox = {q: {k: med("oxigraph", q, k) for k in ("rps", "p50", "p99", "rows")} for q in queries}
    lines = [f"store: {args.articles} generated articles; {args.requests} requests a query at concurrency "
             f"{args.concurrency}; oha on loopback, one server at a time; medians of {args.rounds} rounds", "",
             "| query | rows | khabar req/s | p50 ms | p99 ms | oxigraph req/s | p50 ms | p99 ms | oxigraph/khabar |",
             "|---|---|---|---|---|---|---|---|---|"]
    ratios, mismatched = {}, []
    for q in queries:
        a, b = kh[q], ox[q]
        if a["rows"] != b["rows"]:
            mismatched.append(f"{q}: khabar gives {a['rows']} rows, oxigraph {b['rows']}")
        ratio = b["rps"] / a["rps"]
        ratios[q] = ratio
        lines.append(f"| {q} | {a['rows']} | {a['rps']:.1f} | {a['p50']:.1f} | {a['p99']:.1f} | {b['rps']:.1f} | "
                     f"{b['p50']:.1f} | {b['p99']:.1f} | {ratio:.2f} |")
    ex = sorted(ratios[q] for q in QUERIES)
    lines += ["", f"example queries: throughput ratio oxigraph/khabar median {ex[len(ex) // 2]:.2f}, worst {ex[-1]:.2f}; "
                  f"UI lookups: {', '.join(f'{q} {ratios[q]:.2f}' for q in UI_QUERIES)} (below 1: khabar is faster)"]
    text = "\n".join(lines)
    print("\n" + text)
    out = ROOT / "output/bench-serve.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text + "\n")
    print(f"\nwritten to {out.relative_to(ROOT)}")
    if mismatched:
        sys.exit("the servers disagree on the same store: " + "; ".join(mismatched))


if __name__ == "__main__":
    main()
