//! Beyond one machine: a store pushed with the Graph Store HTTP Protocol to a real server
//! (khabar's own `serve --allow-update`, and Virtuoso Open Source started on loopback), the same
//! answers from both stores, and the Spark job in local mode.

mod common;

use common::{khabar, nquads, root};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

/// A `khabar serve` process, stopped when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

fn serve(store: &Path, token: &str) -> Served {
    let s = common::spawn_serve(&["--allow-update"], store, &[("KHABAR_TOKEN", token)]);
    Served { child: s.child, base: s.base }
}

/// A store that holds the ontology only.
fn empty_store(dir: &Path) -> PathBuf {
    let nothing = dir.join("nothing.nq");
    std::fs::write(&nothing, "").expect("write");
    let store = dir.join("remote");
    khabar().args(["load", "-q"]).arg(&nothing).arg("--store").arg(&store).assert().success();
    store
}

fn push(store: &Path, url: &str, token: &str) -> String {
    let out = khabar()
        .args(["push", "--store"])
        .arg(store)
        .args(["--to", url])
        .env("KHABAR_TO_TOKEN", token)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "push failed: {stderr}");
    stderr
}

#[test]
fn a_store_pushed_to_khabar_serve_is_the_same_store_and_a_second_push_sends_only_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for f in std::fs::read_dir(root().join("corpus")).expect("corpus") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, corpus.join(f.file_name().expect("name"))).expect("copy");
    }
    let local = dir.path().join("local");
    khabar().args(["build", "-q"]).arg(&corpus).arg("--store").arg(&local).assert().success();
    let remote = empty_store(dir.path());
    let token = "a-long-test-token-0123456789";
    {
        let server = serve(&remote, token);
        let url = format!("{}/store", server.base);
        // no token: refused, nothing written
        let out = khabar().args(["push", "--store"]).arg(&local).args(["--to", &url]).output().expect("runs");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("401"), "{}", String::from_utf8_lossy(&out.stderr));
        let first = push(&local, &url, token);
        assert!(first.contains("5 article graph(s) sent"), "{first}");
        let again = push(&local, &url, token);
        assert!(again.contains("0 article graph(s) sent, 0 deleted"), "{again}");
        // one article changes: its new version is sent, the old one deleted
        let f = corpus.join("000_83ff73313d33ab5f.txt");
        let text = std::fs::read_to_string(&f).expect("read");
        std::fs::write(&f, format!("रक्षा मंत्री राजनाथ सिंह ने बुधवार को जापान के रक्षा मंत्री से मुलाकात की।\n{text}"))
            .expect("write");
        khabar().args(["build", "-q"]).arg(&corpus).arg("--store").arg(&local).assert().success();
        let changed = push(&local, &url, token);
        assert!(changed.contains("1 article graph(s) sent, 1 deleted"), "{changed}");
    }
    assert_eq!(nquads(&remote), nquads(&local), "the pushed store holds exactly the local one");
}

#[test]
fn build_to_pushes_after_building() {
    let dir = tempfile::tempdir().expect("tempdir");
    let remote = empty_store(dir.path());
    let token = "another-long-test-token-987654";
    let local = dir.path().join("local");
    {
        let server = serve(&remote, token);
        let out = khabar()
            .args(["build", "corpus", "--store"])
            .arg(&local)
            .args(["--to", &format!("{}/store", server.base)])
            .env("KHABAR_TO_TOKEN", token)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains("built ") && stderr.contains("pushed to "), "{stderr}");
    }
    assert_eq!(nquads(&remote), nquads(&local));
}

/// JSON Lines (records with and without ids, the same story twice) and a WARC of news pages,
/// all made from passages of the development set.
fn web_corpus(dir: &Path) -> Vec<PathBuf> {
    use common::pages::{http_response, news_page, passages, warc_record};
    let ps = passages(40);
    let mut jsonl = String::new();
    for (i, (name, date, body)) in ps[..30].iter().enumerate() {
        let mut rec = serde_json::json!({"date": date, "text": body});
        if i % 3 != 0 {
            rec["id"] = serde_json::json!(format!("https://news.example.in/{name}"));
        }
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
        if i == 4 {
            jsonl.push('\n');
        }
    }
    jsonl.push_str(&serde_json::json!({"id": "again", "text": ps[1].2}).to_string());
    jsonl.push('\n');
    let mut warc = Vec::new();
    for (name, date, body) in &ps[30..] {
        let page = http_response("text/html; charset=utf-8", news_page(date, body).as_bytes());
        warc.extend(warc_record("response", &format!("https://khabar.example.in/{name}"), "application/http", &page));
    }
    let (j, w) = (dir.join("crawl.jsonl"), dir.join("pages.warc.gz"));
    std::fs::write(&j, jsonl).expect("write");
    std::fs::write(&w, warc).expect("write");
    vec![j, w]
}

#[test]
fn the_spark_job_in_local_mode_gives_the_store_of_a_plain_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = web_corpus(dir.path());
    let plain = dir.path().join("plain");
    khabar().args(["build", "-q"]).args(&inputs).arg("--store").arg(&plain).current_dir(dir.path()).assert().success();
    let spark = dir.path().join("spark");
    let out = Command::new("python3")
        .arg(root().join("scripts/spark/khabar_spark.py"))
        .args(&inputs)
        .arg("--out")
        .arg(dir.path().join("parts"))
        .args(["--partitions", "3", "--master", "local[2]", "--khabar"])
        .arg(assert_cmd::cargo::cargo_bin("khabar"))
        .arg("--load")
        .arg(&spark)
        .current_dir(dir.path())
        .output()
        .expect("python3 runs the Spark job (scripts/setup.sh installs pyspark and Java)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the Spark job failed: {stderr}\n{}", String::from_utf8_lossy(&out.stdout));
    let parts = std::fs::read_dir(dir.path().join("parts"))
        .expect("parts")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("part-")))
        .count();
    assert!(parts >= 3, "{parts} parts");
    let (a, b) = (nquads(&plain), nquads(&spark));
    assert!(a.len() > 1000, "{}", a.len());
    assert_eq!(a, b, "the Spark parts loaded == a plain build of the same corpus");
}

