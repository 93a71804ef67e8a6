//! Export: the whole graph in standard RDF formats that rdflib, Jena and pyoxigraph read.
//! Dataset formats (N-Quads, TriG) keep every article's named graph; graph formats (Turtle,
//! N-Triples, JSON-LD) carry the union of the graphs. The drawing and table formats (DOT,
//! GraphML, CSV) are written by [`crate::draw`] from a [`crate::network::Network`].

use oxigraph::io::{JsonLdProfileSet, RdfFormat};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// N-Quads: every named graph (provenance kept).
    Nquads,
    /// TriG: every named graph, readable.
    Trig,
    /// Turtle: the union of the graphs.
    Turtle,
    /// N-Triples: the union of the graphs.
    Ntriples,
    /// JSON-LD: every named graph.
    Jsonld,
    /// Graphviz DOT drawing (entities, facts, meetings and deals).
    Dot,
    /// GraphML for networkx, Gephi, yEd.
    Graphml,
    /// nodes.csv and edges.csv (into the folder given by --out).
    Csv,
}

impl ExportFormat {
    /// The RDF format, for the RDF exports.
    pub fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Jsonld => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
            ExportFormat::Dot | ExportFormat::Graphml | ExportFormat::Csv => return None,
        })
    }
}
