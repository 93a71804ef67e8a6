//! Graph: an article and its extraction as RDF quads in the article's named graph.
//!
//! Architecture invariant: graph knows nothing about files or stores. It mints every IRI
//! (entities from their type and id, records from their parts, articles from a content hash), so
//! the same input gives the same quads on every run and machine.
//!
//! Layout: a fact `s kh:REL o` is asserted once, in the shared [`FACTS_GRAPH`], beside its
//! `rdf:Statement` node (an IRI made from the fact itself, so every article that states it
//! names the same node). What each article says of it is in the article's own graph: the
//! statement's `kh:sentence` (each `kh:Sentence` it came from, with its text and character
//! offsets), `kh:rule` and best `kh:confidence`. So a fact costs a few quads per source, the
//! union of all graphs holds each fact once (no `DISTINCT`), and plain SPARQL 1.1 traces any
//! fact to its articles and sentences.

use crate::corpus::Article;
use crate::extract::{Entity, Evidence, Extraction, Object, PartialDate};
use crate::lexicon::EntityType;
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

/// The ontology namespace.
pub const KH: &str = "https://w3id.org/khabar/ontology#";
/// The namespace of entities, records and articles.
pub const ID: &str = "https://w3id.org/khabar/id/";
/// The named graph that describes entities (types and labels), shared by all articles so that
/// queries over the union of graphs see each label once.
pub const ENTITIES_GRAPH: &str = "https://w3id.org/khabar/id/graph/entities";
/// The named graph that asserts each fact once, with its `rdf:Statement` node, shared by all
/// articles; each article's graph says which of these facts it states, where and how.
pub const FACTS_GRAPH: &str = "https://w3id.org/khabar/id/graph/facts";
/// The named graph that holds the ontology in a store.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/khabar/ontology";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const SCHEMA: &str = "https://schema.org/";

/// `kh:` + local name.
pub fn kh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{KH}{local}"))
}

fn id(path: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID}{path}"))
}

/// The IRI of an entity.
pub fn entity_iri(etype: EntityType, id_: &str) -> NamedNode {
    id(&format!("{}/{}", etype.segment(), id_))
}

/// The content hash that names an article (first 16 hex digits of SHA-256 of its text).
pub fn content_hash(text: &str) -> String {
    hex16(&Sha256::digest(text.as_bytes()))
}

/// The first 16 hex digits of a digest.
fn hex16(d: &[u8]) -> String {
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The IRI of a fact's statement node: a function of the fact (a symmetric relation's two
/// directions are one fact).
pub fn fact_iri(s: &NamedNode, p: &NamedNode, o: &Term, symmetric: bool) -> NamedNode {
    let a = s.as_str();
    let b = match o {
        Term::NamedNode(n) => n.as_str().to_string(),
        t => t.to_string(),
    };
    let (a, b) = if symmetric && b.as_str() < a { (b.as_str(), a) } else { (a, b.as_str()) };
    let d = Sha256::digest(format!("{a} {} {b}", p.as_str()).as_bytes());
    id(&format!("fact/{}", hex16(&d)))
}

/// The IRI of an article (and of its named graph).
pub fn article_iri(text: &str) -> NamedNode {
    id(&format!("article/{}", content_hash(text)))
}

/// A subclass of `kh:WeaponSystem` for a lexicon class.
pub fn system_class(class: &str) -> Option<&'static str> {
    Some(match class {
        "fighter" | "bomber" => "CombatAircraft",
        "transport" | "aircraft" => "MilitaryAircraft",
        "helicopter" => "Helicopter",
        "drone" => "Drone",
        "missile" | "cruise_missile" | "ballistic_missile" | "torpedo" => "Missile",
        "air_defence" => "AirDefenceSystem",
        "submarine" => "Submarine",
        "ship" | "carrier" => "Warship",
        "rifle" => "SmallArm",
        "artillery" | "rocket_artillery" => "Artillery",
        "tank" | "armoured_vehicle" => "ArmouredVehicle",
        "engine" => "Engine",
        "radar" => "Radar",
        _ => return None,
    })
}

