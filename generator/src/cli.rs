//! The command line: `generator [--spec PATH] [--out DIR] [--check]`.

use std::io::Write;
use std::path::PathBuf;

const USAGE: &str = "\
usage: generator [--spec PATH] [--out DIR] [--operations LIST]
                 [--crate-name NAME] [--crate-version VERSION] [--description TEXT]
                 [--license SPDX] [--repository URL] [--documentation URL]
                 [--no-publish] [--check] [--timings]

  --spec PATH  OpenAPI 3.0 document, JSON or YAML by extension (default: spec/stripe.yaml)
  --out DIR    directory of the generated crate (default: generated)
  --operations LIST
               only these operations and the types they need: a comma-separated
               list of operationIds and resource modules (customers,
               billing_portal::configurations or billing_portal.configurations)
  --crate-name NAME
               the generated crate's package name (default: stripe-client);
               its docs and User-Agent follow
  --crate-version VERSION
               the generated crate's version (default: 0.1.0)
  --description TEXT, --license SPDX, --repository URL, --documentation URL
               the generated manifest's fields for crates.io (description and
               license have defaults; repository or documentation is yours)
  --no-publish add `publish = false` to the generated manifest
  --check      write nothing; exit 1 listing the files that would change
  --timings    also print how long each stage took (load, model, render, write)
  --help       show this text

Relative defaults are taken from the repository root.";

#[derive(Debug, PartialEq, Eq)]
struct Arguments {
    spec: PathBuf,
    out: PathBuf,
    operations: Option<Vec<String>>,
    crate_info: crate::emit::CrateInfo,
    check: bool,
    timings: bool,
}

fn parse(args: &[String]) -> Result<Option<Arguments>, String> {
    let root = crate::workspace_root();
    let mut parsed = Arguments {
        spec: root.join("spec/stripe.yaml"),
        out: root.join("generated"),
        operations: None,
        crate_info: crate::emit::CrateInfo::default(),
        check: false,
        timings: false,
    };
    let (mut crate_name, mut crate_version) = (None, None);
    // Manifest fields, applied once the name and version are known.
    type Field = fn(crate::emit::CrateInfo, &str) -> Result<crate::emit::CrateInfo, String>;
    let mut manifest_fields: Vec<(Field, String)> = Vec::new();
    let mut no_publish = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline_value
                .clone()
                .or_else(|| iter.next().cloned())
                .filter(|value| !value.is_empty())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--spec" => parsed.spec = PathBuf::from(value("--spec")?),
            "--out" => parsed.out = PathBuf::from(value("--out")?),
            "--operations" => {
                let list = value("--operations")?;
                parsed.operations = Some(
                    list.split(',')
                        .map(str::trim)
                        .filter(|name| !name.is_empty())
                        .map(str::to_string)
                        .collect(),
                );
            }
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--crate-version" => crate_version = Some(value("--crate-version")?),
            "--description" => manifest_fields.push((
                crate::emit::CrateInfo::with_description,
                value("--description")?,
            )),
            "--license" => {
                manifest_fields.push((crate::emit::CrateInfo::with_license, value("--license")?))
            }
            "--repository" => manifest_fields.push((
                crate::emit::CrateInfo::with_repository,
                value("--repository")?,
            )),
            "--documentation" => manifest_fields.push((
                crate::emit::CrateInfo::with_documentation,
                value("--documentation")?,
            )),
            "--no-publish" if inline_value.is_none() => no_publish = true,
            "--check" if inline_value.is_none() => parsed.check = true,
            "--timings" if inline_value.is_none() => parsed.timings = true,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if crate_name.is_some() || crate_version.is_some() {
        parsed.crate_info = crate::emit::CrateInfo::new(
            crate_name.as_deref().unwrap_or("stripe-client"),
            crate_version.as_deref().unwrap_or("0.1.0"),
        )?;
    }
    for (set, value) in manifest_fields {
        parsed.crate_info = set(parsed.crate_info, &value)?;
    }
    if no_publish {
        parsed.crate_info = parsed.crate_info.not_published();
    }
    Ok(Some(parsed))
}

