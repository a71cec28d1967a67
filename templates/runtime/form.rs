//! Stripe's request encodings: v1's `application/x-www-form-urlencoded` with bracketed
//! keys (`business_profile[headline]=Hi`, `expand[0]=features`), used for query strings
//! in v1 and v2 alike, and v2's JSON bodies (`{"business_profile":{"headline":"Hi"}}`).
//!
//! Generated types implement [`FormValue`] once, with straight-line calls to
//! [`FormWriter::field`], one per field, in the schema's property order; the writer
//! decides the encoding (that keeps the pair order deterministic and the compile cost
//! low: no serde machinery per type, and no second encoder per type for JSON). The
//! three states of a clearable field are the same in both: `None` writes nothing,
//! `Set(v)` writes `v`, `Unset` writes a clear (`key=` in a form, `null` in JSON).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{FileUpload, InvalidParams, ParamProblem, Unsettable};

/// Builds one encoded form body (or query string) pair by pair, or one JSON body.
///
/// In a form, each key segment and each value is percent-encoded the way HTML forms are
/// (`form_urlencoded`: letters, digits and `*-._` stay, a space becomes `+`, every other
/// byte becomes `%XX`); the brackets between key segments stay literal, as in every
/// official Stripe SDK. In JSON, objects and lists are written as such (an object with
/// nothing set is `{}`), numbers and booleans as JSON numbers and booleans.
#[derive(Debug, Default)]
pub struct FormWriter {
    /// Whether this writes JSON (a v2 body) rather than a form.
    json: bool,
    /// JSON: the objects and lists being written, innermost last, each with the key it
    /// goes under in the one around it.
    open: Vec<(Option<String>, JsonNode)>,
    /// JSON: the finished outermost value.
    root: Option<JsonNode>,
    /// JSON: the member name the next value is written under.
    pending_key: Option<String>,
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
#[derive(Default, Clone, PartialEq)]
#[cfg_attr(not(feature = "redact-debug"), derive(Debug))]
pub struct MultipartParts {
    /// (key, value) of every text field.
    pub fields: Vec<(String, String)>,
    /// (key, file) of every file.
    pub files: Vec<(String, FileUpload)>,
}

impl FormWriter {
    /// An empty form body (or query string).
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty JSON body.
    pub fn json() -> Self {
        Self {
            json: true,
            ..Self::default()
        }
    }

    /// Whether this writes JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Writes `value` under the key segment `name`, nested in the current key (in JSON:
    /// as member `name` of the object being written, or as the next item of a list).
    pub fn field<T: FormValue + ?Sized>(&mut self, name: &str, value: &T) {
        let outer_len = self.key.len();
        let outer_raw_len = self.raw_key.len();
        self.push_segment(name);
        if self.json {
            self.pending_key = Some(name.to_string());
        }
        value.write_form(self);
        // A value that wrote nothing (`None`) leaves no member behind.
        self.pending_key = None;
        self.key.truncate(outer_len);
        self.raw_key.truncate(outer_raw_len);
    }

    /// Starts an object (a struct or a map): nothing in a form, `{` in JSON.
    pub fn begin_object(&mut self) {
        if self.json {
            self.open
                .push((self.pending_key.take(), JsonNode::Object(Vec::new())));
        }
    }

    /// Ends the object [`FormWriter::begin_object`] started.
    pub fn end_object(&mut self) {
        self.end_container();
    }

    /// Starts a list: nothing in a form (items are keyed by index), `[` in JSON.
    pub fn begin_list(&mut self) {
        if self.json {
            self.open
                .push((self.pending_key.take(), JsonNode::List(Vec::new())));
        }
    }

    /// Ends the list [`FormWriter::begin_list`] started.
    pub fn end_list(&mut self) {
        self.end_container();
    }

    fn end_container(&mut self) {
        if let Some((key, value)) = self.open.pop() {
            self.pending_key = key;
            self.put(value);
        }
    }

