//! Backends chosen at run time, and the one place that names the deprecated ndarray device.

use crate::TrainError;
use burn::tensor::Device;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// A Burn backend compiled into ffnn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// burn-ndarray on the CPU (the user's original choice; deprecated by Burn 0.22).
    Ndarray,
    /// Burn's Flex CPU backend, ndarray's successor.
    Flex,
    /// wgpu: the GPU through Vulkan/Metal/DX12, or Mesa's software Vulkan (lavapipe).
    Wgpu,
}

impl Backend {
    /// Every compiled backend.
    pub const ALL: [Backend; 3] = [Backend::Ndarray, Backend::Flex, Backend::Wgpu];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Ndarray => "ndarray",
            Backend::Flex => "flex",
            Backend::Wgpu => "wgpu",
        }
    }

    /// Whether the backend computes on the host CPU.
    pub fn is_cpu(self) -> bool {
        !matches!(self, Backend::Wgpu)
    }

    /// Opens the backend's device. For wgpu this finds the adapter first (once per process)
    /// and returns [`TrainError::NoAdapter`] when there is none, instead of Burn's panic.
    pub fn device(self) -> Result<BackendDevice, TrainError> {
        let (device, adapter) = match self {
            Backend::Ndarray => (ndarray_device(), "cpu".to_owned()),
            Backend::Flex => (Device::flex(), "cpu".to_owned()),
            Backend::Wgpu => {
                let (device, adapter) = wgpu_device()?;
                (device.clone(), adapter.clone())
            }
        };
        Ok(BackendDevice {
            backend: self,
            device,
            adapter,
        })
    }
}

#[allow(deprecated)] // burn-ndarray is deprecated in Burn 0.22; kept because users asked for it.
fn ndarray_device() -> Device {
    Device::ndarray()
}

/// Initialises wgpu once per process: Burn allows one initialisation per adapter selector.
fn wgpu_device() -> Result<&'static (Device, String), TrainError> {
    static WGPU: OnceLock<Result<(Device, String), String>> = OnceLock::new();
    WGPU.get_or_init(|| {
        Device::wgpu_options()
            .init_with_setup()
            .map(|(device, setup)| {
                let info = setup.adapter.get_info();
                (device, format!("{} ({:?})", info.name, info.backend))
            })
            // Burn's message starts with the selector's debug form; keep the reason after it.
            .map_err(|error| {
                let message = error.to_string();
                message.rsplit(": ").next().unwrap_or(&message).to_owned()
            })
    })
    .as_ref()
    .map_err(|message| TrainError::NoAdapter(message.clone()))
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Backend {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Backend::ALL
            .into_iter()
            .find(|b| b.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown backend '{s}': choose one of ndarray, flex, wgpu"))
    }
}

/// An opened backend: the Burn device and the adapter it runs on.
#[derive(Debug, Clone)]
pub struct BackendDevice {
    /// Which backend.
    pub backend: Backend,
    /// The Burn device (without autodiff; the trainer adds it).
    pub device: Device,
    /// The wgpu adapter's name and graphics API, or `cpu`.
    pub adapter: String,
}

impl BackendDevice {
    /// Waits for all queued work on the device.
    pub fn sync(&self) -> Result<(), TrainError> {
        self.device.sync().map_err(|error| TrainError::Device {
            backend: self.backend,
            message: error.to_string(),
        })
    }
}
