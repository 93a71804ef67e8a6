//! Relation rules: Hindi clause patterns over noun phrases, postpositions and cue words.
//!
//! Every rule is written for Hindi news in general (agent with ने, partner with से, recipient with
//! को, verb last), never for one sentence. Each fact carries the rule's id and a confidence that
//! drops when an argument comes from discourse memory rather than the clause itself.
//!
//! Modality: a negated clause asserts nothing; offered is `offers`, wanted/planned/considered is
//! `seeksToBuy`; planned meetings and visits are not asserted.

use super::grammar::{self, Marker};
use super::mentions::{evidence, phrase_facts, Arg, Sentence};
use super::{Deal, DealStatus, Entity, Evidence, Extraction, Fact, Meeting, Object, PartialDate, Relation};
use crate::lexicon::{Cue, EntityType, Lexicon};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

mod meetings;
mod places;
mod shares;
mod states;
mod trade;

use meetings::{invite_condemn_attend, meet, visit};
use places::{events_from_context, located_in, made_by, made_in, maker_supplies, used_in};
use shares::shares;
use states::relations_between_states;
use trade::trade;

/// How far back (in records of a kind) the rules look for what a sentence refers to.
const WINDOW: usize = 64;

/// What the article has said so far: who acted last, which system and parties are in play.
pub struct Discourse {
    date: Option<NaiveDate>,
    last_agent: Option<usize>,
    last_person: Option<usize>,
    /// The sentence that named the last person as its topic.
    last_person_at: usize,
    last_system: Option<(usize, usize)>,
    last_buyer: Option<usize>,
    last_seller: Option<usize>,
    last_share: Option<(usize, usize, usize)>,
    /// The importer of the share figures named last, and in which sentence.
    last_importer: Option<(usize, usize)>,
    /// The deal in play (an index into the extraction's deals) and the sentence that named it:
    /// "इस सौदे", a price or units in a later sentence belong to it.
    last_deal: Option<(usize, usize)>,
    /// The visit under way (visitor, place, sentence): meetings of the visitor with no place of
    /// their own took place there.
    visit: Option<(usize, usize, usize)>,
    /// The states of the two sides met last (for "दोनों नेताओं/देशों ने ...").
    last_sides: Option<(usize, usize)>,
    /// The two people a clause named together as its subject last ("X और Y ने ..."), and in
    /// which sentence: "दोनों नेताओं ने" after it.
    last_pair: Option<(usize, usize, usize)>,
    /// The day a sentence that looks back named: (day, sentence).
    told_day: Option<(PartialDate, usize)>,
    /// The people named or spoken of, in order: (person, sentence); the last few.
    people: Vec<(usize, usize)>,
    /// A meeting with counterparts named only as a plural, waiting for their names: (subject, day,
    /// sentence).
    plural_meeting: Option<(usize, Option<PartialDate>, usize)>,
    /// The period of years named last (for "इस अवधि में").
    last_period: Option<(i32, i32, usize)>,
    /// The two periods a sentence compared last ("2015-19 के 74 फीसदी से घटकर 2020-24 में 52
    /// फीसदी"), earlier first, and in which sentence: "13 से बढ़कर 29 फीसदी" after it spans them.
    last_change: Option<(Years, Years, usize)>,
    /// The date (or day) named last, and in which sentence: an event reported over several
    /// sentences keeps its day.
    last_date: Option<(PartialDate, usize)>,
    /// Is that day the dateline's (the day the article was written, not the day of an event)?
    last_date_dateline: bool,
    /// The place of the dateline (`नई दिल्ली, 12 मार्च 2025।`): what "यहां" (here) means.
    dateline_place: Option<usize>,
    /// The sentence that reported an approval last ("परिषद ने ... प्रस्तावों को मंजूरी दी"), and its
    /// day when the text gives one: a proposal the next sentences speak of is an approved one, and
    /// of that day.
    last_approval: Option<(usize, Option<PartialDate>)>,
    /// The state named last, and its sentence ("वियतनाम में तस्वीर अलग है। वहां ...").
    last_state: Option<(usize, usize)>,
    /// The system last spoken of as bought or sold, and the sentence ("एस-400 के दूसरे खरीदारों में
    /// चीन और तुर्किये शामिल हैं। चीन को रूस से ये प्रणालियां 2018 में मिल गई थीं"): what a state
    /// receives of it just after is a sale's delivery, not a gift.
    last_sale: Option<(usize, usize)>,
    /// The units told last of a system by name: (system, units, sentence).
    counted: Option<(usize, u64, usize)>,
    /// A purchase whose seller the clause did not name (buyer, system, stage, units, sentence):
    /// "ये प्रणालियां बीडीएल से ली जाएंगी" names it next.
    pending: Option<Pending>,
    /// A deal of two parties whose system the next sentences name ("भारत फ्रांस के साथ एक बड़े
    /// रक्षा सौदे पर हस्ताक्षर करेगा। इस समझौते के तहत 26 राफेल-एम खरीदे जाएंगे").
    pending_pair: Option<PendingPair>,
    /// Where the last meeting the text placed itself took place, with its people: a later meeting
    /// of one of them with no place of its own was there too (not at the dateline's city).
    meeting_place: Option<(Vec<usize>, Vec<usize>, usize)>,
    /// The state whose council or ministry approved purchases last, and in which sentence.
    approver: Option<(usize, usize)>,
    /// Deals whose date is a guess (the article's month for "करार किया है", the day the sentence
    /// before named), with the sentence that recorded them: a date the text gives next replaces it.
    guessed: Vec<(usize, usize)>,
}

/// A period of years, first and last.
type Years = (i32, i32);

