//! Mentions and noun phrases: lexicon matches in the article, names found from context, and the
//! noun phrases around them (`रूस के रक्षा मंत्री आंद्रेई बेलौसोव`, `रूसी पक्ष`, `भारतीय रक्षा मंत्री`)
//! with the postposition that follows each.

use super::grammar::{marker_at, Marker};
use super::{Entity, Evidence, Extraction, Fact, Object, Relation};
use crate::lexicon::{Cue, EntityType, Lexicon, Target};
use crate::text::{self, KeyedText, Token, TokenKind};
use std::collections::BTreeSet;

/// A lexicon match in the article text (character span).
#[derive(Debug, Clone, Copy)]
pub struct LexMention {
    start: usize,
    end: usize,
    target: Target,
}

impl LexMention {
    /// What the label stands for.
    pub fn target(&self) -> Target {
        self.target
    }

    /// Its character span.
    pub fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
}

/// Finds lexicon labels on word boundaries; where matches overlap, the longest leftmost wins.
pub fn find(lex: &Lexicon, chars: &[char], keyed: &KeyedText) -> Vec<LexMention> {
    let found: Vec<(LexMention, bool)> = lex
        .find_all(&keyed.key)
        .filter_map(|(ks, ke, targets)| {
            let target = *targets.first()?;
            // a system's name takes plural and oblique endings (राफेलों, एफ-16s) and a model's
            // variant letters (सुखोई-57ई)
            let system = matches!(target, Target::Entity(e) if lex.entries[e].etype == EntityType::WeaponSystem);
            let exact = keyed.word_span(chars, ks, ke);
            let (start, end) =
                exact.or_else(|| if system { keyed.word_span_inflected(chars, ks, ke) } else { None })?;
            // matching ignores spaces (एस 400 = एस-400), but "को चीन" (to China) is not कोचीन:
            // a span that opens with a postposition is no name
            let first: String = chars[start..end].iter().take_while(|c| !c.is_whitespace()).collect();
            if first.chars().count() < end - start && marker_at(&[text::key(&first).as_str()]).1 > 0 {
                return None;
            }
            Some((LexMention { start, end, target }, exact.is_some()))
        })
        .collect();
    // a name written out ("एमक्यू-9बी") before a shorter one with an ending ("एमक्यू-9" + "बी")
    let exact: std::collections::HashSet<(usize, usize)> =
        found.iter().filter(|(_, e)| *e).map(|(m, _)| (m.start, m.end)).collect();
    let mut cands: Vec<LexMention> =
        found.into_iter().filter(|(m, e)| *e || !exact.contains(&(m.start, m.end))).map(|(m, _)| m).collect();
    // a person's name inside a longer Arabic name (खालिद बिन मोहम्मद बिन जायद) is not that person
    cands.retain(|m| {
        let Target::Entity(e) = m.target else { return true };
        if lex.entries[e].etype != EntityType::Person {
            return true;
        }
        let before: String = chars[..m.start]
            .iter()
            .rev()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| text::is_word_char(**c))
            .collect();
        let before: String = before.chars().rev().collect();
        !matches!(before.as_str(), "बिन" | "बिन्त" | "इब्न" | "bin" | "ibn")
    });
    let mut out = best_cover(cands);
    // a company the lexicon knows by its short name, written out in full ("कोंग्सबर्ग डिफेंस एंड
    // एयरोस्पेस के साथ"): the name runs over the words that end company names, so the postposition
    // after it is the company's
    let filler = |w: &str| matches!(w, "एंड" | "ऐंड" | "इंटरनेशनल");
    let ending = |w: &str| matches!(w, "डिफेंस" | "डिफेन्स" | "ग्रुप" | "होल्डिंग्स");
    for i in 0..out.len() {
        let Target::Entity(e) = out[i].target else { continue };
        if lex.entries[e].etype != EntityType::Organization {
            continue;
        }
        let limit = out.get(i + 1).map_or(chars.len(), |m| m.start);
        let (mut end, mut last_good) = (out[i].end, out[i].end);
        loop {
            let from = end + chars[end..limit].iter().take_while(|c| **c == ' ').count();
            let to = from + chars[from..limit].iter().take_while(|c| text::is_word_char(**c)).count();
            if to == from || from == end {
                break;
            }
            let word = text::key(&chars[from..to].iter().collect::<String>());
            let head = ending(&word) || lex.cue_at(&[word.as_str()]).iter().any(|(c, l)| *c == Cue::OrgHead && *l == 1);
            if !(head || filler(&word)) {
                break;
            }
            end = to;
            if head {
                last_good = to;
            }
        }
        // (only up to a word that ends company names: not "बीईएल डिफेंस मंत्रालय ...")
        out[i].end = last_good;
    }
    // a bare institution word that the lexicon gives to one state ("नौसेना", "रक्षा मंत्रालय": the
    // Indian ones) after another state's adjective, name or genitive ("इंडोनेशियाई नौसेना", "म्यांमार
    // वायुसेना", "वियतनाम की नौसेना") is that other state's, which the lexicon does not list
    let bare = |m: &LexMention| -> Option<usize> {
        let Target::Entity(e) = m.target else { return None };
        let entry = &lex.entries[e];
        let written = text::key(&chars[m.start..m.end].iter().collect::<String>());
        let institution = lex.cue_at(&[written.as_str()]).iter().any(|(c, l)| *c == Cue::Institution && *l == 1)
            || matches!(written.as_str(), "रक्षामंत्रालय" | "विदेशमंत्रालय");
        (entry.etype == EntityType::Organization && institution).then_some(entry.country).flatten()
    };
    let state_of = |m: &LexMention| match m.target {
        Target::Adjective(c) => Some(c),
        Target::Entity(e) if lex.entries[e].etype == EntityType::Country => Some(e),
        _ => None,
    };
    let foreign: Vec<usize> = (1..out.len())
        .filter(|&i| {
            let (prev, m) = (&out[i - 1], &out[i]);
            // (a state before it first: most mentions follow none, and need no more look)
            let Some(other) = state_of(prev) else { return false };
            let between: String = chars[prev.end..m.start].iter().collect();
            let between = between.trim();
            let joined = match prev.target {
                Target::Adjective(_) => between.is_empty(),
                // "म्यांमार वायुसेना", "म्यांमार की वायुसेना"
                _ => matches!(between, "की" | "के" | "का" | ""),
            };
            joined && bare(m).is_some_and(|owner| owner != other)
        })
        .collect();
    // and the same word later, bare, in an article that named the other state's institution so
    // ("फिलीपीनी नौसेना ... नौसेना के प्रवक्ता"), or written from a city of another state and never
    // naming the owner ("मनीला, 18 जुलाई 2025। ... वायुसेना ने"): not the owner's either, unless the
    // sentence names the owner
    let written = |m: &LexMention| text::key(&chars[m.start..m.end].iter().collect::<String>());
    let place = |m: &LexMention| matches!(m.target, Target::Entity(e) if lex.entries[e].etype == EntityType::Place);
    let dateline =
        out.iter().find(|m| place(m) && chars.get(m.end) == Some(&',') && (m.start == 0 || chars[m.start - 1] == '\n'));
    let dateline_state = dateline.and_then(|m| match m.target {
        Target::Entity(e) => lex.entries[e].country,
        _ => None,
    });
    // (the states the text names anywhere, looked up once)
    let states_named: std::collections::HashSet<usize> = out.iter().filter_map(state_of).collect();
    let mut foreign = foreign;
    for i in 0..out.len() {
        let Some(owner) = bare(&out[i]) else { continue };
        if foreign.contains(&i) {
            continue;
        }
        let w = written(&out[i]);
        let named_other = foreign.iter().any(|&j| j < i && written(&out[j]) == w);
        // (written abroad about a state other than the owner, who goes unnamed in the whole text)
        let abroad = dateline_state.is_some_and(|d| d != owner) && !states_named.contains(&owner);
        if !(named_other || abroad) {
            continue;
        }
        // (the sentence: from the last full stop before the mention to the next)
        let from = chars[..out[i].start].iter().rposition(|c| matches!(c, '।' | '.' | '\n')).map_or(0, |p| p + 1);
        let to = chars[out[i].end..]
            .iter()
            .position(|c| matches!(c, '।' | '.' | '\n'))
            .map_or(chars.len(), |p| out[i].end + p);
        let owner_named = out.iter().any(|m| m.start >= from && m.end <= to && state_of(m) == Some(owner));
        if !owner_named {
            foreign.push(i);
        }
    }
    foreign.sort_unstable();
    foreign.dedup();
    for i in foreign.into_iter().rev() {
        out.remove(i);
    }
    // a maker's one-word name before the model it names ("सुखोई एसयू-35"): the model alone
    let system =
        |m: &LexMention| matches!(m.target, Target::Entity(e) if lex.entries[e].etype == EntityType::WeaponSystem);
    let maker_first: Vec<usize> = out
        .windows(2)
        .enumerate()
        .filter(|(_, w)| {
            system(&w[0])
                && system(&w[1])
                && w[0].target != w[1].target
                && chars[w[0].start..w[0].end].iter().all(|c| text::is_word_char(*c))
                && chars[w[0].end..w[1].start].iter().all(|c| c.is_whitespace())
        })
        .map(|(i, _)| i)
        .collect();
    for i in maker_first.into_iter().rev() {
        out.remove(i);
    }
    // (the whole text's tokens, made once for both)
    let mut toks: Option<Vec<text::Token>> = None;
    add_guarded_names(lex, chars, &mut toks, &mut out);
    add_name_parts(lex, chars, &mut toks, &mut out);
    out.sort_by_key(|m| m.start);
    out
}

