//! The training loop: the tutorial's forward, loss, backward, step, once per epoch.

use crate::{BackendDevice, Loss, OptimizerKind, TrainConfig, TrainError};
use burn::module::Module;
use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer, SgdConfig};
use burn::tensor::{Device, Int, Tensor, TensorData, activation};
use ffnn_data::Dataset;
use ffnn_model::{FeedForward, ModelConfig, Weights};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use std::time::Instant;

/// What one epoch measured. Losses and accuracies are computed before the epoch's update,
/// as the tutorial prints them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochMetrics {
    /// 0-based epoch.
    pub epoch: usize,
    /// Training loss.
    pub loss: f32,
    /// Training accuracy (threshold 0.5).
    pub accuracy: f32,
    /// Test loss, when there is a test split.
    pub test_loss: Option<f32>,
    /// Test accuracy, when there is a test split.
    pub test_accuracy: Option<f32>,
}

/// Per-epoch metrics, one entry per epoch.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct History {
    /// Training loss per epoch, computed before that epoch's update.
    pub loss: Vec<f32>,
    /// Training accuracy per epoch.
    pub accuracy: Vec<f32>,
    /// Test loss per epoch (empty without a test split).
    pub test_loss: Vec<f32>,
    /// Test accuracy per epoch (empty without a test split).
    pub test_accuracy: Vec<f32>,
}

impl History {
    fn push(&mut self, metrics: &EpochMetrics) {
        self.loss.push(metrics.loss);
        self.accuracy.push(metrics.accuracy);
        if let (Some(loss), Some(accuracy)) = (metrics.test_loss, metrics.test_accuracy) {
            self.test_loss.push(loss);
            self.test_accuracy.push(accuracy);
        }
    }

    /// Number of recorded epochs.
    pub fn len(&self) -> usize {
        self.loss.len()
    }

    /// True before the first epoch is recorded.
    pub fn is_empty(&self) -> bool {
        self.loss.is_empty()
    }
}

/// Watches training: printing, progress bars, animation frames.
pub trait Observer {
    /// Called once per epoch, in order, when its metrics have been read back.
    fn on_epoch(&mut self, _metrics: &EpochMetrics) {}
    /// Whether to show the model as it is before epoch `epoch`'s update (`epoch == epochs`:
    /// the trained model).
    fn wants_snapshot(&self, _epoch: usize) -> bool {
        false
    }
    /// The model before epoch `epoch`'s update, on the training device, without autodiff.
    fn on_snapshot(&mut self, _epoch: usize, _model: &FeedForward) {}
}

/// The observer that watches nothing.
impl Observer for () {}

/// The result of a training run.
#[derive(Debug)]
pub struct TrainOutcome {
    /// The trained model, on the training device, without autodiff.
    pub model: FeedForward,
    /// Metrics per epoch.
    pub history: History,
    /// Wall time of the first epoch, including shader compilation and autotuning on wgpu.
    pub first_epoch_seconds: f64,
    /// Wall time of the whole run, device work included.
    pub total_seconds: f64,
}

/// Trains a [`FeedForward`] on a dataset, one epoch per [`step`](Self::step).
pub struct Trainer {
    model: Option<FeedForward>,
    optimizer: ModuleOptimizer,
    train: DeviceData,
    test: Option<DeviceData>,
    config: TrainConfig,
    device: BackendDevice,
    autodiff: Device,
    epoch: usize,
    pending: Vec<Tensor<1>>,
    history: History,
    shuffle: StdRng,
}

/// A dataset's features and labels on the device.
struct DeviceData {
    x: Tensor<2>,
    y: Tensor<2>,
    /// `1 - y`, for the BCE loss.
    negatives: Tensor<2>,
    len: usize,
}

impl DeviceData {
    fn new(data: &Dataset, device: &Device) -> Self {
        let x = Tensor::<2>::from_data(
            TensorData::new(data.features().to_vec(), [data.len(), data.n_features()]),
            device,
        );
        let y = Tensor::<2>::from_data(
            TensorData::new(data.labels().to_vec(), [data.len(), 1]),
            device,
        );
        let negatives = y.clone().neg().add_scalar(1.0);
        Self {
            x,
            y,
            negatives,
            len: data.len(),
        }
    }
}

