//! PyTorch `state_dict` files in, trained models out, through burn-store.
//!
//! Reading accepts `.pt`/`.pth` (`torch.save(model.state_dict(), ...)`) and `.safetensors`,
//! with either of the tutorial's naming schemes ([`WeightNaming`]). Layer sizes come from the
//! file. Everything is checked before any tensor data is read: names, shapes that chain,
//! floating-point dtypes, and sizes that the file can actually hold.
//!
//! Writing produces `.safetensors` in PyTorch's layout and names (PyTorch's
//! `load_state_dict` accepts it) or Burn's own `.bpk` format; both carry the model's
//! configuration as metadata, so [`load_model`] needs nothing but the file.

use crate::{Activation, FeedForward, LayerWeights, ModelConfig, ModelError, Weights};
use burn::store::{
    BurnToPyTorchAdapter, BurnpackStore, KeyRemapper, ModuleSnapshot, ModuleStore, PytorchStore,
    SafetensorsStore, bridge, burn_pack,
};
use burn::tensor::{DType, Device};
use std::collections::BTreeMap;
use std::path::Path;

/// Metadata key holding the model configuration as JSON.
const CONFIG_KEY: &str = "ffnn.config";
/// Metadata key holding the naming scheme.
const NAMING_KEY: &str = "ffnn.naming";
/// No layer of a model ffnn trains comes near this many values; a file declaring more is
/// refused before anything is allocated.
const MAX_TENSOR_ELEMENTS: usize = 1 << 28;

/// How the tensors of a `state_dict` are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightNaming {
    /// `nn.Sequential(Linear, ReLU, Linear, ...)`: `0.weight`, `0.bias`, `2.weight`, ...
    Sequential,
    /// The tutorial's `SimpleNN`: `fc1.weight`, `fc1.bias`, `fc2.weight`, ...
    Fc,
}

impl WeightNaming {
    /// The key prefix of layer `index` (0-based), e.g. `2` or `fc2`.
    pub fn prefix(self, index: usize) -> String {
        match self {
            WeightNaming::Sequential => (2 * index).to_string(),
            WeightNaming::Fc => format!("fc{}", index + 1),
        }
    }

    fn remapper_to_file(self, layers: usize) -> KeyRemapper {
        let patterns =
            (0..layers).map(|i| (format!(r"^layers\.{i}\."), format!("{}.", self.prefix(i))));
        // The patterns are built from digits and fixed text, so they always compile.
        KeyRemapper::from_pattern_iter(patterns).unwrap_or_default()
    }
}

/// Weights read from a file, with what the file says about them.
#[derive(Debug, Clone)]
pub struct LoadedWeights {
    /// The weights, in PyTorch's layout.
    pub weights: Weights,
    /// The naming scheme found in the file.
    pub naming: WeightNaming,
    /// The configuration saved by ffnn alongside the weights, if any.
    pub saved_config: Option<ModelConfig>,
}

impl LoadedWeights {
    /// The configuration to build: the saved one, or the sizes from the file with `activation`.
    pub fn config(&self, activation: Activation) -> ModelConfig {
        self.saved_config
            .clone()
            .unwrap_or_else(|| self.weights.config(activation))
    }
}

fn file_error(path: &Path, message: impl Into<String>) -> ModelError {
    ModelError::File {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The kinds of weight file, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pytorch,
    Safetensors,
    Burnpack,
}

fn format_of(path: &Path) -> Result<Format, ModelError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pt" | "pth") => Ok(Format::Pytorch),
        Some("safetensors") => Ok(Format::Safetensors),
        Some("bpk") => Ok(Format::Burnpack),
        _ => Err(file_error(
            path,
            "unknown weight file type: use .pt or .pth (torch.save), .safetensors, or .bpk (Burn)",
        )),
    }
}

