//! Operations to call functions: where each lives, what it takes, what it returns.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    Parameter, ParameterData, ParameterSchemaOrContent, PathItem, ReferenceOr, SchemaKind, Type,
};

use super::build::Builder;
use super::names::{self, SnakeIdent};
use super::schemas::{Place, SchemaOrRef};
use super::spec_lookup;
use super::{
    ApiGeneration, Method, ModulePath, Operation, Origin, PageKind, ParamsIn, PathParam, PathPiece,
    Role, TypeDef, TypeKind, TypeName, TypeRef, PARAMS_MODULE, TYPES_MODULE,
};
use crate::diagnostic::{pointer, Diagnostic};

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";
const JSON: &str = "application/json";

/// Which operations to generate (`--operations`): operationIds or resource modules
/// (`customers`, `billing_portal::configurations`, `billing_portal.configurations`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    names: Option<BTreeSet<String>>,
}

impl Selection {
    /// Every operation.
    pub fn all() -> Self {
        Self { names: None }
    }

    /// Whether every operation is selected.
    pub fn is_all(&self) -> bool {
        self.names.is_none()
    }

    /// Only the named operations and resources.
    pub fn only<I: IntoIterator<Item = String>>(names: I) -> Self {
        Self {
            names: Some(
                names
                    .into_iter()
                    .map(|name| name.replace('.', "::"))
                    .collect(),
            ),
        }
    }

    fn selects(&self, operation_id: &str, module: &ModulePath) -> Option<String> {
        let names = self.names.as_ref()?;
        if names.contains(operation_id) {
            return Some(operation_id.to_string());
        }
        module
            .with_ancestors()
            .map(|prefix| prefix.to_string())
            .find(|prefix| names.contains(prefix))
    }
}

/// What a GET on a path returns, which decides the names of the calls on that path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A v1 list (`object: "list"`) or a v2 list (`data` and `next_page_url`).
    List,
    Search,
    Object,
}

/// Facts about all paths, gathered before any operation is named.
struct PathIndex<'spec> {
    paths: Vec<&'spec str>,
    get_shapes: BTreeMap<&'spec str, Shape>,
}

impl<'spec> PathIndex<'spec> {
    fn new(spec: &'spec openapiv3::OpenAPI) -> Self {
        let mut get_shapes = BTreeMap::new();
        for (path, item) in &spec.paths.paths {
            if let ReferenceOr::Item(item) = item {
                if let Some(get) = &item.get {
                    get_shapes.insert(path.as_str(), success_shape(spec, get));
                }
            }
        }
        Self {
            paths: spec.paths.paths.keys().map(String::as_str).collect(),
            get_shapes,
        }
    }

    fn has_children(&self, path: &str) -> bool {
        let prefix = format!("{path}/");
        self.paths.iter().any(|other| other.starts_with(&prefix))
    }
}

