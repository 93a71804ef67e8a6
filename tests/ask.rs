//! `khabar ask`: the command line (answers with sources, the SPARQL, JSON, a question it cannot
//! read), and the question set in tests/questions scored: the share of questions answered
//! exactly right (and every question it must refuse refused).

mod common;

use common::{khabar, root, sample_store};
use khabar::ask::{ask, AskError, Cues};
use khabar::lexicon::Lexicon;
use khabar::store::GraphStore;
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn ask_answers_with_sources_and_shows_its_sparql() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let out =
        khabar().args(["ask", "राजनाथ सिंह किससे मिले?", "--show-sparql", "--store"]).arg(&store).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("SELECT DISTINCT ?who"), "{stdout}");
    assert!(stdout.contains("Andrei Belousov (आंद्रेई बेलौसोव)"), "{stdout}");
    assert!(stdout.contains("« ") && stdout.contains("corpus/"), "sources: {stdout}");

    let out = khabar()
        .args(["ask", "Who is the defence minister of Russia?", "--format", "json", "--store"])
        .arg(&store)
        .output()
        .expect("runs");
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(j["question"], "Who is the defence minister of Russia?");
    assert!(j["sparql"].as_str().is_some_and(|s| s.contains("kh:DefenceMinister")));
    let answers = j["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), 1, "{j}");
    let person = &answers[0]["values"]["person"];
    assert_eq!(person["label"], "Andrei Belousov");
    assert_eq!(person["label_hi"], "आंद्रेई बेलौसोव");
    assert!(person["iri"].as_str().is_some_and(|i| i.ends_with("/person/andrei_belousov")));
    let sources = answers[0]["sources"].as_array().expect("sources");
    assert!(sources
        .iter()
        .all(|s| s["article"].is_string() && s["sentence"].as_str().is_some_and(|t| t.contains("रक्षा मंत्री"))));

    // the query it shows is the query it ran: run as it is, it gives the same rows
    let sparql = j["sparql"].as_str().expect("sparql");
    let direct = common::run_ok(&store, &["query", sparql, "--format", "csv"]);
    assert!(direct.contains("andrei_belousov"), "{direct}");
}

#[test]
fn who_someone_is_and_what_a_deal_cost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let json = |q: &str| -> serde_json::Value {
        let out = khabar().args(["ask", q, "--format", "json", "--store"]).arg(&store).output().expect("runs");
        assert!(out.status.success(), "{q}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let who = json("बेलौसोव कौन हैं?");
    assert_eq!(who["vars"][0], "office");
    assert_eq!(who["answers"][0]["values"]["office"]["label"], "Defence Minister", "{who}");
    assert_eq!(who["answers"][0]["values"]["state"]["label"], "Russia");
    let cost = json("S-400 सौदे की कीमत कितनी है?");
    assert_eq!(cost["vars"][0], "value", "the price first, not the count");
    let values: Vec<f64> = cost["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter_map(|a| a["values"]["value"]["label"].as_str().and_then(|v| v.parse().ok()))
        .collect();
    assert!(!values.is_empty() && values.iter().all(|v| (5.0e9..=5.5e9).contains(v)), "{values:?}");
    // a yes-or-no question: yes with the sources, or no answer (never a no)
    let yes = json("क्या भारत को रूस एस-400 देता है?");
    assert_eq!(yes["answers"][0]["values"]["answer"]["label"], "yes", "{yes}");
    assert!(!yes["answers"][0]["sources"].as_array().expect("sources").is_empty());
    let unknown = json("Does India buy the Su-57?");
    assert_eq!(unknown["answers"].as_array().map(Vec::len), Some(0), "{unknown}");
}

#[test]
fn a_question_it_cannot_read_is_refused_with_what_it_understood() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = sample_store(dir.path());
    let out = khabar().args(["ask", "गाजा में मौसम कैसा है?", "--store"]).arg(&store).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot answer") && stderr.contains("Gaza"), "{stderr}");
    assert!(stderr.contains("try, e.g.:     khabar ask '"), "{stderr}");
    assert!(out.stdout.is_empty(), "no answer printed");
    let out = khabar()
        .args(["ask", "What is the weather like?", "--format", "json", "--store"])
        .arg(&store)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(j["error"].is_string() && j["example"].is_string() && j.get("answers").is_none(), "{j}");
}

/// Scores one question file against a store: (right, total, failures).
fn score(store: &Path, file: &Path) -> (usize, usize, Vec<String>) {
    let lex = Lexicon::embedded().expect("lexicon");
    let cues = Cues::embedded();
    let st = GraphStore::open_read_only(store).expect("store");
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let (mut right, mut total, mut failures) = (0, 0, Vec::new());
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let q: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
        let question = q["question"].as_str().expect("question");
        total += 1;
        let got = ask(&st, &lex, cues, question);
        let ok = match (&q["expected"], &got) {
            (serde_json::Value::Null, Err(AskError::NotUnderstood { .. })) => true,
            (serde_json::Value::Array(want), Ok(a)) => {
                let var = q["var"].as_str().expect("var");
                let want: BTreeSet<String> = want.iter().filter_map(|w| w.as_str().map(str::to_string)).collect();
                let have: BTreeSet<String> =
                    a.answers.iter().filter_map(|x| x.values.get(var).map(|v| v.label.clone())).collect();
                want == have
            }
            _ => false,
        };
        if ok {
            right += 1;
        } else {
            let have = match &got {
                Ok(a) => format!(
                    "{:?}",
                    a.answers
                        .iter()
                        .filter_map(|x| q["var"].as_str().and_then(|v| x.values.get(v)).map(|v| v.label.clone()))
                        .collect::<BTreeSet<_>>()
                ),
                Err(e) => format!("refused: {e}"),
            };
            failures.push(format!("{}:{}: {question} — want {}, got {have}", file.display(), n + 1, q["expected"]));
        }
    }
    (right, total, failures)
}

#[test]
fn the_question_set_is_answered_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = sample_store(dir.path());
    let devset = dir.path().join("devset");
    khabar().args(["build", "-q", "tests/devset/tune", "--store"]).arg(&devset).assert().success();
    let qs = root().join("tests/questions");
    let (r1, t1, f1) = score(&sample, &qs.join("sample.jsonl"));
    let (r2, t2, f2) = score(&devset, &qs.join("devset.jsonl"));
    let (right, total) = (r1 + r2, t1 + t2);
    let share = right as f64 / total as f64;
    eprintln!(
        "question set: {right}/{total} answered exactly right ({share:.3}); sample {r1}/{t1}, devset {r2}/{t2}\n{}",
        f1.iter().chain(&f2).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(total >= 60, "{total} questions");
    // measured: 74/96 (0.771); the questions khabar misses are nearly all facts the extraction
    // does not find (tests/questions/README.md); this guards against regressions
    assert!(share >= 0.70, "{right}/{total} answered exactly right");
}