/// A system name that is also an everyday word (`आकाश`, `प्रचंड`) names the system where a noun
/// for a kind of system comes right after it (`आकाश वायु रक्षा मिसाइल प्रणाली`) or right before
/// it (`लड़ाकू हेलीकॉप्टर प्रचंड`).
fn add_guarded_names(lex: &Lexicon, chars: &[char], toks: &mut Option<Vec<text::Token>>, out: &mut Vec<LexMention>) {
    if lex.guarded.is_empty() {
        return;
    }
    let toks = toks.get_or_insert_with(|| text::tokenize(chars, 0, chars.len()));
    let noun_at = |k: usize| -> bool {
        let keys: Vec<&str> = toks[k..(k + 3).min(toks.len())].iter().map(|t| t.key.as_str()).collect();
        lex.cue_at(&keys).iter().any(|(c, _)| matches!(c, Cue::SystemNoun | Cue::Class(_)))
    };
    let mut added = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let Some(&e) = lex.guarded.get(&t.key) else { continue };
        if t.kind != TokenKind::Word || out.iter().any(|m| m.start < t.end && t.start < m.end) {
            continue;
        }
        let after = k + 1 < toks.len() && toks[k + 1].kind == TokenKind::Word && noun_at(k + 1);
        let before = k > 0
            && toks[k - 1].kind == TokenKind::Word
            && lex
                .cue_at(&[toks[k - 1].key.as_str()])
                .iter()
                .any(|(c, l)| *l == 1 && matches!(c, Cue::SystemNoun | Cue::Class(_)));
        if after || before {
            added.push(LexMention { start: t.start, end: t.end, target: Target::Entity(e) });
        }
    }
    out.extend(added);
    out.sort_by_key(|m| m.start);
}

/// Chooses the non-overlapping matches that cover the most text (fewest matches on a tie):
/// `पाकिस्तानी सेना प्रमुख` is `पाकिस्तानी` + `सेना प्रमुख`, not `पाकिस्तानी सेना` + a stray word.
fn best_cover(mut cands: Vec<LexMention>) -> Vec<LexMention> {
    cands.sort_by_key(|m| (m.end, m.start));
    let n = cands.len();
    // best[i]: best score using the first i candidates; score = covered chars * 64 - matches
    let mut best: Vec<(i64, Option<usize>)> = vec![(0, None); n + 1];
    let mut prev_of = vec![0usize; n];
    for i in 0..n {
        let c = &cands[i];
        // the last candidate (in end order) that ends before this one starts
        let p = cands[..i].partition_point(|x| x.end <= c.start);
        prev_of[i] = p;
        let take = best[p].0 + (c.end - c.start) as i64 * 64 - 1;
        best[i + 1] = if take > best[i].0 { (take, Some(i)) } else { (best[i].0, None) };
    }
    let mut out = Vec::new();
    let mut i = n;
    while i > 0 {
        match best[i].1 {
            Some(k) => {
                out.push(cands[k]);
                i = prev_of[k];
            }
            None => i -= 1,
        }
    }
    out.reverse();
    out
}

/// Hindi news names a person in full once, then by one part (`राजनाथ सिंह` … `सिंह ने`): the first
/// and last words of a full name the article uses stand for that person elsewhere in it, when no
/// other person of the article shares them. Likewise a system named in full once (`यूरोफाइटर
/// टाइफून`) and then by its last word (`12 टाइफून`).
fn add_name_parts(lex: &Lexicon, chars: &[char], toks: &mut Option<Vec<text::Token>>, out: &mut Vec<LexMention>) {
    use std::collections::HashMap;
    let mut parts: HashMap<String, Option<usize>> = HashMap::new();
    for m in out.iter() {
        let Target::Entity(e) = m.target else { continue };
        let person = lex.entries[e].etype == EntityType::Person;
        // (and a system's name after its maker's or family's: "यूरोफाइटर टाइफून ... 12 टाइफून")
        if !person && lex.entries[e].etype != EntityType::WeaponSystem {
            continue;
        }
        let surface: String = chars[m.start..m.end].iter().collect();
        let words: Vec<&str> = surface.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let ends = if person { vec![words[0], words[words.len() - 1]] } else { vec![words[words.len() - 1]] };
        for w in ends {
            let k = text::key(w);
            if k.chars().count() < 3
                || lex.is_cue(&k, Cue::Stop)
                || !lex.cue_at(&[k.as_str()]).is_empty()
                || !person && !k.chars().any(|c| ('\u{0900}'..='\u{097f}').contains(&c))
            {
                continue;
            }
            parts
                .entry(k)
                .and_modify(|v| {
                    if *v != Some(e) {
                        *v = None
                    }
                })
                .or_insert(Some(e));
        }
    }
    if parts.is_empty() {
        return;
    }
    let toks = toks.get_or_insert_with(|| text::tokenize(chars, 0, chars.len()));
    let mut added = Vec::new();
    for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
        let Some(Some(e)) = parts.get(&t.key) else { continue };
        if out.iter().any(|m| m.start < t.end && t.start < m.end) {
            continue;
        }
        added.push(LexMention { start: t.start, end: t.end, target: Target::Entity(*e) });
    }
    out.extend(added);
    out.sort_by_key(|m| m.start);
}

/// How an argument was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A lexicon label.
    Lexicon,
    /// A name found from its context (after a title or office).
    Context,
    /// An office noun phrase resolved to the person holding it (`भारतीय रक्षा मंत्री`).
    Office,
    /// A side (`रूसी पक्ष`).
    Side,
}

/// A noun phrase that names an entity, with the postposition after it.
#[derive(Debug, Clone)]
pub struct Arg {
    /// Entity index in the extraction.
    pub ent: usize,
    /// Its type.
    pub etype: EntityType,
    /// First token of the whole noun phrase.
    pub start: usize,
    /// One past the last token of the noun phrase.
    pub end: usize,
    /// First token of the name itself.
    pub name_start: usize,
    /// The postposition after the phrase.
    pub marker: Marker,
    /// Tokens the postposition spans.
    pub marker_len: usize,
    /// How it was found.
    pub via: Via,
    /// Office named in the phrase (index into lexicon roles).
    pub role: Option<usize>,
    /// State named in the phrase (entity index): `रूसी`, `रूस के`.
    pub country: Option<usize>,
    /// Organisation the person heads (`X के प्रमुख`).
    pub heads: Option<usize>,
    /// `समकक्ष`: a counterpart.
    pub counterpart: bool,
    /// Part of another phrase (`रूस` in `रूस के रक्षा मंत्री`): not an argument of its own.
    pub nested: bool,
    /// Member of a hyphenated pair (`भारत-रूस`).
    pub compound: bool,
    /// The office is a former one (`पूर्व रक्षा मंत्री`).
    pub former: bool,
}

/// One sentence, tokenised, with its arguments and cues.
pub struct Sentence {
    /// Index in the article.
    pub idx: usize,
    /// Tokens.
    pub toks: Vec<Token>,
    /// Noun phrases naming entities, in order.
    pub args: Vec<Arg>,
    /// Cues starting at each token, with their lengths.
    pub cues: Vec<Vec<(Cue, usize)>>,
    /// Country adjectives not absorbed into a phrase: (token, country entity).
    pub adjectives: Vec<(usize, usize)>,
}

