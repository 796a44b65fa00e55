//! CSV files: a header row, one row per sample, feature columns and a `label` column of 0/1.

use crate::{DataError, Dataset};
use std::io::{Read, Write};
use std::path::Path;

/// The name of the label column.
const LABEL_COLUMN: &str = "label";

/// Reads a dataset from a CSV file (see [`read_csv_from`] for the format).
pub fn read_csv(path: &Path) -> Result<Dataset, DataError> {
    let file = std::fs::File::open(path).map_err(|source| DataError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_csv_from(file, path)
}

/// Reads a dataset from CSV text. `path` only names the source in error messages.
///
/// The first row names the columns; the column named `label` holds 0 or 1 and every other
/// column is a feature, in file order. Errors name the line and column at fault.
pub fn read_csv_from(reader: impl Read, path: &Path) -> Result<Dataset, DataError> {
    let table = parse_table(reader, path, true)?;
    Dataset::new(
        table.feature_names,
        table.features,
        table.labels.unwrap_or_default(),
    )
}

/// Samples to predict: features, and the labels when the file has a `label` column.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureTable {
    /// Feature column names, in file order.
    pub feature_names: Vec<String>,
    /// Row-major features.
    pub features: Vec<f32>,
    /// The 0/1 labels, if the file has a `label` column.
    pub labels: Option<Vec<f32>>,
}

impl FeatureTable {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.features.len() / self.feature_names.len().max(1)
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }
}

/// Reads a CSV file whose `label` column is optional (for prediction); otherwise the same
/// format and errors as [`read_csv`].
pub fn read_feature_table(path: &Path) -> Result<FeatureTable, DataError> {
    let file = std::fs::File::open(path).map_err(|source| DataError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_table(file, path, false)
}

fn parse_table(
    reader: impl Read,
    path: &Path,
    require_label: bool,
) -> Result<FeatureTable, DataError> {
    let parse_error =
        |line: u64, column: Option<(usize, String)>, message: String| DataError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(parse_error(
                1,
                None,
                "the file is empty: expected a header row such as `x1,x2,label`".into(),
            ));
        }
        Some(record) => record.map_err(|error| csv_error(path, &error))?,
    };
    let names: Vec<String> = header.iter().map(str::to_owned).collect();
    let label_index = names
        .iter()
        .position(|name| name.eq_ignore_ascii_case(LABEL_COLUMN));
    if require_label && label_index.is_none() {
        return Err(parse_error(
            1,
            None,
            format!(
                "no `label` column in the header ({}): name the 0/1 column `label`",
                names.join(",")
            ),
        ));
    }
    if names.len() < 1 + usize::from(label_index.is_some()) {
        return Err(parse_error(
            1,
            None,
            "the header has no feature columns".into(),
        ));
    }
    if let Some(index) = names.iter().position(|name| name.is_empty()) {
        return Err(parse_error(
            1,
            Some((index + 1, String::new())),
            "empty column name in the header".into(),
        ));
    }
    let feature_names: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != label_index)
        .map(|(_, name)| name.clone())
        .collect();

    let mut features = Vec::new();
    let mut labels = Vec::new();
    let mut rows = 0usize;
    for record in records {
        let record = record.map_err(|error| csv_error(path, &error))?;
        let line = record.position().map_or(0, csv::Position::line);
        // A blank line reads as one empty field: skip it, as spreadsheets write them.
        if record.len() == 1 && record.get(0) == Some("") {
            continue;
        }
        if record.len() != names.len() {
            return Err(parse_error(
                line,
                None,
                format!(
                    "{} values, but the header has {} columns",
                    record.len(),
                    names.len()
                ),
            ));
        }
        for (index, cell) in record.iter().enumerate() {
            let column = || Some((index + 1, names[index].clone()));
            let value: f32 = cell
                .parse()
                .map_err(|_| parse_error(line, column(), format!("'{cell}' is not a number")))?;
            if !value.is_finite() {
                return Err(parse_error(
                    line,
                    column(),
                    format!("'{cell}' is not a finite number"),
                ));
            }
            if Some(index) == label_index {
                if value != 0.0 && value != 1.0 {
                    return Err(parse_error(
                        line,
                        column(),
                        format!("the label must be 0 or 1, found '{cell}'"),
                    ));
                }
                labels.push(value);
            } else {
                features.push(value);
            }
        }
        rows += 1;
    }
    if rows == 0 {
        return Err(parse_error(
            2,
            None,
            "no samples after the header: add one row per sample".into(),
        ));
    }
    Ok(FeatureTable {
        feature_names,
        features,
        labels: label_index.map(|_| labels),
    })
}

fn csv_error(path: &Path, error: &csv::Error) -> DataError {
    let line = error.position().map_or(0, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_owned(),
        csv::ErrorKind::Io(source) => {
            return DataError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(source.kind(), source.to_string()),
            };
        }
        _ => error.to_string(),
    };
    DataError::Parse {
        path: path.to_path_buf(),
        line,
        column: None,
        message,
    }
}

