//! Seeded generators: the tutorial's batch and circle set, and the shapes TensorFlow
//! Playground and scikit-learn teach with.

use crate::{DataError, Dataset};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use std::fmt;
use std::str::FromStr;

/// The tutorial's fixed labels for its 10-sample batch (`y` in the first example).
pub const TUTORIAL_LABELS: [f32; 10] = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0];

/// Which dataset to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetKind {
    /// The first example: standard-normal features (10 by default) with the fixed labels
    /// [`TUTORIAL_LABELS`], repeated if there are more than 10 samples.
    Tutorial,
    /// The second example: standard-normal 2-D points, label 1 inside the circle of
    /// `radius` (1 by default), i.e. `x1^2 + x2^2 < radius^2`.
    Circle,
    /// Uniform points in `[-1, 1]^2`, label 1 where `x1 * x2 > 0` (same-sign quadrants).
    Xor,
    /// Two Gaussian blobs (standard deviation 0.4) around `(1, 1)` (label 1) and `(-1, -1)`
    /// (label 0), in equal numbers.
    Gaussian,
    /// Two interleaved spiral arms of 1.75 turns each, radius 0 to 5, as TensorFlow
    /// Playground draws them; label 1 for the arm turned by half a turn.
    Spiral,
    /// scikit-learn's `make_moons`: an upper half circle (label 0) and a lower one shifted
    /// right (label 1), interlocking.
    Moons,
}

impl DatasetKind {
    /// Every kind, in the order shown to users.
    pub const ALL: [DatasetKind; 6] = [
        DatasetKind::Tutorial,
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gaussian,
        DatasetKind::Spiral,
        DatasetKind::Moons,
    ];

    /// The lowercase name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Tutorial => "tutorial",
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gaussian => "gaussian",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Moons => "moons",
        }
    }

    /// Default sample count (the tutorial's for its two examples).
    pub fn default_samples(self) -> usize {
        match self {
            DatasetKind::Tutorial => 10,
            DatasetKind::Circle => 100,
            _ => 200,
        }
    }
}

impl fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DatasetKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DatasetKind::ALL
            .into_iter()
            .find(|kind| kind.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<_> = DatasetKind::ALL.iter().map(|k| k.name()).collect();
                format!("unknown dataset '{s}': choose one of {}", names.join(", "))
            })
    }
}

/// What to generate: a kind, a size, a noise level and a seed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DataSpec {
    /// Which shape.
    pub kind: DatasetKind,
    /// Number of samples.
    pub samples: usize,
    /// Number of features (only the tutorial batch has a choice; the others are 2-D).
    pub features: usize,
    /// Standard deviation of Gaussian noise added to each feature after labelling; 0 keeps
    /// every point exactly on its rule.
    pub noise: f32,
    /// Circle radius (circle only).
    pub radius: f32,
    /// The seed: the same seed gives the same dataset.
    pub seed: u64,
}

impl DataSpec {
    /// A spec with the tutorial's defaults: no noise, radius 1, seed 0, and 10 features for
    /// the tutorial batch (2 for every other kind).
    pub fn new(kind: DatasetKind, samples: usize) -> Self {
        Self {
            kind,
            samples,
            features: if kind == DatasetKind::Tutorial { 10 } else { 2 },
            noise: 0.0,
            radius: 1.0,
            seed: 0,
        }
    }

    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the noise level.
    pub fn with_noise(mut self, noise: f32) -> Self {
        self.noise = noise;
        self
    }

    /// Sets the circle radius.
    pub fn with_radius(mut self, radius: f32) -> Self {
        self.radius = radius;
        self
    }

    /// Sets the number of features of the tutorial batch.
    pub fn with_features(mut self, features: usize) -> Self {
        self.features = features;
        self
    }

