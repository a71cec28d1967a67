//! Decoding of response objects, shared by every generated type.
//!
//! Generated types implement `Deserialize` by reading the object into a JSON map once
//! and taking each field out by name with [`JsonFields`]. That is one short line per
//! field instead of serde's derived visitor per type, which keeps the crate cheap to
//! compile (the generic helpers are checked once per field type, not once per struct).
//! Fields the type does not know are kept in its `other_fields` and written back when
//! it is serialised, so Stripe can add fields freely and nothing is lost.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// The fields of one JSON object, taken out one by one.
#[doc(hidden)]
#[derive(Debug)]
pub struct JsonFields(Map<String, Value>);

impl JsonFields {
    /// Reads an object.
    pub fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(JsonFields)
    }

    /// A field that must be present and not `null`.
    pub fn required<T: DeserializeOwned, E: serde::de::Error>(
        &mut self,
        key: &'static str,
    ) -> Result<T, E> {
        match self.0.remove(key) {
            Some(value) => decode(key, value),
            None => Err(E::missing_field(key)),
        }
    }

    /// The fields not taken: those this version of the client does not know.
    pub fn rest(self) -> Map<String, Value> {
        self.0
    }

    /// A field that may be absent or `null`.
    pub fn optional<T: DeserializeOwned, E: serde::de::Error>(
        &mut self,
        key: &'static str,
    ) -> Result<Option<T>, E> {
        match self.0.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => decode(key, value).map(Some),
        }
    }
}

fn decode<T: DeserializeOwned, E: serde::de::Error>(key: &str, value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(|error| E::custom(format_args!("`{key}`: {error}")))
}

/// Decodes a JSON value already read (for unions, which look before they decode).
#[doc(hidden)]
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}
