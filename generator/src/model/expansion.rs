//! Typed expansion: a call whose answer has fields the spec lists as expandable
//! (`x-expandableFields`) takes its `expand` parameter as `Expand<Answer>` paths
//! rather than text, and the answer's type gets one constant per such field.
//!
//! The answer is the object a call returns, or for a choice of an object and its
//! deleted form the object (`CustomerOrDeletedCustomer` -> `Customer`); for a list or
//! search, the page of those (`Expand<List<Customer>>`, reached with `Expand::data`).
//! Calls whose answer is none of these keep text.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use super::{Api, PageKind, TypeKind, TypeName, TypeRef};

/// Types `expand` parameters (see the module docs); returns the answer types and
/// their expandable fields, for emit's constants.
pub(super) fn type_expansions(api: &mut Api, spec: &OpenAPI) -> BTreeMap<TypeName, Vec<String>> {
    let schemas = spec
        .components
        .as_ref()
        .map(|components| &components.schemas);
    // Component type -> its expandable fields, as the spec lists them.
    let mut listed: BTreeMap<TypeName, Vec<String>> = BTreeMap::new();
    for (key, name) in &api.components {
        let Some(openapiv3::ReferenceOr::Item(schema)) =
            schemas.and_then(|schemas| schemas.get(key))
        else {
            continue;
        };
        let fields: Vec<String> = schema
            .schema_data
            .extensions
            .get("x-expandableFields")
            .and_then(|fields| fields.as_array())
            .map(|fields| {
                fields
                    .iter()
                    .filter_map(|field| field.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if !fields.is_empty() {
            listed.insert(name.clone(), fields);
        }
    }
    let mut used: BTreeMap<TypeName, Vec<String>> = BTreeMap::new();
    let mut typed: Vec<(TypeName, TypeRef)> = Vec::new();
    for operation in &api.operations {
        let Some(params) = &operation.params else {
            continue;
        };
        let object_of = |name: &TypeName| -> Option<TypeName> {
            let def = api.definition(name)?;
            let object = match &def.kind {
                TypeKind::Struct { .. } => def.name.clone(),
                TypeKind::Union { .. } => super::ids::kind_of(api, &api.id_kinds, name)?,
                _ => return None,
            };
            listed.contains_key(&object).then_some(object)
        };
        let answer = match &operation.response {
            TypeRef::Named(name) => {
                object_of(name).map(|object| (object.clone(), TypeRef::Named(object)))
            }
            TypeRef::Page {
                kind: kind @ (PageKind::List | PageKind::Search),
                item,
            } => match item.as_ref() {
                TypeRef::Named(name) => object_of(name).map(|object| {
                    let page = TypeRef::Page {
                        kind: *kind,
                        item: Box::new(TypeRef::Named(object.clone())),
                    };
                    (object, page)
                }),
                _ => None,
            },
            _ => None,
        };
        let Some((object, answer)) = answer else {
            continue;
        };
        typed.push((params.clone(), answer));
        used.insert(object.clone(), listed[&object].clone());
    }
    for (params, answer) in typed {
        // Only a call's own parameters (not a definition several calls share).
        let Some(fields) = api.struct_fields_mut(&params) else {
            continue;
        };
        if let Some(expand) = fields.iter_mut().find(|field| field.wire_name == "expand") {
            if matches!(&expand.ty, TypeRef::List(item) if matches!(item.as_ref(), TypeRef::String { .. }))
            {
                expand.ty = TypeRef::List(Box::new(TypeRef::Expand(Box::new(answer))));
            }
        }
    }
    used
}