/// Reads a PyTorch `state_dict` (or a file ffnn saved) into host weights.
pub fn read_weights(path: &Path) -> Result<LoadedWeights, ModelError> {
    let format = format_of(path)?;
    let file_len = std::fs::metadata(path)
        .map_err(|error| file_error(path, format!("cannot open the weight file: {error}")))?
        .len();
    if file_len > MAX_FILE_BYTES {
        return Err(file_error(
            path,
            format!(
                "{file_len} bytes is far larger than any model ffnn trains; is this the right file?"
            ),
        ));
    }
    let (tensors, metadata) = match format {
        Format::Pytorch => {
            let mut store = PytorchStore::from_file(path);
            (all_tensors(&mut store, path)?, BTreeMap::new())
        }
        Format::Safetensors => {
            let metadata = safetensors_metadata(path)?;
            let mut store = SafetensorsStore::from_file(path);
            (all_tensors(&mut store, path)?, metadata)
        }
        Format::Burnpack => return read_burnpack(path),
    };
    let (weights, naming) = weights_from_tensors(&tensors, path, file_len)?;
    let saved_config = saved_config(&metadata, path)?;
    Ok(LoadedWeights {
        weights,
        naming,
        saved_config,
    })
}

thread_local! {
    /// Set while a guarded reader runs, so the panic hook stays quiet for it.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a file reader that might panic on malformed input, turning a panic into `Err(())`
/// without printing anything. A malformed file must be an error message, never a crash or a
/// backtrace: this is the last line of defence around burn-store's readers.
fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, ()> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET_PANICS.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET_PANICS.with(|quiet| quiet.set(false));
    result.map_err(|_| ())
}

fn all_tensors<S: ModuleStore>(
    store: &mut S,
    path: &Path,
) -> Result<BTreeMap<String, burn_pack::Tensor>, ModelError> {
    let result = guarded(|| store.get_all_tensors().cloned());
    match result {
        Ok(Ok(tensors)) => Ok(tensors),
        Ok(Err(error)) => Err(file_error(
            path,
            format!(
                "not a readable weight file ({error}); save it with torch.save(model.state_dict(), path) or safetensors"
            ),
        )),
        Err(_) => Err(file_error(
            path,
            "not a readable weight file (its contents are malformed or truncated)",
        )),
    }
}

/// Larger than any weight file of a model ffnn trains; refused before reading it.
const MAX_FILE_BYTES: u64 = 1 << 31;

fn safetensors_metadata(path: &Path) -> Result<BTreeMap<String, String>, ModelError> {
    let bytes = std::fs::read(path)
        .map_err(|error| file_error(path, format!("cannot read the weight file: {error}")))?;
    let (_, metadata) = safetensors::SafeTensors::read_metadata(&bytes).map_err(|error| {
        file_error(
            path,
            format!("not a valid safetensors file ({error}); is it truncated?"),
        )
    })?;
    Ok(metadata
        .metadata()
        .clone()
        .map(|m| m.into_iter().collect())
        .unwrap_or_default())
}

fn saved_config(
    metadata: &BTreeMap<String, String>,
    path: &Path,
) -> Result<Option<ModelConfig>, ModelError> {
    metadata
        .get(CONFIG_KEY)
        .map(|json| {
            serde_json::from_str::<ModelConfig>(json).map_err(|error| {
                file_error(
                    path,
                    format!("the saved model configuration is damaged: {error}"),
                )
            })
        })
        .transpose()
}

/// A parsed tensor name: which layer and which parameter.
fn parse_name(name: &str) -> Option<(WeightNaming, usize, &str)> {
    let (prefix, param) = name.rsplit_once('.')?;
    if param != "weight" && param != "bias" {
        return None;
    }
    if let Ok(index) = prefix.parse::<usize>() {
        return Some((WeightNaming::Sequential, index, param));
    }
    let number = prefix.strip_prefix("fc")?.parse::<usize>().ok()?;
    (number >= 1).then_some((WeightNaming::Fc, number, param))
}

const NAMING_HELP: &str = "ffnn reads nn.Sequential names (0.weight, 0.bias, 2.weight, 2.bias, ...) or SimpleNN names (fc1.weight, fc1.bias, fc2.weight, fc2.bias, ...)";

