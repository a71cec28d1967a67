//! What receiving webhooks needs, when the spec describes events: the `event` object
//! with its `type` as an enum of the event types the spec lists, and its
//! `data.object` as one of the API's resources, told apart by their `object` field.

use openapiv3::{ReferenceOr, SchemaKind, Type};

use super::build::Builder;
use super::names::{self, Namespace};
use super::spec_lookup;
use super::{Api, ModulePath, Origin, Role, TypeDef, TypeKind, TypeName, TypeRef, Variant};
use crate::diagnostic::pointer;

/// The component every event is.
const EVENT_COMPONENT: &str = "event";
/// The component holding an event's object and previous attributes.
const EVENT_DATA_COMPONENT: &str = "notification_event_data";
/// The request parameter whose values are the event types (webhook endpoints').
const EVENT_TYPES_PROPERTY: &str = "enabled_events";
/// Not an event type: "every event".
const ALL_EVENTS: &str = "*";

/// The typed event of a spec with webhooks.
#[derive(Debug, Clone)]
pub struct Webhooks {
    /// `types::Event`.
    pub event: TypeName,
    /// `types::EventType`: every event type the spec lists.
    pub event_type: TypeName,
    /// `types::EventObject`: what `data.object` can be.
    pub event_object: TypeName,
    /// One kind per API resource (component with `x-resourceId` and a fixed `object`
    /// value), sorted by name.
    pub kinds: Vec<EventObjectKind>,
}

/// One kind of object an event can carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventObjectKind {
    /// Its `object` value (`checkout.session`).
    pub object: String,
    /// Its type (`types::CheckoutSession`), also the variant's name.
    pub ty: TypeName,
}

impl Builder<'_> {
    /// Builds the event types when the spec has an `event` component whose `data` has
    /// an `object`; `None` otherwise (no webhooks module is generated). With only some
    /// operations selected (`whole_api` false), the kinds are those the operations
    /// already need: no resource is built for events alone.
    pub(super) fn webhooks(&mut self, whole_api: bool) -> Option<Webhooks> {
        let spec = self.spec;
        let schemas = &spec.components.as_ref()?.schemas;
        if !schemas.contains_key(EVENT_COMPONENT) || !schemas.contains_key(EVENT_DATA_COMPONENT) {
            return None;
        }
        let event_pointer = pointer("/components/schemas", &[EVENT_COMPONENT]);
        let TypeRef::Named(event) = self.component(EVENT_COMPONENT, &event_pointer, None)? else {
            return None;
        };
        // Every resource, in key order (component names are fixed, so this is stable).
        let mut keys: Vec<&String> = schemas.keys().collect();
        keys.sort();
        let mut kinds: Vec<EventObjectKind> = Vec::new();
        for key in keys {
            let Some(schema) = schemas[key].as_item() else {
                continue;
            };
            // Deleted objects carry the same `object` value as the live ones; events
            // carry the live shape. No event is about an event.
            if !schema.schema_data.extensions.contains_key("x-resourceId")
                || key.starts_with("deleted_")
                || key == EVENT_COMPONENT
            {
                continue;
            }
            let Some(object) = spec_lookup::fixed_object_value(schema) else {
                continue;
            };
            if kinds.iter().any(|kind| kind.object == object)
                || (!whole_api && !self.components_done.contains_key(key.as_str()))
            {
                continue;
            }
            let from = pointer("/components/schemas", &[key]);
            if let Some(TypeRef::Named(ty)) = self.component(key, &from, None) {
                kinds.push(EventObjectKind { object, ty });
            }
        }
        kinds.sort_by(|a, b| a.ty.cmp(&b.ty));
        let types = ModulePath::types();
        let event_type = self.claim_type_name(&types, "EventType".to_string());
        let event_object = self.claim_type_name(&types, "EventObject".to_string());
        let mut variant_names = Namespace::camel_case().reserve([names::UNKNOWN_VARIANT]);
        let variants = self
            .event_types()
            .into_iter()
            .map(|wire| Variant {
                rust_name: variant_names.claim(names::variant_name(&wire)),
                wire,
            })
            .collect();
        let file = names::SnakeIdent::from_spec(EVENT_COMPONENT)
            .plain()
            .to_string();
        self.add_type(TypeDef {
            name: event_type.clone(),
            role: Role::Response,
            doc: Some("What happened: the type of an event (`invoice.paid`).".to_string()),
            kind: TypeKind::Enum { variants },
            file,
            origin: Origin::default(),
        });
        Some(Webhooks {
            event,
            event_type,
            event_object,
            kinds,
        })
    }

    /// The values of every `enabled_events` list parameter of the spec's requests,
    /// sorted, without `*`.
    fn event_types(&self) -> Vec<String> {
        let mut found = std::collections::BTreeSet::new();
        for item in self
            .spec
            .paths
            .paths
            .values()
            .filter_map(ReferenceOr::as_item)
        {
            for (_, operation) in item.iter() {
                let Some(ReferenceOr::Item(body)) = &operation.request_body else {
                    continue;
                };
                for media in body.content.values() {
                    let Some(ReferenceOr::Item(schema)) = &media.schema else {
                        continue;
                    };
                    let Some((properties, _)) = spec_lookup::object_properties(schema) else {
                        continue;
                    };
                    let Some(ReferenceOr::Item(list)) = properties.get(EVENT_TYPES_PROPERTY) else {
                        continue;
                    };
                    let SchemaKind::Type(Type::Array(array)) = &list.schema_kind else {
                        continue;
                    };
                    let Some(ReferenceOr::Item(items)) = &array.items else {
                        continue;
                    };
                    if let SchemaKind::Type(Type::String(string)) = &items.schema_kind {
                        found.extend(string.enumeration.iter().flatten().cloned());
                    }
                }
            }
        }
        found.remove(ALL_EVENTS);
        found.into_iter().collect()
    }
}

/// Types the event's `type` as [`Webhooks::event_type`] and its `data.object` as
/// [`Webhooks::event_object`], once every type is built.
pub(super) fn type_the_event(api: &mut Api) {
    let Some(webhooks) = &api.webhooks else {
        return;
    };
    let (event, event_type, event_object) = (
        webhooks.event.clone(),
        TypeRef::Named(webhooks.event_type.clone()),
        TypeRef::Named(webhooks.event_object.clone()),
    );
    let mut data = None;
    if let Some(fields) = api.struct_fields_mut(&event) {
        for field in fields {
            match field.wire_name.as_str() {
                "type" if matches!(field.ty, TypeRef::String { .. }) => {
                    field.ty = event_type.clone()
                }
                "data" => {
                    if let TypeRef::Named(name) = &field.ty {
                        data = Some(name.clone());
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(fields) = data.and_then(|data| api.struct_fields_mut(&data)) {
        for field in fields {
            if field.wire_name == "object" && field.ty == TypeRef::Json {
                field.ty = event_object.clone();
            }
        }
    }
}
