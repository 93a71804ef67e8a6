//! The command line: argument parsing, progress, summaries, exit codes.
//!
//! Architecture invariant: this is an edge — it reads files and the terminal and prints; the
//! library modules below it return values and errors.

use crate::corpus::{self, Article};
use crate::export::ExportFormat;
use crate::extract::{self, Extraction};
use crate::graph;
use crate::lexicon::{self, Lexicon};
use crate::network::Network;
use crate::pipeline::{self, Built, Item};
use crate::query::{self, OutputFormat};
use crate::store::{GraphStore, LoadOutcome};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const AFTER_HELP: &str = "\
Examples:
  khabar build                                   # the bundled sample corpus/ -> output/store
  khabar build news/ crawl.jsonl --store kg      # your own articles
  khabar query @queries/who-met-whom.rq
  khabar query 'SELECT * WHERE { ?s kh:buys ?o }' --format csv
  khabar extract corpus/001_05138df1dceacd38.txt
  khabar export --format nquads --out output/graph.nq
  khabar export --format dot --render png output/graph.png
  khabar analyze
  khabar eval --gold gold.jsonl --show-errors";

/// khabar turns Hindi defence and diplomacy news into a knowledge graph.
#[derive(Parser)]
#[command(name = "khabar", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// Lexicon folder to use instead of the built-in one (the layout of `ontology/`).
    #[arg(long, global = true, value_name = "DIR")]
    ontology: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and build (or update) the graph store.
    #[command(after_help = "\
Inputs: .txt files (one article each; an optional first line `date YYYY-MM-DD`), .html pages
(read as their text), folders (searched recursively for .txt, .jsonl and .html), JSON Lines files
with `id`, `url`, `date`, `title`, `text` per line, and `-` for stdin. Text is UTF-8 (with or
without a byte-order mark) or UTF-16 with a byte-order mark. Unchanged articles are skipped; a
changed file replaces its earlier version. A file that cannot be read or decoded, or a broken
JSON line, is reported with its path (and line) and skipped; the exit code is then 1. Empty
articles and articles above --max-article-bytes are reported and skipped (exit code 0). Each
article is stored in one transaction: an interrupted build leaves every article whole or absent,
and building again completes it.

Examples:
  khabar build
  khabar build ~/news --store ~/kg
  cat article.txt | khabar build - --store /tmp/kg
  khabar build news/ --to http://127.0.0.1:8890/sparql-graph-crud   # and push to Virtuoso

With --to, the store is then pushed to a server-class SPARQL store with the SPARQL 1.1 Graph
Store HTTP Protocol (see `khabar push --help`).")]
    Build {
        /// Files or folders to read [default: corpus/].
        paths: Vec<PathBuf>,
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Leave out facts whose confidence is lower than this.
        #[arg(long, default_value_t = DEFAULT_MIN_CONFIDENCE)]
        min_confidence: f32,
        /// No progress bar or summary.
        #[arg(long, short)]
        quiet: bool,
        /// Skip (and report) any article larger than this many bytes.
        #[arg(long, default_value_t = corpus::DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
        max_article_bytes: usize,
        /// Remove from the store the articles whose files are no longer among the inputs.
        #[arg(long)]
        prune: bool,
        #[command(flatten)]
        to: ToArgs,
    },
    /// Show what articles yield, with sentences and rules; or stream their graphs as N-Quads
    /// (no store).
    #[command(after_help = "\
