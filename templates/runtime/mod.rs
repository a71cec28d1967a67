//! The hand-written runtime every generated call builds on: the HTTP client, the
//! request encoding Stripe expects, parameter validation and the error type.

#[cfg(feature = "blocking")]
mod blocking;
mod client;
mod currency;
// `pub(crate)` for the excerpt helper the webhooks module shares.
pub(crate) mod error;
mod expand;
mod expandable;
mod form;
mod id;
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

#[cfg(feature = "blocking")]
pub use blocking::{iter_blocking, BlockingIter};
pub use client::{
    ApiBase, Call, Client, ClientBuilder, RawResponse, RequestOptions, ResponseInfo, ResponseMeta,
    WithResponse,
};
pub use currency::Currency;
pub use error::{
    ApiError, ApiErrorKind, Error, InvalidParams, ParamProblem, V2ApiError, V2ErrorKind,
};
pub use expand::{Expand, Paged};
pub use expandable::{Expandable, Identified};
pub use form::{
    to_form, to_json, to_multipart, ExtraParams, FormValue, FormWriter, MultipartParts,
};
pub use id::Id;
pub use page::{List, SearchResult, V2List};
pub use read::{
    read_json_slice, read_json_value, DecodeProblem, JsonReader, ReadJson, UndecodableObject,
};
pub use timestamp::Timestamp;
pub use unsettable::Unsettable;
pub use upload::FileUpload;
pub use validate::{MaxChars, Validate, Validator};
pub use values::{DateTime, Decimal, ParseValueError};

#[doc(hidden)]
pub use client::ApiRequest;
#[doc(hidden)]
pub use form::I64Text;
#[doc(hidden)]
pub use json::{deserialize_read, read_str, ObjectWriter};
#[doc(hidden)]
pub use page::{walk_list, walk_next_page_url, walk_search};
#[doc(hidden)]
pub use read::{Attempts, FieldSlot, I64TextSlot};
#[doc(hidden)]
pub use redact::redacted;
#[cfg(feature = "redact-debug")]
pub(crate) use redact::redacted_debug;
#[cfg(feature = "redact-debug")]
pub(crate) use redact::Size;
pub(crate) use value_enum::{debug_variant, value_enum_traits};
