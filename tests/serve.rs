//! The SPARQL endpoint, tested with a real HTTP client against a real server on loopback: GET
//! and POST queries, content negotiation, the service description, CORS, read-only refusal,
//! a malformed query (400 with the parser's message), the result cap, the dataset parameters,
//! SERVICE refused, updates with a bearer token, `build` beside a running server, and the
//! browser UI in headless Chromium.

mod common;

use common::{khabar, root, run_ok, sample_store};
use khabar::serve::{run, ServeOptions};
use khabar::store::GraphStore;
use std::path::PathBuf;
use std::time::Duration;

struct Server {
    base: String,
    store_dir: PathBuf,
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
    start_with(max_results, None, Duration::from_secs(10))
}

fn start_with(max_results: usize, update_token: Option<&str>, timeout: Duration) -> Server {
    start_running(max_results, update_token, timeout, None)
}

/// Builds the sample corpus into a fresh store and serves it; with a token, read-write; with
/// `max_running`, that many evaluations at once.
fn start_running(
    max_results: usize,
    update_token: Option<&str>,
    timeout: Duration,
    max_running: Option<usize>,
) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let store_dir = sample_store(dir.path());
    let store = match update_token {
        Some(_) => GraphStore::open(&store_dir).expect("store opens for writing"),
        None => GraphStore::open_read_only(&store_dir).expect("store opens"),
    };
    let update_token = update_token.map(str::to_string);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
            addr_tx.send(listener.local_addr().expect("address")).expect("send address");
            let defaults = ServeOptions::new(listener.local_addr().expect("address"));
            let opts = ServeOptions {
                max_running: max_running.unwrap_or(defaults.max_running),
                max_results,
                timeout,
                max_body: 1 << 16,
                update_token,
                font: khabar::serve::FONT_PATHS.iter().find_map(|p| std::fs::read(p).ok()).map(Into::into),
                lexicon: Some(std::sync::Arc::new(khabar::lexicon::Lexicon::embedded().expect("lexicon"))),
                ..defaults
            };
            run(listener, store, opts, async move {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(20)).expect("server started");
    Server { base: format!("http://{addr}"), store_dir, stop: Some(tx), thread: Some(thread), _dir: dir }
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

/// POSTs an update with an optional bearer token: status, WWW-Authenticate, body.
fn post_update(url: &str, token: Option<&str>, ctype: &str, body: &str) -> (u16, String, String) {
    let mut req = agent().post(url).header("Content-Type", ctype);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut r = req.send(body).expect("request");
    let auth = r.headers().get("www-authenticate").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (r.status().as_u16(), auth, r.body_mut().read_to_string().expect("body"))
}

fn count(base: &str, q: &str) -> u64 {
    let (status, _, body) = get(&format!("{base}/sparql?query={}", enc(q)), "text/csv");
    assert_eq!(status, 200, "{body}");
    body.lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("a count: {body}"))
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
    // the `format` parameter, for links where no Accept header can be set
    let (status, ct, body) = get(&format!("{}/sparql?query={}&format=csv", s.base, enc(q)), "text/html");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv") && body.starts_with("a,b"), "{ct}");
    let (status, _, body) = get(&format!("{}/sparql?query={}&format=pdf", s.base, enc(q)), "*/*");
    assert_eq!(status, 400);
    assert!(body.contains("unknown format `pdf`"), "{body}");
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
    // no SERVICE federation: no outbound request, a clear 400
    let fed = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    let (status, _, body) = get(&format!("{}/sparql?query={}", s.base, enc(fed)), "*/*");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("SERVICE federation is disabled"), "{body}");
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
    assert!(ct.starts_with("text/html") && body.contains("app.js") && body.contains("app.css"));
    let (status, ct, body) = get(&format!("{}/app.js", s.base), "*/*");
    assert!(status == 200 && ct.starts_with("text/javascript") && body.contains("Who met whom"));
    let (status, ct, body) = get(&format!("{}/app.css", s.base), "*/*");
    assert!(status == 200 && ct.starts_with("text/css") && body.contains("Noto Sans Devanagari"));
    // the font is served from the machine's fonts (scripts/setup.sh installs fonts-noto-core)
    let mut r = agent().get(&format!("{}/font/devanagari.ttf", s.base)).call().expect("request");
    assert_eq!(r.status().as_u16(), 200);
    let font = r.body_mut().with_config().limit(10 << 20).read_to_vec().expect("font");
    assert_eq!(&font[..4], b"\x00\x01\x00\x00", "a TrueType font");
}

