//! Request paths with each path parameter percent-encoded as exactly one segment.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is encoded, so `/`, `?`, `#`, `%`
/// and spaces inside an ID can never end the segment or start a query.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends literal path pieces and encoded parameters.
#[derive(Debug, Default)]
pub struct PathBuilder {
    path: String,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a piece of the path template as it stands (`/v1/customers/`).
    pub fn literal(mut self, piece: &str) -> Self {
        self.path.push_str(piece);
        self
    }

    /// Appends a parameter, percent-encoded as one segment (`bpc_1/x` -> `bpc_1%2Fx`).
    pub fn param(mut self, value: &str) -> Self {
        self.path.extend(utf8_percent_encode(value, SEGMENT));
        self
    }

    /// The finished path.
    pub fn finish(self) -> String {
        self.path
    }
}
