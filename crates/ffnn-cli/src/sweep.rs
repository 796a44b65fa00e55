//! `ffnn sweep`: epoch time of the circle problem against problem size, on every backend.

use crate::args::ReportArgs;
use crate::compare::seconds;
use crate::{CliError, prepare_out_dir};
use ffnn_data::DatasetKind;
use ffnn_train::bench::{BenchReport, BenchSpec, run_bench};
use ffnn_train::{Backend, TrainError};
use std::io::Write;

/// Sample counts and hidden sizes of a sweep.
fn grid(quick: bool) -> (Vec<usize>, Vec<usize>) {
    if quick {
        // wgpu compiles and autotunes kernels for every new shape, which dominates a short
        // sweep on a software driver: keep the quick one to a few shapes.
        (vec![100, 1_000, 10_000], vec![4])
    } else {
        (
            vec![100, 1_000, 10_000, 100_000, 1_000_000],
            vec![4, 64, 256],
        )
    }
}

/// Epochs per run: enough timed chunks for a median, fewer for the big problems.
fn epochs_for(samples: usize, quick: bool) -> usize {
    match (quick, samples) {
        (true, _) => 4,
        (false, s) if s <= 10_000 => 60,
        (false, s) if s <= 100_000 => 22,
        _ => 8,
    }
}

/// For one hidden size: the smallest sample count from which wgpu is faster than every CPU
/// backend at that size and all larger ones.
fn crossover(reports: &[BenchReport], hidden: usize, samples: &[usize]) -> Option<usize> {
    let time = |backend: Backend, n: usize| {
        reports
            .iter()
            .find(|r| r.backend == backend && r.hidden == hidden && r.samples == n)
            .map(|r| r.epoch_seconds_median)
    };
    let wins: Vec<bool> = samples
        .iter()
        .map(|&n| {
            let gpu = time(Backend::Wgpu, n);
            let cpu = [Backend::Ndarray, Backend::Flex]
                .iter()
                .filter_map(|&b| time(b, n))
                .fold(f64::INFINITY, f64::min);
            gpu.is_some_and(|g| g < cpu)
        })
        .collect();
    (0..samples.len())
        .find(|&i| wins[i..].iter().all(|&w| w))
        .map(|i| samples[i])
}

/// `ffnn sweep`.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    prepare_out_dir(&args.out)?;
    let (samples, hiddens) = grid(args.quick);
    let mut reports = Vec::new();
    let mut unavailable = Vec::new();
    for backend in Backend::ALL {
        for &hidden in &hiddens {
            for &n in &samples {
                let mut spec = BenchSpec::new(DatasetKind::Circle, backend);
                spec.samples = n;
                spec.hidden = hidden;
                spec.epochs = epochs_for(n, args.quick);
                spec.seed = args.seed;
                match run_bench(&spec) {
                    Ok(report) => {
                        writeln!(
                            out,
                            "{backend:<8} hidden {hidden:<4} samples {n:<8} {:>12} per epoch",
                            seconds(Some(report.epoch_seconds_median))
                        )?;
                        reports.push(report);
                    }
                    Err(TrainError::NoAdapter(message)) => {
                        unavailable.push(format!("{backend}: {message}"));
                        break;
                    }
                    Err(error) => return Err(error.into()),
                }
            }
        }
    }
    let mut markdown = format!(
        "# Scaling sweep\n\nCircle problem (BCE, SGD lr 0.1), one hidden layer, full batch. Median seconds per epoch after one warm-up epoch, each timed chunk closed by a device sync. Command: `ffnn sweep{}`.\n\n| backend | adapter | hidden | samples | threads | median epoch | first epoch |\n| --- | --- | --- | --- | --- | --- | --- |\n",
        if args.quick { " --quick" } else { "" }
    );
    for r in &reports {
        markdown.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.backend,
            r.adapter,
            r.hidden,
            r.samples,
            r.threads,
            seconds(Some(r.epoch_seconds_median)),
            seconds(Some(r.first_epoch_seconds)),
        ));
    }
    markdown.push_str("\n## Where wgpu overtakes the CPU backends\n\n");
    let mut summary = Vec::new();
    for &hidden in &hiddens {
        let line = match crossover(&reports, hidden, &samples) {
            Some(n) => format!("- hidden {hidden}: wgpu is fastest from {n} samples up"),
            None => format!(
                "- hidden {hidden}: wgpu does not overtake the CPU backends up to {} samples",
                samples[samples.len() - 1]
            ),
        };
        markdown.push_str(&line);
        markdown.push('\n');
        summary.push(line);
    }
    for note in &unavailable {
        markdown.push_str(&format!("- not measured: {note}\n"));
    }
    let md_path = args.out.join("scaling.md");
    ffnn_io::write_atomic(&md_path, |file| file.write_all(markdown.as_bytes()))?;
    let json =
        serde_json::to_string_pretty(&reports).map_err(|e| CliError::Usage(e.to_string()))?;
    let json_path = args.out.join("scaling.json");
    ffnn_io::write_atomic(&json_path, |file| file.write_all(json.as_bytes()))?;
    let mut series = Vec::new();
    for backend in Backend::ALL {
        for &hidden in &hiddens {
            let points: Vec<(f64, f64)> = reports
                .iter()
                .filter(|r| r.backend == backend && r.hidden == hidden)
                .map(|r| (r.samples as f64, r.epoch_seconds_median))
                .collect();
            if !points.is_empty() {
                series.push((format!("{backend}, hidden {hidden}"), points));
            }
        }
    }
    let png_path = args.out.join("scaling.png");
    ffnn_viz::log_log_chart(
        &png_path,
        "Epoch time against problem size",
        "samples",
        "seconds per epoch",
        &series,
    )?;
    for line in summary {
        writeln!(out, "{line}")?;
    }
    writeln!(
        out,
        "wrote {}, {}, {}",
        md_path.display(),
        json_path.display(),
        png_path.display()
    )?;
    Ok(())
}
