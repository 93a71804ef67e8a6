//! Text: cleaning, matching keys, sentences and tokens.
//!
//! Every position handed out by this module is a *character* offset (Unicode scalar values, not
//! bytes) into the cleaned article text, so provenance offsets mean the same thing in Rust, Python
//! and SPARQL (`SUBSTR` counts characters).
//!
//! Invariant: cleaning is the only step that changes text; everything after it (keys, tokens,
//! sentences) points back into the cleaned text.

use unicode_normalization::UnicodeNormalization;

/// Devanagari nukta.
const NUKTA: char = '\u{093C}';
const CHANDRABINDU: char = '\u{0901}';
const ANUSVARA: char = '\u{0902}';
const VOWEL_SIGN_I: char = '\u{093F}';

/// Cleans raw article text: NFC, Windows line ends, no-break spaces, and the OCR damage that
/// some Hindi print sites carry (`¨सह` for `सिंह`: a diaeresis standing for the `ि` + `ं` of the
/// consonant after it).
pub fn clean(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(raw.len());
    // (most text is NFC already: checking is much cheaper than composing)
    let chars: Vec<char> = match unicode_normalization::is_nfc_quick(raw.chars()) {
        unicode_normalization::IsNormalized::Yes => raw.chars().collect(),
        _ => raw.nfc().collect(),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\u{00A8}' if chars.get(i + 1).is_some_and(|n| is_devanagari_consonant(*n)) => {
                out.push(chars[i + 1]);
                out.push(VOWEL_SIGN_I);
                out.push(ANUSVARA);
                i += 2;
                continue;
            }
            '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\t' => out.push(' '),
            // NUL and other control characters (a damaged file) read as spaces
            c if c.is_control() && c != '\n' => out.push(' '),
            '\u{FEFF}' => {}
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn is_devanagari_consonant(c: char) -> bool {
    matches!(c as u32, 0x0915..=0x0939 | 0x0958..=0x095F)
}

/// Is `c` part of a word (letters, digits, Devanagari signs)?
pub fn is_word_char(c: char) -> bool {
    let u = c as u32;
    // (Devanagari and ASCII first: the general Unicode tables are slow)
    (0x0900..=0x0963).contains(&u)
        || (0x0966..=0x097F).contains(&u) && u != 0x0970
        || c.is_ascii_alphanumeric()
        || !c.is_ascii() && c.is_alphanumeric()
        || c == '\u{200C}'
        || c == '\u{200D}'
}

/// Characters that carry no identity for matching: nukta, ZWJ, ZWNJ, soft hyphen, abbreviation sign.
fn is_ignorable(c: char) -> bool {
    matches!(c, NUKTA | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{0970}')
}

/// Separators dropped from matching keys (spaces, hyphens, dots, quotes, brackets).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '-' | '‐' | '‑' | '–' | '—' | '.' | '_' | '\'' | '’' | '‘' | '`' | '"' | '“' | '”' | '(' | ')')
}

/// The matching form of one character: NFD pieces with nukta & co. dropped, chandrabindu read as
/// anusvara, Devanagari digits as ASCII, Latin lower-cased. Separators give nothing.
fn key_pieces(c: char, out: &mut impl FnMut(char)) {
    // (the common cases first: a Devanagari letter or sign with no decomposition, ASCII)
    let u = c as u32;
    if (0x0900..=0x0957).contains(&u) && !matches!(c, NUKTA | CHANDRABINDU | '\u{0929}' | '\u{0931}' | '\u{0934}') {
        out(c);
        return;
    }
    if c.is_ascii_alphanumeric() {
        out(c.to_ascii_lowercase());
        return;
    }
    if is_separator(c) {
        return;
    }
    for d in std::iter::once(c).nfd() {
        if is_ignorable(d) {
            continue;
        }
        let d = match d {
            CHANDRABINDU => ANUSVARA,
            '\u{0966}'..='\u{096F}' => char::from(b'0' + (d as u32 - 0x0966) as u8),
            _ => d,
        };
        for l in d.to_lowercase() {
            out(l);
        }
    }
}

/// The matching key of a label or phrase (the same rule as the evaluation's label key).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        key_pieces(c, &mut |k| out.push(k));
    }
    out
}

