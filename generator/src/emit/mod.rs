//! Stage 3: the model as Rust token streams, one per output file, plus the runtime
//! and manifest copied from `templates/`.

mod docs;
mod operations;
mod runtime;
mod rust;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, ModulePath, Role, TYPES_MODULE};
use rust::ident;
pub use types::UNKNOWN_VARIANT;

/// One file of the generated crate, before formatting.
pub struct OutputFile {
    /// Relative to the output directory.
    pub path: PathBuf,
    pub content: Content,
}

pub enum Content {
    /// Rust code, formatted by prettyplease when written.
    Rust(TokenStream),
    /// A hand-written file from `templates/`, written as it is after a header.
    Template {
        source: &'static str,
        text: &'static str,
    },
}

/// The operation whose example the crate documentation shows, when it is generated.
const EXAMPLE_OPERATION: &str = "PostBillingPortalConfigurationsConfiguration";

pub fn emit(api: &Api) -> Vec<OutputFile> {
    let constraints = types::Constraints::new(&api.types);
    let mut files = runtime::template_files();
    files.push(lib_file(api));

    // Every module that holds something, with the modules above it.
    let mut modules: BTreeSet<ModulePath> = BTreeSet::new();
    for module in api
        .operations
        .iter()
        .map(|op| &op.module)
        .chain(api.types.iter().map(|def| &def.name.module))
    {
        for depth in 1..=module.len() {
            modules.insert(module[..depth].to_vec());
        }
    }
    for module in &modules {
        files.extend(module_files(api, module, &modules, &constraints));
    }
    files
}

fn module_path_of_file(module: &ModulePath, has_children: bool) -> PathBuf {
    let mut path = PathBuf::from("src");
    for segment in &module[..module.len() - 1] {
        path.push(crate::model::names::plain(segment));
    }
    let last = crate::model::names::plain(&module[module.len() - 1]);
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
) -> impl Iterator<Item = &'a String> + 'a {
    modules
        .iter()
        .filter(move |other| other.len() == module.len() + 1 && other.starts_with(module))
        .map(|child| &child[module.len()])
}

fn module_files(
    api: &Api,
    module: &ModulePath,
    modules: &BTreeSet<ModulePath>,
    constraints: &types::Constraints,
) -> Vec<OutputFile> {
    let child_names: Vec<&String> = children(module, modules).collect();
    let child_declarations = child_names.iter().map(|child| {
        let child = ident(child);
        quote! { pub mod #child; }
    });
    let types_here: Vec<_> = api
        .types
        .iter()
        .filter(|def| &def.name.module == module)
        .collect();
    let is_types_module = module.len() == 1 && module[0] == TYPES_MODULE;

    if is_types_module {
        // Component types, one file per component: `types/<component>.rs`.
        let mut by_file: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        for def in &types_here {
            by_file
                .entry(def.file.as_str())
                .or_default()
                .push(types::type_def(def, constraints));
        }
        let doc = " The objects Stripe sends back, one per component schema of the spec, with\n the types nested in them.";
        let declarations = by_file.keys().map(|file| {
            let file = ident(file);
            quote! { mod #file; pub use #file::*; }
        });
        let mut files = vec![OutputFile {
            path: PathBuf::from("src/types/mod.rs"),
            content: Content::Rust(quote! {
                #![doc = #doc]
                #(#child_declarations)*
                #(#declarations)*
            }),
        }];
        for (file, items) in by_file {
            files.push(OutputFile {
                path: PathBuf::from(format!("src/types/{file}.rs")),
                content: Content::Rust(quote! { #(#items)* }),
            });
        }
        return files;
    }

    let doc = module_doc(api, module);
    let functions = api
        .operations
        .iter()
        .filter(|op| &op.module == module)
        .map(|operation| operations::call_function(operation, constraints));
    // Request types first (what you pass), then response types (what you get).
    let mut local_types = types_here.clone();
    local_types.sort_by_key(|def| (def.role != Role::Request, def.name.name.clone()));
    let type_items = local_types
        .iter()
        .map(|def| types::type_def(def, constraints));
    vec![OutputFile {
        path: module_path_of_file(module, !child_names.is_empty()),
        content: Content::Rust(quote! {
            #![doc = #doc]
            #(#child_declarations)*
            #(#functions)*
            #(#type_items)*
        }),
    }]
}

fn module_doc(api: &Api, module: &ModulePath) -> String {
    let templates: BTreeSet<String> = api
        .operations
        .iter()
        .filter(|op| op.module.starts_with(module))
        .map(|op| {
            let end = op.path_template.find('{').unwrap_or(op.path_template.len());
            op.path_template[..end].trim_end_matches('/').to_string()
        })
        .collect();
    let paths: Vec<String> = templates.iter().map(|path| format!("`{path}`")).collect();
    format!(" Calls under {}.", paths.join(", "))
}

fn lib_file(api: &Api) -> OutputFile {
    let mut doc_lines: Vec<String> = vec![format!(" {}", api.title), String::new()];
    doc_lines.extend(runtime::CRATE_DOCS.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    }));
    if api
        .operations
        .iter()
        .any(|op| op.operation_id == EXAMPLE_OPERATION)
    {
        doc_lines.push(String::new());
        doc_lines.extend(runtime::CRATE_EXAMPLE.lines().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        }));
    }
    let version = &api.api_version;
    let version_doc = " The Stripe API version these types describe, sent as `Stripe-Version` with every request.";
    let top_modules: BTreeSet<&String> = api
        .operations
        .iter()
        .map(|op| &op.module[0])
        .chain(api.types.iter().map(|def| &def.name.module[0]))
        .collect();
    let module_declarations = top_modules.iter().map(|module| {
        let module = ident(module);
        quote! {
            #[rustfmt::skip] // formatted by the generator (prettyplease)
            pub mod #module;
        }
    });
    OutputFile {
        path: PathBuf::from("src/lib.rs"),
        content: Content::Rust(quote! {
            #( #![doc = #doc_lines] )*
            #![forbid(unsafe_code)]

            pub mod runtime;

            pub use runtime::{ApiError, Client, ClientBuilder, Error, RequestOptions};
            pub use runtime::{Expandable, FileUpload, List, SearchResult, Unsettable};

            #[doc = #version_doc]
            pub const API_VERSION: &str = #version;

            #(#module_declarations)*
        }),
    }
}