impl Sentence {
    /// Token keys.
    pub fn key(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.key.as_str()).unwrap_or("")
    }

    /// Does a cue start at token `i`?
    pub fn cue(&self, i: usize, c: Cue) -> bool {
        self.cues.get(i).is_some_and(|v| v.iter().any(|(x, _)| *x == c))
    }

    /// How many tokens cue `c` spans where it starts at token `i`, if it does.
    pub fn cue_len(&self, i: usize, c: Cue) -> Option<usize> {
        self.cues.get(i).and_then(|v| v.iter().find(|(x, _)| *x == c)).map(|(_, l)| *l)
    }

    /// Tokens in `[a, b)` where cue `c` starts.
    pub fn cue_positions(&self, c: Cue, a: usize, b: usize) -> Vec<usize> {
        (a..b.min(self.toks.len())).filter(|&i| self.cue(i, c)).collect()
    }

    /// Character span of tokens `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        let s = self.toks.get(a).map(|t| t.start).unwrap_or(0);
        let e = self.toks.get(b.saturating_sub(1)).map(|t| t.end).unwrap_or(s);
        (s, e.max(s))
    }

    /// Builds a sentence: maps lexicon mentions onto tokens, finds names from context, and
    /// assembles noun phrases.
    pub fn build(
        lex: &Lexicon,
        out: &mut Extraction,
        chars: &[char],
        idx: usize,
        toks: Vec<Token>,
        mentions: &[LexMention],
    ) -> Sentence {
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        let mut cues: Vec<Vec<(Cue, usize)>> = (0..toks.len()).map(|i| lex.cue_at(&keys[i..])).collect();
        // "प्रस्ताव पर मुहर लगी": a proposal sealed is approved (an agreement sealed is signed)
        for i in 2..keys.len() {
            if keys[i] == "मुहर" && keys[i - 1] == "पर" && keys[i - 2].starts_with("प्रस्ताव")
            {
                for c in cues[i].iter_mut().filter(|(c, _)| *c == Cue::Sign) {
                    c.0 = Cue::Approve;
                }
            }
        }
        let (s_start, s_end) = (toks.first().map(|t| t.start).unwrap_or(0), toks.last().map(|t| t.end).unwrap_or(0));

        // 1. lexicon mentions as token spans
        let mut spans: Vec<(usize, usize, Target)> = Vec::new();
        // (mentions are sorted by start: the sentence's are a slice)
        let first = mentions.partition_point(|m| m.start < s_start);
        let last = mentions.partition_point(|m| m.start < s_end);
        for m in mentions[first..last.max(first)].iter().filter(|m| m.end <= s_end) {
            let a = toks.iter().position(|t| t.start >= m.start);
            let b = toks.iter().rposition(|t| t.end <= m.end);
            if let (Some(a), Some(b)) = (a, b) {
                if a <= b {
                    spans.push((a, b + 1, m.target));
                }
            }
        }
        let covered = |spans: &[(usize, usize, Target)], i: usize| spans.iter().any(|(a, b, _)| (*a..*b).contains(&i));

        let mut sent = Sentence { idx, toks, args: Vec::new(), cues, adjectives: Vec::new() };
        let mut roles: Vec<(usize, usize, usize)> = Vec::new();
        let mut adjs: Vec<(usize, usize, usize)> = Vec::new();
        let mut args: Vec<Arg> = Vec::new();
        let new_arg = |ent: usize, etype, a: usize, b: usize, via| Arg {
            ent,
            etype,
            start: a,
            end: b,
            name_start: a,
            marker: Marker::Bare,
            marker_len: 0,
            via,
            role: None,
            country: None,
            heads: None,
            counterpart: false,
            nested: false,
            compound: false,
            former: false,
        };
        // (whether each entity was mentioned before this sentence: a body named only inside an
        // event's name is not mentioned by itself)
        let mut before: Vec<(usize, bool)> = Vec::new();
        for &(a, b, t) in &spans {
            match t {
                Target::Entity(e) => {
                    let ent = out.intern_lexicon(lex, e);
                    before.push((ent, out.entities[ent].mentioned));
                    out.entities[ent].mentioned = true;
                    let surface: String = chars[sent.toks[a].start..sent.toks[b - 1].end].iter().collect();
                    out.entities[ent].alt.insert(surface);
                    args.push(new_arg(ent, lex.entries[e].etype, a, b, Via::Lexicon));
                }
                Target::Adjective(c) => {
                    let ent = out.intern_lexicon(lex, c);
                    // a state named by its adjective is mentioned: भारतीय सेना speaks of India
                    out.entities[ent].mentioned = true;
                    adjs.push((a, b, ent));
                }
                Target::Role(r) => roles.push((a, b, r)),
            }
        }

        // 2. names from context: after an office, a title, a head noun or "counterpart"
        let n = sent.toks.len();
        let mut i = 0;
        while i < n {
            let trigger_end = roles.iter().find(|(a, _, _)| *a == i).map(|(_, b, _)| *b).or_else(|| {
                // a head noun introduces a name only after a genitive: X के प्रमुख Y (or a second head
                // noun after one: "X के चेयरमैन और सीईओ Y")
                let genitive = i > 0 && matches!(sent.key(i - 1), "के" | "की" | "का")
                    || i > 2
                        && sent.key(i - 1) == "और"
                        && (1..=3).any(|l| {
                            i >= l + 2
                                && sent.cues[i - 1 - l].iter().any(|(c, len)| *c == Cue::Head && *len == l)
                                && matches!(sent.key(i - 2 - l), "के" | "की" | "का")
                        });
                sent.cues[i]
                    .iter()
                    .find(|(c, _)| matches!(c, Cue::Title | Cue::Counterpart) || *c == Cue::Head && genitive)
                    .map(|(_, l)| i + l)
                    .or_else(|| list_member_after_state(lex, &sent, &spans, &args, i).then_some(i))
            });
            let Some(mut j) = trigger_end else {
                i += 1;
                continue;
            };
            // titles may follow an office: रक्षा मंत्री एडमिरल डोंग जून; and a retired rank its
            // bracket: मेजर जनरल (सेवानिवृत्त) अमीर बाराम
            loop {
                if j < n && sent.cues[j].iter().any(|(c, _)| *c == Cue::Title) {
                    j += sent.cues[j].iter().find(|(c, _)| *c == Cue::Title).map(|(_, l)| *l).unwrap_or(1);
                } else if j + 2 < n
                    && sent.toks[j].text == "("
                    && matches!(sent.key(j + 1), "सेवानिवृत्त" | "रिटायर्ड" | "सेनि" | "retd")
                    && sent.toks[j + 2].text == ")"
                {
                    j += 3;
                } else {
                    break;
                }
            }
            let start = j;
            let mut content = 0;
            while j < n && content < 4 && !covered(&spans, j) {
                let t = &sent.toks[j];
                let adjacent_next = sent.toks.get(j + 1).is_some_and(|x| x.start == t.end);
                if is_name_token(lex, t) {
                    content += 1;
                    j += 1;
                } else if j > start
                    && NAME_PARTICLES.contains(&t.key.as_str())
                    && j + 1 < n
                    && is_name_token(lex, &sent.toks[j + 1])
                {
                    j += 1; // बिन, अल, दा, वॉन: inside a name
                } else if j > start
                    && t.text == "-"
                    && adjacent_next
                    && sent.toks[j - 1].end == t.start
                    && j + 1 < n
                    && is_name_token(lex, &sent.toks[j + 1])
                {
                    j += 1; // अल-सीसी
                } else if t.kind == TokenKind::Word
                    && adjacent_next
                    && sent.toks[j + 1].text == "."
                    && text::spelled_letters(&t.text).is_some()
                {
                    j += 2; // an initial: के. त्रिपाठी
                } else {
                    break;
                }
            }
            while j > start
                && (sent.toks[j - 1].text == "." || NAME_PARTICLES.contains(&sent.toks[j - 1].key.as_str()))
                && content > 0
            {
                // a name does not end in a particle; a trailing initial's dot is fine
                if sent.toks[j - 1].text == "." {
                    break;
                }
                j -= 1;
            }
            // a name ends before a postposition, a conjunction, punctuation or the sentence end
            let ends_well = j == n
                || sent.toks[j].kind == TokenKind::Punct
                || marker_at(&keys_of(&sent.toks[j..])).1 > 0
                || covered(&spans, j);
            // "अब्देल फत्ताह अल-सीसी": the lexicon knows the tail of the name: the name is that person
            let tail_person = args.iter().position(|a| {
                a.etype == EntityType::Person
                    && (a.start == j || j + 1 < n && sent.toks[j].text == "-" && a.start == j + 1)
            });
            // "नरेश सुल्तान इब्राहिम" beside "अनवर इब्राहिम": a bare surname borrowed from another
            // name in the article is another person's name ending
            let borrowed = tail_person.filter(|&p| {
                j > start && {
                    let a = &args[p];
                    let own = out.entities[a.ent]
                        .lexicon
                        .is_some_and(|l| lex.entries[l].hi.iter().any(|h| text::key(h) == sent.toks[a.start].key));
                    // ("मिस्र के नौसेना प्रमुख ओसामा मुनीर" beside the lexicon's "मुनीर", Asim Munir: a
                    // first name the lexicon's person never goes by is another person's)
                    let other_first = out.entities[a.ent].lexicon.is_some_and(|l| {
                        let firsts: Vec<String> = lex.entries[l]
                            .hi
                            .iter()
                            .filter(|h| h.split_whitespace().count() >= 2)
                            .filter_map(|h| h.split_whitespace().next().map(text::key))
                            .collect();
                        a.start == start + 1
                            && !firsts.is_empty()
                            && !firsts.iter().any(|f| *f == sent.toks[start].key)
                            && is_name_token(lex, &sent.toks[start])
                    });
                    a.end == a.start + 1 && (!own || other_first)
                }
            });
            if let Some(p) = borrowed {
                j = args[p].end;
                let gone = args.remove(p).ent;
                // (the lexicon's person is mentioned only if named elsewhere)
                if !args.iter().any(|x| x.ent == gone) {
                    if let Some(&(_, was)) = before.iter().find(|(x, _)| *x == gone) {
                        out.entities[gone].mentioned = was;
                    }
                }
            } else if let (true, Some(p)) = (j > start, tail_person) {
                args[p].start = start;
                args[p].name_start = start;
                let full: String = chars[sent.toks[start].start..sent.toks[args[p].end - 1].end].iter().collect();
                out.entities[args[p].ent].alt.insert(full);
                i = j.max(i + 1);
                continue;
            }
            if j > start && ends_well && !(start..j).any(|k| roles.iter().any(|(a, b, _)| (*a..*b).contains(&k))) {
                let name: String = chars[sent.toks[start].start..sent.toks[j - 1].end].iter().collect();
                let translit = text::transliterate(&name);
                let id = text::slug(&translit);
                if !id.is_empty() {
                    let ent = out.intern(Entity {
                        etype: EntityType::Person,
                        id,
                        hi: name.clone(),
                        en: text::title_case(&translit),
                        alt: BTreeSet::from([name]),
                        class: None,
                        lexicon: None,
                        inferred: true,
                        mentioned: true,
                    });
                    args.push(new_arg(ent, EntityType::Person, start, j, Via::Context));
                    spans.push((start, j, Target::Entity(usize::MAX)));
                }
            }
            i = j.max(i + 1);
        }
        // 2b. model codes the lexicon does not know (J-10C, जे-35, F404-GE-IN20) next to a system noun
        for (a, b, name, en, class) in model_codes(lex, &sent, &|i| covered(&spans, i)) {
            let ent = out.intern(Entity {
                etype: EntityType::WeaponSystem,
                id: text::slug(&en),
                hi: name.clone(),
                en,
                alt: BTreeSet::from([name]),
                class,
                lexicon: None,
                inferred: true,
                mentioned: true,
            });
            args.push(new_arg(ent, EntityType::WeaponSystem, a, b, Via::Context));
            spans.push((a, b, Target::Entity(usize::MAX)));
        }
        // 2c. names the lexicon does not know, by the word that ends them or stands by them:
        // `हॉन्ग हा शिपयार्ड`, `अल-यमामा पैलेस`, `कोरापुट स्थित`, `कंपनी हनवा सिस्टम्स`, `बाबर श्रेणी`
        for (a, b, etype, class) in headed_names(lex, &sent, &|i| covered(&spans, i)) {
            let name: String = chars[sent.toks[a].start..sent.toks[b - 1].end].iter().collect();
            // "युआन श्रेणी" is the Yuan class: the head word is translated, not transliterated
            let class_head = b - a >= 2 && sent.cue(b - 1, Cue::SystemHead);
            let (translit, en) = if class_head {
                let model: String = chars[sent.toks[a].start..sent.toks[b - 2].end].iter().collect();
                let t = text::transliterate(&model);
                (format!("{t} class"), format!("{} class", text::title_case(&t)))
            } else {
                let t = text::transliterate(&name);
                (t.clone(), text::title_case(&t))
            };
            let id = text::slug(&translit);
            if id.is_empty() {
                continue;
            }
            let ent = out.intern(Entity {
                etype,
                id,
                hi: name.clone(),
                en,
                alt: BTreeSet::from([name]),
                class: Some(class.to_string()),
                lexicon: None,
                inferred: true,
                mentioned: true,
            });
            args.push(new_arg(ent, etype, a, b, Via::Context));
            spans.push((a, b, Target::Entity(usize::MAX)));
        }
        args.sort_by_key(|a| a.start);

        // 2e. a system, body or place found from context in an earlier sentence, told again
        // without the word that marked it: "जेड-10एमई हमलावर हेलीकॉप्टरों" first, "30 जेड-10एमई का
        // ऑर्डर" later
        for (ent, keys, noun_after) in out.told().to_vec() {
            let len = keys.len();
            let mut a = 0;
            while a + len <= n {
                let fits =
                    (0..len).all(|k| sent.toks[a + k].key == keys[k]) && !(a..a + len).any(|i| covered(&spans, i));
                // (the whole name: not the head of a longer one)
                let whole = a + len == n
                    || sent.toks[a + len].kind == TokenKind::Punct
                    || sent.toks[a + len].kind == TokenKind::Number
                    || marker_at(&keys_of(&sent.toks[a + len..])).1 > 0
                    || sent.cue(a + len, Cue::SystemNoun)
                    || sent.cue(a + len, Cue::Unit)
                    || !is_name_token(lex, &sent.toks[a + len]);
                let opens = a == 0 || !is_name_token(lex, &sent.toks[a - 1]) || covered(&spans, a - 1);
                // ("अंका निगरानी ड्रोन" after "अंका ड्रोन": the short form with a system noun after it)
                let noun = |j: usize| {
                    sent.cue(j, Cue::SystemNoun) || sent.cues[j].iter().any(|(c, _)| matches!(c, Cue::Class(_)))
                };
                let noun_ok = !noun_after || (a + len..(a + len + 3).min(n)).any(noun);
                if fits && (whole || noun_after) && opens && noun_ok {
                    let etype = out.entities[ent].etype;
                    args.push(new_arg(ent, etype, a, a + len, Via::Context));
                    spans.push((a, a + len, Target::Entity(usize::MAX)));
                    a += len;
                } else {
                    a += 1;
                }
            }
        }
        args.sort_by_key(|a| a.start);

        // 2d. events the lexicon does not list, named by the states or bodies they join and the
        // word that ends them: `भारत-जीसीसी मंत्रिस्तरीय बैठक`, `बिम्सटेक शिखर सम्मेलन`
        for (a, b, en) in named_events(lex, out, &sent, &args) {
            let name: String = chars[sent.toks[a].start..sent.toks[b - 1].end].iter().collect();
            let id = text::slug(&en);
            if id.is_empty() {
                continue;
            }
            let inside: Vec<usize> = args.iter().filter(|x| x.start >= a && x.end <= b).map(|x| x.ent).collect();
            args.retain(|x| !(x.start >= a && x.end <= b));
            roles.retain(|(ra, rb, _)| *rb <= a || *ra >= b);
            for e in inside {
                // a body named only inside the event's name is not mentioned by itself
                let elsewhere = args.iter().any(|x| x.ent == e);
                if out.entities[e].etype == EntityType::Organization && !elsewhere {
                    if let Some(&(_, was)) = before.iter().find(|(x, _)| *x == e) {
                        out.entities[e].mentioned = was;
                    }
                }
            }
            let ent = out.intern(Entity {
                etype: EntityType::Event,
                id,
                hi: name.clone(),
                en,
                alt: BTreeSet::from([name]),
                class: Some("summit".into()),
                lexicon: None,
                inferred: true,
                mentioned: true,
            });
            args.push(new_arg(ent, EntityType::Event, a, b, Via::Context));
            spans.push((a, b, Target::Entity(usize::MAX)));
        }
        args.sort_by_key(|a| a.start);

        // 3. sides: रूसी पक्ष → the state
        for &(a, b, c) in &adjs {
            if sent.cue(b, Cue::Side) {
                args.push(new_arg(c, EntityType::Country, a, b + 1, Via::Side));
            }
        }
        args.sort_by_key(|a| a.start);

        // 4. noun phrases around people: [state adj | X के] [office | counterpart | head] [title] NAME
        let keys: Vec<String> = sent.toks.iter().map(|t| t.key.clone()).collect();
        // the length of a `cue` of up to three words that ends right before token j, longest first
        // (फील्ड मार्शल before मार्शल; प्रथम उप before उप)
        let cue_before = |cue: Cue, j: usize| -> Option<usize> {
            (1..=3).rev().find(|&k| j >= k && sent.cues[j - k].iter().any(|(c, l)| *c == cue && *l == k))
        };
        for ai in 0..args.len() {
            if args[ai].etype != EntityType::Person {
                continue;
            }
            let mut j = args[ai].start;
            // (an office may end in a title word: क्राउन प्रिंस; a retired rank in its bracket:
            // मेजर जनरल (सेवानिवृत्त))
            loop {
                let retired = j >= 3
                    && sent.toks[j - 1].text == ")"
                    && matches!(keys[j - 2].as_str(), "सेवानिवृत्त" | "रिटायर्ड" | "सेनि" | "retd")
                    && sent.toks[j - 3].text == "(";
                if retired {
                    j -= 3;
                } else if let (None, Some(k)) = (roles.iter().find(|(_, b, _)| *b == j), cue_before(Cue::Title, j)) {
                    j -= k;
                } else {
                    break;
                }
            }
            if let Some(&(ra, _, r)) = roles.iter().find(|(_, b, _)| *b == j) {
                args[ai].role = Some(r);
                j = ra;
                // पूर्व रक्षा मंत्री, उप प्रधानमंत्री: not (or not quite) this office
                if let Some(k) = cue_before(Cue::Former, j) {
                    args[ai].former = true;
                    j -= k;
                }
                // STATE के उप प्रधानमंत्री और रक्षा मंत्री NAME: the state reaches over a coordinated
                // office (the name's own office is the one next to it)
                if !args[ai].former && j >= 2 && sent.cue(j - 1, Cue::And) {
                    if let Some(&(rb, _, _)) = roles.iter().find(|(_, b, _)| *b == j - 1) {
                        j = rb;
                        if let Some(k) = cue_before(Cue::Former, j) {
                            j -= k;
                        }
                    }
                }
            } else if j > 0 && (sent.cue(j - 1, Cue::Counterpart) || sent.cue(j - 1, Cue::Leader)) {
                // समकक्ष X, रूसी नेता X: no office named, but a side
                args[ai].counterpart = true;
                j -= 1;
            } else if let Some(h) = cue_before(Cue::Head, j).map(|l| {
                // (over a second head word: "जीई एयरोस्पेस के चेयरमैन और सीईओ लैरी कल्प")
                let h = j - l;
                match (h >= 2 && keys[h - 1] == "और").then(|| cue_before(Cue::Head, h - 1)).flatten() {
                    Some(l2) => h - 1 - l2,
                    None => h,
                }
            }) {
                // ORG के प्रमुख X
                if h >= 2 && matches!(keys[h - 1].as_str(), "के" | "की" | "का") {
                    if let Some(oi) = args.iter().position(|o| o.end == h - 1 && o.etype == EntityType::Organization) {
                        args[ai].heads = Some(args[oi].ent);
                        args[oi].nested = true;
                        let org_start = args[oi].start;
                        // रूस की ORG के प्रमुख: the organisation's state
                        if org_start >= 2 && matches!(keys[org_start - 1].as_str(), "के" | "की" | "का") {
                            if let Some(ci) =
                                args.iter().position(|c| c.end == org_start - 1 && c.etype == EntityType::Country)
                            {
                                args[ai].country = Some(args[ci].ent);
                                args[ci].nested = true;
                            }
                        }
                        j = org_start;
                    } else if let Some(&(aa, _, c)) = adjs.iter().find(|(_, b, _)| {
                        // "इजराइली रक्षा मंत्रालय के महानिदेशक X": another state's institution the
                        // lexicon does not list; X is that state's
                        (1..=2).any(|l| {
                            *b + l == h - 1
                                && sent.cues[*b].iter().any(|(cue, len)| *cue == Cue::Institution && *len == l)
                        })
                    }) {
                        args[ai].country = Some(c);
                        j = aa;
                    } else {
                        j = h;
                    }
                } else {
                    j = h;
                }
            }
            if args[ai].role.is_some() || args[ai].counterpart {
                // ("ऑस्ट्रेलिया के नवनिर्वाचित प्रधानमंत्री": a describing word between state and office)
                while j > 0
                    && matches!(
                        keys[j - 1].as_str(),
                        "नवनिर्वाचित"
                            | "नवनियुक्त"
                            | "निवर्तमान"
                            | "मौजूदा"
                            | "वर्तमान"
                            | "नए"
                            | "नई"
                    )
                {
                    j -= 1;
                }
                if let Some(&(aa, _, c)) = adjs.iter().find(|(_, b, _)| *b == j) {
                    args[ai].country = Some(c);
                    j = aa;
                } else if j >= 2 && matches!(keys[j - 1].as_str(), "के" | "की" | "का") {
                    if let Some(ci) = args.iter().position(|c| c.end == j - 1 && c.etype == EntityType::Country) {
                        args[ai].country = Some(args[ci].ent);
                        args[ci].nested = true;
                        j = args[ci].start;
                    }
                }
            }
            if args[ai].role.is_some() && args[ai].country.is_none() {
                // जापान की ओर से विदेश मंत्री X: the side the office holder speaks for
                if j >= 4 && keys[j - 3] == "की" && matches!(keys[j - 2].as_str(), "ओर" | "तरफ") && keys[j - 1] == "से"
                {
                    if let Some(ci) = args.iter().position(|c| c.end == j - 3 && c.etype == EntityType::Country) {
                        args[ai].country = Some(args[ci].ent);
                        args[ci].nested = true;
                        j = args[ci].start;
                    }
                } else if j >= 2 && keys[j - 1] == "और" {
                    // मलेशिया के नरेश X और प्रधानमंत्री Y: the state reaches over the coordinated
                    // name, unless the lexicon places Y elsewhere
                    let prev = args[..ai].iter().rev().find(|p| p.end == j - 1 && p.etype == EntityType::Person);
                    if let Some(c) = prev.and_then(|p| p.country.filter(|_| p.role.is_some())) {
                        let known = out.entities[args[ai].ent].lexicon.and_then(|l| lex.entries[l].country);
                        if known.is_none() || known == out.entities[c].lexicon {
                            args[ai].country = Some(c);
                        }
                    }
                }
            }
            // "रूस के आंद्रेई बेलौसोव, ईरान के अजीज नासिरजादेह और ...": a name with its state and no
            // office, the phrase ending there
            let ends = matches!(keys.get(args[ai].end).map(String::as_str), Some("," | "और" | "ने" | "से" | "को"));
            if args[ai].role.is_none()
                && !args[ai].counterpart
                && ends
                && j == args[ai].start
                && j >= 2
                && keys[j - 1] == "के"
            {
                if let Some(ci) = args.iter().position(|c| c.end == j - 1 && c.etype == EntityType::Country) {
                    args[ai].country = Some(args[ci].ent);
                    args[ci].nested = true;
                    j = args[ci].start;
                }
            }
            if cue_before(Cue::Former, j).is_some() {
                args[ai].former = true; // पूर्व रूसी रक्षा मंत्री
            }
            args[ai].name_start = args[ai].start;
            args[ai].start = j;
        }

        // 4b. a name found from context that the lexicon knows under another spelling: the
        // office and state pick the candidates, a shared name part picks the person
        for a in args.iter_mut() {
            if a.via != Via::Context || a.etype != EntityType::Person {
                continue;
            }
            let (Some(role), Some(country)) = (a.role, a.country) else { continue };
            let Some(country_l) = out.entities[country].lexicon else { continue };
            let found = out.entities[a.ent].hi.clone();
            let parts: Vec<String> = found
                .split(|c: char| c.is_whitespace() || c == '-')
                .map(text::key)
                .filter(|k| k.chars().count() >= 3 && !NAME_PARTICLES.contains(&k.as_str()))
                .collect();
            let cands: Vec<usize> = (0..lex.entries.len())
                .filter(|&p| {
                    let e = &lex.entries[p];
                    e.etype == EntityType::Person && e.country == Some(country_l) && lex.held(p, role, None)
                })
                .filter(|&p| lex.entries[p].hi.iter().any(|l| same_person_name(&parts, l)))
                .collect();
            if let [p] = cands.as_slice() {
                let old = a.ent;
                let ent = out.intern_lexicon(lex, *p);
                out.entities[ent].mentioned = true;
                out.entities[ent].alt.insert(found);
                out.entities[old].mentioned = false;
                a.ent = ent;
                a.via = Via::Lexicon;
            }
        }

        // 5. offices without a name: resolve to the person holding the office
        for &(ra, rb, r) in &roles {
            if args.iter().any(|a| a.etype == EntityType::Person && (a.start..a.end).contains(&ra)) {
                continue;
            }
            let mut j = ra;
            let mut country = None;
            if let Some(&(aa, _, c)) = adjs.iter().find(|(_, b, _)| *b == ra) {
                country = Some(c);
                j = aa;
            } else if ra >= 2 && matches!(keys[ra - 1].as_str(), "के" | "की" | "का") {
                if let Some(ci) = args.iter().position(|c| c.end == ra - 1 && c.etype == EntityType::Country) {
                    country = Some(args[ci].ent);
                    j = args[ci].start;
                }
            }
            // a bare office of a state's government, one person named by none ("शाम को प्रधानमंत्री ने
            // ... वेंस से बातचीत की", datelined New Delhi): the dateline state's
            let one = !keys[rb - 1].ends_with("ों") && !keys[rb - 1].ends_with("यों");
            let office_itself = matches!(
                keys.get(rb).map(|k| k.as_str()),
                Some(
                    "कार्यालय"
                        | "आवास"
                        | "भवन"
                        | "पद"
                        | "निवास"
                        | "दफ्तर"
                        | "स्तर"
                        | "स्तरीय"
                        | "चुनाव"
                )
            );
            let governing = matches!(
                lex.roles[r].id.as_str(),
                "PrimeMinister"
                    | "President"
                    | "VicePresident"
                    | "DefenceMinister"
                    | "ForeignMinister"
                    | "HomeMinister"
            );
            let genitive = ra >= 1 && matches!(keys[ra - 1].as_str(), "के" | "की" | "का");
            let bare = country.is_none()
                && one
                && !office_itself
                && governing
                && !genitive
                && cue_before(Cue::Former, ra).is_none();
            // (a minister's office, bare in Hindi news, is India's wherever the dateline; a head of
            // state's is the dateline state's: "राष्ट्रपति ने ... स्वागत किया", datelined Kyiv)
            let head = matches!(lex.roles[r].id.as_str(), "President" | "VicePresident");
            let country = match (country, bare, head) {
                (Some(c), _, _) => Some(c),
                (None, true, true) => out.home(),
                // (abroad, only India's minister the article has named: "वारसॉ, ... रक्षा मंत्री ने"
                // is Poland's as likely)
                (None, true, false) => {
                    let india = lex.get(EntityType::Country, "india");
                    let at_home = out.home().is_none_or(|h| out.entities[h].lexicon == india);
                    let named = |out: &Extraction| {
                        out.entities.iter().any(|e| {
                            e.mentioned
                                && e.etype == EntityType::Person
                                && e.lexicon
                                    .is_some_and(|l| lex.entries[l].country == india && lex.held(l, r, out.year()))
                        })
                    };
                    if at_home || named(out) {
                        india.map(|l| out.intern_lexicon(lex, l))
                    } else {
                        None
                    }
                }
                _ => None,
            };
            // a plural or bare office with nobody named is ambiguous without a state
            let Some(country) = country else { continue };
            // (a bare office is nobody the sentence names otherwise: "तुर्क राष्ट्रपति ने ... राष्ट्रपति
            // जरदारी से")
            let named_here = |p: usize| args.iter().any(|a| a.ent == p);
            if let Some(p) = office_holder(lex, out, r, country).filter(|&p| !(bare && named_here(p))) {
                let mut a = new_arg(p, EntityType::Person, j, rb, Via::Office);
                a.role = Some(r);
                a.country = Some(country);
                a.name_start = ra;
                for c in args.iter_mut() {
                    if c.etype == EntityType::Country && c.start >= j && c.end <= ra {
                        c.nested = true;
                    }
                }
                args.push(a);
            }
        }
        // 5b. an unnamed counterpart of a state: "(अपने) ऑस्ट्रेलियाई समकक्ष के साथ", "अमेरिका के
        // समकक्ष से": the holder of the office of the person named before it, for that state
        for k in 0..n {
            let Some(len) = sent.cue_len(k, Cue::Counterpart) else { continue };
            if covered(&spans, k) || args.iter().any(|a| a.start <= k && k < a.end || a.start == k + len) {
                continue;
            }
            let (j, country) = if let Some(&(aa, _, c)) = adjs.iter().find(|(_, b, _)| *b == k) {
                (aa, c)
            } else if k >= 2 && matches!(keys[k - 1].as_str(), "के" | "की" | "का") {
                match args.iter().find(|c| c.end == k - 1 && c.etype == EntityType::Country) {
                    Some(c) => (c.start, c.ent),
                    None => continue,
                }
            } else {
                continue;
            };
            // (the office of the person whose counterpart it is: named with it, or the one the
            // lexicon gives for the year)
            let Some(owner) = args.iter().rfind(|a| a.etype == EntityType::Person && a.end <= j) else {
                continue;
            };
            let role = owner.role.or_else(|| {
                let l = out.entities[owner.ent].lexicon?;
                let year = out.year()?;
                let held: Vec<usize> = (0..lex.roles.len()).filter(|&r| lex.held(l, r, Some(year))).collect();
                (held.len() == 1).then(|| held[0])
            });
            let Some(role) = role else { continue };
            if owner.country == Some(country) {
                continue;
            }
            if let Some(p) = office_holder(lex, out, role, country).filter(|&p| p != owner.ent) {
                let mut a = new_arg(p, EntityType::Person, j, k + len, Via::Office);
                a.role = Some(role);
                a.country = Some(country);
                a.name_start = k;
                a.counterpart = true;
                for c in args.iter_mut() {
                    if c.etype == EntityType::Country && c.start >= j && c.end <= k {
                        c.nested = true;
                    }
                }
                args.push(a);
            }
        }
        args.sort_by_key(|a| a.start);
        // drop arguments swallowed by a wider phrase (keep the outer one)
        let mut kept: Vec<Arg> = Vec::new();
        for a in args {
            if let Some(last) = kept.last() {
                if a.start < last.end && !a.nested && !last.nested && a.end <= last.end && a.start >= last.start {
                    continue;
                }
            }
            kept.push(a);
        }
        let mut args = kept;

        // 6. markers, coordination and hyphenated pairs
        for i in 0..args.len() {
            // "भारत डायनेमिक्स लिमिटेड": a company's legal form ends its name
            if args[i].etype == EntityType::Organization {
                while matches!(sent.key(args[i].end), "लिमिटेड" | "लि" | "इंक" | "एलएलसी" | "प्राइवेट")
                    && !args.iter().any(|b| b.start == args[i].end)
                {
                    args[i].end += 1;
                    if sent.key(args[i].end) == "." {
                        args[i].end += 1;
                    }
                }
            }
            let end = args[i].end;
            // "हिंदुस्तान एयरोनॉटिक्स लिमिटेड (एचएएल) के साथ": the postposition after a bracketed
            // abbreviation or gloss; what stands in the brackets is part of the phrase; "साब
            // कंपनी से": and after the word that says what the organisation is
            let skip = if matches!(sent.key(end), "(" | "[") {
                (end + 1..(end + 10).min(n)).find(|&k| matches!(sent.key(k), ")" | "]")).map_or(0, |k| k + 1 - end)
            } else if args[i].etype == EntityType::Organization && matches!(sent.key(end), "कंपनी" | "फर्म" | "समूह")
            {
                1
            } else {
                0
            };
            if skip > 0 {
                for b in args.iter_mut().filter(|b| b.start > end && b.end < end + skip) {
                    b.nested = true;
                }
            }
            let ks = keys_of(&sent.toks[(end + skip).min(n)..]);
            let (m, l) = marker_at(&ks);
            args[i].marker = m;
            args[i].marker_len = l + skip;
            if sent.key(end) == "-" && args.get(i + 1).is_some_and(|b| b.start == end + 1) {
                args[i].compound = true;
                args[i + 1].compound = true;
            }
        }

        // short forms for later sentences: an abbreviation in brackets right after a name
        // ("टाटा एडवांस्ड सिस्टम्स लिमिटेड (टीएएसएल)"), and a system's name without the noun its
        // label carries ("अंका ड्रोन": "अंका", with a system noun after it)
        for x in args.iter().filter(|x| !x.nested && x.etype != EntityType::Person) {
            let k = x.end;
            let bracketed = sent.key(k) == "("
                && sent.key(k + 2) == ")"
                && sent.toks.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word && t.text.chars().count() > 2)
                && !covered(&spans, k + 1)
                && !args.iter().any(|y| y.start == k + 1);
            if bracketed {
                out.tell_again(x.ent, vec![sent.toks[k + 1].key.clone()], false);
            }
            let noun =
                |j: usize| sent.cue(j, Cue::SystemNoun) || sent.cues[j].iter().any(|(c, _)| matches!(c, Cue::Class(_)));
            if x.etype == EntityType::WeaponSystem && x.via == Via::Lexicon && x.end - x.start >= 2 && noun(x.end - 1) {
                let keys: Vec<String> = (x.start..x.end - 1).map(|j| sent.toks[j].key.clone()).collect();
                out.tell_again(x.ent, keys, true);
            }
            // (and a system, body or place found from context, as written here: "जेड-10एमई
            // हमलावर हेलीकॉप्टरों" first, "30 जेड-10एमई का ऑर्डर" later; not one short word, too
            // likely a common one)
            let placed = matches!(x.etype, EntityType::WeaponSystem | EntityType::Organization | EntityType::Place);
            if placed && x.via == Via::Context && out.entities[x.ent].inferred {
                let keys: Vec<String> = (x.start..x.end).map(|j| sent.toks[j].key.clone()).collect();
                if keys.len() > 1 || keys.first().is_some_and(|k| k.chars().count() > 3) {
                    out.tell_again(x.ent, keys, false);
                }
            }
        }

        for &(a, b, c) in &adjs {
            if !args.iter().any(|x| x.start <= a && b <= x.end && x.via != Via::Lexicon || x.start == a) {
                sent.adjectives.push((a, c));
            }
        }
        sent.args = args;
        sent
    }
}

