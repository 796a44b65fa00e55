//! `ffnn bench`: one measured run as a JSON object.

use crate::CliError;
use crate::args::BenchArgs;
use ffnn_train::bench::{BenchSpec, run_bench};
use std::io::Write;

/// `ffnn bench`.
pub fn run(args: &BenchArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut spec = BenchSpec::new(args.dataset, args.backend);
    spec.samples = args.samples.unwrap_or(spec.samples);
    spec.hidden = args.hidden.unwrap_or(spec.hidden);
    spec.epochs = args.epochs;
    spec.seed = args.seed;
    spec.threads = args.threads;
    if spec.epochs < 2 {
        return Err(CliError::Usage(
            "--epochs must be at least 2: one warm-up epoch and at least one timed".into(),
        ));
    }
    let report = run_bench(&spec)?;
    let text = serde_json::to_string(&report).map_err(|e| CliError::Usage(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}
