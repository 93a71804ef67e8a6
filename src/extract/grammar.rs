//! Small tables of Hindi grammar: postpositions, numbers, scales, currencies, months, weekdays,
//! and the date and amount expressions built from them. Domain words live in `ontology/`.

use crate::text::{number_value, Token, TokenKind};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The case marker (postposition) that follows a noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// ने: the agent of a perfective verb.
    Ne,
    /// को: object or recipient.
    Ko,
    /// से: from / with (मुलाकात).
    Se,
    /// में: in.
    Me,
    /// पर: on / at.
    Par,
    /// के साथ: with.
    Saath,
    /// के बीच: between.
    Beech,
    /// के/की/का: of.
    Gen,
    /// के दौरान / में: during.
    During,
    /// द्वारा, की ओर से: by.
    By,
    /// और, तथा, एवं, `,`: coordination.
    And,
    /// Nothing: a bare noun phrase (subject or object of the verb that follows).
    Bare,
}

/// Reads the marker at `toks[i..]`; returns it and how many tokens it spans.
pub fn marker_at(keys: &[&str]) -> (Marker, usize) {
    let k = |i: usize| keys.get(i).copied().unwrap_or("");
    match k(0) {
        "ने" => (Marker::Ne, 1),
        "को" => (Marker::Ko, 1),
        "से" => (Marker::Se, 1),
        "में" => (Marker::Me, 1),
        "पर" => (Marker::Par, 1),
        "द्वारा" => (Marker::By, 1),
        "और" | "तथा" | "एवं" | "व" | "," => (Marker::And, 1),
        "के" | "की" | "का" => match k(1) {
            "साथ" => (Marker::Saath, 2),
            "बीच" => (Marker::Beech, 2),
            "दौरान" => (Marker::During, 2),
            "द्वारा" => (Marker::By, 2),
            "ओर" | "तरफ" if k(2) == "से" => (Marker::By, 3),
            _ => (Marker::Gen, 1),
        },
        _ => (Marker::Bare, 0),
    }
}

/// Value of a Hindi number word.
pub fn number_word(key: &str) -> Option<f64> {
    Some(match key {
        "एक" => 1.0,
        "दो" => 2.0,
        "तीन" => 3.0,
        "चार" => 4.0,
        "पांच" => 5.0,
        "छह" | "छः" | "छै" => 6.0,
        "सात" => 7.0,
        "आठ" => 8.0,
        "नौ" => 9.0,
        "दस" => 10.0,
        "ग्यारह" => 11.0,
        "बारह" => 12.0,
        "तेरह" => 13.0,
        "चौदह" => 14.0,
        "पंद्रह" | "पन्द्रह" => 15.0,
        "सोलह" => 16.0,
        "सत्रह" => 17.0,
        "अठारह" => 18.0,
        "उन्नीस" => 19.0,
        "बीस" => 20.0,
        "पच्चीस" => 25.0,
        "छब्बीस" => 26.0,
        "तीस" => 30.0,
        "छत्तीस" => 36.0,
        "चालीस" => 40.0,
        "पचास" => 50.0,
        "साठ" => 60.0,
        "सत्तर" => 70.0,
        "अस्सी" => 80.0,
        "नब्बे" => 90.0,
        "सौ" => 100.0,
        _ => return None,
    })
}

/// Multiplier of a scale word (अरब = 10⁹).
pub fn scale_word(key: &str) -> Option<f64> {
    Some(match key {
        "हजार" | "thousand" => 1e3,
        "लाख" => 1e5,
        "करोड़" | "करोड" => 1e7,
        "अरब" | "बिलियन" | "billion" | "bn" => 1e9,
        "खरब" => 1e11,
        "मिलियन" | "million" | "mn" => 1e6,
        "ट्रिलियन" | "trillion" => 1e12,
        _ => return None,
    })
}

