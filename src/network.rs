//! Network: the knowledge graph as a petgraph graph of entities and records, read from the
//! store with filters — the common ground of the drawings (DOT), GraphML/CSV and `analyze`.
//!
//! Nodes are entities (people, states, organisations, places, systems, events) and records
//! (meetings, deals); edges are facts (with their best confidence, the articles and dates that
//! state them) and record roles (participant, buyer, seller, system). Output order is stable:
//! nodes by IRI, edges by (source, relation, target).

use crate::store::{GraphStore, StoreError};
use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum NodeKind {
    /// An entity.
    Entity,
    /// A meeting record.
    Meeting,
    /// A deal record.
    Deal,
}

/// A node.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// IRI.
    pub iri: String,
    /// Entity or record.
    pub kind: NodeKind,
    /// Type (`Person`, `Country`, ..., `Meeting`, `Deal`).
    pub class: String,
    /// English label.
    pub en: Option<String>,
    /// Hindi label.
    pub hi: Option<String>,
    /// Offices held (from `kh:holdsRole`), English labels.
    pub offices: Vec<String>,
    /// A short description for records (date, value, place).
    pub detail: Option<String>,
    /// The first date the node's record or facts carry (records), for timelines.
    pub date: Option<String>,
}

impl Node {
    /// The label in a language, falling back to the other one.
    pub fn label(&self, hindi: bool) -> String {
        let (a, b) = if hindi { (&self.hi, &self.en) } else { (&self.en, &self.hi) };
        a.clone().or_else(|| b.clone()).unwrap_or_else(|| self.iri.rsplit('/').next().unwrap_or_default().to_string())
    }
}

/// An edge.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Relation (`met`, `buys`, ... or a record role: `participant`, `buyer`, `seller`, `system`).
    pub relation: String,
    /// Best confidence.
    pub confidence: f64,
    /// Article dates (or record dates) it is stated at.
    pub dates: BTreeSet<String>,
    /// Sources (article file names or ids).
    pub articles: BTreeSet<String>,
}

/// Which part of the graph to take.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the neighbourhood of this entity (a label in Hindi or English; key match).
    pub focus: Option<String>,
    /// Neighbourhood depth with `focus`.
    pub depth: usize,
    /// Only these relations.
    pub relations: Option<Vec<String>>,
    /// Only what is stated on or after this date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only what is stated on or before this date.
    pub until: Option<String>,
    /// Only what this article states (a substring of its source or its IRI).
    pub article: Option<String>,
    /// Only facts at least this confident.
    pub min_confidence: f64,
    /// Leave out meeting and deal nodes.
    pub no_records: bool,
}

/// The network.
pub struct Network {
    /// The graph.
    pub graph: DiGraph<Node, Edge>,
}

fn value(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        Term::BlankNode(b) => b.as_str().to_string(),
    }
}

const CORE: [&str; 6] = ["Person", "Country", "Organization", "Place", "WeaponSystem", "Event"];

fn in_range(date: Option<&str>, f: &Filter) -> bool {
    match date {
        None => f.since.is_none() && f.until.is_none(),
        Some(d) => {
            f.since.as_deref().is_none_or(|s| d >= s)
                && f.until.as_deref().is_none_or(|u| d.get(..u.len()).unwrap_or(d) <= u)
        }
    }
}

fn short_amount(v: f64) -> String {
    if v >= 1e9 {
        format!("{:.2} bn", v / 1e9).replace(".00", "")
    } else if v >= 1e6 {
        format!("{:.1} mn", v / 1e6).replace(".0", "")
    } else {
        format!("{v}")
    }
}

