//! Line and bar charts: loss curves, actual vs predicted, benchmark reports.

use crate::style::{BLUE, FONT, PALETTE, RED};
use crate::{VizError, render};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::error::Error;
use std::path::Path;

pub(crate) type DrawResult = Result<(), Box<dyn Error>>;

/// One named line of values, drawn at x = 1, 2, 3, ...
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    /// The legend label.
    pub label: &'a str,
    /// The values, one per x step.
    pub values: &'a [f32],
}

impl<'a> Series<'a> {
    /// A named series.
    pub fn new(label: &'a str, values: &'a [f32]) -> Self {
        Self { label, values }
    }
}

/// Titles of a line chart, with an optional second panel below (e.g. accuracy under loss).
#[derive(Debug, Clone)]
pub struct LineChart<'a> {
    /// Figure title.
    pub title: &'a str,
    /// X axis label.
    pub x_label: &'a str,
    /// Y axis label.
    pub y_label: &'a str,
    /// A second panel: its y label and series, sharing the x axis.
    pub lower: Option<(&'a str, Vec<Series<'a>>)>,
}

impl<'a> LineChart<'a> {
    /// A single-panel chart.
    pub fn new(title: &'a str, x_label: &'a str, y_label: &'a str) -> Self {
        Self {
            title,
            x_label,
            y_label,
            lower: None,
        }
    }

    /// Adds a lower panel.
    pub fn with_lower(mut self, y_label: &'a str, series: Vec<Series<'a>>) -> Self {
        self.lower = Some((y_label, series));
        self
    }
}

fn check_series(figure: &'static str, series: &[Series<'_>]) -> Result<(), VizError> {
    if series.is_empty() || series.iter().all(|s| s.values.is_empty()) {
        return Err(VizError::BadInput {
            figure,
            reason: "no values to plot".into(),
        });
    }
    if series.iter().flat_map(|s| s.values).any(|v| !v.is_finite()) {
        return Err(VizError::BadInput {
            figure,
            reason: "a value is NaN or infinite".into(),
        });
    }
    Ok(())
}

/// Value range padded by 5% (matplotlib's margins), never empty.
pub(crate) fn padded_range(values: impl Iterator<Item = f64>) -> std::ops::Range<f64> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() || !hi.is_finite() {
        return 0.0..1.0;
    }
    let span = if hi > lo { hi - lo } else { lo.abs().max(1e-3) };
    (lo - 0.05 * span)..(hi + 0.05 * span)
}

/// The legend, styled the same in every figure.
pub(crate) fn draw_legend<'a, DB, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    position: SeriesLabelPosition,
    font_size: u32,
) -> DrawResult
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FONT, font_size))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .draw()?;
    Ok(())
}

/// Raises the top of a range so a legend in the upper right does not cover the data.
fn with_legend_room(range: std::ops::Range<f64>) -> std::ops::Range<f64> {
    let span = range.end - range.start;
    range.start..range.end + 0.2 * span
}

/// Whole numbers without decimals (epochs, sample indices); other ticks left empty.
fn integer_label(value: &f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        String::new()
    }
}