/// ISO 4217 code of a currency word.
pub fn currency_word(key: &str) -> Option<&'static str> {
    Some(match key {
        "डॉलर" | "डालर" | "dollar" | "dollars" | "usd" | "$" => "USD",
        "रुपये" | "रुपए" | "रुपया" | "रुपयों" | "रु" | "rupees" | "inr" | "₹" => {
            "INR"
        }
        "यूरो" | "euro" | "euros" | "eur" | "€" => "EUR",
        "पाउंड" | "pound" | "pounds" | "£" => "GBP",
        "रूबल" | "rouble" | "ruble" | "roubles" => "RUB",
        "युआन" | "yuan" => "CNY",
        "येन" | "yen" => "JPY",
        "वॉन" | "won" => "KRW",
        "शेकेल" | "शेकल" | "shekel" | "shekels" => "ILS",
        "ज्लॉटी" | "ज्लोटी" | "zloty" | "zlotys" => "PLN",
        "दिरहम" | "dirham" | "dirhams" => "AED",
        "लीरा" | "lira" => "TRY",
        "कोरुना" | "koruna" => "CZK",
        "रिंगित" | "ringgit" => "MYR",
        _ => return None,
    })
}

/// ISO 4217 code of a currency named with its country's adjective ("डेनिश क्रोन", "पाकिस्तानी
/// रुपये", "फिलीपीनी पेसो"): a word several states' money shares, or one that alone names another.
fn qualified_currency(adj: &str, word: &str) -> Option<&'static str> {
    let dollar = matches!(word, "डॉलर" | "डालर" | "dollar" | "dollars");
    let rupee = matches!(word, "रुपये" | "रुपए" | "रुपया" | "रुपयों");
    let krone = matches!(word, "क्रोन" | "क्रोनर" | "क्रोना" | "क्रोनें");
    let peso = matches!(word, "पेसो" | "पैसो");
    let riyal = word == "रियाल";
    Some(match adj {
        "अमेरिकी" | "अमरीकी" | "us" if dollar => "USD",
        "ऑस्ट्रेलियाई" | "आस्ट्रेलियाई" if dollar => "AUD",
        "कनाडाई" if dollar => "CAD",
        "ताइवानी" | "ताइवान" if dollar => "TWD",
        "सिंगापुरी" | "सिंगापुर" if dollar => "SGD",
        "पाकिस्तानी" if rupee => "PKR",
        "श्रीलंकाई" if rupee => "LKR",
        "नेपाली" if rupee => "NPR",
        "इंडोनेशियाई" if rupee || word == "रुपिया" => "IDR",
        "डेनिश" if krone => "DKK",
        "नॉर्वेजियन" | "नार्वेजियन" | "नॉर्वे" if krone => "NOK",
        "स्वीडिश" if krone => "SEK",
        "चेक" if word == "कोरुना" => "CZK",
        "फिलीपीनी" | "फिलीपींस" | "फिलिपीनी" if peso => "PHP",
        "मैक्सिकन" | "मेक्सिकन" if peso => "MXN",
        "स्विस" if matches!(word, "फ्रैंक" | "फ्रांक") => "CHF",
        "सऊदी" if riyal => "SAR",
        "कतरी" if riyal => "QAR",
        "ब्राजीली" | "ब्राजीलियाई" if riyal => "BRL",
        "तुर्की" | "तुर्किश" if word == "लीरा" => "TRY",
        _ => return None,
    })
}

/// The currency named at token `j`, with the tokens it spans: "डॉलर", "डेनिश क्रोन".
fn currency_at(toks: &[Token], j: usize) -> Option<(&'static str, usize)> {
    let k0 = toks.get(j)?.key.as_str();
    if let Some(cur) = toks.get(j + 1).and_then(|t| qualified_currency(k0, &t.key)) {
        return Some((cur, 2));
    }
    currency_word(k0).map(|c| (c, 1))
}

/// A perfect participle before "है"/"हैं" (done, just now): "किया है", "दे दी है", "कर चुका है",
/// "सौंपे गए हैं", "खरीदे हैं".
pub fn perfect_participle(key: &str) -> bool {
    matches!(
        key,
        "किया"
            | "किए"
            | "की"
            | "दी"
            | "दिया"
            | "दिए"
            | "चुका"
            | "चुकी"
            | "चुके"
            | "गया"
            | "गई"
            | "गए"
            | "लिया"
            | "लिए"
            | "ली"
            | "खरीदा"
            | "खरीदे"
            | "खरीदी"
            | "सौंपा"
            | "सौंपे"
            | "सौंपी"
            | "भेजा"
            | "भेजे"
            | "भेजी"
            | "मिला"
            | "मिले"
            | "मिली"
    )
}