/// Article text with its matching key and a map from every key byte back to a character offset.
pub struct KeyedText {
    /// The key string (see [`key`]).
    pub key: String,
    /// For each byte of `key`, the character offset in the cleaned text it came from.
    pub origin: Vec<usize>,
}

impl KeyedText {
    /// Builds the key of `chars`.
    pub fn new(chars: &[char]) -> Self {
        let mut key = String::with_capacity(chars.len() * 3);
        let mut origin = Vec::with_capacity(chars.len() * 3);
        for (i, &c) in chars.iter().enumerate() {
            key_pieces(c, &mut |k| {
                let before = key.len();
                key.push(k);
                origin.extend(std::iter::repeat_n(i, key.len() - before));
            });
        }
        KeyedText { key, origin }
    }

    /// The character span `[start, end)` of key bytes `[kstart, kend)`, if the span starts and
    /// ends on word boundaries in the text.
    pub fn word_span(&self, chars: &[char], kstart: usize, kend: usize) -> Option<(usize, usize)> {
        let (start, last) = self.span_start(chars, kstart, kend)?;
        let mut end = last + 1;
        while end < chars.len() && is_ignorable(chars[end]) {
            end += 1;
        }
        if end < chars.len() && is_word_char(chars[end]) {
            return None;
        }
        Some((start, end))
    }

    /// The first and last character of a key match that starts on a word boundary and ends on
    /// a character boundary.
    fn span_start(&self, chars: &[char], kstart: usize, kend: usize) -> Option<(usize, usize)> {
        let start = *self.origin.get(kstart)?;
        let last = *self.origin.get(kend.checked_sub(1)?)?;
        // the key may end inside a character that yields several key chars (e.g. a decomposed
        // matra): the next key byte must belong to another character.
        if self.origin.get(kend).is_some_and(|&o| o == last) {
            return None;
        }
        if start > 0 && is_word_char(chars[start - 1]) && !is_ignorable(chars[start - 1]) {
            return None;
        }
        Some((start, last))
    }

