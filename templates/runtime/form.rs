//! Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys
//! (`business_profile[headline]=Hi`, `expand[0]=features`).
//!
//! Generated types implement [`FormValue`] with straight-line calls to
//! [`FormWriter::field`], one per field, in the schema's property order; that keeps the
//! pair order deterministic and the compile cost low (no serde machinery per type).

use std::collections::BTreeMap;

use super::{FileUpload, InvalidParams, ParamProblem, Unsettable};

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
    /// Values that cannot be sent (such as `NaN`), each under its wire key.
    problems: Vec<ParamProblem>,
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
        self.push_segment(name);
        value.write_form(self);
        self.key.truncate(outer_len);
        self.raw_key.truncate(outer_raw_len);
    }

    /// Appends one key segment: `name` at the top, `[name]` below it, encoded in
    /// `key` and as it is in `raw_key`.
    fn push_segment(&mut self, name: &str) {
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

    /// Writes `value` under `key`, a key in Stripe's bracket form
    /// (`payment_method_options[card][request_three_d_secure]`) below the current key,
    /// encoded as typed fields are. A key that is not in bracket form, or that a typed
    /// field of the same params already sends (the key itself, a key inside it or
    /// around it), is refused (see [`FormWriter::problem`]).
    pub fn extra(&mut self, key: &str, value: &str) {
        let Some(segments) = bracket_segments(key) else {
            self.problem(format!(
                "extra parameter {key:?} is not in bracket form (`a`, `a[b]`, `a[0][b]`)"
            ));
            return;
        };
        let outer_len = self.key.len();
        let outer_raw_len = self.raw_key.len();
        for segment in &segments {
            self.push_segment(segment);
        }
        let raw = self.raw_key.clone();
        let overlaps = |typed: &str| {
            typed == raw
                || typed.starts_with(&format!("{raw}["))
                || raw.starts_with(&format!("{typed}["))
        };
        if self.pairs.iter().any(|(typed, _)| overlaps(typed))
            || self.files.iter().any(|(typed, _)| overlaps(typed))
        {
            self.problem(format!(
                "extra parameter {key:?} is already sent by a typed field; set that field instead"
            ));
        } else {
            self.value(value);
        }
        self.key.truncate(outer_len);
        self.raw_key.truncate(outer_raw_len);
    }

    /// Records that the value at the current key cannot be sent; the body is then
    /// refused as a whole ([`FormWriter::finish`] fails), so nothing is sent.
    pub fn problem(&mut self, message: String) {
        self.problems.push(ParamProblem {
            param: self.raw_key.clone(),
            message,
        });
    }

    /// The pairs and files for a multipart body, or every value that cannot be sent.
    pub fn finish_multipart(self) -> Result<MultipartParts, InvalidParams> {
        self.refuse_problems()?;
        Ok(MultipartParts {
            fields: self.pairs,
            files: self.files,
        })
    }

    /// The encoded pairs joined by `&`, or every value that cannot be sent.
    pub fn finish(self) -> Result<String, InvalidParams> {
        self.refuse_problems()?;
        Ok(self.body)
    }

    fn refuse_problems(&self) -> Result<(), InvalidParams> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(InvalidParams {
                problems: self.problems.clone(),
            })
        }
    }
}

/// `a[b][0]` -> `["a", "b", "0"]`; `None` for anything else (empty parts, stray
/// brackets).
fn bracket_segments(key: &str) -> Option<Vec<&str>> {
    let (first, mut rest) = match key.find('[') {
        Some(open) => (&key[..open], &key[open..]),
        None => (key, ""),
    };
    let mut segments = vec![first];
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        segments.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
    let well_formed = rest.is_empty()
        && segments
            .iter()
            .all(|segment| !segment.is_empty() && !segment.contains(['[', ']']));
    well_formed.then_some(segments)
}

