//! Beyond one machine: a store pushed with the Graph Store HTTP Protocol to a real server
//! (khabar's own `serve --allow-update`, and Virtuoso Open Source started on loopback), the same
//! answers from both stores, and the Spark job in local mode.

mod common;

use common::{khabar, nquads, root};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

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
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("khabar"))
        .args(["serve", "--bind", "127.0.0.1:0", "--allow-update", "--store"])
        .arg(store)
        .env("KHABAR_TOKEN", token)
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar serve starts");
    let mut err = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    err.read_line(&mut line).expect("the first line");
    let base = line
        .split_whitespace()
        .find_map(|w| w.strip_suffix("/sparql").filter(|u| u.starts_with("http://")))
        .unwrap_or_else(|| panic!("the address in: {line}"))
        .to_string();
    Served { child, base }
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
