//! The whole Stripe API, in two versions:
//! - `STRIPE_SPEC` (default `../shared/stripe-openapi/spec3.json`, 2023-08-16, v1)
//!   generates, from JSON and YAML alike, a crate that compiles without warnings, with
//!   every feature and with single ones, and passes the tests in `tests/full_crate/`
//!   (fixtures round trip, HTTP on 127.0.0.1);
//! - `STRIPE_SPEC_2026` (default `../shared/stripe-openapi-2026/spec3.json`,
//!   2026-05-27.dahlia, v1 and v2) generates, unpatched, a crate that does the same,
//!   documents itself with rustdoc's warnings denied, and passes `tests/full_crate/`'s
//!   fixtures test and the v2 tests of `tests/full_crate_2026/`, and against which
//!   every Rust block of the README compiles.
//!
//! Both package as crates.io takes them (`cargo package`).
//!
//! Ignored by default: it compiles a large crate (a few minutes on a cold target
//! directory). `.ci/run` runs it: `cargo test -p tests --test full_spec -- --ignored`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{stripe_spec, stripe_spec_2026, workspace_root};

/// What differs between the two full crates under test.
struct FullCrate {
    spec: PathBuf,
    /// Test files copied into the crate's `tests/` (each with every `.rs` file in it).
    test_dirs: &'static [&'static str],
    /// Feature sets checked on their own (`--no-default-features --features SET`).
    feature_sets: &'static [&'static str],
    /// Whether every resource feature (each of `full`'s) is also checked on its own.
    every_resource: bool,
    /// `KNOWN_FIXTURE_ERRORS` and `FIXTURE_COUNT` for `tests/full_crate/fixtures.rs`,
    /// as Rust: read off the spec's fixtures file by hand.
    fixture_expectations: &'static str,
    /// Whether `cargo doc` runs too, with rustdoc's warnings denied.
    rustdoc: bool,
    /// Whether the README's Rust examples are compiled against this crate, as the
    /// doctests of a crate that depends on it (`readme_examples_compile`).
    readme_examples: bool,
    /// Whether the runnable examples of `tests/api_examples/examples/` are copied into
    /// the crate's `examples/`: `cargo test` then compiles them, and
    /// `tests/full_crate_2026/examples.rs` runs them against a local server.
    api_examples: bool,
}

/// The 2023-08-16 `treasury.outbound_payment` example has a
/// `destination_payment_method_details` of an older shape, without the
/// `billing_details` the spec requires.
const FIXTURES_2023: &str = r#"const KNOWN_FIXTURE_ERRORS: &[(&str, &str)] = &[(
    "treasury.outbound_payment",
    "decode: at `destination_payment_method_details`: missing field `billing_details`",
)];
const FIXTURE_COUNT: usize = 131;
"#;

/// The 2026 spec's 175 examples decode as their types but six. Five are components no
/// `$ref` in the whole spec names (no call or event returns them), so none has a type;
/// `terminal.refund` has no properties, so its call returns `serde_json::Value`. And the
/// `invoice` example lacks `amount_paid_off_stripe`, which the spec's `invoice` requires.
const FIXTURES_2026: &str = r#"const KNOWN_FIXTURE_ERRORS: &[(&str, &str)] = &[
    ("billing.alert_triggered", NO_GENERATED_TYPE),
    ("entitlements.active_entitlement_summary", NO_GENERATED_TYPE),
    ("reserve.hold", NO_GENERATED_TYPE),
    ("reserve.plan", NO_GENERATED_TYPE),
    ("reserve.release", NO_GENERATED_TYPE),
    ("terminal.refund", NO_GENERATED_TYPE),
    ("invoice", "decode: missing field `amount_paid_off_stripe`"),
];
const FIXTURE_COUNT: usize = 175;
"#;

