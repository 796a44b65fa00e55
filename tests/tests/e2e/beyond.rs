//! Beyond the tutorial: more datasets, held-out evaluation, saved models, run records,
//! animated boundaries.

use crate::common::{arg, assert_png, ffnn, ffnn_ok, read_json};
use serde_json::Value;

fn run_record(dir: &std::path::Path) -> Value {
    read_json(&dir.join("run.json"))
}

/// The acceptance run: a two-arm spiral, held out 30%, two tanh layers and Adam.
#[test]
fn spiral_with_adam_generalises_to_the_test_split() {
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = ffnn_ok(&[
        "train",
        "--dataset",
        "spiral",
        "--samples",
        "600",
        "--noise",
        "0.05",
        "--test-fraction",
        "0.3",
        "--hidden",
        "16,16",
        "--activation",
        "tanh",
        "--optimizer",
        "adam",
        "--lr",
        "0.01",
        "--epochs",
        "1500",
        "--print-every",
        "0",
        "--out",
        arg(dir.path()),
    ]);
    let record = run_record(dir.path());
    let test_accuracy = record["metrics"]["test_accuracy"]
        .as_f64()
        .expect("test accuracy");
    assert!(
        test_accuracy >= 0.95,
        "test accuracy {test_accuracy}\n{printed}"
    );
    assert_eq!(record["samples"]["test"], 180);
    assert!(printed.contains("confusion matrix (test)"), "{printed}");
    assert!(printed.contains("precision"), "{printed}");
}

#[test]
fn run_records_hold_everything_needed_to_reproduce_a_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    const RUN: [&str; 17] = [
        "train",
        "--dataset",
        "moons",
        "--samples",
        "200",
        "--noise",
        "0.1",
        "--test-fraction",
        "0.25",
        "--hidden",
        "8",
        "--epochs",
        "40",
        "--seed",
        "4",
        "--backend",
        "flex",
    ];
    let with = |extra: &[&str]| -> Vec<String> {
        RUN.iter().chain(extra).map(|s| (*s).to_owned()).collect()
    };
    let args = with(&["--frames", "5", "--out", arg(dir.path())]);
    ffnn_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let record = run_record(dir.path());
    assert_eq!(record["status"], "completed");
    assert_eq!(record["seed"], 4);
    assert_eq!(record["backend"], "flex");
    assert_eq!(record["adapter"], "cpu");
    assert_eq!(record["burn_version"], "0.22.1");
    assert_eq!(record["model"]["hidden"], serde_json::json!([8]));
    assert_eq!(record["train"]["epochs"], 40);
    assert_eq!(record["data"]["generated"]["kind"], "moons");
    for key in ["train_loss", "train_accuracy", "test_loss", "test_accuracy"] {
        assert!(
            record["metrics"][key].is_number(),
            "{key} missing: {}",
            record["metrics"]
        );
    }
    assert_eq!(record["history"]["loss"].as_array().map(Vec::len), Some(40));
    assert_eq!(
        record["history"]["test_loss"].as_array().map(Vec::len),
        Some(40)
    );
    assert!(record["timings"]["total_seconds"].is_number());
    // Figures: curves, data, boundary, neurons and the animation with the requested frames.
    assert_png(&dir.path().join("loss.png"), 800, 800);
    assert_png(&dir.path().join("decision_boundary.png"), 800, 600);
    assert_png(&dir.path().join("neurons.png"), 3 * 260, 3 * 240 + 50);
    let file = std::fs::File::open(dir.path().join("boundary.gif")).expect("gif written");
    let mut decoder = gif::DecodeOptions::new()
        .read_info(file)
        .expect("gif decodes");
    let mut frames = 0;
    while decoder.read_next_frame().expect("frame").is_some() {
        frames += 1;
    }
    assert_eq!(frames, 5);
    // The same command again gives the same numbers.
    let again = tempfile::tempdir().expect("tempdir");
    let args = with(&["--out", arg(again.path())]);
    ffnn_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run_record(again.path())["history"], record["history"]);
}

