//! Meetings (who met whom, when, where; hosts and guests; several parties at one table), visits,
//! invitations, condemnations and attendance.

use super::states::{person_state, side_state};
use super::*;

// ---------------------------------------------------------------------------------------------
// meetings

pub(super) fn meet(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    subj: &[(usize, SubjectFrom)],
) {
    let s = ctx.s;
    // "बैठक की मेजबानी X ने की, जिसमें A, B और C शामिल हुए": everyone at the table met
    if let Some(&k) = ctx.cues(Cue::Attend, c).first() {
        let whole = Clause { a: 0, b: s.toks.len() };
        // (or an event named as a meeting: "क्वाड विदेश मंत्रियों की बैठक की मेजबानी ...")
        let event_meeting =
            s.args.iter().any(|a| a.etype == EntityType::Event && a.end > a.start && s.cue(a.end - 1, Cue::Meet));
        // (or a summit someone hosted: "... ने शिखर सम्मेलन की मेजबानी की, जिसमें A, B और C शामिल हुए")
        let hosted_summit = (0..s.toks.len()).any(|i| s.key(i) == "सम्मेलन") && ctx.has(Cue::Host, whole);
        if (ctx.has(Cue::Meet, whole) || event_meeting || hosted_summit) && !ctx.negated(k, c) && !ctx.planned(c) {
            multi_party(out, doc, ctx, c, k);
        }
    }
    // "बैठक में अमेरिकी विदेश मंत्री मार्को रुबियो भी मौजूद थे", "..., जिसमें ब्राजील के रक्षा मंत्री
    // ... भी उपस्थित थे": someone present at the meeting just reported took part in it
    // ("बैठक में ... भी शामिल थे")
    let present_at = (c.a..c.b).find(|&k| {
        matches!(s.key(k), "मौजूद" | "उपस्थित")
            || s.key(k) == "शामिल" && matches!(s.key(k + 1), "थे" | "थीं" | "थी" | "था" | "रहे")
    });
    if let Some(k) = present_at {
        let at_meeting = (c.a..k)
            .any(|j| matches!(s.key(j), "जिसमें" | "इसमें") || s.cue(j, Cue::Meet) && s.key(j + 1) == "में" && j <= c.a + 1);
        let present: Vec<usize> = ctx
            .args_in(c)
            .filter(|(_, a)| {
                !a.nested
                    && a.end <= k
                    && matches!(a.marker, Marker::Bare | Marker::And)
                    && out.entities[a.ent].etype == EntityType::Person
            })
            .map(|(_, a)| a.ent)
            .collect();
        if at_meeting && !present.is_empty() && !ctx.negated(k, c) && !ctx.planned(c) {
            let recent = out.meetings.len().checked_sub(1).filter(|&m| {
                out.meetings[m].evidence.last().is_some_and(|e| e.sentence <= s.idx && s.idx - e.sentence <= 2)
            });
            if let Some(m) = recent {
                let others = out.meetings[m].participants.clone();
                for &p in present.iter().filter(|p| !others.contains(p)) {
                    // (met those of the other side; a minister beside his own leader is no meeting
                    // of the two)
                    for &o in &others {
                        if !same_side(lex, out, s, p, &[o]) {
                            push_fact(out, p, Relation::Met, o, evidence(s, c.a, c.b, "meet.present", 0.7));
                        }
                    }
                    let m = &mut out.meetings[m];
                    m.participants.push(p);
                    m.participants.sort_unstable();
                }
                out.meetings[m].evidence.push(evidence(s, c.a, c.b, "meet.present", 0.7));
            }
            return;
        }
    }
    // "... ने ... कई देशों के अपने समकक्षों से मुलाकात की। इनमें A, B और C शामिल थे": the
    // counterparts, named in the sentence after
    if let Some((x, date, si)) = doc.plural_meeting.filter(|p| p.2 < s.idx && s.idx - p.2 <= 2) {
        let listed = (c.a..c.b).any(|k| {
            matches!(s.key(k), "इनमें" | "जिनमें")
                || matches!(s.key(k), "बैठकों" | "बैठक") && s.key(k + 1) == "में" && k <= c.a + 1
        });
        let named: Vec<usize> = ctx
            .args_in(c)
            .filter(|(_, a)| !a.nested && a.ent != x && out.entities[a.ent].etype == EntityType::Person)
            .map(|(_, a)| a.ent)
            .collect();
        if listed && !named.is_empty() {
            doc.plural_meeting = None;
            let _ = si;
            let places: Vec<usize> = doc.dateline_place.into_iter().collect();
            for p in named {
                push_fact(out, x, Relation::Met, p, evidence(s, c.a, c.b, "meet.counterparts-named", 0.7));
                let ev = evidence(s, c.a, c.b, "meet.counterparts-named", 0.7);
                record_meeting(out, vec![x.min(p), x.max(p)], date, date.is_some(), &places, ev);
            }
            return;
        }
    }
    // "पुतिन और मोदी ने ... भारत-रूस वार्षिक शिखर सम्मेलन में हिस्सा लिया": the two leaders at a
    // summit of their two states met there
    let bilateral = ctx.cues(Cue::Attend, c).into_iter().find(|&k| {
        !ctx.negated(k, c)
            && ctx.args_in(c).any(|(_, a)| {
                a.etype == EntityType::Event
                    && a.end <= k
                    && a.end + a.marker_len + 2 >= k
                    && two_states_named(lex, s, a)
            })
    });
    // the verb comes last: the last meeting word is the one that takes the partner; a host
    // meets the guest ("X ने Y की मेजबानी की")
    let host = ctx.cues(Cue::Host, c).last().copied();
    // ("... वार्ता के लिए अपने समकक्षों की मेजबानी की": the hosting, which comes last)
    let last_meet = ctx.cues(Cue::Meet, c).last().copied();
    let last = match (last_meet, host) {
        (Some(m), Some(h)) if h > m => Some(h),
        (m, h) => m.or(h),
    };
    if last.or(bilateral).is_none() {
        co_signed(lex, out, doc, ctx, c, subj);
    }
    let Some(cue) = last.or(bilateral) else { return };
    if ctx.negated(cue, c) || planned_near(ctx, c, cue) || ctx.has(Cue::Remote, c) {
        return;
    }
    // "X से मिलने के अनुरोध/लिए", "मिलने की इच्छा": a meeting wished for, not held
    if s.key(cue) == "मिलने" && matches!(s.key(cue + 1), "के" | "की" | "का" | "को" | "वाले" | "वाली" | "वाला")
    {
        return;
    }
    // (the types as the clause starts: what is looked up later adds no person)
    let types: Vec<EntityType> = out.entities.iter().map(|e| e.etype).collect();
    let person = |e: usize| types.get(e) == Some(&EntityType::Person);
    let mut pairs: Vec<(usize, usize, &'static str, f32)> = Vec::new();
    // X ने Y से मुलाकात की / X के साथ बैठक में Y ने
    // (every member of a list before the postposition: "X, Y और Z से अलग-अलग मुलाकात की")
    let mut partners: Vec<usize> = Vec::new();
    for (i, a) in ctx.args_in(c) {
        let partner = (a.marker == Marker::Se || a.marker == Marker::Saath) && a.end <= cue + 1;
        // (and "X के सम्मान में रात्रिभोज की मेजबानी": in whose honour)
        let honoured = a.marker == Marker::Gen
            && s.key(a.end + a.marker_len) == "सम्मान"
            && s.key(a.end + a.marker_len + 1) == "में"
            && cue <= a.end + a.marker_len + 6;
        // (and whose visit: "मोदी की राजकीय यात्रा की मेजबानी की")
        let visit_of = a.marker == Marker::Gen
            && (a.end + a.marker_len..cue).any(|k| s.cue(k, Cue::VisitNoun) && s.key(k + 1) == "की" && k + 2 == cue);
        // ("... में मोदी के लिए अनौपचारिक रात्रिभोज की मेजबानी की": for whom)
        let for_whom =
            a.marker == Marker::Gen && s.key(a.end + a.marker_len) == "लिए" && cue > a.end && cue - a.end <= 6;
        let guest = host == Some(cue) && for_whom
            || host == Some(cue)
                && a.end < cue
                && (a.marker == Marker::Gen && cue <= a.end + a.marker_len + 1
                    || honoured
                    || visit_of && cue <= a.end + 6);
        if a.nested || !(partner || guest) || !person(a.ent) {
            continue;
        }
        partners.extend(
            group_before(s, i)
                .into_iter()
                .map(|j| &s.args[j])
                .filter(|b| b.start >= c.a && person(b.ent))
                .map(|b| b.ent),
        );
    }
    let mut subjects: Vec<(usize, SubjectFrom)> = subj.iter().copied().filter(|(e, _)| person(*e)).collect();
    // "राजनाथ सिंह की मुलाकात इवाया से भी हुई": the genitive's meeting with the one after the noun
    let whose_noun = ctx
        .args_in(c)
        .find(|(_, a)| !a.nested && person(a.ent) && a.marker == Marker::Gen && a.end + a.marker_len == cue);
    if let (true, Some((_, x))) = (partners.is_empty(), whose_noun) {
        let happened = (cue + 1..c.b).any(|k| matches!(s.key(k), "हुई" | "हुआ" | "हुए"));
        let after: Vec<usize> = ctx
            .args_in(c)
            .filter(|(_, a)| {
                !a.nested
                    && person(a.ent)
                    && a.start > cue
                    && matches!(a.marker, Marker::Se | Marker::Saath)
                    && a.ent != x.ent
            })
            .map(|(_, a)| a.ent)
            .collect();
        if happened && !after.is_empty() {
            partners = after;
            subjects = vec![(x.ent, SubjectFrom::Stated)];
        }
    }
    // "जयशंकर की रुबियो के साथ वार्ता हुई": whose meeting it is, named in the genitive before the
    // partner
    if subjects.iter().all(|(_, f)| *f != SubjectFrom::Stated) && !partners.is_empty() {
        let first_partner =
            ctx.args_in(c).find(|(_, a)| !a.nested && partners.contains(&a.ent)).map_or(cue, |(_, a)| a.start);
        // (one person: a group, "राजनाथ और जयशंकर की ... से", meets them as a group below)
        let whose = ctx.args_in(c).find(|(i, a)| {
            !a.nested
                && person(a.ent)
                && a.marker == Marker::Gen
                // (over a day between: "मोदी की रविवार को चीन के राष्ट्रपति शी से मुलाकात हुई")
                && (a.end + a.marker_len == first_partner
                    || a.end + a.marker_len < first_partner
                        && first_partner - (a.end + a.marker_len) <= 3
                        && (a.end + a.marker_len..first_partner).any(|k| s.key(k) == "को")
                        && (cue + 1..c.b).any(|k| matches!(s.key(k), "हुई" | "हुआ" | "हुए")))
                && !partners.contains(&a.ent)
                && group_before(s, *i).len() == 1
        });
        if let Some((_, a)) = whose {
            subjects = vec![(a.ent, SubjectFrom::Stated)];
        }
    }
    // "राजनाथ क्रेमलिन गए, जहां राष्ट्रपति पुतिन ने उनसे मुलाकात की": the person the sentence
    // began with is the partner
    // ("..., जहां मोदी ने खुद उनकी अगवानी की": a host meets the guest named before)
    let pronoun = (c.a..cue)
        .any(|k| matches!(s.key(k), "उनसे" | "इनसे") || matches!(s.key(k), "उनके" | "इनके") && s.key(k + 1) == "साथ")
        || host == Some(cue)
            && (cue.saturating_sub(3).max(c.a)..cue).any(|k| matches!(s.key(k), "उनकी" | "उनका" | "इनकी" | "इनका"));
    if partners.is_empty() && pronoun && subjects.iter().any(|(_, f)| *f == SubjectFrom::Stated) {
        // (or the sentence before: "दिसानायके ... दिल्ली पहुंचे थे। उसी शाम जयशंकर और डोभाल ने उनसे
        // ... भेंट की")
        let here = doc.last_person.filter(|_| doc.last_person_at == s.idx && c.a > 0);
        // (the one before only when of another state than every subject: a guest and hosts)
        let before = doc.last_person.filter(|_| doc.last_person_at + 1 == s.idx && c.a == 0);
        let foreign = before.is_some_and(|p| {
            let sp = side_state(lex, out, s, p);
            sp.is_some() && subjects.iter().all(|(x, _)| side_state(lex, out, s, *x).is_some_and(|sx| Some(sx) != sp))
        });
        let partner = here.or(before.filter(|_| foreign));
        // (else the person just spoken of who is of another state than the subjects: "... यात्रा पर
        // हैं। ... उन्होंने राजघाट जाकर ... । ... मोदी, अंसारी और स्वराज ने उनसे मुलाकात की")
        let mine: Vec<usize> = subjects.iter().map(|x| x.0).collect();
        let partner =
            partner.filter(|p| !mine.contains(p)).or_else(|| recent_other(lex, out, doc, ctx, c, &mine, &mine));
        if let Some(p) = partner.filter(|p| subjects.iter().all(|(x, _)| x != p)) {
            partners.push(p);
        }
    }
    // a headline puts the verb first: "अमेरिकी रक्षा मंत्री पीट हेगसेथ से मिले राजनाथ सिंह"
    if subjects.iter().all(|(_, f)| *f != SubjectFrom::Stated) {
        let len = s.cues[cue].iter().find(|(x, _)| *x == Cue::Meet).map(|(_, l)| *l).unwrap_or(1);
        if let Some((_, a)) = ctx.args_in(c).find(|(_, a)| a.start == cue + len && person(a.ent) && !a.nested) {
            subjects = vec![(a.ent, SubjectFrom::Stated)];
        }
    }
    if subjects.is_empty() && subj.is_empty() && !partners.is_empty() {
        // Hindi news drops a subject it has just named: इससे पहले ... से मुलाकात की
        // ("... क्राउन प्रिंस ने उनकी अगवानी की। बाद में ... राष्ट्रपति ... के साथ उनकी वार्ता हुई":
        // of the people just spoken of, one of another state than the partner)
        let topic = doc.last_person.filter(|&p| !partners.contains(&p));
        let topic = match topic {
            Some(p) if !same_side(lex, out, s, p, &partners) => Some(p),
            _ => recent_other(lex, out, doc, ctx, c, &partners, &partners).or(topic),
        };
        if let Some(p) = topic {
            subjects.push((p, SubjectFrom::Pronoun));
        }
    }
    for (x, from) in &subjects {
        for y in &partners {
            pairs.push((*x, *y, "meet.agent-partner", conf(0.85, *from)));
        }
    }
    if let (Some(_), [(x, SubjectFrom::Stated), (y, SubjectFrom::Stated)]) = (bilateral, subjects.as_slice()) {
        pairs.push((*x, *y, "meet.bilateral-summit", 0.75));
    }
    // "दोनों नेताओं ने मुलाकात के बाद ...", "दोनों ने वहीं एक बैठक कर ...": the two people the
    // sentence before named together
    // ("दोनों के बीच ... बातचीत चली", "दोनों नेता ... मिले थे"; "वे व्हाइट हाउस में मिल चुके हैं")
    let both = (c.a..cue)
        .any(|k| s.key(k) == "दोनों" && matches!(s.key(k + 1), "ने" | "नेताओं" | "मंत्रियों" | "नेता" | "मंत्री" | "के"))
        || subj.is_empty()
            && (c.a..cue).any(|k| s.key(k) == "वे")
            && matches!(s.key(cue), "मिले" | "मिल")
            && matches!(s.key(cue + 1), "थे" | "चुके" | "हैं");
    if both && pairs.is_empty() && partners.is_empty() {
        if let Some((x, y, _)) = doc.last_pair.filter(|(_, _, si)| s.idx - si <= 2) {
            pairs.push((x, y, "meet.both-named-before", 0.7));
        } else if let Some(x) = recent_other(lex, out, doc, ctx, c, &[], &[]) {
            // ("थान मनोहर पर्रिकर के आमंत्रण पर भारत की यात्रा पर हैं। ... दोनों मंत्रियों के बीच
            // बातचीत हुई": the last two people of two states spoken of)
            if let Some(y) = recent_other(lex, out, doc, ctx, c, &[x], &[x]) {
                pairs.push((x, y, "meet.both-named-before", 0.65));
            }
        }
    }
    // "पुतिन-मोदी शिखर वार्ता", "मोदी-ट्रंप मुलाकात": two people joined by a hyphen before the
    // meeting word
    let args: Vec<&Arg> = ctx.args_in(c).map(|(_, a)| a).filter(|a| !a.nested).collect();
    for w in args.windows(2) {
        let (a, b) = (w[0], w[1]);
        let joined = s.key(a.end) == "-"
            && b.start == a.end + 1
            && (b.end..(b.end + 3).min(c.b)).any(|k| s.cue(k, Cue::Meet) && !ctx.negated(k, c));
        if joined && person(a.ent) && person(b.ent) && a.ent != b.ent {
            pairs.push((a.ent, b.ent, "meet.pair-named", 0.75));
        }
    }
    // X और Y के बीच बैठक / X तथा Y की बैठक / X और Y ने मुलाकात की
    for (i, a) in ctx.args_in(c) {
        if a.nested || a.end > cue || a.marker != Marker::And {
            continue;
        }
        let g = group(s, i);
        let last = &s.args[*g.last().unwrap_or(&i)];
        // ("मोदी और पुतिन (एक-दूसरे से गले) मिले": the verb of meeting right after the two)
        // (a place or time between: "शरा और ट्रंप इससे पहले मई में रियाद में मिले थे")
        let met_each_other = last.marker == Marker::Bare
            && matches!(s.key(cue), "मिले" | "मिलीं")
            && last.end < cue
            && cue - last.end <= 9
            && !s.args.iter().any(|b| {
                !b.nested
                    && b.start >= last.end
                    && b.end <= cue
                    && !(matches!(b.etype, EntityType::Place) && b.marker == Marker::Me)
            });
        if g.len() >= 2
            && (matches!(last.marker, Marker::Beech | Marker::Gen | Marker::Ne) || met_each_other)
            && g.iter().all(|j| person(s.args[*j].ent))
        {
            let members: Vec<usize> = g.iter().map(|&j| s.args[j].ent).collect();
            // "राजनाथ और जयशंकर की कामिकावा व किहारा से बातचीत": the group meets the partners
            if !partners.is_empty() && last.marker != Marker::Beech {
                for &x in members.iter().filter(|x| !partners.contains(x)) {
                    for &y in &partners {
                        pairs.push((x, y, "meet.group-partner", 0.8));
                    }
                }
                continue;
            }
            // "जयशंकर और डोभाल ने (उनसे) भेंट की": two of one side call on someone else, not on
            // each other
            // ("मोदी, अंसारी और स्वराज ने उनसे मुलाकात की": all of them)
            if last.marker != Marker::Beech {
                let first = side_state(lex, out, s, members[0]);
                let one_side = first.is_some() && members.iter().all(|&m| side_state(lex, out, s, m) == first);
                let someone_else = last.marker == Marker::Ne
                    && (last.end..cue).any(|k| matches!(s.key(k), "उनसे" | "इनसे" | "उन्हें" | "उनका" | "उनकी"));
                if one_side || someone_else {
                    continue;
                }
            }
            for (p, q) in members.iter().zip(members.iter().skip(1)) {
                pairs.push((*p, *q, "meet.coordinated", 0.85));
            }
        }
    }
    // ("अपने समकक्षों से", "... के रक्षा मंत्रियों के साथ अलग-अलग बैठकें कीं": met several not yet named)
    let plural = (c.a..cue).any(|k| {
        (matches!(s.key(k), "समकक्षों" | "मंत्रियों" | "नेताओं" | "प्रधानमंत्रियों" | "राष्ट्रपतियों"))
            && (matches!(s.key(k + 1), "से") || s.key(k + 1) == "के" && s.key(k + 2) == "साथ")
    });
    if let ([(x, SubjectFrom::Stated)], true, true) = (subjects.as_slice(), partners.is_empty(), plural) {
        if pairs.is_empty() {
            doc.plural_meeting = Some((*x, date_of_clause(ctx, doc, c, false), s.idx));
        }
    }
    if super::tracing() {
        let name = |e: usize| out.entities[e].en.clone();
        eprintln!(
            "meet [{}] cue {} | subjects {:?} | partners {:?} | pairs {:?}",
            s.idx,
            s.toks[cue].text,
            subjects.iter().map(|x| name(x.0)).collect::<Vec<_>>(),
            partners.iter().map(|&x| name(x)).collect::<Vec<_>>(),
            pairs.iter().map(|x| (name(x.0), name(x.1), x.2)).collect::<Vec<_>>()
        );
    }
    if pairs.is_empty() {
        return;
    }
    // the day: in the meeting's clause; else in its sentence unless that speaks of plans; else
    // the day named in the sentence or two before (then the day is not stated, only inferred)
    // (not a date of a clause after it: "... वार्ता हुई, जिसमें जून में हुए समझौते ...")
    let whole = Clause { a: 0, b: s.toks.len() };
    // (a weekday of a meeting still to come is the next such day: "शुक्रवार को शिखर वार्ता करेंगे")
    let stated = date_of_clause(ctx, doc, c, ctx.planned(c)).or_else(|| {
        if ctx.planned(whole) {
            None
        } else {
            date_of_clause(ctx, doc, Clause { a: 0, b: c.b }, false)
        }
    });
    let date = stated.or_else(|| doc.last_date.filter(|(_, si)| s.idx - si <= 3 && *si < s.idx).map(|(d, _)| d));
    // where: "X में" places, "X स्थित Y में", or where they arrived ("नई दिल्ली पहुंचे और ...
    // वार्ता की")
    let mut places: Vec<usize> = s
        .args
        .iter()
        // (a seat of government named as a venue is a place: "व्हाइट हाउस में", "क्रेमलिन में")
        .filter(|a| {
            !a.nested
                && (a.etype == EntityType::Place
                    || a.etype == EntityType::Organization
                        && a.marker == Marker::Me
                        && out.entities[a.ent].class.as_deref() == Some("government"))
        })
        // (not a place of what was talked over after the meeting: "... से मुलाकात की और पूर्वी लद्दाख
        // में ... पर चर्चा की")
        .filter(|a| !(a.start > cue && (cue..a.start).any(|k| s.key(k) == "और")))
        .filter(|a| {
            // (not where something else is to be held: "नई दिल्ली में होने वाले सम्मेलन")
            a.marker == Marker::Me && !matches!(s.key(a.end + 1), "होने" | "होगा" | "होगी" | "होंगे")
                || a.marker == Marker::Bare && s.cue(a.end, Cue::Arrive)
                // ("लोक कल्याण मार्ग स्थित अपने आवास पर", "... स्थित यंतर शिपयार्ड में")
                || s.key(a.end) == "स्थित" && (a.end + 1..(a.end + 6).min(s.toks.len())).any(|k| matches!(s.key(k), "में" | "पर"))
        })
        .map(|a| a.ent)
        .collect();
    // "यहां" (here): the dateline's place
    let here = (c.a..c.b).any(|k| s.key(k) == "यहां");
    if places.is_empty() && here {
        places.extend(doc.dateline_place);
    }
    // "वहां" (there), or nowhere said, in a visit's sentences: the place of the visit of one of
    // the participants ("X की जापान यात्रा ... वहां उन्होंने Y से मुलाकात की"); the dateline's
    // city when it lies in the state visited
    if places.is_empty() {
        let visiting =
            doc.visit.filter(|(p, _, si)| s.idx - si <= 6 && pairs.iter().any(|(x, y, _, _)| x == p || y == p));
        if let Some((_, place, _)) = visiting {
            let within = |d: usize| {
                out.entities[place].etype == EntityType::Country
                    && state_of_place(lex, out, d).is_some()
                    && state_of_place(lex, out, d) == state_of_place(lex, out, place)
            };
            places.push(doc.dateline_place.filter(|&d| within(d)).unwrap_or(place));
        }
    }
    // "नई दिल्ली, ... चीन में आयोजित बैठक से इतर", "इंडोनेशिया की राजधानी में": a state named as
    // where it happened, not the dateline's own, is the place (the dateline's city is not)
    if places.is_empty() {
        let abroad = s
            .args
            .iter()
            .filter(|a| !a.nested && a.etype == EntityType::Country && a.start >= c.a && a.end <= c.b)
            .find(|a| {
                a.marker == Marker::Me && !matches!(s.key(a.end + 1), "होने" | "होगा" | "होगी" | "होंगे")
                    || a.marker == Marker::Gen
                        && s.key(a.end + a.marker_len) == "राजधानी"
                        && s.key(a.end + a.marker_len + 1) == "में"
            })
            .map(|a| a.ent);
        if let Some(state) = abroad {
            let home = doc.dateline_place.and_then(|d| state_of_place(lex, out, d));
            if home != Some(state) {
                places.push(state);
                let who: Vec<usize> = pairs.iter().flat_map(|(x, y, _, _)| [*x, *y]).collect();
                doc.meeting_place = Some((who, places.clone(), s.idx));
            }
        }
    }
    // a meeting of someone the text has just placed elsewhere ("... चीन में ... से मुलाकात की।
    // उन्होंने चीनी रक्षा मंत्री से भी बात की"): there too
    if places.is_empty() && !here {
        let there = doc.meeting_place.as_ref().filter(|(who, _, si)| {
            s.idx - si <= 3 && pairs.iter().any(|(x, y, _, _)| who.contains(x) || who.contains(y))
        });
        if let Some((_, at, _)) = there {
            places.extend(at.iter().copied());
        }
    }
    // "यहां" (here), or nowhere said: the dateline's place
    if places.is_empty() {
        places.extend(doc.dateline_place);
    }
    let mut people = BTreeSet::new();
    let mut met: Vec<(usize, usize)> = Vec::new();
    let mut ev_conf: f32 = 0.0;
    for (x, y, rule, cf) in pairs {
        if x == y {
            continue;
        }
        people.insert(x);
        people.insert(y);
        met.push((x.min(y), x.max(y)));
        ev_conf = ev_conf.max(cf);
        push_fact(out, x, Relation::Met, y, evidence(s, c.a, c.b, rule, cf));
    }
    if people.len() < 2 {
        return;
    }
    // "X से इतर", "X के इतर", "X के हाशिये पर": a meeting on the sidelines of an event; whoever met
    // there attended it
    // (the event a few words before: "महासभा के सत्र से इतर", "सम्मेलन की बैठक के दौरान")
    let sideline_at: Vec<usize> = (c.a + 1..c.b)
        .filter(|&k| matches!(s.key(k), "इतर" | "हाशिये" | "हाशिए" | "दौरान") && matches!(s.key(k - 1), "से" | "के"))
        .collect();
    for a in s.args.iter().filter(|a| a.etype == EntityType::Event && !a.nested && a.start >= c.a && a.end <= c.b) {
        let sidelines = sideline_at.iter().any(|&k| a.end < k && k - a.end <= 4);
        if sidelines {
            for &p in &people {
                push_fact(
                    out,
                    p,
                    Relation::Attended,
                    a.ent,
                    evidence(s, c.a, c.b, "attend.sidelines", ev_conf.min(0.8)),
                );
            }
        }
    }
    let ev = evidence(s, c.a, c.b, "meet.record", ev_conf);
    // "X ने A, B और C से (अलग-अलग) मुलाकात की": a meeting with each; "X और Y ने Z से", "X और
    // Y के बीच": one at one table
    let one_subject = subjects.len() == 1 && partners.len() >= 2;
    let tables: Vec<Vec<usize>> = if ctx.has(Cue::Separately, c) || one_subject && !ctx.has(Cue::Jointly, c) {
        met.sort_unstable();
        met.dedup();
        met.iter().map(|&(x, y)| vec![x, y]).collect()
    } else {
        // one table per group of people the clause links ("पुतिन-मोदी शिखर वार्ता ..., बेलौसोव और
        // राजनाथ की अलग बैठक": two meetings)
        let mut tables: Vec<BTreeSet<usize>> = Vec::new();
        for &(x, y) in &met {
            let joined: Vec<usize> =
                (0..tables.len()).filter(|&t| tables[t].contains(&x) || tables[t].contains(&y)).collect();
            let mut table: BTreeSet<usize> = [x, y].into_iter().collect();
            for &t in joined.iter().rev() {
                table.extend(tables.remove(t));
            }
            tables.push(table);
        }
        tables.into_iter().map(|t| t.into_iter().collect()).collect()
    };
    if let [participants] = tables.as_slice() {
        if participants.len() == 2 {
            doc.last_pair = Some((participants[0], participants[1], s.idx));
            let a = side_state(lex, out, s, participants[0]);
            let b = side_state(lex, out, s, participants[1]);
            if let (Some(a), Some(b)) = (a, b) {
                if a != b {
                    doc.last_sides = Some((a, b));
                }
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
            .flat_map(|(p, _)| out.facts_of(*p).filter(|f| f.relation == Relation::HoldsRole).map(|f| f.object.clone()))
            .filter_map(|o| if let Object::Role(r) = o { Some(r) } else { None })
            .collect();
        if let [office] = offices.iter().collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>().as_slice() {
            out.add_fact(Fact {
                subject: a.ent,
                relation: Relation::HoldsRole,
                object: Object::Role((*office).clone()),
                evidence: evidence(s, a.start, a.end, "phrase.counterpart-office", 0.75),
            });
        }
    }
    // the visitor met someone in a place of the state visited: a visit to that place too
    if let Some((visitor, visited, _)) = doc.visit.filter(|(p, _, si)| s.idx - si <= 6 && people_met(&tables, *p)) {
        let there = state_of_place(lex, out, visited);
        // (a city, not a venue: the visit to Delhi includes the Manekshaw Centre)
        let city =
            |e: usize| out.entities[e].class.as_deref().is_some_and(|k| matches!(k, "city" | "capital" | "state"));
        let also: Vec<usize> = places
            .iter()
            .copied()
            .filter(|&p| p != visited && out.entities[p].etype == EntityType::Place && city(p))
            .filter(|&p| there.is_some() && state_of_place(lex, out, p) == there)
            .collect();
        for p in also {
            push_fact(out, visitor, Relation::Visited, p, evidence(s, c.a, c.b, "visit.met-there", 0.7));
        }
    }
    // a participant of another state than the city the meeting was held in came there: a visit to
    // that city and its state ("जयशंकर ने यहां वांग यी से मुलाकात की", datelined Vientiane)
    let cities: Vec<(usize, usize)> = places
        .iter()
        .copied()
        .filter(|&p| {
            out.entities[p].etype == EntityType::Place
                && out.entities[p].class.as_deref().is_some_and(|k| matches!(k, "city" | "capital"))
        })
        .filter_map(|p| state_of_place(lex, out, p).map(|st| (p, st)))
        .collect();
    // (the one the clause is about, who met; not everyone at a summit's table)
    if !planned_near(ctx, c, cue) {
        for &p in tables.iter().flatten().filter(|p| subjects.iter().any(|(x, _)| x == *p)) {
            let Some(home) = person_state(lex, out, s, p).and_then(|h| out.entities[h].lexicon) else { continue };
            for &(city, st) in cities.iter().filter(|(_, st)| *st != home) {
                let state = out.intern_lexicon(lex, st);
                for place in [city, state] {
                    push_fact(out, p, Relation::Visited, place, evidence(s, c.a, c.b, "visit.met-abroad", 0.65));
                }
            }
        }
    }
    for participants in tables {
        record_meeting(out, participants, date, stated.is_some(), &places, ev);
    }
}

/// "कतर के रक्षा मंत्री X और ब्रिटेन के रक्षा मंत्री Y ने दोहा में ... पर दस्तखत किए", "... दोनों देशों के
/// रक्षा मंत्रियों, A और B, की मौजूदगी में हस्ताक्षर हुए": two people of two states who signed
/// together, or in whose presence a paper was signed, met there.
fn co_signed(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    subj: &[(usize, SubjectFrom)],
) {
    let s = ctx.s;
    let Some(k) = ctx.cues(Cue::Sign, c).into_iter().find(|&k| !ctx.negated(k, c)) else { return };
    if ctx.planned(c) || ctx.has(Cue::Remote, c) {
        return;
    }
    let person = |e: usize| out.entities[e].etype == EntityType::Person;
    let mut two: Vec<usize> =
        subj.iter().filter(|(e, f)| *f == SubjectFrom::Stated && person(*e)).map(|x| x.0).collect();
    // (every member of the agents' group: "A और B ने")
    let ne = ctx.args_in(c).find(|(_, a)| !a.nested && a.marker == Marker::Ne && two.contains(&a.ent));
    if let Some((i, _)) = ne {
        // (the people joined by "और" right before the agent)
        let mut j = i;
        while j > 0 {
            let Some(k) = (0..j).rev().find(|&k| !s.args[k].nested) else { break };
            let a = &s.args[k];
            if a.marker != Marker::And || !person(a.ent) || a.start < c.a {
                break;
            }
            two.push(a.ent);
            j = k;
        }
    }
    // (in whose presence: "A और B की मौजूदगी में")
    if two.is_empty() {
        if let Some(m) = (c.a..k).find(|&j| matches!(s.key(j), "मौजूदगी" | "उपस्थिति") && s.key(j + 1) == "में")
        {
            two = ctx
                .args_in(c)
                .filter(|(_, a)| !a.nested && person(a.ent) && a.end <= m && m - a.end <= 4)
                .map(|(_, a)| a.ent)
                .collect();
            if let Some(last) = ctx.args_in(c).filter(|(_, a)| person(a.ent) && a.end <= m).last() {
                for j in group_before(s, last.0) {
                    let e = s.args[j].ent;
                    if person(e) && !two.contains(&e) {
                        two.push(e);
                    }
                }
            }
        }
    }
    two.sort_unstable();
    two.dedup();
    if super::tracing() {
        eprintln!("co-signed [{}] {:?}", s.idx, two.iter().map(|&e| out.entities[e].en.clone()).collect::<Vec<_>>());
    }
    let [x, y] = two.as_slice() else { return };
    let (sx, sy) = (side_state(lex, out, s, *x), side_state(lex, out, s, *y));
    if sx.is_none() || sy.is_none() || sx == sy {
        return;
    }
    push_fact(out, *x, Relation::Met, *y, evidence(s, c.a, c.b, "meet.co-signed", 0.7));
    let date = date_of_clause(ctx, doc, c, false)
        .or_else(|| date_of_clause(ctx, doc, Clause { a: 0, b: c.b }, false))
        .or_else(|| doc.last_date.filter(|(_, si)| s.idx - si <= 2).map(|(d, _)| d));
    let mut places: Vec<usize> = ctx
        .args_in(c)
        .filter(|(_, a)| !a.nested && a.etype == EntityType::Place && a.marker == Marker::Me)
        .map(|(_, a)| a.ent)
        .collect();
    if places.is_empty() {
        places.extend(doc.dateline_place);
    }
    let ev = evidence(s, c.a, c.b, "meet.co-signed", 0.7);
    record_meeting(out, vec![(*x).min(*y), (*x).max(*y)], date, date.is_some(), &places, ev);
    doc.last_pair = Some((*x, *y, s.idx));
}

/// Is person `p` of the same state as any of `others` (both states known)?
fn same_side(lex: &Lexicon, out: &mut Extraction, s: &Sentence, p: usize, others: &[usize]) -> bool {
    let sp = side_state(lex, out, s, p);
    sp.is_some() && others.iter().any(|&o| side_state(lex, out, s, o) == sp)
}

/// The person spoken of last (in this sentence before the clause, or the two sentences before)
/// who is none of `not` and of a known state other than each of `others`' (any known state when
/// `others` is empty).
fn recent_other(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &Discourse,
    ctx: &Ctx,
    c: Clause,
    not: &[usize],
    others: &[usize],
) -> Option<usize> {
    let s = ctx.s;
    let here = s.args.iter().filter(|a| !a.nested && a.end <= c.a && out.entities[a.ent].etype == EntityType::Person);
    let mut order: Vec<usize> = here.map(|a| a.ent).collect();
    order.reverse();
    order.extend(doc.people.iter().rev().filter(|(_, si)| *si < s.idx && s.idx - si <= 2).map(|x| x.0));
    let sides: Vec<usize> = others.iter().filter_map(|&o| side_state(lex, out, s, o)).collect();
    order.into_iter().find(|&p| {
        let sp = side_state(lex, out, s, p);
        !not.contains(&p)
            && sp.is_some()
            && sides.iter().all(|&x| Some(x) != sp)
            && (others.is_empty() || !sides.is_empty())
    })
}

/// The state (a lexicon entry) a place lies in, or a state itself.
fn state_of_place(lex: &Lexicon, out: &Extraction, e: usize) -> Option<usize> {
    let x = &out.entities[e];
    x.lexicon.and_then(|l| if x.etype == EntityType::Country { Some(l) } else { lex.entries[l].country })
}

fn people_met(tables: &[Vec<usize>], p: usize) -> bool {
    tables.iter().any(|t| t.contains(&p))
}

/// Is the meeting at `cue` a plan: a future or expected verb, or "होने वाली", in its verb group
/// (from just before the cue to the next conjunction)? A planned event named elsewhere in the
/// clause ("तियानजिन में होने वाले शिखर सम्मेलन का न्योता") does not make it one.
fn planned_near(ctx: &Ctx, c: Clause, cue: usize) -> bool {
    let s = ctx.s;
    let end = (cue + 1..c.b).find(|&k| matches!(s.key(k), "और" | "तथा" | "," | "एवं")).unwrap_or(c.b);
    ctx.planned(Clause { a: cue.saturating_sub(3).max(c.a), b: end })
}

/// Adds a meeting, or what this mention says of one already recorded (same people, same or
/// unknown day).
fn record_meeting(
    out: &mut Extraction,
    participants: Vec<usize>,
    date: Option<PartialDate>,
    date_stated: bool,
    places: &[usize],
    ev: Evidence,
) {
    // a later mention with no day of its own ("लावरोव के साथ बातचीत में") is the meeting already
    // reported
    let same = |m: &Meeting| {
        m.participants == participants && (m.date.is_none() || date.is_none() || m.date == date || !date_stated)
    };
    if let Some(m) = out.meetings.iter_mut().rev().take(WINDOW).find(|m| same(m)) {
        if m.date.is_none() {
            m.date = date;
        }
        for p in places {
            if !m.places.contains(p) {
                m.places.push(*p);
            }
        }
        m.evidence.push(ev);
    } else {
        out.meetings.push(Meeting { participants, date, places: places.to_vec(), evidence: vec![ev] });
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
            person(a.ent)
                && !a.nested
                && (a.end + 1 == h
                    || a.start > h && a.start <= h + 6 && a.marker == Marker::Ne
                    // ("बाइडन ने ... सम्मेलन की मेजबानी की, जिसमें ...")
                    || a.end < h && a.marker == Marker::Ne)
        }) {
            people.insert(host.ent);
        }
    }
    let people: Vec<usize> = people.into_iter().collect();
    // one state's delegation taking part ("जापान की ओर से X और Y बैठक में शामिल हुए") is no meeting
    // among its members
    let side = |p: usize| {
        s.args.iter().find(|a| a.ent == p && a.country.is_some()).and_then(|a| a.country).or_else(|| {
            out.facts_of(p).find(|f| f.relation == Relation::Represents).and_then(|f| match f.object {
                Object::Entity(c) => Some(c),
                Object::Role(_) => None,
            })
        })
    };
    let sides: Vec<Option<usize>> = people.iter().map(|p| side(*p)).collect();
    if sides.iter().all(|x| x.is_some() && *x == sides[0]) {
        return;
    }
    for (n, x) in people.iter().enumerate() {
        for y in &people[n + 1..] {
            push_fact(out, *x, Relation::Met, *y, evidence(s, c.a, c.b, "meet.took-part", 0.75));
        }
    }
    // "... ने क्वाड नेताओं के शिखर सम्मेलन की मेजबानी की, जिसमें A, B और C शामिल हुए": everyone at
    // the table attended the event the sentence names (its host too)
    let events: Vec<usize> =
        s.args.iter().filter(|a| !a.nested && a.etype == EntityType::Event && a.end <= k).map(|a| a.ent).collect();
    if let [event] = events.as_slice() {
        for &p in &people {
            push_fact(out, p, Relation::Attended, *event, evidence(s, c.a, c.b, "attend.took-part", 0.7));
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

pub(super) fn visit(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    subj: &[(usize, SubjectFrom)],
) {
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
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for &k in &arrive {
        if ctx.negated(k, c) {
            continue;
        }
        // PLACE पहुंचे / PLACE पर जाकर / यहां पहुंचे (the dateline's place)
        let named = ctx.args_in(c).find(|(_, a)| {
            matches!(a.etype, EntityType::Place | EntityType::Country)
                && !a.nested
                && (a.end == k && a.marker == Marker::Bare
                    || a.end + 1 == k && matches!(a.marker, Marker::Par | Marker::Ko)
                    || a.end + 1 == k && s.key(a.end) == "भी")
        });
        let here = (k > c.a && s.key(k - 1) == "यहां").then_some(doc.dateline_place).flatten();
        let Some(place) = named.map(|(_, a)| a.ent).or(here) else {
            continue;
        };
        // PLACE आए X: the participle describes the person after it
        if let Some((_, p)) = ctx.args_in(c).find(|(_, a)| a.start == k + 1 && a.etype == EntityType::Person) {
            found.push((p.ent, place, "visit.arrived-participle"));
            continue;
        }
        // (a pronoun that arrives is a person: "और वह रविवार को नई दिल्ली पहुंचे थे")
        let person = subj.iter().find(|(e, _)| out.entities[*e].etype == EntityType::Person).map(|x| x.0);
        let pronoun = subj.iter().all(|(_, f)| *f == SubjectFrom::Pronoun) && !subj.is_empty();
        if let Some(p) = person.or(doc.last_person.filter(|_| pronoun)) {
            found.push((p, place, "visit.arrived"));
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
                && (a.end == k && a.marker == Marker::Bare
                    || a.end + 1 == k && a.marker == Marker::Gen
                    // "भारत की चार दिवसीय राजकीय यात्रा": over up to three describing words
                    || a.marker == Marker::Gen
                        && a.end + 1 < k
                        && k - (a.end + 1) <= 3
                        && (a.end + 1..k).all(|i| {
                            !ctx.covered[i]
                                && !matches!(s.key(i), "और" | "," | "ने" | "को" | "में" | "से" | "पर" | "की" | "के" | "का")
                        }))
        }) else {
            continue;
        };
        // only a visit being made or made: "यात्रा पर हैं", "दौरे पर पहुंचे", "यात्रा की"
        let tail: Vec<&str> = (k + 1..(k + 4).min(s.toks.len())).map(|i| s.key(i)).collect();
        // a visit being made: "यात्रा पर हैं", "यात्रा की", or an arrival in the same clause
        let arrived_after = arrive.iter().any(|&x| x > k && !ctx.negated(x, c));
        // "यह उनकी पहली भारत यात्रा है": theirs, the person just named
        let theirs = (c.a..place.start).any(|i| matches!(s.key(i), "उनकी" | "इनकी" | "उनका" | "इनका"));
        let happening = arrived_after
            || matches!(
                tail.as_slice(),
                [
                    "पर",
                    "हैं" | "है"
                        | "थे"
                        | "पहुंचे"
                        | "आए"
                        | "गए"
                        | "पहुंच"
                        | "आये"
                        | "गये",
                    ..
                ] | ["की" | "किया", ..]
                    | ["के", "दौरान", ..]
            )
            || theirs && matches!(tail.as_slice(), ["है" | "थी", ..]);
        if !happening {
            continue;
        }
        // ("पोलैंड की यात्रा पर आए दक्षिण कोरियाई रक्षा मंत्री X से": the participle describes the
        // person after it, the visitor)
        let participle = (k + 2..(k + 4).min(c.b))
            .find(|&i| matches!(s.key(i), "आए" | "आईं" | "आई" | "पहुंचे" | "आये") && s.key(i - 1) == "पर");
        let described = participle.and_then(|i| {
            ctx.args_in(c).find(|(_, a)| !a.nested && a.etype == EntityType::Person && a.start > i && a.start <= i + 6)
        });
        if let Some((_, a)) = described {
            found.push((a.ent, place.ent, "visit.visitor-described"));
        } else if let Some((p, _)) = subj.iter().find(|(e, _)| out.entities[*e].etype == EntityType::Person) {
            found.push((*p, place.ent, "visit.visit-noun"));
        } else if let Some(p) = doc.last_person.filter(|_| theirs) {
            found.push((p, place.ent, "visit.their-visit"));
        } else if let Some((_, p)) = ctx.args_in(c).find(|(_, a)| {
            // "पुतिन की भारत यात्रा के दौरान": whose visit it is
            a.etype == EntityType::Person && a.marker == Marker::Gen && a.end < place.start && place.start <= a.end + 4
        }) {
            found.push((p.ent, place.ent, "visit.visitor-genitive"));
        }
    }
    // (of several in one clause, the place arrived at is where the visit is: "अपने दक्षिण-पूर्व
    // एशिया दौरे के पहले चरण में वियतनाम पहुंचे")
    let mut placed = false;
    for (p, place, rule) in found {
        let (h, ps) = (home(out, p), state_of_place(lex, out, place));
        if h.is_some() && h == ps {
            continue; // coming home is not a visit
        }
        push_fact(out, p, Relation::Visited, place, evidence(s, c.a, c.b, rule, 0.8));
        // a city visited is a visit to its state
        if let Some(st) = ps.filter(|_| out.entities[place].etype == EntityType::Place && h != ps) {
            let st = out.intern_lexicon(lex, st);
            push_fact(out, p, Relation::Visited, st, evidence(s, c.a, c.b, "visit.city-in-state", 0.7));
        }
        if !placed {
            doc.visit = Some((p, place, s.idx));
            placed = true;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// invitations, condemnations, attendance

pub(super) fn invite_condemn_attend(out: &mut Extraction, ctx: &Ctx, c: Clause, subj: &[(usize, SubjectFrom)]) {
    let s = ctx.s;
    // "प्रधानमंत्री मोदी के न्योते पर प्रबोवो भारत पहुंचे": whose invitation it was invited the
    // subject
    for k in ctx.cues(Cue::Invite, c) {
        if s.key(k + 1) != "पर" || ctx.negated(k, c) {
            continue;
        }
        let inviter = ctx
            .args_in(c)
            .find(|(_, a)| {
                !a.nested
                    && a.marker == Marker::Gen
                    && a.end + a.marker_len == k
                    && matches!(a.etype, EntityType::Person | EntityType::Country)
            })
            .map(|(_, a)| a.ent);
        if let Some(x) = inviter {
            for (y, from) in subj {
                if *y != x && out.entities[*y].etype == EntityType::Person {
                    push_fact(
                        out,
                        x,
                        Relation::Invited,
                        *y,
                        evidence(s, c.a, c.b, "invite.on-invitation", conf(0.75, *from)),
                    );
                }
            }
        }
    }
    if let Some(&k) = ctx.cues(Cue::Invite, c).first() {
        if !ctx.negated(k, c) && s.key(k + 1) != "पर" {
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
        // ("हिस्सा लेने के बाद": after taking part; not "हिस्सा लेने के लिए", to take part)
        // (but "... में भाग लेने के लिए मोदी कजान पहुंचे": arrived to take part, and so did)
        let arrived = ctx
            .cues(Cue::Arrive, c)
            .into_iter()
            .any(|j| j > k && matches!(s.key(j), "पहुंचे" | "पहुंची" | "पहुंचा" | "पहुँचे" | "पहुँची") && !ctx.negated(j, c));
        let to_come = (k + 1..(k + 4).min(s.toks.len())).any(|j| s.key(j) == "लेने")
            && (k + 2..(k + 5).min(s.toks.len())).any(|j| s.key(j) == "लिए" || s.key(j) == "जा")
            && !arrived;
        // "एडीएमएम-प्लस [बैठक] में": the event, or the event's meeting, as the place taken part in
        let at_event = |a: &Arg| {
            a.marker == Marker::Me
                || (a.end..(a.end + 3).min(k)).any(|j| s.key(j) == "में")
                    && (a.end..(a.end + 2).min(k)).all(|j| {
                        matches!(
                            s.key(j),
                            "बैठक"
                                | "सम्मेलन"
                                | "शिखर"
                                | "समारोह"
                                | "वार्ता"
                                | "में"
                                | "सत्र"
                        )
                    })
        };
        if !ctx.negated(k, c) && !ctx.planned(c) && !to_come {
            for (x, from) in subj {
                if out.entities[*x].etype != EntityType::Person {
                    continue;
                }
                for (_, a) in ctx.args_in(c) {
                    if at_event(a) && !a.nested && a.end <= k && a.etype == EntityType::Event {
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

/// Does the name of event `a` join two states ("भारत-रूस वार्षिक शिखर सम्मेलन")?
fn two_states_named(lex: &Lexicon, s: &Sentence, a: &Arg) -> bool {
    // (a whole word the lexicon knows as a state's name)
    let country = |k: usize| {
        let key = s.key(k);
        lex.find_all(key).any(|(a, b, ts)| {
            a == 0
                && b == key.len()
                && ts.iter().any(
                    |t| matches!(t, crate::lexicon::Target::Entity(e) if lex.entries[*e].etype == EntityType::Country),
                )
        })
    };
    (a.name_start..a.end.saturating_sub(2)).any(|k| s.key(k + 1) == "-" && country(k) && country(k + 2))
}