impl<'spec> Builder<'spec> {
    /// Every selected operation of the spec, sorted by module and function.
    pub(super) fn operations(&mut self, selection: &Selection) -> Vec<Operation> {
        let spec = self.spec;
        let index = PathIndex::new(spec);
        let mut operations = Vec::new();
        let mut locations = BTreeSet::new();
        let mut selected = BTreeSet::new();
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
                let Some(method) = parse_method(method_name) else {
                    self.report(
                        Diagnostic::new(
                            op_pointer,
                            format!("HTTP method {method_name} is not supported"),
                        )
                        .in_operation(operation.operation_id.as_deref()),
                    );
                    continue;
                };
                let Some(operation_id) = operation.operation_id.as_deref() else {
                    self.report(Diagnostic::new(
                        op_pointer,
                        "the operation has no operationId",
                    ));
                    continue;
                };
                let (module, function) = super::sdk_names::lookup(operation_id)
                    .unwrap_or_else(|| location(path, method, &index));
                if selection.names.is_some() {
                    match selection.selects(operation_id, &module) {
                        Some(name) => {
                            selected.insert(name);
                        }
                        None => continue,
                    }
                }
                let function = if locations.insert((module.clone(), function.clone())) {
                    function
                } else {
                    // Two operations at one location: the later keeps its operationId.
                    let fallback = SnakeIdent::from_spec(operation_id);
                    locations.insert((module.clone(), fallback.clone()));
                    fallback
                };
                let context = OperationContext {
                    path,
                    item,
                    operation,
                    operation_id,
                    op_pointer: &op_pointer,
                    method,
                    module,
                    function,
                };
                if let Some(operation) = self.operation(context) {
                    operations.push(operation);
                }
            }
        }
        if let Some(names) = &selection.names {
            for name in names.difference(&selected) {
                self.report(Diagnostic::new(
                    "/paths",
                    format!("--operations names {name:?}, which is no operationId or resource of this spec"),
                ));
            }
        }
        operations.sort_by(|a, b| (&a.module, &a.function).cmp(&(&b.module, &b.function)));
        operations
    }

    fn operation(&mut self, context: OperationContext<'_, 'spec>) -> Option<Operation> {
        let OperationContext {
            path,
            item,
            operation,
            operation_id,
            op_pointer,
            method,
            module,
            function,
        } = context;
        let parameters = self.parameters(item, operation, op_pointer, operation_id)?;
        let (path_pieces, path_params) =
            self.path_params(path, &parameters, op_pointer, operation_id)?;
        let base_place = Place {
            pointer: op_pointer.to_string(),
            operation_id: Some(operation_id),
            role: Role::Request,
            module: module.clone(),
            name: format!("{}Params", names::type_name(function.written())),
            child_prefix: names::type_name(function.written()),
            file: module.last().to_string(),
            origin: Origin {
                path: vec![names::singular(module.last().plain())],
                title: None,
            },
        };
        let generation = ApiGeneration::of_path(path);
        let (params, params_in) = self.params(
            method,
            generation,
            operation,
            &parameters,
            op_pointer,
            &base_place,
        )?;
        let response = self.success_response(
            operation,
            op_pointer,
            operation_id,
            &module,
            function.written(),
        )?;

        Some(Operation {
            operation_id: operation_id.to_string(),
            method,
            generation,
            path_template: path.to_string(),
            module,
            function,
            doc: operation
                .description
                .clone()
                .or_else(|| operation.summary.clone()),
            path: path_pieces,
            path_params,
            params,
            params_in,
            response,
            server: operation
                .servers
                .first()
                .map(|server| server.url.trim_end_matches('/').to_string()),
            pagination: None,
        })
    }

    /// The operation's parameters with their JSON pointers (path-item ones included).
    fn parameters(
        &mut self,
        item: &'spec PathItem,
        operation: &'spec openapiv3::Operation,
        op_pointer: &str,
        operation_id: &str,
    ) -> Option<Vec<(String, &'spec Parameter)>> {
        let item_pointer = op_pointer
            .rsplit_once('/')
            .map(|(item_pointer, _)| item_pointer.to_string())
            .unwrap_or_default();
        let lists = [
            (pointer(op_pointer, &["parameters"]), &operation.parameters),
            (pointer(&item_pointer, &["parameters"]), &item.parameters),
        ];
        let mut found = Vec::new();
        let mut ok = true;
        for (list_pointer, parameters) in lists {
            for (index, parameter) in parameters.iter().enumerate() {
                let at = pointer(&list_pointer, &[&index.to_string()]);
                match parameter {
                    ReferenceOr::Item(parameter) => found.push((at, parameter)),
                    ReferenceOr::Reference { .. } => {
                        self.report(
                            Diagnostic::new(at, "parameters given as $ref are not supported yet")
                                .in_operation(Some(operation_id)),
                        );
                        ok = false;
                    }
                }
            }
        }
        ok.then_some(found)
    }

    fn path_params(
        &mut self,
        path: &str,
        parameters: &[(String, &Parameter)],
        op_pointer: &str,
        operation_id: &str,
    ) -> Option<(Vec<PathPiece>, Vec<PathParam>)> {
        let declared: Vec<(&String, &ParameterData)> = parameters
            .iter()
            .filter_map(|(at, parameter)| match parameter {
                Parameter::Path { parameter_data, .. } => Some((at, parameter_data)),
                _ => None,
            })
            .collect();
        let template = match PathTemplate::parse(path) {
            Ok(template) => template,
            Err(problem) => {
                self.report(
                    Diagnostic::new(op_pointer, format!("path {path:?}: {problem}"))
                        .in_operation(Some(operation_id)),
                );
                return None;
            }
        };
        let mut pieces = Vec::new();
        let mut params: Vec<PathParam> = Vec::new();
        // The generated call's own locals are taken; a parameter named like one gets `_id`.
        let mut taken = names::Namespace::snake_case().reserve(names::CALL_LOCALS.iter().copied());
        for piece in template.pieces {
            let name = match piece {
                TemplatePiece::Literal(text) => {
                    pieces.push(PathPiece::Literal(text.to_string()));
                    continue;
                }
                TemplatePiece::Param(name) => name,
            };
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
                        Diagnostic::new(at.as_str(), "a path parameter needs an inline `schema`")
                            .in_operation(Some(operation_id)),
                    );
                    return None;
                }
            };
            let wanted = SnakeIdent::from_spec(name);
            let rust_name = if taken.contains(wanted.written()) {
                taken.claim_snake(SnakeIdent::from_spec(&format!("{}_id", wanted.plain())))
            } else {
                taken.claim_snake(wanted)
            };
            pieces.push(PathPiece::Param(params.len()));
            params.push(PathParam {
                wire_name: name.to_string(),
                rust_name,
                doc: data.description.clone(),
                max_chars,
                id_of: None,
            });
        }
        Some((pieces, params))
    }

    /// One struct for everything the caller passes besides path parameters: query
    /// parameters and body properties. GET and DELETE send it as the query string
    /// (Stripe reads DELETE parameters from there too), POST as the body.
    fn params(
        &mut self,
        method: Method,
        generation: ApiGeneration,
        operation: &'spec openapiv3::Operation,
        parameters: &[(String, &'spec Parameter)],
        op_pointer: &str,
        place: &Place,
    ) -> Option<(Option<TypeName>, ParamsIn)> {
        let query = self.query_sources(method, parameters, place);
        let body = self.body_sources(method, generation, operation, op_pointer, place)?;
        let (mut sources, body) = (query?, body?);
        sources.extend(body.sources);
        if sources.is_empty() {
            return Some((None, body.params_in));
        }
        let name = self.claim_type_name(&place.module, place.name.clone());
        let mut field_names = names::Namespace::snake_case().reserve([names::EXTRA_PARAMS]);
        let mut fields = Vec::new();
        let mut ok = true;
        for source in sources {
            let inline_name = format!(
                "{}{}",
                place.child_prefix,
                names::type_name(&source.wire_name)
            );
            let mut field_place = place.named(source.pointer, inline_name);
            field_place.origin.path.push(source.wire_name.clone());
            match self.field(
                &source.wire_name,
                source.schema,
                source.required,
                &field_place,
                source.description,
                &mut field_names,
            ) {
                Some(field) => fields.push(field),
                None => ok = false,
            }
        }
        self.add_type(TypeDef {
            name: name.clone(),
            role: Role::Request,
            doc: body.doc,
            kind: TypeKind::Struct { fields },
            file: place.file.clone(),
            origin: place.origin.clone(),
        });
        ok.then_some((Some(name), body.params_in))
    }

    /// The query parameters (GET and DELETE), or `None` after reporting every one that
    /// is not supported.
    fn query_sources(
        &mut self,
        method: Method,
        parameters: &[(String, &'spec Parameter)],
        place: &Place,
    ) -> Option<Vec<ParamSource<'spec>>> {
        let mut ok = true;
        let mut sources = Vec::new();
        for (at, parameter) in parameters {
            let problem = match parameter {
                Parameter::Path { .. } => continue,
                Parameter::Query { parameter_data, .. } if method != Method::Post => {
                    match &parameter_data.format {
                        ParameterSchemaOrContent::Schema(schema) => {
                            sources.push(ParamSource {
                                wire_name: parameter_data.name.clone(),
                                schema: schema.into(),
                                required: parameter_data.required,
                                pointer: pointer(at, &["schema"]),
                                description: parameter_data.description.clone(),
                            });
                            continue;
                        }
                        ParameterSchemaOrContent::Content(_) => {
                            "query parameters with `content` are not supported"
                        }
                    }
                }
                Parameter::Query { .. } => "query parameters on POST are not supported",
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    "header and cookie parameters are not supported"
                }
            };
            self.report(place_problem(place, at, problem));
            ok = false;
        }
        ok.then_some(sources)
    }

    /// The request body's properties, where they go and the body's description.
    /// `None` when the body cannot be read at all (nothing more to report about it);
    /// `Some(None)` when it was reported but the rest of the operation can go on.
    ///
    /// A POST's body is a form in v1 and JSON in v2 (even without parameters: `{}`),
    /// unless the spec names another type; GET and DELETE send their parameters in the
    /// query string in both.
    fn body_sources(
        &mut self,
        method: Method,
        generation: ApiGeneration,
        operation: &'spec openapiv3::Operation,
        op_pointer: &str,
        place: &Place,
    ) -> Option<Option<Body<'spec>>> {
        let mut body = Body {
            sources: Vec::new(),
            params_in: match (method, generation) {
                (Method::Post, ApiGeneration::V1) => ParamsIn::Form,
                (Method::Post, ApiGeneration::V2) => ParamsIn::Json,
                (Method::Get | Method::Delete, _) => ParamsIn::Query,
            },
            doc: None,
        };
        let body_pointer = pointer(op_pointer, &["requestBody"]);
        let request_body = match &operation.request_body {
            None => return Some(Some(body)),
            Some(ReferenceOr::Reference { .. }) => {
                self.report(place_problem(
                    place,
                    &body_pointer,
                    "request bodies given as $ref are not supported",
                ));
                return Some(None);
            }
            Some(ReferenceOr::Item(request_body)) => request_body,
        };
        let (media_type, media) = match (
            request_body.content.get(FORM),
            request_body.content.get(MULTIPART),
            request_body.content.get(JSON),
        ) {
            (Some(media), _, _) => {
                if method == Method::Post {
                    body.params_in = ParamsIn::Form;
                }
                (FORM, media)
            }
            (None, Some(media), _) if method == Method::Post => {
                body.params_in = ParamsIn::Multipart;
                (MULTIPART, media)
            }
            (None, None, Some(media)) if method == Method::Post => {
                body.params_in = ParamsIn::Json;
                (JSON, media)
            }
            _ => {
                let types: Vec<&String> = request_body.content.keys().collect();
                self.report(place_problem(
                    place,
                    &pointer(&body_pointer, &["content"]),
                    &format!("request body types {types:?} are not supported (only {FORM} and, for POST, {MULTIPART} or {JSON})"),
                ));
                return None;
            }
        };
        let schema_pointer = pointer(&body_pointer, &["content", media_type, "schema"]);
        let schema = match media.schema.as_ref() {
            None => return Some(Some(body)),
            Some(ReferenceOr::Reference { .. }) => {
                self.report(place_problem(
                    place,
                    &schema_pointer,
                    "request body schemas given as $ref are not supported yet",
                ));
                return Some(None);
            }
            Some(ReferenceOr::Item(schema)) => schema,
        };
        body.doc = schema.schema_data.description.clone();
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            self.report(place_problem(
                place,
                &schema_pointer,
                "a request body must be an inline object schema",
            ));
            return Some(None);
        };
        for (name, property) in &object.properties {
            body.sources.push(ParamSource {
                wire_name: name.clone(),
                schema: property.into(),
                required: object.required.contains(name),
                pointer: pointer(&schema_pointer, &["properties", name]),
                description: None,
            });
        }
        Some(Some(body))
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
        let Some((status, response)) = spec_lookup::success_response(operation) else {
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
        let Some(media) = response.content.get(JSON) else {
            // A document (PDF and the like): the body's bytes as they come.
            if response.content.len() == 1 {
                return Some(TypeRef::Binary);
            }
            self.report(
                Diagnostic::new(
                    pointer(&response_pointer, &["content"]),
                    format!("a success response needs {JSON} or exactly one other content type"),
                )
                .in_operation(Some(operation_id)),
            );
            return None;
        };
        let Some(schema) = media.schema.as_ref() else {
            self.report(
                Diagnostic::new(
                    pointer(&response_pointer, &["content", JSON]),
                    "the JSON success response has no schema",
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
            file: module.last().to_string(),
            origin: Default::default(),
        };
        self.type_of(schema.into(), &place)
    }
}

/// A path template (`/v1/customers/{customer}/sources/{id}`) split into its literal
/// text and its parameters, in order.
#[derive(Debug, PartialEq, Eq)]
struct PathTemplate<'a> {
    pieces: Vec<TemplatePiece<'a>>,
}

#[derive(Debug, PartialEq, Eq)]
enum TemplatePiece<'a> {
    Literal(&'a str),
    Param(&'a str),
}

impl<'a> PathTemplate<'a> {
    /// Fails on a `{` that is not closed, a `}` that was not opened, a `{` inside a
    /// parameter's braces and an empty parameter name.
    fn parse(path: &'a str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        let mut rest = path;
        loop {
            let open = rest.find('{');
            let stray_close = rest.find('}');
            if let Some(close) = stray_close.filter(|close| open.is_none_or(|open| *close < open)) {
                return Err(format!(
                    "`}}` at byte {} closes no `{{`",
                    path.len() - rest.len() + close
                ));
            }
            let Some(open) = open else { break };
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err(format!(
                    "`{{` at byte {} is never closed",
                    path.len() - rest.len() + open
                ));
            };
            let name = &after[..close];
            if name.is_empty() || name.contains('{') {
                return Err(format!("`{{{name}}}` is not a parameter name"));
            }
            if open > 0 {
                pieces.push(TemplatePiece::Literal(&rest[..open]));
            }
            pieces.push(TemplatePiece::Param(name));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(TemplatePiece::Literal(rest));
        }
        Ok(Self { pieces })
    }
}

/// One field of a call's params struct, before it is read: a query parameter or a
/// body property.
struct ParamSource<'spec> {
    wire_name: String,
    schema: SchemaOrRef<'spec>,
    required: bool,
    /// JSON pointer of the schema.
    pointer: String,
    /// The parameter's own description (query parameters; a body property's is in its
    /// schema).
    description: Option<String>,
}

