//! Ask: questions in Hindi or English, read as a template over the graph's own vocabulary, run
//! as SPARQL, answered with the article and sentence of every answer.
//!
//! A question is read for three things: the names in it (through the lexicon and the same
//! matching as extraction: spelling variants, oblique forms, a state's adjective, an office), the
//! relation it asks about and its question word (cues in `ontology/patterns/questions.tsv`), and
//! a date or period. A template that fits them becomes one SPARQL query. A question that fits no
//! template is not guessed at: the caller gets what was understood and an example.
//!
//! Architecture invariant: ask knows the graph only through SPARQL (the query it runs is the one
//! it shows), so an answer can always be checked by running that query.

use crate::extract::grammar;
use crate::graph::{entity_iri, FACTS_GRAPH, KH};
use crate::lexicon::{EntityType, Lexicon, Target};
use crate::store::{GraphStore, StoreError};
use crate::text;
use oxigraph::model::Term;
use serde::Serialize;
use std::collections::BTreeMap;

/// The question cues, as written in `ontology/patterns/questions.tsv`.
pub const QUESTIONS_TSV: &str = include_str!("../ontology/patterns/questions.tsv");
/// English adjectives of states, as written in `ontology/patterns/demonyms.tsv`.
pub const DEMONYMS_TSV: &str = include_str!("../ontology/patterns/demonyms.tsv");

/// What a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Relation {
    /// Meetings.
    Met,
    /// Visits.
    Visited,
    /// Buying.
    Buys,
    /// Wishes to buy.
    Seeks,
    /// Offers.
    Offers,
    /// Supplying, selling.
    Supplies,
    /// Where a system is made.
    Makes,
    /// Deal records.
    Deals,
    /// Import shares.
    Shares,
    /// Condemnations.
    Condemned,
    /// What happened in a period.
    Happened,
    /// How two entities are connected.
    Connected,
    /// Cooperation between states.
    Cooperates,
    /// Attending an event.
    Attended,
}

impl Relation {
    fn from_cue(c: &str) -> Option<Relation> {
        Some(match c {
            "met" => Relation::Met,
            "visited" => Relation::Visited,
            "buys" => Relation::Buys,
            "seeks" => Relation::Seeks,
            "offers" => Relation::Offers,
            "supplies" => Relation::Supplies,
            "makes" => Relation::Makes,
            "deals" => Relation::Deals,
            "shares" => Relation::Shares,
            "condemned" => Relation::Condemned,
            "happened" => Relation::Happened,
            "connected" => Relation::Connected,
            "cooperates" => Relation::Cooperates,
            "attended" => Relation::Attended,
            _ => return None,
        })
    }
}

/// The question word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum QWord {
    /// who
    Who,
    /// whom
    Whom,
    /// what, which
    What,
    /// when
    When,
    /// where
    Where,
    /// how many, how much
    HowMany,
}

/// A name found in the question.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// Its type (`Person`, `Country`, ...).
    #[serde(rename = "type")]
    pub etype: &'static str,
    /// Its IRI.
    pub iri: String,
    /// English label.
    pub label: String,
    /// Hindi label.
    pub label_hi: String,
    /// Followed by `से` / preceded by `from`: the other party of a trade (the seller).
    #[serde(skip)]
    from: bool,
    /// Followed by `को` / preceded by `to`: the receiving party.
    #[serde(skip)]
    to: bool,
    #[serde(skip)]
    kind: EntityType,
}

/// What was read in a question.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Understood {
    /// The names, in the order written.
    pub entities: Vec<Named>,
    /// An office (`DefenceMinister`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// The relation asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// The question word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question_word: Option<QWord>,
    /// A date or period (`2025`, `2025-12`, `2025-12-04`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The answer asked for is a state (`किन देशों से`, `which countries`).
    #[serde(skip)]
    asks_state: bool,
    /// The answer asked for is a price (`कीमत`, `value`).
    #[serde(skip)]
    asks_value: bool,
    /// A yes-or-no question (`क्या भारत ने एस-400 खरीदा?`, `Did Modi meet Putin?`).
    #[serde(skip)]
    yes_no: bool,
}

/// One value of an answer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Value {
    /// The entity's IRI (none for a literal: a date, a number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iri: Option<String>,
    /// English label (or the literal).
    pub label: String,
    /// Hindi label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_hi: Option<String>,
}

/// Where an answer was read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The article (its source: file, URL or id).
    pub article: String,
    /// The sentence.
    pub sentence: String,
    /// The article's IRI (its named graph).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_iri: Option<String>,
    /// The sentence's IRI (`ARTICLE/sentence/N`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence_iri: Option<String>,
}

/// One answer: its values by variable, and its sources.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// Values by variable.
    pub values: BTreeMap<String, Value>,
    /// Articles and sentences.
    pub sources: Vec<Source>,
}

/// A question answered.
#[derive(Debug, Clone, Serialize)]
pub struct Answers {
    /// The question.
    pub question: String,
    /// What was understood.
    pub understood: Understood,
    /// The SPARQL that was run.
    pub sparql: String,
    /// The answer variables, in order.
    pub vars: Vec<String>,
    /// The answers.
    pub answers: Vec<Answer>,
}

