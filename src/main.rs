//! The `khabar` command: see `khabar --help`.

use std::process::ExitCode;

// (extraction makes many small strings: mimalloc serves them faster than the system allocator,
// and returns memory to the system as the bulk loader's batches come and go)
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    khabar::cli::main()
}
