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

/// Every file below `dir`, at any depth, in no particular order.
pub fn files_below(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current)
            .unwrap_or_else(|error| panic!("{}: {error}", current.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// A server on 127.0.0.1 that answers every request with `response`.
pub async fn server_answering(response: wiremock::ResponseTemplate) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
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

/// How a test's calls are sent: awaited, or with `send_blocking` (the `blocking`
/// feature) from a thread that has no async runtime, as a program without one sends
/// them. Cases written once take it as an argument; [`awaited_and_blocking!`] runs each
/// both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sending {
    Awaited,
    Blocking,
}

impl Sending {
    /// Sends `call` this way.
    pub async fn send<T: Send>(
        self,
        call: stripe_client::Call<'_, T>,
    ) -> Result<T, stripe_client::Error> {
        match self {
            Sending::Awaited => call.await,
            // The test's runtime keeps serving the local server on its other worker
            // while this one waits for a thread outside any runtime.
            Sending::Blocking => tokio::task::block_in_place(|| {
                std::thread::scope(|scope| {
                    scope
                        .spawn(move || call.send_blocking())
                        .join()
                        .expect("the blocking call's thread panicked")
                })
            }),
        }
    }

    /// Sends the seed call, `configurations::update` of `bpc_1` with no params, this way.
    pub async fn update_configuration(
        self,
        client: &stripe_client::Client,
    ) -> Result<stripe_client::types::BillingPortalConfiguration, stripe_client::Error> {
        let params = stripe_client::billing_portal::configurations::UpdateParams::default();
        self.send(stripe_client::billing_portal::configurations::update(
            client,
            &"bpc_1".into(),
            &params,
        ))
        .await
    }
}

/// Runs each named case, an `async fn(Sending)`, as two tests: `awaited::<case>` and
/// `blocking::<case>` (on a multi-threaded runtime, which `Sending::Blocking` needs).
#[macro_export]
macro_rules! awaited_and_blocking {
    ($($case:ident),* $(,)?) => {
        mod awaited {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::$case($crate::Sending::Awaited).await
                }
            )*
        }
        mod blocking {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::$case($crate::Sending::Blocking).await
                }
            )*
        }
    };
}
