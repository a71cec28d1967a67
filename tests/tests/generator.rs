//! The generator as a whole: the committed crate is what it makes, runs are
//! deterministic, `--check` works, and its output is pinned by snapshots.

use std::fs;

use generator::write;
use tests::{generated_dir, seed_spec};

fn run_cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = generator::cli::run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn committed_crate_is_what_the_generator_makes() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("generated");
    let (code, stdout, stderr) = run_cli(&[
        "--spec",
        seed_spec().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("generated 2 operations"), "{stdout}");
    let fresh = generator::generate(&seed_spec()).unwrap();
    let committed = write::compare(&generated_dir(), &fresh.files).unwrap();
    assert!(
        committed.is_empty(),
        "generated/ is stale; run `cargo run -p generator`: {committed:?}"
    );
    for file in &fresh.files {
        let written = fs::read(out.join(&file.path)).unwrap();
        let in_repo = fs::read(generated_dir().join(&file.path)).unwrap();
        assert_eq!(written, in_repo, "{}", file.path.display());
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    let first = generator::generate(&seed_spec()).unwrap();
    let second = generator::generate(&seed_spec()).unwrap();
    assert_eq!(first.files, second.files);
}

#[test]
fn every_file_starts_with_the_generated_header() {
    for file in generator::generate(&seed_spec()).unwrap().files {
        let first = file.text.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated"),
            "{}: {first}",
            file.path.display()
        );
    }
}

