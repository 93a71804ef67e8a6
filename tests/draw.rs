//! Drawings and analytics on the bundled sample: Graphviz `dot` renders every DOT without a
//! warning, the filters give the expected (golden) drawings, a PNG of the sample graph is a
//! valid non-trivial image, networkx reads the GraphML and computes the same centralities as
//! `khabar analyze`, and pandas reads the CSV tables.

mod common;

use common::{khabar, python, root, run_ok, sample_store};
use std::path::Path;

fn export(store: &Path, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    run_ok(store, &all)
}

#[test]
fn dot_drawings_render_without_warnings_and_filters_match_golden_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = sample_store(tmp.path());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let cases: &[(&str, &[&str])] = &[
        ("all-en", &["--format", "dot"]),
        ("all-hi", &["--format", "dot", "--lang", "hi"]),
        ("focus-rajnath", &["--format", "dot", "--focus", "राजनाथ सिंह", "--depth", "1"]),
        (
            "focus-s400-trade",
            &["--format", "dot", "--focus", "S-400", "--relations", "buys,seeksToBuy,supplies,offers"],
        ),
        ("article-004", &["--format", "dot", "--article", "004_"]),
        ("since-2025-12", &["--format", "dot", "--since", "2025-12", "--relations", "met,visited"]),
    ];
    let mut failures = Vec::new();
    for (name, args) in cases {
        let dot = export(&store, args);
        // deterministic: the same graph gives the same file
        assert_eq!(dot, export(&store, args), "{name}: output is stable");
        // Graphviz renders it without a word of complaint
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("Graphviz dot is installed (scripts/setup.sh installs it)");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), dot.as_bytes()).expect("write");
        let out = child.wait_with_output().expect("dot runs");
        assert!(out.status.success(), "{name}: dot failed");
        assert!(out.stderr.is_empty(), "{name}: dot warned: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"), "{name}: an SVG");
        let golden = root().join("tests/golden").join(format!("{name}.dot"));
        if update {
            std::fs::write(&golden, &dot).expect("write golden");
        } else if std::fs::read_to_string(&golden).unwrap_or_default() != dot {
            failures.push(name.to_string());
        }
    }
    assert!(failures.is_empty(), "drawings differ from tests/golden/*.dot: {failures:?} (UPDATE_EXPECT=1 rewrites)");
    // what the filters promise
    let focus = std::fs::read_to_string(root().join("tests/golden/focus-rajnath.dot")).expect("golden");
    assert!(focus.contains("Rajnath Singh") && focus.contains("Dong Jun") && !focus.contains("SIPRI"));
    let since = std::fs::read_to_string(root().join("tests/golden/since-2025-12.dot")).expect("golden");
    assert!(since.contains("-> ") && !since.contains("label=\"buys\""));
    let hindi = std::fs::read_to_string(root().join("tests/golden/all-hi.dot")).expect("golden");
    assert!(hindi.contains("राजनाथ सिंह") && hindi.contains("Noto Sans Devanagari"));
}

#[test]
fn the_sample_graph_renders_to_a_png() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = sample_store(tmp.path());
    // kept in output/ for people (and CI artifacts) to look at
    let png = root().join("output/sample-graph.png");
    khabar()
        .args(["export", "--format", "dot", "--render", "png"])
        .arg(&png)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let bytes = std::fs::read(&png).expect("PNG written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("IHDR"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("IHDR"));
    assert!(
        width > 400 && height > 300 && bytes.len() > 20_000,
        "a real drawing: {width}x{height}, {} bytes",
        bytes.len()
    );
}

#[test]
fn networkx_reads_the_graphml_and_agrees_with_analyze() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = sample_store(tmp.path());
    let graphml = tmp.path().join("g.graphml");
    khabar()
        .args(["export", "--format", "graphml", "--out"])
        .arg(&graphml)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let json = tmp.path().join("a.json");
    std::fs::write(&json, run_ok(&store, &["analyze", "--format", "json"])).expect("write");
    let report = python(
        r#"
import sys, json, networkx as nx
G = nx.read_graphml(sys.argv[1])
ours = {e["iri"]: e for e in json.load(open(sys.argv[2]))["entities"]}
core = {"Person", "Country", "Organization", "Place", "WeaponSystem", "Event"}
H = nx.Graph()
H.add_nodes_from(n for n, d in G.nodes(data=True) if d.get("type") in core)
H.add_edges_from((a, b) for a, b in G.edges() if a in H and b in H and a != b)
assert set(H.nodes) == set(ours), (len(H), len(ours))
pr, bc, dc = nx.pagerank(H), nx.betweenness_centrality(H), nx.degree_centrality(H)
worst = max(max(abs(pr[n] - ours[n]["pagerank"]), abs(bc[n] - ours[n]["betweenness"]), abs(dc[n] - ours[n]["degree_centrality"])) for n in H)
assert worst < 1e-4, worst
assert nx.number_connected_components(H) == json.load(open(sys.argv[2]))["components"]
print(len(H), H.number_of_edges(), worst)
"#,
        &[&graphml, &json],
    );
    let nodes: usize = report.split_whitespace().next().and_then(|n| n.parse().ok()).expect("a count");
    assert!(nodes > 15, "{report}");
}

#[test]
fn pandas_reads_the_csv_tables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = sample_store(tmp.path());
    let dir = tmp.path().join("csv");
    khabar().args(["export", "--format", "csv", "--out"]).arg(&dir).arg("--store").arg(&store).assert().success();
    let out = python(
        r#"
import sys, pandas as pd
n = pd.read_csv(sys.argv[1] + "/nodes.csv"); e = pd.read_csv(sys.argv[1] + "/edges.csv")
assert set(e["source"]).union(e["target"]) <= set(n["id"])
assert (e["confidence"] > 0).all()
print(len(n), len(e), (e["relation"] == "met").sum())
"#,
        &[&dir],
    );
    let counts: Vec<usize> = out.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    assert!(counts[0] > 15 && counts[1] > 20 && counts[2] >= 2, "{out}");
}
