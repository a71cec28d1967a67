//! Small helpers to spell model names as Rust tokens.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::names::SnakeIdent;
use crate::model::{Field, ModulePath, PageKind, PathParam, TypeName, TypeRef};

/// An identifier that is never a keyword: a type or variant name made by
/// [`crate::model::names`], or one of the emitter's own (`starting_after`,
/// `other_fields`). snake_case names from the spec go through [`snake`].
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A snake_case identifier as code writes it (raw for a keyword: `r#type`).
pub fn snake(name: &SnakeIdent) -> Ident {
    if name.is_raw() {
        Ident::new_raw(name.plain(), Span::call_site())
    } else {
        Ident::new(name.plain(), Span::call_site())
    }
}

/// The path to a type as seen from code in module `from`.
pub fn type_path(name: &TypeName, from: &ModulePath) -> TokenStream {
    let type_ident = ident(&name.name);
    // Shared types live in several files below `types` and `params`, so even from
    // inside those modules they are reached through the module's re-exports.
    if &name.module == from && !name.module.is_shared() {
        quote! { #type_ident }
    } else {
        let segments = name.module.segments().iter().map(snake);
        quote! { crate:: #( #segments :: )* #type_ident }
    }
}

/// A field's Rust type: its value's type, boxed where the type contains itself, in
/// `Unsettable` where it can be cleared and in `Option` where it may be missing.
pub fn field_type(field: &Field, from: &ModulePath) -> TokenStream {
    let ty = required_field_type(field, from);
    if field.presence.is_required() {
        ty
    } else {
        quote! { Option<#ty> }
    }
}

/// A field's Rust type without the `Option` of a field that may be missing: what a
/// constructor takes for it.
pub fn required_field_type(field: &Field, from: &ModulePath) -> TokenStream {
    let mut ty = value_type(&field.ty, from);
    if field.boxed {
        ty = quote! { Box<#ty> };
    }
    if field.presence.is_clearable() {
        ty = quote! { crate::Unsettable<#ty> };
    }
    ty
}

/// The Rust type of a value (without the `Option` / `Unsettable` of its field).
pub fn value_type(ty: &TypeRef, from: &ModulePath) -> TokenStream {
    match ty {
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Number => quote! { f64 },
        TypeRef::String { .. } => quote! { String },
        TypeRef::Decimal => quote! { crate::Decimal },
        TypeRef::DateTime => quote! { crate::DateTime },
        TypeRef::Currency => quote! { crate::Currency },
        TypeRef::Timestamp => quote! { crate::Timestamp },
        TypeRef::Int64Text => quote! { i64 },
        TypeRef::Json => quote! { serde_json::Value },
        TypeRef::Named(name) => type_path(name, from),
        TypeRef::Id(kind) => {
            let kind = type_path(kind, from);
            quote! { crate::Id<#kind> }
        }
        TypeRef::List(item) => {
            let item = value_type(item, from);
            quote! { Vec<#item> }
        }
        TypeRef::Map(value) => {
            let value = value_type(value, from);
            quote! { std::collections::BTreeMap<String, #value> }
        }
        TypeRef::Expand(answer) => {
            let answer = value_type(answer, from);
            quote! { crate::Expand<#answer> }
        }
        TypeRef::Expandable(object) => {
            let object = value_type(object, from);
            quote! { crate::Expandable<#object> }
        }
        TypeRef::Unsettable(value) => {
            let value = value_type(value, from);
            quote! { crate::Unsettable<#value> }
        }
        TypeRef::Page { kind, item } => {
            let item = value_type(item, from);
            match kind {
                PageKind::List => quote! { crate::List<#item> },
                PageKind::Search => quote! { crate::SearchResult<#item> },
                PageKind::NextPageUrl => quote! { crate::V2List<#item> },
            }
        }
        TypeRef::File => quote! { crate::FileUpload },
        TypeRef::Binary => quote! { Vec<u8> },
    }
}

/// A path parameter's type behind its `&`: the ID of the object it names
/// (`crate::Id<crate::types::Customer>`), or `str` where the spec does not say.
pub fn path_param_type(param: &PathParam, from: &ModulePath) -> TokenStream {
    match &param.id_of {
        Some(kind) => {
            let kind = type_path(kind, from);
            quote! { crate::Id<#kind> }
        }
        None => quote! { str },
    }
}

/// A `usize` literal without suffix (`60`, not `60usize`).
pub fn usize_literal(value: u64) -> Literal {
    Literal::u64_unsuffixed(value)
}
