//! Extraction: from one cleaned article to entities, facts and records, each tied to the
//! sentence and characters it came from.
//!
//! Architecture invariant: extraction never sees an IRI, a file or a store. It is a pure
//! function of (text, date, lexicon); it never panics on text and reports what it could not
//! read as diagnostics.

pub mod grammar;
mod mentions;
mod rules;

use crate::lexicon::{EntityType, Lexicon};
use crate::text::{self, SentenceSpan};
use chrono::NaiveDate;
pub use grammar::PartialDate;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeSet;

/// The relations of the graph contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Relation {
    /// Two people met.
    Met,
    /// A person holds an office.
    HoldsRole,
    /// A person acts for a state or organisation.
    Represents,
    /// A person heads an organisation.
    HeadOf,
    /// A person visited a place or state.
    Visited,
    /// A person attended an event.
    Attended,
    /// Someone invited someone.
    Invited,
    /// Someone condemned something.
    Condemned,
    /// A buyer bought (or has contracted) a system.
    Buys,
    /// A buyer wants, plans or considers buying a system.
    SeeksToBuy,
    /// A seller supplies a system.
    Supplies,
    /// A seller offers a system.
    Offers,
    /// Two parties negotiate.
    NegotiatesWith,
    /// Two parties cooperate.
    CooperatesWith,
    /// A system was used in an event.
    UsedIn,
    /// A system was made in a state.
    MadeIn,
    /// A place lies in a place or state.
    LocatedIn,
}

impl Relation {
    /// The local name in `kh:`.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Met => "met",
            Relation::HoldsRole => "holdsRole",
            Relation::Represents => "represents",
            Relation::HeadOf => "headOf",
            Relation::Visited => "visited",
            Relation::Attended => "attended",
            Relation::Invited => "invited",
            Relation::Condemned => "condemned",
            Relation::Buys => "buys",
            Relation::SeeksToBuy => "seeksToBuy",
            Relation::Supplies => "supplies",
            Relation::Offers => "offers",
            Relation::NegotiatesWith => "negotiatesWith",
            Relation::CooperatesWith => "cooperatesWith",
            Relation::UsedIn => "usedIn",
            Relation::MadeIn => "madeIn",
            Relation::LocatedIn => "locatedIn",
        }
    }

    /// All relations.
    pub const ALL: [Relation; 17] = [
        Relation::Met,
        Relation::HoldsRole,
        Relation::Represents,
        Relation::HeadOf,
        Relation::Visited,
        Relation::Attended,
        Relation::Invited,
        Relation::Condemned,
        Relation::Buys,
        Relation::SeeksToBuy,
        Relation::Supplies,
        Relation::Offers,
        Relation::NegotiatesWith,
        Relation::CooperatesWith,
        Relation::UsedIn,
        Relation::MadeIn,
        Relation::LocatedIn,
    ];

    /// Symmetric relations are stored once, subject before object by id.
    pub fn symmetric(self) -> bool {
        matches!(self, Relation::Met | Relation::NegotiatesWith | Relation::CooperatesWith)
    }
}

/// An entity of one article.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// Type.
    pub etype: EntityType,
    /// Stable id (lexicon id, or slug of the transliterated name).
    pub id: String,
    /// Preferred Hindi label.
    pub hi: String,
    /// Preferred English label.
    pub en: String,
    /// Every other label: surface forms seen, lexicon variants.
    pub alt: BTreeSet<String>,
    /// Finer class (`fighter`, `capital`, `ministry`, ...), from the lexicon.
    pub class: Option<String>,
    /// Index in the lexicon, if known there.
    #[serde(skip)]
    pub lexicon: Option<usize>,
    /// Found by a rule rather than the lexicon.
    pub inferred: bool,
    /// Named in the text (not only looked up, like the state of a capital).
    #[serde(skip)]
    pub mentioned: bool,
}

/// Where a statement came from.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Evidence {
    /// Index of the sentence.
    pub sentence: usize,
    /// First character of the evidence span (in the article text).
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The rule that made the statement.
    pub rule: &'static str,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// The object of a fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Object {
    /// An entity (index into [`Extraction::entities`]).
    Entity(usize),
    /// An office (`DefenceMinister`).
    Role(String),
}

/// A binary fact.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Subject entity.
    pub subject: usize,
    /// Relation.
    pub relation: Relation,
    /// Object.
    pub object: Object,
    /// Provenance.
    pub evidence: Evidence,
}

/// A meeting between people.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// Participants (entity indices), sorted.
    pub participants: Vec<usize>,
    /// Date, if the text gives it.
    pub date: Option<PartialDate>,
    /// Places.
    pub places: Vec<usize>,
    /// Provenance, one per sentence that reports it.
    pub evidence: Vec<Evidence>,
}

