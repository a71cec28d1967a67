use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

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
impl<'de, T: DeserializeOwned> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_json(value).map_err(serde::de::Error::custom)
    }
}

impl<T: DeserializeOwned> Expandable<T> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        match value {
            Value::String(id) => Ok(Expandable::Id(id)),
            object => {
                serde_json::from_value(object).map(|object| Expandable::Object(Box::new(object)))
            }
        }
    }
}
