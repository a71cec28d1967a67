//! The hand-written runtime the generated types build on: typed ids, values and
//! expandable fields, the JSON reader, the form encoder and parameter validation. The
//! HTTP client, its errors and the page walkers are the `http` part's runtime, which
//! re-exports all of this, so generated code reaches both as `crate::runtime::...`.

mod currency;
mod expandable;
mod form;
mod id;
mod invalid;
mod json;
mod page;
mod path;
mod read;
mod redact;
mod timestamp;
mod unsettable;
mod upload;
mod validate;
mod value_enum;
mod values;

pub use currency::Currency;
pub use expandable::{Expandable, Identified};
pub use form::{
    to_form, to_json, to_multipart, ExtraParams, FormValue, FormWriter, MultipartParts,
};
pub use id::Id;
pub use invalid::{InvalidParams, ParamProblem};
pub use page::{List, SearchResult, V2List};
pub use read::{
    read_json_slice, read_json_value, DecodeProblem, JsonReader, ReadJson, UndecodableObject,
};
pub use timestamp::Timestamp;
pub use unsettable::Unsettable;
pub use upload::FileUpload;
pub use validate::{MaxChars, Validate, Validator};
pub use values::{DateTime, Decimal, ParseValueError};

// For generated code and the `http` part, which are other crates: not part of the API.
#[doc(hidden)]
pub use form::I64Text;
#[doc(hidden)]
pub use json::{deserialize_read, read_str, ObjectWriter};
#[doc(hidden)]
pub use path::push_segment;
#[doc(hidden)]
pub use read::{read_json_slice_lenient, read_json_str, Attempts, FieldSlot, I64TextSlot};
#[doc(hidden)]
pub use redact::redacted;
#[cfg(feature = "redact-debug")]
#[doc(hidden)]
pub use redact::{redacted_debug, Size};
#[doc(hidden)]
pub use value_enum::{debug_variant, value_enum_traits};
