//! The smallest training loop on ffnn's model, for comparing against `ffnn bench`: no metrics,
//! no observers, one sync at the end. `cargo run --release --example bare_loop -p ffnn-cli -- flex 2000`.

use burn::optim::{GradientsParams, SgdConfig};
use burn::tensor::{Tensor, TensorData, activation};
use ffnn_data::{DataSpec, DatasetKind};
use ffnn_model::{FeedForward, ModelConfig};
use ffnn_train::Backend;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let backend: Backend = args.get(1).map_or("flex", String::as_str).parse()?;
    let epochs: usize = args.get(2).map_or(Ok(2000), |s| s.parse())?;
    let device = backend.device()?;
    let autodiff = device.device.clone().autodiff();
    let data = DataSpec::new(DatasetKind::Tutorial, 10)
        .with_seed(0)
        .generate()?;
    let x = Tensor::<2>::from_data(
        TensorData::new(data.features().to_vec(), [10, 10]),
        &autodiff,
    );
    let y = Tensor::<2>::from_data(TensorData::new(data.labels().to_vec(), [10, 1]), &autodiff);
    let mut model = FeedForward::init(&ModelConfig::tutorial(), 0, &autodiff)?;
    let mut optimizer = SgdConfig::new().init();
    let run = |model: FeedForward, optimizer: &mut burn::optim::ModuleOptimizer, n: usize| {
        let mut model = model;
        for _ in 0..n {
            let loss = (activation::sigmoid(model.logits(x.clone())) - y.clone())
                .square()
                .mean();
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            model = optimizer.step(0.01, model, grads);
        }
        model
    };
    model = ffnn_train::bench::with_threads(1, || run(model, &mut optimizer, 10))?;
    let start = Instant::now();
    model = ffnn_train::bench::with_threads(1, || run(model, &mut optimizer, epochs))?;
    device.sync()?;
    let per_epoch = start.elapsed().as_secs_f64() / epochs as f64;
    println!("{backend}: {:.1} µs per epoch", per_epoch * 1e6);
    drop(model);
    Ok(())
}
