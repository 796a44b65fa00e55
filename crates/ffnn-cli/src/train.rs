//! `ffnn train`: any data, any network, PyTorch weights in, history and models out.

use crate::args::TrainArgs;
use crate::figures::{figure_path, grid_axes, neuron_frames, probability_grid};
use crate::{CliError, prepare_out_dir};
use ffnn_data::{DataSpec, Dataset};
use ffnn_model::weight_file::{self, WeightNaming};
use ffnn_model::{FeedForward, ModelConfig, Weights};
use ffnn_train::{
    BackendDevice, EpochMetrics, Evaluation, History, Observer, OptimizerKind, Seeds, TrainConfig,
    TrainError, Trainer,
};
use ffnn_viz::{Frame, LineChart, Series};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The Burn release ffnn is built on (also in the workspace `Cargo.toml`).
pub const BURN_VERSION: &str = "0.22.1";

/// Loads or generates the training data.
fn load_data(args: &TrainArgs, seeds: &Seeds) -> Result<(Dataset, Value), CliError> {
    match (&args.data, args.dataset) {
        (Some(path), _) => {
            let data = ffnn_data::read_csv(path)?;
            Ok((data, json!({ "file": path })))
        }
        (None, Some(kind)) => {
            let spec = DataSpec::new(kind, args.samples.unwrap_or(kind.default_samples()))
                .with_seed(seeds.data)
                .with_noise(args.noise)
                .with_radius(args.radius);
            let data = spec.generate()?;
            Ok((data, json!({ "generated": spec })))
        }
        (None, None) => Err(CliError::Usage(
            "give the training data: --data FILE.csv or --dataset NAME (see ffnn train --help)"
                .into(),
        )),
    }
}

/// The initial weights: from `--init`, checked against the data, or PyTorch's scheme.
fn initial_weights(
    args: &TrainArgs,
    data: &Dataset,
    seeds: &Seeds,
) -> Result<(ModelConfig, Weights, WeightNaming), CliError> {
    match &args.init {
        Some(path) => {
            let loaded = weight_file::read_weights(path)?;
            let config = loaded.config(args.activation);
            if config.input != data.n_features() {
                let first = loaded.naming.prefix(0);
                let out = loaded.weights.layers[0].out_features;
                return Err(CliError::Mismatch(format!(
                    "{}: tensor '{first}.weight' has shape [{out}, {}] ({} inputs) but the data has {} feature columns; use weights made for this data",
                    path.display(),
                    config.input,
                    config.input,
                    data.n_features()
                )));
            }
            Ok((config, loaded.weights, loaded.naming))
        }
        None => {
            let config = ModelConfig::new(data.n_features(), args.hidden.0.clone())
                .with_activation(args.activation);
            config.validate()?;
            let weights = Weights::pytorch_init(&config, seeds.weights);
            Ok((config, weights, WeightNaming::Fc))
        }
    }
}

/// Prints epoch lines, drives the progress bar and collects animation frames.
struct TrainObserver<'a> {
    out: &'a mut dyn Write,
    epochs: usize,
    print_every: usize,
    started: Instant,
    bar: Option<ProgressBar>,
    interactive: bool,
    frame_epochs: BTreeSet<usize>,
    axes: Option<(Vec<f32>, Vec<f32>)>,
    device: BackendDevice,
    frames: Vec<Frame>,
    error: Option<CliError>,
}

impl TrainObserver<'_> {
    fn line(metrics: &EpochMetrics, epochs: usize) -> String {
        let mut line = format!(
            "Epoch [{}/{epochs}], Loss: {:.4}, Accuracy: {:.4}",
            metrics.epoch + 1,
            metrics.loss,
            metrics.accuracy
        );
        if let (Some(loss), Some(accuracy)) = (metrics.test_loss, metrics.test_accuracy) {
            line.push_str(&format!(
                ", Test loss: {loss:.4}, Test accuracy: {accuracy:.4}"
            ));
        }
        line
    }

    fn finish(self) -> Result<Vec<Frame>, CliError> {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.frames),
        }
    }
}

