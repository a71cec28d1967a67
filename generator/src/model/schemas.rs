//! Schemas to types: the mapping rules of CONTRIBUTING.md, one function per kind of schema.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::build::Builder;
use super::names;
use super::spec_lookup::{self, COMPONENT_PREFIX};
use super::{
    Field, ModulePath, Origin, Presence, Role, TypeDef, TypeKind, TypeName, TypeRef, UnionVariant,
    Variant, VariantValue,
};
use crate::diagnostic::{pointer, Diagnostic};

/// Where in the spec and in the generated crate a schema is being turned into a type.
#[derive(Debug, Clone)]
pub(super) struct Place<'a> {
    /// JSON pointer of the schema.
    pub pointer: String,
    pub operation_id: Option<&'a str>,
    pub role: Role,
    /// Module an inline type created here goes to.
    pub module: ModulePath,
    /// Name an inline type created here asks for.
    pub name: String,
    /// Prefix for the names of types nested inside a type created here.
    pub child_prefix: String,
    /// File the types created here are written to.
    pub file: String,
    /// The property whose value is made here (kept through list items and union
    /// branches), and the title of the schema being read.
    pub origin: Origin,
}

impl<'a> Place<'a> {
    fn at(&self, tokens: &[&str]) -> Self {
        Self {
            pointer: pointer(&self.pointer, tokens),
            origin: Origin {
                title: None,
                ..self.origin.clone()
            },
            ..self.clone()
        }
    }

    /// The place of property `property` of a type called `owner`.
    fn property(&self, owner: &str, property: &str) -> Self {
        let name = format!("{owner}{}", names::type_name(property));
        let mut path = self.origin.path.clone();
        path.push(property.to_string());
        Self {
            pointer: pointer(&self.pointer, &["properties", property]),
            child_prefix: name.clone(),
            name,
            origin: Origin { path, title: None },
            ..self.clone()
        }
    }

    /// The place of the items of the list made here, which stand for one of what the
    /// list's property names (`tax_ids` -> `tax_id`).
    fn items(&self) -> Self {
        let mut items = self.at(&["items"]);
        if let Some(last) = items.origin.path.last_mut() {
            *last = names::singular(last);
        }
        items
    }

    /// A place at `pointer` whose inline types are called `name`.
    pub fn named(&self, pointer: String, name: String) -> Self {
        Self {
            pointer,
            child_prefix: name.clone(),
            name,
            origin: Origin {
                title: None,
                ..self.origin.clone()
            },
            ..self.clone()
        }
    }

    /// The same place, reading a schema titled `title`.
    fn titled(&self, title: Option<&String>) -> Self {
        Self {
            origin: Origin {
                title: title.cloned(),
                ..self.origin.clone()
            },
            ..self.clone()
        }
    }

    fn problem(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.pointer.clone(), message).in_operation(self.operation_id)
    }
}

/// A schema or a reference to one, whichever box it came in.
#[derive(Clone, Copy)]
pub(super) enum SchemaOrRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaOrRef<'s> {
    fn from(value: &'s ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaOrRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaOrRef::Item(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaOrRef<'s> {
    fn from(value: &'s ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaOrRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaOrRef::Item(schema),
        }
    }
}

impl<'spec> Builder<'spec> {
    /// The type of component schema `key` (created on first use), or `None` with a
    /// diagnostic at `from` if there is no such component.
    pub(super) fn component(
        &mut self,
        key: &str,
        from: &str,
        operation_id: Option<&str>,
    ) -> Option<TypeRef> {
        if let Some(done) = self.components_done.get(key) {
            return Some(done.clone());
        }
        let spec = self.spec;
        let (Some(schema), Some(type_name)) = (
            spec.components
                .as_ref()
                .and_then(|components| components.schemas.get(key)),
            self.component_type_name(key),
        ) else {
            self.report(
                Diagnostic::new(
                    from,
                    format!("$ref to {COMPONENT_PREFIX}{key}, which does not exist"),
                )
                .in_operation(operation_id),
            );
            return None;
        };
        // Recorded before the schema is walked, so a recursive reference finds it.
        self.components_done
            .insert(key.to_string(), TypeRef::Named(type_name.clone()));
        let place = Place {
            pointer: pointer("/components/schemas", &[key]),
            operation_id,
            role: Role::Response,
            module: ModulePath::types(),
            child_prefix: type_name.name.clone(),
            name: type_name.name.clone(),
            file: names::SnakeIdent::from_spec(key).plain().to_string(),
            origin: Origin::default(),
        };
        let ty = self.named_type_of(schema.into(), &place, Some(type_name));
        match &ty {
            Some(ty) => {
                self.components_done.insert(key.to_string(), ty.clone());
            }
            None => {
                self.components_done.remove(key);
            }
        }
        ty
    }

