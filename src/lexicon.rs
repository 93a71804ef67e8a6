//! Lexicon: the domain knowledge under `ontology/` (entities, roles, cue words), parsed and
//! indexed for matching.
//!
//! Invariant: no I/O here. The files are handed in as strings (the copy embedded at build time,
//! or a folder the CLI read), so the same lexicon gives the same graph everywhere.

use crate::text;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap, HashSet};
use thiserror::Error;

/// Errors in lexicon data; each names the file and line.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// A line that does not fit its file's format.
    #[error("{file}:{line}: {message}")]
    Format {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A required file is missing.
    #[error("lexicon file {0} is missing")]
    Missing(String),
    /// The matcher could not be built.
    #[error("cannot build the lexicon matcher: {0}")]
    Matcher(String),
}

/// The six entity types of the graph contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum EntityType {
    /// A person.
    Person,
    /// A state.
    Country,
    /// An organisation.
    Organization,
    /// A place.
    Place,
    /// A weapon system.
    WeaponSystem,
    /// A named event.
    Event,
}

impl EntityType {
    /// The path segment of the type in entity IRIs.
    pub fn segment(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Country => "country",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
            EntityType::WeaponSystem => "system",
            EntityType::Event => "event",
        }
    }

    /// The class name in the ontology.
    pub fn class(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Country => "Country",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
            EntityType::WeaponSystem => "WeaponSystem",
            EntityType::Event => "Event",
        }
    }

    /// Which type wins when two lexicon entries share a spelling (a state over its capital).
    fn priority(self) -> u8 {
        match self {
            EntityType::Country => 0,
            EntityType::Organization => 1,
            EntityType::Person => 2,
            EntityType::WeaponSystem => 3,
            EntityType::Event => 4,
            EntityType::Place => 5,
        }
    }
}

/// A span of years in an office.
#[derive(Debug, Clone)]
pub struct Tenure {
    /// Index into [`Lexicon::roles`].
    pub role: usize,
    /// First year, if known.
    pub from: Option<i32>,
    /// Last year; `None` while in office.
    pub to: Option<i32>,
}

/// One lexicon entity.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its type.
    pub etype: EntityType,
    /// Stable id (the IRI's last segment).
    pub id: String,
    /// Preferred English label.
    pub en: String,
    /// Hindi labels, preferred first.
    pub hi: Vec<String>,
    /// Other English labels.
    pub en_aliases: Vec<String>,
    /// The state it belongs to (index into `entries`).
    pub country: Option<usize>,
    /// The place it lies in (index into `entries`).
    pub located_in: Option<usize>,
    /// Kind or class column (`fighter`, `capital`, `ministry`, `operation`, ...).
    pub kind: String,
    /// Offices held (people).
    pub tenures: Vec<Tenure>,
    /// Maker (systems; index into `entries`).
    pub maker: Option<usize>,
    /// Capital (countries; index into `entries`).
    pub capital: Option<usize>,
}

/// An office such as `DefenceMinister`.
#[derive(Debug, Clone)]
pub struct Role {
    /// The individual's local name in `kh:`.
    pub id: String,
    /// English label.
    pub en: String,
    /// Hindi nouns.
    pub hi: Vec<String>,
    /// Asserted as `kh:holdsRole` when the text names someone with it (offices of state and
    /// command); other offices (spokesperson, ambassador) only help to resolve names.
    pub asserted: bool,
}

