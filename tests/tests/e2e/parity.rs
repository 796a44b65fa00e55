//! PyTorch parity: `ffnn train --init` from the fixtures' state_dicts reproduces PyTorch's
//! losses, predictions and weights epoch by epoch.

use crate::common::{arg, ffnn, ffnn_ok, fixture, read_json};
use ffnn_model::weight_file;
use serde_json::Value;
use std::path::Path;

struct Case {
    name: &'static str,
    loss: &'static str,
    lr: &'static str,
    epochs: &'static str,
}

const CASES: [Case; 2] = [
    Case {
        name: "tutorial-mse",
        loss: "mse",
        lr: "0.01",
        epochs: "50",
    },
    Case {
        name: "circle-bce",
        loss: "bce",
        lr: "0.1",
        epochs: "100",
    },
];

fn numbers(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        Value::Number(n) => vec![n.as_f64().expect("f64")],
        other => panic!("not a number: {other}"),
    }
}

fn worst(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len(), "lengths differ");
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// Trains one fixture from one initial-weights file and returns the worst differences from
/// PyTorch: (loss per epoch, predictions, weights).
fn train_from(case: &Case, init: &str, backend: &str) -> (f64, f64, f64) {
    let dir = tempfile::tempdir().expect("tempdir");
    let history = dir.path().join("history.json");
    let saved = dir.path().join("trained.safetensors");
    ffnn_ok(&[
        "train",
        "--data",
        arg(&fixture(case.name, "data.csv")),
        "--init",
        arg(&fixture(case.name, init)),
        "--loss",
        case.loss,
        "--lr",
        case.lr,
        "--epochs",
        case.epochs,
        "--backend",
        backend,
        "--history",
        arg(&history),
        "--save",
        arg(&saved),
        "--print-every",
        "0",
        "--out",
        arg(dir.path()),
    ]);
    let expected = read_json(&fixture(case.name, "expected.json"));
    let ours = read_json(&history);
    let loss = worst(
        &numbers(&ours["loss"]),
        &numbers(&expected["loss_per_epoch"]),
    );
    let predictions = worst(
        &numbers(&ours["predictions"]),
        &numbers(&expected["final_predictions"]),
    );
    let final_loss = (ours["final_loss"].as_f64().expect("final_loss")
        - expected["final_loss"]
            .as_f64()
            .expect("expected final_loss"))
    .abs();
    assert!(
        final_loss < 1e-5,
        "{} final loss differs by {final_loss}",
        case.name
    );
    assert_eq!(
        ours["accuracy"], expected["final_accuracy"],
        "{}",
        case.name
    );
    // The saved file uses the names it was loaded with, in PyTorch's [out, in] layout.
    let loaded = weight_file::read_weights(&saved).expect("saved weights load");
    let expected_weights = &expected["final_weights"];
    let mut ours_flat = Vec::new();
    let mut expected_flat = Vec::new();
    for (index, layer) in loaded.weights.layers.iter().enumerate() {
        let prefix = loaded.naming.prefix(index);
        ours_flat.extend(
            layer
                .weight
                .iter()
                .chain(&layer.bias)
                .map(|&v| f64::from(v)),
        );
        expected_flat.extend(numbers(&expected_weights[format!("{prefix}.weight")]));
        expected_flat.extend(numbers(&expected_weights[format!("{prefix}.bias")]));
    }
    let weights = worst(&ours_flat, &expected_flat);
    eprintln!(
        "parity {} from {init} on {backend}: loss {loss:.2e}, predictions {predictions:.2e}, weights {weights:.2e}",
        case.name
    );
    (loss, predictions, weights)
}

#[test]
fn cpu_backends_match_pytorch_within_1e5_from_pt_and_safetensors() {
    for backend in ["ndarray", "flex"] {
        for case in &CASES {
            for init in ["model.pt", "model.safetensors"] {
                let (loss, predictions, weights) = train_from(case, init, backend);
                let what = format!("{} from {init} on {backend}", case.name);
                assert!(loss < 1e-5, "{what}: loss differs by {loss}");
                assert!(
                    predictions < 1e-5,
                    "{what}: predictions differ by {predictions}"
                );
                assert!(weights < 1e-5, "{what}: weights differ by {weights}");
            }
        }
    }
}

#[test]
fn wgpu_matches_pytorch_within_1e4() {
    for case in &CASES {
        let (loss, predictions, weights) = train_from(case, "model.safetensors", "wgpu");
        assert!(loss < 1e-4, "{}: loss differs by {loss}", case.name);
        assert!(
            predictions < 1e-4,
            "{}: predictions differ by {predictions}",
            case.name
        );
        assert!(weights < 1e-4, "{}: weights differ by {weights}", case.name);
    }
}

