//! `ffnn predict`: a saved model applied to a CSV file.

use crate::CliError;
use crate::args::PredictArgs;
use ffnn_model::weight_file;
use std::io::Write;

/// `ffnn predict`.
pub fn run(args: &PredictArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let table = ffnn_data::read_feature_table(&args.data)?;
    let width = table.feature_names.len();
    let device = args.backend.device()?;
    let (model, loaded) = weight_file::load_model(&args.model, &device.device)?;
    let config = model.config();
    if config.input != width {
        return Err(CliError::Mismatch(format!(
            "{}: the model takes {} features but {} has {width} feature columns",
            args.model.display(),
            config.input,
            args.data.display(),
        )));
    }
    let probabilities = ffnn_train::predict(&model, &table.features, width, &device)?;
    let mut text = Vec::new();
    let label_header = if table.labels.is_some() { "label," } else { "" };
    writeln!(
        text,
        "{},{label_header}probability,predicted",
        table.feature_names.join(",")
    )?;
    for (i, p) in probabilities.iter().enumerate() {
        for value in &table.features[i * width..(i + 1) * width] {
            write!(text, "{value},")?;
        }
        if let Some(labels) = &table.labels {
            write!(text, "{},", labels[i])?;
        }
        writeln!(text, "{p},{}", u8::from(*p > 0.5))?;
    }
    match &args.out {
        Some(path) => {
            ffnn_io::write_atomic(path, |file| file.write_all(&text))?;
            write!(
                out,
                "{} predictions from {} ({}) written to {}",
                probabilities.len(),
                args.model.display(),
                loaded.config(config.activation).describe(),
                path.display(),
            )?;
            if let Some(labels) = &table.labels {
                let evaluation =
                    ffnn_train::evaluate(&probabilities, labels, ffnn_train::Loss::Bce);
                write!(
                    out,
                    "; accuracy against the label column: {:.4}",
                    evaluation.accuracy
                )?;
            }
            writeln!(out)?;
        }
        None => out.write_all(&text)?,
    }
    Ok(())
}
