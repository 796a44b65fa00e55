//! Figures from plain numbers: no tensors, no Burn, just slices of `f32`.
//!
//! Every figure the tutorial draws, plus the ones ffnn adds:
//! - [`line_chart`]: loss (and accuracy) curves over epochs;
//! - [`actual_vs_predicted`]: labels as blue circles, predictions as red crosses;
//! - [`scatter`]: 2-D points coloured by class (matplotlib's `coolwarm` ends);
//! - [`decision_boundary`]: a [`ProbabilityGrid`] shaded by class with the 0.5 contour, points
//!   on top; [`boundary_animation`] does the same over training, as a GIF;
//! - [`neuron_maps`]: one small map per hidden neuron, in a grid;
//! - [`bar_chart`] and [`log_log_chart`] for benchmark reports.
//!
//! The file type follows the extension: `.png` or `.svg` (and `.gif` for animations). Text
//! uses an embedded font, so nothing depends on the fonts installed. Files are written
//! atomically: a failed figure never replaces a good one.
//!
//! ```
//! use ffnn_viz::{Series, line_chart, LineChart};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("loss.png");
//! let loss = [0.7f32, 0.5, 0.4, 0.35];
//! let chart = LineChart::new("Training Loss Over Epochs", "Epoch", "Loss");
//! line_chart(&path, &chart, &[Series::new("Loss", &loss)]).unwrap();
//! assert!(path.exists());
//! ```
#![warn(missing_docs)]

mod boundary;
mod charts;
mod style;

pub use boundary::{
    Frame, ProbabilityGrid, boundary_animation, decision_boundary, neuron_maps, scatter,
};
pub use charts::{LineChart, Series, actual_vs_predicted, bar_chart, line_chart, log_log_chart};

use std::path::{Path, PathBuf};

/// Why a figure could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum VizError {
    /// The extension names no supported image type.
    #[error("{path}: unsupported figure type; use .png or .svg{extra}", extra = if *.animated { " (or .gif for animations)" } else { "" })]
    UnsupportedFormat {
        /// The requested path.
        path: PathBuf,
        /// Whether an animation was asked for.
        animated: bool,
    },
    /// The numbers cannot make a figure.
    #[error("cannot draw {figure}: {reason}")]
    BadInput {
        /// Which figure.
        figure: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Drawing or writing failed.
    #[error(transparent)]
    Write(#[from] ffnn_io::WriteError),
}

/// Image formats by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Raster PNG.
    Png,
    /// Vector SVG.
    Svg,
}

impl ImageFormat {
    /// The format for a path's extension.
    pub fn of(path: &Path) -> Result<Self, VizError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => Ok(ImageFormat::Png),
            Some("svg") => Ok(ImageFormat::Svg),
            _ => Err(VizError::UnsupportedFormat {
                path: path.to_path_buf(),
                animated: false,
            }),
        }
    }

    /// The extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// Draws on a PNG or SVG backend chosen by `path`'s extension, writing atomically.
///
/// `draw` gets the root area; its errors are turned into strings because the two backends'
/// error types differ.
macro_rules! render {
    ($path:expr, $size:expr, |$root:ident| $body:block) => {{
        let path: &std::path::Path = $path;
        let format = $crate::ImageFormat::of(path)?;
        $crate::style::ensure_font();
        ffnn_io::write_atomic_via_path(path, |temp: &std::path::Path| -> Result<(), String> {
            match format {
                $crate::ImageFormat::Png => {
                    let $root =
                        plotters::prelude::BitMapBackend::new(temp, $size).into_drawing_area();
                    (|| -> Result<(), Box<dyn std::error::Error>> {
                        $body;
                        $root.present()?;
                        Ok(())
                    })()
                    .map_err(|e| e.to_string())
                }
                $crate::ImageFormat::Svg => {
                    let $root = plotters::prelude::SVGBackend::new(temp, $size).into_drawing_area();
                    (|| -> Result<(), Box<dyn std::error::Error>> {
                        $body;
                        $root.present()?;
                        Ok(())
                    })()
                    .map_err(|e| e.to_string())
                }
            }
        })?;
        Ok(())
    }};
}
pub(crate) use render;
