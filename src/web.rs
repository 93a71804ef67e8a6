//! Web inputs: HTML pages (main text, title and date from the page's metadata, site chrome
//! removed), WARC / WARC.gz web archives (Common Crawl's layout) and RSS / Atom feeds.
//!
//! Architecture invariant: called by [`crate::corpus`] only; knows nothing of extraction. A WARC
//! file is read as a stream of records (a Common Crawl file is a gigabyte), so memory stays flat
//! whatever its size; a bad record is reported with the file and its offset and skipped.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use std::io::{BufRead, Read};
use std::sync::OnceLock;

/// What a page says of itself, and its main text.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Headline: `og:title`, else the first `<h1>`, else `<title>`.
    pub title: Option<String>,
    /// Publication date: `article:published_time`, `datePublished` (microdata or JSON-LD),
    /// `<meta name="date">`-like tags, or a `<time datetime>` in the article.
    pub date: Option<NaiveDate>,
    /// Canonical URL (`<link rel="canonical">` or `og:url`).
    pub url: Option<String>,
    /// The main text, one block per line, the headline first.
    pub text: String,
}

/// Elements whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "figcaption",
    "menu",
    "dialog",
    "object",
    "video",
    "audio",
    "canvas",
    "head",
];

/// Block elements: each ends a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "ul",
    "ol",
    "table",
    "blockquote",
    "main",
    "dd",
    "dt",
    "pre",
    "hr",
    "figure",
];

/// Words in a `class` or `id` that mark chrome: related links, share bars, comments, menus, ads.
const CHROME_WORDS: &[&str] = &[
    "related",
    "share",
    "social",
    "comment",
    "breadcrumb",
    "menu",
    "navbar",
    "sidebar",
    "footer",
    "header",
    "advert",
    "advertisement",
    "ads",
    "ad-slot",
    "promo",
    "newsletter",
    "subscribe",
    "trending",
    "also-read",
    "alsoread",
    "read-more",
    "readmore",
    "recommended",
    "more-news",
    "tags",
    "taglist",
    "author-bio",
    "byline",
    "cookie",
    "popup",
    "widget",
    "outbrain",
    "taboola",
];

/// The selectors pages are read with, parsed once (a web archive holds thousands of pages).
const SELECTORS: &[&str] = &[
    "meta",
    "h1",
    "title",
    "[itemprop=datePublished]",
    "article time[datetime]",
    "link[rel=canonical]",
    "[itemprop=articleBody]",
    "article",
    "main",
    "body",
    "script[type=\"application/ld+json\"]",
];

fn sel(s: &'static str) -> &'static Selector {
    static PARSED: OnceLock<Vec<Selector>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        SELECTORS.iter().map(|s| Selector::parse(s).unwrap_or_else(|_| panic!("bad built-in selector {s}"))).collect()
    });
    let i = SELECTORS.iter().position(|x| *x == s).unwrap_or_else(|| panic!("selector {s} is not in SELECTORS"));
    &parsed[i]
}

fn is_chrome(e: &scraper::node::Element) -> bool {
    let marks = |v: &str| {
        v.split(|c: char| c.is_whitespace()).any(|word| {
            let w = word.to_ascii_lowercase();
            CHROME_WORDS.iter().any(|c| {
                w == *c
                    || w.split(['-', '_']).any(|part| part == *c)
                    || (c.contains('-') && w.contains(c))
                    || w.starts_with(&format!("{c}-"))
            })
        })
    };
    e.attr("class").is_some_and(marks)
        || e.attr("id").is_some_and(marks)
        || matches!(e.attr("role"), Some("navigation" | "banner" | "contentinfo" | "complementary"))
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
}