fn weights_from_tensors(
    tensors: &BTreeMap<String, burn_pack::Tensor>,
    path: &Path,
    file_len: u64,
) -> Result<(Weights, WeightNaming), ModelError> {
    if tensors.is_empty() {
        return Err(file_error(path, "the file holds no tensors"));
    }
    let mut naming = None;
    // Layer key (index or fc number) -> (weight, bias) tensor names.
    let mut layers: BTreeMap<usize, [Option<&str>; 2]> = BTreeMap::new();
    for name in tensors.keys() {
        let Some((scheme, key, param)) = parse_name(name) else {
            return Err(file_error(
                path,
                format!("unexpected tensor '{name}': {NAMING_HELP}"),
            ));
        };
        match naming {
            None => naming = Some(scheme),
            Some(existing) if existing != scheme => {
                return Err(file_error(
                    path,
                    format!("tensor '{name}' mixes naming schemes: {NAMING_HELP}"),
                ));
            }
            Some(_) => {}
        }
        let slot = usize::from(param == "bias");
        layers.entry(key).or_default()[slot] = Some(name.as_str());
    }
    let Some(naming) = naming else {
        return Err(file_error(path, "the file holds no tensors"));
    };
    if naming == WeightNaming::Fc {
        // fc1, fc2, ... must be consecutive.
        let count = layers.keys().last().copied().unwrap_or(0);
        if let Some(gap) = (1..=count).find(|n| !layers.contains_key(n)) {
            return Err(file_error(
                path,
                format!("missing tensor 'fc{gap}.weight' (the file has fc{count})"),
            ));
        }
    }
    let mut result = Vec::with_capacity(layers.len());
    let mut total_bytes: u64 = 0;
    for (&key, names) in &layers {
        let prefix = match naming {
            WeightNaming::Sequential => key.to_string(),
            WeightNaming::Fc => format!("fc{key}"),
        };
        let weight_name = names[0]
            .ok_or_else(|| file_error(path, format!("missing tensor '{prefix}.weight'")))?;
        let bias_name =
            names[1].ok_or_else(|| file_error(path, format!("missing tensor '{prefix}.bias'")))?;
        let weight = &tensors[weight_name];
        let bias = &tensors[bias_name];
        let [out_features, in_features] = match weight.shape.as_ref() {
            [out, inp] => [*out, *inp],
            other => {
                return Err(file_error(
                    path,
                    format!(
                        "tensor '{weight_name}' has shape {other:?}, but a Linear weight is 2-D [out, in]"
                    ),
                ));
            }
        };
        if bias.shape.as_ref() != [out_features] {
            return Err(file_error(
                path,
                format!(
                    "tensor '{bias_name}' has shape {:?}, but '{weight_name}' has {out_features} outputs",
                    bias.shape.as_ref()
                ),
            ));
        }
        if out_features == 0 || in_features == 0 {
            return Err(file_error(
                path,
                format!(
                    "tensor '{weight_name}' has an empty shape {:?}",
                    weight.shape.as_ref()
                ),
            ));
        }
        for (name, tensor) in [(weight_name, weight), (bias_name, bias)] {
            let element_size = float_size(tensor.dtype).ok_or_else(|| {
                file_error(
                    path,
                    format!(
                        "tensor '{name}' has dtype {:?}; ffnn needs floating-point weights (float32, float64, float16 or bfloat16)",
                        tensor.dtype
                    ),
                )
            })?;
            let elements = tensor
                .shape
                .iter()
                .try_fold(1usize, |acc, &d| acc.checked_mul(d))
                .filter(|&n| n <= MAX_TENSOR_ELEMENTS)
                .ok_or_else(|| {
                    file_error(
                        path,
                        format!(
                            "tensor '{name}' declares shape {:?}, far larger than any model ffnn trains",
                            tensor.shape.as_ref()
                        ),
                    )
                })?;
            total_bytes += (elements * element_size) as u64;
        }
        if total_bytes > file_len {
            return Err(file_error(
                path,
                format!(
                    "tensor '{weight_name}' declares more data than the file holds ({file_len} bytes): the file is truncated or damaged"
                ),
            ));
        }
        result.push((weight_name, bias_name, in_features, out_features));
    }
    // The layers must chain: each layer's inputs are the previous layer's outputs.
    for pair in result.windows(2) {
        let (prev_name, _, _, prev_out) = pair[0];
        let (next_name, _, next_in, _) = pair[1];
        if prev_out != next_in {
            return Err(file_error(
                path,
                format!(
                    "shapes do not chain: '{prev_name}' has {prev_out} outputs but '{next_name}' takes {next_in} inputs"
                ),
            ));
        }
    }
    let layers = result
        .into_iter()
        .map(|(weight_name, bias_name, in_features, out_features)| {
            Ok(LayerWeights {
                in_features,
                out_features,
                weight: tensor_values(&tensors[weight_name], weight_name, path)?,
                bias: tensor_values(&tensors[bias_name], bias_name, path)?,
            })
        })
        .collect::<Result<Vec<_>, ModelError>>()?;
    let weights = Weights { layers };
    weights
        .validate()
        .map_err(|error| file_error(path, error.to_string()))?;
    Ok((weights, naming))
}

