//! Errors that point at the place in the spec they are about.
//!
//! Every problem the generator reports names the spec file, a JSON pointer into it and,
//! where the place belongs to one, the operationId; problems are collected so that one
//! run reports all of them rather than the first.

use std::fmt;
use std::path::PathBuf;

/// One problem at one place in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer (RFC 6901) to the spec node the problem is about; empty for the root.
    pub pointer: String,
    /// The operation the node belongs to, if any.
    pub operation_id: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            operation_id: None,
            message: message.into(),
        }
    }

    pub fn in_operation(mut self, operation_id: Option<&str>) -> Self {
        self.operation_id = operation_id.map(str::to_string);
        self
    }
}

/// Why a generation run failed: the spec file and every problem found in it, or an
/// I/O failure around it.
#[derive(Debug)]
pub enum Failure {
    /// The spec has problems; nothing was written.
    Spec {
        file: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// Reading the spec or writing the output failed.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Generated code did not parse as Rust: a bug in the generator, reported rather
    /// than written.
    Internal(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Spec { file, diagnostics } => {
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                write!(f, "{count} problem{plural} in {}", file.display())?;
                for diagnostic in diagnostics {
                    let pointer = if diagnostic.pointer.is_empty() {
                        "(document root)"
                    } else {
                        &diagnostic.pointer
                    };
                    write!(f, "\n  {}#{pointer}", file.display())?;
                    if let Some(operation_id) = &diagnostic.operation_id {
                        write!(f, " (operationId {operation_id})")?;
                    }
                    write!(f, ": {}", diagnostic.message)?;
                }
                Ok(())
            }
            Failure::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Failure::Internal(message) => write!(f, "internal generator error: {message}"),
        }
    }
}

impl std::error::Error for Failure {}

/// Escapes one reference token for a JSON pointer (`~` -> `~0`, `/` -> `~1`).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `base` extended by the given tokens.
pub fn pointer(base: &str, tokens: &[&str]) -> String {
    let mut out = base.to_string();
    for token in tokens {
        out.push('/');
        out.push_str(&pointer_token(token));
    }
    out
}
