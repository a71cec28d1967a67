//! Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys
//! (`business_profile[headline]=Hi`, `expand[0]=features`).
//!
//! Generated types implement [`FormValue`] with straight-line calls to
//! [`FormWriter::field`], one per field, in the schema's property order; that keeps the
//! pair order deterministic and the compile cost low (no serde machinery per type).

use std::collections::BTreeMap;

use super::{FileUpload, Unsettable};

/// Builds one encoded form body (or query string), pair by pair.
///
/// Each key segment and each value is percent-encoded the way HTML forms are
/// (`form_urlencoded`: letters, digits and `*-._` stay, a space becomes `+`, every other
/// byte becomes `%XX`); the brackets between key segments stay literal, as in every
/// official Stripe SDK.
#[derive(Debug, Default)]
pub struct FormWriter {
    body: String,
    /// The current key, percent-encoded segment by segment.
    key: String,
    /// The current key as is, for multipart part names.
    raw_key: String,
    /// Every pair as is, for multipart bodies.
    pairs: Vec<(String, String)>,
    files: Vec<(String, FileUpload)>,
}

/// A `multipart/form-data` body before it is assembled: text fields and files, each
/// under its bracketed key.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MultipartParts {
    /// (key, value) of every text field.
    pub fields: Vec<(String, String)>,
    /// (key, file) of every file.
    pub files: Vec<(String, FileUpload)>,
}

impl FormWriter {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `value` under the key segment `name`, nested in the current key.
    pub fn field<T: FormValue + ?Sized>(&mut self, name: &str, value: &T) {
        let outer_len = self.key.len();
        let outer_raw_len = self.raw_key.len();
        let nested = !self.key.is_empty();
        if nested {
            self.key.push('[');
            self.raw_key.push('[');
        }
        self.key
            .extend(form_urlencoded::byte_serialize(name.as_bytes()));
        self.raw_key.push_str(name);
        if nested {
            self.key.push(']');
            self.raw_key.push(']');
        }
        value.write_form(self);
        self.key.truncate(outer_len);
        self.raw_key.truncate(outer_raw_len);
    }

    /// Writes one pair: the current key and `value`.
    pub fn value(&mut self, value: &str) {
        if !self.body.is_empty() {
            self.body.push('&');
        }
        self.body.push_str(&self.key);
        self.body.push('=');
        self.body
            .extend(form_urlencoded::byte_serialize(value.as_bytes()));
        self.pairs.push((self.raw_key.clone(), value.to_string()));
    }

    /// Adds a file under the current key (multipart bodies only).
    pub fn file(&mut self, file: &FileUpload) {
        self.files.push((self.raw_key.clone(), file.clone()));
    }

    /// The pairs and files for a multipart body.
    pub fn finish_multipart(self) -> MultipartParts {
        MultipartParts {
            fields: self.pairs,
            files: self.files,
        }
    }

    /// The encoded pairs joined by `&`.
    pub fn finish(self) -> String {
        self.body
    }

    fn len(&self) -> usize {
        self.pairs.len() + self.files.len()
    }
}

/// The form encoding of `value`: what a call sends as its body (or query string).
pub fn to_form<T: FormValue + ?Sized>(value: &T) -> String {
    let mut form = FormWriter::new();
    value.write_form(&mut form);
    form.finish()
}

/// The multipart parts of `value`: what a file upload call sends.
pub fn to_multipart<T: FormValue + ?Sized>(value: &T) -> MultipartParts {
    let mut form = FormWriter::new();
    value.write_form(&mut form);
    form.finish_multipart()
}

/// A value that can be written into a form body under the writer's current key.
pub trait FormValue {
    /// Writes the pairs for this value; writes nothing for "no value".
    fn write_form(&self, form: &mut FormWriter);

    /// Whether an empty value of this type is a collection whose only wire form is `key=`
    /// when it is set through [`Unsettable::Set`] (lists and maps; see the wire format).
    const EMPTY_MEANS_CLEAR: bool = false;
}

impl<T: FormValue + ?Sized> FormValue for &T {
    fn write_form(&self, form: &mut FormWriter) {
        (**self).write_form(form);
    }
    const EMPTY_MEANS_CLEAR: bool = T::EMPTY_MEANS_CLEAR;
}

impl FormValue for str {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(self);
    }
}

impl FormValue for String {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(self);
    }
}

impl FormValue for bool {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(if *self { "true" } else { "false" });
    }
}

impl FormValue for i64 {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.to_string());
    }
}

impl FormValue for f64 {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.to_string());
    }
}

impl FormValue for FileUpload {
    fn write_form(&self, form: &mut FormWriter) {
        form.file(self);
    }
}

impl<T: FormValue> FormValue for Box<T> {
    fn write_form(&self, form: &mut FormWriter) {
        (**self).write_form(form);
    }
    const EMPTY_MEANS_CLEAR: bool = T::EMPTY_MEANS_CLEAR;
}

impl<T: FormValue> FormValue for Option<T> {
    fn write_form(&self, form: &mut FormWriter) {
        if let Some(value) = self {
            value.write_form(form);
        }
    }
}

impl<T: FormValue> FormValue for Unsettable<T> {
    fn write_form(&self, form: &mut FormWriter) {
        match self {
            Unsettable::Unset => form.value(""),
            Unsettable::Set(value) => {
                let before = form.len();
                value.write_form(form);
                if T::EMPTY_MEANS_CLEAR && form.len() == before {
                    form.value("");
                }
            }
        }
    }
}

/// Lists are indexed from 0 (`expand[0]=a&expand[1]=b`), never `[]`; an empty list
/// writes nothing.
impl<T: FormValue> FormValue for Vec<T> {
    fn write_form(&self, form: &mut FormWriter) {
        for (index, item) in self.iter().enumerate() {
            form.field(&index.to_string(), item);
        }
    }
    const EMPTY_MEANS_CLEAR: bool = true;
}

/// Maps (such as `metadata`) are written in sorted key order.
impl<V: FormValue> FormValue for BTreeMap<String, V> {
    fn write_form(&self, form: &mut FormWriter) {
        for (key, value) in self {
            form.field(key, value);
        }
    }
    const EMPTY_MEANS_CLEAR: bool = true;
}
