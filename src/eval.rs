//! Eval: precision, recall and F1 of the graph against a gold annotation (gold format v1), by the
//! rules of the evaluation document: entities match through label keys, facts through the
//! mapping of their ends, records through their role properties.

use crate::store::{GraphStore, StoreError};
use crate::text;
use oxigraph::model::Term;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

const CORE: [&str; 6] = ["Person", "Country", "Organization", "Place", "WeaponSystem", "Event"];
const RELATIONS: [&str; 17] = [
    "met",
    "holdsRole",
    "represents",
    "headOf",
    "visited",
    "attended",
    "invited",
    "condemned",
    "buys",
    "seeksToBuy",
    "supplies",
    "offers",
    "negotiatesWith",
    "cooperatesWith",
    "usedIn",
    "madeIn",
    "locatedIn",
];
const SYMMETRIC: [&str; 3] = ["met", "negotiatesWith", "cooperatesWith"];
const KH: &str = crate::graph::KH;

/// Errors in a gold file.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// A line is not a valid record.
    #[error("line {line}: {message}")]
    Line {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

#[derive(Debug, Deserialize, Clone)]
struct Rec {
    kind: String,
    id: Option<String>,
    #[serde(rename = "type")]
    etype: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    optional: bool,
    s: Option<String>,
    p: Option<String>,
    o: Option<String>,
    buyer: Option<String>,
    seller: Option<String>,
    system: Option<String>,
    quantity: Option<f64>,
    value: Option<f64>,
    currency: Option<String>,
    date: Option<String>,
    importer: Option<String>,
    exporter: Option<String>,
    percent: Option<f64>,
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    place: Vec<String>,
}

/// A parsed gold file.
pub struct Gold {
    entities: BTreeMap<String, Rec>,
    facts: Vec<Rec>,
    deals: Vec<Rec>,
    shares: Vec<Rec>,
    meetings: Vec<Rec>,
    by_key: HashMap<String, BTreeSet<String>>,
}

impl Gold {
    /// Parses gold JSON Lines.
    pub fn parse(s: &str) -> Result<Gold, GoldError> {
        let mut g = Gold {
            entities: BTreeMap::new(),
            facts: vec![],
            deals: vec![],
            shares: vec![],
            meetings: vec![],
            by_key: HashMap::new(),
        };
        for (n, line) in s.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let r: Rec =
                serde_json::from_str(line).map_err(|e| GoldError::Line { line: n + 1, message: e.to_string() })?;
            match r.kind.as_str() {
                "entity" => {
                    let id =
                        r.id.clone()
                            .ok_or_else(|| GoldError::Line { line: n + 1, message: "entity without id".into() })?;
                    for l in &r.labels {
                        g.by_key.entry(text::key(l)).or_default().insert(id.clone());
                    }
                    g.entities.insert(id, r);
                }
                "fact" => g.facts.push(r),
                "deal" => g.deals.push(r),
                "share" => g.shares.push(r),
                "meeting" => g.meetings.push(r),
                k => return Err(GoldError::Line { line: n + 1, message: format!("unknown kind {k:?}") }),
            }
        }
        Ok(g)
    }

    fn optional(&self, id: &str) -> bool {
        self.entities.get(id).is_some_and(|e| e.optional)
    }

    fn etype(&self, id: &str) -> &str {
        self.entities.get(id).and_then(|e| e.etype.as_deref()).unwrap_or("")
    }
}

/// Precision, recall, F1 and counts.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// System items counted.
    pub system: usize,
    /// Gold items.
    pub gold: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

fn prf(tp: usize, sys: usize, gold: usize) -> Prf {
    let p = if sys > 0 {
        tp as f64 / sys as f64
    } else if gold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if gold > 0 { tp as f64 / gold as f64 } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { tp, system: sys, gold, precision: p, recall: r, f1: f }
}

/// The report.
#[derive(Debug, Serialize, Default)]
pub struct Report {
    /// Entities.
    pub entities: Prf,
    /// Entities by type.
    pub entities_by_type: BTreeMap<String, Prf>,
    /// Facts.
    pub facts: Prf,
    /// Facts by relation.
    pub facts_by_relation: BTreeMap<String, Prf>,
    /// Deals.
    pub deals: Prf,
    /// Import shares.
    pub shares: Prf,
    /// Meetings.
    pub meetings: Prf,
    /// Errors by kind (`facts.missed`, ...).
    pub errors: BTreeMap<String, Vec<String>>,
}