/// A deal of two parties waiting for its system.
#[derive(Clone)]
struct PendingPair {
    parties: (usize, usize),
    stage: DealStatus,
    values: Vec<(f64, &'static str)>,
    date: Option<PartialDate>,
    sentence: usize,
}

/// A purchase waiting for its seller.
#[derive(Clone, Copy)]
struct Pending {
    buyer: usize,
    system: usize,
    stage: DealStatus,
    units: Option<u64>,
    date: Option<PartialDate>,
    sentence: usize,
    /// Where the text told it.
    evidence: Evidence,
    /// A delivery received ("X को ... की खेप मिल गई"), its seller named by the deal told next.
    received: bool,
    /// Its price, told before its seller ("इस खरीद पर 62,370 करोड़ रुपये खर्च होंगे").
    value: Option<(f64, &'static str)>,
}

impl Discourse {
    /// A fresh article dated `date`.
    pub fn new(date: Option<NaiveDate>) -> Self {
        Discourse {
            date,
            last_agent: None,
            last_person: None,
            last_person_at: 0,
            last_system: None,
            last_buyer: None,
            last_seller: None,
            last_share: None,
            last_importer: None,
            last_deal: None,
            visit: None,
            last_sides: None,
            last_pair: None,
            told_day: None,
            people: Vec::new(),
            plural_meeting: None,
            last_period: None,
            last_change: None,
            last_date: None,
            last_date_dateline: false,
            dateline_place: None,
            last_approval: None,
            last_state: None,
            last_sale: None,
            counted: None,
            pending: None,
            pending_pair: None,
            meeting_place: None,
            approver: None,
            guessed: Vec::new(),
        }
    }
}

/// A clause: a token range of a sentence.
#[derive(Clone, Copy)]
struct Clause {
    a: usize,
    b: usize,
}

/// Where the subject of a clause came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SubjectFrom {
    Stated,
    Pronoun,
}

struct Ctx<'a> {
    s: &'a Sentence,
    covered: Vec<bool>,
}

impl Ctx<'_> {
    fn args_in(&self, c: Clause) -> impl Iterator<Item = (usize, &Arg)> {
        self.s.args.iter().enumerate().filter(move |(_, a)| a.start >= c.a && a.end <= c.b)
    }

    /// Cue positions in the clause, outside names.
    fn cues(&self, cue: Cue, c: Clause) -> Vec<usize> {
        self.s.cue_positions(cue, c.a, c.b).into_iter().filter(|&i| !self.covered[i]).collect()
    }

    fn has(&self, cue: Cue, c: Clause) -> bool {
        !self.cues(cue, c).is_empty()
    }

    /// Is the cue at `i` negated (a negation just before it or in the verb group after it)?
    fn negated(&self, i: usize, c: Clause) -> bool {
        let from = i.saturating_sub(2).max(c.a);
        let to = (i + 6).min(c.b);
        (from..to).any(|k| self.s.cue(k, Cue::Negation) && !self.covered[k])
    }

    /// Future, planned or expected: not (yet) a fact.
    fn planned(&self, c: Clause) -> bool {
        self.has(Cue::Planned, c)
            || (c.a..c.b).any(|k| {
                let t = self.s.key(k);
                !self.covered[k] && (t.ends_with("ेगा") || t.ends_with("ेगी") || t.ends_with("ेंगे") || t.ends_with("ेंगी"))
            })
    }
}