/// Cue words: the vocabulary of relation patterns (`ontology/patterns/cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    /// Meeting nouns and verbs.
    Meet,
    /// Hosting a guest ("X ने Y की मेजबानी की").
    Host,
    /// Buying.
    Buy,
    /// Deal nouns.
    DealNoun,
    /// Signing.
    Sign,
    /// Supplying, delivering, selling.
    Supply,
    /// Offering.
    Offer,
    /// Wanting, planning, considering.
    Seek,
    /// Negotiating.
    Negotiate,
    /// Cooperating.
    Cooperate,
    /// Arriving somewhere.
    Arrive,
    /// Visit nouns.
    VisitNoun,
    /// Inviting.
    Invite,
    /// Condemning.
    Condemn,
    /// Taking part.
    Attend,
    /// Using, deploying.
    Use,
    /// Shares of imports.
    Share,
    /// Importing.
    Import,
    /// Negation.
    Negation,
    /// Heads of organisations.
    Head,
    /// Counterpart.
    Counterpart,
    /// Titles before names (General, Admiral, Dr).
    Title,
    /// "side" (रूसी पक्ष = Russia).
    Side,
    /// Saying.
    Say,
    /// Nouns that stand for a weapon system after a demonstrative.
    SystemNoun,
    /// Demonstratives and pronouns that point back (ये, इन, यह, वह, उन्होंने).
    Anaphor,
    /// Units counted in deals (इकाइयों, खेप).
    Unit,
    /// Attack nouns.
    Attack,
    /// War nouns.
    War,
    /// Operation nouns.
    Operation,
    /// Possibility (may, could).
    Possibility,
    /// Words that a name never contains (postpositions, verbs, common words).
    Stop,
    /// Coordinating conjunctions.
    And,
    /// Leaders (नेता).
    Leader,
    /// Deliberately planned, future or expected (होने वाली, संभावना).
    Planned,
    /// More of something (अधिक, अतिरिक्त): a wish to buy more.
    More,
    /// Talking at a distance (फोन, वर्चुअल): not a meeting.
    Remote,
    /// Separately (अलग-अलग): one meeting with each of several partners.
    Separately,
    /// Jointly (संयुक्त रूप से, एक साथ): one meeting of all.
    Jointly,
    /// The head word of a state body named in full before (मंत्रालय, परिषद): `परिषद ने` is that
    /// body.
    BodyHead,
    /// The same day as the one named last (उसी दिन, उसी शाम).
    SameDay,
    /// The same week or month as the day named last (उसी सप्ताह, उसी महीने).
    SameMonth,
    /// A time of day with no day of its own (शाम को): the day named just before.
    TimeOfDay,
    /// A running total, no one deal's (अब तक, कुल मिलाकर).
    RunningTotal,
    /// Another, a second, a new one (दूसरा, नया): a deal other than the one in play.
    Another,
    /// Former (पूर्व रक्षा मंत्री): no longer in office.
    Former,
    /// Concern or opposition (चिंता, विरोध): a view on a deal, not a deal.
    Stance,
    /// A report denied or called speculation (खंडन, गलत बताया, अटकलें): what it says is no fact.
    Deny,
    /// A state's institutions (सेना, सरकार): `X की सेना ने` is X acting.
    Institution,
    /// Both (दोनों): the two parties named last.
    Both,
    /// Making, building (बनाती है, निर्मित).
    Make,
    /// Receiving (X को S Y से मिल रहे हैं).
    Receive,
    /// Approval of a purchase by a council, committee or cabinet (मंजूरी, हरी झंडी).
    Approve,
    /// Calling a deal off (रद्द).
    Cancel,
    /// Delivery and handover (डिलीवरी, पहली खेप, सौंप).
    Deliver,
    /// Going to do something (जा रहा है after an infinitive: खरीदने जा रहा है).
    Going,
    /// A plan or decision (योजना, फैसला): more than a wish.
    Plan,
    /// Selling (बिक्री, बेचा, निर्यात): a supply that is a sale, not a gift.
    Sell,
    /// The last word of a company's name (कॉरपोरेशन, इंडस्ट्रीज, शिपयार्ड): the name words before
    /// it name an organisation the lexicon may not know.
    OrgHead,
    /// Aid and gifts: what is given, not sold (`सहायता`, `मदद`, `उपहार`).
    Aid,
    /// The last word of a place's name (पैलेस, एयरबेस, बंदरगाह).
    PlaceHead,
    /// A word after a place's name that is not part of it (शहर, प्रांत, स्थित).
    PlaceAfter,
    /// The last word of a class of ships or aircraft (श्रेणी): the words before name a system.
    SystemHead,
    /// A word before a company's name (कंपनी, फर्म): `कंपनी हनवा सिस्टम्स`.
    OrgBefore,
    /// A head noun that tells the class of a system (the class name, as in `systems.tsv`).
    Class(&'static str),
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "meet" => Cue::Meet,
            "host" => Cue::Host,
            "buy" => Cue::Buy,
            "deal" => Cue::DealNoun,
            "sign" => Cue::Sign,
            "supply" => Cue::Supply,
            "offer" => Cue::Offer,
            "seek" => Cue::Seek,
            "negotiate" => Cue::Negotiate,
            "cooperate" => Cue::Cooperate,
            "arrive" => Cue::Arrive,
            "visit" => Cue::VisitNoun,
            "invite" => Cue::Invite,
            "condemn" => Cue::Condemn,
            "attend" => Cue::Attend,
            "use" => Cue::Use,
            "share" => Cue::Share,
            "import" => Cue::Import,
            "negation" => Cue::Negation,
            "head" => Cue::Head,
            "counterpart" => Cue::Counterpart,
            "title" => Cue::Title,
            "side" => Cue::Side,
            "say" => Cue::Say,
            "system_noun" => Cue::SystemNoun,
            "anaphor" => Cue::Anaphor,
            "unit" => Cue::Unit,
            "attack" => Cue::Attack,
            "war" => Cue::War,
            "operation" => Cue::Operation,
            "possibility" => Cue::Possibility,
            "stop" => Cue::Stop,
            "and" => Cue::And,
            "leader" => Cue::Leader,
            "planned" => Cue::Planned,
            "more" => Cue::More,
            "remote" => Cue::Remote,
            "separately" => Cue::Separately,
            "jointly" => Cue::Jointly,
            "body_head" => Cue::BodyHead,
            "same_day" => Cue::SameDay,
            "same_month" => Cue::SameMonth,
            "time_of_day" => Cue::TimeOfDay,
            "running_total" => Cue::RunningTotal,
            "another" => Cue::Another,
            "former" => Cue::Former,
            "stance" => Cue::Stance,
            "deny" => Cue::Deny,
            "institution" => Cue::Institution,
            "both" => Cue::Both,
            "make" => Cue::Make,
            "receive" => Cue::Receive,
            "approve" => Cue::Approve,
            "cancel" => Cue::Cancel,
            "deliver" => Cue::Deliver,
            "going" => Cue::Going,
            "plan" => Cue::Plan,
            "sell" => Cue::Sell,
            "org_head" => Cue::OrgHead,
            "aid" => Cue::Aid,
            "place_head" => Cue::PlaceHead,
            "place_after" => Cue::PlaceAfter,
            "system_head" => Cue::SystemHead,
            "org_before" => Cue::OrgBefore,
            "class_fighter" => Cue::Class("fighter"),
            "class_drone" => Cue::Class("drone"),
            "class_missile" => Cue::Class("missile"),
            "class_submarine" => Cue::Class("submarine"),
            "class_helicopter" => Cue::Class("helicopter"),
            "class_tank" => Cue::Class("tank"),
            "class_engine" => Cue::Class("engine"),
            "class_air_defence" => Cue::Class("air_defence"),
            "class_artillery" => Cue::Class("artillery"),
            "class_ship" => Cue::Class("ship"),
            _ => return None,
        })
    }
}

