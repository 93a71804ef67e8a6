//! Analyze: centrality (degree, PageRank, betweenness), connected components, communities, the
//! most connected people, states and systems, a timeline of meetings and deals, and the records
//! whose sources disagree.
//!
//! Centralities are computed on the undirected graph of entities joined by facts (records left
//! out), with networkx's definitions and defaults (PageRank α = 0.85, tolerance 1e-6; normalised
//! betweenness), so the numbers can be checked against networkx on the GraphML export.

use crate::network::{Network, NodeKind};
use crate::store::{GraphStore, StoreError};
use oxigraph::model::Term;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Per-entity measures.
#[derive(Debug, Serialize)]
pub struct EntityScore {
    /// IRI.
    pub iri: String,
    /// English label (Hindi where none).
    pub label: String,
    /// Type.
    #[serde(rename = "type")]
    pub class: String,
    /// Number of distinct neighbours.
    pub degree: usize,
    /// Degree / (n − 1).
    pub degree_centrality: f64,
    /// PageRank.
    pub pagerank: f64,
    /// Normalised betweenness.
    pub betweenness: f64,
    /// Connected component (0 = largest).
    pub component: usize,
    /// Community (label propagation), numbered by size.
    pub community: usize,
}

/// A meeting or deal on the timeline.
#[derive(Debug, Serialize)]
pub struct TimelineEntry {
    /// Date.
    pub date: String,
    /// `Meeting` or `Deal`.
    pub kind: String,
    /// Who and what.
    pub summary: String,
}

/// A record whose sources disagree.
#[derive(Debug, Serialize)]
pub struct Conflict {
    /// The record's IRI.
    pub record: String,
    /// What it is about.
    pub summary: String,
    /// The property that differs (`value`, `date`, `quantity`).
    pub property: String,
    /// Each value with the articles that give it.
    pub values: BTreeMap<String, BTreeSet<String>>,
}

/// The analysis.
#[derive(Debug, Serialize)]
pub struct Analysis {
    /// Entities, by PageRank.
    pub entities: Vec<EntityScore>,
    /// Number of connected components.
    pub components: usize,
    /// Number of communities.
    pub communities: usize,
    /// Meetings and deals by date.
    pub timeline: Vec<TimelineEntry>,
    /// Disagreeing sources.
    pub conflicts: Vec<Conflict>,
}

/// Undirected simple graph of entities: adjacency lists by index, nodes in IRI order.
fn entity_graph(net: &Network) -> (Vec<petgraph::graph::NodeIndex>, Vec<BTreeSet<usize>>) {
    let g = &net.graph;
    let nodes: Vec<_> = net.sorted_nodes().into_iter().filter(|i| g[*i].kind == NodeKind::Entity).collect();
    let pos: BTreeMap<_, _> = nodes.iter().enumerate().map(|(k, i)| (*i, k)).collect();
    let mut adj = vec![BTreeSet::new(); nodes.len()];
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else { continue };
        if let (Some(&x), Some(&y)) = (pos.get(&a), pos.get(&b)) {
            if x != y {
                adj[x].insert(y);
                adj[y].insert(x);
            }
        }
    }
    (nodes, adj)
}

/// PageRank as networkx computes it on an undirected graph.
pub fn pagerank(adj: &[BTreeSet<usize>]) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let alpha = 0.85;
    let mut x = vec![1.0 / nf; n];
    for _ in 0..100 {
        let last = x.clone();
        let dangling: f64 = (0..n).filter(|i| adj[*i].is_empty()).map(|i| last[i]).sum::<f64>() * alpha;
        x = vec![0.0; n];
        for i in 0..n {
            let share = alpha * last[i] / adj[i].len().max(1) as f64;
            for &j in &adj[i] {
                x[j] += share;
            }
        }
        for v in x.iter_mut() {
            *v += dangling / nf + (1.0 - alpha) / nf;
        }
        let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if err < nf * 1e-6 {
            break;
        }
    }
    x
}