Takes the inputs `build` takes: files, folders, JSON Lines, HTML, WARC / WARC.gz, RSS / Atom,
and `-` for stdin (JSON Lines, a WARC stream or one article). With --format nquads the article
graphs stream to stdout as N-Quads, a batch at a time on all cores: any split of a corpus into
shards, extracted separately and concatenated, holds exactly the quads of one `khabar build` and
`khabar export --format nquads` of the whole (the ontology's graph aside), ready for
`khabar load` or a store's own bulk loader.

Examples:
  khabar extract corpus/003_e9ee91c523afa903.txt
  khabar extract article.txt --format turtle
  echo 'रक्षा मंत्री राजनाथ सिंह ने ...' | khabar extract -
  khabar extract crawl.jsonl CC-MAIN-*.warc.gz --format nquads > part-0.nq
  khabar load part-*.nq --store kg")]
    Extract {
        /// Articles: files or folders (`-` for stdin).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
        /// Leave out facts whose confidence is lower than this [default: 0.5 for nquads, as
        /// `build`; else 0].
        #[arg(long)]
        min_confidence: Option<f32>,
        /// Skip (and report) any article larger than this many bytes [default: as `build` for
        /// nquads; else no limit].
        #[arg(long, value_name = "BYTES")]
        max_article_bytes: Option<usize>,
        /// No summary on stderr (nquads).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Push the store's graphs to a server-class SPARQL store (Graph Store HTTP Protocol).
    #[command(after_help = "\
Each article's named graph is sent with PUT (replacing it: pushing twice is harmless), the
articles no longer in the store are deleted, and the shared graphs (entities, facts) and the
ontology are replaced whole. What was sent is logged in the store's folder, so a push that stopped
resumes, and a later push sends only what changed. Failed requests (connection, 429, 5xx) are
retried with back-off. Credentials: the KHABAR_TO_TOKEN environment variable (bearer), or
--to-user with KHABAR_TO_PASSWORD (basic), or user:password in the URL (basic).

Endpoints:
  Virtuoso   http://HOST:8890/sparql-graph-crud-auth   (--to-user dba; or /sparql-graph-crud
             once the SPARQL user may update)
  Fuseki     http://HOST:3030/DATASET/data
  GraphDB    http://HOST:7200/repositories/REPO/rdf-graphs/service
  QLever     N-Quads parts and its own index builder: khabar export --format nquads
  Neptune    https://CLUSTER:8182/sparql/gsp/   (IAM-signed requests need a signing proxy)
  khabar     http://HOST:7878/store   (khabar serve --allow-update; KHABAR_TO_TOKEN)

Examples:
  khabar push --to http://127.0.0.1:8890/sparql-graph-crud
  KHABAR_TO_PASSWORD=secret khabar push --store kg --to https://kg.example.org/gsp --to-user loader")]
    Push {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        #[command(flatten)]
        to: ToArgs,
    },
    /// Load N-Quads parts (from `extract --format nquads`, or a Spark job) into a store.
    #[command(after_help = "\
A store with no article yet takes all parts through Oxigraph's bulk loader and commits them
together; a line that does not parse is reported with its part and line and skipped. A store that
holds articles takes each article in a transaction of its own, replacing its earlier version, as
`build` does. Folders are read for their part-* and *.nq files.

Examples:
  khabar extract news/ --format nquads > news.nq && khabar load news.nq --store kg
  khabar load output/spark-parts/ --store kg")]
    Load {
        /// N-Quads files or folders (`-` for stdin).
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// No summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Answer a question in Hindi or English from the graph, with each answer's sources.
    #[command(after_help = "\
A question is read for the names in it (as extraction reads them: spelling variants, oblique
forms, a state's adjective, an office), what it asks about and its question word (cues in
ontology/patterns/questions.tsv), and a date or period. It becomes one SPARQL query
(--show-sparql prints it); each answer comes with the articles and sentences it was read in. A
question khabar cannot read gets what it understood and an example (exit code 2), never a guess.

Examples:
  khabar ask 'राजनाथ सिंह किससे मिले?'
  khabar ask 'रूस के रक्षा मंत्री कौन हैं?'
  khabar ask 'भारत क्या खरीदना चाहता है?'
  khabar ask 'Who supplies the S-400?' --show-sparql
  khabar ask 'एस-400 के सौदे' --format json
  khabar ask 'भारत के हथियार आयात में रूस का हिस्सा कितना है?'
  khabar ask 'दिसंबर 2025 में क्या हुआ?'")]
    Ask {
        /// The question.
        question: String,
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AskFormat::Table)]
        format: AskFormat,
        /// Print the SPARQL query that was run.
        #[arg(long)]
        show_sparql: bool,
    },
    /// Run a SPARQL query (all article graphs together form the default graph).
    #[command(after_help = "\
The prefixes kh:, khid:, rdf:, rdfs:, skos:, xsd:, owl:, prov: and schema: are predeclared.
A malformed query exits with status 2 and the parser's message.

