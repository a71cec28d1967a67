//! Cargo features: one per top-level resource module, so a crate that uses three
//! resources compiles three. Shared type files (`types/*.rs`, `params/*.rs`) are
//! compiled when any resource that reaches one of their types is enabled; the error
//! types the runtime needs are always compiled.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, TypeDef, TypeKind, TypeName, TypeRef, VariantValue};

/// The default feature, enabling every resource.
pub const FULL: &str = "full";

/// Which resources need which types.
pub struct Features {
    /// Every resource, which is also every feature but `full`.
    pub resources: BTreeSet<String>,
    /// Type -> the resources that reach it; `None` for types needed regardless.
    needed_by: BTreeMap<TypeName, Option<BTreeSet<String>>>,
}

impl Features {
    pub fn new(api: &Api) -> Self {
        let defs: BTreeMap<&TypeName, &TypeDef> =
            api.types.iter().map(|def| (&def.name, def)).collect();
        // A file is compiled whole: reaching one of its types reaches them all.
        let mut files: BTreeMap<(&[String], &str), Vec<&TypeName>> = BTreeMap::new();
        for def in &api.types {
            files
                .entry((def.name.module.as_slice(), def.file.as_str()))
                .or_default()
                .push(&def.name);
        }
        let graph = Graph { defs, files };
        let resources: BTreeSet<String> = api
            .operations
            .iter()
            .map(|op| plain(&op.module[0]))
            .collect();
        let mut needed_by: BTreeMap<TypeName, Option<BTreeSet<String>>> = BTreeMap::new();
        for resource in &resources {
            let mut roots = Vec::new();
            for op in api
                .operations
                .iter()
                .filter(|op| &plain(&op.module[0]) == resource)
            {
                roots.push(op.response.clone());
                if let Some(params) = &op.params {
                    roots.push(TypeRef::Named(params.clone()));
                }
            }
            for name in graph.reachable(roots) {
                if let Some(users) = needed_by
                    .entry(name)
                    .or_insert_with(|| Some(BTreeSet::new()))
                {
                    users.insert(resource.clone());
                }
            }
        }
        // The runtime decodes every error into `types::Error`.
        let error_roots = api
            .components
            .get("error")
            .map(|path| {
                let (module, name) = path.rsplit_once("::").unwrap_or(("types", path));
                vec![TypeRef::Named(TypeName {
                    module: module.split("::").map(str::to_string).collect(),
                    name: name.to_string(),
                })]
            })
            .unwrap_or_default();
        for name in graph.reachable(error_roots) {
            needed_by.insert(name, None);
        }
        Self {
            resources,
            needed_by,
        }
    }

    /// The `#[cfg]` for code made of `types`; nothing when it is always needed.
    pub fn cfg_for<'a>(&self, types: impl IntoIterator<Item = &'a TypeName>) -> TokenStream {
        let mut users = BTreeSet::new();
        for name in types {
            match self.needed_by.get(name) {
                Some(Some(resources)) => users.extend(resources.iter().cloned()),
                // Always needed, or not reached at all (kept: no reason to hide it).
                Some(None) | None => return TokenStream::new(),
            }
        }
        if users.len() == self.resources.len() {
            return TokenStream::new();
        }
        self.cfg_any(&users)
    }

    /// `#[cfg(feature = "x")]`, or `#[cfg(any(...))]` for several.
    pub fn cfg_any(&self, features: &BTreeSet<String>) -> TokenStream {
        let features: Vec<&String> = features.iter().collect();
        match features.as_slice() {
            [] => TokenStream::new(),
            [one] => quote! { #[cfg(feature = #one)] },
            many => quote! { #[cfg(any(#(feature = #many),*))] },
        }
    }

    /// The `[features]` table of the manifest.
    pub fn manifest_section(&self) -> String {
        let mut out = String::from("\n[features]\n");
        out.push_str(&format!("default = [\"{FULL}\"]\n"));
        let all: Vec<String> = self.resources.iter().map(|r| format!("\"{r}\"")).collect();
        out.push_str(&format!("{FULL} = [{}]\n", all.join(", ")));
        for resource in &self.resources {
            out.push_str(&format!("{resource} = []\n"));
        }
        out
    }
}

fn plain(module: &str) -> String {
    crate::model::names::plain(module).to_string()
}

struct Graph<'a> {
    defs: BTreeMap<&'a TypeName, &'a TypeDef>,
    files: BTreeMap<(&'a [String], &'a str), Vec<&'a TypeName>>,
}

impl Graph<'_> {
    /// Every named type reachable from `roots`, file by file.
    fn reachable(&self, roots: Vec<TypeRef>) -> BTreeSet<TypeName> {
        let mut seen = BTreeSet::new();
        let mut pending = roots;
        while let Some(ty) = pending.pop() {
            self.step(ty, &mut seen, &mut pending);
        }
        seen
    }

    fn step(&self, ty: TypeRef, seen: &mut BTreeSet<TypeName>, pending: &mut Vec<TypeRef>) {
        match ty {
            TypeRef::Named(name) => {
                if !seen.insert(name.clone()) {
                    return;
                }
                let Some(def) = self.defs.get(&name) else {
                    return;
                };
                if let Some(siblings) = self
                    .files
                    .get(&(def.name.module.as_slice(), def.file.as_str()))
                {
                    pending.extend(
                        siblings
                            .iter()
                            .map(|sibling| TypeRef::Named((*sibling).clone())),
                    );
                }
                match &def.kind {
                    TypeKind::Struct { fields } => {
                        pending.extend(fields.iter().map(|field| field.ty.clone()))
                    }
                    TypeKind::Union { variants } => {
                        pending.extend(variants.iter().filter_map(|variant| match &variant.value {
                            VariantValue::Of(ty) => Some(ty.clone()),
                            VariantValue::Wire(_) => None,
                        }))
                    }
                    TypeKind::Alias { target } => pending.push(TypeRef::Named(target.clone())),
                    TypeKind::Enum { .. } => {}
                }
            }
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Expandable(inner) => {
                pending.push(*inner)
            }
            TypeRef::Page { item, .. } => pending.push(*item),
            _ => {}
        }
    }
}
