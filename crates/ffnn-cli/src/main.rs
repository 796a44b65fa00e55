//! The `ffnn` binary: runs [`ffnn_cli::run_args`], prints any error as one line on stderr
//! and exits non-zero.

use std::io::Write;
use std::process::ExitCode;

/// Training allocates and frees the same large tensors every epoch. glibc's malloc returns
/// each large block to the OS and faults it back in on the next epoch (a third of the time of
/// a 1M-sample epoch went to page faults); mimalloc keeps and reuses them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_mesa();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = ffnn_cli::run_args(std::env::args_os(), &mut out);
    let _ = out.flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ffnn: error: {error}");
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
        }
    }
}

/// Mesa's Vulkan drivers complain on stderr ("XDG_RUNTIME_DIR is invalid or not set") when
/// the variable is missing, which is common in containers and CI. Point it at a private
/// directory before any thread starts, so that noise never reaches the user.
fn quiet_mesa() {
    let usable = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .is_some_and(|dir| dir.is_dir());
    if usable {
        return;
    }
    let dir = std::env::temp_dir().join("ffnn-xdg-runtime");
    if std::fs::create_dir_all(&dir).is_ok() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
        }
        // SAFETY: called first thing in `main`, before any other thread exists.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("XDG_RUNTIME_DIR", &dir);
        }
    }
}
