//! Stage 3: the model as Rust token streams, one per output file, plus the runtime
//! and manifest copied from `templates/`.

mod docs;
mod features;
mod operations;
pub mod parts;
mod runtime;
mod rust;
mod types;
mod webhooks;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::names::SnakeIdent;
use crate::model::{Api, ModulePath, Role, TypeDef, TYPES_MODULE};
pub use features::Features;
use parts::PartKind;
pub use parts::Parts;
use rust::ident;
pub use types::UNKNOWN_VARIANT;

/// One file of the generated crate, before formatting.
pub struct OutputFile<'a> {
    /// Relative to the output directory.
    pub path: PathBuf,
    pub content: Content<'a>,
}

/// Makes a file's tokens; run by whichever formatting thread takes the file (token
/// streams cannot move between threads, so they are made where they are formatted).
pub type MakeTokens<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

pub enum Content<'a> {
    /// Rust code, formatted by prettyplease when written.
    Rust(MakeTokens<'a>),
    /// A hand-written file from `templates/`, written as it is after a header (the
    /// crate's name in examples replaced where it is not the default).
    Template {
        source: &'static str,
        text: std::borrow::Cow<'static, str>,
    },
    /// A file from `templates/` with generated text added (the manifest's features).
    Extended { source: &'static str, text: String },
    /// A Markdown file made from a template (the crate's README), with a comment
    /// naming its source.
    Markdown { source: &'static str, text: String },
}

/// The generated crate's package name and version (`--crate-name`, `--crate-version`)
/// and what else its manifest says for crates.io (`--description`, `--license`,
/// `--repository`, `--documentation`, `--no-publish`). The manifest, the documentation's
/// examples, the crate's README and the `User-Agent` (read from the manifest at compile
/// time) follow them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateInfo {
    name: String,
    version: String,
    /// Replaces the template's `description`.
    description: Option<String>,
    /// Replaces the template's `license` (an SPDX expression).
    license: Option<String>,
    repository: Option<String>,
    documentation: Option<String>,
    /// `publish = false` in the manifest.
    no_publish: bool,
}

impl Default for CrateInfo {
    fn default() -> Self {
        Self {
            name: "stripe-client".to_string(),
            version: "0.1.0".to_string(),
            description: None,
            license: None,
            repository: None,
            documentation: None,
            no_publish: false,
        }
    }
}

impl CrateInfo {
    /// A package name as crates.io takes it (ASCII letters, digits, `-` and `_`,
    /// starting with a letter, at most 64 characters) and a `MAJOR.MINOR.PATCH`
    /// version, optionally with a `-pre` or `+build` suffix of the same characters.
    pub fn new(name: &str, version: &str) -> Result<Self, String> {
        let name_ok = name.len() <= 64
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !name_ok {
            return Err(format!(
                "crate name {name:?}: use ASCII letters, digits, `-` and `_`, starting with a letter"
            ));
        }
        let (core, suffix) = match version.find(['-', '+']) {
            Some(at) => version.split_at(at),
            None => (version, ""),
        };
        let numbers: Vec<&str> = core.split('.').collect();
        let version_ok = numbers.len() == 3
            && numbers
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            && suffix
                .chars()
                .skip(1)
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && suffix != "-"
            && suffix != "+";
        if !version_ok {
            return Err(format!(
                "crate version {version:?}: use MAJOR.MINOR.PATCH (e.g. 1.2.0 or 0.3.0-beta.1)"
            ));
        }
        Ok(Self {
            name: name.to_string(),
            version: version.to_string(),
            ..Self::default()
        })
    }

    /// The manifest's `description`: one line of text.
    pub fn with_description(mut self, description: &str) -> Result<Self, String> {
        if description.trim().is_empty() || description.contains(['\n', '\r']) {
            return Err(format!(
                "description {description:?}: give one line of text"
            ));
        }
        self.description = Some(description.to_string());
        Ok(self)
    }

    /// The manifest's `license`, an SPDX expression (`MIT OR Apache-2.0`).
    pub fn with_license(mut self, license: &str) -> Result<Self, String> {
        let ok = !license.trim().is_empty()
            && license
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .-+()".contains(c));
        if !ok {
            return Err(format!(
                "license {license:?}: give an SPDX expression (e.g. MIT OR Apache-2.0)"
            ));
        }
        self.license = Some(license.to_string());
        Ok(self)
    }

    /// The manifest's `repository`, an http(s) URL.
    pub fn with_repository(mut self, url: &str) -> Result<Self, String> {
        self.repository = Some(checked_url("repository", url)?);
        Ok(self)
    }

    /// The manifest's `documentation`, an http(s) URL.
    pub fn with_documentation(mut self, url: &str) -> Result<Self, String> {
        self.documentation = Some(checked_url("documentation", url)?);
        Ok(self)
    }

    /// `publish = false` in the manifest, so `cargo publish` refuses the crate.
    pub fn not_published(mut self) -> Self {
        self.no_publish = true;
        self
    }

    /// The name Rust code uses (`my-stripe` -> `my_stripe`).
    fn lib_name(&self) -> String {
        self.name.replace('-', "_")
    }

    /// `text` with the templates' crate name replaced by this one (borrowed as it is
    /// for the default name).
    fn rename_in(&self, text: &'static str) -> std::borrow::Cow<'static, str> {
        if self.lib_name() == runtime::TEMPLATE_LIB_NAME {
            text.into()
        } else {
            text.replace(runtime::TEMPLATE_LIB_NAME, &self.lib_name())
                .into()
        }
    }

    fn manifest(&self) -> String {
        let mut manifest = runtime::MANIFEST
            .replacen(
                runtime::MANIFEST_NAME_LINE,
                &format!("name = {}\n", toml_string(&self.name)),
                1,
            )
            .replacen(
                runtime::MANIFEST_VERSION_LINE,
                &format!("version = {}\n", toml_string(&self.version)),
                1,
            );
        let replaced = [
            (runtime::MANIFEST_DESCRIPTION_KEY, &self.description),
            (runtime::MANIFEST_LICENSE_KEY, &self.license),
        ];
        for (key, value) in replaced {
            if let Some(value) = value {
                manifest = replace_manifest_line(&manifest, key, &toml_string(value));
            }
        }
        // Added after `readme`, the last line of the template's `[package]`.
        let mut added = String::new();
        for (key, value) in [
            ("repository", &self.repository),
            ("documentation", &self.documentation),
        ] {
            if let Some(value) = value {
                added.push_str(&format!("{key} = {}\n", toml_string(value)));
            }
        }
        if self.no_publish {
            added.push_str("publish = false\n");
        }
        manifest.replacen(
            runtime::MANIFEST_README_LINE,
            &format!("{}{added}", runtime::MANIFEST_README_LINE),
            1,
        )
    }

    /// The facade's manifest: the template's `[package]`, the parts as its only
    /// dependencies, the template's dev-dependencies and the features.
    fn facade_manifest(&self, parts: &Parts, features: &Features) -> String {
        let manifest = self.manifest();
        let (package, _, dev) = manifest_sections(&manifest);
        let mut out = format!("{package}{}", runtime::MANIFEST_DEPENDENCIES);
        out.push_str("# The parts, checked in parallel; this crate re-exports them.\n");
        for part in &parts.list {
            out.push_str(&self.part_dependency(part, "parts/"));
        }
        out.push('\n');
        out.push_str(runtime::MANIFEST_DEV_DEPENDENCIES);
        out.push_str(dev);
        out.push_str(&features.facade_section(parts, &self.name));
        out
    }

    /// A part's manifest: the facade's `[package]` renamed and described as a part,
    /// the template's dependencies and the parts it uses.
    fn part_manifest(&self, parts: &Parts, index: usize, features: &Features) -> String {
        let part = &parts.list[index];
        let manifest = self.manifest();
        let (package, dependencies, _) = manifest_sections(&manifest);
        let description = format!(
            "Part of {0} ({1}), generated with it: depend on {0}, which re-exports it",
            self.name, part.name
        );
        let package: String = package
            .lines()
            .filter(|line| !line.starts_with("readme = "))
            .map(|line| format!("{line}\n"))
            .collect();
        let package =
            replace_manifest_line(&package, "name", &toml_string(&self.part_package(part)));
        let package = replace_manifest_line(
            &package,
            runtime::MANIFEST_DESCRIPTION_KEY,
            &toml_string(&description),
        );
        // Only the runtime's documentation has examples; they use the facade.
        let has_examples = matches!(
            part.kind,
            PartKind::Runtime | PartKind::Http | PartKind::Answers
        );
        let mut out = package;
        out.push_str("\n[lib]\ntest = false\n");
        if !has_examples {
            out.push_str("doctest = false\n");
        }
        out.push('\n');
        out.push_str(runtime::MANIFEST_DEPENDENCIES);
        out.push_str(&only_dependencies(
            dependencies,
            part.kind.external_dependencies(),
        ));
        for &dep in &part.deps {
            out.push_str(&self.part_dependency(&parts.list[dep], "../"));
        }
        if has_examples {
            out.push_str(&format!(
                "\n{}# The examples in the documentation use the crate as its users do.\n{} = {{ path = \"../..\" }}\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n",
                runtime::MANIFEST_DEV_DEPENDENCIES,
                self.name
            ));
        }
        out.push_str(&features.part_section(part.kind.external_dependencies()));
        out
    }

    /// `name = { version = "=x", path = "..." }` of a part, from a directory where
    /// the parts are at `prefix`.
    fn part_dependency(&self, part: &parts::Part, prefix: &str) -> String {
        format!(
            "{} = {{ version = {}, path = \"{prefix}{}\", default-features = false }}\n",
            self.part_package(part),
            toml_string(&format!("={}", self.version)),
            part.name
        )
    }

    /// A part's package name (`stripe-client-types-core`).
    fn part_package(&self, part: &parts::Part) -> String {
        format!("{}-{}", self.name, part.name)
    }

    /// A part's library name (`stripe_client_types_core`).
    fn part_lib(&self, part: &parts::Part) -> proc_macro2::Ident {
        ident(&self.part_package(part).replace('-', "_"))
    }

    /// The generated crate's own README (`templates/crate_readme.md`), for crates.io.
    fn readme(&self, api: &Api) -> String {
        self.rename_in(runtime::CRATE_README)
            .replace(runtime::TEMPLATE_PACKAGE_NAME, &self.name)
            .replace(runtime::README_API_VERSION, &api.api_version)
    }
}

/// A manifest's `[package]` section, and the contents of its `[dependencies]` and
/// `[dev-dependencies]` (after their headers), as the template orders them.
fn manifest_sections(manifest: &str) -> (&str, &str, &str) {
    let (package, rest) = manifest
        .split_once(runtime::MANIFEST_DEPENDENCIES)
        .unwrap_or((manifest, ""));
    let (dependencies, dev) = rest
        .split_once(runtime::MANIFEST_DEV_DEPENDENCIES)
        .unwrap_or((rest, ""));
    (package, dependencies, dev)
}

/// The lines of a `[dependencies]` section that declare one of `kept` (package
/// names), each with the comment lines just above it; the rest is left out.
fn only_dependencies(section: &str, kept: &[&str]) -> String {
    let mut out = String::new();
    let mut comments = String::new();
    for line in section.lines() {
        if line.starts_with('#') {
            comments.push_str(line);
            comments.push('\n');
            continue;
        }
        // A line that declares no dependency (a blank one) is kept too.
        let name = line.split_once(" = ").map(|(name, _)| name.trim());
        if name.is_none_or(|name| kept.contains(&name)) {
            out.push_str(&comments);
            out.push_str(line);
            out.push('\n');
        }
        comments.clear();
    }
    out.push_str(&comments);
    out
}

/// `url` if it is an http(s) URL without spaces or quotes.
fn checked_url(what: &str, url: &str) -> Result<String, String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || c == '"' || c == '\\');
    if ok {
        Ok(url.to_string())
    } else {
        Err(format!("{what} {url:?}: give an http(s) URL"))
    }
}