/// The number of Devanagari letters in a text, and of all letters.
pub fn devanagari_share(text: &str) -> f64 {
    let (mut dev, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        all += 1;
        if ('\u{0900}'..='\u{097F}').contains(&c) {
            dev += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        dev as f64 / all as f64
    }
}

fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A date at the start of a metadata value: `2025-03-14`, `2025-03-14T10:00:00+05:30`,
/// `20250314`.
fn meta_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if let Some(d) = v.get(..10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    v.get(..8)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
}

/// Reads an HTML page.
pub fn page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let meta = |names: &[&str]| -> Option<String> {
        let s = sel("meta");
        for want in names {
            for m in doc.select(s) {
                let e = m.value();
                let key = e.attr("property").or(e.attr("name")).or(e.attr("itemprop"));
                if key.is_some_and(|k| k.eq_ignore_ascii_case(want)) {
                    if let Some(c) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                        return Some(c.to_string());
                    }
                }
            }
        }
        None
    };
    let first_text = |s: &'static str| -> Option<String> {
        doc.select(sel(s)).map(|e| clean_line(&e.text().collect::<String>())).find(|t| !t.is_empty())
    };
    let title = meta(&["og:title", "twitter:title"])
        .map(|t| clean_line(&t))
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title"));
    let date = meta(&[
        "article:published_time",
        "datePublished",
        "publish-date",
        "publishdate",
        "pubdate",
        "publication_date",
        "date",
        "DC.date.issued",
        "dcterms.created",
        "sailthru.date",
    ])
    .and_then(|d| meta_date(&d))
    .or_else(|| json_ld_date(&doc))
    .or_else(|| {
        doc.select(sel("[itemprop=datePublished]"))
            .find_map(|e| e.value().attr("datetime").or(e.value().attr("content")).and_then(meta_date))
    })
    .or_else(|| doc.select(sel("article time[datetime]")).find_map(|e| e.value().attr("datetime").and_then(meta_date)));
    let url = doc
        .select(sel("link[rel=canonical]"))
        .find_map(|e| e.value().attr("href").map(str::to_string))
        .or_else(|| meta(&["og:url"]));

    // the main text: the article body when the page marks it, else the largest <article>, else
    // <main>, else the whole body
    let root = doc
        .select(sel("[itemprop=articleBody]"))
        .next()
        .or_else(|| doc.select(sel("article")).max_by_key(|a| devanagari_len(a)))
        .or_else(|| doc.select(sel("main")).next())
        .or_else(|| doc.select(sel("body")).next())
        .unwrap_or_else(|| doc.root_element());
    let mut out = String::new();
    walk(root, &mut out);
    let lines: Vec<String> = out.lines().map(clean_line).filter(|l| !l.is_empty()).collect();
    let mut text = String::new();
    // the headline opens the text, as in a news article saved as text
    if let Some(t) = &title {
        if lines.first() != Some(t) {
            text.push_str(t);
            text.push('\n');
        }
    }
    for l in lines {
        text.push_str(&l);
        text.push('\n');
    }
    Page { title, date, url, text }
}

fn devanagari_len(e: &ElementRef) -> usize {
    e.text().flat_map(str::chars).filter(|c| ('\u{0900}'..='\u{097F}').contains(c)).count()
}

fn walk(e: ElementRef, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                let name = el.name();
                if SKIPPED_TAGS.contains(&name) || is_chrome(el) {
                    out.push('\n');
                    continue;
                }
                let block = BLOCK_TAGS.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, out);
                }
                if block {
                    out.push('\n');
                } else if !matches!(name, "b" | "i" | "em" | "strong" | "span" | "a" | "u" | "sup" | "sub" | "mark") {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// `datePublished` in a JSON-LD block.
fn json_ld_date(doc: &Html) -> Option<NaiveDate> {
    fn find(v: &serde_json::Value) -> Option<NaiveDate> {
        match v {
            serde_json::Value::Object(m) => m
                .get("datePublished")
                .and_then(|d| d.as_str())
                .and_then(meta_date)
                .or_else(|| m.values().find_map(find)),
            serde_json::Value::Array(a) => a.iter().find_map(find),
            _ => None,
        }
    }
    doc.select(sel("script[type=\"application/ld+json\"]"))
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>()).ok())
        .find_map(|v| find(&v))
}

// ---------------------------------------------------------------------------------------------
// WARC

/// One WARC `response` record with an HTML payload.
#[derive(Debug)]
pub struct WarcPage {
    /// `WARC-Target-URI`.
    pub uri: String,
    /// Where the record starts: the byte offset in the file (of its gzip member, for .warc.gz).
    pub offset: u64,
    /// The page, decoded to text by its charset.
    pub html: String,
}

/// What a WARC record turned out to be.
#[derive(Debug)]
pub enum WarcItem {
    /// An HTML response.
    Page(WarcPage),
    /// A record that is not an HTML response (request, metadata, warcinfo, an image): ignored.
    Other,
    /// A record that could not be read: its offset and why. Reading goes on at the next record
    /// when the framing allows it.
    Bad {
        /// Offset of the record.
        offset: u64,
        /// What is wrong.
        message: String,
    },
}