/// What a request body contributes to the params struct.
struct Body<'spec> {
    sources: Vec<ParamSource<'spec>>,
    params_in: ParamsIn,
    /// The body schema's description: the params struct's doc.
    doc: Option<String>,
}

struct OperationContext<'a, 'spec> {
    path: &'spec str,
    item: &'spec PathItem,
    operation: &'spec openapiv3::Operation,
    operation_id: &'spec str,
    op_pointer: &'a str,
    method: Method,
    module: ModulePath,
    function: SnakeIdent,
}

fn place_problem(place: &Place, at: &str, message: &str) -> Diagnostic {
    Diagnostic::new(at, message).in_operation(place.operation_id)
}

fn parse_method(name: &str) -> Option<Method> {
    match name {
        "get" => Some(Method::Get),
        "post" => Some(Method::Post),
        "delete" => Some(Method::Delete),
        _ => None,
    }
}

/// Whether a GET returns a list page, a search page or an object.
fn success_shape(spec: &openapiv3::OpenAPI, operation: &openapiv3::Operation) -> Shape {
    let schema = spec_lookup::success_response(operation)
        .and_then(|(_, response)| response.as_item())
        .and_then(|response| response.content.get(JSON))
        .and_then(|media| media.schema.as_ref())
        .and_then(|schema| spec_lookup::resolve(spec, schema.into()));
    match schema.and_then(spec_lookup::page_kind) {
        Some(PageKind::List | PageKind::NextPageUrl) => Shape::List,
        Some(PageKind::Search) => Shape::Search,
        None => Shape::Object,
    }
}

