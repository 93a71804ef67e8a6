//! The input readers on any bytes (as a .txt, .jsonl or .html file, by the first byte): no
//! panic, and every article they return is within the size limit. `cargo +nightly fuzz run read`.
#![no_main]

use khabar::corpus::read_bytes;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let path = match kind % 3 {
        0 => Path::new("a.txt"),
        1 => Path::new("a.jsonl"),
        _ => Path::new("a.html"),
    };
    let (articles, _errors) = read_bytes(path, bytes, 4096);
    for a in articles {
        assert!(a.text.len() <= 4096 * 2);
    }
});
