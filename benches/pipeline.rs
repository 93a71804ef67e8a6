//! Pipeline benchmark, per corpus size: generates N articles by recombining the sentences of the
//! bundled sample with lexicon substitutions (other people, states and systems of the same
//! kind), written as JSON Lines; then measures
//! - extraction + graph in this process, on one thread and on all cores (MB/s; the speed-up),
//! - `khabar build` of the files into a new store, as a user runs it (wall time, peak RSS),
//! - Oxigraph's own bulk loader on the same quads (exported as N-Quads) in the same run: the
//!   ratio of the two is the figure that matters,
//! - quads in the store per fact extracted, the store's size on disk,
//! - the median latency (5 runs) of every example query in `queries/` and of the queries the
//!   browser UI sends for its pages.
//!
//! `cargo bench --bench pipeline` (1,000 and 10,000 articles), or
//! `cargo bench --bench pipeline -- 1000 10000 100000`. Figures go to stdout.
//! With `KHABAR_BENCH_STORE=DIR` the store of the last size is kept in DIR (replacing what is
//! there), for the endpoint benchmark `benches/serve.py`.

// (the allocator the khabar binary uses, so that in-process figures are the binary's)
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use khabar::corpus::{article_from_text, Article};
use khabar::extract::extract;
use khabar::graph::article_graph;
use khabar::lexicon::{EntityType, Lexicon};
use khabar::store::GraphStore;
use rayon::prelude::*;
use std::io::Write;
use std::time::{Duration, Instant};

/// A small deterministic generator (no dependency, same corpus on every machine).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T
    where
        T: Sized,
    {
        &v[(self.next() as usize) % v.len()]
    }
}

fn generate(lex: &Lexicon, n: usize) -> Vec<Article> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut sentences: Vec<String> = Vec::new();
    let mut names: Vec<std::path::PathBuf> =
        std::fs::read_dir(&root).expect("corpus/").filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for p in names {
        let raw = std::fs::read_to_string(&p).expect("UTF-8");
        let a = article_from_text("x", &raw, None, None, None);
        for s in a.text.split(['।', '\n']) {
            if s.chars().count() > 30 {
                sentences.push(format!("{}।", s.trim()));
            }
        }
    }
    // substitution pools: (a label used in the sample, same-type replacements)
    let pool = |t: EntityType| -> Vec<String> {
        lex.entries.iter().filter(|e| e.etype == t).filter_map(|e| e.hi.first().cloned()).collect()
    };
    let people = pool(EntityType::Person);
    let states = pool(EntityType::Country);
    let systems = pool(EntityType::WeaponSystem);
    let subs: Vec<(&str, &Vec<String>)> = vec![
        ("राजनाथ सिंह", &people),
        ("आंद्रेई बेलौसोव", &people),
        ("व्लादिमीर पुतिन", &people),
        ("रूस", &states),
        ("चीन", &states),
        ("एस-400", &systems),
        ("एसयू-57", &systems),
    ];
    let mut rng = Rng(42);
    (0..n)
        .map(|i| {
            let k = 6 + (rng.next() as usize) % 10;
            let mut body = String::new();
            for _ in 0..k {
                let mut s = rng.pick(&sentences).clone();
                for (from, to) in &subs {
                    if s.contains(from) {
                        let to: &[String] = to;
                        let with: &String = rng.pick(to);
                        s = s.replace(from, with);
                    }
                }
                body.push_str(&s);
                body.push('\n');
            }
            let date = chrono::NaiveDate::from_ymd_opt(2024, 1 + (i % 12) as u32, 1 + (i % 28) as u32);
            article_from_text(&format!("gen/{i:05}.txt"), &body, None, None, date)
        })
        .collect()
}

/// The peak resident memory of a process so far (VmHWM), in MB.
fn peak_rss_mb(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs `khabar ARGS`, timing it and sampling its peak memory until it exits.
fn run_khabar(args: &[&std::ffi::OsStr]) -> (f64, f64) {
    let t = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("khabar runs");
    let pid = child.id().to_string();
    let mut peak = 0.0f64;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "khabar {args:?} failed");
            break;
        }
        let now = peak_rss_mb(&pid);
        if now.is_finite() {
            peak = peak.max(now);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (t.elapsed().as_secs_f64(), peak)
}

