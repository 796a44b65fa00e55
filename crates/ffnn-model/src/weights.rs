//! Weights as plain numbers, in PyTorch's layout.

use crate::{ModelConfig, ModelError};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// One linear layer's parameters in PyTorch's layout: `weight` is `[out, in]`, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerWeights {
    /// Inputs of the layer.
    pub in_features: usize,
    /// Outputs of the layer.
    pub out_features: usize,
    /// `out_features * in_features` values, row `o` holding the weights into output `o`.
    pub weight: Vec<f32>,
    /// `out_features` values.
    pub bias: Vec<f32>,
}

impl LayerWeights {
    /// The weight matrix transposed to Burn's `Linear` layout, `[in, out]` row-major.
    pub fn weight_in_out(&self) -> Vec<f32> {
        let mut transposed = vec![0.0; self.weight.len()];
        for o in 0..self.out_features {
            for i in 0..self.in_features {
                transposed[i * self.out_features + o] = self.weight[o * self.in_features + i];
            }
        }
        transposed
    }

    /// Builds a layer from a weight matrix in Burn's `[in, out]` layout.
    pub fn from_in_out(
        in_features: usize,
        out_features: usize,
        weight_in_out: &[f32],
        bias: Vec<f32>,
    ) -> Self {
        let mut weight = vec![0.0; weight_in_out.len()];
        for i in 0..in_features {
            for o in 0..out_features {
                weight[o * in_features + i] = weight_in_out[i * out_features + o];
            }
        }
        Self {
            in_features,
            out_features,
            weight,
            bias,
        }
    }
}

/// All layers' parameters, first to last.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// The layers, input side first.
    pub layers: Vec<LayerWeights>,
}

impl Weights {
    /// Weights as PyTorch's `nn.Linear` initialises them: weight and bias uniform in
    /// `[-1/sqrt(fan_in), 1/sqrt(fan_in)]` (its `kaiming_uniform_(a=sqrt(5))`), drawn layer by
    /// layer, weight before bias, from a generator seeded with `seed`.
    pub fn pytorch_init(config: &ModelConfig, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let layers = config
            .layer_shapes()
            .into_iter()
            .map(|(fan_in, fan_out)| {
                let bound = 1.0 / (fan_in as f32).sqrt();
                let mut draw = |n: usize| -> Vec<f32> {
                    (0..n).map(|_| rng.random_range(-bound..bound)).collect()
                };
                let weight = draw(fan_in * fan_out);
                let bias = draw(fan_out);
                LayerWeights {
                    in_features: fan_in,
                    out_features: fan_out,
                    weight,
                    bias,
                }
            })
            .collect();
        Self { layers }
    }

    /// Checks that the layers chain (each layer's inputs are the previous layer's outputs),
    /// that every buffer has the length its sizes imply, and that every value is finite.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.layers.len() < 2 {
            return Err(ModelError::WeightMismatch(format!(
                "{} linear layer(s); a network needs an input layer and an output layer",
                self.layers.len()
            )));
        }
        for (index, layer) in self.layers.iter().enumerate() {
            let name = index + 1;
            if layer.weight.len() != layer.in_features * layer.out_features {
                return Err(ModelError::WeightMismatch(format!(
                    "layer {name}: {} weights for a {}x{} matrix",
                    layer.weight.len(),
                    layer.out_features,
                    layer.in_features
                )));
            }
            if layer.bias.len() != layer.out_features {
                return Err(ModelError::WeightMismatch(format!(
                    "layer {name}: {} biases for {} outputs",
                    layer.bias.len(),
                    layer.out_features
                )));
            }
            if layer
                .weight
                .iter()
                .chain(&layer.bias)
                .any(|v| !v.is_finite())
            {
                return Err(ModelError::WeightMismatch(format!(
                    "layer {name} holds NaN or infinite values"
                )));
            }
            if index > 0 && self.layers[index - 1].out_features != layer.in_features {
                return Err(ModelError::WeightMismatch(format!(
                    "layer {} has {} outputs but layer {name} takes {} inputs",
                    index,
                    self.layers[index - 1].out_features,
                    layer.in_features
                )));
            }
        }
        Ok(())
    }

    /// The configuration these weights fit, with the given hidden activation.
    pub fn config(&self, activation: crate::Activation) -> ModelConfig {
        let input = self.layers.first().map_or(0, |l| l.in_features);
        let output = self.layers.last().map_or(0, |l| l.out_features);
        let hidden = self.layers[..self.layers.len().saturating_sub(1)]
            .iter()
            .map(|l| l.out_features)
            .collect();
        ModelConfig {
            input,
            hidden,
            output,
            activation,
        }
    }

    /// The largest absolute difference between two sets of weights of the same shape, or
    /// `None` when the shapes differ.
    pub fn max_abs_diff(&self, other: &Weights) -> Option<f32> {
        if self.layers.len() != other.layers.len() {
            return None;
        }
        let mut worst = 0.0f32;
        for (a, b) in self.layers.iter().zip(&other.layers) {
            if (a.in_features, a.out_features) != (b.in_features, b.out_features) {
                return None;
            }
            for (x, y) in a
                .weight
                .iter()
                .chain(&a.bias)
                .zip(b.weight.iter().chain(&b.bias))
            {
                worst = worst.max((x - y).abs());
            }
        }
        Some(worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pytorch_init_is_seeded_and_bounded_by_fan_in() {
        let config = ModelConfig::tutorial();
        let weights = Weights::pytorch_init(&config, 3);
        assert_eq!(weights, Weights::pytorch_init(&config, 3));
        assert_ne!(weights, Weights::pytorch_init(&config, 4));
        weights.validate().expect("chains");
        for layer in &weights.layers {
            let bound = 1.0 / (layer.in_features as f32).sqrt();
            let values: Vec<f32> = layer.weight.iter().chain(&layer.bias).copied().collect();
            assert!(values.iter().all(|v| v.abs() <= bound));
            // Uniform, so the spread reaches most of the bound.
            let largest = values.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            assert!(largest > 0.5 * bound, "{largest} vs {bound}");
        }
        assert_eq!(weights.config(crate::Activation::Relu), config);
    }

    #[test]
    fn transposition_round_trips() {
        let layer = LayerWeights {
            in_features: 3,
            out_features: 2,
            weight: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            bias: vec![0.0, 0.0],
        };
        let in_out = layer.weight_in_out();
        assert_eq!(in_out, vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
        assert_eq!(
            LayerWeights::from_in_out(3, 2, &in_out, vec![0.0, 0.0]),
            layer
        );
    }

    #[test]
    fn validation_names_the_broken_layer() {
        let mut weights = Weights::pytorch_init(&ModelConfig::new(3, vec![4, 2]), 0);
        weights.layers[1].in_features = 5;
        weights.layers[1].weight = vec![0.0; 10];
        let error = weights.validate().unwrap_err().to_string();
        assert!(
            error.contains("layer 1 has 4 outputs but layer 2 takes 5 inputs"),
            "{error}"
        );
    }
}
