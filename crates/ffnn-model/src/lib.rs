//! Feed-forward networks for binary classification, as Burn modules.
//!
//! - [`ModelConfig`]: input size, hidden sizes, hidden [`Activation`]; the tutorial's two
//!   networks are [`ModelConfig::tutorial`] (10-5-1) and [`ModelConfig::circle`] (2-4-1).
//! - [`Weights`]: every layer's weight and bias as plain numbers in PyTorch's layout
//!   (`weight` is `[out, in]`), made as PyTorch's `nn.Linear` makes them
//!   ([`Weights::pytorch_init`]) or read from a PyTorch `state_dict`.
//! - [`FeedForward`]: the Burn module (`Linear`, activation, ..., `Linear`), whose
//!   [`forward`](FeedForward::forward) ends in a sigmoid and whose
//!   [`logits`](FeedForward::logits) stop just before it.
//! - [`weight_file`]: load PyTorch `.pt` / `.safetensors` state_dicts (both the tutorial's
//!   `nn.Sequential` names `0.weight`, `2.weight` and its `SimpleNN` names `fc1.weight`, ...)
//!   and save trained models, through burn-store.
//!
//! The weights are made on the host from a seed, never by a backend's own generator, so every
//! backend starts from the same numbers.
//!
//! ```
//! use burn::tensor::{Device, Tensor};
//! use ffnn_model::{FeedForward, ModelConfig, Weights};
//!
//! let device = Device::flex();
//! let config = ModelConfig::circle();
//! let model = FeedForward::new(&config, &Weights::pytorch_init(&config, 42), &device).unwrap();
//! let points = Tensor::<2>::from_floats([[0.1, 0.2], [2.0, -1.5]], &device);
//! let probabilities: Vec<f32> = model.forward(points).into_data().try_into_vec().unwrap();
//! assert!(probabilities.iter().all(|p| (0.0..=1.0).contains(p)));
//! ```
#![warn(missing_docs)]

mod config;
mod network;
pub mod weight_file;
mod weights;

pub use config::{Activation, ModelConfig};
pub use network::FeedForward;
pub use weights::{LayerWeights, Weights};

/// Everything that can go wrong describing, building, loading or saving a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The layer sizes are unusable.
    #[error("invalid model: {0}")]
    InvalidConfig(String),
    /// The weights do not fit the configuration or each other.
    #[error("weights do not fit the model: {0}")]
    WeightMismatch(String),
    /// A weight file could not be used.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// Reading values back from the device failed.
    #[error("reading the model's weights back from the device failed: {0}")]
    Readback(String),
    /// Writing a model file failed.
    #[error(transparent)]
    Write(#[from] ffnn_io::WriteError),
}
