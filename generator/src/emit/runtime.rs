//! The hand-written files from `templates/`, embedded in the generator so that it is
//! self-contained, and emitted into every generated crate unchanged.

use std::path::PathBuf;

use super::{Content, OutputFile};

/// The generated crate's manifest, before its `[features]` table.
pub const MANIFEST: &str = include_str!("../../../templates/Cargo.toml");

/// The manifest's `[package]` lines that `--crate-name` and `--crate-version` replace.
pub const MANIFEST_NAME_LINE: &str = "name = \"stripe-client\"\n";
pub const MANIFEST_VERSION_LINE: &str = "version = \"0.1.0\"\n";
/// The manifest's `[package]` keys that `--description` and `--license` replace, and
/// its last line, after which `repository`, `documentation` and `publish` go.
pub const MANIFEST_DESCRIPTION_KEY: &str = "description";
pub const MANIFEST_LICENSE_KEY: &str = "license";
pub const MANIFEST_README_LINE: &str = "readme = \"README.md\"\n";
/// Where the template's dependencies and dev-dependencies begin.
pub const MANIFEST_DEPENDENCIES: &str = "[dependencies]\n";
pub const MANIFEST_DEV_DEPENDENCIES: &str = "[dev-dependencies]\n";
/// The generated crate's README, with the package name, the library name and
/// [`README_API_VERSION`] replaced.
pub const CRATE_README: &str = include_str!("../../../templates/crate_readme.md");
/// The package name the README template uses.
pub const TEMPLATE_PACKAGE_NAME: &str = "stripe-client";
/// Where the README template says the API version.
pub const README_API_VERSION: &str = "{api_version}";
/// The library name the templates' examples use.
pub const TEMPLATE_LIB_NAME: &str = "stripe_client";

/// The crate documentation's text (Markdown), before the example.
pub const CRATE_DOCS: &str = include_str!("../../../templates/crate_docs.md");
/// The crate documentation's example, shown when the seed operation is generated.
pub const CRATE_EXAMPLE: &str = include_str!("../../../templates/crate_example.md");

/// (path in the generated crate, path in this repository, text)
macro_rules! template {
    ($out:literal, $source:literal) => {
        (
            $out,
            concat!("templates/", $source),
            include_str!(concat!("../../../templates/", $source)),
        )
    };
}

/// The runtime the types need: the `runtime` part's `src/runtime/`.
const TEMPLATES: &[(&str, &str, &str)] = &[
    template!("parts/runtime/src/runtime/mod.rs", "runtime/mod.rs"),
    template!(
        "parts/runtime/src/runtime/currency.rs",
        "runtime/currency.rs"
    ),
    template!(
        "parts/runtime/src/runtime/expandable.rs",
        "runtime/expandable.rs"
    ),
    template!("parts/runtime/src/runtime/form.rs", "runtime/form.rs"),
    template!("parts/runtime/src/runtime/id.rs", "runtime/id.rs"),
    template!("parts/runtime/src/runtime/invalid.rs", "runtime/invalid.rs"),
    template!("parts/runtime/src/runtime/json.rs", "runtime/json.rs"),
    template!("parts/runtime/src/runtime/page.rs", "runtime/page.rs"),
    template!("parts/runtime/src/runtime/path.rs", "runtime/path.rs"),
    template!("parts/runtime/src/runtime/read.rs", "runtime/read.rs"),
    template!("parts/runtime/src/runtime/redact.rs", "runtime/redact.rs"),
    template!(
        "parts/runtime/src/runtime/timestamp.rs",
        "runtime/timestamp.rs"
    ),
    template!(
        "parts/runtime/src/runtime/unsettable.rs",
        "runtime/unsettable.rs"
    ),
    template!("parts/runtime/src/runtime/upload.rs", "runtime/upload.rs"),
    template!(
        "parts/runtime/src/runtime/validate.rs",
        "runtime/validate.rs"
    ),
    template!(
        "parts/runtime/src/runtime/value_enum.rs",
        "runtime/value_enum.rs"
    ),
    template!("parts/runtime/src/runtime/values.rs", "runtime/values.rs"),
    // The client, its errors and the page walkers: the `http` part's `src/runtime/`.
    template!("parts/http/src/runtime/mod.rs", "http/mod.rs"),
    template!("parts/http/src/runtime/blocking.rs", "http/blocking.rs"),
    template!("parts/http/src/runtime/client.rs", "http/client.rs"),
    template!("parts/http/src/runtime/error.rs", "http/error.rs"),
    template!("parts/http/src/runtime/walk.rs", "http/walk.rs"),
    // `Expand`, beside the expansion constants: the `answers` part's `src/runtime/`.
    template!("parts/answers/src/runtime/mod.rs", "answers/mod.rs"),
    template!("parts/answers/src/runtime/expand.rs", "answers/expand.rs"),
];

/// The `webhooks` module, emitted when the spec describes events; its examples name
/// the crate, so they follow `--crate-name`.
pub fn webhooks_file<'a>(crate_info: &super::CrateInfo) -> OutputFile<'a> {
    let (path, source, text) = template!("parts/answers/src/webhooks.rs", "webhooks.rs");
    OutputFile {
        path: PathBuf::from(path),
        content: Content::Template {
            source,
            text: crate_info.rename_in(text),
        },
    }
}

/// The runtime's files; their doc examples name the crate, so they follow
/// `--crate-name`.
pub fn template_files<'a>(crate_info: &super::CrateInfo) -> Vec<OutputFile<'a>> {
    TEMPLATES
        .iter()
        .map(|(path, source, text)| OutputFile {
            path: PathBuf::from(path),
            content: Content::Template {
                source,
                text: crate_info.rename_in(text),
            },
        })
        .collect()
}
