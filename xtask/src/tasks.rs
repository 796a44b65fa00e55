//! The tasks. Each builds `ffnn` in release mode (a debug build of Burn trains far too slowly)
//! and runs it with the right flags.

use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask <demo|compare|bench> [options]
  demo    [--backend ndarray|flex|wgpu] [--update-docs]   run both tutorial examples
  compare [--quick]                                       every backend on both examples
  bench   [--quick]                                       scaling sweep of the circle problem";

/// Runs the task named by `args[0]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let Some((task, rest)) = args.split_first() else {
        return Err(format!("no task given\n{USAGE}"));
    };
    match task.as_str() {
        "demo" => demo(rest),
        "compare" => forward("compare", "target/compare", rest),
        "bench" => forward("sweep", "target/bench", rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task '{other}'\n{USAGE}")),
    }
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Builds the release binary and returns its path.
fn build_ffnn() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root())
        .args([
            "build",
            "--release",
            "--package",
            "ffnn-cli",
            "--bin",
            "ffnn",
        ])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("building ffnn failed (see above)".into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    Ok(target
        .join("release")
        .join(format!("ffnn{}", std::env::consts::EXE_SUFFIX)))
}

fn run_ffnn(ffnn: &Path, args: &[&str]) -> Result<(), String> {
    println!("$ ffnn {}", args.join(" "));
    let status = Command::new(ffnn)
        .current_dir(root())
        .args(args)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", ffnn.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("ffnn {} failed", args.join(" ")))
    }
}

fn demo(args: &[String]) -> Result<(), String> {
    let mut backend = "ndarray".to_owned();
    let mut update_docs = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--backend" => {
                backend = iter
                    .next()
                    .ok_or("--backend needs a value: ndarray, flex or wgpu")?
                    .clone();
            }
            "--update-docs" => update_docs = true,
            other => return Err(format!("unknown demo option '{other}'\n{USAGE}")),
        }
    }
    let ffnn = build_ffnn()?;
    let examples = [
        ("tutorial", ["loss", "predictions"].as_slice()),
        ("circle", ["data", "decision_boundary", "loss"].as_slice()),
    ];
    let mut figures = Vec::new();
    for (example, names) in examples {
        let out = format!("target/demo/{example}");
        run_ffnn(
            &ffnn,
            &["demo", example, "--backend", &backend, "--out", &out],
        )?;
        println!();
        figures.extend(
            names
                .iter()
                .map(|name| (example, root().join(&out).join(format!("{name}.png")))),
        );
    }
    println!("figures:");
    for (example, path) in &figures {
        if !path.is_file() {
            return Err(format!("{} was not written", path.display()));
        }
        println!("  {}", path.display());
        if update_docs {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let target = root().join("docs/images").join(format!("{example}-{name}"));
            std::fs::copy(path, &target)
                .map_err(|e| format!("cannot copy to {}: {e}", target.display()))?;
        }
    }
    if update_docs {
        println!("copied to docs/images/");
    }
    Ok(())
}

/// Runs an `ffnn` subcommand that does the work, writing into `out`.
fn forward(subcommand: &str, out: &str, args: &[String]) -> Result<(), String> {
    for arg in args {
        if arg != "--quick" {
            return Err(format!("unknown option '{arg}'\n{USAGE}"));
        }
    }
    let ffnn = build_ffnn()?;
    let mut ffnn_args = vec![subcommand, "--out", out];
    ffnn_args.extend(args.iter().map(String::as_str));
    run_ffnn(&ffnn, &ffnn_args)
}