/// What a matched label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A lexicon entity (index into `entries`).
    Entity(usize),
    /// A country adjective (index of the country entry).
    Adjective(usize),
    /// An office noun (index into `roles`).
    Role(usize),
}

/// The part a word plays in an event's name (`ontology/patterns/event_names.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventPart {
    /// Ends a name (`शिखर सम्मेलन`).
    Head,
    /// Ends a name only after a modifier (`बैठक`, `वार्ता` are everyday words).
    HeadAfterModifier,
    /// Stands between the parties and the head (`वार्षिक`, `विदेश मंत्रियों की`).
    Modifier,
    /// Joins a body to a modifier in the genitive (`देशों के`).
    Link,
}

/// A word of an event's name, with its English.
#[derive(Debug, Clone)]
pub struct EventWord {
    /// Its part in the name.
    pub part: EventPart,
    /// The English words it stands for in the event's label (empty for a link).
    pub en: String,
}

/// The loaded lexicon.
pub struct Lexicon {
    /// All entities.
    pub entries: Vec<Entry>,
    /// All offices.
    pub roles: Vec<Role>,
    /// Country adjectives by country entry.
    pub adjectives: HashMap<usize, Vec<String>>,
    /// Cue forms: token-key sequences per cue.
    cues: FxHashMap<String, Vec<(Vec<String>, Cue)>>,
    /// Words of event names: token-key sequences by their first key, longest first.
    event_words: FxHashMap<String, Vec<(Vec<String>, EventWord)>>,
    matcher: AhoCorasick,
    targets: Vec<Vec<Target>>,
    by_id: HashMap<(EntityType, String), usize>,
    /// System names that are everyday words (`आकाश`, `प्रचंड`), listed only with the noun after
    /// them (`आकाश मिसाइल`): by the key of the bare name, the entry. They stand for the system
    /// next to any noun that names a kind of system (`आकाश वायु रक्षा प्रणाली`, `हेलीकॉप्टर प्रचंड`).
    pub guarded: HashMap<String, usize>,
    /// A short hash of the lexicon files: which knowledge an extraction used.
    pub fingerprint: String,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} entries, {} offices, {})", self.entries.len(), self.roles.len(), self.fingerprint)
    }
}

