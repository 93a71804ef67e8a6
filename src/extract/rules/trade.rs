//! Trade: buying, seeking, offering, supplying, receiving; deal records and their stages.

use super::*;

// ---------------------------------------------------------------------------------------------
// buying, seeking, offering, supplying; deals

pub(super) fn systems_in(ctx: &Ctx, c: Clause, doc: &Discourse, ents: &[Entity]) -> Vec<(usize, usize, bool)> {
    let s = ctx.s;
    let mut out: Vec<(usize, usize, bool)> = ctx
        .args_in(c)
        .filter(|(_, a)| a.etype == EntityType::WeaponSystem)
        .map(|(_, a)| (a.ent, a.start, true))
        .collect();
    // ये प्रणाली, इन मिसाइलों: the system named last; "31 ड्रोन", "26 विमानों" (a number and a
    // generic noun, where the clause names no system) likewise
    let named = !out.is_empty();
    // "कई देश इसे खरीद चुके हैं": an object pronoun right before a trade verb, where the clause
    // names no system, is the system named last
    if !named {
        let trade_verb = |i: usize| [Cue::Buy, Cue::Supply, Cue::Offer, Cue::Seek].iter().any(|cue| s.cue(i, *cue));
        if let Some(k) = (c.a..c.b).find(|&k| {
            matches!(s.key(k), "इसे" | "इन्हें" | "उसे") && (trade_verb(k + 1) || k + 2 < c.b && trade_verb(k + 2))
        }) {
            if let Some((sys, _)) = doc.last_system.filter(|(_, si)| s.idx - si <= 2) {
                out.push((sys, k, false));
                return out;
            }
        }
    }
    // "उसके तहत मिसाइलों की आपूर्ति ... जारी है": under the deal in play, its system's kind noun
    let under = (c.a + 1..c.b).any(|k| s.key(k) == "तहत" && matches!(s.key(k - 1), "इसके" | "उसके" | "जिसके"));
    for k in c.a..c.b.saturating_sub(1) {
        // ("उस खेप के आखिरी टैंक", "पहला विमान": one of the units spoken of)
        let demonstrative = matches!(s.key(k), "ये" | "इन" | "इन्हीं" | "उन" | "यह" | "इस") || ordinal(s.key(k));
        let counted = !named && !ctx.covered[k] && s.toks.get(k).and_then(grammar::numeral).is_some();
        let bare = under && !named && s.cue(k, Cue::SystemNoun) && !ctx.covered[k];
        let at = if bare { k } else { k + 1 };
        if (demonstrative || counted) && s.cue(k + 1, Cue::SystemNoun) && !ctx.covered[k + 1] || bare {
            if let Some((sys, si)) = doc.last_system {
                if s.idx - si <= 3 && !out.iter().any(|x| x.0 == sys) && same_class(ctx, at, ents[sys].class.as_deref())
                {
                    out.push((sys, k, false));
                }
            }
        }
    }
    out
}