    /// The type of a schema found at `place`; inline objects and enums become new
    /// types named after the place.
    pub(super) fn type_of(&mut self, schema: SchemaOrRef, place: &Place) -> Option<TypeRef> {
        self.named_type_of(schema, place, None)
    }

    /// As [`Self::type_of`]; a type created here takes `fixed_name` if given (claimed
    /// beforehand) instead of claiming `place.name`.
    fn named_type_of(
        &mut self,
        schema: SchemaOrRef,
        place: &Place,
        fixed_name: Option<TypeName>,
    ) -> Option<TypeRef> {
        let schema = match schema {
            SchemaOrRef::Ref(reference) => return self.reference(reference, place),
            SchemaOrRef::Item(schema) => schema,
        };
        let titled;
        let place = match &schema.schema_data.title {
            Some(title) => {
                titled = place.titled(Some(title));
                &titled
            }
            None => place,
        };
        let doc = schema.schema_data.description.clone();
        match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => Some(TypeRef::Bool),
            SchemaKind::Type(Type::Integer(integer)) => Some(match &integer.format {
                openapiv3::VariantOrUnknownOrEmpty::Unknown(format) if format == "unix-time" => {
                    TypeRef::Timestamp
                }
                _ => TypeRef::Integer,
            }),
            SchemaKind::Type(Type::Number(_)) => Some(TypeRef::Number),
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                let binary = matches!(
                    &string.format,
                    openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
                );
                if binary {
                    return Some(match place.role {
                        Role::Request => TypeRef::File,
                        Role::Response => TypeRef::Binary,
                    });
                }
                // Numbers and times carried as text keep their exact value; currencies
                // are the runtime's `Currency`.
                if values.is_empty() {
                    if let openapiv3::VariantOrUnknownOrEmpty::Unknown(format) = &string.format {
                        match format.as_str() {
                            "decimal" => return Some(TypeRef::Decimal),
                            "int64" => return Some(TypeRef::Int64Text),
                            "currency" => return Some(TypeRef::Currency),
                            _ => {}
                        }
                    }
                    if let openapiv3::VariantOrUnknownOrEmpty::Item(
                        openapiv3::StringFormat::DateTime,
                    ) = &string.format
                    {
                        return Some(TypeRef::DateTime);
                    }
                }
                // A response enum of one value (`object: "customer"`) is a constant:
                // plain text, rather than a type per object kind.
                if values.len() == 1 && place.role == Role::Response {
                    return Some(TypeRef::String { max_chars: None });
                }
                if values.is_empty() {
                    Some(TypeRef::String {
                        max_chars: string.max_length.map(|max| max as u64),
                    })
                } else {
                    Some(self.enum_type(values, doc, place, fixed_name))
                }
            }
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item = self.named_type_of(items.into(), &place.items(), None)?;
                    Some(TypeRef::List(Box::new(item)))
                }
                None => {
                    self.report(place.problem("an array schema needs `items`"));
                    None
                }
            },
            SchemaKind::Type(Type::Object(object)) => self.object_type(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                doc,
                place,
                fixed_name,
            ),
            SchemaKind::AnyOf { any_of } => self.any_of(any_of, schema, place, fixed_name),
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.named_type_of((&all_of[0]).into(), &place.at(&["allOf", "0"]), fixed_name)
            }
            SchemaKind::AllOf { .. } => {
                self.report(place.problem("`allOf` with several schemas is not supported yet"));
                None
            }
            SchemaKind::OneOf { .. } => {
                self.report(place.problem("`oneOf` is not supported yet; use `anyOf`"));
                None
            }
            SchemaKind::Not { .. } => {
                self.report(place.problem("`not` schemas are not supported"));
                None
            }
            SchemaKind::Any(any) => {
                if !any.any_of.is_empty() {
                    return self.any_of(&any.any_of, schema, place, fixed_name);
                }
                if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
                    return self.object_type(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                        doc,
                        place,
                        fixed_name,
                    );
                }
                let texts: Option<Vec<String>> = any
                    .enumeration
                    .iter()
                    .filter(|value| !value.is_null())
                    .map(|value| value.as_str().map(str::to_string))
                    .collect();
                match texts {
                    Some(values) if !values.is_empty() => {
                        Some(self.enum_type(values, doc, place, fixed_name))
                    }
                    _ if any.typ.is_none() && any.enumeration.is_empty() => self.free_form(place),
                    _ => {
                        self.report(place.problem(format!(
                            "schema of type {:?} with these keywords is not supported",
                            any.typ.as_deref().unwrap_or("(none)")
                        )));
                        None
                    }
                }
            }
        }
    }

    /// A `$ref`: a component type in responses; in requests the referenced schema is
    /// written out in place, since request types are named by where they are used.
    fn reference(&mut self, reference: &str, place: &Place) -> Option<TypeRef> {
        let Some(key) = spec_lookup::component_key(reference) else {
            self.report(place.problem(format!(
                "$ref {reference:?} is not supported: only {COMPONENT_PREFIX}NAME references are"
            )));
            return None;
        };
        match place.role {
            Role::Response => self.component(&key, &place.pointer, place.operation_id),
            Role::Request => {
                let spec = self.spec;
                let Some(target) = spec
                    .components
                    .as_ref()
                    .and_then(|components| components.schemas.get(&key))
                else {
                    self.report(place.problem(format!(
                        "$ref to {COMPONENT_PREFIX}{key}, which does not exist"
                    )));
                    return None;
                };
                if place.pointer.len() > 4096 {
                    // Only a reference cycle makes a request schema this deep.
                    self.report(place.problem(format!(
                        "$ref to {COMPONENT_PREFIX}{key} is part of a cycle, which request \
                         parameters cannot have"
                    )));
                    return None;
                }
                // The component's name stands in for a title it does not have.
                let target_place = place.at(&["$ref"]).titled(Some(&key));
                self.named_type_of(target.into(), &target_place, None)
            }
        }
    }

    fn free_form(&mut self, place: &Place) -> Option<TypeRef> {
        match place.role {
            Role::Response => Some(TypeRef::Json),
            Role::Request => {
                self.report(place.problem(
                    "free-form values (no type, no properties) in request parameters are not supported",
                ));
                None
            }
        }
    }

    fn object_type(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        doc: Option<String>,
        place: &Place,
        fixed_name: Option<TypeName>,
    ) -> Option<TypeRef> {
        if properties.is_empty() {
            return match additional {
                Some(AdditionalProperties::Schema(values)) => {
                    let value_schema: SchemaOrRef = values.as_ref().into();
                    let value = self.named_type_of(
                        value_schema,
                        &place.at(&["additionalProperties"]),
                        None,
                    )?;
                    // A request map whose values may be `null` (v2 metadata): each key
                    // is set or removed, so each value is `Unsettable`.
                    let clearable_values = place.role == Role::Request
                        && matches!(value_schema, SchemaOrRef::Item(schema) if schema.schema_data.nullable);
                    Some(TypeRef::Map(Box::new(if clearable_values {
                        TypeRef::Unsettable(Box::new(value))
                    } else {
                        value
                    })))
                }
                // `{type: object, properties: {}}`: a request that takes no parameters.
                _ if place.role == Role::Request => {
                    let name = self.new_type_name(place, fixed_name);
                    self.add_type(TypeDef {
                        name: name.clone(),
                        role: place.role,
                        doc,
                        kind: TypeKind::Struct { fields: Vec::new() },
                        file: place.file.clone(),
                        origin: place.origin.clone(),
                    });
                    Some(TypeRef::Named(name))
                }
                _ => self.free_form(place),
            };
        }
        if place.role == Role::Response {
            if let Some(page) = self.page(properties, place) {
                return page;
            }
        }
        if let Some(AdditionalProperties::Schema(_)) = additional {
            self.report(place.problem(
                "objects with both `properties` and an `additionalProperties` schema are not supported",
            ));
            return None;
        }
        let name = self.new_type_name(place, fixed_name);
        // Nested types are named after this one; a request root (`UpdateParams`) lends
        // its prefix (`Update`) instead, and a renumbered name lends itself.
        let owner = if name.name == place.name {
            place.child_prefix.clone()
        } else {
            name.name.clone()
        };
        // Response structs keep unknown fields in `other_fields`, and their reader's
        // locals are named after the fields.
        let mut field_names = match place.role {
            Role::Request => names::Namespace::snake_case().reserve([names::EXTRA_PARAMS]),
            Role::Response => {
                names::Namespace::snake_case().reserve([names::OTHER_FIELDS, names::JSON_FIELDS])
            }
        };
        let mut fields = Vec::new();
        for (wire_name, property) in properties {
            let property_place = place.property(&owner, wire_name);
            let required = required.iter().any(|r| r == wire_name);
            if let Some(field) = self.field(
                wire_name,
                property.into(),
                required,
                &property_place,
                None,
                &mut field_names,
            ) {
                fields.push(field);
            }
        }
        self.add_type(TypeDef {
            name: name.clone(),
            role: place.role,
            doc,
            kind: TypeKind::Struct { fields },
            file: place.file.clone(),
            origin: place.origin.clone(),
        });
        Some(TypeRef::Named(name))
    }

    /// The name of a type created at `place`: the one claimed beforehand (components),
    /// or the place's name, numbered if taken.
    fn new_type_name(&mut self, place: &Place, fixed_name: Option<TypeName>) -> TypeName {
        match fixed_name {
            Some(name) => name,
            None => self.claim_type_name(&place.module, place.name.clone()),
        }
    }

    /// One field: `schema` at `place` (whose name is the one inline types get).
    pub(super) fn field(
        &mut self,
        wire_name: &str,
        schema: SchemaOrRef,
        required: bool,
        place: &Place,
        description: Option<String>,
        field_names: &mut names::Namespace,
    ) -> Option<Field> {
        let (own_description, nullable) = match schema {
            SchemaOrRef::Item(schema) => (
                schema.schema_data.description.clone(),
                schema.schema_data.nullable,
            ),
            SchemaOrRef::Ref(_) => (None, false),
        };
        // In requests, an empty-string branch means "send `key=` to clear".
        let clearable = has_empty_string_branch(schema);
        let ty = self.named_type_of(schema, place, None)?;
        if ty != TypeRef::Int64Text && contains_int64_text(&ty) {
            self.report(place.problem(
                "`format: int64` text inside a list or map is not supported yet (only as a \
                 field's own value)",
            ));
            return None;
        }
        Some(Field {
            wire_name: wire_name.to_string(),
            rust_name: field_names.claim_snake(names::SnakeIdent::from_spec(wire_name)),
            doc: description.or(own_description),
            ty,
            presence: Presence::of(place.role, required, nullable, clearable),
            boxed: false,
        })
    }

    /// A page (see [`spec_lookup::page_kind_of`]): the runtime's page types, rather
    /// than one struct per list.
    fn page(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        place: &Place,
    ) -> Option<Option<TypeRef>> {
        let kind = spec_lookup::page_kind_of(properties)?;
        let ReferenceOr::Item(data) = properties.get("data")? else {
            return None;
        };
        let SchemaKind::Type(Type::Array(array)) = &data.schema_kind else {
            return None;
        };
        let items = array.items.as_ref()?;
        let data_place = place.property(&place.child_prefix, "data").at(&["items"]);
        let item = self.named_type_of(items.into(), &data_place, None);
        Some(item.map(|item| TypeRef::Page {
            kind,
            item: Box::new(item),
        }))
    }

    fn enum_type(
        &mut self,
        values: Vec<String>,
        doc: Option<String>,
        place: &Place,
        fixed_name: Option<TypeName>,
    ) -> TypeRef {
        let name = self.new_type_name(place, fixed_name);
        let mut taken = variant_namespace();
        let mut variants = Vec::new();
        for value in values {
            if variants.iter().any(|v: &Variant| v.wire == value) {
                continue;
            }
            let rust_name = taken.claim(names::variant_name(&value));
            variants.push(Variant {
                wire: value,
                rust_name,
            });
        }
        self.add_type(TypeDef {
            name: name.clone(),
            role: place.role,
            doc,
            kind: TypeKind::Enum { variants },
            file: place.file.clone(),
            origin: place.origin.clone(),
        });
        TypeRef::Named(name)
    }

    fn any_of(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        schema: &Schema,
        place: &Place,
        fixed_name: Option<TypeName>,
    ) -> Option<TypeRef> {
        let branch_place = |index: usize| place.at(&["anyOf", &index.to_string()]);
        // `anyOf: [T, {enum: [""]}]` reached here (not as a property): the empty branch
        // only matters for fields, so the value is T.
        let kept: Vec<(usize, SchemaOrRef)> = branches
            .iter()
            .enumerate()
            .map(|(index, branch)| (index, SchemaOrRef::from(branch)))
            .filter(|(_, branch)| !is_empty_string(*branch))
            .collect();
        if kept.len() == 1 {
            let (index, branch) = kept[0];
            return self.named_type_of(branch, &branch_place(index), fixed_name);
        }
        if place.role == Role::Request {
            return self.union(&kept, place, fixed_name);
        }
        let expandable = schema
            .schema_data
            .extensions
            .contains_key("x-expansionResources");
        let objects: Vec<(usize, SchemaOrRef)> = kept
            .iter()
            .copied()
            .filter(|(_, branch)| !(expandable && is_plain_string(*branch)))
            .collect();
        if expandable && objects.len() + 1 != kept.len() {
            self.report(place.problem(
                "an expandable field must be `anyOf` one string (the ID) and the object schemas",
            ));
            return None;
        }
        let ty = if objects.len() == 1 {
            let (index, branch) = objects[0];
            self.named_type_of(branch, &branch_place(index), fixed_name)?
        } else {
            self.union(&objects, place, fixed_name)?
        };
        Some(if expandable {
            TypeRef::Expandable(Box::new(ty))
        } else {
            ty
        })
    }

    /// One of several types. String-enum branches become unit variants (one per value);
    /// the others hold a value and are named after its kind (`Integer`, `String`, ...),
    /// its component or its title. Response variants are ordered most specific (most
    /// required properties) first, which is the order deserialisation tries them in.
    fn union(
        &mut self,
        branches: &[(usize, SchemaOrRef)],
        place: &Place,
        fixed_name: Option<TypeName>,
    ) -> Option<TypeRef> {
        let name = match fixed_name {
            Some(name) => name,
            // A property whose owner and name spell a component's name (the `blik`
            // options of `payment_intent_payment_method_options` beside the component
            // `payment_intent_payment_method_options_blik`) is named after its kinds,
            // as a union of components is, rather than numbered.
            None if self.is_type_name_taken(&place.module, &place.name) => {
                let kinds: Vec<String> = branches
                    .iter()
                    .filter(|(_, branch)| string_enum_values(*branch).is_none())
                    .map(|(_, branch)| self.kind_name(*branch))
                    .collect();
                let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
                let wanted = super::dedup::union_names_of(&kinds)
                    .0
                    .unwrap_or_else(|| place.name.clone());
                self.claim_type_name(&place.module, wanted)
            }
            None => self.new_type_name(place, None),
        };
        let mut taken = variant_namespace();
        let mut variants = Vec::new();
        for (index, branch) in branches {
            let branch_pointer = pointer(&place.pointer, &["anyOf", &index.to_string()]);
            if let Some(values) = string_enum_values(*branch) {
                for value in values {
                    variants.push((
                        usize::MAX,
                        UnionVariant {
                            rust_name: taken.claim(names::variant_name(&value)),
                            value: VariantValue::Wire(value),
                            object_tag: None,
                        },
                    ));
                }
                continue;
            }
            let kind = self.kind_name(*branch);
            let branch_place = place.named(branch_pointer, format!("{}{kind}", name.name));
            let ty = self.named_type_of(*branch, &branch_place, None)?;
            if contains_int64_text(&ty) {
                self.report(
                    branch_place.problem(
                        "`format: int64` text as a branch of `anyOf` is not supported yet",
                    ),
                );
                return None;
            }
            let (object_tag, specificity) = self.object_tag_and_specificity(*branch);
            variants.push((
                specificity,
                UnionVariant {
                    rust_name: taken.claim(kind),
                    value: VariantValue::Of(ty),
                    object_tag,
                },
            ));
        }
        if place.role == Role::Response {
            variants.sort_by_key(|(specificity, _)| std::cmp::Reverse(*specificity));
        }
        self.add_type(TypeDef {
            name: name.clone(),
            role: place.role,
            doc: None,
            kind: TypeKind::Union {
                variants: variants.into_iter().map(|(_, variant)| variant).collect(),
            },
            file: place.file.clone(),
            origin: place.origin.clone(),
        });
        Some(TypeRef::Named(name))
    }

    /// A variant name for a union branch.
    fn kind_name(&self, schema: SchemaOrRef) -> String {
        let schema = match schema {
            SchemaOrRef::Ref(reference) => {
                return names::type_name(reference.rsplit('/').next().unwrap_or(reference))
            }
            SchemaOrRef::Item(schema) => schema,
        };
        if let Some(title) = &schema.schema_data.title {
            return names::type_name(title);
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => "String",
            SchemaKind::Type(Type::Integer(_)) => "Integer",
            SchemaKind::Type(Type::Number(_)) => "Number",
            SchemaKind::Type(Type::Boolean(_)) => "Bool",
            SchemaKind::Type(Type::Array(_)) => "List",
            _ => "Object",
        }
        .to_string()
    }

    /// The fixed value of an object schema's `object` property, and how many
    /// properties it requires.
    fn object_tag_and_specificity(&self, schema: SchemaOrRef) -> (Option<String>, usize) {
        let Some(schema) = spec_lookup::resolve(self.spec, schema) else {
            return (None, 0);
        };
        let Some((_, required)) = spec_lookup::object_properties(schema) else {
            return (None, 0);
        };
        (spec_lookup::fixed_object_value(schema), required)
    }
}

