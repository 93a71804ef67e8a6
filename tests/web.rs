//! Web inputs and shards: HTML pages, WARC.gz archives and RSS feeds build the same facts as the
//! same articles given as text; `extract --format nquads` over any split of a corpus, merged,
//! holds exactly the quads of one build; `load` puts parts into a store.

mod common;

use common::pages::{dated, escape, http_response, news_page, passages, warc_record};
use common::{khabar, nquads};
use std::path::{Path, PathBuf};

const ONTOLOGY_GRAPH: &str = "<https://w3id.org/khabar/ontology> .";
const FACTS: &str = "<https://w3id.org/khabar/id/graph/facts> .";
const ENTITIES: &str = "<https://w3id.org/khabar/id/graph/entities> .";

/// The same passages as `.txt` files and as a WARC.gz of news pages (with request, metadata and
/// image records, an English page and a record that is not HTTP among them).
fn corpus_both_ways(dir: &Path, n: usize) -> (PathBuf, PathBuf, usize) {
    let txt = dir.join("txt");
    std::fs::create_dir_all(&txt).expect("mkdir");
    let mut warc = warc_record("warcinfo", "", "application/warc-fields", b"software: khabar-tests\r\n");
    let ps = passages(n);
    for (i, (name, date, body)) in ps.iter().enumerate() {
        std::fs::write(txt.join(format!("{name}.txt")), dated(date, body)).expect("write");
        let uri = format!("https://news.example.in/raksha/{name}");
        warc.extend(warc_record("request", &uri, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"));
        let page = http_response("text/html; charset=UTF-8", news_page(date, body).as_bytes());
        warc.extend(warc_record("response", &uri, "application/http; msgtype=response", &page));
        warc.extend(warc_record("metadata", &uri, "application/warc-fields", b"fetchTimeMs: 120\r\n"));
        if i == 1 {
            let img = http_response("image/jpeg", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
            warc.extend(warc_record("response", "https://news.example.in/a.jpg", "application/http", &img));
            let english = http_response(
                "text/html",
                b"<html><head><title>Defence news</title></head><body><article><p>India signed a deal \
                  with France for 26 Rafale jets on Monday.</p></article></body></html>",
            );
            warc.extend(warc_record("response", "https://news.example.com/en", "application/http", &english));
            warc.extend(warc_record("response", "https://news.example.in/broken", "application/http", b"no http here"));
        }
    }
    let path = dir.join("pages.warc.gz");
    std::fs::write(&path, warc).expect("write");
    (txt, path, ps.len())
}

/// Two sorted line lists are equal; else what each lacks.
fn same(a: &[String], b: &[String], what: &str) {
    let only_a: Vec<&String> = a.iter().filter(|l| b.binary_search(l).is_err()).collect();
    let only_b: Vec<&String> = b.iter().filter(|l| a.binary_search(l).is_err()).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: only in the first {only_a:#?}\nonly in the second {only_b:#?}"
    );
}

fn graph_lines(lines: &[String], graph: &str) -> Vec<String> {
    lines.iter().filter(|l| l.ends_with(graph)).cloned().collect()
}

#[test]
fn a_warc_of_news_pages_builds_the_facts_of_the_same_articles_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (txt, warc, n) = corpus_both_ways(dir.path(), 24);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    khabar().args(["build", "--quiet"]).arg(&txt).arg("--store").arg(&a).assert().success();
    let out = khabar().args(["build"]).arg(&warc).arg("--store").arg(&b).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // the record that is not HTTP is reported with the file and its offset, and skipped
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("pages.warc.gz: record at offset") && stderr.contains("broken"), "{stderr}");
    assert!(stderr.contains(&format!("{n} articles")), "{stderr}");
    assert!(stderr.contains("1 web page(s) not mostly Devanagari skipped"), "{stderr}");
    let (qa, qb) = (nquads(&a), nquads(&b));
    let facts = graph_lines(&qa, FACTS);
    assert!(facts.len() > 100, "the passages state facts: {}", facts.len());
    same(&facts, &graph_lines(&qb, FACTS), "the same facts from the pages as from the text");
    same(&graph_lines(&qa, ENTITIES), &graph_lines(&qb, ENTITIES), "the same entities");
    // the page's own text, chrome gone: nothing of the related list, the share bar or the menu
    let text = qb.iter().filter(|l| l.contains("ontology#text>")).cloned().collect::<Vec<_>>().join("\n");
    for chrome in
        ["ये भी पढ़ें", "फेसबुक पर शेयर", "सर्वाधिकार सुरक्षित", "trackPageView", "पढ़ी गई खबरें", "dataLayer", "खबर समाचार"]
    {
        assert!(!text.contains(chrome), "{chrome} left in the text");
    }
    // named by its URL, dated from its metadata
    assert!(qb.iter().any(|l| l.contains("<https://schema.org/url> <https://news.example.in/raksha/")));
    let with_date = passages(n).iter().filter(|p| !p.1.is_empty()).count();
    let dated = qb
        .iter()
        .filter(|l| l.contains("ontology#date> \"20") && l.starts_with("<https://w3id.org/khabar/id/article/"))
        .count();
    assert!(with_date > 0 && dated >= with_date, "every page dated from its metadata: {dated} of {with_date}");
}

#[test]
fn a_warc_on_stdin_streams_the_same_quads_as_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, warc, _) = corpus_both_ways(dir.path(), 6);
    let from_file = khabar().args(["extract", "--format", "nquads", "-q"]).arg(&warc).output().expect("runs");
    let bytes = std::fs::read(&warc).expect("read");
    let from_stdin =
        khabar().args(["extract", "-", "--format", "nquads", "-q"]).write_stdin(bytes).output().expect("runs");
    assert!(!from_file.stdout.is_empty());
    assert_eq!(from_file.stdout, from_stdin.stdout);
    assert_eq!(from_stdin.status.code(), Some(1), "the broken record is an error");
}

