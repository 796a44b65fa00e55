//! 2-D data: scatter plots, decision boundaries, their animation and per-neuron maps.

use crate::charts::{DrawResult, draw_legend, padded_range};
use crate::style::{CLASS0, CLASS1, FONT, class_color, ensure_font, tint};
use crate::{VizError, render};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::path::Path;

/// Values of a function of two features on a regular grid, `values[i * ys.len() + j]` at
/// `(xs[i], ys[j])` (the order of `torch.meshgrid(..., indexing='ij')`).
#[derive(Debug, Clone, PartialEq)]
pub struct ProbabilityGrid {
    /// Grid coordinates along feature 1, increasing and evenly spaced.
    pub xs: Vec<f32>,
    /// Grid coordinates along feature 2, increasing and evenly spaced.
    pub ys: Vec<f32>,
    /// One value per grid point.
    pub values: Vec<f32>,
}

impl ProbabilityGrid {
    /// The tutorial's grid axes for 2-D `points` (flat `x1, x2` pairs): each feature from its
    /// minimum - `margin` up to (not including) its maximum + `margin`, every `step`, as
    /// `torch.arange(min - 1, max + 1, 0.1)` does.
    pub fn axes_around(points: &[f32], margin: f32, step: f32) -> (Vec<f32>, Vec<f32>) {
        let axis = |column: usize| -> Vec<f32> {
            let (lo, hi) = points
                .iter()
                .skip(column)
                .step_by(2)
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            if !lo.is_finite() || !hi.is_finite() || step <= 0.0 {
                return vec![0.0];
            }
            let (start, end) = (lo - margin, hi + margin);
            let count = ((end - start) / step).ceil().max(1.0) as usize;
            (0..count).map(|k| start + k as f32 * step).collect()
        };
        (axis(0), axis(1))
    }

    /// Every grid point as flat `x1, x2` pairs, in the order of [`values`](Self::values).
    pub fn points(xs: &[f32], ys: &[f32]) -> Vec<f32> {
        let mut points = Vec::with_capacity(xs.len() * ys.len() * 2);
        for &x in xs {
            for &y in ys {
                points.extend([x, y]);
            }
        }
        points
    }

    /// A grid from its axes and values.
    pub fn new(xs: Vec<f32>, ys: Vec<f32>, values: Vec<f32>) -> Result<Self, VizError> {
        if xs.len() < 2 || ys.len() < 2 || values.len() != xs.len() * ys.len() {
            return Err(VizError::BadInput {
                figure: "a probability map",
                reason: format!(
                    "{} values for a {}x{} grid (each axis needs at least 2 points)",
                    values.len(),
                    xs.len(),
                    ys.len()
                ),
            });
        }
        if values.iter().any(|v| !v.is_finite()) {
            return Err(VizError::BadInput {
                figure: "a probability map",
                reason: "a value is NaN or infinite".into(),
            });
        }
        Ok(Self { xs, ys, values })
    }

    fn at(&self, i: usize, j: usize) -> f32 {
        self.values[i * self.ys.len() + j]
    }

    fn step(values: &[f32]) -> f64 {
        f64::from(values[1] - values[0])
    }
}

/// A captioned grid: one animation frame or one neuron's map.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Text drawn above the map, e.g. `epoch 40` or `hidden 1, neuron 3`.
    pub caption: String,
    /// The values.
    pub grid: ProbabilityGrid,
}

fn check_points(figure: &'static str, points: &[f32], labels: &[f32]) -> Result<(), VizError> {
    if labels.is_empty() || points.len() != labels.len() * 2 {
        return Err(VizError::BadInput {
            figure,
            reason: format!(
                "{} coordinates for {} labels; give one x1, x2 pair per label",
                points.len(),
                labels.len()
            ),
        });
    }
    if points.iter().any(|v| !v.is_finite()) {
        return Err(VizError::BadInput {
            figure,
            reason: "a coordinate is NaN or infinite".into(),
        });
    }
    Ok(())
}

