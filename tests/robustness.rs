//! Extraction never panics on text: windows of real articles cut at arbitrary characters,
//! and odd inputs (empty, marks without letters, digits only, OCR debris, mixed scripts).

mod common;

use common::Rng;
use khabar::corpus::article_from_text;
use khabar::extract::extract;
use khabar::lexicon::Lexicon;

#[test]
fn extraction_survives_arbitrary_windows_and_odd_text() {
    let lex = Lexicon::embedded().expect("lexicon");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut texts: Vec<String> = vec![
        String::new(),
        " ".into(),
        "।।।???!!!".into(),
        "\u{093C}\u{0902}\u{094D}".into(),
        "¨".into(),
        "राजनाथ ¨".into(),
        "2018-2024 36% 5.5 बिलियन डॉलर".into(),
        "ने को से में के की का".into(),
        "रक्षा मंत्री".into(),
        "रक्षा मंत्री एडमिरल".into(),
        "ऑपरेशन".into(),
        "J- जे- -35 F404- S-".into(),
        "भारत और".into(),
        "उन्होंने से मुलाकात की".into(),
        "\u{200D}\u{200C}\u{FEFF}x".into(),
    ];
    let mut seed: u64 = 7;
    for e in std::fs::read_dir(&dir).expect("corpus/") {
        let text = std::fs::read_to_string(e.expect("entry").path()).expect("UTF-8");
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..60 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let a = (seed >> 33) as usize % chars.len();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let len = (seed >> 33) as usize % 400;
            texts.push(chars[a..(a + len).min(chars.len())].iter().collect());
        }
    }
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 4);
    for t in &texts {
        let a = article_from_text("t", t, None, None, date);
        let ex = extract(&lex, &a.text, a.date);
        // every evidence span lies inside the text
        let n = a.text.chars().count();
        for f in &ex.facts {
            assert!(f.evidence.start <= f.evidence.end && f.evidence.end <= n, "{t:?}");
        }
    }
}

/// Random text: Devanagari letters and signs, whole Hindi words that drive the rules
/// (postpositions, verbs, cue words, names the lexicon knows), Latin, digits, punctuation and
/// stray marks, in runs with or without sentence ends.
fn random_text(rng: &mut Rng, len: usize) -> String {
    const WORDS: &[&str] = &[
        "ने",
        "से",
        "को",
        "के",
        "की",
        "का",
        "में",
        "और",
        "साथ",
        "बीच",
        "भारत",
        "रूस",
        "फ्रांस",
        "अमेरिका",
        "राफेल",
        "एस-400",
        "ब्रह्मोस",
        "खरीदे",
        "सौदा",
        "किया",
        "मुलाकात",
        "की।",
        "रक्षा",
        "मंत्री",
        "राजनाथ",
        "सिंह",
        "पहुंचे",
        "यात्रा",
        "मंजूरी",
        "दी",
        "हस्ताक्षर",
        "करोड़",
        "रुपये",
        "डॉलर",
        "प्रतिशत",
        "2019-2023",
        "अरब",
        "26",
        "5.43",
        "उन्होंने",
        "इस",
        "डील",
        "रद्द",
        "खेप",
        "जनवरी",
        "गुरुवार",
        "कहा",
        "कि",
        "नहीं",
        "दोनों",
        "देशों",
        "(",
        ")",
        ",",
        "।",
        "?",
        "\"",
        "-",
        "%",
    ];
    let mut s = String::new();
    while s.len() < len {
        match rng.below(10) {
            0..=5 => s.push_str(WORDS[rng.below(WORDS.len())]),
            6 => {
                for _ in 0..rng.below(6) + 1 {
                    s.push(char::from_u32(0x0900 + rng.below(0x80) as u32).unwrap_or('क'));
                }
            }
            7 => s.push_str(["Rafale", "S-400", "Modi", "F-16", "deal", "$5bn"][rng.below(6)]),
            8 => s.push_str(&rng.below(100_000).to_string()),
            _ => s.push(['।', '.', ',', '\n', '\u{200D}', '\u{093C}', '¨', '\u{FEFF}', '\0'][rng.below(9)]),
        }
        s.push(' ');
    }
    s
}

