//! Questions the model asks of the raw spec in several places, answered once: what a
//! `$ref` points at, an object schema's fixed `object` value, an operation's success
//! response.

use openapiv3::{OpenAPI, ReferenceOr, Response, Schema, SchemaKind, StatusCode, Type};

use super::schemas::SchemaOrRef;
use super::PageKind;

/// The only `$ref` form the generator follows.
pub const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// The component key a `$ref` names (`#/components/schemas/a~1b` -> `a/b`), with the
/// JSON pointer escapes undone; `None` for any other kind of reference.
pub fn component_key(reference: &str) -> Option<String> {
    reference
        .strip_prefix(COMPONENT_PREFIX)
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
}

/// The schema itself, or the component schema a reference names (if it exists and is
/// not itself a reference).
pub fn resolve<'s>(spec: &'s OpenAPI, schema: SchemaOrRef<'s>) -> Option<&'s Schema> {
    match schema {
        SchemaOrRef::Item(schema) => Some(schema),
        SchemaOrRef::Ref(reference) => {
            let key = component_key(reference)?;
            spec.components.as_ref()?.schemas.get(&key)?.as_item()
        }
    }
}

/// An object schema's properties, by name.
pub type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The properties and the number of required properties of an object schema.
pub fn object_properties(schema: &Schema) -> Option<(&Properties, usize)> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some((&object.properties, object.required.len())),
        SchemaKind::Any(any) => Some((&any.properties, any.required.len())),
        _ => None,
    }
}

/// The value an object schema's `object` property is fixed to (`"customer"`, `"list"`):
/// an inline string enum of exactly one value.
pub fn fixed_object_value(schema: &Schema) -> Option<String> {
    let (properties, _) = object_properties(schema)?;
    single_string_value(properties.get("object")?)
}

/// Which kind of page an object schema describes, if any: a v1 list or search page
/// (`object` fixed to `list` or `search_result`, with `data` and `has_more`), or a v2
/// list (`data` and `next_page_url`, no `object`). A schema with properties besides
/// the page's own is an object, not a page.
pub fn page_kind(schema: &Schema) -> Option<PageKind> {
    let (properties, _) = object_properties(schema)?;
    page_kind_of(properties)
}

/// [`page_kind`], from the schema's properties.
pub fn page_kind_of(properties: &Properties) -> Option<PageKind> {
    const V1_PAGE_FIELDS: &[&str] = &[
        "data",
        "has_more",
        "object",
        "url",
        "next_page",
        "total_count",
    ];
    const V2_PAGE_FIELDS: &[&str] = &["data", "next_page_url", "previous_page_url"];
    let only = |allowed: &[&str]| properties.keys().all(|key| allowed.contains(&key.as_str()));
    if !properties.contains_key("data") {
        return None;
    }
    if properties.contains_key("next_page_url") && only(V2_PAGE_FIELDS) {
        return Some(PageKind::NextPageUrl);
    }
    if !properties.contains_key("has_more") || !only(V1_PAGE_FIELDS) {
        return None;
    }
    match single_string_value(properties.get("object")?)?.as_str() {
        "list" => Some(PageKind::List),
        "search_result" => Some(PageKind::Search),
        _ => None,
    }
}

/// The one value of an inline string enum of exactly one value.
pub fn single_string_value(schema: &ReferenceOr<Box<Schema>>) -> Option<String> {
    let ReferenceOr::Item(schema) = schema else {
        return None;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
            [Some(value)] => Some(value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// An operation's first 2xx response, with its status.
pub fn success_response(
    operation: &openapiv3::Operation,
) -> Option<(&StatusCode, &ReferenceOr<Response>)> {
    operation
        .responses
        .responses
        .iter()
        .find(|(status, _)| status.to_string().starts_with('2'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_keys_are_unescaped() {
        assert_eq!(
            component_key("#/components/schemas/customer").as_deref(),
            Some("customer")
        );
        assert_eq!(
            component_key("#/components/schemas/a~1b~0c").as_deref(),
            Some("a/b~c")
        );
        assert_eq!(component_key("#/components/responses/x"), None);
        assert_eq!(component_key("other.yaml#/x"), None);
    }

    #[test]
    fn the_fixed_object_value_is_a_single_enum_value() {
        let schema = |object: serde_json::Value| -> Schema {
            serde_json::from_value(serde_json::json!({
                "type": "object",
                "properties": { "object": object }
            }))
            .unwrap()
        };
        assert_eq!(
            fixed_object_value(&schema(
                serde_json::json!({"type": "string", "enum": ["list"]})
            ))
            .as_deref(),
            Some("list")
        );
        assert_eq!(
            fixed_object_value(&schema(
                serde_json::json!({"type": "string", "enum": ["a", "b"]})
            )),
            None
        );
        assert_eq!(
            fixed_object_value(&schema(serde_json::json!({"type": "string"}))),
            None
        );
    }
}
