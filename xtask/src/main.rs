//! `cargo xtask`: builds the release `ffnn` binary and runs it to produce the demos, backend
//! comparisons and scaling benchmarks under `target/`.
//!
//! - `cargo xtask demo [--backend B] [--update-docs]`: both tutorial examples, figures in
//!   `target/demo/{tutorial,circle}/` (and copied to `docs/images/` with `--update-docs`);
//! - `cargo xtask compare [--quick]`: every backend on both examples, `target/compare/`;
//! - `cargo xtask bench [--quick]`: the scaling sweep, `target/bench/`.

mod tasks;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match tasks::run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}
