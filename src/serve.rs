//! Serve: a SPARQL 1.1 Protocol endpoint over the store, read-only unless asked, with a browser UI.
//!
//! `GET /sparql?query=…`, `POST /sparql` (`application/sparql-query` or form-encoded), content
//! negotiation for solutions (JSON, XML, CSV, TSV) and graphs (Turtle, N-Triples, JSON-LD,
//! RDF/XML; or a `format` parameter for links), `default-graph-uri` / `named-graph-uri`, a service description at `/sparql`
//! without a query, CORS. Safe by default: updates are refused (403), every query has a time
//! limit and a result-size cap, request bodies are limited, no SERVICE federation (the store is
//! built without an HTTP client), loopback bind by default, graceful shutdown on SIGINT/SIGTERM.
//! A malformed query is a 400 with the parser's message; a storage failure a 500.
//!
//! With an update token ([`ServeOptions::update_token`], `khabar serve --allow-update`), SPARQL
//! updates POSTed with `Authorization: Bearer TOKEN` are applied, each in one transaction.
//!
//! The browser UI (`/`, `/app.js`, `/app.css`) is plain HTML, CSS and JavaScript compiled into
//! the binary; it talks to `/sparql` only. Devanagari is set in Noto Sans Devanagari, served at
//! `/font/devanagari.ttf` from the machine's fonts when the caller found one ([`FONT_PATHS`]).

use crate::store::{GraphStore, StoreError};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Server settings.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Time limit of one query.
    pub timeout: Duration,
    /// Most solutions or triples one answer may carry.
    pub max_results: usize,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// The bearer token that allows SPARQL updates; `None` keeps the endpoint read-only.
    pub update_token: Option<String>,
    /// A TrueType font with Devanagari, served at `/font/devanagari.ttf` to browsers without one.
    pub font: Option<Bytes>,
    /// Most queries and updates evaluated at once; more are refused (503) until one ends. A query
    /// cut at its time limit counts until its evaluation has stopped.
    pub max_running: usize,
    /// The lexicon that reads questions at `/ask` (none, the default: `/ask` answers 503; the
    /// command line gives the one it loaded).
    pub lexicon: Option<Arc<crate::lexicon::Lexicon>>,
}

impl ServeOptions {
    /// Read-only settings with the default limits (10 s, 100,000 results, 1 MiB bodies, twice
    /// as many running queries as the machine has cores).
    pub fn new(bind: SocketAddr) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeOptions {
            bind,
            timeout: Duration::from_secs(10),
            max_results: 100_000,
            max_body: 1 << 20,
            update_token: None,
            font: None,
            max_running: 2 * cores,
            lexicon: None,
        }
    }
}

struct App {
    store: GraphStore,
    opts: ServeOptions,
    /// One permit per query or update being evaluated.
    running: Arc<Semaphore>,
}

/// Errors while starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// Address.
        addr: SocketAddr,
        /// Cause.
        source: std::io::Error,
    },
    /// The server stopped with an error.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// The router (for tests and for [`serve`]).
pub fn router(store: GraphStore, opts: ServeOptions) -> Router {
    let max_body = opts.max_body;
    let running = Arc::new(Semaphore::new(opts.max_running.max(1)));
    let app = Arc::new(App { store, opts, running });
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/font/devanagari.ttf", get(font))
        .route("/favicon.svg", get(|| async { asset("image/svg+xml", FAVICON) }))
        .route("/sparql", get(sparql_get).post(sparql_post).options(preflight))
        .route("/ask", get(ask_get).options(preflight))
        .layer(DefaultBodyLimit::max(max_body))
        // (the Graph Store Protocol takes whole graphs: a larger body)
        .route(
            "/store",
            get(gsp_get)
                .put(gsp_put)
                .post(gsp_post)
                .delete(gsp_delete)
                .options(preflight)
                .layer(DefaultBodyLimit::max(max_body.max(GSP_MAX_BODY))),
        )
        .with_state(app)
}

/// Listens on `listener` until SIGINT/SIGTERM (or `shutdown` resolves).
pub async fn run(
    listener: tokio::net::TcpListener,
    store: GraphStore,
    opts: ServeOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, router(store, opts)).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// Binds and serves until interrupted.
pub async fn serve(store: GraphStore, opts: ServeOptions) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(opts.bind)
        .await
        .map_err(|source| ServeError::Bind { addr: opts.bind, source })?;
    let mode = if opts.update_token.is_some() { "read-write, updates need the bearer token" } else { "read-only" };
    let addr = listener.local_addr().unwrap_or(opts.bind);
    eprintln!("khabar: SPARQL endpoint at http://{addr}/sparql ({mode}), browser UI at http://{addr}/ (Ctrl-C stops)");
    run(listener, store, opts, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    eprintln!("khabar: shutting down");
}