/// Applies every rule to one sentence.
pub fn apply(lex: &Lexicon, out: &mut Extraction, doc: &mut Discourse, s: &Sentence) {
    let mut covered = vec![false; s.toks.len()];
    for a in &s.args {
        // an event named from context keeps its meeting word for the meeting rules: "मोदी और
        // पुतिन के बीच शुक्रवार को होने वाली भारत-रूस शिखर वार्ता" is their meeting too
        let end = if a.etype == EntityType::Event && a.via == crate::extract::mentions::Via::Context {
            (a.name_start..a.end).find(|&k| s.cue(k, Cue::Meet)).unwrap_or(a.end)
        } else {
            a.end
        };
        for c in covered.iter_mut().take(end.min(s.toks.len())).skip(a.name_start) {
            *c = true;
        }
    }
    let ctx = Ctx { s, covered };
    // a dateline: PLACE, DATE
    let mut dateline = false;
    if s.idx < 4 && doc.dateline_place.is_none() {
        if let Some(a) = s.args.first() {
            let dated = !grammar::dates(&s.toks, None).is_empty();
            // "नई दिल्ली, 12 मार्च 2025।" or a bare "वॉशिंगटन।" opening the body
            let bare = a.end + 1 >= s.toks.len() && matches!(s.key(a.end), "।" | "" | ":" | "-");
            // "किंगदाओ (चीन), 26 जून 2025।": a bracketed state between the place and the comma
            let after = if s.key(a.end) == "(" {
                (a.end..(a.end + 6).min(s.toks.len())).find(|&k| s.key(k) == ")").map_or(a.end, |k| k + 1)
            } else {
                a.end
            };
            // a city-state stands for its city (सिंगापुर, 31 मई 2024।)
            let placed = matches!(a.etype, EntityType::Place | EntityType::Country);
            if a.start == 0 && placed && (s.key(after) == "," && dated || bare) {
                doc.dateline_place = Some(a.ent);
                if let Some(state) = state_of(lex, out, a.ent, false) {
                    out.set_home(state);
                }
                dateline = a.end + 8 >= s.toks.len();
            }
        }
    }
    phrase_facts(lex, out, s);
    state_institutions(out, &ctx);
    events_from_context(lex, out, &ctx);
    located_in(lex, out, &ctx);
    made_in(lex, out, &ctx);
    trade::buyers_of(out, &ctx);
    shares(out, doc, &ctx);
    // the day of what the sentence reports, for the sentences after it (not a planned day, not
    // a bare year); the dateline's is the day the article was written
    let whole = Clause { a: 0, b: s.toks.len() };
    // (a sentence that looks back, "वे रविवार को यहां पहुंचे थे", leaves the story's day as it was)
    let n = s.toks.len();
    let last_verb =
        if n >= 2 && matches!(s.key(n - 1), "।" | ".") { s.key(n - 2) } else { s.key(n.saturating_sub(1)) };
    // (but one that opens a past thread with a date written out, "पिछले महीने 22 अक्टूबर को ...
    // किए थे", sets its day)
    let looking_back = matches!(last_verb, "था" | "थे" | "थी" | "थीं")
        && doc.last_date.is_some()
        && !doc.last_date_dateline
        && grammar::dates(&s.toks, doc.date).is_empty();
    if !ctx.planned(whole) && !looking_back {
        if let Some(d @ PartialDate::Day(_)) = date_of_clause(&ctx, doc, whole, false) {
            doc.last_date = Some((d, s.idx));
            doc.last_date_dateline = dateline;
        }
    }
    // (a sentence that looks back still names the day "उसी शाम" in the next one means: "... रविवार
    // शाम दिल्ली पहुंचे थे। उसी शाम ... ने उनसे भेंट की")
    doc.told_day = None;
    if !ctx.planned(whole) && looking_back {
        if let Some(d @ PartialDate::Day(_)) = date_of_clause(&ctx, doc, whole, false) {
            doc.told_day = Some((d, s.idx));
        }
    }
    let mut prev_speaker: Option<usize> = None;
    let mut topic_set = false;
    let first_denial = ctx.cues(Cue::Deny, Clause { a: 0, b: s.toks.len() }).first().copied();
    let conditional = (0..n).any(|k| matches!(s.key(k), "अगर" | "यदि")) && (0..n).any(|k| s.key(k) == "तो");
    for c in clauses(&ctx) {
        let subj = subject(&ctx, c, doc, prev_speaker, out);
        if let [(x, SubjectFrom::Stated), (y, SubjectFrom::Stated)] = subj.as_slice() {
            let (x, y) = (*x, *y);
            let persons = out.entities[x].etype == EntityType::Person && out.entities[y].etype == EntityType::Person;
            // (two of one side acting together are no pair who met: "मुर्मू और मोदी ने उनकी अगवानी की")
            let sides = (states::side_state(lex, out, s, x), states::side_state(lex, out, s, y));
            let one_side = matches!(sides, (Some(a), Some(b)) if a == b);
            if persons && !one_side {
                doc.last_pair = Some((x, y, s.idx));
            }
        }
        // "मंत्रालय ने उन खबरों को गलत बताया, जिनमें दावा किया गया था कि भारत ... खरीद रहा है": a
        // report denied up to here in the sentence asserts nothing
        let denied = first_denial.is_some_and(|k| k < c.b);
        if !denied {
            visit(lex, out, doc, &ctx, c, &subj);
            meet(lex, out, doc, &ctx, c, &subj);
            invite_condemn_attend(out, &ctx, c, &subj);
            // "अगर जर्मनी के साथ सौदा पक्का होता है, तो भारत ... योजना रद्द कर सकता है": what
            // would follow from a condition is no trade, nor are the talks it supposes
            if !conditional {
                trade(lex, out, doc, &ctx, c, &subj);
            }
        }
        if !conditional {
            relations_between_states(lex, out, doc, &ctx, c, &subj);
        }
        used_in(out, doc, &ctx, c);
        made_by(out, doc, &ctx, c);
        maker_supplies(out, doc, &ctx, c);
        // memory
        for (_, a) in ctx.args_in(c) {
            if a.etype == EntityType::WeaponSystem && !a.nested {
                doc.last_system = Some((a.ent, s.idx));
            }
        }
        // the topic of a sentence is the subject of its main clause, not of reported speech
        if let (Some((first, _)), false) = (subj.first(), topic_set) {
            doc.last_agent = Some(*first);
            if out.entities[*first].etype == EntityType::Person {
                doc.last_person = Some(*first);
                doc.last_person_at = s.idx;
            }
            topic_set = true;
        }
        prev_speaker = speaker(&ctx, c).or(subj.first().map(|x| x.0)).or(prev_speaker);
    }
    if let Some(a) = s.args.iter().rfind(|a| a.etype == EntityType::Country && !a.nested) {
        doc.last_state = Some((a.ent, s.idx));
    }
    // the people of the sentence, for the sentences after it (its topic, told by a pronoun too)
    let mut named: Vec<usize> =
        s.args.iter().filter(|a| !a.nested && out.entities[a.ent].etype == EntityType::Person).map(|a| a.ent).collect();
    named.extend(doc.last_person.filter(|_| doc.last_person_at == s.idx));
    for p in named {
        if !doc.people.iter().any(|&(x, si)| x == p && si == s.idx) {
            doc.people.push((p, s.idx));
        }
    }
    if doc.people.len() > 16 {
        doc.people.drain(..doc.people.len() - 16);
    }
    if !ctx.planned(whole) && ctx.cues(Cue::Approve, whole).iter().any(|&k| !ctx.negated(k, whole)) {
        doc.last_approval = Some((s.idx, date_of_clause(&ctx, doc, whole, false)));
    }
    trade::refine_guessed_dates(out, doc, &ctx);
}

/// A state's armed service or ministry the lexicon does not list ("वियतनाम की नौसेना",
/// "इंडोनेशियाई रक्षा मंत्रालय"): an organisation of its own, named as the text names it. (What it
/// does is still the state's: the rules read "X की सेना ने" as X.)
fn state_institutions(out: &mut Extraction, ctx: &Ctx) {
    const KINDS: &[(&str, &str, &str)] = &[
        ("नौसेना", "navy", "Navy"),
        ("वायुसेना", "air_force", "Air Force"),
        ("वायु सेना", "air_force", "Air Force"),
        ("थलसेना", "army", "Army"),
        ("थल सेना", "army", "Army"),
        ("सेना", "army", "Army"),
        ("रक्षा मंत्रालय", "mod", "Ministry of Defence"),
        ("विदेश मंत्रालय", "mfa", "Ministry of Foreign Affairs"),
    ];
    let s = ctx.s;
    // the state, and where its institution's name begins: "वियतनाम की [नौसेना]", "म्यांमार [वायुसेना]",
    // "इंडोनेशियाई [नौसेना]"
    let mut at: Vec<(usize, usize, usize)> = s
        .args
        .iter()
        .filter(|a| a.etype == EntityType::Country && !a.nested && matches!(a.marker, Marker::Gen | Marker::Bare))
        .map(|a| (a.start, a.end + a.marker_len, a.ent))
        .collect();
    at.extend(s.adjectives.iter().map(|&(k, c)| (k, k + 1, c)));
    for (start, k, state) in at {
        if k >= s.toks.len() || ctx.covered[k] {
            continue;
        }
        // "शाही मलेशियाई वायुसेना", "रॉयल सऊदी नौसेना": a royal service keeps the word
        let start =
            if start > 0 && matches!(s.key(start - 1), "शाही" | "रॉयल") { start - 1 } else { start };
        let Some(l) = s.cue_len(k, Cue::Institution) else {
            continue;
        };
        let words: Vec<&str> = (k..k + l).map(|j| s.toks[j].text.as_str()).collect();
        let name = crate::text::key(&words.join(" "));
        let Some(&(_, id, en)) = KINDS.iter().find(|(w, _, _)| crate::text::key(w) == name) else {
            continue;
        };
        // the name as written, from the state to the institution
        let mut text = String::new();
        for j in start..k + l {
            if j > start && s.toks[j - 1].end < s.toks[j].start {
                text.push(' ');
            }
            text.push_str(&s.toks[j].text);
        }
        let country = &out.entities[state];
        let entity = Entity {
            etype: EntityType::Organization,
            id: format!("{}_{id}", country.id),
            hi: text,
            en: format!("{} {en}", country.en),
            alt: BTreeSet::new(),
            class: Some("institution".into()),
            lexicon: None,
            inferred: true,
            mentioned: true,
        };
        out.intern(entity);
    }
}

