//! Call functions: one async function per operation that validates its arguments,
//! builds the path and body, and sends the request through the runtime client.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::rust::{ident, type_path, usize_literal, value_type};
use crate::model::{Method, Operation, PathPiece};

pub fn call_function(operation: &Operation) -> TokenStream {
    let module = &operation.module;
    let function = ident(&operation.function);
    let mut doc_text = operation.doc.clone().unwrap_or_default();
    doc_text.push_str(&format!(
        "\n\n`{} {}` (operationId `{}`).",
        operation.method.as_str(),
        operation.path_template,
        operation.operation_id
    ));
    let doc = doc_attrs(Some(&doc_text));

    let path_arguments = operation.path_params.iter().map(|param| {
        let name = ident(&param.rust_name);
        quote! { #name: &str, }
    });
    let path_checks = operation.path_params.iter().map(|param| {
        let name = ident(&param.rust_name);
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
            let name = ident(&operation.path_params[*index].rust_name);
            quote! { .param(#name) }
        }
    });

    let (params_argument, params_check, attach_body) = match &operation.body {
        Some(body) => {
            let body_type = type_path(body, module);
            let attach = match operation.method {
                Method::Post => quote! { .form(crate::runtime::to_form(params)) },
                Method::Get | Method::Delete => quote! { .query(crate::runtime::to_form(params)) },
            };
            (
                quote! { params: &#body_type, },
                quote! { crate::runtime::Validate::validate(params, &mut validator); },
                attach,
            )
        }
        None => match operation.method {
            // Every POST carries a (possibly empty) form body.
            Method::Post => (
                TokenStream::new(),
                TokenStream::new(),
                quote! { .form(String::new()) },
            ),
            Method::Get | Method::Delete => {
                (TokenStream::new(), TokenStream::new(), TokenStream::new())
            }
        },
    };
    let has_checks = !operation.path_params.is_empty() || operation.body.is_some();
    let validation = if has_checks {
        quote! {
            let mut validator = crate::runtime::Validator::new();
            #(#path_checks)*
            #params_check
            validator.finish()?;
        }
    } else {
        TokenStream::new()
    };
    let method = match operation.method {
        Method::Get => quote! { reqwest::Method::GET },
        Method::Post => quote! { reqwest::Method::POST },
        Method::Delete => quote! { reqwest::Method::DELETE },
    };
    let response = value_type(&operation.response, module);

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
            let request = crate::runtime::ApiRequest::new(#method, path) #attach_body;
            client.execute(request).await
        }
    }
}