/// A Virtuoso Open Source server of the test's own, on loopback (`scripts/virtuoso.sh`), stopped
/// when dropped.
struct Virtuoso {
    dir: PathBuf,
    env: std::collections::HashMap<String, String>,
}

impl Virtuoso {
    fn start(dir: &Path) -> Virtuoso {
        let out = Command::new("bash")
            .arg(root().join("scripts/virtuoso.sh"))
            .arg("start")
            .arg(dir)
            .args(["0", "0"])
            .output()
            .expect("bash runs scripts/virtuoso.sh (scripts/setup.sh installs Virtuoso)");
        assert!(
            out.status.success(),
            "Virtuoso did not start: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let env = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
            .collect();
        Virtuoso { dir: dir.to_path_buf(), env }
    }

    fn get(&self, key: &str) -> &str {
        self.env.get(key).unwrap_or_else(|| panic!("{key} in virtuoso.sh's output: {:?}", self.env))
    }

    /// SPARQL JSON results of a query (our prefixes declared: Virtuoso knows no kh:).
    fn select(&self, query: &str) -> serde_json::Value {
        let prefixes = "PREFIX kh: <https://w3id.org/khabar/ontology#>\n\
            PREFIX khid: <https://w3id.org/khabar/id/>\n\
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n\
            PREFIX owl: <http://www.w3.org/2002/07/owl#>\n\
            PREFIX prov: <http://www.w3.org/ns/prov#>\n\
            PREFIX schema: <https://schema.org/>\n";
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", &format!("{prefixes}{query}"))
            .finish();
        let mut resp = ureq::post(self.get("VIRTUOSO_SPARQL"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/sparql-results+json")
            .send(form)
            .expect("Virtuoso answers");
        serde_json::from_str(&resp.body_mut().read_to_string().expect("body")).expect("SPARQL JSON")
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(root().join("scripts/virtuoso.sh")).arg("stop").arg(&self.dir).status();
    }
}

/// The rows of SPARQL JSON results, each value in a form both stores agree on (numbers compared
/// as numbers: Virtuoso writes `2`, not `2.0`), sorted.
fn rows(results: &serde_json::Value) -> Vec<Vec<String>> {
    let vars: Vec<String> = results["head"]["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .map(|v| v.as_str().expect("var").to_string())
        .collect();
    let mut out: Vec<Vec<String>> = results["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            vars.iter()
                .map(|v| {
                    let t = &b[v];
                    let value = t["value"].as_str().unwrap_or("");
                    let dt = t["datatype"].as_str().unwrap_or("");
                    match t["type"].as_str() {
                        None => "-".to_string(),
                        Some("uri") => format!("<{value}>"),
                        Some(_) if dt.ends_with("#decimal") || dt.ends_with("#integer") || dt.ends_with("#double") => {
                            format!("{:.4}", value.parse::<f64>().unwrap_or(f64::NAN))
                        }
                        Some(_) => match t["xml:lang"].as_str() {
                            Some(lang) => format!("{value:?}@{}", lang.to_lowercase()),
                            None => format!("{value:?}^^{}", dt.rsplit('#').next().unwrap_or("")),
                        },
                    }
                })
                .collect()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn pushed_to_virtuoso_every_example_query_gives_the_same_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    khabar()
        .args(["build", "-q", "corpus", "tests/devset/tune", "tests/devset/heldout", "--store"])
        .arg(&store)
        .assert()
        .success();
    let virtuoso = Virtuoso::start(&dir.path().join("virtuoso"));
    let out = khabar()
        .args(["push", "--store"])
        .arg(&store)
        .args(["--to", virtuoso.get("VIRTUOSO_GSP"), "--to-user", virtuoso.get("VIRTUOSO_USER")])
        .env("KHABAR_TO_PASSWORD", virtuoso.get("VIRTUOSO_PASSWORD"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "push to Virtuoso failed: {stderr}");
    eprintln!("{stderr}");
    let mut queries: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .expect("queries")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 6);
    for q in &queries {
        let text = std::fs::read_to_string(q).expect("query");
        let embedded = common::run_ok(&store, &["query", &format!("@{}", q.display()), "--format", "json"]);
        let embedded: serde_json::Value = serde_json::from_str(&embedded).expect("JSON");
        let (here, there) = (rows(&embedded), rows(&virtuoso.select(&text)));
        assert!(!here.is_empty(), "{} gives rows on this corpus", q.display());
        assert_eq!(here, there, "{}: the same rows from the embedded store and from Virtuoso", q.display());
    }
    // and the graphs hold the same number of distinct facts
    let count = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH <https://w3id.org/khabar/id/graph/facts> { ?s ?p ?o } } }";
    let embedded: serde_json::Value =
        serde_json::from_str(&common::run_ok(&store, &["query", count, "--format", "json"])).expect("JSON");
    assert_eq!(rows(&embedded), rows(&virtuoso.select(count)));
}