    /// JSON: writes `value` where the writer stands.
    fn put(&mut self, value: JsonNode) {
        let key = self.pending_key.take();
        match self.open.last_mut() {
            Some((_, JsonNode::Object(members))) => {
                if let Some(key) = key {
                    members.push((key, value));
                }
            }
            Some((_, JsonNode::List(items))) => items.push(value),
            _ => self.root = Some(value),
        }
    }

    /// JSON: writes a string, number, boolean or null where the writer stands.
    fn put_scalar(&mut self, value: Value) {
        self.put(JsonNode::Scalar(value));
    }

    /// Writes a boolean: `true`/`false` as text in a form, a JSON boolean in JSON.
    pub fn boolean(&mut self, value: bool) {
        if self.json {
            self.put_scalar(Value::Bool(value));
        } else {
            self.value(if value { "true" } else { "false" });
        }
    }

    /// Writes an integer: decimal text in a form, a JSON number in JSON.
    pub fn integer(&mut self, value: i64) {
        if self.json {
            self.put_scalar(Value::from(value));
        } else {
            self.value(&value.to_string());
        }
    }

    /// Writes a finite number (see the `f64` impl of [`FormValue`]).
    fn number(&mut self, value: f64) {
        match serde_json::Number::from_f64(value) {
            Some(number) if self.json => self.put_scalar(Value::Number(number)),
            _ => self.value(&value.to_string()),
        }
    }

    /// Clears the value at the current key: `key=` in a form, `null` in JSON.
    pub fn clear(&mut self) {
        if self.json {
            self.put_scalar(Value::Null);
        } else {
            self.value("");
        }
    }

    /// Appends one key segment: `name` at the top, `[name]` below it, encoded in
    /// `key` and as it is in `raw_key`.
    fn push_segment(&mut self, name: &str) {
        let nested = !self.raw_key.is_empty();
        if nested {
            self.key.push('[');
            self.raw_key.push('[');
        }
        if !self.json {
            self.key
                .extend(form_urlencoded::byte_serialize(name.as_bytes()));
        }
        self.raw_key.push_str(name);
        if nested {
            self.key.push(']');
            self.raw_key.push(']');
        }
    }

    /// Writes text: one pair (the current key and `value`) in a form, a JSON string in
    /// JSON.
    pub fn value(&mut self, value: &str) {
        if self.json {
            self.put_scalar(Value::String(value.to_string()));
            return;
        }
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
    ///
    /// In JSON, `a[b]` is member `b` of object `a`, and `a[0]` item 0 of list `a`
    /// (a list is made where a segment of digits follows); text is a JSON string and a
    /// JSON value goes as it is. It is refused where a typed field already wrote that
    /// member or something else on the way to it, and where an index skips items. In
    /// a form, a JSON value is written as typed values are: objects and lists by
    /// bracketed keys, `null` as `key=`.
    fn extra(&mut self, key: &str, value: &ExtraValue) {
        let Some(segments) = bracket_segments(key) else {
            self.problem(format!(
                "extra parameter {key:?} is not in bracket form (`a`, `a[b]`, `a[0][b]`)"
            ));
            return;
        };
        if self.json {
            let node = match value {
                ExtraValue::Text(text) => JsonNode::Scalar(Value::String(text.clone())),
                ExtraValue::Json(value) => JsonNode::from_value(value),
            };
            if let Err(problem) = self.insert_extra_json(&segments, node) {
                self.problem(format!("extra parameter {key:?} {problem}"));
            }
            return;
        }
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
            match value {
                ExtraValue::Text(text) => self.value(text),
                ExtraValue::Json(value) => value.write_form(self),
            }
        }
        self.key.truncate(outer_len);
        self.raw_key.truncate(outer_raw_len);
    }