type Chart2d<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn build_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x_range: std::ops::Range<f64>,
    y_range: std::ops::Range<f64>,
    label_size: u32,
    with_axis_names: bool,
) -> Result<Chart2d<'a, DB>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .x_label_area_size(if with_axis_names { 45 } else { 20 })
        .y_label_area_size(if with_axis_names { 60 } else { 30 })
        .build_cartesian_2d(x_range, y_range)?;
    let mut mesh = chart.configure_mesh();
    mesh.label_style((FONT, label_size))
        .axis_desc_style((FONT, 17))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(225, 225, 225));
    if with_axis_names {
        mesh.x_desc("Feature 1").y_desc("Feature 2");
    }
    mesh.draw()?;
    Ok(chart)
}

fn draw_points<DB: DrawingBackend>(
    chart: &mut Chart2d<'_, DB>,
    points: &[f32],
    labels: &[f32],
    radius: i32,
    edges: bool,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let pairs = || {
        points
            .chunks_exact(2)
            .zip(labels)
            .map(|(p, &l)| ((f64::from(p[0]), f64::from(p[1])), l))
    };
    chart.draw_series(pairs().map(|(p, l)| Circle::new(p, radius, class_color(l).filled())))?;
    if edges {
        chart.draw_series(pairs().map(|(p, _)| Circle::new(p, radius, BLACK.stroke_width(1))))?;
    }
    Ok(())
}

/// The tutorial's "Generated Data": 2-D points coloured by class.
pub fn scatter(path: &Path, title: &str, points: &[f32], labels: &[f32]) -> Result<(), VizError> {
    check_points("a scatter plot", points, labels)?;
    render!(path, (800, 600), |root| {
        root.fill(&WHITE)?;
        let area = root.titled(title, (FONT, 24))?;
        let xs = points.iter().step_by(2).map(|&v| f64::from(v));
        let ys = points.iter().skip(1).step_by(2).map(|&v| f64::from(v));
        let mut chart = build_chart(&area, padded_range(xs), padded_range(ys), 15, true)?;
        draw_points(&mut chart, points, labels, 5, false)?;
        draw_class_legend(&mut chart)?
    })
}

fn draw_class_legend<'a, DB: DrawingBackend + 'a>(chart: &mut Chart2d<'a, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    for (label, color) in [("class 0", CLASS0), ("class 1", CLASS1)] {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
            .label(label)
            .legend(move |(x, y)| Circle::new((x + 8, y), 5, color.filled()));
    }
    draw_legend(chart, SeriesLabelPosition::UpperRight, 15)?;
    Ok(())
}

/// How a map's values become colours.
#[derive(Clone, Copy)]
enum Shading {
    /// Probabilities: class colour by side of 0.5, stronger with confidence.
    Probability,
    /// Any values: matplotlib's coolwarm across the map's own range.
    Range(f32, f32),
}

fn coolwarm(t: f32) -> RGBColor {
    let t = f64::from(t.clamp(0.0, 1.0));
    let mid = (221.0, 221.0, 221.0);
    let (a, b, s) = if t < 0.5 {
        ((59.0, 76.0, 192.0), mid, t * 2.0)
    } else {
        (mid, (180.0, 4.0, 38.0), (t - 0.5) * 2.0)
    };
    let lerp = |x: f64, y: f64| (x + (y - x) * s).round() as u8;
    RGBColor(lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2))
}

fn shade(value: f32, shading: Shading) -> RGBColor {
    match shading {
        Shading::Probability => {
            let confidence = f64::from((value - 0.5).abs() * 2.0).min(1.0);
            tint(
                class_color(if value > 0.5 { 1.0 } else { 0.0 }),
                0.3 + 0.45 * confidence,
            )
        }
        Shading::Range(lo, hi) => {
            let t = if hi > lo {
                (value - lo) / (hi - lo)
            } else {
                0.5
            };
            tint(coolwarm(t), 0.8)
        }
    }
}

