//! Stage 1: read the spec file (JSON or YAML, chosen by extension) into the OpenAPI model.

use std::path::Path;

use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::diagnostic::{pointer_token, Diagnostic, Failure};

/// Reads and parses `path`. Syntax errors name the line and column; documents that
/// parse but do not fit OpenAPI 3.0 name the JSON pointer of the offending node.
pub fn load(path: &Path) -> Result<OpenAPI, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let is_yaml = matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("yaml" | "yml")
    );
    parse(&text, is_yaml).map_err(|diagnostic| Failure::Spec {
        file: path.to_path_buf(),
        diagnostics: vec![diagnostic],
    })
}

/// Parses spec text, YAML or JSON.
pub fn parse(text: &str, is_yaml: bool) -> Result<OpenAPI, Diagnostic> {
    // Both formats are read into a JSON value first. openapiv3 reads some nodes twice,
    // once buffered and once as a JSON value, and panics where the two disagree (found
    // by fuzzing: duplicate keys, which the buffer keeps and a JSON value merges; YAML
    // keys and scalars JSON does not have). Reading from a JSON value makes both
    // readings one.
    let document = if is_yaml {
        yaml_to_json(text)?
    } else {
        serde_json::from_str(text)
            .map_err(|error| Diagnostic::new("", format!("invalid JSON: {error}")))?
    };
    from_document(document)
}

/// Parses YAML text into a JSON value (keys in document order).
pub fn yaml_to_json(text: &str) -> Result<serde_json::Value, Diagnostic> {
    serde_norway::from_str(text)
        .map_err(|error| Diagnostic::new("", format!("invalid YAML: {error}")))
}

/// How deep schemas may nest (Stripe's go 9 deep). openapiv3 reads a schema that fails
/// to parse twice at every level above it, so a broken schema under deep nesting costs
/// 2^depth; the limit keeps that small (found by the property tests).
pub const MAX_SCHEMA_NESTING: usize = 12;

/// The pointer of a schema nested deeper than [`MAX_SCHEMA_NESTING`], if any.
fn too_deep(document: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    /// A node met on the walk: its parent's index in `seen` and its key there.
    /// Pointers are built only for the node that fails, not for every node (a spec has
    /// hundreds of thousands).
    struct Step<'a> {
        parent: usize,
        token: Token<'a>,
    }
    enum Token<'a> {
        Root,
        Key(&'a str),
        Index(usize),
    }
    let mut seen: Vec<Step<'_>> = vec![Step {
        parent: 0,
        token: Token::Root,
    }];
    // (node, its index in `seen`, schema levels above it)
    let mut pending: Vec<(&Value, usize, usize)> = vec![(document, 0, 0)];
    fn visit<'a>(seen: &mut Vec<Step<'a>>, parent: usize, token: Token<'a>) -> usize {
        seen.push(Step { parent, token });
        seen.len() - 1
    }
    while let Some((node, at, depth)) = pending.pop() {
        if depth > MAX_SCHEMA_NESTING {
            let mut tokens = Vec::new();
            let mut index = at;
            while index != 0 {
                tokens.push(match seen[index].token {
                    Token::Key(key) => pointer_token(key),
                    Token::Index(item) => item.to_string(),
                    Token::Root => String::new(),
                });
                index = seen[index].parent;
            }
            return Some(
                tokens
                    .iter()
                    .rev()
                    .map(|token| format!("/{token}"))
                    .collect(),
            );
        }
        match node {
            Value::Object(map) => {
                for (key, value) in map {
                    let inner = visit(&mut seen, at, Token::Key(key));
                    let nested = match key.as_str() {
                        "items" | "not" | "additionalProperties" => depth + 1,
                        _ => depth,
                    };
                    let member_depth = match key.as_str() {
                        // Each member of these is a schema one level down.
                        "properties" | "anyOf" | "oneOf" | "allOf" => Some(depth + 1),
                        _ => None,
                    };
                    match (member_depth, value) {
                        (Some(member), Value::Object(members)) => {
                            for (name, member_value) in members {
                                let at = visit(&mut seen, inner, Token::Key(name));
                                pending.push((member_value, at, member));
                            }
                        }
                        (Some(member), Value::Array(members)) => {
                            for (index, member_value) in members.iter().enumerate() {
                                let at = visit(&mut seen, inner, Token::Index(index));
                                pending.push((member_value, at, member));
                            }
                        }
                        _ => pending.push((value, inner, nested)),
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let inner = visit(&mut seen, at, Token::Index(index));
                    pending.push((item, inner, depth));
                }
            }
            _ => {}
        }
    }
    None
}

