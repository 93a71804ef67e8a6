//! End-to-end tests of the real `khabar` binary on temporary folders, and interoperability with
//! the standard Python RDF tools (rdflib, pyoxigraph) and the independent scorer.

mod common;

use common::{build, build_with, count, khabar, nquads, python, root, run_ok, ARTICLE_GRAPHS};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn corpus_copy(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir_all(&c).expect("mkdir");
    for e in std::fs::read_dir(root().join("corpus")).expect("corpus/ exists") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, c.join(p.file_name().expect("name"))).expect("copy");
    }
    c
}

fn query(store: &Path, q: &str, format: &str) -> String {
    run_ok(store, &["query", q, "--format", format])
}

#[test]
fn build_is_incremental_and_replaces_changed_articles() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(tmp.path());
    let store = tmp.path().join("store");
    build(&corpus, &store).success().stderr(predicate::str::contains("5 articles (5 new, 0 replaced, 0 unchanged)"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 5, "five article graphs");
    let quads = query(&store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "csv");

    // the same input again changes nothing
    build(&corpus, &store).success().stderr(predicate::str::contains("(0 new, 0 replaced, 5 unchanged)"));
    assert_eq!(quads, query(&store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "csv"));

    // a changed article replaces its own graph, and only it
    let f = corpus.join("004_584368c00e5af2b5.txt");
    // (prepended: what follows "Leave a Comment" at the end is site chrome)
    let text = "रक्षा मंत्री राजनाथ सिंह ने ब्रिटेन के रक्षा मंत्री जॉन हीली से मुलाकात की।\n".to_string()
        + &std::fs::read_to_string(&f).expect("read");
    std::fs::write(&f, text).expect("write");
    build(&corpus, &store).success().stderr(predicate::str::contains("(0 new, 1 replaced, 4 unchanged)"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 5, "still five article graphs");
    let met = query(&store, "ASK { ?a kh:met ?b . ?b rdfs:label \"जॉन हीली\"@hi }", "table");
    assert_eq!(met.trim(), "true");
    // replacing leaves the store as a new build of the same inputs would be, shared graphs too
    // (no fact or entity that only the old version stated is left behind)
    let fresh = tmp.path().join("fresh");
    build(&corpus, &fresh).success();
    assert_eq!(nquads(&store), nquads(&fresh), "replaced in place = built anew");
    // each fact once in the union of the graphs, with its statement node
    let repeated = "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?s ?p ?o (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } \
        FILTER(STRSTARTS(STR(?p), STR(kh:)) && ?p NOT IN (kh:sentence, kh:rule, kh:confidence, kh:mentionedIn, kh:reportedIn)) \
        FILTER NOT EXISTS { ?s a ?record . VALUES ?record { kh:Meeting kh:Deal kh:ImportShare kh:Article } } \
        FILTER NOT EXISTS { ?s kh:article ?a } } GROUP BY ?s ?p ?o } FILTER(?c > 1) }";
    assert_eq!(count(&store, repeated), 0, "a fact stated by several articles is asserted once");
    let unexplained =
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/khabar/id/graph/facts> { ?s kh:met ?o } \
        FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate kh:met ; rdf:object ?o ; kh:sentence ?x } \
        FILTER NOT EXISTS { ?st rdf:subject ?o ; rdf:predicate kh:met ; rdf:object ?s ; kh:sentence ?x } }";
    assert_eq!(count(&store, unexplained), 0, "every fact traced to a sentence");

    // a file that left the input stays without --prune, and goes with it
    std::fs::remove_file(&f).expect("remove");
    build(&corpus, &store).success().stderr(predicate::str::contains("(0 new, 0 replaced, 4 unchanged)"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 5, "kept without --prune");
    build_with(&corpus, &store, &["--prune"])
        .success()
        .stderr(predicate::str::contains("1 article(s) no longer among the inputs removed"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 4, "pruned");
    let met = query(&store, "ASK { ?a kh:met ?b . ?b rdfs:label \"जॉन हीली\"@hi }", "table");
    assert_eq!(met.trim(), "false", "the pruned article's facts are gone");
    let fresh = tmp.path().join("fresh-after-prune");
    build(&corpus, &fresh).success();
    assert_eq!(nquads(&store), nquads(&fresh), "pruned = built anew from what is left");
    // an input that cannot be read is no reason to prune the articles it held before
    std::fs::write(corpus.join("000_83ff73313d33ab5f.txt"), [0x41u8, 0xff, 0xfe]).expect("write");
    build_with(&corpus, &store, &["--prune"]).code(1).stderr(predicate::str::contains("not pruning"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 4, "nothing pruned beside a failed input");
}

#[test]
fn a_broken_file_is_reported_and_the_rest_is_built() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("in");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("bad.txt"), [0x41u8, 0xff, 0xfe, 0x42]).expect("write");
    std::fs::write(corpus.join("good.txt"), "रक्षा मंत्री राजनाथ सिंह ने जापान के रक्षा मंत्री जनरल नकातानी से मुलाकात की।\n")
        .expect("write");
    std::fs::write(corpus.join("crawl.jsonl"), "{\"id\": \"a1\", \"text\": \"भारत ने फ्रांस से राफेल खरीदे।\"}\n{broken\n")
        .expect("write");
    let store = tmp.path().join("store");
    build(&corpus, &store)
        .code(1)
        .stderr(predicate::str::contains("bad.txt: not UTF-8"))
        .stderr(predicate::str::contains("crawl.jsonl:2"))
        .stderr(predicate::str::contains("2 articles"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 2);
}

#[test]
fn queries_formats_and_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = tmp.path().join("store");
    build(&root().join("corpus"), &store).success();
    // JSON results parse and hold bindings
    let json = query(&store, "SELECT ?a ?b WHERE { ?a kh:met ?b }", "json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid SPARQL JSON");
    assert!(!v["results"]["bindings"].as_array().expect("bindings").is_empty());
    // CSV header
    assert!(query(&store, "SELECT ?a ?b WHERE { ?a kh:met ?b }", "csv").starts_with("a,b"));
    // XML
    assert!(query(&store, "ASK { ?a kh:met ?b }", "xml").contains("<boolean>true</boolean>"));
    // CONSTRUCT as N-Triples
    assert!(query(&store, "CONSTRUCT { ?a kh:met ?b } WHERE { ?a kh:met ?b }", "ntriples").contains("ontology#met>"));
    // a query file
    let t = query(&store, &format!("@{}", root().join("queries/who-met-whom.rq").display()), "table");
    assert!(t.contains("Rajnath Singh") && t.contains("Andrei Belousov"), "{t}");
    // a malformed query: exit 2 with the parser's message
    khabar()
        .args(["query", "SELECT ?a WHERE { ?a kh:met ", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error"));
    // no store: a readable error
    khabar()
        .args(["query", "ASK {}", "--store"])
        .arg(tmp.path().join("nothing"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("run `khabar build` first"));
}

#[test]
fn extract_shows_facts_with_sentences_and_rules() {
    let f = root().join("corpus/002_1cdc5f18a794a8bb.txt");
    khabar()
        .arg("extract")
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("—met→"))
        .stdout(predicate::str::contains("meet.agent-partner"));
    let out = khabar().arg("extract").arg(&f).args(["--format", "json"]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["date"], "2025-12-04");
    assert!(v["facts"].as_array().is_some_and(|f| f.iter().any(|x| x["relation"] == "met")));
    khabar()
        .arg("extract")
        .arg(&f)
        .args(["--format", "turtle"])
        .assert()
        .success()
        .stdout(predicate::str::contains("kh:Meeting"));
}

#[test]
fn exports_parse_in_rdflib_and_the_store_opens_in_pyoxigraph() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = tmp.path().join("store");
    build(&root().join("corpus"), &store).success();
    for (fmt, file, rdflib_fmt) in [
        ("nquads", "g.nq", "nquads"),
        ("trig", "g.trig", "trig"),
        ("turtle", "g.ttl", "turtle"),
        ("jsonld", "g.jsonld", "json-ld"),
    ] {
        let out = tmp.path().join(file);
        khabar().args(["export", "--format", fmt, "--out"]).arg(&out).arg("--store").arg(&store).assert().success();
        let n = python(
            &format!(
                "import sys, rdflib\nd = rdflib.Dataset()\nd.parse(sys.argv[1], format='{rdflib_fmt}')\nprint(len(d))"
            ),
            &[&out],
        );
        assert!(n.trim().parse::<usize>().expect("a count") > 500, "{fmt}: {n}");
    }
    // pyoxigraph opens the store khabar built and sees the same meetings
    let n = python(
        "import sys, pyoxigraph as ox\ns = ox.Store.read_only(sys.argv[1])\nq = 'SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m a <https://w3id.org/khabar/ontology#Meeting> } }'\nprint(next(iter(s.query(q)))[0].value)",
        &[&store],
    );
    let ours = query(&store, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m a kh:Meeting } }", "csv");
    assert!(ours.trim_end().ends_with(n.trim()), "pyoxigraph {n} vs khabar {ours}");
}