/// Month of a month name (Hindi or English).
pub fn month_word(key: &str) -> Option<u32> {
    Some(match key {
        "जनवरी" | "january" | "jan" => 1,
        "फरवरी" | "february" | "feb" => 2,
        "मार्च" | "march" | "mar" => 3,
        "अप्रैल" | "अप्रेल" | "april" | "apr" => 4,
        "मई" | "may" => 5,
        "जून" | "june" | "jun" => 6,
        "जुलाई" | "july" | "jul" => 7,
        "अगस्त" | "august" | "aug" => 8,
        "सितंबर" | "सितम्बर" | "september" | "sep" | "sept" => 9,
        "अक्टूबर" | "अक्तूबर" | "october" | "oct" => 10,
        "नवंबर" | "नवम्बर" | "november" | "nov" => 11,
        "दिसंबर" | "दिसम्बर" | "december" | "dec" => 12,
        _ => return None,
    })
}

/// Weekday of a weekday name.
pub fn weekday_word(key: &str) -> Option<Weekday> {
    Some(match key {
        "सोमवार" => Weekday::Mon,
        "मंगलवार" => Weekday::Tue,
        "बुधवार" => Weekday::Wed,
        "गुरुवार" | "बृहस्पतिवार" | "वीरवार" => Weekday::Thu,
        "शुक्रवार" => Weekday::Fri,
        "शनिवार" => Weekday::Sat,
        "रविवार" | "इतवार" => Weekday::Sun,
        _ => return None,
    })
}