/// Runs the generator with `args` (without the program name); returns the exit code:
/// 0 success, 1 a failed run or a `--check` that found changes, 2 bad arguments.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let arguments = match parse(args) {
        Ok(Some(arguments)) => arguments,
        Ok(None) => {
            let _ = writeln!(out, "{USAGE}");
            return 0;
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}\n\n{USAGE}");
            return 2;
        }
    };
    let selection = match &arguments.operations {
        Some(names) => crate::model::Selection::only(names.iter().cloned()),
        None => crate::model::Selection::all(),
    };
    let report = match crate::run(
        &arguments.spec,
        &arguments.out,
        &selection,
        &arguments.crate_info,
        arguments.check,
    ) {
        Ok(report) => report,
        Err(failure) => {
            let _ = writeln!(
                err,
                "error: {failure}\nnothing was written; {} is unchanged",
                arguments.out.display()
            );
            return 1;
        }
    };
    let generated = &report.generated;
    let changes = &report.changes;
    let millis = report.elapsed.as_secs_f64() * 1000.0;
    if arguments.timings {
        let stage = |time: std::time::Duration| time.as_secs_f64() * 1000.0;
        let timings = &report.timings;
        let _ = writeln!(
            err,
            "timings: load {:.0} ms, model {:.0} ms, render {:.0} ms, write {:.0} ms",
            stage(timings.load),
            stage(timings.model),
            stage(timings.render),
            stage(timings.write)
        );
    }
    if arguments.check {
        if changes.is_empty() {
            let _ = writeln!(
                out,
                "{} is up to date: {} operations, {} types, {} files checked in {millis:.0} ms",
                arguments.out.display(),
                generated.operations,
                generated.types,
                generated.files.len()
            );
            return 0;
        }
        let _ = writeln!(
            err,
            "{} is out of date; these files would change:",
            arguments.out.display()
        );
        for path in &changes.changed {
            let _ = writeln!(err, "  {}", path.display());
        }
        for path in &changes.stale {
            let _ = writeln!(err, "  {} (would be removed)", path.display());
        }
        let _ = writeln!(err, "run `cargo run -p generator` to regenerate");
        return 1;
    }
    let _ = writeln!(
        out,
        "generated {} operations, {} types: {} files written, {} unchanged, {} removed, in {millis:.0} ms",
        generated.operations,
        generated.types,
        changes.changed.len(),
        changes.unchanged,
        changes.stale.len()
    );
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_parse() {
        let parsed = parse(&args(&["--spec", "a.json", "--out=b", "--check"]))
            .unwrap()
            .unwrap();
        assert_eq!(parsed.spec, PathBuf::from("a.json"));
        assert_eq!(parsed.out, PathBuf::from("b"));
        assert!(parsed.check);
        assert!(!parsed.timings);
        assert!(parse(&args(&["--timings"])).unwrap().unwrap().timings);
        assert!(parse(&args(&["--timings=yes"])).is_err());
        assert!(parse(&args(&["--spec"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
        assert_eq!(parse(&args(&["--help"])).unwrap(), None);
    }

    #[test]
    fn manifest_fields_are_checked() {
        let parsed = parse(&args(&[
            "--description",
            "Acme's \"Stripe\" client",
            "--license=MIT",
            "--repository",
            "https://example.com/acme/stripe",
            "--no-publish",
        ]))
        .unwrap()
        .unwrap();
        let expected = crate::emit::CrateInfo::default()
            .with_description("Acme's \"Stripe\" client")
            .and_then(|info| info.with_license("MIT"))
            .and_then(|info| info.with_repository("https://example.com/acme/stripe"))
            .unwrap()
            .not_published();
        assert_eq!(parsed.crate_info, expected);
        for bad in [
            &["--description", " "][..],
            &["--license", "MIT; rm -rf"],
            &["--repository", "example.com"],
            &["--documentation", "https://a b"],
            &["--no-publish=yes"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn crate_name_and_version_are_checked() {
        let parsed = parse(&args(&[
            "--crate-name",
            "acme-stripe",
            "--crate-version=2.1.0-rc.1",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            parsed.crate_info,
            crate::emit::CrateInfo::new("acme-stripe", "2.1.0-rc.1").unwrap()
        );
        for bad in [
            &["--crate-name", "9lives"][..],
            &["--crate-name", "a b"],
            &["--crate-name", "ä"],
            &["--crate-version", "1.2"],
            &["--crate-version", "1.2.x"],
            &["--crate-version", "1.2.3-"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
