use serde::{Deserialize, Serialize};

/// A related object that Stripe sends as its ID unless the request asked to expand it
/// (the `expand` parameter), in which case the whole object is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    /// The related object's ID: it was not expanded.
    Id(String),
    /// The related object itself: it was expanded.
    Object(Box<T>),
}

impl<T> Expandable<T> {
    /// The related object's ID when only the ID was sent.
    pub fn id(&self) -> Option<&str> {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(_) => None,
        }
    }

    /// The related object when it was expanded.
    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }
}