/// A date as precise as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    /// A year.
    Year(i32),
    /// A month of a year.
    YearMonth(i32, u32),
    /// A day.
    Day(NaiveDate),
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl PartialDate {
    /// The year.
    pub fn year(&self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::YearMonth(y, _) => *y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// ISO form: `2018`, `2018-10`, `2018-10-04`.
    pub fn iso(&self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::YearMonth(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

fn int_of(t: &Token) -> Option<i64> {
    if t.kind != TokenKind::Number {
        return None;
    }
    let v = number_value(&t.text)?;
    (v.fract() == 0.0).then_some(v as i64)
}

/// A year token (1900–2100).
pub fn year_of(t: &Token) -> Option<i32> {
    // (a year is written without a separator: "2,100 करोड़" is an amount)
    if t.text.contains(',') {
        return None;
    }
    int_of(t).filter(|v| (1900..=2100).contains(v)).map(|v| v as i32)
}

/// A date expression found in tokens.
#[derive(Debug, Clone, Copy)]
pub struct DateExpr {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The date.
    pub date: PartialDate,
}

/// Dates in a token run: `3 सितम्बर 2025`, `December 04, 2025`, `अक्टूबर 2018`, `4 दिसंबर`
/// (year from `default_year`), `2018 में`, `वर्ष 2018`. Year ranges (`2020-2024`, `2009 और 2013
/// के बीच`) are periods, not dates, and are skipped.
pub fn dates(toks: &[Token], today: Option<NaiveDate>) -> Vec<DateExpr> {
    let default_year = today.map(|d| d.year());
    let mut out = Vec::new();
    let mut i = 0;
    let key = |i: usize| toks.get(i).map(|t| t.key.as_str()).unwrap_or("");
    while i < toks.len() {
        // day month [year]
        if let (Some(d), Some(m)) = (int_of(&toks[i]), month_word(key(i + 1))) {
            if (1..=31).contains(&d) {
                let (y, end) = match toks.get(i + 2).and_then(year_of) {
                    Some(y) => (Some(y), i + 3),
                    None => (default_year, i + 2),
                };
                // (without a year: the article's year, or the year before for a day months after
                // the article's date, "22 दिसंबर" in January; a day weeks ahead is a plan's)
                let no_year = end == i + 2;
                let far_ahead = |x: NaiveDate| today.is_some_and(|t| (x - t).num_days() > 62);
                let y = match y {
                    Some(y) if no_year && NaiveDate::from_ymd_opt(y, m, d as u32).is_some_and(far_ahead) => Some(y - 1),
                    _ => y,
                };
                if let Some(date) = y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d as u32)) {
                    out.push(DateExpr { start: i, end, date: PartialDate::Day(date) });
                    i = end;
                    continue;
                }
            }
        }
        if let Some(m) = month_word(key(i)) {
            // Month day, year
            if let (Some(d), true, Some(y)) =
                (toks.get(i + 1).and_then(int_of), key(i + 2) == ",", toks.get(i + 3).and_then(year_of))
            {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d as u32) {
                    out.push(DateExpr { start: i, end: i + 4, date: PartialDate::Day(date) });
                    i += 4;
                    continue;
                }
            }
            // Month year
            if let Some(y) = toks.get(i + 1).and_then(year_of) {
                out.push(DateExpr { start: i, end: i + 2, date: PartialDate::YearMonth(y, m) });
                i += 2;
                continue;
            }
            // "अक्टूबर में": the last such month up to the article's date ("पिछले साल मार्च में":
            // of the year before)
            if let (Some(t), "में") = (today, key(i + 1)) {
                let last_year = i >= 2 && key(i - 2) == "पिछले" && matches!(key(i - 1), "साल" | "वर्ष");
                let y = if last_year {
                    t.year() - 1
                } else if m <= t.month() {
                    t.year()
                } else {
                    t.year() - 1
                };
                out.push(DateExpr { start: i, end: i + 1, date: PartialDate::YearMonth(y, m) });
                i += 1;
                continue;
            }
        }
        // "पिछले साल" (last year), "इस साल", with no month after it; "पिछले महीने" (last month),
        // "इस महीने" (a time to come, "अगले साल", is a plan's, not a date of what happened)
        if let Some(t) = today {
            let shift = match key(i) {
                "पिछले" | "पिछला" | "गत" => Some(-1),
                "इस" | "इसी" => Some(0),
                _ => None,
            };
            // ("पिछले महीने 22 अक्टूबर को": the day written after it says more)
            let day_after = toks.get(i + 2).and_then(int_of).is_some() && month_word(key(i + 3)).is_some();
            let date = shift.filter(|_| !day_after).and_then(|n| match key(i + 1) {
                "साल" | "वर्ष" if month_word(key(i + 2)).is_none() => {
                    Some(PartialDate::Year(t.year() + n))
                }
                "महीने" | "महीना" | "माह" => {
                    let m = t.year() * 12 + t.month0() as i32 + n;
                    Some(PartialDate::YearMonth(m.div_euclid(12), m.rem_euclid(12) as u32 + 1))
                }
                // "पिछले हफ्ते" (last week): the month of the day a week back
                "हफ्ते" | "सप्ताह" | "हफ्ता" if n == -1 => {
                    let d = t - Duration::days(7);
                    Some(PartialDate::YearMonth(d.year(), d.month()))
                }
                _ => None,
            });
            if let Some(date) = date {
                out.push(DateExpr { start: i, end: i + 2, date });
                i += 2;
                continue;
            }
            // "दस दिन पहले", "तीन साल पहले" (so long ago, counted from the article's date)
            let ago = toks.get(i).and_then(numeral).filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n < 100.0);
            // (not "बैठक से दो साल पहले", before some other event)
            let before_event = i > 0 && matches!(key(i - 1), "से" | "के");
            if let (Some(n), "पहले") = (ago.filter(|_| !before_event), key(i + 2)) {
                let n = n as i64;
                let date = match key(i + 1) {
                    // (not days or weeks: "दो दिन पहले पहुंचे X ने आज ..." dates the arrival, and
                    // the month is all a count of days would give a deal)
                    "महीने" | "माह" => {
                        let m = t.year() * 12 + t.month0() as i32 - n as i32;
                        Some(PartialDate::YearMonth(m.div_euclid(12), m.rem_euclid(12) as u32 + 1))
                    }
                    "साल" | "वर्ष" => Some(PartialDate::Year(t.year() - n as i32)),
                    _ => None,
                };
                if let Some(date) = date {
                    out.push(DateExpr { start: i, end: i + 3, date });
                    i += 3;
                    continue;
                }
            }
        }
        // (not a number of crores or dollars: "2100 करोड़ रुपये")
        let amount = scale_word(key(i + 1)).is_some() || currency_at(toks, i + 1).is_some();
        if let Some(y) = year_of(&toks[i]).filter(|_| !amount) {
            let in_range = matches!(key(i + 1), "-" | "–" | "और" | "से" | "तक")
                && toks.get(i + 2).and_then(year_of).is_some()
                || i >= 2
                    && matches!(key(i - 1), "-" | "–" | "और" | "से")
                    && toks.get(i - 2).and_then(year_of).is_some();
            if !in_range {
                out.push(DateExpr { start: i, end: i + 1, date: PartialDate::Year(y) });
            }
        }
        i += 1;
    }
    out
}

