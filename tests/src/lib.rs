//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

/// The repository root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// The spec the default generator run reads.
pub fn seed_spec() -> PathBuf {
    workspace_root().join("spec/stripe.yaml")
}

/// The committed generated crate.
pub fn generated_dir() -> PathBuf {
    workspace_root().join("generated")
}

/// Splits a form body into its pairs, sorted, for comparisons where order does not matter.
pub fn sorted_pairs(body: &str) -> Vec<&str> {
    let mut pairs: Vec<&str> = body.split('&').filter(|pair| !pair.is_empty()).collect();
    pairs.sort_unstable();
    pairs
}