#[test]
fn updates_need_the_bearer_token() {
    let token = "0123456789abcdef-test-token";
    let s = start_with(100_000, Some(token), Duration::from_secs(10));
    let url = format!("{}/sparql", s.base);
    let insert = "INSERT DATA { GRAPH <urn:x:notes> { <https://w3id.org/khabar/id/person/test-person> kh:met <https://w3id.org/khabar/id/person/other-person> } }";
    let ask = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/khabar/id/person/test-person> kh:met ?o }";
    // no token, a wrong token: 401 with a Bearer challenge, and nothing changes
    let (status, auth, _) = post_update(&url, None, "application/sparql-update", insert);
    assert_eq!(status, 401);
    assert!(auth.starts_with("Bearer"), "{auth}");
    let (status, auth, _) =
        post_update(&url, Some("0123456789abcdef-wrong-token"), "application/sparql-update", insert);
    assert_eq!(status, 401);
    assert!(auth.contains("invalid_token"), "{auth}");
    assert_eq!(count(&s.base, ask), 0);
    // the right token: applied (204), and the next query sees it
    let (status, _, body) = post_update(&url, Some(token), "application/sparql-update", insert);
    assert_eq!(status, 204, "{body}");
    assert_eq!(count(&s.base, ask), 1);
    // form-encoded updates too
    let form = format!("update={}", enc("DELETE WHERE { GRAPH <urn:x:notes> { ?s ?p ?o } }"));
    let (status, _, body) = post_update(&url, Some(token), "application/x-www-form-urlencoded", &form);
    assert_eq!(status, 204, "{body}");
    assert_eq!(count(&s.base, ask), 0);
    // a malformed update: 400 with the parser's position; updates by GET: 405
    let (status, _, body) = post_update(&url, Some(token), "application/sparql-update", "INSERT DATA { <x:a> ");
    assert_eq!(status, 400);
    assert!(body.contains("error at 1:"), "{body}");
    let (status, _, _) = get(&format!("{url}?update={}", enc("CLEAR ALL")), "*/*");
    assert_eq!(status, 405);
    // the service description names SPARQL Update
    let (_, _, body) = get(&url, "*/*");
    assert!(body.contains("sd:SPARQL11Update"), "{body}");
    // a read-write server holds the store: `build` on it fails at once with a clear message
    let out = khabar()
        .args(["build", "corpus", "--quiet", "--store"])
        .arg(&s.store_dir)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("build runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another khabar process"), "{err}");
    assert!(count(&s.base, "SELECT (COUNT(*) AS ?n) WHERE { ?a kh:met ?b }") >= 4, "the server still answers");
}

#[test]
fn build_beside_a_read_only_server_fails_at_once_and_changes_nothing() {
    let s = start(100_000);
    let articles = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a kh:Article } }";
    let before = count(&s.base, articles);
    let extra = tempfile::tempdir().expect("tempdir");
    let article = extra.path().join("extra.txt");
    std::fs::write(&article, "नई दिल्ली: रक्षा मंत्री राजनाथ सिंह ने सोमवार को फ्रांस के रक्षा मंत्री से मुलाकात की।\n")
        .expect("write");
    let out = khabar()
        .args(["build", "--quiet", "--store"])
        .arg(&s.store_dir)
        .arg(&article)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("build runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another khabar process") && err.contains("stop it first"), "{err}");
    // the server goes on answering, and the store is as it was
    assert_eq!(count(&s.base, articles), before);
    // readers share the store: `query` works beside the server
    assert!(run_ok(&s.store_dir, &["query", articles, "--format", "csv"]).contains(&before.to_string()));
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
    let text = common::python(code, &[std::path::Path::new(&s.base)]);
    assert!(text.trim().ends_with("True"), "Hindi labels come through: {text}");
}