impl Observer for TrainObserver<'_> {
    fn on_epoch(&mut self, metrics: &EpochMetrics) {
        let printing = self.print_every > 0 && (metrics.epoch + 1).is_multiple_of(self.print_every);
        if printing && self.error.is_none() {
            let line = Self::line(metrics, self.epochs);
            let out = &mut *self.out;
            let result = match &self.bar {
                Some(bar) => bar.suspend(|| writeln!(out, "{line}")),
                None => writeln!(out, "{line}"),
            };
            if let Err(error) = result {
                self.error = Some(CliError::Output(error));
            }
        }
        // A bar for runs longer than a couple of seconds, unless every epoch prints a line or
        // stdout is not a terminal.
        if self.bar.is_none()
            && self.interactive
            && self.print_every != 1
            && self.started.elapsed() > Duration::from_secs(2)
        {
            let bar = ProgressBar::new(self.epochs as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} epochs, loss {msg} [{elapsed} < {eta}]",
            ) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(metrics.epoch as u64 + 1);
            bar.set_message(format!("{:.4}", metrics.loss));
        }
    }

    fn wants_snapshot(&self, epoch: usize) -> bool {
        self.frame_epochs.contains(&epoch)
    }

    fn on_snapshot(&mut self, epoch: usize, model: &FeedForward) {
        let Some(axes) = &self.axes else { return };
        if self.error.is_some() {
            return;
        }
        match probability_grid(model, axes, &self.device) {
            Ok(grid) => self.frames.push(Frame {
                caption: format!("Decision Boundary, epoch {epoch}"),
                grid,
            }),
            Err(error) => self.error = Some(error),
        }
    }
}

/// `frames` epochs spread evenly over `0..=epochs`.
fn frame_epochs(frames: usize, epochs: usize) -> BTreeSet<usize> {
    match frames {
        0 => BTreeSet::new(),
        1 => BTreeSet::from([epochs]),
        n => (0..n)
            .map(|k| ((k * epochs) as f64 / (n - 1) as f64).round() as usize)
            .collect(),
    }
}

fn metrics_json(evaluation: &Evaluation) -> Value {
    json!({
        "loss": evaluation.loss,
        "accuracy": evaluation.accuracy,
        "precision": evaluation.precision,
        "recall": evaluation.recall,
        "f1": evaluation.f1,
        "confusion": evaluation.confusion,
    })
}

fn write_json(path: &Path, value: &Value) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Usage(e.to_string()))?;
    ffnn_io::write_atomic(path, |file| {
        file.write_all(text.as_bytes())?;
        file.write_all(b"\n")
    })?;
    Ok(())
}

fn print_table(
    out: &mut dyn Write,
    train: &Evaluation,
    test: Option<&Evaluation>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<8}{:>10}{:>10}{:>11}{:>9}{:>9}",
        "", "loss", "accuracy", "precision", "recall", "F1"
    )?;
    for (name, e) in std::iter::once(("train", train)).chain(test.map(|t| ("test", t))) {
        writeln!(
            out,
            "{name:<8}{:>10.4}{:>10.4}{:>11.4}{:>9.4}{:>9.4}",
            e.loss, e.accuracy, e.precision, e.recall, e.f1
        )?;
    }
    for (name, e) in std::iter::once(("train", train)).chain(test.map(|t| ("test", t))) {
        let c = e.confusion;
        writeln!(
            out,
            "confusion matrix ({name}): {:>13}{:>13}",
            "predicted 0", "predicted 1"
        )?;
        writeln!(
            out,
            "{:<26}{:>13}{:>13}",
            "  actual 0", c.true_negative, c.false_positive
        )?;
        writeln!(
            out,
            "{:<26}{:>13}{:>13}",
            "  actual 1", c.false_negative, c.true_positive
        )?;
    }
    Ok(())
}