/// Where a deal stands, in the order a deal passes through the stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum DealStatus {
    /// Planned, wanted or proposed (`खरीदने जा रहा है`, `खरीदने की योजना`).
    Proposed,
    /// Cleared by a council or committee (`डीएसी ने ... मंजूरी दी`).
    Approved,
    /// Under negotiation or expected to be signed (`बातचीत चल रही है`, `हस्ताक्षर होंगे`).
    Negotiating,
    /// Signed or bought.
    Signed,
    /// Delivered, in part or in full (`पहली खेप`, `सौंप दिए`).
    Delivered,
    /// Called off (`सौदा रद्द`).
    Cancelled,
}

impl DealStatus {
    /// The name of the stage's individual in the ontology (`kh:Signed`).
    pub fn name(self) -> &'static str {
        match self {
            DealStatus::Proposed => "Proposed",
            DealStatus::Approved => "Approved",
            DealStatus::Negotiating => "Negotiating",
            DealStatus::Signed => "Signed",
            DealStatus::Delivered => "Delivered",
            DealStatus::Cancelled => "Cancelled",
        }
    }

    /// Is the purchase concluded at this stage (so the buyer `buys`, not `seeksToBuy`)?
    pub fn concluded(self) -> bool {
        matches!(self, DealStatus::Signed | DealStatus::Delivered)
    }
}

/// An arms deal as one article reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Deal {
    /// Buyer.
    pub buyer: usize,
    /// Seller.
    pub seller: usize,
    /// System.
    pub system: usize,
    /// Units.
    pub quantity: Vec<u64>,
    /// Values in units of the currency, with the currency.
    pub value: Vec<(f64, &'static str)>,
    /// Date.
    pub date: Vec<PartialDate>,
    /// The stages the article reports, in order.
    pub status: Vec<DealStatus>,
    /// Provenance.
    pub evidence: Vec<Evidence>,
}

