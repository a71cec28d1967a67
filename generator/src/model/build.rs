//! Builds the [`Api`] model from a parsed spec, collecting every problem found.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use super::names;
use super::{Api, ModulePath, Role, TypeDef, TypeKind, TypeName, TypeRef};
use crate::diagnostic::Diagnostic;

/// The component the generated runtime decodes every error response into.
pub(super) const ERROR_COMPONENT: &str = "error";
/// The component holding the fields of an error (`type`, `code`, `message`, ...).
pub(super) const API_ERRORS_COMPONENT: &str = "api_errors";

/// Walks the spec once. Types are created on demand: a component schema becomes a type
/// only when an operation (or the error response) reaches it.
pub(super) struct Builder<'spec> {
    pub spec: &'spec OpenAPI,
    pub diagnostics: Vec<Diagnostic>,
    pub types: Vec<TypeDef>,
    /// Type names taken, per module.
    taken: BTreeMap<ModulePath, names::Namespace>,
    /// Component schema name -> its type name in the `types` module, claimed up front
    /// so that component types keep their plain names whatever else is generated.
    component_names: BTreeMap<String, String>,
    /// Components already turned into types (or being turned, for recursive ones).
    pub components_done: BTreeMap<String, TypeRef>,
}

/// Turns the spec into the model, or reports every problem found.
pub fn build(spec: &OpenAPI, selection: &super::Selection) -> Result<Api, Vec<Diagnostic>> {
    let mut builder = Builder::new(spec);
    builder.error_types();
    let mut operations = builder.operations(selection);
    let webhooks = builder.webhooks(selection.is_all());
    let components: BTreeMap<String, TypeName> = builder
        .components_done
        .iter()
        .filter_map(|(key, ty)| match ty {
            TypeRef::Named(name) => Some((key.clone(), name.clone())),
            _ => None,
        })
        .collect();
    let Builder {
        diagnostics,
        mut types,
        ..
    } = builder;
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let call_params: BTreeSet<TypeName> = operations
        .iter()
        .filter_map(|operation| operation.params.clone())
        .collect();
    super::dedup::merge_request_types(&mut types, &call_params);
    super::dedup::merge_response_enums(&mut types);
    super::dedup::merge_response_structs(&mut types);
    let component_names: BTreeSet<TypeName> = components.values().cloned().collect();
    let renamed = super::dedup::merge_response_unions(&mut types, &component_names);
    for operation in &mut operations {
        super::dedup::retarget(&mut operation.response, &|name| renamed.get(name).cloned());
    }
    types.sort_by(|a, b| a.name.cmp(&b.name));
    super::recursion::box_cycles(&mut types);
    super::layout::box_large_values(&mut types);
    let api_version = spec.info.version.clone();
    let title = spec.info.title.clone();
    let mut api = Api {
        api_version,
        title,
        operations,
        types,
        components,
        checked: BTreeSet::new(),
        identified: BTreeMap::new(),
        id_kinds: BTreeMap::new(),
        expandable_fields: BTreeMap::new(),
        webhooks,
        params_roots: BTreeSet::new(),
    };
    super::webhooks::type_the_event(&mut api);
    api.id_kinds = super::ids::type_ids(&mut api, spec);
    api.expandable_fields = super::expansion::type_expansions(&mut api, spec);
    super::derived::derive(&mut api);
    Ok(api)
}

