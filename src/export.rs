//! Export: the whole graph in standard RDF formats that rdflib, Jena and pyoxigraph read.
//! Dataset formats (N-Quads, TriG) keep every article's named graph; graph formats (Turtle,
//! N-Triples, JSON-LD) carry the union of the graphs.

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
}

impl ExportFormat {
    /// The RDF format.
    pub fn rdf(self) -> RdfFormat {
        match self {
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Jsonld => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        self.rdf().file_extension()
    }
}
