//! Store: the embedded Oxigraph (RocksDB) store.
//!
//! Architecture invariant: the only module that imports `oxigraph::store`. Each article is
//! written in one transaction that also removes the article's earlier version (same source,
//! other content), so an interrupted build leaves a consistent store and a re-run finishes it.
//!
//! One writer or many readers: a store opened for writing holds an exclusive lock on
//! `khabar.lock` in its folder, a store opened read-only a shared one. Oxigraph reads a store
//! that another process writes with undefined results, so a `build` beside a running `serve` (or
//! a `serve` beside a running `build`) fails at once with a message instead.

use crate::graph::{kh, ArticleGraph, ENTITIES_GRAPH, FACTS_GRAPH, ONTOLOGY_GRAPH};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The memory the bulk loader may give its batches, in MB.
const BULK_MEMORY_MB: usize = 400;

/// A 128-bit key of a quad (two independent 64-bit hashes): two distinct quads share one with
/// a chance below 10^-25 among the millions of a large build.
fn quad_key(q: &oxigraph::model::Quad) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut a = rustc_hash::FxHasher::default();
    let mut b = std::collections::hash_map::DefaultHasher::new();
    q.hash(&mut a);
    q.hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Prefixes every query may use without declaring them.
pub const PREFIXES: &[(&str, &str)] = &[
    ("kh", crate::graph::KH),
    ("khid", crate::graph::ID),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
];

/// Store errors, each naming the store folder.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The store could not be opened (missing, locked by another process, damaged).
    #[error("cannot open the store at {path}: {message}")]
    Open {
        /// Folder.
        path: PathBuf,
        /// Cause, with advice.
        message: String,
    },
    /// Reading or writing failed.
    #[error("store at {path}: {source}")]
    Storage {
        /// Folder.
        path: PathBuf,
        /// Cause.
        source: oxigraph::store::StorageError,
    },
    /// The ontology could not be loaded.
    #[error("ontology: {0}")]
    Ontology(String),
    /// A query or update is malformed (the parser's message, with its position), or names a
    /// bad graph IRI.
    #[error("{0}")]
    Query(String),
    /// A well-formed query or update failed while it ran (storage, cancellation).
    #[error("{0}")]
    Evaluation(String),
}

/// What loading one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadOutcome {
    /// The same content was already stored: nothing changed.
    Unchanged,
    /// A new article.
    Added,
    /// A changed article replaced its earlier version.
    Replaced,
}

/// The knowledge graph store.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    /// The lock on `khabar.lock`, held as long as the store is open.
    _lock: Option<std::fs::File>,
}

/// A SPARQL evaluator that knows [`PREFIXES`] (made once, cloned for each query).
fn evaluator() -> SparqlEvaluator {
    static EVALUATOR: std::sync::OnceLock<SparqlEvaluator> = std::sync::OnceLock::new();
    EVALUATOR
        .get_or_init(|| {
            PREFIXES.iter().fold(SparqlEvaluator::new(), |e, (p, ns)| {
                e.with_prefix(*p, *ns).expect("the prefix table holds valid IRIs")
            })
        })
        .clone()
}

/// The lock file in a store's folder.
pub const LOCK_FILE: &str = "khabar.lock";