impl Trainer {
    /// Prepares training: builds the model from `weights` on `device` with autodiff and puts
    /// the data on the device.
    pub fn new(
        model_config: &ModelConfig,
        weights: &Weights,
        train: &Dataset,
        test: Option<&Dataset>,
        config: &TrainConfig,
        device: &BackendDevice,
    ) -> Result<Self, TrainError> {
        config.validate()?;
        for (data, which) in [(Some(train), "training"), (test, "test")] {
            if let Some(data) = data
                && data.n_features() != model_config.input
            {
                return Err(TrainError::FeatureMismatch {
                    model_inputs: model_config.input,
                    data_features: data.n_features(),
                    which,
                });
            }
        }
        let autodiff = device.device.clone().autodiff();
        let model = FeedForward::new(model_config, weights, &autodiff)?;
        let optimizer = match config.optimizer {
            OptimizerKind::Sgd { momentum } => {
                let momentum = (momentum > 0.0).then_some(MomentumConfig {
                    momentum,
                    // PyTorch's SGD does not dampen momentum by default; Burn's does (0.1).
                    dampening: 0.0,
                    nesterov: false,
                });
                SgdConfig::new().with_momentum(momentum).init()
            }
            // PyTorch's Adam epsilon; Burn's default is 1e-5.
            OptimizerKind::Adam => AdamConfig::new().with_epsilon(1e-8).init(),
        };
        Ok(Self {
            model: Some(model),
            optimizer,
            train: DeviceData::new(train, &autodiff),
            test: test
                .filter(|t| !t.is_empty())
                .map(|t| DeviceData::new(t, &autodiff)),
            config: config.clone(),
            device: device.clone(),
            autodiff,
            epoch: 0,
            pending: Vec::new(),
            history: History::default(),
            shuffle: StdRng::seed_from_u64(config.shuffle_seed),
        })
    }

    /// The number of epochs run so far.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// The metrics read back so far.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The current model without autodiff.
    pub fn model(&self) -> FeedForward {
        // `model` is only `None` inside `step`, which always puts it back.
        self.model
            .as_ref()
            .map(Module::valid)
            .expect("model present between steps")
    }

    /// Runs one epoch: forward, loss, backward, optimiser step (per mini-batch when a batch
    /// size is set). The epoch's metrics stay on the device until [`flush`](Self::flush).
    pub fn step(&mut self) {
        let Some(mut model) = self.model.take() else {
            return;
        };
        // Test metrics use the weights this epoch starts from, like the training loss.
        let test_parts = self.test.as_ref().map(|test| {
            let logits = model.logits(test.x.clone()).detach();
            [
                loss_value(
                    self.config.loss,
                    logits.clone(),
                    test.y.clone(),
                    test.negatives.clone(),
                ),
                correct_fraction(logits, test.y.clone()),
            ]
        });
        let n = self.train.len;
        let batch_size = self.config.batch_size.unwrap_or(n).min(n);
        let mut loss_sum: Option<Tensor<1>> = None;
        let mut correct_sum: Option<Tensor<1>> = None;
        if batch_size >= n {
            let logits = model.logits(self.train.x.clone());
            let loss = loss_value(
                self.config.loss,
                logits.clone(),
                self.train.y.clone(),
                self.train.negatives.clone(),
            );
            if self.config.track_accuracy {
                correct_sum = Some(correct_fraction(logits.detach(), self.train.y.clone()));
            }
            loss_sum = Some(loss.clone().detach());
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            model = self.optimizer.step(self.config.lr, model, grads);
        } else {
            let mut order: Vec<i64> = (0..n as i64).collect();
            order.shuffle(&mut self.shuffle);
            for batch in order.chunks(batch_size) {
                let weight = batch.len() as f64 / n as f64;
                let indices = Tensor::<1, Int>::from_data(
                    TensorData::new(batch.to_vec(), [batch.len()]),
                    &self.autodiff,
                );
                let x = self.train.x.clone().select(0, indices.clone());
                let y = self.train.y.clone().select(0, indices.clone());
                let negatives = self.train.negatives.clone().select(0, indices);
                let logits = model.logits(x);
                let loss = loss_value(self.config.loss, logits.clone(), y.clone(), negatives);
                let correct = correct_fraction(logits.detach(), y).mul_scalar(weight);
                let weighted_loss = loss.clone().detach().mul_scalar(weight);
                loss_sum = Some(match loss_sum {
                    Some(sum) => sum + weighted_loss,
                    None => weighted_loss,
                });
                if self.config.track_accuracy {
                    correct_sum = Some(match correct_sum {
                        Some(sum) => sum + correct,
                        None => correct,
                    });
                }
                let grads = GradientsParams::from_grads(loss.backward(), &model);
                model = self.optimizer.step(self.config.lr, model, grads);
            }
        }
        let mut parts = Vec::with_capacity(4);
        parts.extend(loss_sum);
        parts.extend(correct_sum);
        parts.extend(test_parts.into_iter().flatten());
        self.pending.push(Tensor::cat(parts, 0));
        self.model = Some(model);
        self.epoch += 1;
    }

