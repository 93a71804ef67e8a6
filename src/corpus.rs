//! Corpus: reading articles from `.txt` files, folders, JSON Lines crawls and stdin; finding the
//! article date; cutting site chrome (related-headline lists, bylines, photo credits, share bars).
//!
//! Architecture invariant: this is the only module that reads article files. A file that cannot
//! be read or decoded becomes a [`CorpusError`] naming it; the others are still read.

use crate::extract::grammar;
use crate::text;
use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thiserror::Error;

/// A problem with one input.
#[derive(Debug, Error)]
pub enum CorpusError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{path}: not UTF-8 text (byte {offset}); save it as UTF-8 and build again")]
    Encoding {
        /// File.
        path: PathBuf,
        /// First bad byte.
        offset: usize,
    },
    /// A JSON Lines record is malformed.
    #[error("{path}:{line}: {message}")]
    Json {
        /// File.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A path does not exist.
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    /// An input with no text (empty, or only spaces): skipped.
    #[error("{0}: no text (empty or only spaces); skipped")]
    Empty(String),
    /// A WARC record that could not be read: skipped.
    #[error("{path}: record at offset {offset}: {message}")]
    Warc {
        /// File.
        path: PathBuf,
        /// Byte offset of the record (of its gzip member, for .warc.gz).
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// A feed that could not be parsed.
    #[error("{path}: not a readable RSS or Atom feed: {message}")]
    Feed {
        /// File.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A web page whose text is not mostly Devanagari (another language): skipped and counted.
    #[error("{0}: not mostly Devanagari; skipped")]
    NotHindi(String),
    /// An article above the size limit: skipped.
    #[error("{article}: {bytes} bytes, above the limit of {limit} bytes (--max-article-bytes); skipped")]
    TooLarge {
        /// Article (path, or `path:line`).
        article: String,
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl CorpusError {
    /// A skip (the input was read and deliberately left out: empty, too large) rather than a
    /// failure to read it.
    pub fn is_skip(&self) -> bool {
        matches!(self, CorpusError::Empty(_) | CorpusError::TooLarge { .. } | CorpusError::NotHindi(_))
    }
}

/// The largest article khabar reads by default (in bytes of UTF-8): a long news article is
/// 20–60 KB; anything above 2 MB is a dump, not an article.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 2_000_000;

/// One article, cleaned.
#[derive(Debug, Clone)]
pub struct Article {
    /// Where it came from: a path, `path:line` for JSON Lines, or the record id.
    pub source: String,
    /// URL, if known.
    pub url: Option<String>,
    /// Title, if known (else the first line).
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Body text: cleaned, chrome removed.
    pub text: String,
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    url: Option<String>,
    date: Option<String>,
    title: Option<String>,
    text: Option<String>,
}

/// Expands paths into input files: `.txt`, `.jsonl`, `.html`, `.warc`, `.warc.gz`, feeds
/// (`.rss`, `.atom`, `.xml`) (folders recursively, sorted).
pub fn input_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<CorpusError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            errors.push(CorpusError::Missing(p.clone()));
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<CorpusError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(CorpusError::Read { path: dir.into(), source });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, errors);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl" | "json" | "html" | "htm" | "warc" | "rss" | "atom" | "xml")
        ) || is_warc_path(&p)
        {
            files.push(p);
        }
    }
}

