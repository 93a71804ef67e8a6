//! Drawings and tabular exports of the [`Network`]: Graphviz DOT (with a legend, shapes and
//! colours by type, Devanagari-capable font), GraphML (networkx, Gephi) and CSV (pandas).
//!
//! Output is deterministic: the same graph gives byte-identical files.

use crate::network::{Network, NodeKind};
use std::fmt::Write as _;
use std::io::Write;

/// The font used in drawings: it has Devanagari (Debian `fonts-noto-core`).
pub const FONT: &str = "Noto Sans Devanagari";

fn style(class: &str) -> (&'static str, &'static str) {
    match class {
        "Person" => ("ellipse", "#AED6F1"),
        "Country" => ("box", "#F9E79F"),
        "Organization" => ("component", "#D7BDE2"),
        "Place" => ("house", "#ABEBC6"),
        "WeaponSystem" => ("hexagon", "#F5B7B1"),
        "Event" => ("octagon", "#FAD7A0"),
        "Meeting" => ("note", "#EAECEE"),
        "Deal" => ("note", "#D5DBDB"),
        _ => ("ellipse", "#FFFFFF"),
    }
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Writes the network as DOT. `hindi` chooses Hindi labels (English where no Hindi is known,
/// and the other way round).
pub fn write_dot(net: &Network, hindi: bool, title: &str, mut w: impl Write) -> std::io::Result<()> {
    let g = &net.graph;
    let mut out = String::new();
    let _ = writeln!(out, "digraph khabar {{");
    let _ = writeln!(out, "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"{FONT}\", label=\"{}\", labelloc=t, fontsize=16];", esc(title));
    let _ = writeln!(out, "  node [fontname=\"{FONT}\", style=filled, fontsize=11];");
    let _ = writeln!(out, "  edge [fontname=\"{FONT}\", fontsize=9, color=\"#555555\"];");
    // legend: one node per type present
    let mut classes: Vec<&str> = g.node_indices().map(|i| g[i].class.as_str()).collect();
    classes.sort_unstable();
    classes.dedup();
    let _ = writeln!(
        out,
        "  subgraph cluster_legend {{\n    label=\"{}\"; fontsize=12; style=dashed;",
        if hindi { "संकेत" } else { "Legend" }
    );
    for c in &classes {
        let (shape, colour) = style(c);
        let _ = writeln!(out, "    \"legend:{c}\" [label=\"{c}\", shape={shape}, fillcolor=\"{colour}\"];");
    }
    let _ = writeln!(out, "  }}");
    for i in net.sorted_nodes() {
        let n = &g[i];
        let (shape, colour) = style(&n.class);
        let mut label = match n.kind {
            NodeKind::Entity => n.label(hindi),
            NodeKind::Meeting => {
                if hindi {
                    "मुलाकात".into()
                } else {
                    "Meeting".into()
                }
            }
            NodeKind::Deal => {
                if hindi {
                    "सौदा".into()
                } else {
                    "Deal".into()
                }
            }
        };
        if !n.offices.is_empty() {
            label = format!("{label}\n{}", n.offices.join(", "));
        }
        if let Some(d) = &n.detail {
            label = format!("{label}\n{d}");
        }
        let small = if n.kind == NodeKind::Entity { "" } else { ", fontsize=9" };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{colour}\"{small}];",
            esc(&n.iri),
            esc(&label)
        );
    }
    for e in net.sorted_edges() {
        let (a, b) = g.edge_endpoints(e).unwrap_or_default();
        let ed = &g[e];
        let style = if matches!(ed.relation.as_str(), "participant" | "buyer" | "seller" | "system") {
            ", style=dashed"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
            esc(&g[a].iri),
            esc(&g[b].iri),
            esc(&ed.relation)
        );
    }
    let _ = writeln!(out, "}}");
    w.write_all(out.as_bytes())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Writes the network as GraphML (directed; node attributes label, label_hi, type; edge
/// attributes relation, confidence, dates, articles).
pub fn write_graphml(net: &Network, mut w: impl Write) -> std::io::Result<()> {
    let g = &net.graph;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (id, on, name, ty) in [
        ("d0", "node", "label", "string"),
        ("d1", "node", "label_hi", "string"),
        ("d2", "node", "type", "string"),
        ("d3", "edge", "relation", "string"),
        ("d4", "edge", "confidence", "double"),
        ("d5", "edge", "dates", "string"),
        ("d6", "edge", "articles", "string"),
        ("d7", "node", "detail", "string"),
    ] {
        let _ = writeln!(out, "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
    }
    out.push_str("  <graph id=\"khabar\" edgedefault=\"directed\">\n");
    for i in net.sorted_nodes() {
        let n = &g[i];
        let _ = writeln!(out, "    <node id=\"{}\">", xml(&n.iri));
        let _ = writeln!(out, "      <data key=\"d0\">{}</data>", xml(&n.label(false)));
        let _ = writeln!(out, "      <data key=\"d1\">{}</data>", xml(&n.label(true)));
        let _ = writeln!(out, "      <data key=\"d2\">{}</data>", xml(&n.class));
        if let Some(d) = &n.detail {
            let _ = writeln!(out, "      <data key=\"d7\">{}</data>", xml(d));
        }
        out.push_str("    </node>\n");
    }
    for e in net.sorted_edges() {
        let (a, b) = g.edge_endpoints(e).unwrap_or_default();
        let ed = &g[e];
        let _ = writeln!(out, "    <edge source=\"{}\" target=\"{}\">", xml(&g[a].iri), xml(&g[b].iri));
        let _ = writeln!(out, "      <data key=\"d3\">{}</data>", xml(&ed.relation));
        let _ = writeln!(out, "      <data key=\"d4\">{}</data>", ed.confidence);
        let _ = writeln!(
            out,
            "      <data key=\"d5\">{}</data>",
            xml(&ed.dates.iter().cloned().collect::<Vec<_>>().join(";"))
        );
        let _ = writeln!(
            out,
            "      <data key=\"d6\">{}</data>",
            xml(&ed.articles.iter().cloned().collect::<Vec<_>>().join(";"))
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    w.write_all(out.as_bytes())
}

/// Writes `nodes.csv` and `edges.csv` content.
pub fn write_csv(net: &Network, nodes: impl Write, edges: impl Write) -> Result<(), csv::Error> {
    let g = &net.graph;
    let mut n = csv::Writer::from_writer(nodes);
    n.write_record(["id", "label", "label_hi", "type", "kind", "detail", "date"])?;
    for i in net.sorted_nodes() {
        let x = &g[i];
        let kind = format!("{:?}", x.kind).to_lowercase();
        n.write_record([
            x.iri.as_str(),
            &x.label(false),
            &x.label(true),
            &x.class,
            &kind,
            x.detail.as_deref().unwrap_or(""),
            x.date.as_deref().unwrap_or(""),
        ])?;
    }
    n.flush()?;
    let mut e = csv::Writer::from_writer(edges);
    e.write_record(["source", "target", "relation", "confidence", "dates", "articles"])?;
    for id in net.sorted_edges() {
        let (a, b) = g.edge_endpoints(id).unwrap_or_default();
        let ed = &g[id];
        e.write_record([
            g[a].iri.as_str(),
            g[b].iri.as_str(),
            &ed.relation,
            &format!("{}", ed.confidence),
            &ed.dates.iter().cloned().collect::<Vec<_>>().join(";"),
            &ed.articles.iter().cloned().collect::<Vec<_>>().join(";"),
        ])?;
    }
    e.flush()?;
    Ok(())
}
