//! Atomic file writes: nothing ffnn writes is ever left half-written.
//!
//! Every file goes to a temporary file in the target's own directory (so the final rename
//! stays on one filesystem) and is renamed over the target only once it is complete and
//! flushed. An interrupted or failed write leaves the previous file untouched and no
//! temporary file behind.
//!
//! ```
//! use std::io::Write;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("hello.txt");
//! ffnn_io::write_atomic(&path, |file| file.write_all(b"hello")).unwrap();
//! assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
//! ```
#![warn(missing_docs)]

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target's directory could not be created or a temporary file could not be made in it.
    #[error("cannot create a file in {dir}: {source} (check that the directory is writable)")]
    Prepare {
        /// The directory the file was to be written in.
        dir: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Writing the content failed; the previous file, if any, is untouched.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The complete temporary file could not be renamed over the target.
    #[error("cannot replace {path}: {source} (is it a directory, or read-only?)")]
    Persist {
        /// The target path.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The producer of the content reported an error of its own.
    #[error("cannot write {path}: {message}")]
    Producer {
        /// The file that was being written.
        path: PathBuf,
        /// What the producer said.
        message: String,
    },
}

/// The directory a file at `path` lives in (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `path` atomically: `write` fills a temporary file beside it, which is flushed and
/// renamed over `path` only if `write` succeeds. Creates the parent directory if needed.
pub fn write_atomic<F>(path: &Path, write: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut File) -> io::Result<()>,
{
    write_atomic_with(path, |temp_path| {
        let mut file = File::create(temp_path)?;
        write(&mut file)?;
        file.sync_all()
    })
    .map_err(|error| match error {
        AtomicError::Io(source) => WriteError::Write {
            path: path.to_path_buf(),
            source,
        },
        AtomicError::Setup(error) => error,
    })
}

/// Writes `path` atomically through a producer that wants a path rather than a file handle
/// (a plotting backend, say). The temporary path keeps `path`'s extension, so producers that
/// choose a format from it still do.
pub fn write_atomic_via_path<F, E>(path: &Path, produce: F) -> Result<(), WriteError>
where
    F: FnOnce(&Path) -> Result<(), E>,
    E: std::fmt::Display,
{
    let mut message = None;
    let result = write_atomic_with(path, |temp_path| {
        produce(temp_path).map_err(|error| {
            message = Some(error.to_string());
            io::Error::other("producer failed")
        })
    });
    match result {
        Ok(()) => Ok(()),
        Err(AtomicError::Setup(error)) => Err(error),
        Err(AtomicError::Io(source)) => Err(match message {
            Some(message) => WriteError::Producer {
                path: path.to_path_buf(),
                message,
            },
            None => WriteError::Write {
                path: path.to_path_buf(),
                source,
            },
        }),
    }
}

enum AtomicError {
    Setup(WriteError),
    Io(io::Error),
}

fn write_atomic_with<F>(path: &Path, fill: F) -> Result<(), AtomicError>
where
    F: FnOnce(&Path) -> io::Result<()>,
{
    let dir = parent_dir(path);
    std::fs::create_dir_all(&dir).map_err(|source| {
        AtomicError::Setup(WriteError::Prepare {
            dir: dir.clone(),
            source,
        })
    })?;
    let suffix = path
        .extension()
        .map(|ext| format!(".{}", ext.to_string_lossy()))
        .unwrap_or_default();
    // The temporary file is removed on drop, so an error anywhere below cleans up.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ffnn-tmp-").suffix(&suffix);
    // Temporary files are private (0600) by default; the finished file should get the usual
    // permissions of a new file (0666 less the umask), as if written directly.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder
        .tempfile_in(&dir)
        .map_err(|source| AtomicError::Setup(WriteError::Prepare { dir, source }))?;
    fill(temp.path()).map_err(AtomicError::Io)?;
    temp.persist(path).map_err(|error| {
        AtomicError::Setup(WriteError::Persist {
            path: path.to_path_buf(),
            source: error.error,
        })
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("read dir")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.starts_with(".ffnn-tmp-"))
            .collect()
    }

    #[test]
    fn failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("model.json");
        std::fs::write(&path, "old and good").expect("seed file");
        let result = write_atomic(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("interrupted"))
        });
        let error = result.expect_err("the write must fail");
        assert!(error.to_string().contains("model.json"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "old and good"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn producer_error_is_reported_with_its_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("figure.png");
        let error = write_atomic_via_path(&path, |temp: &Path| {
            assert_eq!(temp.extension().and_then(|e| e.to_str()), Some("png"));
            Err::<(), _>("font missing")
        })
        .expect_err("must fail");
        assert!(error.to_string().contains("font missing"), "{error}");
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn finished_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("figure.png");
        write_atomic(&path, |file| file.write_all(b"x")).expect("write");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_ne!(
            mode & 0o044,
            0,
            "others cannot read the file: mode {mode:o}"
        );
    }

    #[test]
    fn creates_missing_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/c.txt");
        write_atomic(&path, |file| file.write_all(b"x")).expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"x");
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).expect("mkdir");
        let error = write_atomic(&path, |file| file.write_all(b"x")).expect_err("must fail");
        assert!(error.to_string().contains("taken"), "{error}");
    }
}
