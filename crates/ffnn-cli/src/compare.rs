//! `ffnn compare`: both tutorial examples on every backend, from the same seed and weights.

use crate::args::ReportArgs;
use crate::{CliError, prepare_out_dir};
use ffnn_data::{DataSpec, DatasetKind};
use ffnn_model::{ModelConfig, Weights};
use ffnn_train::bench::{BenchSpec, run_bench};
use ffnn_train::{Backend, Loss, Seeds, TrainConfig, Trainer};
use serde::Serialize;
use std::io::Write;

/// One backend on one example.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    /// `tutorial` or `circle`.
    pub example: DatasetKind,
    /// The backend.
    pub backend: Backend,
    /// Adapter name, `cpu`, or why the backend could not run.
    pub adapter: String,
    /// First epoch of the first run (cold: shader compilation on wgpu).
    pub first_epoch_seconds: Option<f64>,
    /// Median over repetitions of each run's median epoch time.
    pub epoch_seconds_median: Option<f64>,
    /// Loss after training.
    pub final_loss: Option<f32>,
    /// Accuracy after training.
    pub accuracy: Option<f32>,
    /// Largest per-epoch loss difference from ndarray.
    pub max_loss_diff_vs_ndarray: Option<f32>,
    /// Per-epoch losses.
    pub losses: Vec<f32>,
}

fn example_setup(
    example: DatasetKind,
    seed: u64,
) -> Result<(ffnn_data::Dataset, ModelConfig, Weights, TrainConfig), CliError> {
    let seeds = Seeds::from_seed(seed);
    let data = DataSpec::new(example, example.default_samples())
        .with_seed(seeds.data)
        .generate()?;
    let (model, train) = match example {
        DatasetKind::Tutorial => (ModelConfig::tutorial(), TrainConfig::tutorial()),
        _ => (ModelConfig::circle(), TrainConfig::circle()),
    };
    let weights = Weights::pytorch_init(&model, seeds.weights);
    Ok((data, model, weights, train))
}

fn measure(
    example: DatasetKind,
    backend: Backend,
    args: &ReportArgs,
) -> Result<CompareRow, CliError> {
    let device = backend.device()?;
    let (data, model, weights, train) = example_setup(example, args.seed)?;
    let outcome = Trainer::new(&model, &weights, &data, None, &train, &device)?.run(&mut ())?;
    let predictions =
        ffnn_train::predict(&outcome.model, data.features(), data.n_features(), &device)?;
    let loss = if example == DatasetKind::Tutorial {
        Loss::Mse
    } else {
        Loss::Bce
    };
    let evaluation = ffnn_train::evaluate(&predictions, data.labels(), loss);
    let repetitions = if args.quick { 1 } else { 3 };
    // The first epoch of the first run in this process: cold, with shader compilation and
    // autotuning on wgpu.
    let first = Some(outcome.first_epoch_seconds);
    let mut medians = Vec::new();
    for _ in 0..repetitions {
        let mut spec = BenchSpec::new(example, backend);
        spec.seed = args.seed;
        spec.epochs = if args.quick { 20 } else { 200 };
        medians.push(run_bench(&spec)?.epoch_seconds_median);
    }
    medians.sort_by(f64::total_cmp);
    Ok(CompareRow {
        example,
        backend,
        adapter: device.adapter.clone(),
        first_epoch_seconds: first,
        epoch_seconds_median: medians.get(medians.len() / 2).copied(),
        final_loss: Some(evaluation.loss),
        accuracy: Some(evaluation.accuracy),
        max_loss_diff_vs_ndarray: None,
        losses: outcome.history.loss,
    })
}

/// Formats seconds with a unit that keeps 3 significant digits.
pub fn seconds(value: Option<f64>) -> String {
    match value {
        None => "–".into(),
        Some(s) if s >= 1.0 => format!("{s:.3} s"),
        Some(s) if s >= 1e-3 => format!("{:.3} ms", s * 1e3),
        Some(s) => format!("{:.1} µs", s * 1e6),
    }
}

fn table(rows: &[CompareRow]) -> String {
    let mut text = String::from(
        "| example | backend | adapter | first epoch | median epoch | final loss | accuracy | max loss diff vs ndarray |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for row in rows {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            row.example,
            row.backend,
            row.adapter,
            seconds(row.first_epoch_seconds),
            seconds(row.epoch_seconds_median),
            row.final_loss.map_or("–".into(), |l| format!("{l:.6}")),
            row.accuracy.map_or("–".into(), |a| format!("{a:.2}")),
            row.max_loss_diff_vs_ndarray
                .map_or("–".into(), |d| format!("{d:.2e}")),
        ));
    }
    text
}

/// `ffnn compare`.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    prepare_out_dir(&args.out)?;
    let mut rows = Vec::new();
    for example in [DatasetKind::Tutorial, DatasetKind::Circle] {
        let mut reference: Option<Vec<f32>> = None;
        for backend in Backend::ALL {
            let mut row = match measure(example, backend, args) {
                Ok(row) => row,
                Err(CliError::Train(ffnn_train::TrainError::NoAdapter(message))) => CompareRow {
                    example,
                    backend,
                    adapter: format!("unavailable: {message}"),
                    first_epoch_seconds: None,
                    epoch_seconds_median: None,
                    final_loss: None,
                    accuracy: None,
                    max_loss_diff_vs_ndarray: None,
                    losses: Vec::new(),
                },
                Err(error) => return Err(error),
            };
            match &reference {
                None => reference = Some(row.losses.clone()),
                Some(reference) if !row.losses.is_empty() => {
                    row.max_loss_diff_vs_ndarray = Some(
                        reference
                            .iter()
                            .zip(&row.losses)
                            .map(|(a, b)| (a - b).abs())
                            .fold(0.0, f32::max),
                    );
                }
                Some(_) => {}
            }
            if backend == Backend::Ndarray {
                row.max_loss_diff_vs_ndarray = Some(0.0);
            }
            rows.push(row);
        }
    }
    let table = table(&rows);
    let report = format!(
        "# Backend comparison\n\nBoth tutorial examples from seed {} (same data, same initial weights) on every backend; {} repetition(s) of the timing run, median of medians. Command: `ffnn compare{}`.\n\n{table}",
        args.seed,
        if args.quick { 1 } else { 3 },
        if args.quick { " --quick" } else { "" },
    );
    let report_path = args.out.join("report.md");
    ffnn_io::write_atomic(&report_path, |file| file.write_all(report.as_bytes()))?;
    let json = serde_json::to_string_pretty(&rows).map_err(|e| CliError::Usage(e.to_string()))?;
    let json_path = args.out.join("compare.json");
    ffnn_io::write_atomic(&json_path, |file| file.write_all(json.as_bytes()))?;
    let groups: Vec<(String, Vec<(String, f64)>)> = [DatasetKind::Tutorial, DatasetKind::Circle]
        .iter()
        .map(|example| {
            let bars = rows
                .iter()
                .filter(|r| r.example == *example)
                .filter_map(|r| r.epoch_seconds_median.map(|s| (r.backend.to_string(), s)))
                .collect();
            (example.to_string(), bars)
        })
        .collect();
    let png_path = args.out.join("compare.png");
    ffnn_viz::bar_chart(
        &png_path,
        "Median epoch time per backend",
        "seconds per epoch",
        &groups,
    )?;
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "wrote {}, {}, {}",
        report_path.display(),
        json_path.display(),
        png_path.display()
    )?;
    Ok(())
}