#[test]
fn a_browser_explores_the_graph() {
    let s = start(100_000);
    let root = root();
    let out_dir = root.join("output");
    std::fs::create_dir_all(&out_dir).expect("output/");
    let out = std::process::Command::new("node")
        .current_dir(root.join("tests/browser"))
        .arg("ui.test.mjs")
        .arg(&s.base)
        .arg(&out_dir)
        .output()
        .expect("node runs (scripts/setup.sh installs Chromium and playwright-core)");
    assert!(
        out.status.success(),
        "browser test: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for shot in ["ui-home.png", "ui.png", "ui-query.png", "ui-timeline.png"] {
        let png = std::fs::read(out_dir.join(shot)).expect("screenshot");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}

#[test]
fn a_query_over_the_time_limit_is_cancelled() {
    let s = start_with(100_000, None, Duration::from_secs(1));
    // a cross product of every triple with every triple, three times: it would run for hours
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let (status, _, body) = get(&format!("{}/sparql?query={}", s.base, enc(slow)), "*/*");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("time limit of 1s"), "{body}");
    // the server still answers (the cancelled query stops at its next check of the token)
    for _ in 0..3 {
        assert!(count(&s.base, "SELECT (COUNT(*) AS ?n) WHERE { ?a kh:met ?b }") >= 4);
    }
}

#[test]
fn a_busy_server_refuses_more_queries_until_its_evaluations_stop() {
    let s = start_running(100_000, None, Duration::from_secs(1), Some(1));
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let good = "SELECT (COUNT(*) AS ?n) WHERE { ?a kh:met ?b }";
    let url = format!("{}/sparql", s.base);
    let sparql = "application/sparql-query";
    // (on a loaded machine the slow query may take a moment to reach the evaluator: ask until it
    // has, which must happen before the slow query's client hears back; should a good query
    // have taken the evaluator first, the slow one is refused as busy and is sent again)
    let mut attempts = 0;
    let (running, body) = 'attempt: loop {
        attempts += 1;
        assert!(attempts <= 5, "the slow query never took the evaluator");
        let running = {
            let url = url.clone();
            std::thread::spawn(move || post(&url, sparql, "*/*", slow))
        };
        let t = std::time::Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(150));
            if running.is_finished() {
                let (status, _, body) = running.join().expect("the slow query's client");
                assert!(status == 503 && body.contains("busy"), "the slow query ended first: {status} {body}");
                continue 'attempt;
            }
            let (status, _, body) = post(&url, sparql, "*/*", good);
            if status == 503 {
                break 'attempt (running, body);
            }
            assert_eq!(status, 200, "{body}");
            assert!(t.elapsed() < Duration::from_secs(30), "the slow query never took the evaluator");
        }
    };
    assert!(body.contains("busy"), "{body}");
    let (status, _, body) = post(&url, sparql, "*/*", "SELEKT ?x WHERE {");
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = running.join().expect("the slow query's client");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("time limit of 1s"), "{body}");
    // once it has stopped, queries are answered again
    let t = std::time::Instant::now();
    loop {
        let (status, _, body) = post(&url, sparql, "text/csv", good);
        if status == 200 {
            assert!(body.lines().nth(1).and_then(|l| l.trim().parse::<u64>().ok()).is_some_and(|n| n >= 4), "{body}");
            break;
        }
        assert_eq!(status, 503, "{body}");
        assert!(t.elapsed() < Duration::from_secs(120), "the cancelled query never stopped");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_binary_serves_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let common::Spawned { mut child, stderr: mut err, first_line: line, base } = common::spawn_serve(&[], &store, &[]);
    assert!(line.contains("read-only"), "{line}");
    assert!(count(&base, "SELECT (COUNT(*) AS ?n) WHERE { ?a kh:met ?b }") >= 4);
    let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("the server exits");
    assert!(status.success(), "exit status {status}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).expect("stderr");
    assert!(rest.contains("shutting down"), "{rest}");
}