#[test]
#[ignore = "generates the full Stripe crate; run by .ci/run"]
fn json_and_yaml_give_the_same_crate() {
    let spec = stripe_spec();
    let from_json = generator::generate(&spec).unwrap_or_else(|failure| panic!("{failure}"));
    let from_yaml = generator::generate(&spec.with_extension("yaml"))
        .unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(from_json.operations, 468);
    assert_eq!(from_json.operations, from_yaml.operations);
    assert_eq!(from_json.files.len(), from_yaml.files.len());
    for (json, yaml) in from_json.files.iter().zip(&from_yaml.files) {
        assert_eq!(json.path, yaml.path);
        assert!(json.text == yaml.text, "{} differs", json.path.display());
    }
}

/// The generated crate's resource features: the members of its `full` feature.
fn resource_features(crate_dir: &Path) -> Vec<String> {
    let manifest = fs::read_to_string(crate_dir.join("Cargo.toml")).expect("manifest");
    let full = manifest
        .lines()
        .find_map(|line| line.strip_prefix("full = ["))
        .expect("a `full` feature");
    let features: Vec<String> = full
        .trim_end_matches(']')
        .split(',')
        .map(|name| name.trim().trim_matches('"').to_string())
        .filter(|name| !name.is_empty())
        .collect();
    assert!(features.len() > 50, "{features:?}");
    features
}

/// Runs cargo in the generated crate; returns stderr, panicking on failure.
fn cargo(crate_dir: &Path, fixtures: &Path, args: &[&str]) -> String {
    cargo_output(crate_dir, fixtures, args).1
}

/// As [`cargo`], returning stdout and stderr.
fn cargo_output(crate_dir: &Path, fixtures: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(crate_dir)
        // Its own target directory: the outer `cargo test` holds the workspace's.
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/full-spec"),
        )
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
        .env("STRIPE_FIXTURES", fixtures)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{stdout}\n{stderr}"
    );
    (stdout, stderr)
}

/// Packages the crate and its parts as crates.io takes them: each part, then the crate,
/// whose manifest names the parts by version. A copy of the crate is made a workspace
/// of them for `cargo package --workspace`, which packages them in the order of their
/// dependencies, each checked against the ones packaged before it (the README's way to
/// publish). Returns what the crate's own package lists.
fn package_with_parts(crate_dir: &Path, fixtures: &Path) -> String {
    let copy = tempfile::tempdir().expect("temp dir");
    let workspace = copy.path().join(crate_dir.file_name().expect("a name"));
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        fs::create_dir_all(workspace.join(&relative)).expect("dir");
        for entry in fs::read_dir(crate_dir.join(&relative)).expect("read dir") {
            let entry = entry.expect("entry");
            let name = relative.join(entry.file_name());
            if entry.path().is_dir() {
                if entry.file_name() != "target" {
                    pending.push(name);
                }
            } else {
                fs::copy(entry.path(), workspace.join(&name)).expect("copy");
            }
        }
    }
    let manifest = workspace.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest).expect("manifest");
    text.push_str("\n[workspace]\nmembers = [\"parts/*\"]\n");
    fs::write(&manifest, text).expect("manifest");
    cargo(
        &workspace,
        fixtures,
        &[
            "package",
            "--workspace",
            "--no-verify",
            "--allow-dirty",
            "--quiet",
        ],
    );
    cargo_output(
        &workspace,
        fixtures,
        &["package", "--list", "--allow-dirty", "--quiet"],
    )
    .0
}

fn assert_no_warnings(stderr: &str, what: &str) {
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning"))
        .collect();
    assert!(warnings.is_empty(), "{what}: {}", stderr);
}

#[test]
#[ignore = "compiles the full Stripe crate; run by .ci/run"]
fn full_crate_compiles_without_warnings_and_passes_its_tests() {
    check_full_crate(FullCrate {
        spec: stripe_spec(),
        test_dirs: &["tests/full_crate"],
        feature_sets: &[
            "customers",
            "billing_portal",
            "files",
            "quotes",
            "webhooks",
            "customers,webhooks",
        ],
        every_resource: false,
        fixture_expectations: FIXTURES_2023,
        rustdoc: false,
        readme_examples: false,
        api_examples: false,
    });
}