    /// Puts `value` at `segments` inside the object being written.
    fn insert_extra_json(&mut self, segments: &[&str], value: JsonNode) -> Result<(), String> {
        let Some((_, root @ JsonNode::Object(_))) = self.open.last_mut() else {
            return Err("has no object to go in".to_string());
        };
        let mut node = root;
        let (last, path) = segments.split_last().ok_or("is empty")?;
        for (at, segment) in path.iter().enumerate() {
            // What goes in a new container: a list when the next segment is an index.
            let next_is_index = segments[at + 1].bytes().all(|b| b.is_ascii_digit());
            let fresh = if next_is_index {
                JsonNode::List(Vec::new())
            } else {
                JsonNode::Object(Vec::new())
            };
            node = node.child(segment, fresh)?.0;
        }
        match node.child(last, value)? {
            (_, false) => Ok(()),
            (_, true) => Err(TAKEN.to_string()),
        }
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

    /// The encoded pairs joined by `&` (or the compact JSON text), or every value that
    /// cannot be sent.
    pub fn finish(self) -> Result<String, InvalidParams> {
        self.refuse_problems()?;
        if self.json {
            let mut text = String::new();
            match &self.root {
                Some(root) => root.write(&mut text),
                None => text.push_str("{}"),
            }
            return Ok(text);
        }
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

/// A JSON value being written. Objects keep their members in the order they were
/// written (the spec's property order, as stripe-node sends them), whatever order
/// serde_json's maps keep in this build.
#[derive(Debug)]
enum JsonNode {
    Object(Vec<(String, JsonNode)>),
    List(Vec<JsonNode>),
    /// A string, number, boolean or null.
    Scalar(Value),
}

impl JsonNode {
    /// `value` as a node (objects keep their members' order).
    fn from_value(value: &Value) -> Self {
        match value {
            Value::Object(members) => JsonNode::Object(
                members
                    .iter()
                    .map(|(key, value)| (key.clone(), JsonNode::from_value(value)))
                    .collect(),
            ),
            Value::Array(items) => JsonNode::List(items.iter().map(JsonNode::from_value).collect()),
            scalar => JsonNode::Scalar(scalar.clone()),
        }
    }

    /// The member `segment` of this object (or item `segment` of this list), and
    /// whether it was there already; when it was not, `fresh` is put there.
    fn child(&mut self, segment: &str, fresh: JsonNode) -> Result<(&mut JsonNode, bool), String> {
        match self {
            JsonNode::Object(members) => {
                if let Some(at) = members.iter().position(|(key, _)| key == segment) {
                    return Ok((&mut members[at].1, true));
                }
                members.push((segment.to_string(), fresh));
                let last = members.len() - 1;
                Ok((&mut members[last].1, false))
            }
            JsonNode::List(items) => {
                let index: usize = segment
                    .parse()
                    .map_err(|_| format!("names member {segment:?} of a list"))?;
                if index < items.len() {
                    return Ok((&mut items[index], true));
                }
                if index > items.len() {
                    return Err(format!(
                        "skips items: index {index} of a list of {}",
                        items.len()
                    ));
                }
                items.push(fresh);
                Ok((&mut items[index], false))
            }
            // A path through a value that is not an object or a list.
            JsonNode::Scalar(_) => Err(TAKEN.to_string()),
        }
    }

    /// Appends the compact JSON text (no whitespace).
    fn write(&self, out: &mut String) {
        match self {
            JsonNode::Object(members) => {
                out.push('{');
                for (index, (key, value)) in members.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
            JsonNode::List(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            JsonNode::Scalar(value) => out.push_str(&value.to_string()),
        }
    }
}

/// Why an extra parameter cannot go where its key says, in JSON: a member is there
/// already, or a value that is not an object or a list is on the way.
const TAKEN: &str = "is already sent by a typed field; set that field instead";

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
#[derive(Clone, Default, PartialEq, Eq)]
#[cfg_attr(not(feature = "redact-debug"), derive(Debug))]
pub struct ExtraParams {
    pairs: Vec<(String, ExtraValue)>,
}

/// An extra parameter's value: text (a form's every value; a JSON string), or any JSON
/// value (in a v2 body as it is; in a form, written as typed values are).
#[derive(Debug, Clone, PartialEq, Eq)]
enum ExtraValue {
    Text(String),
    Json(Value),
}

/// With `redact-debug`, the keys and the files' sizes only (a file's name and type
/// stay: they say what was sent, not what it held).
#[cfg(feature = "redact-debug")]
impl std::fmt::Debug for MultipartParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&str> = self.fields.iter().map(|(key, _)| key.as_str()).collect();
        f.debug_struct("MultipartParts")
            .field("fields", &keys)
            .field("files", &self.files)
            .finish()
    }
}

/// With `redact-debug`, the keys only.
#[cfg(feature = "redact-debug")]
impl std::fmt::Debug for ExtraParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&str> = self.pairs.iter().map(|(key, _)| key.as_str()).collect();
        f.debug_struct("ExtraParams")
            .field("keys", &keys)
            .finish_non_exhaustive()
    }
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
        self.pairs
            .push((key.into(), ExtraValue::Text(value.into())));
        self
    }

