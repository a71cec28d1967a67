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

const TEMPLATES: &[(&str, &str, &str)] = &[
    template!("src/runtime/mod.rs", "runtime/mod.rs"),
    template!("src/runtime/blocking.rs", "runtime/blocking.rs"),
    template!("src/runtime/client.rs", "runtime/client.rs"),
    template!("src/runtime/currency.rs", "runtime/currency.rs"),
    template!("src/runtime/error.rs", "runtime/error.rs"),
    template!("src/runtime/expand.rs", "runtime/expand.rs"),
    template!("src/runtime/expandable.rs", "runtime/expandable.rs"),
    template!("src/runtime/form.rs", "runtime/form.rs"),
    template!("src/runtime/id.rs", "runtime/id.rs"),
    template!("src/runtime/json.rs", "runtime/json.rs"),
    template!("src/runtime/page.rs", "runtime/page.rs"),
    template!("src/runtime/path.rs", "runtime/path.rs"),
    template!("src/runtime/read.rs", "runtime/read.rs"),
    template!("src/runtime/redact.rs", "runtime/redact.rs"),
    template!("src/runtime/timestamp.rs", "runtime/timestamp.rs"),
    template!("src/runtime/unsettable.rs", "runtime/unsettable.rs"),
    template!("src/runtime/upload.rs", "runtime/upload.rs"),
    template!("src/runtime/validate.rs", "runtime/validate.rs"),
    template!("src/runtime/value_enum.rs", "runtime/value_enum.rs"),
    template!("src/runtime/values.rs", "runtime/values.rs"),
];

/// The `webhooks` module, emitted when the spec describes events; its examples name
/// the crate, so they follow `--crate-name`.
pub fn webhooks_file<'a>(crate_info: &super::CrateInfo) -> OutputFile<'a> {
    let (path, source, text) = template!("src/webhooks.rs", "webhooks.rs");
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
