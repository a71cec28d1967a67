//! Generates a typed Rust client for the Stripe API from its OpenAPI description.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] (file -> OpenAPI document) -> [`model`] (operations and named types) ->
//! [`emit`] (token streams) -> [`format`] (prettyplease, headers) -> [`write`] (disk).

pub mod cli;
pub mod diagnostic;
pub mod emit;
pub mod format;
pub mod load;
pub mod model;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use diagnostic::{Diagnostic, Failure};
use format::RenderedFile;

/// The generated crate for one spec, in memory.
#[derive(Debug)]
pub struct Generated {
    pub operations: usize,
    pub types: usize,
    pub files: Vec<RenderedFile>,
    /// Component schema name -> the path of its type (`customer` ->
    /// `types::Customer`), for the components that were generated.
    pub components: std::collections::BTreeMap<String, String>,
}

/// Runs load, model, emit and format for the spec at `spec_path`, writing nothing.
pub fn generate(spec_path: &Path) -> Result<Generated, Failure> {
    generate_selected(spec_path, &model::Selection::all())
}

/// As [`generate`], for only the operations `selection` names and the types they need.
pub fn generate_selected(
    spec_path: &Path,
    selection: &model::Selection,
) -> Result<Generated, Failure> {
    generate_crate(spec_path, selection, &emit::CrateInfo::default())
}

/// As [`generate_selected`], for a crate of another name or version.
pub fn generate_crate(
    spec_path: &Path,
    selection: &model::Selection,
    crate_info: &emit::CrateInfo,
) -> Result<Generated, Failure> {
    let spec = load::load(spec_path)?;
    let api = model::build(&spec, selection).map_err(|diagnostics| Failure::Spec {
        file: spec_path.to_path_buf(),
        diagnostics,
    })?;
    render(&api, crate_info)
}

/// Emits and formats a model.
fn render(api: &model::Api, crate_info: &emit::CrateInfo) -> Result<Generated, Failure> {
    let features = emit::Features::new(api);
    let parts = emit::Parts::new(api);
    let files = format::render(emit::emit(api, &features, &parts, crate_info))?;
    Ok(Generated {
        operations: api.operations.len(),
        types: api.types.len(),
        files,
        components: api
            .components
            .iter()
            .map(|(key, name)| (key.clone(), format!("{}::{}", name.module, name.name)))
            .collect(),
    })
}

/// As [`generate_selected`], for spec text already in memory; `file` only names it in
/// diagnostics. With `emit` false, only load and model run (the stages that read
/// the spec; what follows works on the checked model).
pub fn generate_text(
    text: &str,
    is_yaml: bool,
    file: &Path,
    emit: bool,
) -> Result<Option<Generated>, Failure> {
    let spec_failure = |diagnostics| Failure::Spec {
        file: file.to_path_buf(),
        diagnostics,
    };
    let spec = load::parse(text, is_yaml).map_err(|diagnostic| spec_failure(vec![diagnostic]))?;
    let api = model::build(&spec, &model::Selection::all()).map_err(spec_failure)?;
    if !emit {
        return Ok(None);
    }
    render(&api, &emit::CrateInfo::default()).map(Some)
}

/// What one run did.
#[derive(Debug)]
pub struct Report {
    pub generated: Generated,
    pub changes: write::Changes,
    pub elapsed: Duration,
    pub timings: Timings,
}

/// How long each stage of a run took (`generator --timings` prints them).
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Reading and parsing the spec file.
    pub load: Duration,
    /// Building and checking the model.
    pub model: Duration,
    /// Emitting tokens and formatting them (one stage: threads do both per file).
    pub render: Duration,
    /// Writing the files, or comparing them with `--check`.
    pub write: Duration,
}

/// Generates from `spec_path` and writes to `out_dir` (or, with `check_only`, compares).
pub fn run(
    spec_path: &Path,
    out_dir: &Path,
    selection: &model::Selection,
    crate_info: &emit::CrateInfo,
    check_only: bool,
) -> Result<Report, Failure> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let mut lap = Instant::now();
    let mut stage_time = || {
        let now = Instant::now();
        std::mem::replace(&mut lap, now).elapsed()
    };
    let spec = load::load(spec_path)?;
    timings.load = stage_time();
    let api = model::build(&spec, selection).map_err(|diagnostics| Failure::Spec {
        file: spec_path.to_path_buf(),
        diagnostics,
    })?;
    timings.model = stage_time();
    let generated = render(&api, crate_info)?;
    timings.render = stage_time();
    let changes = if check_only {
        write::compare(out_dir, &generated.files)?
    } else {
        write::write(out_dir, &generated.files)?
    };
    timings.write = stage_time();
    Ok(Report {
        generated,
        changes,
        elapsed: started.elapsed(),
        timings,
    })
}

/// The repository root, where the default spec and output directories are.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}