    /// Generates the dataset.
    pub fn generate(&self) -> Result<Dataset, DataError> {
        if self.samples == 0 {
            return Err(DataError::NoSamples);
        }
        if !self.noise.is_finite() || self.noise < 0.0 {
            return Err(DataError::BadNoise(self.noise));
        }
        if !self.radius.is_finite() || self.radius <= 0.0 {
            return Err(DataError::BadRadius(self.radius));
        }
        let mut rng = StdRng::seed_from_u64(self.seed);
        let n = self.samples;
        let (features, labels, width) = match self.kind {
            DatasetKind::Tutorial => {
                if self.features == 0 {
                    return Err(DataError::Invalid(
                        "the tutorial batch needs at least one feature".into(),
                    ));
                }
                let features = normal_vec(&mut rng, n * self.features);
                let labels = (0..n).map(|i| TUTORIAL_LABELS[i % 10]).collect();
                (features, labels, self.features)
            }
            DatasetKind::Circle => {
                let features = normal_vec(&mut rng, n * 2);
                let r2 = self.radius * self.radius;
                let labels = features
                    .chunks_exact(2)
                    .map(|p| label(p[0] * p[0] + p[1] * p[1] < r2))
                    .collect();
                (features, labels, 2)
            }
            DatasetKind::Xor => {
                let features: Vec<f32> = (0..n * 2)
                    .map(|_| rng.random_range(-1.0f32..=1.0))
                    .collect();
                let labels = features
                    .chunks_exact(2)
                    .map(|p| label(p[0] * p[1] > 0.0))
                    .collect();
                (features, labels, 2)
            }
            DatasetKind::Gaussian => {
                let mut points = Vec::with_capacity(n);
                for i in 0..n {
                    let class = i % 2;
                    let centre = if class == 1 { 1.0 } else { -1.0 };
                    let x = centre + 0.4 * normal(&mut rng);
                    let y = centre + 0.4 * normal(&mut rng);
                    points.push(([x, y], label(class == 1)));
                }
                points.shuffle(&mut rng);
                unzip_points(points)
            }
            DatasetKind::Spiral => {
                let per_arm = n.div_ceil(2);
                let mut points = Vec::with_capacity(n);
                for i in 0..n {
                    let arm = i % 2;
                    let step = (i / 2) as f32 / per_arm as f32;
                    let radius = 5.0 * step;
                    let angle = 1.75 * std::f32::consts::TAU * step
                        + if arm == 1 { std::f32::consts::PI } else { 0.0 };
                    points.push((
                        [radius * angle.sin(), radius * angle.cos()],
                        label(arm == 1),
                    ));
                }
                points.shuffle(&mut rng);
                unzip_points(points)
            }
            DatasetKind::Moons => {
                let outer = n.div_ceil(2);
                let inner = n - outer;
                let mut points = Vec::with_capacity(n);
                for i in 0..outer {
                    let t = std::f32::consts::PI * i as f32 / (outer.max(2) - 1) as f32;
                    points.push(([t.cos(), t.sin()], 0.0));
                }
                for i in 0..inner {
                    let t = std::f32::consts::PI * i as f32 / (inner.max(2) - 1) as f32;
                    points.push(([1.0 - t.cos(), 0.5 - t.sin()], 1.0));
                }
                points.shuffle(&mut rng);
                unzip_points(points)
            }
        };
        let mut features = features;
        if self.noise > 0.0 && self.kind != DatasetKind::Tutorial {
            for value in &mut features {
                *value += self.noise * normal(&mut rng);
            }
        }
        Dataset::with_default_names(width, features, labels)
    }
}

fn label(positive: bool) -> f32 {
    if positive { 1.0 } else { 0.0 }
}

fn normal(rng: &mut StdRng) -> f32 {
    StandardNormal.sample(rng)
}

fn normal_vec(rng: &mut StdRng, len: usize) -> Vec<f32> {
    (0..len).map(|_| normal(rng)).collect()
}

