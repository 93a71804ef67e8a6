//! Arms-import shares: importer, exporter, percent and period, trends over periods.

use super::*;
use crate::extract::Share;

// ---------------------------------------------------------------------------------------------
// import shares

pub(super) fn shares(out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx) {
    let s = ctx.s;
    let all = Clause { a: 0, b: s.toks.len() };
    if !ctx.has(Cue::Share, all) && !ctx.has(Cue::Import, all) {
        // ("2016-20 में भी रूस ... सबसे बड़ा आपूर्तिकर्ता बना रहा। ... इस दौरान ... 49 प्रतिशत": a
        // period named without figures is the period of those that follow)
        if let Some(&(_, f, t)) = grammar::periods(&s.toks).iter().max_by_key(|p| (p.2, p.1)) {
            doc.last_period = Some((f, t, s.idx));
        }
        return;
    }
    // "नीदरलैंड्स ने ... 97 प्रतिशत हथियार अमेरिका से मंगाए, वहीं ब्रिटेन के आयात में ...": each
    // part with its own importer
    let mut a = 0;
    for k in 1..=s.toks.len() {
        if k == s.toks.len() || matches!(s.key(k), "वहीं" | "जबकि" | ";") && !ctx.covered[k] {
            shares_in(out, doc, ctx, Clause { a, b: k });
            a = k;
        }
    }
}

