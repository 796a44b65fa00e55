//! Seeded binary-classification datasets, as plain Rust numbers (no Burn, no models).
//!
//! - [`Dataset`]: a row-major feature matrix with 0/1 labels and column names;
//! - [`DataSpec`]: what to generate ([`DatasetKind`]: the tutorial's 10x10 batch, the circle
//!   set, and `xor`, `gaussian`, `spiral`, `moons`), how many samples, the noise and the seed;
//! - [`Dataset::split`]: a seeded train/test split;
//! - [`read_csv`] / [`write_csv`]: a header row, feature columns, then a `label` column.
//!
//! The same seed always gives the same numbers, on every machine.
//!
//! ```
//! use ffnn_data::{DataSpec, DatasetKind};
//!
//! // The tutorial's second example: 100 standard-normal points, label 1 inside the unit circle.
//! let data = DataSpec::new(DatasetKind::Circle, 100).with_seed(7).generate().unwrap();
//! assert_eq!((data.len(), data.n_features()), (100, 2));
//! for i in 0..data.len() {
//!     let [x1, x2] = [data.row(i)[0], data.row(i)[1]];
//!     assert_eq!(data.labels()[i], if x1 * x1 + x2 * x2 < 1.0 { 1.0 } else { 0.0 });
//! }
//! ```
#![warn(missing_docs)]

mod csv_io;
mod dataset;
mod generate;

pub use csv_io::{
    FeatureTable, read_csv, read_csv_from, read_feature_table, write_csv, write_csv_to,
};
pub use dataset::Dataset;
pub use generate::{DataSpec, DatasetKind, TUTORIAL_LABELS};

use std::path::PathBuf;

/// Everything that can go wrong making, reading or writing a dataset.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A generator was asked for no samples.
    #[error("--samples must be at least 1 (got 0)")]
    NoSamples,
    /// Noise must be a finite, non-negative standard deviation.
    #[error("--noise must be finite and >= 0 (got {0})")]
    BadNoise(f32),
    /// The circle radius must be finite and positive.
    #[error("--radius must be finite and > 0 (got {0})")]
    BadRadius(f32),
    /// The test fraction must leave some training data.
    #[error("--test-fraction must be in [0, 1) (got {0})")]
    BadTestFraction(f64),
    /// The split would leave the training or the test part empty.
    #[error(
        "a test fraction of {fraction} of {samples} samples leaves {train} for training and {test} for testing; use more samples or another fraction"
    )]
    EmptySplit {
        /// The requested fraction.
        fraction: f64,
        /// Samples in the dataset.
        samples: usize,
        /// Samples the training part would get.
        train: usize,
        /// Samples the test part would get.
        test: usize,
    },
    /// A dataset's parts do not fit together.
    #[error("invalid dataset: {0}")]
    Invalid(String),
    /// A data file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A data file has a problem at a known place.
    #[error("{path}: line {line}{column}: {message}", column = column_text(.column))]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// 1-based column number and name, when the problem is in one cell.
        column: Option<(usize, String)>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A data file could not be written.
    #[error(transparent)]
    Write(#[from] ffnn_io::WriteError),
}

fn column_text(column: &Option<(usize, String)>) -> String {
    match column {
        Some((index, name)) => format!(", column {index} ({name})"),
        None => String::new(),
    }
}