/// `key = ...` of the manifest with its value replaced by `value` (TOML text).
fn replace_manifest_line(manifest: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key} = ");
    manifest
        .lines()
        .map(|line| match line.strip_prefix(&prefix) {
            Some(_) => format!("{prefix}{value}\n"),
            None => format!("{line}\n"),
        })
        .collect()
}

/// A TOML basic string: quoted, with `\`, `"` and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// The documentation of the `types` module, in the facade and in each part of types.
const TYPES_DOC: &str = " The objects Stripe sends back, one per component schema of the spec, with\n the types nested in them.";

/// The operation whose example the crate documentation shows, when it is generated.
const EXAMPLE_OPERATION: &str = "PostBillingPortalConfigurationsConfiguration";

/// Every file of the generated crate, in a fixed order: the facade (`Cargo.toml`,
/// `README.md`, `src/lib.rs`) and its parts (`parts/<part>/`, see [`parts`]).
pub fn emit<'a>(
    api: &'a Api,
    features: &'a Features,
    parts: &'a Parts,
    crate_info: &'a CrateInfo,
) -> Vec<OutputFile<'a>> {
    let mut files = runtime::template_files(crate_info);
    if api.webhooks.is_some() {
        files.push(runtime::webhooks_file(crate_info));
    }
    files.push(OutputFile {
        path: PathBuf::from("Cargo.toml"),
        content: Content::Extended {
            source: "templates/Cargo.toml",
            text: crate_info.facade_manifest(parts, features),
        },
    });
    files.push(OutputFile {
        path: PathBuf::from("README.md"),
        content: Content::Markdown {
            source: "templates/crate_readme.md",
            text: crate_info.readme(api),
        },
    });
    files.push(OutputFile {
        path: PathBuf::from("src/lib.rs"),
        content: Content::Rust(Box::new(move || {
            facade_lib_tokens(api, features, parts, crate_info)
        })),
    });
    for (index, part) in parts.list.iter().enumerate() {
        files.push(OutputFile {
            path: part_dir(part).join("Cargo.toml"),
            content: Content::Extended {
                source: "templates/Cargo.toml",
                text: crate_info.part_manifest(parts, index, features),
            },
        });
        files.push(OutputFile {
            path: part_dir(part).join("src/lib.rs"),
            content: Content::Rust(Box::new(move || {
                part_lib_tokens(api, features, parts, index, crate_info)
            })),
        });
    }
    files.push(OutputFile {
        path: part_dir(&parts.list[parts.answers]).join("src/expand_paths.rs"),
        content: Content::Rust(Box::new(move || {
            let doc = " The expansion constants of every answer with expandable fields.";
            let impls = types::expand_paths(api, features);
            quote! { #![doc = #doc] #impls }
        })),
    });

    // Every module that holds something, with the modules above it.
    let mut modules: BTreeSet<ModulePath> = BTreeSet::new();
    for module in api
        .operations
        .iter()
        .map(|op| &op.module)
        .chain(api.types.iter().map(|def| &def.name.module))
    {
        modules.extend(module.with_ancestors());
    }
    for module in &modules {
        files.extend(module_files(
            api, features, parts, crate_info, module, &modules,
        ));
    }
    files
}

