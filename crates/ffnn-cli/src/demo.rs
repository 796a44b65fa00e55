//! The tutorial's two examples, line for line: same printing, same figures.

use crate::args::{CircleArgs, RunArgs, TutorialArgs};
use crate::figures::{EpochPrinter, figure_path, grid_axes, probability_grid, python_float};
use crate::{CliError, prepare_out_dir};
use ffnn_data::{DataSpec, Dataset, DatasetKind};
use ffnn_model::{ModelConfig, Weights};
use ffnn_train::{
    BackendDevice, Evaluation, Loss, Observer, Seeds, TrainConfig, TrainOutcome, Trainer,
};
use ffnn_viz::{LineChart, Series};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One example's setup, shared by both.
struct Example {
    data: Dataset,
    model: ModelConfig,
    weights: Weights,
    train: TrainConfig,
    device: BackendDevice,
}

fn prepare(
    kind: DatasetKind,
    samples: usize,
    hidden: &[usize],
    train: TrainConfig,
    run: &RunArgs,
    out_dir: &Path,
) -> Result<Example, CliError> {
    train.validate()?;
    let seeds = Seeds::from_seed(run.seed);
    let data = DataSpec::new(kind, samples)
        .with_seed(seeds.data)
        .generate()?;
    let model = ModelConfig::new(data.n_features(), hidden.to_vec());
    model.validate()?;
    let weights = Weights::pytorch_init(&model, seeds.weights);
    prepare_out_dir(out_dir)?;
    let device = run.backend.device()?;
    Ok(Example {
        data,
        model,
        weights,
        train,
        device,
    })
}

/// Trains the example, then predicts every sample and scores the predictions.
fn train_example(
    example: &Example,
    observer: &mut dyn Observer,
    loss: Loss,
) -> Result<(TrainOutcome, Vec<f32>, Evaluation), CliError> {
    let outcome = Trainer::new(
        &example.model,
        &example.weights,
        &example.data,
        None,
        &example.train,
        &example.device,
    )?
    .run(observer)?;
    let predictions = ffnn_train::predict(
        &outcome.model,
        example.data.features(),
        example.data.n_features(),
        &example.device,
    )?;
    let evaluation = ffnn_train::evaluate(&predictions, example.data.labels(), loss);
    Ok((outcome, predictions, evaluation))
}

/// The tutorial's "Training Loss Over Epochs" figure.
fn loss_figure(dir: &Path, format: &str, losses: &[f32]) -> Result<PathBuf, CliError> {
    let path = figure_path(dir, "loss", format);
    ffnn_viz::line_chart(
        &path,
        &LineChart::new("Training Loss Over Epochs", "Epoch", "Loss"),
        &[Series::new("Loss", losses)],
    )?;
    Ok(path)
}

fn summary(
    out: &mut dyn Write,
    example: &Example,
    outcome: &TrainOutcome,
    evaluation: &Evaluation,
    figures: &[PathBuf],
) -> Result<(), CliError> {
    writeln!(
        out,
        "final loss: {:.6}  accuracy: {:.2} ({}/{} correct)  after {} epochs on {} ({})",
        evaluation.loss,
        evaluation.accuracy,
        evaluation.confusion.true_positive + evaluation.confusion.true_negative,
        example.data.len(),
        outcome.history.len(),
        example.device.backend,
        example.device.adapter,
    )?;
    writeln!(out, "figures:")?;
    for figure in figures {
        writeln!(out, "  {}", figure.display())?;
    }
    Ok(())
}

/// `ffnn demo tutorial`: the tutorial's first example.
pub fn tutorial(args: &TutorialArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut train = TrainConfig::tutorial();
    train.lr = args.lr;
    train.epochs = args.epochs;
    let example = prepare(
        DatasetKind::Tutorial,
        args.samples,
        &args.hidden.0,
        train,
        &args.run,
        &args.out,
    )?;
    // print('epoch: ', epoch, 'loss: ', loss.item())
    let mut printer = EpochPrinter::new(out, |m| {
        Some(format!(
            "epoch:  {} loss:  {}",
            m.epoch,
            python_float(m.loss)
        ))
    });
    let (outcome, predictions, evaluation) = train_example(&example, &mut printer, Loss::Mse)?;
    printer.finish()?;
    let format = &args.run.format;
    let loss_path = loss_figure(&args.out, format, &outcome.history.loss)?;
    let predictions_path = figure_path(&args.out, "predictions", format);
    ffnn_viz::actual_vs_predicted(&predictions_path, example.data.labels(), &predictions)?;
    summary(
        out,
        &example,
        &outcome,
        &evaluation,
        &[loss_path, predictions_path],
    )
}

/// `ffnn demo circle`: the tutorial's second example.
pub fn circle(args: &CircleArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut train = TrainConfig::circle();
    train.lr = args.lr;
    train.epochs = args.epochs;
    let example = prepare(
        DatasetKind::Circle,
        args.samples,
        &args.hidden.0,
        train,
        &args.run,
        &args.out,
    )?;
    let epochs = example.train.epochs;
    // if (epoch + 1) % 10 == 0: print(f'Epoch [{epoch + 1}/{epochs}], Loss: {loss.item():.4f}')
    let mut printer = EpochPrinter::new(out, move |m| {
        ((m.epoch + 1) % 10 == 0)
            .then(|| format!("Epoch [{}/{epochs}], Loss: {:.4}", m.epoch + 1, m.loss))
    });
    let format = &args.run.format;
    // The tutorial draws the data before training.
    let data_path = figure_path(&args.out, "data", format);
    ffnn_viz::scatter(
        &data_path,
        "Generated Data",
        example.data.features(),
        example.data.labels(),
    )?;
    let (outcome, _, evaluation) = train_example(&example, &mut printer, Loss::Bce)?;
    printer.finish()?;
    let grid = probability_grid(&outcome.model, &grid_axes(&example.data), &example.device)?;
    let boundary_path = figure_path(&args.out, "decision_boundary", format);
    ffnn_viz::decision_boundary(
        &boundary_path,
        "Decision Boundary",
        &grid,
        example.data.features(),
        example.data.labels(),
    )?;
    let loss_path = loss_figure(&args.out, format, &outcome.history.loss)?;
    summary(
        out,
        &example,
        &outcome,
        &evaluation,
        &[data_path, boundary_path, loss_path],
    )
}
