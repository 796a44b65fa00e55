//! Bad input, faults and divergence: one clear line every time, nothing half-written.

use crate::common::{arg, ffnn, ffnn_ok, read_json};

fn error_of(args: &[&str]) -> String {
    let error = ffnn(args).expect_err("must be refused");
    assert!(!error.contains('\n'), "one line expected: {error}");
    error
}

#[test]
fn bad_flags_say_what_to_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = arg(dir.path());
    let train = |extra: &[&str]| {
        let mut args = vec![
            "train",
            "--dataset",
            "circle",
            "--print-every",
            "0",
            "--out",
            out,
        ];
        args.extend_from_slice(extra);
        error_of(&args)
    };
    for lr in ["0", "-0.5", "NaN", "inf"] {
        assert!(
            train(&["--lr", lr]).starts_with("--lr must be a positive finite number"),
            "{lr}"
        );
    }
    assert_eq!(
        train(&["--epochs", "0"]),
        "--epochs must be at least 1 (got 0)"
    );
    assert_eq!(
        train(&["--samples", "0"]),
        "--samples must be at least 1 (got 0)"
    );
    assert!(train(&["--hidden", ""]).contains("not a list of hidden layer sizes"));
    assert!(train(&["--hidden", "0"]).contains("not a list of hidden layer sizes"));
    assert!(train(&["--backend", "tpu"]).contains("unknown backend 'tpu'"));
    assert!(train(&["--loss", "hinge"]).contains("unknown loss 'hinge'"));
    assert!(train(&["--activation", "gelu"]).contains("unknown activation 'gelu'"));
    for fraction in ["1", "-0.1", "1.5"] {
        assert!(
            train(&["--test-fraction", fraction]).contains("--test-fraction must be in [0, 1)"),
            "{fraction}"
        );
    }
    assert!(train(&["--momentum", "1.2"]).contains("--momentum must be in [0, 1)"));
    assert!(train(&["--batch-size", "0"]).contains("--batch-size must be at least 1"));
    assert!(error_of(&["train", "--dataset", "blobs"]).contains("unknown dataset 'blobs'"));
    assert!(error_of(&["train", "--out", out]).contains("give the training data"));
    let file = dir.path().join("taken");
    std::fs::write(&file, "x").expect("write");
    assert!(
        error_of(&["train", "--dataset", "xor", "--out", arg(&file)])
            .contains("is a file; give a directory")
    );
    let blocked = file.join("sub");
    assert!(
        error_of(&["demo", "circle", "--out", arg(&blocked)])
            .contains("cannot create the directory")
    );
}

#[test]
fn bad_csv_files_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("empty.csv", "", "line 1: the file is empty"),
        (
            "header.csv",
            "x1,x2,label\n",
            "line 2: no samples after the header",
        ),
        (
            "ragged.csv",
            "x1,x2,label\n1,2,0\n3,1\n",
            "line 3: 2 values, but the header has 3 columns",
        ),
        (
            "text.csv",
            "x1,x2,label\n1,two,0\n",
            "line 2, column 2 (x2): 'two' is not a number",
        ),
        (
            "nan.csv",
            "x1,x2,label\n1,NaN,0\n",
            "line 2, column 2 (x2): 'NaN' is not a finite number",
        ),
        (
            "label.csv",
            "x1,x2,label\n1,2,0.5\n",
            "line 2, column 3 (label): the label must be 0 or 1",
        ),
        ("nolabel.csv", "x1,x2,y\n1,2,0\n", "no `label` column"),
    ];
    for (name, text, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let error = error_of(&["train", "--data", arg(&path), "--out", arg(dir.path())]);
        assert!(
            error.contains(name) && error.contains(expected),
            "{name}: {error}"
        );
    }
    let missing = error_of(&[
        "train",
        "--data",
        arg(&dir.path().join("absent.csv")),
        "--out",
        arg(dir.path()),
    ]);
    assert!(
        missing.contains("cannot read") && missing.contains("absent.csv"),
        "{missing}"
    );
    // A model trained on 2 features, asked to predict 3.
    let two = dir.path().join("two.csv");
    std::fs::write(&two, "a,b,label\n0,1,1\n1,0,0\n").expect("write");
    let three = dir.path().join("three.csv");
    std::fs::write(&three, "a,b,c,label\n0,1,2,1\n").expect("write");
    let model = dir.path().join("m.safetensors");
    ffnn(&[
        "train",
        "--data",
        arg(&two),
        "--epochs",
        "2",
        "--save",
        arg(&model),
        "--print-every",
        "0",
        "--out",
        arg(dir.path()),
    ])
    .expect("train");
    let error = error_of(&["predict", "--model", arg(&model), "--data", arg(&three)]);
    assert!(
        error.contains("the model takes 2 features but") && error.contains("three.csv has 3"),
        "{error}"
    );
}

/// A huge learning rate: stop at the first NaN, say where and what to do, keep the history,
/// and never write the broken model.
#[test]
fn divergence_stops_keeps_the_history_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = dir.path().join("model.safetensors");
    let history = dir.path().join("history.json");
    let error = error_of(&[
        "train",
        "--dataset",
        "circle",
        "--lr",
        "1e30",
        "--epochs",
        "50",
        "--print-every",
        "1",
        "--save",
        arg(&model),
        "--history",
        arg(&history),
        "--out",
        arg(dir.path()),
    ]);
    assert!(
        error.starts_with("training diverged: the loss became"),
        "{error}"
    );
    assert!(error.contains("try a smaller --lr"), "{error}");
    let epoch: usize = error
        .split("at epoch ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|n| n.parse().ok())
        .expect("epoch number in the message");
    assert!(!model.exists(), "a diverged model must not be written");
    let kept = read_json(&history);
    let losses = kept["loss"].as_array().expect("losses");
    assert_eq!(losses.len(), epoch, "history up to the diverged epoch");
    assert!(
        losses
            .iter()
            .all(|l| l.as_f64().is_some_and(f64::is_finite))
    );
    assert_eq!(
        read_json(&dir.path().join("run.json"))["status"],
        "diverged"
    );
}

/// A write that fails after training (here --history names a directory) is one line naming
/// the path, and leaves the previous run's files in the same --out byte for byte, with no
/// temporary file beside them. (Breaking a write halfway is tested in ffnn-io and ffnn-viz.)
#[test]
fn a_failed_write_leaves_the_previous_run_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = arg(dir.path());
    let train = [
        "train",
        "--dataset",
        "xor",
        "--epochs",
        "2",
        "--print-every",
        "0",
    ];
    ffnn_ok(&[&train[..], &["--seed", "1", "--out", out]].concat());
    let kept = ["run.json", "loss.png", "decision_boundary.png"];
    let before: Vec<Vec<u8>> = kept
        .iter()
        .map(|name| std::fs::read(dir.path().join(name)).expect("first run wrote it"))
        .collect();
    let target = dir.path().join("as-dir.json");
    std::fs::create_dir(&target).expect("mkdir");
    let error = error_of(
        &[
            &train[..],
            &["--seed", "2", "--history", arg(&target), "--out", out],
        ]
        .concat(),
    );
    assert!(error.contains("as-dir.json"), "{error}");
    for (name, bytes) in kept.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(dir.path().join(name)).expect("still there"),
            bytes,
            "{name} changed"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".ffnn-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
