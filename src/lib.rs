//! khabar: Hindi (Devanagari) defence and diplomacy news to an RDF knowledge graph.
//!
//! The pipeline runs one way, one module each:
//! [`corpus`] (read, date, chrome) → [`text`] (clean, keys, sentences, tokens) →
//! [`extract`] (mentions, noun phrases, relation rules, records) → [`graph`] (IRIs, quads,
//! provenance) → [`store`] (Oxigraph) → [`query`] / [`export`] / [`eval`], and through
//! [`network`] (petgraph) to [`draw`] (DOT, GraphML, CSV) and [`analyze`].
//! Domain knowledge is data under `ontology/`, loaded by [`lexicon`].

pub mod analyze;
pub mod ask;
pub mod cli;
pub mod corpus;
pub mod draw;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod network;
pub mod pipeline;
pub mod push;
pub mod query;
pub mod serve;
pub mod store;
pub mod text;
pub mod web;

/// The ontology (Turtle), as embedded at build time.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/khabar.ttl");
