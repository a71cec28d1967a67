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

/// Stripe's full spec, read by path: `STRIPE_SPEC`, by default
/// `../shared/stripe-openapi/spec3.json` beside the repository (2023-08-16, v1).
pub fn stripe_spec() -> PathBuf {
    spec_at("STRIPE_SPEC", "../shared/stripe-openapi/spec3.json")
}

/// Stripe's current spec (2026-05-27.dahlia, v1 and v2), read by path:
/// `STRIPE_SPEC_2026`, by default `../shared/stripe-openapi-2026/spec3.json` beside the
/// repository.
pub fn stripe_spec_2026() -> PathBuf {
    spec_at(
        "STRIPE_SPEC_2026",
        "../shared/stripe-openapi-2026/spec3.json",
    )
}

/// The path in environment variable `variable`, else `default` from the repository
/// root; it must exist.
fn spec_at(variable: &str, default: &str) -> PathBuf {
    let spec = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(default));
    assert!(
        spec.exists(),
        "Stripe's spec is not at {} (set {variable})",
        spec.display()
    );
    spec
}

/// The billing portal configuration inside the webhook fixture
/// (`tests/fixtures/webhooks/event.json`): a complete answer for the seed call.
pub fn portal_configuration_json() -> serde_json::Value {
    let path = workspace_root().join("tests/fixtures/webhooks/event.json");
    let text = std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let event: serde_json::Value = serde_json::from_slice(&text).expect("the fixture is JSON");
    event["data"]["object"].clone()
}
