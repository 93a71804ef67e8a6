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
use super::{Deal, DealStatus, Entity, Evidence, Extraction, Fact, Meeting, Object, PartialDate, Relation, Share};
use crate::lexicon::{Cue, EntityType, Lexicon};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// What the article has said so far: who acted last, which system and parties are in play.
pub struct Discourse {
    date: Option<NaiveDate>,
    last_agent: Option<usize>,
    last_person: Option<usize>,
    last_system: Option<(usize, usize)>,
    last_buyer: Option<usize>,
    last_seller: Option<usize>,
    last_share: Option<(usize, usize, usize)>,
    /// The states of the two sides met last (for "दोनों नेताओं/देशों ने ...").
    last_sides: Option<(usize, usize)>,
    /// The period of years named last (for "इस अवधि में").
    last_period: Option<(i32, i32, usize)>,
    /// The date (or day) named last, and in which sentence: an event reported over several
    /// sentences keeps its day.
    last_date: Option<(PartialDate, usize)>,
    /// The place of the dateline (`नई दिल्ली, 12 मार्च 2025।`): what "यहां" (here) means.
    dateline_place: Option<usize>,
}

impl Discourse {
    /// A fresh article dated `date`.
    pub fn new(date: Option<NaiveDate>) -> Self {
        Discourse {
            date,
            last_agent: None,
            last_person: None,
            last_system: None,
            last_buyer: None,
            last_seller: None,
            last_share: None,
            last_sides: None,
            last_period: None,
            last_date: None,
            dateline_place: None,
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
        for c in covered.iter_mut().take(a.end.min(s.toks.len())).skip(a.name_start) {
            *c = true;
        }
    }
    let ctx = Ctx { s, covered };
    // a dateline: PLACE, DATE
    if s.idx < 4 && doc.dateline_place.is_none() {
        if let Some(a) = s.args.first() {
            let dated = !grammar::dates(&s.toks, None).is_empty();
            // "नई दिल्ली, 12 मार्च 2025।" or a bare "वॉशिंगटन।" opening the body
            let bare = a.end + 1 >= s.toks.len() && matches!(s.key(a.end), "।" | "" | ":" | "-");
            if a.start == 0 && a.etype == EntityType::Place && (s.key(a.end) == "," && dated || bare) {
                doc.dateline_place = Some(a.ent);
            }
        }
    }
    phrase_facts(lex, out, s);
    events_from_context(lex, out, &ctx);
    located_in(lex, out, &ctx);
    made_in(lex, out, &ctx);
    shares(out, doc, &ctx);
    // the day of what the sentence reports, for the sentences after it (not a planned day, not
    // a bare year)
    let whole = Clause { a: 0, b: s.toks.len() };
    if !ctx.planned(whole) {
        if let Some(d @ PartialDate::Day(_)) = date_of_clause(&ctx, doc, whole, false) {
            doc.last_date = Some((d, s.idx));
        }
    }
    let mut prev_speaker: Option<usize> = None;
    let mut topic_set = false;
    for c in clauses(&ctx) {
        let subj = subject(&ctx, c, doc, prev_speaker, out);
        meet(lex, out, doc, &ctx, c, &subj);
        visit(lex, out, &ctx, c, &subj);
        invite_condemn_attend(out, &ctx, c, &subj);
        trade(lex, out, doc, &ctx, c, &subj);
        relations_between_states(lex, out, doc, &ctx, c, &subj);
        used_in(out, doc, &ctx, c);
        made_by(out, doc, &ctx, c);
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
            }
            topic_set = true;
        }
        prev_speaker = speaker(&ctx, c).or(subj.first().map(|x| x.0)).or(prev_speaker);
    }
}

/// Splits a sentence into clauses at subordinators and contrastive conjunctions, and at a comma
/// that starts a new clause with its own agent.
fn clauses(ctx: &Ctx) -> Vec<Clause> {
    let s = ctx.s;
    let n = s.toks.len();
    let mut cuts = vec![0];
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
                | "ताकि"
                | "हालांकि"
                | ";"
        ) || k == ","
            && s.args.iter().find(|a| a.start > i).is_some_and(|a| {
                a.start <= i + 2
                    && group_marker(s, s.args.iter().position(|x| std::ptr::eq(x, a)).unwrap_or(0)) == Marker::Ne
            });
        if cut && i > 0 {
            cuts.push(i);
        }
    }
    cuts.push(n);
    cuts.dedup();
    cuts.windows(2).map(|w| Clause { a: w[0], b: w[1] }).filter(|c| c.b > c.a).collect()
}

/// The next argument after `j` that is not part of a wider phrase.
fn next_arg(s: &Sentence, j: usize) -> Option<usize> {
    (j + 1..s.args.len()).find(|&k| !s.args[k].nested)
}

/// Members of the coordination group starting at argument `i` (`X और Y`, `X, Y तथा Z`).
fn group(s: &Sentence, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut j = i;
    while s.args[j].marker == Marker::And {
        match next_arg(s, j) {
            Some(k) if s.args[k].start == s.args[j].end + s.args[j].marker_len => {
                out.push(k);
                j = k;
            }
            _ => break,
        }
    }
    out
}