    /// Reads the pending epochs' metrics back from the device (one transfer), records them
    /// and tells `observer`. Stops with [`TrainError::Diverged`] at the first NaN or infinite
    /// loss.
    pub fn flush(&mut self, observer: &mut dyn Observer) -> Result<(), TrainError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let train_width = if self.config.track_accuracy { 2 } else { 1 };
        let width = train_width + if self.test.is_some() { 2 } else { 0 };
        let pending = std::mem::take(&mut self.pending);
        let values: Vec<f32> = Tensor::cat(pending, 0)
            .try_into_data()
            .map_err(|error| self.device_error(error.to_string()))?
            .try_into_vec()
            .map_err(|error| self.device_error(format!("{error:?}")))?;
        for chunk in values.chunks_exact(width) {
            let has_test = self.test.is_some();
            let metrics = EpochMetrics {
                epoch: self.history.len(),
                loss: chunk[0],
                accuracy: if train_width == 2 { chunk[1] } else { f32::NAN },
                test_loss: has_test.then(|| chunk[train_width]),
                test_accuracy: has_test.then(|| chunk[train_width + 1]),
            };
            if !metrics.loss.is_finite() {
                return Err(TrainError::Diverged {
                    epoch: metrics.epoch,
                    loss: metrics.loss,
                    lr: self.config.lr,
                    history: Box::new(self.history.clone()),
                });
            }
            self.history.push(&metrics);
            observer.on_epoch(&metrics);
        }
        Ok(())
    }

    fn device_error(&self, message: String) -> TrainError {
        TrainError::Device {
            backend: self.device.backend,
            message,
        }
    }

    /// Runs every epoch, reading metrics back every `readback_every` epochs, and returns the
    /// trained model.
    pub fn run(mut self, observer: &mut dyn Observer) -> Result<TrainOutcome, TrainError> {
        let start = Instant::now();
        let mut first_epoch_seconds = 0.0;
        let every = self.config.readback_every.max(1);
        for epoch in 0..self.config.epochs {
            if observer.wants_snapshot(epoch) {
                self.flush(observer)?;
                observer.on_snapshot(epoch, &self.model());
            }
            self.step();
            if epoch == 0 {
                self.flush(observer)?;
                first_epoch_seconds = start.elapsed().as_secs_f64();
            } else if (epoch + 1) % every == 0 {
                self.flush(observer)?;
            }
        }
        self.flush(observer)?;
        let model = self.model();
        if observer.wants_snapshot(self.config.epochs) {
            observer.on_snapshot(self.config.epochs, &model);
        }
        self.device.sync()?;
        Ok(TrainOutcome {
            model,
            history: self.history,
            first_epoch_seconds,
            total_seconds: start.elapsed().as_secs_f64(),
        })
    }
}