/// Names found by a head word: (first token, end token, type, class).
type HeadedName = (usize, usize, EntityType, &'static str);

/// Names the lexicon does not know, found by the word that ends them (`… शिपयार्ड`, `… पैलेस`,
/// `… श्रेणी`), follows them without being part of them (`… शहर`, `… स्थित`) or comes before them
/// (`कंपनी …`). A name is one to three name words (hyphens may join them), none of them known.
fn headed_names(lex: &Lexicon, s: &Sentence, covered: &dyn Fn(usize) -> bool) -> Vec<HeadedName> {
    let n = s.toks.len();
    let name_word = |k: usize| !covered(k) && is_name_token(lex, &s.toks[k]);
    let joined = |k: usize| {
        k > 0
            && k + 1 < n
            && s.toks[k].text == "-"
            && s.toks[k].start == s.toks[k - 1].end
            && s.toks[k + 1].start == s.toks[k].end
    };
    // "एंड", "ऑफ" join the words of a company's name (कराची शिपयार्ड एंड इंजीनियरिंग वर्क्स)
    let joiner = |k: usize| matches!(s.key(k), "एंड" | "ऑफ" | "and" | "of" | "&");
    // the name words that end right before token `j` (at most four), as their first token; none
    // when the name goes on before that (a known word or a fifth name word): a part of a name is
    // no name
    let back = |j: usize| -> Option<usize> {
        let mut k = j;
        let mut words = 0;
        while k > 0 && words < 4 {
            if name_word(k - 1) {
                k -= 1;
                words += 1;
            } else if k >= 2 && (joined(k - 1) || joiner(k - 1)) && name_word(k - 2) {
                k -= 2;
                words += 1;
            } else {
                break;
            }
        }
        let goes_on = k > 0 && (covered(k - 1) || name_word(k - 1));
        (k < j && !goes_on).then_some(k)
    };
    let mut out: Vec<HeadedName> = Vec::new();
    // a dateline the lexicon does not know: "किंगदाओ (चीन), 26 जून 2025।", "लंदन, 3 दिसंबर।"
    if s.idx < 4 && n > 3 {
        let mut j = 0;
        while j < n && j < 3 && name_word(j) {
            j += 1;
        }
        let comma = match s.key(j) {
            "," => Some(j),
            "(" => (j..(j + 6).min(n)).find(|&k| s.key(k) == ")").map(|k| k + 1).filter(|&k| s.key(k) == ","),
            _ => None,
        };
        let dated = comma.is_some_and(|c| (c..(c + 5).min(n)).any(|k| super::grammar::month_word(s.key(k)).is_some()));
        if j > 0 && dated {
            out.push((0, j, EntityType::Place, "city"));
        }
    }
    let mut k = 0;
    while k < n {
        if covered(k) {
            k += 1;
            continue;
        }
        let heads = [
            (Cue::OrgHead, EntityType::Organization, "company", true),
            (Cue::PlaceHead, EntityType::Place, "site", true),
            (Cue::SystemHead, EntityType::WeaponSystem, "ship", true),
            (Cue::PlaceAfter, EntityType::Place, "city", false),
        ];
        let mut found = None;
        for (cue, etype, class, part) in heads {
            if let (Some(l), Some(a)) = (s.cue_len(k, cue), back(k)) {
                let l = if part { l } else { 0 };
                found = Some((a, k + l, etype, class));
                break;
            }
        }
        // कंपनी हनवा सिस्टम्स: the name words after the noun, with a company word that ends them
        if found.is_none() && s.cue_len(k, Cue::OrgBefore).is_some() && k + 1 < n && name_word(k + 1) {
            let mut j = k + 1;
            while j < n && j < k + 4 && (name_word(j) || joined(j) && j + 1 < n && name_word(j + 1)) {
                j += if joined(j) { 2 } else { 1 };
            }
            let j = j + s.cue_len(j.min(n - 1), Cue::OrgHead).filter(|_| j < n).unwrap_or(0);
            // a lone word right after कंपनी is as often a verb or a noun as a name
            if j - (k + 1) >= 2 || j < n && s.toks[j].text == "(" {
                found = Some((k + 1, j, EntityType::Organization, "company"));
            }
        }
        match found {
            Some(f) if out.last().is_none_or(|x| x.1 <= f.0) => {
                k = f.1.max(k + 1);
                out.push(f);
            }
            _ => k += 1,
        }
    }
    out
}

/// Events named by what they join (`ontology/patterns/event_names.tsv`): a multilateral body,
/// or states and bodies joined by hyphens (`भारत-फ्रांस`), then modifiers (`वार्षिक रक्षा`,
/// `देशों के राष्ट्रीय सुरक्षा सलाहकारों की`), then a head word (`शिखर सम्मेलन`; `बैठक` only
/// after a modifier). A lone state is no event's name (`भारत शिखर सम्मेलन` is not said).
/// Returns (first token, end token, English label).
fn named_events(lex: &Lexicon, out: &Extraction, s: &Sentence, args: &[Arg]) -> Vec<(usize, usize, String)> {
    use crate::lexicon::EventPart;
    let n = s.toks.len();
    let multilateral =
        |a: &Arg| a.etype == EntityType::Organization && out.entities[a.ent].class.as_deref() == Some("multilateral");
    let party = |a: &Arg| a.etype == EntityType::Country || multilateral(a);
    let keys: Vec<&str> = s.toks.iter().map(|t| t.key.as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let first = &args[i];
        if !party(first) || found.last().is_some_and(|&(_, b, _)| first.start < b) {
            i += 1;
            continue;
        }
        // the parties, joined by hyphens written without spaces
        let mut names = vec![out.entities[first.ent].en.clone()];
        let mut any_body = multilateral(first);
        let mut end = first.end;
        let mut j = i + 1;
        while j < args.len()
            && end + 1 < n
            && s.toks[end].text == "-"
            && s.toks[end].start == s.toks[end - 1].end
            && args[j].start == end + 1
            && s.toks[end + 1].start == s.toks[end].end
            && party(&args[j])
        {
            names.push(out.entities[args[j].ent].en.clone());
            any_body |= multilateral(&args[j]);
            end = args[j].end;
            j += 1;
        }
        if names.len() == 1 && !any_body {
            i += 1;
            continue;
        }
        // modifiers, then the head
        let mut k = end;
        let mut words: Vec<&str> = Vec::new();
        let mut head = None;
        while k < n {
            let Some((w, l)) = lex.event_word_at(&keys[k..]) else { break };
            match w.part {
                EventPart::Modifier => words.push(&w.en),
                EventPart::Link => {
                    // only right after the parties, and only before a modifier (or, after a body,
                    // before the head: "शंघाई सहयोग संगठन के शिखर सम्मेलन")
                    let next = lex.event_word_at(&keys[(k + l).min(n)..]);
                    let before_head = any_body && next.is_some_and(|(x, _)| x.part == EventPart::Head);
                    if k != end || !(next.is_some_and(|(x, _)| x.part == EventPart::Modifier) || before_head) {
                        break;
                    }
                }
                EventPart::Head => {
                    head = Some((k + l, &w.en));
                    break;
                }
                EventPart::HeadAfterModifier => {
                    if !words.is_empty() {
                        head = Some((k + l, &w.en));
                    }
                    break;
                }
            }
            k += l;
        }
        // "... वार्षिक शिखर वार्ता की": the talks were held, a meeting told with a light verb,
        // which the meeting rules read
        let held = |b: usize| match s.key(b) {
            "करेंगे" | "करेंगी" | "करेगा" | "करेगी" | "कर" | "करने" | "करते" | "करती" | "करके" => {
                true
            }
            "की" | "कीं" => matches!(s.key(b + 1), "।" | "," | "थी" | "थीं" | "है" | "हैं" | "और" | "" | "."),
            _ => false,
        };
        match head {
            Some((b, _)) if held(b) => i += 1,
            Some((b, h)) => {
                let mut en = names.join("-");
                for w in words.iter().chain([&h.as_str()]) {
                    en.push(' ');
                    en.push_str(w);
                }
                found.push((first.start, b, en));
                i = j;
            }
            None => i += 1,
        }
    }
    found
}

/// Model codes: letters (Latin, or Latin letters spelt in Devanagari) joined to digits, possibly
/// with more parts (`J-10C`, `एमक्यू-9बी`, `F404-GE-IN20`), accepted only next to a noun that
/// names a kind of system. Returns (first token, end token, as written, English, class).
type ModelCode = (usize, usize, String, String, Option<String>);
fn model_codes(lex: &Lexicon, s: &Sentence, covered: &dyn Fn(usize) -> bool) -> Vec<ModelCode> {
    let toks = &s.toks;
    let n = toks.len();
    let letters = |t: &Token| -> Option<String> {
        if t.kind != TokenKind::Word {
            return None;
        }
        if t.text.chars().all(|c| c.is_ascii_uppercase()) && (1..=4).contains(&t.text.len()) {
            return Some(t.text.clone());
        }
        text::spelled_letters(&t.text)
    };
    // a Latin or Devanagari part after a hyphen: 10C, 35, 9बी, IN20
    let part = |t: &Token| -> Option<String> {
        if t.kind == TokenKind::Number {
            return Some(t.text.clone());
        }
        if t.kind != TokenKind::Word {
            return None;
        }
        if t.text.chars().all(|c| c.is_ascii_alphanumeric())
            && t.text.chars().any(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        {
            return Some(t.text.clone());
        }
        let digits: String = t.text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let tail: String = t.text.chars().skip(digits.len()).collect();
        if !digits.is_empty() {
            return text::spelled_letters(&tail).map(|l| format!("{digits}{l}"));
        }
        None
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if covered(i) {
            i += 1;
            continue;
        }
        // LETTERS-DIGITS… or LATIN-ALNUM (F404), or a name word before the digits ("भारवाहक-200
        // लॉजिस्टिक ड्रोन")
        let named = || is_name_token(lex, &toks[i]).then(|| text::title_case(&text::transliterate(&toks[i].text)));
        let (mut en, mut j) = match letters(&toks[i]).or_else(named) {
            Some(l)
                if i + 2 < n
                    && toks[i + 1].text == "-"
                    && toks[i + 1].start == toks[i].end
                    && toks[i + 2].start == toks[i + 1].end =>
            {
                match part(&toks[i + 2]) {
                    Some(p) if p.chars().next().is_some_and(|c| c.is_ascii_digit()) => (format!("{l}-{p}"), i + 3),
                    _ => {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                let t = &toks[i];
                let alnum = t.kind == TokenKind::Word
                    && t.text.chars().all(|c| c.is_ascii_alphanumeric())
                    && t.text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && t.text.chars().any(|c| c.is_ascii_digit());
                if !alnum {
                    i += 1;
                    continue;
                }
                (t.text.clone(), i + 1)
            }
        };
        while j + 1 < n && toks[j].text == "-" && toks[j].start == toks[j - 1].end && toks[j + 1].start == toks[j].end {
            match part(&toks[j + 1]).or_else(|| letters(&toks[j + 1])) {
                Some(p) => {
                    en = format!("{en}-{p}");
                    j += 2;
                }
                None => break,
            }
        }
        // a kind-of-system noun right after (or just before) the code
        let class = (j..(j + 4).min(n))
            .chain(i.saturating_sub(2)..i)
            .find_map(|k| s.cues[k].iter().find_map(|(c, _)| if let Cue::Class(x) = c { Some(*x) } else { None }));
        let head = class.is_some() || (j..(j + 3).min(n)).any(|k| s.cue(k, Cue::SystemNoun));
        if head && !(i..j).any(covered) {
            // a name word right before the code belongs to it: मेको ए-200, Wing Loong-2
            let mut i = i;
            if i > 0
                && !covered(i - 1)
                && is_name_token(lex, &toks[i - 1])
                && s.adjectives.iter().all(|(t, _)| *t != i - 1)
            {
                let prefix = toks[i - 1].text.clone();
                let pre_en =
                    text::spelled_letters(&prefix).unwrap_or_else(|| text::title_case(&text::transliterate(&prefix)));
                en = format!("{pre_en} {en}");
                i -= 1;
            }
            let written: String = toks[i..j]
                .iter()
                .enumerate()
                .map(
                    |(x, t)| {
                        if x > 0 && toks[i + x - 1].end < t.start {
                            format!(" {}", t.text)
                        } else {
                            t.text.clone()
                        }
                    },
                )
                .collect();
            out.push((i, j, written, en, class.map(String::from)));
        }
        i = j;
    }
    out
}

/// Do the name parts found in text (keys) spell the lexicon label `label` another way? The
/// surnames must be close (a few letters apart: अब्देलअती ~ अब्देलात्ती), or two parts must agree;
/// a shared first name alone is not enough.
fn same_person_name(parts: &[String], label: &str) -> bool {
    let theirs: Vec<String> = label
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(text::key)
        .filter(|k| k.chars().count() >= 3 && !NAME_PARTICLES.contains(&k.as_str()))
        .collect();
    let (Some(a), Some(b)) = (parts.last(), theirs.last()) else { return false };
    let shared = parts.iter().filter(|p| theirs.contains(p)).count();
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let close = edit_distance(&a, &b) * 100 <= a.len().max(b.len()) * 35;
    close || shared >= 2
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Words that join the parts of a personal name.
const NAME_PARTICLES: &[&str] =
    &["बिन", "बिन्त", "इब्न", "अल", "दा", "डी", "डि", "वॉन", "वान", "डे", "ला", "bin", "al", "da", "de", "von", "van"];

/// Does a person's name start at token `i` as the next member of a list of people, each named
/// with their state: "रूस के आंद्रेई बेलौसोव, ईरान के [अजीज नासिरजादेह] और ..."? The member before
/// is a person, and `i` follows "STATE के".
fn list_member_after_state(
    lex: &Lexicon,
    sent: &Sentence,
    spans: &[(usize, usize, Target)],
    args: &[Arg],
    i: usize,
) -> bool {
    if i < 4 || sent.key(i - 1) != "के" {
        return false;
    }
    let Some(&(ca, _, _)) = spans.iter().find(|(_, b, t)| {
        // (a span of a name found from context has no lexicon entry)
        *b == i - 1
            && matches!(t, Target::Entity(e) if lex.entries.get(*e).is_some_and(|x| x.etype == EntityType::Country))
    }) else {
        return false;
    };
    ca >= 2
        && matches!(sent.key(ca - 1), "," | "और" | "तथा")
        && args.iter().any(|a| a.etype == EntityType::Person && a.end == ca - 1)
}

fn keys_of(toks: &[Token]) -> Vec<&str> {
    toks.iter().take(4).map(|t| t.key.as_str()).collect()
}

/// Could this token be part of a personal name?
fn is_name_token(lex: &Lexicon, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.text.chars().nth(1).is_some()
        && t.text.chars().all(|c| ('\u{0900}'..='\u{097F}').contains(&c))
        // (no cue word, stop words included, in one lookup)
        && !lex.is_single_cue(&t.key)
        && super::grammar::number_word(&t.key).is_none()
        && super::grammar::month_word(&t.key).is_none()
        && super::grammar::weekday_word(&t.key).is_none()
}

/// The person of the article (or, failing that, of the lexicon) who holds `role` for `country`.
fn office_holder(lex: &Lexicon, out: &mut Extraction, role: usize, country: usize) -> Option<usize> {
    let country_lex = out.entities[country].lexicon;
    // people of this article already named with this office and state
    let named: BTreeSet<usize> = out
        .facts_on(&Object::Role(lex.roles[role].id.clone()))
        .filter(|f| f.relation == Relation::HoldsRole)
        .map(|f| f.subject)
        .filter(|p| {
            out.facts_of(*p).any(|g| g.relation == Relation::Represents && g.object == Object::Entity(country))
                || out.entities[*p].lexicon.and_then(|l| lex.entries[l].country) == country_lex && country_lex.is_some()
        })
        .collect();
    if named.len() == 1 {
        return named.into_iter().next();
    }
    // people of this article whom the lexicon knows in that office for that state
    let known: BTreeSet<usize> = out
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.etype == EntityType::Person)
        .filter(|(_, e)| {
            e.lexicon.is_some_and(|l| {
                country_lex.is_some() && lex.entries[l].country == country_lex && lex.held(l, role, None)
            })
        })
        .map(|(i, _)| i)
        .collect();
    if known.len() == 1 {
        return known.into_iter().next();
    }
    if !known.is_empty() {
        return None;
    }
    // the one person the lexicon knows in that office for that state in the article's year
    // ("भारत के रक्षा मंत्री ने ...", written in 2025)
    let year = out.year()?;
    let country_lex = country_lex?;
    let mut holders = lex.entries.iter().enumerate().filter(|(l, e)| {
        e.etype == EntityType::Person && e.country == Some(country_lex) && lex.held(*l, role, Some(year))
    });
    match (holders.next(), holders.next()) {
        (Some((l, _)), None) => Some(out.intern_lexicon(lex, l)),
        _ => None,
    }
}

/// An evidence record for tokens `[a, b)` of a sentence.
pub fn evidence(s: &Sentence, a: usize, b: usize, rule: &'static str, confidence: f32) -> Evidence {
    let (start, end) = s.span(a, b);
    Evidence { sentence: s.idx, start, end, rule, confidence }
}

/// Role and state facts from noun phrases.
pub fn phrase_facts(lex: &Lexicon, out: &mut Extraction, s: &Sentence) {
    for a in &s.args {
        if a.etype != EntityType::Person {
            continue;
        }
        if let Some(r) = a.role {
            if a.via != Via::Office && !a.former && lex.roles[r].asserted {
                out.add_fact(Fact {
                    subject: a.ent,
                    relation: Relation::HoldsRole,
                    object: Object::Role(lex.roles[r].id.clone()),
                    evidence: evidence(s, a.start, a.end, "phrase.office-name", 0.9),
                });
            }
        }
        // "रक्षा मंत्री मार्गरीटा रोबलेस ने कहा", datelined Madrid: a minister the lexicon does not
        // know, office bare, is the dateline state's (once the article has named nobody's state
        // for them)
        let bare_minister = a.country.is_none()
            && !a.former
            && out.entities[a.ent].lexicon.is_none()
            && a.role.is_some_and(|r| {
                matches!(
                    lex.roles[r].id.as_str(),
                    "DefenceMinister" | "ForeignMinister" | "PrimeMinister" | "President"
                )
            });
        // (not in India: India's ministers are the lexicon's, one it does not know there is a guest)
        let india = lex.get(EntityType::Country, "india");
        let home = out.home().filter(|&h| out.entities[h].lexicon != india);
        if let (true, Some(home)) = (bare_minister, home) {
            let stated = out.facts_of(a.ent).any(|f| f.relation == Relation::Represents);
            if !stated {
                out.add_fact(Fact {
                    subject: a.ent,
                    relation: Relation::Represents,
                    object: Object::Entity(home),
                    evidence: evidence(s, a.start, a.end, "phrase.office-dateline", 0.7),
                });
            }
        }
        if let Some(c) = a.country {
            let rule = match a.via {
                Via::Office => "phrase.state-office",
                _ if a.counterpart => "phrase.state-counterpart",
                _ if a.heads.is_some() => "phrase.state-org-head",
                _ if a.role.is_none() => "phrase.state-name",
                _ => "phrase.state-office-name",
            };
            out.add_fact(Fact {
                subject: a.ent,
                relation: Relation::Represents,
                object: Object::Entity(c),
                evidence: evidence(s, a.start, a.end, rule, 0.85),
            });
        }
        if let Some(o) = a.heads {
            out.add_fact(Fact {
                subject: a.ent,
                relation: Relation::HeadOf,
                object: Object::Entity(o),
                evidence: evidence(s, a.start, a.end, "phrase.org-head-name", 0.85),
            });
        }
    }
}