/// `sort -u` of N-Quads text, the ontology's graph left out.
fn lines_of(nq: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8_lossy(nq)
        .lines()
        .filter(|l| !l.ends_with(ONTOLOGY_GRAPH) && !l.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn shards_extracted_apart_and_merged_hold_the_quads_of_one_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    // a JSON Lines corpus (records with and without ids) and text files
    let ps = passages(30);
    let mut jsonl = String::new();
    for (i, (name, date, body)) in ps[..20].iter().enumerate() {
        let mut rec = serde_json::json!({"date": date, "text": body, "url": format!("https://x.example/{name}")});
        if i % 2 == 0 {
            rec["id"] = serde_json::json!(name);
        }
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("crawl.jsonl"), jsonl).expect("write");
    for (name, date, body) in &ps[20..] {
        std::fs::write(corpus.join(format!("{name}.txt")), dated(date, body)).expect("write");
    }
    // the same story twice, from two sources in two shards: one article with both sources
    std::fs::write(corpus.join("zz_same_story.txt"), dated(&ps[0].1, &ps[0].2)).expect("write");
    let store = dir.path().join("store");
    khabar().args(["build", "-q"]).arg(&corpus).arg("--store").arg(&store).current_dir(dir.path()).assert().success();
    let whole = lines_of(nquads(&store).join("\n").as_bytes());
    assert!(whole.iter().any(|l| l.contains("ontology#source> \"") && l.contains("zz_same_story.txt")));
    // three shards: the JSON Lines file, half the text files, the other half
    let mut txts: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    txts.sort();
    let shards: Vec<Vec<PathBuf>> = vec![vec![corpus.join("crawl.jsonl")], txts[..5].to_vec(), txts[5..].to_vec()];
    // each shard extracted apart, into a part of its own
    let parts = dir.path().join("parts");
    std::fs::create_dir_all(&parts).expect("mkdir");
    let mut merged = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let out = khabar()
            .args(["extract", "--format", "nquads", "-q"])
            .args(shard)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        std::fs::write(parts.join(format!("part-{i:05}")), &out.stdout).expect("write");
        merged.extend(out.stdout);
    }
    let merged_lines = lines_of(&merged);
    assert!(merged_lines.len() > 500, "{}", merged_lines.len());
    assert_eq!(merged_lines, whole, "shards merged == one build");

    // and the parts loaded into a fresh store give the same store
    let loaded = dir.path().join("loaded");
    khabar().args(["load", "-q"]).arg(&parts).arg("--store").arg(&loaded).assert().success();
    assert_eq!(nquads(&loaded), nquads(&store), "load of the parts == build");
}

#[test]
fn load_reports_a_bad_line_with_its_part_and_keeps_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = khabar().args(["extract", "corpus", "--format", "nquads", "-q"]).output().expect("runs");
    let good = dir.path().join("good.nq");
    std::fs::write(&good, &out.stdout).expect("write");
    let bad = dir.path().join("bad.nq");
    std::fs::write(&bad, "<urn:a> <urn:b> \"unterminated .\n").expect("write");
    let store = dir.path().join("store");
    let res = khabar().arg("load").arg(&good).arg(&bad).arg("--store").arg(&store).output().expect("runs");
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.nq") && stderr.contains("line 1"), "{stderr}");
    assert!(stderr.contains("5 articles"), "{stderr}");
    // into a store that has articles: article by article, an unchanged part changes nothing
    let before = nquads(&store);
    khabar().args(["load", "-q"]).arg(&good).arg("--store").arg(&store).assert().success();
    assert_eq!(nquads(&store), before);
}

#[test]
fn a_feed_gives_one_article_per_hindi_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ps: Vec<_> = passages(10).into_iter().filter(|p| !p.1.is_empty()).take(2).collect();
    let item = |name: &str, date: &str, body: &str| {
        let title = body.lines().next().unwrap_or("");
        format!(
            "<item><title>{}</title><link>https://news.example.in/{name}</link><pubDate>{}</pubDate>\
             <description><![CDATA[{}]]></description></item>",
            escape(title),
            chrono_rfc2822(date),
            body.lines().skip(1).map(|l| format!("<p>{}</p>", escape(l))).collect::<String>()
        )
    };
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>रक्षा समाचार</title>\
         <link>https://news.example.in/</link><description>feed</description>{}{}\
         <item><title>Sports today</title><link>https://news.example.in/en</link>\
         <description>The match was won by six wickets.</description></item></channel></rss>",
        item(&ps[0].0, &ps[0].1, &ps[0].2),
        item(&ps[1].0, &ps[1].1, &ps[1].2),
    );
    let path = dir.path().join("raksha.rss");
    std::fs::write(&path, feed).expect("write");
    let out = khabar().args(["extract", "--format", "json"]).arg(&path).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("\"source\": \"https://news.example.in/").count(), 2, "{stdout}");
    assert!(stdout.contains(&format!("\"date\": \"{}\"", ps[0].1)), "dated by pubDate");
    assert!(stdout.contains("\"facts\""), "{stdout}");
}

/// `2025-04-28` as RFC 2822 (`Mon, 28 Apr 2025 09:00:00 +0530`), the date format of RSS.
fn chrono_rfc2822(iso: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("date");
    d.format("%a, %d %b %Y 09:00:00 +0530").to_string()
}