Examples:
  khabar query 'SELECT ?a ?b WHERE { ?a kh:met ?b }'
  khabar query @queries/deal-values-by-source.rq --format csv > deals.csv
  khabar query - < my.rq")]
    Query {
        /// The query, `@file.rq`, or `-` for stdin.
        query: String,
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Write the graph: RDF (N-Quads, TriG, Turtle, N-Triples, JSON-LD), a Graphviz drawing,
    /// GraphML or CSV.
    #[command(after_help = "\
RDF formats carry everything; dot, graphml and csv carry entities, facts, meetings and deals,
and take the filters.

Examples:
  khabar export --format nquads --out output/graph.nq   # named graphs (provenance) kept
  khabar export --format turtle > graph.ttl             # union of all graphs
  khabar export --format dot --render png output/graph.png
  khabar export --format dot --lang hi --focus 'राजनाथ सिंह' --depth 1 --render svg rajnath.svg
  khabar export --format dot --relations met,buys,seeksToBuy,offers,supplies --since 2025
  khabar export --format graphml --out output/graph.graphml   # networkx, Gephi
  khabar export --format csv --out output/csv                 # nodes.csv, edges.csv")]
    Export {
        /// Format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Nquads)]
        format: ExportFormat,
        /// Output file (a folder for csv; default: stdout, output/csv for csv).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Labels in drawings: English (Hindi where no English is known) or Hindi.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// Render the DOT drawing with Graphviz: FORMAT (svg, png, pdf) and FILE.
        #[arg(long, num_args = 2, value_names = ["FORMAT", "FILE"])]
        render: Option<Vec<String>>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Centrality, components, communities, a timeline and disagreeing sources.
    #[command(after_help = "\
Examples:
  khabar analyze
  khabar analyze --format json > analysis.json
  khabar analyze --format csv --relations met > people.csv")]
    Analyze {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
        format: AnalyzeFormat,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Serve the graph: a SPARQL 1.1 endpoint at /sparql and a browser UI at /.
    ///
    /// Read-only unless --allow-update is given with a bearer token (the environment variable
    /// KHABAR_TOKEN or --token-file). A server keeps the store open: `khabar build` on the same
    /// store fails at once until the server stops (queries and other readers may share it).
    #[command(after_help = "\
Examples:
  khabar serve                                   # open http://127.0.0.1:7878/ in a browser
  curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%3Fa%20kh%3Amet%20%3Fb%7D'
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?a kh:met ?b }' \\
       http://127.0.0.1:7878/sparql
  export KHABAR_TOKEN=$(openssl rand -hex 24); khabar serve --allow-update &
  curl -H \"Authorization: Bearer $KHABAR_TOKEN\" -H 'Content-Type: application/sparql-update' \\
       --data 'INSERT DATA { GRAPH <urn:notes> { <urn:x> rdfs:comment \"checked\" } }' \\
       http://127.0.0.1:7878/sparql")]
    Serve {
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// Address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Time limit of one query, in seconds.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// Most results one answer may carry.
        #[arg(long, default_value_t = 100_000)]
        max_results: usize,
        /// Most queries evaluated at once; more are refused with 503 until one ends [default: twice the cores].
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        max_running: Option<u16>,
        /// Accept SPARQL updates from clients that send the bearer token.
        #[arg(long)]
        allow_update: bool,
        /// File whose first line is the bearer token (instead of KHABAR_TOKEN).
        #[arg(long, requires = "allow_update")]
        token_file: Option<PathBuf>,
    },
    /// Score the graph against an annotated gold file (gold format v1).
    #[command(after_help = "\
Examples:
  khabar eval --gold gold.jsonl
  khabar eval --gold gold.jsonl --show-errors --min-entity-f1 0.9 --min-fact-f1 0.8")]
    Eval {
        /// Gold JSON Lines file.
        #[arg(long)]
        gold: PathBuf,
        /// Store folder.
        #[arg(long, default_value = "output/store")]
        store: PathBuf,
        /// List missed and spurious items.
        #[arg(long)]
        show_errors: bool,
        /// Exit 1 when entity F1 is below this.
        #[arg(long)]
        min_entity_f1: Option<f64>,
        /// Exit 1 when fact F1 is below this.
        #[arg(long)]
        min_fact_f1: Option<f64>,
        /// Write the report as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
}

/// Where to push a store (Graph Store HTTP Protocol).
#[derive(clap::Args, Debug, Default)]
struct ToArgs {
    /// Push to this Graph Store Protocol endpoint once built.
    #[arg(long, value_name = "URL")]
    to: Option<String>,
    /// User for basic auth at --to (its password in KHABAR_TO_PASSWORD).
    #[arg(long, value_name = "USER", requires = "to")]
    to_user: Option<String>,
    /// The query parameter that names the graph at --to.
    #[arg(long, default_value = "graph", value_name = "NAME")]
    to_param: String,
}

impl ToArgs {
    fn target(&self) -> Option<crate::push::Target> {
        use crate::push::Auth;
        let url = self.to.as_deref()?;
        let auth = if let Ok(t) = std::env::var("KHABAR_TO_TOKEN") {
            Auth::Bearer(t.trim().to_string())
        } else if let Some(u) = &self.to_user {
            Auth::Basic(u.clone(), std::env::var("KHABAR_TO_PASSWORD").unwrap_or_default())
        } else {
            Auth::None
        };
        let mut t = crate::push::Target::new(url, auth);
        t.param = self.to_param.clone();
        Some(t)
    }
}

/// Pushes a store to its target, with a progress bar and a summary.
fn push_store(store: &GraphStore, store_dir: &Path, target: &crate::push::Target, quiet: bool) -> Result<()> {
    let started = Instant::now();
    let show = !quiet && std::io::stderr().is_terminal();
    let bar = if show { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} pushing {bar:40} {pos}/{len} articles · {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let r = crate::push::push(store, store_dir, target, &|i, n| {
        bar.set_length(n as u64);
        bar.set_position(i as u64);
    })
    .with_context(|| format!("pushing to {}", target.url))?;
    bar.finish_and_clear();
    if !quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "pushed to {}: {} article graph(s) sent, {} deleted, shared graphs replaced; {} triples in {} requests, {secs:.2}s ({:.0} triples/s)",
            target.url,
            r.articles,
            r.deleted,
            r.triples,
            r.requests,
            r.triples as f64 / secs.max(1e-9)
        );
    }
    Ok(())
}

/// Filters for drawings, GraphML/CSV and analysis.
#[derive(clap::Args, Debug, Default)]
struct FilterArgs {
    /// Only the neighbourhood of this entity (Hindi or English name).
    #[arg(long)]
    focus: Option<String>,
    /// Steps around --focus.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Only these relations (comma-separated: met,buys,seeksToBuy,...).
    #[arg(long, value_delimiter = ',')]
    relations: Option<Vec<String>>,
    /// Only what articles dated on or after this date state (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only what articles dated on or before this date state.
    #[arg(long)]
    until: Option<String>,
    /// Only what this article states (part of its file name or id).
    #[arg(long)]
    article: Option<String>,
    /// Only facts at least this confident.
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f64,
}

impl FilterArgs {
    fn filter(&self) -> crate::network::Filter {
        crate::network::Filter {
            focus: self.focus.clone(),
            depth: self.depth,
            relations: self.relations.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            article: self.article.clone(),
            min_confidence: self.min_confidence,
            no_records: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Lang {
    /// English.
    En,
    /// Hindi.
    Hi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum AskFormat {
    /// Answers and their sources, for people.
    Table,
    /// `{"question", "sparql", "answers": [{"values", "sources"}]}`.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum AnalyzeFormat {
    /// A report for people.
    Table,
    /// Everything as JSON.
    Json,
    /// Per-entity measures as CSV.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExtractFormat {
    /// Facts with their sentences, for people.
    Text,
    /// Everything as JSON.
    Json,
    /// The article's graph as TriG.
    Turtle,
    /// The article graphs as N-Quads, streamed (as `export --format nquads` of a build).
    Nquads,
}

/// The confidence below which `build` leaves a fact out.
const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("khabar: {e:#}");
            if e.chain().any(|c| {
                c.downcast_ref::<crate::store::StoreError>().is_some_and(|s| {
                    matches!(s, crate::store::StoreError::Query(_) | crate::store::StoreError::Evaluation(_))
                })
            }) {
                return ExitCode::from(2);
            }
            ExitCode::FAILURE
        }
    }
}

/// The bearer token for `serve --allow-update`: the first line of `file`, or `KHABAR_TOKEN`.
fn update_token(file: Option<&Path>) -> Result<String> {
    let token = match file {
        Some(f) => std::fs::read_to_string(f)
            .with_context(|| format!("reading the token file {}", f.display()))?
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string(),
        None => std::env::var("KHABAR_TOKEN").unwrap_or_default().trim().to_string(),
    };
    if token.len() < 16 {
        anyhow::bail!(
            "--allow-update needs a bearer token of at least 16 characters in KHABAR_TOKEN or --token-file \
             (for example: export KHABAR_TOKEN=$(openssl rand -hex 24))"
        );
    }
    Ok(token)
}

fn load_lexicon(dir: Option<&Path>) -> Result<Lexicon> {
    match dir {
        None => Lexicon::embedded().context("the built-in lexicon"),
        Some(d) => {
            let mut files = Vec::new();
            for name in lexicon::file_names() {
                let p = d.join(name);
                let c = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
                files.push((name.to_string(), c));
            }
            Lexicon::from_files(&files).with_context(|| format!("lexicon in {}", d.display()))
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build { paths, store, min_confidence, quiet, max_article_bytes, prune, to } => {
            let lex = load_lexicon(cli.ontology.as_deref())?;
            let code = build(
                &lex,
                paths,
                &store,
                &BuildOptions { min_conf: min_confidence, quiet, max_bytes: max_article_bytes, prune },
            )?;
            if let Some(target) = to.target() {
                let st = GraphStore::open_existing(&store)?;
                push_store(&st, &store, &target, quiet)?;
            }
            Ok(code)
        }
        Command::Push { store, to } => {
            let Some(target) = to.target() else { bail!("push needs --to URL") };
            let st = GraphStore::open_existing(&store)?;
            push_store(&st, &store, &target, false)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { paths, format, min_confidence, max_article_bytes, quiet } => {
            let lex = load_lexicon(cli.ontology.as_deref())?;
            if format == ExtractFormat::Nquads {
                let min_conf = min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE);
                let max_bytes = max_article_bytes.unwrap_or(corpus::DEFAULT_MAX_ARTICLE_BYTES);
                return extract_nquads(&lex, &paths, min_conf, max_bytes, quiet);
            }
            extract_many(&lex, &paths, format, min_confidence.unwrap_or(0.0), max_article_bytes.unwrap_or(usize::MAX))
        }
        Command::Load { parts, store, quiet } => load(&parts, &store, quiet),
        Command::Ask { question, store, format, show_sparql } => {
            let lex = load_lexicon(cli.ontology.as_deref())?;
            let st = GraphStore::open_read_only(&store)?;
            ask(&st, &lex, &question, format, show_sparql)
        }
        Command::Query { query, store, format } => {
            let text = read_query(&query)?;
            let st = GraphStore::open_read_only(&store)?;
            let results = st.query(&text)?;
            let out = std::io::stdout().lock();
            query::write_results(results, format, std::io::BufWriter::new(out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, out, store, lang, render, filter } => {
            let st = GraphStore::open_read_only(&store)?;
            export(&st, format, out.as_deref(), lang, render.as_deref(), &filter)
        }
        Command::Serve { store, bind, timeout, max_results, max_running, allow_update, token_file } => {
            let lexicon = Some(std::sync::Arc::new(load_lexicon(cli.ontology.as_deref())?));
            let update_token = if allow_update { Some(update_token(token_file.as_deref())?) } else { None };
            let st =
                if allow_update { GraphStore::open_existing(&store)? } else { GraphStore::open_read_only(&store)? };
            let defaults = crate::serve::ServeOptions::new(bind);
            let opts = crate::serve::ServeOptions {
                timeout: std::time::Duration::from_secs(timeout),
                max_results,
                update_token,
                font: crate::serve::FONT_PATHS.iter().find_map(|p| std::fs::read(p).ok()).map(Into::into),
                max_running: max_running.map_or(defaults.max_running, usize::from),
                lexicon,
                ..defaults
            };
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the server runtime")?;
            rt.block_on(crate::serve::serve(st, opts))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { store, format, filter } => {
            let st = GraphStore::open_read_only(&store)?;
            let net = Network::load(&st, &filter.filter())?;
            let a = crate::analyze::analyze(&st, &net)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            match format {
                AnalyzeFormat::Table => a.write_table(&mut out)?,
                AnalyzeFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &a)?;
                    writeln!(out)?;
                }
                AnalyzeFormat::Csv => a.write_csv(&mut out)?,
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, store, show_errors, min_entity_f1, min_fact_f1, json } => {
            let st = GraphStore::open_read_only(&store)?;
            let g = std::fs::read_to_string(&gold).with_context(|| format!("reading {}", gold.display()))?;
            let gold_set = crate::eval::Gold::parse(&g).with_context(|| gold.display().to_string())?;
            let report = crate::eval::score(&st, &gold_set)?;
            let mut out = std::io::stdout().lock();
            report.print(&mut out, show_errors)?;
            if let Some(p) = json {
                std::fs::write(&p, serde_json::to_string_pretty(&report)?)
                    .with_context(|| format!("writing {}", p.display()))?;
            }
            let ok = min_entity_f1.is_none_or(|m| report.entities.f1 >= m)
                && min_fact_f1.is_none_or(|m| report.facts.f1 >= m);
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
    }
}

fn create(p: &Path) -> Result<std::io::BufWriter<std::fs::File>> {
    if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let f = std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
    Ok(std::io::BufWriter::new(f))
}

fn export(
    st: &GraphStore,
    format: ExportFormat,
    out: Option<&Path>,
    lang: Lang,
    render: Option<&[String]>,
    filter: &FilterArgs,
) -> Result<ExitCode> {
    if let Some(rdf) = format.rdf() {
        match out {
            Some(p) => {
                st.dump(rdf, create(p)?)?;
                eprintln!("wrote {}", p.display());
            }
            None => st.dump(rdf, std::io::BufWriter::new(std::io::stdout().lock()))?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let net = Network::load(st, &filter.filter())?;
    match format {
        ExportFormat::Dot => {
            let mut dot = Vec::new();
            let title = match &filter.focus {
                Some(f) => format!("khabar: around {f}"),
                None => "khabar knowledge graph".to_string(),
            };
            crate::draw::write_dot(&net, lang == Lang::Hi, &title, &mut dot)?;
            if let Some(p) = out {
                create(p)?.write_all(&dot)?;
                eprintln!("wrote {}", p.display());
            }
            match render {
                Some([fmt, file]) => render_dot(&dot, fmt, Path::new(file))?,
                Some(_) => bail!("--render takes a format (svg, png, pdf) and a file"),
                None if out.is_none() => std::io::stdout().lock().write_all(&dot)?,
                None => {}
            }
        }
        ExportFormat::Graphml => match out {
            Some(p) => {
                crate::draw::write_graphml(&net, create(p)?)?;
                eprintln!("wrote {}", p.display());
            }
            None => crate::draw::write_graphml(&net, std::io::BufWriter::new(std::io::stdout().lock()))?,
        },
        ExportFormat::Csv => {
            let dir = out.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("output/csv"));
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            crate::draw::write_csv(&net, create(&dir.join("nodes.csv"))?, create(&dir.join("edges.csv"))?)?;
            eprintln!("wrote {0}/nodes.csv and {0}/edges.csv", dir.display());
        }
        _ => unreachable!("RDF formats are handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `khabar ask`.
fn ask(st: &GraphStore, lex: &Lexicon, question: &str, format: AskFormat, show_sparql: bool) -> Result<ExitCode> {
    let cues = crate::ask::Cues::embedded();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let answers = match crate::ask::ask(st, lex, cues, question) {
        Ok(a) => a,
        Err(crate::ask::AskError::NotUnderstood { message, understood, example }) => {
            if format == AskFormat::Json {
                let j = serde_json::json!({
                    "question": question, "error": message, "understood": understood, "example": example
                });
                serde_json::to_writer_pretty(&mut out, &j)?;
                writeln!(out)?;
                out.flush()?;
            } else {
                let names: Vec<String> =
                    understood.entities.iter().map(|n| format!("{} ({}, {})", n.label, n.label_hi, n.etype)).collect();
                eprintln!("khabar: cannot answer: {message}");
                eprintln!("  names:         {}", if names.is_empty() { "none".into() } else { names.join(", ") });
                if let Some(o) = &understood.office {
                    eprintln!("  office:        {o}");
                }
                eprintln!(
                    "  asks about:    {}",
                    understood.relation.map(|r| format!("{r:?}")).unwrap_or_else(|| "nothing known".into())
                );
                eprintln!(
                    "  question word: {}",
                    understood.question_word.map(|q| format!("{q:?}")).unwrap_or_else(|| "none".into())
                );
                if let Some(p) = &understood.period {
                    eprintln!("  period:        {p}");
                }
                eprintln!("  try, e.g.:     khabar ask '{example}'");
            }
            return Ok(ExitCode::from(2));
        }
        Err(crate::ask::AskError::Store(e)) => return Err(e.into()),
    };
    if format == AskFormat::Json {
        serde_json::to_writer_pretty(&mut out, &answers)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if show_sparql {
        writeln!(
            out,
            "{}
",
            answers.sparql
        )?;
    }
    if answers.answers.is_empty() {
        writeln!(out, "no answer in the graph")?;
    }
    for (i, a) in answers.answers.iter().enumerate() {
        let vals: Vec<String> = answers
            .vars
            .iter()
            .filter_map(|v| a.values.get(v).map(|x| (v, x)))
            .filter(|(_, x)| !x.label.is_empty())
            .map(|(v, x)| match &x.label_hi {
                Some(h) if h != &x.label => format!("{v}: {} ({h})", x.label),
                _ => format!("{v}: {}", x.label),
            })
            .collect();
        writeln!(out, "{}. {}", i + 1, vals.join(" · "))?;
        for s in &a.sources {
            writeln!(out, "     « {} »  — {}", s.sentence, s.article)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Renders DOT with Graphviz `dot`, reporting its warnings.
fn render_dot(dot: &[u8], format: &str, file: &Path) -> Result<()> {
    if !matches!(format, "svg" | "png" | "pdf") {
        bail!("--render: unknown format `{format}` (svg, png or pdf)");
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let child = std::process::Command::new("dot")
        .arg(format!("-T{format}"))
        .arg("-o")
        .arg(file)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "Graphviz `dot` is not installed; on Debian/Ubuntu: sudo apt-get install graphviz fonts-noto-core \
             (or write the DOT with --out graph.dot and render it elsewhere)"
        ),
        Err(e) => return Err(e).context("running Graphviz dot"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot).context("sending the drawing to dot")?;
    }
    let out = child.wait_with_output().context("running Graphviz dot")?;
    let warnings = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        bail!("Graphviz dot failed: {}", warnings.trim());
    }
    if !warnings.trim().is_empty() {
        eprintln!("dot: {}", warnings.trim());
    }
    eprintln!("rendered {}", file.display());
    Ok(())
}

fn read_query(arg: &str) -> Result<String> {
    if arg == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading the query from stdin")?;
        Ok(s)
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path).with_context(|| format!("reading the query file {path}"))
    } else {
        Ok(arg.to_string())
    }
}

/// How `build` runs.
struct BuildOptions {
    min_conf: f32,
    quiet: bool,
    max_bytes: usize,
    prune: bool,
}

fn build(lex: &Lexicon, mut paths: Vec<PathBuf>, store_dir: &Path, opts: &BuildOptions) -> Result<ExitCode> {
    let &BuildOptions { min_conf, quiet, max_bytes, prune } = opts;
    let started = Instant::now();
    if paths.is_empty() {
        paths.push(PathBuf::from("corpus"));
    }
    let (files, mut errors) = corpus::input_files(&paths);
    if files.is_empty() && !errors.is_empty() {
        for e in &errors {
            eprintln!("khabar: {e}");
        }
        bail!("no input to build from");
    }
    let store = GraphStore::open(store_dir)?;
    store.load_ontology(crate::ONTOLOGY_TTL)?;
    let extractor = lex.extractor(min_conf);
    let show = !quiet && std::io::stderr().is_terminal();
    let bar = if show { ProgressBar::new(files.len() as u64) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} files · {per_sec} · {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (mut added, mut replaced, mut unchanged, mut ents, mut facts, mut articles) = (0, 0, 0, 0, 0, 0usize);
    // a store with no article yet goes through the bulk loader; one with articles takes each in
    // a transaction of its own (replacing its earlier version)
    let bulk = store.has_no_articles()?;
    // the articles this extractor built already: the same text again is skipped unread by the
    // extractor (one scan of the store, then a hash lookup per article)
    let built = if bulk { Default::default() } else { store.built_by(&extractor)? };
    // (the inputs' sources, kept only to prune by)
    let mut sources: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut unread = 0;
    // extraction on all cores, a batch of articles at a time, streamed to the loader through a
    // bounded channel (memory stays flat; extraction goes on while the loader writes). Files are
    // read a few at a time (a JSON Lines file may hold thousands of articles), their articles
    // extracted in batches across files.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(4);
    let loaded: Result<()> = std::thread::scope(|scope| {
        // (the receiver ends with this closure, so that a failed load stops the extraction)
        let rx = rx;
        let settings = pipeline::Settings { lex, min_conf, max_bytes, extractor: &extractor, known: &built };
        let files = &files;
        scope.spawn(move || pipeline::run(files, &settings, &tx));
        // what the loader gets: the articles, with the errors reported and everything counted
        // (the descriptions of unchanged articles, which may come from a source of their own)
        let unchanged_quads = std::cell::RefCell::new(Vec::new());
        let mut articles_of = |items: Vec<Item>| -> Vec<Built> {
            let mut built_now = Vec::new();
            for it in items {
                match it {
                    Item::Failed(e) => {
                        // (pages in other languages are only counted: an archive holds thousands)
                        if !matches!(e, corpus::CorpusError::NotHindi(_)) {
                            bar.suspend(|| eprintln!("khabar: {}{e}", if e.is_skip() { "" } else { "skipped: " }));
                        }
                        errors.push(e);
                    }
                    Item::FileDone => bar.inc(1),
                    Item::Unchanged(source, quads) => {
                        articles += 1;
                        unread += 1;
                        unchanged_quads.borrow_mut().push(quads);
                        if prune {
                            sources.insert(source);
                        }
                    }
                    Item::Built(b) => {
                        articles += 1;
                        ents += b.entities;
                        facts += b.facts;
                        if prune {
                            sources.insert(b.article.source.clone());
                        }
                        built_now.push(b);
                    }
                }
            }
            built_now
        };
        if bulk {
            let graphs = rx.iter().flat_map(&mut articles_of).map(|b| b.graph);
            let (new, repeated) = store.bulk_load(graphs)?;
            added += new;
            unchanged += repeated;
        } else {
            for items in rx.iter() {
                let built_now = articles_of(items);
                for quads in unchanged_quads.borrow_mut().drain(..) {
                    store.add_article_quads(&quads)?;
                }
                for b in built_now {
                    match store.load_article(&b.graph, &b.article.source)? {
                        LoadOutcome::Added => added += 1,
                        LoadOutcome::Replaced => replaced += 1,
                        LoadOutcome::Unchanged => unchanged += 1,
                    }
                }
            }
        }
        Ok(())
    });
    loaded?;
    unchanged += unread;
    bar.finish_and_clear();
    let skipped = |f: fn(&corpus::CorpusError) -> bool| errors.iter().filter(|e| f(e)).count();
    let failed = errors.len() - skipped(corpus::CorpusError::is_skip);
    // (an input that failed to read has not left the corpus: prune nothing then)
    let pruned = match (prune, failed) {
        (false, _) => None,
        (true, 0) => Some(store.prune(&sources)?),
        (true, n) => {
            eprintln!("khabar: not pruning: {n} input(s) could not be read, and their articles stay");
            None
        }
    };
    store.flush()?;
    let (empty, large, foreign) = (
        skipped(|e| matches!(e, corpus::CorpusError::Empty(_))),
        skipped(|e| matches!(e, corpus::CorpusError::TooLarge { .. })),
        skipped(|e| matches!(e, corpus::CorpusError::NotHindi(_))),
    );
    if !quiet {
        let mut notes = Vec::new();
        if foreign > 0 {
            notes.push(format!("{foreign} web page(s) not mostly Devanagari skipped"));
        }
        if empty > 0 {
            notes.push(format!("{empty} empty skipped"));
        }
        if large > 0 {
            notes.push(format!("{large} above {max_bytes} bytes skipped"));
        }
        if failed > 0 {
            notes.push(format!("{failed} input(s) failed"));
        }
        if let Some(n) = pruned {
            notes.push(format!("{n} article(s) no longer among the inputs removed"));
        }
        let mut err = std::io::stderr().lock();
        writeln!(
            err,
            "built {} in {:.2}s: {articles} articles ({added} new, {replaced} replaced, {unchanged} unchanged), \
             {ents} entity mentions, {facts} facts; {} quads in store{}",
            store_dir.display(),
            started.elapsed().as_secs_f64(),
            store.len()?,
            if notes.is_empty() { String::new() } else { format!("; {}", notes.join(", ")) }
        )?;
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Prints what each article of the inputs yields (text, JSON or TriG).
fn extract_many(
    lex: &Lexicon,
    paths: &[PathBuf],
    format: ExtractFormat,
    min_conf: f32,
    max_bytes: usize,
) -> Result<ExitCode> {
    let (files, errors) = corpus::input_files(paths);
    let mut failed = 0;
    for e in &errors {
        eprintln!("khabar: {e}");
        failed += 1;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for file in &files {
        let articles: Box<dyn Iterator<Item = Result<Article, corpus::CorpusError>>> =
            match corpus::open(file, max_bytes) {
                corpus::Input::Read(arts, errs) => Box::new(errs.into_iter().map(Err).chain(arts.into_iter().map(Ok))),
                corpus::Input::Warc(w) => Box::new(w),
            };
        for a in articles {
            let a = match a {
                Ok(a) => a,
                Err(e) => {
                    if !e.is_skip() {
                        failed += 1;
                    }
                    out.flush()?;
                    eprintln!("khabar: {e}");
                    continue;
                }
            };
            let mut ex = extract::extract(lex, &a.text, a.date);
            ex.retain_confident(min_conf);
            match format {
                ExtractFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &ExtractJson::new(&a, &ex))?;
                    writeln!(out)?;
                }
                ExtractFormat::Turtle => {
                    let g = graph::article_graph(&a, &ex, &lex.extractor(min_conf));
                    let st = GraphStore::in_memory()?;
                    st.load_article(&g, &a.source)?;
                    st.dump(oxigraph::io::RdfFormat::TriG, &mut out)?;
                }
                ExtractFormat::Text => print_extraction(&mut out, &a, &ex)?,
                ExtractFormat::Nquads => unreachable!("streamed by extract_nquads"),
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Streams the article graphs of the inputs to stdout as N-Quads, extracted on all cores.
fn extract_nquads(lex: &Lexicon, paths: &[PathBuf], min_conf: f32, max_bytes: usize, quiet: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let (files, errors) = corpus::input_files(paths);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("khabar: {e}");
    }
    let extractor = lex.extractor(min_conf);
    let known = std::collections::HashSet::new();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(4);
    let (mut articles, mut quads, mut skipped, mut foreign) = (0usize, 0usize, 0usize, 0usize);
    let written: Result<()> = std::thread::scope(|scope| {
        // (the receiver ends with this closure, so that a failed write stops the extraction)
        let rx = rx;
        let settings = pipeline::Settings { lex, min_conf, max_bytes, extractor: &extractor, known: &known };
        let files = &files;
        scope.spawn(move || pipeline::run(files, &settings, &tx));
        let out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        let mut ser = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads).for_writer(out);
        for items in rx.iter() {
            for it in items {
                match it {
                    Item::Built(b) => {
                        articles += 1;
                        quads += b.graph.quads.len();
                        for q in &b.graph.quads {
                            ser.serialize_quad(q)?;
                        }
                    }
                    Item::Failed(corpus::CorpusError::NotHindi(_)) => foreign += 1,
                    Item::Failed(e) => {
                        eprintln!("khabar: {e}");
                        if e.is_skip() {
                            skipped += 1;
                        } else {
                            failed += 1;
                        }
                    }
                    Item::Unchanged(..) | Item::FileDone => {}
                }
            }
        }
        ser.finish()?.flush()?;
        Ok(())
    });
    written?;
    if !quiet {
        let mut notes = Vec::new();
        if foreign > 0 {
            notes.push(format!("{foreign} web page(s) not mostly Devanagari skipped"));
        }
        if skipped > 0 {
            notes.push(format!("{skipped} skipped"));
        }
        if failed > 0 {
            notes.push(format!("{failed} input(s) or record(s) failed"));
        }
        eprintln!(
            "extracted {articles} articles to {quads} quads in {:.2}s{}",
            started.elapsed().as_secs_f64(),
            if notes.is_empty() { String::new() } else { format!("; {}", notes.join(", ")) }
        );
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `khabar load`: N-Quads parts into a store.
fn load(parts: &[PathBuf], store_dir: &Path, quiet: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in parts {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    f.is_file() && (name.starts_with("part-") || name.ends_with(".nq"))
                })
                .collect();
            found.sort();
            if found.is_empty() {
                problems.push(format!("{}: no part-* or *.nq files", p.display()));
            }
            files.extend(found);
        } else if p.as_os_str() == "-" || p.is_file() {
            files.push(p.clone());
        } else {
            problems.push(format!("{}: no such file or folder", p.display()));
        }
    }
    let store = GraphStore::open(store_dir)?;
    store.load_ontology(crate::ONTOLOGY_TTL)?;
    let loaded = store.load_nquads(&files, &mut problems)?;
    store.flush()?;
    for p in &problems {
        eprintln!("khabar: {p}");
    }
    if !quiet {
        eprintln!(
            "loaded {} part(s) into {} in {:.2}s: {loaded} articles; {} quads in store{}",
            files.len(),
            store_dir.display(),
            started.elapsed().as_secs_f64(),
            store.len()?,
            if problems.is_empty() { String::new() } else { format!("; {} problem(s)", problems.len()) }
        );
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

#[derive(serde::Serialize)]
struct ExtractJson<'a> {
    source: &'a str,
    date: Option<String>,
    title: Option<&'a str>,
    sentences: Vec<String>,
    #[serde(flatten)]
    extraction: &'a Extraction,
}

impl<'a> ExtractJson<'a> {
    fn new(a: &'a Article, ex: &'a Extraction) -> Self {
        let chars: Vec<char> = a.text.chars().collect();
        ExtractJson {
            source: &a.source,
            date: a.date.map(|d| d.to_string()),
            title: a.title.as_deref(),
            sentences: ex.sentences.iter().map(|s| chars[s.start..s.end].iter().collect()).collect(),
            extraction: ex,
        }
    }
}

fn print_extraction(out: &mut impl Write, a: &Article, ex: &Extraction) -> Result<()> {
    let chars: Vec<char> = a.text.chars().collect();
    let name = |i: usize| {
        let e = ex.entity(i);
        format!("{} ({})", e.en, e.hi)
    };
    writeln!(out, "# {}  date {}", a.source, a.date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()))?;
    writeln!(out, "\n## entities ({})", ex.entities.len())?;
    for e in &ex.entities {
        writeln!(
            out,
            "  {:<13} {:<28} {}{}",
            e.etype.class(),
            e.id,
            e.hi,
            if e.inferred { "  [from context]" } else { "" }
        )?;
    }
    let sentence = |i: usize| -> String {
        ex.sentences.get(i).map(|s| chars[s.start..s.end].iter().collect()).unwrap_or_default()
    };
    writeln!(out, "\n## facts ({})", ex.facts.len())?;
    for f in &ex.facts {
        let o = match &f.object {
            extract::Object::Entity(o) => name(*o),
            extract::Object::Role(r) => format!("kh:{r}"),
        };
        writeln!(
            out,
            "  {} —{}→ {}   [{} {:.2}]",
            name(f.subject),
            f.relation.name(),
            o,
            f.evidence.rule,
            f.evidence.confidence
        )?;
        writeln!(out, "      « {} »", sentence(f.evidence.sentence))?;
    }
    if !ex.meetings.is_empty() {
        writeln!(out, "\n## meetings")?;
        for m in &ex.meetings {
            let who: Vec<String> = m.participants.iter().map(|p| name(*p)).collect();
            let wher: Vec<String> = m.places.iter().map(|p| name(*p)).collect();
            writeln!(
                out,
                "  {} | date {} | place {}",
                who.join(" & "),
                m.date.map(|d| d.iso()).unwrap_or_else(|| "-".into()),
                if wher.is_empty() { "-".into() } else { wher.join(", ") }
            )?;
        }
    }
    if !ex.deals.is_empty() {
        writeln!(out, "\n## deals")?;
        for d in &ex.deals {
            let vals: Vec<String> = d.value.iter().map(|(v, c)| format!("{v} {c}")).collect();
            let dates: Vec<String> = d.date.iter().map(|x| x.iso()).collect();
            writeln!(
                out,
                "  {} buys {} from {} | qty {:?} | value {} | date {}",
                name(d.buyer),
                name(d.system),
                name(d.seller),
                d.quantity,
                vals.join(", "),
                dates.join(", ")
            )?;
        }
    }
    if !ex.shares.is_empty() {
        writeln!(out, "\n## import shares")?;
        for s in &ex.shares {
            writeln!(
                out,
                "  {} imports {}% from {} in {}–{}",
                name(s.importer),
                s.percent,
                name(s.exporter),
                s.from,
                s.to
            )?;
        }
    }
    for d in &ex.diagnostics {
        writeln!(out, "  note: {d}")?;
    }
    Ok(())
}
