use std::path::{Path, PathBuf};

/// Runs `ffnn ARGS...` in-process and returns what it printed, or its one-line error.
pub fn ffnn(args: &[&str]) -> Result<String, String> {
    let mut out = Vec::new();
    let result = ffnn_cli::run_args(
        std::iter::once("ffnn").chain(args.iter().copied()),
        &mut out,
    );
    let printed = String::from_utf8(out).expect("output is UTF-8");
    match result {
        Ok(()) => Ok(printed),
        Err(error) => Err(error.to_string()),
    }
}

/// Like [`ffnn`], failing the test with the error.
pub fn ffnn_ok(args: &[&str]) -> String {
    ffnn(args).unwrap_or_else(|error| panic!("ffnn {} failed: {error}", args.join(" ")))
}

/// The path as a `&str` for argument lists.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// Decodes a PNG, checks its size, and checks that it is a real picture: several colours
/// and a good share of non-white pixels.
pub fn assert_png(path: &Path, width: u32, height: u32) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).expect("PNG data");
    assert_eq!(
        (info.width, info.height),
        (width, height),
        "{}",
        path.display()
    );
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buffer[..info.buffer_size()].chunks(channels).collect();
    let non_white = pixels
        .iter()
        .filter(|p| p[..3].iter().any(|&c| c < 240))
        .count();
    let mut colours: Vec<&[u8]> = pixels.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        non_white * 100 > pixels.len(),
        "{} is nearly blank ({non_white} of {} pixels drawn)",
        path.display(),
        pixels.len()
    );
    assert!(
        colours.len() > 8,
        "{} has only {} colours",
        path.display(),
        colours.len()
    );
}

/// A PyTorch fixture file, copied into the repository.
pub fn fixture(case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pytorch")
        .join(case)
        .join(file)
}

/// The losses printed by `ffnn demo tutorial` (`epoch:  N loss:  X` lines).
pub fn tutorial_losses(printed: &str) -> Vec<f64> {
    printed
        .lines()
        .filter_map(|line| line.strip_prefix("epoch:  "))
        .map(|rest| {
            let (_, loss) = rest.split_once(" loss:  ").expect("loss field");
            loss.parse().expect("loss number")
        })
        .collect()
}

/// Reads and parses a JSON file the run wrote.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
