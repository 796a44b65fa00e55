//! The Burn module.

use crate::{Activation, LayerWeights, ModelConfig, ModelError, Weights};
use burn::module::{Module, Param};
use burn::nn::Linear;
use burn::tensor::activation;
use burn::tensor::{Device, Tensor, TensorData};

/// A feed-forward network: `Linear`, activation, ..., `Linear`, then a sigmoid in
/// [`forward`](Self::forward).
#[derive(Module, Debug)]
pub struct FeedForward {
    /// The linear layers, input side first.
    pub layers: Vec<Linear>,
    /// The activation after each hidden layer.
    #[module(skip)]
    pub activation: Activation,
}

impl FeedForward {
    /// Builds the network on `device` with the given weights (PyTorch layout), which must fit
    /// `config`.
    pub fn new(
        config: &ModelConfig,
        weights: &Weights,
        device: &Device,
    ) -> Result<Self, ModelError> {
        config.validate()?;
        weights.validate()?;
        let expected = config.layer_shapes();
        let found: Vec<(usize, usize)> = weights
            .layers
            .iter()
            .map(|l| (l.in_features, l.out_features))
            .collect();
        if expected != found {
            return Err(ModelError::WeightMismatch(format!(
                "the model {} needs layers (in, out) {expected:?}, the weights have {found:?}",
                config.describe()
            )));
        }
        let layers = weights
            .layers
            .iter()
            .map(|layer| linear_from_host(layer, device))
            .collect();
        Ok(Self {
            layers,
            activation: config.activation,
        })
    }

    /// Builds the network with PyTorch's default initialisation, seeded (see
    /// [`Weights::pytorch_init`]).
    pub fn init(config: &ModelConfig, seed: u64, device: &Device) -> Result<Self, ModelError> {
        Self::new(config, &Weights::pytorch_init(config, seed), device)
    }

    /// The network's output before the final sigmoid, `[batch, 1]`.
    pub fn logits(&self, input: Tensor<2>) -> Tensor<2> {
        let last = self.layers.len() - 1;
        let mut x = input;
        for (index, layer) in self.layers.iter().enumerate() {
            x = layer.forward(x);
            if index < last {
                x = apply_activation(self.activation, x);
            }
        }
        x
    }

    /// The probability of class 1 per sample, `[batch, 1]`.
    pub fn forward(&self, input: Tensor<2>) -> Tensor<2> {
        activation::sigmoid(self.logits(input))
    }

    /// Every hidden layer's activations and the output probability, in order: what each
    /// neuron computes for each input row (for drawing per-neuron maps).
    pub fn layer_outputs(&self, input: Tensor<2>) -> Vec<Tensor<2>> {
        let last = self.layers.len() - 1;
        let mut outputs = Vec::with_capacity(self.layers.len());
        let mut x = input;
        for (index, layer) in self.layers.iter().enumerate() {
            x = layer.forward(x);
            x = if index < last {
                apply_activation(self.activation, x)
            } else {
                activation::sigmoid(x)
            };
            outputs.push(x.clone());
        }
        outputs
    }

    /// The configuration of this network.
    pub fn config(&self) -> ModelConfig {
        let shapes: Vec<[usize; 2]> = self
            .layers
            .iter()
            .map(|l| l.weight.shape().dims())
            .collect();
        ModelConfig {
            input: shapes.first().map_or(0, |s| s[0]),
            hidden: shapes[..shapes.len() - 1].iter().map(|s| s[1]).collect(),
            output: shapes.last().map_or(0, |s| s[1]),
            activation: self.activation,
        }
    }

    /// Reads the weights back to the host, in PyTorch's layout.
    pub fn weights(&self) -> Result<Weights, ModelError> {
        let layers = self
            .layers
            .iter()
            .map(|layer| {
                let [in_features, out_features] = layer.weight.shape().dims();
                let weight = read_back(layer.weight.val())?;
                let bias = match &layer.bias {
                    Some(bias) => read_back(bias.val())?,
                    None => vec![0.0; out_features],
                };
                Ok(LayerWeights::from_in_out(
                    in_features,
                    out_features,
                    &weight,
                    bias,
                ))
            })
            .collect::<Result<_, ModelError>>()?;
        Ok(Weights { layers })
    }
}