/// Draws `series` against x = 1..n (the tutorial's `plt.plot(range(1, 51), losses)`), with a
/// legend and grid, and the chart's optional lower panel.
pub fn line_chart(
    path: &Path,
    chart: &LineChart<'_>,
    series: &[Series<'_>],
) -> Result<(), VizError> {
    check_series("a line chart", series)?;
    if let Some((_, lower)) = &chart.lower {
        check_series("a line chart", lower)?;
    }
    let height = if chart.lower.is_some() { 800 } else { 500 };
    render!(path, (800, height), |root| {
        draw_line_chart(&root, chart, series)?
    })
}

fn draw_line_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart<'_>,
    series: &[Series<'_>],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let titled = root.titled(chart.title, (FONT, 24))?;
    match &chart.lower {
        None => draw_panel(&titled, chart.x_label, chart.y_label, series)?,
        Some((lower_label, lower)) => {
            let (top, bottom) = titled.split_vertically(titled.dim_in_pixel().1 / 2);
            draw_panel(&top, "", chart.y_label, series)?;
            draw_panel(&bottom, chart.x_label, lower_label, lower)?;
        }
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x_label: &str,
    y_label: &str,
    series: &[Series<'_>],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let n = series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let x_range = padded_range([1.0, n as f64].into_iter());
    let y_range = with_legend_room(padded_range(
        series
            .iter()
            .flat_map(|s| s.values.iter().map(|&v| f64::from(v))),
    ));
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(if x_label.is_empty() { 25 } else { 45 })
        .y_label_area_size(70)
        .build_cartesian_2d(x_range, y_range)?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .x_label_formatter(&integer_label)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(200, 200, 200))
        .draw()?;
    for (index, s) in series.iter().enumerate() {
        let color = PALETTE[index % PALETTE.len()];
        chart
            .draw_series(LineSeries::new(
                s.values
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| ((i + 1) as f64, f64::from(v))),
                color.stroke_width(2),
            ))?
            .label(s.label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, 15)?;
    Ok(())
}

/// The tutorial's "Actual vs Predicted Values": actual values as blue circles joined by a
/// line, predictions as red crosses joined by a dashed line, x = sample index 1..n.
pub fn actual_vs_predicted(path: &Path, actual: &[f32], predicted: &[f32]) -> Result<(), VizError> {
    if actual.is_empty() || actual.len() != predicted.len() {
        return Err(VizError::BadInput {
            figure: "actual vs predicted",
            reason: format!(
                "{} actual values and {} predictions; both must be non-empty and equal in number",
                actual.len(),
                predicted.len()
            ),
        });
    }
    if actual.iter().chain(predicted).any(|v| !v.is_finite()) {
        return Err(VizError::BadInput {
            figure: "actual vs predicted",
            reason: "a value is NaN or infinite".into(),
        });
    }
    render!(path, (800, 500), |root| {
        draw_actual_vs_predicted(&root, actual, predicted)?
    })
}

fn draw_actual_vs_predicted<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    actual: &[f32],
    predicted: &[f32],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let area = root.titled("Actual vs Predicted Values", (FONT, 24))?;
    let n = actual.len();
    let y_range = with_legend_room(padded_range(
        actual.iter().chain(predicted).map(|&v| f64::from(v)),
    ));
    let mut chart = ChartBuilder::on(&area)
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d(padded_range([1.0, n as f64].into_iter()), y_range)?;
    chart
        .configure_mesh()
        .x_desc("Sample Index")
        .y_desc("Value")
        .x_label_formatter(&integer_label)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(200, 200, 200))
        .draw()?;
    let points = |values: &[f32]| -> Vec<(f64, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| ((i + 1) as f64, f64::from(v)))
            .collect()
    };
    let actual_points = points(actual);
    chart
        .draw_series(LineSeries::new(actual_points.clone(), BLUE.stroke_width(2)))?
        .label("Actual")
        .legend(|(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new(vec![(0, 0), (20, 0)], BLUE.stroke_width(2))
                + Circle::new((10, 0), 4, BLUE.filled())
        });
    chart.draw_series(
        actual_points
            .iter()
            .map(|&p| Circle::new(p, 5, BLUE.filled())),
    )?;
    let predicted_points = points(predicted);
    chart
        .draw_series(DashedLineSeries::new(
            predicted_points.clone(),
            8,
            5,
            RED.stroke_width(2),
        ))?
        .label("Predicted")
        .legend(|(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new(vec![(0, 0), (6, 0)], RED.stroke_width(2))
                + PathElement::new(vec![(12, 0), (20, 0)], RED.stroke_width(2))
                + Cross::new((10, 0), 4, RED.stroke_width(2))
        });
    chart.draw_series(
        predicted_points
            .iter()
            .map(|&p| Cross::new(p, 6, RED.stroke_width(2))),
    )?;
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, 15)?;
    Ok(())
}

/// Grouped bars: one group per entry (e.g. an example), one bar per label in it (e.g. a
/// backend), with the value printed above each bar.
pub fn bar_chart(
    path: &Path,
    title: &str,
    y_label: &str,
    groups: &[(String, Vec<(String, f64)>)],
) -> Result<(), VizError> {
    let values = groups
        .iter()
        .flat_map(|(_, bars)| bars.iter().map(|(_, v)| *v));
    if groups.is_empty() || values.clone().any(|v| !v.is_finite() || v < 0.0) {
        return Err(VizError::BadInput {
            figure: "a bar chart",
            reason: "needs at least one group and finite, non-negative values".into(),
        });
    }
    render!(path, (900, 500), |root| {
        draw_bar_chart(&root, title, y_label, groups)?
    })
}