/// `ffnn train`.
pub fn run(args: &TrainArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let seeds = Seeds::from_seed(args.run.seed);
    let (data, data_source) = load_data(args, &seeds)?;
    let (train_data, test_data) = data.split(args.test_fraction, seeds.split)?;
    let test_data = (!test_data.is_empty()).then_some(test_data);
    let (model_config, weights, naming) = initial_weights(args, &data, &seeds)?;
    let optimizer = match args.optimizer.as_str() {
        "adam" => OptimizerKind::Adam,
        _ => OptimizerKind::Sgd {
            momentum: args.momentum,
        },
    };
    let print_every = args.print_every.unwrap_or((args.epochs / 10).max(1));
    let train_config = TrainConfig {
        loss: args.loss,
        optimizer,
        lr: args.lr,
        epochs: args.epochs,
        batch_size: args.batch_size,
        shuffle_seed: seeds.shuffle,
        // Reading back every epoch only when every epoch prints; otherwise in batches.
        readback_every: if print_every == 1 {
            1
        } else {
            print_every.clamp(1, 50)
        },
        track_accuracy: true,
    };
    train_config.validate()?;
    prepare_out_dir(&args.out)?;
    let device = args.run.backend.device()?;
    let two_d = data.n_features() == 2;
    let axes = two_d.then(|| grid_axes(&data));
    let mut observer = TrainObserver {
        out: &mut *out,
        epochs: args.epochs,
        print_every,
        started: Instant::now(),
        bar: None,
        interactive: std::io::stdout().is_terminal(),
        frame_epochs: if two_d {
            frame_epochs(args.frames, args.epochs)
        } else {
            BTreeSet::new()
        },
        axes: axes.clone(),
        device: device.clone(),
        frames: Vec::new(),
        error: None,
    };
    let trainer = Trainer::new(
        &model_config,
        &weights,
        &train_data,
        test_data.as_ref(),
        &train_config,
        &device,
    )?;
    let result = trainer.run(&mut observer);
    let frames = observer.finish();
    let mut record = json!({
        "ffnn_version": env!("CARGO_PKG_VERSION"),
        "burn_version": BURN_VERSION,
        "command": std::env::args().collect::<Vec<_>>(),
        "seed": args.run.seed,
        "backend": device.backend,
        "adapter": device.adapter,
        "data": data_source,
        "samples": { "train": train_data.len(), "test": test_data.as_ref().map_or(0, Dataset::len) },
        "test_fraction": args.test_fraction,
        "model": model_config,
        "init": args.init,
        "train": train_config,
    });
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(TrainError::Diverged {
            epoch,
            loss,
            lr,
            history,
        }) => {
            // Keep what was learned before the divergence; never save the broken model.
            record["status"] = json!("diverged");
            record["diverged_at_epoch"] = json!(epoch);
            record["history"] = json!(*history);
            write_json(&args.out.join("run.json"), &record)?;
            if let Some(path) = &args.history {
                write_json(
                    path,
                    &json!({ "loss": history.loss, "diverged_at_epoch": epoch }),
                )?;
            }
            return Err(TrainError::Diverged {
                epoch,
                loss,
                lr,
                history,
            }
            .into());
        }
        Err(error) => return Err(error.into()),
    };
    let frames = frames?;

    let evaluate = |dataset: &Dataset| -> Result<(Vec<f32>, Evaluation), CliError> {
        let predictions = ffnn_train::predict(
            &outcome.model,
            dataset.features(),
            dataset.n_features(),
            &device,
        )?;
        let evaluation = ffnn_train::evaluate(&predictions, dataset.labels(), args.loss);
        Ok((predictions, evaluation))
    };
    let (train_predictions, train_eval) = evaluate(&train_data)?;
    let test_result = test_data.as_ref().map(&evaluate).transpose()?;
    print_table(out, &train_eval, test_result.as_ref().map(|(_, e)| e))?;

    let mut files: Vec<PathBuf> = Vec::new();
    if let Some(path) = &args.history {
        let mut history = json!({
            "loss": outcome.history.loss,
            "epoch_accuracy": outcome.history.accuracy,
            "final_loss": train_eval.loss,
            "accuracy": train_eval.accuracy,
            "predictions": train_predictions,
        });
        if let Some((predictions, evaluation)) = &test_result {
            history["test"] = json!({
                "loss": outcome.history.test_loss,
                "epoch_accuracy": outcome.history.test_accuracy,
                "final_loss": evaluation.loss,
                "accuracy": evaluation.accuracy,
                "predictions": predictions,
            });
        }
        write_json(path, &history)?;
        files.push(path.clone());
    }
    if let Some(path) = &args.save {
        weight_file::save_model(&outcome.model, path, naming)?;
        files.push(path.clone());
    }

    // Figures: curves always; data, boundary, neurons and animation for 2-D data.
    let format = &args.run.format;
    let curves = figure_path(&args.out, "loss", format);
    let history: &History = &outcome.history;
    let mut loss_series = vec![Series::new("train loss", &history.loss)];
    let mut accuracy_series = vec![Series::new("train accuracy", &history.accuracy)];
    if !history.test_loss.is_empty() {
        loss_series.push(Series::new("test loss", &history.test_loss));
        accuracy_series.push(Series::new("test accuracy", &history.test_accuracy));
    }
    ffnn_viz::line_chart(
        &curves,
        &LineChart::new("Training Loss Over Epochs", "Epoch", "Loss")
            .with_lower("Accuracy", accuracy_series),
        &loss_series,
    )?;
    files.push(curves);
    if let Some(axes) = &axes {
        let data_path = figure_path(&args.out, "data", format);
        ffnn_viz::scatter(&data_path, "Generated Data", data.features(), data.labels())?;
        files.push(data_path);
        let grid = probability_grid(&outcome.model, axes, &device)?;
        let boundary = figure_path(&args.out, "decision_boundary", format);
        ffnn_viz::decision_boundary(
            &boundary,
            "Decision Boundary",
            &grid,
            data.features(),
            data.labels(),
        )?;
        files.push(boundary);
        let neurons = figure_path(&args.out, "neurons", format);
        let maps = neuron_frames(&outcome.model, axes, &device)?;
        ffnn_viz::neuron_maps(
            &neurons,
            "What each neuron computes",
            &maps,
            data.features(),
            data.labels(),
        )?;
        files.push(neurons);
        if !frames.is_empty() {
            let gif = args.out.join("boundary.gif");
            ffnn_viz::boundary_animation(&gif, &frames, data.features(), data.labels(), 120)?;
            files.push(gif);
        }
    }

    record["status"] = json!("completed");
    record["timings"] = json!({
        "first_epoch_seconds": outcome.first_epoch_seconds,
        "total_seconds": outcome.total_seconds,
    });
    record["history"] = json!(outcome.history);
    let mut metrics = json!({
        "train_loss": train_eval.loss,
        "train_accuracy": train_eval.accuracy,
        "train": metrics_json(&train_eval),
    });
    if let Some((_, evaluation)) = &test_result {
        metrics["test_loss"] = json!(evaluation.loss);
        metrics["test_accuracy"] = json!(evaluation.accuracy);
        metrics["test"] = metrics_json(evaluation);
    }
    record["metrics"] = metrics;
    let run_json = args.out.join("run.json");
    files.push(run_json.clone());
    record["files"] = json!(files);
    write_json(&run_json, &record)?;
    writeln!(out, "wrote:")?;
    for file in &files {
        writeln!(out, "  {}", file.display())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_spread_over_the_run() {
        assert_eq!(frame_epochs(3, 100), BTreeSet::from([0, 50, 100]));
        assert_eq!(frame_epochs(1, 100), BTreeSet::from([100]));
        assert!(frame_epochs(0, 100).is_empty());
        assert_eq!(frame_epochs(5, 10).len(), 5);
    }
}
