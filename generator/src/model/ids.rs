//! Typed IDs: which text in the model names which kind of object, decided from what the
//! spec says and nothing else.
//!
//! - **A resource's own `id`.** A component with a text `id` is a resource when its
//!   `object` property is fixed to the name of a component (`"customer"`; a
//!   `deleted_customer` says `"customer"` too, so its ID is a customer's), or, without
//!   such an `object`, when its `x-resourceId` is its own name. Its `id` becomes
//!   `Id<Kind>`.
//! - **The ID side of an expandable field** follows from the object's kind in the
//!   runtime (`Expandable<T>` holds an `Id<T::Kind>`), so it needs nothing here.
//! - **A path parameter** names the object that the calls of the path up to and
//!   including it answer: `{customer}` in `/v1/customers/{customer}/tax_ids` is a
//!   customer's ID because `GET`, `POST` and `DELETE /v1/customers/{customer}` answer a
//!   customer (or a deleted one). Where those calls answer different kinds, or none
//!   that the spec ties to an ID, the parameter stays text.
//!
//! - **A call's parameter** named like an expandable field of the call's answer, whose
//!   object is a resource, is that resource's ID (`customer` of
//!   `payment_intents::create` is an `Id<Customer>`: the payment intent's `customer`
//!   expands to a customer).
//!
//! Any other text stays text: the spec does not say which object it names.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use super::schemas::SchemaOrRef;
use super::spec_lookup::{fixed_object_value, resolve};
use super::{Api, Field, PathPiece, TypeKind, TypeName, TypeRef, VariantValue};

/// Types the IDs of `api` (see the module docs); returns each resource's kind.
pub(super) fn type_ids(api: &mut Api, spec: &OpenAPI) -> BTreeMap<TypeName, TypeName> {
    let kinds = resource_kinds(api, spec);
    for def in &mut api.types {
        let Some(kind) = kinds.get(&def.name) else {
            continue;
        };
        if let TypeKind::Struct { fields } = &mut def.kind {
            if let Some(id) = fields.iter_mut().find(|field| is_text_id(field)) {
                id.ty = TypeRef::Id(kind.clone());
            }
        }
    }
    // A path -> the kind of object its calls answer, when they agree (a retrieve, an
    // update and a delete of `/v1/customers/{customer}` all answer a customer, or a
    // deleted one). `None` where they disagree. Paths are compared by shape, their parameters' names left out: v2 calls
    // `/v2/core/accounts/{id}` and `/v2/core/accounts/{account_id}/persons` alike.
    let mut answered: BTreeMap<String, Option<TypeName>> = BTreeMap::new();
    for operation in &api.operations {
        let TypeRef::Named(name) = &operation.response else {
            continue;
        };
        let Some(kind) = kind_of(api, &kinds, name) else {
            continue;
        };
        answered
            .entry(shape(operation, operation.path.len()))
            .and_modify(|seen| {
                if seen.as_ref() != Some(&kind) {
                    *seen = None;
                }
            })
            .or_insert(Some(kind));
    }
    let typed: Vec<Vec<Option<TypeName>>> = api
        .operations
        .iter()
        .map(|operation| {
            let mut by_index = vec![None; operation.path_params.len()];
            for (position, piece) in operation.path.iter().enumerate() {
                if let PathPiece::Param(index) = piece {
                    let prefix = shape(operation, position + 1);
                    if let Some(slot) = by_index.get_mut(*index) {
                        *slot = answered.get(&prefix).cloned().flatten();
                    }
                }
            }
            by_index
        })
        .collect();
    for (operation, kinds) in api.operations.iter_mut().zip(typed) {
        for (param, kind) in operation.path_params.iter_mut().zip(kinds) {
            param.id_of = kind;
        }
    }
    type_request_fields(api, &kinds);
    kinds
}