    /// Like [`KeyedText::word_span`], but the word may go on with a plural or oblique ending
    /// (`राफेलों`, `मिसाइलें`, `F-16s`); the span then takes the ending in.
    pub fn word_span_inflected(&self, chars: &[char], kstart: usize, kend: usize) -> Option<(usize, usize)> {
        let (start, last) = self.span_start(chars, kstart, kend)?;
        let rest = &chars[last + 1..];
        const ENDINGS: [&[char]; 7] = [&['ो', 'ं'], &['ो', 'ँ'], &['े', 'ं'], &['ओ', 'ं'], &['ए', 'ं'], &['s'], &['ए', 'स']];
        for e in ENDINGS {
            if rest.len() >= e.len() && &rest[..e.len()] == e {
                let end = last + 1 + e.len();
                if end >= chars.len() || !is_word_char(chars[end]) {
                    return Some((start, end));
                }
            }
        }
        // a model number with its variant letter: "सुखोई-57ई", "एसयू-35एस", "F-16C" (not "एफ-15क्यूए",
        // a model of its own)
        if is_digit(chars[last]) || chars[last].is_ascii_digit() {
            let n = rest.iter().take_while(|c| is_word_char(**c)).count();
            let tail: String = rest[..n].iter().collect();
            let variant = spelled_letters(&tail).is_some_and(|l| l.len() == 1)
                || n == 1 && tail.chars().all(|c| c.is_ascii_uppercase());
            if variant {
                return Some((start, last + 1 + n));
            }
        }
        None
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script), possibly with digits.
    Word,
    /// Digits, with `.` or `,` between digits (`5.43`, `1,160`).
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// A token with its character span in the cleaned text.
#[derive(Debug, Clone)]
pub struct Token {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The token as written.
    pub text: String,
    /// Its matching key.
    pub key: String,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

/// Splits `chars[start..end]` into tokens.
pub fn tokenize(chars: &[char], start: usize, end: usize) -> Vec<Token> {
    // (about one token in five characters of Hindi news)
    let mut out = Vec::with_capacity((end - start) / 5 + 1);
    let mut i = start;
    while i < end {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        let kind = if is_digit(c) {
            while i < end
                && (is_digit(chars[i]) || matches!(chars[i], '.' | ',') && i + 1 < end && is_digit(chars[i + 1]))
            {
                i += 1;
            }
            if i < end && is_word_char(chars[i]) {
                while i < end && is_word_char(chars[i]) {
                    i += 1;
                }
                TokenKind::Word
            } else {
                TokenKind::Number
            }
        } else if is_word_char(c) {
            while i < end && is_word_char(chars[i]) {
                i += 1;
            }
            TokenKind::Word
        } else {
            i += 1;
            TokenKind::Punct
        };
        let mut text = String::with_capacity(chars[s..i].iter().map(|c| c.len_utf8()).sum());
        text.extend(&chars[s..i]);
        let key = if kind == TokenKind::Punct { text.clone() } else { key(&text) };
        out.push(Token { start: s, end: i, text, key, kind });
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{0966}'..='\u{096F}').contains(&c)
}

/// The numeric value of a number token (`5.43`, `1,160`, `२०१८`).
pub fn number_value(text: &str) -> Option<f64> {
    let ascii: String = text
        .chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
            _ => c,
        })
        .collect();
    ascii.parse().ok()
}

/// A sentence: its character span in the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SentenceSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Splits text into sentences at `।`, `॥`, `?`, `!`, `|`, line breaks, a `.` that ends a
/// sentence (not a decimal point, not an initial), and after the signature of an embedded tweet
/// (`— Name (@handle) December 4, 2025`), which news sites run straight into the next sentence.
pub fn sentences(chars: &[char]) -> Vec<SentenceSpan> {
    let mut cuts = vec![false; chars.len() + 1];
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '।' | '॥' | '?' | '!' | '|' | '\n' => cuts[i + 1] = true,
            '.' => {
                let next_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
                let prev_len = chars[..i].iter().rev().take_while(|c| is_word_char(**c)).count();
                let prev: String = chars[i - prev_len..i].iter().collect();
                // initials (`के.`, `एस.`, `A.`) and abbreviations (`डॉ.`, `Mr.`) do not end a sentence
                let initial = prev_len <= 1
                    || spelled_letters(&prev).is_some()
                    || matches!(
                        prev.as_str(),
                        "डॉ" | "श्री" | "प्रो" | "Mr" | "Ms" | "Mrs" | "Dr" | "St" | "Gen" | "Lt" | "Col"
                    );
                if next_space && !initial {
                    cuts[i + 1] = true;
                }
            }
            _ => {}
        }
    }
    for end in tweet_signature_ends(chars) {
        cuts[end] = true;
    }
    // a run-on "sentence" (no end mark for pages) is cut into pieces of at most
    // MAX_SENTENCE_CHARS, at a comma or a conjunction where there is one: the rules look at a
    // sentence as a whole, so a bounded sentence keeps extraction linear in the text's length
    let mut last = 0;
    let mut i = 1;
    while i <= chars.len() {
        if cuts[i] {
            last = i;
        } else if i - last >= MAX_SENTENCE_CHARS {
            let at = soft_cut(chars, last, i);
            cuts[at] = true;
            last = at;
            i = at;
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut s = 0;
    for (i, &cut) in cuts.iter().enumerate().skip(1) {
        if cut || i == chars.len() {
            let (mut a, mut b) = (s, i);
            while a < b && chars[a].is_whitespace() {
                a += 1;
            }
            while b > a && chars[b - 1].is_whitespace() {
                b -= 1;
            }
            if chars[a..b].iter().any(|c| is_word_char(*c)) {
                out.push(SentenceSpan { start: a, end: b });
            }
            s = i;
        }
    }
    out
}

/// The longest sentence khabar reads as one, in characters (news sentences run to about 300).
pub const MAX_SENTENCE_CHARS: usize = 600;

/// Where to cut `chars[from..to]` (a piece too long to be a sentence): after the last comma or
/// semicolon in its second half, else before the last "और"/"तथा" there, else at the last space,
/// else at `to`.
fn soft_cut(chars: &[char], from: usize, to: usize) -> usize {
    let half = from + (to - from) / 2;
    if let Some(k) = (half..to).rev().find(|&k| matches!(chars[k], ',' | ';')) {
        return k + 1;
    }
    let and = |k: usize| {
        chars[k].is_whitespace()
            && (chars[k + 1..].starts_with(&['औ', 'र', ' ']) || chars[k + 1..].starts_with(&['त', 'थ', 'ा', ' ']))
    };
    if let Some(k) = (half..to).rev().find(|&k| and(k)) {
        return k + 1;
    }
    (half..to).rev().find(|&k| chars[k].is_whitespace()).map_or(to, |k| k + 1)
}

/// Ends of `(@handle) Month D, YYYY` tweet signatures.
fn tweet_signature_ends(chars: &[char]) -> Vec<usize> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re =
        RE.get_or_init(|| regex::Regex::new(r"\(@\w+\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}").expect("valid regex"));
    let text: String = chars.iter().collect();
    re.find_iter(&text).map(|m| text[..m.end()].chars().count()).collect()
}