fn apply_activation(kind: Activation, x: Tensor<2>) -> Tensor<2> {
    match kind {
        Activation::Relu => activation::relu(x),
        Activation::Tanh => activation::tanh(x),
        Activation::Sigmoid => activation::sigmoid(x),
    }
}

/// Burn's `Linear` keeps its weight as `[in, out]`; PyTorch's is `[out, in]`. This is the
/// one place that transposes host weights.
fn linear_from_host(layer: &LayerWeights, device: &Device) -> Linear {
    let weight = TensorData::new(
        layer.weight_in_out(),
        [layer.in_features, layer.out_features],
    );
    let bias = TensorData::new(layer.bias.clone(), [layer.out_features]);
    Linear {
        weight: Param::from_data(weight, device),
        bias: Some(Param::from_data(bias, device)),
    }
}

fn read_back<const D: usize>(tensor: Tensor<D>) -> Result<Vec<f32>, ModelError> {
    tensor
        .try_into_data()
        .map_err(|error| ModelError::Readback(error.to_string()))?
        .try_into_vec::<f32>()
        .map_err(|error| ModelError::Readback(format!("{error:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device() -> Device {
        Device::flex()
    }

    #[test]
    fn output_is_a_probability_per_sample() {
        let config = ModelConfig::tutorial();
        let model = FeedForward::init(&config, 1, &device()).expect("model");
        let input = Tensor::<2>::from_data(
            TensorData::new(
                (0..30).map(|i| i as f32 - 15.0).collect::<Vec<_>>(),
                [3, 10],
            ),
            &device(),
        );
        let output: Vec<f32> = model
            .forward(input)
            .into_data()
            .try_into_vec()
            .expect("f32");
        assert_eq!(output.len(), 3);
        assert!(output.iter().all(|p| (0.0..=1.0).contains(p)), "{output:?}");
    }

    #[test]
    fn forward_matches_a_hand_computation() {
        // 1 input -> 2 hidden (ReLU) -> 1 output.
        let weights = Weights {
            layers: vec![
                LayerWeights {
                    in_features: 1,
                    out_features: 2,
                    weight: vec![2.0, -1.0],
                    bias: vec![0.5, 0.25],
                },
                LayerWeights {
                    in_features: 2,
                    out_features: 1,
                    weight: vec![1.5, -2.0],
                    bias: vec![0.1],
                },
            ],
        };
        let config = ModelConfig::new(1, vec![2]);
        let model = FeedForward::new(&config, &weights, &device()).expect("model");
        let x = 0.75f32;
        let hidden = [(2.0 * x + 0.5).max(0.0), (-x + 0.25).max(0.0)];
        let logit = 1.5 * hidden[0] - 2.0 * hidden[1] + 0.1;
        let expected = 1.0 / (1.0 + (-logit).exp());
        let input = Tensor::<2>::from_data(TensorData::new(vec![x], [1, 1]), &device());
        let output: Vec<f32> = model
            .forward(input)
            .into_data()
            .try_into_vec()
            .expect("f32");
        assert!(
            (output[0] - expected).abs() < 1e-6,
            "{} vs {expected}",
            output[0]
        );
    }

    #[test]
    fn weights_read_back_exactly_in_pytorch_layout() {
        let config = ModelConfig::new(3, vec![4, 2]).with_activation(Activation::Tanh);
        let weights = Weights::pytorch_init(&config, 11);
        let model = FeedForward::new(&config, &weights, &device()).expect("model");
        assert_eq!(model.weights().expect("read back"), weights);
        assert_eq!(model.config(), config);
    }

    #[test]
    fn weights_that_do_not_fit_are_refused() {
        let weights = Weights::pytorch_init(&ModelConfig::new(3, vec![4]), 0);
        let error = FeedForward::new(&ModelConfig::new(2, vec![4]), &weights, &device())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("needs layers (in, out) [(2, 4), (4, 1)]"),
            "{error}"
        );
    }
}
