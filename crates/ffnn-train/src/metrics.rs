//! Predictions and classification metrics.

use crate::{BackendDevice, Loss, TrainError};
use burn::tensor::{Tensor, TensorData};
use ffnn_model::FeedForward;

/// Rows per forward pass when predicting, so a large grid never needs one huge tensor.
const PREDICT_CHUNK_ROWS: usize = 65_536;

/// The model's probability of class 1 for each row of `features` (row-major, `n_features`
/// wide), in order. `model` must live on `device`.
pub fn predict(
    model: &FeedForward,
    features: &[f32],
    n_features: usize,
    device: &BackendDevice,
) -> Result<Vec<f32>, TrainError> {
    let inputs = model.config().input;
    if n_features != inputs {
        return Err(TrainError::FeatureMismatch {
            model_inputs: inputs,
            data_features: n_features,
            which: "prediction",
        });
    }
    let mut out = Vec::with_capacity(features.len() / n_features.max(1));
    for chunk in features.chunks(PREDICT_CHUNK_ROWS * n_features) {
        let rows = chunk.len() / n_features;
        let x = Tensor::<2>::from_data(
            TensorData::new(chunk.to_vec(), [rows, n_features]),
            &device.device,
        );
        out.extend(read_floats(model.forward(x), device)?);
    }
    Ok(out)
}

/// What every layer outputs for each row of `features`: per layer, its width and its
/// values row-major (`rows * width`), hidden activations first and the output probability
/// last. For drawing what each neuron computes.
pub fn layer_outputs(
    model: &FeedForward,
    features: &[f32],
    n_features: usize,
    device: &BackendDevice,
) -> Result<Vec<(usize, Vec<f32>)>, TrainError> {
    let inputs = model.config().input;
    if n_features != inputs {
        return Err(TrainError::FeatureMismatch {
            model_inputs: inputs,
            data_features: n_features,
            which: "prediction",
        });
    }
    let rows = features.len() / n_features.max(1);
    let x = Tensor::<2>::from_data(
        TensorData::new(features.to_vec(), [rows, n_features]),
        &device.device,
    );
    model
        .layer_outputs(x)
        .into_iter()
        .map(|output| {
            let [_, width] = output.dims();
            Ok((width, read_floats(output, device)?))
        })
        .collect()
}

/// Reads a tensor back to the host as `f32`s.
fn read_floats<const D: usize>(
    tensor: Tensor<D>,
    device: &BackendDevice,
) -> Result<Vec<f32>, TrainError> {
    let failed = |message: String| TrainError::Device {
        backend: device.backend,
        message,
    };
    tensor
        .try_into_data()
        .map_err(|error| failed(error.to_string()))?
        .try_into_vec()
        .map_err(|error| failed(format!("{error:?}")))
}

/// The confusion matrix of a binary classifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Confusion {
    /// Label 1, predicted 1.
    pub true_positive: usize,
    /// Label 0, predicted 1.
    pub false_positive: usize,
    /// Label 0, predicted 0.
    pub true_negative: usize,
    /// Label 1, predicted 0.
    pub false_negative: usize,
}

/// How well predictions match labels.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evaluation {
    /// The loss, as training computes it (BCE clamps each log at -100, as PyTorch does).
    pub loss: f32,
    /// Fraction of correct predictions (probability > 0.5 means class 1).
    pub accuracy: f32,
    /// Of the predicted 1s, the fraction that are 1 (0 when nothing is predicted 1).
    pub precision: f32,
    /// Of the actual 1s, the fraction predicted 1 (0 when there are none).
    pub recall: f32,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f32,
    /// The counts behind the rates.
    pub confusion: Confusion,
}

/// Compares probabilities with 0/1 labels.
pub fn evaluate(probabilities: &[f32], labels: &[f32], loss: Loss) -> Evaluation {
    let mut confusion = Confusion::default();
    let mut loss_sum = 0.0f64;
    for (&p, &label) in probabilities.iter().zip(labels) {
        let predicted = p > 0.5;
        let actual = label > 0.5;
        match (actual, predicted) {
            (true, true) => confusion.true_positive += 1,
            (false, true) => confusion.false_positive += 1,
            (false, false) => confusion.true_negative += 1,
            (true, false) => confusion.false_negative += 1,
        }
        let (p, y) = (f64::from(p), f64::from(label));
        loss_sum += match loss {
            Loss::Mse => (p - y).powi(2),
            Loss::Bce => -(y * p.ln().max(-100.0) + (1.0 - y) * (1.0 - p).ln().max(-100.0)),
        };
    }
    let total = probabilities.len().min(labels.len()).max(1);
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    let precision = ratio(
        confusion.true_positive,
        confusion.true_positive + confusion.false_positive,
    );
    let recall = ratio(
        confusion.true_positive,
        confusion.true_positive + confusion.false_negative,
    );
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Evaluation {
        loss: (loss_sum / total as f64) as f32,
        accuracy: ratio(confusion.true_positive + confusion.true_negative, total),
        precision,
        recall,
        f1,
        confusion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_match_a_hand_count() {
        let probabilities = [0.9, 0.8, 0.3, 0.6, 0.1, 0.2];
        let labels = [1.0, 1.0, 1.0, 0.0, 0.0, 0.0];
        let evaluation = evaluate(&probabilities, &labels, Loss::Mse);
        assert_eq!(
            evaluation.confusion,
            Confusion {
                true_positive: 2,
                false_positive: 1,
                true_negative: 2,
                false_negative: 1
            }
        );
        assert!((evaluation.accuracy - 4.0 / 6.0).abs() < 1e-6);
        assert!((evaluation.precision - 2.0 / 3.0).abs() < 1e-6);
        assert!((evaluation.recall - 2.0 / 3.0).abs() < 1e-6);
        assert!((evaluation.f1 - 2.0 / 3.0).abs() < 1e-6);
        let mse = (0.01 + 0.04 + 0.49 + 0.36 + 0.01 + 0.04) / 6.0;
        assert!((evaluation.loss - mse).abs() < 1e-6);
    }

    #[test]
    fn bce_clamps_like_pytorch() {
        let evaluation = evaluate(&[0.0, 1.0], &[1.0, 1.0], Loss::Bce);
        assert!((evaluation.loss - 50.0).abs() < 1e-4, "{}", evaluation.loss);
        let none_predicted = evaluate(&[0.1], &[0.0], Loss::Bce);
        assert_eq!((none_predicted.precision, none_predicted.f1), (0.0, 0.0));
    }
}