/// A reader that counts the bytes consumed from it.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// The records of a WARC or WARC.gz stream (gzip is recognised by its magic bytes; Common
/// Crawl's files are one gzip member per record, and a file gzipped whole is read too).
pub struct WarcReader<R: BufRead> {
    /// The file, between gzip members (or the whole plain stream).
    src: Option<Counting<R>>,
    gz: bool,
    /// The gzip member being read (it holds the file until the member ends).
    member: Option<std::io::BufReader<flate2::bufread::GzDecoder<Counting<R>>>>,
    member_start: u64,
    done: bool,
}

/// The largest record khabar reads (a news page is well under this; a record above it is a
/// video or a dump).
const MAX_RECORD: u64 = 64 << 20;

impl<R: BufRead> WarcReader<R> {
    /// A reader over a stream.
    pub fn new(mut src: R) -> std::io::Result<Self> {
        let head = src.fill_buf()?;
        let gz = head.starts_with(&[0x1f, 0x8b]);
        Ok(WarcReader { src: Some(Counting { inner: src, pos: 0 }), gz, member: None, member_start: 0, done: false })
    }

    fn fail(&mut self, offset: u64, e: RecordError) -> Option<WarcItem> {
        self.done |= e.fatal;
        Some(WarcItem::Bad { offset, message: e.message })
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        if self.done {
            return None;
        }
        if !self.gz {
            let src = self.src.as_mut()?;
            let offset = src.pos;
            return match read_record(src, offset) {
                Ok(None) => {
                    self.done = true;
                    None
                }
                Ok(Some(r)) => Some(r),
                Err(e) => self.fail(offset, e),
            };
        }
        loop {
            if let Some(m) = self.member.as_mut() {
                let offset = self.member_start;
                match read_record(m, offset) {
                    Ok(Some(r)) => return Some(r),
                    Ok(None) => {
                        // the member is done: the file goes on after it
                        let m = self.member.take()?;
                        self.src = Some(m.into_inner().into_inner());
                    }
                    Err(e) if e.fatal => {
                        // the record's framing is lost: the next gzip member starts afresh
                        let mut m = self.member.take()?;
                        match std::io::copy(&mut m, &mut std::io::sink()) {
                            Ok(_) => self.src = Some(m.into_inner().into_inner()),
                            Err(_) => self.done = true,
                        }
                        return Some(WarcItem::Bad { offset, message: e.message });
                    }
                    Err(e) => return self.fail(offset, e),
                }
            }
            let mut src = self.src.take()?;
            match src.fill_buf() {
                Ok([]) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    let offset = src.pos;
                    return self.fail(offset, RecordError { message: e.to_string(), fatal: true });
                }
            }
            self.member_start = src.pos;
            self.member = Some(std::io::BufReader::new(flate2::bufread::GzDecoder::new(src)));
        }
    }
}

struct RecordError {
    message: String,
    /// The framing is lost: no further record can be found.
    fatal: bool,
}

