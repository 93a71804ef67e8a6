//! The SPARQL endpoint, tested with a real HTTP client against a real server on loopback: GET
//! and POST queries, content negotiation, the service description, CORS, read-only refusal,
//! a malformed query (400 with the parser's message), the result cap, the dataset parameters
//! and the browser page.

use khabar::serve::{run, ServeOptions};
use khabar::store::GraphStore;
use std::path::PathBuf;
use std::time::Duration;

struct Server {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn start(max_results: usize) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let store_dir = dir.path().join("store");
    assert_cmd::Command::cargo_bin("khabar")
        .expect("binary")
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .args(["build", "corpus", "--quiet", "--store"])
        .arg(&store_dir)
        .assert()
        .success();
    let store = GraphStore::open_read_only(&store_dir).expect("store opens");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
            addr_tx.send(listener.local_addr().expect("address")).expect("send address");
            let opts = ServeOptions {
                bind: listener.local_addr().expect("address"),
                timeout: Duration::from_secs(10),
                max_results,
                max_body: 1 << 16,
            };
            run(listener, store, opts, async move {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(20)).expect("server started");
    Server { base: format!("http://{addr}"), stop: Some(tx), thread: Some(thread), _dir: dir }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn get(url: &str, accept: &str) -> (u16, String, String) {
    let mut r = agent().get(url).header("Accept", accept).call().expect("request");
    let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (r.status().as_u16(), ct, r.body_mut().read_to_string().expect("body"))
}

fn post(url: &str, ctype: &str, accept: &str, body: &str) -> (u16, String, String) {
    let mut r = agent().post(url).header("Content-Type", ctype).header("Accept", accept).send(body).expect("request");
    let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (r.status().as_u16(), ct, r.body_mut().read_to_string().expect("body"))
}

fn enc(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[test]
fn sparql_protocol_over_http() {
    let s = start(100_000);
    let q = "SELECT ?a ?b WHERE { ?a kh:met ?b }";
    // GET, JSON by default
    let (status, ct, body) = get(&format!("{}/sparql?query={}", s.base, enc(q)), "*/*");
    assert_eq!(status, 200);
    assert!(ct.starts_with("application/sparql-results+json"), "{ct}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON results");
    assert!(v["results"]["bindings"].as_array().is_some_and(|b| b.len() >= 4));
    // POST application/sparql-query, CSV
    let (status, ct, body) = post(&format!("{}/sparql", s.base), "application/sparql-query", "text/csv", q);
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"));
    assert!(body.starts_with("a,b"));
    // POST form, XML and TSV
    let form = format!("query={}", enc(q));
    let (_, ct, body) = post(
        &format!("{}/sparql", s.base),
        "application/x-www-form-urlencoded",
        "application/sparql-results+xml",
        &form,
    );
    assert!(ct.starts_with("application/sparql-results+xml") && body.contains("<sparql"));
    let (_, ct, _) =
        post(&format!("{}/sparql", s.base), "application/x-www-form-urlencoded", "text/tab-separated-values", &form);
    assert!(ct.starts_with("text/tab-separated-values"));
    // graphs: Turtle by default, N-Triples and JSON-LD on request
    let c = "CONSTRUCT { ?a kh:met ?b } WHERE { ?a kh:met ?b }";
    let (_, ct, body) = get(&format!("{}/sparql?query={}", s.base, enc(c)), "*/*");
    assert!(ct.starts_with("text/turtle") && body.contains("met"));
    let (_, ct, body) = get(&format!("{}/sparql?query={}", s.base, enc(c)), "application/n-triples");
    assert!(ct.starts_with("application/n-triples") && body.contains("<https://w3id.org/khabar/ontology#met>"));
    let (_, ct, body) = get(&format!("{}/sparql?query={}", s.base, enc(c)), "application/ld+json");
    assert!(ct.starts_with("application/ld+json"));
    serde_json::from_str::<serde_json::Value>(&body).expect("JSON-LD");
    // one named graph as the default graph
    let g = "SELECT (COUNT(*) AS ?n) WHERE { ?a kh:met ?b }";
    let (_, _, all) = get(&format!("{}/sparql?query={}", s.base, enc(g)), "text/csv");
    let (_, _, none) = get(
        &format!("{}/sparql?query={}&default-graph-uri={}", s.base, enc(g), enc("https://w3id.org/khabar/ontology")),
        "text/csv",
    );
    assert_ne!(all, none);
    assert!(none.trim_end().ends_with('0'), "{none}");
}

#[test]
fn safe_by_default() {
    let s = start(3);
    // a malformed query: 400 with the parser's message and position
    let (status, _, body) = get(&format!("{}/sparql?query={}", s.base, enc("SELECT ?a WHERE { ?a kh:met ")), "*/*");
    assert_eq!(status, 400);
    assert!(body.contains("error at 1:"), "{body}");
    // updates are refused
    let (status, _, _) =
        post(&format!("{}/sparql", s.base), "application/sparql-update", "*/*", "INSERT DATA { <x:a> <x:b> <x:c> }");
    assert_eq!(status, 403);
    let (status, _, _) =
        post(&format!("{}/sparql", s.base), "application/x-www-form-urlencoded", "*/*", "update=CLEAR%20ALL");
    assert_eq!(status, 403);
    // the result cap
    let (status, _, body) = get(&format!("{}/sparql?query={}", s.base, enc("SELECT * WHERE { ?s ?p ?o }")), "*/*");
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("LIMIT"));
    // a body over the size limit
    let big = format!("query={}", "x".repeat(100_000));
    let (status, _, _) = post(&format!("{}/sparql", s.base), "application/x-www-form-urlencoded", "*/*", &big);
    assert_eq!(status, 413);
    // the service description, CORS, and the browser page
    let (status, ct, body) = get(&format!("{}/sparql", s.base), "*/*");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/turtle") && body.contains("sd:Service"));
    let r = agent().get(&format!("{}/sparql?query={}", s.base, enc("ASK {}"))).call().expect("request");
    assert_eq!(r.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()), Some("*"));
    let (status, ct, body) = get(&format!("{}/", s.base), "text/html");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html") && body.contains("Noto Sans Devanagari") && body.contains("Who met whom"));
}

#[test]
fn a_python_sparql_client_reads_the_endpoint() {
    let s = start(100_000);
    let code = r#"
import sys
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(sys.argv[1] + "/sparql", returnFormat="json")
rows = list(store.query("SELECT ?a ?b WHERE { ?a <https://w3id.org/khabar/ontology#met> ?b }"))
labels = list(store.query('SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l . FILTER(LANG(?l) = "hi") } LIMIT 5'))
assert len(rows) >= 4 and len(labels) == 5, (len(rows), len(labels))
print(len(rows), any(any("\u0900" <= ch <= "\u097f" for ch in str(l[0])) for l in labels))
"#;
    let out = std::process::Command::new("python3").arg("-c").arg(code).arg(&s.base).output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.trim().ends_with("True"), "Hindi labels come through: {text}");
}

#[test]
fn a_browser_follows_an_entity_to_its_sentences() {
    let s = start(100_000);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shot = root.join("output/ui.png");
    std::fs::create_dir_all(root.join("output")).expect("output/");
    let out = std::process::Command::new("node")
        .current_dir(root.join("tests/browser"))
        .arg("ui.test.mjs")
        .arg(&s.base)
        .arg(&shot)
        .output()
        .expect("node runs (scripts/setup.sh installs Chromium and playwright-core)");
    assert!(
        out.status.success(),
        "browser test: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}
