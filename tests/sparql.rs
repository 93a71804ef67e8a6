//! SPARQL golden queries over the bundled sample corpus: every `queries/NAME.rq` is run against a
//! store built from `corpus/`, and its TSV result must equal `tests/golden/NAME.tsv`.
//! `UPDATE_EXPECT=1 cargo test --test sparql` rewrites the golden files (review the diff).

mod common;

use common::{root, run_ok, sample_store};
use std::path::PathBuf;

#[test]
fn golden_queries_over_the_sample_corpus() {
    let root = root();
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = sample_store(tmp.path());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut queries: Vec<PathBuf> = std::fs::read_dir(root.join("queries"))
        .expect("queries/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 5);
    let mut failures = Vec::new();
    for q in &queries {
        let got = run_ok(&store, &["query", &format!("@{}", q.display()), "--format", "tsv"]);
        let name = q.file_stem().expect("stem").to_string_lossy().to_string();
        let golden = root.join("tests/golden").join(format!("{name}.tsv"));
        if update {
            std::fs::write(&golden, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            failures.push(format!("── {name}\n--- expected\n{want}+++ got\n{got}"));
        }
        assert!(got.lines().count() > 1, "{name}: the query answers something on the sample");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
