//! Data-driven extraction suite: every `tests/cases/NAME.txt` is an article (first line may be
//! `date YYYY-MM-DD`); `tests/cases/NAME.expected` lists what must be extracted from it, one
//! statement a line, sorted. The runner checks every case, collects every failure and shows a
//! diff; `UPDATE_EXPECT=1 cargo test --test extraction` rewrites the expectations.
//!
//! Lines: `fact SUBJECT RELATION OBJECT`, `meeting A B … [date=…] [place=…]`,
//! `deal BUYER SELLER SYSTEM [qty=…] [value=… CUR] [date=…] [status=…]`, `share IMPORTER EXPORTER PCT FROM-TO`,
//! with entities as `type:id`.

use khabar::corpus::article_from_text;
use khabar::extract::{extract, Extraction, Object};
use khabar::lexicon::Lexicon;
use std::collections::BTreeSet;
use std::path::Path;

fn ent(ex: &Extraction, i: usize) -> String {
    let e = ex.entity(i);
    format!("{}:{}", e.etype.segment(), e.id)
}

/// The statements of an extraction, one per line, sorted.
fn render(ex: &Extraction) -> Vec<String> {
    let mut out = BTreeSet::new();
    for f in &ex.facts {
        let o = match &f.object {
            Object::Entity(o) => ent(ex, *o),
            Object::Role(r) => format!("role:{r}"),
        };
        out.insert(format!("fact {} {} {}", ent(ex, f.subject), f.relation.name(), o));
    }
    for m in &ex.meetings {
        let mut parts: Vec<String> = m.participants.iter().map(|p| ent(ex, *p)).collect();
        parts.sort();
        let mut l = format!("meeting {}", parts.join(" "));
        if let Some(d) = m.date {
            l.push_str(&format!(" date={}", d.iso()));
        }
        let mut places: Vec<String> = m.places.iter().map(|p| ent(ex, *p)).collect();
        places.sort();
        for p in places {
            l.push_str(&format!(" place={p}"));
        }
        out.insert(l);
    }
    for d in &ex.deals {
        let mut l = format!("deal {} {} {}", ent(ex, d.buyer), ent(ex, d.seller), ent(ex, d.system));
        for q in &d.quantity {
            l.push_str(&format!(" qty={q}"));
        }
        for (v, c) in &d.value {
            l.push_str(&format!(" value={v} {c}"));
        }
        for dt in &d.date {
            l.push_str(&format!(" date={}", dt.iso()));
        }
        for st in &d.status {
            l.push_str(&format!(" status={}", st.name()));
        }
        out.insert(l);
    }
    for s in &ex.shares {
        out.insert(format!("share {} {} {} {}-{}", ent(ex, s.importer), ent(ex, s.exporter), s.percent, s.from, s.to));
    }
    out.into_iter().collect()
}

#[test]
fn extraction_cases() {
    let lex = Lexicon::embedded().expect("the built-in lexicon loads");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "expected the case folder to hold cases");
    let mut failures = Vec::new();
    for path in &names {
        let raw = std::fs::read_to_string(path).expect("case text is UTF-8");
        let a = article_from_text(&path.display().to_string(), &raw, None, None, None);
        let got = render(&extract(&lex, &a.text, a.date));
        let exp_path = path.with_extension("expected");
        if update {
            std::fs::write(&exp_path, got.join("\n") + "\n").expect("write expectation");
            continue;
        }
        let want: Vec<String> = std::fs::read_to_string(&exp_path)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            let mut msg = format!("── {}", path.file_name().map(|f| f.to_string_lossy()).unwrap_or_default());
            for m in missing {
                msg.push_str(&format!("\n  - {m}"));
            }
            for e in extra {
                msg.push_str(&format!("\n  + {e}"));
            }
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ (- expected but missing, + extracted but not expected; \
         UPDATE_EXPECT=1 rewrites after review):\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