#[test]
fn eval_agrees_with_the_independent_scorer() {
    let shared = root().join("../shared");
    let score_py = shared.join("eval/score.py");
    let gold = shared.join("gold/seeds.jsonl");
    assert!(score_py.exists() && gold.exists(), "../shared (seeds, gold, scorer) must sit beside the checkout");
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = tmp.path().join("store");
    build(&shared.join("seeds"), &store).success();
    let nq = tmp.path().join("g.nq");
    khabar().args(["export", "--format", "nquads", "--out"]).arg(&nq).arg("--store").arg(&store).assert().success();
    let ours_json = tmp.path().join("ours.json");
    khabar()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--store")
        .arg(&store)
        .arg("--json")
        .arg(&ours_json)
        .assert()
        .success();
    let theirs_json = tmp.path().join("theirs.json");
    let out = std::process::Command::new("python3")
        .arg(&score_py)
        .arg("--gold")
        .arg(&gold)
        .arg("--graph")
        .arg(&nq)
        .arg("--ontology")
        .arg(root().join("ontology/khabar.ttl"))
        .arg("--json")
        .arg(&theirs_json)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ours: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ours_json).expect("read")).expect("json");
    let theirs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&theirs_json).expect("read")).expect("json");
    for part in ["entities", "facts", "deals", "shares", "meetings"] {
        for k in ["tp", "system", "gold"] {
            assert_eq!(ours[part][k], theirs["report"][part][k], "{part}.{k}");
        }
        let (a, b) = (ours[part]["f1"].as_f64().unwrap_or(-1.0), theirs["report"][part]["f1"].as_f64().unwrap_or(-2.0));
        assert!((a - b).abs() < 1e-3, "{part}.f1 {a} vs {b}");
    }
}

#[test]
fn serve_refuses_to_start_without_a_store_or_a_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-store");
    khabar()
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(&missing)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no store here"));
    khabar()
        .args(["serve", "--bind", "127.0.0.1:0", "--allow-update", "--store"])
        .arg(&missing)
        .env("KHABAR_TOKEN", "0123456789abcdef0123")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no store here"));
    assert!(!missing.exists(), "a mistyped --store makes no folder");
    let store = dir.path().join("store");
    build(&corpus_copy(dir.path()), &store).success();
    khabar()
        .args(["serve", "--bind", "127.0.0.1:0", "--allow-update", "--store"])
        .arg(&store)
        .env_remove("KHABAR_TOKEN")
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs a bearer token"));
    let short = dir.path().join("token");
    std::fs::write(&short, "too-short\n").expect("write");
    khabar()
        .args(["serve", "--bind", "127.0.0.1:0", "--allow-update", "--store"])
        .arg(&store)
        .arg("--token-file")
        .arg(&short)
        .assert()
        .failure()
        .stderr(predicate::str::contains("at least 16 characters"));
}
