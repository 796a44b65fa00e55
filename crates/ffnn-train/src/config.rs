//! What to train with: loss, optimiser, learning rate, epochs, batches.

use crate::TrainError;
use std::fmt;
use std::str::FromStr;

/// The loss function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Loss {
    /// Mean squared error of the sigmoid output (`nn.MSELoss`, the first example).
    Mse,
    /// Binary cross-entropy of the sigmoid output (`nn.BCELoss`, the second example),
    /// computed from the logits so that it stays finite when the sigmoid saturates.
    Bce,
}

impl Loss {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::Bce => "bce",
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Loss {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "mse" => Ok(Loss::Mse),
            "bce" => Ok(Loss::Bce),
            _ => Err(format!("unknown loss '{s}': choose one of mse, bce")),
        }
    }
}

/// The optimiser.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum OptimizerKind {
    /// Stochastic gradient descent, with PyTorch's momentum (no dampening) when non-zero.
    Sgd {
        /// Momentum factor, 0 for plain SGD (the tutorial).
        momentum: f64,
    },
    /// Adam with PyTorch's defaults (betas 0.9, 0.999; eps 1e-8).
    Adam,
}

impl OptimizerKind {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd { .. } => "sgd",
            OptimizerKind::Adam => "adam",
        }
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptimizerKind::Sgd { momentum } if *momentum != 0.0 => {
                write!(f, "sgd (momentum {momentum})")
            }
            other => f.write_str(other.name()),
        }
    }
}

/// How to train.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrainConfig {
    /// The loss function.
    pub loss: Loss,
    /// The optimiser.
    pub optimizer: OptimizerKind,
    /// Learning rate.
    pub lr: f64,
    /// Number of epochs (passes over the training data).
    pub epochs: usize,
    /// Samples per update; `None` for full batch (the tutorial).
    pub batch_size: Option<usize>,
    /// Seed for shuffling mini-batches.
    pub shuffle_seed: u64,
    /// Read the loss back from the device every this many epochs. 1 (the default) lets an
    /// observer print every epoch; larger values keep a GPU busy without waiting on it.
    pub readback_every: usize,
    /// Compute the training accuracy every epoch (a few more operations per epoch; off in
    /// benchmarks, where the per-epoch accuracy is then NaN).
    pub track_accuracy: bool,
}

impl TrainConfig {
    /// Full-batch plain SGD, reading the loss back every epoch.
    pub fn new(loss: Loss, lr: f64, epochs: usize) -> Self {
        Self {
            loss,
            optimizer: OptimizerKind::Sgd { momentum: 0.0 },
            lr,
            epochs,
            batch_size: None,
            shuffle_seed: 0,
            readback_every: 1,
            track_accuracy: true,
        }
    }

    /// The tutorial's first example: MSE, SGD, lr 0.01, 50 epochs.
    pub fn tutorial() -> Self {
        Self::new(Loss::Mse, 0.01, 50)
    }

    /// The tutorial's second example: BCE, SGD, lr 0.1, 100 epochs.
    pub fn circle() -> Self {
        Self::new(Loss::Bce, 0.1, 100)
    }

    /// Checks every setting.
    pub fn validate(&self) -> Result<(), TrainError> {
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return Err(TrainError::BadLearningRate(self.lr));
        }
        if self.epochs == 0 {
            return Err(TrainError::NoEpochs);
        }
        if self.batch_size == Some(0) {
            return Err(TrainError::BadBatchSize);
        }
        if let OptimizerKind::Sgd { momentum } = self.optimizer
            && !(0.0..1.0).contains(&momentum)
        {
            return Err(TrainError::BadMomentum(momentum));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_rejects_each_bad_setting() {
        for lr in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let error = TrainConfig::new(Loss::Mse, lr, 1).validate().unwrap_err();
            assert!(
                error
                    .to_string()
                    .starts_with("--lr must be a positive finite"),
                "{error}"
            );
        }
        assert!(matches!(
            TrainConfig::new(Loss::Mse, 0.1, 0).validate(),
            Err(TrainError::NoEpochs)
        ));
        let mut config = TrainConfig::circle();
        config.batch_size = Some(0);
        assert!(matches!(config.validate(), Err(TrainError::BadBatchSize)));
        config.batch_size = None;
        config.optimizer = OptimizerKind::Sgd { momentum: 1.0 };
        assert!(matches!(config.validate(), Err(TrainError::BadMomentum(_))));
        assert!(TrainConfig::tutorial().validate().is_ok());
        assert_eq!("BCE".parse::<Loss>(), Ok(Loss::Bce));
        assert!("hinge".parse::<Loss>().unwrap_err().contains("mse, bce"));
    }
}