impl Report {
    /// Prints the table (and the errors).
    pub fn print(&self, w: &mut impl Write, errors: bool) -> std::io::Result<()> {
        writeln!(w, "{:<22}{:>7}{:>7}{:>7}{:>5}{:>6}{:>6}", "part", "P", "R", "F1", "tp", "sys", "gold")?;
        let line = |w: &mut dyn Write, n: &str, r: &Prf| {
            writeln!(
                w,
                "{:<22}{:>7.3}{:>7.3}{:>7.3}{:>5}{:>6}{:>6}",
                n, r.precision, r.recall, r.f1, r.tp, r.system, r.gold
            )
        };
        line(w, "entities", &self.entities)?;
        for t in CORE {
            if let Some(r) = self.entities_by_type.get(t) {
                line(w, &format!("  {t}"), r)?;
            }
        }
        line(w, "facts", &self.facts)?;
        for rel in RELATIONS {
            if let Some(r) = self.facts_by_relation.get(rel) {
                line(w, &format!("  {rel}"), r)?;
            }
        }
        line(w, "deals", &self.deals)?;
        line(w, "shares", &self.shares)?;
        line(w, "meetings", &self.meetings)?;
        if errors {
            for (k, v) in &self.errors {
                if !v.is_empty() {
                    writeln!(w, "\n## {k}")?;
                    for x in v {
                        writeln!(w, "  {x}")?;
                    }
                }
            }
        }
        writeln!(w, "entity F1 {:.3} fact F1 {:.3}", self.entities.f1, self.facts.f1)
    }
}

fn local(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => n.as_str().strip_prefix(KH).map(String::from),
        _ => None,
    }
}

fn value(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => b.as_str().to_string(),
    }
}