/// The day of the event a sentence reports: a date or weekday written in it, one not of a
/// statement about it ("गुरुवार को बताया कि ... बुधवार को हुए समारोह में": Wednesday) unless it
/// has no other.
fn event_day(ctx: &Ctx, doc: &Discourse) -> Option<PartialDate> {
    event_day_of(ctx, doc, false)
}

/// The day of the event a sentence reports; `strict`: never the day it was told on.
fn event_day_of(ctx: &Ctx, doc: &Discourse, strict: bool) -> Option<PartialDate> {
    let s = ctx.s;
    let said = |end: usize| (end..(end + 3).min(s.toks.len())).any(|k| s.cue(k, Cue::Say));
    let mut days: Vec<(usize, PartialDate)> = grammar::dates(&s.toks, doc.date)
        .into_iter()
        .filter(|d| matches!(d.date, PartialDate::Day(_)) && s.key(d.end) != "तक")
        .map(|d| (d.end, d.date))
        .collect();
    if let Some(today) = doc.date {
        for k in 0..s.toks.len() {
            if let Some(wd) = grammar::weekday_word(s.key(k)) {
                days.push((k + 1, PartialDate::Day(grammar::resolve_weekday(today, wd, false))));
            }
        }
    }
    days.sort_by_key(|d| d.0);
    days.iter().find(|d| !said(d.0)).or(days.first().filter(|_| !strict)).map(|d| d.1)
}

/// Splits a sentence into clauses at subordinators and contrastive conjunctions, and at a comma
/// that starts a new clause with its own agent.
fn clauses(ctx: &Ctx) -> Vec<Clause> {
    let s = ctx.s;
    let n = s.toks.len();
    let mut cuts = vec![0];
    // a headline (the article's first line, with no full stop) runs several headlines together,
    // a comma between them: "फिलीपींस पहुंची ब्रह्मोस की दूसरी खेप, वियतनाम के साथ डील अंतिम दौर में"
    let headline = s.idx == 0 && !matches!(s.toks.last().map(|t| t.key.as_str()), Some("।" | "." | "?" | "!"));
    for i in 0..n {
        if ctx.covered[i] {
            continue;
        }
        let k = s.key(i);
        let cut = matches!(
            k,
            "कि" | "जबकि"
                | "लेकिन"
                | "मगर"
                | "किंतु"
                | "परंतु"
                | "क्योंकि"
                | "जिसमें"
                | "जिसमे"
                | "जिससे"
                | "जिसके"
                | "जिसकी"
                | "जिनकी"
                | "जिनके"
                | "जिनमें"
                | "जिन्हें"
                | "जिसे"
                | "जिसने"
                | "जिन्होंने"
                | "ताकि"
                | "हालांकि"
                | "जहां"
                | "जब"
                | ";"
        ) || k == "और" && matches!(s.key(i + 1), "वह" | "वे" | "उन्होंने" | "उसने")
            // "... डीआरडीओ ने विकसित की है और इसे बीईएल से खरीदा जाएगा": the thing spoken of, in a
            // clause of its own
            // (not "और इसे लेकर ... बातचीत", talks about it)
            || k == "और" && matches!(s.key(i + 1), "इसे" | "इन्हें") && s.key(i + 2) != "लेकर"
            // "... ऑर्डर मिला था और ये सभी मिसाइलें सेना को मिल चुकी हैं": a finished verb, then
            // what was just spoken of
            || k == "और"
                && i > 0
                && matches!(s.key(i - 1), "था" | "थे" | "थी" | "थीं" | "है" | "हैं" | "होंगे" | "होगा" | "होगी")
                && matches!(
                    s.key(i + 1),
                    "ये" | "यह" | "इन" | "इनकी" | "इसकी" | "इनमें" | "इन्हें" | "उस" | "उसी" | "उन" | "उसकी" | "उनकी" | "उसके"
                )
            // "... सौदा किया था और पिछले साल जुलाई में डिलीवरी पूरी हो गई": a finished verb and a
            // new time: another event
            || k == "और"
                && i > 0
                && matches!(s.key(i - 1), "था" | "थे" | "थी" | "है" | "हैं")
                && (i + 1..(i + 6).min(n)).any(|j| grammar::month_word(s.key(j)).is_some() || grammar::year_of(&s.toks[j]).is_some() || matches!(s.key(j), "पिछले" | "अगले" | "बाद"))
            // "..., जिस पर जेलेंस्की ने नाराजगी जताई थी": a relative clause with an agent of its own
            // (not "..., जिस पर एमडीएल से बातचीत चल रही थी", which says more of the same)
            || k == "जिस" && (i + 1..n).any(|j| s.key(j) == "ने")
            // "..., जो सोमवार को चटगांव बंदरगाह पहुंचीं": a relative clause after a comma
            || k == "जो" && i > 0 && s.key(i - 1) == ","
            || k == "," && headline
            || k == ","
                // (not a list of the agents: "अर्जेंटीना, ऑस्ट्रेलिया और मिस्र ने")
                && !s.args.iter().any(|a| a.end == i && a.marker == Marker::And && !a.nested)
                && s.args.iter().find(|a| a.start > i).is_some_and(|a| {
                    a.start <= i + 2
                        && group_marker(s, s.args.iter().position(|x| std::ptr::eq(x, a)).unwrap_or(0)) == Marker::Ne
                });
        if cut && i > 0 {
            cuts.push(i);
        }
    }
    // a new agent after a finished verb starts a new clause: "भारत ने राफेल खरीदे और पाकिस्तान ने
    // जे-10सी खरीदे" (each agent with its own objects), and a run-on text of such clauses
    let verb_end = |k: usize| {
        matches!(
            s.key(k),
            "है" | "हैं"
                | "था"
                | "थे"
                | "थी"
                | "किया"
                | "किए"
                | "की"
                | "दिया"
                | "दिए"
                | "दी"
                | "गया"
                | "गए"
                | "गई"
                | "लिया"
                | "लिए"
                | "ली"
        ) || [Cue::Buy, Cue::Supply, Cue::Sell, Cue::Sign, Cue::Meet, Cue::Deliver].iter().any(|&c| s.cue(k, c))
    };
    let mut agent_clause: Option<usize> = None; // the clause start of the last agent
    for (j, a) in s.args.iter().enumerate() {
        if a.nested || a.marker != Marker::Ne {
            continue;
        }
        let first = group_before(s, j)[0];
        let start = s.args[first].start;
        let mut before = start;
        while before > 0 && matches!(s.key(before - 1), "और" | "तथा" | "एवं" | ",") {
            before -= 1;
        }
        let clause_start = cuts.iter().rev().find(|&&x| x <= start).copied().unwrap_or(0);
        if agent_clause == Some(clause_start) && before > 0 && verb_end(before - 1) {
            cuts.push(before);
            cuts.sort_unstable();
            agent_clause = Some(before);
        } else {
            agent_clause = Some(clause_start);
        }
    }
    cuts.push(n);
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| Clause { a: w[0], b: w[1] }).filter(|c| c.b > c.a).collect()
}