#[test]
#[ignore = "compiles the full 2026 Stripe crate; run by .ci/run"]
fn current_spec_crate_compiles_documents_itself_and_passes_its_v2_tests() {
    check_full_crate(FullCrate {
        spec: stripe_spec_2026(),
        test_dirs: &["tests/full_crate_2026"],
        // The opt-in trait features alone with a resource, so each compiles by itself.
        feature_sets: &[
            "v2,webhooks",
            "customers,webhooks",
            "webhooks",
            "customers,webhooks,serialize",
            "v2,partial-eq",
            "customers,webhooks,redact-debug",
            "customers,blocking",
        ],
        every_resource: true,
        fixture_expectations: FIXTURES_2026,
        rustdoc: true,
        readme_examples: true,
        api_examples: true,
    });
}

fn check_full_crate(full: FullCrate) {
    let FullCrate {
        spec,
        test_dirs,
        feature_sets,
        every_resource,
        fixture_expectations,
        rustdoc,
        readme_examples,
        api_examples,
    } = full;
    let fixtures = spec.with_file_name("fixtures3.json");
    let generated = generator::generate(&spec).unwrap_or_else(|failure| panic!("{failure}"));
    let temp = tempfile::tempdir().expect("temp dir");
    let crate_dir = temp.path().join("stripe-client");
    generator::write::write(&crate_dir, &generated.files).expect("write");
    fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("lock");
    // It packages as crates.io takes it (manifest fields, its own README); the
    // package's build is the checks below.
    package_with_parts(&crate_dir, &fixtures);

    let stderr = cargo(
        &crate_dir,
        &fixtures,
        &["check", "--all-features", "--message-format=short"],
    );
    assert_no_warnings(&stderr, "cargo check --all-features");
    let mut feature_sets: Vec<String> = feature_sets.iter().map(|s| s.to_string()).collect();
    if every_resource {
        feature_sets.extend(resource_features(&crate_dir));
    }
    for features in &feature_sets {
        let stderr = cargo(
            &crate_dir,
            &fixtures,
            &[
                "check",
                "--no-default-features",
                "--features",
                features,
                "--message-format=short",
            ],
        );
        assert_no_warnings(&stderr, features);
    }
    let stderr = cargo(
        &crate_dir,
        &fixtures,
        &["check", "--no-default-features", "--message-format=short"],
    );
    assert_no_warnings(&stderr, "no features");
    if rustdoc {
        let output = Command::new(env!("CARGO"))
            .args([
                "doc",
                "--no-deps",
                "--all-features",
                "--message-format=short",
            ])
            .current_dir(&crate_dir)
            .env(
                "CARGO_TARGET_DIR",
                workspace_root().join("target/full-spec"),
            )
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo doc runs");
        assert!(
            output.status.success(),
            "rustdoc with warnings denied:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    // The tests of tests/full_crate/, with a map from fixture names to types.
    let tests_dir = crate_dir.join("tests");
    fs::create_dir_all(tests_dir.join("support")).expect("tests dir");
    // Every spec's crate runs the fixtures test; the rest by directory.
    let mut sources = vec![workspace_root().join("tests/full_crate/fixtures.rs")];
    for dir in test_dirs {
        sources.extend(rust_files(&workspace_root().join(dir)));
    }
    copy_into(&sources, &tests_dir);
    fs::write(
        tests_dir.join("support/fixture_expectations.rs"),
        fixture_expectations,
    )
    .expect("fixture expectations");
    let arms: String = generated
        .components
        .iter()
        .map(|(name, path)| {
            format!("        {name:?} => round_trip::<stripe_client::{path}>(value),\n")
        })
        .collect();
    fs::write(
        tests_dir.join("support/fixture_types.rs"),
        format!(
            "/// Decodes a fixture as its generated type, if there is one.\n\
             fn decode_resource(name: &str, value: &Value) -> Option<Result<(), String>> {{\n\
             \x20   Some(match name {{\n{arms}        _ => return None,\n    }})\n}}\n"
        ),
    )
    .expect("fixture map");
    // The kinds of event objects and the event types, for tests/full_crate/webhooks.rs.
    let api = {
        let spec = generator::load::load(&spec).expect("spec");
        generator::model::build(&spec, &generator::model::Selection::all()).expect("model")
    };
    let webhooks = api
        .webhooks
        .as_ref()
        .expect("the full spec describes events");
    let kinds: String = webhooks
        .kinds
        .iter()
        .map(|kind| format!("    {:?},\n", kind.object))
        .collect();
    let event_types: Vec<String> = api
        .types
        .iter()
        .filter(|def| def.name == webhooks.event_type)
        .flat_map(|def| match &def.kind {
            generator::model::TypeKind::Enum { variants } => variants
                .iter()
                .map(|v| format!("    {:?},\n", v.wire))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    fs::write(
        tests_dir.join("support/event_kinds.rs"),
        format!(
            "/// The `object` of every kind `EventObject` has a variant for.\n\
             const EVENT_OBJECT_KINDS: &[&str] = &[\n{kinds}];\n\
             /// Every event type of the spec.\n\
             const EVENT_TYPES: &[&str] = &[\n{}];\n",
            event_types.concat()
        ),
    )
    .expect("event kinds");
    let manifest_path = crate_dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&manifest_path).expect("manifest");
    // The tests' own crates: the facade depends on its parts only, so what the tests
    // use of the parts' dependencies is named here (all in Cargo.lock).
    let mut manifest = manifest.replace(
        "[dev-dependencies]\n",
        "[dev-dependencies]\nwiremock = \"0.6\"\nserde = \"1\"\nserde_json = \"1\"\n\
         futures-util = \"0.3\"\nreqwest = { version = \"0.12\", default-features = false }\n",
    );
    if api_examples {
        copy_api_examples(&crate_dir);
        // What tests/api_examples/Cargo.toml adds for them (all in Cargo.lock).
        let tokio = "tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n";
        assert!(
            manifest.contains(tokio),
            "the generated crate's tokio dev-dependency"
        );
        manifest = manifest.replace(
            tokio,
            "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\", \"sync\", \"time\"] }\n\
             axum = { version = \"0.8\", default-features = false, features = [\"tokio\", \"http1\"] }\n\
             form_urlencoded = \"1\"\n",
        );
    }
    fs::write(&manifest_path, manifest).expect("manifest");
    let stderr = cargo(
        &crate_dir,
        &fixtures,
        &["test", "--all-features", "--message-format=short"],
    );
    assert_no_warnings(&stderr, "cargo test --all-features");
    if readme_examples {
        readme_examples_compile(temp.path(), &fixtures);
    }
}

/// Copies the runnable examples into the crate's `examples/`, where they use it as
/// `stripe_client` just as they use the crate `tests/api_examples/Cargo.toml` names.
fn copy_api_examples(crate_dir: &Path) {
    let examples = rust_files(&workspace_root().join("tests/api_examples/examples"));
    assert!(examples.len() >= 6, "{} examples", examples.len());
    copy_into(&examples, &crate_dir.join("examples"));
}

/// The `.rs` files directly in `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .collect()
}

/// Copies `files` into `dir` (made if missing), each under its own name.
fn copy_into(files: &[PathBuf], dir: &Path) {
    fs::create_dir_all(dir).expect("dir");
    for path in files {
        fs::copy(path, dir.join(path.file_name().expect("name")))
            .unwrap_or_else(|error| panic!("copy {}: {error}", path.display()));
    }
}

/// Every Rust block of the README compiles against the crate in `dir/stripe-client`:
/// they are the doctests of a crate beside it whose docs are the README (blocks are
/// `no_run`: they would call Stripe). Its dependency on the generated crate has every
/// feature, as the checks before built it, so it is not compiled again.
fn readme_examples_compile(dir: &Path, fixtures: &Path) {
    let readme_crate = dir.join("readme-examples");
    fs::create_dir_all(&readme_crate).expect("readme crate");
    fs::copy(
        workspace_root().join("README.md"),
        readme_crate.join("README.md"),
    )
    .expect("README");
    fs::copy(
        workspace_root().join("Cargo.lock"),
        readme_crate.join("Cargo.lock"),
    )
    .expect("lock");
    fs::write(
        readme_crate.join("lib.rs"),
        "#![doc = include_str!(\"README.md\")]\n",
    )
    .expect("lib.rs");
    fs::write(
        readme_crate.join("Cargo.toml"),
        "[package]\nname = \"readme-examples\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n\
         stripe-client = { path = \"../stripe-client\", features = [\"native-tls\", \"tracing\", \"blocking\"] }\n\
         futures-util = \"0.3\"\nserde_json = \"1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n",
    )
    .expect("manifest");
    let readme = fs::read_to_string(workspace_root().join("README.md")).expect("README");
    let rust_blocks = readme
        .lines()
        .filter(|line| line.starts_with("```rust"))
        .count();
    assert!(
        !readme.contains("```rust,ignore"),
        "a README block is `ignore`d"
    );
    let stderr = cargo(
        &readme_crate,
        fixtures,
        &["test", "--doc", "--message-format=short"],
    );
    assert_no_warnings(&stderr, "the README's examples");
    // Every block was a doctest: none was skipped for its fence.
    let (listed, _) = cargo_output(
        &readme_crate,
        fixtures,
        &["test", "--doc", "--quiet", "--", "--list"],
    );
    let tests = listed
        .lines()
        .filter(|line| line.ends_with(": test"))
        .count();
    assert_eq!(tests, rust_blocks, "README blocks run as doctests");
    assert!(rust_blocks >= 6, "{rust_blocks} Rust blocks in the README");
}

#[test]
#[ignore = "compiles a generated crate; run by .ci/run"]
fn a_renamed_crate_builds_and_its_doc_examples_compile() {
    let crate_info = generator::emit::CrateInfo::new("acme-stripe", "2.1.0")
        .and_then(|info| info.with_description("Acme's Stripe client"))
        .and_then(|info| info.with_repository("https://example.com/acme/stripe"))
        .expect("valid");
    let generated = generator::generate_crate(
        &tests::seed_spec(),
        &generator::model::Selection::all(),
        &crate_info,
    )
    .unwrap_or_else(|failure| panic!("{failure}"));
    let temp = tempfile::tempdir().expect("temp dir");
    let crate_dir = temp.path().join("acme-stripe");
    generator::write::write(&crate_dir, &generated.files).expect("write");
    fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("lock");
    // The doctests use the crate by its new name (`use acme_stripe::...`).
    let stderr = cargo(
        &crate_dir,
        &stripe_spec().with_file_name("fixtures3.json"),
        &["test", "--doc", "--message-format=short"],
    );
    assert_no_warnings(&stderr, "cargo test --doc of the renamed crate");
    // What `cargo publish` would upload: it packages, with the manifest's fields and
    // the crate's README, under the new name.
    let listed = package_with_parts(&crate_dir, &stripe_spec().with_file_name("fixtures3.json"));
    assert!(
        listed.lines().any(|file| file == "README.md") && listed.lines().any(|f| f == "Cargo.toml"),
        "packaged files:\n{listed}"
    );
    let manifest = fs::read_to_string(crate_dir.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("\nrepository = \"https://example.com/acme/stripe\"\n"));
    assert!(manifest.contains("\ndescription = \"Acme's Stripe client\"\n"));
    assert!(!manifest.contains("publish = false"));
    let readme = fs::read_to_string(crate_dir.join("README.md")).expect("README");
    assert!(readme.starts_with("<!-- @generated") && readme.contains("# acme-stripe"));
}
