//! Cargo features: one per top-level resource module, so a crate that uses three
//! resources compiles three, and `webhooks`. Shared type files (`types/*.rs`,
//! `params/*.rs`) are compiled when any resource that reaches one of their types is
//! enabled; the error types the runtime needs are always compiled. `webhooks` reaches
//! the event itself; each kind of object an event can carry is compiled with the
//! resources that reach it (or with `webhooks` when no call does), so an event of a
//! resource that is off decodes as `EventObject::Unknown`.
//!
//! Three opt-in features change traits rather than modules: `serialize` (`Serialize` of
//! answers), `partial-eq` (`PartialEq` of structs and unions) and `redact-debug`
//! (`Debug` that prints names and ids only); the attributes they need are made here.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::recursion::reach;
use crate::model::{Api, TypeName, TypeRef};

/// The default feature, enabling every resource.
pub const FULL: &str = "full";

/// The feature of the `webhooks` module (on by default).
pub const WEBHOOKS: &str = "webhooks";

/// The opt-in feature that implements `serde::Serialize` for answers (response types
/// and `EventObject`). Off by default: the crate reads answers with its own reader and
/// never writes them, and these impls were a tenth of the full crate's check time.
pub const SERIALIZE: &str = "serialize";

/// The opt-in feature that derives `PartialEq` on structs and unions (enums of values
/// always have `PartialEq`, `Eq` and `Hash`, since they are matched and compared).
/// Off by default: comparing whole objects is rare, and the derives were a tenth of
/// the full crate's check time.
pub const PARTIAL_EQ: &str = "partial-eq";

/// The opt-in feature that adds `send_blocking` to calls and `iter_blocking` for
/// streams, for programs without an async runtime.
pub const BLOCKING: &str = "blocking";

/// The opt-in feature that keeps customers' data out of `Debug`: generated structs and
/// unions print their name and id only (the runtime's `redacted_debug!`).
pub const REDACT_DEBUG: &str = "redact-debug";

/// The derives of a struct or union that depend on features: `Debug` unless
/// `redact-debug` is on (see [`redacted_debug`]), `PartialEq` with `partial-eq`.
pub fn optional_derives() -> TokenStream {
    quote! {
        #[cfg_attr(not(feature = #REDACT_DEBUG), derive(Debug))]
        #[cfg_attr(feature = #PARTIAL_EQ, derive(PartialEq))]
    }
}

/// What a redacted `Debug` shows besides the type's name.
pub enum RedactedId {
    /// Nothing.
    None,
    /// The struct's `id` field (a `String`), or its `Option<String>`.
    Field {
        ident: proc_macro2::Ident,
        optional: bool,
    },
    /// The id of whatever the union holds (`Identified`).
    Identified,
}