fn draw_grid<DB: DrawingBackend>(
    chart: &mut Chart2d<'_, DB>,
    grid: &ProbabilityGrid,
    shading: Shading,
    contour: Option<f32>,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (dx, dy) = (
        ProbabilityGrid::step(&grid.xs) / 2.0,
        ProbabilityGrid::step(&grid.ys) / 2.0,
    );
    let mut cells = Vec::with_capacity(grid.values.len());
    for (i, &x) in grid.xs.iter().enumerate() {
        for (j, &y) in grid.ys.iter().enumerate() {
            let (x, y) = (f64::from(x), f64::from(y));
            cells.push(Rectangle::new(
                [(x - dx, y - dy), (x + dx, y + dy)],
                shade(grid.at(i, j), shading).filled(),
            ));
        }
    }
    chart.draw_series(cells)?;
    if let Some(level) = contour {
        let segments = contour_segments(grid, level);
        chart.draw_series(
            segments
                .into_iter()
                .map(|(a, b)| PathElement::new(vec![a, b], RGBColor(40, 40, 40).stroke_width(2))),
        )?;
    }
    Ok(())
}

type Segment = ((f64, f64), (f64, f64));

/// Marching squares: the line segments where the grid crosses `level`, interpolated
/// linearly along cell edges.
fn contour_segments(grid: &ProbabilityGrid, level: f32) -> Vec<Segment> {
    let mut segments = Vec::new();
    let crossing = |(x0, y0, v0): (f32, f32, f32), (x1, y1, v1): (f32, f32, f32)| {
        if (v0 > level) == (v1 > level) {
            return None;
        }
        let t = (level - v0) / (v1 - v0);
        Some((f64::from(x0 + t * (x1 - x0)), f64::from(y0 + t * (y1 - y0))))
    };
    for i in 0..grid.xs.len() - 1 {
        for j in 0..grid.ys.len() - 1 {
            let corner =
                |di: usize, dj: usize| (grid.xs[i + di], grid.ys[j + dj], grid.at(i + di, j + dj));
            let (a, b, c, d) = (corner(0, 0), corner(1, 0), corner(1, 1), corner(0, 1));
            let points: Vec<(f64, f64)> = [(a, b), (b, c), (c, d), (d, a)]
                .into_iter()
                .filter_map(|(p, q)| crossing(p, q))
                .collect();
            match points.as_slice() {
                [p, q] => segments.push((*p, *q)),
                [p, q, r, s] => {
                    segments.push((*p, *q));
                    segments.push((*r, *s));
                }
                _ => {}
            }
        }
    }
    segments
}

fn grid_ranges(grid: &ProbabilityGrid) -> (std::ops::Range<f64>, std::ops::Range<f64>) {
    let (dx, dy) = (
        ProbabilityGrid::step(&grid.xs) / 2.0,
        ProbabilityGrid::step(&grid.ys) / 2.0,
    );
    let first = |v: &[f32]| f64::from(v[0]);
    let last = |v: &[f32]| f64::from(v[v.len() - 1]);
    (
        first(&grid.xs) - dx..last(&grid.xs) + dx,
        first(&grid.ys) - dy..last(&grid.ys) + dy,
    )
}

/// The tutorial's decision boundary: the model's probability over `grid`, shaded by class
/// (stronger where the model is surer), the 0.5 contour drawn, and the data on top with dark
/// edges.
pub fn decision_boundary(
    path: &Path,
    title: &str,
    grid: &ProbabilityGrid,
    points: &[f32],
    labels: &[f32],
) -> Result<(), VizError> {
    check_points("a decision boundary", points, labels)?;
    ProbabilityGrid::new(grid.xs.clone(), grid.ys.clone(), grid.values.clone())?;
    render!(path, (800, 600), |root| {
        draw_boundary(&root, title, grid, points, labels, true)?
    })
}

fn draw_boundary<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    grid: &ProbabilityGrid,
    points: &[f32],
    labels: &[f32],
    legend: bool,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let area = root.titled(title, (FONT, 24))?;
    let (x_range, y_range) = grid_ranges(grid);
    let mut chart = build_chart(&area, x_range, y_range, 15, true)?;
    draw_grid(&mut chart, grid, Shading::Probability, Some(0.5))?;
    draw_points(&mut chart, points, labels, 5, true)?;
    if legend {
        draw_class_legend(&mut chart)?;
    }
    Ok(())
}

