//! Made-up web inputs for the tests: news pages around passages of the development set (our own
//! writing), WARC records in Common Crawl's layout.

use flate2::write::GzEncoder;
use std::io::Write;
use std::path::PathBuf;

/// Some passages of the development set (our own writing): (name, date, text without its date
/// line).
pub fn passages(n: usize) -> Vec<(String, String, String)> {
    let dir = super::root().join("tests/devset/tune");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("devset").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
        .into_iter()
        .take(n)
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("passage");
            let (date, body) = match text.strip_prefix("date ") {
                Some(rest) => (rest[..10].to_string(), rest[10..].trim_start().to_string()),
                None => (String::new(), text.clone()),
            };
            (f.file_stem().expect("name").to_string_lossy().into_owned(), date, body)
        })
        .collect()
}

/// A passage as a `.txt` article: its `date` line (when it has a date), then its text.
pub fn dated(date: &str, body: &str) -> String {
    if date.is_empty() {
        body.to_string()
    } else {
        format!("date {date}\n{body}")
    }
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A news page as sites write them: the headline in `<title>` with the site's name, the date in
/// the page's metadata, the story in `<article>`, and around it navigation, a related-stories
/// list, a share bar, scripts and a footer.
pub fn news_page(date: &str, body: &str) -> String {
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or("");
    let paras: String = lines.map(|l| format!("<p>{}</p>\n", escape(l))).collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="hi"><head><meta charset="utf-8">
<title>{t} | खबर समाचार</title>
<meta property="og:title" content="{t}">
{date}
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>.share {{ color: red }}</style>
</head><body>
<header class="site-header"><a href="/">होम</a> <a href="/desh">देश</a> <a href="/videsh">विदेश</a></header>
<nav><ul><li><a href="/rakshа">रक्षा</a></li><li><a href="/khel">खेल</a></li></ul></nav>
<main>
<article>
<h1>{t}</h1>
<div class="share-bar"><a href="#">फेसबुक पर शेयर करें</a> <a href="#">ट्विटर</a></div>
{paras}
<div class="related-news"><h3>ये भी पढ़ें</h3><ul>
<li><a href="/x">रूस ने अमेरिका से 20 ड्रोन खरीदने का करार किया</a></li>
<li><a href="/y">चीन और पाकिस्तान के रक्षा मंत्रियों की मुलाकात</a></li></ul></div>
</article>
</main>
<aside>सबसे ज्यादा पढ़ी गई खबरें: जापान ने भारत को पनडुब्बी बेचने का प्रस्ताव दिया</aside>
<footer>© खबर समाचार. सर्वाधिकार सुरक्षित.</footer>
<script>trackPageView();</script>
</body></html>"##,
        t = escape(title),
        date = if date.is_empty() {
            String::new()
        } else {
            format!(r#"<meta property="article:published_time" content="{date}T09:30:00+05:30">"#)
        },
    )
}

/// One WARC record, gzipped on its own (Common Crawl's layout).
pub fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut rec = Vec::new();
    write!(
        rec,
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-01-05T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len() ^ uri.len(),
        block.len()
    )
    .expect("write");
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&rec).expect("gzip");
    gz.finish().expect("gzip")
}

pub fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nServer: nginx\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}