impl<'spec> Builder<'spec> {
    fn new(spec: &'spec OpenAPI) -> Self {
        let mut taken: BTreeMap<ModulePath, names::Namespace> = BTreeMap::new();
        let types_taken = taken
            .entry(ModulePath::types())
            .or_insert_with(names::Namespace::types);
        let mut component_names = BTreeMap::new();
        let mut component_keys: Vec<&String> = spec
            .components
            .iter()
            .flat_map(|components| components.schemas.keys())
            .collect();
        component_keys.sort();
        for key in component_keys {
            let name = types_taken.claim(names::type_name(key));
            component_names.insert(key.clone(), name);
        }
        Self {
            spec,
            diagnostics: Vec::new(),
            types: Vec::new(),
            taken,
            component_names,
            components_done: BTreeMap::new(),
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Claims a free type name in `module`, numbering it if the plain one is taken.
    pub fn claim_type_name(&mut self, module: &ModulePath, candidate: String) -> TypeName {
        let taken = self
            .taken
            .entry(module.clone())
            .or_insert_with(names::Namespace::types);
        TypeName {
            module: module.clone(),
            name: taken.claim(candidate),
        }
    }

    /// Whether `name` is taken in `module`.
    pub fn is_type_name_taken(&self, module: &ModulePath, name: &str) -> bool {
        self.taken
            .get(module)
            .is_some_and(|taken| taken.contains(name))
    }

    /// The type name claimed for a component schema.
    pub fn component_type_name(&self, component: &str) -> Option<TypeName> {
        self.component_names.get(component).map(|name| TypeName {
            module: ModulePath::types(),
            name: name.clone(),
        })
    }

    pub fn add_type(&mut self, def: TypeDef) {
        self.types.push(def);
    }

    /// The runtime decodes error responses into `types::Error` and reads
    /// `error.code` and `error.message`: make sure the spec provides that shape.
    fn error_types(&mut self) {
        let pointer = format!("/components/schemas/{ERROR_COMPONENT}");
        let schemas = self.spec.components.as_ref().map(|c| &c.schemas);
        if !schemas.is_some_and(|schemas| schemas.contains_key(ERROR_COMPONENT)) {
            // Name the deepest place that exists: where the component should be.
            let at = if schemas.is_some() {
                "/components/schemas"
            } else {
                ""
            };
            self.report(Diagnostic::new(
                at,
                format!(
                    "the spec must define the `{ERROR_COMPONENT}` component: the body of \
                     Stripe's error responses, which every call decodes"
                ),
            ));
            return;
        }
        let Some(error) = self.component(ERROR_COMPONENT, &pointer, None) else {
            return;
        };
        let api_errors = self
            .component_type_name(API_ERRORS_COMPONENT)
            .map(TypeRef::Named);
        let refers_to_api_errors = match (&error, &api_errors) {
            (TypeRef::Named(_), Some(api_errors)) => {
                self.find_struct(&error).is_some_and(|fields| {
                    fields
                        .iter()
                        .any(|field| field.wire_name == "error" && &field.ty == api_errors)
                })
            }
            _ => false,
        };
        let (true, Some(api_errors_ref)) = (refers_to_api_errors, api_errors) else {
            self.report(Diagnostic::new(
                pointer,
                format!(
                    "the error response schema must be an object whose `error` property \
                     refers to #/components/schemas/{API_ERRORS_COMPONENT}"
                ),
            ));
            return;
        };
        let has_text = |fields: &[super::Field], wire: &str| {
            fields.iter().any(|field| {
                field.wire_name == wire
                    && matches!(field.ty, TypeRef::String { .. })
                    && field.presence == super::Presence::Optional
            })
        };
        // The runtime classifies errors by `type` (text or a string enum, read with
        // `as_str()`) and reads the other four as optional text.
        let has_type = |fields: &[super::Field]| {
            fields.iter().any(|field| {
                field.wire_name == "type"
                    && field.presence == super::Presence::Required
                    && matches!(field.ty, TypeRef::String { .. } | TypeRef::Named(_))
            })
        };
        let fields_ok = self.find_struct(&api_errors_ref).is_some_and(|fields| {
            ["code", "message", "decline_code", "param"]
                .iter()
                .all(|wire| has_text(fields, wire))
                && has_type(fields)
        });
        if !fields_ok {
            self.report(Diagnostic::new(
                format!("/components/schemas/{API_ERRORS_COMPONENT}"),
                "the error object must have a required `type` (text or a string enum) and \
                 optional string properties `code`, `message`, `decline_code` and `param`",
            ));
        }
    }

    fn find_struct(&self, ty: &TypeRef) -> Option<&[super::Field]> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        self.types
            .iter()
            .find(|def| &def.name == name && def.role == Role::Response)
            .and_then(|def| match &def.kind {
                TypeKind::Struct { fields } => Some(fields.as_slice()),
                _ => None,
            })
    }
}