/// An article's graph: its IRI and its quads.
pub struct ArticleGraph {
    /// The article IRI, also the graph name.
    pub iri: NamedNode,
    /// Which extractor made it (version, lexicon, settings): a store built by another one is
    /// rebuilt, not kept.
    pub extractor: String,
    /// Every quad: the article's statements in its own graph, entity descriptions (types,
    /// labels) in the shared [`ENTITIES_GRAPH`], its facts and their statement nodes in the
    /// shared [`FACTS_GRAPH`].
    pub quads: Vec<Quad>,
}

struct Builder {
    g: GraphName,
    shared: GraphName,
    facts: GraphName,
    quads: Vec<Quad>,
}

impl Builder {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p, o, self.g.clone()));
    }

    /// A statement about an entity itself (type, label), in the shared entities graph.
    fn describe(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p, o, self.shared.clone()));
    }

    /// A fact, or its statement node, in the shared facts graph.
    fn assert(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p, o, self.facts.clone()));
    }
}

fn lang_of(label: &str) -> &'static str {
    if label.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)) {
        "hi"
    } else {
        "en"
    }
}

fn lit_lang(s: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, lang)
}

fn date_literal(d: &PartialDate) -> Literal {
    match d {
        PartialDate::Year(_) => Literal::new_typed_literal(d.iso(), xsd::G_YEAR),
        PartialDate::YearMonth(..) => Literal::new_typed_literal(d.iso(), xsd::G_YEAR_MONTH),
        PartialDate::Day(_) => Literal::new_typed_literal(d.iso(), xsd::DATE),
    }
}

fn decimal(v: f64) -> Literal {
    let mut s = format!("{v:.4}");
    while s.ends_with('0') {
        s.pop();
    }
    // (Oxigraph's canonical form, as a store gives it back: `5000000000`, `0.85`)
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".into();
    }
    Literal::new_typed_literal(s, xsd::DECIMAL)
}

fn integer(v: u64) -> Literal {
    Literal::new_typed_literal(v.to_string(), xsd::INTEGER)
}

/// The quads that describe an article itself (type, source, hash, extractor, text, title, URL,
/// date), in its own graph. The same text read from another source adds its own of these to
/// the same graph.
pub fn article_quads(article: &Article, extractor: &str) -> Vec<Quad> {
    let iri = article_iri(&article.text);
    let hash = content_hash(&article.text);
    let mut b = Builder {
        g: GraphName::NamedNode(iri.clone()),
        shared: GraphName::DefaultGraph,
        facts: GraphName::DefaultGraph,
        quads: Vec::new(),
    };
    let schema = |l: &str| NamedNode::new_unchecked(format!("{SCHEMA}{l}"));
    b.add(iri.clone(), rdf::TYPE.into_owned(), kh("Article"));
    b.add(iri.clone(), kh("source"), Literal::new_simple_literal(&article.source));
    b.add(iri.clone(), kh("contentHash"), Literal::new_simple_literal(&hash));
    b.add(iri.clone(), kh("extractor"), Literal::new_simple_literal(extractor));
    b.add(iri.clone(), kh("text"), lit_lang(&article.text, "hi"));
    if let Some(t) = &article.title {
        b.add(iri.clone(), kh("title"), lit_lang(t, lang_of(t)));
    }
    if let Some(u) = &article.url {
        if let Ok(n) = NamedNode::new(u) {
            b.add(iri.clone(), schema("url"), n);
        }
    }
    if let Some(d) = article.date {
        b.add(iri.clone(), kh("date"), Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE));
    }

    b.quads
}