/// The next argument after `j` that is not part of a wider phrase.
fn next_arg(s: &Sentence, j: usize) -> Option<usize> {
    (j + 1..s.args.len()).find(|&k| !s.args[k].nested)
}

/// Members of the coordination group ending at argument `i`, in order (`X, Y और Z से`: X, Y, Z).
fn group_before(s: &Sentence, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut j = i;
    while let Some(mut k) = (0..j).rev().find(|&k| !s.args[k].nested) {
        // "अमेरिका के पीट हेगसेथ, फिलीपींस के गिल्बर्टो टेओडोरो और मलेशिया के X से": each person
        // of the list with their state before them (the state is no member)
        let prefixed = state_prefix(s, k, j);
        if let Some(p) = prefixed {
            k = p;
        }
        let a = &s.args[k];
        if a.marker != Marker::And || prefixed.is_none() && !joined(s, k, j) {
            break;
        }
        out.insert(0, k);
        j = k;
    }
    if commas_only(s, &out) {
        return vec![i];
    }
    out
}

/// If argument `k` is a state in the genitive right before person `j` ("फिलीपींस के गिल्बर्टो
/// टेओडोरो"), the list member before that state: a person joined to it.
fn state_prefix(s: &Sentence, k: usize, j: usize) -> Option<usize> {
    let st = &s.args[k];
    let person = |x: &Arg| x.etype == EntityType::Person;
    if st.etype != EntityType::Country || st.marker != Marker::Gen || st.end + st.marker_len != s.args[j].start {
        return None;
    }
    if !person(&s.args[j]) {
        return None;
    }
    let p = (0..k).rev().find(|&x| !s.args[x].nested)?;
    let a = &s.args[p];
    (person(a) && a.marker == Marker::And && a.end + a.marker_len == st.start).then_some(p)
}

/// Does argument `k` follow argument `j`'s conjunction right away, or over a possessive ("राजनाथ
/// सिंह और उनके वियतनामी समकक्ष X")?
fn joined(s: &Sentence, j: usize, k: usize) -> bool {
    let at = s.args[j].end + s.args[j].marker_len;
    s.args[k].start == at
        || s.args[k].start == at + 1 && matches!(s.key(at), "उनके" | "उनकी" | "उसके" | "उसकी" | "अपने" | "अपनी")
}

/// Are the members of a would-be group joined by commas alone? Hindi joins the last two of a
/// list with और: "भारत, अमेरिका से" is a subject set off by a comma, then a phrase of its own.
fn commas_only(s: &Sentence, g: &[usize]) -> bool {
    g.len() >= 2 && g[..g.len() - 1].iter().all(|&m| s.key(s.args[m].end) == ",")
}

/// Members of the coordination group starting at argument `i` (`X और Y`, `X, Y तथा Z`).
fn group(s: &Sentence, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut j = i;
    while s.args[j].marker == Marker::And {
        match next_arg(s, j) {
            Some(k) if joined(s, j, k) => {
                out.push(k);
                j = k;
            }
            _ => break,
        }
    }
    if commas_only(s, &out) {
        return vec![i];
    }
    out
}

/// The marker of the coordination group that argument `i` belongs to.
fn group_marker(s: &Sentence, i: usize) -> Marker {
    let g = group(s, i);
    // (a phrase set off by a comma alone stands bare)
    if g.len() == 1 && s.args[i].marker == Marker::And && s.key(s.args[i].end) == "," {
        return Marker::Bare;
    }
    s.args[*g.last().unwrap_or(&i)].marker
}

/// Can this argument act (be a subject)? People, states, organisations, and capitals standing
/// for their state; not other places.
fn is_agentive(a: &Arg, out: &Extraction) -> bool {
    match a.etype {
        EntityType::Person | EntityType::Country | EntityType::Organization => true,
        EntityType::Place => out.entities[a.ent].class.as_deref() == Some("capital"),
        _ => false,
    }
}

/// `X का कहना है`: X speaks.
fn speaker(ctx: &Ctx, c: Clause) -> Option<usize> {
    ctx.args_in(c)
        .find(|(_, a)| a.marker == Marker::Gen && ctx.s.cue(a.end + a.marker_len, Cue::Say))
        .map(|(_, a)| a.ent)
}