fn cors(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type, Accept, Authorization"));
    r
}

fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    cors((status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], msg.into() + "\n").into_response())
}

async fn preflight() -> Response {
    cors(StatusCode::NO_CONTENT.into_response())
}

async fn index() -> Response {
    cors(Html(INDEX_HTML).into_response())
}

/// Where Debian (`fonts-noto-core`) and other systems keep a Devanagari font.
pub const FONT_PATHS: &[&str] = &[
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/google-noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/google-noto-vf/NotoSansDevanagari[wght].ttf",
    "/Library/Fonts/NotoSansDevanagari-Regular.ttf",
];

fn asset(ctype: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, ctype), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

async fn font(State(app): State<Arc<App>>) -> Response {
    match &app.opts.font {
        Some(bytes) => ([(header::CONTENT_TYPE, "font/ttf"), (header::CACHE_CONTROL, "max-age=86400")], bytes.clone())
            .into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            "no Noto Sans Devanagari on this machine (Debian: apt install fonts-noto-core)",
        ),
    }
}

type Params = Vec<(String, String)>;

async fn sparql_get(State(app): State<Arc<App>>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if params.iter().any(|(k, _)| k == "update") {
        return match app.opts.update_token {
            None => read_only(),
            Some(_) => error(StatusCode::METHOD_NOT_ALLOWED, "send updates by POST"),
        };
    }
    match params.iter().find(|(k, _)| k == "query") {
        Some((_, q)) => answer(app, &headers, q.clone(), &params).await,
        None => service_description(app.opts.update_token.is_some()),
    }
}

async fn sparql_post(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(url): Query<Params>,
    body: Bytes,
) -> Response {
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let Ok(body) = String::from_utf8(body.to_vec()) else {
        return error(StatusCode::BAD_REQUEST, "the request body is not UTF-8");
    };
    if ctype.starts_with("application/sparql-update") {
        return update(app, &headers, body, &url).await;
    }
    if ctype.starts_with("application/sparql-query") {
        return answer(app, &headers, body, &url).await;
    }
    if ctype.starts_with("application/x-www-form-urlencoded") {
        let form: Params = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        let mut all = url.clone();
        all.extend(form.iter().cloned());
        if let Some((_, u)) = form.iter().find(|(k, _)| k == "update") {
            return update(app, &headers, u.clone(), &all).await;
        }
        return match form.iter().find(|(k, _)| k == "query") {
            Some((_, q)) => answer(app, &headers, q.clone(), &all).await,
            None => error(StatusCode::BAD_REQUEST, "no `query` parameter"),
        };
    }
    error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "send application/sparql-query or application/x-www-form-urlencoded")
}

fn accepts(headers: &HeaderMap) -> String {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase()
}

/// The `format` parameter's names (for links and downloads, where no Accept header can be set).
const FORMATS: &[&str] = &["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"];

fn format_type(name: &str) -> Option<&'static str> {
    Some(match name {
        "json" => "application/sparql-results+json",
        "xml" => "application/sparql-results+xml",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "turtle" => "text/turtle",
        "ntriples" => "application/n-triples",
        "jsonld" => "application/ld+json",
        "rdfxml" => "application/rdf+xml",
        _ => return None,
    })
}

fn solutions_format(accept: &str) -> (QueryResultsFormat, &'static str) {
    if accept.contains("application/sparql-results+xml") || accept.contains("application/xml") {
        (QueryResultsFormat::Xml, "application/sparql-results+xml")
    } else if accept.contains("text/csv") {
        (QueryResultsFormat::Csv, "text/csv; charset=utf-8")
    } else if accept.contains("text/tab-separated-values") {
        (QueryResultsFormat::Tsv, "text/tab-separated-values; charset=utf-8")
    } else {
        (QueryResultsFormat::Json, "application/sparql-results+json")
    }
}

fn graph_format(accept: &str) -> (RdfFormat, &'static str) {
    if accept.contains("application/n-triples") {
        (RdfFormat::NTriples, "application/n-triples")
    } else if accept.contains("application/ld+json") {
        (RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }, "application/ld+json")
    } else if accept.contains("application/rdf+xml") {
        (RdfFormat::RdfXml, "application/rdf+xml")
    } else {
        (RdfFormat::Turtle, "text/turtle; charset=utf-8")
    }
}

