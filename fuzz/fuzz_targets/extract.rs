//! The extractor and the graph builder on any text: no panic, every evidence span inside the
//! text. `cargo +nightly fuzz run extract` (see the README).
#![no_main]

use khabar::corpus::article_from_text;
use khabar::extract::extract;
use khabar::graph::article_graph;
use khabar::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lex = LEX.get_or_init(|| Lexicon::embedded().expect("the built-in lexicon"));
    let a = article_from_text("fuzz", text, None, None, chrono::NaiveDate::from_ymd_opt(2025, 6, 1));
    let ex = extract(lex, &a.text, a.date);
    let n = a.text.chars().count();
    for f in &ex.facts {
        assert!(f.evidence.start <= f.evidence.end && f.evidence.end <= n);
    }
    let _ = article_graph(&a, &ex, &lex.extractor(0.5));
});
