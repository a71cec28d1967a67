//! The HTTP client every generated call builds on: requests as Stripe expects them,
//! retries, errors, and the streams that walk lists page by page. It re-exports the
//! `runtime` part's runtime (types, reader, encoder, validation), so generated code
//! reaches both as `crate::runtime::...`.

pub use stripe_client_runtime::runtime::*;

#[cfg(feature = "blocking")]
mod blocking;
mod client;
// `pub(crate)` for the excerpt helper the webhooks module shares.
pub(crate) mod error;
mod expand;
mod walk;

#[cfg(feature = "blocking")]
pub use blocking::{iter_blocking, BlockingIter};
pub use client::{
    ApiBase, Call, Client, ClientBuilder, RawResponse, RequestOptions, ResponseInfo, ResponseMeta,
    WithResponse,
};
pub use error::{ApiError, ApiErrorKind, Error, V2ApiError, V2ErrorKind};
pub use expand::{Expand, Paged};

// For generated code, another crate: not part of the API.
#[doc(hidden)]
pub use client::ApiRequest;
#[doc(hidden)]
pub use walk::{walk_list, walk_next_page_url, walk_search};
