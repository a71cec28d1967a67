//! Call functions: one async function per operation that validates its arguments,
//! builds the path, query and body, and sends the request through the runtime client;
//! plus a streaming `…_auto` companion for every list and search.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::rust::{ident, snake, type_path, usize_literal, value_type};
use crate::model::{ItemId, Method, Operation, Pagination, ParamsIn, PathPiece, TypeRef};

pub fn call_function(operation: &Operation) -> TokenStream {
    let module = &operation.module;
    let function = snake(&operation.function);
    let mut doc_text = operation.doc.clone().unwrap_or_default();
    doc_text.push_str(&format!(
        "\n\n`{} {}` (operationId `{}`).",
        operation.method.as_str(),
        operation.path_template,
        operation.operation_id
    ));
    let doc = doc_attrs(Some(&doc_text));

    let path_arguments: Vec<TokenStream> = operation
        .path_params
        .iter()
        .map(|param| {
            let name = snake(&param.rust_name);
            quote! { #name: &str, }
        })
        .collect();
    let path_checks = operation.path_params.iter().map(|param| {
        let name = snake(&param.rust_name);
        let wire = &param.wire_name;
        let max = match param.max_chars {
            Some(max) => {
                let max = usize_literal(max);
                quote! { Some(#max) }
            }
            None => quote! { None },
        };
        quote! { validator.path_param(#wire, #name, #max); }
    });
    let path_pieces = operation.path.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote! { .literal(#text) },
        PathPiece::Param(index) => {
            let name = snake(&operation.path_params[*index].rust_name);
            quote! { .param(#name) }
        }
    });

    let (params_argument, params_check, attach) = match &operation.params {
        Some(params) => {
            let params_type = type_path(params, module);
            let attach = match operation.params_in {
                // Encoding refuses values that cannot be sent (NaN) before the request
                // exists, so `?` returns before anything leaves the machine.
                ParamsIn::Form => quote! { .form(crate::runtime::to_form(params)?) },
                ParamsIn::Query => quote! { .query(crate::runtime::to_form(params)?) },
                ParamsIn::Multipart => quote! { .multipart(crate::runtime::to_multipart(params)?) },
            };
            (
                quote! { params: &#params_type, },
                quote! { crate::runtime::Validate::validate(params, &mut validator); },
                attach,
            )
        }
        None if operation.method == Method::Post => (
            TokenStream::new(),
            TokenStream::new(),
            // Every POST carries a (possibly empty) form body.
            quote! { .form(String::new()) },
        ),
        None => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
    };
    let validation = if operation.path_params.is_empty() && operation.params.is_none() {
        TokenStream::new()
    } else {
        quote! {
            let mut validator = crate::runtime::Validator::new();
            #(#path_checks)*
            #params_check
            validator.finish()?;
        }
    };
    let method = match operation.method {
        Method::Get => quote! { reqwest::Method::GET },
        Method::Post => quote! { reqwest::Method::POST },
        Method::Delete => quote! { reqwest::Method::DELETE },
    };
    let response = value_type(&operation.response, module);
    let operation_id = &operation.operation_id;
    let execute = if operation.response == TypeRef::Binary {
        quote! { client.execute_bytes(request).await }
    } else {
        quote! { client.execute(request).await }
    };
    let auto = auto_pagination(operation);
    let server = match &operation.server {
        Some(server) => quote! { .server(#server) },
        None => TokenStream::new(),
    };

    quote! {
        #doc
        pub async fn #function(
            client: &crate::Client,
            #(#path_arguments)*
            #params_argument
        ) -> Result<#response, crate::Error> {
            #validation
            let path = crate::runtime::PathBuilder::new()
                #(#path_pieces)*
                .finish();
            let request = crate::runtime::ApiRequest::new(#operation_id, #method, path) #attach #server;
            #execute
        }

        #auto
    }
}

/// `list_auto` (or `search_auto`, `<function>_auto`): a stream of every item, fetching
/// the pages one after another as it is read, where the model found the call can
/// page on its own ([`Operation::pagination`]).
fn auto_pagination(operation: &Operation) -> TokenStream {
    let (Some(pagination), Some(params), TypeRef::Page { item, .. }) = (
        &operation.pagination,
        &operation.params,
        &operation.response,
    ) else {
        return TokenStream::new();
    };
    let module = &operation.module;
    let function = snake(&operation.function);
    let auto = format_ident!("{}_auto", operation.function.plain());
    let params_type = type_path(params, module);
    let item_type = value_type(item, module);
    let cursor = ident(match pagination {
        Pagination::List { .. } => "starting_after",
        Pagination::Search => "page",
    });
    let path_names: Vec<TokenStream> = operation
        .path_params
        .iter()
        .map(|param| {
            let name = snake(&param.rust_name);
            quote! { #name, }
        })
        .collect();
    let path_arguments_with_lifetime = operation.path_params.iter().map(|param| {
        let name = snake(&param.rust_name);
        quote! { #name: &'a str, }
    });
    let fetch = quote! {
        move |params: #params_type| async move { #function(client, #(#path_names)* &params).await }
    };
    let set_cursor = quote! {
        |params: &mut #params_type, cursor: String| params.#cursor = Some(cursor)
    };
    let walk = match pagination {
        Pagination::Search => {
            quote! { crate::runtime::walk_search(params.clone(), #fetch, #set_cursor) }
        }
        Pagination::List { item_id } => {
            let item_id = item_id_function(item_id, &item_type);
            quote! { crate::runtime::walk_list(params.clone(), #fetch, #item_id, #set_cursor) }
        }
    };
    let doc = format!(
        " Every item of [`{}`], as a stream that fetches the next page when it needs it.",
        operation.function.plain()
    );
    quote! {
        #[doc = #doc]
        pub fn #auto<'a>(
            client: &'a crate::Client,
            #(#path_arguments_with_lifetime)*
            params: &#params_type,
        ) -> impl futures_util::Stream<Item = Result<#item_type, crate::Error>> + 'a {
            #walk
        }
    }
}

/// A function from a list item to its ID (`None` ends the walk).
fn item_id_function(item_id: &ItemId, item_type: &TokenStream) -> TokenStream {
    // `Some(..)` of a required `id`, or the optional one as it is.
    let id_of = |always: bool, item: TokenStream| {
        if always {
            quote! { Some(#item.id.clone()) }
        } else {
            quote! { #item.id.clone() }
        }
    };
    match item_id {
        ItemId::Field { always } => {
            let id = id_of(*always, quote! { item });
            quote! { |item: &#item_type| #id }
        }
        ItemId::Union(kinds) => {
            let arms = kinds.iter().map(|(variant, always)| {
                let variant_ident = ident(variant);
                let id = id_of(*always, quote! { inner });
                quote! { #item_type::#variant_ident(inner) => #id, }
            });
            // Items of a kind this client does not know keep their JSON: its `id`.
            let unknown = ident(super::UNKNOWN_VARIANT);
            quote! {
                |item: &#item_type| match item {
                    #(#arms)*
                    #item_type::#unknown(value) => value
                        .get("id")
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string),
                }
            }
        }
    }
}