impl Network {
    /// Reads the network from a store.
    pub fn load(st: &GraphStore, f: &Filter) -> Result<Network, StoreError> {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        // entities: types and labels
        for r in st.select("SELECT ?e ?t ?l WHERE { GRAPH <https://w3id.org/khabar/id/graph/entities> { ?e a ?t . OPTIONAL { ?e rdfs:label ?l } } }",
        )? {
            let (Some(e), Some(t)) = (&r[0], &r[1]) else { continue };
            let class = value(t).rsplit('#').next().unwrap_or_default().to_string();
            let n = nodes.entry(value(e)).or_insert_with(|| Node {
                iri: value(e),
                kind: NodeKind::Entity,
                class: String::new(),
                en: None,
                hi: None,
                offices: Vec::new(),
                detail: None,
                date: None,
            });
            if CORE.contains(&class.as_str()) {
                n.class = class;
            }
            if let Some(Term::Literal(l)) = &r[2] {
                match l.language() {
                    Some("hi") => n.hi = Some(l.value().to_string()),
                    _ => n.en = Some(l.value().to_string()),
                }
            }
        }
        // facts with provenance
        let keep_article = |src: &str, g: &str| f.article.as_deref().is_none_or(|a| src.contains(a) || g.ends_with(a));
        let mut edges: BTreeMap<(String, String, String), Edge> = BTreeMap::new();
        let mut offices: HashMap<String, BTreeSet<String>> = HashMap::new();
        for r in st.select(
            "SELECT ?s ?p ?o ?c ?g ?src ?d WHERE {
               GRAPH <https://w3id.org/khabar/id/graph/facts> { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
               GRAPH ?g { ?st kh:confidence ?c . ?g kh:source ?src OPTIONAL { ?g kh:date ?d } } }",
        )? {
            let (Some(s), Some(p), Some(o), Some(c), Some(g), Some(src)) = (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5])
            else {
                continue;
            };
            let rel = value(p).rsplit('#').next().unwrap_or_default().to_string();
            let conf: f64 = value(c).parse().unwrap_or(0.0);
            let date = r[6].as_ref().map(value);
            if conf < f.min_confidence || !keep_article(&value(src), &value(g)) || !in_range(date.as_deref(), f) {
                continue;
            }
            if rel == "holdsRole" {
                let office = value(o).rsplit('#').next().unwrap_or_default().to_string();
                offices.entry(value(s)).or_default().insert(office);
                continue;
            }
            if f.relations.as_ref().is_some_and(|rs| !rs.contains(&rel)) {
                continue;
            }
            let e = edges.entry((value(s), rel.clone(), value(o))).or_insert_with(|| Edge {
                relation: rel,
                confidence: 0.0,
                dates: BTreeSet::new(),
                articles: BTreeSet::new(),
            });
            e.confidence = e.confidence.max(conf);
            e.dates.extend(date);
            e.articles.insert(value(src));
        }
        for (who, os) in offices {
            if let Some(n) = nodes.get_mut(&who) {
                n.offices = os.into_iter().map(|o| split_camel(&o)).collect();
            }
        }
        // records
        let want_records =
            !f.no_records && f.relations.as_ref().is_none_or(|rs| rs.iter().any(|r| r == "met" || r == "buys"));
        if want_records {
            load_records(st, f, &mut nodes, &mut edges, &keep_article)?;
        }

        // the graph
        let used: BTreeSet<&String> = edges.keys().flat_map(|(s, _, o)| [s, o]).collect();
        let mut graph = DiGraph::new();
        let mut index: HashMap<String, NodeIndex> = HashMap::new();
        for (iri, n) in &nodes {
            let keep = used.contains(iri) && (!n.class.is_empty() || n.kind != NodeKind::Entity);
            if keep {
                index.insert(iri.clone(), graph.add_node(n.clone()));
            }
        }
        for ((s, _, o), e) in edges {
            if let (Some(a), Some(b)) = (index.get(&s), index.get(&o)) {
                graph.add_edge(*a, *b, e);
            }
        }
        let mut net = Network { graph };
        if let Some(q) = &f.focus {
            net = net.neighbourhood(q, f.depth.max(1))?;
        }
        Ok(net)
    }

    /// The entity whose label best matches `q` (key equality first, then containment).
    pub fn find(&self, q: &str) -> Option<NodeIndex> {
        let k = crate::text::key(q);
        let labels = |n: &Node| {
            [n.en.as_deref(), n.hi.as_deref()].into_iter().flatten().map(crate::text::key).collect::<Vec<_>>()
        };
        let entities = || self.graph.node_indices().filter(|i| self.graph[*i].kind == NodeKind::Entity);
        entities()
            .find(|i| labels(&self.graph[*i]).contains(&k))
            .or_else(|| entities().find(|i| labels(&self.graph[*i]).iter().any(|l| l.contains(&k))))
    }

    fn neighbourhood(self, q: &str, depth: usize) -> Result<Network, StoreError> {
        let Some(start) = self.find(q) else {
            return Err(StoreError::Query(format!("no entity in the graph matches `{q}`")));
        };
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d == depth {
                continue;
            }
            for m in self.graph.neighbors_undirected(n) {
                // records do not count as a step: a deal's parties are one step from each other
                let step = if self.graph[m].kind == NodeKind::Entity { 1 } else { 0 };
                if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(m) {
                    v.insert(d + step);
                    queue.push_back(m);
                }
            }
        }
        let graph = self.graph.filter_map(|i, n| dist.contains_key(&i).then(|| n.clone()), |_, e| Some(e.clone()));
        Ok(Network { graph })
    }

    /// Nodes in IRI order.
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by(|a, b| self.graph[*a].iri.cmp(&self.graph[*b].iri));
        v
    }

    /// Edges in (source, relation, target) order.
    pub fn sorted_edges(&self) -> Vec<petgraph::graph::EdgeIndex> {
        let mut v: Vec<_> = self.graph.edge_references().map(|e| e.id()).collect();
        let key = |e: petgraph::graph::EdgeIndex| {
            let (a, b) = self.graph.edge_endpoints(e).unwrap_or_default();
            (self.graph[a].iri.clone(), self.graph[e].relation.clone(), self.graph[b].iri.clone())
        };
        v.sort_by_key(|e| key(*e));
        v
    }
}

