//! Training for ffnn: joins a [`Dataset`](ffnn_data::Dataset) and a
//! [`FeedForward`](ffnn_model::FeedForward) on a backend chosen at run time.
//!
//! - [`Backend`] / [`BackendDevice`]: ndarray, flex (CPU) or wgpu (GPU, or Mesa's software
//!   Vulkan), with the wgpu adapter found before any work so that a missing one is an error,
//!   not a panic;
//! - [`TrainConfig`]: loss ([`Loss::Mse`], [`Loss::Bce`]), optimiser, learning rate, epochs,
//!   batch size;
//! - [`Trainer`]: the tutorial's loop (forward, loss, backward, step), one epoch per
//!   [`Trainer::step`], recording a [`History`] and telling an [`Observer`];
//! - [`evaluate`]: predictions, accuracy, precision, recall, F1 and the confusion matrix.
//!
//! ```
//! use ffnn_data::{DataSpec, DatasetKind};
//! use ffnn_model::{ModelConfig, Weights};
//! use ffnn_train::{Backend, Loss, TrainConfig, Trainer};
//!
//! let data = DataSpec::new(DatasetKind::Circle, 100).with_seed(1).generate().unwrap();
//! let config = ModelConfig::circle();
//! let weights = Weights::pytorch_init(&config, 1);
//! let device = Backend::Flex.device().unwrap();
//! let train = TrainConfig::new(Loss::Bce, 0.1, 100);
//! let outcome = Trainer::new(&config, &weights, &data, None, &train, &device)
//!     .unwrap()
//!     .run(&mut ())
//!     .unwrap();
//! assert_eq!(outcome.history.loss.len(), 100);
//! assert!(outcome.history.loss[99] < outcome.history.loss[0]);
//! ```
#![warn(missing_docs)]

mod backend;
pub mod bench;
mod config;
mod metrics;
mod trainer;

pub use backend::{Backend, BackendDevice};
pub use config::{Loss, OptimizerKind, TrainConfig};
pub use metrics::{Confusion, Evaluation, evaluate, layer_outputs, predict};
pub use trainer::{EpochMetrics, History, Observer, TrainOutcome, Trainer};

/// Everything that can go wrong setting up or running training.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The learning rate is not a positive finite number.
    #[error("--lr must be a positive finite number (got {0})")]
    BadLearningRate(f64),
    /// Zero epochs were asked for.
    #[error("--epochs must be at least 1 (got 0)")]
    NoEpochs,
    /// A batch size of zero.
    #[error("--batch-size must be at least 1 (got 0)")]
    BadBatchSize,
    /// Momentum outside [0, 1).
    #[error("--momentum must be in [0, 1) (got {0})")]
    BadMomentum(f64),
    /// The data does not have as many features as the model has inputs.
    #[error(
        "the model takes {model_inputs} input features but the {which} data has {data_features}; use data with {model_inputs} feature columns or a model made for {data_features}"
    )]
    FeatureMismatch {
        /// The model's input width.
        model_inputs: usize,
        /// The data's feature count.
        data_features: usize,
        /// Which data ("training" or "test").
        which: &'static str,
    },
    /// Training produced a NaN or infinite loss.
    #[error(
        "training diverged: the loss became {loss} at epoch {epoch}; try a smaller --lr (now {lr})"
    )]
    Diverged {
        /// 0-based epoch of the first non-finite loss.
        epoch: usize,
        /// The loss value (NaN or infinite).
        loss: f32,
        /// The learning rate used.
        lr: f64,
        /// The history up to (not including) the diverged epoch.
        history: Box<History>,
    },
    /// No wgpu adapter exists on this machine.
    #[error(
        "no GPU adapter found for --backend wgpu ({0}); install a Vulkan driver (on Debian/Ubuntu without a GPU: apt-get install mesa-vulkan-drivers) or use --backend ndarray"
    )]
    NoAdapter(String),
    /// The device failed while running.
    #[error("the {backend} device failed: {message}")]
    Device {
        /// The backend.
        backend: Backend,
        /// What it reported.
        message: String,
    },
    /// The model could not be built.
    #[error(transparent)]
    Model(#[from] ffnn_model::ModelError),
    /// The data could not be used.
    #[error(transparent)]
    Data(#[from] ffnn_data::DataError),
}

/// The independent seeds one user-facing `--seed` expands into, so that the data, the initial
/// weights, the train/test split and mini-batch shuffling never share a random stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeds {
    /// For generating data.
    pub data: u64,
    /// For the initial weights.
    pub weights: u64,
    /// For the train/test split.
    pub split: u64,
    /// For shuffling mini-batches.
    pub shuffle: u64,
}

impl Seeds {
    /// Derives the four seeds from one (SplitMix64 steps, so nearby seeds differ everywhere).
    pub fn from_seed(seed: u64) -> Self {
        let mix = |k: u64| {
            let mut z = seed.wrapping_add(k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            data: seed,
            weights: mix(1),
            split: mix(2),
            shuffle: mix(3),
        }
    }
}