/// The subject(s) of a clause: the agent with ने, else the speaker, else a pronoun resolved
/// to the last party named, else the first bare noun phrase.
fn subject(
    ctx: &Ctx,
    c: Clause,
    doc: &Discourse,
    prev_speaker: Option<usize>,
    out: &Extraction,
) -> Vec<(usize, SubjectFrom)> {
    let s = ctx.s;
    let usable = |a: &Arg| !a.nested && !a.compound && is_agentive(a, out);
    // 0. a state's institution acting: बांग्लादेश की सेना ने, भारत सरकार ने, फिलीपींस के राष्ट्रीय
    // रक्षा विभाग ने (up to two describing words before the institution's head)
    // (the state may sit inside the institution's own name: "मलेशिया के रक्षा मंत्रालय ने")
    for (_, a) in ctx.args_in(c) {
        if a.etype == EntityType::Country && matches!(a.marker, Marker::Gen | Marker::Bare) {
            let from = a.end + a.marker_len;
            // the institution known by name: "मलेशिया के [रक्षा मंत्रालय] ने"
            if ctx.args_in(c).any(|(_, b)| b.start == from && b.marker == Marker::Ne && s.cue(from, Cue::Institution)) {
                return vec![(a.ent, SubjectFrom::Stated)];
            }
            for at in from..(from + 3).min(c.b) {
                if ctx.covered[at] || s.key(at) == "ने" {
                    break;
                }
                let l = s.cue_len(at, Cue::Institution).or_else(|| s.cue(at, Cue::BodyHead).then_some(1));
                if let Some(l) = l {
                    if ctx.s.key(at + l) == "ने" {
                        return vec![(a.ent, SubjectFrom::Stated)];
                    }
                }
            }
        }
    }
    // "इंडोनेशियाई नौसेना ने", "सऊदी रक्षा मंत्रालय ने": a state's adjective before the institution
    for &(k, state) in &s.adjectives {
        if k < c.a || k + 1 >= c.b || ctx.covered[k + 1] {
            continue;
        }
        if s.cue_len(k + 1, Cue::Institution).is_some_and(|l| s.key(k + 1 + l) == "ने") {
            return vec![(state, SubjectFrom::Stated)];
        }
    }
    // 1. ने
    let ne: Vec<usize> = ctx
        .args_in(c)
        .filter(|(i, a)| {
            usable(a) && a.marker == Marker::Ne
                || usable(a) && a.marker == Marker::And && group_marker(s, *i) == Marker::Ne
        })
        .map(|(_, a)| a.ent)
        .collect();
    if !ne.is_empty() {
        return ne.into_iter().map(|e| (e, SubjectFrom::Stated)).collect();
    }
    // "मंत्रालय ने", "परिषद ने": the ministry or council the article named by its full name
    let head_ne = (c.a..c.b).find(|&k| !ctx.covered[k] && s.key(k + 1) == "ने" && s.cue(k, Cue::BodyHead));
    if let Some(k) = head_ne {
        let head = s.key(k);
        let lo = out.entities.len().saturating_sub(WINDOW);
        let named = out.entities[lo..]
            .iter()
            .rposition(|e| {
                e.mentioned && e.etype == EntityType::Organization && crate::text::key(&e.hi).ends_with(head)
            })
            .map(|i| i + lo);
        if let Some(e) = named {
            return vec![(e, SubjectFrom::Pronoun)];
        }
    }
    if let Some(sp) = speaker(ctx, c) {
        return vec![(sp, SubjectFrom::Stated)];
    }
    // 2. a pronoun at the head of the clause
    let first_word = (c.a..c.b).find(|&k| {
        !matches!(
            s.key(k),
            "," | "\""
                | "“"
                | "‘"
                | "'"
                | "और"
                | "तथा"
                | "इससे"
                | "फिर"
                | "लेकिन"
                | "मगर"
                | "जबकि"
                | "क्योंकि"
                | "कि"
                | "हालांकि"
                | "परंतु"
                | "किंतु"
                | "जिसमें"
                | "तो"
                | "अब"
        )
    });
    // (after "जहां" a time and a place may come first: "जहां सोमवार को निकोसिया में उन्होंने ...")
    let reach = if s.key(c.a) == "जहां" { 8 } else { 4 };
    let pron = (c.a..c.b.min(c.a + reach)).find(|&k| {
        !ctx.covered[k]
            && (matches!(s.key(k), "उन्होंने" | "उसने" | "इसने" | "उन्हों" | "जिसने" | "जिन्होंने")
                || Some(k) == first_word
                    && matches!(s.key(k), "वह" | "वे" | "यह")
                    && !s.cue(k + 1, Cue::SystemNoun)
                    && !s.cue(k + 1, Cue::Meet)
                    && !s.cue(k + 1, Cue::Share)
                    && !s.cue(k + 1, Cue::DealNoun))
    });
    let first_bare = ctx.args_in(c).find(|(i, a)| {
        usable(a) && (a.marker == Marker::Bare || a.marker == Marker::And && group_marker(s, *i) == Marker::Bare)
    });
    if let Some(p) = pron {
        if first_bare.is_none_or(|(_, a)| a.start > p) {
            let earlier = s
                .args
                .iter()
                .rfind(|a| a.end <= p && !a.nested && matches!(a.etype, EntityType::Person | EntityType::Country))
                .map(|a| a.ent);
            // ("सबसे बड़ा सौदा इंडोनेशिया के साथ हुआ, जिसने ...": a relative pronoun's antecedent
            // is the party named just before)
            let relative = matches!(s.key(p), "जिसने" | "जिन्होंने");
            let pick = if relative {
                earlier.or(doc.last_agent)
            } else {
                prev_speaker.filter(|_| c.a > 0).or(earlier).or(doc.last_agent)
            };
            // ("मोदी साइप्रस में थे, जहां ... उन्होंने": the person named before in the sentence)
            let earlier_person =
                s.args.iter().rfind(|a| a.end <= p && !a.nested && a.etype == EntityType::Person).map(|a| a.ent);
            let pick = if s.key(p) == "उन्होंने" {
                pick.filter(|e| out.entities[*e].etype == EntityType::Person).or(earlier_person).or(doc.last_person)
            } else {
                pick
            };
            return pick.map(|e| vec![(e, SubjectFrom::Pronoun)]).unwrap_or_default();
        }
    }
    // 3. bare noun phrase(s)
    if let Some((i, _)) = first_bare {
        return group(s, i)
            .into_iter()
            .filter(|j| usable(&s.args[*j]))
            .map(|j| (s.args[j].ent, SubjectFrom::Stated))
            .collect();
    }
    Vec::new()
}