/// The variant names of an enum or union: `Unrecognized` is kept for values the spec
/// does not list (a response's value newer than the spec, or one a request sends that
/// the spec does not know yet).
fn variant_namespace() -> names::Namespace {
    names::Namespace::camel_case().reserve([names::UNKNOWN_VARIANT])
}

/// Whether `ty` is or holds (in lists, maps, `Unsettable`) a 64-bit integer carried as
/// text: emit writes and reads those as text only as a field's own value.
fn contains_int64_text(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Int64Text => true,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Unsettable(inner) => {
            contains_int64_text(inner)
        }
        _ => false,
    }
}

/// `anyOf: [T…, {enum: [""]}]` (any order): the field can be cleared.
fn has_empty_string_branch(schema: SchemaOrRef) -> bool {
    let SchemaOrRef::Item(schema) = schema else {
        return false;
    };
    let branches = match &schema.schema_kind {
        SchemaKind::AnyOf { any_of } => any_of,
        SchemaKind::Any(any) => &any.any_of,
        _ => return false,
    };
    branches.len() > 1 && branches.iter().any(|branch| is_empty_string(branch.into()))
}

/// The values of a string enum schema (not the `""`-only one).
fn string_enum_values(schema: SchemaOrRef) -> Option<Vec<String>> {
    let SchemaOrRef::Item(schema) = schema else {
        return None;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
            Some(string.enumeration.iter().flatten().cloned().collect())
        }
        _ => None,
    }
}

/// `{enum: [""]}` (with or without `type: string`): Stripe's "send empty to clear".
fn is_empty_string(schema: SchemaOrRef) -> bool {
    let SchemaOrRef::Item(schema) = schema else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            string.enumeration.len() == 1 && string.enumeration[0].as_deref() == Some("")
        }
        SchemaKind::Any(any) => {
            any.enumeration.len() == 1 && any.enumeration[0].as_str() == Some("")
        }
        _ => false,
    }
}

/// A string without an enum: the ID branch of an expandable field.
fn is_plain_string(schema: SchemaOrRef) -> bool {
    matches!(
        schema,
        SchemaOrRef::Item(Schema {
            schema_kind: SchemaKind::Type(Type::String(string)),
            ..
        }) if string.enumeration.is_empty()
    )
}
