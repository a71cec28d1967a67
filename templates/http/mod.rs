//! The HTTP client every generated call builds on: requests as Stripe expects them,
//! retries, errors, and the streams that walk lists page by page. It re-exports the
//! `runtime` part's runtime (types, reader, encoder, validation), so generated code
//! reaches both as `crate::runtime::...` (and the `answers` part's runtime, which adds
//! `Expand`, re-exports this one).

pub use stripe_client_runtime::runtime::*;

#[cfg(feature = "blocking")]
mod blocking;
mod client;
// Public for the excerpt helper the webhooks module (another part) shares.
#[doc(hidden)]
pub mod error;
mod walk;

#[cfg(feature = "blocking")]
pub use blocking::{iter_blocking, BlockingIter};
pub use client::{
    ApiBase, Call, Client, ClientBuilder, RawResponse, RequestOptions, ResponseInfo, ResponseMeta,
    WithResponse,
};
pub use error::{ApiError, ApiErrorKind, Error, V2ApiError, V2ErrorKind};

// For generated code, another crate: not part of the API.
#[doc(hidden)]
pub use client::ApiRequest;
#[doc(hidden)]
pub use walk::{walk_list, walk_next_page_url, walk_search};