/// Where a part's files go, relative to the facade.
fn part_dir(part: &parts::Part) -> PathBuf {
    PathBuf::from("parts").join(&part.name)
}

fn module_path_of_file(module: &ModulePath, has_children: bool) -> PathBuf {
    let mut path = PathBuf::from("src");
    let segments = module.segments();
    for segment in &segments[..segments.len() - 1] {
        path.push(segment.plain());
    }
    let last = module.last().plain();
    if has_children {
        path.push(last);
        path.push("mod.rs");
    } else {
        path.push(format!("{last}.rs"));
    }
    path
}

fn children<'a>(
    module: &'a ModulePath,
    modules: &'a BTreeSet<ModulePath>,
) -> impl Iterator<Item = &'a SnakeIdent> + 'a {
    modules
        .iter()
        .filter(move |other| other.is_child_of(module))
        .map(|child| child.last())
}

fn module_files<'a>(
    api: &'a Api,
    features: &'a Features,
    parts: &'a Parts,
    crate_info: &'a CrateInfo,
    module: &ModulePath,
    modules: &BTreeSet<ModulePath>,
) -> Vec<OutputFile<'a>> {
    let child_names: Vec<SnakeIdent> = children(module, modules).cloned().collect();
    let child_declarations = move || {
        let children = child_names.iter().map(|child| {
            let child = rust::snake(child);
            quote! { pub mod #child; }
        });
        quote! { #(#children)* }
    };
    let types_here: Vec<&'a TypeDef> = api
        .types
        .iter()
        .filter(|def| &def.name.module == module)
        .collect();
    if module.is_shared() {
        // Shared types, one file per component (`types/<component>.rs`) or per module
        // of first use (`params/<module>.rs`), re-exported by the module.
        let folder = module.resource().to_string();
        let mut by_file: BTreeMap<&'a str, Vec<&'a TypeDef>> = BTreeMap::new();
        for def in types_here {
            by_file.entry(def.file.as_str()).or_default().push(def);
        }
        // Each part holding files of the module has its own `mod.rs` for them; in a
        // part of types it also re-exports the types of the parts it uses, so that
        // `crate::types::X` reaches every type there as it does in the facade.
        let mut by_part: BTreeMap<usize, Vec<(&'a str, Vec<&'a TypeDef>)>> = BTreeMap::new();
        for (file, defs) in &by_file {
            by_part
                .entry(parts.of_shared_file(module, file))
                .or_default()
                .push((*file, defs.clone()));
        }
        let is_types = folder == TYPES_MODULE;
        let doc = if is_types {
            TYPES_DOC
        } else {
            " Parameter types that several calls share. Each call's module names them\n with its own aliases (`customers::CreateAddress`), which is how to reach them."
        };
        let mut files = Vec::new();
        for (part, file_names) in by_part {
            let doc = doc.to_string();
            // Names, not idents: idents cannot move to the formatting threads.
            let dependencies: Vec<String> = if is_types {
                parts
                    .type_deps(part)
                    .map(|dep| crate_info.part_lib(&parts.list[dep]).to_string())
                    .collect()
            } else {
                Vec::new()
            };
            let folder = folder.clone();
            files.push(OutputFile {
                path: part_dir(&parts.list[part]).join(format!("src/{folder}/mod.rs")),
                content: Content::Rust(Box::new(move || {
                    let declarations = file_names.iter().map(|(file, defs)| {
                        let cfg = features.cfg_for(defs.iter().map(|def| &def.name));
                        let file = ident(file);
                        quote! { #cfg mod #file; #cfg pub use #file::*; }
                    });
                    let folder = ident(&folder);
                    let dependencies = dependencies.iter().map(|dep| ident(dep));
                    quote! {
                        #![doc = #doc]
                        // Empty when the features leave a part's files out.
                        #( #[doc(no_inline)] #[allow(unused_imports)] pub use #dependencies::#folder::*; )*
                        #(#declarations)*
                    }
                })),
            });
        }
        for (file, defs) in by_file {
            // `EventObject` is written beside the event.
            let event_object = api
                .webhooks
                .as_ref()
                .filter(|webhooks| defs.iter().any(|def| def.name == webhooks.event));
            let part = &parts.list[parts.of_shared_file(module, file)];
            files.push(OutputFile {
                path: part_dir(part).join(format!("src/{folder}/{file}.rs")),
                content: Content::Rust(Box::new(move || {
                    let items = defs.iter().map(|def| types::type_def(def, api));
                    let event_object = event_object
                        .map(|webhooks| webhooks::event_object(webhooks, features))
                        .unwrap_or_default();
                    quote! { #(#items)* #event_object }
                })),
            });
        }
        return files;
    }

    let part = &parts.list[parts.of_resource(module.resource())];
    let path = part_dir(part).join(module_path_of_file(
        module,
        children(module, modules).count() > 0,
    ));
    let module = module.clone();
    vec![OutputFile {
        path,
        content: Content::Rust(Box::new(move || {
            let doc = module_doc(api, &module);
            let functions = api
                .operations
                .iter()
                .filter(|op| op.module == module)
                .map(operations::call_function);
            // Request types first (what you pass), then response types (what you get).
            let mut local_types = types_here.clone();
            local_types.sort_by_key(|def| (def.role != Role::Request, def.name.name.clone()));
            let type_items = local_types.iter().map(|def| types::type_def(def, api));
            let children = child_declarations();
            quote! {
                #![doc = #doc]
                #children
                #(#functions)*
                #(#type_items)*
            }
        })),
    }]
}

fn module_doc(api: &Api, module: &ModulePath) -> String {
    let templates: BTreeSet<String> = api
        .operations
        .iter()
        .filter(|op| op.module.is_within(module))
        .map(|op| {
            let end = op.path_template.find('{').unwrap_or(op.path_template.len());
            op.path_template[..end].trim_end_matches('/').to_string()
        })
        .collect();
    let paths: Vec<String> = templates.iter().map(|path| format!("`{path}`")).collect();
    format!(" Calls under {}.", paths.join(", "))
}

/// A line of Markdown as the text of a `#[doc]` attribute (`///` adds one space).
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// The facade's `lib.rs`: the crate documentation with the index of every operation,
/// and everything the parts make public, re-exported where it always was.
fn facade_lib_tokens(
    api: &Api,
    features: &Features,
    parts: &Parts,
    crate_info: &CrateInfo,
) -> TokenStream {
    let mut doc_lines: Vec<String> = vec![format!(" {}", api.title), String::new()];
    doc_lines.extend(
        crate_info
            .rename_in(runtime::CRATE_DOCS)
            .lines()
            .map(doc_line),
    );
    if api
        .operations
        .iter()
        .any(|op| op.operation_id == EXAMPLE_OPERATION)
    {
        doc_lines.push(String::new());
        doc_lines.extend(
            crate_info
                .rename_in(runtime::CRATE_EXAMPLE)
                .lines()
                .map(doc_line),
        );
    }
    let index = operation_index(api, features);
    let http = crate_info.part_lib(&parts.list[parts.http]);
    let answers = crate_info.part_lib(&parts.list[parts.answers]);
    let webhooks_module = if features.webhooks {
        let feature = features::WEBHOOKS;
        quote! {
            #[cfg(feature = #feature)]
            #[doc(inline)]
            #[rustfmt::skip]
            pub use #answers::webhooks;
        }
    } else {
        TokenStream::new()
    };
    // One attribute per line: a single one with a line break prints as `/** */`,
    // which rustfmt would indent otherwise.
    let types_doc = TYPES_DOC.lines();
    let type_parts = parts
        .of_kind(PartKind::Types)
        .map(|part| crate_info.part_lib(&parts.list[part]));
    let params = parts
        .of_kind(PartKind::Params)
        .map(|part| crate_info.part_lib(&parts.list[part]));
    let module_exports = parts.resources(None).into_iter().map(|resource| {
        let cfg = resource_cfg(features, resource);
        let part = crate_info.part_lib(&parts.list[parts.of_resource(resource)]);
        let module = rust::snake(resource);
        quote! {
            #cfg
            #[doc(inline)]
            #[rustfmt::skip]
            pub use #part::#module;
        }
    });
    // `#[rustfmt::skip]`: rustfmt would order and wrap these otherwise than
    // prettyplease does, and the seed is in a workspace that `cargo fmt` checks.
    quote! {
            #( #![doc = #doc_lines] )*
            #index
            #![forbid(unsafe_code)]

            #[doc(inline)]
            #[rustfmt::skip]
            pub use #answers::runtime;
            #[doc(inline)]
            #[rustfmt::skip]
            pub use #http::Method;
            #[cfg(feature = "blocking")]
            #[rustfmt::skip]
            pub use #http::iter_blocking;
            #[doc(inline)]
            #[rustfmt::skip]
            pub use #http::API_VERSION;
            #[rustfmt::skip]
            pub use #http::{ApiBase, ApiError, ApiErrorKind, Error, V2ApiError, V2ErrorKind};
            #[rustfmt::skip]
            pub use #http::{Call, Client, ClientBuilder, RequestOptions, ResponseMeta};
            #[rustfmt::skip]
            pub use #answers::Expand;
            #[rustfmt::skip]
            pub use #http::{Currency, DateTime, Decimal, Expandable, FileUpload, Id};
            #[rustfmt::skip]
            pub use #http::{List, SearchResult, V2List, Timestamp, Unsettable};

            #( #[doc = #types_doc] )*
            #[rustfmt::skip]
            pub mod types {
                // Empty when the features leave a part's files out.
                #( #[allow(unused_imports)] pub use #type_parts::types::*; )*
            }

            #( #[doc(inline)] #[rustfmt::skip] pub use #params::params; )*

            #(#module_exports)*

            #webhooks_module
    }
}

/// The `#[cfg]` of a top-level call module: its feature (modules without calls have
/// none).
fn resource_cfg(features: &Features, resource: &SnakeIdent) -> TokenStream {
    let name = resource.plain().to_string();
    if features.resources.contains(&name) {
        features.cfg_any(&std::iter::once(name).collect())
    } else {
        TokenStream::new()
    }
}

/// A part's `lib.rs`: what it holds, and shims that give its code the paths the
/// facade has (`crate::runtime`, `crate::types`, `crate::params`, `crate::Id`...).
fn part_lib_tokens(
    api: &Api,
    features: &Features,
    parts: &Parts,
    index: usize,
    crate_info: &CrateInfo,
) -> TokenStream {
    let part = &parts.list[index];
    let doc = [
        format!(
            " A part of [`{0}`](https://docs.rs/{0}), generated with it and re-exported",
            crate_info.name
        ),
        format!(
            " by it: depend on `{}`, not on this crate.",
            crate_info.name
        ),
    ];
    let lib_of = |dep: usize| crate_info.part_lib(&parts.list[dep]);
    let runtime = lib_of(parts.runtime);
    let http = lib_of(parts.http);
    let answers = lib_of(parts.answers);
    let uses_answers = part.deps.contains(&parts.answers);
    // The root names generated code uses (`crate::Id`, `crate::Client`), and
    // `crate::runtime`: the most complete runtime among the parts it uses (the
    // answers part's adds `Expand` to the http part's, which adds the client to the
    // runtime part's).
    let client_names = if part.kind == PartKind::Answers || uses_answers {
        quote! {
            #[doc(hidden)]
            pub use #http::{Call, Client, Error, API_VERSION};
        }
    } else {
        TokenStream::new()
    };
    let runtime_module = match part.kind {
        PartKind::Runtime | PartKind::Http | PartKind::Answers => TokenStream::new(),
        _ if uses_answers => quote! {
            #[doc(hidden)]
            pub use #answers::{runtime, Expand};
        },
        _ => quote! {
            #[doc(hidden)]
            pub use #runtime::runtime;
        },
    };
    let base_names = if part.kind == PartKind::Runtime || part.kind == PartKind::Http {
        TokenStream::new()
    } else {
        quote! {
            #[doc(hidden)]
            pub use #runtime::runtime::{Currency, DateTime, Decimal, Expandable, FileUpload, Id};
            #[doc(hidden)]
            pub use #runtime::runtime::{List, SearchResult, Timestamp, Unsettable, V2List};
        }
    };
    let root_names = quote! { #client_names #runtime_module };
    let type_deps: Vec<proc_macro2::Ident> = parts.type_deps(index).map(lib_of).collect();
    let types_shim = if part.kind != PartKind::Types && !type_deps.is_empty() {
        quote! {
            #[doc(hidden)]
            pub mod types {
                #( #[allow(unused_imports)] pub use #type_deps::types::*; )*
            }
        }
    } else {
        TokenStream::new()
    };
    let params_shim = if part.kind == PartKind::Calls {
        let params = parts
            .of_kind(PartKind::Params)
            .filter(|params| part.deps.contains(params))
            .map(lib_of);
        quote! { #( #[doc(hidden)] pub use #params::params; )* }
    } else {
        TokenStream::new()
    };
    let contents = match part.kind {
        PartKind::Runtime => quote! { pub mod runtime; },
        PartKind::Types => quote! {
            #[rustfmt::skip] // formatted by the generator (prettyplease)
            pub mod types;
        },
        PartKind::Params => quote! {
            #[rustfmt::skip] // formatted by the generator (prettyplease)
            pub mod params;
        },
        PartKind::Http => {
            let version = &api.api_version;
            let version_doc = " The Stripe API version these types describe, sent as `Stripe-Version` with every request.";
            let package_name = &crate_info.name;
            let package_version = &crate_info.version;
            quote! {
                pub mod runtime;

                /// The HTTP method of [`Client::raw_request`] (reqwest's, re-exported).
                pub use reqwest::Method;
                // In rustfmt's order, so that `cargo fmt` leaves the file as it is.
                #[cfg(feature = "blocking")]
                pub use runtime::iter_blocking;
                pub use runtime::{ApiBase, ApiError, ApiErrorKind, Error, V2ApiError, V2ErrorKind};
                pub use runtime::{Call, Client, ClientBuilder, RequestOptions, ResponseMeta};
                pub use runtime::{Currency, DateTime, Decimal, Expandable, FileUpload, Id};
                pub use runtime::{List, SearchResult, V2List};
                pub use runtime::{Timestamp, Unsettable};

                #[doc = #version_doc]
                pub const API_VERSION: &str = #version;

                /// The package users depend on, which the `User-Agent` names.
                #[doc(hidden)]
                pub const PACKAGE_NAME: &str = #package_name;
                #[doc(hidden)]
                pub const PACKAGE_VERSION: &str = #package_version;
            }
        }
        PartKind::Answers => {
            let webhooks_module = if features.webhooks {
                let feature = features::WEBHOOKS;
                quote! {
                    #[cfg(feature = #feature)]
                    pub mod webhooks;
                }
            } else {
                TokenStream::new()
            };
            quote! {
                pub mod runtime;

                pub use runtime::Expand;

                #[rustfmt::skip] // formatted by the generator (prettyplease)
                mod expand_paths;

                #webhooks_module
            }
        }
        PartKind::Calls => {
            let declarations = parts.resources(Some(index)).into_iter().map(|resource| {
                let cfg = resource_cfg(features, resource);
                let module = rust::snake(resource);
                quote! {
                    #cfg
                    #[rustfmt::skip] // formatted by the generator (prettyplease)
                    pub mod #module;
                }
            });
            quote! { #(#declarations)* }
        }
    };
    let shims = quote! { #root_names #base_names #types_shim #params_shim };
    // rustfmt would order and wrap the shims otherwise than prettyplease does, and the
    // seed's parts are in a workspace that `cargo fmt` checks.
    let shims = if shims.is_empty() {
        shims
    } else {
        quote! {
            /// The paths generated code uses, as the facade has them.
            #[rustfmt::skip]
            mod shims {
                #shims
            }
            #[doc(hidden)]
            pub use shims::*;
        }
    };
    quote! {
        #( #![doc = #doc] )*
        #![forbid(unsafe_code)]

        #shims
        #contents
    }
}

/// The crate docs' index of every operation, by top-level module: method and path as
/// Stripe's API reference writes them, operationId, function and params type, linked.
/// A module behind a feature lists its lines only when the feature is on
/// (`#![cfg_attr(feature = ..., doc = ...)]`), so no link points at code left out.
fn operation_index(api: &Api, features: &Features) -> TokenStream {
    let mut by_resource: BTreeMap<&SnakeIdent, Vec<&crate::model::Operation>> = BTreeMap::new();
    for operation in &api.operations {
        by_resource
            .entry(operation.module.resource())
            .or_default()
            .push(operation);
    }
    let intro = [
        "",
        "# Operations",
        "",
        "Every call, by module: its method and path as Stripe's API reference writes",
        "them, its operationId, its function (and the `…_auto` stream of every item,",
        "for lists and searches) and its params type. rustdoc's search finds a call by",
        "either name (`PostCustomers`, `POST /v1/customers`).",
    ];
    let mut attrs: Vec<TokenStream> = intro
        .iter()
        .map(|line| {
            let line = doc_line(line);
            quote! { #![doc = #line] }
        })
        .collect();
    for (resource, operations) in by_resource {
        let mut lines = vec![
            String::new(),
            format!("## `{}`", resource.plain()),
            String::new(),
            "| Operation | operationId | Function | Params |".to_string(),
            "| --- | --- | --- | --- |".to_string(),
        ];
        let mut operations = operations;
        operations.sort_by(|a, b| {
            (&a.module, &a.function, &a.operation_id).cmp(&(
                &b.module,
                &b.function,
                &b.operation_id,
            ))
        });
        for operation in operations {
            let module = operation.module.plain_joined("::");
            let mut function = format!("[`{module}::{}`]", operation.function.plain());
            // The stream of every item across pages, beside the call that gets one page.
            if let Some(auto) = operation.auto_function() {
                function.push_str(&format!(", [`{module}::{auto}`]"));
            }
            let params = match &operation.params {
                Some(params) => format!(
                    // Paths in crate docs resolve from the crate root.
                    "[`{0}::{1}`]",
                    params.module.plain_joined("::"),
                    params.name
                ),
                None => "none".to_string(),
            };
            lines.push(format!(
                "| `{} {}` | `{}` | {function} | {params} |",
                operation.method.as_str(),
                operation.path_template,
                operation.operation_id,
            ));
        }
        let name = resource.plain().to_string();
        let gated = features.resources.contains(&name);
        attrs.extend(lines.iter().map(|line| {
            let line = doc_line(line);
            if gated {
                quote! { #![cfg_attr(feature = #name, doc = #line)] }
            } else {
                quote! { #![doc = #line] }
            }
        }));
    }
    quote! { #(#attrs)* }
}

#[cfg(test)]
mod tests {
    use super::CrateInfo;

    #[test]
    fn the_manifest_has_what_crates_io_needs() {
        let default = CrateInfo::default().manifest();
        assert!(default.contains("\nlicense = \"MIT OR Apache-2.0\"\n"));
        assert!(default.contains("\nreadme = \"README.md\"\n"));
        assert!(!default.contains("publish"));
        let info = CrateInfo::new("acme-stripe", "1.0.0")
            .and_then(|info| info.with_description("Acme's \"Stripe\" client \\ v1"))
            .and_then(|info| info.with_license("Apache-2.0"))
            .and_then(|info| info.with_documentation("https://docs.example.com/acme"))
            .expect("valid")
            .not_published();
        let manifest = info.manifest();
        for line in [
            "name = \"acme-stripe\"",
            "version = \"1.0.0\"",
            r#"description = "Acme's \"Stripe\" client \\ v1""#,
            "license = \"Apache-2.0\"",
            "readme = \"README.md\"\ndocumentation = \"https://docs.example.com/acme\"\npublish = false",
        ] {
            assert!(manifest.contains(line), "{line} in:\n{manifest}");
        }
        assert!(!manifest.contains("MIT OR Apache-2.0"));
        assert!(!manifest.contains("Typed client for the Stripe API"));
    }
}
