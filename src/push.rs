//! Push: a store's graphs to a server-class SPARQL store (Virtuoso, Fuseki, GraphDB, QLever,
//! Neptune, another khabar) with the SPARQL 1.1 Graph Store HTTP Protocol.
//!
//! Each article's named graph is sent with `PUT` (which replaces it, so pushing twice is
//! harmless); an article that left the store is `DELETE`d; the shared graphs (entities, facts) and
//! the ontology are replaced whole, in parts of [`PART_TRIPLES`] (`PUT` the first, `POST` the
//! rest). What was pushed where is logged in the store's folder (`push/HASH.log`), so a push that
//! stopped half-way resumes where it stopped and a later build sends only what changed.
//!
//! Architecture invariant: the only module that makes outbound HTTP requests.

use crate::graph::{ENTITIES_GRAPH, FACTS_GRAPH, ONTOLOGY_GRAPH};
use crate::store::{GraphStore, StoreError};
use oxigraph::model::NamedNode;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;
use thiserror::Error;

/// Article graphs sent at once.
pub const IN_FLIGHT: usize = 2;

/// Triples per request when a shared graph is sent in parts.
pub const PART_TRIPLES: usize = 50_000;

/// A push failure.
#[derive(Debug, Error)]
pub enum PushError {
    /// The server answered with an error status (after retries, for 5xx).
    #[error("{method} {url}: HTTP {status}: {body}")]
    Status {
        /// Method.
        method: &'static str,
        /// URL.
        url: String,
        /// Status code.
        status: u16,
        /// The server's message (its start).
        body: String,
    },
    /// The server could not be reached (after retries).
    #[error("{method} {url}: {message}")]
    Transport {
        /// Method.
        method: &'static str,
        /// URL.
        url: String,
        /// What happened.
        message: String,
    },
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The push log could not be written.
    #[error("push log {path}: {source}")]
    Log {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

/// How to authenticate.
#[derive(Debug, Clone)]
pub enum Auth {
    /// No credentials.
    None,
    /// HTTP basic: user and password.
    Basic(String, String),
    /// A bearer token.
    Bearer(String),
}

/// A Graph Store Protocol endpoint.
pub struct Target {
    /// The endpoint (e.g. `http://127.0.0.1:8890/sparql-graph-crud`); `?graph=IRI` is added.
    pub url: String,
    /// Name of the query parameter that names the graph (`graph` in the standard).
    pub param: String,
    /// Credentials.
    pub auth: Auth,
    /// Attempts per request on a connection failure, 429 or 5xx (with back-off: 0.5 s, 1 s,
    /// 2 s, ...).
    pub attempts: u32,
    agent: ureq::Agent,
}

impl Target {
    /// A target. Credentials in the URL (`http://user:pass@host/...`) are taken out of it and
    /// used for basic auth when `auth` is [`Auth::None`].
    pub fn new(url: &str, auth: Auth) -> Self {
        let (url, auth) = match (auth, split_userinfo(url)) {
            (Auth::None, Some((clean, user, pass))) => (clean, Auth::Basic(user, pass)),
            (auth, _) => (url.to_string(), auth),
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(600)))
            .build()
            .into();
        Target { url, param: "graph".into(), auth, attempts: 5, agent }
    }

    fn graph_url(&self, graph: &str) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        let enc: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
        format!("{}{sep}{}={enc}", self.url, self.param)
    }

    /// Sends one request, retrying on connection failures, 429 and 5xx.
    fn send(&self, method: &'static str, graph: &str, body: Option<&[u8]>) -> Result<u16, PushError> {
        let url = self.graph_url(graph);
        let mut delay = Duration::from_millis(500);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let auth = match &self.auth {
                Auth::None => None,
                Auth::Basic(u, p) => Some(format!("Basic {}", base64(format!("{u}:{p}").as_bytes()))),
                Auth::Bearer(t) => Some(format!("Bearer {t}")),
            };
            let result = match (method, body) {
                ("PUT" | "POST", Some(b)) => {
                    let mut req = if method == "PUT" { self.agent.put(&url) } else { self.agent.post(&url) };
                    req = req.header("Content-Type", "application/n-triples; charset=utf-8");
                    if let Some(a) = &auth {
                        req = req.header("Authorization", a);
                    }
                    req.send(b)
                }
                _ => {
                    let mut req = self.agent.delete(&url);
                    if let Some(a) = &auth {
                        req = req.header("Authorization", a);
                    }
                    req.call()
                }
            };
            let retry = match result {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    if status < 400 || (method == "DELETE" && status == 404) {
                        return Ok(status);
                    }
                    let text = resp.body_mut().read_to_string().unwrap_or_default();
                    let err = PushError::Status {
                        method,
                        url: url.clone(),
                        status,
                        body: text.chars().take(300).collect::<String>().trim().to_string(),
                    };
                    if matches!(status, 408 | 409 | 429) || status >= 500 {
                        err
                    } else {
                        return Err(err);
                    }
                }
                Err(e) => PushError::Transport { method, url: url.clone(), message: e.to_string() },
            };
            if attempt >= self.attempts {
                return Err(retry);
            }
            std::thread::sleep(delay);
            delay *= 2;
        }
    }

    /// Replaces a graph with these N-Triples.
    pub fn put(&self, graph: &str, ntriples: &[u8]) -> Result<(), PushError> {
        self.send("PUT", graph, Some(ntriples)).map(|_| ())
    }

    /// Adds these N-Triples to a graph.
    pub fn post(&self, graph: &str, ntriples: &[u8]) -> Result<(), PushError> {
        self.send("POST", graph, Some(ntriples)).map(|_| ())
    }

    /// Removes a graph (one that is not there is no error).
    pub fn delete(&self, graph: &str) -> Result<(), PushError> {
        self.send("DELETE", graph, None).map(|_| ())
    }
}