/// Why a question got no answer.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    /// No template fits what was understood.
    #[error("{message}")]
    NotUnderstood {
        /// What is missing.
        message: String,
        /// What was understood.
        understood: Box<Understood>,
        /// A question of the same kind that can be answered.
        example: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Question cues: by cue name, its forms as sequences of word keys.
pub struct Cues {
    cues: Vec<(String, Vec<Vec<String>>)>,
}

/// The key of a word in a question: Hindi as the lexicon keys it, English in lower case.
fn word_key(w: &str) -> String {
    text::key(&w.to_lowercase())
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(text::is_word_char(c) || c == '-'))
        .filter(|w| !w.is_empty())
        .map(word_key)
        .filter(|w| !w.is_empty())
        .collect()
}

impl Cues {
    /// Parses the cue file (`cue<TAB>form|form...`).
    pub fn parse(tsv: &str) -> Result<Cues, String> {
        let mut cues = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("cue\t") {
                continue;
            }
            let (cue, forms) = line
                .split_once('\t')
                .ok_or_else(|| format!("patterns/questions.tsv:{}: expected cue<TAB>forms", n + 1))?;
            let forms: Vec<Vec<String>> = forms.split('|').map(words).filter(|f| !f.is_empty()).collect();
            if Relation::from_cue(cue).is_none() && !cue.starts_with("q_") {
                return Err(format!("patterns/questions.tsv:{}: unknown cue `{cue}`", n + 1));
            }
            cues.push((cue.to_string(), forms));
        }
        Ok(Cues { cues })
    }

    /// The built-in cues, parsed once.
    pub fn embedded() -> &'static Cues {
        static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        CUES.get_or_init(|| Cues::parse(QUESTIONS_TSV).unwrap_or_else(|e| panic!("built-in question cues: {e}")))
    }

    /// The cues found in a question's words, with the position of each, in the file's order.
    fn found(&self, ws: &[String]) -> Vec<(&str, usize, usize)> {
        let mut out = Vec::new();
        for (cue, forms) in &self.cues {
            for f in forms {
                if let Some(i) = (0..ws.len()).find(|&i| ws[i..].starts_with(f)) {
                    out.push((cue.as_str(), i, f.len()));
                    break;
                }
            }
        }
        out
    }
}

