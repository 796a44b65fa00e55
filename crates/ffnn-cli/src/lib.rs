//! The `ffnn` command line, as a library: parse arguments, run a command, write what the
//! user sees to any writer. `main.rs` only adds the process: exit codes and one-line errors.
//!
//! Commands: `demo tutorial`, `demo circle` (the tutorial's two examples with every figure),
//! `train` (CSV or generated data, PyTorch initial weights, history, saved models, figures),
//! `predict`, `data` and `bench`. See `ffnn --help`.
//!
//! ```no_run
//! let mut out = Vec::new();
//! ffnn_cli::run_args(["ffnn", "demo", "circle", "--out", "target/circle"], &mut out).unwrap();
//! let printed = String::from_utf8(out).unwrap();
//! assert!(printed.contains("Epoch [100/100], Loss:"));
//! ```
#![warn(missing_docs)]

pub mod args;
mod bench;
mod compare;
mod data_cmd;
mod demo;
mod figures;
mod predict;
mod sweep;
mod train;

pub use args::Cli;
use args::{Command, Demo};
use clap::Parser;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything a command can fail with; each displays as one line saying what to do.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line itself is wrong.
    #[error("{0}")]
    Usage(String),
    /// A dataset problem.
    #[error(transparent)]
    Data(#[from] ffnn_data::DataError),
    /// A model or weight-file problem.
    #[error(transparent)]
    Model(#[from] ffnn_model::ModelError),
    /// A training or backend problem.
    #[error(transparent)]
    Train(#[from] ffnn_train::TrainError),
    /// A figure problem.
    #[error(transparent)]
    Viz(#[from] ffnn_viz::VizError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] ffnn_io::WriteError),
    /// The output directory is unusable.
    #[error("--out {path}: {reason}")]
    OutDir {
        /// The directory.
        path: PathBuf,
        /// Why it cannot be used.
        reason: String,
    },
    /// Inputs that do not fit each other (weights and data, say).
    #[error("{0}")]
    Mismatch(String),
    /// Printing to the terminal failed.
    #[error("cannot print: {0}")]
    Output(#[from] std::io::Error),
}

impl CliError {
    /// The process exit code: 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Parses `args` (the program name first) and runs the command, printing to `out`. `--help`
/// and `--version` print and succeed.
pub fn run_args<I, T>(args: I, out: &mut dyn Write) -> Result<(), CliError>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => run(cli, out),
        Err(error) => match error.kind() {
            clap::error::ErrorKind::DisplayHelp
            | clap::error::ErrorKind::DisplayVersion
            | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                write!(out, "{}", error.render())?;
                if error.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                {
                    return Err(CliError::Usage(
                        "a subcommand is required (see above)".into(),
                    ));
                }
                Ok(())
            }
            _ => Err(CliError::Usage(usage_line(&error))),
        },
    }
}

/// clap's first line, without its `error: ` prefix, plus where to look.
fn usage_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or("invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    format!("{first} (see ffnn --help)")
}

/// Runs a parsed command.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    match cli.command {
        Command::Demo(Demo::Tutorial(args)) => demo::tutorial(&args, out),
        Command::Demo(Demo::Circle(args)) => demo::circle(&args, out),
        Command::Train(args) => train::run(&args, out),
        Command::Predict(args) => predict::run(&args, out),
        Command::Data(args) => data_cmd::run(&args, out),
        Command::Bench(args) => bench::run(&args, out),
        Command::Compare(args) => compare::run(&args, out),
        Command::Sweep(args) => sweep::run(&args, out),
    }
}

/// Makes sure `dir` is a directory we can write into, creating it if needed.
fn prepare_out_dir(dir: &Path) -> Result<(), CliError> {
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::OutDir {
            path: dir.to_path_buf(),
            reason: "is a file; give a directory".into(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|error| CliError::OutDir {
        path: dir.to_path_buf(),
        reason: format!("cannot create the directory: {error}"),
    })
}
