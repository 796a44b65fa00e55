//! The `ffnn` process itself: exit codes and one-line errors, never a panic.

use std::process::{Command, Output};

fn ffnn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ffnn"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("ffnn runs")
}

fn assert_one_line_error(output: &Output, code: i32, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected, got:\n{stderr}");
    assert!(lines[0].starts_with("ffnn: error: "), "{stderr}");
    assert!(
        lines[0].contains(expected),
        "expected '{expected}' in:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn help_succeeds() {
    let output = ffnn(&["--help"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for command in ["demo", "train", "predict", "data", "bench"] {
        assert!(text.contains(command), "{text}");
    }
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    assert_one_line_error(
        &ffnn(&["demo", "tutorial", "--epochs", "many"]),
        2,
        "invalid value 'many'",
    );
    assert_one_line_error(
        &ffnn(&["train", "--dataset", "blobs"]),
        2,
        "unknown dataset 'blobs'",
    );
    assert_one_line_error(&ffnn(&["frobnicate"]), 2, "unrecognized subcommand");
}

#[test]
fn runtime_errors_exit_1_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let out = file.to_str().expect("utf-8");
    assert_one_line_error(
        &ffnn(&["demo", "circle", "--out", out]),
        1,
        "is a file; give a directory",
    );
    assert_one_line_error(
        &ffnn(&["demo", "tutorial", "--epochs", "0"]),
        1,
        "--epochs must be at least 1",
    );
    assert_one_line_error(
        &ffnn(&["train", "--data", "/nonexistent/data.csv"]),
        1,
        "cannot read /nonexistent/data.csv",
    );
}

/// With the Vulkan driver hidden, wgpu finds no adapter: one line saying what to do.
#[test]
fn wgpu_without_an_adapter_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_ffnn"))
        .args(["demo", "tutorial", "--backend", "wgpu", "--out"])
        .arg(dir.path())
        .env("VK_ICD_FILENAMES", "/nonexistent/icd.json")
        .env("VK_DRIVER_FILES", "/nonexistent/icd.json")
        .env("__EGL_VENDOR_LIBRARY_FILENAMES", "/nonexistent/egl.json")
        .output()
        .expect("ffnn runs");
    assert_one_line_error(&output, 1, "no GPU adapter found for --backend wgpu");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("mesa-vulkan-drivers") && stderr.contains("--backend ndarray"),
        "{stderr}"
    );
}