async fn answer(app: Arc<App>, headers: &HeaderMap, query: String, params: &Params) -> Response {
    let accept = match params.iter().find(|(k, _)| k == "format") {
        Some((_, f)) => match format_type(f) {
            Some(t) => t.to_string(),
            None => return error(StatusCode::BAD_REQUEST, format!("unknown format `{f}`; use {}", FORMATS.join(", "))),
        },
        None => accepts(headers),
    };
    // a malformed query is answered at once, however busy the evaluators are
    if let Err(e) = app.store.parse_query(&query) {
        return error(StatusCode::BAD_REQUEST, e.to_string());
    }
    let defaults: Vec<String> =
        params.iter().filter(|(k, _)| k == "default-graph-uri").map(|(_, v)| v.clone()).collect();
    let named: Vec<String> = params.iter().filter(|(k, _)| k == "named-graph-uri").map(|(_, v)| v.clone()).collect();
    let limit = app.opts.max_results;
    let app_running = app.running.clone();
    let timeout = app.opts.timeout;
    let work = move |token: CancellationToken| -> Result<(Vec<u8>, &'static str), (StatusCode, String)> {
        let results =
            app.store.query_dataset(&query, &defaults, &named, Some(token)).map_err(|e| failure(e, timeout))?;
        let too_many =
            |n: usize| (StatusCode::PAYLOAD_TOO_LARGE, format!("the answer has more than {n} results; add a LIMIT"));
        let eval = |e: oxigraph::sparql::QueryEvaluationError| failure(StoreError::Evaluation(e.to_string()), timeout);
        let io = |e: std::io::Error| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        match results {
            QueryResults::Solutions(sols) => {
                let (fmt, ct) = solutions_format(&accept);
                let vars = sols.variables().to_vec();
                let mut ser = QueryResultsSerializer::from_format(fmt)
                    .serialize_solutions_to_writer(Vec::new(), vars)
                    .map_err(io)?;
                for (n, s) in sols.enumerate() {
                    if n >= limit {
                        return Err(too_many(limit));
                    }
                    ser.serialize(s.map_err(eval)?.iter()).map_err(io)?;
                }
                Ok((ser.finish().map_err(io)?, ct))
            }
            QueryResults::Boolean(b) => {
                let (fmt, ct) = solutions_format(&accept);
                let fmt = if matches!(fmt, QueryResultsFormat::Xml) { fmt } else { QueryResultsFormat::Json };
                let ct = if matches!(fmt, QueryResultsFormat::Xml) { ct } else { "application/sparql-results+json" };
                Ok((
                    QueryResultsSerializer::from_format(fmt).serialize_boolean_to_writer(Vec::new(), b).map_err(io)?,
                    ct,
                ))
            }
            QueryResults::Graph(triples) => {
                let (fmt, ct) = graph_format(&accept);
                let mut ser = RdfSerializer::from_format(fmt).for_writer(Vec::new());
                for (n, t) in triples.enumerate() {
                    if n >= limit {
                        return Err(too_many(limit));
                    }
                    ser.serialize_triple(&t.map_err(eval)?).map_err(io)?;
                }
                Ok((ser.finish().map_err(io)?, ct))
            }
        }
    };
    match limited(&app_running, timeout, false, work).await {
        Ok((body, ct)) => cors(([(header::CONTENT_TYPE, ct)], body).into_response()),
        Err((status, msg)) => error(status, msg),
    }
}

/// Runs `work` on the blocking pool under the time limit; at the limit its token is cancelled.
/// A query is answered (503) at once; an update waits for its task to stop, so that the answer
/// says truly whether it was applied. When all of `running`'s permits are held, the work is
/// refused (503) at once; a permit is held until the work has stopped, even after its answer,
/// so that cancelled evaluations still winding down are counted.
async fn limited<T: Send + 'static>(
    running: &Arc<Semaphore>,
    timeout: Duration,
    wait_when_cancelled: bool,
    work: impl FnOnce(CancellationToken) -> Result<T, (StatusCode, String)> + Send + 'static,
) -> Result<T, (StatusCode, String)> {
    let Ok(permit) = running.clone().try_acquire_owned() else {
        return Err((
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy: as many queries as it evaluates at once are running; try again shortly".into(),
        ));
    };
    let token = CancellationToken::new();
    let cancel = token.clone();
    let mut task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(token)
    });
    let joined = match tokio::time::timeout(timeout, &mut task).await {
        Ok(joined) => joined,
        Err(_) => {
            cancel.cancel();
            if !wait_when_cancelled {
                return Err(over_time(timeout));
            }
            task.await
        }
    };
    joined.map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, format!("the request's task failed: {e}")))?
}