#[test]
fn saved_models_predict_what_training_predicted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = &CASES[1];
    let history = dir.path().join("h.json");
    for saved in ["m.safetensors", "m.bpk"] {
        let saved = dir.path().join(saved);
        ffnn_ok(&[
            "train",
            "--data",
            arg(&fixture(case.name, "data.csv")),
            "--init",
            arg(&fixture(case.name, "model.pt")),
            "--epochs",
            "30",
            "--history",
            arg(&history),
            "--save",
            arg(&saved),
            "--print-every",
            "0",
            "--out",
            arg(dir.path()),
        ]);
        let predictions_csv = dir.path().join("p.csv");
        ffnn_ok(&[
            "predict",
            "--model",
            arg(&saved),
            "--data",
            arg(&fixture(case.name, "data.csv")),
            "--out",
            arg(&predictions_csv),
        ]);
        let text = std::fs::read_to_string(&predictions_csv).expect("predictions");
        let predicted: Vec<f64> = text
            .lines()
            .skip(1)
            .map(|line| {
                line.split(',')
                    .nth_back(1)
                    .expect("column")
                    .parse()
                    .expect("number")
            })
            .collect();
        let trained = numbers(&read_json(&history)["predictions"]);
        assert!(worst(&predicted, &trained) < 1e-6, "{}", saved.display());
    }
}

/// One tensor of a hand-written safetensors file: name, dtype, shape, byte length.
type TensorSpec = (&'static str, &'static str, Vec<u64>, usize);

/// Writes a safetensors file by hand.
fn safetensors_file(path: &Path, tensors: &[TensorSpec]) {
    let mut header = serde_json::Map::new();
    let mut offset = 0;
    for (name, dtype, shape, bytes) in tensors {
        header.insert(
            (*name).to_owned(),
            serde_json::json!({ "dtype": dtype, "shape": shape, "data_offsets": [offset, offset + bytes] }),
        );
        offset += bytes;
    }
    let header = serde_json::to_vec(&Value::Object(header)).expect("header");
    let mut file = (header.len() as u64).to_le_bytes().to_vec();
    file.extend(&header);
    file.extend(vec![0u8; offset]);
    std::fs::write(path, file).expect("write");
}

#[test]
fn weight_files_that_do_not_fit_are_clear_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let circle_data = fixture("circle-bce", "data.csv");
    let train = |init: &Path| {
        ffnn(&[
            "train",
            "--data",
            arg(&circle_data),
            "--init",
            arg(init),
            "--epochs",
            "1",
            "--print-every",
            "0",
            "--out",
            arg(dir.path()),
        ])
        .expect_err("must be refused")
    };
    // The tutorial's 10-input weights on 2-feature data.
    let error = train(&fixture("tutorial-mse", "model.pt"));
    assert!(
        error.contains("tensor '0.weight' has shape [5, 10]"),
        "{error}"
    );
    assert!(error.contains("the data has 2 feature columns"), "{error}");

    let f32s = |n: usize| n * 4;
    let cases: Vec<(&str, Vec<TensorSpec>, &str)> = vec![
        (
            "missing.safetensors",
            vec![
                ("fc1.weight", "F32", vec![4, 2], f32s(8)),
                ("fc1.bias", "F32", vec![4], f32s(4)),
                ("fc2.weight", "F32", vec![1, 4], f32s(4)),
            ],
            "missing tensor 'fc2.bias'",
        ),
        (
            "extra.safetensors",
            vec![
                ("fc1.weight", "F32", vec![4, 2], f32s(8)),
                ("fc1.bias", "F32", vec![4], f32s(4)),
                ("fc1.running_mean", "F32", vec![4], f32s(4)),
            ],
            "unexpected tensor 'fc1.running_mean'",
        ),
        (
            "chain.safetensors",
            vec![
                ("fc1.weight", "F32", vec![4, 2], f32s(8)),
                ("fc1.bias", "F32", vec![4], f32s(4)),
                ("fc2.weight", "F32", vec![1, 3], f32s(3)),
                ("fc2.bias", "F32", vec![1], f32s(1)),
            ],
            "'fc1.weight' has 4 outputs but 'fc2.weight' takes 3 inputs",
        ),
        (
            "dtype.safetensors",
            vec![
                ("fc1.weight", "I64", vec![4, 2], 64),
                ("fc1.bias", "F32", vec![4], f32s(4)),
                ("fc2.weight", "F32", vec![1, 4], f32s(4)),
                ("fc2.bias", "F32", vec![1], f32s(1)),
            ],
            "tensor 'fc1.weight' has dtype",
        ),
        (
            "bias.safetensors",
            vec![
                ("fc1.weight", "F32", vec![4, 2], f32s(8)),
                ("fc1.bias", "F32", vec![3], f32s(3)),
                ("fc2.weight", "F32", vec![1, 4], f32s(4)),
                ("fc2.bias", "F32", vec![1], f32s(1)),
            ],
            "tensor 'fc1.bias' has shape [3], but 'fc1.weight' has 4 outputs",
        ),
    ];
    for (file, tensors, expected) in cases {
        let path = dir.path().join(file);
        safetensors_file(&path, &tensors);
        let error = train(&path);
        assert!(error.contains(expected), "{file}: {error}");
        assert!(error.contains(file), "the message names the file: {error}");
    }

    // Truncated and foreign files.
    for original in ["model.pt", "model.safetensors"] {
        let bytes = std::fs::read(fixture("circle-bce", original)).expect("fixture");
        let path = dir.path().join(format!("truncated-{original}"));
        std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("write");
        let error = train(&path);
        assert!(error.contains(&format!("truncated-{original}")), "{error}");
    }
    let not_weights = dir.path().join("notes.pt");
    std::fs::write(&not_weights, "just some text").expect("write");
    assert!(train(&not_weights).contains("not a readable weight file"));
    assert!(train(&dir.path().join("absent.pt")).contains("cannot open the weight file"));
}
