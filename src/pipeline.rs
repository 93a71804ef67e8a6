//! Pipeline: inputs read and extracted on all cores, a batch of articles at a time, streamed in
//! input order to whoever writes them (the store's loader, an N-Quads writer).
//!
//! Architecture invariant: memory stays flat however large the corpus: files are read a few at a
//! time (a web archive record by record), articles are extracted in batches of [`BATCH`], and a
//! bounded channel holds back the reader when the writer is slower.

use crate::corpus::{self, Article, CorpusError, Input};
use crate::extract;
use crate::graph::{self, ArticleGraph};
use crate::lexicon::Lexicon;
use oxigraph::model::NamedNode;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

/// An article and its graph.
pub struct Built {
    /// The article.
    pub article: Article,
    /// Its named graph (and what it adds to the shared graphs).
    pub graph: ArticleGraph,
    /// Entity mentions found.
    pub entities: usize,
    /// Facts found.
    pub facts: usize,
}

/// What extraction sends on.
pub enum Item {
    /// An article and its graph.
    Built(Built),
    /// An input (or a record of one) that could not be read, or was skipped.
    Failed(CorpusError),
    /// An article the store holds already, as this extractor built it: its source, and the
    /// quads that describe it (the same text may come from another source, which the store
    /// then adds).
    Unchanged(String, Vec<oxigraph::model::Quad>),
    /// One more input file done (for the progress bar).
    FileDone,
}

/// What extraction gets: an article, or news of an input passed on as it is.
enum Work {
    Article(Article),
    Ready(Item),
}

/// Articles extracted together, on all cores.
pub const BATCH: usize = 256;

/// The input files in groups read together: at most 64 files or 32 MB.
fn read_chunks(files: &[PathBuf]) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, f) in files.iter().enumerate() {
        bytes += std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        if i + 1 - start == 64 || bytes >= 32 << 20 {
            out.push(&files[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// How the pipeline runs.
pub struct Settings<'a> {
    /// The lexicon.
    pub lex: &'a Lexicon,
    /// Facts below this confidence are left out.
    pub min_conf: f32,
    /// Articles above this many bytes are skipped.
    pub max_bytes: usize,
    /// The extractor's name, stamped on every article graph.
    pub extractor: &'a str,
    /// Articles (by IRI) that need no extraction: they come as [`Item::Unchanged`].
    pub known: &'a HashSet<NamedNode>,
}

/// Reads `files`, extracts their articles and sends them on in batches, in input order; returns
/// when every input is read or the receiver is gone.
pub fn run(files: &[PathBuf], s: &Settings<'_>, tx: &SyncSender<Vec<Item>>) {
    let work = |w: Work| match w {
        Work::Article(a) => {
            if s.known.contains(&graph::article_iri(&a.text)) {
                let header = graph::article_quads(&a, s.extractor);
                return Item::Unchanged(a.source, header);
            }
            let mut ex = extract::extract(s.lex, &a.text, a.date);
            ex.retain_confident(s.min_conf);
            let graph = graph::article_graph(&a, &ex, s.extractor);
            Item::Built(Built { entities: ex.entities.len(), facts: ex.facts.len(), graph, article: a })
        }
        Work::Ready(item) => item,
    };
    let mut pending: Vec<Work> = Vec::new();
    let mut in_batch = 0;
    // (false when the receiver is gone)
    let mut push = |w: Work, pending: &mut Vec<Work>| -> bool {
        in_batch += usize::from(matches!(w, Work::Article(_)));
        pending.push(w);
        // (a batch of articles, or of news: a web archive may hold thousands of pages skipped)
        if in_batch == BATCH || pending.len() >= 16 * BATCH {
            in_batch = 0;
            let items: Vec<Item> = std::mem::take(pending).into_par_iter().map(work).collect();
            return tx.send(items).is_ok();
        }
        true
    };
    // (a web archive, or stdin, is read as a stream; other files a group at a time, in parallel)
    let streamed = |f: &PathBuf| f.as_os_str() == "-" || corpus::is_warc_path(f);
    for chunk in read_chunks(files) {
        let opened: Vec<Option<Input>> =
            chunk.par_iter().map(|f| (!streamed(f)).then(|| corpus::open(f, s.max_bytes))).collect();
        for (f, input) in chunk.iter().zip(opened) {
            match input.unwrap_or_else(|| corpus::open(f, s.max_bytes)) {
                Input::Read(arts, errs) => {
                    pending.extend(errs.into_iter().map(|e| Work::Ready(Item::Failed(e))));
                    for a in arts {
                        if !push(Work::Article(a), &mut pending) {
                            return;
                        }
                    }
                }
                Input::Warc(records) => {
                    for r in records {
                        let w = match r {
                            Ok(a) => Work::Article(a),
                            Err(e) => Work::Ready(Item::Failed(e)),
                        };
                        if !push(w, &mut pending) {
                            return;
                        }
                    }
                }
            }
            pending.push(Work::Ready(Item::FileDone));
        }
    }
    let items: Vec<Item> = pending.into_par_iter().map(work).collect();
    let _ = tx.send(items);
}
