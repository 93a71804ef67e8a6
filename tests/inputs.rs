//! The bad-input matrix, end to end with the real binary: every odd input is read, or reported
//! with its path (and line) and skipped, and the rest of the build goes on.

mod common;

use common::{build, build_with, count, khabar, run_ok, ARTICLE_GRAPHS};
use predicates::prelude::*;
use std::path::Path;

const ARTICLE: &str = "नई दिल्ली, 4 मार्च 2026। रक्षा मंत्री राजनाथ सिंह ने मंगलवार को यहां फ्रांस के रक्षा मंत्री से मुलाकात की। \
भारत ने फ्रांस से 26 राफेल-एम विमान खरीदने का सौदा किया।\n";

fn facts(file: &Path) -> Vec<String> {
    let out = khabar().args(["extract", "--format", "json"]).arg(file).output().expect("khabar runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ents = v["entities"].as_array().expect("entities");
    let id = |i: &serde_json::Value| ents[i.as_u64().expect("index") as usize]["id"].as_str().unwrap_or("").to_string();
    let mut f: Vec<String> = v["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .map(|f| format!("{} {} {}", id(&f["subject"]), f["relation"], f["object"]))
        .collect();
    f.sort();
    f
}

#[test]
fn encodings_line_ends_and_nul_bytes_read_as_the_same_article() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plain = tmp.path().join("plain.txt");
    std::fs::write(&plain, ARTICLE).expect("write");
    let want = facts(&plain);
    assert!(want.iter().any(|f| f.contains("rajnath_singh")), "{want:?}");

    let utf16 = |be: bool| -> Vec<u8> {
        let mut b = if be { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for u in ARTICLE.encode_utf16() {
            b.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        b
    };
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("bom.txt", [&[0xEF, 0xBB, 0xBF][..], ARTICLE.as_bytes()].concat()),
        ("utf16le.txt", utf16(false)),
        ("utf16be.txt", utf16(true)),
        ("crlf.txt", ARTICLE.replace('\n', "\r\n").into_bytes()),
        ("nul.txt", ARTICLE.replace("। ", "।\0\0 ").into_bytes()),
    ];
    for (name, bytes) in variants {
        let f = tmp.path().join(name);
        std::fs::write(&f, bytes).expect("write");
        assert_eq!(facts(&f), want, "{name}");
    }
}

#[test]
fn empty_latin_html_and_vanished_inputs_are_read_or_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("a_good.txt"), ARTICLE).expect("write");
    std::fs::write(dir.join("b_empty.txt"), "").expect("write");
    std::fs::write(dir.join("c_spaces.txt"), " \n\t\r\n  ").expect("write");
    std::fs::write(dir.join("d_latin.txt"), "Defence minister met his French counterpart in Delhi on Tuesday.\n")
        .expect("write");
    let page = format!(
        "<!DOCTYPE html><html><head><title>समाचार</title><style>.x{{color:red}}</style>\
         <script>var राजनाथ = 'सिंह';</script></head><body><div class=\"nav\">होम</div>\
         <p>{}</p><p>&nbsp;&#2325;&amp;</p></body></html>",
        ARTICLE.trim()
    );
    // (articles are named by their text: each input here says something of its own)
    std::fs::write(dir.join("e_page.html"), page.replace("<p>", "<p>पहला पन्ना। ")).expect("write");
    std::fs::write(dir.join("f_page_as_text.txt"), page.replace("<p>", "<p>दूसरा पन्ना। ")).expect("write");
    // a file listed and then gone by the time it is read
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("g_vanished.txt")).expect("symlink");
    let crawled = format!("क्रॉल। {ARTICLE}");
    std::fs::write(
        dir.join("h_crawl.jsonl"),
        format!(
            "{{\"id\":\"j1\",\"text\":{}}}\n{{\"id\":\"j2\"\n{{\"id\":\"j3\",\"text\":\"\"}}\n",
            serde_json::json!(crawled)
        ),
    )
    .expect("write");
    let store = tmp.path().join("store");
    build(&dir, &store)
        .code(1) // the vanished file and the broken JSON line failed
        .stderr(predicate::str::contains("b_empty.txt: no text"))
        .stderr(predicate::str::contains("c_spaces.txt: no text"))
        .stderr(predicate::str::contains("g_vanished.txt: cannot read"))
        .stderr(predicate::str::contains("h_crawl.jsonl:2"))
        .stderr(predicate::str::contains("h_crawl.jsonl:3: no text"))
        .stderr(predicate::str::contains("5 articles"))
        .stderr(predicate::str::contains("3 empty skipped"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 5);
    // the page's text is read; its tags, styles and scripts never become anything
    let labels = run_ok(&store, &["query", "SELECT ?l WHERE { ?e rdfs:label ?l }", "--format", "csv"]);
    assert!(labels.contains("राजनाथ सिंह"), "{labels}");
    for junk in ["<", ">", "script", "color", "var ", "class"] {
        assert!(!labels.contains(junk), "{junk} in {labels}");
    }
    // the purchase is read from the article, both pages and the crawl's good line
    let stating =
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?st rdf:predicate kh:buys . GRAPH ?g { ?st kh:sentence ?x } }";
    assert_eq!(count(&store, stating), 4);
}

#[test]
fn an_article_above_the_limit_is_reported_and_skipped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("ok.txt"), ARTICLE).expect("write");
    // 50 MB of news-like text on one line
    let big = ARTICLE.trim().repeat(50_000_000 / ARTICLE.trim().len() + 1);
    assert!(big.len() >= 50_000_000);
    std::fs::write(dir.join("huge.txt"), &big).expect("write");
    let store = tmp.path().join("store");
    build(&dir, &store)
        .success()
        .stderr(predicate::str::contains(format!("huge.txt: {} bytes", big.len())))
        .stderr(predicate::str::contains("above the limit of 2000000 bytes (--max-article-bytes); skipped"))
        .stderr(predicate::str::contains("1 articles"))
        .stderr(predicate::str::contains("1 above 2000000 bytes skipped"));
    assert_eq!(count(&store, ARTICLE_GRAPHS), 1);
    // the limit is the user's to set
    build_with(&dir.join("ok.txt"), &tmp.path().join("store2"), &["--max-article-bytes", "100"])
        .success()
        .stderr(predicate::str::contains("above the limit of 100 bytes"));
}

#[test]
fn ten_thousand_tiny_files_are_all_built() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    for i in 0..10_000 {
        let sub = dir.join(format!("{:02}", i % 100));
        if i < 100 {
            std::fs::create_dir_all(&sub).expect("mkdir");
        }
        std::fs::write(sub.join(format!("{i:05}.txt")), format!("लेख {i}: भारत ने रूस से {} ड्रोन खरीदे।\n", i % 90 + 2))
            .expect("write");
    }
    let store = tmp.path().join("store");
    build(&dir, &store).success();
    assert_eq!(count(&store, ARTICLE_GRAPHS), 10_000);
}

#[test]
fn a_folder_that_is_not_a_store_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let notes = tmp.path().join("notes");
    std::fs::create_dir_all(&notes).expect("mkdir");
    std::fs::write(notes.join("todo.md"), "my notes").expect("write");
    let article = tmp.path().join("a.txt");
    std::fs::write(&article, ARTICLE).expect("write");
    khabar()
        .arg("build")
        .arg(&article)
        .arg("--store")
        .arg(&notes)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a khabar store"));
    let left: Vec<_> = std::fs::read_dir(&notes).expect("read").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("todo.md")]);
    // reading it as a store is refused too
    khabar()
        .args(["query", "ASK {}", "--store"])
        .arg(&notes)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no store here"));
}
