//! Arms-import shares: importer, exporter, percent and period, trends over periods.

use super::*;
use crate::extract::Share;

// ---------------------------------------------------------------------------------------------
// import shares

pub(super) fn shares(out: &mut Extraction, doc: &mut Discourse, ctx: &Ctx) {
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
        // "इस अवधि में", or figures that go on a list begun just before: the period of the
        // sentences just before
        None => match doc.last_period {
            Some((f, t, si)) if (this_period || s.idx - si <= 1) && s.idx - si <= 2 => (f, t),
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
        // "इंडोनेशिया ने 2020-24 में अपने 26 प्रतिशत हथियार फ्रांस से खरीदे"
        a.marker == Marker::Ne
            && (ctx.has(Cue::Import, Clause { a: a.end, b: s.toks.len() })
                || ctx.has(Cue::Buy, Clause { a: a.end, b: s.toks.len() }))
            || a.marker == Marker::Gen && (a.end + 1..(a.end + 4).min(s.toks.len())).any(|k| s.cue(k, Cue::Import))
            // रूस भारत का सबसे बड़ा हथियार आपूर्तिकर्ता: the state supplied is the importer
            || a.marker == Marker::Gen
                && (a.end + 1..(a.end + 5).min(s.toks.len())).any(|k| matches!(s.key(k), "आपूर्तिकर्ता" | "सप्लायर"))
    });
    let ev = |_: usize| evidence(s, 0, s.toks.len(), "share.period-percent", 0.8);
    // no importer in the sentence: the importer of the figures just before ("फ्रांस से 33 फीसदी
    // और इजराइल से 13 फीसदी हथियार आए" after "भारत के आयात में ...")
    // "फिलीपीनी आयात का 39 प्रतिशत": a state's adjective before the import noun names the importer
    let adjective = s.adjectives.iter().find(|(k, _)| s.cue(k + 1, Cue::Import)).map(|(_, c)| *c);
    let carried = match importer {
        Some(_) => None,
        None if adjective.is_some() => adjective,
        None if states.is_empty() => None,
        None => doc.last_importer.filter(|(_, si)| s.idx - si == 1).map(|(e, _)| e),
    };
    if let Some(imp) = importer {
        doc.last_importer = Some((imp.ent, s.idx));
    }
    if let (None, Some(a)) = (importer, adjective) {
        doc.last_importer = Some((a, s.idx));
    }
    let cf = if carried.is_some() { 0.7 } else { 0.8 };
    match importer.map(|a| a.ent).or(carried) {
        Some(imp) => {
            let exporters: Vec<&&Arg> = states.iter().filter(|a| a.ent != imp).collect();
            // "रूस का हिस्सा 36%, फ्रांस 33%" (state, then percent) or "45 प्रतिशत अमेरिका से, 12
            // प्रतिशत जर्मनी से" (percent, then state): the sentence's first pair sets the order
            let percent_first = match (percents.first(), exporters.first()) {
                (Some((k, _)), Some(e)) => *k < e.start,
                _ => false,
            };
            let mut share = |exporter: usize, percent: f64, from: i32, to: i32| {
                let mut evidence = ev(1);
                evidence.confidence = cf;
                out.shares.push(Share { importer: imp, exporter, percent, from, to, source, evidence });
                doc.last_share = Some((imp, exporter, s.idx));
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
                        share(e.ent, p, f, t);
                    }
                    continue;
                }
                share(e.ent, pct, from, to);
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