fn float_size(dtype: DType) -> Option<usize> {
    match dtype {
        DType::F64 => Some(8),
        DType::F32 | DType::Flex32 => Some(4),
        DType::F16 | DType::BF16 => Some(2),
        _ => None,
    }
}

fn tensor_values(
    tensor: &burn_pack::Tensor,
    name: &str,
    path: &Path,
) -> Result<Vec<f32>, ModelError> {
    let read = guarded(|| bridge::to_data(tensor));
    let data = match read {
        Ok(Ok(data)) => data,
        Ok(Err(error)) => {
            return Err(file_error(
                path,
                format!("cannot read tensor '{name}': {error:?}; the file may be truncated"),
            ));
        }
        Err(_) => {
            return Err(file_error(
                path,
                format!("cannot read tensor '{name}': the file is truncated or damaged"),
            ));
        }
    };
    data.convert::<f32>()
        .try_into_vec::<f32>()
        .map_err(|error| file_error(path, format!("cannot read tensor '{name}': {error:?}")))
}

fn read_burnpack(path: &Path) -> Result<LoadedWeights, ModelError> {
    let reader = guarded(|| burn_pack::Reader::from_file(path))
        .map_err(|()| file_error(path, "not a readable Burn model file (it is damaged)"))?
        .map_err(|error| file_error(path, format!("not a readable Burn model file ({error})")))?;
    let metadata = reader.metadata().clone();
    let config = saved_config(&metadata, path)?.ok_or_else(|| {
        file_error(
            path,
            "this .bpk file has no ffnn model configuration; save it with ffnn",
        )
    })?;
    config
        .validate()
        .map_err(|error| file_error(path, error.to_string()))?;
    // Read the tensors and check them against the configuration before touching any data.
    // (burn-store's `load_from` aborts the process if a tensor panics while being applied,
    // so it is never handed an unchecked file.)
    let mut store = BurnpackStore::from_file(path).auto_extension(false);
    let tensors = all_tensors(&mut store, path)?;
    let file_len = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut layers = Vec::new();
    for (index, (in_features, out_features)) in config.layer_shapes().into_iter().enumerate() {
        let mut values = Vec::with_capacity(2);
        for (param, shape) in [
            ("weight", vec![in_features, out_features]),
            ("bias", vec![out_features]),
        ] {
            let name = format!("layers.{index}.{param}");
            let tensor = tensors
                .get(&name)
                .ok_or_else(|| file_error(path, format!("missing tensor '{name}'")))?;
            if tensor.shape.as_ref() != shape.as_slice() {
                return Err(file_error(
                    path,
                    format!(
                        "tensor '{name}' has shape {:?} but the saved configuration needs {shape:?}",
                        tensor.shape.as_ref()
                    ),
                ));
            }
            let element_size = float_size(tensor.dtype).ok_or_else(|| {
                file_error(path, format!("tensor '{name}' is not floating point"))
            })?;
            if (shape.iter().product::<usize>() * element_size) as u64 > file_len {
                return Err(file_error(path, format!("tensor '{name}' is truncated")));
            }
            values.push(tensor_values(tensor, &name, path)?);
        }
        let bias = values.pop().unwrap_or_default();
        let weight = values.pop().unwrap_or_default();
        layers.push(LayerWeights::from_in_out(
            in_features,
            out_features,
            &weight,
            bias,
        ));
    }
    if let Some(extra) = tensors.keys().find(|name| {
        !(0..config.layer_shapes().len())
            .any(|i| **name == format!("layers.{i}.weight") || **name == format!("layers.{i}.bias"))
    }) {
        return Err(file_error(path, format!("unexpected tensor '{extra}'")));
    }
    let weights = Weights { layers };
    weights
        .validate()
        .map_err(|error| file_error(path, error.to_string()))?;
    let naming = metadata
        .get(NAMING_KEY)
        .and_then(|n| serde_json::from_str(n).ok())
        .unwrap_or(WeightNaming::Fc);
    Ok(LoadedWeights {
        weights,
        naming,
        saved_config: Some(config),
    })
}