/// The `Debug` impl of a struct or union with `redact-debug`.
pub fn redacted_debug(name: &proc_macro2::Ident, id: RedactedId) -> TokenStream {
    let arguments = match id {
        RedactedId::None => quote! { #name },
        RedactedId::Field {
            ident,
            optional: false,
        } => quote! { #name, #ident },
        RedactedId::Field {
            ident,
            optional: true,
        } => quote! { #name, ?#ident },
        RedactedId::Identified => quote! { #name, dyn },
    };
    quote! {
        #[cfg(feature = #REDACT_DEBUG)]
        crate::runtime::redacted_debug!(#arguments);
    }
}

/// `#[cfg(feature = "serialize")]`, for a `Serialize` impl of an answer.
pub fn serialize_cfg() -> TokenStream {
    quote! { #[cfg(feature = #SERIALIZE)] }
}

/// Which resources need which types.
pub struct Features {
    /// Every resource, which is also every feature but `full`.
    pub resources: BTreeSet<String>,
    /// The file (index into `users`) of every type.
    file_of: HashMap<TypeName, usize>,
    /// File -> the resources that reach it; `None` for files needed regardless.
    users: Vec<Option<BTreeSet<String>>>,
    /// Whether there is a `webhooks` module (and feature).
    pub webhooks: bool,
}

impl Features {
    pub fn new(api: &Api) -> Self {
        // A file is compiled whole, so reachability is worked out between files:
        // reaching one of a file's types reaches everything its types use.
        let mut file_index: HashMap<(&crate::model::ModulePath, &str), usize> = HashMap::new();
        let mut file_of: HashMap<TypeName, usize> = HashMap::new();
        for def in &api.types {
            let next = file_index.len();
            let file = *file_index
                .entry((&def.name.module, def.file.as_str()))
                .or_insert(next);
            file_of.insert(def.name.clone(), file);
        }
        // `EventObject` is written beside the event, in its file.
        if let Some(webhooks) = &api.webhooks {
            if let Some(&file) = file_of.get(&webhooks.event) {
                file_of.insert(webhooks.event_object.clone(), file);
            }
        }
        let mut edges: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); file_index.len()];
        for def in &api.types {
            let from = file_of[&def.name];
            for name in def.kind.used_names() {
                if let Some(&to) = file_of.get(name) {
                    edges[from].insert(to);
                }
            }
        }
        let files_of_refs = |roots: &[&TypeRef]| -> Vec<usize> {
            let mut names = Vec::new();
            for root in roots {
                root.collect_names(&mut names);
            }
            names
                .iter()
                .filter_map(|name| file_of.get(*name).copied())
                .collect()
        };

        let resources: BTreeSet<String> = api
            .operations
            .iter()
            .map(|op| op.module.resource().plain().to_string())
            .collect();
        let mut users: Vec<Option<BTreeSet<String>>> =
            vec![Some(BTreeSet::new()); file_index.len()];
        for resource in &resources {
            let mut roots: Vec<&TypeRef> = Vec::new();
            let mut params = Vec::new();
            for op in api
                .operations
                .iter()
                .filter(|op| op.module.resource().plain() == resource)
            {
                roots.push(&op.response);
                if let Some(name) = &op.params {
                    params.push(TypeRef::Named(name.clone()));
                }
                // A path parameter's `Id<T>` names `T`.
                for param in &op.path_params {
                    if let Some(kind) = &param.id_of {
                        params.push(TypeRef::Named(kind.clone()));
                    }
                }
            }
            roots.extend(params.iter());
            for file in reach(&edges, files_of_refs(&roots)) {
                if let Some(set) = &mut users[file] {
                    set.insert(resource.clone());
                }
            }
        }
        if let Some(webhooks) = &api.webhooks {
            let roots = [
                TypeRef::Named(webhooks.event.clone()),
                TypeRef::Named(webhooks.event_type.clone()),
            ];
            let roots: Vec<&TypeRef> = roots.iter().collect();
            for file in reach(&edges, files_of_refs(&roots)) {
                if let Some(set) = &mut users[file] {
                    set.insert(WEBHOOKS.to_string());
                }
            }
            // Kinds of event objects no call returns are compiled for webhooks alone.
            let kinds: Vec<TypeRef> = webhooks
                .kinds
                .iter()
                .map(|kind| TypeRef::Named(kind.ty.clone()))
                .collect();
            let orphans: Vec<usize> = files_of_refs(&kinds.iter().collect::<Vec<_>>())
                .into_iter()
                .filter(|&file| users[file].as_ref().is_some_and(BTreeSet::is_empty))
                .collect();
            for file in reach(&edges, orphans) {
                if let Some(set) = users[file].as_mut().filter(|set| set.is_empty()) {
                    set.insert(WEBHOOKS.to_string());
                }
            }
        }
        // The runtime decodes every error into `types::Error`.
        if let Some(name) = api.components.get("error") {
            let error = TypeRef::Named(name.clone());
            for file in reach(&edges, files_of_refs(&[&error])) {
                users[file] = None;
            }
        }
        // A file no resource reaches is compiled regardless, and so must be what it
        // uses (an alias of a merged struct names a definition other resources reach).
        let unreached: Vec<usize> = (0..users.len())
            .filter(|&file| users[file].as_ref().is_some_and(BTreeSet::is_empty))
            .collect();
        for file in reach(&edges, unreached) {
            users[file] = None;
        }
        Self {
            resources,
            file_of,
            users,
            webhooks: api.webhooks.is_some(),
        }
    }

    /// The `#[cfg]` for code made of `types`; nothing when it is always needed.
    pub fn cfg_for<'a>(&self, types: impl IntoIterator<Item = &'a TypeName>) -> TokenStream {
        let mut users = BTreeSet::new();
        for name in types {
            match self
                .file_of
                .get(name)
                .and_then(|&file| self.users[file].as_ref())
            {
                Some(resources) => users.extend(resources.iter().cloned()),
                // Always needed, or unknown: compiled regardless.
                None => return TokenStream::new(),
            }
        }
        if users.is_empty() || users.is_superset(&self.resources) {
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

    /// Every feature with what it enables, `default` first: the table each manifest
    /// renders in its own way.
    fn feature_table(&self) -> Vec<(String, Vec<String>)> {
        let quoted = |items: &[&str]| items.iter().map(|item| item.to_string()).collect();
        let mut table: Vec<(String, Vec<String>)> = Vec::new();
        if self.webhooks {
            table.push(("default".into(), quoted(&[FULL, WEBHOOKS, "rustls"])));
            table.push((WEBHOOKS.into(), quoted(&["dep:hmac", "dep:sha2"])));
        } else {
            table.push(("default".into(), quoted(&[FULL, "rustls"])));
        }
        // The TLS of every HTTPS request: rustls by default (no OpenSSL), or the
        // platform's; one of them is needed to talk to Stripe.
        table.push(("rustls".into(), quoted(&["reqwest/rustls-tls"])));
        table.push(("native-tls".into(), quoted(&["reqwest/native-tls"])));
        table.push(("tracing".into(), quoted(&["dep:tracing"])));
        // Calls without an async runtime: one tokio runtime for the process, started on
        // first use (`send_blocking`, `iter_blocking`).
        table.push((
            BLOCKING.into(),
            quoted(&["tokio/rt-multi-thread", "tokio/net"]),
        ));
        for opt_in in [SERIALIZE, PARTIAL_EQ, REDACT_DEBUG] {
            table.push((opt_in.into(), Vec::new()));
        }
        table.push((FULL.into(), self.resources.iter().cloned().collect()));
        for resource in &self.resources {
            table.push((resource.clone(), Vec::new()));
        }
        table
    }

    /// A part's `[features]`: every feature with what it enables in the part, without
    /// a default (the facade names the parts' features). A part has every feature, so
    /// the facade forwards each to all of them; what a feature enables in a dependency
    /// (`reqwest/rustls-tls`, `dep:hmac`) is kept only where the part has that
    /// dependency (`dependencies`: the package names it has of the template's).
    pub fn part_section(&self, dependencies: &[&str]) -> String {
        let table = self
            .feature_table()
            .into_iter()
            .filter_map(|(name, enables)| {
                if name == "default" {
                    return None;
                }
                let enables = enables
                    .into_iter()
                    .filter(|item| {
                        dependency_of(item).is_none_or(|dep| dependencies.contains(&dep))
                    })
                    .collect();
                Some((name, enables))
            });
        render_features(table)
    }

    /// The facade's `[features]`: `default` and `full` as they are, and every other
    /// feature forwarded to every part (`customers = ["stripe-client-runtime/customers",
    /// ...]`), so that a feature means what it meant in one crate.
    pub fn facade_section(&self, parts: &super::Parts, crate_name: &str) -> String {
        let table = self.feature_table().into_iter().map(|(name, enables)| {
            if name == "default" || name == FULL {
                return (name, enables);
            }
            let forwarded = parts
                .list
                .iter()
                .map(|part| format!("{crate_name}-{}/{name}", part.name))
                .collect();
            (name, forwarded)
        });
        render_features(table)
    }
}

/// The dependency a feature's item enables something in (`dep:hmac`,
/// `reqwest/rustls-tls`), or `None` for another feature of the same crate.
fn dependency_of(item: &str) -> Option<&str> {
    item.strip_prefix("dep:")
        .or_else(|| item.split_once('/').map(|(dependency, _)| dependency))
}

/// A `[features]` table: `name = ["a", "b"]` lines.
fn render_features(table: impl Iterator<Item = (String, Vec<String>)>) -> String {
    let mut out = String::from("\n[features]\n");
    for (name, enables) in table {
        let enables: Vec<String> = enables.iter().map(|item| format!("\"{item}\"")).collect();
        out.push_str(&format!("{name} = [{}]\n", enables.join(", ")));
    }
    out
}
