//! serde support of response objects, shared by every generated type (answers are
//! read by the `read` module; these are for callers who use serde themselves).
//!
//! serde's traits are generic over the (de)serializer, and the compiler checks every
//! generic function on its own: a derived impl per type was the most expensive part
//! of the crate to compile. So each generated `Serialize` writes its fields through an
//! [`ObjectWriter`], which keeps the first error instead of returning at every field,
//! and each `Deserialize` is one generic line around the type's own reader, which
//! [`deserialize_read`] feeds with JSON text written as the deserializer goes. Fields the
//! type does not know are kept in its `other_fields` and written back when it is
//! serialised, so Stripe can add fields freely and nothing is lost.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::read::{read_json_str, ReadJson};

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

/// `Deserialize` for the generated types, for callers who decode them with serde
/// themselves (`serde_json::from_str`, `from_value`, a web framework's JSON extractor):
/// the type's own reader reads the value's JSON text, as a call reads an answer.
/// serde_json hands over the text itself (see [`SERDE_JSON_RAW_VALUE`]); any other
/// deserializer's value is written out as JSON while it is visited. Both are faster
/// than the `serde_json::Value` this went through before, a tree of maps built only to
/// be printed again.
#[doc(hidden)]
pub fn deserialize_read<'de, D: Deserializer<'de>, T: ReadJson>(
    deserializer: D,
) -> Result<T, D::Error> {
    let text = json_document(deserializer)?;
    read_json_str(&text).map_err(de::Error::custom)
}

/// The name serde_json gives its `RawValue` (`serde_json::value::RawValue`) when it asks
/// a deserializer for one: a newtype struct of this name. serde_json's deserializers
/// (of text and of `Value`, with its `raw_value` feature, which this crate turns on)
/// answer with the value's JSON text, as the one entry of a map keyed by this name,
/// borrowed from the input where they can. It is not public in serde_json, so this
/// relies on it only for speed: every other deserializer, and serde_json if it ever
/// changes the name, visits the newtype's content instead, which is written out.
const SERDE_JSON_RAW_VALUE: &str = "$serde_json::private::RawValue";

/// The value `deserializer` holds, as JSON text (not generic over the type read, so
/// compiled once per kind of deserializer).
fn json_document<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'de, str>, D::Error> {
    deserializer.deserialize_newtype_struct(SERDE_JSON_RAW_VALUE, Document)
}

/// Takes serde_json's text of the value, or writes out the value it visits.
struct Document;

/// What [`JsonText`] writes for a value visited on its own.
fn written<E>(write: impl FnOnce(JsonText<'_>) -> Result<(), E>) -> Result<Cow<'static, str>, E> {
    let mut text = String::with_capacity(256);
    write(JsonText(&mut text))?;
    Ok(Cow::Owned(text))
}

impl<'de> Visitor<'de> for Document {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        written(|text| deserializer.deserialize_any(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let first_key = entries.next_key_seed(Text)?;
        if first_key.as_deref() == Some(SERDE_JSON_RAW_VALUE) {
            return entries.next_value_seed(Text);
        }
        written(|text| write_object(text.0, entries, first_key))
    }

    // A deserializer that does not tell newtypes apart visits the value itself.

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        written(|text| text.visit_bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        written(|text| text.visit_i64(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        written(|text| text.visit_u64(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Self::Value, E> {
        written(|text| text.visit_i128(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Self::Value, E> {
        written(|text| text.visit_u128(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        written(|text| text.visit_f64(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        written(|text| text.visit_str(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        written(|text| text.visit_unit())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        written(|text| text.visit_none())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        written(|text| text.visit_some(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Self::Value, A::Error> {
        written(|text| text.visit_seq(items))
    }
}

/// A string, borrowed from the input where the deserializer can lend it; as an
/// object's key, a number or boolean gives its text.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(if value { "true" } else { "false" }))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_string()))
    }
}

/// Writes the value it visits to its string as JSON.
struct JsonText<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for JsonText<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonText<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.0.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        if value < 0 {
            self.0.push('-');
        }
        push_u64(self.0, value.unsigned_abs());
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        push_u64(self.0, value);
        Ok(())
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<(), E> {
        push_display(self.0, value);
        Ok(())
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<(), E> {
        push_display(self.0, value);
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        if !value.is_finite() {
            return Err(E::custom(format!("{value} is not a JSON number")));
        }
        // `Display` gives the shortest text that reads back as the same f64; a
        // fraction keeps a float a float (`1.0`, not the integer `1`), as serde_json
        // prints it.
        let start = self.0.len();
        push_display(self.0, value);
        if !self.0[start..].contains(['.', 'e', 'E']) {
            self.0.push_str(".0");
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        push_string(self.0, value);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.push_str("null");
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        self.0.push('[');
        let mut first = true;
        loop {
            let mark = self.0.len();
            if !first {
                self.0.push(',');
            }
            if items.next_element_seed(JsonText(self.0))?.is_none() {
                self.0.truncate(mark);
                break;
            }
            first = false;
        }
        self.0.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<(), A::Error> {
        write_object(self.0, entries, None)
    }
}

/// Writes an object: its entries, starting with `first_key` when the caller has read
/// it already. Keys are JSON strings; a format whose keys are numbers or booleans gets
/// their text, as serde_json writes such keys.
fn write_object<'de, A: MapAccess<'de>>(
    text: &mut String,
    mut entries: A,
    first_key: Option<Cow<'de, str>>,
) -> Result<(), A::Error> {
    text.push('{');
    let mut key = match first_key {
        Some(key) => Some(key),
        None => entries.next_key_seed(Text)?,
    };
    let mut first = true;
    while let Some(name) = key {
        if !first {
            text.push(',');
        }
        push_string(text, &name);
        text.push(':');
        entries.next_value_seed(JsonText(text))?;
        first = false;
        key = entries.next_key_seed(Text)?;
    }
    text.push('}');
    Ok(())
}

/// Appends `value`'s digits (numbers are most of what Stripe's objects hold besides
/// strings, and `fmt` is several times slower for them).
fn push_u64(text: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    text.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}

fn push_display(text: &mut String, value: impl fmt::Display) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(text, "{value}");
}

/// Appends `value` as a JSON string: quotes, backslashes and control characters
/// escaped, everything else as it is (JSON text is UTF-8).
fn push_string(text: &mut String, value: &str) {
    text.push('"');
    let mut plain_from = 0;
    for (at, byte) in value.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        text.push_str(&value[plain_from..at]);
        plain_from = at + 1;
        if escape.is_empty() {
            push_display(text, format_args!("\\u{byte:04x}"));
        } else {
            text.push_str(escape);
        }
    }
    text.push_str(&value[plain_from..]);
    text.push('"');
}