/// The loss of a batch, from logits (the output before the sigmoid). `negatives` is
/// `1 - targets`, computed once per dataset.
fn loss_value(
    loss: Loss,
    logits: Tensor<2>,
    targets: Tensor<2>,
    negatives: Tensor<2>,
) -> Tensor<1> {
    match loss {
        Loss::Mse => (activation::sigmoid(logits) - targets).square().mean(),
        // BCE of sigmoid(z) against y: -(y log s(z) + (1 - y) log s(-z)), and since
        // log s(-z) = log s(z) - z, that is (1 - y) z - log s(z). Burn's log_sigmoid is stable
        // for large |z|, so this never takes the log of 0 (Burn's BinaryCrossEntropyLoss on
        // probabilities turns NaN once the sigmoid saturates), and it is one autodiff node
        // where the textbook form is ten.
        Loss::Bce => (negatives * logits.clone() - activation::log_sigmoid(logits)).mean(),
    }
}

/// The fraction of rows whose prediction (probability > 0.5, i.e. logit > 0) matches the label.
fn correct_fraction(logits: Tensor<2>, targets: Tensor<2>) -> Tensor<1> {
    let predicted = logits.greater_elem(0.0);
    let actual = targets.greater_elem(0.5);
    predicted.equal(actual).float().mean()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Backend;
    use ffnn_model::LayerWeights;

    /// 1 input -> 2 hidden (ReLU) -> 1 output, with weights chosen so both hidden units are
    /// active for the samples below.
    fn tiny_weights() -> Weights {
        Weights {
            layers: vec![
                LayerWeights {
                    in_features: 1,
                    out_features: 2,
                    weight: vec![0.8, -0.6],
                    bias: vec![0.1, 0.9],
                },
                LayerWeights {
                    in_features: 2,
                    out_features: 1,
                    weight: vec![0.5, -0.7],
                    bias: vec![0.2],
                },
            ],
        }
    }

    /// One SGD step by hand, in f64: forward, dL/dz for the loss, backpropagation, update.
    fn hand_step(weights: &Weights, xs: &[f64], ys: &[f64], loss: Loss, lr: f64) -> Vec<f64> {
        let w1: Vec<f64> = weights.layers[0]
            .weight
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        let b1: Vec<f64> = weights.layers[0]
            .bias
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        let w2: Vec<f64> = weights.layers[1]
            .weight
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        let b2 = f64::from(weights.layers[1].bias[0]);
        let n = xs.len() as f64;
        let (mut gw1, mut gb1, mut gw2, mut gb2) = (vec![0.0; 2], vec![0.0; 2], vec![0.0; 2], 0.0);
        for (&x, &y) in xs.iter().zip(ys) {
            let pre: Vec<f64> = (0..2).map(|j| w1[j] * x + b1[j]).collect();
            let h: Vec<f64> = pre.iter().map(|&v| v.max(0.0)).collect();
            let z = w2[0] * h[0] + w2[1] * h[1] + b2;
            let p = 1.0 / (1.0 + (-z).exp());
            let dz = match loss {
                Loss::Mse => 2.0 * (p - y) * p * (1.0 - p) / n,
                Loss::Bce => (p - y) / n,
            };
            gb2 += dz;
            for j in 0..2 {
                gw2[j] += dz * h[j];
                let dh = if pre[j] > 0.0 { dz * w2[j] } else { 0.0 };
                gw1[j] += dh * x;
                gb1[j] += dh;
            }
        }
        let mut updated = Vec::new();
        updated.extend((0..2).map(|j| w1[j] - lr * gw1[j]));
        updated.extend((0..2).map(|j| b1[j] - lr * gb1[j]));
        updated.extend((0..2).map(|j| w2[j] - lr * gw2[j]));
        updated.push(b2 - lr * gb2);
        updated
    }

    fn flat(weights: &Weights) -> Vec<f64> {
        weights
            .layers
            .iter()
            .flat_map(|l| l.weight.iter().chain(&l.bias))
            .map(|&v| f64::from(v))
            .collect()
    }

    #[test]
    fn one_sgd_step_matches_a_hand_computed_update() {
        let device = Backend::Flex.device().expect("flex");
        let data = Dataset::with_default_names(1, vec![0.5, 1.5], vec![1.0, 0.0]).expect("data");
        let config = ModelConfig::new(1, vec![2]);
        for loss in [Loss::Mse, Loss::Bce] {
            let train = TrainConfig::new(loss, 0.5, 1);
            let mut trainer = Trainer::new(&config, &tiny_weights(), &data, None, &train, &device)
                .expect("trainer");
            trainer.step();
            let got = flat(&trainer.model().weights().expect("weights"));
            let expected = hand_step(&tiny_weights(), &[0.5, 1.5], &[1.0, 0.0], loss, 0.5);
            for (g, e) in got.iter().zip(&expected) {
                assert!(
                    (g - e).abs() < 1e-6,
                    "{loss}: got {got:?}, expected {expected:?}"
                );
            }
            // The recorded loss is the one before the update.
            trainer.flush(&mut ()).expect("flush");
            let p: Vec<f64> = [0.5f64, 1.5]
                .iter()
                .map(|&x| {
                    let h = [(0.8 * x + 0.1f64).max(0.0), (-0.6 * x + 0.9f64).max(0.0)];
                    1.0 / (1.0 + (-(0.5 * h[0] - 0.7 * h[1] + 0.2)).exp())
                })
                .collect();
            let expected_loss = match loss {
                Loss::Mse => ((p[0] - 1.0).powi(2) + p[1].powi(2)) / 2.0,
                Loss::Bce => -(p[0].ln() + (1.0 - p[1]).ln()) / 2.0,
            };
            let recorded = f64::from(trainer.history().loss[0]);
            assert!(
                (recorded - expected_loss).abs() < 1e-6,
                "{loss}: {recorded} vs {expected_loss}"
            );
        }
    }

    /// Counts what an observer is told.
    #[derive(Default)]
    struct Recorder {
        epochs: Vec<usize>,
        snapshots: Vec<usize>,
    }

    impl Observer for Recorder {
        fn on_epoch(&mut self, metrics: &EpochMetrics) {
            self.epochs.push(metrics.epoch);
        }
        fn wants_snapshot(&self, epoch: usize) -> bool {
            epoch.is_multiple_of(3)
        }
        fn on_snapshot(&mut self, epoch: usize, _model: &FeedForward) {
            self.snapshots.push(epoch);
        }
    }

    #[test]
    fn history_records_every_epoch_whatever_the_readback_interval() {
        let device = Backend::Ndarray.device().expect("ndarray");
        let data = Dataset::with_default_names(1, vec![0.5, 1.5, -1.0], vec![1.0, 0.0, 1.0])
            .expect("data");
        let config = ModelConfig::new(1, vec![2]);
        let run = |every: usize| {
            let mut train = TrainConfig::new(Loss::Bce, 0.3, 7);
            train.readback_every = every;
            let mut recorder = Recorder::default();
            let outcome = Trainer::new(&config, &tiny_weights(), &data, None, &train, &device)
                .expect("trainer")
                .run(&mut recorder)
                .expect("run");
            (outcome.history, recorder)
        };
        let (every_epoch, recorder) = run(1);
        assert_eq!(every_epoch.len(), 7);
        assert_eq!(every_epoch.accuracy.len(), 7);
        assert!(every_epoch.test_loss.is_empty());
        assert_eq!(recorder.epochs, (0..7).collect::<Vec<_>>());
        assert_eq!(recorder.snapshots, vec![0, 3, 6]);
        let (batched, recorder) = run(3);
        assert_eq!(batched, every_epoch);
        assert_eq!(recorder.epochs, (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn mismatched_data_is_refused_before_training() {
        let device = Backend::Flex.device().expect("flex");
        let data = Dataset::with_default_names(3, vec![0.0; 6], vec![1.0, 0.0]).expect("data");
        let config = ModelConfig::new(1, vec![2]);
        let error = Trainer::new(
            &config,
            &tiny_weights(),
            &data,
            None,
            &TrainConfig::circle(),
            &device,
        )
        .err()
        .expect("refused");
        assert!(
            error
                .to_string()
                .contains("takes 1 input features but the training data has 3"),
            "{error}"
        );
    }
}
