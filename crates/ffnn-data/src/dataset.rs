//! The plain dataset type shared by every generator, the CSV reader and the trainer.

use crate::DataError;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// Samples with named features and binary labels, stored row-major as `f32`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    feature_names: Vec<String>,
    features: Vec<f32>,
    labels: Vec<f32>,
}

impl Dataset {
    /// Builds a dataset from row-major `features` (`labels.len()` rows of
    /// `feature_names.len()` values) and 0/1 `labels`.
    pub fn new(
        feature_names: Vec<String>,
        features: Vec<f32>,
        labels: Vec<f32>,
    ) -> Result<Self, DataError> {
        let width = feature_names.len();
        if width == 0 {
            return Err(DataError::Invalid(
                "a dataset needs at least one feature".into(),
            ));
        }
        if labels.is_empty() {
            return Err(DataError::Invalid(
                "a dataset needs at least one sample".into(),
            ));
        }
        if features.len() != width * labels.len() {
            return Err(DataError::Invalid(format!(
                "{} feature values do not make {} rows of {} features",
                features.len(),
                labels.len(),
                width
            )));
        }
        if let Some(position) = features.iter().position(|v| !v.is_finite()) {
            return Err(DataError::Invalid(format!(
                "feature {} of sample {} is not finite",
                position % width + 1,
                position / width + 1
            )));
        }
        if let Some(position) = labels.iter().position(|&l| l != 0.0 && l != 1.0) {
            return Err(DataError::Invalid(format!(
                "label of sample {} is {}, expected 0 or 1",
                position + 1,
                labels[position]
            )));
        }
        Ok(Self {
            feature_names,
            features,
            labels,
        })
    }

    /// Builds a dataset with features named `x1`, `x2`, ... .
    pub fn with_default_names(
        n_features: usize,
        features: Vec<f32>,
        labels: Vec<f32>,
    ) -> Result<Self, DataError> {
        let names = (1..=n_features).map(|i| format!("x{i}")).collect();
        Self::new(names, features, labels)
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True only for the test part of a split with a test fraction of 0.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Number of features per sample.
    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }

    /// The feature names, in column order.
    pub fn feature_names(&self) -> &[String] {
        &self.feature_names
    }

    /// All features, row-major (`len() * n_features()` values).
    pub fn features(&self) -> &[f32] {
        &self.features
    }

    /// The labels, 0.0 or 1.0, one per sample.
    pub fn labels(&self) -> &[f32] {
        &self.labels
    }

    /// The features of sample `index`.
    ///
    /// # Panics
    /// If `index >= len()`.
    pub fn row(&self, index: usize) -> &[f32] {
        let width = self.n_features();
        &self.features[index * width..(index + 1) * width]
    }

    /// The values of feature `column` across all samples.
    pub fn column(&self, column: usize) -> impl Iterator<Item = f32> + '_ {
        self.features
            .iter()
            .skip(column)
            .step_by(self.n_features())
            .copied()
    }

    /// Smallest and largest value of feature `column`.
    pub fn column_range(&self, column: usize) -> (f32, f32) {
        self.column(column)
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
    }

    /// How many samples have label 0 and label 1.
    pub fn class_counts(&self) -> [usize; 2] {
        let ones = self.labels.iter().filter(|&&l| l == 1.0).count();
        [self.len() - ones, ones]
    }

    /// The samples at `indices`, in that order.
    ///
    /// # Panics
    /// If an index is out of range.
    pub fn select(&self, indices: &[usize]) -> Self {
        let mut features = Vec::with_capacity(indices.len() * self.n_features());
        let mut labels = Vec::with_capacity(indices.len());
        for &index in indices {
            features.extend_from_slice(self.row(index));
            labels.push(self.labels[index]);
        }
        Self {
            feature_names: self.feature_names.clone(),
            features,
            labels,
        }
    }

    /// Splits into `(train, test)` with `round(len * test_fraction)` samples in `test`, chosen
    /// by a shuffle seeded with `seed`. Each part keeps the original sample order.
    pub fn split(&self, test_fraction: f64, seed: u64) -> Result<(Self, Self), DataError> {
        if !(0.0..1.0).contains(&test_fraction) {
            return Err(DataError::BadTestFraction(test_fraction));
        }
        let test_len = (self.len() as f64 * test_fraction).round() as usize;
        let train_len = self.len() - test_len;
        if test_fraction > 0.0 && (test_len == 0 || train_len == 0) {
            return Err(DataError::EmptySplit {
                fraction: test_fraction,
                samples: self.len(),
                train: train_len,
                test: test_len,
            });
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(&mut StdRng::seed_from_u64(seed));
        let (test_indices, train_indices) = order.split_at_mut(test_len);
        test_indices.sort_unstable();
        train_indices.sort_unstable();
        Ok((self.select(train_indices), self.select(test_indices)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Dataset {
        Dataset::with_default_names(
            2,
            vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
            vec![0.0, 1.0, 1.0, 0.0],
        )
        .expect("valid")
    }

    #[test]
    fn rows_columns_and_ranges() {
        let data = tiny();
        assert_eq!(data.row(2), &[4.0, 5.0]);
        assert_eq!(data.column(1).collect::<Vec<_>>(), vec![1.0, 3.0, 5.0, 7.0]);
        assert_eq!(data.column_range(0), (0.0, 6.0));
        assert_eq!(data.class_counts(), [2, 2]);
    }

    #[test]
    fn rejects_inconsistent_parts() {
        let error = Dataset::with_default_names(2, vec![1.0; 3], vec![0.0, 1.0]).unwrap_err();
        assert!(
            error.to_string().contains("do not make 2 rows of 2"),
            "{error}"
        );
        let error = Dataset::with_default_names(1, vec![1.0], vec![2.0]).unwrap_err();
        assert!(error.to_string().contains("expected 0 or 1"), "{error}");
        let error = Dataset::with_default_names(1, vec![f32::NAN], vec![1.0]).unwrap_err();
        assert!(error.to_string().contains("not finite"), "{error}");
    }

    #[test]
    fn split_is_seeded_disjoint_and_complete() {
        let data = Dataset::with_default_names(
            1,
            (0..100).map(|i| i as f32).collect(),
            (0..100).map(|i| (i % 2) as f32).collect(),
        )
        .expect("valid");
        let (train, test) = data.split(0.3, 5).expect("split");
        assert_eq!((train.len(), test.len()), (70, 30));
        let mut all: Vec<f32> = train
            .features()
            .iter()
            .chain(test.features())
            .copied()
            .collect();
        all.sort_by(f32::total_cmp);
        assert_eq!(all, (0..100).map(|i| i as f32).collect::<Vec<_>>());
        assert_eq!(data.split(0.3, 5).expect("split").1, test);
        assert_ne!(data.split(0.3, 6).expect("split").1, test);
        let (whole, empty) = data.split(0.0, 5).expect("no split");
        assert_eq!((whole.len(), empty.len()), (100, 0));
    }

    #[test]
    fn split_rejects_bad_fractions() {
        let data = tiny();
        for bad in [1.0, -0.1, f64::NAN, 1.5] {
            assert!(matches!(
                data.split(bad, 0),
                Err(DataError::BadTestFraction(_))
            ));
        }
        assert!(matches!(
            data.split(0.01, 0),
            Err(DataError::EmptySplit { .. })
        ));
    }
}
