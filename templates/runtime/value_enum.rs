//! `Debug`, `PartialEq`, `Eq` and `Hash` of the generated enums of values
//! (`CustomerTaxExempt`, `EventType`, …), written once here.
//!
//! Derived, each of the four is a match over every variant, per enum: on the 2026 spec
//! (868 enums, some of several hundred values) that was about 6 % of the whole crate's
//! check time. Here each enum has one match, its `variant()` (the variant's name and its
//! value as Stripe writes it), and the four traits are one line each on top of it.

/// The four traits of a generated enum of values `$name`, which has a private
/// `fn variant(&self) -> (&'static str, &str)` and an `Unrecognized(String)` variant.
///
/// `Debug` prints what `#[derive(Debug)]` printed (`Exempt`, `Unrecognized("new_value")`).
/// Two values are equal, and hash alike, when Stripe reads them alike: by their text
/// (`Unrecognized("exempt")` equals `Exempt`).
#[macro_export]
#[doc(hidden)]
macro_rules! value_enum_traits {
    ($name:ident) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let (variant, value) = self.variant();
                let unrecognized = matches!(self, Self::Unrecognized(_));
                $crate::runtime::debug_variant(f, variant, value, unrecognized)
            }
        }

        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self.as_str(), state)
            }
        }
    };
}
pub use crate::value_enum_traits;

/// A variant as `#[derive(Debug)]` writes it: a known one by its name, an unknown
/// value as `Unrecognized("…")`.
#[doc(hidden)]
pub fn debug_variant(
    f: &mut std::fmt::Formatter<'_>,
    variant: &str,
    value: &str,
    unrecognized: bool,
) -> std::fmt::Result {
    if unrecognized {
        f.debug_tuple(variant).field(&value).finish()
    } else {
        f.write_str(variant)
    }
}