/// Lower-case ASCII transliteration of Devanagari (a simple, stable scheme for labels and IRIs
/// of names the lexicon does not know): `डोंग जून` → `dong jun`.
pub fn transliterate(s: &str) -> String {
    let chars: Vec<char> = s.nfc().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(cons) = consonant(c) {
            let mut base = cons.to_string();
            let mut j = i + 1;
            if chars.get(j) == Some(&NUKTA) {
                base = match cons {
                    "k" => "q".into(),
                    "kh" => "kh".into(),
                    "g" => "g".into(),
                    "j" => "z".into(),
                    "ph" => "f".into(),
                    "d" | "dh" => "r".into(),
                    other => other.into(),
                };
                j += 1;
            }
            out.push_str(&base);
            match chars.get(j) {
                Some('\u{094D}') => j += 1,
                Some(&m) if vowel_sign(m).is_some() => {
                    out.push_str(vowel_sign(m).unwrap_or_default());
                    j += 1;
                }
                _ => {
                    // inherent vowel, dropped at word end (schwa deletion)
                    let word_end = chars.get(j).is_none_or(|n| !is_word_char(*n));
                    let before_sign = matches!(chars.get(j), Some(&ANUSVARA) | Some(&CHANDRABINDU));
                    if !word_end || before_sign {
                        out.push('a');
                    }
                }
            }
            i = j;
            continue;
        }
        match c {
            ANUSVARA | CHANDRABINDU => {
                let next = chars.get(i + 1).and_then(|n| consonant(*n));
                out.push(if next.is_some_and(|n| n.starts_with(['p', 'b', 'm'])) { 'm' } else { 'n' });
            }
            '\u{0903}' => out.push('h'),
            _ => {
                if let Some(v) = independent_vowel(c) {
                    out.push_str(v);
                } else if ('\u{0966}'..='\u{096F}').contains(&c) {
                    out.push(char::from(b'0' + (c as u32 - 0x0966) as u8));
                } else if !is_ignorable(c) && !(0x0900..=0x097F).contains(&(c as u32)) {
                    out.extend(c.to_lowercase());
                }
            }
        }
        i += 1;
    }
    out
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'क' => "k",
        'ख' => "kh",
        'ग' => "g",
        'घ' => "gh",
        'ङ' => "n",
        'च' => "ch",
        'छ' => "chh",
        'ज' => "j",
        'झ' => "jh",
        'ञ' => "n",
        'ट' => "t",
        'ठ' => "th",
        'ड' => "d",
        'ढ' => "dh",
        'ण' => "n",
        'त' => "t",
        'थ' => "th",
        'द' => "d",
        'ध' => "dh",
        'न' => "n",
        'प' => "p",
        'फ' => "ph",
        'ब' => "b",
        'भ' => "bh",
        'म' => "m",
        'य' => "y",
        'र' => "r",
        'ल' => "l",
        'व' => "v",
        'श' => "sh",
        'ष' => "sh",
        'स' => "s",
        'ह' => "h",
        _ => return None,
    })
}

fn vowel_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'ा' => "a",
        'ि' => "i",
        'ी' => "i",
        'ु' => "u",
        'ू' => "u",
        'ृ' => "ri",
        'े' => "e",
        'ै' => "ai",
        'ो' => "o",
        'ौ' => "au",
        'ॉ' => "o",
        'ॅ' => "e",
        _ => return None,
    })
}

fn independent_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'अ' => "a",
        'आ' => "a",
        'इ' => "i",
        'ई' => "i",
        'उ' => "u",
        'ऊ' => "u",
        'ऋ' => "ri",
        'ए' => "e",
        'ऐ' => "ai",
        'ओ' => "o",
        'औ' => "au",
        'ऑ' => "o",
        _ => return None,
    })
}

