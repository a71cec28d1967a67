//! Type definitions: request structs and enums (encoded as forms, validated before
//! sending) and response structs, enums and unions (decoded from JSON).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use super::features::{optional_derives, redacted_debug, serialize_cfg, RedactedId};
use super::rust::{
    field_type, ident, required_field_type, snake, type_path, usize_literal, value_type,
};
use crate::model::{
    Api, Field, Presence, Role, TypeDef, TypeKind, TypeName, TypeRef, UnionVariant, Variant,
    VariantValue,
};

/// The extra variant of response enums that keeps values the spec does not list.
pub use crate::model::names::UNKNOWN_VARIANT;

pub fn type_def(def: &TypeDef, api: &Api) -> TokenStream {
    match (&def.kind, def.role) {
        (TypeKind::Struct { fields }, Role::Request) => request_struct(def, fields, api),
        (TypeKind::Struct { fields }, Role::Response) => {
            let mut tokens = response_struct(def, fields);
            if let Some(kind) = api.id_kind(&def.name) {
                tokens.extend(identified_struct(def, fields, kind));
            }
            tokens
        }
        (TypeKind::Enum { variants }, Role::Request) => request_enum(def, variants),
        (TypeKind::Enum { variants }, Role::Response) => response_enum(def, variants),
        (TypeKind::Union { variants }, Role::Request) => request_union(def, variants, api),
        (TypeKind::Union { variants }, Role::Response) => {
            let kind = api.id_kind(&def.name);
            let mut tokens = response_union(def, variants, kind.is_some());
            if let Some(kind) = kind {
                tokens.extend(identified_union(def, variants, kind));
            }
            tokens
        }
        (TypeKind::Alias { target }, _) => {
            let name = ident(&def.name.name);
            let doc = doc_attrs(def.doc.as_deref());
            let target = super::rust::type_path(target, &def.name.module);
            quote! { #doc pub type #name = #target; }
        }
    }
}

fn request_struct(def: &TypeDef, fields: &[Field], api: &Api) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let module = &def.name.module;
    let declarations = fields.iter().map(|field| {
        let field_ident = snake(&field.rust_name);
        let field_doc = doc_attrs(field.doc.as_deref());
        let ty = field_type(field, module);
        quote! { #field_doc pub #field_ident: #ty, }
    });
    let required: Vec<&Field> = fields
        .iter()
        .filter(|field| field.presence.is_required())
        .collect();
    // A call's parameters also carry the ones this spec version does not list.
    let has_extra = api.is_params_root(&def.name);
    let extra = ident(crate::model::names::EXTRA_PARAMS);
    let (extra_declaration, extra_init, extra_write) = if has_extra {
        let doc = " Parameters this version of the client does not know, sent after the others\n (`ExtraParams::new().with(\"ui_mode\", \"embedded\")`); one a field above already\n sends is refused before sending.";
        (
            quote! { #[doc = #doc] pub #extra: crate::runtime::ExtraParams, },
            quote! { #extra: Default::default() },
            quote! { crate::runtime::FormValue::write_form(&self.#extra, form); },
        )
    } else {
        (TokenStream::new(), TokenStream::new(), TokenStream::new())
    };
    let (derive_default, constructor) = if required.is_empty() {
        (quote! { Default, }, TokenStream::new())
    } else {
        // Text is taken as `impl Into<String>`, so `new("prod_1")` reads as it should.
        let takes_text = |field: &Field| {
            field.presence == Presence::Required && matches!(field.ty, TypeRef::String { .. })
        };
        let arguments = required.iter().map(|field| {
            let field_ident = snake(&field.rust_name);
            let ty = if takes_text(field) {
                quote! { impl Into<String> }
            } else {
                required_field_type(field, module)
            };
            quote! { #field_ident: #ty }
        });
        let initialisers = fields.iter().map(|field| {
            let field_ident = snake(&field.rust_name);
            if takes_text(field) {
                quote! { #field_ident: #field_ident.into() }
            } else if field.presence.is_required() {
                quote! { #field_ident }
            } else {
                quote! { #field_ident: None }
            }
        });
        (
            TokenStream::new(),
            quote! {
                impl #name {
                    /// The required fields; every optional one is left out (`None`).
                    pub fn new(#(#arguments),*) -> Self {
                        Self { #(#initialisers,)* #extra_init }
                    }
                }
            },
        )
    };
    let writes = fields.iter().map(|field| {
        let wire = &field.wire_name;
        let field_ident = snake(&field.rust_name);
        if field.ty == TypeRef::Int64Text {
            quote! { form.field(#wire, &crate::runtime::I64Text(&self.#field_ident)); }
        } else {
            quote! { form.field(#wire, &self.#field_ident); }
        }
    });
    let checks: Vec<TokenStream> = fields
        .iter()
        .filter(|field| api.checks(&field.ty))
        .map(|field| {
            let wire = &field.wire_name;
            let field_ident = snake(&field.rust_name);
            match leaf_max_chars(&field.ty) {
                Some(max) => {
                    let max = usize_literal(max);
                    quote! { validator.max_chars(#wire, &self.#field_ident, #max); }
                }
                None => quote! { validator.field(#wire, &self.#field_ident); },
            }
        })
        .collect();
    let validate = if checks.is_empty() {
        quote! { impl crate::runtime::Validate for #name {} }
    } else {
        quote! {
            impl crate::runtime::Validate for #name {
                fn validate(&self, validator: &mut crate::runtime::Validator) {
                    #(#checks)*
                }
            }
        }
    };
    // An object even when nothing in it is set: in a JSON body `{}` is sent as such
    // (a form has no objects, and writes nothing for it).
    let form_body = quote! {
        form.begin_object();
        #(#writes)*
        #extra_write
        form.end_object();
    };
    let derives = optional_derives();
    let redacted = redacted_debug(&name, struct_id(fields));
    quote! {
        #doc
        #[derive(Clone, #derive_default)]
        #derives
        pub struct #name {
            #(#declarations)*
            #extra_declaration
        }

        #redacted

        #constructor

        impl crate::runtime::FormValue for #name {
            fn write_form(&self, form: &mut crate::runtime::FormWriter) {
                #form_body
            }
        }

        #validate
    }
}

/// The struct's `id` field, if it has one.
fn id_field(fields: &[Field]) -> Option<&Field> {
    fields.iter().find(|field| field.wire_name == "id")
}

/// What a redacted `Debug` shows of a struct: its `id` field, when it is text.
fn struct_id(fields: &[Field]) -> RedactedId {
    match id_field(fields) {
        Some(field)
            if matches!(field.ty, TypeRef::String { .. } | TypeRef::Id(_))
                && !field.presence.is_clearable()
                && !field.boxed =>
        {
            RedactedId::Field {
                ident: snake(&field.rust_name),
                optional: !field.presence.is_required(),
            }
        }
        _ => RedactedId::None,
    }
}

/// The paths a call may expand, for every answer with expandable fields: one constant
/// per field the spec lists (`Expand::<Customer>::DEFAULT_SOURCE`). They are inherent
/// items of `Expand<T>`, so they are written in its crate, the answers part, rather
/// than beside each type.
pub fn expand_paths(api: &Api, features: &super::Features) -> TokenStream {
    let impls = api.expandable_fields.iter().map(|(name, fields)| {
        // Answers with expandable fields are shared types: `crate::types::Customer`.
        let path = type_path(name, &name.module);
        let cfg = features.cfg_for([name]);
        let constants = expand_constants(&path, fields);
        quote! { #cfg #constants }
    });
    quote! { #(#impls)* }
}

fn expand_constants(name: &TokenStream, expandable: &[String]) -> TokenStream {
    let constants = expandable.iter().map(|field| {
        let constant = ident(&crate::model::names::constant_name(field));
        let doc = format!(" Expands `{field}`.");
        quote! {
            #[doc = #doc]
            pub const #constant: Self = Self::field(#field);
        }
    });
    quote! {
        impl crate::Expand<#name> {
            #(#constants)*
        }
    }
}

/// `impl Identified`: the struct's `id` field.
fn identified_struct(def: &TypeDef, fields: &[Field], kind: &TypeName) -> TokenStream {
    let Some(field) = id_field(fields) else {
        return TokenStream::new();
    };
    let name = ident(&def.name.name);
    let kind = type_path(kind, &def.name.module);
    let field_ident = snake(&field.rust_name);
    let id = if field.presence == Presence::Required {
        quote! { &self.#field_ident }
    } else {
        quote! { self.#field_ident.as_deref().unwrap_or_default() }
    };
    quote! {
        impl crate::runtime::Identified for #name {
            type Kind = #kind;

            fn id(&self) -> &str {
                #id
            }
        }
    }
}

/// `impl Identified`: the ID of whichever kind of object it holds.
fn identified_union(def: &TypeDef, variants: &[UnionVariant], kind: &TypeName) -> TokenStream {
    let name = ident(&def.name.name);
    let kind = type_path(kind, &def.name.module);
    let unknown = ident(UNKNOWN_VARIANT);
    let arms = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        quote! { Self::#variant_ident(inner) => crate::runtime::Identified::id(inner), }
    });
    quote! {
        impl crate::runtime::Identified for #name {
            type Kind = #kind;

            fn id(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#unknown(value) => crate::runtime::Identified::id(value),
                }
            }
        }
    }
}

/// The call that checks `value` (an expression of type `&T`) with `validator`.
fn value_check(ty: &TypeRef, value: TokenStream, validator: TokenStream) -> TokenStream {
    match leaf_max_chars(ty) {
        Some(max) => {
            let max = usize_literal(max);
            quote! { crate::runtime::MaxChars::check_max_chars(#value, #validator, #max) }
        }
        None => quote! { crate::runtime::Validate::validate(#value, #validator) },
    }
}

/// The `maxLength` of a text value, looking through lists and maps.
fn leaf_max_chars(ty: &TypeRef) -> Option<u64> {
    match ty {
        TypeRef::String { max_chars } => *max_chars,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Unsettable(inner) => {
            leaf_max_chars(inner)
        }
        _ => None,
    }
}

/// Response structs read themselves from JSON text with one non-generic function
/// (`ReadJson::read_json`: a typed slot per field, filled by the runtime's
/// `read_fields` as the keys come; see the runtime's `read` module). serde's traits stay
/// for callers who use serde: `Deserialize` is one generic line around that reader,
/// and `Serialize` writes through the runtime's `ObjectWriter`, without an early return
/// per field.
fn response_struct(def: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let module = &def.name.module;
    let declarations = fields.iter().map(|field| {
        let field_ident = snake(&field.rust_name);
        let field_doc = doc_attrs(field.doc.as_deref());
        let ty = field_type(field, module);
        quote! { #field_doc pub #field_ident: #ty, }
    });
    let other_doc = " Fields this version of the client does not know, kept as Stripe sent them.";
    // Unknown fields are kept under a name the model keeps free of spec fields; the
    // reader's argument has one too, since its locals are named after the fields.
    let other = ident(crate::model::names::OTHER_FIELDS);
    let reader = ident(crate::model::names::JSON_FIELDS);
    let field_idents: Vec<proc_macro2::Ident> =
        fields.iter().map(|field| snake(&field.rust_name)).collect();
    // The runtime reads the object into the fields' slots, in whatever order the keys
    // come (`JsonReader::read_fields`): the reader here declares a typed slot per
    // field, lists the keys (sorted by name, for the runtime's search)
    // with whether each may be absent or `null`, and builds the value. No loop and no
    // `match` per type: a loop over a `match` of every field was several times as
    // costly to type-check and borrow-check as this straight-line code.
    let mut by_key: Vec<(&Field, &proc_macro2::Ident)> = fields.iter().zip(&field_idents).collect();
    by_key.sort_by(|(a, _), (b, _)| a.wire_name.cmp(&b.wire_name));
    let keys = by_key.iter().map(|(field, _)| {
        let wire = &field.wire_name;
        let optional = field.presence == Presence::Optional;
        quote! { (#wire, #optional) }
    });
    let slot_refs = by_key.iter().map(|(field, field_ident)| {
        if field.ty == TypeRef::Int64Text {
            quote! { &mut crate::runtime::I64TextSlot(&mut #field_ident) }
        } else {
            quote! { &mut #field_ident }
        }
    });
    let slots = fields
        .iter()
        .zip(&field_idents)
        .map(|(field, field_ident)| {
            let ty = required_field_type(field, module);
            quote! { let mut #field_ident: Option<#ty> = None; }
        });
    // The runtime checked the required fields: one pattern takes them out.
    let required: Vec<&proc_macro2::Ident> = fields
        .iter()
        .zip(&field_idents)
        .filter(|(field, _)| field.presence != Presence::Optional)
        .map(|(_, field_ident)| field_ident)
        .collect();
    let unwrap_required = if required.is_empty() {
        TokenStream::new()
    } else {
        quote! { let (#(Some(#required),)*) = (#(#required,)*) else { return None; }; }
    };
    let writes = fields
        .iter()
        .zip(&field_idents)
        .map(|(field, field_ident)| {
            let wire = &field.wire_name;
            if field.ty == TypeRef::Int64Text {
                quote! { object.field(#wire, &crate::runtime::I64Text(&self.#field_ident)); }
            } else {
                quote! { object.field(#wire, &self.#field_ident); }
            }
        });
    let derives = optional_derives();
    let serialize = serialize_cfg();
    let redacted = redacted_debug(&name, struct_id(fields));
    quote! {
        #doc
        #[derive(Clone)]
        #derives
        pub struct #name {
            #(#declarations)*
            #[doc = #other_doc]
            pub #other: serde_json::Map<String, serde_json::Value>,
        }

        #redacted

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_read(deserializer)
            }
        }

        impl crate::runtime::ReadJson for #name {
            fn read_json(#reader: &mut crate::runtime::JsonReader<'_>) -> Option<Self> {
                #(#slots)*
                let mut #other = serde_json::Map::new();
                #reader.read_fields(&[#(#keys),*], &mut [#(#slot_refs),*], &mut #other)?;
                #unwrap_required
                Some(Self { #(#field_idents,)* #other })
            }
        }

        #serialize
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut object = crate::runtime::ObjectWriter::new(serializer);
                #(#writes)*
                object.end(&self.#other)
            }
        }
    }
}

fn variant_doc(variant: &Variant) -> TokenStream {
    let text = format!(" `{}`", variant.wire.replace('`', "'"));
    quote! { #[doc = #text] }
}

/// A request enum: the spec's values, and `Unrecognized` for a value Stripe accepts
/// that this version of the spec does not list (sent as given), so a new value never
/// needs `extra`.
fn request_enum(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let unknown = ident(UNKNOWN_VARIANT);
    let declarations = variant_declarations(variants);
    let traits = value_enum_traits(&name, variants, "The value as sent to Stripe.");
    quote! {
        #doc
        #[derive(Clone)]
        pub enum #name {
            #(#declarations)*
            /// A value this version of the client does not list, sent as given (Stripe
            /// adds values without a new API version).
            #unknown(String),
        }

        #traits

        impl crate::runtime::FormValue for #name {
            fn write_form(&self, form: &mut crate::runtime::FormWriter) {
                form.value(self.as_str());
            }
        }

        impl crate::runtime::Validate for #name {}
    }
}

fn response_enum(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let unknown = ident(UNKNOWN_VARIANT);
    let serialize = serialize_cfg();
    let declarations = variant_declarations(variants);
    let traits = value_enum_traits(&name, variants, "The value as Stripe sends it.");
    let from_wire = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let wire = &variant.wire;
        quote! { #wire => Self::#variant_ident, }
    });
    quote! {
        #doc
        #[derive(Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value this version of the client does not know (Stripe adds values
            /// without a new API version).
            #unknown(String),
        }

        #traits

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    other => Self::#unknown(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #serialize
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::read_str(deserializer)
            }
        }

        impl crate::runtime::ReadJson for #name {
            fn read_json(json: &mut crate::runtime::JsonReader<'_>) -> Option<Self> {
                let text = json.str()?;
                Some(Self::from(&*text))
            }
        }
    }
}

fn variant_declarations(variants: &[Variant]) -> impl Iterator<Item = TokenStream> + '_ {
    variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let variant_doc = variant_doc(variant);
        quote! { #variant_doc #variant_ident, }
    })
}

/// An enum of values' `as_str`, and its `Debug`, `PartialEq`, `Eq` and `Hash` through
/// the runtime's `value_enum_traits!`: all five read one match (`variant`, each
/// variant's name and value), where derives made a match per trait and enum, about
/// 6 % of the 2026 crate's check time.
fn value_enum_traits(name: &Ident, variants: &[Variant], as_str_doc: &str) -> TokenStream {
    let unknown = ident(UNKNOWN_VARIANT);
    let unknown_name = UNKNOWN_VARIANT;
    let arms = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let variant_name = &variant.rust_name;
        let wire = &variant.wire;
        quote! { Self::#variant_ident => (#variant_name, #wire), }
    });
    let as_str_doc = format!(" {as_str_doc}");
    quote! {
        impl #name {
            #[doc = #as_str_doc]
            pub fn as_str(&self) -> &str {
                self.variant().1
            }

            /// The variant's name (for `Debug`) and its value.
            fn variant(&self) -> (&'static str, &str) {
                match self {
                    #(#arms)*
                    Self::#unknown(value) => (#unknown_name, value),
                }
            }
        }

        crate::runtime::value_enum_traits!(#name);
    }
}

/// The union's own description, or else what it can be: each variant's type linked
/// (`Either [`Customer`](crate::types::Customer) or …`).
fn union_doc(def: &TypeDef) -> TokenStream {
    if let Some(doc) = &def.doc {
        return doc_attrs(Some(doc));
    }
    let TypeKind::Union { variants } = &def.kind else {
        return TokenStream::new();
    };
    let kinds: Vec<String> = variants
        .iter()
        .map(|variant| match &variant.value {
            // A kind in the union's own module: a link by path is one rustdoc calls
            // redundant, and the variant itself links to it.
            VariantValue::Of(TypeRef::Named(name))
                if name.module == def.name.module && !name.module.is_shared() =>
            {
                format!("`{}`", name.name)
            }
            VariantValue::Of(TypeRef::Named(name)) => {
                format!("[`{}`](crate::{}::{})", name.name, name.module, name.name)
            }
            VariantValue::Of(_) | VariantValue::Wire(_) => format!("`{}`", variant.rust_name),
        })
        .collect();
    let text = match kinds.as_slice() {
        [] => "A value of no known kind.".to_string(),
        [one] => format!("A {one}."),
        [init @ .., last] => format!("Either {} or {last}.", init.join(", ")),
    };
    doc_attrs(Some(&text))
}

fn union_declarations<'a>(
    def: &'a TypeDef,
    variants: &'a [UnionVariant],
) -> impl Iterator<Item = TokenStream> + 'a {
    variants.iter().map(move |variant| {
        let variant_ident = ident(&variant.rust_name);
        match &variant.value {
            VariantValue::Wire(wire) => {
                let wire_doc = format!(" `{}`", wire.replace('`', "'"));
                quote! { #[doc = #wire_doc] #variant_ident, }
            }
            VariantValue::Of(ty) => {
                let ty = value_type(ty, &def.name.module);
                quote! { #variant_ident(#ty), }
            }
        }
    })
}

/// A request value of one of several kinds; each writes itself as its own kind would.
fn request_union(def: &TypeDef, variants: &[UnionVariant], api: &Api) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = union_doc(def);
    let declarations = union_declarations(def, variants);
    let writes = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        match &variant.value {
            VariantValue::Wire(wire) => quote! { Self::#variant_ident => form.value(#wire), },
            VariantValue::Of(_) => quote! {
                Self::#variant_ident(value) => crate::runtime::FormValue::write_form(value, form),
            },
        }
    });
    let checks: Vec<TokenStream> = variants
        .iter()
        .filter_map(|variant| match &variant.value {
            VariantValue::Of(ty) if api.checks(ty) => {
                let variant_ident = ident(&variant.rust_name);
                let check = value_check(ty, quote! { value }, quote! { validator });
                Some(quote! { Self::#variant_ident(value) => #check, })
            }
            _ => None,
        })
        .collect();
    let validate = if checks.is_empty() {
        quote! { impl crate::runtime::Validate for #name {} }
    } else {
        let rest = if checks.len() < variants.len() {
            quote! { _ => {} }
        } else {
            TokenStream::new()
        };
        quote! {
            impl crate::runtime::Validate for #name {
                fn validate(&self, validator: &mut crate::runtime::Validator) {
                    match self {
                        #(#checks)*
                        #rest
                    }
                }
            }
        }
    };
    let derives = optional_derives();
    let redacted = redacted_debug(&name, RedactedId::None);
    quote! {
        #doc
        #[derive(Clone)]
        #derives
        pub enum #name {
            #(#declarations)*
        }

        #redacted

        impl crate::runtime::FormValue for #name {
            fn write_form(&self, form: &mut crate::runtime::FormWriter) {
                match self {
                    #(#writes)*
                }
            }
        }

        #validate
    }
}

/// A response value of one of several kinds. Objects are told apart by their `object`
/// field where the schema fixes it, otherwise by trying the variants in order (most
/// specific first); anything else is kept as `Unrecognized`, so new kinds of objects do
/// not break deserialisation.
fn response_union(def: &TypeDef, variants: &[UnionVariant], identified: bool) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = union_doc(def);
    let unknown = ident(UNKNOWN_VARIANT);
    let declarations = union_declarations(def, variants);
    let serialize_arms = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        match &variant.value {
            VariantValue::Wire(wire) => {
                quote! { Self::#variant_ident => serializer.serialize_str(#wire), }
            }
            VariantValue::Of(_) => {
                quote! { Self::#variant_ident(value) => value.serialize(serializer), }
            }
        }
    });
    let module = &def.name.module;
    // String values first: the text ahead either is one of them or is left for the
    // other variants.
    let wires: Vec<(&str, proc_macro2::Ident)> = variants
        .iter()
        .filter_map(|variant| match &variant.value {
            VariantValue::Wire(wire) => Some((wire.as_str(), ident(&variant.rust_name))),
            VariantValue::Of(_) => None,
        })
        .collect();
    let read_wire = if wires.is_empty() {
        TokenStream::new()
    } else {
        let values = wires.iter().map(|(wire, _)| wire);
        let arms = wires.iter().enumerate().map(|(index, (_, variant_ident))| {
            let index = Literal::usize_unsuffixed(index);
            quote! { Some(#index) => return Some(Self::#variant_ident), }
        });
        quote! {
            match json.attempt_str(&[#(#values),*]) {
                #(#arms)*
                _ => {}
            }
        }
    };
    let typed = |variant: &UnionVariant| match &variant.value {
        VariantValue::Of(ty) => Some((ident(&variant.rust_name), value_type(ty, module))),
        VariantValue::Wire(_) => None,
    };
    let attempt = |(variant_ident, ty): &(proc_macro2::Ident, TokenStream)| {
        quote! {
            if let Some(inner) = json.attempt::<#ty>() {
                return Some(Self::#variant_ident(inner));
            }
        }
    };
    // An object whose `object` names one of the variants must be one of them: if
    // none reads it, the union fails with the first one's problem, as a field of that
    // type would (a broken object is an error wherever it sits).
    let mut tags: Vec<&str> = variants
        .iter()
        .filter_map(|variant| variant.object_tag.as_deref())
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let tagged = tags.iter().map(|tag| {
        let group: Vec<(proc_macro2::Ident, TokenStream)> = variants
            .iter()
            .filter(|variant| variant.object_tag.as_deref() == Some(*tag))
            .filter_map(typed)
            .collect();
        let body = if let [(variant_ident, ty)] = group.as_slice() {
            quote! { return <#ty as crate::runtime::ReadJson>::read_json(json).map(Self::#variant_ident); }
        } else {
            let attempts = group.iter().map(|(variant_ident, ty)| {
                quote! {
                    if let Some(inner) = json.attempt_kind::<#ty>(&mut tried) {
                        return Some(Self::#variant_ident(inner));
                    }
                }
            });
            quote! {
                let mut tried = crate::runtime::Attempts::default();
                #(#attempts)*
                return json.none_of(tried);
            }
        };
        (tag, body)
    });
    let tagged: Vec<(&&str, TokenStream)> = tagged.collect();
    let read_tagged = match tagged.as_slice() {
        [] => TokenStream::new(),
        [(tag, body)] => quote! {
            if json.peek_object_tag().as_deref() == Some(#tag) {
                #body
            }
        },
        _ => {
            let arms = tagged
                .iter()
                .map(|(tag, body)| quote! { Some(#tag) => { #body } });
            quote! {
                match json.peek_object_tag().as_deref() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    let untagged = variants
        .iter()
        .filter(|variant| variant.object_tag.is_none())
        .filter_map(typed)
        .map(|variant| attempt(&variant));
    let derives = optional_derives();
    let serialize = serialize_cfg();
    let redacted = redacted_debug(
        &name,
        if identified {
            RedactedId::Identified
        } else {
            RedactedId::None
        },
    );
    quote! {
        #doc
        #[derive(Clone)]
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value of a kind this version of the client does not know.
            #unknown(serde_json::Value),
        }

        #redacted

        #serialize
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::#unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_read(deserializer)
            }
        }

        impl crate::runtime::ReadJson for #name {
            fn read_json(json: &mut crate::runtime::JsonReader<'_>) -> Option<Self> {
                #read_wire
                #read_tagged
                #(#untagged)*
                json.value().map(Self::#unknown)
            }
        }
    }
}
