//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use ffnn_data::DatasetKind;
use ffnn_model::Activation;
use ffnn_train::{Backend, Loss};
use std::path::PathBuf;

/// Feed-forward networks for binary classification on Burn: the PyTorch tutorial's two
/// examples and more, on the CPU (ndarray, flex) or the GPU (wgpu).
#[derive(Debug, Parser)]
#[command(name = "ffnn", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one of the tutorial's examples and draw its figures.
    #[command(subcommand)]
    Demo(Demo),
    /// Train a network on a CSV file or a generated dataset, optionally from PyTorch weights.
    Train(Box<TrainArgs>),
    /// Predict with a model saved by `ffnn train --save`.
    Predict(PredictArgs),
    /// Generate a dataset and write it as CSV.
    Data(DataArgs),
    /// Time one training run and print the measurements as one JSON object.
    Bench(BenchArgs),
    /// Run both tutorial examples on every backend and write a comparison report.
    Compare(ReportArgs),
    /// Sweep problem sizes on every backend and write a scaling report.
    Sweep(ReportArgs),
}

/// The tutorial's examples.
#[derive(Debug, Subcommand)]
pub enum Demo {
    /// Example 1: 10 samples x 10 standard-normal features, fixed labels, 10-5-1 network, MSE,
    /// SGD lr 0.01, 50 epochs; writes loss.png and predictions.png.
    Tutorial(TutorialArgs),
    /// Example 2: 100 standard-normal 2-D points labelled by the unit circle, 2-4-1 network,
    /// BCE, SGD lr 0.1, 100 epochs; writes data.png, decision_boundary.png and loss.png.
    Circle(CircleArgs),
}

/// Flags every run shares.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Compute backend: ndarray or flex (CPU), or wgpu (GPU, or Mesa's software Vulkan).
    #[arg(long, default_value_t = Backend::Ndarray, value_parser = parse_backend)]
    pub backend: Backend,
    /// Seed for the data and the initial weights: the same seed gives the same run.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Image format of the figures.
    #[arg(long, default_value = "png", value_parser = ["png", "svg"])]
    pub format: String,
}