/// Latin letters spelt out in Devanagari (`एमक्यू` → `MQ`, `जे` → `J`), as Hindi news writes model
/// codes; `None` unless the whole word is such a spelling.
pub fn spelled_letters(word: &str) -> Option<String> {
    const NAMES: &[(&str, char)] = &[
        ("डब्ल्यू", 'W'),
        ("एक्स", 'X'),
        ("क्यू", 'Q'),
        ("वाई", 'Y'),
        ("जेड", 'Z'),
        ("एफ", 'F'),
        ("एच", 'H'),
        ("एम", 'M'),
        ("एन", 'N'),
        ("एल", 'L'),
        ("एस", 'S'),
        ("आर", 'R'),
        ("आई", 'I'),
        ("बी", 'B'),
        ("सी", 'C'),
        ("डी", 'D'),
        ("जी", 'G'),
        ("जे", 'J'),
        ("के", 'K'),
        ("पी", 'P'),
        ("टी", 'T'),
        ("यू", 'U'),
        ("वी", 'V'),
        ("ए", 'A'),
        ("ई", 'E'),
        ("ओ", 'O'),
    ];
    let mut rest = word;
    let mut out = String::new();
    while !rest.is_empty() {
        let (name, l) = NAMES.iter().find(|(n, _)| rest.starts_with(n))?;
        out.push(*l);
        rest = &rest[name.len()..];
    }
    (!out.is_empty()).then_some(out)
}

/// Title-cases an ASCII transliteration: `dong jun` → `Dong Jun`.
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An ASCII slug for IRIs: lower case, `[a-z0-9_]`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_variants() {
        let cases = [("इज़राइल", "इजराइल"), ("S-400", "s400"), ("एस-400", "एस 400"), ("पाँच", "पांच"), ("२०१८", "2018")];
        for (a, b) in cases {
            assert_eq!(key(a), key(b), "{a} vs {b}");
        }
        assert_ne!(key("बेलौसोव"), key("बेलोसोव"));
    }

    #[test]
    fn ocr_diaeresis_is_repaired() {
        assert_eq!(clean("राजनाथ ¨सह को"), "राजनाथ सिंह को");
    }

    #[test]
    fn sentence_split() {
        let t: Vec<char> = "भारत ने कहा। रूस ने कहा? ठीक 5.5 अरब\nनई पंक्ति".chars().collect();
        let s = sentences(&t);
        assert_eq!(s.len(), 4);
    }

    #[test]
    fn tweet_signature_ends_a_sentence() {
        let t: Vec<char> =
            "Delighted. — Rajnath Singh (@rajnathsingh) December 4, 2025 अक्टूबर 2018 में, भारत ने".chars().collect();
        let s = sentences(&t);
        let last: String = t[s[s.len() - 1].start..s[s.len() - 1].end].iter().collect();
        assert!(last.starts_with("अक्टूबर"), "{last}");
    }

    #[test]
    fn tokens_and_numbers() {
        let t: Vec<char> = "5.43 अरब डॉलर, 36% और 1,160".chars().collect();
        let toks = tokenize(&t, 0, t.len());
        let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], TokenKind::Number);
        assert_eq!(number_value(&toks[0].text), Some(5.43));
        assert_eq!(number_value("1,160"), Some(1160.0));
        assert!(toks.iter().any(|t| t.text == "%"));
    }

    #[test]
    fn word_boundaries() {
        let t: Vec<char> = "रूसी रूस".chars().collect();
        let k = KeyedText::new(&t);
        let pos = k.key.find(&key("रूस")).expect("found");
        // the first occurrence is inside रूसी: not a word
        assert!(k.word_span(&t, pos, pos + key("रूस").len()).is_none());
        let pos2 = k.key.rfind(&key("रूस")).expect("found");
        assert_eq!(k.word_span(&t, pos2, pos2 + key("रूस").len()), Some((5, 8)));
    }

    #[test]
    fn transliteration() {
        assert_eq!(transliterate("डोंग जून"), "dong jun");
        assert_eq!(transliterate("शुगायेव"), "shugayev");
        assert_eq!(title_case("dong jun"), "Dong Jun");
        assert_eq!(slug("Dong Jun"), "dong_jun");
        assert_eq!(spelled_letters("एमक्यू").as_deref(), Some("MQ"));
        assert_eq!(spelled_letters("जे").as_deref(), Some("J"));
        assert_eq!(spelled_letters("राफेल"), None);
    }
}
