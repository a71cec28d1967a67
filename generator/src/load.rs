//! Stage 1: read the spec file (JSON or YAML, chosen by extension) into the OpenAPI model.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::diagnostic::{pointer_token, Diagnostic, Failure};

/// Reads and parses `path`. Syntax errors name the line and column; documents that
/// parse but do not fit OpenAPI 3.0 name the JSON pointer of the offending node.
pub fn load(path: &Path) -> Result<OpenAPI, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let spec_failure = |diagnostic: Diagnostic| Failure::Spec {
        file: path.to_path_buf(),
        diagnostics: vec![diagnostic],
    };
    let is_yaml = matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("yaml" | "yml")
    );
    let document: serde_json::Value = if is_yaml {
        serde_norway::from_str(&text)
            .map_err(|error| spec_failure(Diagnostic::new("", format!("invalid YAML: {error}"))))?
    } else {
        serde_json::from_str(&text)
            .map_err(|error| spec_failure(Diagnostic::new("", format!("invalid JSON: {error}"))))?
    };
    from_document(document).map_err(spec_failure)
}

/// Interprets an already parsed document as OpenAPI 3.0.
pub fn from_document(document: serde_json::Value) -> Result<OpenAPI, Diagnostic> {
    if let Some(version) = document.get("openapi").and_then(|v| v.as_str()) {
        if !version.starts_with("3.0") {
            return Err(Diagnostic::new(
                "/openapi",
                format!("OpenAPI {version} is not supported; this generator reads OpenAPI 3.0"),
            ));
        }
    }
    serde_path_to_error::deserialize(document).map_err(|error| {
        let pointer = path_to_pointer(error.path());
        Diagnostic::new(
            pointer,
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