/// Brandes' betweenness, normalised as networkx does for undirected graphs.
pub fn betweenness(adj: &[BTreeSet<usize>]) -> Vec<f64> {
    let n = adj.len();
    let mut cb = vec![0.0; n];
    for s in 0..n {
        let mut stack = Vec::new();
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    q.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    pred[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0; n];
        while let Some(w) = stack.pop() {
            for &v in &pred[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for v in cb.iter_mut() {
            *v *= scale;
        }
    }
    cb
}

/// Connected components, numbered by size (largest first).
fn components(adj: &[BTreeSet<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut comp = vec![usize::MAX; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in 0..n {
        if comp[s] != usize::MAX {
            continue;
        }
        let id = groups.len();
        let mut members = vec![s];
        comp[s] = id;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            for &w in &adj[v] {
                if comp[w] == usize::MAX {
                    comp[w] = id;
                    members.push(w);
                    q.push_back(w);
                }
            }
        }
        groups.push(members);
    }
    renumber_by_size(&comp, groups.len())
}

fn renumber_by_size(labels: &[usize], k: usize) -> Vec<usize> {
    let mut sizes: Vec<(usize, usize)> = (0..k).map(|c| (labels.iter().filter(|l| **l == c).count(), c)).collect();
    sizes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut rank = vec![0; k];
    for (r, (_, c)) in sizes.iter().enumerate() {
        rank[*c] = r;
    }
    labels.iter().map(|l| rank[*l]).collect()
}

/// Communities by deterministic label propagation (nodes in IRI order; ties to the smallest
/// label).
fn communities(adj: &[BTreeSet<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut label: Vec<usize> = (0..n).collect();
    for _ in 0..50 {
        let mut changed = false;
        for v in 0..n {
            if adj[v].is_empty() {
                continue;
            }
            let mut count: BTreeMap<usize, usize> = BTreeMap::new();
            for &w in &adj[v] {
                *count.entry(label[w]).or_default() += 1;
            }
            let best = count.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| *l).unwrap_or(label[v]);
            if count.get(&label[v]) != count.get(&best) {
                label[v] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let distinct: BTreeSet<usize> = label.iter().copied().collect();
    let index: BTreeMap<usize, usize> = distinct.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    let dense: Vec<usize> = label.iter().map(|l| index[l]).collect();
    renumber_by_size(&dense, distinct.len())
}

fn val(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::BlankNode(b)) => b.as_str().to_string(),
        None => String::new(),
    }
}

/// Values with the articles that give them.
type ValuesBySource = BTreeMap<String, BTreeSet<String>>;

/// Deals whose sources give different values, dates or quantities.
fn conflicts(st: &GraphStore) -> Result<Vec<Conflict>, StoreError> {
    let rows = st.select(
        "SELECT ?d ?p ?v ?src ?bl ?sl ?syl WHERE {
           GRAPH ?g { ?d a kh:Deal ; ?p ?v . VALUES ?p { kh:value kh:date kh:quantity } }
           GRAPH ?g { ?g kh:source ?src }
           ?d kh:buyer/rdfs:label ?bl . ?d kh:seller/rdfs:label ?sl . ?d kh:system/rdfs:label ?syl .
           FILTER(LANG(?bl) = 'en' && LANG(?sl) = 'en' && LANG(?syl) = 'en') }",
    )?;
    let mut by: BTreeMap<(String, String), (String, ValuesBySource)> = BTreeMap::new();
    for r in rows {
        let prop = val(&r[1]).rsplit('#').next().unwrap_or_default().to_string();
        let summary = format!("{} buys {} from {}", val(&r[4]), val(&r[6]), val(&r[5]));
        let e = by.entry((val(&r[0]), prop)).or_insert_with(|| (summary, BTreeMap::new()));
        e.1.entry(val(&r[2])).or_default().insert(val(&r[3]));
    }
    Ok(by
        .into_iter()
        .filter(|(_, (_, vals))| vals.len() > 1)
        .map(|((record, property), (summary, values))| Conflict { record, summary, property, values })
        .collect())
}

/// Runs the analysis.
pub fn analyze(st: &GraphStore, net: &Network) -> Result<Analysis, StoreError> {
    let g = &net.graph;
    let (nodes, adj) = entity_graph(net);
    let n = nodes.len();
    let pr = pagerank(&adj);
    let bc = betweenness(&adj);
    let comp = components(&adj);
    let comm = communities(&adj);
    let mut entities: Vec<EntityScore> = nodes
        .iter()
        .enumerate()
        .map(|(k, i)| EntityScore {
            iri: g[*i].iri.clone(),
            label: g[*i].label(false),
            class: g[*i].class.clone(),
            degree: adj[k].len(),
            degree_centrality: if n > 1 { adj[k].len() as f64 / (n - 1) as f64 } else { 0.0 },
            pagerank: pr[k],
            betweenness: bc[k],
            component: comp[k],
            community: comm[k],
        })
        .collect();
    entities.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then(a.iri.cmp(&b.iri)));
    // timeline: records with their participants / parties
    let mut timeline = Vec::new();
    for i in net.sorted_nodes() {
        let r = &g[i];
        if r.kind == NodeKind::Entity {
            continue;
        }
        let Some(date) = r.date.clone() else { continue };
        let mut who: Vec<String> = g.neighbors_undirected(i).map(|m| g[m].label(false)).collect();
        who.sort();
        who.dedup();
        let kind = format!("{:?}", r.kind);
        let summary = format!("{}{}", who.join(", "), r.detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default());
        timeline.push(TimelineEntry { date, kind, summary });
    }
    timeline.sort_by(|a, b| a.date.cmp(&b.date).then(a.summary.cmp(&b.summary)));
    let components = comp.iter().copied().collect::<BTreeSet<_>>().len();
    let communities = comm.iter().copied().collect::<BTreeSet<_>>().len();
    Ok(Analysis { entities, components, communities, timeline, conflicts: conflicts(st)? })
}

impl Analysis {
    /// A report for people.
    pub fn write_table(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(
            w,
            "{} entities, {} connected components, {} communities",
            self.entities.len(),
            self.components,
            self.communities
        )?;
        for (title, class) in [
            ("people", "Person"),
            ("states", "Country"),
            ("weapon systems", "WeaponSystem"),
            ("organisations", "Organization"),
        ] {
            writeln!(w, "\nMost connected {title} (PageRank, degree, betweenness):")?;
            for e in self.entities.iter().filter(|e| e.class == class).take(8) {
                writeln!(w, "  {:<40} {:>7.4} {:>4} {:>7.4}", e.label, e.pagerank, e.degree, e.betweenness)?;
            }
        }
        writeln!(w, "\nTimeline of meetings and deals:")?;
        for t in &self.timeline {
            writeln!(w, "  {:<10} {:<8} {}", t.date, t.kind, t.summary)?;
        }
        writeln!(w, "\nSources that disagree:")?;
        if self.conflicts.is_empty() {
            writeln!(w, "  none")?;
        }
        for c in &self.conflicts {
            writeln!(w, "  {} — {}:", c.summary, c.property)?;
            for (v, arts) in &c.values {
                writeln!(w, "    {v:<16} {}", arts.iter().cloned().collect::<Vec<_>>().join(", "))?;
            }
        }
        Ok(())
    }

    /// The per-entity measures as CSV.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<(), csv::Error> {
        let mut c = csv::Writer::from_writer(w);
        c.write_record([
            "iri",
            "label",
            "type",
            "degree",
            "degree_centrality",
            "pagerank",
            "betweenness",
            "component",
            "community",
        ])?;
        for e in &self.entities {
            c.write_record([
                e.iri.clone(),
                e.label.clone(),
                e.class.clone(),
                e.degree.to_string(),
                format!("{:.6}", e.degree_centrality),
                format!("{:.6}", e.pagerank),
                format!("{:.6}", e.betweenness),
                e.component.to_string(),
                e.community.to_string(),
            ])?;
        }
        c.flush()?;
        Ok(())
    }
}
