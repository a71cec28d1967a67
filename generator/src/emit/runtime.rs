//! The hand-written files from `templates/`, embedded in the generator so that it is
//! self-contained, and emitted into every generated crate unchanged.

use std::path::PathBuf;

use super::{Content, OutputFile};

/// The crate documentation's text (Markdown), before the example.
pub const CRATE_DOCS: &str = include_str!("../../../templates/crate_docs.md");
/// The crate documentation's example, shown when the seed operation is generated.
pub const CRATE_EXAMPLE: &str = include_str!("../../../templates/crate_example.md");

/// (path in the generated crate, path in this repository, text)
const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "Cargo.toml",
        "templates/Cargo.toml",
        include_str!("../../../templates/Cargo.toml"),
    ),
    (
        "src/runtime/mod.rs",
        "templates/runtime/mod.rs",
        include_str!("../../../templates/runtime/mod.rs"),
    ),
    (
        "src/runtime/client.rs",
        "templates/runtime/client.rs",
        include_str!("../../../templates/runtime/client.rs"),
    ),
    (
        "src/runtime/error.rs",
        "templates/runtime/error.rs",
        include_str!("../../../templates/runtime/error.rs"),
    ),
    (
        "src/runtime/expandable.rs",
        "templates/runtime/expandable.rs",
        include_str!("../../../templates/runtime/expandable.rs"),
    ),
    (
        "src/runtime/form.rs",
        "templates/runtime/form.rs",
        include_str!("../../../templates/runtime/form.rs"),
    ),
    (
        "src/runtime/path.rs",
        "templates/runtime/path.rs",
        include_str!("../../../templates/runtime/path.rs"),
    ),
    (
        "src/runtime/unsettable.rs",
        "templates/runtime/unsettable.rs",
        include_str!("../../../templates/runtime/unsettable.rs"),
    ),
    (
        "src/runtime/validate.rs",
        "templates/runtime/validate.rs",
        include_str!("../../../templates/runtime/validate.rs"),
    ),
];

pub fn template_files() -> Vec<OutputFile> {
    TEMPLATES
        .iter()
        .map(|(path, source, text)| OutputFile {
            path: PathBuf::from(path),
            content: Content::Template { source, text },
        })
        .collect()
}
