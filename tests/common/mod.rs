//! Helpers shared by the integration tests.

use std::path::Path;

/// Runs a Python snippet (with `args` as `sys.argv[1:]`) and returns its stdout; fails the test
/// with Python's stderr if it fails. `scripts/setup.sh` installs the packages the snippets use.
pub fn python(code: &str, args: &[&Path]) -> String {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .expect("python3 runs (scripts/setup.sh installs it with its packages)");
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}
