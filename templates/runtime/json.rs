//! Decoding and encoding of response objects, shared by every generated type.
//!
//! serde's traits are generic over the (de)serializer, and the compiler checks every
//! generic function on its own: a derived visitor per type made these impls the most
//! expensive part of the crate to compile. So each generated `Deserialize` is one call
//! to [`read_object`] with the type's own non-generic field reader (one line per field
//! with [`JsonFields`]), and each `Serialize` writes its fields through an
//! [`ObjectWriter`], which keeps the first error instead of returning at every field.
//! Fields the type does not know are kept in its `other_fields` and written back when
//! it is serialised, so Stripe can add fields freely and nothing is lost.

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Reads one JSON object and builds a `T` from its fields with `build`, the type's
/// non-generic reader; fails with the first problem `build` met. (This is compiled
/// once per type: everything it can leave to non-generic code, it does.)
#[doc(hidden)]
pub fn read_object<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    build: fn(&mut JsonFields) -> Option<T>,
) -> Result<T, D::Error> {
    let mut fields = JsonFields::read(deserializer)?;
    match build(&mut fields) {
        Some(value) if fields.problem.is_none() => Ok(value),
        _ => Err(fields.into_error()),
    }
}

/// The fields of one JSON object, taken out one by one. A field that is missing or
/// does not decode reads as `None` and its problem is kept (the first one only), so a
/// type's reader is straight-line code. Only the decoding itself is generic: it is
/// compiled once per field type, so everything else here is kept out of it.
#[doc(hidden)]
#[derive(Debug)]
pub struct JsonFields {
    map: Map<String, Value>,
    problem: Option<String>,
}

impl JsonFields {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            map: Map::deserialize(deserializer)?,
            problem: None,
        })
    }

    /// The first problem met.
    fn into_error<E: serde::de::Error>(self) -> E {
        // A reader gives `None` only after `required` recorded a problem.
        E::custom(
            self.problem
                .as_deref()
                .unwrap_or("a required field is missing"),
        )
    }

    // `required` and `optional` each decode in place rather than through a shared
    // generic helper: every field type instantiates them, and a third function per
    // type was 67,000 lines of LLVM IR in the full crate's debug build.

    /// A field that must be present (`None` only when it is missing or does not decode).
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        let value = self.take_required(key)?;
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(error) => {
                self.undecodable(key, error);
                None
            }
        }
    }

    /// A field that may be absent or `null`.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        let value = self.take_optional(key)?;
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(error) => {
                self.undecodable(key, error);
                None
            }
        }
    }

    /// A 64-bit integer carried as text (`format: int64`) that must be present; a JSON
    /// integer is read too.
    pub fn required_i64_text(&mut self, key: &'static str) -> Option<i64> {
        let value = self.take_required(key)?;
        self.i64_text(key, value)
    }

    /// A 64-bit integer carried as text that may be absent or `null`.
    pub fn optional_i64_text(&mut self, key: &'static str) -> Option<i64> {
        let value = self.take_optional(key)?;
        self.i64_text(key, value)
    }

    fn i64_text(&mut self, key: &str, value: Value) -> Option<i64> {
        let read = match &value {
            Value::String(text) => text.parse().ok(),
            other => other.as_i64(),
        };
        if read.is_none() {
            self.record(format_args!("`{key}`: {value} is not a 64-bit integer"));
        }
        read
    }

    /// The fields not taken: those this version of the client does not know.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.map)
    }

    fn take_required(&mut self, key: &str) -> Option<Value> {
        let value = self.map.remove(key);
        if value.is_none() {
            self.record(format_args!("missing field `{key}`"));
        }
        value
    }

    fn take_optional(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key).filter(|value| !value.is_null())
    }

    fn undecodable(&mut self, key: &str, error: serde_json::Error) {
        self.record(format_args!("`{key}`: {error}"));
    }

    fn record(&mut self, problem: std::fmt::Arguments<'_>) {
        if self.problem.is_none() {
            self.problem = Some(problem.to_string());
        }
    }
}

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

/// Decodes a JSON value already read (for unions, which look before they decode).
#[doc(hidden)]
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}
