//! Glue between trained models and figures: predictions over grids, file names, observers.

use crate::CliError;
use ffnn_data::Dataset;
use ffnn_model::FeedForward;
use ffnn_train::{BackendDevice, EpochMetrics, Observer};
use ffnn_viz::{Frame, ProbabilityGrid};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `dir/stem.format`.
pub fn figure_path(dir: &Path, stem: &str, format: &str) -> PathBuf {
    dir.join(format!("{stem}.{format}"))
}

/// At most this many grid points along an axis. The tutorial's step of 0.1 over data spread
/// across thousands of units would otherwise ask for billions of predictions.
const MAX_GRID_POINTS_PER_AXIS: usize = 300;

/// The tutorial's decision-boundary grid for 2-D data: each feature from its minimum - 1 to
/// its maximum + 1, step 0.1 (a coarser step for widely spread data, so that no axis has more
/// than 300 points).
pub fn grid_axes(data: &Dataset) -> (Vec<f32>, Vec<f32>) {
    let (mut xs, mut ys) = ProbabilityGrid::axes_around(data.features(), 1.0, 0.1);
    // Each axis is coarsened on its own, so a narrow feature keeps its resolution.
    if xs.len() > MAX_GRID_POINTS_PER_AXIS {
        let step = 0.1 * xs.len() as f32 / MAX_GRID_POINTS_PER_AXIS as f32;
        xs = ProbabilityGrid::axes_around(data.features(), 1.0, step).0;
    }
    if ys.len() > MAX_GRID_POINTS_PER_AXIS {
        let step = 0.1 * ys.len() as f32 / MAX_GRID_POINTS_PER_AXIS as f32;
        ys = ProbabilityGrid::axes_around(data.features(), 1.0, step).1;
    }
    (xs, ys)
}

/// The model's probability at every point of the grid.
pub fn probability_grid(
    model: &FeedForward,
    axes: &(Vec<f32>, Vec<f32>),
    device: &BackendDevice,
) -> Result<ProbabilityGrid, CliError> {
    let (xs, ys) = axes;
    let points = ProbabilityGrid::points(xs, ys);
    let values = ffnn_train::predict(model, &points, 2, device)?;
    Ok(ProbabilityGrid::new(xs.clone(), ys.clone(), values)?)
}

/// Every hidden neuron's activation map (first hidden layer) and the output's, over the grid.
pub fn neuron_frames(
    model: &FeedForward,
    axes: &(Vec<f32>, Vec<f32>),
    device: &BackendDevice,
) -> Result<Vec<Frame>, CliError> {
    let (xs, ys) = axes;
    let points = ProbabilityGrid::points(xs, ys);
    let outputs = ffnn_train::layer_outputs(model, &points, 2, device)?;
    let last = outputs.len() - 1;
    let mut frames = Vec::new();
    for (layer_index, (width, values)) in outputs.into_iter().enumerate() {
        // The first hidden layer's neurons see the inputs directly; then the output.
        if layer_index != 0 && layer_index != last {
            continue;
        }
        for neuron in 0..width {
            let column: Vec<f32> = values.iter().skip(neuron).step_by(width).copied().collect();
            let caption = if layer_index == last {
                "output".to_owned()
            } else {
                format!("hidden neuron {}", neuron + 1)
            };
            frames.push(Frame {
                caption,
                grid: ProbabilityGrid::new(xs.clone(), ys.clone(), column)?,
            });
        }
    }
    Ok(frames)
}

/// Prints epoch lines with a formatter and remembers the first write error.
pub struct EpochPrinter<'a, F: FnMut(&EpochMetrics) -> Option<String>> {
    out: &'a mut dyn Write,
    format: F,
    /// The first error writing to `out`.
    pub error: Option<std::io::Error>,
}

impl<'a, F: FnMut(&EpochMetrics) -> Option<String>> EpochPrinter<'a, F> {
    /// A printer writing `format`'s lines (when it returns one) to `out`.
    pub fn new(out: &'a mut dyn Write, format: F) -> Self {
        Self {
            out,
            format,
            error: None,
        }
    }

    /// Fails with the first write error, if any.
    pub fn finish(self) -> Result<(), CliError> {
        match self.error {
            Some(error) => Err(CliError::Output(error)),
            None => Ok(()),
        }
    }
}

impl<F: FnMut(&EpochMetrics) -> Option<String>> Observer for EpochPrinter<'_, F> {
    fn on_epoch(&mut self, metrics: &EpochMetrics) {
        if self.error.is_some() {
            return;
        }
        if let Some(line) = (self.format)(metrics)
            && let Err(error) = writeln!(self.out, "{line}")
        {
            self.error = Some(error);
        }
    }
}

/// Python's `repr` of a float32 loss widened to float64 (what `loss.item()` prints).
pub fn python_float(value: f32) -> String {
    let text = format!("{}", f64::from(value));
    if text.contains('.') || text.contains('e') || text.contains("inf") || text.contains("NaN") {
        text
    } else {
        format!("{text}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_keep_the_tutorial_step_and_stay_bounded() {
        let tutorial = Dataset::with_default_names(2, vec![-2.0, -1.5, 2.0, 1.5], vec![0.0, 1.0])
            .expect("data");
        let (xs, ys) = grid_axes(&tutorial);
        assert_eq!((xs.len(), ys.len()), (60, 50));
        assert!((xs[1] - xs[0] - 0.1).abs() < 1e-6);
        let wide = Dataset::with_default_names(2, vec![-5000.0, 0.0, 5000.0, 3.0], vec![0.0, 1.0])
            .expect("data");
        let (xs, ys) = grid_axes(&wide);
        assert!(xs.len() <= MAX_GRID_POINTS_PER_AXIS + 1, "{}", xs.len());
        assert_eq!(ys.len(), 50, "the narrow feature keeps the 0.1 step");
    }

    #[test]
    fn floats_print_like_python() {
        assert_eq!(python_float(0.259_196_88), "0.2591968774795532");
        assert_eq!(python_float(1.0), "1.0");
        assert_eq!(python_float(0.25), "0.25");
    }
}