fn unzip_points(points: Vec<([f32; 2], f32)>) -> (Vec<f32>, Vec<f32>, usize) {
    let labels = points.iter().map(|(_, l)| *l).collect();
    let features = points.into_iter().flat_map(|(p, _)| p).collect();
    (features, labels, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: DatasetKind, samples: usize) -> DataSpec {
        DataSpec::new(kind, samples).with_seed(42)
    }

    #[test]
    fn tutorial_batch_has_the_tutorial_shape_and_labels() {
        let data = spec(DatasetKind::Tutorial, 10)
            .generate()
            .expect("generate");
        assert_eq!((data.len(), data.n_features()), (10, 10));
        assert_eq!(data.labels(), &TUTORIAL_LABELS);
        let mean = data.features().iter().sum::<f32>() / 100.0;
        assert!(mean.abs() < 0.4, "standard normal mean, got {mean}");
        let longer = spec(DatasetKind::Tutorial, 25)
            .generate()
            .expect("generate");
        assert_eq!(&longer.labels()[20..25], &TUTORIAL_LABELS[..5]);
    }

    #[test]
    fn every_generator_is_deterministic_per_seed() {
        for kind in DatasetKind::ALL {
            let a = spec(kind, 50).with_noise(0.1).generate().expect("generate");
            let b = spec(kind, 50).with_noise(0.1).generate().expect("generate");
            let c = spec(kind, 50)
                .with_noise(0.1)
                .with_seed(43)
                .generate()
                .expect("generate");
            assert_eq!(a, b, "{kind}");
            assert_ne!(a, c, "{kind}");
            assert_eq!(a.len(), 50, "{kind}");
        }
    }

    #[test]
    fn noise_free_points_follow_their_rule_exactly() {
        let circle = spec(DatasetKind::Circle, 500)
            .with_radius(1.3)
            .generate()
            .expect("c");
        for i in 0..circle.len() {
            let p = circle.row(i);
            assert_eq!(circle.labels()[i], label(p[0] * p[0] + p[1] * p[1] < 1.69));
        }
        let xor = spec(DatasetKind::Xor, 500).generate().expect("xor");
        for i in 0..xor.len() {
            let p = xor.row(i);
            assert!(p.iter().all(|v| (-1.0..=1.0).contains(v)));
            assert_eq!(xor.labels()[i], label(p[0] * p[1] > 0.0));
        }
        let moons = spec(DatasetKind::Moons, 200).generate().expect("moons");
        for i in 0..moons.len() {
            let p = moons.row(i);
            let (cx, cy) = if moons.labels()[i] == 0.0 {
                (0.0, 0.0)
            } else {
                (1.0, 0.5)
            };
            let r = ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt();
            assert!((r - 1.0).abs() < 1e-5, "moon point off its circle: {p:?}");
        }
        let spiral = spec(DatasetKind::Spiral, 400).generate().expect("spiral");
        for i in 0..spiral.len() {
            let p = spiral.row(i);
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            assert!(r <= 5.0 + 1e-4, "spiral radius {r}");
            if r > 0.5 {
                // Angle along the arm, measured like the generator (sin for x, cos for y).
                let angle = p[0].atan2(p[1]);
                let expected = 1.75 * std::f32::consts::TAU * r / 5.0
                    + if spiral.labels()[i] == 1.0 {
                        std::f32::consts::PI
                    } else {
                        0.0
                    };
                let diff = (angle - expected).rem_euclid(std::f32::consts::TAU);
                assert!(
                    !(1e-3..=std::f32::consts::TAU - 1e-3).contains(&diff),
                    "{p:?}"
                );
            }
        }
        let gaussian = spec(DatasetKind::Gaussian, 400)
            .generate()
            .expect("gaussian");
        let agree = (0..gaussian.len())
            .filter(|&i| {
                label(gaussian.row(i)[0] + gaussian.row(i)[1] > 0.0) == gaussian.labels()[i]
            })
            .count();
        assert!(agree >= 398, "blobs barely overlap, got {agree}/400");
    }

    #[test]
    fn classes_are_balanced_as_each_rule_implies() {
        for kind in [
            DatasetKind::Gaussian,
            DatasetKind::Spiral,
            DatasetKind::Moons,
        ] {
            let data = spec(kind, 300).with_noise(0.2).generate().expect("gen");
            assert_eq!(data.class_counts(), [150, 150], "{kind}");
        }
        let xor = spec(DatasetKind::Xor, 2000).generate().expect("xor");
        let ones = xor.class_counts()[1] as f32 / 2000.0;
        assert!((0.45..0.55).contains(&ones), "xor balance {ones}");
        // P(r^2 < 1) for a 2-D standard normal is 1 - exp(-1/2) = 0.393.
        let circle = spec(DatasetKind::Circle, 4000).generate().expect("circle");
        let inside = circle.class_counts()[1] as f32 / 4000.0;
        assert!((0.36..0.43).contains(&inside), "circle balance {inside}");
    }

    #[test]
    fn noise_moves_points_but_not_labels() {
        let clean = spec(DatasetKind::Moons, 100).generate().expect("clean");
        let noisy = spec(DatasetKind::Moons, 100)
            .with_noise(0.1)
            .generate()
            .expect("noisy");
        assert_eq!(clean.labels(), noisy.labels());
        assert_ne!(clean.features(), noisy.features());
    }

    #[test]
    fn rejects_bad_parameters() {
        assert!(matches!(
            spec(DatasetKind::Circle, 0).generate(),
            Err(DataError::NoSamples)
        ));
        assert!(matches!(
            spec(DatasetKind::Circle, 5).with_noise(-1.0).generate(),
            Err(DataError::BadNoise(_))
        ));
        assert!(matches!(
            spec(DatasetKind::Circle, 5)
                .with_radius(f32::NAN)
                .generate(),
            Err(DataError::BadRadius(_))
        ));
        let error = "blobs".parse::<DatasetKind>().unwrap_err();
        assert!(error.contains("choose one of tutorial, circle"), "{error}");
        assert_eq!("Spiral".parse::<DatasetKind>(), Ok(DatasetKind::Spiral));
    }
}