/// A call's parameter that names the same object as an expandable field of its
/// answer (`customer` of `payment_intents::create`, whose answer's `customer` expands
/// to a customer) is that object's ID, when the field's object is a resource (not a
/// choice of several kinds: `source` may be a token as well as a card).
fn type_request_fields(api: &mut Api, kinds: &BTreeMap<TypeName, TypeName>) {
    let resources: std::collections::BTreeSet<&TypeName> = kinds.values().collect();
    let mut retyped: Vec<(TypeName, BTreeMap<String, TypeName>)> = Vec::new();
    for operation in &api.operations {
        let (Some(params), TypeRef::Named(answer)) = (&operation.params, &operation.response)
        else {
            continue;
        };
        let Some(object) = kind_of(api, kinds, answer) else {
            continue;
        };
        let Some(TypeKind::Struct { fields }) = api.definition(&object).map(|def| &def.kind) else {
            continue;
        };
        let mut named: BTreeMap<String, TypeName> = BTreeMap::new();
        for field in fields {
            let target = match &field.ty {
                TypeRef::Expandable(inner) => inner.as_ref(),
                TypeRef::List(item) => match item.as_ref() {
                    TypeRef::Expandable(inner) => inner.as_ref(),
                    _ => continue,
                },
                _ => continue,
            };
            let TypeRef::Named(target) = target else {
                continue;
            };
            if let Some(kind) = kind_of(api, kinds, target).filter(|kind| resources.contains(kind))
            {
                named.insert(field.wire_name.clone(), kind);
            }
        }
        if !named.is_empty() {
            retyped.push((params.clone(), named));
        }
    }
    for (params, named) in retyped {
        // A call's own parameters only (a shared definition is an alias elsewhere).
        let Some(fields) = api.struct_fields_mut(&params) else {
            continue;
        };
        for field in fields.iter_mut() {
            let Some(kind) = named.get(&field.wire_name) else {
                continue;
            };
            match &mut field.ty {
                ty @ TypeRef::String { .. } => *ty = TypeRef::Id(kind.clone()),
                TypeRef::List(item) if matches!(item.as_ref(), TypeRef::String { .. }) => {
                    **item = TypeRef::Id(kind.clone());
                }
                _ => {}
            }
        }
    }
}

/// The first `pieces` pieces of an operation's path, each parameter written `{}`.
fn shape(operation: &super::Operation, pieces: usize) -> String {
    let mut shape = String::new();
    for piece in operation.path.iter().take(pieces) {
        match piece {
            PathPiece::Literal(text) => shape.push_str(text),
            PathPiece::Param(_) => shape.push_str("{}"),
        }
    }
    shape
}

/// The kind of object each resource's ID names (a resource -> itself, a deleted one ->
/// the resource).
fn resource_kinds(api: &Api, spec: &OpenAPI) -> BTreeMap<TypeName, TypeName> {
    let schemas = spec
        .components
        .as_ref()
        .map(|components| &components.schemas);
    let mut kinds = BTreeMap::new();
    for (key, name) in &api.components {
        let Some(schema) = schemas
            .and_then(|schemas| schemas.get(key))
            .and_then(|schema| resolve(spec, SchemaOrRef::from(schema)))
        else {
            continue;
        };
        if !has_text_id(api, name) {
            continue;
        }
        let kind = match fixed_object_value(schema) {
            Some(object) => api
                .components
                .get(&object)
                .filter(|kind| has_text_id(api, kind))
                .cloned(),
            None => {
                let resource_id = schema.schema_data.extensions.get("x-resourceId");
                (resource_id.and_then(|id| id.as_str()) == Some(key.as_str())).then(|| name.clone())
            }
        };
        if let Some(kind) = kind {
            kinds.insert(name.clone(), kind);
        }
    }
    kinds
}

/// The kind of object whose ID a value of type `name` has: a resource's, or the one
/// kind every branch of a union shares (`CustomerOrDeletedCustomer` -> `Customer`).
pub(super) fn kind_of(
    api: &Api,
    kinds: &BTreeMap<TypeName, TypeName>,
    name: &TypeName,
) -> Option<TypeName> {
    let def = api.definition(name)?;
    match &def.kind {
        TypeKind::Struct { .. } => kinds.get(&def.name).cloned(),
        TypeKind::Union { variants } => {
            let mut shared: Option<TypeName> = None;
            for variant in variants {
                let VariantValue::Of(TypeRef::Named(inner)) = &variant.value else {
                    return None;
                };
                let inner = api.definition(inner)?;
                let kind = kinds.get(&inner.name)?;
                match &shared {
                    Some(seen) if seen != kind => return None,
                    _ => shared = Some(kind.clone()),
                }
            }
            shared
        }
        _ => None,
    }
}

fn has_text_id(api: &Api, name: &TypeName) -> bool {
    match api.definition(name).map(|def| &def.kind) {
        Some(TypeKind::Struct { fields }) => fields.iter().any(is_text_id),
        _ => false,
    }
}

fn is_text_id(field: &Field) -> bool {
    field.wire_name == "id" && matches!(field.ty, TypeRef::String { .. })
}
