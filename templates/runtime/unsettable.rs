/// A value for a field Stripe lets you clear.
///
/// Stripe describes such fields as "either a value or the empty string". Together with
/// `Option`, the three states the API distinguishes stay apart:
///
/// | Rust value | sent to Stripe | effect |
/// | --- | --- | --- |
/// | `None` | nothing | the field keeps its current value |
/// | `Some(Unsettable::Set(v))` | the value | the field is set to `v` |
/// | `Some(Unsettable::Unset)` | `key=` | the field is cleared |
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unsettable<T> {
    /// Set the field to this value.
    Set(T),
    /// Clear the field (sent as an empty value).
    Unset,
}

impl<T> Unsettable<T> {
    /// The value if it is set.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Unsettable::Set(value) => Some(value),
            Unsettable::Unset => None,
        }
    }
}

impl<T> From<T> for Unsettable<T> {
    fn from(value: T) -> Self {
        Unsettable::Set(value)
    }
}
