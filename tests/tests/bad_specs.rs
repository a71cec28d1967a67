//! Bad input: every broken spec gives a non-zero exit and a message naming the file, the
//! JSON pointer and (inside an operation) the operationId, and leaves the existing
//! output exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tests::seed_spec;

const OPERATION_POINTER: &str = "/paths/~1v1~1billing_portal~1configurations~1{configuration}/post";
const BODY_POINTER: &str = "/paths/~1v1~1billing_portal~1configurations~1{configuration}/post/requestBody/content/application~1x-www-form-urlencoded/schema";

struct Workspace {
    _temp: tempfile::TempDir,
    out: PathBuf,
    dir: PathBuf,
}

/// A temporary directory holding a good generated crate to be left untouched.
fn workspace() -> Workspace {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_path_buf();
    let out = dir.join("generated");
    let (code, _, stderr) = run(&seed_spec(), &out);
    assert_eq!(code, 0, "{stderr}");
    Workspace {
        _temp: temp,
        out,
        dir,
    }
}

fn run(spec: &Path, out: &Path) -> (i32, String, String) {
    let args = vec![
        "--spec".to_string(),
        spec.to_string_lossy().into_owned(),
        "--out".to_string(),
        out.to_string_lossy().into_owned(),
    ];
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = generator::cli::run(&args, &mut stdout, &mut stderr);
    (
        code,
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    tests::files_below(dir)
        .into_iter()
        .map(|path| {
            let bytes = fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Runs the generator on `text` saved as `file_name` and returns its error output,
/// after checking the exit code, that the output is untouched and the file is named.
fn fails_with(file_name: &str, text: &str) -> String {
    let workspace = workspace();
    let spec = workspace.dir.join(file_name);
    fs::write(&spec, text).unwrap();
    let before = snapshot_tree(&workspace.out);
    let (code, stdout, stderr) = run(&spec, &workspace.out);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(snapshot_tree(&workspace.out), before, "the output changed");
    assert!(
        stderr.contains(&spec.display().to_string()),
        "file not named: {stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn seed_text() -> String {
    fs::read_to_string(seed_spec()).unwrap()
}

fn seed_json() -> serde_json::Value {
    generator::load::yaml_to_json(&seed_text()).unwrap()
}

#[test]
fn malformed_yaml() {
    let stderr = fails_with("broken.yaml", "openapi: 3.0.0\npaths: [unclosed\n");
    assert!(
        stderr.contains("#(document root): invalid YAML"),
        "{stderr}"
    );
    assert!(stderr.contains("line"), "{stderr}");
}

#[test]
fn malformed_json() {
    let stderr = fails_with("broken.json", "{\"openapi\": \"3.0.0\", \"paths\": {");
    assert!(
        stderr.contains("#(document root): invalid JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("line 1"), "{stderr}");
}

#[test]
fn document_that_is_not_openapi_names_the_node() {
    let mut spec = seed_json();
    spec["paths"]["/v1/billing_portal/configurations/{configuration}"]["post"]["parameters"][0]
        ["in"] = serde_json::json!("nowhere");
    let stderr = fails_with("bad.json", &spec.to_string());
    assert!(
        stderr.contains(&format!(
            "#{OPERATION_POINTER}/parameters/0 (operationId PostBillingPortalConfigurationsConfiguration)"
        )),
        "{stderr}"
    );
}

#[test]
fn newer_openapi_versions_are_refused() {
    let mut spec = seed_json();
    spec["openapi"] = serde_json::json!("3.1.0");
    let stderr = fails_with("v31.json", &spec.to_string());
    assert!(
        stderr.contains("#/openapi: OpenAPI 3.1.0 is not supported"),
        "{stderr}"
    );
}

#[test]
fn dangling_ref() {
    let text = seed_text().replace(
        "$ref: \"#/components/schemas/portal_features\"",
        "$ref: \"#/components/schemas/portal_featurez\"",
    );
    let stderr = fails_with("dangling.yaml", &text);
    assert!(
        stderr.contains("#/components/schemas/billing_portal.configuration/properties/features"),
        "{stderr}"
    );
    assert!(
        stderr.contains("portal_featurez, which does not exist"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(operationId PostBillingPortalConfigurationsConfiguration)"),
        "{stderr}"
    );
}

#[test]
fn unsupported_construct_names_pointer_and_operation() {
    let mut spec = seed_json();
    spec["paths"]["/v1/billing_portal/configurations/{configuration}"]["post"]["requestBody"]
        ["content"]["application/x-www-form-urlencoded"]["schema"]["properties"]["active"] =
        serde_json::json!({ "oneOf": [{ "type": "boolean" }, { "type": "string" }] });
    let stderr = fails_with("oneof.json", &spec.to_string());
    assert!(
        stderr.contains(&format!(
            "#{BODY_POINTER}/properties/active (operationId PostBillingPortalConfigurationsConfiguration): `oneOf` is not supported yet"
        )),
        "{stderr}"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut spec = seed_json();
    let body = &mut spec["paths"]["/v1/billing_portal/configurations/{configuration}"]["post"]
        ["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["properties"];
    body["active"] = serde_json::json!({ "not": { "type": "boolean" } });
    body["expand"] = serde_json::json!({ "type": "array" });
    let stderr = fails_with("two.json", &spec.to_string());
    assert!(stderr.contains("2 problems"), "{stderr}");
    assert!(
        stderr.contains(&format!("{BODY_POINTER}/properties/active")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{BODY_POINTER}/properties/expand (operationId PostBillingPortalConfigurationsConfiguration): an array schema needs `items`")), "{stderr}");
}

#[test]
fn missing_spec_file() {
    let workspace = workspace();
    let before = snapshot_tree(&workspace.out);
    let (code, _, stderr) = run(&workspace.dir.join("absent.yaml"), &workspace.out);
    assert_eq!(code, 1);
    assert!(stderr.contains("absent.yaml"), "{stderr}");
    assert_eq!(snapshot_tree(&workspace.out), before);
}

/// Found by the fuzzer: a mutated seed spec on which the openapiv3 crate's `ReferenceOr`
/// reader panicked ("somehow this parsed successfully the second time") because its two
/// readings of a YAML node disagreed. It must be a diagnostic, not a panic.
#[test]
fn fuzz_regression_openapiv3_reference_panic() {
    let input =
        tests::workspace_root().join("tests/regressions/fuzz-openapiv3-reference-panic.yaml");
    let text = fs::read_to_string(input).unwrap();
    let stderr = fails_with("crash.yaml", &text);
    assert!(
        stderr.contains("#/components/schemas/api_errors"),
        "{stderr}"
    );
}

/// Found by the fuzzer: JSON with a duplicate key, which openapiv3 read two ways (the
/// buffered reading keeps both keys, a JSON value keeps the last) and then panicked.
#[test]
fn fuzz_regression_duplicate_keys() {
    let input =
        tests::workspace_root().join("tests/regressions/fuzz-openapiv3-duplicate-keys.json");
    let text = fs::read_to_string(input).unwrap();
    let stderr = fails_with("crash.json", &text);
    assert!(stderr.contains("trailing characters"), "{stderr}");

    // The same cause, minimal: a duplicate key inside an operation is read as JSON
    // reads it (the last one wins) rather than crashing the reader.
    let seed = seed_json().to_string();
    let duplicated = seed.replacen(
        "\"operationId\":",
        "\"description\":\"one\",\"description\":\"two\",\"operationId\":",
        1,
    );
    assert_ne!(duplicated, seed);
    let temp = tempfile::tempdir().unwrap();
    let spec = temp.path().join("duplicate.json");
    fs::write(&spec, duplicated).unwrap();
    let (code, _, stderr) = run(&spec, &temp.path().join("out"));
    assert_eq!(code, 0, "{stderr}");
}

/// Found by the property tests: a broken schema under deep nesting made the openapiv3
/// reader do 2^depth work (it reads a failing schema twice at every level). Schemas
/// nested deeper than Stripe's need are refused up front, naming the place.
#[test]
fn deeply_nested_schemas_are_refused_at_once() {
    let mut spec = seed_json();
    let mut leaf = serde_json::json!({ "type": 42 });
    for _ in 0..60 {
        leaf = serde_json::json!({ "type": "array", "items": leaf });
    }
    spec["paths"]["/v1/billing_portal/configurations/{configuration}"]["post"]["requestBody"]
        ["content"]["application/x-www-form-urlencoded"]["schema"]["properties"]["active"] = leaf;
    let stderr = fails_with("deep.json", &spec.to_string());
    assert!(
        stderr.contains(&format!("#{BODY_POINTER}/properties/active/items/items")),
        "{stderr}"
    );
    assert!(stderr.contains("nested more than 12 levels"), "{stderr}");
}

#[test]
fn a_path_with_an_unclosed_brace_is_named() {
    let text = seed_text().replace(
        "/v1/billing_portal/configurations/{configuration}:",
        "/v1/billing_portal/configurations/{configuration:",
    );
    let stderr = fails_with("brace.yaml", &text);
    assert!(
        stderr.contains(
            "#/paths/~1v1~1billing_portal~1configurations~1{configuration/post \
             (operationId PostBillingPortalConfigurationsConfiguration): path \
             \"/v1/billing_portal/configurations/{configuration\": `{` at byte 34 is never closed"
        ),
        "{stderr}"
    );
}