/// Builds the named graph of one article.
pub fn article_graph(article: &Article, ex: &Extraction, extractor: &str) -> ArticleGraph {
    let iri = article_iri(&article.text);
    let hash = content_hash(&article.text);
    let mut b = Builder {
        g: GraphName::NamedNode(iri.clone()),
        shared: GraphName::NamedNode(NamedNode::new_unchecked(ENTITIES_GRAPH)),
        facts: GraphName::NamedNode(NamedNode::new_unchecked(FACTS_GRAPH)),
        quads: Vec::new(),
    };
    let skos = |l: &str| NamedNode::new_unchecked(format!("{SKOS}{l}"));

    // the article
    b.quads.extend(article_quads(article, extractor));

    // sentences that carry evidence
    let chars: Vec<char> = article.text.chars().collect();
    let sentence_iri = |i: usize| NamedNode::new_unchecked(format!("{}/sentence/{i}", iri.as_str()));
    let mut used: Vec<usize> = ex.facts.iter().map(|f| f.evidence.sentence).collect();
    used.extend(ex.meetings.iter().flat_map(|m| m.evidence.iter().map(|e| e.sentence)));
    used.extend(ex.deals.iter().flat_map(|d| d.evidence.iter().map(|e| e.sentence)));
    used.extend(ex.shares.iter().map(|s| s.evidence.sentence));
    used.sort_unstable();
    used.dedup();
    for &i in &used {
        let Some(span) = ex.sentences.get(i) else { continue };
        let s = sentence_iri(i);
        let text: String = chars[span.start..span.end].iter().collect();
        // (a kh:Sentence by the domain of kh:article; its place in the article is kh:start)
        b.add(s.clone(), kh("article"), iri.clone());
        b.add(s.clone(), kh("text"), lit_lang(&text, "hi"));
        b.add(s.clone(), kh("start"), integer(span.start as u64));
        b.add(s, kh("end"), integer(span.end as u64));
    }

    // entities
    let eiri = |e: &Entity| entity_iri(e.etype, &e.id);
    for e in &ex.entities {
        let n = eiri(e);
        b.describe(n.clone(), rdf::TYPE.into_owned(), kh(e.etype.class()));
        if e.etype == EntityType::WeaponSystem {
            if let Some(c) = e.class.as_deref().and_then(system_class) {
                b.describe(n.clone(), rdf::TYPE.into_owned(), kh(c));
            }
        }
        b.describe(n.clone(), rdfs::LABEL.into_owned(), lit_lang(&e.hi, lang_of(&e.hi)));
        if e.en != e.hi {
            b.describe(n.clone(), rdfs::LABEL.into_owned(), lit_lang(&e.en, "en"));
        }
        for a in &e.alt {
            if a != &e.hi && a != &e.en {
                b.describe(n.clone(), skos("altLabel"), lit_lang(a, lang_of(a)));
            }
        }
        if e.inferred {
            b.describe(n.clone(), kh("foundBy"), Literal::new_simple_literal("context"));
        }
        b.add(n, kh("mentionedIn"), iri.clone());
    }

    // facts: asserted once in the shared graph with their statement node; in the article's
    // graph, what the article says of each: its sentences, rules and best confidence (a fact
    // told in several sentences is one statement with several)
    let mut best: rustc_hash::FxHashMap<NamedNode, f32> = rustc_hash::FxHashMap::default();
    for f in &ex.facts {
        let s = eiri(&ex.entities[f.subject]);
        let p = kh(f.relation.name());
        let o: Term = match &f.object {
            Object::Entity(o) => eiri(&ex.entities[*o]).into(),
            Object::Role(r) => kh(r).into(),
        };
        let st = fact_iri(&s, &p, &o, f.relation.symmetric());
        b.assert(s.clone(), p.clone(), o.clone());
        if f.relation.symmetric() {
            // symmetric relations are materialised both ways, so plain queries need no UNION
            if let Term::NamedNode(on) = &o {
                b.assert(on.clone(), p.clone(), s.clone());
            }
        }
        b.assert(st.clone(), rdf::TYPE.into_owned(), rdf::STATEMENT.into_owned());
        b.assert(st.clone(), rdf::SUBJECT.into_owned(), s);
        b.assert(st.clone(), rdf::PREDICATE.into_owned(), p);
        b.assert(st.clone(), rdf::OBJECT.into_owned(), o);
        b.add(st.clone(), kh("sentence"), sentence_iri(f.evidence.sentence));
        b.add(st.clone(), kh("rule"), Literal::new_simple_literal(f.evidence.rule));
        let c = best.entry(st).or_insert(0.0);
        *c = c.max(f.evidence.confidence);
    }
    let mut best: Vec<(NamedNode, f32)> = best.into_iter().collect();
    best.sort_by(|x, y| x.0.as_str().cmp(y.0.as_str()));
    for (st, c) in best {
        b.add(st, kh("confidence"), decimal(f64::from(c)));
    }

    // records: one node per real-world meeting/deal/share, details in this article's graph
    let ent_id = |i: usize| ex.entities[i].id.clone();
    for m in &ex.meetings {
        let mut parts: Vec<String> = m.participants.iter().map(|p| ent_id(*p)).collect();
        parts.sort();
        let when = m.date.map(|d| d.iso()).unwrap_or_else(|| hash.clone());
        let n = id(&format!("meeting/{}/{when}", parts.join("--")));
        b.add(n.clone(), rdf::TYPE.into_owned(), kh("Meeting"));
        for p in &m.participants {
            b.add(n.clone(), kh("participant"), eiri(&ex.entities[*p]));
        }
        if let Some(d) = &m.date {
            b.add(n.clone(), kh("date"), date_literal(d));
        }
        for p in &m.places {
            b.add(n.clone(), kh("location"), eiri(&ex.entities[*p]));
        }
        record_evidence(&mut b, &n, &m.evidence, &iri, &sentence_iri);
    }
    for d in &ex.deals {
        // one node per deal event: its parties, system, year and stage (an approval and the
        // signing that follows are two records, as the article tells them)
        let year = d.date.iter().map(|x| x.year()).min();
        let stage = match d.status.as_slice() {
            [st] => format!("/{}", st.name().to_lowercase()),
            _ => String::new(),
        };
        let key = format!(
            "deal/{}--{}--{}{}{stage}",
            ent_id(d.buyer),
            ent_id(d.seller),
            ent_id(d.system),
            year.map(|y| format!("/{y}")).unwrap_or_default()
        );
        let n = id(&key);
        b.add(n.clone(), rdf::TYPE.into_owned(), kh("Deal"));
        b.add(n.clone(), kh("buyer"), eiri(&ex.entities[d.buyer]));
        b.add(n.clone(), kh("seller"), eiri(&ex.entities[d.seller]));
        b.add(n.clone(), kh("system"), eiri(&ex.entities[d.system]));
        for q in &d.quantity {
            b.add(n.clone(), kh("quantity"), integer(*q));
        }
        for (v, cur) in &d.value {
            b.add(n.clone(), kh("value"), decimal(*v));
            b.add(n.clone(), kh("currency"), Literal::new_simple_literal(*cur));
        }
        for dt in &d.date {
            b.add(n.clone(), kh("date"), date_literal(dt));
        }
        for st in &d.status {
            b.add(n.clone(), kh("status"), kh(st.name()));
        }
        record_evidence(&mut b, &n, &d.evidence, &iri, &sentence_iri);
    }
    for s in &ex.shares {
        let n = id(&format!("share/{}--{}/{}-{}", ent_id(s.importer), ent_id(s.exporter), s.from, s.to));
        b.add(n.clone(), rdf::TYPE.into_owned(), kh("ImportShare"));
        b.add(n.clone(), kh("importer"), eiri(&ex.entities[s.importer]));
        b.add(n.clone(), kh("exporter"), eiri(&ex.entities[s.exporter]));
        b.add(n.clone(), kh("percent"), decimal(s.percent));
        b.add(n.clone(), kh("periodStart"), Literal::new_typed_literal(format!("{:04}", s.from), xsd::G_YEAR));
        b.add(n.clone(), kh("periodEnd"), Literal::new_typed_literal(format!("{:04}", s.to), xsd::G_YEAR));
        if let Some(src) = s.source {
            b.add(n.clone(), kh("dataSource"), eiri(&ex.entities[src]));
        }
        record_evidence(&mut b, &n, std::slice::from_ref(&s.evidence), &iri, &sentence_iri);
    }
    // each quad once, in the order made (no quad copied to find the repeats)
    let keep: Vec<bool> = {
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(b.quads.len());
        b.quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut k = 0;
    b.quads.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    ArticleGraph { iri, extractor: extractor.to_string(), quads: b.quads }
}

fn record_evidence(
    b: &mut Builder,
    n: &NamedNode,
    evs: &[Evidence],
    article: &NamedNode,
    sentence_iri: &dyn Fn(usize) -> NamedNode,
) {
    let best = evs.iter().map(|e| e.confidence).fold(0.0f32, f32::max);
    b.add(n.clone(), kh("reportedIn"), article.clone());
    b.add(n.clone(), kh("confidence"), decimal(f64::from(best)));
    for e in evs {
        b.add(n.clone(), kh("sentence"), sentence_iri(e.sentence));
        b.add(n.clone(), kh("rule"), Literal::new_simple_literal(e.rule));
    }
}
