//! Layer sizes and activations.

use crate::ModelError;
use std::fmt;
use std::str::FromStr;

/// The activation after each hidden layer (the output layer always ends in a sigmoid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// `max(0, x)`, as in the tutorial.
    #[default]
    Relu,
    /// Hyperbolic tangent.
    Tanh,
    /// Logistic sigmoid.
    Sigmoid,
}

impl Activation {
    /// Every activation, in the order shown to users.
    pub const ALL: [Activation; 3] = [Activation::Relu, Activation::Tanh, Activation::Sigmoid];

    /// The lowercase name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Activation {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Activation::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown activation '{s}': choose one of relu, tanh, sigmoid"))
    }
}

/// The shape of a feed-forward network: `input -> hidden[0] -> ... -> output`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModelConfig {
    /// Number of input features.
    pub input: usize,
    /// Sizes of the hidden layers, first to last (at least one).
    pub hidden: Vec<usize>,
    /// Number of outputs (1 for binary classification).
    pub output: usize,
    /// The activation after each hidden layer.
    pub activation: Activation,
}

impl ModelConfig {
    /// A network with ReLU hidden layers and one output.
    pub fn new(input: usize, hidden: Vec<usize>) -> Self {
        Self {
            input,
            hidden,
            output: 1,
            activation: Activation::Relu,
        }
    }

    /// The tutorial's first network: `nn.Sequential(Linear(10, 5), ReLU, Linear(5, 1), Sigmoid)`.
    pub fn tutorial() -> Self {
        Self::new(10, vec![5])
    }

    /// The tutorial's `SimpleNN`: `fc1 = Linear(2, 4)`, ReLU, `fc2 = Linear(4, 1)`, Sigmoid.
    pub fn circle() -> Self {
        Self::new(2, vec![4])
    }

    /// Sets the hidden activation.
    pub fn with_activation(mut self, activation: Activation) -> Self {
        self.activation = activation;
        self
    }

    /// Every layer's `(in, out)` sizes, first to last.
    pub fn layer_shapes(&self) -> Vec<(usize, usize)> {
        let sizes: Vec<usize> = std::iter::once(self.input)
            .chain(self.hidden.iter().copied())
            .chain(std::iter::once(self.output))
            .collect();
        sizes.windows(2).map(|w| (w[0], w[1])).collect()
    }

    /// Number of trainable parameters.
    pub fn parameter_count(&self) -> usize {
        self.layer_shapes().iter().map(|(i, o)| i * o + o).sum()
    }

    /// Checks that every size is at least 1 and there is at least one hidden layer.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.input == 0 {
            return Err(ModelError::InvalidConfig(
                "the input size must be at least 1".into(),
            ));
        }
        if self.hidden.is_empty() {
            return Err(ModelError::InvalidConfig(
                "give at least one hidden layer size, e.g. --hidden 4 or --hidden 8,8".into(),
            ));
        }
        if let Some(position) = self.hidden.iter().position(|&h| h == 0) {
            return Err(ModelError::InvalidConfig(format!(
                "hidden layer {} has size 0; every layer needs at least 1 unit",
                position + 1
            )));
        }
        if self.output != 1 {
            return Err(ModelError::InvalidConfig(format!(
                "binary classification needs exactly 1 output, not {}",
                self.output
            )));
        }
        Ok(())
    }

    /// A short description such as `2-4-1 relu`.
    pub fn describe(&self) -> String {
        let sizes: Vec<String> = std::iter::once(self.input)
            .chain(self.hidden.iter().copied())
            .chain(std::iter::once(self.output))
            .map(|s| s.to_string())
            .collect();
        format!("{} {}", sizes.join("-"), self.activation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_the_tutorial_shapes() {
        assert_eq!(
            ModelConfig::tutorial().layer_shapes(),
            vec![(10, 5), (5, 1)]
        );
        assert_eq!(ModelConfig::circle().layer_shapes(), vec![(2, 4), (4, 1)]);
        assert_eq!(ModelConfig::circle().parameter_count(), 17);
        assert_eq!(ModelConfig::new(2, vec![8, 8]).describe(), "2-8-8-1 relu");
    }

    #[test]
    fn validation_explains_the_problem() {
        let error = ModelConfig::new(2, vec![])
            .validate()
            .unwrap_err()
            .to_string();
        assert!(error.contains("at least one hidden layer"), "{error}");
        let error = ModelConfig::new(2, vec![4, 0])
            .validate()
            .unwrap_err()
            .to_string();
        assert!(error.contains("hidden layer 2 has size 0"), "{error}");
        assert!(ModelConfig::new(0, vec![4]).validate().is_err());
        assert!("gelu".parse::<Activation>().is_err());
        assert_eq!("TANH".parse::<Activation>(), Ok(Activation::Tanh));
    }
}
