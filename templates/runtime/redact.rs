//! `Debug` that keeps customers' data out of logs: with the `redact-debug` feature,
//! every generated struct and union prints its type name and, where it has one, its
//! id (`Customer { id: "cus_123", .. }`), and the runtime's values that carry bodies
//! or parameters print their size instead. Enums of values (`CustomerTaxExempt::None`)
//! print as they are: they are Stripe's words, not a customer's.

use std::fmt;

/// `Name { id: "…", .. }`, or `Name { .. }` without an id.
#[doc(hidden)]
pub fn redacted(f: &mut fmt::Formatter<'_>, name: &str, id: Option<&str>) -> fmt::Result {
    let mut out = f.debug_struct(name);
    if let Some(id) = id.filter(|id| !id.is_empty()) {
        out.field("id", &id);
    }
    out.finish_non_exhaustive()
}

/// `[N bytes]`: what a redacted body or value shows of itself.
#[cfg(feature = "redact-debug")]
#[doc(hidden)]
pub struct Size(pub usize);

#[cfg(feature = "redact-debug")]
impl fmt::Debug for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{} bytes]", self.0)
    }
}

/// `impl Debug` of a generated type with the `redact-debug` feature: `(Name)` prints
/// the name, `(Name, id)` also the `id` field, `(Name, ?id)` an optional one, and
/// `(Name, dyn)` the id of whatever the value holds (`Identified`).
#[cfg(feature = "redact-debug")]
#[macro_export]
#[doc(hidden)]
macro_rules! redacted_debug {
    ($name:ident) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::runtime::redacted(f, stringify!($name), None)
            }
        }
    };
    ($name:ident, dyn) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let id = $crate::runtime::Identified::id(self);
                $crate::runtime::redacted(f, stringify!($name), Some(id))
            }
        }
    };
    ($name:ident, ?$id:ident) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::runtime::redacted(f, stringify!($name), self.$id.as_deref())
            }
        }
    };
    ($name:ident, $id:ident) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::runtime::redacted(f, stringify!($name), Some(&self.$id))
            }
        }
    };
}
#[cfg(feature = "redact-debug")]
pub use crate::redacted_debug;
