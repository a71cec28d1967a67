//! What needs every answer type: `Expand`, whose constants (`Expand::<Customer>::TAX`)
//! are inherent items and so are written in this crate, the `answers` part, beside it.
//! It re-exports the `http` part's runtime, so generated code reaches everything as
//! `crate::runtime::...`.

pub use stripe_client_http::runtime::*;

mod expand;

pub use expand::{Expand, Paged};