fn num(t: &Term) -> Option<f64> {
    match t {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

/// Scores the store against the gold set.
pub fn score(st: &GraphStore, gold: &Gold) -> Result<Report, StoreError> {
    let mut report = Report::default();
    // entities
    let mut types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let vals = CORE.iter().map(|t| format!("kh:{t}")).collect::<Vec<_>>().join(" ");
    for r in st.select(&format!("SELECT ?e ?t WHERE {{ VALUES ?t {{ {vals} }} ?e rdf:type/rdfs:subClassOf* ?t . }}"))? {
        if let (Some(e), Some(t)) = (&r[0], &r[1]) {
            types.entry(value(e)).or_default().insert(local(t).unwrap_or_default());
        }
    }
    for r in st.select("SELECT DISTINCT ?e WHERE { VALUES ?t { kh:Meeting kh:Deal kh:ImportShare } ?e rdf:type/rdfs:subClassOf* ?t . }")? {
        if let Some(e) = &r[0] {
            types.remove(&value(e));
        }
    }
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in
        st.select("SELECT ?e ?l WHERE { ?e rdfs:label|skos:prefLabel|skos:altLabel ?l . FILTER(isLiteral(?l)) }")?
    {
        if let (Some(e), Some(l)) = (&r[0], &r[1]) {
            let e = value(e);
            if types.contains_key(&e) {
                labels.entry(e).or_default().insert(value(l));
            }
        }
    }
    let mut mapping: HashMap<String, String> = HashMap::new();
    for (e, ts) in &types {
        let mut votes: BTreeMap<String, usize> = BTreeMap::new();
        for l in labels.get(e).into_iter().flatten() {
            for g in gold.by_key.get(&text::key(l)).into_iter().flatten() {
                *votes.entry(g.clone()).or_default() += 1;
            }
        }
        if let Some((g, _)) = votes.iter().max_by_key(|(g, n)| (**n, ts.contains(gold.etype(g)))) {
            mapping.insert(e.clone(), g.clone());
        }
    }
    let mut found = BTreeSet::new();
    let (mut tp, mut counted) = (0, 0);
    let mut spurious = Vec::new();
    for (e, ts) in &types {
        let gid = mapping.get(e);
        if gid.is_some_and(|g| gold.optional(g)) {
            continue;
        }
        counted += 1;
        match gid {
            Some(g) if ts.contains(gold.etype(g)) && !found.contains(g) => {
                found.insert(g.clone());
                tp += 1;
            }
            _ => {
                let why = match gid {
                    Some(g) if found.contains(g) => format!("duplicate of {g}"),
                    Some(g) => format!("wrong type for {g}"),
                    None => "no gold entity".into(),
                };
                let ls: Vec<&String> = labels.get(e).into_iter().flatten().take(3).collect();
                spurious.push(format!("{ls:?} {ts:?} {why}"));
            }
        }
    }
    let gold_entities: Vec<&String> = gold.entities.iter().filter(|(_, r)| !r.optional).map(|(k, _)| k).collect();
    report.entities = prf(tp, counted, gold_entities.len());
    report.errors.insert("entities.spurious".into(), spurious);
    report.errors.insert(
        "entities.missed".into(),
        gold_entities
            .iter()
            .filter(|g| !found.contains(**g))
            .map(|g| format!("{g} {}", gold.entities[*g].labels.first().cloned().unwrap_or_default()))
            .collect(),
    );
    for t in CORE {
        let g_t: Vec<&&String> = gold_entities.iter().filter(|g| gold.etype(g) == t).collect();
        let tp_t = g_t.iter().filter(|g| found.contains(***g)).count();
        let sys_t = types
            .iter()
            .filter(|(e, ts)| {
                let main = match mapping.get(*e) {
                    Some(g) if ts.contains(gold.etype(g)) => gold.etype(g).to_string(),
                    _ => CORE.iter().find(|c| ts.contains(**c)).map(|c| c.to_string()).unwrap_or_default(),
                };
                main == t && !mapping.get(*e).is_some_and(|g| gold.optional(g))
            })
            .count();
        report.entities_by_type.insert(t.into(), prf(tp_t, sys_t, g_t.len()));
    }

    // facts
    let node = |t: &Term| -> String {
        let v = value(t);
        mapping.get(&v).cloned().unwrap_or(format!("<{v}>"))
    };
    let rel_vals = RELATIONS.iter().map(|r| format!("kh:{r}")).collect::<Vec<_>>().join(" ");
    let mut sys_facts: BTreeSet<(String, String, String)> = BTreeSet::new();
    for r in st.select(&format!("SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {rel_vals} }} ?s ?p ?o . }}"))? {
        let (Some(s), Some(p), Some(o)) = (&r[0], &r[1], &r[2]) else { continue };
        let rel = local(p).unwrap_or_default();
        let gs = node(s);
        let go = if rel == "holdsRole" { local(o).unwrap_or_else(|| format!("<{}>", value(o))) } else { node(o) };
        let (gs, go) = if SYMMETRIC.contains(&rel.as_str()) && gs > go { (go, gs) } else { (gs, go) };
        sys_facts.insert((gs, rel, go));
    }
    let mut gold_req = BTreeSet::new();
    let mut gold_opt = BTreeSet::new();
    for f in &gold.facts {
        let (Some(s), Some(p), Some(o)) = (&f.s, &f.p, &f.o) else { continue };
        let (s, o) =
            if SYMMETRIC.contains(&p.as_str()) && s > o { (o.clone(), s.clone()) } else { (s.clone(), o.clone()) };
        let opt = f.optional
            || gold.optional(&f.s.clone().unwrap_or_default())
            || (p != "holdsRole" && gold.optional(f.o.as_deref().unwrap_or("")));
        if opt {
            gold_opt.insert((s, p.clone(), o));
        } else {
            gold_req.insert((s, p.clone(), o));
        }
    }
    let gold_opt: BTreeSet<_> = gold_opt.difference(&gold_req).cloned().collect();
    let counted: Vec<&(String, String, String)> = sys_facts
        .iter()
        .filter(|f| !(gold_opt.contains(*f) || gold.optional(&f.0) || f.1 != "holdsRole" && gold.optional(&f.2)))
        .collect();
    let tp = counted.iter().filter(|f| gold_req.contains(**f)).count();
    report.facts = prf(tp, counted.len(), gold_req.len());
    for rel in RELATIONS {
        let g = gold_req.iter().filter(|f| f.1 == rel).count();
        let c: Vec<_> = counted.iter().filter(|f| f.1 == rel).collect();
        if g > 0 || !c.is_empty() {
            report
                .facts_by_relation
                .insert(rel.into(), prf(c.iter().filter(|f| gold_req.contains(***f)).count(), c.len(), g));
        }
    }
    let show = |f: &(String, String, String)| format!("{} {} {}", f.0, f.1, f.2);
    report.errors.insert("facts.missed".into(), gold_req.iter().filter(|f| !counted.contains(f)).map(show).collect());
    report
        .errors
        .insert("facts.spurious".into(), counted.iter().filter(|f| !gold_req.contains(**f)).map(|f| show(f)).collect());

    // records
    type Record = BTreeMap<String, Vec<Term>>;
    let collect = |cls: &str, props: &[&str]| -> Result<BTreeMap<String, Record>, StoreError> {
        let pv = props.iter().map(|p| format!("kh:{p}")).collect::<Vec<_>>().join(" ");
        let mut recs: BTreeMap<String, Record> = BTreeMap::new();
        for r in st.select(&format!("SELECT ?n WHERE {{ ?n rdf:type/rdfs:subClassOf* kh:{cls} }}"))? {
            if let Some(n) = &r[0] {
                recs.entry(value(n)).or_default();
            }
        }
        for r in st.select(&format!(
            "SELECT ?n ?p ?v WHERE {{ ?n rdf:type/rdfs:subClassOf* kh:{cls} . VALUES ?p {{ {pv} }} ?n ?p ?v . }}"
        ))? {
            if let (Some(n), Some(p), Some(v)) = (&r[0], &r[1], &r[2]) {
                recs.entry(value(n)).or_default().entry(local(p).unwrap_or_default()).or_default().push(v.clone());
            }
        }
        Ok(recs)
    };
    let ids = |vals: Option<&Vec<Term>>| -> BTreeSet<String> {
        vals.into_iter().flatten().filter_map(|v| mapping.get(&value(v)).cloned()).collect()
    };
    let date_ok = |vals: Option<&Vec<Term>>, want: &str| vals.into_iter().flatten().any(|v| value(v).starts_with(want));
    let nums = |vals: Option<&Vec<Term>>| -> Vec<f64> { vals.into_iter().flatten().filter_map(num).collect() };

    let deals = collect("Deal", &["buyer", "seller", "system", "quantity", "value", "currency", "date"])?;
    let deal_core = |d: &Record, g: &Rec| {
        g.buyer.as_ref().is_some_and(|b| ids(d.get("buyer")).contains(b))
            && g.seller.as_ref().is_some_and(|b| ids(d.get("seller")).contains(b))
            && g.system.as_ref().is_some_and(|b| ids(d.get("system")).contains(b))
    };
    let deal_full = |d: &Record, g: &Rec| {
        deal_core(d, g)
            && g.quantity.is_none_or(|q| nums(d.get("quantity")).contains(&q))
            && g.value.is_none_or(|v| nums(d.get("value")).iter().any(|x| (x - v).abs() <= 0.005 * v))
            && g.currency
                .as_ref()
                .is_none_or(|c| d.get("currency").into_iter().flatten().any(|v| value(v).eq_ignore_ascii_case(c)))
            && g.date.as_ref().is_none_or(|w| date_ok(d.get("date"), w))
    };
    report.deals = nary(&deals, &gold.deals, &deal_core, &deal_full, &mut report.errors, "deals");
    let shares = collect("ImportShare", &["importer", "exporter", "percent", "periodStart", "periodEnd"])?;
    let share_full = |d: &Record, g: &Rec| {
        g.importer.as_ref().is_some_and(|b| ids(d.get("importer")).contains(b))
            && g.exporter.as_ref().is_some_and(|b| ids(d.get("exporter")).contains(b))
            && g.percent.is_some_and(|p| nums(d.get("percent")).contains(&p))
            && g.from.as_ref().is_some_and(|w| date_ok(d.get("periodStart"), w))
            && g.to.as_ref().is_some_and(|w| date_ok(d.get("periodEnd"), w))
    };
    report.shares = nary(&shares, &gold.shares, &share_full, &share_full, &mut report.errors, "shares");
    let meetings = collect("Meeting", &["participant", "date", "location"])?;
    let meet_core = |d: &Record, g: &Rec| {
        let have = ids(d.get("participant"));
        g.participants.iter().all(|p| have.contains(p))
    };
    let meet_full = |d: &Record, g: &Rec| {
        meet_core(d, g)
            && g.date.as_ref().is_none_or(|w| date_ok(d.get("date"), w))
            && (g.place.is_empty() || !ids(d.get("location")).is_disjoint(&g.place.iter().cloned().collect()))
    };
    report.meetings = nary(&meetings, &gold.meetings, &meet_core, &meet_full, &mut report.errors, "meetings");
    Ok(report)
}

type Matcher<'a> = dyn Fn(&BTreeMap<String, Vec<Term>>, &Rec) -> bool + 'a;

fn nary(
    records: &BTreeMap<String, BTreeMap<String, Vec<Term>>>,
    golds: &[Rec],
    core: &Matcher,
    full: &Matcher,
    errors: &mut BTreeMap<String, Vec<String>>,
    name: &str,
) -> Prf {
    let req: Vec<&Rec> = golds.iter().filter(|g| !g.optional).collect();
    let found: Vec<&&Rec> = req.iter().filter(|g| records.values().any(|d| full(d, g))).collect();
    let matched = records.values().filter(|d| golds.iter().any(|g| core(d, g))).count();
    let mut r = prf(found.len(), records.len(), req.len());
    r.precision = if records.is_empty() {
        if req.is_empty() {
            1.0
        } else {
            0.0
        }
    } else {
        matched as f64 / records.len() as f64
    };
    r.f1 = if r.precision + r.recall > 0.0 { 2.0 * r.precision * r.recall / (r.precision + r.recall) } else { 0.0 };
    errors.insert(
        format!("{name}.missed"),
        req.iter().filter(|g| !found.iter().any(|f| std::ptr::eq(**f, **g))).map(|g| format!("{g:?}")).collect(),
    );
    errors.insert(
        format!("{name}.spurious"),
        records.iter().filter(|(_, d)| !golds.iter().any(|g| core(d, g))).map(|(n, _)| n.clone()).collect(),
    );
    r
}