/// The lexicon files as embedded in the binary at build time.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("lexicon/countries.tsv", include_str!("../ontology/lexicon/countries.tsv")),
    ("lexicon/places.tsv", include_str!("../ontology/lexicon/places.tsv")),
    ("lexicon/people.tsv", include_str!("../ontology/lexicon/people.tsv")),
    ("lexicon/organizations.tsv", include_str!("../ontology/lexicon/organizations.tsv")),
    ("lexicon/systems.tsv", include_str!("../ontology/lexicon/systems.tsv")),
    ("lexicon/events.tsv", include_str!("../ontology/lexicon/events.tsv")),
    ("lexicon/roles.tsv", include_str!("../ontology/lexicon/roles.tsv")),
    ("patterns/cues.tsv", include_str!("../ontology/patterns/cues.tsv")),
    ("patterns/event_names.tsv", include_str!("../ontology/patterns/event_names.tsv")),
];

/// The names of the files a lexicon is made of (relative to `ontology/`).
pub fn file_names() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(n, _)| *n)
}

struct Rows<'a> {
    file: &'a str,
    rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Rows<'a> {
    fn parse(file: &'a str, content: &'a str, expect: &[&str]) -> Result<Self, LexiconError> {
        let mut header = None;
        let mut rows = Vec::new();
        for (n, line) in content.lines().enumerate() {
            let n = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            if header.is_none() {
                if cells != expect {
                    return Err(LexiconError::Format {
                        file: file.into(),
                        line: n,
                        message: format!("header must be `{}`", expect.join("\\t")),
                    });
                }
                header = Some(cells);
                continue;
            }
            if cells.len() != expect.len() {
                return Err(LexiconError::Format {
                    file: file.into(),
                    line: n,
                    message: format!("{} cells, expected {}", cells.len(), expect.len()),
                });
            }
            rows.push((n, cells));
        }
        let _ = header;
        Ok(Rows { file, rows })
    }

    fn err(&self, line: usize, message: impl Into<String>) -> LexiconError {
        LexiconError::Format { file: self.file.into(), line, message: message.into() }
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    entries: &mut Vec<Entry>,
    by_id: &mut HashMap<(EntityType, String), usize>,
    rows: &Rows,
    n: usize,
    etype: EntityType,
    id: &str,
    en: &str,
    hi: &str,
    aliases: &str,
    kind: &str,
) -> Result<usize, LexiconError> {
    if !valid_id(id) {
        return Err(rows.err(n, format!("bad id `{id}`")));
    }
    if en.is_empty() {
        return Err(rows.err(n, "no English label"));
    }
    if by_id.contains_key(&(etype, id.to_string())) {
        return Err(rows.err(n, format!("duplicate id `{id}`")));
    }
    by_id.insert((etype, id.to_string()), entries.len());
    entries.push(Entry {
        etype,
        id: id.into(),
        en: en.into(),
        hi: list(hi),
        en_aliases: list(aliases),
        country: None,
        located_in: None,
        kind: kind.into(),
        tenures: Vec::new(),
        maker: None,
        capital: None,
    });
    Ok(entries.len() - 1)
}