/// Is this a web archive, by its name (`.warc`, `.warc.gz`)?
pub fn is_warc_path(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// An input, opened: read whole (text, JSON Lines, HTML, a feed), or a web archive read record
/// by record (a Common Crawl file is a gigabyte).
pub enum Input {
    /// The articles of an input read whole, and its problems.
    Read(Vec<Article>, Vec<CorpusError>),
    /// The articles of a WARC stream, one at a time.
    Warc(Box<WarcArticles>),
}

/// Opens one input (or `-` for stdin: a WARC or WARC.gz stream is recognised by its first bytes
/// and read as a stream, anything else is read whole).
pub fn open(path: &Path, max_bytes: usize) -> Input {
    use std::io::BufRead;
    let read_err = |source| Input::Read(Vec::new(), vec![CorpusError::Read { path: path.into(), source }]);
    if path.as_os_str() == "-" {
        let mut r = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
        let head = match r.fill_buf() {
            Ok(h) => h,
            Err(e) => return read_err(e),
        };
        if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"WARC/") {
            return match WarcArticles::new(path, Box::new(r), max_bytes) {
                Ok(w) => Input::Warc(Box::new(w)),
                Err(e) => read_err(e),
            };
        }
        let mut b = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut r, &mut b) {
            return read_err(e);
        }
        let (a, e) = read_bytes(path, &b, max_bytes);
        return Input::Read(a, e);
    }
    if is_warc_path(path) {
        return match std::fs::File::open(path)
            .and_then(|f| WarcArticles::new(path, Box::new(std::io::BufReader::with_capacity(1 << 16, f)), max_bytes))
        {
            Ok(w) => Input::Warc(Box::new(w)),
            Err(e) => read_err(e),
        };
    }
    let (a, e) = read_file(path, max_bytes);
    Input::Read(a, e)
}

/// The articles of a WARC stream: each `response` record with an HTML payload whose text is
/// mostly Devanagari, named by its `WARC-Target-URI`. Other records are passed over; pages in
/// other languages and bad records come as errors (the first a skip).
pub struct WarcArticles {
    path: PathBuf,
    reader: crate::web::WarcReader<Box<dyn std::io::BufRead + Send>>,
    max_bytes: usize,
}

impl WarcArticles {
    fn new(path: &Path, r: Box<dyn std::io::BufRead + Send>, max_bytes: usize) -> std::io::Result<Self> {
        let path = if path.as_os_str() == "-" { PathBuf::from("stdin") } else { path.to_path_buf() };
        Ok(WarcArticles { path, reader: crate::web::WarcReader::new(r)?, max_bytes })
    }
}

/// Share of Devanagari among the letters of a page's text above which it is read as Hindi.
pub const MIN_DEVANAGARI: f64 = 0.5;

impl Iterator for WarcArticles {
    type Item = Result<Article, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        use crate::web::WarcItem;
        loop {
            match self.reader.next()? {
                WarcItem::Other => continue,
                WarcItem::Bad { offset, message } => {
                    return Some(Err(CorpusError::Warc { path: self.path.clone(), offset, message }))
                }
                WarcItem::Page(p) => {
                    let page = crate::web::page(&p.html);
                    if crate::web::devanagari_share(&page.text) < MIN_DEVANAGARI {
                        return Some(Err(CorpusError::NotHindi(p.uri)));
                    }
                    if let Err(e) = admit(&p.uri, &page.text, self.max_bytes) {
                        return Some(Err(e));
                    }
                    return Some(Ok(article_from_text(&p.uri, &page.text, Some(p.uri.clone()), page.title, page.date)));
                }
            }
        }
    }
}

/// Reads one input file (or `-` for stdin) into articles; a bad JSON line is reported and
/// skipped, the other lines are kept; an article above `max_bytes` is reported and skipped.
pub fn read_file(path: &Path, max_bytes: usize) -> (Vec<Article>, Vec<CorpusError>) {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        match std::io::Read::read_to_end(&mut std::io::stdin(), &mut b) {
            Ok(_) => b,
            Err(source) => return (Vec::new(), vec![CorpusError::Read { path: path.into(), source }]),
        }
    } else {
        match std::fs::read(path) {
            Ok(b) => b,
            Err(source) => return (Vec::new(), vec![CorpusError::Read { path: path.into(), source }]),
        }
    };
    read_bytes(path, &bytes, max_bytes)
}

