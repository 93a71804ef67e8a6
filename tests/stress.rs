//! The SPARQL endpoint under stress, on loopback, bounded in clients and time (it stops by
//! itself): many concurrent clients mix good, slow, malformed and oversized requests for a
//! minute; every good query keeps its right answer, the others get their errors, and the
//! server's memory stays bounded.
#![cfg(target_os = "linux")]

mod common;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// POSTs `body` with its content type; the status, if the server answered.
fn post(agent: &ureq::Agent, url: &str, ctype: &str, body: &str) -> Option<u16> {
    agent.post(url).header("Content-Type", ctype).send(body).ok().map(|r| r.status().as_u16())
}

/// Notes a request whose status is not the one it must get.
fn expect(errors: &Mutex<Vec<String>>, what: &str, status: Option<u16>, ok: impl Fn(Option<u16>) -> bool) {
    if !ok(status) {
        errors.lock().expect("errors").push(format!("{what}: {status:?}"));
    }
}

/// Resident memory of a process, in KB.
fn rss_kb(pid: u32) -> usize {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const GOOD: &str = "SELECT ?a ?b WHERE { ?a <https://w3id.org/khabar/ontology#met> ?b } ORDER BY ?a ?b";
const UPDATE: &str = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";
const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn the_endpoint_keeps_answering_right_under_a_minute_of_mixed_load() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = common::sample_store(tmp.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address");
    let bin = assert_cmd::cargo::cargo_bin("khabar");
    let server = Kill(
        Command::new(&bin)
            .args(["serve", "--timeout", "1", "--bind", &port.to_string(), "--store"])
            .arg(&store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts"),
    );
    let pid = server.0.id();
    let url = format!("http://{port}/sparql");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let ask = |agent: &ureq::Agent, q: &str| -> (u16, String) {
        match agent.post(&url).header("Content-Type", "application/sparql-query").header("Accept", "text/csv").send(q) {
            Ok(mut r) => (r.status().as_u16(), r.body_mut().read_to_string().unwrap_or_default()),
            Err(e) => (0, e.to_string()),
        }
    };
    let t = Instant::now();
    let want = loop {
        let (code, body) = ask(&agent, GOOD);
        if code == 200 {
            break body;
        }
        assert!(t.elapsed() < Duration::from_secs(30), "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(want.lines().count() > 1, "the sample has meetings: {want}");
    let warm = rss_kb(pid);

    let duration = Duration::from_secs(60);
    let (good, wrong, errors, peak) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
        Arc::new(Mutex::new(Vec::new())),
        Arc::new(AtomicUsize::new(0)),
    );
    let big = "x".repeat(3 << 20); // above the 1 MB body limit
    let mut clients = Vec::new();
    for c in 0..12 {
        let (agent, want, big) = (agent.clone(), want.clone(), big.clone());
        let (good, wrong, errors) = (good.clone(), wrong.clone(), errors.clone());
        let url = url.clone();
        clients.push(std::thread::spawn(move || {
            let start = Instant::now();
            let mut k = c;
            while start.elapsed() < duration {
                k += 1;
                match k % 6 {
                    // good queries, GET and POST: always the right answer
                    0 | 1 => {
                        let r = if k % 2 == 0 {
                            agent
                                .post(&url)
                                .header("Content-Type", "application/sparql-query")
                                .header("Accept", "text/csv")
                                .send(GOOD)
                        } else {
                            let q: String = form_urlencoded::byte_serialize(GOOD.as_bytes()).collect();
                            agent.get(&format!("{url}?query={q}")).header("Accept", "text/csv").call()
                        };
                        let answer =
                            r.map(|mut r| (r.status().as_u16(), r.body_mut().read_to_string().unwrap_or_default()));
                        match answer {
                            Ok((200, body)) if body == want => {
                                good.fetch_add(1, Ordering::Relaxed);
                            }
                            Ok((503, _)) => {} // busy: refused, never wrong
                            _ => {
                                wrong.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                    // bad requests, each with its status: slow (cut at the time limit),
                    // malformed, an update to a read-only endpoint
                    // (slow: over time, or refused while the evaluators are busy: 503 either way)
                    2 => expect(&errors, "slow", post(&agent, &url, "application/sparql-query", SLOW), |s| {
                        s == Some(503)
                    }),
                    3 => {
                        let s = post(&agent, &url, "application/sparql-query", "SELEKT ?x WHERE {");
                        expect(&errors, "malformed", s, |s| s == Some(400))
                    }
                    5 => expect(&errors, "update", post(&agent, &url, "application/sparql-update", UPDATE), |s| {
                        s == Some(403)
                    }),
                    // oversized: refused with 413, or the connection closed on the body
                    _ => expect(&errors, "oversized", post(&agent, &url, "application/sparql-query", &big), |s| {
                        s != Some(200)
                    }),
                }
            }
        }));
    }
    let watch = {
        let peak = peak.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            while start.elapsed() < duration {
                peak.fetch_max(rss_kb(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    for c in clients {
        c.join().expect("client");
    }
    watch.join().expect("watcher");
    // after the storm, once the cancelled queries have stopped, a good query is answered right
    let calm = Instant::now();
    let after = loop {
        let (code, body) = ask(&agent, GOOD);
        if code != 503 || calm.elapsed() > Duration::from_secs(60) {
            break (code, body);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(after, (200, want.clone()), "after the storm");
    let calm = calm.elapsed();
    let (good, wrong, errors, peak) = (
        good.load(Ordering::Relaxed),
        wrong.load(Ordering::Relaxed),
        errors.lock().expect("errors").clone(),
        peak.load(Ordering::Relaxed),
    );
    eprintln!(
        "a minute of mixed load: {good} good answers, all right; memory {warm} KB at start, {peak} KB at peak; \
         answering again {:.1}s after it",
        calm.as_secs_f64()
    );
    assert_eq!(wrong, 0, "good queries with a wrong answer or an error ({good} right)");
    assert!(errors.is_empty(), "bad requests without their error status: {errors:?}");
    // (good queries share the evaluators with the slow ones, which hold theirs until they stop
    // after their time limit: many are refused as busy, never answered wrong)
    assert!(good >= 5, "the server kept answering: {good} good answers in a minute");
    // (the slow queries hold join tables until they stop; the server bounds how many run at once)
    assert!(peak < warm + 1_000_000, "memory grew from {warm} KB to {peak} KB");
}
