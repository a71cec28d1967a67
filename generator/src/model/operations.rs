//! Operations to call functions: where each lives, what it takes, what it returns.

use std::collections::BTreeSet;

use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, SchemaKind, Type};

use super::build::Builder;
use super::names;
use super::schemas::Place;
use super::{Method, ModulePath, Operation, PathParam, PathPiece, Role, TypeRef};
use crate::diagnostic::{pointer, Diagnostic};

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

impl<'spec> Builder<'spec> {
    /// Every operation of the spec, sorted by module and function.
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let spec = self.spec;
        let mut operations = Vec::new();
        let mut locations = BTreeSet::new();
        for (path, item) in &spec.paths.paths {
            let item_pointer = pointer("/paths", &[path]);
            let ReferenceOr::Item(item) = item else {
                self.report(Diagnostic::new(
                    item_pointer,
                    "path items given as $ref are not supported",
                ));
                continue;
            };
            for (method_name, operation) in item.iter() {
                let op_pointer = pointer(&item_pointer, &[method_name]);
                if let Some(operation) = self.operation(
                    path,
                    item,
                    method_name,
                    operation,
                    &op_pointer,
                    &mut locations,
                ) {
                    operations.push(operation);
                }
            }
        }
        operations.sort_by(|a, b| (&a.module, &a.function).cmp(&(&b.module, &b.function)));
        operations
    }

    fn operation(
        &mut self,
        path: &str,
        item: &PathItem,
        method_name: &str,
        operation: &openapiv3::Operation,
        op_pointer: &str,
        locations: &mut BTreeSet<(ModulePath, String)>,
    ) -> Option<Operation> {
        let Some(operation_id) = operation.operation_id.as_deref() else {
            self.report(Diagnostic::new(
                op_pointer,
                "the operation has no operationId",
            ));
            return None;
        };
        let problem =
            |message: String| Diagnostic::new(op_pointer, message).in_operation(Some(operation_id));
        let method = match method_name {
            "get" => Method::Get,
            "post" => Method::Post,
            "delete" => Method::Delete,
            other => {
                self.report(problem(format!("HTTP method {other} is not supported")));
                return None;
            }
        };
        let (module, function) = location(path, method);
        let function = if locations.insert((module.clone(), function.clone())) {
            function
        } else {
            // Two operations with one location: the later keeps its operationId as name.
            let fallback = names::field_name(operation_id);
            locations.insert((module.clone(), fallback.clone()));
            fallback
        };

        let (path_pieces, path_params) =
            self.path_params(path, item, operation, op_pointer, operation_id)?;

        let body_place = Place {
            pointer: String::new(),
            operation_id: Some(operation_id),
            role: Role::Request,
            module: module.clone(),
            name: format!("{}Params", names::type_name(&function)),
            child_prefix: names::type_name(&function),
            file: module.last().cloned().unwrap_or_default(),
        };
        let body = self.request_body(operation, op_pointer, &body_place)?;
        let response =
            self.success_response(operation, op_pointer, operation_id, &module, &function)?;

        Some(Operation {
            operation_id: operation_id.to_string(),
            method,
            path_template: path.to_string(),
            module,
            function,
            doc: operation
                .description
                .clone()
                .or_else(|| operation.summary.clone()),
            path: path_pieces,
            path_params,
            body,
            response,
        })
    }

    fn path_params(
        &mut self,
        path: &str,
        item: &PathItem,
        operation: &openapiv3::Operation,
        op_pointer: &str,
        operation_id: &str,
    ) -> Option<(Vec<PathPiece>, Vec<PathParam>)> {
        let mut declared = Vec::new();
        let lists = [
            (pointer(op_pointer, &["parameters"]), &operation.parameters),
            (
                op_pointer
                    .rsplit_once('/')
                    .map(|(item_pointer, _)| pointer(item_pointer, &["parameters"]))
                    .unwrap_or_default(),
                &item.parameters,
            ),
        ];
        for (list_pointer, parameters) in lists {
            for (index, parameter) in parameters.iter().enumerate() {
                let at = pointer(&list_pointer, &[&index.to_string()]);
                let ReferenceOr::Item(parameter) = parameter else {
                    self.report(
                        Diagnostic::new(at, "parameters given as $ref are not supported yet")
                            .in_operation(Some(operation_id)),
                    );
                    return None;
                };
                match parameter {
                    Parameter::Path { parameter_data, .. } => declared.push((at, parameter_data)),
                    Parameter::Query { .. } => {
                        self.report(
                            Diagnostic::new(at, "query parameters are not supported yet")
                                .in_operation(Some(operation_id)),
                        );
                        return None;
                    }
                    Parameter::Header { .. } | Parameter::Cookie { .. } => {
                        self.report(
                            Diagnostic::new(at, "header and cookie parameters are not supported")
                                .in_operation(Some(operation_id)),
                        );
                        return None;
                    }
                }
            }
        }

        let mut pieces = Vec::new();
        let mut params: Vec<PathParam> = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|close| open + close) else {
                break;
            };
            if open > 0 {
                pieces.push(PathPiece::Literal(rest[..open].to_string()));
            }
            let name = &rest[open + 1..close];
            let Some((at, data)) = declared.iter().find(|(_, data)| data.name == name) else {
                self.report(
                    Diagnostic::new(
                        op_pointer,
                        format!("path parameter {{{name}}} is not declared in `parameters`"),
                    )
                    .in_operation(Some(operation_id)),
                );
                return None;
            };
            let max_chars = match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                    match &schema.schema_kind {
                        SchemaKind::Type(Type::String(string)) => {
                            string.max_length.map(|max| max as u64)
                        }
                        _ => {
                            self.report(
                                Diagnostic::new(
                                    pointer(at, &["schema"]),
                                    "path parameters must be strings",
                                )
                                .in_operation(Some(operation_id)),
                            );
                            return None;
                        }
                    }
                }
                _ => {
                    self.report(
                        Diagnostic::new(at.clone(), "a path parameter needs an inline `schema`")
                            .in_operation(Some(operation_id)),
                    );
                    return None;
                }
            };
            let mut rust_name = names::field_name(name);
            if params.iter().any(|p| p.rust_name == rust_name)
                || rust_name == "client"
                || rust_name == "params"
            {
                rust_name = format!("{}_id", names::plain(&rust_name));
            }
            pieces.push(PathPiece::Param(params.len()));
            params.push(PathParam {
                wire_name: name.to_string(),
                rust_name,
                doc: data.description.clone(),
                max_chars,
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(PathPiece::Literal(rest.to_string()));
        }
        Some((pieces, params))
    }

    fn request_body(
        &mut self,
        operation: &openapiv3::Operation,
        op_pointer: &str,
        place: &Place,
    ) -> Option<Option<super::TypeName>> {
        let body_pointer = pointer(op_pointer, &["requestBody"]);
        let Some(body) = &operation.request_body else {
            return Some(None);
        };
        let ReferenceOr::Item(body) = body else {
            self.report(
                Diagnostic::new(
                    body_pointer,
                    "request bodies given as $ref are not supported",
                )
                .in_operation(place.operation_id),
            );
            return None;
        };
        let Some(media) = body.content.get(FORM) else {
            let types: Vec<&String> = body.content.keys().collect();
            self.report(
                Diagnostic::new(
                    pointer(&body_pointer, &["content"]),
                    format!("request body types {types:?} are not supported yet (only {FORM})"),
                )
                .in_operation(place.operation_id),
            );
            return None;
        };
        let schema_pointer = pointer(&body_pointer, &["content", FORM, "schema"]);
        let Some(schema) = &media.schema else {
            self.report(
                Diagnostic::new(schema_pointer, "the request body has no schema")
                    .in_operation(place.operation_id),
            );
            return None;
        };
        let place = Place {
            pointer: schema_pointer.clone(),
            ..place.clone()
        };
        let boxed = match schema {
            ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema.clone())),
            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                reference: reference.clone(),
            },
        };
        match self.type_of(&boxed, &place)? {
            TypeRef::Named(name) => Some(Some(name)),
            _ => {
                self.report(
                    Diagnostic::new(schema_pointer, "a form request body must be an object")
                        .in_operation(place.operation_id),
                );
                None
            }
        }
    }

    fn success_response(
        &mut self,
        operation: &openapiv3::Operation,
        op_pointer: &str,
        operation_id: &str,
        module: &ModulePath,
        function: &str,
    ) -> Option<TypeRef> {
        let responses_pointer = pointer(op_pointer, &["responses"]);
        let success = operation
            .responses
            .responses
            .iter()
            .find(|(status, _)| status.to_string().starts_with('2'));
        let Some((status, response)) = success else {
            self.report(
                Diagnostic::new(responses_pointer, "the operation has no 2xx response")
                    .in_operation(Some(operation_id)),
            );
            return None;
        };
        let response_pointer = pointer(&responses_pointer, &[&status.to_string()]);
        let ReferenceOr::Item(response) = response else {
            self.report(
                Diagnostic::new(
                    response_pointer,
                    "responses given as $ref are not supported",
                )
                .in_operation(Some(operation_id)),
            );
            return None;
        };
        let Some(schema) = response
            .content
            .get(JSON)
            .and_then(|media| media.schema.as_ref())
        else {
            self.report(
                Diagnostic::new(
                    pointer(&response_pointer, &["content"]),
                    format!("only {JSON} success responses with a schema are supported yet"),
                )
                .in_operation(Some(operation_id)),
            );
            return None;
        };
        let name = format!("{}Response", names::type_name(function));
        let place = Place {
            pointer: pointer(&response_pointer, &["content", JSON, "schema"]),
            operation_id: Some(operation_id),
            role: Role::Response,
            module: module.clone(),
            child_prefix: name.clone(),
            name,
            file: module.last().cloned().unwrap_or_default(),
        };
        let boxed = match schema {
            ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema.clone())),
            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                reference: reference.clone(),
            },
        };
        self.type_of(&boxed, &place)
    }
}