/// Plural and oblique forms of the last word of a label of several words (the head noun):
/// `मिसाइल` → `मिसाइलों`, `मिसाइलें`; `हमला` → `हमले`, `हमलों`; `पनडुब्बी` → `पनडुब्बियों`, `पनडुब्बियां`.
pub fn inflections(label: &str) -> Vec<String> {
    let Some((head, last)) = label.rsplit_once(' ') else { return Vec::new() };
    if !last.chars().all(|c| ('\u{0900}'..='\u{097F}').contains(&c)) {
        return Vec::new();
    }
    let stem_forms: Vec<String> = if let Some(stem) = last.strip_suffix('ा') {
        vec![format!("{stem}े"), format!("{stem}ों")]
    } else if let Some(stem) = last.strip_suffix('ी') {
        vec![format!("{stem}ियों"), format!("{stem}ियां"), format!("{stem}ियाँ")]
    } else if last.chars().last().is_some_and(|c| ('\u{0915}'..='\u{0939}').contains(&c)) {
        vec![format!("{last}ों"), format!("{last}ें")]
    } else {
        Vec::new()
    };
    stem_forms.into_iter().map(|f| format!("{head} {f}")).collect()
}

fn list(cell: &str) -> Vec<String> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl Lexicon {
    /// The lexicon embedded in the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        let files: Vec<(String, String)> = EMBEDDED.iter().map(|(n, c)| ((*n).to_string(), (*c).to_string())).collect();
        Self::from_files(&files)
    }

    /// Builds a lexicon from `(name, content)` pairs named as in [`file_names`].
    pub fn from_files(files: &[(String, String)]) -> Result<Self, LexiconError> {
        let get = |name: &str| {
            files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, c)| c.as_str())
                .ok_or_else(|| LexiconError::Missing(name.into()))
        };
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_id: HashMap<(EntityType, String), usize> = HashMap::new();
        let mut iso: HashMap<String, usize> = HashMap::new();
        let mut adjectives: HashMap<usize, Vec<String>> = HashMap::new();

        // roles first: people refer to them
        let roles_rows = Rows::parse("lexicon/roles.tsv", get("lexicon/roles.tsv")?, &["id", "en", "hi", "asserted"])?;
        let mut roles = Vec::new();
        for (n, r) in &roles_rows.rows {
            if r[0].is_empty() || !r[0].chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(roles_rows.err(*n, format!("bad role id `{}`", r[0])));
            }
            let asserted = match r[3] {
                "yes" => true,
                "no" => false,
                other => return Err(roles_rows.err(*n, format!("asserted must be yes or no, not `{other}`"))),
            };
            roles.push(Role { id: r[0].into(), en: r[1].into(), hi: list(r[2]), asserted });
        }

        let countries = Rows::parse(
            "lexicon/countries.tsv",
            get("lexicon/countries.tsv")?,
            &["id", "en", "hi", "adjectives", "capital", "iso3", "en_aliases"],
        )?;
        let mut capitals = Vec::new();
        for (n, r) in &countries.rows {
            let i =
                push(&mut entries, &mut by_id, &countries, *n, EntityType::Country, r[0], r[1], r[2], r[6], "state")?;
            iso.insert(r[5].to_lowercase(), i);
            adjectives.insert(i, list(r[3]));
            if !r[4].is_empty() {
                capitals.push((i, r[4].to_string(), *n));
            }
        }
        let places = Rows::parse(
            "lexicon/places.tsv",
            get("lexicon/places.tsv")?,
            &["id", "en", "hi", "kind", "country", "in", "en_aliases"],
        )?;
        let mut place_links = Vec::new();
        for (n, r) in &places.rows {
            let i = push(&mut entries, &mut by_id, &places, *n, EntityType::Place, r[0], r[1], r[2], r[6], r[3])?;
            place_links.push((i, r[4].to_lowercase(), r[5].to_string(), *n));
        }
        for (i, country, within, n) in place_links {
            if !country.is_empty() {
                entries[i].country =
                    Some(*iso.get(&country).ok_or_else(|| places.err(n, format!("unknown country `{country}`")))?);
            }
            if !within.is_empty() {
                entries[i].located_in = Some(
                    *by_id
                        .get(&(EntityType::Place, within.clone()))
                        .ok_or_else(|| places.err(n, format!("unknown place `{within}`")))?,
                );
            }
        }
        for (i, cap, n) in capitals {
            entries[i].capital = Some(
                *by_id
                    .get(&(EntityType::Place, cap.clone()))
                    .ok_or_else(|| countries.err(n, format!("unknown capital `{cap}`")))?,
            );
        }

        let orgs = Rows::parse(
            "lexicon/organizations.tsv",
            get("lexicon/organizations.tsv")?,
            &["id", "en", "hi", "country", "kind", "en_aliases"],
        )?;
        for (n, r) in &orgs.rows {
            let i = push(&mut entries, &mut by_id, &orgs, *n, EntityType::Organization, r[0], r[1], r[2], r[5], r[4])?;
            if !r[3].is_empty() {
                entries[i].country = Some(
                    *iso.get(&r[3].to_lowercase())
                        .ok_or_else(|| orgs.err(*n, format!("unknown country `{}`", r[3])))?,
                );
            }
        }

        let people = Rows::parse(
            "lexicon/people.tsv",
            get("lexicon/people.tsv")?,
            &["id", "en", "hi", "country", "roles", "en_aliases"],
        )?;
        for (n, r) in &people.rows {
            let i = push(&mut entries, &mut by_id, &people, *n, EntityType::Person, r[0], r[1], r[2], r[5], "")?;
            if !r[3].is_empty() {
                entries[i].country = Some(
                    *iso.get(&r[3].to_lowercase())
                        .ok_or_else(|| people.err(*n, format!("unknown country `{}`", r[3])))?,
                );
            }
            for t in list(r[4]) {
                let (role, years) = t.split_once(':').unwrap_or((t.as_str(), ""));
                let role = roles
                    .iter()
                    .position(|x| x.id == role)
                    .ok_or_else(|| people.err(*n, format!("unknown role `{role}`")))?;
                let (from, to) = years.split_once('-').unwrap_or((years, years));
                entries[i].tenures.push(Tenure { role, from: from.parse().ok(), to: to.parse().ok() });
            }
        }

        let systems = Rows::parse(
            "lexicon/systems.tsv",
            get("lexicon/systems.tsv")?,
            &["id", "en", "hi", "class", "origin", "maker", "en_aliases"],
        )?;
        for (n, r) in &systems.rows {
            let i =
                push(&mut entries, &mut by_id, &systems, *n, EntityType::WeaponSystem, r[0], r[1], r[2], r[6], r[3])?;
            if !r[4].is_empty() {
                entries[i].country = Some(
                    *iso.get(&r[4].to_lowercase())
                        .ok_or_else(|| systems.err(*n, format!("unknown origin `{}`", r[4])))?,
                );
            }
            if !r[5].is_empty() {
                entries[i].maker = Some(
                    *by_id
                        .get(&(EntityType::Organization, r[5].to_string()))
                        .ok_or_else(|| systems.err(*n, format!("unknown maker `{}`", r[5])))?,
                );
            }
        }

        let events =
            Rows::parse("lexicon/events.tsv", get("lexicon/events.tsv")?, &["id", "en", "hi", "kind", "en_aliases"])?;
        for (n, r) in &events.rows {
            push(&mut entries, &mut by_id, &events, *n, EntityType::Event, r[0], r[1], r[2], r[4], r[3])?;
        }

        // cue words
        let cue_rows = Rows::parse("patterns/cues.tsv", get("patterns/cues.tsv")?, &["cue", "forms"])?;
        let mut cues: FxHashMap<String, Vec<(Vec<String>, Cue)>> = FxHashMap::default();
        for (n, r) in &cue_rows.rows {
            let cue = Cue::parse(r[0]).ok_or_else(|| cue_rows.err(*n, format!("unknown cue `{}`", r[0])))?;
            for form in list(r[1]) {
                // tokenised as article text is: "अलग-अलग" is three tokens
                let chars: Vec<char> = form.chars().collect();
                let keys: Vec<String> = text::tokenize(&chars, 0, chars.len()).into_iter().map(|t| t.key).collect();
                if let Some(first) = keys.first().cloned() {
                    cues.entry(first).or_default().push((keys, cue));
                }
            }
        }
        for v in cues.values_mut() {
            v.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }

        // words of event names
        let ev_rows =
            Rows::parse("patterns/event_names.tsv", get("patterns/event_names.tsv")?, &["part", "forms", "en"])?;
        let mut event_words: FxHashMap<String, Vec<(Vec<String>, EventWord)>> = FxHashMap::default();
        for (n, r) in &ev_rows.rows {
            let part = match r[0] {
                "head" => EventPart::Head,
                "head-after-modifier" => EventPart::HeadAfterModifier,
                "modifier" => EventPart::Modifier,
                "link" => EventPart::Link,
                other => return Err(ev_rows.err(*n, format!("unknown part `{other}`"))),
            };
            if part != EventPart::Link && r[2].is_empty() {
                return Err(ev_rows.err(*n, "an English label is needed"));
            }
            for form in list(r[1]) {
                let chars: Vec<char> = form.chars().collect();
                let keys: Vec<String> = text::tokenize(&chars, 0, chars.len()).into_iter().map(|t| t.key).collect();
                if let Some(first) = keys.first().cloned() {
                    event_words.entry(first).or_default().push((keys, EventWord { part, en: r[2].to_string() }));
                }
            }
        }
        for v in event_words.values_mut() {
            v.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        let system_noun = |word: &str| {
            cues.get(&text::key(word))
                .is_some_and(|v| v.iter().any(|(f, c)| f.len() == 1 && matches!(c, Cue::SystemNoun | Cue::Class(_))))
        };
        // "आकाश मिसाइल": the bare name is guarded; "मिसाइल आकाश" is the same label turned round
        let mut guarded: HashMap<String, Option<usize>> = HashMap::new();
        let mut turned: Vec<(String, usize)> = Vec::new();
        for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.etype == EntityType::WeaponSystem) {
            for l in &e.hi {
                let words: Vec<&str> = l.split_whitespace().collect();
                if let [name, noun] = words.as_slice() {
                    if system_noun(noun) && !system_noun(name) {
                        guarded.entry(text::key(name)).and_modify(|v| *v = v.filter(|x| *x == i)).or_insert(Some(i));
                        turned.push((format!("{noun} {name}"), i));
                    }
                }
            }
        }
        let guarded: HashMap<String, usize> = guarded.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();

        // the matcher over every label
        let mut patterns: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        let mut add = |label: &str, t: Target| {
            let k = text::key(label);
            // a Latin label of one or two letters (AP, X, UN) is too ambiguous to match in text
            if k.chars().count() < 3 && label.is_ascii() {
                return;
            }
            if k.is_empty() {
                return;
            }
            let v = patterns.entry(k).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        for (i, e) in entries.iter().enumerate() {
            add(&e.en, Target::Entity(i));
            for l in e.hi.iter().chain(&e.en_aliases) {
                add(l, Target::Entity(i));
            }
            // "आकाश मिसाइल" is also written "आकाश मिसाइलों", "पहलगाम हमला" as "पहलगाम हमले"
            if matches!(e.etype, EntityType::WeaponSystem | EntityType::Event) {
                for l in &e.hi {
                    for v in inflections(l) {
                        add(&v, Target::Entity(i));
                    }
                }
            }
        }
        for (l, i) in &turned {
            add(l, Target::Entity(*i));
        }
        for (c, adjs) in &adjectives {
            for a in adjs {
                add(a, Target::Adjective(*c));
            }
        }
        for (i, r) in roles.iter().enumerate() {
            for h in &r.hi {
                add(h, Target::Role(i));
            }
        }
        let mut keys = Vec::with_capacity(patterns.len());
        let mut targets = Vec::with_capacity(patterns.len());
        for (k, mut v) in patterns {
            v.sort_by_key(|t| match t {
                Target::Entity(i) => entries[*i].etype.priority(),
                Target::Adjective(_) => 6,
                Target::Role(_) => 7,
            });
            keys.push(k);
            targets.push(v);
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .map_err(|e| LexiconError::Matcher(e.to_string()))?;
        let fingerprint = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            let mut sorted: Vec<&(String, String)> = files.iter().collect();
            sorted.sort();
            for (n, c) in sorted {
                h.update(n.as_bytes());
                h.update(c.as_bytes());
            }
            h.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
        };
        Ok(Lexicon { entries, roles, adjectives, cues, event_words, matcher, targets, by_id, guarded, fingerprint })
    }

    /// All label matches in a keyed text, as `(key start, key end, targets)`, overlapping.
    pub fn find_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (usize, usize, &'a [Target])> + 'a {
        self.matcher
            .find_overlapping_iter(key)
            .map(move |m| (m.start(), m.end(), self.targets[m.pattern().as_usize()].as_slice()))
    }

    /// The entry of a type and id.
    pub fn get(&self, etype: EntityType, id: &str) -> Option<usize> {
        self.by_id.get(&(etype, id.to_string())).copied()
    }

    /// The cue that starts at `keys[0]`, with its length in tokens (longest form first).
    pub fn cue_at(&self, keys: &[&str]) -> Vec<(Cue, usize)> {
        let mut out = Vec::new();
        if let Some(first) = keys.first() {
            if let Some(forms) = self.cues.get(*first) {
                for (form, cue) in forms {
                    if form.len() <= keys.len() && form.iter().zip(keys).all(|(a, b)| a == b) {
                        out.push((*cue, form.len()));
                    }
                }
            }
        }
        out
    }

    /// The longest word of an event's name that starts at `keys[0]`, with its length in tokens.
    pub fn event_word_at(&self, keys: &[&str]) -> Option<(&EventWord, usize)> {
        let forms = self.event_words.get(*keys.first()?)?;
        forms
            .iter()
            .find(|(form, _)| form.len() <= keys.len() && form.iter().zip(keys).all(|(a, b)| a == b))
            .map(|(form, w)| (w, form.len()))
    }

    /// Is this token key a one-token form of any cue?
    pub fn is_single_cue(&self, key: &str) -> bool {
        self.cues.get(key).is_some_and(|v| v.iter().any(|(f, _)| f.len() == 1))
    }

    /// Is this token key one of the cue's forms (single-token forms)?
    pub fn is_cue(&self, key: &str, cue: Cue) -> bool {
        self.cues.get(key).is_some_and(|v| v.iter().any(|(f, c)| *c == cue && f.len() == 1))
    }

    /// The extractor's identity for provenance and for rebuilding: the khabar version, this
    /// lexicon and the confidence threshold.
    pub fn extractor(&self, min_confidence: f32) -> String {
        format!("khabar {} lexicon {} min-confidence {min_confidence}", env!("CARGO_PKG_VERSION"), self.fingerprint)
    }

    /// Index of a role by id.
    pub fn role(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    /// Did person `p` hold role `r` in `year` (or at any time, if the year is unknown)?
    pub fn held(&self, p: usize, r: usize, year: Option<i32>) -> bool {
        self.entries[p].tenures.iter().any(|t| {
            t.role == r
                && match year {
                    None => true,
                    Some(y) => t.from.is_none_or(|f| f <= y) && t.to.is_none_or(|e| e >= y),
                }
        })
    }

    /// Checks the lexicon's internal consistency beyond parsing: every label NFC, no label of
    /// one entity shared with another of the same type. Returns readable problems.
    pub fn check(&self) -> Vec<String> {
        use unicode_normalization::is_nfc;
        let mut problems = Vec::new();
        let mut seen: HashMap<(EntityType, String), &str> = HashMap::new();
        for e in &self.entries {
            let mut own = HashSet::new();
            for l in e.hi.iter().chain(&e.en_aliases).chain(std::iter::once(&e.en)) {
                if !is_nfc(l) {
                    problems.push(format!("{} {}: label `{l}` is not NFC", e.etype.segment(), e.id));
                }
                let k = text::key(l);
                if !own.insert(k.clone()) {
                    continue;
                }
                if let Some(other) = seen.insert((e.etype, k), &e.id) {
                    if other != e.id {
                        problems.push(format!("{} label `{l}` names both `{other}` and `{}`", e.etype.segment(), e.id));
                    }
                }
            }
        }
        problems
    }
}