/// `http://user:pass@host/x` → (`http://host/x`, user, pass).
fn split_userinfo(url: &str) -> Option<(String, String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let (userinfo, host) = authority.rsplit_once('@')?;
    let (user, pass) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let dec = |s: &str| form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((format!("{scheme}://{host}/{path}"), dec(user)?, dec(pass)?))
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What a push did.
#[derive(Debug, Default, Clone, Copy)]
pub struct PushReport {
    /// Article graphs sent.
    pub articles: usize,
    /// Article graphs deleted.
    pub deleted: usize,
    /// Triples sent.
    pub triples: usize,
    /// Requests made.
    pub requests: usize,
}

/// Sends the store to `target`: the article graphs it holds that the push log does not list as
/// sent (as their extractor built them), the deletion of those it no longer holds, then the
/// shared graphs and the ontology, whole. `progress` is told each article pushed.
pub fn push(
    store: &GraphStore,
    store_dir: &std::path::Path,
    target: &Target,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<PushReport, PushError> {
    let log_path = store_dir.join("push").join(format!("{}.log", crate::graph::content_hash(&target.url)));
    // the log: `+ IRI EXTRACTOR` when sent, `- IRI` when deleted; the last line of an IRI counts
    let mut sent: HashMap<String, String> = HashMap::new();
    if let Ok(text) = std::fs::read_to_string(&log_path) {
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("+ ") {
                let (iri, ex) = rest.split_once(' ').unwrap_or((rest, ""));
                sent.insert(iri.to_string(), ex.to_string());
            } else if let Some(iri) = line.strip_prefix("- ") {
                sent.remove(iri);
            }
        }
    }
    let log_err = |source| PushError::Log { path: log_path.clone(), source };
    if let Some(dir) = log_path.parent() {
        std::fs::create_dir_all(dir).map_err(log_err)?;
    }
    let mut log = std::fs::OpenOptions::new().create(true).append(true).open(&log_path).map_err(log_err)?;
    let extractors = store.article_extractors()?;
    let mut report = PushReport::default();
    let todo: Vec<(&NamedNode, &String)> =
        extractors.iter().filter(|(iri, ex)| sent.get(iri.as_str()) != Some(ex)).collect();
    let held: HashSet<&str> = extractors.keys().map(NamedNode::as_str).collect();
    let gone: Vec<String> = sent.keys().filter(|k| !held.contains(k.as_str())).cloned().collect();
    // (a few requests in flight: a store answers each PUT in milliseconds, mostly waiting)
    let next = std::sync::atomic::AtomicUsize::new(0);
    let shared = std::sync::Mutex::new((&mut log, &mut report, 0usize));
    let failed: std::sync::Mutex<Option<PushError>> = std::sync::Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..IN_FLIGHT {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((iri, ex)) = todo.get(i) else { return };
                if failed.lock().map_or(true, |f| f.is_some()) {
                    return;
                }
                let sent = store
                    .graph_ntriples(iri.as_str())
                    .map_err(PushError::from)
                    .and_then(|(body, n)| target.put(iri.as_str(), &body).map(|()| n));
                let Ok(mut sh) = shared.lock() else { return };
                let (log, report, done) = &mut *sh;
                match sent.and_then(|n| {
                    writeln!(log, "+ {} {ex}", iri.as_str()).map_err(log_err)?;
                    Ok(n)
                }) {
                    Ok(n) => {
                        report.articles += 1;
                        report.triples += n;
                        report.requests += 1;
                        *done += 1;
                        progress(*done, todo.len());
                    }
                    Err(e) => {
                        if let Ok(mut f) = failed.lock() {
                            f.get_or_insert(e);
                        }
                        return;
                    }
                }
            });
        }
    });
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(e);
    }
    for iri in gone {
        target.delete(&iri)?;
        writeln!(log, "- {iri}").map_err(log_err)?;
        report.deleted += 1;
        report.requests += 1;
    }
    log.flush().map_err(log_err)?;
    // the shared graphs and the ontology, whole (in parts)
    for g in [ENTITIES_GRAPH, FACTS_GRAPH, ONTOLOGY_GRAPH] {
        let parts = store.graph_ntriples_parts(g, PART_TRIPLES)?;
        if parts.is_empty() {
            target.delete(g)?;
            report.requests += 1;
        }
        for (i, (body, n)) in parts.iter().enumerate() {
            if i == 0 {
                target.put(g, body)?;
            } else {
                target.post(g, body)?;
            }
            report.triples += n;
            report.requests += 1;
        }
    }
    Ok(report)
}