/// Where an operation's call function lives, from its path and method.
///
/// The literal segments after the version prefix name the module
/// (`/v1/billing_portal/configurations/{configuration}` -> `billing_portal::configurations`);
/// the function follows REST convention: on a path ending in a parameter GET is
/// `retrieve`, POST `update` and DELETE `delete`; otherwise GET is `list`, POST `create`
/// and DELETE `delete`; a final `search` segment makes GET `search`.
pub(super) fn location(path: &str, method: Method) -> (ModulePath, String) {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let skip_version = segments.first().is_some_and(|first| {
        first.len() > 1 && first.starts_with('v') && first[1..].bytes().all(|b| b.is_ascii_digit())
    });
    let segments = &segments[usize::from(skip_version)..];
    let ends_in_param = segments.last().is_some_and(|last| last.starts_with('{'));
    let mut module: ModulePath = segments
        .iter()
        .filter(|segment| !segment.starts_with('{'))
        .map(|segment| names::module_name(segment))
        .collect();
    let is_search = !ends_in_param && module.last().map(String::as_str) == Some("search");
    if is_search && module.len() > 1 {
        module.pop();
    }
    if module.is_empty() {
        module.push("api".to_string());
    }
    let function = match (method, ends_in_param, is_search) {
        (Method::Get, _, true) => "search",
        (Method::Get, true, _) => "retrieve",
        (Method::Get, false, _) => "list",
        (Method::Post, true, _) => "update",
        (Method::Post, false, _) => "create",
        (Method::Delete, _, _) => "delete",
    };
    (module, function.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_follow_rest_conventions() {
        let at = |path, method| location(path, method);
        assert_eq!(
            at(
                "/v1/billing_portal/configurations/{configuration}",
                Method::Post
            ),
            (
                vec!["billing_portal".into(), "configurations".into()],
                "update".into()
            )
        );
        assert_eq!(
            at("/v1/customers", Method::Get),
            (vec!["customers".into()], "list".into())
        );
        assert_eq!(
            at("/v1/customers/search", Method::Get),
            (vec!["customers".into()], "search".into())
        );
        assert_eq!(
            at("/v1/customers/{customer}", Method::Delete),
            (vec!["customers".into()], "delete".into())
        );
    }
}
