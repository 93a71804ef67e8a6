//! Helpers shared by the integration tests (each test file uses some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod pages;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real `khabar` binary, run from the repository root.
pub fn khabar() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("khabar").expect("the khabar binary is built");
    c.current_dir(root());
    c
}

/// Builds the bundled sample (`corpus/`) into `DIR/store` and returns the store's path.
pub fn sample_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    khabar().args(["build", "corpus", "--quiet", "--store"]).arg(&store).assert().success();
    store
}

/// Runs `khabar ARGS --store STORE`, which must succeed, and returns its stdout.
pub fn run_ok(store: &Path, args: &[&str]) -> String {
    let out = khabar().args(args).arg("--store").arg(store).output().expect("khabar runs");
    assert!(out.status.success(), "khabar {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs a Python snippet (with `args` as `sys.argv[1:]`) and returns its stdout; fails the test
/// with Python's stderr if it fails. `scripts/setup.sh` installs the packages the snippets use.
pub fn python(code: &str, args: &[&Path]) -> String {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .expect("python3 runs (scripts/setup.sh installs it with its packages)");
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `khabar build INPUT --store STORE`, to be asserted on.
pub fn build(input: &Path, store: &Path) -> assert_cmd::assert::Assert {
    build_with(input, store, &[])
}

/// `khabar build INPUT --store STORE FLAGS...`, to be asserted on.
pub fn build_with(input: &Path, store: &Path, flags: &[&str]) -> assert_cmd::assert::Assert {
    khabar().arg("build").arg(input).arg("--store").arg(store).args(flags).assert()
}

/// The article graphs of a store.
pub const ARTICLE_GRAPHS: &str = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a kh:Article } }";

/// The number a `SELECT (COUNT(...) AS ?n)` query answers on a store.
pub fn count(store: &Path, query: &str) -> usize {
    let csv = run_ok(store, &["query", query, "--format", "csv"]);
    csv.lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("a count from {query}: {csv}"))
}

/// A small deterministic generator (the same inputs on every machine).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

/// The store's quads as N-Quads lines, sorted (two stores with the same lines hold the same
/// graph).
pub fn nquads(store: &Path) -> Vec<String> {
    let out = tempfile::NamedTempFile::new().expect("temp file");
    run_ok(store, &["export", "--format", "nquads", "--out", out.path().to_str().expect("path")]);
    let mut lines: Vec<String> =
        std::fs::read_to_string(out.path()).expect("read").lines().map(str::to_string).collect();
    lines.sort();
    lines
}

/// A `khabar serve` process on a free loopback port, as its first stderr line announced it.
pub struct Spawned {
    /// The process.
    pub child: std::process::Child,
    /// Its stderr after the first line.
    pub stderr: std::io::BufReader<std::process::ChildStderr>,
    /// The first line (the address and the mode).
    pub first_line: String,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

/// Starts the real binary: `khabar serve --bind 127.0.0.1:0 ARGS...` with `ENV`.
pub fn spawn_serve(args: &[&str], store: &Path, env: &[(&str, &str)]) -> Spawned {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("khabar"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(args)
        .arg("--store")
        .arg(store)
        .envs(env.iter().copied())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("khabar serve starts");
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut first_line = String::new();
    stderr.read_line(&mut first_line).expect("the first line");
    let base = first_line
        .split_whitespace()
        .find_map(|w| w.strip_suffix("/sparql").filter(|u| u.starts_with("http://")))
        .unwrap_or_else(|| panic!("the address in: {first_line}"))
        .to_string();
    Spawned { child, stderr, first_line, base }
}