/// A period of years: `2020-2024`, `2009 और 2013 के बीच`, `2019 से 2023`, `2026-27`.
pub fn periods(toks: &[Token]) -> Vec<(usize, i32, i32)> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let Some(a) = year_of(&toks[i]) else { continue };
        if !matches!(toks.get(i + 1).map(|t| t.key.as_str()), Some("-" | "–" | "और" | "से")) {
            continue;
        }
        let Some(b) = toks.get(i + 2).and_then(int_of) else { continue };
        let b = if (0..100).contains(&b) { (a / 100 * 100) as i64 + b } else { b };
        if (i64::from(a)..=i64::from(a) + 50).contains(&b) && b > i64::from(a) {
            out.push((i, a, b as i32));
        }
    }
    out
}

/// A money amount: `5.5 बिलियन डॉलर`, `पांच अरब अमेरिकी डॉलर`, `5.43 अरब डॉलर`, `3,000 करोड़ रुपये`.
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Value in units of the currency.
    pub value: f64,
    /// ISO 4217 code.
    pub currency: &'static str,
}

/// The numeric value of a token (digits or a number word).
pub fn numeral(t: &Token) -> Option<f64> {
    match t.kind {
        TokenKind::Number => number_value(&t.text),
        TokenKind::Word => number_word(&t.key),
        TokenKind::Punct => None,
    }
}

