//! Crash safety: `khabar build` killed (SIGKILL) at random points over two thousand generated
//! articles leaves every article graph whole or absent, and building again gives exactly the
//! quads of an uninterrupted build; `khabar serve --allow-update` killed during updates leaves
//! every update applied whole or not at all.
#![cfg(unix)]

mod common;

use common::{khabar, nquads, run_ok, Rng};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn generate(dir: &Path, n: usize) {
    let states = ["भारत", "रूस", "फ्रांस", "अमेरिका", "इजराइल", "जापान", "जर्मनी", "फिलीपींस"];
    let systems = ["राफेल", "एस-400", "ब्रह्मोस", "एफ-16", "हेरॉन", "स्कॉर्पीन पनडुब्बी", "अपाचे हेलीकॉप्टर"];
    let people = ["रक्षा मंत्री राजनाथ सिंह", "प्रधानमंत्री नरेंद्र मोदी", "विदेश मंत्री एस जयशंकर"];
    let mut rng = Rng(42);
    for i in 0..n {
        let sub = dir.join(format!("{:02}", i % 50));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let (a, b, s) = (rng.pick(&states), rng.pick(&states), rng.pick(&systems));
        let text = format!(
            "नई दिल्ली, {} मार्च 2025। {a} ने {b} से {} {s} खरीदने का सौदा किया। इस सौदे की कीमत {} करोड़ रुपये है। \
             {} ने गुरुवार को {b} के राजदूत से मुलाकात की।\n",
            rng.next() % 28 + 1,
            rng.next() % 90 + 2,
            rng.next() % 9000 + 100,
            rng.pick(&people)
        );
        std::fs::write(sub.join(format!("{i:05}.txt")), text).expect("write");
    }
}

/// Statements per article graph.
fn graph_sizes(store: &Path) -> BTreeMap<String, usize> {
    let csv = run_ok(
        store,
        &["query", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "--format", "csv"],
    );
    csv.lines()
        .skip(1)
        .filter_map(|l| l.rsplit_once(','))
        .map(|(g, n)| (g.to_string(), n.trim().parse().expect("a count")))
        .collect()
}

#[test]
fn a_build_killed_at_random_points_leaves_whole_articles_and_completes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("in");
    generate(&corpus, 2000);
    // the uninterrupted build
    let clean = tmp.path().join("clean");
    let t = Instant::now();
    khabar().args(["build", "--quiet", "--store"]).arg(&clean).arg(&corpus).assert().success();
    let full = t.elapsed();
    let want = graph_sizes(&clean);
    assert!(want.len() > 2000, "2000 article graphs and the ontology's: {}", want.len());

    let bin = assert_cmd::cargo::cargo_bin("khabar");
    let mut rng = Rng(7);
    let mut partial_seen = 0;
    let mut store = tmp.path().join("killed-0");
    for round in 0..10 {
        // even rounds kill a build of a new store, odd rounds the build that resumes it
        if round % 2 == 0 {
            store = tmp.path().join(format!("killed-{round}"));
        }
        let mut child = Command::new(&bin)
            .args(["build", "--quiet", "--store"])
            .arg(&store)
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("build starts");
        // somewhere between opening the store and the end of a full build
        let at = Duration::from_millis(300 + rng.next() % (full.as_millis() as u64 * 8 / 10).max(400));
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let got = graph_sizes(&store);
        for (g, n) in &got {
            assert_eq!(Some(n), want.get(g), "round {round}: graph {g} is not whole after a kill at {at:?}");
        }
        if got.len() < want.len() {
            partial_seen += 1;
        }
    }
    assert!(partial_seen >= 3, "only {partial_seen} kills landed inside a build (the builds were too quick to test)");
    khabar().args(["build", "--quiet", "--store"]).arg(&store).arg(&corpus).assert().success();
    assert_eq!(graph_sizes(&store), want);
    assert!(nquads(&store) == nquads(&clean), "a completed build gives exactly the quads of an uninterrupted one");
}

#[test]
fn a_server_killed_during_updates_applies_each_whole_or_not_at_all() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = common::sample_store(tmp.path());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    let bin = assert_cmd::cargo::cargo_bin("khabar");
    let mut rng = Rng(11);
    const TRIPLES: usize = 4000;
    for round in 0..5 {
        let mut server = Command::new(&bin)
            .args(["serve", "--allow-update", "--bind", &addr.to_string(), "--store"])
            .arg(&store)
            .env("KHABAR_TOKEN", "crash-test-token")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let url = format!("http://{addr}/sparql");
        let t = Instant::now();
        while agent.get(&format!("{url}?query=ASK%7B%7D")).call().is_err() {
            assert!(t.elapsed() < Duration::from_secs(30), "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        // updates in a row from another thread, each into its own graph
        let sender = {
            let (agent, url) = (agent.clone(), url.clone());
            std::thread::spawn(move || {
                for k in 0..1000 {
                    let body: String = (0..TRIPLES).map(|i| format!("<urn:s{i}> <urn:p> \"{k}\" . ")).collect();
                    let update = format!("INSERT DATA {{ GRAPH <urn:crash/{round}/{k}> {{ {body} }} }}");
                    let r = agent
                        .post(&url)
                        .header("Authorization", "Bearer crash-test-token")
                        .header("Content-Type", "application/sparql-update")
                        .send(update.as_bytes());
                    if r.is_err() {
                        break; // the server is gone
                    }
                }
            })
        };
        std::thread::sleep(Duration::from_millis(300 + rng.next() % 1500));
        let _ = server.kill();
        let _ = server.wait();
        let _ = sender.join();
        let sizes = graph_sizes(&store);
        let updates: Vec<_> = sizes.iter().filter(|(g, _)| g.contains(&format!("urn:crash/{round}/"))).collect();
        assert!(!updates.is_empty(), "round {round}: no update was applied before the kill");
        for (g, n) in updates {
            assert_eq!(*n, TRIPLES, "round {round}: {g} holds part of an update");
        }
    }
}
