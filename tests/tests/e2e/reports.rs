//! Benchmarks and backend comparisons produce what they promise.

use crate::common::{arg, assert_png, ffnn_ok};
use serde_json::Value;

#[test]
fn bench_prints_one_json_object_with_every_field() {
    for (dataset, backend) in [
        ("tutorial", "ndarray"),
        ("circle", "flex"),
        ("circle", "wgpu"),
    ] {
        let printed = ffnn_ok(&[
            "bench",
            "--dataset",
            dataset,
            "--samples",
            "300",
            "--hidden",
            "8",
            "--epochs",
            "6",
            "--backend",
            backend,
            "--seed",
            "2",
        ]);
        let report: Value = serde_json::from_str(printed.trim()).expect("one JSON object");
        assert_eq!(report["backend"], backend);
        assert_eq!(report["dataset"], dataset);
        assert_eq!(report["samples"], 300);
        assert_eq!(report["hidden"], 8);
        assert_eq!(report["epochs"], 6);
        let adapter = report["adapter"].as_str().expect("adapter");
        assert_eq!(adapter == "cpu", backend != "wgpu", "{adapter}");
        for field in ["first_epoch_seconds", "epoch_seconds_median", "final_loss"] {
            let value = report[field]
                .as_f64()
                .unwrap_or_else(|| panic!("{field} missing: {report}"));
            assert!(value.is_finite() && value > 0.0, "{field} = {value}");
        }
    }
}

#[test]
fn compare_quick_writes_a_report_a_chart_and_agreeing_losses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = ffnn_ok(&["compare", "--quick", "--out", arg(dir.path())]);
    assert!(printed.contains("| tutorial | wgpu |"), "{printed}");
    let report = std::fs::read_to_string(dir.path().join("report.md")).expect("report.md");
    for backend in ["ndarray", "flex", "wgpu"] {
        assert!(
            report.contains(&format!("| circle | {backend} |")),
            "{report}"
        );
    }
    assert_png(&dir.path().join("compare.png"), 900, 500);
    let rows: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("compare.json")).expect("json"),
    )
    .expect("parses");
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 6);
    for row in rows {
        let diff = row["max_loss_diff_vs_ndarray"].as_f64().expect("measured");
        assert!(
            diff < 1e-4,
            "{} on {} differs by {diff}",
            row["example"],
            row["backend"]
        );
        assert!(
            row["epoch_seconds_median"]
                .as_f64()
                .is_some_and(|s| s > 0.0)
        );
        assert_eq!(
            row["losses"].as_array().map(Vec::len),
            Some(if row["example"] == "tutorial" {
                50
            } else {
                100
            })
        );
    }
}