/// Reads the bytes of one input file: UTF-8 (with or without a byte-order mark), or UTF-16 with
/// a byte-order mark; JSON Lines by the `.jsonl`/`.json` extension (or a `{` opening stdin); an
/// HTML page (by `.html`/`.htm`, or a text that opens like one) is read as its text.
pub fn read_bytes(path: &Path, bytes: &[u8], max_bytes: usize) -> (Vec<Article>, Vec<CorpusError>) {
    let content = match decode(bytes) {
        Ok(s) => s,
        Err(offset) => return (Vec::new(), vec![CorpusError::Encoding { path: path.into(), offset }]),
    };
    let source = if path.as_os_str() == "-" { "stdin".to_string() } else { path.display().to_string() };
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let is_jsonl = matches!(ext.as_deref(), Some("jsonl" | "json"))
        || path.as_os_str() == "-" && content.trim_start().starts_with('{');
    if is_jsonl {
        return read_jsonl(path, &source, &content, max_bytes);
    }
    if bytes.starts_with(&[0x1f, 0x8b]) || bytes.starts_with(b"WARC/") || is_warc_path(path) {
        let r: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(bytes.to_vec()));
        return match WarcArticles::new(path, r, max_bytes) {
            Ok(w) => {
                let (mut arts, mut errs) = (Vec::new(), Vec::new());
                for a in w {
                    match a {
                        Ok(a) => arts.push(a),
                        Err(e) => errs.push(e),
                    }
                }
                (arts, errs)
            }
            Err(source) => (Vec::new(), vec![CorpusError::Read { path: path.into(), source }]),
        };
    }
    if matches!(ext.as_deref(), Some("rss" | "atom" | "xml")) || crate::web::looks_like_feed(&content) {
        return read_feed(path, &content, max_bytes);
    }
    if matches!(ext.as_deref(), Some("html" | "htm")) || looks_like_html(&content) {
        let page = crate::web::page(&content);
        return match admit(&source, &page.text, max_bytes) {
            Ok(()) => (vec![article_from_text(&source, &page.text, page.url, page.title, page.date)], Vec::new()),
            Err(e) => (Vec::new(), vec![e]),
        };
    }
    match admit(&source, &content, max_bytes) {
        Ok(()) => (vec![article_from_text(&source, &content, None, None, None)], Vec::new()),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// The entries of an RSS or Atom feed, each an article named by its link; entries not mostly in
/// Devanagari are skipped.
fn read_feed(path: &Path, content: &str, max_bytes: usize) -> (Vec<Article>, Vec<CorpusError>) {
    let entries = match crate::web::feed_entries(content.as_bytes()) {
        Ok(e) => e,
        Err(message) => return (Vec::new(), vec![CorpusError::Feed { path: path.into(), message }]),
    };
    let (mut arts, mut errs) = (Vec::new(), Vec::new());
    for e in entries {
        if crate::web::devanagari_share(&e.text) < MIN_DEVANAGARI {
            errs.push(CorpusError::NotHindi(e.link));
            continue;
        }
        if let Err(err) = admit(&e.link, &e.text, max_bytes) {
            errs.push(err);
            continue;
        }
        let url = e.link.starts_with("http").then(|| e.link.clone());
        arts.push(article_from_text(&e.link, &e.text, url, e.title, e.date));
    }
    (arts, errs)
}

/// An article khabar reads: not empty, not above the limit.
fn admit(source: &str, text: &str, max_bytes: usize) -> Result<(), CorpusError> {
    if text.len() > max_bytes {
        Err(CorpusError::TooLarge { article: source.to_string(), bytes: text.len(), limit: max_bytes })
    } else if !text.chars().any(|c| !c.is_whitespace() && c != '\u{FEFF}' && c != '\0') {
        Err(CorpusError::Empty(source.to_string()))
    } else {
        Ok(())
    }
}

/// UTF-8 (a byte-order mark dropped), or UTF-16 LE/BE with a byte-order mark; else the offset of
/// the first byte that is not UTF-8.
fn decode(bytes: &[u8]) -> Result<String, usize> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])
                } else {
                    u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| 0usize)
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).map(str::to_string).map_err(|e| e.valid_up_to() + 3),
        _ => std::str::from_utf8(bytes).map(str::to_string).map_err(|e| e.valid_up_to()),
    }
}