/// The decision boundary animated over training: one GIF frame per [`Frame`], shown for
/// `delay_ms` each.
pub fn boundary_animation(
    path: &Path,
    frames: &[Frame],
    points: &[f32],
    labels: &[f32],
    delay_ms: u32,
) -> Result<(), VizError> {
    let is_gif = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gif"));
    if !is_gif {
        return Err(VizError::UnsupportedFormat {
            path: path.to_path_buf(),
            animated: true,
        });
    }
    if frames.is_empty() {
        return Err(VizError::BadInput {
            figure: "an animation",
            reason: "no frames".into(),
        });
    }
    check_points("an animation", points, labels)?;
    for frame in frames {
        ProbabilityGrid::new(
            frame.grid.xs.clone(),
            frame.grid.ys.clone(),
            frame.grid.values.clone(),
        )?;
    }
    ensure_font();
    ffnn_io::write_atomic_via_path(path, |temp: &Path| -> Result<(), String> {
        let draw = || -> DrawResult {
            let root = BitMapBackend::gif(temp, (640, 480), delay_ms.max(1))?.into_drawing_area();
            for frame in frames {
                draw_boundary(&root, &frame.caption, &frame.grid, points, labels, false)?;
                root.present()?;
            }
            Ok(())
        };
        draw().map_err(|e| e.to_string())
    })?;
    Ok(())
}

/// One small map per neuron in a grid of panels (as TensorFlow Playground shows beside each
/// neuron), each coloured across its own range, with the data points on top.
pub fn neuron_maps(
    path: &Path,
    title: &str,
    maps: &[Frame],
    points: &[f32],
    labels: &[f32],
) -> Result<(), VizError> {
    if maps.is_empty() {
        return Err(VizError::BadInput {
            figure: "neuron maps",
            reason: "no maps".into(),
        });
    }
    check_points("neuron maps", points, labels)?;
    for map in maps {
        ProbabilityGrid::new(
            map.grid.xs.clone(),
            map.grid.ys.clone(),
            map.grid.values.clone(),
        )?;
    }
    let columns = (maps.len() as f64).sqrt().ceil() as usize;
    let rows = maps.len().div_ceil(columns);
    let size = (columns as u32 * 260, rows as u32 * 240 + 50);
    render!(path, size, |root| {
        root.fill(&WHITE)?;
        let area = root.titled(title, (FONT, 24))?;
        let panels = area.split_evenly((rows, columns));
        for (panel, map) in panels.iter().zip(maps) {
            let panel = panel.titled(&map.caption, (FONT, 15))?;
            let (x_range, y_range) = grid_ranges(&map.grid);
            let mut chart = build_chart(&panel, x_range, y_range, 10, false)?;
            let (lo, hi) = map
                .grid
                .values
                .iter()
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            draw_grid(&mut chart, &map.grid, Shading::Range(lo, hi), None)?;
            draw_points(&mut chart, points, labels, 2, false)?;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_follow_torch_arange() {
        let (xs, ys) = ProbabilityGrid::axes_around(&[0.0, -1.0, 1.0, 2.0], 1.0, 0.5);
        assert_eq!(xs, vec![-1.0, -0.5, 0.0, 0.5, 1.0, 1.5]);
        assert_eq!(ys.len(), 10);
        assert_eq!(ys[0], -2.0);
        let points = ProbabilityGrid::points(&[0.0, 1.0], &[5.0, 6.0]);
        assert_eq!(points, vec![0.0, 5.0, 0.0, 6.0, 1.0, 5.0, 1.0, 6.0]);
    }

    #[test]
    fn contour_of_a_plane_is_a_straight_line() {
        // value = x, so the 0.5 contour is the vertical line x = 0.5.
        let xs: Vec<f32> = (0..5).map(|i| i as f32 * 0.25).collect();
        let ys = xs.clone();
        let values = ProbabilityGrid::points(&xs, &ys)
            .chunks(2)
            .map(|p| p[0])
            .collect();
        let grid = ProbabilityGrid::new(xs, ys, values).expect("grid");
        let segments = contour_segments(&grid, 0.5);
        assert_eq!(segments.len(), 4);
        for ((x0, _), (x1, _)) in segments {
            assert!((x0 - 0.5).abs() < 1e-6 && (x1 - 0.5).abs() < 1e-6);
        }
    }

    #[test]
    fn coolwarm_ends_match_matplotlib() {
        assert_eq!(coolwarm(0.0), CLASS0);
        assert_eq!(coolwarm(1.0), CLASS1);
    }
}
