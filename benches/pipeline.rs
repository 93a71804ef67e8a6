//! Pipeline benchmark: generates a corpus of N articles by recombining the sentences of the
//! bundled sample with lexicon substitutions (other people, states and systems of the same
//! kind), then measures extraction (articles/s, MB/s, one thread and all cores), a build into a
//! new RocksDB store (extraction streamed into the bulk loader) against Oxigraph's own bulk
//! loader on the same quads, the store's size on disk, the median latency of the example
//! queries, and peak memory.
//!
//! `cargo bench --bench pipeline` (10,000 articles) or
//! `cargo bench --bench pipeline -- 2000` for a quicker run. Figures go to stdout.
//! With `KHABAR_BENCH_STORE=DIR` the store is kept in DIR (replacing what is there), for the
//! endpoint benchmark `benches/serve.sh`.

use khabar::corpus::{article_from_text, Article};
use khabar::extract::extract;
use khabar::graph::article_graph;
use khabar::lexicon::{EntityType, Lexicon};
use khabar::store::GraphStore;
use rayon::prelude::*;
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

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
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

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let lex = Lexicon::embedded().expect("lexicon");
    let t = Instant::now();
    let articles = generate(&lex, n);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!("corpus: {n} generated articles, {:.1} MB, in {:.2}s", bytes as f64 / 1e6, t.elapsed().as_secs_f64());

    // extraction + graph on one thread, then on all, over the whole corpus (counted, then
    // dropped: memory stays flat)
    let extractor = lex.extractor(0.5);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        let t = Instant::now();
        let counts = pool.install(|| {
            articles
                .par_iter()
                .map(|a| {
                    let ex = extract(&lex, &a.text, a.date);
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
    println!("extract+graph, 1 thread:  {:>8.0} articles/s  {:>6.2} MB/s", n as f64 / s1, bytes as f64 / 1e6 / s1);
    println!(
        "extract+graph, {cores} threads: {:>8.0} articles/s  {:>6.2} MB/s  ({facts} facts, {quads} quads); {:.2}x one thread",
        n as f64 / s,
        bytes as f64 / 1e6 / s,
        s1 / s
    );

    // building: extraction on all cores streamed into the bulk loader, as `khabar build` does
    // for a new store (timed end to end)
    let dir = tempfile::tempdir().expect("tempdir");
    let store_dir = match std::env::var_os("KHABAR_BENCH_STORE") {
        Some(d) => {
            let d = std::path::PathBuf::from(d);
            if d.join("CURRENT").exists() {
                std::fs::remove_dir_all(&d).expect("removing the old benchmark store");
            }
            d
        }
        None => dir.path().join("store"),
    };
    let store = GraphStore::open(&store_dir).expect("store");
    store.load_ontology(khabar::ONTOLOGY_TTL).expect("ontology");
    let t = Instant::now();
    let graphs = articles.chunks(256).flat_map(|chunk| {
        chunk.par_iter().map(|a| article_graph(a, &extract(&lex, &a.text, a.date), &extractor)).collect::<Vec<_>>()
    });
    store.bulk_load(graphs).expect("bulk load");
    let build = t.elapsed().as_secs_f64();
    let in_store = store.len().expect("len");
    println!(
        "build (extract + bulk load): {build:.2}s  ({:.2} MB/s, {in_store} quads in store, {:.1} quads per fact)",
        bytes as f64 / 1e6 / build,
        quads as f64 / facts as f64
    );
    println!("store on disk: {:.1} MB", dir_size(&store_dir) as f64 / 1e6);

    // Oxigraph's own bulk loader on the same quads, as N-Quads (the reference for loading)
    let mut nq = Vec::new();
    store.dump(oxigraph::io::RdfFormat::NQuads, &mut nq).expect("dump");
    let reference = tempfile::tempdir().expect("tempdir");
    let raw = oxigraph::store::Store::open(reference.path()).expect("reference store");
    let t = Instant::now();
    let mut loader = raw.bulk_loader();
    loader.load_from_slice(oxigraph::io::RdfFormat::NQuads, &nq).expect("reference load");
    loader.commit().expect("reference commit");
    let oxi = t.elapsed().as_secs_f64();
    println!(
        "oxigraph bulk load of the same {:.1} MB of N-Quads: {oxi:.2}s; build / that = {:.2}",
        nq.len() as f64 / 1e6,
        build / oxi
    );
    drop(raw);

    // queries
    let qdir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut qs: Vec<_> = std::fs::read_dir(&qdir).expect("queries/").filter_map(|e| e.ok().map(|e| e.path())).collect();
    qs.sort();
    for q in qs {
        let text = std::fs::read_to_string(&q).expect("query");
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let mut out = Vec::new();
            let r = store.query(&text).expect("query runs");
            khabar::query::write_results(r, khabar::query::OutputFormat::Tsv, &mut out).expect("results");
            rows = out.iter().filter(|b| **b == b'\n').count().saturating_sub(1);
            times.push(t.elapsed());
        }
        println!(
            "query {:<28} median {:>9.2} ms  ({rows} rows)",
            q.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default(),
            median(times).as_secs_f64() * 1e3
        );
    }
    println!("peak memory: {:.0} MB", peak_rss_mb());
}
