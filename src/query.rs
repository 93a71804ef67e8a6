//! Query: SPARQL results written as an aligned table (for people) or as the W3C formats
//! (JSON, XML, CSV, TSV for solutions; Turtle, N-Triples for graphs).

use crate::store::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// Output formats of `khabar query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for a terminal.
    Table,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// Turtle (CONSTRUCT / DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT / DESCRIBE).
    Ntriples,
}

/// Errors while writing results.
#[derive(Debug, thiserror::Error)]
pub enum QueryOutputError {
    /// Evaluation failed midway.
    #[error("query evaluation: {0}")]
    Evaluation(String),
    /// Writing failed (e.g. a closed pipe).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The format does not fit the result kind.
    #[error("{0}")]
    Format(String),
}

/// A term as a person reads it: prefixed IRIs, plain literal values.
pub fn short(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            for (p, ns) in PREFIXES {
                if let Some(rest) = n.as_str().strip_prefix(ns) {
                    return format!("{p}:{rest}");
                }
            }
            format!("<{}>", n.as_str())
        }
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
    }
}

/// Writes query results in `format`.
pub fn write_results(results: QueryResults, format: OutputFormat, mut w: impl Write) -> Result<(), QueryOutputError> {
    let ev = |e: oxigraph::sparql::QueryEvaluationError| QueryOutputError::Evaluation(e.to_string());
    match results {
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let rf = match format {
                OutputFormat::Table => {
                    let rows: Vec<QuerySolution> = solutions.collect::<Result<_, _>>().map_err(ev)?;
                    return write_table(&vars.iter().map(|v| v.as_str().to_string()).collect::<Vec<_>>(), &rows, w);
                }
                OutputFormat::Json => QueryResultsFormat::Json,
                OutputFormat::Xml => QueryResultsFormat::Xml,
                OutputFormat::Csv => QueryResultsFormat::Csv,
                OutputFormat::Tsv => QueryResultsFormat::Tsv,
                OutputFormat::Turtle | OutputFormat::Ntriples => {
                    return Err(QueryOutputError::Format(
                        "a SELECT query gives solutions: use --format table, json, xml, csv or tsv".into(),
                    ))
                }
            };
            let mut ser = QueryResultsSerializer::from_format(rf).serialize_solutions_to_writer(&mut w, vars)?;
            for s in solutions {
                let s = s.map_err(ev)?;
                ser.serialize(s.iter())?;
            }
            ser.finish()?;
        }
        QueryResults::Boolean(b) => match format {
            OutputFormat::Table => writeln!(w, "{b}")?,
            OutputFormat::Json | OutputFormat::Xml | OutputFormat::Csv | OutputFormat::Tsv => {
                let rf = match format {
                    OutputFormat::Json => QueryResultsFormat::Json,
                    OutputFormat::Xml => QueryResultsFormat::Xml,
                    OutputFormat::Csv => QueryResultsFormat::Csv,
                    _ => QueryResultsFormat::Tsv,
                };
                QueryResultsSerializer::from_format(rf).serialize_boolean_to_writer(&mut w, b)?;
            }
            _ => {
                return Err(QueryOutputError::Format("an ASK query gives a boolean: use --format table or json".into()))
            }
        },
        QueryResults::Graph(triples) => {
            let rf = match format {
                OutputFormat::Ntriples => RdfFormat::NTriples,
                OutputFormat::Turtle | OutputFormat::Table => RdfFormat::Turtle,
                _ => {
                    return Err(QueryOutputError::Format(
                        "CONSTRUCT and DESCRIBE give a graph: use --format turtle or ntriples".into(),
                    ))
                }
            };
            let mut ser = RdfSerializer::from_format(rf);
            if rf == RdfFormat::Turtle {
                for (p, ns) in PREFIXES {
                    ser = ser.with_prefix(*p, *ns).map_err(|e| QueryOutputError::Format(e.to_string()))?;
                }
            }
            let mut ser = ser.for_writer(&mut w);
            for t in triples {
                ser.serialize_triple(&t.map_err(ev)?)?;
            }
            ser.finish()?;
        }
    }
    w.flush()?;
    Ok(())
}

fn write_table(vars: &[String], rows: &[QuerySolution], mut w: impl Write) -> Result<(), QueryOutputError> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vars.iter().map(|v| r.get(v.as_str()).map(short).unwrap_or_default().replace('\n', " ")).collect())
        .collect();
    let mut widths: Vec<usize> = vars.iter().map(|v| v.width() + 1).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.width().min(80));
        }
    }
    let line = |w: &mut dyn Write, cols: &[String]| -> std::io::Result<()> {
        let mut out = String::new();
        for (i, c) in cols.iter().enumerate() {
            let c: String = if c.width() > 80 { c.chars().take(77).collect::<String>() + "..." } else { c.clone() };
            out.push_str(&c);
            if i + 1 < cols.len() {
                out.push_str(&" ".repeat(widths[i].saturating_sub(c.width()) + 2));
            }
        }
        writeln!(w, "{}", out.trim_end())
    };
    line(&mut w, &vars.iter().map(|v| format!("?{v}")).collect::<Vec<_>>())?;
    line(&mut w, &widths.iter().map(|n| "-".repeat(*n)).collect::<Vec<_>>())?;
    for row in &cells {
        line(&mut w, row)?;
    }
    writeln!(w, "({} row{})", cells.len(), if cells.len() == 1 { "" } else { "s" })?;
    Ok(())
}