fn conf(base: f32, from: SubjectFrom) -> f32 {
    match from {
        SubjectFrom::Stated => base,
        SubjectFrom::Pronoun => base - 0.1,
    }
}

fn push_fact(out: &mut Extraction, subject: usize, relation: Relation, object: usize, ev: Evidence) {
    if subject == object {
        return;
    }
    out.add_fact(Fact { subject, relation, object: Object::Entity(object), evidence: ev });
}

/// The state an argument stands for: itself, the state of a capital or a state organisation.
fn state_of(lex: &Lexicon, out: &mut Extraction, ent: usize, orgs: bool) -> Option<usize> {
    let e = &out.entities[ent];
    match e.etype {
        EntityType::Country => Some(ent),
        EntityType::Place => {
            let l = e.lexicon?;
            if lex.entries[l].kind != "capital" {
                return None;
            }
            let c = lex.entries[l].country?;
            Some(out.intern_lexicon(lex, c))
        }
        EntityType::Organization if orgs => {
            let l = e.lexicon?;
            if !matches!(lex.entries[l].kind.as_str(), "ministry" | "military" | "government" | "agency") {
                return None;
            }
            let c = lex.entries[l].country?;
            Some(out.intern_lexicon(lex, c))
        }
        _ => None,
    }
}

/// A party that can buy or sell: a state (or its capital, or a state body), or a company.
fn party(lex: &Lexicon, out: &mut Extraction, ent: usize) -> Option<usize> {
    if let Some(c) = state_of(lex, out, ent, true) {
        return Some(c);
    }
    is_company(lex, out, ent).then_some(ent)
}

/// Is the entity a company (by the lexicon's kind, or the class it was found with)?
fn is_company(lex: &Lexicon, out: &Extraction, ent: usize) -> bool {
    let e = &out.entities[ent];
    let company = match e.lexicon {
        Some(l) => lex.entries[l].kind == "company",
        None => e.class.as_deref() == Some("company"),
    };
    e.etype == EntityType::Organization && company
}

/// The first date written in clause `c`, not a deadline ("2030 तक").
fn first_date(s: &Sentence, c: Clause, today: Option<NaiveDate>) -> Option<PartialDate> {
    // (not a deadline, "2030 तक", nor the start of a span to come, "2027 से शुरू होगी")
    let start = |end: usize| s.key(end) == "से" && matches!(s.key(end + 1), "शुरू" | "लेकर" | "आगे");
    // (nor a number inside a name: "मिराज 2000")
    let named = |k: usize| s.args.iter().any(|a| (a.start..a.end).contains(&k));
    grammar::dates(&s.toks[c.a..c.b], today)
        .into_iter()
        .find(|d| s.key(c.a + d.end) != "तक" && !start(c.a + d.end) && !named(c.a + d.start))
        .map(|d| d.date)
}

fn date_of_clause(ctx: &Ctx, doc: &Discourse, c: Clause, planned: bool) -> Option<PartialDate> {
    let s = ctx.s;
    if let Some(d) = first_date(s, c, doc.date) {
        return Some(d);
    }
    // "उसी दिन", "उसी शाम" (that same day): the day named last (earlier in the sentence first:
    // "... मंगलवार को यहां आए थे और उसी शाम उन्होंने ...")
    if ctx.has(Cue::SameDay, c) {
        let before = Clause { a: 0, b: c.a };
        let earlier = first_date(s, before, doc.date).filter(|d| matches!(d, PartialDate::Day(_))).or_else(|| {
            let wd = (0..c.a).rev().find_map(|k| grammar::weekday_word(s.key(k)))?;
            doc.date.map(|d| PartialDate::Day(grammar::resolve_weekday(d, wd, false)))
        });
        let told = doc.told_day.filter(|(_, si)| *si + 1 == s.idx && c.a == 0).map(|x| x.0);
        if let Some(d) = earlier.or(told).or_else(|| doc.last_date.filter(|(_, si)| *si <= s.idx).map(|x| x.0)) {
            return Some(d);
        }
    }
    // "इससे एक दिन पहले" (a day before that): the day named last, less the days
    if let Some(k) = (c.a + 2..c.b).find(|&k| s.key(k) == "पहले" && matches!(s.key(k - 1), "दिन" | "शाम" | "रात"))
    {
        let n = match s.key(k - 2) {
            "एक" => Some(1),
            "दो" => Some(2),
            "तीन" => Some(3),
            _ => None,
        };
        let base = doc.last_date.filter(|(_, si)| *si <= s.idx).map(|x| x.0);
        if let (Some(n), Some(PartialDate::Day(d))) = (n, base) {
            return Some(PartialDate::Day(d - chrono::Duration::days(n)));
        }
    }
    // "कल" (yesterday, or tomorrow for what is still to come), "आज" (today): the article's day
    if let Some(today) = doc.date {
        if (c.a..c.b).any(|k| s.key(k) == "आज") {
            return Some(PartialDate::Day(today));
        }
        if (c.a..c.b).any(|k| s.key(k) == "कल" && !matches!(s.key(k + 1), "-" | "पुर्जे" | "पुर्जों"))
        {
            let shift = if planned || ctx.planned(c) { 1 } else { -1 };
            return Some(PartialDate::Day(today + chrono::Duration::days(shift)));
        }
    }
    // "उसी सप्ताह", "उसी महीने": the month of the day named last
    if ctx.has(Cue::SameMonth, c) {
        if let Some((PartialDate::Day(d), _)) = doc.last_date.filter(|(_, si)| *si <= s.idx) {
            return Some(PartialDate::YearMonth(d.year(), d.month()));
        }
    }
    // (not the day a span to come starts: "शुक्रवार से शुरू हो रही बैठक")
    let starts = |k: usize| s.key(k + 1) == "से" && matches!(s.key(k + 2), "शुरू" | "लेकर" | "आगे");
    let Some(wd) = (c.a..c.b).filter(|&k| !starts(k)).find_map(|k| grammar::weekday_word(s.key(k))) else {
        // "शाम को" (in the evening) with no day of its own: the day named just before
        if ctx.has(Cue::TimeOfDay, c) && !planned {
            return doc.last_date.filter(|(_, si)| s.idx - si <= 6).map(|(d, _)| d);
        }
        return None;
    };
    doc.date.map(|d| PartialDate::Day(grammar::resolve_weekday(d, wd, planned)))
}