    /// These parameters and `key` (bracket form; `a[0]` is an item of list `a` in a
    /// v2 body) set to a JSON value: in a v2 (JSON) body a boolean, number, `null`,
    /// list or object is sent as such, so a parameter newer than the crate's spec can
    /// be sent in its real type. In a v1 form it is written as a typed value would be
    /// (`true`, `12`, objects and lists as bracketed keys, `null` as `key=`).
    ///
    /// ```
    /// use stripe_client::runtime::{to_json, ExtraParams};
    /// let extra = ExtraParams::new()
    ///     .with_json("include_archived", true)
    ///     .with_json("limits", serde_json::json!({ "daily": 500, "tiers": [1, 2] }))
    ///     .with_json("tags[0][name]", "gold")
    ///     .with_json("nickname", serde_json::Value::Null);
    /// assert_eq!(
    ///     to_json(&extra).unwrap(),
    ///     r#"{"include_archived":true,"limits":{"daily":500,"tiers":[1,2]},"tags":[{"name":"gold"}],"nickname":null}"#
    /// );
    /// ```
    pub fn with_json(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert_json(key, value);
        self
    }

    /// Adds `key` set to a JSON value (see [`ExtraParams::with_json`]).
    pub fn insert_json(&mut self, key: impl Into<String>, value: impl Into<Value>) -> &mut Self {
        self.pairs
            .push((key.into(), ExtraValue::Json(value.into())));
        self
    }