fn read_only() -> Response {
    error(StatusCode::FORBIDDEN, "this endpoint is read-only: updates are refused (see `khabar serve --allow-update`)")
}

fn over_time(timeout: Duration) -> (StatusCode, String) {
    (StatusCode::SERVICE_UNAVAILABLE, format!("the request ran over the time limit of {}s", timeout.as_secs()))
}

/// The status and message for a failed query or update.
fn failure(e: StoreError, timeout: Duration) -> (StatusCode, String) {
    match e {
        StoreError::Query(m) => (StatusCode::BAD_REQUEST, m),
        StoreError::Evaluation(m) if m.to_lowercase().contains("cancel") => over_time(timeout),
        StoreError::Evaluation(m) if m.contains("service") && m.contains("not supported") => (
            StatusCode::BAD_REQUEST,
            format!("SERVICE federation is disabled: this server makes no outbound requests ({m})"),
        ),
        other => (StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    }
}

/// Compares two tokens in time that does not depend on where they differ.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// `/ask?q=QUESTION`: the answers of `khabar ask --format json`; a question it cannot read is a
/// 422 with what was understood and an example.
async fn ask_get(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let Some((_, question)) = params.into_iter().find(|(k, _)| k == "q") else {
        return error(StatusCode::BAD_REQUEST, "ask with ?q=QUESTION");
    };
    let Some(lex) = app.opts.lexicon.clone() else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "this server has no lexicon to read questions with");
    };
    let timeout = app.opts.timeout;
    let running = app.running.clone();
    let work = move |_| {
        let cues = crate::ask::Cues::embedded();
        match crate::ask::ask(&app.store, &lex, cues, &question) {
            Ok(a) => Ok((StatusCode::OK, serde_json::to_vec(&a).unwrap_or_default())),
            Err(crate::ask::AskError::NotUnderstood { message, understood, example }) => {
                let j = serde_json::json!({
                    "question": question, "error": message, "understood": understood, "example": example
                });
                Ok((StatusCode::UNPROCESSABLE_ENTITY, j.to_string().into_bytes()))
            }
            Err(crate::ask::AskError::Store(e)) => Err(failure(e, timeout)),
        }
    };
    match limited(&running, timeout, false, work).await {
        Ok((status, body)) => {
            cors((status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response())
        }
        Err((status, msg)) => error(status, msg),
    }
}

/// Largest Graph Store Protocol body, in bytes.
const GSP_MAX_BODY: usize = 256 << 20;

/// The graph a Graph Store Protocol request names (`?graph=IRI`).
fn gsp_graph(params: &Params) -> Result<oxigraph::model::NamedNode, String> {
    match params.iter().find(|(k, _)| k == "graph") {
        Some((_, g)) => oxigraph::model::NamedNode::new(g.clone()).map_err(|e| format!("`graph` is not an IRI: {e}")),
        None if params.iter().any(|(k, _)| k == "default") => {
            Err("the default graph is the union of all graphs here: name a graph with ?graph=IRI".into())
        }
        None => Err("name a graph with ?graph=IRI".into()),
    }
}

async fn gsp_get(State(app): State<Arc<App>>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    let graph = match gsp_graph(&params) {
        Ok(g) => g,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let (format, ctype) = graph_format(&accepts(&headers));
    let timeout = app.opts.timeout;
    let running = app.running.clone();
    let work = move |_| -> Result<Option<Vec<u8>>, (StatusCode, String)> {
        let fail = |e: StoreError| failure(e, timeout);
        if !app
            .store
            .inner()
            .contains_named_graph(&graph)
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        {
            return Ok(None);
        }
        let q = format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}", graph.as_str());
        let QueryResults::Graph(triples) = app.store.query(&q).map_err(fail)? else {
            return Err((StatusCode::INTERNAL_SERVER_ERROR, "not a graph".into()));
        };
        let mut ser = RdfSerializer::from_format(format).for_writer(Vec::new());
        for t in triples {
            let t = t.map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            ser.serialize_triple(&t).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        }
        ser.finish().map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())).map(Some)
    };
    match limited(&running, timeout, false, work).await {
        Ok(Some(body)) => cors(([(header::CONTENT_TYPE, ctype)], body).into_response()),
        Ok(None) => error(StatusCode::NOT_FOUND, "no such graph"),
        Err((status, msg)) => error(status, msg),
    }
}