/// Where an operation's call function lives, from its path and method.
///
/// The literal segments after `/v1` name the module
/// (`/v1/billing_portal/configurations/{configuration}` -> `billing_portal::configurations`);
/// other versions keep theirs, so v2 calls never share a module with v1 ones
/// (`/v2/core/accounts/{id}` -> `v2::core::accounts`).
/// A POST to a final literal segment right after a parameter, on a path with no GET and
/// nothing below it, is an action named by that segment (`/v1/invoices/{invoice}/pay` ->
/// `invoices::pay`). Otherwise the function follows REST convention: on a path ending in
/// a parameter GET is `retrieve`, POST `update`, DELETE `delete`; on other paths GET is
/// `list` or `search` (by what it returns, a final `search` segment dropped from the
/// module) or else `retrieve`, POST is `update` where a GET returns the object itself
/// (a singleton such as `/v1/account`) and `create` otherwise, and DELETE is `delete`.
fn location(path: &str, method: Method, index: &PathIndex) -> (ModulePath, SnakeIdent) {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let skip_version = segments.first() == Some(&"v1");
    let segments = &segments[usize::from(skip_version)..];
    let is_param = |segment: &&str| segment.starts_with('{');
    let ends_in_param = segments.last().is_some_and(is_param);
    let mut module: Vec<SnakeIdent> = segments
        .iter()
        .filter(|segment| !is_param(segment))
        .map(|segment| SnakeIdent::from_spec(segment))
        .collect();
    let get_shape = index.get_shapes.get(path).copied();

    let is_action = method == Method::Post
        && !ends_in_param
        && segments.len() >= 2
        && is_param(&segments[segments.len() - 2])
        && get_shape.is_none()
        && !index.has_children(path);
    let function = if is_action {
        module
            .pop()
            .unwrap_or_else(|| SnakeIdent::from_spec("call"))
    } else {
        match (method, ends_in_param, get_shape) {
            (Method::Get, true, _) => SnakeIdent::from_spec("retrieve"),
            (Method::Post, true, _) => SnakeIdent::from_spec("update"),
            (Method::Delete, _, _) => SnakeIdent::from_spec("delete"),
            (Method::Get, false, Some(Shape::List)) => SnakeIdent::from_spec("list"),
            (Method::Get, false, Some(Shape::Search)) => {
                if module.len() > 1 && module.last().map(SnakeIdent::plain) == Some("search") {
                    module.pop();
                }
                SnakeIdent::from_spec("search")
            }
            (Method::Get, false, _) => SnakeIdent::from_spec("retrieve"),
            (Method::Post, false, Some(Shape::Object)) => SnakeIdent::from_spec("update"),
            (Method::Post, false, _) => SnakeIdent::from_spec("create"),
        }
    };
    if module.is_empty() {
        module.push(SnakeIdent::from_spec("api"));
    }
    // The crate's own top-level modules keep their names.
    if [TYPES_MODULE, PARAMS_MODULE, "runtime", "webhooks"].contains(&module[0].plain()) {
        module[0] = SnakeIdent::from_spec(&format!("{}_api", module[0].plain()));
    }
    let module = ModulePath::new(module).unwrap_or_else(|| unreachable!("`api` at least"));
    (module, function)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_split_into_literals_and_parameters() {
        let template = PathTemplate::parse("/v1/customers/{customer}/sources/{id}").unwrap();
        assert_eq!(
            template.pieces,
            [
                TemplatePiece::Literal("/v1/customers/"),
                TemplatePiece::Param("customer"),
                TemplatePiece::Literal("/sources/"),
                TemplatePiece::Param("id"),
            ]
        );
        assert_eq!(
            PathTemplate::parse("/v1/account").unwrap().pieces,
            [TemplatePiece::Literal("/v1/account")]
        );
    }

    #[test]
    fn broken_path_templates_are_reported() {
        for (path, problem) in [
            ("/v1/customers/{customer", "`{` at byte 14 is never closed"),
            ("/v1/customers/customer}", "`}` at byte 22 closes no `{`"),
            ("/v1/customers/{}", "`{}` is not a parameter name"),
            ("/v1/a/{b{c}", "`{b{c}` is not a parameter name"),
        ] {
            assert_eq!(
                PathTemplate::parse(path),
                Err(problem.to_string()),
                "{path}"
            );
        }
    }
}