    /// Every member of a JSON object as a parameter of its own: a whole v2 body built
    /// by hand, for `Client::raw_request` to a `/v2/` path. Member names are
    /// keys in bracket form, like every other key here.
    pub fn from_json_object(object: serde_json::Map<String, Value>) -> Self {
        Self {
            pairs: object
                .into_iter()
                .map(|(key, value)| (key, ExtraValue::Json(value)))
                .collect(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl FormValue for ExtraParams {
    fn write_form(&self, form: &mut FormWriter) {
        // On their own (`to_json(&extra)`), the parameters are the members of one object.
        let root = form.json && form.open.is_empty();
        if root {
            form.begin_object();
        }
        for (key, value) in &self.pairs {
            form.extra(key, value);
        }
        if root {
            form.end_object();
        }
    }
}

/// A JSON value as a typed value of the same shape is written: in JSON as it is, in a
/// form objects and lists by bracketed keys (an empty list as `key=`, as a set, empty
/// typed list is), `null` as `key=` (a clear), numbers and booleans as text.
impl FormValue for Value {
    fn write_form(&self, form: &mut FormWriter) {
        if form.json {
            form.put(JsonNode::from_value(self));
            return;
        }
        match self {
            Value::Null => form.clear(),
            Value::Bool(value) => form.boolean(*value),
            Value::Number(number) => form.value(&number.to_string()),
            Value::String(text) => form.value(text),
            Value::Array(items) if items.is_empty() => form.clear(),
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    form.field(&index.to_string(), item);
                }
            }
            Value::Object(members) => {
                for (key, value) in members {
                    form.field(key, value);
                }
            }
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

/// The JSON encoding of `value`: what a v2 call sends as its body (failing as
/// [`to_form`] does). Compact, members in the order of the params' fields (map keys
/// sorted).
pub fn to_json<T: FormValue + ?Sized>(value: &T) -> Result<String, InvalidParams> {
    let mut writer = FormWriter::json();
    value.write_form(&mut writer);
    writer.finish()
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
        form.boolean(*self);
    }
}

impl FormValue for i64 {
    fn write_form(&self, form: &mut FormWriter) {
        form.integer(*self);
    }
}

/// Only finite numbers can be sent: `NaN` and infinities are refused (see
/// [`FormWriter::problem`]) rather than written as text Stripe would misread.
impl FormValue for f64 {
    fn write_form(&self, form: &mut FormWriter) {
        if self.is_finite() {
            form.number(*self);
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
            Unsettable::Unset => form.clear(),
            // In a form, an empty list is the one set value that is sent as a clear (it
            // has no other wire form; JSON writes `[]`); everything else writes exactly
            // what it writes outside `Unsettable`.
            Unsettable::Set(value) if value.is_empty_list() && !form.is_json() => form.clear(),
            Unsettable::Set(value) => value.write_form(form),
        }
    }
}

/// In a form, lists are indexed from 0 (`expand[0]=a&expand[1]=b`), never `[]`, and
/// an empty list writes nothing (but see [`FormValue::is_empty_list`]); in JSON, a list
/// is a JSON array.
impl<T: FormValue> FormValue for Vec<T> {
    fn write_form(&self, form: &mut FormWriter) {
        form.begin_list();
        for (index, item) in self.iter().enumerate() {
            form.field(&index.to_string(), item);
        }
        form.end_list();
    }
    fn is_empty_list(&self) -> bool {
        self.is_empty()
    }
}

/// Maps (such as `metadata`) are written in sorted key order; in a form an empty map
/// writes nothing, even when set through [`Unsettable::Set`]: Stripe merges map updates
/// key by key, so only [`Unsettable::Unset`] (`metadata=`) removes every key. (In JSON
/// an empty map is `{}`, which merges nothing either.)
impl<V: FormValue> FormValue for BTreeMap<String, V> {
    fn write_form(&self, form: &mut FormWriter) {
        form.begin_object();
        for (key, value) in self {
            form.field(key, value);
        }
        form.end_object();
    }
}

/// A 64-bit integer Stripe carries as text (`format: int64`): the generated code wraps
/// such a field in this, so it goes out (and is written back by `Serialize`) as a
/// JSON string, and no value above 2^53 passes through a float on either side.
#[doc(hidden)]
pub struct I64Text<'a, T: ?Sized>(pub &'a T);

impl FormValue for I64Text<'_, i64> {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.0.to_string());
    }
}

impl FormValue for I64Text<'_, Option<i64>> {
    fn write_form(&self, form: &mut FormWriter) {
        if let Some(value) = self.0 {
            form.value(&value.to_string());
        }
    }
}

impl FormValue for I64Text<'_, Unsettable<i64>> {
    fn write_form(&self, form: &mut FormWriter) {
        match self.0 {
            Unsettable::Set(value) => form.value(&value.to_string()),
            Unsettable::Unset => form.clear(),
        }
    }
}

impl FormValue for I64Text<'_, Option<Unsettable<i64>>> {
    fn write_form(&self, form: &mut FormWriter) {
        if let Some(value) = self.0 {
            I64Text(value).write_form(form);
        }
    }
}

impl serde::Serialize for I64Text<'_, i64> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl serde::Serialize for I64Text<'_, Option<i64>> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }
}
