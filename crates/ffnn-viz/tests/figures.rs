//! Every figure decodes, has the expected size and is not blank; bad input is an error.

use ffnn_viz::{Frame, LineChart, ProbabilityGrid, Series, VizError};
use std::path::Path;

fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("open"),
    ));
    let mut reader = decoder.read_info().expect("header");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).expect("frame");
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

fn assert_drawn(path: &Path, width: u32, height: u32) {
    let (w, h, pixels) = decode_png(path);
    assert_eq!((w, h), (width, height));
    let drawn = pixels
        .chunks(3)
        .filter(|p| p.iter().any(|&c| c < 240))
        .count();
    assert!(
        drawn * 50 > pixels.len() / 3,
        "{} is nearly blank",
        path.display()
    );
}

fn circle_points() -> (Vec<f32>, Vec<f32>) {
    let mut points = Vec::new();
    let mut labels = Vec::new();
    for i in 0..60 {
        let angle = i as f32 * 0.7;
        let radius = 0.3 + (i % 5) as f32 * 0.4;
        points.extend([radius * angle.cos(), radius * angle.sin()]);
        labels.push(if radius < 1.0 { 1.0 } else { 0.0 });
    }
    (points, labels)
}

fn circle_grid(points: &[f32]) -> ProbabilityGrid {
    let (xs, ys) = ProbabilityGrid::axes_around(points, 1.0, 0.1);
    let values = ProbabilityGrid::points(&xs, &ys)
        .chunks(2)
        .map(|p| 1.0 / (1.0 + (4.0 * (p[0] * p[0] + p[1] * p[1] - 1.0)).exp()))
        .collect();
    ProbabilityGrid::new(xs, ys, values).expect("grid")
}

#[test]
fn line_and_prediction_charts_render() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loss: Vec<f32> = (0..50).map(|i| 0.26 - i as f32 * 0.0002).collect();
    let path = dir.path().join("loss.png");
    ffnn_viz::line_chart(
        &path,
        &LineChart::new("Training Loss Over Epochs", "Epoch", "Loss"),
        &[Series::new("Loss", &loss)],
    )
    .expect("draw");
    assert_drawn(&path, 800, 500);
    let accuracy = vec![0.5f32; 50];
    let two_panels = dir.path().join("curves.png");
    ffnn_viz::line_chart(
        &two_panels,
        &LineChart::new("t", "Epoch", "Loss")
            .with_lower("Accuracy", vec![Series::new("acc", &accuracy)]),
        &[Series::new("Loss", &loss)],
    )
    .expect("draw");
    assert_drawn(&two_panels, 800, 800);
    let path = dir.path().join("predictions.png");
    ffnn_viz::actual_vs_predicted(&path, &[1.0, 0.0, 1.0], &[0.6, 0.4, 0.55]).expect("draw");
    assert_drawn(&path, 800, 500);
}

#[test]
fn scatter_boundary_and_neuron_maps_render() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (points, labels) = circle_points();
    let scatter = dir.path().join("data.png");
    ffnn_viz::scatter(&scatter, "Generated Data", &points, &labels).expect("draw");
    assert_drawn(&scatter, 800, 600);
    let grid = circle_grid(&points);
    let boundary = dir.path().join("boundary.png");
    ffnn_viz::decision_boundary(&boundary, "Decision Boundary", &grid, &points, &labels)
        .expect("draw");
    assert_drawn(&boundary, 800, 600);
    let maps: Vec<Frame> = (0..5)
        .map(|i| Frame {
            caption: format!("neuron {i}"),
            grid: circle_grid(&points),
        })
        .collect();
    let neurons = dir.path().join("neurons.png");
    ffnn_viz::neuron_maps(&neurons, "neurons", &maps, &points, &labels).expect("draw");
    assert_drawn(&neurons, 3 * 260, 2 * 240 + 50);
}

#[test]
fn the_animation_has_one_frame_per_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (points, labels) = circle_points();
    let frames: Vec<Frame> = (0..4)
        .map(|i| Frame {
            caption: format!("epoch {i}"),
            grid: circle_grid(&points),
        })
        .collect();
    let path = dir.path().join("boundary.gif");
    ffnn_viz::boundary_animation(&path, &frames, &points, &labels, 100).expect("draw");
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&path).expect("open"))
        .expect("gif");
    let mut count = 0;
    while decoder.read_next_frame().expect("frame").is_some() {
        count += 1;
    }
    assert_eq!(count, 4);
    assert_eq!((decoder.width(), decoder.height()), (640, 480));
}

#[test]
fn svg_is_chosen_by_extension_and_other_types_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("loss.svg");
    ffnn_viz::line_chart(
        &path,
        &LineChart::new("t", "x", "y"),
        &[Series::new("a", &[1.0, 2.0])],
    )
    .expect("svg");
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .starts_with("<svg")
    );
    let error = ffnn_viz::line_chart(
        &dir.path().join("loss.jpg"),
        &LineChart::new("t", "x", "y"),
        &[Series::new("a", &[1.0])],
    )
    .unwrap_err();
    assert!(matches!(error, VizError::UnsupportedFormat { .. }));
    assert!(error.to_string().contains("use .png or .svg"), "{error}");
}

#[test]
fn bad_numbers_are_errors_and_leave_old_figures_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("loss.png");
    std::fs::write(&path, b"previous figure").expect("seed");
    let error = ffnn_viz::line_chart(
        &path,
        &LineChart::new("t", "x", "y"),
        &[Series::new("a", &[1.0, f32::NAN])],
    )
    .unwrap_err();
    assert!(error.to_string().contains("NaN"), "{error}");
    assert_eq!(std::fs::read(&path).expect("read"), b"previous figure");
    let error = ffnn_viz::actual_vs_predicted(&path, &[1.0], &[]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("1 actual values and 0 predictions"),
        "{error}"
    );
    let error = ProbabilityGrid::new(vec![0.0, 1.0], vec![0.0, 1.0], vec![0.5; 3]).unwrap_err();
    assert!(
        error.to_string().contains("3 values for a 2x2 grid"),
        "{error}"
    );
}