/// Flags of `ffnn demo tutorial`.
#[derive(Debug, Args)]
pub struct TutorialArgs {
    /// Training epochs.
    #[arg(long, default_value_t = 50)]
    pub epochs: usize,
    /// Learning rate of SGD.
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    pub lr: f64,
    /// Number of samples (labels repeat the tutorial's 10).
    #[arg(long, default_value_t = 10)]
    pub samples: usize,
    /// Hidden layer sizes, comma-separated.
    #[arg(long, default_value = "5", value_parser = parse_hidden)]
    pub hidden: HiddenSizes,
    /// Directory for the figures.
    #[arg(long, default_value = "target/demo/tutorial")]
    pub out: PathBuf,
    /// Backend, seed and figure format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Flags of `ffnn demo circle`.
#[derive(Debug, Args)]
pub struct CircleArgs {
    /// Training epochs.
    #[arg(long, default_value_t = 100)]
    pub epochs: usize,
    /// Learning rate of SGD.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub lr: f64,
    /// Number of points.
    #[arg(long, default_value_t = 100)]
    pub samples: usize,
    /// Hidden layer sizes, comma-separated.
    #[arg(long, default_value = "4", value_parser = parse_hidden)]
    pub hidden: HiddenSizes,
    /// Directory for the figures.
    #[arg(long, default_value = "target/demo/circle")]
    pub out: PathBuf,
    /// Backend, seed and figure format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Flags of `ffnn train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training data: a CSV file with a header row, feature columns and a 0/1 `label` column.
    #[arg(long, conflicts_with = "dataset")]
    pub data: Option<PathBuf>,
    /// Or generate the data: tutorial, circle, xor, gaussian, spiral or moons.
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Option<DatasetKind>,
    /// Samples to generate (with --dataset; default: 10 for tutorial, 100 for circle, 200 otherwise).
    #[arg(long)]
    pub samples: Option<usize>,
    /// Standard deviation of the noise added to generated points.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub noise: f32,
    /// Radius of the circle dataset.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub radius: f32,
    /// Fraction of the samples held out for testing, in [0, 1).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub test_fraction: f64,
    /// Initial weights: a PyTorch state_dict (.pt, .pth or .safetensors); layer sizes come from it.
    #[arg(long)]
    pub init: Option<PathBuf>,
    /// Hidden layer sizes, comma-separated (ignored with --init).
    #[arg(long, default_value = "4", value_parser = parse_hidden)]
    pub hidden: HiddenSizes,
    /// Activation of the hidden layers: relu, tanh or sigmoid.
    #[arg(long, default_value_t = Activation::Relu, value_parser = parse_activation)]
    pub activation: Activation,
    /// Loss: mse or bce.
    #[arg(long, default_value_t = Loss::Bce, value_parser = parse_loss)]
    pub loss: Loss,
    /// Optimiser: sgd or adam.
    #[arg(long, default_value = "sgd", value_parser = ["sgd", "adam"])]
    pub optimizer: String,
    /// Momentum of SGD, in [0, 1).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub momentum: f64,
    /// Learning rate.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub lr: f64,
    /// Training epochs.
    #[arg(long, default_value_t = 100)]
    pub epochs: usize,
    /// Samples per update (default: the whole training set, as the tutorial).
    #[arg(long)]
    pub batch_size: Option<usize>,
    /// Print a line every this many epochs (0: only the summary; default: a tenth of the run).
    #[arg(long)]
    pub print_every: Option<usize>,
    /// Write the per-epoch losses, final loss, accuracy and predictions as JSON.
    #[arg(long)]
    pub history: Option<PathBuf>,
    /// Save the trained model: .safetensors (PyTorch layout and names) or .bpk (Burn).
    #[arg(long)]
    pub save: Option<PathBuf>,
    /// Directory for run.json and the figures.
    #[arg(long, default_value = "ffnn-run")]
    pub out: PathBuf,
    /// Frames of the animated decision boundary (boundary.gif; 2-D data only, 0 for none).
    #[arg(long, default_value_t = 0)]
    pub frames: usize,
    /// Backend, seed and figure format.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Flags of `ffnn predict`.
#[derive(Debug, Args)]
pub struct PredictArgs {
    /// A model saved by `ffnn train --save` (.safetensors or .bpk).
    #[arg(long)]
    pub model: PathBuf,
    /// The samples: a CSV file with the model's feature columns (a `label` column is optional).
    #[arg(long)]
    pub data: PathBuf,
    /// Write the features, labels, probabilities and predicted classes as CSV (default: print).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Compute backend.
    #[arg(long, default_value_t = Backend::Ndarray, value_parser = parse_backend)]
    pub backend: Backend,
}

/// Flags of `ffnn data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Which dataset: tutorial, circle, xor, gaussian, spiral or moons.
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: DatasetKind,
    /// Number of samples (default: 10 for tutorial, 100 for circle, 200 otherwise).
    #[arg(long)]
    pub samples: Option<usize>,
    /// Standard deviation of the noise added to the points.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub noise: f32,
    /// Radius of the circle dataset.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub radius: f32,
    /// Seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The CSV file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Also draw the points (2-D datasets), e.g. data.png.
    #[arg(long)]
    pub plot: Option<PathBuf>,
}

/// Flags of `ffnn bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// tutorial (10x10 batch, MSE, lr 0.01) or circle (circle set, BCE, lr 0.1).
    #[arg(long, default_value_t = DatasetKind::Circle, value_parser = parse_bench_dataset)]
    pub dataset: DatasetKind,
    /// Number of samples (default: the dataset's tutorial size).
    #[arg(long)]
    pub samples: Option<usize>,
    /// Hidden layer size (default: the tutorial's, 5 or 4).
    #[arg(long)]
    pub hidden: Option<usize>,
    /// Epochs in all: the first is the warm-up, the rest are timed.
    #[arg(long, default_value_t = 50)]
    pub epochs: usize,
    /// Compute backend.
    #[arg(long, default_value_t = Backend::Ndarray, value_parser = parse_backend)]
    pub backend: Backend,
    /// Seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// CPU threads (default: chosen from the problem size; 0 means all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Flags of `ffnn compare` and `ffnn sweep`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Directory for the report (report.md or scaling.md, a .json and a .png).
    #[arg(long)]
    pub out: PathBuf,
    /// A short run (about a minute on two cores) with fewer repetitions and sizes.
    #[arg(long)]
    pub quick: bool,
    /// Seed for data and weights.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// Hidden layer sizes parsed from `8,8`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenSizes(pub Vec<usize>);

fn parse_hidden(text: &str) -> Result<HiddenSizes, String> {
    let sizes: Result<Vec<usize>, _> = text
        .split(',')
        .map(|part| part.trim().parse::<usize>())
        .collect();
    match sizes {
        Ok(sizes) if !sizes.is_empty() && sizes.iter().all(|&s| s > 0) => Ok(HiddenSizes(sizes)),
        _ => Err(format!(
            "'{text}' is not a list of hidden layer sizes: give positive integers separated by commas, e.g. 4 or 8,8"
        )),
    }
}

fn parse_backend(text: &str) -> Result<Backend, String> {
    text.parse()
}

fn parse_dataset(text: &str) -> Result<DatasetKind, String> {
    text.parse()
}

fn parse_bench_dataset(text: &str) -> Result<DatasetKind, String> {
    match text.parse()? {
        kind @ (DatasetKind::Tutorial | DatasetKind::Circle) => Ok(kind),
        other => Err(format!("bench runs tutorial or circle, not {other}")),
    }
}

fn parse_activation(text: &str) -> Result<Activation, String> {
    text.parse()
}

fn parse_loss(text: &str) -> Result<Loss, String> {
    text.parse()
}
