//! `ffnn data`: generate a dataset as CSV.

use crate::CliError;
use crate::args::DataArgs;
use ffnn_data::DataSpec;
use std::io::Write;

/// `ffnn data`.
pub fn run(args: &DataArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let spec = DataSpec::new(
        args.dataset,
        args.samples.unwrap_or(args.dataset.default_samples()),
    )
    .with_seed(args.seed)
    .with_noise(args.noise)
    .with_radius(args.radius);
    let data = spec.generate()?;
    ffnn_data::write_csv(&data, &args.out)?;
    let [zeros, ones] = data.class_counts();
    writeln!(
        out,
        "wrote {} samples of {} ({} features; {zeros} of class 0, {ones} of class 1) to {}",
        data.len(),
        args.dataset,
        data.n_features(),
        args.out.display()
    )?;
    if let Some(plot) = &args.plot {
        if data.n_features() != 2 {
            return Err(CliError::Usage(format!(
                "--plot draws 2-D data; {} has {} features",
                args.dataset,
                data.n_features()
            )));
        }
        ffnn_viz::scatter(plot, "Generated Data", data.features(), data.labels())?;
        writeln!(out, "wrote {}", plot.display())?;
    }
    Ok(())
}