fn draw_bar_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    y_label: &str,
    groups: &[(String, Vec<(String, f64)>)],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let area = root.titled(title, (FONT, 24))?;
    let values = || {
        groups
            .iter()
            .flat_map(|(_, bars)| bars.iter().map(|(_, v)| *v))
            .filter(|v| *v > 0.0)
    };
    let max = values().fold(0.0f64, f64::max).max(1e-12);
    let min = values().fold(f64::INFINITY, f64::min).min(max);
    let mut labels: Vec<&str> = Vec::new();
    for (_, bars) in groups {
        for (label, _) in bars {
            if !labels.contains(&label.as_str()) {
                labels.push(label);
            }
        }
    }
    let slots = labels.len() as f64 + 1.0;
    // Backends differ by orders of magnitude: a log axis keeps every bar visible.
    let floor = min / 4.0;
    let mut chart = ChartBuilder::on(&area)
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(80)
        .build_cartesian_2d(0.0..groups.len() as f64, (floor..max * 6.0).log_scale())?;
    let group_names: Vec<String> = groups.iter().map(|(name, _)| name.clone()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(groups.len() * 2 + 1)
        .x_label_formatter(&|x| {
            let index = x.floor() as usize;
            let centre = (x - x.floor() - 0.5).abs() < 1e-6;
            if centre {
                group_names.get(index).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| format_value(*v))
        .y_desc(y_label)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    for (label_index, label) in labels.iter().enumerate() {
        let color = PALETTE[label_index % PALETTE.len()];
        let bars: Vec<(f64, f64)> = groups
            .iter()
            .enumerate()
            .filter_map(|(g, (_, bars))| {
                bars.iter()
                    .find(|(l, _)| l == label)
                    .map(|(_, v)| (g as f64 + (label_index as f64 + 0.5) / slots, *v))
            })
            .filter(|&(_, v)| v > 0.0)
            .collect();
        let width = 1.0 / slots * 0.9;
        chart
            .draw_series(
                bars.iter()
                    .map(|&(x, v)| Rectangle::new([(x, floor), (x + width, v)], color.filled())),
            )?
            .label(*label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled()));
        chart
            .draw_series(bars.iter().map(|&(x, v)| {
                Text::new(format_value(v), (x, v * 1.25), (FONT, 13).into_font())
            }))?;
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, 15)?;
    Ok(())
}

/// Seconds as a compact label: `1.23 s`, `45.6 ms`, `78.9 µs`.
pub(crate) fn format_value(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v >= 1.0 {
        format!("{v:.3} s")
    } else if v >= 1e-3 {
        format!("{:.3} ms", v * 1e3)
    } else {
        format!("{:.1} µs", v * 1e6)
    }
}

/// Lines on log-log axes: one per named series of `(x, y)` points (all positive).
pub fn log_log_chart(
    path: &Path,
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[(String, Vec<(f64, f64)>)],
) -> Result<(), VizError> {
    let points = series.iter().flat_map(|(_, p)| p.iter());
    if series.is_empty()
        || points.clone().next().is_none()
        || points
            .clone()
            .any(|&(x, y)| !(x > 0.0 && y > 0.0 && x.is_finite() && y.is_finite()))
    {
        return Err(VizError::BadInput {
            figure: "a log-log chart",
            reason: "needs at least one point, all coordinates positive and finite".into(),
        });
    }
    render!(path, (900, 600), |root| {
        draw_log_log(&root, title, x_label, y_label, series)?
    })
}

fn draw_log_log<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[(String, Vec<(f64, f64)>)],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let area = root.titled(title, (FONT, 24))?;
    let all = || series.iter().flat_map(|(_, p)| p.iter());
    let (x_lo, x_hi) = all().fold((f64::INFINITY, 0.0f64), |(lo, hi), &(x, _)| {
        (lo.min(x), hi.max(x))
    });
    let (y_lo, y_hi) = all().fold((f64::INFINITY, 0.0f64), |(lo, hi), &(_, y)| {
        (lo.min(y), hi.max(y))
    });
    let mut chart = ChartBuilder::on(&area)
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(80)
        .build_cartesian_2d(
            (x_lo / 1.5..x_hi * 1.5).log_scale(),
            (y_lo / 1.5..y_hi * 1.5).log_scale(),
        )?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .y_label_formatter(&|v| format_value(*v))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    for (index, (label, points)) in series.iter().enumerate() {
        let color = PALETTE[index % PALETTE.len()];
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))?
            .label(label.as_str())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, 13)?;
    Ok(())
}