/// Takes the store's lock: exclusive to write, shared to read; fails at once when taken.
fn lock(path: &Path, exclusive: bool) -> Result<Option<std::fs::File>, StoreError> {
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path.join(LOCK_FILE))
    {
        Ok(f) => f,
        // a store on a read-only medium: nobody can write it either
        Err(_) if !exclusive => return Ok(None),
        Err(e) => return Err(open_error(path, e)),
    };
    let taken = if exclusive { file.try_lock() } else { file.try_lock_shared() };
    match taken {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Open {
            path: path.into(),
            message: if exclusive {
                "another khabar process (a serve, query, build or analyze) has this store open; \
                 stop it first, or write to another --store"
            } else {
                "another khabar process (a build, or a serve --allow-update) is writing this store; \
                 wait for it to finish or stop it"
            }
            .into(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(open_error(path, e)),
    }
}

fn open_error(path: &Path, e: impl std::fmt::Display) -> StoreError {
    let msg = e.to_string();
    let advice = if msg.to_lowercase().contains("lock") {
        " (another program — pyoxigraph, oxigraph, or a khabar of another version — has it open; stop it or use another --store)"
    } else {
        ""
    };
    StoreError::Open { path: path.into(), message: format!("{msg}{advice}") }
}

impl GraphStore {
    /// Opens (creating if needed) a store for writing.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        // a folder that holds other things is not made a store: RocksDB's files would mix with
        // them (an empty folder, or one khabar made, is fine)
        if path.is_file() {
            return Err(StoreError::Open { path: path.into(), message: "is a file, not a store folder".into() });
        }
        if path.is_dir() && !path.join("CURRENT").exists() {
            let others = std::fs::read_dir(path)
                .map_err(|e| open_error(path, e))?
                .filter_map(|e| e.ok())
                .any(|e| e.file_name() != LOCK_FILE);
            if others {
                return Err(StoreError::Open {
                    path: path.into(),
                    message: "holds files but is not a khabar store; give an empty or new folder with --store".into(),
                });
            }
        }
        std::fs::create_dir_all(path).map_err(|e| open_error(path, e))?;
        let lock = lock(path, true)?;
        let store = Store::open(path).map_err(|e| open_error(path, e))?;
        Ok(GraphStore { store, path: path.into(), _lock: lock })
    }

    /// Opens an existing store for writing (a mistyped path is an error, not a new empty store).
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        Self::must_exist(path)?;
        Self::open(path)
    }

    fn must_exist(path: &Path) -> Result<(), StoreError> {
        if path.join("CURRENT").exists() {
            return Ok(());
        }
        Err(StoreError::Open {
            path: path.into(),
            message: "no store here; run `khabar build` first (or pass --store DIR)".into(),
        })
    }

    /// Opens an existing store read-only.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        Self::must_exist(path)?;
        let lock = lock(path, false)?;
        let store = Store::open_read_only(path).map_err(|e| open_error(path, e))?;
        Ok(GraphStore { store, path: path.into(), _lock: lock })
    }

    /// An in-memory store (tests, `extract`).
    pub fn in_memory() -> Result<Self, StoreError> {
        let store = Store::new().map_err(|source| StoreError::Storage { path: PathBuf::from(":memory:"), source })?;
        Ok(GraphStore { store, path: PathBuf::from(":memory:"), _lock: None })
    }

    fn err(&self, source: oxigraph::store::StorageError) -> StoreError {
        StoreError::Storage { path: self.path.clone(), source }
    }

    /// The underlying Oxigraph store (for query evaluation and serving).
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Replaces the ontology graph with `ttl`.
    pub fn load_ontology(&self, ttl: &str) -> Result<(), StoreError> {
        let g = NamedNodeRef::new_unchecked(ONTOLOGY_GRAPH);
        let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(g).without_named_graphs();
        let mut quads = Vec::new();
        for q in parser.for_slice(ttl.as_bytes()) {
            quads.push(q.map_err(|e| StoreError::Ontology(e.to_string()))?);
        }
        let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
        t.clear_graph(g).map_err(|e| self.err(e))?;
        for q in &quads {
            t.insert(q);
        }
        t.commit().map_err(|e| self.err(e))
    }

    /// Loads one article graph in one transaction.
    pub fn load_article(&self, g: &ArticleGraph, source: &str) -> Result<LoadOutcome, StoreError> {
        let (p, o) = (kh("extractor"), Literal::new_simple_literal(&g.extractor));
        let same_extractor = oxigraph::model::QuadRef::new(g.iri.as_ref(), p.as_ref(), o.as_ref(), g.iri.as_ref());
        let present = self.store.contains_named_graph(&g.iri).map_err(|e| self.err(e))?;
        if present && self.store.contains(same_extractor).map_err(|e| self.err(e))? {
            // (the same text from another source: its description joins the article's)
            let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
            for q in &g.quads {
                t.insert(q);
            }
            t.commit().map_err(|e| self.err(e))?;
            return Ok(LoadOutcome::Unchanged);
        }
        let source_lit = Literal::new_simple_literal(source);
        let old: Vec<NamedOrBlankNode> = self
            .store
            .quads_for_pattern(None, Some(kh("source").as_ref()), Some(source_lit.as_ref().into()), None)
            .filter_map(|q| q.ok())
            .filter_map(|q| match q.graph_name {
                oxigraph::model::GraphName::NamedNode(n) if n != g.iri => Some(n.into()),
                _ => None,
            })
            .collect();
        // the same text extracted by another extractor: replace it too
        let mut old = old;
        if present {
            old.push(g.iri.clone().into());
        }
        let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
        self.remove_articles(&mut t, &old)?;
        t.insert_named_graph(&g.iri);
        for q in &g.quads {
            t.insert(q);
        }
        t.commit().map_err(|e| self.err(e))?;
        Ok(if old.is_empty() { LoadOutcome::Added } else { LoadOutcome::Replaced })
    }

    /// Adds what describes an unchanged article (its source, URL, title, date) when the store
    /// does not hold it yet: the same text read from another source. One lookup when it does.
    pub fn add_article_quads(&self, quads: &[oxigraph::model::Quad]) -> Result<(), StoreError> {
        let mut missing = Vec::new();
        for q in quads {
            if !self.store.contains(q).map_err(|e| self.err(e))? {
                missing.push(q);
            }
            if missing.is_empty() && q.predicate.as_str().ends_with("#source") {
                // (the source is known: so is the rest)
                return Ok(());
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
        for q in missing {
            t.insert(q);
        }
        t.commit().map_err(|e| self.err(e))
    }

    /// The articles the store holds as `extractor` built them (one scan of the store): an
    /// article among them with the same text is unchanged and needs no extraction.
    pub fn built_by(&self, extractor: &str) -> Result<std::collections::HashSet<NamedNode>, StoreError> {
        let o = Literal::new_simple_literal(extractor);
        let mut out = std::collections::HashSet::new();
        for q in self.store.quads_for_pattern(None, Some(kh("extractor").as_ref()), Some(o.as_ref().into()), None) {
            if let NamedOrBlankNode::NamedNode(n) = q.map_err(|e| self.err(e))?.subject {
                out.insert(n);
            }
        }
        Ok(out)
    }

    /// Removes the articles whose sources are all outside `keep` (inputs that left the corpus),
    /// in one transaction. Returns how many were removed.
    pub fn prune(&self, keep: &std::collections::HashSet<String>) -> Result<usize, StoreError> {
        let mut sources: std::collections::HashMap<NamedNode, bool> = std::collections::HashMap::new();
        for q in self.store.quads_for_pattern(None, Some(kh("source").as_ref()), None, None) {
            let q = q.map_err(|e| self.err(e))?;
            let (oxigraph::model::GraphName::NamedNode(g), Term::Literal(src)) = (q.graph_name, q.object) else {
                continue;
            };
            *sources.entry(g).or_insert(false) |= keep.contains(src.value());
        }
        let gone: Vec<NamedNode> = sources.into_iter().filter(|(_, kept)| !kept).map(|(g, _)| g).collect();
        if gone.is_empty() {
            return Ok(0);
        }
        let gone: Vec<NamedOrBlankNode> = gone.into_iter().map(Into::into).collect();
        let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
        self.remove_articles(&mut t, &gone)?;
        t.commit().map_err(|e| self.err(e))?;
        Ok(gone.len())
    }

    /// Removes article graphs, and from the shared graphs what no other article states any
    /// more: a fact (its assertion and statement node) that only they stated, an entity that
    /// only they mentioned.
    fn remove_articles(
        &self,
        t: &mut oxigraph::store::Transaction<'_>,
        graphs: &[NamedOrBlankNode],
    ) -> Result<(), StoreError> {
        use oxigraph::model::{GraphName, NamedOrBlankNodeRef, Quad};
        let (confidence, mentioned) = (kh("confidence"), kh("mentionedIn"));
        let (facts, entities) = (NamedNode::new_unchecked(FACTS_GRAPH), NamedNode::new_unchecked(ENTITIES_GRAPH));
        let fact_prefix = format!("{}fact/", crate::graph::ID);
        // what the articles stated and mentioned
        let (mut stated, mut named): (Vec<NamedOrBlankNode>, Vec<NamedOrBlankNode>) = (Vec::new(), Vec::new());
        for g in graphs {
            let g = GraphNameRef::from(g.as_ref());
            for q in t.quads_for_pattern(None, Some(confidence.as_ref()), None, Some(g)) {
                let q = q.map_err(|e| self.err(e))?;
                if matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(&fact_prefix)) {
                    stated.push(q.subject);
                }
            }
            for q in t.quads_for_pattern(None, Some(mentioned.as_ref()), None, Some(g)) {
                named.push(q.map_err(|e| self.err(e))?.subject);
            }
        }
        for g in graphs {
            t.remove_named_graph(g).map_err(|e| self.err(e))?;
        }
        // what no graph left speaks of: its quads in the shared graph go too
        let orphans = |t: &oxigraph::store::Transaction<'_>,
                       nodes: Vec<NamedOrBlankNode>,
                       p: &NamedNode,
                       shared: &NamedNode|
         -> Result<Vec<Quad>, StoreError> {
            let mut out = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for n in nodes {
                if !seen.insert(n.clone()) {
                    continue;
                }
                let subject = NamedOrBlankNodeRef::from(&n);
                if t.quads_for_pattern(Some(subject), Some(p.as_ref()), None, None).next().is_some() {
                    continue;
                }
                for q in t.quads_for_pattern(Some(subject), None, None, Some(shared.as_ref().into())) {
                    out.push(q.map_err(|e| self.err(e))?);
                }
            }
            Ok(out)
        };
        let mut drop = orphans(t, stated, &confidence, &facts)?;
        // a fact's assertion goes with its statement node (both ways for a symmetric one)
        let (subj, pred, obj) = (
            oxigraph::model::vocab::rdf::SUBJECT,
            oxigraph::model::vocab::rdf::PREDICATE,
            oxigraph::model::vocab::rdf::OBJECT,
        );
        // (each statement node's quads come together: its parts are looked up among them only)
        let part =
            |qs: &[Quad], p: NamedNodeRef<'_>| qs.iter().find(|q| q.predicate.as_ref() == p).map(|q| q.object.clone());
        let mut asserted = Vec::new();
        for node in drop.chunk_by(|a, b| a.subject == b.subject) {
            if let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) =
                (part(node, subj), part(node, pred), part(node, obj))
            {
                let g = GraphName::NamedNode(facts.clone());
                if let Term::NamedNode(on) = &o {
                    asserted.push(Quad::new(on.clone(), p.clone(), s.clone(), g.clone()));
                }
                asserted.push(Quad::new(s, p, o, g));
            }
        }
        // (a reverse assertion stays when it is a fact of its own that some article states)
        for q in asserted {
            let own = match (&q.subject, &q.object) {
                (NamedOrBlankNode::NamedNode(s), o) => crate::graph::fact_iri(s, &q.predicate, o, false),
                _ => continue,
            };
            if t.quads_for_pattern(Some(own.as_ref().into()), Some(confidence.as_ref()), None, None).next().is_none() {
                drop.push(q);
            }
        }
        drop.extend(orphans(t, named, &mentioned, &entities)?);
        for q in &drop {
            t.remove(q);
        }
        Ok(())
    }

    /// Does the store hold no article yet (at most the ontology)? Such a store is built with
    /// [`Self::bulk_load`].
    pub fn has_no_articles(&self) -> Result<bool, StoreError> {
        for g in self.store.named_graphs() {
            let g = g.map_err(|e| self.err(e))?;
            if !matches!(&g, NamedOrBlankNode::NamedNode(n) if n.as_str() == ONTOLOGY_GRAPH) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Loads article graphs through Oxigraph's bulk loader, much faster than a transaction per
    /// article, for a store that holds none of them yet ([`Self::has_no_articles`]). All or
    /// nothing: the loader stages what it reads and writes it at the end, so a failure or an
    /// interruption leaves the store as it was. A graph whose IRI came before (the same text
    /// twice, from two sources) is one graph with both sources. Returns how many graphs were loaded
    /// and how many were repeats.
    pub fn bulk_load(&self, graphs: impl Iterator<Item = ArticleGraph>) -> Result<(usize, usize), StoreError> {
        let mut seen = std::collections::HashSet::new();
        let (mut loaded, mut repeated) = (0, 0);
        // what the shared graphs already got from an article before (an entity's label, a
        // fact's statement) is not sent again: most of them repeat across articles
        let (entities, facts) = (NamedNode::new_unchecked(ENTITIES_GRAPH), NamedNode::new_unchecked(FACTS_GRAPH));
        let mut shared: rustc_hash::FxHashSet<u128> = rustc_hash::FxHashSet::default();
        // (the same text again, from another source: its quads join the article's graph, the
        // same but for its own source, URL, title and date)
        let quads = graphs
            .inspect(|g| {
                if seen.insert(g.iri.clone()) {
                    loaded += 1;
                } else {
                    repeated += 1;
                }
            })
            .flat_map(|g| g.quads)
            .filter(move |q| {
                let in_shared =
                    matches!(&q.graph_name, oxigraph::model::GraphName::NamedNode(n) if *n == entities || *n == facts);
                !in_shared || shared.insert(quad_key(q))
            });
        // (batches of a bounded size, so that memory stays flat however large the corpus)
        let mut loader = self.store.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        loader.load_quads(quads).map_err(|e| self.err(e))?;
        // (without `commit` the loaded data is silently dropped)
        loader.commit().map_err(|e| self.err(e))?;
        // (the loader writes many sorted files side by side: compacted, reads look in few)
        self.store.optimize().map_err(|e| self.err(e))?;
        Ok((loaded, repeated))
    }

    /// Loads N-Quads parts (as `khabar extract --format nquads` writes them) into the store. A
    /// store with no article yet takes them through the bulk loader, all parts at once (a line
    /// that does not parse is reported in `problems` and skipped; the rest is committed
    /// together). A store that holds articles takes each article in a transaction of its own,
    /// replacing its earlier version as `build` does: the quads of an article's graph, with the
    /// shared-graph quads among them, come together in a part. Returns the articles loaded.
    pub fn load_nquads(&self, parts: &[std::path::PathBuf], problems: &mut Vec<String>) -> Result<usize, StoreError> {
        use std::sync::{Arc, Mutex};
        let open = |p: &std::path::Path| -> Result<Box<dyn std::io::Read>, String> {
            if p.as_os_str() == "-" {
                return Ok(Box::new(std::io::stdin()));
            }
            std::fs::File::open(p)
                .map(|f| Box::new(std::io::BufReader::with_capacity(1 << 20, f)) as Box<dyn std::io::Read>)
                .map_err(|e| format!("{}: cannot read: {e}", p.display()))
        };
        let article_type = crate::graph::kh("Article");
        let is_article_graph = |g: &oxigraph::model::GraphName| {
            matches!(g, oxigraph::model::GraphName::NamedNode(n)
                if !matches!(n.as_str(), ONTOLOGY_GRAPH | ENTITIES_GRAPH | FACTS_GRAPH))
        };
        if self.has_no_articles()? {
            let current = Arc::new(Mutex::new(String::new()));
            let found = Arc::new(Mutex::new(Vec::new()));
            let (cur, fnd) = (current.clone(), found.clone());
            let mut loader =
                self.store.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MB).on_parse_error(move |e| {
                    let part = cur.lock().map(|c| c.clone()).unwrap_or_default();
                    if let Ok(mut f) = fnd.lock() {
                        f.push(format!("{part}: {e}; line skipped"));
                    }
                    Ok(())
                });
            let mut graphs = std::collections::HashSet::new();
            for p in parts {
                if let Ok(mut c) = current.lock() {
                    *c = p.display().to_string();
                }
                let r = match open(p) {
                    Ok(r) => r,
                    Err(m) => {
                        problems.push(m);
                        continue;
                    }
                };
                // (the article graphs are counted as they pass)
                let quads = RdfParser::from_format(RdfFormat::NQuads).for_reader(r).filter_map(|q| match q {
                    Ok(q) => {
                        if q.predicate == oxigraph::model::vocab::rdf::TYPE
                            && q.object == Term::from(article_type.clone())
                            && is_article_graph(&q.graph_name)
                        {
                            graphs.insert(q.subject.clone());
                        }
                        Some(q)
                    }
                    Err(e) => {
                        if let Ok(mut f) = found.lock() {
                            f.push(format!("{}: {e}; line skipped", p.display()));
                        }
                        None
                    }
                });
                loader.load_quads(quads).map_err(|e| self.err(e))?;
            }
            // (without `commit` the loaded data is silently dropped)
            loader.commit().map_err(|e| self.err(e))?;
            self.store.optimize().map_err(|e| self.err(e))?;
            problems.extend(found.lock().map(|f| f.clone()).unwrap_or_default());
            return Ok(graphs.len());
        }
        // a store with articles: article by article, each in a transaction
        let mut loaded = 0;
        for p in parts {
            let r = match open(p) {
                Ok(r) => r,
                Err(m) => {
                    problems.push(m);
                    continue;
                }
            };
            let mut pending: Vec<oxigraph::model::Quad> = Vec::new();
            let mut article: Option<NamedNode> = None;
            let mut flush = |article: Option<NamedNode>, quads: Vec<oxigraph::model::Quad>| -> Result<(), StoreError> {
                let Some(iri) = article else { return Ok(()) };
                let lit = |pred: &str| {
                    quads.iter().find_map(|q| match (&q.subject, &q.object) {
                        (NamedOrBlankNode::NamedNode(s), Term::Literal(l))
                            if *s == iri && q.predicate.as_str() == format!("{}{pred}", crate::graph::KH) =>
                        {
                            Some(l.value().to_string())
                        }
                        _ => None,
                    })
                };
                let (extractor, source) = (lit("extractor").unwrap_or_default(), lit("source").unwrap_or_default());
                self.load_article(&ArticleGraph { iri, extractor, quads }, &source)?;
                loaded += 1;
                Ok(())
            };
            for q in RdfParser::from_format(RdfFormat::NQuads).for_reader(r) {
                let q = match q {
                    Ok(q) => q,
                    Err(e) => {
                        problems.push(format!("{}: {e}; line skipped", p.display()));
                        continue;
                    }
                };
                if let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name {
                    if g.as_str() == ONTOLOGY_GRAPH {
                        continue;
                    }
                    if is_article_graph(&q.graph_name) && article.as_ref() != Some(g) {
                        // (an article's graph opens with its own quads; the shared-graph quads
                        // that follow them are its too)
                        flush(article.take(), std::mem::take(&mut pending))?;
                        article = Some(g.clone());
                    }
                }
                pending.push(q);
            }
            flush(article.take(), pending)?;
        }
        Ok(loaded)
    }

    /// Each article graph the store holds, with the extractor that built it (one scan).
    pub fn article_extractors(&self) -> Result<std::collections::HashMap<NamedNode, String>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for q in self.store.quads_for_pattern(None, Some(kh("extractor").as_ref()), None, None) {
            let q = q.map_err(|e| self.err(e))?;
            if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l), oxigraph::model::GraphName::NamedNode(g)) =
                (q.subject, q.object, q.graph_name)
            {
                if s == g {
                    out.insert(s, l.value().to_string());
                }
            }
        }
        Ok(out)
    }

    /// The triples of one named graph as N-Triples, and how many.
    pub fn graph_ntriples(&self, graph: &str) -> Result<(Vec<u8>, usize), StoreError> {
        Ok(self.graph_ntriples_parts(graph, usize::MAX)?.pop().unwrap_or_default())
    }

    /// The triples of one named graph as N-Triples, in parts of at most `per_part` triples (no
    /// part when the graph is empty).
    pub fn graph_ntriples_parts(&self, graph: &str, per_part: usize) -> Result<Vec<(Vec<u8>, usize)>, StoreError> {
        let g = NamedNodeRef::new_unchecked(graph);
        let mut parts = Vec::new();
        let (mut buf, mut n) = (Vec::new(), 0);
        for q in self.store.quads_for_pattern(None, None, None, Some(g.into())) {
            let q = q.map_err(|e| self.err(e))?;
            buf.extend_from_slice(oxigraph::model::Triple::from(q).to_string().as_bytes());
            buf.extend_from_slice(b" .\n");
            n += 1;
            if n == per_part {
                parts.push((std::mem::take(&mut buf), n));
                n = 0;
            }
        }
        if n > 0 {
            parts.push((buf, n));
        }
        Ok(parts)
    }

    /// Replaces (or, with `replace` false, adds to) a named graph with the triples of an RDF
    /// document, in one transaction (the Graph Store Protocol's PUT and POST). Returns whether
    /// the graph existed.
    pub fn write_graph(
        &self,
        graph: &NamedNode,
        format: RdfFormat,
        body: &[u8],
        replace: bool,
    ) -> Result<bool, StoreError> {
        let parser = RdfParser::from_format(format).with_default_graph(graph.as_ref()).without_named_graphs();
        let mut quads = Vec::new();
        for q in parser.for_slice(body) {
            quads.push(q.map_err(|e| StoreError::Query(e.to_string()))?);
        }
        let existed = self.store.contains_named_graph(graph).map_err(|e| self.err(e))?;
        let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
        if replace {
            t.clear_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        }
        t.insert_named_graph(graph);
        for q in &quads {
            t.insert(q);
        }
        t.commit().map_err(|e| self.err(e))?;
        Ok(existed)
    }

    /// Removes a named graph; returns whether it existed.
    pub fn drop_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        let existed = self.store.contains_named_graph(graph).map_err(|e| self.err(e))?;
        if existed {
            let mut t = self.store.start_transaction().map_err(|e| self.err(e))?;
            t.remove_named_graph(graph).map_err(|e| self.err(e))?;
            t.commit().map_err(|e| self.err(e))?;
        }
        Ok(existed)
    }

    /// Runs a SPARQL query with the union of all graphs as the default graph.
    pub fn query(&self, q: &str) -> Result<QueryResults<'static>, StoreError> {
        self.query_dataset(q, &[], &[], None)
    }

    /// Checks that `q` is a query this store can parse (with the same prefixes as its queries).
    pub fn parse_query(&self, q: &str) -> Result<(), StoreError> {
        evaluator().parse_query(q).map(drop).map_err(|e| StoreError::Query(e.to_string()))
    }

    /// Runs a query over a chosen dataset (`default-graph-uri` / `named-graph-uri` of the SPARQL
    /// protocol; both empty: all graphs as the default graph), cancellable.
    pub fn query_dataset(
        &self,
        q: &str,
        default_graphs: &[String],
        named_graphs: &[String],
        cancel: Option<oxigraph::sparql::CancellationToken>,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = evaluator();
        if let Some(t) = cancel {
            evaluator = evaluator.with_cancellation_token(t);
        }
        let mut prepared = evaluator.parse_query(q).map_err(|e| StoreError::Query(e.to_string()))?;
        let iri = |s: &String| NamedNode::new(s).map_err(|e| StoreError::Query(format!("bad graph IRI <{s}>: {e}")));
        if default_graphs.is_empty() && named_graphs.is_empty() {
            prepared.dataset_mut().set_default_graph_as_union();
        } else {
            let d: Vec<oxigraph::model::GraphName> =
                default_graphs.iter().map(|s| iri(s).map(Into::into)).collect::<Result<_, _>>()?;
            prepared.dataset_mut().set_default_graph(d);
            if !named_graphs.is_empty() {
                let n: Vec<NamedOrBlankNode> =
                    named_graphs.iter().map(|s| iri(s).map(Into::into)).collect::<Result<_, _>>()?;
                prepared.dataset_mut().set_available_named_graphs(n);
            }
        }
        prepared.on_store(&self.store).execute().map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Runs a SPARQL update in one transaction (the same prefixes as queries), cancellable: it
    /// either applies whole or not at all.
    pub fn update(&self, u: &str, cancel: Option<oxigraph::sparql::CancellationToken>) -> Result<(), StoreError> {
        let mut evaluator = evaluator();
        if let Some(t) = cancel {
            evaluator = evaluator.with_cancellation_token(t);
        }
        let prepared = evaluator.parse_update(u).map_err(|e| StoreError::Query(e.to_string()))?;
        prepared.on_store(&self.store).execute().map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Runs a SELECT query and returns its rows (each binding in the order of the variables).
    pub fn select(&self, q: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        let mut out = Vec::new();
        if let QueryResults::Solutions(sols) = self.query(q)? {
            let vars: Vec<String> = sols.variables().iter().map(|v| v.as_str().to_string()).collect();
            for s in sols {
                let s = s.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                out.push(vars.iter().map(|v| s.get(v.as_str()).cloned()).collect());
            }
        }
        Ok(out)
    }

    /// Writes the whole store (every graph) as a dataset format, or the union of the graphs
    /// for a graph format.
    pub fn dump(&self, format: RdfFormat, w: impl std::io::Write) -> Result<(), StoreError> {
        let fail = |e: std::io::Error| StoreError::Query(e.to_string());
        let mut ser = oxigraph::io::RdfSerializer::from_format(format);
        if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
            for (p, ns) in PREFIXES {
                ser = ser.with_prefix(*p, *ns).map_err(|e| StoreError::Query(e.to_string()))?;
            }
        }
        let mut ser = ser.for_writer(w);
        if format.supports_datasets() {
            for q in self.store.iter() {
                ser.serialize_quad(&q.map_err(|e| self.err(e))?).map_err(fail)?;
            }
        } else {
            let mut seen = std::collections::HashSet::new();
            for q in self.store.iter() {
                let q = q.map_err(|e| self.err(e))?;
                let t = oxigraph::model::Triple::new(q.subject, q.predicate, q.object);
                if seen.insert(t.clone()) {
                    ser.serialize_triple(&t).map_err(fail)?;
                }
            }
        }
        ser.finish().map_err(fail)?;
        Ok(())
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.store.len().map_err(|e| self.err(e))
    }

    /// Is the store empty?
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Names of the article graphs.
    pub fn article_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.err(e))? {
                if !matches!(n.as_str(), ONTOLOGY_GRAPH | ENTITIES_GRAPH | FACTS_GRAPH) {
                    out.push(n);
                }
            }
        }
        Ok(out)
    }

    /// Does the store hold this quad in this graph (tests)?
    pub fn contains(&self, s: NamedNodeRef, p: NamedNodeRef, o: &Term, g: GraphNameRef) -> Result<bool, StoreError> {
        self.store.contains(QuadRef::new(s, p, o.as_ref(), g)).map_err(|e| self.err(e))
    }

    /// Flushes and compacts (after a build).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush().map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_or_many_readers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        let writer = GraphStore::open(&path).expect("opens for writing");
        let busy = GraphStore::open_read_only(&path).err().expect("no reader beside a writer");
        assert!(busy.to_string().contains("is writing this store"), "{busy}");
        assert!(GraphStore::open(&path).is_err(), "no second writer");
        drop(writer);
        let a = GraphStore::open_read_only(&path).expect("a reader");
        let _b = GraphStore::open_read_only(&path).expect("a second reader");
        let busy = GraphStore::open(&path).err().expect("no writer beside readers");
        assert!(busy.to_string().contains("has this store open"), "{busy}");
        drop(a);
        drop(_b);
        GraphStore::open(&path).expect("a writer once the readers are gone");
    }
}