/// The shares of part `c` of a sentence.
fn shares_in(out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx, c: Clause) {
    let s = ctx.s;
    let inside = |k: usize| (c.a..c.b).contains(&k);
    // (a period compared with, "2015-19 की तुलना में", is not the period of the figures)
    let periods: Vec<(usize, i32, i32)> = grammar::periods(&s.toks[c.a..c.b])
        .into_iter()
        .map(|(k, f, t)| (k + c.a, f, t))
        .filter(|&(k, _, _)| !(s.key(k + 3) == "की" && s.key(k + 4) == "तुलना"))
        .collect();
    if let [a, b, ..] = periods.as_slice() {
        let (x, y) = if a.1 <= b.1 { (a, b) } else { (b, a) };
        doc.last_change = Some(((x.1, x.2), (y.1, y.2), s.idx));
    }
    // "वियतनाम दुनिया के बड़े हथियार आयातकों में है": an importer named so, for the figures here or
    // after
    // (not one of several: "भारत और सऊदी अरब सबसे बड़े आयातक रहे" names no one importer)
    let called_importer = |a: &Arg| {
        a.marker == Marker::Bare
            && !(a.start >= 2 && matches!(s.key(a.start - 1), "और" | "," | "तथा"))
            && (a.end..(a.end + 6).min(c.b)).any(|k| matches!(s.key(k), "आयातक" | "आयातकों"))
    };
    let importer_named =
        s.args.iter().find(|a| a.etype == EntityType::Country && !a.nested && inside(a.start) && called_importer(a));
    if let Some(a) = importer_named {
        doc.last_importer = Some((a.ent, s.idx));
    }
    let this_period =
        (c.a..c.b).any(|k| matches!(s.key(k), "इस" | "इसी" | "उस" | "उसी") && matches!(s.key(k + 1), "अवधि" | "दौरान"));
    let (from, to) = match periods.first() {
        Some(&(_, f, t)) => {
            // (what follows speaks of the latest period named, the report's own: "2015-19 में 84% था,
            // जो 2020-24 में घटकर 43% रह गया। इसी दौरान ...", "2019-23 के दौरान ... 36 प्रतिशत रहा, जो
            // 2014-18 में 58 प्रतिशत था। इसी अवधि में ...")
            let &(_, lf, lt) = periods.iter().max_by_key(|p| (p.2, p.1)).unwrap_or(&(0, f, t));
            doc.last_period = Some((lf, lt, s.idx));
            (f, t)
        }
        // "इस अवधि में", or figures that go on a list begun just before: the period of the
        // sentences just before
        None => match doc.last_period {
            Some((f, t, si)) if (this_period || s.idx - si <= 1) && s.idx - si <= 2 => {
                // (still the period in play: the figures go on)
                doc.last_period = Some((f, t, s.idx));
                (f, t)
            }
            _ => return,
        },
    };
    // percents: N % / N प्रतिशत / N फीसदी; and the N of "N से बढ़कर M फीसदी" (from N to M)
    let percent_word = |k: usize| matches!(s.key(k), "%" | "प्रतिशत" | "फीसदी" | "फीसद");
    let number = |k: usize| {
        let t = &s.toks[k];
        (t.kind == crate::text::TokenKind::Number).then(|| crate::text::number_value(&t.text)).flatten()
    };
    let respectively = (c.a..c.b).any(|k| matches!(s.key(k), "क्रमशः" | "क्रमश"));
    let percents: Vec<(usize, f64)> = (c.a..c.b)
        .filter_map(|k| {
            let v = number(k)?;
            let from_n = s.key(k + 1) == "से"
                && matches!(s.key(k + 2), "बढ़कर" | "घटकर" | "गिरकर" | "बढकर")
                && k + 4 < s.toks.len()
                && number(k + 3).is_some()
                && percent_word(k + 4);
            // (not a change: "कुल आयात 35 प्रतिशत घट गया", "64 प्रतिशत की गिरावट")
            let after = s.key(k + 2);
            let change = ["घट", "बढ़", "बढ", "गिर"].iter().any(|w| after.starts_with(w))
                || after == "की" && matches!(s.key(k + 3), "गिरावट" | "वृद्धि" | "बढ़ोतरी" | "कमी" | "बढ़त");
            // ("क्रमशः 14 और 12 फीसदी": the first of two figures sharing the word)
            let paired = respectively
                && matches!(s.key(k + 1), "और" | "व" | "तथा")
                && k + 3 < s.toks.len()
                && number(k + 2).is_some()
                && percent_word(k + 3);
            (percent_word(k + 1) && !change || from_n || paired).then_some((k, v))
        })
        .filter(|(_, v)| (0.0..=100.0).contains(v))
        // (not a share of the world's imports: "वैश्विक आयात में 8.3 प्रतिशत की भागीदारी")
        .filter(|&(k, _)| {
            !(k.saturating_sub(6).max(c.a)..k)
                .any(|j| matches!(s.key(j), "वैश्विक" | "विश्व" | "दुनिया") && (j + 1..k).any(|i| s.cue(i, Cue::Import)))
        })
        .collect();
    if percents.is_empty() {
        // "रूस अब भी भारत का सबसे बड़ा आपूर्तिकर्ता है, लेकिन उसकी हिस्सेदारी गिर रही है": the
        // share spoken of next ("2015-19 में यह 55 प्रतिशत थी") is that supplier's
        if let Some((imp, _, si)) = doc.last_share.filter(|(_, _, si)| s.idx - si <= 1) {
            let others: BTreeSet<usize> = s
                .args
                .iter()
                .filter(|a| a.etype == EntityType::Country && !a.nested && inside(a.start) && a.ent != imp)
                .map(|a| a.ent)
                .collect();
            if let [supplier] = others.into_iter().collect::<Vec<_>>().as_slice() {
                doc.last_share = Some((imp, *supplier, si.max(s.idx)));
            }
        }
        return;
    }
    // each figure's period: the one named last before it ("2015-19 के 74 फीसदी से घटकर 2020-24 में
    // 52 फीसदी"); with none in the sentence, a change of two figures spans the two periods the
    // sentence before compared ("इजरायल का हिस्सा 13 से बढ़कर 29 फीसदी हो गया")
    let from_to = percents.len() == 2 && s.key(percents[0].0 + 1) == "से" && percents[1].0 == percents[0].0 + 3;
    let change = doc.last_change.filter(|(_, _, si)| periods.is_empty() && from_to && s.idx - si <= 1);
    let period_of = |k: usize| -> (i32, i32) {
        if let Some((early, late, _)) = change {
            return if k == percents[0].0 { early } else { late };
        }
        periods.iter().rev().find(|p| p.0 < k).or(periods.first()).map_or((from, to), |&(_, f, t)| (f, t))
    };
    let states: Vec<&Arg> =
        s.args.iter().filter(|a| a.etype == EntityType::Country && !a.nested && inside(a.start)).collect();
    let source = s.args.iter().find(|a| a.etype == EntityType::Organization && a.marker == Marker::Gen).map(|a| a.ent);
    // the importer: X ने ... आयात किया, X के (हथियार) आयात
    // the importer: X ने ... आयात किया; X के (कुल हथियार) आयात; X (दुनिया का ...) आयातक है
    // ("भारत को सबसे ज्यादा हथियार रूस ने दिए, जिसका भारतीय आयात में 49 फीसदी हिस्सा रहा": the
    // state that gave is the supplier)
    let gave = |a: &Arg| {
        a.marker == Marker::Ne
            && (a.end + a.marker_len..(a.end + 4).min(c.b)).any(|k| s.cue(k, Cue::Supply) || s.cue(k, Cue::Sell))
    };
    let importer = states.iter().find(|a| {
        // "इंडोनेशिया ने 2020-24 में अपने 26 प्रतिशत हथियार फ्रांस से खरीदे"
        a.marker == Marker::Ne && !gave(a)
            && (ctx.has(Cue::Import, Clause { a: a.end, b: c.b }) || ctx.has(Cue::Buy, Clause { a: a.end, b: c.b }))
            || a.marker == Marker::Gen && (a.end + 1..(a.end + 4).min(s.toks.len())).any(|k| s.cue(k, Cue::Import))
            // "संयुक्त अरब अमीरात के मामले में अमेरिका की हिस्सेदारी ..."
            || a.marker == Marker::Gen && s.key(a.end + 1) == "मामले" && s.key(a.end + 2) == "में"
            // रूस भारत का सबसे बड़ा हथियार आपूर्तिकर्ता: the state supplied is the importer
            || a.marker == Marker::Gen
                && (a.end + 1..(a.end + 5).min(s.toks.len())).any(|k| matches!(s.key(k), "आपूर्तिकर्ता" | "सप्लायर"))
            || called_importer(a)
            // "इस अवधि में यूक्रेन पहुंचे हथियारों में 45 प्रतिशत ...": the state they came to
            || a.marker == Marker::Bare
                && matches!(s.key(a.end), "पहुंचे" | "आए" | "पहुंचने")
                && (a.end + 1..(a.end + 4).min(c.b)).any(|k| s.key(k).starts_with("हथियार"))
            // "भारत को हथियार बेचने वाले देशों में रूस (46%) ...": the state sold to
            || a.marker == Marker::Ko
                && (a.end + 1..(a.end + 5).min(c.b)).any(|k| {
                    (s.cue(k, Cue::Supply) || s.cue(k, Cue::Sell)) && s.key(k + 1) == "वाले"
                })
    });
    let ev = |_: usize| evidence(s, 0, s.toks.len(), "share.period-percent", 0.8);
    // no importer in the sentence: the importer of the figures just before ("फ्रांस से 33 फीसदी
    // और इजराइल से 13 फीसदी हथियार आए" after "भारत के आयात में ...")
    // "फिलीपीनी आयात का 39 प्रतिशत": a state's adjective before the import noun names the importer
    let adjective = s.adjectives.iter().find(|(k, _)| inside(*k) && s.cue(k + 1, Cue::Import)).map(|(_, c)| *c);
    // "वहां रूस अब भी सबसे बड़ा आपूर्तिकर्ता है, लेकिन उसकी हिस्सेदारी ...": there, the importer
    // the text spoke of just before
    let there = (c.a..c.b).any(|k| matches!(s.key(k), "वहां" | "वहाँ"));
    // ("... रूस ने दिए, जिसका भारतीय आयात में 49 फीसदी": the state named by the adjective on the
    // import noun, over any other)
    let importer = importer.filter(|a| adjective.is_none_or(|adj| adj == a.ent));
    let carried = match importer {
        Some(_) => None,
        None if adjective.is_some() => adjective,
        None if there => doc.last_state.filter(|(_, si)| si + 1 == s.idx).map(|(e, _)| e),
        None if states.is_empty() => None,
        // (or of the part of the sentence before: "..., जबकि चीन बढ़कर 42 प्रतिशत पर पहुंच गया")
        None => doc.last_importer.filter(|(_, si)| s.idx - si <= 1).map(|(e, _)| e),
    };
    if let Some(imp) = importer {
        doc.last_importer = Some((imp.ent, s.idx));
    }
    if let (None, Some(a)) = (importer, adjective) {
        doc.last_importer = Some((a, s.idx));
    }
    // (the state "there" stands for is the importer of the figures that go on)
    if let (None, Some(imp), true) = (importer, carried, there) {
        doc.last_importer = Some((imp, s.idx));
    }
    if super::tracing() {
        let name = |e: usize| out.entities[e].en.clone();
        eprintln!(
            "shares [{}] importer {:?} carried {:?} states {:?} percents {:?} periods {:?}",
            s.idx,
            importer.map(|a| name(a.ent)),
            carried.map(name),
            states.iter().map(|a| name(a.ent)).collect::<Vec<_>>(),
            percents,
            periods
        );
    }
    let cf = if carried.is_some() { 0.7 } else { 0.8 };
    match importer.map(|a| a.ent).or(carried) {
        Some(imp) => {
            let exporters: Vec<&&Arg> = states.iter().filter(|a| a.ent != imp).collect();
            // "जितने हथियार मंगाए उनमें 72 फीसदी रूसी थे": a state's adjective right after the figure
            if exporters.is_empty() {
                let after_figure = |t: usize| percents.iter().any(|&(k, _)| t == k + 2);
                if let Some(&(_, exp)) = s.adjectives.iter().find(|(t, e)| inside(*t) && after_figure(*t) && *e != imp)
                {
                    let mut evidence = ev(1);
                    evidence.confidence = cf - 0.1;
                    let trend = periods.len() >= 2 && percents.len() == periods.len();
                    for &(k, p) in percents.iter().take(if trend { percents.len() } else { 1 }) {
                        let (from, to) = period_of(k);
                        out.shares.push(Share { importer: imp, exporter: exp, percent: p, from, to, source, evidence });
                    }
                    doc.last_share = Some((imp, exp, s.idx));
                    return;
                }
            }
            // "रूस और इटली क्रमशः 6.6 और 5.9 फीसदी पर": the figures in the order of the states
            // (the states right before the word, as many as the figures after it)
            let at = (c.a..c.b).find(|&k| matches!(s.key(k), "क्रमशः" | "क्रमश")).unwrap_or(c.b);
            let after: Vec<&(usize, f64)> = percents.iter().filter(|(k, _)| *k > at).collect();
            let listed: Vec<&&&Arg> = exporters.iter().filter(|e| e.end <= at).collect();
            if respectively && after.len() >= 2 && listed.len() >= after.len() {
                let listed = &listed[listed.len() - after.len()..];
                {
                    for (e, &&(k, p)) in listed.iter().zip(after.iter()) {
                        let (from, to) = period_of(k);
                        let mut evidence = ev(1);
                        evidence.confidence = cf;
                        out.shares.push(Share {
                            importer: imp,
                            exporter: e.ent,
                            percent: p,
                            from,
                            to,
                            source,
                            evidence,
                        });
                        doc.last_share = Some((imp, e.ent, s.idx));
                    }
                    return;
                }
            }
            // "रूस का हिस्सा 36%, फ्रांस 33%" (state, then percent) or "45 प्रतिशत अमेरिका से, 12
            // प्रतिशत जर्मनी से" (percent, then state): the sentence's first pair sets the order
            let percent_first = match (percents.first(), exporters.first()) {
                (Some((k, _)), Some(e)) => *k < e.start,
                _ => false,
            };
            let mut share = |exporter: usize, percent: f64, (from, to): (i32, i32)| {
                let mut evidence = ev(1);
                evidence.confidence = cf;
                out.shares.push(Share { importer: imp, exporter, percent, from, to, source, evidence });
                doc.last_share = Some((imp, exporter, s.idx));
            };
            for (n, e) in exporters.iter().enumerate() {
                let next_start = exporters.get(n + 1).map(|x| x.start).unwrap_or(c.b);
                let prev_end = if n > 0 { exporters[n - 1].end } else { 0 };
                let after = percents.iter().find(|(k, _)| *k >= e.end && *k < next_start);
                let before = percents.iter().rev().find(|(k, _)| *k < e.start && *k >= prev_end);
                let pick = if percent_first { before.or(after) } else { after.or(before) };
                let Some(&(k, pct)) = pick else { continue };
                // one exporter, a trend over periods: "2014-18 के 58% से घटकर 2019-23 में 36%"
                let trend = exporters.len() == 1 && (periods.len() >= 2 || change.is_some());
                if trend && percents.iter().map(|x| period_of(x.0)).collect::<BTreeSet<_>>().len() == percents.len() {
                    for &(k, p) in &percents {
                        share(e.ent, p, period_of(k));
                    }
                    continue;
                }
                share(e.ent, pct, period_of(k));
            }
        }
        None if states.is_empty() => {
            // यह आंकड़ा 2019 और 2023 के बीच घटकर 36 प्रतिशत पर आ गया
            // "2015-19 में यह 55 प्रतिशत और 2010-14 में 72 प्रतिशत थी": each figure in its period
            if let Some((imp, exp, si)) = doc.last_share {
                let periods_apart = percents.iter().map(|x| period_of(x.0)).collect::<BTreeSet<_>>().len();
                if s.idx - si <= 2 && (percents.len() == 1 || periods_apart == percents.len()) {
                    for &(k, percent) in &percents {
                        let mut e = ev(0);
                        e.confidence = 0.65;
                        let (from, to) = period_of(k);
                        out.shares.push(Share { importer: imp, exporter: exp, percent, from, to, source, evidence: e });
                    }
                }
            }
        }
        None => {}
    }
}