async fn gsp_write(app: Arc<App>, headers: HeaderMap, params: Params, body: Bytes, replace: bool) -> Response {
    if let Some(refused) = authorize(&app, &headers) {
        return refused;
    }
    let graph = match gsp_graph(&params) {
        Ok(g) => g,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = ctype.split(';').next().unwrap_or("").trim();
    let Some(format) = RdfFormat::from_media_type(media).filter(|f| !f.supports_datasets()) else {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send a graph: text/turtle, application/n-triples, application/rdf+xml or application/ld+json",
        );
    };
    let timeout = app.opts.timeout;
    let running = app.running.clone();
    let work = move |_| app.store.write_graph(&graph, format, &body, replace).map_err(|e| failure(e, timeout));
    match limited(&running, timeout, true, work).await {
        Ok(true) => cors(StatusCode::NO_CONTENT.into_response()),
        Ok(false) => cors(StatusCode::CREATED.into_response()),
        Err((status, msg)) => error(status, msg),
    }
}

async fn gsp_put(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    gsp_write(app, headers, params, body, true).await
}

async fn gsp_post(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    gsp_write(app, headers, params, body, false).await
}

async fn gsp_delete(State(app): State<Arc<App>>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(refused) = authorize(&app, &headers) {
        return refused;
    }
    let graph = match gsp_graph(&params) {
        Ok(g) => g,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let timeout = app.opts.timeout;
    let running = app.running.clone();
    let work = move |_| app.store.drop_graph(&graph).map_err(|e| failure(e, timeout));
    match limited(&running, timeout, true, work).await {
        Ok(true) => cors(StatusCode::NO_CONTENT.into_response()),
        Ok(false) => error(StatusCode::NOT_FOUND, "no such graph"),
        Err((status, msg)) => error(status, msg),
    }
}

/// `None` when the request may write (the server takes updates and it sends the bearer token);
/// else the refusal.
fn authorize(app: &App, headers: &HeaderMap) -> Option<Response> {
    let Some(expected) = app.opts.update_token.as_deref() else {
        return Some(read_only());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    let unauthorized = |msg: &str, challenge: &'static str| {
        let mut r = error(StatusCode::UNAUTHORIZED, msg);
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        r
    };
    match given {
        None => Some(unauthorized("updates need `Authorization: Bearer TOKEN`", "Bearer realm=\"khabar\"")),
        Some(g) if !same_token(g.as_bytes(), expected.as_bytes()) => Some(unauthorized(
            "the bearer token is not the server's",
            "Bearer realm=\"khabar\", error=\"invalid_token\"",
        )),
        Some(_) => None,
    }
}

async fn update(app: Arc<App>, headers: &HeaderMap, update: String, params: &Params) -> Response {
    if let Some(refused) = authorize(&app, headers) {
        return refused;
    }
    if params.iter().any(|(k, _)| k == "using-graph-uri" || k == "using-named-graph-uri") {
        return error(
            StatusCode::BAD_REQUEST,
            "using-graph-uri / using-named-graph-uri are not supported; write USING in the update",
        );
    }
    let timeout = app.opts.timeout;
    let running = app.running.clone();
    let work = move |token| app.store.update(&update, Some(token)).map_err(|e| failure(e, timeout));
    match limited(&running, timeout, true, work).await {
        Ok(()) => cors(StatusCode::NO_CONTENT.into_response()),
        Err((StatusCode::SERVICE_UNAVAILABLE, msg)) => {
            error(StatusCode::SERVICE_UNAVAILABLE, msg + " (the update was cancelled and not applied)")
        }
        Err((status, msg)) => error(status, msg),
    }
}

fn service_description(updates: bool) -> Response {
    let languages = if updates { "sd:SPARQL11Query , sd:SPARQL11Update" } else { "sd:SPARQL11Query" };
    let ttl = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
               [] a sd:Service ;\n\
               \x20 sd:endpoint <> ;\n\
               \x20 sd:supportedLanguage {languages} ;\n\
               \x20 sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> , <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,\n\
               \x20   <http://www.w3.org/ns/formats/SPARQL_Results_CSV> , <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,\n\
               \x20   <http://www.w3.org/ns/formats/Turtle> , <http://www.w3.org/ns/formats/N-Triples> , <http://www.w3.org/ns/formats/JSON-LD> ,\n\
               \x20   <http://www.w3.org/ns/formats/RDF_XML> ;\n\
               \x20 sd:feature sd:UnionDefaultGraph .\n"
    );
    cors(([(header::CONTENT_TYPE, "text/turtle; charset=utf-8")], ttl).into_response())
}

const INDEX_HTML: &str = include_str!("serve/ui/index.html");
const APP_JS: &str = include_str!("serve/ui/app.js");
const APP_CSS: &str = include_str!("serve/ui/app.css");
const FAVICON: &str = include_str!("serve/ui/favicon.svg");