/// Parameters this version of the spec does not know, sent after the typed ones:
/// every params struct has them as `extra` (Stripe adds parameters all the time; a
/// crate generated from an older spec can still send them).
///
/// ```
/// use stripe_client::runtime::{to_form, ExtraParams};
/// let extra = ExtraParams::new()
///     .with("ui_mode", "embedded")
///     .with("payment_method_options[card][request_three_d_secure]", "any");
/// assert_eq!(
///     to_form(&extra).unwrap(),
///     "ui_mode=embedded&payment_method_options[card][request_three_d_secure]=any"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraParams {
    pairs: Vec<(String, String)>,
}

impl ExtraParams {
    /// No extra parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// These parameters and `key` (bracket form: `a`, `a[b]`, `a[0][b]`) set to `value`.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.insert(key, value);
        self
    }

    /// Adds `key` set to `value`; a key given twice is sent twice.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.pairs.push((key.into(), value.into()));
        self
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl FormValue for ExtraParams {
    fn write_form(&self, form: &mut FormWriter) {
        for (key, value) in &self.pairs {
            form.extra(key, value);
        }
    }
}

/// The form encoding of `value`: what a call sends as its body (or query string).
///
/// Fails, naming each wire key, when a value cannot be sent (a number that is not
/// finite); the generated calls then send nothing.
pub fn to_form<T: FormValue + ?Sized>(value: &T) -> Result<String, InvalidParams> {
    let mut form = FormWriter::new();
    value.write_form(&mut form);
    form.finish()
}

/// The multipart parts of `value`: what a file upload call sends (failing as
/// [`to_form`] does).
pub fn to_multipart<T: FormValue + ?Sized>(value: &T) -> Result<MultipartParts, InvalidParams> {
    let mut form = FormWriter::new();
    value.write_form(&mut form);
    form.finish_multipart()
}

/// A value that can be written into a form body under the writer's current key.
pub trait FormValue {
    /// Writes the pairs for this value; writes nothing for "no value".
    fn write_form(&self, form: &mut FormWriter);

    /// Whether this value is a list without items. Set through [`Unsettable::Set`], such
    /// a list's only wire form is `key=` (it replaces the list with nothing). Nothing else
    /// is: a non-empty list whose items write no pair, an empty map (Stripe merges maps
    /// key by key, so it changes nothing) and an object with nothing set all write nothing.
    fn is_empty_list(&self) -> bool {
        false
    }
}

impl<T: FormValue + ?Sized> FormValue for &T {
    fn write_form(&self, form: &mut FormWriter) {
        (**self).write_form(form);
    }
    fn is_empty_list(&self) -> bool {
        (**self).is_empty_list()
    }
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

/// Only finite numbers can be sent: `NaN` and infinities are refused (see
/// [`FormWriter::problem`]) rather than written as text Stripe would misread.
impl FormValue for f64 {
    fn write_form(&self, form: &mut FormWriter) {
        if self.is_finite() {
            form.value(&self.to_string());
        } else {
            form.problem(format!("must be a finite number, not {self}"));
        }
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
    fn is_empty_list(&self) -> bool {
        (**self).is_empty_list()
    }
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
            // An empty list is the one set value that is sent as a clear; everything else
            // writes exactly what it writes outside `Unsettable`.
            Unsettable::Set(value) if value.is_empty_list() => form.value(""),
            Unsettable::Set(value) => value.write_form(form),
        }
    }
}

/// Lists are indexed from 0 (`expand[0]=a&expand[1]=b`), never `[]`; an empty list
/// writes nothing (but see [`FormValue::is_empty_list`]).
impl<T: FormValue> FormValue for Vec<T> {
    fn write_form(&self, form: &mut FormWriter) {
        for (index, item) in self.iter().enumerate() {
            form.field(&index.to_string(), item);
        }
    }
    fn is_empty_list(&self) -> bool {
        self.is_empty()
    }
}

/// Maps (such as `metadata`) are written in sorted key order; an empty map writes
/// nothing, even when set through [`Unsettable::Set`]: Stripe merges map updates key by
/// key, so only [`Unsettable::Unset`] (`metadata=`) removes every key.
impl<V: FormValue> FormValue for BTreeMap<String, V> {
    fn write_form(&self, form: &mut FormWriter) {
        for (key, value) in self {
            form.field(key, value);
        }
    }
}