/// Reads a question.
pub fn understand(lex: &Lexicon, cues: &Cues, question: &str) -> Understood {
    let (chars, names) = crate::extract::names_in(lex, question);
    let mut u = Understood::default();
    let text: String = chars.iter().collect();
    // the words after each name (its postposition) and before it (an English preposition)
    let after = |end: usize| -> Option<String> {
        let rest: String = chars[end..].iter().collect();
        words(&rest).into_iter().next()
    };
    let before = |start: usize| -> Option<String> {
        let head: String = chars[..start].iter().collect();
        words(&head).pop()
    };
    for (a, b, t) in &names {
        match *t {
            Target::Entity(e) | Target::Adjective(e) => {
                let entry = &lex.entries[e];
                let iri = entity_iri(entry.etype, &entry.id).as_str().to_string();
                if u.entities.iter().any(|n| n.iri == iri) {
                    continue;
                }
                let next = after(*b);
                let prev = before(*a);
                u.entities.push(Named {
                    etype: entry.etype.class(),
                    iri,
                    label: entry.en.clone(),
                    label_hi: entry.hi.first().cloned().unwrap_or_default(),
                    from: next.as_deref() == Some("से") || prev.as_deref() == Some("from"),
                    to: next.as_deref() == Some("को") || prev.as_deref() == Some("to"),
                    kind: entry.etype,
                });
            }
            Target::Role(r) => {
                // an office written before a name is the name's title (`रक्षा मंत्री राजनाथ सिंह`)
                let titled = names.iter().any(|(a2, _, t2)| {
                    matches!(t2, Target::Entity(e) if lex.entries[*e].etype == EntityType::Person)
                        && *a2 >= *b
                        && chars[*b..*a2].iter().all(|c| c.is_whitespace())
                });
                if !titled {
                    u.office = u.office.take().or(Some(lex.roles[r].id.clone()));
                }
            }
        }
    }
    // people named in English by one of their names alone (`Modi`, `Rajnath`, `Jaishankar`),
    // when one person has it; states by their English adjective (`the Russian defence minister`)
    let qwords: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    let lowered = format!(" {} ", qwords.iter().filter(|w| !w.is_empty()).cloned().collect::<Vec<_>>().join(" "));
    let mut english: Vec<usize> = Vec::new();
    for line in DEMONYMS_TSV.lines().filter(|l| !l.starts_with('#') && !l.starts_with("id\t")) {
        let Some((id, adjectives)) = line.split_once('\t') else { continue };
        if adjectives.split('|').any(|a| lowered.contains(&format!(" {} ", a.to_lowercase()))) {
            english.extend(lex.get(EntityType::Country, id));
        }
    }
    for w in qwords.iter().filter(|w| w.len() > 3 && w.is_ascii()) {
        let mut found =
            lex.entries.iter().enumerate().filter(|(_, e)| e.etype == EntityType::Person).filter(|(_, e)| {
                e.en.split(|c: char| !c.is_alphanumeric()).any(|part| part.len() > 3 && part.to_lowercase() == *w)
            });
        let (Some((i, _)), None) = (found.next(), found.next()) else { continue };
        english.push(i);
    }
    for i in english {
        let entry = &lex.entries[i];
        let iri = entity_iri(entry.etype, &entry.id).as_str().to_string();
        if !u.entities.iter().any(|n| n.iri == iri) {
            u.entities.push(Named {
                etype: entry.etype.class(),
                iri,
                label: entry.en.clone(),
                label_hi: entry.hi.first().cloned().unwrap_or_default(),
                from: false,
                to: false,
                kind: entry.etype,
            });
        }
    }
    // offices written in English
    if u.office.is_none() {
        let lower = format!(" {} ", words(&text).join(" "));
        u.office = lex
            .roles
            .iter()
            .filter(|r| lower.contains(&format!(" {} ", words(&r.en).join(" "))))
            .max_by_key(|r| r.en.len())
            .map(|r| r.id.clone());
    }
    // cues, outside the names
    let mut masked = chars.clone();
    for (a, b, _) in &names {
        for c in &mut masked[*a..*b] {
            *c = ' ';
        }
    }
    let ws = words(&masked.iter().collect::<String>());
    let found = cues.found(&ws);
    u.question_word = found.iter().find_map(|(c, _, _)| match *c {
        "q_whom" => Some(QWord::Whom),
        "q_when" => Some(QWord::When),
        "q_where" => Some(QWord::Where),
        "q_howmany" => Some(QWord::HowMany),
        _ => None,
    });
    if u.question_word.is_none() {
        u.question_word = found.iter().find_map(|(c, _, _)| match *c {
            "q_who" => Some(QWord::Who),
            "q_what" => Some(QWord::What),
            _ => None,
        });
    }
    u.relation = found.iter().find_map(|(c, _, _)| Relation::from_cue(c));
    u.asks_state = found.iter().any(|(c, _, _)| *c == "q_state");
    u.asks_value = found.iter().any(|(c, _, _)| *c == "q_value");
    let first = words(question).into_iter().next().unwrap_or_default();
    u.yes_no = matches!(first.as_str(), "क्या" | "did" | "does" | "do" | "has" | "have" | "is" | "was" | "were" | "had")
        && u.question_word.is_none_or(|q| q == QWord::What);
    // a date or period
    let toks = text::tokenize(&chars, 0, chars.len());
    u.period = grammar::dates(&toks, None).first().map(|d| d.date.iso()).or_else(|| {
        words(&text).into_iter().find(|w| w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit()))
    });
    u
}

/// Answers a question from the store.
pub fn ask(store: &GraphStore, lex: &Lexicon, cues: &Cues, question: &str) -> Result<Answers, AskError> {
    let u = understand(lex, cues, question);
    let plan = plan(&u)?;
    let rows = store.select(&plan.sparql)?;
    let labels = labels_of(store, &rows)?;
    let vars = plan.vars.clone();
    let mut answers: Vec<Answer> = Vec::new();
    let mut index: BTreeMap<Vec<Value>, usize> = BTreeMap::new();
    let cols = plan.columns();
    for row in rows {
        let get = |name: &str| cols.iter().position(|c| c == name).and_then(|i| row.get(i).cloned().flatten());
        let mut values = BTreeMap::new();
        let mut key = Vec::new();
        for v in &vars {
            let Some(t) = get(v) else {
                key.push(Value { iri: None, label: String::new(), label_hi: None });
                continue;
            };
            let value = match &t {
                Term::NamedNode(n) => {
                    let (en, hi) = labels.get(n.as_str()).cloned().unwrap_or_default();
                    Value {
                        iri: Some(n.as_str().to_string()),
                        label: en.or_else(|| hi.clone()).unwrap_or_else(|| local_name(n.as_str())),
                        label_hi: hi,
                    }
                }
                other => Value { iri: None, label: literal(other), label_hi: None },
            };
            key.push(value.clone());
            values.insert(v.clone(), value);
        }
        let source = match (get("article"), get("sentence")) {
            (Some(a), Some(s)) => Some(Source {
                article: literal(&a),
                sentence: literal(&s),
                article_iri: get("g").map(|t| literal(&t)),
                sentence_iri: get("sn").map(|t| literal(&t)),
            }),
            _ => None,
        };
        let i = *index.entry(key).or_insert_with(|| {
            answers.push(Answer { values, sources: Vec::new() });
            answers.len() - 1
        });
        if let Some(s) = source {
            if !answers[i].sources.contains(&s) {
                answers[i].sources.push(s);
            }
        }
    }
    for a in &mut answers {
        a.sources.sort();
    }
    Ok(Answers { question: question.to_string(), understood: u, sparql: plan.sparql, vars, answers })
}