/// Loads a model saved by ffnn (or any compatible `state_dict`, taking ReLU as the hidden
/// activation when the file does not say) onto `device`.
pub fn load_model(
    path: &Path,
    device: &Device,
) -> Result<(FeedForward, LoadedWeights), ModelError> {
    let loaded = read_weights(path)?;
    let config = loaded.config(Activation::Relu);
    let model = FeedForward::new(&config, &loaded.weights, device)
        .map_err(|error| file_error(path, error.to_string()))?;
    Ok((model, loaded))
}

/// Saves `model`, atomically, choosing the format from the extension: `.safetensors` in
/// PyTorch's layout with `naming`'s keys, or `.bpk` in Burn's own format. Both carry the
/// model configuration. Refuses weights that are not finite.
pub fn save_model(
    model: &FeedForward,
    path: &Path,
    naming: WeightNaming,
) -> Result<(), ModelError> {
    let format = format_of(path)?;
    // Read back once: a model with NaN or infinite weights is never written.
    model
        .weights()?
        .validate()
        .map_err(|error| file_error(path, format!("refusing to save: {error}")))?;
    let config = serde_json::to_string(&model.config())
        .map_err(|error| file_error(path, error.to_string()))?;
    let naming_json =
        serde_json::to_string(&naming).map_err(|error| file_error(path, error.to_string()))?;
    let layers = model.layers.len();
    match format {
        Format::Safetensors => ffnn_io::write_atomic_via_path(path, |temp| {
            let mut store = SafetensorsStore::from_file(temp)
                .overwrite(true)
                .with_to_adapter(BurnToPyTorchAdapter)
                .remap(naming.remapper_to_file(layers))
                .metadata(CONFIG_KEY, config.as_str())
                .metadata(NAMING_KEY, naming_json.as_str());
            model.save_into(&mut store)
        })?,
        Format::Burnpack => ffnn_io::write_atomic_via_path(path, |temp| {
            let mut store = BurnpackStore::from_file(temp)
                .auto_extension(false)
                .overwrite(true)
                .metadata(CONFIG_KEY, config.as_str())
                .metadata(NAMING_KEY, naming_json.as_str());
            model.save_into(&mut store)
        })?,
        Format::Pytorch => {
            return Err(file_error(
                path,
                "ffnn cannot write .pt files: save as .safetensors (PyTorch loads it with safetensors.torch.load_file) or .bpk",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_into_schemes() {
        assert_eq!(
            parse_name("0.weight"),
            Some((WeightNaming::Sequential, 0, "weight"))
        );
        assert_eq!(parse_name("fc2.bias"), Some((WeightNaming::Fc, 2, "bias")));
        assert_eq!(parse_name("fc0.bias"), None);
        assert_eq!(parse_name("encoder.weight"), None);
        assert_eq!(parse_name("0.running_mean"), None);
        assert_eq!(WeightNaming::Sequential.prefix(1), "2");
        assert_eq!(WeightNaming::Fc.prefix(1), "fc2");
    }

    #[test]
    fn save_and_load_round_trip_in_both_formats() {
        let dir = tempfile::tempdir().expect("tempdir");
        let device = Device::flex();
        let config = ModelConfig::new(3, vec![5, 4]).with_activation(Activation::Tanh);
        let model = FeedForward::init(&config, 8, &device).expect("model");
        let weights = model.weights().expect("weights");
        for (file, naming) in [
            ("m.safetensors", WeightNaming::Fc),
            ("s.safetensors", WeightNaming::Sequential),
            ("m.bpk", WeightNaming::Fc),
        ] {
            let path = dir.path().join(file);
            save_model(&model, &path, naming).expect("save");
            let (loaded_model, loaded) = load_model(&path, &device).expect("load");
            assert_eq!(loaded.weights, weights, "{file}");
            assert_eq!(loaded.naming, naming, "{file}");
            assert_eq!(loaded_model.config(), config, "{file}");
        }
    }

    #[test]
    fn bad_files_are_clear_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = read_weights(&dir.path().join("none.pt"))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("cannot open the weight file"), "{missing}");
        let unknown = read_weights(Path::new("weights.bin"))
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("unknown weight file type"), "{unknown}");
        let garbage = dir.path().join("garbage.safetensors");
        std::fs::write(&garbage, b"this is not a weight file").expect("write");
        let error = read_weights(&garbage).unwrap_err().to_string();
        assert!(error.contains("garbage.safetensors"), "{error}");
        let garbage_pt = dir.path().join("garbage.pt");
        std::fs::write(&garbage_pt, b"PK\x03\x04 nope").expect("write");
        let error = read_weights(&garbage_pt).unwrap_err().to_string();
        assert!(error.contains("garbage.pt"), "{error}");
    }

    #[test]
    fn a_huge_declared_shape_is_refused_before_allocation() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("huge.safetensors");
        let header =
            br#"{"fc1.weight":{"dtype":"F32","shape":[1099511627776,2],"data_offsets":[0,8]}}"#;
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(header);
        bytes.extend_from_slice(&[0; 8]);
        std::fs::write(&path, bytes).expect("write");
        let error = read_weights(&path).unwrap_err().to_string();
        assert!(error.contains("huge.safetensors"), "{error}");
    }

    /// Fuzzing the loaders: no input may panic, hang or allocate without bound.
    mod fuzz {
        use super::super::read_weights;
        use proptest::prelude::*;

        const PT: &[u8] = include_bytes!("../../../tests/fixtures/pytorch/circle-bce/model.pt");
        const SAFETENSORS: &[u8] =
            include_bytes!("../../../tests/fixtures/pytorch/circle-bce/model.safetensors");

        fn read(bytes: &[u8], extension: &str) {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join(format!("fuzz.{extension}"));
            std::fs::write(&path, bytes).expect("write");
            // Either outcome is fine; a panic fails the test.
            let _ = read_weights(&path);
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

            #[test]
            fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600),
                            extension in prop_oneof![Just("pt"), Just("safetensors"), Just("bpk")]) {
                read(&bytes, extension);
            }

            #[test]
            fn truncated_files(cut_pt in 0..PT.len(), cut_st in 0..SAFETENSORS.len()) {
                read(&PT[..cut_pt], "pt");
                read(&SAFETENSORS[..cut_st], "safetensors");
            }

            #[test]
            fn corrupted_bytes(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
                for (original, extension) in [(PT, "pt"), (SAFETENSORS, "safetensors")] {
                    let mut bytes = original.to_vec();
                    for (index, value) in &flips {
                        let at = index.index(bytes.len());
                        bytes[at] = *value;
                    }
                    read(&bytes, extension);
                }
            }
        }
    }
}