/// Seconds per byte of extraction over some text (best of three, to keep a busy machine from
/// making a slow run look slow).
fn secs_per_byte(lex: &Lexicon, text: &str) -> f64 {
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 4);
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            let _ = extract(lex, text, date);
            t.elapsed().as_secs_f64() / text.len().max(1) as f64
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn random_text_up_to_100_kb_never_panics_and_stays_linear() {
    let lex = Lexicon::embedded().expect("lexicon");
    // the pace of normal news: the bundled sample
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let news: String = std::fs::read_dir(&dir)
        .expect("corpus/")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("UTF-8"))
        .collect::<Vec<_>>()
        .join("\n");
    let normal = secs_per_byte(&lex, &news);
    let mut rng = Rng(20251204);
    for (i, len) in [10, 100, 1_000, 5_000, 20_000, 50_000, 100_000].into_iter().enumerate() {
        let text = random_text(&mut rng, len);
        let a = article_from_text("random", &text, None, None, None);
        let pace = secs_per_byte(&lex, &a.text);
        // a generous bound (a test machine is shared): the point is no blow-up with length
        assert!(
            pace <= normal * 12.0 + 2e-3 / len as f64,
            "input {i} ({len} bytes): {:.2} µs/byte against {:.2} µs/byte for news",
            pace * 1e6,
            normal * 1e6
        );
    }
    // a run-on text of clauses with no sentence end: bounded pieces, linear time
    let states = ["भारत", "रूस", "फ्रांस", "अमेरिका", "इजराइल", "जापान"];
    let systems = ["राफेल", "एस-400", "ब्रह्मोस", "एफ-16", "ड्रोन", "पनडुब्बी"];
    let mut run_on = String::new();
    while run_on.len() < 210_000 {
        let (a, b) = (states[rng.below(6)], states[rng.below(6)]);
        run_on.push_str(&format!("{a} ने {b} से {} {} खरीदी ", rng.below(50) + 2, systems[rng.below(6)]));
    }
    let pace = secs_per_byte(&lex, &run_on);
    assert!(pace <= normal * 12.0, "run-on: {:.2} µs/byte against {:.2} µs/byte for news", pace * 1e6, normal * 1e6);
}

/// Inputs the fuzz targets (`fuzz/`) once crashed on, kept and replayed with the targets'
/// checks: `fuzz/regressions/extract/*` as text, `fuzz/regressions/read/*` as input files.
#[test]
fn fuzz_regressions_replay() {
    let lex = Lexicon::embedded().expect("lexicon");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let files = |kind: &str| -> Vec<Vec<u8>> {
        let mut v: Vec<_> = std::fs::read_dir(root.join(kind))
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect())
            .unwrap_or_default();
        v.sort();
        v.iter()
            .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
            .map(|p| std::fs::read(p).expect("read"))
            .collect()
    };
    for data in files("extract") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        let a = article_from_text("fuzz", text, None, None, chrono::NaiveDate::from_ymd_opt(2025, 6, 1));
        let ex = extract(&lex, &a.text, a.date);
        let n = a.text.chars().count();
        assert!(ex.facts.iter().all(|f| f.evidence.start <= f.evidence.end && f.evidence.end <= n));
        let _ = khabar::graph::article_graph(&a, &ex, &lex.extractor(0.5));
    }
    for data in files("read") {
        let Some((&kind, bytes)) = data.split_first() else { continue };
        let path = ["a.txt", "a.jsonl", "a.html"][kind as usize % 3];
        let (articles, _) = khabar::corpus::read_bytes(std::path::Path::new(path), bytes, 4096);
        assert!(articles.iter().all(|a| a.text.len() <= 4096 * 2));
    }
}
