//! serde support of response objects, shared by every generated type (answers are
//! read by the `read` module; these are for callers who use serde themselves).
//!
//! serde's traits are generic over the (de)serializer, and the compiler checks every
//! generic function on its own: a derived impl per type was the most expensive part
//! of the crate to compile. So each generated `Serialize` writes its fields through an
//! [`ObjectWriter`], which keeps the first error instead of returning at every field,
//! and each `Deserialize` is one generic line around the type's own reader. Fields the
//! type does not know are kept in its `other_fields` and written back when it is
//! serialised, so Stripe can add fields freely and nothing is lost.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Writes one JSON object field by field, keeping the first error.
#[doc(hidden)]
pub struct ObjectWriter<S: Serializer> {
    state: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> ObjectWriter<S> {
    /// Starts the object.
    pub fn new(serializer: S) -> Self {
        Self {
            state: serializer.serialize_map(None),
        }
    }

    /// Writes one field (nothing once an earlier one failed).
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if let Ok(map) = &mut self.state {
            if let Err(error) = map.serialize_entry(key, value) {
                self.state = Err(error);
            }
        }
    }

    /// Writes the fields this version of the client does not know and ends the object.
    pub fn end(mut self, other_fields: &Map<String, Value>) -> Result<S::Ok, S::Error> {
        for (key, value) in other_fields {
            self.field(key, value);
        }
        self.state.and_then(SerializeMap::end)
    }
}

/// Decodes a string enum: the text, borrowed where the input allows, turned into the
/// enum by its `From<&str>` (which keeps values it does not know).
#[doc(hidden)]
pub fn read_str<'de, D: Deserializer<'de>, T: for<'a> From<&'a str>>(
    deserializer: D,
) -> Result<T, D::Error> {
    <std::borrow::Cow<'de, str>>::deserialize(deserializer).map(|text| T::from(&text))
}
