use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use super::{FormValue, FormWriter};
use super::{List, SearchResult};
use super::{MaxChars, Validator};

/// A path to expand in an answer of type `T` (the `expand` parameter): the object's
/// fields that the spec says can be expanded are constants,
/// `Expand::<Customer>::DEFAULT_SOURCE`, so a typo or a field that cannot be expanded
/// does not compile.
///
/// A list's items are reached with [`Expand::data`] (`data.default_source`), a path
/// through an expanded object with [`Expand::then`]
/// (`latest_invoice.payment_intent`), and any path as text with `Expand::from("...")`
/// (one Stripe accepts that the spec does not list). Sent as the text, in the order
/// given.
///
/// ```
/// use stripe_client::Expand;
/// struct Subscription;
/// struct Invoice;
/// let latest: Expand<Subscription> = Expand::from("latest_invoice");
/// let intent: Expand<Invoice> = Expand::from("payment_intent");
/// assert_eq!(latest.then(intent).as_str(), "latest_invoice.payment_intent");
/// ```
pub struct Expand<T> {
    path: Cow<'static, str>,
    answer: PhantomData<fn() -> T>,
}

impl<T> Expand<T> {
    /// A field the spec lists as expandable (for the generated constants).
    #[doc(hidden)]
    pub const fn field(name: &'static str) -> Self {
        Self {
            path: Cow::Borrowed(name),
            answer: PhantomData,
        }
    }

    /// The path as sent.
    pub fn as_str(&self) -> &str {
        &self.path
    }

    /// This field, expanded, and in it `inner` (`latest_invoice.payment_intent`).
    pub fn then<U>(self, inner: Expand<U>) -> Self {
        Self::from(format!("{}.{}", self.path, inner.path))
    }
}

impl<P: Paged> Expand<P> {
    /// A path in every item of a page, a list's or search results'
    /// (`data.default_source`).
    pub fn data(item: Expand<P::Item>) -> Self {
        Self::from(format!("data.{}", item.path))
    }
}

/// A page whose items [`Expand::data`] reaches: a list or search results.
pub trait Paged {
    /// The type of the page's items.
    type Item;
}

impl<T> Paged for List<T> {
    type Item = T;
}

impl<T> Paged for SearchResult<T> {
    type Item = T;
}

/// Any path, as Stripe takes it (unchecked).
impl<T> From<&str> for Expand<T> {
    fn from(path: &str) -> Self {
        Self::from(path.to_string())
    }
}

/// Any path, as Stripe takes it (unchecked).
impl<T> From<String> for Expand<T> {
    fn from(path: String) -> Self {
        Self {
            path: Cow::Owned(path),
            answer: PhantomData,
        }
    }
}

// Written out rather than derived: a derive would ask the same of `T`.

impl<T> Clone for Expand<T> {
    fn clone(&self) -> Self {
        Self {
            path: self.path.clone(),
            answer: PhantomData,
        }
    }
}

impl<T> PartialEq for Expand<T> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl<T> Eq for Expand<T> {}

impl<T> Hash for Expand<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.path.hash(state);
    }
}

impl<T> fmt::Debug for Expand<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Expand({})", self.path)
    }
}

impl<T> fmt::Display for Expand<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)
    }
}

impl<T> FormValue for Expand<T> {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.path);
    }
}

impl<T> MaxChars for Expand<T> {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        self.path.as_ref().check_max_chars(validator, max);
    }
}
