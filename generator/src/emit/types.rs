//! Type definitions: request structs and enums (encoded as forms, validated before
//! sending) and response structs, enums and unions (decoded from JSON).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::rust::{ident, usize_literal, value_type};
use crate::model::{Field, Role, TypeDef, TypeKind, TypeName, TypeRef, UnionVariant, Variant};

/// The extra variant of response enums that keeps values the spec does not list.
pub const UNKNOWN_VARIANT: &str = "Unrecognized";

/// Which request types have constraints to check, so validation code is only generated
/// where it does something.
pub struct Constraints<'a> {
    types: BTreeMap<&'a TypeName, &'a TypeDef>,
    memo: std::cell::RefCell<BTreeMap<TypeName, bool>>,
}

impl<'a> Constraints<'a> {
    pub fn new(types: &'a [TypeDef]) -> Self {
        Self {
            types: types.iter().map(|def| (&def.name, def)).collect(),
            memo: Default::default(),
        }
    }

    /// Whether a value of this type can break a constraint.
    pub fn checks(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String { max_chars } => max_chars.is_some(),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Expandable(inner) => {
                self.checks(inner)
            }
            TypeRef::Named(name) => self.type_checks(name),
            TypeRef::Bool | TypeRef::Integer | TypeRef::Number | TypeRef::Json => false,
        }
    }

    fn type_checks(&self, name: &TypeName) -> bool {
        if let Some(known) = self.memo.borrow().get(name) {
            return *known;
        }
        // Assume no constraints while looking, which ends recursion through cycles.
        self.memo.borrow_mut().insert(name.clone(), false);
        let result = match self.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Struct { fields }) => fields.iter().any(|field| self.checks(&field.ty)),
            _ => false,
        };
        self.memo.borrow_mut().insert(name.clone(), result);
        result
    }
}

pub fn type_def(def: &TypeDef, constraints: &Constraints) -> TokenStream {
    match (&def.kind, def.role) {
        (TypeKind::Struct { fields }, Role::Request) => request_struct(def, fields, constraints),
        (TypeKind::Struct { fields }, Role::Response) => response_struct(def, fields),
        (TypeKind::Enum { variants }, Role::Request) => request_enum(def, variants),
        (TypeKind::Enum { variants }, Role::Response) => response_enum(def, variants),
        (TypeKind::Union { variants }, _) => union(def, variants),
    }
}

fn request_struct(def: &TypeDef, fields: &[Field], constraints: &Constraints) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let module = &def.name.module;
    let declarations = fields.iter().map(|field| {
        let field_ident = ident(&field.rust_name);
        let field_doc = doc_attrs(field.doc.as_deref());
        let mut ty = value_type(&field.ty, module);
        if field.unsettable {
            ty = quote! { crate::Unsettable<#ty> };
        }
        if !field.required {
            ty = quote! { Option<#ty> };
        }
        quote! { #field_doc pub #field_ident: #ty, }
    });
    let required: Vec<&Field> = fields.iter().filter(|field| field.required).collect();
    let (derive_default, constructor) = if required.is_empty() {
        (quote! { Default, }, TokenStream::new())
    } else {
        let arguments = required.iter().map(|field| {
            let field_ident = ident(&field.rust_name);
            let mut ty = value_type(&field.ty, module);
            if field.unsettable {
                ty = quote! { crate::Unsettable<#ty> };
            }
            quote! { #field_ident: #ty }
        });
        let initialisers = fields.iter().map(|field| {
            let field_ident = ident(&field.rust_name);
            if field.required {
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
                        Self { #(#initialisers),* }
                    }
                }
            },
        )
    };
    let writes = fields.iter().map(|field| {
        let wire = &field.wire_name;
        let field_ident = ident(&field.rust_name);
        quote! { form.field(#wire, &self.#field_ident); }
    });
    let checks: Vec<TokenStream> = fields
        .iter()
        .filter(|field| constraints.checks(&field.ty))
        .map(|field| {
            let wire = &field.wire_name;
            let field_ident = ident(&field.rust_name);
            match leaf_max_chars(&field.ty) {
                Some(max) => {
                    let max = usize_literal(max);
                    quote! {
                        validator.at(#wire, |v| crate::runtime::MaxChars::check_max_chars(&self.#field_ident, v, #max));
                    }
                }
                None => quote! {
                    validator.at(#wire, |v| crate::runtime::Validate::validate(&self.#field_ident, v));
                },
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
    let form_body = if fields.is_empty() {
        quote! { let _ = form; }
    } else {
        quote! { #(#writes)* }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            #(#declarations)*
        }

        #constructor

        impl crate::runtime::FormValue for #name {
            fn write_form(&self, form: &mut crate::runtime::FormWriter) {
                #form_body
            }
        }

        #validate
    }
}

/// The `maxLength` of a text value, looking through lists and maps.
fn leaf_max_chars(ty: &TypeRef) -> Option<u64> {
    match ty {
        TypeRef::String { max_chars } => *max_chars,
        TypeRef::List(inner) | TypeRef::Map(inner) => leaf_max_chars(inner),
        _ => None,
    }
}

fn response_struct(def: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let module = &def.name.module;
    let declarations = fields.iter().map(|field| {
        let field_ident = ident(&field.rust_name);
        let field_doc = doc_attrs(field.doc.as_deref());
        let mut ty = value_type(&field.ty, module);
        if !field.required || field.nullable {
            ty = quote! { Option<#ty> };
        }
        let rename = if crate::model::names::plain(&field.rust_name) != field.wire_name {
            let wire = &field.wire_name;
            quote! { #[serde(rename = #wire)] }
        } else {
            TokenStream::new()
        };
        quote! { #field_doc #rename pub #field_ident: #ty, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
        pub struct #name {
            #(#declarations)*
        }
    }
}

fn variant_doc(variant: &Variant) -> TokenStream {
    let text = format!(" `{}`", variant.wire.replace('`', "'"));
    quote! { #[doc = #text] }
}

fn request_enum(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = doc_attrs(def.doc.as_deref());
    let declarations = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let variant_doc = variant_doc(variant);
        quote! { #variant_doc #variant_ident, }
    });
    let arms = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let wire = &variant.wire;
        quote! { Self::#variant_ident => #wire, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#declarations)*
        }

        impl #name {
            /// The value as sent to Stripe.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

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
    let declarations = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let variant_doc = variant_doc(variant);
        quote! { #variant_doc #variant_ident, }
    });
    let to_wire = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let wire = &variant.wire;
        quote! { Self::#variant_ident => #wire, }
    });
    let from_wire = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let wire = &variant.wire;
        quote! { #wire => Self::#variant_ident, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value this version of the client does not know (Stripe adds values
            /// without a new API version).
            #unknown(String),
        }

        impl #name {
            /// The value as Stripe sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#unknown(value) => value,
                }
            }
        }

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

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}

fn union(def: &TypeDef, variants: &[UnionVariant]) -> TokenStream {
    let name = ident(&def.name.name);
    let doc = match &def.doc {
        Some(doc) => doc_attrs(Some(doc)),
        None => {
            let text = " One of several object types; the first that matches the JSON is used.";
            quote! { #[doc = #text] }
        }
    };
    let declarations = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let ty = value_type(&variant.ty, &def.name.module);
        quote! { #variant_ident(#ty), }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#declarations)*
        }
    }
}