/// Writes a dataset as CSV, atomically. Values are written in Rust's shortest form that
/// reads back to the same `f32`, so a round trip is exact.
pub fn write_csv(data: &Dataset, path: &Path) -> Result<(), DataError> {
    ffnn_io::write_atomic(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        write_csv_to(data, &mut out)?;
        out.flush()
    })?;
    Ok(())
}

/// Writes a dataset as CSV text to any writer.
pub fn write_csv_to(data: &Dataset, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{},{LABEL_COLUMN}", data.feature_names().join(","))?;
    for i in 0..data.len() {
        for value in data.row(i) {
            write!(out, "{value},")?;
        }
        writeln!(out, "{}", data.labels()[i])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DataSpec, DatasetKind};

    fn parse(text: &str) -> Result<Dataset, DataError> {
        read_csv_from(text.as_bytes(), Path::new("data.csv"))
    }

    fn error_of(text: &str) -> String {
        parse(text).expect_err("must be rejected").to_string()
    }

    #[test]
    fn reads_features_and_labels_in_order() {
        let data = parse("a,b,label\n1.5,-2,1\n0,3e-1,0\n").expect("valid");
        assert_eq!(data.feature_names(), &["a", "b"]);
        assert_eq!(data.features(), &[1.5, -2.0, 0.0, 0.3]);
        assert_eq!(data.labels(), &[1.0, 0.0]);
        let label_first = parse("label,x\n1,2\n").expect("valid");
        assert_eq!(
            (label_first.features(), label_first.labels()),
            (&[2.0][..], &[1.0][..])
        );
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        assert_eq!(
            error_of(""),
            "data.csv: line 1: the file is empty: expected a header row such as `x1,x2,label`"
        );
        assert_eq!(
            error_of("x1,label\n"),
            "data.csv: line 2: no samples after the header: add one row per sample"
        );
        assert_eq!(
            error_of("x1,x2,label\n1,2,0\n1,2\n"),
            "data.csv: line 3: 2 values, but the header has 3 columns"
        );
        assert_eq!(
            error_of("x1,x2,label\n1,abc,0\n"),
            "data.csv: line 2, column 2 (x2): 'abc' is not a number"
        );
        assert_eq!(
            error_of("x1,x2,label\n1,inf,0\n"),
            "data.csv: line 2, column 2 (x2): 'inf' is not a finite number"
        );
        assert_eq!(
            error_of("x1,label\n1,0\n2,2\n"),
            "data.csv: line 3, column 2 (label): the label must be 0 or 1, found '2'"
        );
        assert!(error_of("x1,x2\n1,2\n").contains("no `label` column"));
    }

    #[test]
    fn prediction_tables_may_leave_out_the_label() {
        let table =
            parse_table("a,b\n1,2\n3,4\n".as_bytes(), Path::new("p.csv"), false).expect("valid");
        assert_eq!((table.len(), table.labels.clone()), (2, None));
        assert_eq!(table.features, vec![1.0, 2.0, 3.0, 4.0]);
        let labelled =
            parse_table("a,label\n1,1\n".as_bytes(), Path::new("p.csv"), false).expect("valid");
        assert_eq!(labelled.labels, Some(vec![1.0]));
        let error = parse_table("label\n1\n".as_bytes(), Path::new("p.csv"), false).unwrap_err();
        assert!(error.to_string().contains("no feature columns"), "{error}");
    }

    #[test]
    fn missing_file_names_the_path() {
        let error = read_csv(Path::new("/nonexistent/d.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cannot read /nonexistent/d.csv"),
            "{error}"
        );
    }

    #[test]
    fn round_trip_is_exact() {
        let dir = tempfile::tempdir().expect("tempdir");
        for kind in DatasetKind::ALL {
            let data = DataSpec::new(kind, 37)
                .with_noise(0.3)
                .with_seed(9)
                .generate()
                .expect("gen");
            let path = dir.path().join(format!("{kind}.csv"));
            write_csv(&data, &path).expect("write");
            assert_eq!(read_csv(&path).expect("read"), data, "{kind}");
        }
    }

    proptest::proptest! {
        // No input may panic: every outcome is a dataset or an error.
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,300}") {
            let _ = parse(&text);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = read_csv_from(&bytes[..], Path::new("fuzz.csv"));
        }

        #[test]
        fn numeric_tables_round_trip(rows in proptest::collection::vec(
            (proptest::num::f32::NORMAL, proptest::num::f32::NORMAL, proptest::bool::ANY), 1..20)) {
            let features = rows.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
            let labels = rows.iter().map(|(_, _, l)| if *l { 1.0 } else { 0.0 }).collect();
            let data = Dataset::with_default_names(2, features, labels).expect("valid");
            let mut text = Vec::new();
            write_csv_to(&data, &mut text).expect("write");
            proptest::prop_assert_eq!(read_csv_from(&text[..], Path::new("p.csv")).expect("read"), data);
        }
    }
}