/// Can the generic noun at `k` (ड्रोन, विमान, पनडुब्बी) stand for the system `sys`? Only when the
/// noun names the system's class, or names no class at all (सिस्टम, प्रणाली).
fn same_class(ctx: &Ctx, k: usize, have: Option<&str>) -> bool {
    let classes: Vec<&str> = ctx
        .s
        .cues
        .get(k)
        .map(|v| {
            v.iter()
                .filter_map(|(c, _)| match c {
                    Cue::Class(x) => Some(*x),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    classes.is_empty() || have.is_none_or(|have| classes.iter().any(|c| class_fits(c, have)))
}

/// Does a head noun of class `noun` fit a system of lexicon class `have`?
fn class_fits(noun: &str, have: &str) -> bool {
    noun == have
        || noun == "missile" && matches!(have, "cruise_missile" | "ballistic_missile" | "air_defence")
        || noun == "fighter" && matches!(have, "bomber" | "transport" | "aircraft" | "drone")
        || noun == "air_defence" && have == "missile"
        || noun == "ship" && matches!(have, "carrier" | "submarine")
}

pub(super) fn trade(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    subj: &[(usize, SubjectFrom)],
) {
    let s = ctx.s;
    let mut systems = systems_in(ctx, c, doc, &out.entities);
    if super::tracing() {
        let words: Vec<&str> = (c.a..c.b).map(|k| s.toks[k].text.as_str()).collect();
        let name = |e: usize| out.entities[e].en.clone();
        eprintln!(
            "trade [{}] {} | subjects {:?} | systems {:?}",
            s.idx,
            words.join(" "),
            subj.iter().map(|(e, _)| name(*e)).collect::<Vec<_>>(),
            systems.iter().map(|x| name(x.0)).collect::<Vec<_>>()
        );
    }
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
    // "उसकी कुल ऑर्डर बुक 24,000 करोड़ रुपये हो गई है": a company's book of orders is no deal
    // (its worth, that is: "यह ठेका मिलने से ऑर्डर बुक मजबूत हुई" still tells of the contract)
    if (c.a..c.b).any(|k| matches!(s.key(k), "ऑर्डर" | "आर्डर") && matches!(s.key(k + 1), "बुक" | "बैकलॉग"))
        && !grammar::amounts(&s.toks[c.a..c.b]).is_empty()
    {
        return;
    }
    // "पहला विमान फरवरी 2023 में पहुंचा था": an earlier delivery of the deal in play
    if earlier_part(out, doc, ctx, c, &systems) {
        return;
    }
    // "जीई ने एचएएल को तेजस मार्क-1ए के लिए पांचवां एफ404 इंजन सौंपा": a system the traded one is
    // for is no part of the trade
    let purpose =
        |pos: usize| ctx.args_in(c).any(|(_, a)| a.start == pos && s.key(a.end) == "के" && s.key(a.end + 1) == "लिए");
    if systems.iter().any(|x| x.2 && !purpose(x.1)) {
        systems.retain(|x| !(x.2 && purpose(x.1)));
    }
    // "इस समझौते के तहत 26 राफेल-एम खरीदे जाएंगे": the system of the deal of two parties just told
    if pair_system(lex, out, doc, ctx, c, &systems) {
        return;
    }
    let buy = ctx.cues(Cue::Buy, c);
    let deal = ctx.cues(Cue::DealNoun, c);
    // delivering is supplying: "रूस ने भारत को ... स्क्वाड्रन सौंप दी"
    let mut supply = ctx.cues(Cue::Supply, c);
    supply.extend(ctx.cues(Cue::Deliver, c));
    supply.sort_unstable();
    supply.dedup();
    // ("प्रस्ताव के लिए अनुरोध", a request for proposals, is the buyer's, no offer)
    let offer: Vec<usize> = ctx
        .cues(Cue::Offer, c)
        .into_iter()
        .filter(|&k| {
            !(s.key(k + 1) == "अनुरोध" || s.key(k + 1) == "के" && s.key(k + 2) == "लिए" && s.key(k + 3) == "अनुरोध")
        })
        .collect();
    let seek = ctx.cues(Cue::Seek, c);
    let import = ctx.cues(Cue::Import, c);
    let negotiate = ctx.has(Cue::Negotiate, c);
    let planned = ctx.planned(c);
    let may = ctx.has(Cue::Possibility, c);
    let more = ctx.has(Cue::More, c);
    let amounts = grammar::amounts(&s.toks[c.a..c.b]);
    // "थलसेना के लिए 118 अर्जुन मार्क-1ए टैंकों की आपूर्ति ... । मंत्रालय ने ... इन टैंकों के लिए ...
    // अनुबंध किया था": the units told with a system's name, for a deal told of it next
    let told_units: Vec<(usize, u64)> =
        systems.iter().filter(|x| x.2).filter_map(|x| quantity(ctx, c, &amounts, x.0).map(|q| (x.0, q))).collect();
    if let Some(&(sys, q)) = told_units.first() {
        doc.counted = Some((sys, q, s.idx));
    } else if !systems.iter().any(|x| x.2) && (!buy.is_empty() || ctx.has(Cue::Approve, c)) {
        // ("114 बहुउद्देशीय लड़ाकू विमानों की खरीद के प्रस्ताव को मंजूरी दी। भारत, फ्रांस से ये राफेल
        // ... खरीदेगा": units of a kind, named in the next sentence)
        if let Some(q) = quantity(ctx, c, &amounts, usize::MAX) {
            doc.counted = Some((usize::MAX, q, s.idx));
        }
    }
    // "पैकेज के पहले हिस्से में 100 जैवलिन मिसाइलें शामिल हैं": a clause with no trade word and no
    // party gives the units or price of a system whose deal the article has just reported
    let traded = [&buy, &deal, &supply, &offer, &seek, &import].iter().any(|v| !v.is_empty())
        || negotiate
        || ctx.has(Cue::Approve, c)
        || ctx.has(Cue::Receive, c)
        || ctx.has(Cue::Sell, c);
    // (a maker's genitive, "जनरल एटॉमिक्स के 18 ड्रोन", is no party to a trade)
    let maker = |a: &Arg| a.marker == Marker::Gen && a.etype == EntityType::Organization;
    let parties = ctx.args_in(c).any(|(_, a)| !a.nested && !maker(a) && party(lex, out, a.ent).is_some());
    if !traded && !parties && systems.iter().any(|x| x.2) {
        // "इसमें 50 एफ-35 विमान और 18 एमक्यू-9बी ड्रोन शामिल थे": the package of the deal in play
        // holds these systems too, each a deal of the same parties and stage
        let included = (c.a..c.b).any(|k| s.key(k) == "शामिल");
        let pointed = (c.a..c.b).any(|k| {
            matches!(s.key(k), "इसमें" | "जिसमें" | "इनमें")
                || matches!(s.key(k), "पैकेज" | "सौदे" | "करार" | "अनुबंध") && s.key(k + 1) == "में"
        });
        let package = doc.last_deal.filter(|(_, si)| included && pointed && s.idx - si <= 2).map(|(di, _)| di);
        for &(sys, _, _) in systems.iter().filter(|x| x.2) {
            let recent = |d: &Deal| d.system == sys && d.evidence.last().is_some_and(|e| s.idx - e.sentence <= 4);
            let di = match (recent_deal(out, recent), package) {
                (Some(di), _) => di,
                (None, Some(p)) => {
                    let d = &out.deals[p];
                    let mut part = Deal::new(d.buyer, d.seller, sys);
                    part.status = d.status.clone();
                    part.date = d.date.clone();
                    // the buyer's relation to the system follows the stage: bought, or sought
                    let bought = part.status.iter().any(|st| matches!(st, DealStatus::Signed | DealStatus::Delivered));
                    let cancelled = part.status.contains(&DealStatus::Cancelled);
                    let buyer = part.buyer;
                    out.deals.push(part);
                    if !cancelled {
                        let rel = if bought { Relation::Buys } else { Relation::SeeksToBuy };
                        push_fact(out, buyer, rel, sys, evidence(s, c.a, c.b, "trade.package-part", 0.7));
                    }
                    out.deals.len() - 1
                }
                (None, None) => continue,
            };
            let q = quantity(ctx, c, &amounts, sys);
            if q.is_some() || !amounts.is_empty() {
                add_to_deal(out, ctx, doc, c, di, q, &amounts, None, true);
            }
        }
        return;
    }
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
    // "रक्षा मंत्री मनोहर पर्रिकर रूस के साथ ... की खरीद पर बातचीत कर रहे हैं", "फिलीपींस के रक्षा
    // सचिव ... ने ... खरीदने के अनुबंध पर हस्ताक्षर किए": a state's minister, head or official
    // acting in a trade acts for the state (not the seller's own official who co-signs: "... और
    // भारतीय राजदूत ... ने ब्रह्मोस एयरोस्पेस से ...")
    if agents.is_empty() {
        let mut officials: Vec<(usize, SubjectFrom)> = Vec::new();
        // (every signer's state known, or none taken: "तत्कालीन रक्षा मंत्री X और फ्रांसीसी रक्षा
        // मंत्री Y ने ... दस्तखत किए" would leave the seller alone)
        let mut unknown = false;
        for (e, from) in subj {
            if out.entities[*e].etype != EntityType::Person {
                continue;
            }
            let arg = s.args.iter().find(|a| a.ent == *e && a.start >= c.a && a.end <= c.b);
            let office = arg.and_then(|a| a.role).or_else(|| {
                out.facts_of(*e).find_map(|f| match &f.object {
                    Object::Role(r) if f.relation == Relation::HoldsRole => lex.roles.iter().position(|x| x.id == *r),
                    _ => None,
                })
            });
            let governs = office
                .is_some_and(|r| matches!(lex.roles[r].id.as_str(), "DefenceMinister" | "PrimeMinister" | "President"));
            // (a minister the lexicon does not know, his office bare: the dateline's state, "वारसा, ...
            // रक्षा मंत्री मारिउश ब्लाश्चाक ने ...")
            let state = match arg.and_then(|a| a.country) {
                Some(st) => Some(st),
                None if governs => super::states::person_state(lex, out, s, *e).or_else(|| out.home()),
                None => None,
            };
            match state {
                Some(st) => officials.push((st, *from)),
                None => unknown = true,
            }
        }
        if unknown {
            officials.clear();
        }
        let seller_states: Vec<usize> = from_parties_of(lex, out, ctx, c);
        officials.retain(|(st, _)| !seller_states.contains(st));
        officials.dedup_by_key(|x| x.0);
        agents.extend(officials);
    }
    // "यूनान की संसद ने फ्रांस से 18 राफेल ... खरीदने के प्रस्ताव को मंजूरी दे दी", "जर्मन संसद की
    // बजट समिति ने ...": a state's parliament, government or committee named by its state alone
    if agents.is_empty() && subj.is_empty() {
        if let Some(ne) = (c.a..c.b).find(|&k| s.key(k) == "ने") {
            let body = (c.a..ne).any(|k| {
                matches!(
                    s.key(k),
                    "संसद"
                        | "सरकार"
                        | "समिति"
                        | "कैबिनेट"
                        | "मंत्रिमंडल"
                        | "विभाग"
                        | "मंत्रालय"
                        | "परिषद"
                )
            });
            let states: Vec<usize> = s
                .args
                .iter()
                .filter(|a| !a.nested && a.start >= c.a && a.end <= ne && a.etype == EntityType::Country)
                .filter(|a| matches!(a.marker, Marker::Gen | Marker::Bare))
                .map(|a| a.ent)
                .chain(s.adjectives.iter().filter(|(t, _)| *t >= c.a && *t < ne).map(|x| x.1))
                .collect();
            let others =
                s.args.iter().any(|a| !a.nested && a.start >= c.a && a.end <= ne && a.etype != EntityType::Country);
            if let ([st], true, false) = (states.as_slice(), body, others) {
                agents.push((*st, SubjectFrom::Stated));
            }
        }
    }
    // "सेना ने पिछले महीने ... खरीदने का करार किया था", "सेना इससे पहले 2022 में ... खरीद चुकी है":
    // a bare armed service as the subject is the service of the state the article speaks of
    if agents.is_empty() && subj.is_empty() {
        let bare = (c.a..(c.a + 3).min(c.b)).any(|k| {
            matches!(s.key(k), "सेना" | "थलसेना" | "वायुसेना" | "नौसेना")
                && !ctx.covered[k]
                && (s.key(k + 1) == "ने" || (k + 1..c.b).any(|j| s.cue(j, Cue::Buy) || s.cue(j, Cue::DealNoun)))
        });
        if let Some(st) = bare.then(|| service_state(lex, out, doc)).flatten() {
            agents.push((st, SubjectFrom::Pronoun));
        }
    }
    // "दोनों पक्ष ... की खरीद पर बातचीत आगे बढ़ाने पर सहमत हुए": the two sides that met last
    // (talks only: of the two, the system's own side sells, which the talks' rule tells)
    if agents.is_empty() && subj.is_empty() && negotiate && ctx.has(Cue::Both, c) {
        if let Some((x, y)) = doc.last_sides {
            agents.extend([(x, SubjectFrom::Pronoun), (y, SubjectFrom::Pronoun)]);
        }
    }
    let mut from_parties: Vec<usize> = Vec::new(); // से / के साथ
    let mut to_parties: Vec<usize> = Vec::new(); // को
    let mut gen_before: Vec<(usize, usize)> = Vec::new(); // X की (दिलचस्पी)
    let mut between: Vec<usize> = Vec::new(); // "भारत और अमेरिका के बीच": the two sides
    for (i, a) in ctx.args_in(c) {
        if a.nested {
            continue;
        }
        // "मिस्र की वायुसेना को", "म्यांमार वायुसेना को": a state's armed service or government is that state's
        let owner = (a.etype == EntityType::Organization)
            .then(|| {
                s.args[..i].iter().rev().find(|b| !b.nested).filter(|b| {
                    b.etype == EntityType::Country
                        && matches!(b.marker, Marker::Gen | Marker::Bare)
                        && b.end + b.marker_len == a.start
                })
            })
            .flatten()
            // (a state organisation of the lexicon, or a state's service named from context:
            // "वियतनाम के रक्षा मंत्रालय")
            .filter(|_| {
                state_of(lex, out, a.ent, true).is_some() || out.entities[a.ent].class.as_deref() == Some("institution")
            })
            .map(|b| b.ent);
        // ("महिंद्रा डिफेंस के साथ साझेदारी में", "... के सहयोग से": a partner, no source)
        if matches!(a.marker, Marker::Se | Marker::Saath)
            && matches!(s.key(a.end + a.marker_len), "साझेदारी" | "सहयोग" | "मिलकर" | "भागीदारी")
        {
            continue;
        }
        // ("भारत से लगी सीमा": a border with, no source)
        if a.marker == Marker::Se
            && matches!(s.key(a.end + a.marker_len), "लगी" | "लगे" | "लगा" | "लगती" | "लगते" | "सटी" | "सटे" | "सटा")
        {
            continue;
        }
        let Some(p) = owner.or_else(|| party(lex, out, a.ent)) else { continue };
        // "डेनमार्क, नॉर्वे और बेल्जियम से": every member of a group takes the group's postposition
        let mut marker = if a.marker == Marker::And { group_marker(s, i) } else { a.marker };
        // "फ्रांस सरकार के साथ", "अमेरिका की सरकार से", "भारतीय नौसेना को": a state's government or
        // armed service is the state
        if a.etype == EntityType::Country && matches!(marker, Marker::Gen | Marker::Bare) {
            let at = a.end + a.marker_len;
            if let Some(l) = s.cue_len(at, Cue::Institution) {
                let keys: Vec<&str> = (at + l..(at + l + 3).min(s.toks.len())).map(|k| s.key(k)).collect();
                let (m, _) = grammar::marker_at(&keys);
                if matches!(m, Marker::Se | Marker::Saath | Marker::Ko) && !ctx.covered[at] {
                    marker = m;
                }
                // "वियतनाम के रक्षा मंत्रालय और ब्रह्मोस एयरोस्पेस के बीच": one side of two
                let after = at + l;
                let beech = s.key(after) == "और"
                    && (after + 2..(after + 10).min(c.b)).any(|k| s.key(k) == "बीच" && s.key(k - 1) == "के");
                if beech && !ctx.covered[at] {
                    marker = Marker::Beech;
                }
            }
        }
        match marker {
            Marker::Se | Marker::Saath => from_parties.push(p),
            Marker::Ko => to_parties.push(p),
            Marker::Gen => gen_before.push((p, a.end + a.marker_len)),
            Marker::Beech if !between.contains(&p) => between.push(p),
            _ => {}
        }
    }
    // "बीएई सिस्टम्स ने ऐलान किया कि ओमान सरकार ने उसके साथ ... का अनुबंध किया है": the company
    // whose announcement it is
    let with_it = (c.a..c.b).any(|k| matches!(s.key(k), "उसके" | "इसके") && s.key(k + 1) == "साथ" || s.key(k) == "उससे");
    if from_parties.is_empty() && with_it && !agents.is_empty() {
        let speaker = doc.last_agent.filter(|&e| super::is_company(lex, out, e) && !agents.iter().any(|x| x.0 == e));
        from_parties.extend(speaker);
    }

    if super::tracing() {
        let name = |e: usize| out.entities[e].en.clone();
        eprintln!(
            "  parties: agents {:?} from {:?} to {:?} between {:?}",
            agents.iter().map(|x| name(x.0)).collect::<Vec<_>>(),
            from_parties.iter().map(|&x| name(x)).collect::<Vec<_>>(),
            to_parties.iter().map(|&x| name(x)).collect::<Vec<_>>(),
            between.iter().map(|&x| name(x)).collect::<Vec<_>>()
        );
    }
    // "पाकिस्तान की सेना ने चीन में बने जेड-10एमई ... की पहली खेप को बेड़े में शामिल कर लिया":
    // a system taken into a state's fleet or service has been delivered to that state
    if let Some(k) = inducted(ctx, c) {
        if !planned && !ctx.negated(k, c) {
            let agent_states: Vec<usize> =
                agents.iter().map(|x| x.0).filter(|&a| out.entities[a].etype == EntityType::Country).collect();
            induction(lex, out, doc, ctx, c, k, &systems, &agent_states, &from_parties, &amounts);
        }
        return;
    }
    // "फ्रांस से उड़ान भरने के बाद पांच राफेल ... की पहली खेप ... अंबाला वायुसेना स्टेशन पहुंची", "...,
    // जो सोमवार को चटगांव बंदरगाह पहुंचीं": units arrived at a place of a state are delivered to it
    if arrival_at_place(lex, out, ctx, c, &agents, &to_parties, &systems, planned, doc) {
        return;
    }
    // "रक्षा अधिग्रहण परिषद ने ... प्रस्तावों को मंजूरी दी। इनमें एचएएल से 97 तेजस ... की खरीद
    // शामिल है": the purchases listed under the approval just told are the approving state's
    if let [(state, _)] = agents.as_slice() {
        if !planned && ctx.cues(Cue::Approve, c).iter().any(|&k| !ctx.negated(k, c)) {
            doc.approver = Some((*state, s.idx));
        }
    }
    let listed = (c.a..c.b).any(|k| matches!(s.key(k), "इनमें" | "जिनमें" | "इसमें" | "जिसमें"))
        && (c.a..c.b).any(|k| s.key(k) == "शामिल");
    let approver = doc.approver.filter(|(_, si)| s.idx > *si && s.idx - si <= 2).map(|x| x.0);
    if let (true, true, Some(state)) = (listed && agents.is_empty(), ctx.has(Cue::Buy, c), approver) {
        let named: Vec<(usize, usize)> = systems.iter().filter(|x| x.2).map(|x| (x.0, x.1)).collect();
        for &(sys, at) in &named {
            push_fact(out, state, Relation::SeeksToBuy, sys, evidence(s, c.a, c.b, "trade.approved-list", 0.7));
            // each system's seller is the one named before it ("बीडीएल से 200 अस्त्र और बीईएल से
            // 12 अश्विनी रडार")
            let seller = ctx
                .args_in(c)
                .filter(|(_, a)| !a.nested && matches!(a.marker, Marker::Se | Marker::Saath) && a.end <= at)
                .filter_map(|(_, a)| party(lex, out, a.ent))
                .last()
                .or_else(|| (from_parties.len() == 1).then(|| from_parties[0]));
            if let Some(seller) = seller.filter(|&p| p != state) {
                let stage = Some(DealStatus::Approved);
                record_deal(lex, out, ctx, doc, c, state, seller, sys, Some(sys), 0.7, &amounts, stage);
            }
        }
        if !named.is_empty() {
            return;
        }
    }
    // "परिषद ने आकाश-एनजी खरीदने के प्रस्ताव को मंजूरी दी। ये प्रणालियां बीडीएल से ली जाएंगी": the
    // seller of a purchase just reported without one
    if let Some(p) = doc.pending.filter(|p| s.idx - p.sentence <= 2 && s.idx > p.sentence) {
        // "... तोपों की खरीद को मंजूरी दी। ... इन्हें भारत फोर्ज और टाटा एडवांस्ड सिस्टम्स बनाएंगी":
        // the companies named as its makers sell it
        let making = (c.a..c.b).any(|k| s.cue(k, Cue::Make) || s.key(k).starts_with("बनाए"));
        let makers: Vec<usize> = agents
            .iter()
            .map(|x| x.0)
            .filter(|&a| out.entities[a].etype == EntityType::Organization && a != p.buyer)
            .collect();
        let same = systems.is_empty() || systems.iter().any(|x| x.0 == p.system);
        if making && same && !makers.is_empty() && from_parties.is_empty() && to_parties.is_empty() {
            doc.pending = None;
            for m in makers {
                record_pending(lex, out, ctx, doc, c, &p, m, &amounts);
            }
            return;
        }
        // (a delivery told before waits for its deal: what else the text says of it is no sale)
        // ("इसे बीईएल से खरीदा जाएगा": a pronoun for the system proposed)
        let pronoun = systems.is_empty() && (c.a..c.b).any(|k| matches!(s.key(k), "इसे" | "इन्हें" | "उसे" | "उन्हें"));
        if agents.is_empty() && !p.received && (pronoun || systems.iter().any(|x| x.0 == p.system)) {
            if let [seller] = from_parties.as_slice() {
                doc.pending = None;
                // (what was bought or handed over came from the seller: a supply)
                if p.stage.concluded() {
                    push_fact(
                        out,
                        *seller,
                        Relation::Supplies,
                        p.system,
                        evidence(s, c.a, c.b, "trade.pending-seller", 0.6),
                    );
                }
                record_pending(lex, out, ctx, doc, c, &p, *seller, &amounts);
                return;
            }
        }
    }

    // "ताइवान ने लॉकहीड मार्टिन को 66 एफ-16 का ऑर्डर दिया": an order (a contract) given to Y is a
    // purchase from Y, not a supply to Y
    // ("... का ठेका लार्सन एंड टुब्रो को दिया", "... बनाने का काम सौंपा": the recipient between)
    let given = |k: usize| {
        let v = verb_after(s, k);
        supply.contains(&v)
            || s.args.iter().any(|a| a.start == v && a.marker == Marker::Ko && supply.contains(&(a.end + a.marker_len)))
    };
    let task = (c.a + 2..c.b)
        .filter(|&k| s.key(k) == "काम" && s.key(k - 1) == "का" && matches!(s.key(k - 2), "बनाने" | "निर्माण" | "आपूर्ति"));
    let order_given = deal.iter().copied().chain(task).any(given);
    if order_given {
        from_parties.append(&mut to_parties);
        supply.clear();
    }

    // "टीएएसएल को रक्षा मंत्रालय से क्यूआरएफवी का अनुबंध मिला है", "उस करार के तहत एलएंडटी को 100
    // तोपों का ऑर्डर मिला था": a contract received is a sale by its recipient to whom it came
    // from (named, or the buyer of the deal in play with the same seller)
    // (not an export order from a customer left unnamed: "एक विदेशी ग्राहक से ... निर्यात ऑर्डर मिले")
    let export_order = export_order(s, c, &deal);
    let contract_received = deal.iter().any(|&k| s.key(verb_after(s, k)).starts_with("मिल") && !ctx.negated(k, c))
        && !(export_order && from_parties.is_empty());
    // ("कंपनी को ... ऑर्डर मिला था": the company of the deal in play)
    let company = (c.a..c.b).any(|k| s.key(k) == "कंपनी" && s.key(k + 1) == "को");
    let recipient = match to_parties.as_slice() {
        [x] => Some(*x),
        [] if company => doc
            .last_deal
            .filter(|(_, si)| s.idx - si <= 3)
            .map(|(di, _)| out.deals[di].seller)
            .filter(|&p| out.entities[p].etype == EntityType::Organization),
        _ => None,
    };
    if contract_received && !planned {
        if let Some(seller) = &recipient {
            let in_play = doc.last_deal.filter(|(di, si)| s.idx - si <= 3 && out.deals[*di].seller == *seller);
            // (else the state whose service the order is for: "बीईएल को भारतीय वायुसेना के लिए ...
            // का ऑर्डर मिला")
            // ("मॉरीशस पुलिस बल के लिए": over up to three words for its service)
            let for_state = service_for(lex, out, ctx, c);
            let buyers: Vec<usize> = if from_parties.is_empty() {
                for_state.or(in_play.map(|(di, _)| out.deals[di].buyer)).into_iter().collect()
            } else {
                from_parties.clone()
            };
            // the systems the clause names, else the deal in play's ("कंपनी को 100 तोपों का ऑर्डर")
            let named: Vec<usize> = systems.iter().filter(|x| x.2).map(|x| x.0).collect();
            let explicit = !named.is_empty();
            let targets: Vec<usize> =
                if explicit { named } else { in_play.map(|(di, _)| out.deals[di].system).into_iter().collect() };
            for &b in buyers.iter().filter(|&&b| b != *seller) {
                for &sys in &targets {
                    let ev = |rule| evidence(s, c.a, c.b, rule, 0.75);
                    push_fact(out, b, Relation::Buys, sys, ev("trade.contract-received"));
                    push_fact(out, *seller, Relation::Supplies, sys, ev("trade.contract-received"));
                    record_deal(
                        lex,
                        out,
                        ctx,
                        doc,
                        c,
                        b,
                        *seller,
                        sys,
                        explicit.then_some(sys),
                        0.75,
                        &amounts,
                        Some(DealStatus::Signed),
                    );
                }
            }
            // (a contract received makes its recipient a seller, never one supplied)
            return;
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
        let ahead = planned || going_to(ctx, c);
        // "भारत फ्रांस के साथ एक बड़े रक्षा सौदे पर हस्ताक्षर करेगा": a deal of two parties whose
        // system the next sentences name
        let deal = ctx.cues(Cue::DealNoun, c);
        let stage = clause_stage(ctx, c, ahead);
        if let (Some(&k), Some(stage)) = (deal.first(), stage) {
            let pair = match (agents.as_slice(), from_parties.as_slice(), between.as_slice()) {
                ([(x, _)], [y], []) if x != y => Some((*x, *y)),
                // ("भारत और रूस ने ... चार समझौतों पर दस्तखत किए")
                ([(x, _), (y, _)], [], []) if x != y => Some((*x, *y)),
                ([], [], [x, y]) => Some((*x, *y)),
                _ => None,
            };
            if let (Some(parties), false) = (pair, ctx.negated(k, c)) {
                doc.pending_pair = Some(super::PendingPair {
                    parties,
                    stage,
                    values: amounts.iter().map(|a| (a.value, a.currency)).collect(),
                    date: date_of_clause(ctx, doc, c, ahead).or_else(|| guessed_date(ctx, doc, c, Some(stage))),
                    sentence: s.idx,
                });
            }
        }
        // "... खरीद के प्रस्ताव पर मुहर लग गई। इस खरीद पर करीब 62,370 करोड़ रुपये खर्च होंगे": the price
        // of a purchase still waiting for its seller
        let pointed = (c.a..c.b)
            .any(|k| matches!(s.key(k), "इस" | "यह") && (s.cue(k + 1, Cue::Buy) || s.cue(k + 1, Cue::DealNoun)));
        if let (Some(p), Some(a), true) = (doc.pending.as_mut(), amounts.first(), pointed && agents.is_empty()) {
            if !p.received && p.sentence < s.idx && s.idx - p.sentence <= 1 && p.value.is_none() {
                p.value = Some((a.value, a.currency));
            }
        }
        continue_deal(lex, out, doc, ctx, c, &agents, &from_parties, &between, &amounts, ahead);
        return;
    }
    // "इस सौदे के तहत 26 विमान", "इनमें से 15 ड्रोन": a generic noun pointing back to the deal
    // in play adds its details, nothing new
    if systems.iter().all(|x| !x.2) {
        if let Some((di, si)) = doc.last_deal {
            // "भारत ने 2016 में 36 विमानों के लिए सौदा किया था": the parties named, if any, are the
            // deal's own
            let d = &out.deals[di];
            let ours = agents
                .iter()
                .map(|x| x.0)
                .chain(from_parties.iter().copied())
                .chain(to_parties.iter().copied())
                .all(|p| p == d.buyer || p == d.seller);
            if s.idx - si <= 3 && ours && d.system == systems[0].0 && !distributive(ctx, c) {
                let q = quantity(ctx, c, &amounts, usize::MAX);
                // ("..., जब ... ने 24 विमानों के 5.2 अरब यूरो के सौदे पर दस्तखत किए थे" beside a deal
                // of 30: a deal of other units, not pointed at, is another)
                let pointed = deal.iter().any(|&k| {
                    k > c.a && matches!(s.key(k - 1), "इस" | "यह" | "इसी" | "उस" | "ये" | "यही")
                        || s.key(k + 1) == "के" && s.key(k + 2) == "तहत"
                }) || (c.a..c.b).any(|k| matches!(s.key(k), "इनमें" | "जिनमें" | "इसमें" | "जिसमें"));
                let own_units = !deal.is_empty()
                    && !pointed
                    && q.is_some_and(|q| !d.quantity.is_empty() && !d.quantity.contains(&q));
                let continued = !another_deal(ctx, c, &deal) && !own_units;
                add_to_deal(out, ctx, doc, c, di, q, &amounts, clause_stage(ctx, c, planned), continued);
                return;
            }
        }
    }

    // a sale, not a gift: a deal noun, a sale word, a purchase word or a price (here, or of the
    // same system in the sentence before)
    let sale_here = !deal.is_empty() || ctx.has(Cue::Sell, c) || !buy.is_empty() || !amounts.is_empty();
    let sold_before =
        doc.last_sale.is_some_and(|(sys, si)| si < s.idx && s.idx - si <= 1 && systems.iter().any(|x| x.0 == sys));
    if sale_here {
        if let Some(&(sys, _, _)) = systems.iter().find(|x| x.2) {
            doc.last_sale = Some((sys, s.idx));
        }
    }
    let sale = sale_here || sold_before;
    // receiving: "यूक्रेन को एफ-16 डेनमार्क और नॉर्वे से भी मिल रहे हैं" — the sources supply;
    // "भारत को फ्रांस से 26 राफेल मिलेंगे" — a deal's deliveries to come
    if let Some(&k) = ctx.cues(Cue::Receive, c).first() {
        // (a contract or tender received is no receipt of the system: "एचएएल को मंत्रालय से ... की
        // आपूर्ति के लिए टेंडर मिला है")
        let contract = k > c.a && (s.cue(k - 1, Cue::DealNoun) || matches!(s.key(k - 1), "टेंडर" | "निविदा" | "काम"));
        if !ctx.negated(k, c) && !contract && !to_parties.is_empty() && !from_parties.is_empty() {
            for p in &from_parties {
                for (sys, _, explicit) in &systems {
                    let cf = if *explicit { 0.75 } else { 0.6 };
                    if !planned {
                        push_fact(out, *p, Relation::Supplies, *sys, evidence(s, c.a, c.b, "trade.received-from", cf));
                    }
                    // what a state receives is a deal's only when the text speaks of a deal, a
                    // sale or a price (here, or of a deal the article reported); a gift is no deal
                    for &b in &to_parties {
                        let known = recent_deal(out, |d| d.buyer == b && d.system == *sys).is_some();
                        // (so many units received, not given: "भारत को रूस से तीन स्क्वाड्रन मिल चुकी हैं")
                        let counted = !ctx.has(Cue::Aid, c) && quantity(ctx, c, &amounts, *sys).is_some();
                        if sale || known || delivered(ctx, c) || counted {
                            let stage = if planned { None } else { Some(DealStatus::Delivered) };
                            if !planned {
                                // what a state has received under a sale it has bought
                                push_fact(out, b, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.received", cf));
                            }
                            let explicit = explicit.then_some(*sys);
                            record_deal(lex, out, ctx, doc, c, b, *p, *sys, explicit, cf, &amounts, stage);
                        } else if *explicit && !planned {
                            // "बहरीन को अमेरिका से पहले दो एफ-16 मिल गए हैं। ... बहरीन ने 2018 में 16
                            // एफ-16 खरीदने का सौदा किया था": a delivery of the deal told next
                            await_deal(ctx, doc, c, b, *sys, &amounts);
                        }
                    }
                }
            }
            return;
        }
        // "सौदे के तहत इंडोनेशिया को तीन ब्रह्मोस बैटरियां मिलेंगी": the deal in play's units;
        // "इनमें से तीन प्रणालियां वायुसेना को मिल चुकी हैं": a part of them delivered
        if !ctx.negated(k, c) && from_parties.is_empty() {
            if let Some((di, si)) = doc.last_deal {
                let d = &out.deals[di];
                // ("..., जिसके तहत उसे चार पिनाका बैटरियां मिलनी हैं": the buyer as a pronoun)
                let pronoun =
                    to_parties.is_empty() && (c.a..c.b).any(|k| matches!(s.key(k), "उसे" | "उन्हें" | "इसे" | "इन्हें"));
                // ("..., जिनमें से अब तक 89 तोपें सेना को मिल चुकी हैं": of them, to its buyer's service)
                let partitive =
                    (c.a..(c.a + 3).min(c.b)).any(|k| matches!(s.key(k), "जिनमें" | "इनमें") && s.key(k + 1) == "से");
                let same = (to_parties.contains(&d.buyer) || pronoun || partitive && to_parties.is_empty())
                    && systems.iter().any(|x| x.0 == d.system);
                if s.idx - si <= 4 && same && (!distributive(ctx, c) || !planned) {
                    let q = quantity(ctx, c, &amounts, d.system);
                    let stage = (!planned).then_some(DealStatus::Delivered);
                    add_to_deal(out, ctx, doc, c, di, q, &amounts, stage, true);
                    return;
                }
            }
            // "कुवैत को दिसंबर में टीबी2 ड्रोनों की पहली खेप मिल गई। कुवैत ने 2023 में तुर्किये से
            // ये ड्रोन खरीदने का सौदा किया था": a delivery whose seller the deal told next names
            // (a consignment received, not one to be bought: "नई खेप की खरीद की चर्चा")
            let received = |u: usize| (u + 1..(u + 4).min(c.b)).any(|j| s.cue(j, Cue::Receive) && !ctx.negated(j, c));
            let buying = ctx.has(Cue::Buy, c) || ctx.has(Cue::Seek, c);
            let consignment = ctx.cues(Cue::Unit, c).into_iter().any(|u| s.key(u) == "खेप" && received(u));
            let handed = !buying && (delivered(ctx, c) || consignment);
            if let ([b], [(sys, _, true)], false, true) = (to_parties.as_slice(), systems.as_slice(), planned, handed) {
                await_deal(ctx, doc, c, *b, *sys, &amounts);
            }
        }
    }

    // "डीएसी ने ... खरीद प्रस्ताव को मंजूरी दी": a purchase proposal, not an offer
    let approve = ctx.cues(Cue::Approve, c);
    let proposal = |k: usize| {
        s.key(k) == "प्रस्ताव" && (!approve.is_empty() || (k.saturating_sub(4).max(c.a)..k).any(|j| s.cue(j, Cue::Buy)))
    };
    // ("लेटर ऑफ ऑफर एंड एक्सेप्टेंस": the letter a purchase is signed on, no offer)
    let letter = |k: usize| k > 0 && s.key(k - 1) == "ऑफ";
    let offer: Vec<usize> = offer.into_iter().filter(|&k| !proposal(k) && !letter(k)).collect();
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
    let deal_done = order_given
        || !deal.is_empty() && (ctx.has(Cue::Sign, c) || !amounts.is_empty() || deal.iter().any(|&k| deal_made(s, k)));
    // "खरीदने का फैसला किया", "खरीदने को तैयार": a purchase decided or wanted, not made (unless
    // signed: "खरीदने के लिए ... समझौते पर हस्ताक्षर किए"; or ongoing: "खरीदना जारी")
    let intended = buy.iter().all(|&k| {
        let key = s.key(k);
        (key.ends_with("ने") || key.ends_with("ना")) && s.key(k + 1) != "जारी"
    }) && !buy.is_empty()
        && !deal_done;
    // ("... का दूसरा बड़ा ऑर्डर देने के प्रस्ताव": placing an order is buying)
    let ordering = deal.iter().any(|&k| {
        matches!(s.key(k), "ऑर्डर" | "आर्डर") && matches!(s.key(verb_after(s, k)), "देने" | "देगा" | "देगी" | "देंगे")
    });
    let buying = !supplying_to
        && (!buy.is_empty()
            || ordering
            || !import.is_empty()
            || !supply.is_empty() && (!deal.is_empty() || !from_parties.is_empty()));
    // ("सौदा करने जा रहा है": going to, a deal still to come)
    let going = going_to(ctx, c);
    let mut stage = deal_stage(ctx, c, planned || may || going, deal_done, intended || !seek.is_empty());
    // "परिषद ने ... प्रस्तावों को स्वीकृति दी, जिसके तहत भारत ... खरीदेगा": a purchase under an
    // approval the sentence reports is approved
    let whole = Clause { a: 0, b: s.toks.len() };
    if stage == DealStatus::Proposed && ctx.cues(Cue::Approve, whole).iter().any(|&k| !ctx.negated(k, whole)) {
        stage = DealStatus::Approved;
    }
    // "... 80 राफेल के अनुबंध पर हस्ताक्षर किए। ... इस सौदे के तहत यूएई एयरबस के 12 कैराकल भी
    // खरीदेगा": a purchase under the deal just signed is part of it, signed with it
    let under_deal = (c.a + 2..c.b).any(|k| {
        s.key(k) == "तहत"
            && s.key(k - 1) == "के"
            && s.cue(k - 2, Cue::DealNoun)
            && k >= c.a + 3
            && matches!(s.key(k - 3), "इस" | "उस" | "इसी")
    });
    let signed_in_play = doc
        .last_deal
        .filter(|(di, si)| s.idx - si <= 1 && out.deals[*di].status.contains(&DealStatus::Signed))
        .is_some();
    if stage == DealStatus::Proposed && under_deal && signed_in_play {
        stage = DealStatus::Signed;
    }
    // "परिषद ने ... प्रस्तावों को मंजूरी दी। सबसे बड़ा प्रस्ताव नौसेना का है, जिसके तहत ...": a
    // proposal of the approval just reported
    let proposal_named = (0..s.toks.len()).any(|k| s.key(k).starts_with("प्रस्ताव"));
    if stage == DealStatus::Proposed && proposal_named && doc.last_approval.is_some_and(|(si, _)| s.idx - si <= 2) {
        stage = DealStatus::Approved;
    }
    // ("परिषद ने ... विमानों की खरीद के प्रस्ताव को मंजूरी दी। भारत, फ्रांस से ये राफेल ... खरीदेगा":
    // these, the ones approved)
    let these = systems.iter().any(|x| x.2 && pointed_back(ctx, c, x.0));
    if stage == DealStatus::Proposed && these && doc.last_approval.is_some_and(|(si, _)| si + 1 == s.idx) {
        stage = DealStatus::Approved;
    }
    // wanting, planning, considering, approving, negotiating; or asking for more in a negotiation
    // "मिस्र ने तेजस विमान में दिलचस्पी दिखाई है": interest shown in a named system
    let interest = seek.iter().any(|&k| {
        matches!(s.key(k), "रुचि" | "दिलचस्पी")
            && s.key(k - 1) == "में"
            && systems.iter().any(|x| {
                // ("तेजस में", "तेजस विमान में")
                let noun = |j: usize| s.cue(j, Cue::SystemNoun) || s.cue(j, Cue::Unit);
                x.2 && ctx.args_in(c).any(|(_, a)| a.ent == x.0 && (a.end + 1 == k || a.end + 2 == k && noun(a.end)))
            })
            && matches!(
                s.key(k + 1),
                "दिखाई"
                    | "दिखा"
                    | "दिखाते"
                    | "दिखाता"
                    | "दिखाती"
                    | "जताई"
                    | "जता"
                    | "रखता"
                    | "रखती"
                    | "रखते"
                    | "ली"
                    | "है"
            )
    });
    let seeking = (!seek.is_empty() || !approve.is_empty()) && (buying || !deal.is_empty() || !supply.is_empty())
        || interest
        || may && buying
        || negotiate
            && more
            && !supply.is_empty()
            && (!to_parties.is_empty() || !agents.iter().any(|(a, _)| is_source(lex, out, *a, &systems)))
        || negotiate && buying
        || buying && planned
        || buying && intended
        || buying && !stage.concluded();
    // a wish or a thought ("खरीदने पर विचार", "दिलचस्पी") is no deal yet; a plan, a decision, an
    // approval, talks or a deal noun make one
    let wish_only = stage == DealStatus::Proposed
        && !seek.is_empty()
        && deal.is_empty()
        && !ctx.has(Cue::Plan, c)
        && !ctx.has(Cue::Going, c)
        && (!planned || buy.is_empty());
    // "अमेरिका ने भारत को ... बेचने की मंजूरी दी" is a sale approved, not a wish of the seller's;
    // "भारत को और अधिक ... की आपूर्ति पर बातचीत" is the recipient's wish
    if seeking && (!supplying_to || negotiate && more) {
        let k = seek.first().or(approve.first()).copied().unwrap_or(c.a);
        if ctx.negated(k, c) || buy.first().is_some_and(|b| ctx.negated(*b, c)) {
            return;
        }
        // "अमेरिका ने नासाम्स बिक्री को हरी झंडी दी": the seller approves a sale to someone unnamed
        if !approve.is_empty() && ctx.has(Cue::Sell, c) && to_parties.is_empty() && buy.is_empty() {
            return;
        }
        let mut seekers: Vec<(usize, f32)> = agents.iter().map(|(a, f)| (*a, conf(0.75, *f))).collect();
        if negotiate && !to_parties.is_empty() {
            seekers = to_parties.iter().map(|p| (*p, 0.7)).collect();
        }
        // "... खरीदने के सौदे पर भारत और अमेरिका के बीच बातचीत": the two sides, one of which sells
        if seekers.is_empty() && negotiate && between.len() == 2 {
            seekers = between.iter().map(|p| (*p, 0.7)).collect();
        }
        if seekers.is_empty() {
            // भारत की दिलचस्पी: the state whose interest it is
            if let Some((p, _)) = gen_before.iter().find(|(_, at)| seek.contains(at) || approve.contains(at)) {
                seekers.push((*p, 0.75));
            }
        }
        // "सुरक्षा मामलों की कैबिनेट समिति की बैठक में ... लेने के प्रस्ताव पर मुहर लगाई गई": approved
        // in a state's council, with no agent, for that state
        // (or sealed: "... प्रस्ताव पर मुहर लगाई गई", an approval)
        if let (true, Some(at), true) = (seekers.is_empty(), approve.first().copied(), buying) {
            let councils: Vec<usize> = ctx
                .args_in(c)
                .filter(|(_, a)| !a.nested && a.etype == EntityType::Organization && a.start < at)
                .map(|(_, a)| a.ent)
                .collect();
            if let Some(st) = councils.into_iter().find_map(|e| state_of(lex, out, e, true)) {
                seekers.push((st, 0.7));
            }
        }
        // "भारत और अमेरिका ... सौदे पर बातचीत कर रहे हैं": of two agents, the system's own side sells
        let mut sellers: Vec<usize> = from_parties.clone();
        if sellers.is_empty() && seekers.len() == 2 {
            if let [(sys, _, true)] = systems.as_slice() {
                if let Some((b, sl)) = orient(lex, out, seekers[0].0, seekers[1].0, *sys) {
                    seekers.retain(|x| x.0 == b);
                    sellers.push(sl);
                }
            }
        }
        for &(b, cf) in &seekers {
            for &(sys, _, explicit) in &systems {
                let cf = if explicit { cf } else { cf - 0.15 };
                if stage != DealStatus::Cancelled {
                    // (a purchase signed with a deal just made is bought: "इस सौदे के तहत ... भी खरीदेगा")
                    let rel = if stage.concluded() { Relation::Buys } else { Relation::SeeksToBuy };
                    push_fact(out, b, rel, sys, evidence(s, c.a, c.b, "trade.seek", cf));
                }
                doc.last_buyer = Some(b);
                // ("बोइंग के 22 अपाचे ... की खरीद को मंजूरी": the maker named before the system sells it)
                let makers: Vec<usize> = if sellers.is_empty() && explicit {
                    maker_seller(lex, out, ctx, c, sys).into_iter().collect()
                } else {
                    Vec::new()
                };
                for &sl in sellers.iter().chain(&makers).filter(|&&p| p != b && !wish_only) {
                    record_deal(lex, out, ctx, doc, c, b, sl, sys, explicit.then_some(sys), cf, &amounts, Some(stage));
                }
                if sellers.is_empty() && makers.is_empty() && !wish_only && explicit {
                    // its day: the clause's, or the approval's (reported a few sentences before)
                    let approved = stage == DealStatus::Approved;
                    let date = date_of_clause(ctx, doc, c, false)
                        .or_else(|| doc.last_date.filter(|(_, si)| approved && s.idx - si <= 4).map(|(d, _)| d));
                    let units = quantity(ctx, c, &amounts, sys);
                    let evidence = evidence(s, c.a, c.b, "deal.record", cf);
                    let received = false;
                    doc.pending = Some(Pending {
                        buyer: b,
                        system: sys,
                        stage,
                        units,
                        date,
                        sentence: s.idx,
                        evidence,
                        received,
                        value: None,
                    });
                }
            }
        }
        if negotiate {
            let sides: Vec<(usize, SubjectFrom)> = if agents.is_empty() {
                between.iter().map(|p| (*p, SubjectFrom::Stated)).collect()
            } else {
                agents.clone()
            };
            negotiation(out, ctx, c, &sides, &to_parties, &from_parties);
        }
        return;
    }

    // "भारतीय नौसेना ने ... आईएनएस तुशील की डिलीवरी ले ली": the agent takes delivery, it buys
    let took = |k: usize| {
        matches!(s.key(k), "डिलीवरी" | "डिलिवरी")
            && matches!(s.key(k + 1), "ले" | "ली" | "लीं" | "लेगा" | "लेगी" | "लेंगे" | "लेने" | "लिया")
    };
    if let Some(&k) = supply.iter().find(|&&k| took(k)) {
        if ctx.negated(k, c) || planned {
            return;
        }
        for (b, from) in &agents {
            for (sys, _, explicit) in &systems {
                let cf = conf(if *explicit { 0.75 } else { 0.6 }, *from);
                push_fact(out, *b, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.took-delivery", cf));
                doc.last_buyer = Some(*b);
                if let [seller] = from_parties.as_slice() {
                    let ex = explicit.then_some(*sys);
                    record_deal(
                        lex,
                        out,
                        ctx,
                        doc,
                        c,
                        *b,
                        *seller,
                        *sys,
                        ex,
                        cf,
                        &amounts,
                        Some(DealStatus::Delivered),
                    );
                } else if *explicit {
                    await_deal(ctx, doc, c, *b, *sys, &amounts);
                }
            }
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
        // "उन्हें सैन्य अड्डे पर भेजा गया": a passive names no sender; the subject is not one
        let passive = !s.key(k).ends_with("ने")
            && (matches!(s.key(k + 1), "गया" | "गए" | "गई" | "गयी" | "जाएगा" | "जाएंगे" | "जाएगी" | "जा")
                || matches!(s.key(k + 2), "गया" | "गए" | "गई" | "गयी"));
        // "मिस्र पहुंचे चार राफेल": what arrives reaches the subject, which is no sender (but
        // "पहुंचाए", brought, has one)
        // (any of the clause's words of supply: "... की पहली खेप कुवैत पहुंच गई")
        let arrival = supply.iter().any(|&j| {
            let key = s.key(j);
            key.starts_with("पहुंच") && !["पहुंचाय", "पहुंचाए", "पहुंचाई"].iter().any(|c| key.starts_with(c))
        });
        let mut to_parties = to_parties.clone();
        if arrival && !passive {
            to_parties
                .extend(agents.iter().filter(|(a, _)| out.entities[*a].etype == EntityType::Country).map(|x| x.0));
        }
        let agents: Vec<(usize, SubjectFrom)> = if passive || arrival { Vec::new() } else { agents.clone() };
        // "..., जिनमें से अब तक केवल 14 इंजन पहुंचे हैं": units of the deal in play that came
        let partitive = (c.a..(c.a + 3).min(c.b))
            .any(|k| matches!(s.key(k), "जिनमें" | "इनमें" | "जिसमें" | "इसमें") && s.key(k + 1) == "से");
        if partitive && agents.is_empty() && to_parties.is_empty() && !planned && delivered(ctx, c) {
            if let Some((di, _)) = doc.last_deal.filter(|(_, si)| s.idx - si <= 1) {
                let sys = out.deals[di].system;
                if systems.iter().all(|x| x.0 == sys) {
                    let q = quantity(ctx, c, &amounts, sys).or_else(|| quantity(ctx, c, &amounts, usize::MAX));
                    if q.is_some() {
                        add_to_deal(out, ctx, doc, c, di, q, &amounts, Some(DealStatus::Delivered), true);
                        // ("अब तक": by now, not when the deal was made)
                        let by_now = (c.a + 1..c.b).any(|k| s.key(k) == "तक" && matches!(s.key(k - 1), "अब" | "अभी"));
                        if by_now && first_date(s, c, doc.date).is_none() {
                            if let (Some((d, _)), Some(today)) = (doc.last_deal, doc.date) {
                                out.deals[d].date = vec![PartialDate::YearMonth(
                                    chrono::Datelike::year(&today),
                                    chrono::Datelike::month(&today),
                                )];
                            }
                        }
                        return;
                    }
                }
            }
        }
        // an infinitive (बेचने का एलान) announces a sale; the recipient has not bought yet
        // ("बेचने का करार किया": an infinitive under a contract made is a sale made)
        let done = !s.key(k).ends_with("ने") && !planned && stage.concluded()
            || deal_done && !planned && stage.concluded()
            || stage == DealStatus::Delivered
            || !s.key(k).ends_with("ने") && !planned && !may && approve.is_empty();
        let stage = match stage {
            DealStatus::Proposed if done => DealStatus::Signed,
            DealStatus::Proposed if !approve.is_empty() => DealStatus::Approved,
            st => st,
        };
        for (a, from) in &agents {
            for (sys, _, explicit) in &systems {
                let cf = conf(if *explicit { 0.8 } else { 0.65 }, *from);
                // a supply under way or still to come under a deal is the supplier's all the same
                if stage != DealStatus::Cancelled {
                    push_fact(out, *a, Relation::Supplies, *sys, evidence(s, c.a, c.b, "trade.supply", cf));
                }
                doc.last_seller = Some(*a);
                // a handover or an approval belongs to a deal; what a state gives or sends is a
                // deal only as a sale
                // "बायकर ने यूएई को 20 टीबी2 की आपूर्ति कर दी है": a supply made by a company, or
                // of so many units by a state, is a delivery under a sale (aid and gifts aside)
                let made_supply = !planned
                    && stage != DealStatus::Cancelled
                    && supply.iter().any(|&j| matches!(s.key(j), "आपूर्ति" | "सप्लाई") || s.key(j).starts_with("भेज"))
                    && !ctx.has(Cue::Aid, c)
                    && (out.entities[*a].etype == EntityType::Organization
                        || quantity(ctx, c, &amounts, *sys).is_some());
                let dealt = sale || !approve.is_empty() || delivered(ctx, c) || made_supply;
                // (a supply made, told with no sale word, is the deal's delivery)
                let stage = if made_supply && !sale && approve.is_empty() { DealStatus::Delivered } else { stage };
                for b in to_parties.iter().filter(|&&b| b != *a && dealt) {
                    // "... सीसीएस की बैठक में ... तेजस का ऑर्डर देने के प्रस्ताव पर मुहर लग गई। ...
                    // सौदे के तहत एचएएल वायुसेना को 97 विमान देगी": the purchase approved just before,
                    // its seller now named
                    let waiting = doc.pending.filter(|p| {
                        !p.received
                            && p.buyer == *b
                            && p.system == *sys
                            && p.sentence < s.idx
                            && s.idx - p.sentence <= 2
                            && p.stage != DealStatus::Proposed
                    });
                    if let (Some(p), false) = (waiting, stage.concluded()) {
                        doc.pending = None;
                        record_pending(lex, out, ctx, doc, c, &p, *a, &amounts);
                        continue;
                    }
                    record_deal(
                        lex,
                        out,
                        ctx,
                        doc,
                        c,
                        *b,
                        *a,
                        *sys,
                        explicit.then_some(*sys),
                        cf,
                        &amounts,
                        Some(stage),
                    );
                }
            }
        }
        for b in &to_parties {
            for (sys, _, explicit) in &systems {
                let cf = if *explicit { 0.75 } else { 0.6 };
                // (aid received is not bought)
                if done && ctx.has(Cue::Aid, c) {
                } else if done {
                    push_fact(out, *b, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.supplied-to", cf));
                } else if stage != DealStatus::Cancelled {
                    push_fact(
                        out,
                        *b,
                        Relation::SeeksToBuy,
                        *sys,
                        evidence(s, c.a, c.b, "trade.to-be-supplied", cf - 0.1),
                    );
                }
                doc.last_buyer = Some(*b);
                // "भारत को 26 राफेल सौंपे गए": a passive handover of the deal in play
                if agents.is_empty() {
                    let in_play = doc.last_deal.filter(|(di, si)| {
                        let d = &out.deals[*di];
                        s.idx - si <= 4 && d.buyer == *b && d.system == *sys
                    });
                    if let Some((di, _)) = in_play {
                        let q = quantity(ctx, c, &amounts, *sys);
                        add_to_deal(out, ctx, doc, c, di, q, &amounts, Some(stage), true);
                    } else if *explicit
                        && stage == DealStatus::Delivered
                        && recent_deal(out, |d| d.buyer == *b && d.system == *sys).is_none()
                    {
                        // "टीबी2 ड्रोनों की पहली खेप कुवैत पहुंच गई है। ... कुवैत ने 2023 में तुर्की
                        // से इन ड्रोनों की खरीद का करार किया था": a delivery of the deal told next
                        await_deal(ctx, doc, c, *b, *sys, &amounts);
                    }
                }
            }
        }
        return;
    }

    let signed = deal_done;
    // "भारत और फ्रांस के बीच तीन स्कॉर्पीन पनडुब्बियों के सौदे पर बातचीत जारी है": a deal between
    // two named parties, under way
    let talks = negotiate && !deal.is_empty() && !planned;
    // "भारत और रूस के बीच ... का सौदा रद्द हो गया": a deal of two parties called off
    let called_off = stage == DealStatus::Cancelled && !deal.is_empty() && agents.is_empty() && between.len() == 2;
    if !(buying || signed || talks || called_off) {
        return;
    }
    let k = buy.first().or(import.first()).or(deal.first()).copied().unwrap_or(c.a);
    if ctx.negated(k, c) {
        return;
    }
    // "भारत और फ्रांस के बीच 26 राफेल-एम का सौदा हुआ", "भारत और अमेरिका ने ... सौदे पर हस्ताक्षर
    // किए": of two parties, the seller is the one the system comes from (its state or maker)
    let two = if agents.is_empty() && (deal_done || talks || called_off) {
        between.clone()
    } else if agents.len() == 2 && from_parties.is_empty() {
        agents.iter().map(|x| x.0).collect()
    } else {
        Vec::new()
    };
    if let ([x, y], [(sys, _, true)]) = (two.as_slice(), systems.as_slice()) {
        if let Some((b, sl)) = orient(lex, out, *x, *y, *sys) {
            let ev = |rule| evidence(s, c.a, c.b, rule, 0.7);
            if stage == DealStatus::Negotiating {
                push_fact(out, b, Relation::SeeksToBuy, *sys, ev("trade.deal-between"));
                push_fact(out, b, Relation::NegotiatesWith, sl, ev("trade.deal-between"));
            } else if !ctx.negated(k, c) && stage != DealStatus::Cancelled {
                push_fact(out, b, Relation::Buys, *sys, ev("trade.deal-between"));
                push_fact(out, sl, Relation::Supplies, *sys, ev("trade.deal-between"));
            }
            record_deal(lex, out, ctx, doc, c, b, sl, *sys, Some(*sys), 0.7, &amounts, Some(stage));
            doc.last_buyer = Some(b);
            doc.last_seller = Some(sl);
            return;
        }
        if agents.is_empty() {
            return;
        }
    }
    // "अमेरिका से खरीदे गए आठ स्ट्राइकर ... में से पहले चार ... अर्जेंटीना की थलसेना को सौंप दिए गए":
    // what was bought from X, handed over to Y: Y's purchase, delivered
    let handed_to =
        agents.is_empty() && !to_parties.is_empty() && !from_parties.is_empty() && delivered(ctx, c) && !planned;
    if handed_to {
        stage = DealStatus::Delivered;
    }
    let mut buyers: Vec<(usize, f32)> = if handed_to {
        to_parties.iter().map(|&p| (p, 0.7)).collect()
    } else if agents.is_empty() {
        doc.last_buyer.filter(|_| signed).map(|b| vec![(b, 0.6)]).unwrap_or_default()
    } else {
        agents.iter().map(|(a, f)| (*a, conf(0.85, *f))).collect()
    };
    // "जीआरएसई ने रक्षा मंत्रालय के साथ ... बनाने के अनुबंध पर हस्ताक्षर किए": a company contracting
    // with a state sells to it
    if let [(b, cf)] = buyers.as_slice() {
        let company = super::is_company(lex, out, *b);
        let states =
            !from_parties.is_empty() && from_parties.iter().all(|&p| out.entities[p].etype == EntityType::Country);
        if company && states && !says_buying(ctx, c, &buy) {
            let (b, cf) = (*b, *cf);
            buyers = from_parties.iter().map(|&p| (p, cf)).collect();
            from_parties = vec![b];
        } else if company && from_parties.is_empty() && deal_done && !says_buying(ctx, c, &buy) {
            // "जीआरएसई ने भारतीय नौसेना के लिए ... युद्धपोत बनाने के अनुबंध पर हस्ताक्षर किए": a
            // company contracting to build for a state's service sells to that state
            let (b, cf) = (*b, *cf);
            if let Some(st) = service_for(lex, out, ctx, c).filter(|&st| st != b) {
                buyers = vec![(st, cf)];
                from_parties = vec![b];
            }
        }
    }
    for (b, cf) in buyers {
        for (sys, _, explicit) in &systems {
            let cf = if *explicit { cf } else { cf - 0.15 };
            if stage != DealStatus::Cancelled {
                push_fact(out, b, Relation::Buys, *sys, evidence(s, c.a, c.b, "trade.buy", cf));
            }
            doc.last_buyer = Some(b);
            // the sellers are whom the text names (से / के साथ, "फ्रांस और दसॉ से"): a system's
            // origin is not its seller; a deal made with no seller named is with the one the
            // article named as the system's supplier ("ताइवान को अमेरिका से अब्राम्स की पहली खेप
            // मिली ... ताइवान ने 2019 में 108 अब्राम्स खरीदने का सौदा किया था")
            let mut sellers = from_parties.clone();
            // ("अमेरिका से एफ-15 और फ्रांस से राफेल विमान खरीद चुका है": each system from the seller
            // named right before it)
            let named_systems = systems.iter().filter(|x| x.2).count();
            if from_parties.len() >= 2 && named_systems >= 2 && *explicit {
                let at = systems.iter().find(|x| x.0 == *sys).map(|x| x.1).unwrap_or(c.b);
                let nearest = ctx
                    .args_in(c)
                    .filter(|(_, a)| !a.nested && matches!(a.marker, Marker::Se | Marker::Saath) && a.end <= at)
                    .filter_map(|(_, a)| party(lex, out, a.ent))
                    .last();
                if let Some(p) = nearest.filter(|p| from_parties.contains(p)) {
                    sellers = vec![p];
                }
            }
            // ("इस सौदे के तहत यूएई एयरबस के 12 कैराकल ... भी खरीदेगा": the maker named before it)
            if sellers.is_empty() && *explicit {
                sellers.extend(maker_seller(lex, out, ctx, c, *sys));
            }
            if sellers.is_empty() && deal_done && *explicit {
                let known: BTreeSet<usize> = out
                    .facts_on(&Object::Entity(*sys))
                    .filter(|f| f.relation == Relation::Supplies && f.subject != b)
                    .map(|f| f.subject)
                    .collect();
                if known.len() == 1 {
                    sellers.extend(known);
                }
                // ("भारत और फ्रांस ने राफेल-एम का करार किया ... इससे पहले 2016 में 36 राफेल खरीदे गए
                // थे": the seller the article named last, where the system comes from)
                if sellers.is_empty() {
                    sellers.extend(doc.last_seller.filter(|&p| p != b && comes_from(lex, out, *sys, p)));
                }
            }
            // ("सेना इससे पहले 2022 में 15 प्रचंड हेलीकॉप्टर खरीद चुकी है": a purchase made of the
            // system of a deal the article reported, from the same seller)
            if sellers.is_empty() && *explicit && stage.concluded() && !planned {
                // (the deal in play first: of a company and its state, the company's record)
                let in_play =
                    doc.last_deal.map(|x| x.0).filter(|&di| out.deals[di].buyer == b && out.deals[di].system == *sys);
                let known = in_play.or_else(|| recent_deal(out, |d| d.buyer == b && d.system == *sys));
                sellers.extend(known.map(|di| out.deals[di].seller));
            }
            for sl in sellers.into_iter().filter(|p| *p != b) {
                if stage != DealStatus::Cancelled {
                    push_fact(out, sl, Relation::Supplies, *sys, evidence(s, c.a, c.b, "trade.bought-from", cf));
                }
                doc.last_seller = Some(sl);
                record_deal(lex, out, ctx, doc, c, b, sl, *sys, explicit.then_some(*sys), cf, &amounts, Some(stage));
            }
        }
    }
}

/// The state whose service something in the clause is for: "भारतीय वायुसेना के लिए", "मॉरीशस
/// पुलिस बल के लिए" (over up to three words for its service).
fn service_for(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx, c: Clause) -> Option<usize> {
    let s = ctx.s;
    let service: Vec<usize> = ctx
        .args_in(c)
        .filter(|(_, a)| {
            !a.nested
                && (a.marker == Marker::Gen && s.key(a.end + a.marker_len) == "लिए"
                    || a.etype == EntityType::Country
                        && (a.end..(a.end + 4).min(c.b)).any(|k| {
                            s.key(k) == "के"
                                && s.key(k + 1) == "लिए"
                                && (a.end..k).all(|j| !ctx.covered[j] && !s.args.iter().any(|b| b.start == j))
                        }))
        })
        .map(|(_, a)| a.ent)
        .collect();
    service.iter().find_map(|&e| state_of(lex, out, e, true))
}

/// Is system `sys` named in the clause right after "ये"/"इन" (these, spoken of before)?
fn pointed_back(ctx: &Ctx, c: Clause, sys: usize) -> bool {
    let s = ctx.s;
    ctx.args_in(c).any(|(_, a)| a.ent == sys && a.start > c.a && matches!(s.key(a.start - 1), "ये" | "इन" | "इन्हीं"))
}

/// Units arrived at a place of a state, with no recipient named: a delivery to that state, from
/// the state they came from (`X से`), else under the deal in play or the deal told next. True
/// when the clause was such an arrival.
#[allow(clippy::too_many_arguments)]
fn arrival_at_place(
    lex: &Lexicon,
    out: &mut Extraction,
    ctx: &Ctx,
    c: Clause,
    agents: &[(usize, SubjectFrom)],
    to_parties: &[usize],
    systems: &[(usize, usize, bool)],
    planned: bool,
    doc: &mut Discourse,
) -> bool {
    let s = ctx.s;
    let arrived = ctx.cues(Cue::Deliver, c).into_iter().find(|&k| {
        let key = s.key(k);
        key.starts_with("पहुंच")
            && !["पहुंचाय", "पहुंचाए", "पहुंचाई", "पहुंचा दि"].iter().any(|p| key.starts_with(p))
            && !ctx.negated(k, c)
    });
    let Some(k) = arrived else { return false };
    if planned || !agents.is_empty() || !to_parties.is_empty() || !delivered(ctx, c) {
        return false;
    }
    // (the place arrived at, just before the verb: "अंबाला वायुसेना स्टेशन पहुंची")
    let place = s
        .args
        .iter()
        .rfind(|a| !a.nested && a.start >= c.a && a.end <= k && a.etype == EntityType::Place && k - a.end <= 3);
    // (or a state's place the lexicon does not know: "आर्मेनिया के शिराक हवाई अड्डे पर पहुंच गए")
    let state_of_place = s.args.iter().rfind(|a| {
        !a.nested
            && a.start >= c.a
            && a.etype == EntityType::Country
            && a.marker == Marker::Gen
            && a.end < k
            && k - a.end <= 6
            && (a.end + a.marker_len..k).any(|j| {
                matches!(
                    s.key(j),
                    "हवाई"
                        | "अड्डे"
                        | "अड्डा"
                        | "बंदरगाह"
                        | "एयरबेस"
                        | "एयरपोर्ट"
                        | "स्टेशन"
                )
            })
    });
    let state = place
        .and_then(|a| {
            let x = &out.entities[a.ent];
            x.lexicon.and_then(|l| lex.entries[l].country)
        })
        .map(|l| out.intern_lexicon(lex, l))
        .or(state_of_place.map(|a| a.ent));
    let Some(b) = state else {
        return false;
    };
    let from: Vec<usize> = ctx
        .args_in(c)
        .filter(|(_, a)| !a.nested && a.marker == Marker::Se && a.end < k)
        .filter_map(|(_, a)| party(lex, out, a.ent))
        .filter(|&p| p != b)
        .collect();
    // (the system named, else the deal in play's: "..., जो ... पहुंचीं")
    let mut named: Vec<(usize, bool)> = systems.iter().map(|x| (x.0, x.2)).collect();
    let in_play = doc.last_deal.filter(|(di, si)| s.idx - si <= 1 && out.deals[*di].buyer == b).map(|x| x.0);
    if named.is_empty() && matches!(s.key(c.a), "जो" | "जिन्हें" | "जिनकी") {
        named.extend(in_play.map(|di| (out.deals[di].system, false)));
    }
    if named.is_empty() {
        return false;
    }
    let amounts = grammar::amounts(&s.toks[c.a..c.b]);
    for (sys, explicit) in named {
        let cf = if explicit { 0.7 } else { 0.6 };
        push_fact(out, b, Relation::Buys, sys, evidence(s, c.a, c.b, "trade.arrived", cf));
        if let Some(&sl) = from.first() {
            push_fact(out, sl, Relation::Supplies, sys, evidence(s, c.a, c.b, "trade.arrived", cf));
            record_deal(
                lex,
                out,
                ctx,
                doc,
                c,
                b,
                sl,
                sys,
                explicit.then_some(sys),
                cf,
                &amounts,
                Some(DealStatus::Delivered),
            );
        } else if let Some(di) = in_play.filter(|&di| out.deals[di].system == sys) {
            let q = quantity(ctx, c, &amounts, sys);
            add_to_deal(out, ctx, doc, c, di, q, &amounts, Some(DealStatus::Delivered), true);
        } else if explicit {
            await_deal(ctx, doc, c, b, sys, &amounts);
        }
    }
    true
}

/// The company named as the maker of system `sys` in the clause: its genitive right before the
/// system, over a number and describing words ("बोइंग के 22 अपाचे हमलावर हेलीकॉप्टर"), or a company
/// genitive in the clause that the lexicon knows makes it ("बोइंग के 22 अपाचे ... और 15 चिनूक").
fn maker_seller(lex: &Lexicon, out: &Extraction, ctx: &Ctx, c: Clause, sys: usize) -> Option<usize> {
    let s = ctx.s;
    let company = |a: &Arg| {
        !a.nested
            && a.marker == Marker::Gen
            && a.etype == EntityType::Organization
            && super::is_company(lex, out, a.ent)
    };
    let at = ctx.args_in(c).find(|(_, a)| a.ent == sys && !a.nested).map(|(_, a)| a.start)?;
    let right_before = ctx.args_in(c).find(|(_, a)| {
        company(a) && a.end + a.marker_len <= at && at - (a.end + a.marker_len) <= 3 && {
            let gap = a.end + a.marker_len..at;
            gap.clone().all(|k| !s.args.iter().any(|b| b.start == k))
        }
    });
    if let Some((_, a)) = right_before {
        return Some(a.ent);
    }
    let maker = out.entities[sys].lexicon.and_then(|l| lex.entries[l].maker)?;
    ctx.args_in(c).find(|(_, a)| company(a) && out.entities[a.ent].lexicon == Some(maker)).map(|(_, a)| a.ent)
}

/// The states of the companies or states the clause buys from (से, के साथ).
fn from_parties_of(lex: &Lexicon, out: &mut Extraction, ctx: &Ctx, c: Clause) -> Vec<usize> {
    let from: Vec<usize> = ctx
        .args_in(c)
        .filter(|(_, a)| !a.nested && matches!(a.marker, Marker::Se | Marker::Saath))
        .map(|(_, a)| a.ent)
        .collect();
    from.into_iter().filter_map(|e| party_state(lex, out, e)).collect()
}

/// The state a party stands for: a state, its capital or institution, or a company's home state.
fn party_state(lex: &Lexicon, out: &mut Extraction, e: usize) -> Option<usize> {
    state_of(lex, out, e, true).or_else(|| {
        let c = out.entities[e].lexicon.and_then(|l| lex.entries[l].country)?;
        Some(out.intern_lexicon(lex, c))
    })
}

/// The state whose armed services the article speaks of: the one state of the services it named,
/// else the dateline's state.
fn service_state(lex: &Lexicon, out: &mut Extraction, doc: &Discourse) -> Option<usize> {
    let services: Vec<usize> = (0..out.entities.len())
        .filter(|&e| {
            let x = &out.entities[e];
            x.mentioned && x.etype == EntityType::Organization && x.class.as_deref() == Some("military")
        })
        .collect();
    let mut states: Vec<usize> = services.into_iter().filter_map(|e| state_of(lex, out, e, true)).collect();
    states.sort_unstable();
    states.dedup();
    match states.as_slice() {
        [one] => Some(*one),
        [] => {
            let place = doc.dateline_place?;
            let l = out.entities[place].lexicon?;
            let country =
                if out.entities[place].etype == EntityType::Country { Some(l) } else { lex.entries[l].country };
            country.map(|c| out.intern_lexicon(lex, c))
        }
        _ => None,
    }
}

/// Where the clause takes a system into a fleet or a service: "बेड़े में शामिल कर लिया",
/// "नौसेना में शामिल किया गया", "सेवा में शामिल हुआ" (the word "शामिल").
fn inducted(ctx: &Ctx, c: Clause) -> Option<usize> {
    let s = ctx.s;
    (c.a + 2..c.b).find(|&k| {
        let into = matches!(s.key(k - 2), "बेडे" | "बेडा" | "सेवा" | "सेना" | "नौसेना" | "वायुसेना" | "थलसेना")
            || s.key(k - 2).ends_with("बेडे");
        s.key(k) == "शामिल" && s.key(k - 1) == "में" && into
    })
}

/// A delivery told as an induction: the buyer is the agent, the state whose fleet or service it
/// is, or the buyer of the deal in play; the seller is the one it came from (`X से`), the state
/// it was made in as this sentence says, or the seller of the deal in play.
#[allow(clippy::too_many_arguments)]
fn induction(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    k: usize,
    systems: &[(usize, usize, bool)],
    agents: &[usize],
    from_parties: &[usize],
    amounts: &[grammar::Amount],
) {
    let s = ctx.s;
    let in_play = doc.last_deal.filter(|(_, si)| s.idx - si <= 4).map(|(di, _)| di);
    let named: Vec<usize> = systems.iter().filter(|x| x.2).map(|x| x.0).collect();
    let named = if named.is_empty() {
        // ("ये हेलीकॉप्टर बेड़े में शामिल हो गए": the system of the deal in play, told by its kind)
        match (in_play, systems.first()) {
            (Some(di), Some(x)) if x.0 == out.deals[di].system => vec![x.0],
            _ => return,
        }
    } else {
        named
    };
    // the state whose service: "भारतीय नौसेना में", "पाकिस्तानी बेड़े में", "वायुसेना के बेड़े में"
    let service = |out: &mut Extraction| {
        let owner = s
            .args
            .iter()
            .filter(|a| !a.nested && a.start >= c.a && a.end + 3 >= k && a.end <= k)
            .map(|a| a.ent)
            .collect::<Vec<_>>();
        owner
            .into_iter()
            .find_map(|e| state_of(lex, out, e, true))
            .or_else(|| s.adjectives.iter().find(|(t, _)| *t + 4 >= k && *t < k && *t >= c.a).map(|(_, st)| *st))
    };
    let mut buyers: Vec<usize> = agents.to_vec();
    if buyers.is_empty() {
        buyers.extend(service(out));
    }
    for sys in named {
        let deal = in_play.filter(|&di| out.deals[di].system == sys);
        let buyer_list: Vec<usize> =
            if buyers.is_empty() { deal.map(|di| out.deals[di].buyer).into_iter().collect() } else { buyers.clone() };
        for b in buyer_list {
            push_fact(out, b, Relation::Buys, sys, evidence(s, c.a, c.b, "trade.inducted", 0.7));
            doc.last_buyer = Some(b);
            // ("चीन में बने", "फ्रांस में निर्मित")
            let made_here = s
                .args
                .iter()
                .find(|a| {
                    a.start >= c.a
                        && a.etype == EntityType::Country
                        && s.key(a.end) == "में"
                        && matches!(s.key(a.end + 1), "बने" | "बनी" | "बना" | "बनाए" | "बनाई" | "निर्मित")
                })
                .map(|a| a.ent);
            let seller = from_parties
                .first()
                .copied()
                .or(made_here)
                .or_else(|| deal.filter(|&di| out.deals[di].buyer == b).map(|di| out.deals[di].seller))
                .or_else(|| recent_deal(out, |d| d.buyer == b && d.system == sys).map(|di| out.deals[di].seller));
            match seller.filter(|&sl| sl != b) {
                Some(sl) => {
                    push_fact(out, sl, Relation::Supplies, sys, evidence(s, c.a, c.b, "trade.inducted", 0.65));
                    record_deal(
                        lex,
                        out,
                        ctx,
                        doc,
                        c,
                        b,
                        sl,
                        sys,
                        Some(sys),
                        0.65,
                        amounts,
                        Some(DealStatus::Delivered),
                    );
                }
                None => await_deal(ctx, doc, c, b, sys, amounts),
            }
        }
    }
}

/// Does the clause say its subject buys ("खरीदने", "खरीदा"), not just that it made a contract to
/// build or supply?
fn says_buying(ctx: &Ctx, c: Clause, buy: &[usize]) -> bool {
    buy.iter().any(|&k| ctx.s.key(k).starts_with("खरीद"))
        && !(c.a..c.b).any(|k| matches!(ctx.s.key(k), "बनाने" | "निर्माण" | "आपूर्ति"))
}

/// Of two parties to a deal over `sys`, which buys and which sells: of a state and a company, the
/// company sells (it contracts with a state to sell to it, even where both are the system's own:
/// "मंत्रालय ने बीईएल से ... करार किया"); else the seller is the one the system comes from (its
/// designing state or its maker, by the lexicon).
fn orient(lex: &Lexicon, out: &Extraction, x: usize, y: usize, sys: usize) -> Option<(usize, usize)> {
    let state = |e: usize| out.entities[e].etype == EntityType::Country;
    match (state(x) && super::is_company(lex, out, y), super::is_company(lex, out, x) && state(y)) {
        (true, _) => return Some((x, y)),
        (_, true) => return Some((y, x)),
        _ => {}
    }
    match (comes_from(lex, out, sys, x), comes_from(lex, out, sys, y)) {
        (true, false) => Some((y, x)),
        (false, true) => Some((x, y)),
        _ => None,
    }
}

/// A delivery of `sys` to `buyer` that clause `c` reports with no deal yet: it waits for the deal
/// the next sentences tell, whose seller it takes (`record_deal`). Its units and day are the
/// clause's; else the article's month for one just made ("पहुंच गई है").
fn await_deal(ctx: &Ctx, doc: &mut Discourse, c: Clause, buyer: usize, sys: usize, amounts: &[grammar::Amount]) {
    let s = ctx.s;
    let stage = DealStatus::Delivered;
    doc.pending = Some(Pending {
        buyer,
        system: sys,
        stage,
        units: quantity(ctx, c, amounts, sys),
        date: date_of_clause(ctx, doc, c, false).or_else(|| guessed_date(ctx, doc, c, Some(stage))),
        sentence: s.idx,
        evidence: evidence(s, c.a, c.b, "deal.record", 0.6),
        received: true,
        value: None,
    });
}

/// Records the purchase reported before without its seller, now named: with its units and
/// date from then, where this clause gives none.
#[allow(clippy::too_many_arguments)]
fn record_pending(
    lex: &Lexicon,
    out: &mut Extraction,
    ctx: &Ctx,
    doc: &mut Discourse,
    c: Clause,
    p: &Pending,
    seller: usize,
    amounts: &[grammar::Amount],
) {
    record_deal(lex, out, ctx, doc, c, p.buyer, seller, p.system, None, 0.6, amounts, Some(p.stage));
    if let Some((di, _)) = doc.last_deal {
        let d = &mut out.deals[di];
        if d.quantity.is_empty() {
            d.quantity.extend(p.units);
        }
        if d.date.is_empty() {
            d.date.extend(p.date);
        }
        if d.value.is_empty() {
            d.value.extend(p.value);
        }
    }
}

/// Does system `sys` come from party `p` (its designing state or its maker, by the lexicon)?
fn comes_from(lex: &Lexicon, out: &Extraction, sys: usize, p: usize) -> bool {
    let pl = out.entities[p].lexicon;
    pl.is_some()
        && out.entities[sys].lexicon.is_some_and(|l| lex.entries[l].country == pl || lex.entries[l].maker == pl)
}

/// Is `p` the state or maker that the explicit systems of the clause come from?
fn is_source(lex: &Lexicon, out: &Extraction, p: usize, systems: &[(usize, usize, bool)]) -> bool {
    systems.iter().any(|&(sys, _, explicit)| explicit && comes_from(lex, out, sys, p))
}

/// "इनमें से 15 ड्रोन नौसेना को": a part of the deal's units, not the deal's quantity.
fn distributive(ctx: &Ctx, c: Clause) -> bool {
    (c.a..c.b).any(|k| matches!(ctx.s.key(k), "इनमें" | "उनमें" | "इनमे" | "जिनमें") || ctx.s.key(k) == "बाकी")
}

/// "करने जा रहा है", "खरीदने जा रहे हैं": about to (not "बताया जा रहा है", a passive).
fn going_to(ctx: &Ctx, c: Clause) -> bool {
    ctx.cues(Cue::Going, c).into_iter().any(|k| k > 0 && ctx.s.key(k - 1).ends_with("ने"))
}

/// An export order ("निर्यात ऑर्डर"): a deal noun right after the word for export.
fn export_order(s: &Sentence, c: Clause, deal: &[usize]) -> bool {
    deal.iter().any(|&k| k > c.a && s.key(k - 1) == "निर्यात")
}

/// Does clause `c` report a delivery? Not talks that reach a stage ("बातचीत अंतिम दौर में पहुंच
/// गई है"), nor a batch that a deal is for.
fn delivered(ctx: &Ctx, c: Clause) -> bool {
    let s = ctx.s;
    // "जिनकी आपूर्ति 2022 तक पूरी हो गई": a supply completed or begun is a delivery
    // ("... की आपूर्ति 2024 से जारी है": going on since)
    let done = |k: usize| {
        (k + 1..(k + 6).min(c.b)).any(|j| matches!(s.key(j), "पूरी" | "शुरू"))
            && (k + 2..(k + 8).min(c.b)).any(|j| matches!(s.key(j), "गई" | "गयी" | "हुई" | "चुकी"))
            || (k + 1..(k + 6).min(c.b)).any(|j| s.key(j) == "जारी" && matches!(s.key(j + 1), "है" | "हैं" | "था" | "थी"))
    };
    if ctx.cues(Cue::Supply, c).into_iter().any(|k| s.key(k) == "आपूर्ति" && done(k) && !ctx.negated(k, c))
    {
        return true;
    }
    // "... की पूरी स्क्वाड्रन आयात कर ली है": an import completed is a delivery
    let imported = ctx.cues(Cue::Import, c).into_iter().any(|k| {
        s.key(k) == "आयात"
            && s.key(k + 1) == "कर"
            && matches!(s.key(k + 2), "लिया" | "ली" | "लिए" | "लीं")
            && !ctx.negated(k, c)
    });
    if imported {
        return true;
    }
    ctx.cues(Cue::Deliver, c).into_iter().any(|k| {
        let reached = s.key(k).starts_with("पहुंच")
            && (ctx.has(Cue::Negotiate, c) || k >= 2 && matches!(s.key(k - 2), "दौर" | "चरण" | "स्तर" | "मुकाम"));
        // ("दूसरी खेप के लिए ... सौदा": a batch a deal is for, not one delivered)
        let purpose = s.key(k + 1) == "के" && s.key(k + 2) == "लिए";
        // ("... बनाने का काम सीएसएल को सौंपा", "ठेका एलएंडटी को सौंपा": a contract awarded)
        let before = s
            .args
            .iter()
            .find(|a| a.marker == Marker::Ko && a.end + a.marker_len == k)
            .map_or(k.saturating_sub(1), |a| a.start.saturating_sub(1));
        let awarded = k > c.a && (s.key(before) == "काम" || s.cue(before, Cue::DealNoun));
        // ("अनुबंध के दस्तावेज ... सौंपे गए", "आशय पत्र सौंपा": papers handed over, no units)
        let papers = (k.saturating_sub(8).max(c.a)..k).any(|j| {
            matches!(
                s.key(j),
                "दस्तावेज"
                    | "दस्तावेजों"
                    | "पत्र"
                    | "प्रमाणपत्र"
                    | "प्रस्ताव"
                    | "प्रस्तावों"
            )
        });
        !ctx.negated(k, c) && !reached && !purpose && !awarded && !papers
    })
}

/// The stage a clause reports: cancelled, delivered, signed, approved, under negotiation, or
/// only proposed (planned, wanted, intended).
fn deal_stage(ctx: &Ctx, c: Clause, future: bool, deal_done: bool, wanted: bool) -> DealStatus {
    let live = |cue: Cue| ctx.cues(cue, c).into_iter().any(|k| !ctx.negated(k, c));
    // "प्रस्ताव पर मुहर लगी": a seal on a proposal approves it; on a deal, signs it
    let s = ctx.s;
    let on_proposal = |k: usize| k >= 2 && s.key(k - 1) == "पर" && s.key(k - 2).starts_with("प्रस्ताव");
    let sealed_proposal = ctx.cues(Cue::Sign, c).into_iter().any(|k| !ctx.negated(k, c) && on_proposal(k));
    let sign = ctx.cues(Cue::Sign, c).into_iter().any(|k| !ctx.negated(k, c) && !on_proposal(k));
    if sealed_proposal && !future && !live(Cue::Cancel) {
        return DealStatus::Approved;
    }
    if live(Cue::Cancel) {
        DealStatus::Cancelled
    } else if delivered(ctx, c) && !future {
        DealStatus::Delivered
    } else if sign && !future {
        DealStatus::Signed
    } else if live(Cue::Approve) {
        if future {
            DealStatus::Proposed
        } else {
            DealStatus::Approved
        }
    } else if sign || ctx.has(Cue::Negotiate, c) {
        DealStatus::Negotiating
    } else if deal_done && !future || !future && !wanted && !ctx.has(Cue::Going, c) {
        DealStatus::Signed
    } else {
        DealStatus::Proposed
    }
}

/// The stage a clause about the deal in play reports, if it names one.
fn clause_stage(ctx: &Ctx, c: Clause, planned: bool) -> Option<DealStatus> {
    let live = |cue: Cue| ctx.cues(cue, c).into_iter().any(|k| !ctx.negated(k, c));
    if live(Cue::Cancel) {
        Some(DealStatus::Cancelled)
    } else if delivered(ctx, c) && !planned {
        Some(DealStatus::Delivered)
    } else if live(Cue::Sign) {
        Some(if planned { DealStatus::Negotiating } else { DealStatus::Signed })
    } else if live(Cue::Approve) && !planned {
        Some(DealStatus::Approved)
    } else if live(Cue::Negotiate) && ctx.has(Cue::DealNoun, c) {
        Some(DealStatus::Negotiating)
    } else if !planned
        && ctx
            .cues(Cue::DealNoun, c)
            .iter()
            .any(|&k| !ctx.negated(k, c) && deal_made(ctx.s, k) && ctx.s.key(k + 1) != "की")
    {
        // "सौदा किया था", "करार हुआ": a deal made
        Some(DealStatus::Signed)
    } else {
        None
    }
}

/// A clause that names no system but speaks of the deal in play: "इस डील में 400 मिलियन डॉलर
/// खर्च होंगे", "यह सौदा 2019 में रद्द कर दिया गया", "वर्ष 2018 में किए गए 5.43 अरब डॉलर के अनुबंध
/// के मुताबिक ...".
#[allow(clippy::too_many_arguments)]
fn continue_deal(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    agents: &[(usize, SubjectFrom)],
    from_parties: &[usize],
    between: &[usize],
    amounts: &[grammar::Amount],
    planned: bool,
) {
    let s = ctx.s;
    let deal = ctx.cues(Cue::DealNoun, c);
    if deal.iter().any(|&k| ctx.negated(k, c)) {
        return;
    }
    // "वियतनाम के रक्षा मंत्रालय और ब्रह्मोस एयरोस्पेस के बीच करीब 70 करोड़ डॉलर के सौदे पर बातचीत":
    // a deal between two parties over the system the article speaks of, the side it comes from
    // selling
    if let ([x, y], false, Some((sys, si))) = (between, deal.is_empty(), doc.last_system) {
        let stage = clause_stage(ctx, c, planned);
        if let (true, Some(stage), Some((b, sl))) = (s.idx - si <= 4, stage, orient(lex, out, *x, *y, sys)) {
            let ev = |rule| evidence(s, c.a, c.b, rule, 0.6);
            match stage {
                DealStatus::Negotiating => {
                    push_fact(out, b, Relation::SeeksToBuy, sys, ev("trade.deal-between"));
                    push_fact(out, b, Relation::NegotiatesWith, sl, ev("trade.deal-between"));
                }
                DealStatus::Signed | DealStatus::Delivered => {
                    push_fact(out, b, Relation::Buys, sys, ev("trade.deal-between"));
                    push_fact(out, sl, Relation::Supplies, sys, ev("trade.deal-between"));
                }
                _ => {}
            }
            record_deal(lex, out, ctx, doc, c, b, sl, sys, None, 0.6, amounts, Some(stage));
            return;
        }
    }
    // a deal of the article: pointed at (इस सौदे, यह डील, सौदे के तहत), or priced
    let pointed = deal.iter().any(|&k| {
        k > c.a && matches!(s.key(k - 1), "इस" | "यह" | "इसी" | "उस" | "ये" | "यही")
            || s.key(k + 1) == "के" && s.key(k + 2) == "तहत"
    }) || ctx
        .cues(Cue::Deliver, c)
        .into_iter()
        .chain(ctx.cues(Cue::Supply, c).into_iter().filter(|&k| s.key(k) == "आपूर्ति"))
        // "इनकी डिलीवरी पूरी हो गई", "..., जिनकी आपूर्ति 2022 तक पूरी हो गई": the delivery of the
        // deal in play
        .any(|k| {
            k > c.a
                && matches!(s.key(k - 1), "इनकी" | "इसकी" | "उनकी" | "उसकी" | "जिनकी" | "जिसकी")
                && !ctx.negated(k, c)
        });
    // "फरवरी 2024 में हुए 3.2 अरब डॉलर के करार के तहत", "2018 में किए गए ... अनुबंध के मुताबिक": a
    // deal made at a time the clause names; its date and price are the signing's, whatever else
    // the clause says ("यह डिलीवरी ... के तहत की गई है")
    let made_then = deal.iter().any(|&k| {
        (k.saturating_sub(8).max(c.a)..k).any(|j| {
            let made = matches!(s.key(j), "हुए" | "हुआ" | "हुई")
                || matches!(s.key(j), "किए" | "किया" | "की") && matches!(s.key(j + 1), "गए" | "गया" | "गई");
            made && first_date(s, Clause { a: j.saturating_sub(5).max(c.a), b: j }, doc.date).is_some()
        })
    });
    let stage = if made_then && !planned { Some(DealStatus::Signed) } else { clause_stage(ctx, c, planned) };
    if let Some((di, si)) = doc.last_deal {
        let fresh = s.idx - si <= 3;
        // "भारत ने अक्टूबर 2018 में रूस के साथ पांच स्क्वाड्रन के लिए करार किया था": the parties
        // of the deal in play make a deal, which names no system: that deal
        let (b, sl) = (out.deals[di].buyer, out.deals[di].seller);
        let ours = |p: usize| p == b || p == sl;
        let parties_named = agents.iter().any(|(a, _)| ours(*a)) && from_parties.iter().any(|p| ours(*p));
        // made: "करार किया", "समझौता 2015 में ... हुआ था"
        let made_past = (c.a..c.b).any(|j| {
            matches!(s.key(j), "किया" | "किए" | "हुआ" | "हुए" | "हुई") && matches!(s.key(j + 1), "था" | "थे" | "थी")
        });
        let done = deal.iter().any(|&k| deal_made(s, k)) || ctx.has(Cue::Sign, c) || made_past && !deal.is_empty();
        if s.idx - si <= 6 && parties_named && !deal.is_empty() && !planned {
            let q = quantity(ctx, c, amounts, usize::MAX).filter(|_| !distributive(ctx, c));
            let stage = stage.or(done.then_some(DealStatus::Signed));
            add_to_deal(out, ctx, doc, c, di, q, amounts, stage, true);
            return;
        }
        // a second or new deal of the same parties ("इसके बाद रक्षा मंत्रालय ने 97 और विमानों के लिए
        // दूसरा अनुबंध किया"): the same trade, another record
        let named_ours = agents.iter().map(|x| x.0).chain(from_parties.iter().copied()).all(ours);
        if s.idx - si <= 6 && named_ours && !agents.is_empty() && another_deal(ctx, c, &deal) && !planned {
            let q = quantity(ctx, c, amounts, usize::MAX).filter(|_| !distributive(ctx, c));
            let stage = stage.or(done.then_some(DealStatus::Signed));
            let d = &out.deals[di];
            out.deals.push(Deal::new(d.buyer, d.seller, d.system));
            let new = out.deals.len() - 1;
            add_to_deal(out, ctx, doc, c, new, q, amounts, stage, false);
            return;
        }
        // another state's deal is another deal ("भारत ने 2022 में फिलीपींस के साथ ... करार किया था"
        // after Indonesia's), and so is an export order beside a purchase at home ("उसे एक
        // अंतरराष्ट्रीय ग्राहक से ... के निर्यात ऑर्डर मिले हैं")
        // (an export beside a purchase at home; the deal in play may be the export itself: "37.5 करोड़
        // डॉलर का यह अनुबंध भारत का ... सबसे बड़ा रक्षा निर्यात सौदा है")
        let at_home = party_state(lex, out, sl) == Some(b);
        // ("24 विमानों के 5.2 अरब यूरो के सौदे पर दस्तखत किए थे" beside a deal of 30: a deal of its own
        // units, not pointed at)
        let units_here = quantity(ctx, c, amounts, usize::MAX).filter(|_| !distributive(ctx, c));
        let own_units = !pointed
            && !deal.is_empty()
            && units_here.is_some_and(|q| !out.deals[di].quantity.is_empty() && !out.deals[di].quantity.contains(&q));
        let other = !named_ours || another_deal(ctx, c, &deal) || export_order(s, c, &deal) && at_home || own_units;
        // "वायुसेना के पास फिलहाल 36 राफेल हैं, जिनकी खरीद का करार ... सितंबर 2016 में हुआ था": a
        // relative clause on units just counted, other than the deal in play's, is their own deal
        let relative = matches!(s.key(c.a), "जिनकी" | "जिनके" | "जिसकी" | "जिसके" | "जिन्हें");
        let units = doc.counted.filter(|(x, q, at)| {
            *x == out.deals[di].system
                && *at == s.idx
                && !out.deals[di].quantity.is_empty()
                && !out.deals[di].quantity.contains(q)
        });
        if let (true, Some((_, q, _)), false, true) = (relative, units, deal.is_empty(), named_ours) {
            let stage = stage.or(done.then_some(DealStatus::Signed));
            let d = &out.deals[di];
            out.deals.push(Deal::new(d.buyer, d.seller, d.system));
            let new = out.deals.len() - 1;
            add_to_deal(out, ctx, doc, c, new, Some(q), amounts, stage, false);
            return;
        }
        if fresh
            && !other
            // ("अब तक ... 1.2 लाख करोड़ रुपये के अनुबंध": a running total, no one deal's value)
            && !ctx.has(Cue::RunningTotal, c)
            && (pointed || !deal.is_empty() && (!amounts.is_empty() || stage.is_some()))
        {
            let q = quantity(ctx, c, amounts, usize::MAX).filter(|_| !distributive(ctx, c));
            // "यह समझौता 2015 में हुआ था": when it was made
            let stage = stage.or((done && pointed && !planned).then_some(DealStatus::Signed));
            add_to_deal(out, ctx, doc, c, di, q, amounts, stage, true);
            return;
        }
        // "इस डील में 400 मिलियन डॉलर खर्च होंगे", "इसकी कीमत 3 अरब डॉलर है": a price alone
        // ("इस खरीद के लिए ... 5,000 करोड़ रुपये चुकाए जा रहे हैं": paid)
        let priced = (c.a..c.b).any(|k| {
            matches!(
                s.key(k),
                "कीमत"
                    | "लागत"
                    | "मूल्य"
                    | "खर्च"
                    | "कुल"
                    | "चुकाए"
                    | "चुकाई"
                    | "चुकाने"
                    | "भुगतान"
            )
        });
        let pointed = pointed
            || (c.a..c.b)
                .any(|k| matches!(s.key(k), "इस" | "यह" | "इसी") && s.cue(k + 1, Cue::Buy) && s.key(k + 2) != "का");
        // (in the sentence after, or in a relative clause: "... अनुबंध किया, जिसकी कीमत ...")
        let relative = matches!(s.key(c.a), "जिसकी" | "जिसका" | "जिसके" | "जिसमें" | "जिनकी" | "जिनके" | "जिन");
        if fresh && !other && !amounts.is_empty() && (priced || pointed) && (s.idx > si || relative) {
            add_to_deal(out, ctx, doc, c, di, None, amounts, stage, true);
            return;
        }
    }
    // (not an export order from a customer left unnamed: "उसे एक अंतरराष्ट्रीय ग्राहक से 1,400 करोड़
    // रुपये के निर्यात ऑर्डर मिले हैं")
    if let (Some(&k), Some((sys, si)), false) = (deal.first(), doc.last_system, export_order(s, c, &deal)) {
        if !amounts.is_empty() && s.idx - si <= 4 && !ctx.negated(k, c) && !planned && !ctx.has(Cue::RunningTotal, c) {
            let buyer = agents.first().map(|x| x.0).or(doc.last_buyer);
            let seller = from_parties.first().copied().or(doc.last_seller).or_else(|| origin(lex, out, sys));
            // (a seller named who is not where the system comes from is a party to another deal:
            // "ग्रीस के साथ 20 करोड़ यूरो की डील अटकी")
            let unrelated = agents.is_empty() && from_parties.first().is_some_and(|&p| !comes_from(lex, out, sys, p));
            if let (Some(b), Some(sl), false) = (buyer, seller, unrelated) {
                record_deal(lex, out, ctx, doc, c, b, sl, sys, None, 0.6, amounts, stage.or(Some(DealStatus::Signed)));
            }
        }
    }
}

/// The state a system comes from, by the lexicon.
pub(super) fn origin(lex: &Lexicon, out: &mut Extraction, sys: usize) -> Option<usize> {
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
        if in_amount(k) || ctx.covered[k] || grammar::year_of(t).is_some() {
            return None;
        }
        // part of a model's designation, glued by a hyphen: "एआईएम-120सी-8"
        let glued =
            k >= 2 && s.key(k - 1) == "-" && s.toks[k - 1].end == t.start && s.toks[k - 2].end == s.toks[k - 1].start;
        // ("एफ-16 ब्लॉक 72", "टाइप 209": a model's number)
        let model = k >= 1 && matches!(s.key(k - 1), "ब्लॉक" | "मार्क" | "टाइप" | "सीरीज" | "संस्करण" | "वर्जन");
        if glued || model {
            return None;
        }
        let v = grammar::numeral(t)?;
        // "दो दर्जन राफेल": two dozen
        let v = if s.key(k + 1) == "दर्जन" { v * 12.0 } else { v };
        (v >= 1.0 && v.fract() == 0.0 && v < 10_000_000.0).then_some(v as u64)
    };
    // the number before the noun, over up to two describing words: "छह और एमएच-60आर",
    // "156 हल्के लड़ाकू हेलीकॉप्टर", "तीन अतिरिक्त स्क्वाड्रन"
    let before = |k: usize| -> Option<u64> {
        for j in 1..=3 {
            let at = k.checked_sub(j)?;
            if at < c.a {
                return None;
            }
            if let Some(q) = ok(at) {
                return Some(q);
            }
            // "पहली बैटरी", "चौथी स्क्वाड्रन", "आखिरी युद्धपोत": one (not "दूसरी खेप", a
            // consignment of some)
            // ("आखिरी टैंक ... सौंप दिए गए": the last ones, a plural verb)
            let plural = (k + 1..c.b).any(|j| matches!(s.key(j), "गए" | "दिए" | "गईं" | "दीं" | "हैं" | "थे" | "थीं" | "आए"));
            if j == 1 && ordinal(s.key(at)) && !plural && !matches!(s.key(k), "खेप" | "जत्था" | "बैच")
            {
                return Some(1);
            }
            let t = &s.toks[at];
            let describing = t.kind == crate::text::TokenKind::Word
                && !ctx.covered[at]
                && (s.cue(at, Cue::More) || s.cue(at, Cue::And) || !s.cue(at, Cue::Stop))
                && grammar::numeral(t).is_none();
            if !describing {
                return None;
            }
        }
        None
    };
    // ("28 यूरोफाइटर में से आखिरी दो": the number before a partitive is the whole, not the units)
    let whole = |end: usize| s.key(end) == "में" && s.key(end + 1) == "से";
    // ("आठ स्ट्राइकर ... में से पहले चार ... सौंप दिए गए": the units are the number after it)
    for k in c.a..c.b.saturating_sub(2) {
        // (not of consignments: "पांच खेप में से दो ... नहीं आ पाई हैं")
        let batches = k > 0 && matches!(s.key(k - 1), "खेप" | "खेपों" | "जत्था" | "जत्थों" | "बैच" | "किस्तों");
        if s.key(k) == "में" && s.key(k + 1) == "से" && !batches {
            let mut j = k + 2;
            if matches!(s.key(j), "पहले" | "पहली" | "आखिरी" | "अंतिम" | "शुरुआती" | "बाकी")
            {
                j += 1;
            }
            if let Some(q) = ok(j) {
                return Some(q);
            }
        }
    }
    for (_, a) in ctx.args_in(c) {
        if a.ent == sys && a.start > 0 && !whole(a.end) {
            if let Some(q) = before(a.start) {
                return Some(q);
            }
        }
    }
    // छह पनडुब्बियां, पांच इकाइयों
    // (and a noun for a kind of system: "तीन पनडुब्बियां", "12 विमान")
    let kind = |k: usize| kind_noun(s, k);
    (c.a + 1..c.b)
        .filter(|&k| (s.cue(k, Cue::Unit) || s.cue(k, Cue::SystemNoun) || kind(k)) && !ctx.covered[k])
        .filter(|&k| !whole(k + 1))
        .find_map(before)
}

/// "पहला विमान फरवरी 2023 में पहुंचा था", "इनमें से पहली बैटरी अप्रैल 2024 में भेजी गई थी", "पहले
/// तीन हेलीकॉप्टर जुलाई में आए थे": units of the deal in play that came at a time the clause
/// names, a delivery of their own. True when it recorded one.
fn earlier_part(
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    systems: &[(usize, usize, bool)],
) -> bool {
    let s = ctx.s;
    let Some((di, si)) = doc.last_deal else { return false };
    if s.idx < si || s.idx - si > 3 || ctx.planned(c) {
        return false;
    }
    let sys = out.deals[di].system;
    // (a clause naming another system speaks of that one)
    if systems.iter().any(|x| x.2 && x.0 != sys) {
        return false;
    }
    // the ordinal opens the clause, after "इनमें से", "जिनमें से", "इसकी", "इस श्रेणी का"
    let Some(k) = (c.a..(c.a + 5).min(c.b)).find(|&k| {
        ordinal(s.key(k)) && !matches!(s.key(k), "आखिरी" | "अंतिम")
            || s.key(k) == "पहले" && grammar::numeral(&s.toks[k + 1]).is_some()
    }) else {
        return false;
    };
    let (q, next) = match s.toks.get(k + 1).and_then(grammar::numeral) {
        Some(v) if v >= 1.0 && v.fract() == 0.0 && v < 100.0 && grammar::year_of(&s.toks[k + 1]).is_none() => {
            (v as u64, k + 2)
        }
        _ => (1, k + 1),
    };
    // (of units: a unit or kind noun, the system itself, or nothing before the date: "पहला 2022 में")
    let kind = |j: usize| kind_noun(s, j);
    let of_units = s.cue(next, Cue::Unit) && !matches!(s.key(next), "खेप" | "जत्था" | "बैच")
        || s.cue(next, Cue::SystemNoun)
        || kind(next)
        || systems.iter().any(|x| x.0 == sys && x.1 == next)
        || grammar::year_of(&s.toks[next]).is_some()
        || grammar::month_word(s.key(next)).is_some();
    if !of_units {
        return false;
    }
    // came, was sent or handed over, at a time told: "... में पहुंचा था", "... में भेजी गई थी"
    let Some(date) = first_date(s, Clause { a: k, b: c.b }, doc.date) else { return false };
    let came = (next..c.b).any(|j| {
        let w = s.key(j);
        ["पहुंच", "पहुँच", "भेज", "सौंप", "उतर"].iter().any(|p| w.starts_with(p))
            || matches!(w, "आए" | "आया" | "आई" | "आईं" | "मिला" | "मिली" | "मिले" | "मिलीं")
    });
    let past = (next..c.b).any(|j| matches!(s.key(j), "था" | "थी" | "थे" | "थीं" | "चुका" | "चुकी" | "चुके"));
    if !came || !past || (k..c.b).any(|j| ctx.negated(j, c)) {
        return false;
    }
    let (b, sl) = (out.deals[di].buyer, out.deals[di].seller);
    let seen = out.deals.iter().any(|d| {
        d.buyer == b && d.system == sys && d.status.contains(&DealStatus::Delivered) && d.date.contains(&date)
    });
    if seen {
        return false;
    }
    let mut part = Deal::new(b, sl, sys);
    part.quantity = vec![q];
    part.date = vec![date];
    part.status = vec![DealStatus::Delivered];
    part.evidence.push(evidence(s, c.a, c.b, "trade.earlier-part", 0.6));
    out.deals.push(part);
    true
}

/// Is the word at `k` a noun for a kind of system ("पनडुब्बी", "विमान")?
pub(super) fn kind_noun(s: &Sentence, k: usize) -> bool {
    s.cues.get(k).is_some_and(|v| v.iter().any(|(c, _)| matches!(c, Cue::Class(_))))
}

/// An ordinal of one unit in a series: "दूसरा", "चौथी", "पांचवीं", "आखिरी" (not "पहले", which is
/// also "earlier").
fn ordinal(w: &str) -> bool {
    matches!(
        w,
        "पहला"
            | "पहली"
            | "दूसरा"
            | "दूसरी"
            | "तीसरा"
            | "तीसरी"
            | "चौथा"
            | "चौथी"
            | "पांचवां"
            | "पांचवीं"
            | "पांचवा"
            | "पांचवी"
            | "छठा"
            | "छठी"
            | "सातवां"
            | "सातवीं"
            | "आठवां"
            | "आठवीं"
            | "नौवां"
            | "नौवीं"
            | "दसवां"
            | "दसवीं"
            | "आखिरी"
            | "अंतिम"
    )
}

/// "भारत फ्रांस के साथ ... सौदे पर हस्ताक्षर करेगा। इस समझौते के तहत 26 राफेल-एम खरीदे जाएंगे":
/// a clause that names the systems "under this deal" completes the deal of two parties told just
/// before, its seller being the side the system comes from. True when it did.
fn pair_system(
    lex: &Lexicon,
    out: &mut Extraction,
    doc: &mut Discourse,
    ctx: &Ctx,
    c: Clause,
    systems: &[(usize, usize, bool)],
) -> bool {
    let s = ctx.s;
    let Some(p) = doc.pending_pair.clone().filter(|p| s.idx >= p.sentence && s.idx - p.sentence <= 2) else {
        return false;
    };
    let under = (c.a + 1..c.b).any(|k| {
        s.key(k) == "तहत"
            && (matches!(s.key(k - 1), "इसके" | "जिसके") || s.key(k - 1) == "के" && k >= 2 && s.cue(k - 2, Cue::DealNoun))
    });
    // (or listed in it: "..., जिनमें 6,01,427 एके-203 ... की खरीद का अनुबंध भी है", "इस पैकेज में सी-130
    // ... शामिल हैं")
    let listing = (c.a..c.b)
        .any(|k| matches!(s.key(k), "इनमें" | "जिनमें" | "इसमें" | "जिसमें") || s.key(k) == "पैकेज" && s.key(k + 1) == "में")
        && (c.a..c.b).any(|k| s.key(k) == "शामिल" || s.key(k) == "भी" && matches!(s.key(k + 1), "है" | "हैं"));
    let named: Vec<usize> = systems.iter().filter(|x| x.2).map(|x| x.0).collect();
    if !(under || listing) || named.is_empty() || ctx.has(Cue::Negation, c) {
        return false;
    }
    let amounts = grammar::amounts(&s.toks[c.a..c.b]);
    let mut done = false;
    for sys in named {
        let Some((b, sl)) = orient(lex, out, p.parties.0, p.parties.1, sys) else { continue };
        let ev = |rule| evidence(s, c.a, c.b, rule, 0.7);
        if p.stage.concluded() {
            push_fact(out, b, Relation::Buys, sys, ev("trade.pair-system"));
            push_fact(out, sl, Relation::Supplies, sys, ev("trade.pair-system"));
        } else if p.stage != DealStatus::Cancelled {
            push_fact(out, b, Relation::SeeksToBuy, sys, ev("trade.pair-system"));
        }
        record_deal(lex, out, ctx, doc, c, b, sl, sys, Some(sys), 0.7, &amounts, Some(p.stage));
        if let Some((di, _)) = doc.last_deal {
            let d = &mut out.deals[di];
            for v in &p.values {
                if !d.value.contains(v) {
                    d.value.push(*v);
                }
            }
            if let Some(dt) = &p.date {
                if !d.date.contains(dt) {
                    d.date.insert(0, *dt);
                }
            }
        }
        done = true;
    }
    if done {
        doc.pending_pair = None;
    }
    done
}

/// Records (or adds to) the deal of `buyer`, `seller` and `sys` that clause `c` reports, and makes
/// it the deal in play for the sentences after.
#[allow(clippy::too_many_arguments)]
fn record_deal(
    lex: &Lexicon,
    out: &mut Extraction,
    ctx: &Ctx,
    doc: &mut Discourse,
    c: Clause,
    buyer: usize,
    seller: usize,
    sys: usize,
    explicit: Option<usize>,
    cf: f32,
    amounts: &[grammar::Amount],
    stage: Option<DealStatus>,
) {
    if buyer == seller {
        return;
    }
    // "भारत ने फिलीपींस के साथ ब्रह्मोस का करार किया": the side the system comes from sells; but a
    // state buying from its own company buys ("मंत्रालय ने बीईएल के साथ अश्विनी रडार का करार")
    let own_company = out.entities[seller].etype == EntityType::Organization
        && out.entities[seller].lexicon.and_then(|l| lex.entries[l].country) == out.entities[buyer].lexicon
        && out.entities[buyer].lexicon.is_some();
    let (buyer, seller) = match orient(lex, out, buyer, seller, sys) {
        Some((b, sl)) if b == seller && !own_company => (b, sl),
        _ => (buyer, seller),
    };
    record_oriented(out, ctx, doc, c, buyer, seller, sys, explicit, cf, amounts, stage);
}

/// Records a deal whose buyer and seller are known for sure (see [`record_deal`]).
#[allow(clippy::too_many_arguments)]
fn record_oriented(
    out: &mut Extraction,
    ctx: &Ctx,
    doc: &mut Discourse,
    c: Clause,
    buyer: usize,
    seller: usize,
    sys: usize,
    explicit: Option<usize>,
    cf: f32,
    amounts: &[grammar::Amount],
    stage: Option<DealStatus>,
) {
    // the system's own units, else (for a system only implied) any units in the clause
    let q = quantity(ctx, c, amounts, sys)
        .or_else(|| explicit.is_none().then(|| quantity(ctx, c, amounts, usize::MAX)).flatten())
        .or_else(|| {
            let told = doc.counted.filter(|(x, _, si)| *x == sys && *si < ctx.s.idx && ctx.s.idx - si <= 2);
            // ("ये राफेल": these, of a kind counted just before)
            let these = pointed_back(ctx, c, sys);
            let kind = doc.counted.filter(|(x, _, si)| *x == usize::MAX && *si + 1 == ctx.s.idx).filter(|_| these);
            explicit.is_none().then_some(told).flatten().or(kind).map(|x| x.1)
        });
    // the same parties and system: the deal already reported, unless what this clause says of it
    // is another event (add_to_deal tells)
    let di = match recent_deal(out, |d| d.buyer == buyer && d.seller == seller && d.system == sys) {
        Some(i) => i,
        None => {
            out.deals.push(Deal::new(buyer, seller, sys));
            out.deals.len() - 1
        }
    };
    add_to_deal(out, ctx, doc, c, di, q, amounts, stage, false);
    if let Some(e) = out.deals[di].evidence.last_mut() {
        e.confidence = cf;
    }
    // a delivery reported just before without its seller: this deal's
    let waiting = doc.pending.filter(|p| {
        p.received && p.buyer == buyer && p.system == sys && p.sentence < ctx.s.idx && ctx.s.idx - p.sentence <= 2
    });
    if let Some(p) = waiting {
        doc.pending = None;
        let mut delivery = Deal::new(buyer, seller, sys);
        delivery.quantity.extend(p.units);
        delivery.date.extend(p.date);
        delivery.status.push(DealStatus::Delivered);
        delivery.evidence.push(p.evidence);
        out.deals.push(delivery);
    }
    // "इज़राइल की राफेल एडवांस्ड डिफेंस सिस्टम्स से", "तुर्किये और उसकी कंपनी बायकर के साथ": the
    // company's state, named with it, sells too
    if out.entities[seller].etype == EntityType::Organization {
        if let Some(state) = state_named_with(ctx, c, seller).filter(|&st| st != buyer && st != seller) {
            // (the company's side: "एचएएल ने अमेरिका की कंपनी जीई एयरोस्पेस के साथ ...", never the buyer)
            record_oriented(out, ctx, doc, c, buyer, state, sys, explicit, cf, amounts, stage);
            // (the state's record is a second view of the same deal: the company's stays in play)
            doc.last_deal = Some((di, ctx.s.idx));
        }
    }
}

/// The state named with company `org` in clause `c`: "इज़राइल की राफेल ... से" (its genitive right
/// before), "तुर्किये और उसकी ड्रोन कंपनी बायकर" (a state, then "उसकी ... कंपनी"), "इटली की सरकार
/// और उसकी कंपनी लियोनार्डो".
fn state_named_with(ctx: &Ctx, c: Clause, org: usize) -> Option<usize> {
    let s = ctx.s;
    let (i, a) = ctx.args_in(c).find(|(_, a)| a.ent == org && !a.nested)?;
    let before = s.args[..i].iter().rev().find(|b| !b.nested)?;
    if before.etype != EntityType::Country || before.start < c.a {
        return None;
    }
    let gap = a.start.saturating_sub(before.end + before.marker_len);
    match before.marker {
        // "इज़राइल की [सरकारी कंपनी] राफेल"
        Marker::Gen => (gap <= 2).then_some(before.ent),
        // "तुर्किये [की सरकार] और उसकी [ड्रोन] कंपनी बायकर"
        _ => {
            let between = (before.end..a.start).map(|k| s.key(k)).collect::<Vec<_>>();
            // ("तुर्की और वहां की कंपनी बायकर": the company of the state there)
            let theirs = between.iter().any(|k| matches!(*k, "उसकी" | "उसके" | "उसका"))
                || between.windows(2).any(|w| w[0] == "वहां" && matches!(w[1], "की" | "के" | "का"));
            let and = between.iter().any(|k| matches!(*k, "और" | "तथा" | "एवं"));
            (theirs && and && between.len() <= 7).then_some(before.ent)
        }
    }
}

/// Adds what clause `c` says of deal `di` (`continued`: the deal in play, pointed back to): units,
/// value, date, stage.
#[allow(clippy::too_many_arguments)]
fn add_to_deal(
    out: &mut Extraction,
    ctx: &Ctx,
    doc: &mut Discourse,
    c: Clause,
    di: usize,
    q: Option<u64>,
    amounts: &[grammar::Amount],
    stage: Option<DealStatus>,
    continued: bool,
) {
    let s = ctx.s;
    // the date of the deal: in the clause, else in the sentence before it (one after it is another
    // clause's: "..., जबकि 2021 में अमेरिका ने ..."); never a year inside an amount
    // ("2022 तक पूरी हो गई": a delivery done by then is dated then)
    let done_by = || {
        let by = grammar::dates(&s.toks[c.a..c.b], doc.date).into_iter().find(|d| s.key(c.a + d.end) == "तक");
        by.filter(|_| stage == Some(DealStatus::Delivered) && !ctx.planned(c)).map(|d| d.date)
    };
    let named = first_date(s, c, doc.date)
        .or_else(done_by)
        .or_else(|| first_date(s, Clause { a: 0, b: c.a }, doc.date))
        // "सोमवार को ... हस्ताक्षर किए": the day it was signed, seen from the article's date
        .or_else(|| date_of_clause(ctx, doc, c, false));
    let guess = named.is_none().then(|| guessed_date(ctx, doc, c, stage)).flatten();
    // a date guessed before gives way to the one the text names when it speaks of the deal again
    // ("... करार किया है। यह समझौता फरवरी 2025 में हुआ था"), for every deal the guess was made for
    if let (true, Some(dt)) = (continued, named) {
        let d = &out.deals[di];
        let same_stage = stage.is_none_or(|st| d.status.is_empty() || d.status.contains(&st));
        if let Some(&(_, si)) = doc.guessed.iter().find(|(g, _)| *g == di).filter(|_| same_stage) {
            for &(g, _) in doc.guessed.iter().filter(|(_, gs)| *gs == si) {
                out.deals[g].date = vec![dt];
            }
            doc.guessed.retain(|(_, gs)| *gs != si);
        }
    }
    // a time to come ("पहले राफेल 2027 में मिलेंगे") is no date of a deal already reached
    let reached = out.deals[di].status.iter().any(|st| *st != DealStatus::Proposed);
    let date = named.or(guess).filter(|_| !(reached && stage.is_none() && ctx.planned(c)));
    // another event of the same trade: another stage ("2015 में करार ... 2025 में रद्द"), another
    // year, other units ("83 विमानों का सौदा ... 97 और विमानों का सौदा"): a deal record of its own.
    // What is said of the deal in play ("इस सौदे में 73 लड़ाकू और 10 प्रशिक्षण विमान") is one only
    // at another stage; its other units and times are parts of it. A record of a later stage
    // keeps the units and value of the deal it moves on, unless the clause gives its own
    let d = &out.deals[di];
    let other_stage = stage.is_some_and(|st| !d.status.is_empty() && !d.status.contains(&st));
    let other_date = date.is_some_and(|dt| !d.date.is_empty() && !d.date.iter().any(|x| same_date(x, &dt)));
    let other_units = q.is_some_and(|q| !d.quantity.is_empty() && !d.quantity.contains(&q));
    let (q, date) =
        if continued && !other_stage { (q.filter(|_| !other_units), date.filter(|_| !other_date)) } else { (q, date) };
    let split = other_stage || !continued && (other_date || other_units);
    let di = if split {
        let carried = continued || !other_units && !other_date;
        let mut next = Deal::new(d.buyer, d.seller, d.system);
        // (the units of a deal go on to its later stages, not back: a first delivery's one
        // battery is not the contract's)
        // (a cancelled deal's units are the ones it was made for: they go back to its signing)
        let earlier =
            stage.is_some_and(|st| d.status.iter().all(|x| st < *x) && d.status.contains(&DealStatus::Delivered));
        if carried && q.is_none() && !earlier {
            next.quantity = d.quantity.clone();
        }
        if carried && amounts.is_empty() {
            next.value = d.value.clone();
        }
        out.deals.push(next);
        out.deals.len() - 1
    } else {
        di
    };
    let d = &mut out.deals[di];
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
    if named.is_some() {
        doc.guessed.retain(|(g, _)| *g != di);
    } else if guess.is_some() && d.date.len() == 1 {
        doc.guessed.retain(|(_, si)| s.idx - si <= 3);
        doc.guessed.push((di, s.idx));
    }
    if let Some(st) = stage {
        if !d.status.contains(&st) {
            d.status.push(st);
            d.status.sort_unstable();
        }
    }
    d.evidence.push(evidence(s, c.a, c.b, "deal.record", 0.6));
    // the price of the deal in play is the price of its other stages the article told before
    // ("2023 में सौदा किया था और 2025 में डिलीवरी पूरी हुई। इस सौदे की कीमत ...")
    if let (true, Some(a)) = (continued, amounts.first()) {
        let (b, sl, sys, units) = (d.buyer, d.seller, d.system, d.quantity.clone());
        let lo = out.deals.len().saturating_sub(WINDOW);
        for (i, o) in out.deals.iter_mut().enumerate().skip(lo) {
            let same = o.buyer == b && o.seller == sl && o.system == sys && i != di;
            if same && o.value.is_empty() && (o.quantity.is_empty() || o.quantity == units) {
                o.value.push((a.value, a.currency));
            }
        }
    }
    doc.last_deal = Some((di, s.idx));
}

/// A date for a deal whose clause names none: the day the sentence before named, for a stage
/// reached ("गुरुवार को हुई बैठक में ... जिसके तहत"); the article's month for one just reached
/// ("करार किया है", "मंजूरी दे दी है") or under way ("बातचीत कर रहा है").
fn guessed_date(ctx: &Ctx, doc: &Discourse, c: Clause, stage: Option<DealStatus>) -> Option<PartialDate> {
    let s = ctx.s;
    // "गुरुवार को हुई परिषद की बैठक में ... प्रस्तावों को स्वीकृति दी गई। ... भारत ... खरीदेगा": the
    // day of the approval the purchase comes under
    if stage == Some(DealStatus::Approved) {
        if let Some((_, Some(d))) = doc.last_approval.filter(|(si, _)| s.idx - si <= 4) {
            return Some(d);
        }
    }
    // "बैठक के बाद दोनों देशों ने ... दस्तावेजों पर दस्तखत किए। इनमें ... आशय पत्र है, जिसके तहत
    // इंडोनेशिया ... खरीदने पर आगे बढ़ेगा": a purchase under a paper just signed, of that day
    let under = (c.a + 1..c.b).any(|k| {
        s.key(k) == "तहत"
            && (matches!(s.key(k - 1), "जिसके" | "इसके")
                || k >= 3
                    && s.key(k - 1) == "के"
                    && s.cue(k - 2, Cue::DealNoun)
                    && matches!(s.key(k - 3), "इस" | "उस" | "इसी"))
    });
    if under {
        if let Some((d, _)) = doc.last_date.filter(|(_, si)| *si < s.idx && s.idx - si <= 3 && !doc.last_date_dateline)
        {
            return Some(d);
        }
    }
    // ("सऊदी अरब इससे पहले ... खरीद चुका है": an earlier purchase, of no day told here)
    if (c.a..c.b).any(|k| s.key(k) == "पहले" && matches!(s.key(k.saturating_sub(1)), "इससे" | "उससे"))
    {
        return None;
    }
    let reached = stage.is_some_and(|st| st != DealStatus::Proposed);
    // (not for a plan, whose day is still to come)
    let before = doc.last_date.filter(|(_, si)| reached && s.idx - si <= 1 && !doc.last_date_dateline).map(|(d, _)| d);
    before.or_else(|| {
        let done = stage.is_some_and(|st| st != DealStatus::Proposed && st != DealStatus::Negotiating);
        let under_way = stage == Some(DealStatus::Negotiating);
        // (and a simple past that ends the clause: "... समझौते पर हस्ताक्षर किए।", "सौदा रद्द हो
        // गया।": news of the article's days, unlike a pluperfect "... किया था")
        let told_past = |k: usize| {
            grammar::perfect_participle(s.key(k)) && (k + 1 >= c.b || matches!(s.key(k + 1), "।" | "," | "."))
        };
        // ("... खरीदने का प्रस्ताव रक्षा मंत्रालय को सौंप दिया है": a proposal just made, too)
        let proposed = stage == Some(DealStatus::Proposed);
        let now = (c.a + 1..c.b).any(|k| {
            matches!(s.key(k), "है" | "हैं")
                && ((done || proposed) && grammar::perfect_participle(s.key(k - 1))
                    || under_way && matches!(s.key(k - 1), "रहा" | "रही" | "रहे"))
                || done && told_past(k)
        });
        doc.date.filter(|_| now).map(|d| PartialDate::YearMonth(d.year(), d.month()))
    })
}

/// After a sentence: a deal the sentence before dated by the article's month alone takes the day
/// this sentence names in that month, when it opens no deal of its own ("भारत ने फिलीपींस को
/// ब्रह्मोस की दूसरी खेप सौंप दी है। ... विमान सोमवार को मनीला के पास ... उतरा").
pub(super) fn refine_guessed_dates(out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx) {
    let s = ctx.s;
    let before: Vec<usize> = doc.guessed.iter().filter(|(_, si)| si + 1 == s.idx).map(|x| x.0).collect();
    // (a sentence that opens a deal of its own speaks of that one)
    let opens = |d: &Deal| d.evidence.first().is_some_and(|e| e.sentence == s.idx);
    // a delivery waiting for its deal, told without its day: "बहरीन को ... दो एफ-16 मिल गए हैं।
    // ... मंगलवार को हुए समारोह में ये विमान सौंपे गए"
    let waiting = doc.pending.is_some_and(|p| {
        p.received && p.sentence + 1 == s.idx && !matches!(p.date, Some(PartialDate::Day(_) | PartialDate::Year(_)))
    });
    if before.is_empty() && !waiting || out.deals.iter().rev().take(WINDOW).any(opens) {
        return;
    }
    // (a delivery's day is when it came, not when it was told: "प्रवक्ता ने मंगलवार को बताया कि
    // ... उतरे")
    if waiting {
        if let Some(d @ PartialDate::Day(_)) = super::event_day_of(ctx, doc, true) {
            if let Some(p) = doc.pending.as_mut() {
                p.date = Some(d);
            }
        }
    }
    let Some(PartialDate::Day(day)) = super::event_day(ctx, doc) else { return };
    for di in before {
        let d = &mut out.deals[di];
        if let [PartialDate::YearMonth(y, m)] = d.date.as_slice() {
            if day.year() == *y && day.month() == *m {
                d.date = vec![PartialDate::Day(day)];
                doc.guessed.retain(|(g, _)| *g != di);
            }
        }
    }
}

/// Is the deal noun at `k` made ("सौदा किया", "करार भी किया", "समझौता हुआ")?
fn deal_made(s: &Sentence, k: usize) -> bool {
    let mut verb = verb_after(s, k);
    // over a date between noun and verb: "अनुबंध 2005 में हुआ था", "करार 12 मार्च को हुआ"
    let dated = |j: usize| {
        let t = &s.toks[j];
        grammar::year_of(t).is_some() || grammar::month_word(s.key(j)).is_some() || grammar::numeral(t).is_some()
    };
    if verb < s.toks.len() && dated(verb) {
        let mut j = verb;
        while j < s.toks.len() && j < verb + 4 && dated(j) {
            j += 1;
        }
        if matches!(s.key(j), "में" | "को") {
            verb = j + 1;
        }
    }
    // over the other party: "सौदा हिंदुस्तान एयरोनॉटिक्स लिमिटेड के साथ किया"
    if let Some(a) = s.args.iter().find(|a| a.start == verb && matches!(a.marker, Marker::Saath | Marker::Se)) {
        verb = a.end + a.marker_len;
    }
    match s.key(verb) {
        "किया" | "किए" | "हुआ" | "हुए" | "हुई" => true,
        // "सौदा कर लिया है", "करार कर चुका है"
        "कर" => matches!(s.key(verb + 1), "लिया" | "ली" | "लिए" | "चुका" | "चुकी" | "चुके" | "दिया"),
        // "ऑर्डर दिया था": an order placed
        "दिया" | "दिए" => matches!(s.key(k), "ऑर्डर" | "ठेका" | "ठेके" | "कॉन्ट्रैक्ट"),
        // "डील की" (made), not "सौदे की कीमत" (the deal's price)
        "की" => matches!(s.key(verb + 1), "है" | "हैं" | "थी" | "थे" | "गई" | "।" | "," | "और" | ""),
        _ => false,
    }
}

/// The verb after the noun at `k`, over a "भी"/"ही" between them ("करार भी किया").
fn verb_after(s: &Sentence, k: usize) -> usize {
    if matches!(s.key(k + 1), "भी" | "ही") {
        k + 2
    } else {
        k + 1
    }
}

/// Does the clause speak of another deal than the one in play: "दूसरा अनुबंध", "नया सौदा", "एक और
/// करार", "97 और विमानों के लिए"?
fn another_deal(ctx: &Ctx, c: Clause, deal: &[usize]) -> bool {
    let s = ctx.s;
    let new_word = |k: usize| s.cue(k, Cue::Another);
    // ("मई 2022 में हुए पहले अनुबंध की कीमत": the first, earlier one)
    let earlier =
        |k: usize| matches!(s.key(k), "पहले" | "पहला" | "पुराने" | "पुराना") && s.key(k.saturating_sub(1)) != "सबसे";
    deal.iter().any(|&k| {
        k > c.a && (new_word(k - 1) || earlier(k - 1) || k > c.a + 1 && new_word(k - 2) && s.key(k - 1) != "के")
    }) || (c.a..c.b.saturating_sub(1)).any(|k| {
        grammar::numeral(&s.toks[k]).is_some() && (s.cue(k + 1, Cue::More) || s.key(k + 1) == "और") && !ctx.covered[k]
    })
}

/// The latest of the article's last `WINDOW` deals that `f` accepts (an article reports a deal
/// again soon after, never hundreds of deals later; the window keeps extraction linear).
fn recent_deal(out: &Extraction, f: impl Fn(&Deal) -> bool) -> Option<usize> {
    let lo = out.deals.len().saturating_sub(WINDOW);
    out.deals[lo..].iter().rposition(f).map(|i| i + lo)
}

/// Do two dates name the same time, one perhaps more precisely (2025-10 and 2025-10-17)?
fn same_date(a: &PartialDate, b: &PartialDate) -> bool {
    let (x, y) = (a.iso(), b.iso());
    x.starts_with(&y) || y.starts_with(&x)
}

pub(super) fn negotiation(
    out: &mut Extraction,
    ctx: &Ctx,
    c: Clause,
    agents: &[(usize, SubjectFrom)],
    to: &[usize],
    from: &[usize],
) {
    let side = |v: &mut Vec<usize>| {
        v.sort_unstable();
        v.dedup();
        v.retain(|p| matches!(out.entities[*p].etype, EntityType::Country | EntityType::Organization));
    };
    let mut one: Vec<usize> = agents.iter().map(|x| x.0).chain(from.iter().copied()).collect();
    let mut other: Vec<usize> = to.to_vec();
    side(&mut one);
    side(&mut other);
    // the sides talk to each other; of one side alone, its members to each other ("भारत और अमेरिका
    // बातचीत कर रहे हैं"); never those sold to, with each other ("पेरू और बोलीविया को ... बेचने की
    // बातचीत")
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    if other.is_empty() {
        for i in 0..one.len() {
            for j in i + 1..one.len() {
                pairs.push((one[i], one[j]));
            }
        }
    } else {
        for &x in &one {
            for &y in other.iter().filter(|&&y| y != x) {
                pairs.push((x, y));
            }
        }
    }
    for (x, y) in pairs {
        push_fact(out, x, Relation::NegotiatesWith, y, evidence(ctx.s, c.a, c.b, "state.negotiate", 0.75));
    }
}

/// "एस-400 के दूसरे खरीदारों में चीन और तुर्किये शामिल हैं", "ब्रह्मोस के ग्राहकों में फिलीपींस है":
/// the states named among a system's buyers buy it.
pub(super) fn buyers_of(out: &mut Extraction, ctx: &Ctx) {
    let s = ctx.s;
    let Some(k) = (0..s.toks.len()).find(|&k| matches!(s.key(k), "खरीदारों" | "खरीददारों" | "ग्राहकों"))
    else {
        return;
    };
    // (the noun followed by `में`, the system's genitive a word or two before it)
    if s.key(k + 1) != "में" {
        return;
    }
    // (`के` at most two words before the noun, `दूसरे खरीदारों`; the system right before it, or a
    // system noun between, `एस-400 प्रणालियों के`)
    let Some(g) = (k.saturating_sub(3)..k).rev().find(|&g| s.key(g) == "के") else { return };
    let Some(sys) = s.args.iter().find(|a| {
        a.etype == EntityType::WeaponSystem
            && a.end <= g
            && (a.end == g || a.end + 1 == g && s.cue(a.end, Cue::SystemNoun))
    }) else {
        return;
    };
    // (and a verb of membership: शामिल, है/हैं)
    let member = (k + 2..s.toks.len()).any(|i| matches!(s.key(i), "शामिल" | "है" | "हैं"));
    if !member || ctx.negated(k, Clause { a: 0, b: s.toks.len() }) {
        return;
    }
    for a in s.args.iter().filter(|a| a.start > k + 1 && a.etype == EntityType::Country && !a.nested) {
        push_fact(
            out,
            a.ent,
            Relation::Buys,
            sys.ent,
            evidence(s, k.saturating_sub(3), a.end, "trade.among-buyers", 0.75),
        );
    }
}