/// Does this text open like an HTML page (`<!DOCTYPE html>`, `<html`)?
fn looks_like_html(text: &str) -> bool {
    let head: String =
        text.trim_start_matches('\u{FEFF}').trim_start().chars().take(15).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn read_jsonl(path: &Path, source: &str, content: &str, max_bytes: usize) -> (Vec<Article>, Vec<CorpusError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| CorpusError::Json { path: path.into(), line: n + 1, message };
        let rec: JsonArticle = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                errors.push(err(e.to_string()));
                continue;
            }
        };
        let Some(body) = rec.text else {
            errors.push(err("record has no \"text\"".into()));
            continue;
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => format!("{source}:{}", n + 1),
        };
        let date = rec.date.as_deref().and_then(parse_iso_date);
        if let Err(e) = admit(&format!("{source}:{}", n + 1), &body, max_bytes) {
            errors.push(e);
            continue;
        }
        out.push(article_from_text(&id, &body, rec.url, rec.title, date));
    }
    (out, errors)
}

fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Makes an article from raw text: cleans it, finds its date, strips chrome.
pub fn article_from_text(
    source: &str,
    raw: &str,
    url: Option<String>,
    title: Option<String>,
    date: Option<NaiveDate>,
) -> Article {
    let cleaned = text::clean(raw);
    let mut body = cleaned.trim_start().to_string();
    let mut date = date;
    // a leading `date YYYY-MM-DD` marker
    if let Some(rest) = body.strip_prefix("date ") {
        if let Some(d) = rest.get(..10).and_then(parse_iso_date) {
            date = date.or(Some(d));
            body = rest[10..].trim_start().to_string();
        }
    }
    if date.is_none() {
        date = dateline(&body);
    }
    let body = strip_chrome(&body);
    let title = title.or_else(|| {
        body.lines().find(|l| l.chars().any(text::is_word_char) && l.chars().count() > 15).map(|l| l.trim().to_string())
    });
    Article { source: source.to_string(), url, title, date, text: body }
}

/// The article's date from a dateline: a line that is only a date (`3 सितम्बर 2025`), or an
/// `Updated`/`Published` line (`Last Updated- December 04, 2025 | 11:07 PM IST`).
fn dateline(body: &str) -> Option<NaiveDate> {
    let mut fallback = None;
    for line in body.lines().take(60) {
        let chars: Vec<char> = line.chars().collect();
        let toks = text::tokenize(&chars, 0, chars.len());
        let ds = grammar::dates(&toks, None);
        let Some(d) = ds.iter().find_map(|d| match d.date {
            grammar::PartialDate::Day(day) => Some((day, d.start, d.end)),
            _ => None,
        }) else {
            continue;
        };
        let only_date = toks.len() <= d.2 - d.1 + 1;
        let lower = line.to_lowercase();
        if only_date || lower.contains("updated") || lower.contains("published") || lower.contains("प्रकाशित")
        {
            return Some(d.0);
        }
        // a dateline opening a paragraph: `मार्सेई, 12 फरवरी 2025। प्रधानमंत्री ...`
        let first_sentence =
            toks.iter().position(|t| matches!(t.text.as_str(), "।" | "|" | ":" | "-" | "—")).unwrap_or(toks.len());
        if d.2 <= first_sentence && first_sentence <= 8 {
            return Some(d.0);
        }
        if fallback.is_none() && toks.len() < 12 {
            fallback = Some(d.0);
        }
    }
    fallback
}

fn chrome_res() -> &'static [Regex] {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    RES.get_or_init(|| {
        [
            // inline trailers
            r"(?i)\s*Edited by\s*:.*$",
            r"\s+/\s*(AP|PTI|ANI|Reuters|AFP|IANS|एपी|पीटीआई|एएनआई)\s*$",
            r"(?i)\s*pic\.twitter\.com/\S+",
            r"\((फोटो|तस्वीर|Photo|Image)[^)]*\)",
        ]
        .iter()
        .filter_map(|r| Regex::new(r).ok())
        .collect()
    })
}

