use crate::common::{arg, ffnn_ok, tutorial_losses};
use ffnn_data::{DataSpec, DatasetKind};
use ffnn_model::{ModelConfig, Weights};
use ffnn_train::{Backend, Loss, TrainConfig, Trainer};

/// wgpu is tested, never skipped: without an adapter these tests fail with the message that
/// says to install Mesa's Vulkan driver.
fn wgpu() -> ffnn_train::BackendDevice {
    Backend::Wgpu
        .device()
        .unwrap_or_else(|error| panic!("wgpu tests need an adapter: {error}"))
}

#[test]
fn tutorial_losses_agree_across_backends_from_the_same_seed() {
    wgpu();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |backend: &str| {
        tutorial_losses(&ffnn_ok(&[
            "demo",
            "tutorial",
            "--seed",
            "3",
            "--backend",
            backend,
            "--out",
            arg(dir.path()),
        ]))
    };
    let reference = run("ndarray");
    assert_eq!(reference.len(), 50);
    for backend in ["flex", "wgpu"] {
        let losses = run(backend);
        assert_eq!(losses.len(), 50, "{backend}");
        let worst = reference
            .iter()
            .zip(&losses)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-4, "{backend} differs from ndarray by {worst}");
    }
}

#[test]
fn circle_training_agrees_on_wgpu_and_ndarray_from_the_same_weights() {
    let data = DataSpec::new(DatasetKind::Circle, 100)
        .with_seed(5)
        .generate()
        .expect("data");
    let config = ModelConfig::circle();
    let weights = Weights::pytorch_init(&config, 9);
    let train = TrainConfig::new(Loss::Bce, 0.1, 100);
    let history = |device: &ffnn_train::BackendDevice| {
        Trainer::new(&config, &weights, &data, None, &train, device)
            .expect("trainer")
            .run(&mut ())
            .expect("run")
            .history
    };
    let cpu = history(&Backend::Ndarray.device().expect("ndarray"));
    let gpu = history(&wgpu());
    let worst = cpu
        .loss
        .iter()
        .zip(&gpu.loss)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(worst < 1e-4, "wgpu differs from ndarray by {worst}");
    assert!(gpu.loss[99] < gpu.loss[0]);
}

#[test]
fn wgpu_reports_its_adapter() {
    let device = wgpu();
    assert!(!device.adapter.is_empty());
    assert_ne!(device.adapter, "cpu");
}
