//! End-to-end tests, in one binary: commands run through `ffnn_cli::run_args` exactly as the
//! `ffnn` binary runs them (output captured), and the libraries joined as users join them.

/// Helpers: running commands, decoding figures, locating fixtures.
mod common;

/// The tutorial's two examples: printed lines, figures, determinism, long runs.
mod demo;

/// The same run on ndarray, flex and wgpu (Mesa's software Vulkan in CI).
mod backends;

/// PyTorch's losses, predictions and weights reproduced from its own files.
mod parity;

/// More datasets, test splits, saved models, run records and animations.
mod beyond;

/// Bad input, divergence and interrupted writes.
mod errors;

/// `ffnn bench` and `ffnn compare`.
mod reports;

/// The architecture's invariants.
mod architecture;