/// Removes site chrome, line by line. What is removed can never produce a fact.
pub fn strip_chrome(body: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut first_content = true;
    for line in body.lines() {
        let t = line.trim();
        let lower = t.to_lowercase();
        // everything after these belongs to the site, not the article
        if t == "खोजें"
            || lower.starts_with("leave a comment")
            || lower == "related news"
            || t.starts_with("संबंधित खबरें")
            || t == "और पढ़ें"
        {
            break;
        }
        let drop = t.starts_with("ये भी पढ़ें")
            || t.starts_with("यह भी पढ़ें")
            || t.starts_with("इसे भी पढ़ें")
            || t.starts_with("Also Read")
            || lower.starts_with("trending videos")
            || t.contains('»')
            || lower.starts_with("published by")
            || lower.starts_with("last updated")
            || lower.starts_with("first published")
            || lower.starts_with("updated:")
            || lower.starts_with("news portal development")
            || t.starts_with("स्रोत:")
            || t.starts_with("स्रोत :")
            || t.ends_with("संवाददाता")
            || t.starts_with("फोटो:")
            || t.starts_with("फोटो :")
            || lower.starts_with("photo:")
            || lower.starts_with("follow us")
            || lower.starts_with("share this");
        if drop {
            out.push(String::new());
            continue;
        }
        let mut l = line.to_string();
        for re in chrome_res() {
            l = re.replace_all(&l, "").into_owned();
        }
        if first_content && !l.trim().is_empty() {
            l = strip_byline(&l);
            first_content = false;
        }
        out.push(l);
    }
    out.join("\n")
}

/// `संजय मिश्र, नई दिल्ली। ...` — a byline and dateline opening the body.
fn strip_byline(line: &str) -> String {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^\s*[\p{L}\p{M} .]{2,30},\s*[\p{L}\p{M} ]{2,25}[।:]\s*").ok());
    match re {
        Some(re) if re.find(line).is_some_and(|m| m.as_str().split_whitespace().count() <= 6) => {
            re.replace(line, "").into_owned()
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marker_and_datelines() {
        let a = article_from_text("x", " date 2025-12-04 शीर्षक यहां", None, None, None);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-12-04"));
        assert!(a.text.starts_with("शीर्षक"));
        let a = article_from_text("x", "पहली पंक्ति\n3 सितम्बर 2025\n\nपाठ", None, None, None);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-09-03"));
        let a = article_from_text("x", "शीर्षक\nLast Updated- December 04, 2025 | 11:07 PM IST\nपाठ", None, None, None);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-12-04"));
        let a = article_from_text("x", "शीर्षक\n\nमार्सेई, 12 फरवरी 2025। प्रधानमंत्री ने कहा।", None, None, None);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-02-12"));
        // a date deep in a long sentence is what the article talks about, not when it appeared
        let a = article_from_text(
            "x",
            "नई दिल्ली, 14 अक्टूबर (भाषा) रक्षा मंत्री ने बहुत समय पहले 3 सितंबर 2024 को कहा था कि",
            None,
            None,
            None,
        );
        assert_eq!(a.date, None);
    }

    #[test]
    fn chrome_is_cut() {
        let body = "असली खबर।\nये भी पढ़ें: कुछ और\nTrending Videos\nदूसरा पैरा।\nखोजें\nसंबंधित शीर्षक जो हटेगा";
        let s = strip_chrome(body);
        assert!(s.contains("असली खबर"));
        assert!(s.contains("दूसरा पैरा"));
        assert!(!s.contains("कुछ और"));
        assert!(!s.contains("Trending"));
        assert!(!s.contains("हटेगा"));
    }

    #[test]
    fn byline_is_cut() {
        let s = strip_chrome("संजय मिश्र, नई दिल्ली। भारत और रूस ने कहा।");
        assert!(s.starts_with("भारत"), "{s}");
    }
}
