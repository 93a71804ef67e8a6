//! The `khabar` command: see `khabar --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    khabar::cli::main()
}