/// The marker of the coordination group that argument `i` belongs to.
fn group_marker(s: &Sentence, i: usize) -> Marker {
    let g = group(s, i);
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
    // 0. a state's institution acting: बांग्लादेश की सेना ने, भारत सरकार ने
    for (_, a) in ctx.args_in(c) {
        if a.etype == EntityType::Country && !a.nested && matches!(a.marker, Marker::Gen | Marker::Bare) {
            let from = a.end + a.marker_len;
            let inst = ctx.s.cues.get(from).and_then(|v| v.iter().find(|(c, _)| *c == Cue::Institution).map(|x| x.1));
            if let Some(l) = inst {
                if ctx.s.key(from + l) == "ने" {
                    return vec![(a.ent, SubjectFrom::Stated)];
                }
            }
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
    let pron = (c.a..c.b.min(c.a + 4)).find(|&k| {
        !ctx.covered[k]
            && (matches!(s.key(k), "उन्होंने" | "उसने" | "इसने" | "उन्हों")
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
            let pick = prev_speaker.filter(|_| c.a > 0).or(earlier).or(doc.last_agent);
            let pick = if s.key(p) == "उन्होंने" {
                pick.filter(|e| out.entities[*e].etype == EntityType::Person).or(doc.last_person)
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
    out.facts.push(Fact { subject, relation, object: Object::Entity(object), evidence: ev });
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
    let e = &out.entities[ent];
    (e.etype == EntityType::Organization && e.lexicon.is_some_and(|l| lex.entries[l].kind == "company")).then_some(ent)
}

fn date_of_clause(ctx: &Ctx, doc: &Discourse, c: Clause, planned: bool) -> Option<PartialDate> {
    let s = ctx.s;
    let year = doc.date.map(|d| d.year());
    let ds = grammar::dates(&s.toks[c.a..c.b], year);
    if let Some(d) = ds.first() {
        return Some(d.date);
    }
    let wd = (c.a..c.b).find_map(|k| grammar::weekday_word(s.key(k)))?;
    doc.date.map(|d| PartialDate::Day(grammar::resolve_weekday(d, wd, planned)))
}

// ---------------------------------------------------------------------------------------------
// meetings

fn meet(lex: &Lexicon, out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx, c: Clause, subj: &[(usize, SubjectFrom)]) {
    let s = ctx.s;
    // "बैठक की मेजबानी X ने की, जिसमें A, B और C शामिल हुए": everyone at the table met
    if let Some(&k) = ctx.cues(Cue::Attend, c).first() {
        let whole = Clause { a: 0, b: s.toks.len() };
        if ctx.has(Cue::Meet, whole) && !ctx.negated(k, c) && !ctx.planned(c) {
            multi_party(out, doc, ctx, c, k);
        }
    }
    // the verb comes last: the last meeting word is the one that takes the partner; a host
    // meets the guest ("X ने Y की मेजबानी की")
    let host = ctx.cues(Cue::Host, c).last().copied();
    let Some(cue) = ctx.cues(Cue::Meet, c).last().copied().or(host) else { return };
    if ctx.negated(cue, c) || ctx.planned(c) || ctx.has(Cue::Remote, c) {
        return;
    }
    let person = |e: usize| out.entities[e].etype == EntityType::Person;
    let mut pairs: Vec<(usize, usize, &'static str, f32)> = Vec::new();
    // X ने Y से मुलाकात की / X के साथ बैठक में Y ने
    let partners: Vec<usize> = ctx
        .args_in(c)
        .filter(|(_, a)| {
            let partner = (a.marker == Marker::Se || a.marker == Marker::Saath) && a.end <= cue + 1;
            let guest = host == Some(cue) && a.marker == Marker::Gen && a.end < cue && cue <= a.end + a.marker_len + 1;
            !a.nested && (partner || guest) && person(a.ent)
        })
        .map(|(_, a)| a.ent)
        .collect();
    let mut subjects: Vec<(usize, SubjectFrom)> = subj.iter().copied().filter(|(e, _)| person(*e)).collect();
    // a headline puts the verb first: "अमेरिकी रक्षा मंत्री पीट हेगसेथ से मिले राजनाथ सिंह"
    if subjects.iter().all(|(_, f)| *f != SubjectFrom::Stated) {
        let len = s.cues[cue].iter().find(|(x, _)| *x == Cue::Meet).map(|(_, l)| *l).unwrap_or(1);
        if let Some((_, a)) = ctx.args_in(c).find(|(_, a)| a.start == cue + len && person(a.ent) && !a.nested) {
            subjects = vec![(a.ent, SubjectFrom::Stated)];
        }
    }
    if subjects.is_empty() && subj.is_empty() && !partners.is_empty() {
        // Hindi news drops a subject it has just named: इससे पहले ... से मुलाकात की
        if let Some(p) = doc.last_person {
            subjects.push((p, SubjectFrom::Pronoun));
        }
    }
    for (x, from) in &subjects {
        for y in &partners {
            pairs.push((*x, *y, "meet.agent-partner", conf(0.85, *from)));
        }
    }
    // X और Y के बीच बैठक / X तथा Y की बैठक / X और Y ने मुलाकात की
    for (i, a) in ctx.args_in(c) {
        if a.nested || a.end > cue || a.marker != Marker::And {
            continue;
        }
        let g = group(s, i);
        let last = &s.args[*g.last().unwrap_or(&i)];
        if g.len() >= 2
            && matches!(last.marker, Marker::Beech | Marker::Gen | Marker::Ne)
            && g.iter().all(|j| person(s.args[*j].ent))
        {
            for (p, q) in g.iter().zip(g.iter().skip(1)) {
                pairs.push((s.args[*p].ent, s.args[*q].ent, "meet.coordinated", 0.85));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    // the day: in this sentence, else the day named in the sentence or two before
    // the day: in the meeting's clause; else in its sentence unless that speaks of plans; else
    // the day named in the sentence or two before
    let whole = Clause { a: 0, b: s.toks.len() };
    let date = date_of_clause(ctx, doc, c, false)
        .or_else(|| if ctx.planned(whole) { None } else { date_of_clause(ctx, doc, whole, false) })
        .or_else(|| doc.last_date.filter(|(_, si)| s.idx - si <= 2 && *si < s.idx).map(|(d, _)| d));
    // where: "X में" places, or where they arrived ("नई दिल्ली पहुंचे और ... वार्ता की")
    let mut places: Vec<usize> = s
        .args
        .iter()
        .filter(|a| a.etype == EntityType::Place && !a.nested)
        .filter(|a| a.marker == Marker::Me || a.marker == Marker::Bare && s.cue(a.end, Cue::Arrive))
        .map(|a| a.ent)
        .collect();
    // "यहां" (here), or nowhere said: the dateline's place
    if places.is_empty() {
        places.extend(doc.dateline_place);
    }
    let mut people = BTreeSet::new();
    let mut ev_conf: f32 = 0.0;
    for (x, y, rule, cf) in pairs {
        if x == y {
            continue;
        }
        people.insert(x);
        people.insert(y);
        ev_conf = ev_conf.max(cf);
        push_fact(out, x, Relation::Met, y, evidence(s, c.a, c.b, rule, cf));
    }
    if people.len() < 2 {
        return;
    }
    let ev = evidence(s, c.a, c.b, "meet.record", ev_conf);
    let participants: Vec<usize> = people.into_iter().collect();
    if participants.len() == 2 {
        let a = side_state(lex, out, s, participants[0]);
        let b = side_state(lex, out, s, participants[1]);
        if let (Some(a), Some(b)) = (a, b) {
            if a != b {
                doc.last_sides = Some((a, b));
            }
        }
    }
    // अपने रूसी समकक्ष X: X holds the office of the one whose counterpart they are
    for a in ctx.args_in(c).map(|(_, a)| a.clone()).collect::<Vec<_>>() {
        if !a.counterpart || a.role.is_some() || a.etype != EntityType::Person {
            continue;
        }
        let offices: Vec<String> = subjects
            .iter()
            .flat_map(|(p, _)| {
                out.facts
                    .iter()
                    .filter(move |f| f.subject == *p && f.relation == Relation::HoldsRole)
                    .map(|f| f.object.clone())
            })
            .filter_map(|o| if let Object::Role(r) = o { Some(r) } else { None })
            .collect();
        if let [office] = offices.iter().collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>().as_slice() {
            out.facts.push(Fact {
                subject: a.ent,
                relation: Relation::HoldsRole,
                object: Object::Role((*office).clone()),
                evidence: evidence(s, a.start, a.end, "phrase.counterpart-office", 0.75),
            });
        }
    }
    if let Some(m) = out
        .meetings
        .iter_mut()
        .find(|m| m.participants == participants && (m.date.is_none() || date.is_none() || m.date == date))
    {
        if m.date.is_none() {
            m.date = date;
        }
        for p in places {
            if !m.places.contains(&p) {
                m.places.push(p);
            }
        }
        m.evidence.push(ev);
    } else {
        out.meetings.push(Meeting { participants, date, places, evidence: vec![ev] });
    }
}

fn multi_party(out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx, c: Clause, k: usize) {
    let s = ctx.s;
    let person = |e: usize| out.entities[e].etype == EntityType::Person;
    // the people who took part: a group of two or more before "शामिल हुए"
    let Some(members) = ctx.args_in(c).find_map(|(i, a)| {
        let g = group(s, i);
        (a.end <= k && g.len() >= 2 && g.iter().all(|j| person(s.args[*j].ent))).then_some(g)
    }) else {
        return;
    };
    let mut people: BTreeSet<usize> = members.iter().map(|j| s.args[*j].ent).collect();
    // and the host: "X की मेजबानी में", "मेजबानी X ने की"
    if let Some(h) = (0..s.toks.len()).find(|&i| s.key(i) == "मेजबानी") {
        if let Some(host) = s.args.iter().find(|a| {
            person(a.ent) && !a.nested && (a.end + 1 == h || a.start > h && a.start <= h + 6 && a.marker == Marker::Ne)
        }) {
            people.insert(host.ent);
        }
    }
    let people: Vec<usize> = people.into_iter().collect();
    for (n, x) in people.iter().enumerate() {
        for y in &people[n + 1..] {
            push_fact(out, *x, Relation::Met, *y, evidence(s, c.a, c.b, "meet.took-part", 0.75));
        }
    }
    let whole = Clause { a: 0, b: s.toks.len() };
    let date = date_of_clause(ctx, doc, whole, false)
        .or_else(|| doc.last_date.filter(|(_, si)| s.idx - si <= 2).map(|(d, _)| d));
    let mut places: Vec<usize> =
        s.args.iter().filter(|a| a.etype == EntityType::Place && a.marker == Marker::Me).map(|a| a.ent).collect();
    if places.is_empty() {
        places.extend(doc.dateline_place);
    }
    out.meetings.push(Meeting {
        participants: people,
        date,
        places,
        evidence: vec![evidence(s, c.a, c.b, "meet.took-part", 0.75)],
    });
}

// ---------------------------------------------------------------------------------------------
// visits

fn visit(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx, c: Clause, subj: &[(usize, SubjectFrom)]) {
    let s = ctx.s;
    let arrive = ctx.cues(Cue::Arrive, c);
    let nouns = ctx.cues(Cue::VisitNoun, c);
    if arrive.is_empty() && nouns.is_empty() {
        return;
    }
    if ctx.planned(c) {
        return;
    }
    let home = |out: &Extraction, p: usize| out.entities[p].lexicon.and_then(|l| lex.entries[l].country);
    let place_state = |out: &Extraction, e: usize| {
        let x = &out.entities[e];
        x.lexicon.and_then(|l| if x.etype == EntityType::Country { Some(l) } else { lex.entries[l].country })
    };
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for &k in &arrive {
        if ctx.negated(k, c) {
            continue;
        }
        // PLACE पहुंचे / PLACE पर जाकर
        let Some((_, place)) = ctx.args_in(c).find(|(_, a)| {
            matches!(a.etype, EntityType::Place | EntityType::Country)
                && !a.nested
                && (a.end == k && a.marker == Marker::Bare
                    || a.end + 1 == k && matches!(a.marker, Marker::Par | Marker::Ko))
        }) else {
            continue;
        };
        // PLACE आए X: the participle describes the person after it
        if let Some((_, p)) = ctx.args_in(c).find(|(_, a)| a.start == k + 1 && a.etype == EntityType::Person) {
            found.push((p.ent, place.ent, "visit.arrived-participle"));
            continue;
        }
        if let Some((p, _)) = subj.iter().find(|(e, _)| out.entities[*e].etype == EntityType::Person) {
            found.push((*p, place.ent, "visit.arrived"));
        }
    }
    for &k in &nouns {
        if ctx.negated(k, c) {
            continue;
        }
        // PLACE की यात्रा / PLACE के दौरे पर / भारत यात्रा
        let Some((_, place)) = ctx.args_in(c).find(|(_, a)| {
            matches!(a.etype, EntityType::Place | EntityType::Country)
                && !a.nested
                && (a.end == k && a.marker == Marker::Bare || a.end + 1 == k && a.marker == Marker::Gen)
        }) else {
            continue;
        };
        // only a visit being made or made: "यात्रा पर हैं", "दौरे पर पहुंचे", "यात्रा की"
        let tail: Vec<&str> = (k + 1..(k + 4).min(s.toks.len())).map(|i| s.key(i)).collect();
        // a visit being made: "यात्रा पर हैं", "यात्रा की", or an arrival in the same clause
        let arrived_after = arrive.iter().any(|&x| x > k && !ctx.negated(x, c));
        let happening = arrived_after
            || matches!(
                tail.as_slice(),
                ["पर", "हैं" | "है" | "थे" | "पहुंचे" | "आए" | "गए", ..] | ["की", ..] | ["के", "दौरान", ..]
            );
        if !happening {
            continue;
        }
        if let Some((p, _)) = subj.iter().find(|(e, _)| out.entities[*e].etype == EntityType::Person) {
            found.push((*p, place.ent, "visit.visit-noun"));
        } else if let Some((_, p)) = ctx.args_in(c).find(|(_, a)| {
            // "पुतिन की भारत यात्रा के दौरान": whose visit it is
            a.etype == EntityType::Person && a.marker == Marker::Gen && a.end < place.start && place.start <= a.end + 4
        }) {
            found.push((p.ent, place.ent, "visit.visitor-genitive"));
        }
    }
    for (p, place, rule) in found {
        let (h, ps) = (home(out, p), place_state(out, place));
        if h.is_some() && h == ps {
            continue; // coming home is not a visit
        }
        push_fact(out, p, Relation::Visited, place, evidence(s, c.a, c.b, rule, 0.8));
    }
}

// ---------------------------------------------------------------------------------------------
// invitations, condemnations, attendance

fn invite_condemn_attend(out: &mut Extraction, ctx: &Ctx, c: Clause, subj: &[(usize, SubjectFrom)]) {
    let s = ctx.s;
    if let Some(&k) = ctx.cues(Cue::Invite, c).first() {
        if !ctx.negated(k, c) {
            // "उन्हें ... का न्योता दिया": the person just named other than the inviter
            let pronoun = (c.a..k).any(|i| matches!(s.key(i), "उन्हें" | "उसे" | "इन्हें"));
            let named = ctx.args_in(c).any(|(_, a)| a.marker == Marker::Ko && a.end <= k);
            if pronoun && !named {
                for (x, from) in subj {
                    let invitee = s
                        .args
                        .iter()
                        .rfind(|a| a.etype == EntityType::Person && a.ent != *x && a.start < k && !a.nested)
                        .map(|a| a.ent);
                    if let Some(y) = invitee {
                        push_fact(
                            out,
                            *x,
                            Relation::Invited,
                            y,
                            evidence(s, c.a, c.b, "invite.agent-pronoun", conf(0.7, *from)),
                        );
                    }
                }
            }
            for (x, from) in subj {
                for (_, a) in ctx.args_in(c) {
                    if a.marker == Marker::Ko
                        && !a.nested
                        && a.end <= k
                        && matches!(a.etype, EntityType::Person | EntityType::Country)
                    {
                        push_fact(
                            out,
                            *x,
                            Relation::Invited,
                            a.ent,
                            evidence(s, c.a, c.b, "invite.agent-invitee", conf(0.8, *from)),
                        );
                    }
                }
            }
        }
    }
    if let Some(&k) = ctx.cues(Cue::Condemn, c).first() {
        if !ctx.negated(k, c) {
            for (x, from) in subj {
                for (_, a) in ctx.args_in(c) {
                    if matches!(a.marker, Marker::Ko | Marker::Gen)
                        && !a.nested
                        && a.end <= k
                        && a.etype == EntityType::Event
                    {
                        push_fact(
                            out,
                            *x,
                            Relation::Condemned,
                            a.ent,
                            evidence(s, c.a, c.b, "condemn.agent-event", conf(0.8, *from)),
                        );
                    }
                }
            }
        }
    }
    if let Some(&k) = ctx.cues(Cue::Attend, c).first() {
        if !ctx.negated(k, c) && !ctx.planned(c) {
            for (x, from) in subj {
                if out.entities[*x].etype != EntityType::Person {
                    continue;
                }
                for (_, a) in ctx.args_in(c) {
                    if a.marker == Marker::Me && !a.nested && a.end <= k && a.etype == EntityType::Event {
                        push_fact(
                            out,
                            *x,
                            Relation::Attended,
                            a.ent,
                            evidence(s, c.a, c.b, "attend.agent-event", conf(0.75, *from)),
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// buying, seeking, offering, supplying; deals

fn systems_in(ctx: &Ctx, c: Clause, doc: &Discourse) -> Vec<(usize, usize, bool)> {
    let s = ctx.s;
    let mut out: Vec<(usize, usize, bool)> = ctx
        .args_in(c)
        .filter(|(_, a)| a.etype == EntityType::WeaponSystem)
        .map(|(_, a)| (a.ent, a.start, true))
        .collect();
    // ये प्रणाली, इन मिसाइलों: the system named last
    for k in c.a..c.b.saturating_sub(1) {
        if matches!(s.key(k), "ये" | "इन" | "इन्हीं" | "उन") && s.cue(k + 1, Cue::SystemNoun) {
            if let Some((sys, si)) = doc.last_system {
                if s.idx - si <= 3 && !out.iter().any(|x| x.0 == sys) {
                    out.push((sys, k, false));
                }
            }
        }
    }
    out
}

fn trade(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    subj: &[(usize, SubjectFrom)],
) {
    let s = ctx.s;
    let mut systems = systems_in(ctx, c, doc);
    // verb last, object between agent and verb: with a stated agent, the systems after it
    if let Some(p) = subj
        .iter()
        .filter(|(_, f)| *f == SubjectFrom::Stated)
        .find_map(|(e, _)| ctx.args_in(c).find(|(_, a)| a.ent == *e && !a.nested).map(|(_, a)| a.end))
    {
        if systems.iter().any(|(_, pos, _)| *pos >= p) {
            systems.retain(|(_, pos, _)| *pos >= p);
        }
    }
    let buy = ctx.cues(Cue::Buy, c);
    let deal = ctx.cues(Cue::DealNoun, c);
    let supply = ctx.cues(Cue::Supply, c);
    let offer = ctx.cues(Cue::Offer, c);
    let seek = ctx.cues(Cue::Seek, c);
    let import = ctx.cues(Cue::Import, c);
    let negotiate = ctx.has(Cue::Negotiate, c);
    let planned = ctx.planned(c);
    let may = ctx.has(Cue::Possibility, c);
    let more = ctx.has(Cue::More, c);
    let amounts = grammar::amounts(&s.toks[c.a..c.b]);
    // "इजराइल ने इस बिक्री पर चिंता जताई": a view on a sale, not a sale (but "विरोध के बावजूद
    // खरीदे" — despite opposition — is still a purchase: there the stance comes first)
    let first_trade = [&buy, &supply, &deal, &offer].iter().filter_map(|v| v.first().copied()).min();
    if let (Some(t), Some(&st)) = (first_trade, ctx.cues(Cue::Stance, c).last()) {
        if st > t {
            return;
        }
    }

    // parties in the clause
    let mut agents: Vec<(usize, SubjectFrom)> = Vec::new();
    for (e, from) in subj {
        if let Some(p) = party(lex, out, *e) {
            agents.push((p, *from));
        }
    }
    let mut from_parties: Vec<usize> = Vec::new(); // से / के साथ
    let mut to_parties: Vec<usize> = Vec::new(); // को
    let mut gen_before: Vec<(usize, usize)> = Vec::new(); // X की (दिलचस्पी)
    for (i, a) in ctx.args_in(c) {
        if a.nested {
            continue;
        }
        let Some(p) = party(lex, out, a.ent) else { continue };
        // "डेनमार्क, नॉर्वे और बेल्जियम से": every member of a group takes the group's postposition
        let marker = if a.marker == Marker::And { group_marker(s, i) } else { a.marker };
        match marker {
            Marker::Se | Marker::Saath => from_parties.push(p),
            Marker::Ko => to_parties.push(p),
            Marker::Gen => gen_before.push((p, a.end + a.marker_len)),
            _ => {}
        }
    }

    // X के पास S है/हैं: X has (so once acquired) S
    for (_, a) in ctx.args_in(c) {
        if a.etype == EntityType::Country
            && a.marker == Marker::Gen
            && s.key(a.end + 1) == "पास"
            && !ctx.negated(a.end + 1, c)
        {
            let has = (a.end + 2..c.b).any(|k| matches!(s.key(k), "है" | "हैं" | "था" | "थे"));
            if has {
                for (sys, pos, explicit) in &systems {
                    if *pos > a.end && *explicit {
                        push_fact(out, a.ent, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.possession", 0.65));
                    }
                }
            }
        }
    }
    if systems.is_empty() {
        // a deal sentence that names no system: वर्ष 2018 में किए गए 5.43 अरब डॉलर के अनुबंध के मुताबिक ...
        if let (Some(&k), Some((sys, si))) = (deal.first(), doc.last_system) {
            if !amounts.is_empty() && s.idx - si <= 4 && !ctx.negated(k, c) && !planned {
                let buyer = agents.first().map(|x| x.0).or(doc.last_buyer);
                let seller = from_parties.first().copied().or(doc.last_seller).or_else(|| origin(lex, out, sys));
                if let (Some(b), Some(sl)) = (buyer, seller) {
                    record_deal(out, ctx, doc, c, b, sl, sys, None, 0.6, &amounts);
                }
            }
        }
        return;
    }

    // receiving: "यूक्रेन को एफ-16 डेनमार्क और नॉर्वे से भी मिल रहे हैं" — the sources supply
    if let Some(&k) = ctx.cues(Cue::Receive, c).first() {
        if !ctx.negated(k, c) && !to_parties.is_empty() && !from_parties.is_empty() && !planned {
            for p in &from_parties {
                for (sys, _, explicit) in &systems {
                    let cf = if *explicit { 0.75 } else { 0.6 };
                    push_fact(out, *p, Relation::Supplies, *sys, evidence(s, c.a, c.b, "trade.received-from", cf));
                }
            }
            return;
        }
    }

    // offers: X ने (Y को) S देने की पेशकश की
    if let Some(&k) = offer.first() {
        if !ctx.negated(k, c) {
            for (a, from) in &agents {
                for (sys, pos, _) in &systems {
                    if *pos < k {
                        push_fact(
                            out,
                            *a,
                            Relation::Offers,
                            *sys,
                            evidence(s, c.a, c.b, "trade.offer", conf(0.8, *from)),
                        );
                    }
                }
            }
            return;
        }
    }

    // "X ने Y से S की आपूर्ति के लिए अनुबंध किया": X contracts for a supply, i.e. buys
    // "X ने Y को S सौंपे": a supply to a recipient, even beside an import noun
    let supplying_to = !supply.is_empty() && !to_parties.is_empty() && from_parties.is_empty() && buy.is_empty();
    // a deal made: signed, priced, or "सौदा/करार किया", "समझौता हुआ"
    let deal_done = !deal.is_empty()
        && (ctx.has(Cue::Sign, c)
            || !amounts.is_empty()
            || deal.iter().any(|&k| matches!(s.key(k + 1), "किया" | "किए" | "की" | "हुआ" | "हुए" | "हुई")));
    // "खरीदने का फैसला किया", "खरीदने को तैयार": a purchase decided or wanted, not made (unless
    // signed: "खरीदने के लिए ... समझौते पर हस्ताक्षर किए"; or ongoing: "खरीदना जारी")
    let intended = buy.iter().all(|&k| {
        let key = s.key(k);
        (key.ends_with("ने") || key.ends_with("ना")) && s.key(k + 1) != "जारी"
    }) && !buy.is_empty()
        && !deal_done;
    let buying = !supplying_to
        && (!buy.is_empty()
            || !import.is_empty()
            || !supply.is_empty() && (!deal.is_empty() || !from_parties.is_empty()));
    // wanting, planning, considering; or asking for more in a negotiation
    let seeking = !seek.is_empty() && (buying || !deal.is_empty() || !supply.is_empty())
        || may && buying
        || negotiate && more && !supply.is_empty()
        || negotiate && buying
        || buying && planned
        || buying && intended;
    if seeking {
        let k = seek.first().copied().unwrap_or(c.a);
        if ctx.negated(k, c) || buy.first().is_some_and(|b| ctx.negated(*b, c)) {
            return;
        }
        let mut seekers: Vec<(usize, f32)> = agents.iter().map(|(a, f)| (*a, conf(0.75, *f))).collect();
        if negotiate && !to_parties.is_empty() {
            seekers = to_parties.iter().map(|p| (*p, 0.7)).collect();
        }
        if seekers.is_empty() {
            // भारत की दिलचस्पी: the state whose interest it is
            if let Some((p, _)) = gen_before.iter().find(|(_, at)| seek.contains(at)) {
                seekers.push((*p, 0.75));
            }
        }
        for (b, cf) in seekers {
            for (sys, _, explicit) in &systems {
                let cf = if *explicit { cf } else { cf - 0.15 };
                push_fact(out, b, Relation::SeeksToBuy, *sys, evidence(s, c.a, c.b, "trade.seek", cf));
                doc.last_buyer = Some(b);
            }
        }
        if negotiate {
            negotiation(out, ctx, c, &agents, &to_parties, &from_parties);
        }
        return;
    }

    if !supply.is_empty() && !buying {
        let k = supply[0];
        if ctx.negated(k, c) {
            return;
        }
        if negotiate {
            negotiation(out, ctx, c, &agents, &to_parties, &from_parties);
            return;
        }
        for (a, from) in &agents {
            for (sys, _, explicit) in &systems {
                let cf = conf(if *explicit { 0.8 } else { 0.65 }, *from);
                push_fact(out, *a, Relation::Supplies, *sys, evidence(s, c.a, c.b, "trade.supply", cf));
                doc.last_seller = Some(*a);
            }
        }
        // an infinitive (बेचने का एलान) announces a sale; the recipient has not bought yet
        let done = !s.key(k).ends_with("ने");
        if !planned && done {
            for b in &to_parties {
                for (sys, _, explicit) in &systems {
                    let cf = if *explicit { 0.75 } else { 0.6 };
                    push_fact(out, *b, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.supplied-to", cf));
                }
            }
        }
        return;
    }

    let signed = deal_done;
    if !(buying || signed) {
        return;
    }
    let k = buy.first().or(import.first()).or(deal.first()).copied().unwrap_or(c.a);
    if ctx.negated(k, c) {
        return;
    }
    // "भारत और फ्रांस के बीच 26 राफेल-एम का सौदा हुआ": of two parties, the seller is the one the
    // system comes from (its state or maker), the buyer the other
    if agents.is_empty() && deal_done {
        let between: Vec<usize> = ctx
            .args_in(c)
            .filter(|(i, a)| {
                !a.nested
                    && (a.marker == Marker::Beech || a.marker == Marker::And && group_marker(s, *i) == Marker::Beech)
            })
            .map(|(_, a)| a.ent)
            .collect();
        let parties: Vec<usize> = between.iter().filter_map(|e| party(lex, out, *e)).collect();
        if let ([x, y], [(sys, _, true)]) = (parties.as_slice(), systems.as_slice()) {
            let (x, y, sys) = (*x, *y, *sys);
            let from = |p: usize| {
                let l = out.entities[sys].lexicon;
                let pl = out.entities[p].lexicon;
                l.is_some() && pl.is_some() && l.and_then(|l| lex.entries[l].country.or(lex.entries[l].maker)) == pl
                    || l.and_then(|l| lex.entries[l].maker) == pl && pl.is_some()
            };
            let oriented = match (from(x), from(y)) {
                (true, false) => Some((y, x)),
                (false, true) => Some((x, y)),
                _ => None,
            };
            if let Some((b, sl)) = oriented {
                if !ctx.negated(deal[0], c) && !planned {
                    let ev = |rule| evidence(s, c.a, c.b, rule, 0.7);
                    push_fact(out, b, Relation::Buys, sys, ev("trade.deal-between"));
                    push_fact(out, sl, Relation::Supplies, sys, ev("trade.deal-between"));
                    record_deal(out, ctx, doc, c, b, sl, sys, Some(sys), 0.7, &amounts);
                }
            }
            return;
        }
    }
    let buyers: Vec<(usize, f32)> = if agents.is_empty() {
        doc.last_buyer.filter(|_| signed).map(|b| vec![(b, 0.6)]).unwrap_or_default()
    } else {
        agents.iter().map(|(a, f)| (*a, conf(0.85, *f))).collect()
    };
    for (b, cf) in buyers {
        for (sys, _, explicit) in &systems {
            let cf = if *explicit { cf } else { cf - 0.15 };
            push_fact(out, b, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.buy", cf));
            doc.last_buyer = Some(b);
            // the seller is who the text names (से / के साथ): a system's origin is not its seller
            let seller = from_parties.iter().copied().find(|p| *p != b);
            let seller_named = seller.is_some();
            let scf = cf;
            if let Some(sl) = seller {
                push_fact(out, sl, Relation::Supplies, *sys, evidence(s, c.a, c.b, "trade.bought-from", scf));
                doc.last_seller = Some(sl);
                // a purchase from a named seller is a deal record when the text gives a detail of
                // it (units, value, year); "X ने Y से S खरीदा है" alone is a fact, not a record
                let dated = !grammar::dates(&s.toks[c.a..c.b], None).is_empty();
                let detailed = quantity(ctx, c, &amounts, *sys).is_some() || !amounts.is_empty() || dated;
                if signed || seller_named && detailed {
                    record_deal(out, ctx, doc, c, b, sl, *sys, Some(*sys), scf, &amounts);
                }
            }
        }
    }
}

/// The state a system comes from, by the lexicon.
fn origin(lex: &Lexicon, out: &mut Extraction, sys: usize) -> Option<usize> {
    let l = out.entities[sys].lexicon?;
    let c = lex.entries[l].country?;
    Some(out.intern_lexicon(lex, c))
}

/// Units: a number right before the system (पांच एस-400) or before a unit noun (पांच इकाइयों).
/// The number of units of `sys` in clause `c` (whose money amounts are `amounts`).
fn quantity(ctx: &Ctx, c: Clause, amounts: &[grammar::Amount], sys: usize) -> Option<u64> {
    let s = ctx.s;
    let in_amount = |k: usize| amounts.iter().any(|a| (c.a + a.start..c.a + a.end).contains(&k));
    let ok = |k: usize| -> Option<u64> {
        let t = s.toks.get(k)?;
        if in_amount(k) || grammar::year_of(t).is_some() {
            return None;
        }
        let v = grammar::numeral(t)?;
        (v >= 1.0 && v.fract() == 0.0 && v < 10_000.0).then_some(v as u64)
    };
    for (_, a) in ctx.args_in(c) {
        if a.ent == sys && a.start > 0 {
            if let Some(q) = ok(a.start - 1) {
                return Some(q);
            }
        }
    }
    // छह पनडुब्बियां, पांच इकाइयों
    (c.a + 1..c.b)
        .filter(|&k| (s.cue(k, Cue::Unit) || s.cue(k, Cue::SystemNoun)) && !ctx.covered[k])
        .find_map(|k| ok(k - 1))
}

#[allow(clippy::too_many_arguments)]
fn record_deal(
    out: &mut Extraction,
    ctx: &Ctx,
    doc: &Discourse,
    c: Clause,
    buyer: usize,
    seller: usize,
    sys: usize,
    explicit: Option<usize>,
    cf: f32,
    amounts: &[grammar::Amount],
) {
    let s = ctx.s;
    let whole = Clause { a: 0, b: s.toks.len() };
    // the system's own units, else (for a system only implied) any units in the clause
    let q = quantity(ctx, c, amounts, sys)
        .or_else(|| explicit.is_none().then(|| quantity(ctx, c, amounts, usize::MAX)).flatten());
    let year = doc.date.map(|d| d.year());
    // the date of the deal: in the clause, else in the sentence; never a year inside an amount
    let date = grammar::dates(&s.toks[c.a..c.b], year)
        .first()
        .map(|d| d.date)
        .or_else(|| grammar::dates(&s.toks[whole.a..whole.b], year).first().map(|d| d.date))
        // "सोमवार को ... हस्ताक्षर किए": the day it was signed, seen from the article's date
        .or_else(|| date_of_clause(ctx, doc, c, false));
    let ev = evidence(s, c.a, c.b, "deal.record", cf);
    let d = out.deals.iter_mut().find(|d| d.buyer == buyer && d.seller == seller && d.system == sys);
    let d = match d {
        Some(d) => d,
        None => {
            out.deals.push(Deal {
                buyer,
                seller,
                system: sys,
                quantity: Vec::new(),
                value: Vec::new(),
                date: Vec::new(),
                status: DealStatus::Signed,
                evidence: Vec::new(),
            });
            let n = out.deals.len() - 1;
            &mut out.deals[n]
        }
    };
    if let Some(q) = q {
        if !d.quantity.contains(&q) {
            d.quantity.push(q);
        }
    }
    if let Some(a) = amounts.first() {
        if !d.value.iter().any(|(v, cur)| (v - a.value).abs() < 1.0 && *cur == a.currency) {
            d.value.push((a.value, a.currency));
        }
    }
    if let Some(dt) = date {
        if !d.date.contains(&dt) {
            d.date.push(dt);
        }
    }
    d.evidence.push(ev);
}

fn negotiation(
    out: &mut Extraction,
    ctx: &Ctx,
    c: Clause,
    agents: &[(usize, SubjectFrom)],
    to: &[usize],
    from: &[usize],
) {
    let mut parties: Vec<usize> = agents.iter().map(|x| x.0).collect();
    parties.extend(to.iter().chain(from).copied());
    parties.sort_unstable();
    parties.dedup();
    let states: Vec<usize> = parties
        .into_iter()
        .filter(|p| matches!(out.entities[*p].etype, EntityType::Country | EntityType::Organization))
        .collect();
    for i in 0..states.len() {
        for j in i + 1..states.len() {
            push_fact(
                out,
                states[i],
                Relation::NegotiatesWith,
                states[j],
                evidence(ctx.s, c.a, c.b, "state.negotiate", 0.75),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// negotiation and cooperation between states

/// The state a person acts for: stated in this sentence's phrase, or in an earlier
/// `represents` fact of the article, or known to the lexicon.
fn person_state(lex: &Lexicon, out: &mut Extraction, s: &Sentence, p: usize) -> Option<usize> {
    if let Some(c) = s.args.iter().find(|a| a.ent == p && a.country.is_some()).and_then(|a| a.country) {
        return Some(c);
    }
    if let Some(c) = out.facts.iter().find_map(|f| match f.object {
        Object::Entity(o) if f.subject == p && f.relation == Relation::Represents => Some(o),
        _ => None,
    }) {
        return Some(c);
    }
    let l = out.entities[p].lexicon?;
    let c = lex.entries[l].country?;
    Some(out.intern_lexicon(lex, c))
}

/// A party's state for relations between states: a state, a capital's state, a person's state.
fn side_state(lex: &Lexicon, out: &mut Extraction, s: &Sentence, e: usize) -> Option<usize> {
    if out.entities[e].etype == EntityType::Person {
        person_state(lex, out, s, e)
    } else {
        state_of(lex, out, e, false)
    }
}

fn relations_between_states(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    subj: &[(usize, SubjectFrom)],
) {
    let s = ctx.s;
    let coop = ctx.cues(Cue::Cooperate, c);
    let negot = ctx.cues(Cue::Negotiate, c);
    let systems_here = ctx.args_in(c).any(|(_, a)| a.etype == EntityType::WeaponSystem);
    for (cue_list, rel, rule) in
        [(coop, Relation::CooperatesWith, "state.cooperate"), (negot, Relation::NegotiatesWith, "state.negotiate")]
    {
        let Some(&k) = cue_list.first() else { continue };
        if ctx.negated(k, c) || rel == Relation::NegotiatesWith && (ctx.planned(c) || systems_here) {
            continue;
        }
        if rel == Relation::NegotiatesWith && !matches!(s.key(k + 1), "कर" | "चल" | "जारी" | "के" | "हो" | "शुरू")
        {
            continue; // "शिखर वार्ता" is a summit; "बातचीत कर रहे हैं" is a negotiation
        }
        let mut states: Vec<usize> = Vec::new();
        // states, or the states of the people who cooperate ("X ने Y से मुलाकात कर सहयोग पर चर्चा की")
        let people_too = rel == Relation::CooperatesWith;
        // negotiating parties may be states (or their institutions) or companies
        for (e, _) in subj {
            let st = if people_too { side_state(lex, out, s, *e) } else { party(lex, out, *e) };
            states.extend(st);
        }
        // "दोनों नेताओं/देशों ने ... सहयोग", "बातचीत में ... सहयोग पर चर्चा हुई": the two sides
        // named last (the talks are theirs)
        let in_the_talks = (c.a..k)
            .any(|i| s.cue(i, Cue::Meet) && (s.key(i + 1) == "में" || s.key(i + 1) == "के" && s.key(i + 2) == "दौरान"));
        if people_too && subj.is_empty() && ((c.a..k).any(|i| s.cue(i, Cue::Both)) || in_the_talks) {
            if let Some((x, y)) = doc.last_sides {
                states.extend([x, y]);
            }
        }
        let args: Vec<Arg> = ctx.args_in(c).map(|(_, a)| a.clone()).collect();
        for (i, a) in args.iter().enumerate() {
            let near = a.end <= k && k <= a.end + a.marker_len + 3;
            let take = match a.marker {
                Marker::Saath | Marker::Beech | Marker::Se => a.end <= k,
                Marker::Gen => near,
                _ => {
                    a.compound && args.get(i + 1).is_some_and(|b| b.compound)
                        || a.compound && i > 0 && args[i - 1].compound
                }
            };
            if take && !a.nested {
                let st = if people_too { side_state(lex, out, s, a.ent) } else { party(lex, out, a.ent) };
                states.extend(st);
            }
        }
        states.sort_unstable();
        states.dedup();
        if states.len() == 2 {
            push_fact(out, states[0], rel, states[1], evidence(s, c.a, c.b, rule, 0.75));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// systems in events, origins, locations

fn used_in(out: &mut Extraction, doc: &Discourse, ctx: &Ctx, c: Clause) {
    let s = ctx.s;
    let systems = systems_in(ctx, c, doc);
    if systems.is_empty() {
        return;
    }
    let use_cue = ctx.has(Cue::Use, c);
    for (_, a) in ctx.args_in(c) {
        if a.etype != EntityType::Event || a.nested {
            continue;
        }
        let kind_ok = out.entities[a.ent]
            .class
            .as_deref()
            .is_none_or(|k| matches!(k, "operation" | "war" | "attack" | "conflict"));
        if !kind_ok {
            continue;
        }
        if a.marker == Marker::During || a.marker == Marker::Me && use_cue {
            if ctx.negated(a.end, c) {
                continue;
            }
            for (sys, _, explicit) in &systems {
                let cf = if *explicit { 0.8 } else { 0.7 };
                push_fact(out, *sys, Relation::UsedIn, a.ent, evidence(s, c.a, c.b, "system.used-in-event", cf));
            }
        }
    }
}

/// "पैट्रियट को अमेरिकी कंपनी रेथियॉन बनाती है", "भारत में बनी के9 वज्र": a verb of making with the
/// maker's state (an adjective or genitive before the company) or the place of making (X में).
fn made_by(out: &mut Extraction, doc: &Discourse, ctx: &Ctx, c: Clause) {
    let s = ctx.s;
    // the maker right before the verb ("कंपनी रेथियॉन बनाती है", "भारत में बनी"), or "निर्माता कंपनी";
    // not a light verb ("योजना बनाई")
    let maker_before = |k: usize| {
        k > 0
            && (s.key(k - 1) == "कंपनी"
                || s.key(k - 1) == "में"
                || s.args.iter().any(|a| a.end == k && a.etype == EntityType::Organization))
            || s.key(k + 1) == "कंपनी"
    };
    let Some(&k) = ctx.cues(Cue::Make, c).iter().find(|&&k| maker_before(k)) else { return };
    if ctx.negated(k, c) {
        return;
    }
    let systems = systems_in(ctx, c, doc);
    if systems.is_empty() {
        return;
    }
    let company_at =
        |i: usize| s.key(i) == "कंपनी" || s.args.iter().any(|a| a.start == i && a.etype == EntityType::Organization);
    let mut state = None;
    for &(t, st) in &s.adjectives {
        if t >= c.a && t < c.b && company_at(t + 1) {
            state = Some(st);
        }
    }
    for (_, a) in ctx.args_in(c) {
        if a.etype != EntityType::Country {
            continue;
        }
        let next = a.end + a.marker_len;
        if a.marker == Marker::Gen && (company_at(next) || company_at(next + 1))
            || a.marker == Marker::Me && (next..(next + 2).min(c.b)).any(|i| i == k)
        {
            state = Some(a.ent);
        }
    }
    let Some(state) = state else { return };
    for (sys, _, explicit) in systems {
        let cf = if explicit { 0.8 } else { 0.7 };
        push_fact(out, sys, Relation::MadeIn, state, evidence(s, c.a, c.b, "system.made-by", cf));
    }
}

fn made_in(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
    let s = ctx.s;
    for a in &s.args {
        if a.etype != EntityType::WeaponSystem {
            continue;
        }
        // रूसी एस-400; रूस के चर्चित एयर डिफेंस सिस्टम एस-400
        let mut country = None;
        for back in 1..=5 {
            let Some(k) = a.start.checked_sub(back) else { break };
            if let Some((_, c)) = s.adjectives.iter().find(|(t, _)| *t == k) {
                country = Some(*c);
                break;
            }
            if matches!(s.key(k), "के" | "का" | "की") {
                if let Some(x) = s.args.iter().find(|x| x.end == k && x.etype == EntityType::Country) {
                    country = Some(x.ent);
                }
                break;
            }
            let postposition = matches!(s.key(k), "से" | "को" | "में" | "ने" | "पर" | "और" | "तथा" | "लिए");
            if ctx.covered[k] || s.toks[k].kind != crate::text::TokenKind::Word || postposition {
                break;
            }
        }
        let Some(country) = country else { continue };
        let known = out.entities[a.ent].lexicon.and_then(|l| lex.entries[l].country);
        let said = out.entities[country].lexicon;
        if known.is_some() && known != said {
            continue; // "भारत के एस-400" is India's S-400, not one made in India
        }
        push_fact(
            out,
            a.ent,
            Relation::MadeIn,
            country,
            evidence(s, a.start.saturating_sub(1), a.end, "system.state-adjective", 0.8),
        );
    }
}

fn located_in(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
    let s = ctx.s;
    for a in &s.args {
        if a.etype != EntityType::Place || a.start < 2 || !matches!(s.key(a.start - 1), "के" | "की" | "का")
        {
            continue;
        }
        let Some(outer) =
            s.args.iter().find(|x| x.end == a.start - 1 && matches!(x.etype, EntityType::Place | EntityType::Country))
        else {
            continue;
        };
        if outer.ent == a.ent {
            continue;
        }
        // the lexicon may know better: then it must agree
        let inner_l = out.entities[a.ent].lexicon;
        let outer_l = out.entities[outer.ent].lexicon;
        if let (Some(il), Some(ol)) = (inner_l, outer_l) {
            let e = &lex.entries[il];
            let agrees = match out.entities[outer.ent].etype {
                EntityType::Country => e.country.is_none_or(|c| c == ol),
                _ => {
                    e.located_in.is_none_or(|p| p == ol)
                        && (e.country.is_none() || e.country == lex.entries[ol].country)
                }
            };
            if !agrees {
                continue;
            }
        }
        push_fact(out, a.ent, Relation::LocatedIn, outer.ent, evidence(s, outer.start, a.end, "place.genitive", 0.85));
    }
}

/// Events named from context: `ऑपरेशन X`; `PLACE (आतंकी) हमला`; `STATE युद्ध`.
fn events_from_context(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
    let s = ctx.s;
    for k in 0..s.toks.len() {
        if ctx.covered[k] {
            continue;
        }
        if s.cue(k, Cue::Operation) {
            let mut j = k + 1;
            while j < s.toks.len() && matches!(s.key(j), "‘" | "'" | "\"" | "“") {
                j += 1;
            }
            let t = &s.toks.get(j);
            if let Some(t) = t {
                if !ctx.covered[j]
                    && t.kind == crate::text::TokenKind::Word
                    && !lex.is_cue(&t.key, Cue::Stop)
                    && t.text.chars().count() >= 2
                {
                    let name = format!("{} {}", s.toks[k].text, t.text);
                    let tr = crate::text::transliterate(&t.text);
                    let en = format!("Operation {}", crate::text::title_case(&tr));
                    out.intern(Entity {
                        etype: EntityType::Event,
                        id: crate::text::slug(&en),
                        hi: name.clone(),
                        en,
                        alt: BTreeSet::from([name]),
                        class: Some("operation".into()),
                        lexicon: None,
                        inferred: true,
                        mentioned: true,
                    });
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// import shares

fn shares(out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx) {
    let s = ctx.s;
    let all = Clause { a: 0, b: s.toks.len() };
    if !ctx.has(Cue::Share, all) && !ctx.has(Cue::Import, all) {
        return;
    }
    let periods = grammar::periods(&s.toks);
    let this_period =
        (0..s.toks.len()).any(|k| matches!(s.key(k), "इस" | "इसी" | "उस" | "उसी") && s.key(k + 1) == "अवधि");
    let (from, to) = match periods.first() {
        Some(&(_, f, t)) => {
            doc.last_period = Some((f, t, s.idx));
            (f, t)
        }
        // "इस अवधि में": the period of the sentences just before
        None => match doc.last_period {
            Some((f, t, si)) if this_period && s.idx - si <= 2 => (f, t),
            _ => return,
        },
    };
    // percents: N % / N प्रतिशत / N फीसदी
    let percents: Vec<(usize, f64)> = (0..s.toks.len())
        .filter_map(|k| {
            let t = &s.toks[k];
            if t.kind != crate::text::TokenKind::Number {
                return None;
            }
            let next = s.key(k + 1);
            (matches!(next, "%" | "प्रतिशत" | "फीसदी" | "फीसद"))
                .then(|| crate::text::number_value(&t.text).map(|v| (k, v)))
                .flatten()
        })
        .filter(|(_, v)| (0.0..=100.0).contains(v))
        .collect();
    if percents.is_empty() {
        return;
    }
    let states: Vec<&Arg> = s.args.iter().filter(|a| a.etype == EntityType::Country && !a.nested).collect();
    let source = s.args.iter().find(|a| a.etype == EntityType::Organization && a.marker == Marker::Gen).map(|a| a.ent);
    // the importer: X ने ... आयात किया, X के (हथियार) आयात
    // the importer: X ने ... आयात किया; X के (कुल हथियार) आयात; X (दुनिया का ...) आयातक है
    let importer = states.iter().find(|a| {
        a.marker == Marker::Ne && ctx.has(Cue::Import, Clause { a: a.end, b: s.toks.len() })
            || a.marker == Marker::Gen && (a.end + 1..(a.end + 4).min(s.toks.len())).any(|k| s.cue(k, Cue::Import))
            // रूस भारत का सबसे बड़ा हथियार आपूर्तिकर्ता: the state supplied is the importer
            || a.marker == Marker::Gen
                && (a.end + 1..(a.end + 5).min(s.toks.len())).any(|k| matches!(s.key(k), "आपूर्तिकर्ता" | "सप्लायर"))
    });
    let ev = |_: usize| evidence(s, 0, s.toks.len(), "share.period-percent", 0.8);
    match importer {
        Some(imp) => {
            let exporters: Vec<&&Arg> = states.iter().filter(|a| a.ent != imp.ent).collect();
            // "रूस का हिस्सा 36%, फ्रांस 33%" (state, then percent) or "45 प्रतिशत अमेरिका से, 12
            // प्रतिशत जर्मनी से" (percent, then state): the sentence's first pair sets the order
            let percent_first = match (percents.first(), exporters.first()) {
                (Some((k, _)), Some(e)) => *k < e.start,
                _ => false,
            };
            for (n, e) in exporters.iter().enumerate() {
                let next_start = exporters.get(n + 1).map(|x| x.start).unwrap_or(s.toks.len());
                let prev_end = if n > 0 { exporters[n - 1].end } else { 0 };
                let after = percents.iter().find(|(k, _)| *k >= e.end && *k < next_start);
                let before = percents.iter().rev().find(|(k, _)| *k < e.start && *k >= prev_end);
                let pick = if percent_first { before.or(after) } else { after.or(before) };
                let Some(&(_, pct)) = pick else { continue };
                // one exporter, a trend over periods: "2014-18 के 58% से घटकर 2019-23 में 36%"
                if exporters.len() == 1 && periods.len() >= 2 && periods.len() == percents.len() {
                    for (&(_, f, t), &(_, p)) in periods.iter().zip(&percents) {
                        out.shares.push(Share {
                            importer: imp.ent,
                            exporter: e.ent,
                            percent: p,
                            from: f,
                            to: t,
                            source,
                            evidence: ev(1),
                        });
                    }
                    doc.last_share = Some((imp.ent, e.ent, s.idx));
                    continue;
                }
                out.shares.push(Share {
                    importer: imp.ent,
                    exporter: e.ent,
                    percent: pct,
                    from,
                    to,
                    source,
                    evidence: ev(1),
                });
                doc.last_share = Some((imp.ent, e.ent, s.idx));
            }
        }
        None if states.is_empty() => {
            // यह आंकड़ा 2019 और 2023 के बीच घटकर 36 प्रतिशत पर आ गया
            if let Some((imp, exp, si)) = doc.last_share {
                if s.idx - si <= 2 && percents.len() == 1 {
                    let mut e = ev(0);
                    e.confidence = 0.65;
                    out.shares.push(Share {
                        importer: imp,
                        exporter: exp,
                        percent: percents[0].1,
                        from,
                        to,
                        source,
                        evidence: e,
                    });
                }
            }
        }
        None => {}
    }
}

/// Final tidying: one fact per (subject, relation, object, sentence), symmetric facts ordered,
/// and no entity that is neither mentioned nor used.
pub fn finish(out: &mut Extraction) {
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
