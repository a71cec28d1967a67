//! Request paths with each path parameter percent-encoded as exactly one segment.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is encoded, so `/`, `?`, `#`, `%`
/// and spaces inside an ID can never end the segment or start a query.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends a path parameter to `path`, percent-encoded as one segment
/// (`bpc_1/x` -> `bpc_1%2Fx`).
#[doc(hidden)]
pub fn push_segment(path: &mut String, value: &str) {
    path.extend(utf8_percent_encode(value, SEGMENT));
}