/// Is `KHABAR_TRACE` set? Then the rules print what they read of each clause to stderr (for
/// whoever writes rules; read once).
fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("KHABAR_TRACE").is_some())
}

/// After the last sentence: a meeting only the headline reports, with no day of its own, is the
/// news of the article's day ("कीव पहुंचे मोदी, जेलेंस्की से बातचीत").
///
/// And the trade facts that contradict what the lexicon knows of a system: its maker does not buy
/// it ("दसॉ ... राफेल"), and a state that buys a system made elsewhere is not its supplier in the
/// same sentence (one clause read backwards gives both).
pub fn close(lex: &Lexicon, out: &mut Extraction, doc: &Discourse) {
    // a meeting at a venue was held in the venue's city too ("हैदराबाद हाउस में" is in New Delhi)
    for mi in 0..out.meetings.len() {
        let cities: Vec<usize> = out.meetings[mi]
            .places
            .iter()
            .filter_map(|&p| out.entities[p].lexicon)
            .filter(|&l| matches!(lex.entries[l].kind.as_str(), "site" | "base"))
            .filter_map(|l| lex.entries[l].located_in)
            .collect();
        for l in cities {
            let city = out.intern_lexicon(lex, l);
            if !out.meetings[mi].places.contains(&city) {
                out.meetings[mi].places.push(city);
            }
        }
    }
    if let Some(day) = doc.date {
        for m in &mut out.meetings {
            if m.date.is_none() && m.evidence.iter().all(|e| e.sentence == 0) {
                m.date = Some(PartialDate::Day(day));
            }
        }
    }
    let lexicon_of = |e: usize| out.entities[e].lexicon;
    let maker_of = |sys: usize| lexicon_of(sys).and_then(|l| lex.entries[l].maker);
    let origin_of = |sys: usize| lexicon_of(sys).and_then(|l| lex.entries[l].country);
    // (bought in the same sentence: a state that buys and passes on what it bought, as aid, is
    // a supplier in another)
    let bought: std::collections::HashSet<(usize, usize, usize)> = out
        .facts
        .iter()
        .filter(|f| f.relation == Relation::Buys)
        .filter_map(|f| if let Object::Entity(o) = f.object { Some((f.subject, o, f.evidence.sentence)) } else { None })
        .collect();
    let wrong: Vec<bool> = out
        .facts
        .iter()
        .map(|f| {
            let Object::Entity(sys) = f.object else { return false };
            if out.entities[sys].etype != EntityType::WeaponSystem {
                return false;
            }
            let who = lexicon_of(f.subject);
            match f.relation {
                Relation::Buys | Relation::SeeksToBuy => who.is_some() && who == maker_of(sys),
                Relation::Supplies => {
                    let made_elsewhere = origin_of(sys).is_some_and(|o| who.is_some() && Some(o) != who);
                    out.entities[f.subject].etype == EntityType::Country
                        && made_elsewhere
                        && bought.contains(&(f.subject, sys, f.evidence.sentence))
                }
                _ => false,
            }
        })
        .collect();
    if wrong.iter().any(|w| *w) {
        // (no rule reads the facts after this: their positions may change)
        out.drop_index();
        let mut i = 0;
        out.facts.retain(|_| {
            i += 1;
            !wrong[i - 1]
        });
    }
}

/// Final tidying: one fact per (subject, relation, object, sentence), symmetric facts ordered,
/// and no entity that is neither mentioned nor used.
pub fn finish(out: &mut Extraction) {
    out.drop_index();
    prune_entities(out);
    let mut seen = std::collections::HashSet::new();
    for f in &mut out.facts {
        if f.relation.symmetric() {
            if let Object::Entity(o) = f.object {
                let (a, b) = (&out.entities[f.subject].id, &out.entities[o].id);
                if a > b {
                    f.object = Object::Entity(f.subject);
                    f.subject = o;
                }
            }
        }
    }
    out.facts.retain(|f| seen.insert((f.subject, f.relation, f.object.clone(), f.evidence.sentence)));
}

/// Drops entities that were only looked up (a capital's state, a system's origin) and never used.
fn prune_entities(out: &mut Extraction) {
    let mut used: Vec<bool> = out.entities.iter().map(|e| e.mentioned).collect();
    let mut mark = |i: usize| used[i] = true;
    for f in &out.facts {
        mark(f.subject);
        if let Object::Entity(o) = f.object {
            mark(o);
        }
    }
    for m in &out.meetings {
        m.participants.iter().chain(&m.places).for_each(|i| mark(*i));
    }
    for d in &out.deals {
        [d.buyer, d.seller, d.system].into_iter().for_each(&mut mark);
    }
    for s in &out.shares {
        [s.importer, s.exporter].into_iter().chain(s.source).for_each(&mut mark);
    }
    let mut map = vec![usize::MAX; out.entities.len()];
    let mut kept = Vec::new();
    for (i, e) in std::mem::take(&mut out.entities).into_iter().enumerate() {
        if used[i] {
            map[i] = kept.len();
            kept.push(e);
        }
    }
    out.entities = kept;
    for f in &mut out.facts {
        f.subject = map[f.subject];
        if let Object::Entity(o) = &mut f.object {
            *o = map[*o];
        }
    }
    for m in &mut out.meetings {
        m.participants.iter_mut().chain(m.places.iter_mut()).for_each(|i| *i = map[*i]);
    }
    for d in &mut out.deals {
        for x in [&mut d.buyer, &mut d.seller, &mut d.system] {
            *x = map[*x];
        }
    }
    for s in &mut out.shares {
        s.importer = map[s.importer];
        s.exporter = map[s.exporter];
        if let Some(x) = &mut s.source {
            *x = map[*x];
        }
    }
}