#[test]
fn check_reports_changes_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("generated");
    let spec = seed_spec();
    let spec = spec.to_str().unwrap();
    let out_arg = out.to_str().unwrap();

    let (code, _, stderr) = run_cli(&["--spec", spec, "--out", out_arg, "--check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("src/lib.rs"), "{stderr}");
    assert!(!out.exists(), "--check wrote something");

    assert_eq!(run_cli(&["--spec", spec, "--out", out_arg]).0, 0);
    let (code, stdout, stderr) = run_cli(&["--spec", spec, "--out", out_arg, "--check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("up to date"), "{stdout}");

    let lib = out.join("src/lib.rs");
    fs::write(&lib, "// edited by hand\n").unwrap();
    fs::write(out.join("src/extra.rs"), "").unwrap();
    let (code, _, stderr) = run_cli(&["--spec", spec, "--out", out_arg, "--check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("src/lib.rs") && stderr.contains("src/extra.rs (would be removed)"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&lib).unwrap(), "// edited by hand\n");
}

/// The one file below `dir` whose path ends with `suffix` (a part's file, wherever
/// the partition put it).
fn find_file(dir: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    tests::files_below(dir)
        .into_iter()
        .find(|path| path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} below {}", dir.display()))
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("generated");
    let spec = seed_spec();
    let args = [
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(run_cli(&args).0, 0);
    let types = find_file(&out, "src/types/portal_features.rs");
    let before = fs::metadata(&types).unwrap().modified().unwrap();
    fs::write(out.join("src/lib.rs"), "// stale\n").unwrap();
    let (code, stdout, _) = run_cli(&args);
    assert_eq!(code, 0);
    assert!(stdout.contains("1 files written"), "{stdout}");
    assert_eq!(fs::metadata(&types).unwrap().modified().unwrap(), before);
    let (_, stdout, _) = run_cli(&args);
    assert!(stdout.contains("0 files written"), "{stdout}");
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_make() {
    let temp = tempfile::tempdir().unwrap();
    fs::write(temp.path().join("notes.txt"), "mine").unwrap();
    let spec = seed_spec();
    let (code, _, stderr) = run_cli(&[
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        temp.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("did not make"), "{stderr}");
    assert_eq!(
        fs::read_to_string(temp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run_cli(&["--nope"]).0, 2);
    assert_eq!(run_cli(&["--spec"]).0, 2);
    assert_eq!(run_cli(&["--help"]).0, 0);
}

#[test]
fn yaml_and_json_give_the_same_crate() {
    let yaml = fs::read_to_string(seed_spec()).unwrap();
    let value = generator::load::yaml_to_json(&yaml).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let json_path = temp.path().join("stripe.json");
    fs::write(&json_path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let from_yaml = generator::generate(&seed_spec()).unwrap();
    let from_json = generator::generate(&json_path).unwrap();
    assert_eq!(from_yaml.files, from_json.files);
}

/// The generated sources a reviewer reads, pinned; the runtime files are copies of
/// templates/ and are checked by the freshness test instead.
#[test]
fn generated_source_snapshots() {
    let generated = generator::generate(&seed_spec()).unwrap();
    for file in generated.files {
        let path = file.path.to_string_lossy().replace('\\', "/");
        if path.contains("src/runtime/") || path.ends_with("Cargo.toml") {
            continue;
        }
        // A file by its path in its part (`types/customer.rs`); a part's own `lib.rs`
        // and `mod.rs` with the part's name, since every part has them.
        let name = match path.strip_prefix("parts/") {
            Some(in_parts) => {
                let (part, within) = in_parts.split_once("/src/").unwrap();
                if within == "lib.rs" || within.ends_with("mod.rs") {
                    format!("{part}_{within}")
                } else {
                    within.to_string()
                }
            }
            None => path.trim_start_matches("src/").to_string(),
        }
        .replace(['/', '.', '-'], "_");
        insta::assert_snapshot!(name, file.text);
    }
}

/// `--crate-name` and `--crate-version`: the manifest, the docs' examples (and so the
/// `User-Agent`, which the runtime reads from the manifest) follow; bad values are
/// refused before anything is written. The renamed crate's doctests are compiled by the
/// full-spec test.
#[test]
fn a_team_can_name_and_version_its_crate() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("acme");
    let (code, _, stderr) = run_cli(&[
        "--spec",
        seed_spec().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "acme-stripe",
        "--crate-version",
        "2.1.0",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nname = \"acme-stripe\"\n"),
        "{manifest}"
    );
    assert!(manifest.contains("\nversion = \"2.1.0\"\n"), "{manifest}");
    assert!(!manifest.contains("stripe-client"), "{manifest}");
    let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("use acme_stripe::"), "{lib}");
    assert!(!lib.contains("stripe_client"), "{lib}");
    // Every part is named after the crate, and the `User-Agent` names the crate.
    let http = fs::read_to_string(out.join("parts/http/Cargo.toml")).unwrap();
    assert!(http.contains("\nname = \"acme-stripe-http\"\n"), "{http}");
    let user_agent = fs::read_to_string(out.join("parts/http/src/lib.rs")).unwrap();
    assert!(
        user_agent.contains("PACKAGE_NAME: &str = \"acme-stripe\";")
            && user_agent.contains("PACKAGE_VERSION: &str = \"2.1.0\";"),
        "{user_agent}"
    );

    let refused = temp.path().join("refused");
    let (code, _, stderr) = run_cli(&[
        "--out",
        refused.to_str().unwrap(),
        "--crate-name",
        "not a name",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("crate name \"not a name\""), "{stderr}");
    assert!(!refused.exists());
}

/// A path parameter named like one of a call's other arguments (`client`, `params`)
/// gets `_id`, so the call still compiles.
#[test]
fn path_parameters_never_shadow_the_calls_locals() {
    let text = fs::read_to_string(seed_spec())
        .unwrap()
        .replace("{configuration}", "{client}")
        .replace("name: configuration", "name: client");
    let generated =
        generator::generate_text(&text, true, std::path::Path::new("locals.yaml"), true)
            .unwrap_or_else(|failure| panic!("{failure}"))
            .unwrap();
    let call = generated
        .files
        .iter()
        .find(|file| file.path.ends_with("billing_portal/configurations.rs"))
        .unwrap();
    assert!(
        call.text
            .contains("client_id: &crate::Id<crate::types::BillingPortalConfiguration>,"),
        "{}",
        call.text
    );
    assert!(
        call.text
            .contains(".param(\"client\", client_id, Some(5000))"),
        "{}",
        call.text
    );
}

/// Each part depends on the crates its code names, and the parts that hold types do
/// not depend on the HTTP stack: in a cold build they then wait for serde_json only,
/// not for reqwest, hyper and rustls (`PartKind::external_dependencies`).
#[test]
fn parts_depend_on_the_crates_they_name_and_types_not_on_http() {
    let template =
        fs::read_to_string(tests::workspace_root().join("templates/Cargo.toml")).unwrap();
    let template_dependencies = section_names(&template, "[dependencies]");
    assert!(template_dependencies.contains(&"reqwest".to_string()));
    let parts = generated_dir().join("parts");
    let mut checked = 0;
    for entry in fs::read_dir(&parts).unwrap() {
        let part = entry.unwrap().path();
        let name = part.file_name().unwrap().to_string_lossy().to_string();
        let manifest = fs::read_to_string(part.join("Cargo.toml")).unwrap();
        let declared = section_names(&manifest, "[dependencies]");
        let sources: String = tests::files_below(&part.join("src"))
            .into_iter()
            .map(|path| fs::read_to_string(path).unwrap())
            .collect();
        for dependency in &template_dependencies {
            let path = format!("{}::", dependency.replace('-', "_"));
            let named = sources.match_indices(&path).any(|(at, _)| {
                // A whole name (`serde::`, not `tokio_serde::`).
                !sources[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if named {
                assert!(
                    declared.contains(dependency),
                    "{name} names {dependency} but does not depend on it"
                );
            }
        }
        if name.starts_with("types") || name == "params" || name == "runtime" {
            for http in [
                "reqwest",
                "tokio",
                "futures-util",
                "uuid",
                "tracing",
                "hmac",
            ] {
                assert!(
                    !declared.contains(&http.to_string()),
                    "{name} depends on {http}"
                );
            }
            // Features name no dependency the part does not have.
            assert!(manifest.contains("\nrustls = []\n"), "{manifest}");
        }
        checked += 1;
    }
    assert!(checked >= 6, "{checked} parts");
}

/// The package names a manifest's `section` declares, in order.
fn section_names(manifest: &str, section: &str) -> Vec<String> {
    let Some((_, rest)) = manifest.split_once(&format!("\n{section}\n")) else {
        return Vec::new();
    };
    rest.lines()
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name.to_string()))
        .collect()
}
