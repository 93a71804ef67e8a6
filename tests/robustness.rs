//! Extraction never panics on text: windows of real articles cut at arbitrary characters,
//! and odd inputs (empty, marks without letters, digits only, OCR debris, mixed scripts).

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