/// Money amounts in a token run.
pub fn amounts(toks: &[Token]) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // currency symbol first: $5.5 billion
        if let Some(cur) = currency_word(&toks[i].key) {
            if let Some(n) = toks.get(i + 1).and_then(numeral) {
                let (mult, end) = match toks.get(i + 2).and_then(|t| scale_word(&t.key)) {
                    Some(m) => (m, i + 3),
                    None => (1.0, i + 2),
                };
                out.push(Amount { start: i, end, value: n * mult, currency: cur });
                i = end;
                continue;
            }
        }
        if let Some(n) = numeral(&toks[i]) {
            let mut j = i + 1;
            let mut mult = 1.0;
            while let Some(m) = toks.get(j).and_then(|t| scale_word(&t.key)) {
                mult *= m;
                j += 1;
            }
            // "डॉलर", "अमेरिकी डॉलर", "US dollars", "डेनिश क्रोन"
            if let Some((cur, len)) = currency_at(toks, j) {
                out.push(Amount { start: i, end: j + len, value: n * mult, currency: cur });
                i = j + len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The day a weekday names, seen from the article's date: the latest such day on or before it
/// for past events, the first such day on or after it for planned ones.
pub fn resolve_weekday(article: NaiveDate, day: Weekday, planned: bool) -> NaiveDate {
    let a = i64::from(article.weekday().num_days_from_monday());
    let d = i64::from(day.num_days_from_monday());
    if planned {
        article + Duration::days((d - a).rem_euclid(7))
    } else {
        article - Duration::days((a - d).rem_euclid(7))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn toks(s: &str) -> Vec<Token> {
        let c: Vec<char> = s.chars().collect();
        tokenize(&c, 0, c.len())
    }

    #[test]
    fn amounts_in_words_and_digits() {
        let cases = [
            ("5.5 बिलियन डॉलर के सौदे", 5.5e9, "USD"),
            ("पांच अरब अमेरिकी डॉलर के समझौते", 5e9, "USD"),
            ("5.43 अरब डॉलर के अनुबंध", 5.43e9, "USD"),
            ("3,000 करोड़ रुपये का", 3e10, "INR"),
            ("63,000 करोड़ रुपए", 6.3e11, "INR"),
            ("58 अरब डेनिश क्रोन की योजना", 5.8e10, "DKK"),
            ("करीब 150 अरब चेक कोरुना है", 1.5e11, "CZK"),
            ("28 अरब फिलीपीनी पेसो के करार", 2.8e10, "PHP"),
            ("1,200 अरब पाकिस्तानी रुपये", 1.2e12, "PKR"),
            ("6 अरब ज़्लॉटी का", 6e9, "PLN"),
        ];
        for (s, v, c) in cases {
            let a = amounts(&toks(s));
            assert_eq!(a.len(), 1, "{s}");
            assert!((a[0].value - v).abs() < 1.0, "{s}: {}", a[0].value);
            assert_eq!(a[0].currency, c);
        }
    }

    #[test]
    fn dates_and_periods() {
        let d = dates(&toks("3 सितम्बर 2025"), None);
        assert_eq!(d[0].date.iso(), "2025-09-03");
        let d = dates(&toks("December 04, 2025 | 11:07 PM"), None);
        assert_eq!(d[0].date.iso(), "2025-12-04");
        let d = dates(&toks("अक्टूबर 2018 में, भारत ने"), None);
        assert_eq!(d[0].date.iso(), "2018-10");
        let d = dates(&toks("2020-2024 के बीच"), None);
        assert!(d.is_empty());
        // a bare month is the last such month up to the article's date
        let june = NaiveDate::from_ymd_opt(2024, 6, 2);
        assert_eq!(dates(&toks("दिसंबर में पहुंचे"), june)[0].date.iso(), "2023-12");
        assert_eq!(dates(&toks("मई में पहुंचे"), june)[0].date.iso(), "2024-05");
        assert_eq!(dates(&toks("पिछले साल मई में पहुंचे"), june)[0].date.iso(), "2023-05");
        assert_eq!(dates(&toks("पिछले साल पहुंचे"), june)[0].date.iso(), "2023");
        assert!(dates(&toks("अगले साल पहुंचेंगे"), june).is_empty());
        assert_eq!(dates(&toks("पिछले महीने करार हुआ"), june)[0].date.iso(), "2024-05");
        assert_eq!(dates(&toks("इसी महीने करार हुआ"), june)[0].date.iso(), "2024-06");
        let january = NaiveDate::from_ymd_opt(2026, 1, 20);
        assert_eq!(dates(&toks("पिछले महीने करार हुआ"), january)[0].date.iso(), "2025-12");
        assert_eq!(dates(&toks("इस साल पहुंचे"), january)[0].date.iso(), "2026");
        assert_eq!(dates(&toks("पिछले महीने 22 दिसंबर को"), january)[0].date.iso(), "2025-12-22");
        assert_eq!(dates(&toks("पिछले हफ्ते उतरे"), january)[0].date.iso(), "2026-01");
        assert_eq!(dates(&toks("तीन साल पहले करार हुआ"), january)[0].date.iso(), "2023");
        assert_eq!(dates(&toks("दो महीने पहले करार हुआ"), january)[0].date.iso(), "2025-11");
        assert!(dates(&toks("बैठक से दो साल पहले"), january).is_empty());
        let november = NaiveDate::from_ymd_opt(2025, 11, 20);
        assert_eq!(dates(&toks("15 दिसंबर को होगी"), november)[0].date.iso(), "2025-12-15");
        assert!(dates(&toks("दिसंबर में पहुंचे"), None).is_empty());
        // amounts are no years
        assert!(dates(&toks("2,100 करोड़ रुपये"), None).is_empty());
        assert!(dates(&toks("2025 करोड़ रुपये"), None).is_empty());
        assert_eq!(periods(&toks("2020-2024 के बीच"))[0], (0, 2020, 2024));
        assert_eq!(periods(&toks("2009 और 2013 के बीच"))[0], (0, 2009, 2013));
        assert_eq!(periods(&toks("2026-27 में"))[0], (0, 2026, 2027));
    }

    #[test]
    fn weekdays_resolve_against_the_article_date() {
        let thu = NaiveDate::from_ymd_opt(2025, 12, 4).expect("date");
        assert_eq!(resolve_weekday(thu, Weekday::Thu, false), thu);
        assert_eq!(resolve_weekday(thu, Weekday::Fri, true).to_string(), "2025-12-05");
        assert_eq!(resolve_weekday(thu, Weekday::Tue, false).to_string(), "2025-12-02");
        assert_eq!(resolve_weekday(thu, Weekday::Mon, false).to_string(), "2025-12-01");
    }
}
