//! Relations between states: negotiation and cooperation, and the state a person or side acts for.

use super::*;

// ---------------------------------------------------------------------------------------------
// negotiation and cooperation between states

/// The state a person acts for: stated in this sentence's phrase, or in an earlier
/// `represents` fact of the article, or known to the lexicon.
pub(super) fn person_state(lex: &Lexicon, out: &mut Extraction, s: &Sentence, p: usize) -> Option<usize> {
    if let Some(c) = s.args.iter().find(|a| a.ent == p && a.country.is_some()).and_then(|a| a.country) {
        return Some(c);
    }
    if let Some(c) = out.facts_of(p).find_map(|f| match f.object {
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
pub(super) fn side_state(lex: &Lexicon, out: &mut Extraction, s: &Sentence, e: usize) -> Option<usize> {
    if out.entities[e].etype == EntityType::Person {
        person_state(lex, out, s, e)
    } else {
        state_of(lex, out, e, false)
    }
}

pub(super) fn relations_between_states(
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
