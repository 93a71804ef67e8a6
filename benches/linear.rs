//! Extraction time per byte: normal news (the development set's passages, one article each)
//! against a run-on text of clauses with no sentence end (21 KB and 210 KB) and random text
//! (100 KB). Prints µs per byte (median of five runs) and the ratio to news; khabar's bound is
//! 3× for the run-on text. `cargo bench --bench linear`.

use khabar::corpus::article_from_text;
use khabar::extract::extract;
use khabar::lexicon::Lexicon;
use std::time::Instant;

fn median_secs(mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[2]
}

fn run_on(bytes: usize) -> String {
    let states = ["भारत", "रूस", "फ्रांस", "अमेरिका", "इजराइल", "जापान", "जर्मनी", "पाकिस्तान", "चीन"];
    let systems = ["राफेल", "एस-400", "ब्रह्मोस", "एफ-16", "हेरॉन", "पनडुब्बी", "ड्रोन", "मिसाइल"];
    let mut s = String::new();
    let mut x: u64 = 1;
    while s.len() < bytes {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let r = (x >> 33) as usize;
        s.push_str(&format!(
            "{} ने {} से {} {} खरीदी ",
            states[r % 9],
            states[(r / 9) % 9],
            r % 49 + 2,
            systems[(r / 81) % 8]
        ));
    }
    s
}

fn random(bytes: usize) -> String {
    let mut s = String::new();
    let mut x: u64 = 7;
    while s.len() < bytes {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let r = (x >> 33) as u32;
        s.push(match r % 10 {
            0..=6 => char::from_u32(0x0900 + r % 0x80).unwrap_or('क'),
            7 => ' ',
            8 => char::from_u32(0x61 + r % 26).unwrap_or('a'),
            _ => ['।', ',', '.', '1', '\n'][(r as usize / 10) % 5],
        });
    }
    s
}

fn main() {
    let lex = Lexicon::embedded().expect("lexicon");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut news = Vec::new();
    for set in ["tests/devset/tune", "tests/devset/heldout"] {
        for e in std::fs::read_dir(root.join(set)).expect("devset") {
            let raw = std::fs::read_to_string(e.expect("entry").path()).expect("UTF-8");
            news.push(article_from_text("n", &raw, None, None, None));
        }
    }
    let news_bytes: usize = news.iter().map(|a| a.text.len()).sum();
    let t_news = median_secs(|| {
        for a in &news {
            let _ = extract(&lex, &a.text, a.date);
        }
    });
    let per_news = t_news / news_bytes as f64;
    println!("news: {} articles, {} KB: {:.3} µs/byte", news.len(), news_bytes / 1000, per_news * 1e6);
    for (name, text) in
        [("run-on 21 KB", run_on(21_000)), ("run-on 210 KB", run_on(210_000)), ("random 100 KB", random(100_000))]
    {
        let t = median_secs(|| {
            let _ = extract(&lex, &text, None);
        });
        let per = t / text.len() as f64;
        println!("{name}: {:.3} µs/byte, {:.2}× news", per * 1e6, per / per_news);
    }
}