impl Deal {
    /// A deal of `buyer`, `seller` and `system` with nothing yet known of it.
    pub fn new(buyer: usize, seller: usize, system: usize) -> Self {
        Deal {
            buyer,
            seller,
            system,
            quantity: Vec::new(),
            value: Vec::new(),
            date: Vec::new(),
            status: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// A share of a state's arms imports.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// Importer.
    pub importer: usize,
    /// Exporter.
    pub exporter: usize,
    /// Percent.
    pub percent: f64,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Who published the figure (an organisation), if said.
    pub source: Option<usize>,
    /// Provenance.
    pub evidence: Evidence,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    /// Sentence spans.
    pub sentences: Vec<SentenceSpan>,
    /// Entities.
    pub entities: Vec<Entity>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Meetings.
    pub meetings: Vec<Meeting>,
    /// Deals.
    pub deals: Vec<Deal>,
    /// Import shares.
    pub shares: Vec<Share>,
    /// Things the extractor noticed but could not use.
    pub diagnostics: Vec<String>,
    /// Lookups for the rules while they run (each keeps extraction linear in the article's
    /// length): entities by type and id, facts by subject and by object.
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    entities: FxHashMap<(EntityType, String), usize>,
    by_subject: FxHashMap<usize, Vec<usize>>,
    by_object: FxHashMap<Object, Vec<usize>>,
    /// Names the article itself introduced, to be found in later sentences (names found from
    /// context, short forms): (entity, token keys, whether a system noun must follow within two
    /// words), longest first.
    told: Vec<(usize, Vec<String>, bool)>,
    /// The article's year, where known.
    year: Option<i32>,
    /// The state of the article's dateline, where known.
    home: Option<usize>,
}

impl Extraction {
    /// The entity at `i`.
    pub fn entity(&self, i: usize) -> &Entity {
        &self.entities[i]
    }

    /// Index of the entity with this type and id, adding it if new.
    pub(crate) fn intern(&mut self, e: Entity) -> usize {
        if let Some(&i) = self.index.entities.get(&(e.etype, e.id.clone())) {
            let alt = e.alt;
            self.entities[i].alt.extend(alt);
            self.entities[i].mentioned |= e.mentioned;
            return i;
        }
        self.index.entities.insert((e.etype, e.id.clone()), self.entities.len());
        self.entities.push(e);
        self.entities.len() - 1
    }

    /// Remembers a short form of an entity that the article introduced (`टीएएसएल` in brackets
    /// after the name; `अंका` of `अंका ड्रोन`), to be found in later sentences.
    pub(crate) fn tell_again(&mut self, ent: usize, keys: Vec<String>, noun_after: bool) {
        if !keys.is_empty() && !self.index.told.iter().any(|(e, k, _)| *e == ent && *k == keys) {
            // (kept longest first, so a longer name wins over a shorter one inside it)
            let at = self.index.told.partition_point(|(_, k, _)| k.len() >= keys.len());
            self.index.told.insert(at, (ent, keys, noun_after));
        }
    }

    /// Sets the state of the article's dateline.
    pub(crate) fn set_home(&mut self, state: usize) {
        self.index.home = Some(state);
    }

    /// The state of the article's dateline, where known.
    pub(crate) fn home(&self) -> Option<usize> {
        self.index.home
    }

    /// The article's year, where its date is known.
    pub(crate) fn year(&self) -> Option<i32> {
        self.index.year
    }

    /// The short forms remembered so far.
    pub(crate) fn told(&self) -> &[(usize, Vec<String>, bool)] {
        &self.index.told
    }

    /// Adds a fact (the rules add facts only through here, so the lookups stay whole).
    pub(crate) fn add_fact(&mut self, f: Fact) {
        let i = self.facts.len();
        self.index.by_subject.entry(f.subject).or_default().push(i);
        self.index.by_object.entry(f.object.clone()).or_default().push(i);
        self.facts.push(f);
    }

    /// The facts about `subject` so far.
    pub(crate) fn facts_of(&self, subject: usize) -> impl Iterator<Item = &Fact> {
        self.index.by_subject.get(&subject).into_iter().flatten().map(|&i| &self.facts[i])
    }

    /// The facts with object `o` so far.
    pub(crate) fn facts_on(&self, o: &Object) -> impl Iterator<Item = &Fact> {
        self.index.by_object.get(o).into_iter().flatten().map(|&i| &self.facts[i])
    }

    /// Drops the rules' lookups (the facts and entities are renumbered after the rules).
    pub(crate) fn drop_index(&mut self) {
        self.index = Index::default();
    }

    /// Index of a lexicon entry's entity, adding it if new.
    pub(crate) fn intern_lexicon(&mut self, lex: &Lexicon, idx: usize) -> usize {
        let e = &lex.entries[idx];
        let mut alt: BTreeSet<String> = e.hi.iter().skip(1).cloned().collect();
        alt.extend(e.en_aliases.iter().cloned());
        self.intern(Entity {
            etype: e.etype,
            id: e.id.clone(),
            hi: e.hi.first().cloned().unwrap_or_else(|| e.en.clone()),
            en: e.en.clone(),
            alt,
            class: (!e.kind.is_empty() && e.kind != "state").then(|| e.kind.clone()),
            lexicon: Some(idx),
            inferred: false,
            mentioned: false,
        })
    }

    /// Drops facts and records whose confidence is below `min`.
    pub fn retain_confident(&mut self, min: f32) {
        self.facts.retain(|f| f.evidence.confidence >= min);
        self.meetings.retain(|m| m.evidence.iter().any(|e| e.confidence >= min));
        self.deals.retain(|d| d.evidence.iter().any(|e| e.confidence >= min));
        self.shares.retain(|s| s.evidence.confidence >= min);
    }
}

/// Extracts everything from one cleaned article (see [`text::clean`]).
pub fn extract(lex: &Lexicon, text: &str, date: Option<NaiveDate>) -> Extraction {
    let chars: Vec<char> = text.chars().collect();
    let spans = text::sentences(&chars);
    let mut out = Extraction { sentences: spans.clone(), ..Default::default() };
    let keyed = text::KeyedText::new(&chars);
    let mentions = mentions::find(lex, &chars, &keyed);
    out.index.year = date.map(|d| chrono::Datelike::year(&d));
    let mut doc = rules::Discourse::new(date);
    for (si, span) in spans.iter().enumerate() {
        let toks = text::tokenize(&chars, span.start, span.end);
        let sent = mentions::Sentence::build(lex, &mut out, &chars, si, toks, &mentions);
        rules::apply(lex, &mut out, &mut doc, &sent);
    }
    rules::close(lex, &mut out, &doc);
    rules::finish(&mut out);
    out
}

/// The lexicon's names in a short text (a question): the text cleaned as articles are, and each
/// name's character span in it with what it stands for (an entity, a state's adjective, an
/// office).
pub fn names_in(lex: &Lexicon, text: &str) -> (Vec<char>, Vec<(usize, usize, crate::lexicon::Target)>) {
    let chars: Vec<char> = crate::text::clean(text).chars().collect();
    let keyed = crate::text::KeyedText::new(&chars);
    let found = mentions::find(lex, &chars, &keyed)
        .into_iter()
        .map(|m| {
            let (a, b) = m.span();
            (a, b, m.target())
        })
        .collect();
    (chars, found)
}
