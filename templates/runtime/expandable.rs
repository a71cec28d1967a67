use serde::{Deserialize, Deserializer, Serialize};

use super::id::Id;
use super::json::deserialize_read;
use super::read::{JsonReader, ReadJson};

/// A related object that Stripe sends as its ID unless the request asked to expand it
/// (the `expand` parameter), in which case the whole object is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Expandable<T: Identified> {
    /// The related object's ID: it was not expanded.
    Id(Id<T::Kind>),
    /// The related object itself: it was expanded.
    Object(Box<T>),
}

/// An object Stripe can send in place of its ID: every type an [`Expandable`] field can
/// hold, so that [`Expandable::id`] works whether or not the field was expanded.
pub trait Identified {
    /// The kind of object its ID names: the type itself (`Customer`), or, for a choice
    /// of an object and its deleted form (`CustomerOrDeletedCustomer`), the object.
    type Kind;

    /// The object's ID (`cus_...`, `ch_...`). For a kind of object this version of the
    /// client does not know, its `id` property, or `""` if it has none.
    fn id(&self) -> &str;
}

impl<T: Identified> Expandable<T> {
    /// The related object's ID, whether only the ID was sent or the whole object
    /// (a copy, to pass to a call: `customers::retrieve(&client, &customer.id(), ..)`).
    pub fn id(&self) -> Id<T::Kind> {
        match self {
            Expandable::Id(id) => id.clone(),
            Expandable::Object(object) => Id::from(object.id()),
        }
    }

    /// The related object's ID as text, whether only the ID was sent or the whole
    /// object.
    pub fn id_str(&self) -> &str {
        match self {
            Expandable::Id(id) => id.as_str(),
            Expandable::Object(object) => object.id(),
        }
    }

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
    type Kind = serde_json::Value;

    fn id(&self) -> &str {
        self.get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    }
}

/// A string is the ID; anything else must be the object. (serde's `untagged` derive
/// would buffer the input and compile a try of each variant for every `T`.)
impl<T: Identified + ReadJson> ReadJson for Expandable<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        if json.at_string() {
            json.str()
                .map(|id| Expandable::Id(Id::from(id.into_owned())))
        } else {
            T::read_json(json).map(|object| Expandable::Object(Box::new(object)))
        }
    }
}

impl<'de, T: Identified + ReadJson> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_read(deserializer)
    }
}