/// The English and Hindi labels of the IRIs in the rows (the first of each, in order).
#[allow(clippy::type_complexity)]
fn labels_of(
    store: &GraphStore,
    rows: &[Vec<Option<Term>>],
) -> Result<BTreeMap<String, (Option<String>, Option<String>)>, StoreError> {
    let mut iris: Vec<String> = rows
        .iter()
        .flatten()
        .filter_map(|t| match t {
            Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect();
    iris.sort();
    iris.dedup();
    let mut out: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    for chunk in iris.chunks(500) {
        let values: String = chunk.iter().map(|i| format!("<{i}> ")).collect();
        let q = format!(
            "SELECT ?x ?l WHERE {{ VALUES ?x {{ {values}}} ?x rdfs:label ?l FILTER(LANG(?l) IN (\"en\", \"hi\")) }} ORDER BY ?x STR(?l)"
        );
        for row in store.select(&q)? {
            let (Some(Some(Term::NamedNode(x))), Some(Some(Term::Literal(l)))) = (row.first(), row.get(1)) else {
                continue;
            };
            let e = out.entry(x.as_str().to_string()).or_default();
            match l.language() {
                Some("en") if e.0.is_none() => e.0 = Some(l.value().to_string()),
                Some("hi") if e.1.is_none() => e.1 = Some(l.value().to_string()),
                _ => {}
            }
        }
    }
    Ok(out)
}

fn literal(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => n.as_str().to_string(),
        other => other.to_string(),
    }
}

fn local_name(iri: &str) -> String {
    iri.rsplit(['/', '#']).next().unwrap_or(iri).replace('_', " ")
}

/// A query and its answer variables.
struct Plan {
    sparql: String,
    vars: Vec<String>,
}

impl Plan {
    /// The query's projected columns, in order (answer variables, their labels, the source).
    fn columns(&self) -> Vec<String> {
        let head = self.sparql.split("WHERE").next().unwrap_or("");
        head.split_whitespace().filter_map(|w| w.strip_prefix('?')).map(str::to_string).collect()
    }
}

/// The articles and sentences that state a fact `S P O` (terms or variables); a symmetric
/// relation's statement may name the two either way.
fn fact_source(s: &str, p: &str, o: &str, symmetric: bool) -> String {
    let statement = if symmetric {
        format!(
            "{{ ?st rdf:subject {s} ; rdf:object {o} }} UNION {{ ?st rdf:subject {o} ; rdf:object {s} }} ?st rdf:predicate {p} ."
        )
    } else {
        format!("?st rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} .")
    };
    format!(
        "  GRAPH <{FACTS_GRAPH}> {{ {statement} }}\n  GRAPH ?g {{ ?st kh:sentence ?sn }}\n  \
         ?sn kh:text ?sentence . ?g kh:source ?article .\n"
    )
}

/// The articles and sentences of a record `?r` (a meeting, deal or share) in graph `?g`.
const RECORD_SOURCE: &str = "  ?sn kh:text ?sentence . ?g kh:source ?article .\n";

fn select(vars: &[&str], body: &str, order: &str) -> Plan {
    let mut head = String::from("SELECT DISTINCT");
    for v in vars {
        head.push_str(&format!(" ?{v}"));
    }
    head.push_str(" ?article ?sentence ?g ?sn");
    Plan {
        sparql: format!("{head} WHERE {{\n{body}}}\nORDER BY {order} ?article ?sentence\nLIMIT 2000"),
        vars: vars.iter().map(|v| v.to_string()).collect(),
    }
}

fn iri(n: &Named) -> String {
    format!("<{}>", n.iri)
}

const EXAMPLES: &[&str] = &[
    "राजनाथ सिंह किससे मिले?",
    "रूस के रक्षा मंत्री कौन हैं?",
    "भारत क्या खरीदता है?",
    "Who supplies the S-400?",
    "एस-400 के सौदे",
    "Where did Narendra Modi visit?",
    "भारत के हथियार आयात में रूस का हिस्सा कितना है?",
];

fn not_understood(u: &Understood, message: &str, example: &str) -> AskError {
    AskError::NotUnderstood {
        message: message.to_string(),
        understood: Box::new(u.clone()),
        example: example.to_string(),
    }
}

/// The template that fits what was understood; an answer asked for as a state
/// (`किन देशों`, `which countries`) is one.
fn plan(u: &Understood) -> Result<Plan, AskError> {
    let mut p = template(u)?;
    if u.asks_state {
        if let (Some(v), Some(at)) = (p.vars.first(), p.sparql.rfind("}\nORDER BY")) {
            if !matches!(v.as_str(), "date" | "quantity" | "percent" | "kind" | "relation") {
                p.sparql.insert_str(at, &format!("  ?{v} a kh:Country .\n"));
            }
        }
    }
    Ok(p)
}

/// A yes-or-no question about one fact: "yes" with the fact's sources, or no answer (the graph
/// never says no: it only lacks what was not read).
fn yes_no(u: &Understood) -> Option<Plan> {
    if !u.yes_no {
        return None;
    }
    let first = |k: EntityType| u.entities.iter().find(|n| n.kind == k);
    let party = u.entities.iter().find(|n| matches!(n.kind, EntityType::Country | EntityType::Organization));
    let (s, p, o, symmetric) = match u.relation? {
        r @ (Relation::Buys | Relation::Seeks | Relation::Offers | Relation::Supplies) => {
            let p = match r {
                Relation::Buys => "kh:buys",
                Relation::Seeks => "kh:seeksToBuy",
                Relation::Offers => "kh:offers",
                _ => "kh:supplies",
            };
            // (the subject: not the one sold to, for a supply; not the one bought from, for a
            // purchase)
            let giving = matches!(r, Relation::Offers | Relation::Supplies);
            let subject = u
                .entities
                .iter()
                .filter(|n| matches!(n.kind, EntityType::Country | EntityType::Organization))
                .find(|n| if giving { !n.to } else { !n.from })
                .or(party)?;
            (subject, p, first(EntityType::WeaponSystem)?, false)
        }
        Relation::Met => {
            let mut people = u.entities.iter().filter(|n| n.kind == EntityType::Person);
            (people.next()?, "kh:met", people.next()?, true)
        }
        Relation::Visited => {
            let place = u.entities.iter().find(|n| matches!(n.kind, EntityType::Place | EntityType::Country))?;
            (first(EntityType::Person)?, "kh:visited", place, false)
        }
        Relation::Makes => (first(EntityType::WeaponSystem)?, "kh:madeIn", party?, false),
        Relation::Condemned => (u.entities.first()?, "kh:condemned", first(EntityType::Event)?, false),
        _ => return None,
    };
    let (s, o) = (iri(s), iri(o));
    let body = format!("  {s} {p} {o} .\n  BIND(\"yes\" AS ?answer)\n{}", fact_source(&s, p, &o, symmetric));
    Some(select(&["answer"], &body, "?answer"))
}

/// The query for what was understood.
fn template(u: &Understood) -> Result<Plan, AskError> {
    if let Some(p) = yes_no(u) {
        return Ok(p);
    }
    let of = |k: EntityType| u.entities.iter().filter(move |n| n.kind == k);
    let people: Vec<&Named> = of(EntityType::Person).collect();
    let states: Vec<&Named> = of(EntityType::Country).collect();
    let systems: Vec<&Named> = of(EntityType::WeaponSystem).collect();
    let places: Vec<&Named> =
        u.entities.iter().filter(|n| matches!(n.kind, EntityType::Place | EntityType::Country)).collect();
    let parties: Vec<&Named> =
        u.entities.iter().filter(|n| matches!(n.kind, EntityType::Country | EntityType::Organization)).collect();
    let qw = u.question_word;
    // an office of a state stands for whoever holds it there
    let holder = u.office.as_ref().map(|r| {
        let state = states.first().map(|s| format!(" ?x kh:represents {} .", iri(s))).unwrap_or_default();
        format!("  ?x kh:holdsRole kh:{r} .{state}\n")
    });
    let relation = u.relation.or_else(|| {
        // no relation word: a question word and the names tell
        match (qw, people.len(), systems.len()) {
            (Some(QWord::Whom), 1.., _) => Some(Relation::Met),
            (None | Some(QWord::What | QWord::HowMany), 0, 1..) if u.office.is_none() => Some(Relation::Deals),
            _ => None,
        }
    });
    match relation {
        None if u.office.is_none() && people.len() == 1 && matches!(qw, Some(QWord::Who)) => {
            // "बेलौसोव कौन हैं?": the offices a person holds, and for which state
            let p = iri(people[0]);
            let body = format!(
                "  {p} kh:holdsRole ?office .\n  OPTIONAL {{ {p} kh:represents ?state }}\n{}",
                fact_source(&p, "kh:holdsRole", "?office", false)
            );
            Ok(select(&["office", "state"], &body, "?office"))
        }
        None if u.office.is_some() => {
            let r = u.office.as_deref().unwrap_or_default();
            if states.is_empty() {
                return Err(not_understood(u, "an office of which state? name the state", "रूस के रक्षा मंत्री कौन हैं?"));
            }
            let state_filter =
                states.first().map(|s| format!("  ?person kh:represents {} .\n", iri(s))).unwrap_or_default();
            let body = format!(
                "  ?person kh:holdsRole kh:{r} .\n{state_filter}  OPTIONAL {{ ?person kh:represents ?state }}\n{}",
                fact_source("?person", "kh:holdsRole", &format!("kh:{r}"), false)
            );
            Ok(select(&["person", "state"], &body, "?person"))
        }
        Some(Relation::Met) => {
            if people.len() >= 2 || (people.len() == 1 && holder.is_some()) {
                // when and where two met
                let a = iri(people[0]);
                let b = people.get(1).map(|p| iri(p)).unwrap_or_else(|| "?x".into());
                let hold = if people.len() == 1 { holder.clone().unwrap_or_default() } else { String::new() };
                // (asked when, or where: only the meetings that say so)
                let need = match qw {
                    Some(QWord::When) => "  FILTER(BOUND(?date))\n",
                    Some(QWord::Where) => "  FILTER(BOUND(?place))\n",
                    _ => "",
                };
                // (a state is no answer beside a city of the same meeting: "नई दिल्ली", not also "भारत")
                let finer = "  FILTER NOT EXISTS { ?place a kh:Country . GRAPH ?g { ?m kh:location ?finer } \
                             FILTER(?finer != ?place) FILTER NOT EXISTS { ?finer a kh:Country } }\n";
                let body = format!(
                    "{hold}  GRAPH ?g {{ ?m a kh:Meeting ; kh:participant {a} , {b} ; kh:sentence ?sn .\n    \
                     OPTIONAL {{ ?m kh:date ?date }} OPTIONAL {{ ?m kh:location ?place }} }}\n{finer}{need}{RECORD_SOURCE}"
                );
                return Ok(select(&["date", "place"], &body, "?date"));
            }
            let subject = match (people.first(), &holder, parties.first()) {
                (Some(p), _, _) => (iri(p), String::new()),
                (None, Some(h), _) => ("?x".to_string(), h.clone()),
                (None, None, Some(s)) => (iri(s), String::new()),
                _ => return Err(not_understood(u, "whose meetings? name a person", "राजनाथ सिंह किससे मिले?")),
            };
            let (s, hold) = subject;
            let body = format!(
                "{hold}  {s} kh:met ?who .\n{}  OPTIONAL {{ GRAPH ?g {{ ?m a kh:Meeting ; kh:participant {s} , ?who . \
                 OPTIONAL {{ ?m kh:date ?date }} OPTIONAL {{ ?m kh:location ?place }} }} }}\n",
                fact_source(&s, "kh:met", "?who", true)
            );
            Ok(select(&["who", "date", "place"], &body, "?who ?date"))
        }
        Some(Relation::Visited) => {
            if let (Some(p), Some(QWord::When)) = (people.first(), qw) {
                // when: the days of the person's meetings there (in the place, or in a place
                // that lies in it)
                let p = iri(p);
                let place = match places.first() {
                    Some(x) => {
                        format!("  FILTER(?place = {x} || EXISTS {{ ?place kh:locatedIn {x} }})\n", x = iri(x))
                    }
                    None => String::new(),
                };
                let body = format!(
                    "  GRAPH ?g {{ ?m a kh:Meeting ; kh:participant {p} ; kh:date ?date ; kh:location ?place ; kh:sentence ?sn }}\n\
                     {place}{RECORD_SOURCE}"
                );
                return Ok(select(&["date", "place"], &body, "?date"));
            }
            if let (Some(p), false) = (people.first(), matches!(qw, Some(QWord::Who))) {
                let body = format!(
                    "  {} kh:visited ?place .\n{}",
                    iri(p),
                    fact_source(&iri(p), "kh:visited", "?place", false)
                );
                return Ok(select(&["place"], &body, "?place"));
            }
            if let Some(h) = &holder {
                let body = format!("{h}  ?x kh:visited ?place .\n{}", fact_source("?x", "kh:visited", "?place", false));
                return Ok(select(&["x", "place"], &body, "?place"));
            }
            if let Some(pl) = places.first() {
                let body =
                    format!("  ?who kh:visited {} .\n{}", iri(pl), fact_source("?who", "kh:visited", &iri(pl), false));
                return Ok(select(&["who"], &body, "?who"));
            }
            Err(not_understood(u, "whose visits, or visits to where?", "Where did Narendra Modi visit?"))
        }
        Some(rel @ (Relation::Buys | Relation::Seeks | Relation::Offers | Relation::Supplies)) => {
            let p = match rel {
                Relation::Buys => "kh:buys",
                Relation::Seeks => "kh:seeksToBuy",
                Relation::Offers => "kh:offers",
                _ => "kh:supplies",
            };
            if matches!(qw, Some(QWord::HowMany)) && !systems.is_empty() {
                return Ok(deals(&states, &systems, !u.asks_value, u.asks_value));
            }
            if rel == Relation::Buys && systems.is_empty() && u.asks_state {
                // from which states a state buys: the sellers of its deals
                if let Some(b) = states.first() {
                    let body = format!(
                        "  GRAPH ?g {{ ?d a kh:Deal ; kh:buyer {b} ; kh:seller ?seller ; kh:sentence ?sn }}\n  \
                         ?seller a kh:Country .\n{RECORD_SOURCE}",
                        b = iri(b)
                    );
                    return Ok(select(&["seller"], &body, "?seller"));
                }
            }
            if let Some(sys) = systems.first() {
                // who buys / supplies / offers a system (to a state named)
                let buyer = states
                    .iter()
                    .find(|s| s.to || !s.from)
                    .filter(|_| rel == Relation::Supplies || rel == Relation::Offers);
                let constraint = match buyer {
                    // (the sellers of the buyer's deals for it; with no such deal, whoever
                    // supplies a system the buyer buys or seeks)
                    Some(b) => format!(
                        "  FILTER(?who != {b})\n  FILTER(EXISTS {{ ?d kh:buyer {b} ; kh:seller ?who ; kh:system {s} }}\n    \
                         || (NOT EXISTS {{ ?d2 kh:buyer {b} ; kh:system {s} }} && EXISTS {{ {b} kh:buys|kh:seeksToBuy {s} }}))\n",
                        b = iri(b),
                        s = iri(sys)
                    ),
                    None => String::new(),
                };
                let body =
                    format!("  ?who {p} {s} .\n{constraint}{}", fact_source("?who", p, &iri(sys), false), s = iri(sys));
                return Ok(select(&["who"], &body, "?who"));
            }
            // what a state (or company) buys / seeks / is offered / supplies
            let subject = parties.iter().find(|s| !(s.from || (s.to && rel == Relation::Supplies))).or(parties.first());
            let Some(subject) = subject else {
                return Err(not_understood(u, "whose trade? name a state or a system", "भारत क्या खरीदता है?"));
            };
            let other = parties.iter().find(|s| s.iri != subject.iri);
            let constraint = match (other, rel) {
                (Some(o), Relation::Buys | Relation::Seeks) => format!(
                    "  FILTER EXISTS {{ {{ {o} kh:supplies ?system }} UNION {{ ?d kh:buyer {s} ; kh:seller {o} ; kh:system ?system }} }}\n",
                    o = iri(o),
                    s = iri(subject)
                ),
                (Some(o), Relation::Supplies) => format!(
                    "  FILTER EXISTS {{ {{ {o} kh:buys|kh:seeksToBuy ?system }} UNION {{ ?d kh:buyer {o} ; kh:seller {s} ; kh:system ?system }} }}\n",
                    o = iri(o),
                    s = iri(subject)
                ),
                _ => String::new(),
            };
            let body = format!(
                "  {s} {p} ?system .\n{constraint}{}",
                fact_source(&iri(subject), p, "?system", false),
                s = iri(subject)
            );
            Ok(select(&["system"], &body, "?system"))
        }
        Some(Relation::Attended) => event_relation(
            u,
            "kh:attended",
            "event",
            "who attended what? name a person or an event",
            "Who attended the Shangri-La Dialogue?",
        ),
        Some(Relation::Cooperates) => {
            let Some(x) = parties.first() else {
                return Err(not_understood(
                    u,
                    "whose cooperation? name a state",
                    "Which countries does India cooperate with?",
                ));
            };
            let body = format!(
                "  {x} kh:cooperatesWith ?partner .\n{}",
                fact_source(&iri(x), "kh:cooperatesWith", "?partner", true),
                x = iri(x)
            );
            Ok(select(&["partner"], &body, "?partner"))
        }
        Some(Relation::Makes) => {
            if let Some(sys) = systems.first() {
                let body = format!(
                    "  {s} kh:madeIn ?maker .\n{}",
                    fact_source(&iri(sys), "kh:madeIn", "?maker", false),
                    s = iri(sys)
                );
                return Ok(select(&["maker"], &body, "?maker"));
            }
            if let Some(st) = parties.first() {
                let body = format!(
                    "  ?system kh:madeIn {s} .\n{}",
                    fact_source("?system", "kh:madeIn", &iri(st), false),
                    s = iri(st)
                );
                return Ok(select(&["system"], &body, "?system"));
            }
            Err(not_understood(u, "made where, or made by whom? name a system or a state", "Where is the Rafale made?"))
        }
        Some(Relation::Deals) => {
            if states.is_empty() && systems.is_empty() {
                return Err(not_understood(u, "whose deals? name a system or a state", "एस-400 के सौदे"));
            }
            Ok(deals(&states, &systems, matches!(qw, Some(QWord::HowMany)) && !u.asks_value, u.asks_value))
        }
        Some(Relation::Shares) => {
            let Some(first) = states.first() else {
                return Err(not_understood(
                    u,
                    "whose imports? name a state",
                    "भारत के हथियार आयात में रूस का हिस्सा कितना है?",
                ));
            };
            let filter = match states.get(1) {
                Some(second) => format!(
                    "  FILTER((?importer = {a} && ?exporter = {b}) || (?importer = {b} && ?exporter = {a}))\n",
                    a = iri(first),
                    b = iri(second)
                ),
                None => format!("  FILTER(?importer = {a} || ?exporter = {a})\n", a = iri(first)),
            };
            let body = format!(
                "  GRAPH ?g {{ ?x a kh:ImportShare ; kh:importer ?importer ; kh:exporter ?exporter ; kh:percent ?percent ;\n    \
                 kh:periodStart ?from ; kh:periodEnd ?to ; kh:sentence ?sn }}\n{filter}{RECORD_SOURCE}"
            );
            Ok(select(&["importer", "exporter", "percent", "from", "to"], &body, "?from ?exporter"))
        }
        Some(Relation::Condemned) => event_relation(
            u,
            "kh:condemned",
            "what",
            "who condemned what? name an event or a person",
            "पहलगाम हमले की निंदा किसने की?",
        ),
        Some(Relation::Happened) | None if u.period.is_some() => {
            let period = u.period.as_deref().unwrap_or_default();
            let who = u
                .entities
                .first()
                .map(|n| format!("  ?r kh:participant|kh:buyer|kh:seller|kh:system {} .\n", iri(n)))
                .unwrap_or_default();
            let body = format!(
                "  GRAPH ?g {{ ?r kh:date ?date ; a ?kind ; kh:sentence ?sn . FILTER(?kind IN (kh:Meeting, kh:Deal)) \
                 FILTER(STRSTARTS(STR(?date), \"{period}\")) }}\n{who}  ?r kh:participant|kh:buyer|kh:seller|kh:system ?party .\n{RECORD_SOURCE}"
            );
            Ok(select(&["kind", "party", "date"], &body, "?date ?kind ?party"))
        }
        Some(Relation::Connected) => {
            if u.entities.len() < 2 {
                return Err(not_understood(u, "connected with whom? name two", "How are India and Russia connected?"));
            }
            let (a, b) = (iri(&u.entities[0]), iri(&u.entities[1]));
            let body = format!(
                "  GRAPH <{FACTS_GRAPH}> {{ {{ {a} ?relation {b} BIND({b} AS ?via) }} UNION {{ {b} ?relation {a} BIND({b} AS ?via) }}\n    \
                 UNION {{ {a} ?relation ?via . ?via ?relation2 {b} }} }}\n  \
                 FILTER(STRSTARTS(STR(?relation), \"{KH}\"))\n  \
                 FILTER(!BOUND(?relation2) || STRSTARTS(STR(?relation2), \"{KH}\"))\n{}",
                fact_source(&a, "?relation", "?via", true)
            );
            Ok(select(&["relation", "via", "relation2"], &body, "?via"))
        }
        _ => {
            let message = if u.entities.is_empty() {
                "no name the graph knows was found in the question"
            } else {
                "the question asks nothing khabar can look up (met, visited, attended, buys, seeks, offers, supplies, made in, deals, import shares, condemned, cooperates, connected, holds an office, a date)"
            };
            Err(not_understood(u, message, EXAMPLES[0]))
        }
    }
}

/// Who stands in relation `p` to an event the question names, or what a person (else a state or
/// organisation) stands in it to (`condemned`, `attended`).
fn event_relation(u: &Understood, p: &str, what: &str, message: &str, example: &str) -> Result<Plan, AskError> {
    let event = u.entities.iter().find(|n| n.kind == EntityType::Event);
    if let Some(e) = event {
        let e = iri(e);
        let body = format!("  ?who {p} {e} .\n{}", fact_source("?who", p, &e, false));
        return Ok(select(&["who"], &body, "?who"));
    }
    let subject = u
        .entities
        .iter()
        .find(|n| n.kind == EntityType::Person)
        .or_else(|| u.entities.iter().find(|n| matches!(n.kind, EntityType::Country | EntityType::Organization)));
    let Some(x) = subject else { return Err(not_understood(u, message, example)) };
    let (x, var) = (iri(x), format!("?{what}"));
    let body = format!("  {x} {p} {var} .\n{}", fact_source(&x, p, &var, false));
    Ok(select(&[what], &body, &var))
}

/// Deal records of systems and states (each state a buyer or a seller).
fn deals(states: &[&Named], systems: &[&Named], quantity_first: bool, value_first: bool) -> Plan {
    let mut filter = String::new();
    if let Some(s) = systems.first() {
        filter.push_str(&format!("  FILTER(?system = {})\n", iri(s)));
    }
    for st in states.iter().take(2) {
        let role = if st.from {
            "seller"
        } else if st.to {
            "buyer"
        } else {
            ""
        };
        match role {
            "" => filter.push_str(&format!("  FILTER(?buyer = {s} || ?seller = {s})\n", s = iri(st))),
            r => filter.push_str(&format!("  FILTER(?{r} = {})\n", iri(st))),
        }
    }
    if quantity_first {
        filter.push_str("  FILTER(BOUND(?quantity))\n");
    }
    if value_first {
        filter.push_str("  FILTER(BOUND(?value))\n");
    }
    let body = format!(
        "  GRAPH ?g {{ ?d a kh:Deal ; kh:buyer ?buyer ; kh:seller ?seller ; kh:system ?system ; kh:sentence ?sn .\n    \
         OPTIONAL {{ ?d kh:quantity ?quantity }} OPTIONAL {{ ?d kh:value ?value ; kh:currency ?currency }}\n    \
         OPTIONAL {{ ?d kh:date ?date }} OPTIONAL {{ ?d kh:status ?st BIND(STRAFTER(STR(?st), \"#\") AS ?stage) }} }}\n{filter}{RECORD_SOURCE}"
    );
    let vars: &[&str] = if value_first {
        &["value", "currency", "buyer", "seller", "system", "quantity", "date", "stage"]
    } else if quantity_first {
        &["quantity", "buyer", "seller", "system", "date", "stage"]
    } else {
        &["buyer", "seller", "system", "quantity", "value", "currency", "date", "stage"]
    };
    select(vars, &body, "?date ?buyer")
}
