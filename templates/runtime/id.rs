use std::borrow::Borrow;
use std::cmp::Ordering;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::form::{FormValue, FormWriter};
use super::read::{JsonReader, ReadJson};
use super::validate::{MaxChars, Validator};

/// The ID of a Stripe object of type `T`: `Id<Customer>` holds a customer's `cus_...`.
///
/// IDs of different kinds of object are different types, so one object's ID cannot be
/// passed where another's is expected:
///
/// ```compile_fail
/// use stripe_client::Id;
/// struct Customer;
/// struct PaymentIntent;
/// fn retrieve_customer(_customer: &Id<Customer>) {}
/// let intent: Id<PaymentIntent> = Id::from("pi_123");
/// retrieve_customer(&intent); // expected `Id<Customer>`, found `Id<PaymentIntent>`
/// ```
///
/// Any text is accepted as an ID (Stripe adds prefixes without notice): an ID kept as
/// text, in a database say, becomes one with `Id::from`, `.into()` or `.parse()`:
///
/// ```
/// use stripe_client::Id;
/// struct Customer;
/// let stored: &str = "cus_123";
/// let id: Id<Customer> = stored.into();
/// assert_eq!(id, "cus_123");
/// assert_eq!(id.as_str(), "cus_123");
/// let parsed: Id<Customer> = "cus_123".parse().unwrap();
/// assert_eq!(parsed, id);
/// ```
///
/// On the wire, in forms and JSON, it is the text itself.
pub struct Id<T> {
    text: String,
    // `fn() -> T`: an ID is Send, Sync and Unpin whatever `T` is, and owns no `T`.
    kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// The ID as Stripe writes it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The ID's text, taken out.
    pub fn into_string(self) -> String {
        self.text
    }
}

impl<T> From<String> for Id<T> {
    fn from(text: String) -> Self {
        Self {
            text,
            kind: PhantomData,
        }
    }
}

impl<T> From<&str> for Id<T> {
    fn from(text: &str) -> Self {
        Self::from(text.to_string())
    }
}

impl<T> From<&String> for Id<T> {
    fn from(text: &String) -> Self {
        Self::from(text.clone())
    }
}

impl<T> From<Id<T>> for String {
    fn from(id: Id<T>) -> Self {
        id.text
    }
}

/// Never fails: any text may be an ID.
impl<T> FromStr for Id<T> {
    type Err = Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(text))
    }
}

impl<T> AsRef<str> for Id<T> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Lets a map keyed by IDs be looked up with text.
impl<T> Borrow<str> for Id<T> {
    fn borrow(&self) -> &str {
        &self.text
    }
}

impl<T> std::ops::Deref for Id<T> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

// The traits below are written out rather than derived: a derive would ask the same
// of `T`, which is only a name here.

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        Self::from(self.text.clone())
    }
}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<T> Eq for Id<T> {}

impl<T> PartialEq<str> for Id<T> {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl<T> PartialEq<&str> for Id<T> {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl<T> PartialEq<String> for Id<T> {
    fn eq(&self, other: &String) -> bool {
        &self.text == other
    }
}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

/// As the text hashes, so that [`Borrow<str>`] lookups find it.
impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// As text: an ID names an object, it is not personal data.
impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl<T> FormValue for Id<T> {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.text);
    }
}

impl<T> MaxChars for Id<T> {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        self.text.check_max_chars(validator, max);
    }
}

impl<T> ReadJson for Id<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        String::read_json(json).map(Self::from)
    }
}

impl<T> Serialize for Id<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}
