//! Call functions: one function per operation that builds the request (path, query or
//! body, each argument checked) with the runtime's `ApiRequest` and returns the
//! `Call` future that sends it; plus a streaming `…_auto` companion for every list and
//! search.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::rust::{ident, path_param_type, snake, type_path, usize_literal, value_type};
use crate::model::{
    ApiGeneration, ItemId, Method, Operation, Pagination, ParamsIn, PathPiece, TypeRef,
};

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
    // rustdoc's search finds the call by the names Stripe's API reference uses.
    let aliases = [
        operation.operation_id.clone(),
        format!("{} {}", operation.method.as_str(), operation.path_template),
    ];

    let path_arguments: Vec<TokenStream> = operation
        .path_params
        .iter()
        .map(|param| {
            let name = snake(&param.rust_name);
            let ty = path_param_type(param, module);
            quote! { #name: &#ty, }
        })
        .collect();
    let path_pieces = operation.path.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote! { .literal(#text) },
        PathPiece::Param(index) => {
            let param = &operation.path_params[*index];
            let name = snake(&param.rust_name);
            let wire = &param.wire_name;
            let max = match param.max_chars {
                Some(max) => {
                    let max = usize_literal(max);
                    quote! { Some(#max) }
                }
                None => quote! { None },
            };
            quote! { .param(#wire, #name, #max) }
        }
    });

    let (params_argument, attach) = match &operation.params {
        Some(params) => {
            let params_type = type_path(params, module);
            // The runtime validates, then encodes (refusing values that cannot be
            // sent, such as NaN); either problem means nothing is sent.
            let attach = match operation.params_in {
                ParamsIn::Form => quote! { .form(params) },
                ParamsIn::Query => quote! { .query(params) },
                ParamsIn::Multipart => quote! { .multipart(params) },
                ParamsIn::Json => quote! { .json(params) },
            };
            (quote! { params: &#params_type, }, attach)
        }
        // Every POST carries a body, empty in its encoding (`` or `{}`).
        None => match operation.params_in {
            ParamsIn::Form | ParamsIn::Multipart if operation.method == Method::Post => {
                (TokenStream::new(), quote! { .empty_form() })
            }
            ParamsIn::Json => (TokenStream::new(), quote! { .empty_json() }),
            _ => (TokenStream::new(), TokenStream::new()),
        },
    };
    let generation = match operation.generation {
        ApiGeneration::V1 => TokenStream::new(),
        ApiGeneration::V2 => quote! { .v2() },
    };
    let method = match operation.method {
        Method::Get => quote! { reqwest::Method::GET },
        Method::Post => quote! { reqwest::Method::POST },
        Method::Delete => quote! { reqwest::Method::DELETE },
    };
    let response = value_type(&operation.response, module);
    let operation_id = &operation.operation_id;
    let send = if operation.response == TypeRef::Binary {
        quote! { .send_bytes(client) }
    } else {
        quote! { .send(client) }
    };
    let auto = auto_pagination(operation);
    let server = match &operation.server {
        Some(server) => quote! { .server(#server) },
        None => TokenStream::new(),
    };
    // The call borrows only the client: arguments are checked and encoded at once.
    // With other borrowed arguments the client's lifetime must be named.
    let (lifetime, client_type, call_lifetime) =
        if operation.path_params.is_empty() && operation.params.is_none() {
            (TokenStream::new(), quote! { &crate::Client }, quote! { '_ })
        } else {
            (quote! { <'a> }, quote! { &'a crate::Client }, quote! { 'a })
        };

    quote! {
        #doc
        #( #[doc(alias = #aliases)] )*
        pub fn #function #lifetime(
            client: #client_type,
            #(#path_arguments)*
            #params_argument
        ) -> crate::Call<#call_lifetime, #response> {
            crate::runtime::ApiRequest::new(#operation_id, #method)
                #generation
                #(#path_pieces)*
                #attach
                #server
                #send
        }

        #auto
    }
}

/// `list_auto` (or `search_auto`, `<function>_auto`): a stream of every item, fetching
/// the pages one after another as it is read, where the model found the call can
/// page on its own ([`Operation::pagination`]).
fn auto_pagination(operation: &Operation) -> TokenStream {
    let (Some(auto), Some(pagination), Some(params), TypeRef::Page { item, .. }) = (
        operation.auto_function(),
        &operation.pagination,
        &operation.params,
        &operation.response,
    ) else {
        return TokenStream::new();
    };
    let module = &operation.module;
    let function = snake(&operation.function);
    let auto = format_ident!("{auto}");
    let params_type = type_path(params, module);
    let item_type = value_type(item, module);
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
        let ty = path_param_type(param, module);
        quote! { #name: &'a #ty, }
    });
    // v1 pages are fetched again with the cursor set in a copy of the params; a v2
    // list's later pages by their URL, which carries the params.
    let fetch = quote! {
        move |params: #params_type| #function(client, #(#path_names)* &params)
    };
    let set_cursor = |cursor: &str| {
        let cursor = ident(cursor);
        quote! { |params: &mut #params_type, cursor: String| params.#cursor = Some(cursor) }
    };
    let walk = match pagination {
        Pagination::Search => {
            let set_page = set_cursor("page");
            quote! { crate::runtime::walk_search(params.clone(), #fetch, #set_page) }
        }
        Pagination::NextPageUrl => {
            quote! { crate::runtime::walk_next_page_url(client, #function(client, #(#path_names)* params)) }
        }
        Pagination::List { item_id } => {
            let item_id = item_id_function(item_id, &item_type);
            let set_starting_after = set_cursor("starting_after");
            quote! { crate::runtime::walk_list(params.clone(), #fetch, #item_id, #set_starting_after) }
        }
    };
    // The stream is `Unpin` (`.next().await` needs no `pin!`) and `Send` (it can move to
    // a task) by its fields; the signature does not say so, because proving auto traits
    // in every signature cost 6-14 % of the full crate's check time.
    let doc = format!(
        " Every item of [`{}`], as a stream that fetches the next page when it needs it\n \
         (`Unpin` and `Send`: read it with `.next().await`, or move it to a task).",
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
    // `Some(..)` of a required `id`, or the optional one as it is; as text, whether
    // the `id` is typed (`Id<T>`) or not.
    let id_of = |always: bool, item: TokenStream| {
        if always {
            quote! { Some(#item.id.to_string()) }
        } else {
            quote! { #item.id.as_deref().map(str::to_string) }
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
                    // The union is `#[non_exhaustive]`, and in another crate (a part).
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }
    }
}