/// Reads one record's headers and block; `Ok(None)` at the end of the stream.
fn read_record(r: &mut impl BufRead, offset: u64) -> Result<Option<WarcItem>, RecordError> {
    let bad = |m: String, fatal: bool| RecordError { message: m, fatal };
    // skip blank lines between records
    let mut line = String::new();
    loop {
        line.clear();
        let n = read_line(r, &mut line).map_err(|e| bad(e.to_string(), true))?;
        if n == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/") {
        return Err(bad(
            format!("not a WARC record (starts with {:?})", line.trim().chars().take(20).collect::<String>()),
            true,
        ));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        line.clear();
        let n = read_line(r, &mut line).map_err(|e| bad(e.to_string(), true))?;
        if n == 0 {
            return Err(bad("the stream ends inside a record's headers".into(), true));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let get = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
    let len: u64 = get("content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| bad("record without a valid Content-Length".into(), true))?;
    if len > MAX_RECORD {
        // skip it without keeping it
        std::io::copy(&mut r.take(len), &mut std::io::sink()).map_err(|e| bad(e.to_string(), true))?;
        return Err(bad(format!("record of {len} bytes, above {MAX_RECORD}; skipped"), false));
    }
    let mut block = Vec::with_capacity(len as usize);
    r.take(len).read_to_end(&mut block).map_err(|e| bad(e.to_string(), true))?;
    if (block.len() as u64) < len {
        return Err(bad(format!("the stream ends inside a record ({} of {len} bytes)", block.len()), true));
    }
    let is_response = get("warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
    if !is_response {
        return Ok(Some(WarcItem::Other));
    }
    let uri = get("warc-target-uri").unwrap_or("").trim_matches(['<', '>']).to_string();
    if uri.is_empty() {
        return Err(bad("response record without WARC-Target-URI".into(), false));
    }
    match http_html(&block) {
        Ok(Some(html)) => Ok(Some(WarcItem::Page(WarcPage { uri, offset, html }))),
        Ok(None) => Ok(Some(WarcItem::Other)),
        Err(m) => Err(bad(format!("{uri}: {m}"), false)),
    }
}

fn read_line(r: &mut impl BufRead, line: &mut String) -> std::io::Result<usize> {
    let mut buf = Vec::new();
    let n = r.take(64 * 1024).read_until(b'\n', &mut buf)?;
    line.push_str(&String::from_utf8_lossy(&buf));
    Ok(n)
}

/// The HTML payload of an HTTP response (`None` when it is not HTML).
fn http_html(block: &[u8]) -> Result<Option<String>, String> {
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2)));
    let Some((head_end, body_start)) = split else {
        return Err("HTTP response without a header end".into());
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    if !status.starts_with("HTTP/") {
        return Err(format!("not an HTTP response ({:?})", status.chars().take(20).collect::<String>()));
    }
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if code != 200 {
        return Ok(None);
    }
    let mut ctype = String::new();
    let (mut chunked, mut gzip) = (false, false);
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
            match k.as_str() {
                "content-type" => ctype = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => gzip = v.contains("gzip"),
                _ => {}
            }
        }
    }
    if !(ctype.contains("text/html") || ctype.contains("application/xhtml")) {
        return Ok(None);
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if gzip && body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut out).map_err(|e| format!("gzip payload: {e}"))?;
        body = out;
    }
    Ok(Some(decode_html(&body, &ctype)))
}

fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let eol = b[i..].windows(2).position(|w| w == b"\r\n")? + i;
        let size_s = std::str::from_utf8(&b[i..eol]).ok()?;
        let size = usize::from_str_radix(size_s.split(';').next()?.trim(), 16).ok()?;
        i = eol + 2;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(i..i + size)?);
        i += size + 2;
    }
}

/// Decodes a page by the charset its header or its `<meta>` names (UTF-8 by default; bytes that
/// do not decode become U+FFFD).
pub fn decode_html(body: &[u8], content_type: &str) -> String {
    let label = charset_of(content_type).or_else(|| {
        let head = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_ascii_lowercase();
        let at = head.find("charset=")?;
        let rest = head[at + 8..].trim_start_matches(['"', '\'']);
        Some(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect())
    });
    let enc = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = enc.decode(body);
    text.into_owned()
}

fn charset_of(content_type: &str) -> Option<String> {
    let at = content_type.find("charset=")?;
    Some(content_type[at + 8..].trim_matches(['"', '\'', ' ']).split(';').next()?.to_string())
}

// ---------------------------------------------------------------------------------------------
// RSS and Atom

/// One feed entry.
#[derive(Debug)]
pub struct FeedEntry {
    /// Its link (or id).
    pub link: String,
    /// Title.
    pub title: Option<String>,
    /// Published (or updated) date.
    pub date: Option<NaiveDate>,
    /// Its content, else its summary, as text.
    pub text: String,
}

/// Does this text look like an RSS or Atom feed?
pub fn looks_like_feed(head: &str) -> bool {
    let h: String = head.chars().take(1024).collect::<String>().to_ascii_lowercase();
    h.trim_start_matches('\u{feff}').trim_start().starts_with("<?xml")
        && (h.contains("<rss") || h.contains("<feed") || h.contains("<rdf:rdf"))
        || h.trim_start().starts_with("<rss")
        || h.trim_start().starts_with("<feed")
}

/// The entries of an RSS / Atom feed.
pub fn feed_entries(bytes: &[u8]) -> Result<Vec<FeedEntry>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    Ok(feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e.links.first().map(|l| l.href.clone()).unwrap_or_else(|| e.id.clone());
            let html = e.content.and_then(|c| c.body).or_else(|| e.summary.map(|s| s.content)).unwrap_or_default();
            let mut text = String::new();
            let title = e.title.map(|t| clean_line(&t.content));
            if let Some(t) = &title {
                text.push_str(t);
                text.push('\n');
            }
            let body = if html.contains('<') { page(&format!("<html><body>{html}</body></html>")).text } else { html };
            text.push_str(&body);
            FeedEntry { link, title, date: e.published.or(e.updated).map(|d| d.date_naive()), text }
        })
        .collect())
}
