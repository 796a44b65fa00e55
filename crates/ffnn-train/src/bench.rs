//! One measured training run, for comparing backends and problem sizes.

use crate::{Backend, Loss, Seeds, TrainConfig, TrainError, Trainer};
use ffnn_data::{DataSpec, DatasetKind};
use ffnn_model::{ModelConfig, Weights};
use std::time::Instant;

/// What to measure.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BenchSpec {
    /// `tutorial` (10 features, MSE, lr 0.01) or `circle` (2 features, BCE, lr 0.1).
    pub dataset: DatasetKind,
    /// Number of samples.
    pub samples: usize,
    /// Hidden layer size.
    pub hidden: usize,
    /// Timed epochs, after one warm-up epoch.
    pub epochs: usize,
    /// The backend.
    pub backend: Backend,
    /// Seed for data and weights.
    pub seed: u64,
    /// CPU threads; `None` chooses from the problem size ([`auto_threads`]), 0 means all cores.
    pub threads: Option<usize>,
}

impl BenchSpec {
    /// The tutorial's settings for `dataset` on `backend`.
    pub fn new(dataset: DatasetKind, backend: Backend) -> Self {
        let hidden = if dataset == DatasetKind::Tutorial {
            5
        } else {
            4
        };
        Self {
            dataset,
            samples: dataset.default_samples(),
            hidden,
            epochs: 50,
            backend,
            seed: 0,
            threads: None,
        }
    }
}

/// The measurements of one run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BenchReport {
    /// Backend name.
    pub backend: Backend,
    /// The wgpu adapter, or `cpu`.
    pub adapter: String,
    /// Dataset name.
    pub dataset: DatasetKind,
    /// Samples.
    pub samples: usize,
    /// Hidden size.
    pub hidden: usize,
    /// Timed epochs.
    pub epochs: usize,
    /// CPU threads used (for wgpu: the host threads, which do little).
    pub threads: usize,
    /// The first (warm-up) epoch: includes shader compilation and autotuning on wgpu.
    pub first_epoch_seconds: f64,
    /// Median seconds per epoch over timed chunks, each ended by a device sync, with no loss
    /// read back in between (as a run that does not print every epoch).
    pub epoch_seconds_median: f64,
    /// Fastest chunk's seconds per epoch.
    pub epoch_seconds_min: f64,
    /// The loss of the last epoch (computed before its update).
    pub final_loss: f32,
}

/// Threads for a CPU problem: one thread for problems so small that handing work to other
/// threads costs more than it saves, all cores otherwise.
pub fn auto_threads(samples: usize, inputs: usize, hidden: usize) -> usize {
    // Multiply-adds of one forward pass; below this, rayon's fork/join dominates.
    let work = samples * (inputs * hidden + hidden);
    if work < 200_000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// Runs `f` on a rayon pool of `threads` threads (0: all cores), so Burn's CPU backends use
/// that many.
pub fn with_threads<R: Send>(
    threads: usize,
    f: impl FnOnce() -> R + Send,
) -> Result<R, TrainError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|error| TrainError::Device {
            backend: Backend::Flex,
            message: format!("cannot start {threads} CPU threads: {error}"),
        })?;
    Ok(pool.install(f))
}

/// Measures one training run as [`BenchSpec`] describes.
pub fn run_bench(spec: &BenchSpec) -> Result<BenchReport, TrainError> {
    let device = spec.backend.device()?;
    let seeds = Seeds::from_seed(spec.seed);
    let data = DataSpec::new(spec.dataset, spec.samples)
        .with_seed(seeds.data)
        .generate()?;
    let model = ModelConfig::new(data.n_features(), vec![spec.hidden]);
    model.validate()?;
    let weights = Weights::pytorch_init(&model, seeds.weights);
    let mut train = match spec.dataset {
        DatasetKind::Tutorial => TrainConfig::new(Loss::Mse, 0.01, spec.epochs),
        _ => TrainConfig::new(Loss::Bce, 0.1, spec.epochs),
    };
    train.readback_every = usize::MAX;
    train.track_accuracy = false;
    train.validate()?;
    let threads = match spec.threads {
        Some(0) => std::thread::available_parallelism().map_or(1, usize::from),
        Some(n) => n,
        None if spec.backend.is_cpu() => auto_threads(data.len(), data.n_features(), spec.hidden),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let measure = || -> Result<BenchReport, TrainError> {
        let mut trainer = Trainer::new(&model, &weights, &data, None, &train, &device)?;
        let start = Instant::now();
        trainer.step();
        trainer.flush(&mut ())?;
        device.sync()?;
        let first_epoch_seconds = start.elapsed().as_secs_f64();
        // Chunks of several epochs, each closed by a sync, so queued GPU work is counted.
        let remaining = spec.epochs.saturating_sub(1).max(1);
        let chunk = (remaining / 10).max(1);
        let mut per_epoch = Vec::new();
        let mut done = 0;
        while done < remaining {
            let n = chunk.min(remaining - done);
            let start = Instant::now();
            for _ in 0..n {
                trainer.step();
            }
            device.sync()?;
            per_epoch.push(start.elapsed().as_secs_f64() / n as f64);
            done += n;
        }
        trainer.flush(&mut ())?;
        per_epoch.sort_by(f64::total_cmp);
        let final_loss = trainer.history().loss.last().copied().unwrap_or(f32::NAN);
        Ok(BenchReport {
            backend: spec.backend,
            adapter: device.adapter.clone(),
            dataset: spec.dataset,
            samples: spec.samples,
            hidden: spec.hidden,
            epochs: spec.epochs,
            threads,
            first_epoch_seconds,
            epoch_seconds_median: per_epoch[per_epoch.len() / 2],
            epoch_seconds_min: per_epoch[0],
            final_loss,
        })
    };
    with_threads(threads, measure)?
}