/// Interprets an already parsed document as OpenAPI 3.0.
pub fn from_document(document: serde_json::Value) -> Result<OpenAPI, Diagnostic> {
    if let Some(at) = too_deep(&document) {
        return Err(Diagnostic::new(
            at,
            format!("schemas nested more than {MAX_SCHEMA_NESTING} levels deep are not supported"),
        ));
    }
    if let Some(version) = document.get("openapi").and_then(|v| v.as_str()) {
        if !version.starts_with("3.0") {
            return Err(Diagnostic::new(
                "/openapi",
                format!("OpenAPI {version} is not supported; this generator reads OpenAPI 3.0"),
            ));
        }
    }
    // The plain deserialisation is faster; the path-tracking one runs only to locate
    // an error.
    if let Some(Ok(spec)) = guard(|| OpenAPI::deserialize(&document)) {
        return Ok(spec);
    }
    let located = guard(|| serde_path_to_error::deserialize::<_, OpenAPI>(&document));
    let narrowed = guard(|| narrow_error(&document)).flatten();
    match (located, narrowed) {
        (Some(Ok(spec)), _) => Ok(spec),
        (_, Some(diagnostic)) => Err(diagnostic),
        (Some(Err(error)), None) => Err(Diagnostic::new(
            path_to_pointer(error.path()),
            format!("not a valid OpenAPI 3.0 document: {}", error.inner()),
        )),
        (None, None) => Err(Diagnostic::new(
            "",
            "not a valid OpenAPI 3.0 document (the OpenAPI reader failed on it)",
        )),
    }
}

/// Runs a step of the openapiv3 crate, turning a panic inside it into `None`.
///
/// openapiv3 `expect`s that a node which fails to parse one way also fails another way;
/// where the two readings disagree it panics. The inputs known to do that are routed
/// around it (YAML is read through JSON values); this is the net for the rest.
fn guard<T>(step: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).ok()
}

/// openapiv3 reads path items, parameters and schemas through untagged enums, which
/// hide where inside them an error is. Deserialising the operations and component
/// schemas one by one finds the innermost node (and the operation) at fault.
fn narrow_error(document: &serde_json::Value) -> Option<Diagnostic> {
    if let Some(paths) = document.get("paths").and_then(|paths| paths.as_object()) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                if !matches!(
                    method.as_str(),
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
                ) {
                    continue;
                }
                let at = format!("/paths/{}/{}", pointer_token(path), pointer_token(method));
                let operation_id = operation.get("operationId").and_then(|id| id.as_str());
                if let Err(diagnostic) = check::<openapiv3::Operation>(operation, &at) {
                    return Some(diagnostic.in_operation(operation_id));
                }
            }
        }
    }
    let schemas = document
        .pointer("/components/schemas")
        .and_then(|schemas| schemas.as_object());
    for (name, schema) in schemas.into_iter().flatten() {
        let at = format!("/components/schemas/{}", pointer_token(name));
        if let Err(diagnostic) = check::<openapiv3::ReferenceOr<openapiv3::Schema>>(schema, &at) {
            return Some(diagnostic);
        }
    }
    None
}

fn check<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    at: &str,
) -> Result<(), Diagnostic> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(drop)
        .map_err(|error| {
            Diagnostic::new(
                format!("{at}{}", path_to_pointer(error.path())),
                format!("not a valid OpenAPI 3.0 document: {}", error.inner()),
            )
        })
}

/// Converts serde_path_to_error's path (`paths./v1/x.post`) to a JSON pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        let token = match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } | Segment::Enum { variant: key } => key.clone(),
            Segment::Unknown => continue,
        };
        out.push('/');
        out.push_str(&pointer_token(&token));
    }
    out
}