fn split_camel(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && c.is_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

type Edges = BTreeMap<(String, String, String), Edge>;

fn load_records(
    st: &GraphStore,
    f: &Filter,
    nodes: &mut BTreeMap<String, Node>,
    edges: &mut Edges,
    keep_article: &dyn Fn(&str, &str) -> bool,
) -> Result<(), StoreError> {
    let mut add_edge = |s: &str, rel: &str, o: &str, src: &str, date: Option<&str>, conf: f64| {
        let e = edges.entry((s.to_string(), rel.to_string(), o.to_string())).or_insert_with(|| Edge {
            relation: rel.to_string(),
            confidence: 0.0,
            dates: BTreeSet::new(),
            articles: BTreeSet::new(),
        });
        e.confidence = e.confidence.max(conf);
        e.dates.extend(date.map(String::from));
        e.articles.insert(src.to_string());
    };
    let record = |iri: &str, kind: NodeKind, class: &str| Node {
        iri: iri.to_string(),
        kind,
        class: class.to_string(),
        en: None,
        hi: None,
        offices: Vec::new(),
        detail: None,
        date: None,
    };
    // meetings
    for r in st.select("SELECT ?m ?p ?d ?loc ?g ?src ?c WHERE {
           GRAPH ?g { ?m a kh:Meeting ; kh:participant ?p ; kh:confidence ?c OPTIONAL { ?m kh:date ?d } OPTIONAL { ?m kh:location ?loc } }
           GRAPH ?g { ?g kh:source ?src } }",
    )? {
        let (Some(m), Some(p), Some(g), Some(src), Some(c)) = (&r[0], &r[1], &r[4], &r[5], &r[6]) else { continue };
        let date = r[2].as_ref().map(value);
        let conf: f64 = value(c).parse().unwrap_or(0.0);
        if conf < f.min_confidence || !keep_article(&value(src), &value(g)) || !in_range(date.as_deref(), f) {
            continue;
        }
        let place = r[3].as_ref().map(value).and_then(|l| nodes.get(&l).and_then(|n| n.en.clone().or(n.hi.clone())));
        let n = nodes.entry(value(m)).or_insert_with(|| record(&value(m), NodeKind::Meeting, "Meeting"));
        if date.is_some() && n.date.is_none() {
            n.date = date.clone();
        }
        let mut parts: Vec<String> = n.detail.clone().map(|d| d.split(" · ").map(String::from).collect()).unwrap_or_default();
        for x in [date.clone(), place].into_iter().flatten() {
            if !parts.contains(&x) {
                parts.push(x);
            }
        }
        n.detail = (!parts.is_empty()).then(|| parts.join(" · "));
        add_edge(&value(p), "participant", &value(m), &value(src), date.as_deref(), conf);
    }
    // deals
    for r in st.select("SELECT ?d ?b ?s ?sys ?v ?cur ?q ?date ?g ?src ?c WHERE {
           GRAPH ?g { ?d a kh:Deal ; kh:buyer ?b ; kh:seller ?s ; kh:system ?sys ; kh:confidence ?c
                      OPTIONAL { ?d kh:value ?v ; kh:currency ?cur } OPTIONAL { ?d kh:quantity ?q } OPTIONAL { ?d kh:date ?date } }
           GRAPH ?g { ?g kh:source ?src } }",
    )? {
        let (Some(d), Some(b), Some(s), Some(sys), Some(g), Some(src), Some(c)) =
            (&r[0], &r[1], &r[2], &r[3], &r[8], &r[9], &r[10])
        else {
            continue;
        };
        let date = r[7].as_ref().map(value);
        let conf: f64 = value(c).parse().unwrap_or(0.0);
        if conf < f.min_confidence || !keep_article(&value(src), &value(g)) || !in_range(date.as_deref(), f) {
            continue;
        }
        let n = nodes.entry(value(d)).or_insert_with(|| record(&value(d), NodeKind::Deal, "Deal"));
        if date.is_some() && n.date.is_none() {
            n.date = date.clone();
        }
        let mut parts: Vec<String> = n.detail.clone().map(|d| d.split(" · ").map(String::from).collect()).unwrap_or_default();
        let amount = match (&r[4], &r[5]) {
            (Some(v), Some(cur)) => value(v).parse::<f64>().ok().map(|v| format!("{} {}", short_amount(v), value(cur))),
            _ => None,
        };
        let qty = r[6].as_ref().map(|q| format!("{} units", value(q)));
        for x in [qty, amount, date.clone()].into_iter().flatten() {
            if !parts.contains(&x) {
                parts.push(x);
            }
        }
        n.detail = (!parts.is_empty()).then(|| parts.join(" · "));
        add_edge(&value(b), "buyer", &value(d), &value(src), date.as_deref(), conf);
        add_edge(&value(d), "seller", &value(s), &value(src), date.as_deref(), conf);
        add_edge(&value(d), "system", &value(sys), &value(src), date.as_deref(), conf);
    }
    Ok(())
}
