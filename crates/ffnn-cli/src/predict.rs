//! `ffnn predict`: a saved model applied to a CSV file.

use crate::CliError;
use crate::args::PredictArgs;
use ffnn_model::weight_file;
use std::io::Write;

/// `ffnn predict`.
pub fn run(args: &PredictArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let data = ffnn_data::read_csv(&args.data)?;
    let device = args.backend.device()?;
    let (model, loaded) = weight_file::load_model(&args.model, &device.device)?;
    let config = model.config();
    if config.input != data.n_features() {
        return Err(CliError::Mismatch(format!(
            "{}: the model takes {} features but {} has {} feature columns",
            args.model.display(),
            config.input,
            args.data.display(),
            data.n_features()
        )));
    }
    let probabilities = ffnn_train::predict(&model, data.features(), data.n_features(), &device)?;
    let mut table = Vec::new();
    writeln!(
        table,
        "{},label,probability,predicted",
        data.feature_names().join(",")
    )?;
    for (i, p) in probabilities.iter().enumerate() {
        for value in data.row(i) {
            write!(table, "{value},")?;
        }
        writeln!(table, "{},{p},{}", data.labels()[i], u8::from(*p > 0.5))?;
    }
    match &args.out {
        Some(path) => {
            ffnn_io::write_atomic(path, |file| file.write_all(&table))?;
            let evaluation =
                ffnn_train::evaluate(&probabilities, data.labels(), ffnn_train::Loss::Bce);
            writeln!(
                out,
                "{} predictions from {} ({}) written to {}; accuracy against the label column: {:.4}",
                probabilities.len(),
                args.model.display(),
                loaded.config(config.activation).describe(),
                path.display(),
                evaluation.accuracy
            )?;
        }
        None => out.write_all(&table)?,
    }
    Ok(())
}