/// Median latency over 5 runs and the number of result rows.
fn time_query(store: &GraphStore, text: &str) -> (f64, usize) {
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut out = Vec::new();
        let r = store.query(text).unwrap_or_else(|e| panic!("query fails: {e}\n{text}"));
        khabar::query::write_results(r, khabar::query::OutputFormat::Tsv, &mut out).expect("results");
        rows = out.iter().filter(|b| **b == b'\n').count().saturating_sub(1);
        times.push(t.elapsed());
    }
    (median(times).as_secs_f64() * 1e3, rows)
}

/// The queries the browser UI (`src/serve/ui/app.js`) sends for its pages, for one person and
/// one article of the store: the entity page (labels, facts with sources, records, articles),
/// the article page (head, sentences, entities), the search box, the timeline.
fn ui_queries(article: &str) -> Vec<(&'static str, String)> {
    const E: &str = "<https://w3id.org/khabar/id/person/rajnath_singh>";
    const ENT: &str = "<https://w3id.org/khabar/id/graph/entities>";
    const FACTS: &str = "<https://w3id.org/khabar/id/graph/facts>";
    let label = |v: &str, out: &str| {
        format!(
            "OPTIONAL {{ GRAPH {ENT} {{ ?{v} rdfs:label ?{out}_hi . FILTER(LANG(?{out}_hi) = \"hi\") }} }}
  OPTIONAL {{ GRAPH {ENT} {{ ?{v} rdfs:label ?{out}_en . FILTER(LANG(?{out}_en) = \"en\") }} }}
  BIND(COALESCE(?{out}_hi, ?{out}_en, REPLACE(STR(?{v}), \"^.*/\", \"\")) AS ?{out})"
        )
    };
    let a = format!("<{article}>");
    vec![
        ("entity: labels", format!("SELECT ?p ?o WHERE {{ GRAPH {ENT} {{ {E} ?p ?o }} }}")),
        (
            "entity: facts and sources",
            format!(
                "SELECT ?dir ?p ?o ?ol ?sentence ?article ?title ?confidence WHERE {{
  {{ GRAPH {FACTS} {{ ?st rdf:subject {E} ; rdf:predicate ?p ; rdf:object ?o }} BIND(\"out\" AS ?dir) }}
  UNION
  {{ GRAPH {FACTS} {{ ?st rdf:object {E} ; rdf:predicate ?p ; rdf:subject ?o }} BIND(\"in\" AS ?dir) }}
  GRAPH ?article {{ ?st kh:sentence ?sn ; kh:confidence ?confidence . ?sn kh:text ?sentence }}
  OPTIONAL {{ GRAPH ?article {{ ?article kh:title ?title }} }}
  {}
}} ORDER BY ?dir ?p ?ol LIMIT 1000",
                label("o", "ol")
            ),
        ),
        (
            "entity: records",
            format!(
                "SELECT ?r ?type ?role (MIN(STR(?d)) AS ?date) (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
  GRAPH ?article {{ ?r ?role {E} ; a ?type . OPTIONAL {{ ?r kh:date ?d }} OPTIONAL {{ ?r kh:periodStart ?d }} }}
  VALUES ?type {{ kh:Meeting kh:Deal kh:ImportShare }}
}} GROUP BY ?r ?type ?role ORDER BY ?date LIMIT 500"
            ),
        ),
        (
            "entity: articles",
            format!(
                "SELECT DISTINCT ?article ?title ?date ?source WHERE {{
  {{ GRAPH ?article {{ {E} kh:mentionedIn ?article }} }} UNION {{ GRAPH ?article {{ {E} kh:reportedIn ?article }} }}
  GRAPH ?article {{ ?article kh:source ?source OPTIONAL {{ ?article kh:title ?title }} OPTIONAL {{ ?article kh:date ?date }} }}
}} ORDER BY DESC(?date) LIMIT 200"
            ),
        ),
        (
            "article: head",
            format!(
                "SELECT ?title ?date ?source ?url WHERE {{ GRAPH {a} {{ {a} kh:source ?source
        OPTIONAL {{ {a} kh:title ?title }} OPTIONAL {{ {a} kh:date ?date }} OPTIONAL {{ {a} schema:url ?url }} }} }}"
            ),
        ),
        (
            "article: sentences",
            format!("SELECT ?s ?text WHERE {{ GRAPH {a} {{ ?s kh:article {a} ; kh:start ?at ; kh:text ?text }} }} ORDER BY ?at"),
        ),
        (
            "article: entities",
            format!("SELECT DISTINCT ?e ?el WHERE {{ GRAPH {a} {{ ?e kh:mentionedIn {a} }} {} }} ORDER BY ?el", label("e", "el")),
        ),
        (
            "search box",
            format!(
                "SELECT ?e (SAMPLE(?l) AS ?name) WHERE {{
  GRAPH {ENT} {{ ?e rdfs:label|skos:altLabel ?any . FILTER(CONTAINS(LCASE(STR(?any)), LCASE(\"राजनाथ\"))) }}
  {}
}} GROUP BY ?e ORDER BY STRLEN(STR(?name)) LIMIT 20",
                label("e", "l")
            ),
        ),
        (
            "timeline",
            format!(
                "SELECT ?r ?type (MIN(STR(?d)) AS ?date)
       (GROUP_CONCAT(DISTINCT CONCAT(STR(?x), \"|\", ?xl); separator=\"\\t\") AS ?who) WHERE {{
  GRAPH ?g {{ ?r a ?type ; kh:date ?d ; ?role ?x . VALUES ?type {{ kh:Meeting kh:Deal }}
    VALUES ?role {{ kh:participant kh:buyer kh:seller kh:system }} }}
  {}
}} GROUP BY ?r ?type ORDER BY ?date LIMIT 5000",
                label("x", "xl")
            ),
        ),
    ]
}

fn bench_size(lex: &Lexicon, n: usize, keep: Option<&std::path::Path>) {
    println!("\n== {n} articles");
    let t = Instant::now();
    let articles = generate(lex, n);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {mb:.1} MB of text, generated in {:.2}s", t.elapsed().as_secs_f64());

    // extraction + graph on one thread, then on all (counted, then dropped)
    let extractor = lex.extractor(0.5);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        let t = Instant::now();
        let counts = pool.install(|| {
            articles
                .par_iter()
                .map(|a| {
                    let ex = extract(lex, &a.text, a.date);
                    (ex.facts.len(), article_graph(a, &ex, &extractor).quads.len())
                })
                .reduce(|| (0, 0), |x, y| (x.0 + y.0, x.1 + y.1))
        });
        (counts, t.elapsed().as_secs_f64())
    };
    let (_, s1) = run(1);
    let cores = rayon::current_num_threads();
    let ((facts, quads), s) = run(cores);
    assert!(facts > n, "the generated articles yield facts ({facts})");
    println!("extract+graph, 1 thread:  {:>6.2} MB/s ({:.0} articles/s)", mb / s1, n as f64 / s1);
    println!(
        "extract+graph, {cores} threads: {:>6.2} MB/s, {:.2}x one thread ({facts} facts, {quads} quads made)",
        mb / s,
        s1 / s
    );

    // the corpus as JSON Lines files of 1,000 articles
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    for (k, chunk) in articles.chunks(1000).enumerate() {
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(input.join(format!("part-{k:04}.jsonl"))).expect("part"));
        for a in chunk {
            let date = a.date.map(|d| d.format("%Y-%m-%d").to_string());
            let rec = serde_json::json!({ "id": a.source, "date": date, "text": a.text });
            writeln!(f, "{rec}").expect("write");
        }
    }
    drop(articles);

    // `khabar build` of a new store, as a user runs it
    let store_dir = match keep {
        Some(d) => {
            // (only a store is replaced: a folder with anything else in it is left alone)
            if d.join("CURRENT").exists() {
                std::fs::remove_dir_all(d).expect("removing the old benchmark store");
            }
            assert!(!d.exists(), "{} exists and is no khabar store: not replacing it", d.display());
            d.to_path_buf()
        }
        None => dir.path().join("store"),
    };
    let (build, rss) = run_khabar(&[
        "build".as_ref(),
        "--quiet".as_ref(),
        "--store".as_ref(),
        store_dir.as_os_str(),
        input.as_os_str(),
    ]);
    let store = GraphStore::open_read_only(&store_dir).expect("store");
    let in_store = store.len().expect("len");
    let ontology = store
        .select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/khabar/ontology> { ?s ?p ?o } }")
        .expect("count")[0][0]
        .as_ref()
        .map(|t| match t {
            oxigraph::model::Term::Literal(l) => l.value().parse::<usize>().unwrap_or(0),
            _ => 0,
        })
        .unwrap_or(0);
    println!(
        "khabar build: {build:.2}s ({:.2} MB/s), peak RSS {rss:.0} MB; {in_store} quads in store, {:.1} per fact",
        mb / build,
        (in_store - ontology) as f64 / facts as f64
    );
    println!("store on disk: {:.1} MB", dir_size(&store_dir) as f64 / 1e6);

    // Oxigraph's own bulk loader on the same quads
    let nq = dir.path().join("all.nq");
    drop(store);
    run_khabar(&[
        "export".as_ref(),
        "--store".as_ref(),
        store_dir.as_os_str(),
        "--format".as_ref(),
        "nquads".as_ref(),
        "--out".as_ref(),
        nq.as_os_str(),
    ]);
    let reference = tempfile::tempdir().expect("tempdir");
    let raw = oxigraph::store::Store::open(reference.path()).expect("reference store");
    let t = Instant::now();
    let mut loader = raw.bulk_loader();
    loader
        .load_from_reader(oxigraph::io::RdfFormat::NQuads, std::fs::File::open(&nq).expect("nq"))
        .expect("reference load");
    loader.commit().expect("reference commit");
    let oxi = t.elapsed().as_secs_f64();
    println!(
        "oxigraph bulk load of the same {:.1} MB of N-Quads: {oxi:.2}s; build / that = {:.2}",
        std::fs::metadata(&nq).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        build / oxi
    );
    drop(raw);

    // queries: the examples, then the UI's pages
    let store = GraphStore::open_read_only(&store_dir).expect("store");
    let qdir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut qs: Vec<_> = std::fs::read_dir(&qdir).expect("queries/").filter_map(|e| e.ok().map(|e| e.path())).collect();
    qs.sort();
    for q in qs {
        let text = std::fs::read_to_string(&q).expect("query");
        let (ms, rows) = time_query(&store, &text);
        let name = q.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
        println!("query {name:<28} median {ms:>9.2} ms  ({rows} rows)");
    }
    let article = store
        .select("SELECT ?a WHERE { ?a kh:source ?s } ORDER BY ?s LIMIT 1")
        .expect("an article")
        .first()
        .and_then(|r| r[0].clone())
        .map(|t| t.to_string().trim_matches(['<', '>']).to_string())
        .expect("an article");
    for (name, text) in ui_queries(&article) {
        let (ms, rows) = time_query(&store, &text);
        println!("ui    {name:<28} median {ms:>9.2} ms  ({rows} rows)");
    }
    // the entity page's second records query: the other parties and a sentence of the records
    // the first one listed
    let records = ui_queries(&article)
        .into_iter()
        .find_map(|(name, q)| (name == "entity: records").then_some(q))
        .expect("the records query");
    let listed: Vec<String> = store
        .select(&records)
        .expect("records")
        .into_iter()
        .filter_map(|r| r[0].as_ref().map(|t| t.to_string()))
        .collect();
    if !listed.is_empty() {
        let details = format!(
            "SELECT ?r (GROUP_CONCAT(DISTINCT COALESCE(CONCAT(STR(?x), \"|\", ?xl), \"\"); separator=\"\\t\") AS ?others)
       (SAMPLE(?s) AS ?sentence) WHERE {{
  VALUES ?r {{ {} }}
  {{ GRAPH ?g {{ ?r ?xrole ?x . FILTER(isIRI(?x) && ?x != <https://w3id.org/khabar/id/person/rajnath_singh>)
      VALUES ?xrole {{ kh:participant kh:buyer kh:seller kh:system kh:importer kh:exporter kh:location }} }}
    OPTIONAL {{ GRAPH <https://w3id.org/khabar/id/graph/entities> {{ ?x rdfs:label ?xl_hi . FILTER(LANG(?xl_hi) = \"hi\") }} }}
    OPTIONAL {{ GRAPH <https://w3id.org/khabar/id/graph/entities> {{ ?x rdfs:label ?xl_en . FILTER(LANG(?xl_en) = \"en\") }} }}
    BIND(COALESCE(?xl_hi, ?xl_en, REPLACE(STR(?x), \"^.*/\", \"\")) AS ?xl) }}
  UNION
  {{ GRAPH ?g {{ ?r kh:sentence/kh:text ?s }} }}
}} GROUP BY ?r",
            listed.join(" ")
        );
        let (ms, rows) = time_query(&store, &details);
        println!("ui    {:<28} median {ms:>9.2} ms  ({rows} rows)", "entity: record details");
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000] } else { sizes };
    let lex = Lexicon::embedded().expect("lexicon");
    let keep = std::env::var_os("KHABAR_BENCH_STORE").map(std::path::PathBuf::from);
    for (i, &n) in sizes.iter().enumerate() {
        let last = i + 1 == sizes.len();
        bench_size(&lex, n, keep.as_deref().filter(|_| last));
    }
    println!("\nbenchmark process peak memory: {:.0} MB", peak_rss_mb("self"));
}
