//! Systems in events, systems' origins and makers, places' locations, events named by context.

use super::trade::systems_in;
use super::*;

// ---------------------------------------------------------------------------------------------
// systems in events, origins, locations

pub(super) fn used_in(out: &mut Extraction, doc: &Discourse, ctx: &Ctx, c: Clause) {
    let s = ctx.s;
    let systems = systems_in(ctx, c, doc, &out.entities);
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
pub(super) fn made_by(out: &mut Extraction, doc: &Discourse, ctx: &Ctx, c: Clause) {
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
    // (not "बनाने": a plan to make is no origin)
    let Some(&k) = ctx.cues(Cue::Make, c).iter().find(|&&k| s.key(k) != "बनाने" && maker_before(k)) else {
        return;
    };
    if ctx.negated(k, c) {
        return;
    }
    let systems = systems_in(ctx, c, doc, &out.entities);
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

/// A company that makes a system supplies it: "लॉकहीड मार्टिन की बनाई यह प्रणाली", "X द्वारा निर्मित", "राफेल बनाने वाली कंपनी दसॉ",
/// "आकाश का निर्माण भारत डायनेमिक्स लिमिटेड करती है". A part it makes for another's system
/// ("राफेल के धड़ के हिस्से बनाने") is not the system.
pub(super) fn maker_supplies(out: &mut Extraction, doc: &Discourse, ctx: &Ctx, c: Clause) {
    let s = ctx.s;
    let org = |a: &Arg| a.etype == EntityType::Organization && !a.nested;
    let mut makers: Vec<usize> = Vec::new();
    for k in ctx.cues(Cue::Make, c) {
        if ctx.negated(k, c) {
            continue;
        }
        if s.key(k) == "बनाने" {
            // SYSTEM बनाने वाली [फ्रांसीसी] कंपनी ORG
            if !matches!(s.key(k + 1), "वाली" | "वाले" | "वाला") {
                continue;
            }
            if let Some(a) = s.args.iter().find(|a| org(a) && a.start > k + 1 && a.start <= k + 5) {
                if (k + 2..a.start).any(|i| s.key(i) == "कंपनी") {
                    makers.push(a.ent);
                }
            }
            continue;
        }
        // ORG की बनाई / ORG द्वारा निर्मित (the company's genitive or agent right before the verb;
        // not a bare "ORG बनाती है", which annotators read as making, not supplying)
        if let Some(a) =
            s.args.iter().find(|a| org(a) && a.end + a.marker_len == k && matches!(a.marker, Marker::Gen | Marker::By))
        {
            makers.push(a.ent);
        }
    }
    // का निर्माण ORG करती/करता है
    for k in c.a..c.b {
        if s.key(k) == "निर्माण" && k > 0 && s.key(k - 1) == "का" {
            if let Some(a) = s.args.iter().find(|a| org(a) && a.start > k && a.start <= k + 4) {
                if matches!(s.key(a.end), "करती" | "करता" | "करते" | "करेगी" | "करेगा") && !ctx.negated(a.end, c)
                {
                    makers.push(a.ent);
                }
            }
        }
    }
    if makers.is_empty() {
        return;
    }
    // (parts: "के हिस्से", "के पुर्जे", "के इंजन" after the system are not the system)
    let parts = |i: usize| matches!(s.key(i), "हिस्से" | "हिस्सों" | "पुर्जे" | "पुर्जों" | "कलपुर्जे" | "धड़");
    for (sys, at, explicit) in systems_in(ctx, c, doc, &out.entities) {
        if (at..(at + 5).min(c.b)).any(parts) {
            continue;
        }
        for &m in &makers {
            let cf = if explicit { 0.75 } else { 0.7 };
            push_fact(out, m, Relation::Supplies, sys, evidence(s, c.a, c.b, "trade.maker", cf));
        }
    }
}

pub(super) fn made_in(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
    made_by_company_of(lex, out, ctx);
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
            // ("तुर्की लड़ाकू विमान कान": a state's name as its adjective, over the kind of system;
            // only where the lexicon agrees, since a bare state may as well be a subject)
            if back >= 2 {
                let named = s
                    .args
                    .iter()
                    .find(|x| x.end == k + 1 && x.etype == EntityType::Country && x.marker == Marker::Bare);
                let kind_between = (k + 1..a.start).any(|j| s.cue(j, Cue::SystemNoun) || super::trade::kind_noun(s, j));
                if let (Some(x), true) = (named, kind_between) {
                    let known = out.entities[a.ent].lexicon.and_then(|l| lex.entries[l].country);
                    if known.is_some() && known == out.entities[x.ent].lexicon {
                        country = Some(x.ent);
                        break;
                    }
                }
            }
            // (and the head of a compound postposition: "तुर्किये के साथ तीन अंका ड्रोन" is no origin)
            let postposition = matches!(
                s.key(k),
                "से" | "को"
                    | "में"
                    | "ने"
                    | "पर"
                    | "और"
                    | "तथा"
                    | "लिए"
                    | "साथ"
                    | "बीच"
                    | "द्वारा"
                    | "तहत"
                    | "पास"
                    | "बाद"
            );
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

/// A system of a company the text gives a state (`दक्षिण कोरिया की कंपनी हनवा एयरोस्पेस की के9
/// थंडर तोप`, `तुर्की कंपनी रोकेत्सान से एटमाका`, `ब्राजील की कंपनी एम्ब्रेयर से सी-390`) is made in
/// that state: the system is the company's by a genitive, by `अपने`, or by the lexicon's maker.
fn made_by_company_of(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
    let s = ctx.s;
    for o in s.args.iter().filter(|a| a.etype == EntityType::Organization && !a.nested) {
        // `कंपनी` right before the company, with the state before it: `C की [ड्रोन निर्माता] कंपनी`,
        // `Cn कंपनी`
        let Some(k) = o.start.checked_sub(1).filter(|&k| s.key(k) == "कंपनी") else { continue };
        // (`तुर्की कंपनी`: the state's name as its adjective)
        let mut state = s.args.iter().find(|x| x.end == k && x.etype == EntityType::Country).map(|x| x.ent);
        for back in 1..=3 {
            if state.is_some() {
                break;
            }
            let Some(t) = k.checked_sub(back) else { break };
            if let Some((_, c)) = s.adjectives.iter().find(|(at, _)| *at == t) {
                state = Some(*c);
                break;
            }
            if matches!(s.key(t), "की" | "के") {
                state = s.args.iter().find(|x| x.end == t && x.etype == EntityType::Country).map(|x| x.ent);
                break;
            }
        }
        let Some(state) = state else { continue };
        let company = out.entities[o.ent].lexicon;
        let after = o.end + o.marker_len;
        for a in s.args.iter().filter(|a| a.etype == EntityType::WeaponSystem) {
            let by_lexicon =
                company.is_some() && out.entities[a.ent].lexicon.and_then(|l| lex.entries[l].maker) == company;
            let by_text = (o.marker == Marker::Gen || o.marker == Marker::Se) && (after..=after + 2).contains(&a.start)
                || s.key(o.end) == "अपने" && (o.end + 1..=o.end + 2).contains(&a.start);
            if !(by_lexicon || by_text) {
                continue;
            }
            let known = out.entities[a.ent].lexicon.and_then(|l| lex.entries[l].country);
            if known.is_some() && known != out.entities[state].lexicon {
                continue;
            }
            push_fact(
                out,
                a.ent,
                Relation::MadeIn,
                state,
                evidence(s, k.saturating_sub(2), a.end, "system.company-of-state", 0.8),
            );
        }
    }
}

pub(super) fn located_in(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
    let s = ctx.s;
    for a in &s.args {
        // "X का Y", or over a word for the kind of place: "कजाकिस्तान की राजधानी अस्ताना", "मिस्र के
        // बंदरगाह शहर अलेक्जेंड्रिया"
        let kinds = |k: usize| {
            matches!(
                s.key(k),
                "राजधानी"
                    | "शहर"
                    | "प्रांत"
                    | "राज्य"
                    | "बंदरगाह"
                    | "द्वीप"
                    | "जिले"
            )
        };
        let mut at = a.start;
        while at >= 2 && kinds(at - 1) && at + 2 >= a.start {
            at -= 1;
        }
        if a.etype != EntityType::Place || at < 2 || !matches!(s.key(at - 1), "के" | "की" | "का") {
            continue;
        }
        // ("दक्षिण कैरोलिना राज्य के ग्रीनविल": over a word for the outer place's kind)
        let Some(outer) = s.args.iter().find(|x| {
            (x.end == at - 1 || x.end + 1 == at - 1 && kinds(x.end))
                && matches!(x.etype, EntityType::Place | EntityType::Country)
        }) else {
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
    // "वॉशिंगटन स्थित व्हाइट हाउस", "कालिनिनग्राद स्थित यंतर शिपयार्ड", "हाई फोंग शहर स्थित हॉन्ग हा
    // शिपयार्ड": what stands after "स्थित" is in the place before it (a place, a venue, a yard or
    // plant; not a company, which may stand anywhere)
    let facility = |e: usize| {
        let x = &out.entities[e];
        let head = ["शिपयार्ड", "डॉकयार्ड", "संयंत्र", "कारखाना", "कारखाने", "फैक्ट्री", "फैक्टरी", "अड्डा", "अड्डे", "मुख्यालय"];
        x.class.as_deref().is_some_and(|k| matches!(k, "government" | "shipyard" | "base" | "venue"))
            // (by its own name: "कोचीन शिपयार्ड", not "एलएंडटी शिपयार्ड", a yard of a company)
            || head.iter().any(|h| x.hi.ends_with(h))
    };
    let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
    for k in 1..s.toks.len() {
        if s.key(k) != "स्थित" {
            continue;
        }
        // (the place right before, over a word for its kind: "हाई फोंग शहर स्थित")
        let outer = s.args.iter().find(|x| {
            !x.nested
                && matches!(x.etype, EntityType::Place | EntityType::Country)
                && (x.end == k || x.end + 1 == k && matches!(s.key(x.end), "शहर" | "प्रांत" | "राज्य" | "द्वीप" | "जिले"))
        });
        let inner = s.args.iter().find(|x| !x.nested && x.start > k && x.start <= k + 3);
        if let (Some(o), Some(i)) = (outer, inner) {
            let placed = i.etype == EntityType::Place || i.etype == EntityType::Organization && facility(i.ent);
            if placed && o.ent != i.ent && (k + 1..i.start).all(|j| !s.args.iter().any(|y| y.start == j)) {
                found.push((i.ent, o.ent, o.start, i.end));
            }
        }
    }
    // "किंगदाओ (चीन)", "विलमिंगटन (अमेरिका)": a place with its state in brackets
    for x in s.args.iter().filter(|x| !x.nested && x.etype == EntityType::Place) {
        if s.key(x.end) != "(" {
            continue;
        }
        let state =
            s.args.iter().find(|y| y.start == x.end + 1 && y.etype == EntityType::Country && s.key(y.end) == ")");
        if let Some(y) = state {
            let agrees = out.entities[x.ent]
                .lexicon
                .and_then(|l| lex.entries[l].country)
                .is_none_or(|c| Some(c) == out.entities[y.ent].lexicon);
            if agrees {
                found.push((x.ent, y.ent, x.start, y.end + 1));
            }
        }
    }
    for (inner, outer, a, b) in found {
        push_fact(out, inner, Relation::LocatedIn, outer, evidence(s, a, b, "place.located", 0.8));
    }
}

/// Events named from context: `ऑपरेशन X`; `PLACE (आतंकी) हमला`; `STATE युद्ध`.
pub(super) fn events_from_context(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx) {
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