#[test]
fn generated_csv_round_trips_and_trains() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("xor.csv");
    let plot = dir.path().join("xor.png");
    let printed = ffnn_ok(&[
        "data",
        "--dataset",
        "xor",
        "--samples",
        "300",
        "--noise",
        "0.05",
        "--seed",
        "2",
        "--out",
        arg(&csv),
        "--plot",
        arg(&plot),
    ]);
    assert!(printed.contains("wrote 300 samples of xor"), "{printed}");
    assert_png(&plot, 800, 600);
    let data = ffnn_data::read_csv(&csv).expect("csv reads back");
    let expected = ffnn_data::DataSpec::new(ffnn_data::DatasetKind::Xor, 300)
        .with_noise(0.05)
        .with_seed(2)
        .generate()
        .expect("generate");
    assert_eq!(data, expected);
    // XOR needs more than a straight line: 8 hidden units, SGD with momentum, mini-batches.
    let history = dir.path().join("h.json");
    ffnn_ok(&[
        "train",
        "--data",
        arg(&csv),
        "--hidden",
        "8",
        "--optimizer",
        "sgd",
        "--momentum",
        "0.9",
        "--batch-size",
        "32",
        "--lr",
        "0.05",
        "--epochs",
        "200",
        "--history",
        arg(&history),
        "--print-every",
        "0",
        "--out",
        arg(dir.path()),
    ]);
    let history = read_json(&history);
    let accuracy = history["accuracy"].as_f64().expect("accuracy");
    assert!(accuracy > 0.9, "xor accuracy {accuracy}");
}

#[test]
fn saved_models_of_any_shape_predict_the_same_outputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("gaussian.csv");
    ffnn_ok(&[
        "data",
        "--dataset",
        "gaussian",
        "--samples",
        "120",
        "--out",
        arg(&csv),
    ]);
    for (file, activation) in [("deep.bpk", "sigmoid"), ("deep.safetensors", "tanh")] {
        let model = dir.path().join(file);
        let history = dir.path().join("h.json");
        ffnn_ok(&[
            "train",
            "--data",
            arg(&csv),
            "--hidden",
            "6,5,3",
            "--activation",
            activation,
            "--optimizer",
            "adam",
            "--lr",
            "0.02",
            "--epochs",
            "30",
            "--save",
            arg(&model),
            "--history",
            arg(&history),
            "--print-every",
            "0",
            "--out",
            arg(dir.path()),
        ]);
        let printed = ffnn_ok(&["predict", "--model", arg(&model), "--data", arg(&csv)]);
        let predicted: Vec<f64> = printed
            .lines()
            .skip(1)
            .map(|l| {
                l.split(',')
                    .nth_back(1)
                    .expect("probability")
                    .parse()
                    .expect("number")
            })
            .collect();
        let history = read_json(&history);
        let trained: Vec<f64> = history["predictions"]
            .as_array()
            .expect("predictions")
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect();
        assert_eq!(predicted.len(), trained.len());
        let worst = predicted
            .iter()
            .zip(&trained)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-6, "{file}: {worst}");
    }
    let error = ffnn(&[
        "predict",
        "--model",
        arg(&dir.path().join("deep.bpk")),
        "--data",
        arg(&dir.path().join("nope.csv")),
    ])
    .expect_err("missing data");
    assert!(error.contains("nope.csv"), "{error}");
}

#[test]
fn predict_needs_no_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("train.csv");
    ffnn_ok(&[
        "data",
        "--dataset",
        "circle",
        "--samples",
        "50",
        "--out",
        arg(&csv),
    ]);
    let model = dir.path().join("m.bpk");
    ffnn_ok(&[
        "train",
        "--data",
        arg(&csv),
        "--epochs",
        "5",
        "--save",
        arg(&model),
        "--print-every",
        "0",
        "--out",
        arg(dir.path()),
    ]);
    let points = dir.path().join("points.csv");
    std::fs::write(&points, "x1,x2\n0.1,0.2\n2.5,-1\n").expect("write");
    let printed = ffnn_ok(&["predict", "--model", arg(&model), "--data", arg(&points)]);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines[0], "x1,x2,probability,predicted");
    assert_eq!(lines.len(), 3, "{printed}");
    assert!(lines[1].starts_with("0.1,0.2,"), "{printed}");
}
