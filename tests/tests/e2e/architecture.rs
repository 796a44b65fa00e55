//! The invariants of docs/architecture.md, checked: who may depend on whom, and docs on every
//! library.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The names in a manifest's `[dependencies]` table (not dev- or build-dependencies).
fn dependencies(krate: &str) -> Vec<String> {
    let manifest =
        std::fs::read_to_string(root().join(krate).join("Cargo.toml")).expect("manifest");
    let mut names = Vec::new();
    let mut inside = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.']).next().expect("key").trim();
            names.push(name.to_owned());
        }
    }
    names
}

#[test]
fn dependencies_point_one_way() {
    let forbidden: &[(&str, &[&str])] = &[
        (
            "crates/ffnn-io",
            &[
                "burn",
                "plotters",
                "ffnn-data",
                "ffnn-model",
                "ffnn-train",
                "ffnn-viz",
                "ffnn-cli",
            ],
        ),
        (
            "crates/ffnn-data",
            &[
                "burn",
                "plotters",
                "ffnn-model",
                "ffnn-train",
                "ffnn-viz",
                "ffnn-cli",
            ],
        ),
        (
            "crates/ffnn-model",
            &[
                "plotters",
                "ffnn-data",
                "ffnn-train",
                "ffnn-viz",
                "ffnn-cli",
            ],
        ),
        (
            "crates/ffnn-viz",
            &["burn", "ffnn-data", "ffnn-model", "ffnn-train", "ffnn-cli"],
        ),
        (
            "crates/ffnn-train",
            &["plotters", "ffnn-viz", "ffnn-cli", "clap"],
        ),
        ("crates/ffnn-cli", &["burn"]),
    ];
    for (krate, not_allowed) in forbidden {
        let deps = dependencies(krate);
        for name in *not_allowed {
            assert!(
                !deps.iter().any(|d| d == name),
                "{krate} must not depend on {name}"
            );
        }
    }
    assert!(
        dependencies("xtask").is_empty(),
        "xtask must have no dependencies"
    );
}

#[test]
fn every_library_opens_with_docs_and_warns_on_missing_docs() {
    for krate in [
        "ffnn-io",
        "ffnn-data",
        "ffnn-model",
        "ffnn-train",
        "ffnn-viz",
        "ffnn-cli",
    ] {
        let lib = std::fs::read_to_string(root().join("crates").join(krate).join("src/lib.rs"))
            .expect("lib.rs");
        assert!(
            lib.starts_with("//! "),
            "{krate}: lib.rs must open with //! docs"
        );
        assert!(lib.contains("```"), "{krate}: lib.rs docs need an example");
        assert!(lib.contains("#![warn(missing_docs)]"), "{krate}");
    }
}
