use serde::{Deserialize, Deserializer, Serialize};

use super::read::{deserialize_read, JsonReader, ReadJson};

/// A related object that Stripe sends as its ID unless the request asked to expand it
/// (the `expand` parameter), in which case the whole object is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    /// The related object's ID: it was not expanded.
    Id(String),
    /// The related object itself: it was expanded.
    Object(Box<T>),
}

/// An object Stripe can send in place of its ID: every type an [`Expandable`] field can
/// hold, so that [`Expandable::id`] works whether or not the field was expanded.
pub trait Identified {
    /// The object's ID (`cus_...`, `ch_...`). For a kind of object this version of the
    /// client does not know, its `id` property, or `""` if it has none.
    fn id(&self) -> &str;
}

impl<T: Identified> Expandable<T> {
    /// The related object's ID, whether only the ID was sent or the whole object.
    pub fn id(&self) -> &str {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(object) => object.id(),
        }
    }
}

impl<T> Expandable<T> {
    /// Whether the whole object was sent.
    pub fn is_expanded(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }

    /// The related object when it was expanded.
    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }

    /// The related object when it was expanded, taken out.
    pub fn into_object(self) -> Option<T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(*object),
        }
    }
}

/// The `id` of an object kept as JSON (a kind this version does not know).
impl Identified for serde_json::Value {
    fn id(&self) -> &str {
        self.get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    }
}

/// A string is the ID; anything else must be the object. (serde's `untagged` derive
/// would buffer the input and compile a try of each variant for every `T`.)
impl<T: ReadJson> ReadJson for Expandable<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        if json.at_string() {
            json.str().map(|id| Expandable::Id(id.into_owned()))
        } else {
            T::read_json(json).map(|object| Expandable::Object(Box::new(object)))
        }
    }
}

impl<'de, T: ReadJson> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_read(deserializer)
    }
}
