//! Decoding answers in one pass, from the bytes straight into the generated types.
//!
//! A [`JsonReader`] walks the JSON text once; every generated type reads itself with
//! one non-generic function ([`ReadJson::read_json`]), taking each field's value where
//! it stands: no intermediate `serde_json::Value`, no copy per level of nesting, each
//! string allocated once (and a key not at all). serde's generic `Deserialize` was both
//! slower (a tree first, then the types) and costlier to compile (a visitor per type
//! per deserializer); it stays only for callers who decode the types themselves.
//!
//! A value of the wrong shape is a [`DecodeProblem`] that names where it is
//! (`data[3].customer.email`). Readers that try alternatives (unions) go back to where
//! they started: the input is a slice, so looking ahead and retrying cost no copies.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Number, Value};

/// A type the runtime can read from JSON text (every generated response type).
pub trait ReadJson: Sized {
    /// Reads one value at the reader's position; `None` once a problem was recorded.
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self>;
}

/// Why a JSON document could not be read as the expected type, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeProblem {
    path: String,
    message: String,
}

impl DecodeProblem {
    /// Where the problem is, from the document's root: `data[3].customer.email`, or
    /// `""` for the root itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong there (`missing field \`email\``).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeProblem {}

/// An object that did not match its type, kept as it came: see
/// `EventObject::Undecodable` (an event whose object another API version wrote).
#[derive(Clone, PartialEq)]
#[cfg_attr(not(feature = "redact-debug"), derive(Debug))]
#[non_exhaustive]
pub struct UndecodableObject {
    /// The object as JSON.
    pub value: Value,
    /// What did not match, and where in the object.
    pub problem: DecodeProblem,
}

/// With `redact-debug`, what did not match, not the object.
#[cfg(feature = "redact-debug")]
impl fmt::Debug for UndecodableObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UndecodableObject")
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

/// Reads `input` as one `T`: the whole input, nothing after it but whitespace.
pub fn read_json_slice<T: ReadJson>(input: &[u8]) -> Result<T, DecodeProblem> {
    read_json_str(utf8(input)?)
}

/// Reads `text` as one `T`, as [`read_json_slice`] does, for text already known to be
/// UTF-8.
#[doc(hidden)]
pub fn read_json_str<T: ReadJson>(text: &str) -> Result<T, DecodeProblem> {
    JsonReader::new(text, false).read_document::<T>()
}

/// The input as text: checked once here, so that strings are slices of it.
fn utf8(input: &[u8]) -> Result<&str, DecodeProblem> {
    std::str::from_utf8(input).map_err(|error| DecodeProblem {
        path: String::new(),
        message: format!("the document is not UTF-8 (byte {})", error.valid_up_to()),
    })
}

/// Reads `input` as one `T`, leaving out the optional fields whose value does not
/// match their type (each is a problem in the list) rather than failing: for Stripe's
/// error objects, whose code and message matter more than a nested object of another
/// API version's shape.
#[doc(hidden)]
pub fn read_json_slice_lenient<T: ReadJson>(
    input: &[u8],
) -> Result<(T, Vec<DecodeProblem>), DecodeProblem> {
    let mut json = JsonReader::new(utf8(input)?, true);
    let value = json.read_document::<T>()?;
    Ok((value, json.skipped))
}

/// Reads a JSON value already parsed as a `T` (through its text: the readers read
/// text).
pub fn read_json_value<T: ReadJson>(value: &Value) -> Result<T, DecodeProblem> {
    read_json_str(&value.to_string())
}

/// Where a generated reader's field goes: a slot that reads its value, so that
/// [`JsonReader::read_fields`] can fill every field of a type in one loop.
#[doc(hidden)]
pub trait FieldSlot {
    /// Reads the value ahead into the slot (`null` leaves it empty when `nullable`);
    /// `false`, with the problem recorded, if it does not match.
    fn read(&mut self, json: &mut JsonReader<'_>, nullable: bool) -> bool;
    /// Whether a value was read.
    fn is_set(&self) -> bool;
}

impl<T: ReadJson> FieldSlot for Option<T> {
    fn read(&mut self, json: &mut JsonReader<'_>, nullable: bool) -> bool {
        // Emptied first (a key given twice: the later one wins), so that the value
        // can be read straight into the slot: the compiler then knows there is
        // nothing to drop there, and large values are not copied through a temporary.
        *self = None;
        if json.null_field(nullable) {
            return true;
        }
        *self = T::read_json(json);
        self.is_some()
    }

    fn is_set(&self) -> bool {
        self.is_some()
    }
}

/// The slot of a 64-bit integer Stripe sends as text (`format: int64`).
#[doc(hidden)]
pub struct I64TextSlot<'a>(pub &'a mut Option<i64>);

impl FieldSlot for I64TextSlot<'_> {
    fn read(&mut self, json: &mut JsonReader<'_>, nullable: bool) -> bool {
        *self.0 = None;
        if json.null_field(nullable) {
            return true;
        }
        *self.0 = json.i64_text();
        self.0.is_some()
    }

    fn is_set(&self) -> bool {
        self.0.is_some()
    }
}

/// How deep objects and lists may nest (serde_json's limit too): deeper input is
/// refused rather than overflowing the stack.
const MAX_DEPTH: usize = 128;

/// A cursor over JSON text that generated types read themselves from; see the module
/// documentation. Its methods record the first problem and answer `None` (or nothing)
/// from then on, so readers are straight-line code with one check at the end.
pub struct JsonReader<'a> {
    /// The document, valid UTF-8; `input` is its bytes.
    text: &'a str,
    input: &'a [u8],
    pos: usize,
    depth: usize,
    /// Bit `d` is set while the object or list at depth `d` has had no member yet (so
    /// a `,` would be wrong there).
    first_member: u128,
    failure: Option<Box<Failure>>,
    /// Optional fields that did not match are left out instead of failing.
    lenient: bool,
    skipped: Vec<DecodeProblem>,
}

/// The first problem met, with its path built on the way out (innermost first).
#[derive(Debug)]
struct Failure {
    message: String,
    path: Vec<Segment>,
    /// Not JSON at all: no reader can go on, whatever it tries instead.
    syntax: bool,
    /// How far into the input it was met.
    pos: usize,
}

/// The kinds a union tried for one object, and the problem of the one that read
/// furthest: the kind the object most likely was meant to be.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Attempts {
    furthest: Option<Box<Failure>>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Where a reader stood, to go back to it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    depth: usize,
    first_member: u128,
}

impl<'a> JsonReader<'a> {
    fn new(text: &'a str, lenient: bool) -> Self {
        Self {
            text,
            input: text.as_bytes(),
            pos: 0,
            depth: 0,
            first_member: 0,
            failure: None,
            lenient,
            skipped: Vec::new(),
        }
    }

    fn read_document<T: ReadJson>(&mut self) -> Result<T, DecodeProblem> {
        let value = T::read_json(self);
        if self.failure.is_none() && self.peek().is_some() {
            self.syntax_error("trailing characters after the document");
        }
        match (value, self.failure.take()) {
            (Some(value), None) => Ok(value),
            (_, failure) => Err(problem_of(failure)),
        }
    }

    /// Whether no problem has been met.
    pub fn ok(&self) -> bool {
        self.failure.is_none()
    }

    // ----- Objects, as the generated readers walk them -----

    /// Enters an object (`{`); `false`, with the problem recorded, if the value is
    /// something else.
    pub fn begin_object(&mut self) -> bool {
        self.begin(b'{', "an object")
    }

    /// The next key of the object entered last, with the reader on its value; `None`
    /// at the object's end (which is left) or once a problem was met. Keys are
    /// borrowed from the input unless they have escapes.
    pub fn next_key(&mut self) -> Option<Cow<'a, str>> {
        if !self.next_member(b'}') {
            return None;
        }
        self.member_key()
    }

    /// The key of the member the reader is at, with the reader on its value.
    fn member_key(&mut self) -> Option<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            self.syntax_error("expected a key");
            return None;
        }
        let key = self.string_text()?;
        if self.peek() != Some(b':') {
            self.syntax_error("expected `:` after a key");
            return None;
        }
        self.pos += 1;
        Some(key)
    }

    /// Whether the member the reader is at has the key `expected`, written without
    /// escapes (as Stripe writes every key); if so, the reader moves on to its value.
    /// This skips reading the key when it is the one expected next.
    #[inline]
    fn at_key(&mut self, expected: &str) -> bool {
        if self.peek() != Some(b'"') {
            return false;
        }
        let start = self.pos + 1;
        let end = start + expected.len();
        let matches = self.input.get(end) == Some(&b'"')
            && self.input.get(start..end) == Some(expected.as_bytes());
        if !matches {
            return false;
        }
        self.pos = end + 1;
        if self.peek() != Some(b':') {
            self.syntax_error("expected `:` after a key");
            return false;
        }
        self.pos += 1;
        true
    }

    /// The index in `keys` of the next key of the object entered last, with the reader
    /// on its value; a key not in `keys` has its value kept in `other_fields`. `None`
    /// at the object's end or once a problem was met. `keys` is sorted by name, and
    /// `hint` is where the last key was found: Stripe writes an object's keys in order
    /// (after `id` and `object`), so the key after it is tried first, against the
    /// input's bytes before the key is even read, then by a binary search.
    fn next_field(
        &mut self,
        keys: &[(&'static str, bool)],
        hint: &mut usize,
        other_fields: &mut Map<String, Value>,
    ) -> Option<usize> {
        loop {
            if !self.next_member(b'}') {
                return None;
            }
            if let Some((expected, _)) = keys.get(*hint) {
                if self.at_key(expected) {
                    *hint += 1;
                    return Some(*hint - 1);
                }
            }
            let key = self.member_key()?;
            let index = match keys.get(*hint) {
                Some((expected, _)) if *expected == key => Some(*hint),
                _ => keys
                    .binary_search_by(|(candidate, _)| (*candidate).cmp(&*key))
                    .ok(),
            };
            match index {
                Some(index) => {
                    *hint = index + 1;
                    return Some(index);
                }
                None => self.other_field(&key, other_fields),
            }
        }
    }

    /// Reads one object into a type's slots, the whole reader of a generated struct:
    /// each key found in `keys` (name, and whether the field may be absent or `null`;
    /// sorted by name) has its value read into the slot at the same index,
    /// any other key is kept in `other_fields`, and at the end every field that may not
    /// be absent must have been read. `None` (the problem recorded) otherwise.
    ///
    /// The loop lives here, once, rather than in each type's reader: a loop over a
    /// `match` of every field made each reader several times as costly to compile.
    pub fn read_fields(
        &mut self,
        keys: &[(&'static str, bool)],
        slots: &mut [&mut dyn FieldSlot],
        other_fields: &mut Map<String, Value>,
    ) -> Option<()> {
        if !self.begin_object() {
            return None;
        }
        let mut hint = 0;
        while let Some(index) = self.next_field(keys, &mut hint, other_fields) {
            let (Some(&(key, optional)), Some(slot)) = (keys.get(index), slots.get_mut(index))
            else {
                break;
            };
            let mark = self.mark();
            if !slot.read(self, optional) {
                self.field_failed(key, optional, mark);
            }
        }
        if self.ok() {
            let missing = keys
                .iter()
                .zip(slots.iter())
                .find(|((_, optional), slot)| !optional && !slot.is_set());
            if let Some(((key, _), _)) = missing {
                self.fail(format!("missing field `{key}`"));
            }
        }
        self.ok().then_some(())
    }

    /// Reads field `key`'s value into `slot` (for hand-written readers; see
    /// [`JsonReader::read_fields`]).
    pub fn field<T: ReadJson>(&mut self, slot: &mut Option<T>, key: &'static str, nullable: bool) {
        let mark = self.mark();
        if !slot.read(self, nullable) {
            self.field_failed(key, nullable, mark);
        }
    }

    /// A 64-bit integer Stripe sends as text (`"123"`, v2's `format: int64`); a JSON
    /// integer is read too.
    fn i64_text(&mut self) -> Option<i64> {
        if self.peek() != Some(b'"') {
            return self.integer();
        }
        let text = self.string_text()?;
        let value = text.parse().ok();
        if value.is_none() {
            self.fail(format!("{text:?} is not a 64-bit integer"));
        }
        value
    }

    /// Keeps a field the type does not know in `other_fields`, as JSON.
    pub fn other_field(&mut self, key: &str, other_fields: &mut Map<String, Value>) {
        if let Some(value) = self.value() {
            other_fields.insert(key.to_string(), value);
        } else {
            self.push_path(Segment::Key(key.to_string()));
        }
    }

    /// After an object's last key: `None`, with the first missing field recorded,
    /// unless every required field (`name`, whether it was read) is there and no
    /// problem was met.
    pub fn missing<T>(&mut self, required: &[(&str, bool)]) -> Option<T> {
        if self.ok() {
            let absent = required.iter().find(|(_, present)| !present);
            let name = absent.map_or("", |(name, _)| name);
            self.fail(format!("missing field `{name}`"));
        }
        None
    }

    // ----- Looking ahead, trying alternatives -----

    /// The value of the `object` member of the object ahead, which names its kind,
    /// without moving: how unions pick their variant.
    pub fn peek_object_tag(&mut self) -> Option<Cow<'a, str>> {
        if !self.ok() {
            return None;
        }
        let mark = self.mark();
        let mut tag = None;
        if self.peek() == Some(b'{') && self.begin_object() {
            while let Some(key) = self.next_key() {
                if key == "object" && self.peek() == Some(b'"') {
                    tag = self.string_text();
                    break;
                }
                if !self.skip_value() {
                    break;
                }
            }
        }
        self.restore(mark);
        self.failure = None;
        tag
    }

    /// Reads a `T` if the value ahead is one; otherwise stays where it was, forgets the
    /// problem, and answers `None` (a union trying its variants in turn). A syntax
    /// error is kept: nothing else can be read either.
    pub fn attempt<T: ReadJson>(&mut self) -> Option<T> {
        let mark = self.mark();
        let value = T::read_json(self);
        if value.is_none() {
            self.forget_unless_syntax(mark);
        }
        value
    }

    /// [`JsonReader::attempt`] for one of the kinds an object's tag names, keeping the
    /// problem in `tried` for [`JsonReader::none_of`].
    pub fn attempt_kind<T: ReadJson>(&mut self, tried: &mut Attempts) -> Option<T> {
        let mark = self.mark();
        let value = T::read_json(self);
        if value.is_none() && !self.failure.as_ref().is_some_and(|failure| failure.syntax) {
            self.restore(mark);
            let failure = self.failure.take();
            let further = |failure: &Failure| {
                tried
                    .furthest
                    .as_ref()
                    .is_none_or(|furthest| failure.pos > furthest.pos)
            };
            if let Some(failure) = failure.filter(|failure| further(failure)) {
                tried.furthest = Some(failure);
            }
        }
        value
    }

    /// After every kind was tried: `None`, with the problem of the kind that read
    /// furthest.
    pub fn none_of<T>(&mut self, tried: Attempts) -> Option<T> {
        if self.failure.is_none() {
            self.failure = tried.furthest;
        }
        if self.failure.is_none() {
            self.fail("matches none of its kinds".to_string());
        }
        None
    }

    /// The index of the string ahead in `values` (a union's string variants), read if
    /// it is one of them; otherwise nothing moves.
    pub fn attempt_str(&mut self, values: &[&str]) -> Option<usize> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let mark = self.mark();
        let text = self.string_text()?;
        let index = values.iter().position(|value| *value == text);
        if index.is_none() {
            self.restore(mark);
        }
        index
    }

    /// Reads a `T`, or, if the value ahead is not one, keeps it as JSON with the
    /// reason (`Err`); `None` only for text that is not JSON.
    pub fn read_or_keep<T: ReadJson>(&mut self) -> Option<Result<T, Box<UndecodableObject>>> {
        let mark = self.mark();
        if let Some(value) = T::read_json(self) {
            return Some(Ok(value));
        }
        let problem = self.forget_unless_syntax(mark)?;
        let value = self.value()?;
        Some(Err(Box::new(UndecodableObject { value, problem })))
    }

    // ----- Values -----

    /// Whether the value ahead is a string (an expandable field's ID).
    pub fn at_string(&mut self) -> bool {
        self.peek() == Some(b'"')
    }

    /// Reads past the value ahead (a member a reader does not keep).
    pub fn skip(&mut self) {
        self.skip_value();
    }

    /// A string, borrowed from the input unless it has escapes.
    pub fn str(&mut self) -> Option<Cow<'a, str>> {
        if self.peek() == Some(b'"') {
            self.string_text()
        } else {
            self.wrong_type("a string")
        }
    }

    /// A whole number that fits an `i64`.
    pub fn integer(&mut self) -> Option<i64> {
        let start = match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.pos,
            _ => return self.wrong_type("an integer"),
        };
        let token = self.number_token()?;
        let value = whole_number(token);
        if value.is_none() {
            self.pos = start;
            self.fail(format!("expected an integer, found {token}"));
        }
        value
    }

    /// A number, as the closest `f64`.
    pub fn number(&mut self) -> Option<f64> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return self.wrong_type("a number"),
        }
        let token = self.number_token()?;
        let value = token.parse::<f64>().ok().filter(|value| value.is_finite());
        if value.is_none() {
            self.fail("a number out of range".to_string());
        }
        value
    }

    /// The text of a number, as it came (a decimal sent as a number).
    pub fn number_text(&mut self) -> Option<&'a str> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return self.wrong_type("a number"),
        }
        self.number_token()
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Option<bool> {
        match self.peek() {
            Some(b't') if self.literal(b"true") => Some(true),
            Some(b'f') if self.literal(b"false") => Some(false),
            Some(b't' | b'f') => self.syntax_error_none("expected `true` or `false`"),
            _ => self.wrong_type("a boolean"),
        }
    }

    /// Any JSON value.
    pub fn value(&mut self) -> Option<Value> {
        match self.peek() {
            Some(b'{') => {
                self.begin_object();
                let mut map = Map::new();
                while let Some(key) = self.next_key() {
                    self.other_field(&key, &mut map);
                }
                self.ok().then_some(Value::Object(map))
            }
            Some(b'[') => {
                self.begin_list();
                let mut items = Vec::new();
                while self.next_item() {
                    match self.value() {
                        Some(item) => items.push(item),
                        None => self.push_path(Segment::Index(items.len())),
                    }
                }
                self.ok().then_some(Value::Array(items))
            }
            Some(b'"') => self
                .string_text()
                .map(|text| Value::String(text.into_owned())),
            Some(b'-' | b'0'..=b'9') => {
                let text = self.number_token()?;
                // `-0` is the float -0.0, as serde_json reads it: the sign is kept.
                let number =
                    if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) || text == "-0" {
                        text.parse::<f64>().ok().and_then(Number::from_f64)
                    } else if let Some(integer) = whole_number(text) {
                        Some(Number::from(integer))
                    } else if let Ok(integer) = text.parse::<u64>() {
                        Some(Number::from(integer))
                    } else {
                        text.parse::<f64>().ok().and_then(Number::from_f64)
                    };
                match number {
                    Some(number) => Some(Value::Number(number)),
                    None => {
                        self.fail(format!("the number {text} is out of range"));
                        None
                    }
                }
            }
            Some(b't' | b'f') => self.boolean().map(Value::Bool),
            Some(b'n') if self.literal(b"null") => Some(Value::Null),
            _ => {
                self.syntax_error("expected a JSON value");
                None
            }
        }
    }

    /// Enters a list (`[`); `false`, with the problem recorded, if the value is
    /// something else.
    pub fn begin_list(&mut self) -> bool {
        self.begin(b'[', "a list")
    }

    /// Whether another item follows in the list entered last (the reader is then on
    /// it); `false` at its end (which is left) or once a problem was met.
    pub fn next_item(&mut self) -> bool {
        self.next_member(b']')
    }

    /// Records `path` as where the problem just met is: what a list or map reader does
    /// when an item fails.
    fn push_path(&mut self, segment: Segment) {
        if let Some(failure) = &mut self.failure {
            failure.path.push(segment);
        }
    }

    // ----- The machinery -----

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            depth: self.depth,
            first_member: self.first_member,
        }
    }

    fn restore(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.depth = mark.depth;
        self.first_member = mark.first_member;
    }

    /// Goes back to `mark` and answers the problem met since, unless it is a syntax
    /// error, which stays (and answers `None`).
    fn forget_unless_syntax(&mut self, mark: Mark) -> Option<DecodeProblem> {
        if self.failure.as_ref().is_some_and(|failure| failure.syntax) {
            return None;
        }
        self.restore(mark);
        Some(problem_of(self.failure.take()))
    }

    /// Whether the field is nullable and its value `null` (then read). A `null` where
    /// a value is required is left to the value's reader, whose problem it is.
    fn null_field(&mut self, nullable: bool) -> bool {
        nullable && self.peek() == Some(b'n') && self.literal(b"null")
    }

    fn field_failed(&mut self, key: &'static str, nullable: bool, mark: Mark) {
        self.push_path(Segment::Key(key.to_string()));
        if self.lenient && nullable {
            if let Some(problem) = self.forget_unless_syntax(mark) {
                self.skipped.push(problem);
                self.skip_value();
            }
        }
    }

    /// Reads past the value ahead without keeping it (nothing is allocated but the
    /// text of a string with escapes); `false` once a problem was met.
    fn skip_value(&mut self) -> bool {
        match self.peek() {
            Some(b'{') => {
                self.begin_object();
                while self.next_key().is_some() {
                    if !self.skip_value() {
                        return false;
                    }
                }
            }
            Some(b'[') => {
                self.begin_list();
                while self.next_item() {
                    if !self.skip_value() {
                        return false;
                    }
                }
            }
            Some(b'"') => {
                self.string_text();
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number_token();
            }
            Some(b't' | b'f') => {
                self.boolean();
            }
            Some(b'n') if self.literal(b"null") => {}
            _ => self.syntax_error("expected a JSON value"),
        }
        self.ok()
    }

    fn begin(&mut self, open: u8, expected: &'static str) -> bool {
        if self.peek() != Some(open) {
            self.wrong_type::<()>(expected);
            return false;
        }
        if self.depth + 1 >= MAX_DEPTH {
            self.syntax_error("nested too deeply");
            return false;
        }
        self.pos += 1;
        self.depth += 1;
        self.first_member |= 1 << self.depth;
        true
    }

    /// Past the `,` before the next member, or past `close` (then `false`).
    fn next_member(&mut self, close: u8) -> bool {
        if self.failure.is_some() {
            return false;
        }
        let first = self.first_member & (1 << self.depth) != 0;
        match self.peek() {
            Some(byte) if byte == close => {
                self.pos += 1;
                self.first_member &= !(1 << self.depth);
                self.depth -= 1;
                false
            }
            Some(b',') if !first => {
                self.pos += 1;
                true
            }
            Some(_) if first => {
                self.first_member &= !(1 << self.depth);
                true
            }
            _ => {
                self.syntax_error("expected `,` or the end of the object or list");
                false
            }
        }
    }

    /// The next byte that is not whitespace, the reader on it.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        let mut pos = self.pos;
        loop {
            let Some(&byte) = self.input.get(pos) else {
                self.pos = pos;
                return None;
            };
            // Anything above a space is not whitespace: one comparison for most bytes.
            if byte > b' ' || !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos = pos;
                return Some(byte);
            }
            pos = after_spaces(self.input, pos + 1);
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.input[self.pos..].starts_with(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// The text of the string the reader is on (at its `"`), unescaped.
    fn string_text(&mut self) -> Option<Cow<'a, str>> {
        let start = self.pos + 1;
        match plain_run_end(self.input, start).map(|end| (end, self.input[end])) {
            Some((end, b'"')) => {
                self.pos = end + 1;
                // `start` and `end` are next to ASCII quotes: char boundaries.
                self.text.get(start..end).map(Cow::Borrowed)
            }
            Some((end, b'\\')) => self.escaped_string(start, end),
            Some(_) => self.syntax_error_none("a control character in a string"),
            None => self.syntax_error_none("a string without its closing `\"`"),
        }
    }

    /// The rest of a string with escapes, from `start`; up to `escape` it is plain.
    fn escaped_string(&mut self, start: usize, escape: usize) -> Option<Cow<'a, str>> {
        let (text, input) = (self.text, self.input);
        let mut unescaped = String::with_capacity(escape - start + 16);
        let mut pos = escape;
        let mut plain_from = start;
        loop {
            // Every run between escapes is a slice of the text (ASCII at both ends).
            match input.get(pos) {
                Some(b'"') => break,
                Some(b'\\') => {
                    unescaped.push_str(text.get(plain_from..pos)?);
                    let escaped = match input.get(pos + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => match unicode_escape(&input[pos..]) {
                            Some((character, used)) => {
                                unescaped.push(character);
                                pos += used;
                                plain_from = pos;
                                continue;
                            }
                            None => return self.syntax_error_none("a bad `\\u` escape"),
                        },
                        _ => return self.syntax_error_none("a bad escape in a string"),
                    };
                    unescaped.push(escaped);
                    pos += 2;
                    plain_from = pos;
                }
                Some(_) => match plain_run_end(input, pos) {
                    Some(end) if input[end] < 0x20 => {
                        return self.syntax_error_none("a control character in a string")
                    }
                    Some(end) => pos = end,
                    None => pos = input.len(),
                },
                None => return self.syntax_error_none("a string without its closing `\"`"),
            }
        }
        unescaped.push_str(text.get(plain_from..pos)?);
        self.pos = pos + 1;
        Some(Cow::Owned(unescaped))
    }

    /// The text of the number the reader is on, checked against JSON's grammar.
    fn number_token(&mut self) -> Option<&'a str> {
        let input = self.input;
        let start = self.pos;
        let mut pos = start;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while input.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        if input.get(pos) == Some(&b'-') {
            pos += 1;
        }
        // The whole part: `0`, or digits without a leading zero.
        let leading_zero = input.get(pos) == Some(&b'0');
        let mut valid = digits(&mut pos)
            && !(leading_zero && pos - start > 1 + usize::from(input[start] == b'-'));
        if valid && input.get(pos) == Some(&b'.') {
            pos += 1;
            valid = digits(&mut pos);
        }
        if valid && matches!(input.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(input.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            valid = digits(&mut pos);
        }
        if !valid {
            return self.syntax_error_none("a malformed number");
        }
        self.pos = pos;
        self.text.get(start..pos)
    }

    /// Records that the value ahead is not `expected`.
    fn wrong_type<T>(&mut self, expected: &str) -> Option<T> {
        let found = match self.peek() {
            Some(b'{') => "an object",
            Some(b'[') => "a list",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            _ => return self.syntax_error_none("expected a JSON value"),
        };
        self.fail(format!("expected {expected}, found {found}"));
        None
    }

    /// Records a problem with the value's shape (the first one only): what a reader
    /// of text that must follow a format says when it does not.
    pub fn fail(&mut self, message: String) {
        if self.failure.is_none() {
            self.failure = Some(Box::new(Failure {
                message,
                path: Vec::new(),
                syntax: false,
                pos: self.pos,
            }));
        }
    }

    fn syntax_error(&mut self, message: &str) {
        if self.failure.is_none() {
            self.failure = Some(Box::new(Failure {
                message: format!("{message} (byte {})", self.pos),
                path: Vec::new(),
                syntax: true,
                pos: self.pos,
            }));
        }
    }

    fn syntax_error_none<T>(&mut self, message: &str) -> Option<T> {
        self.syntax_error(message);
        None
    }
}

impl fmt::Debug for JsonReader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonReader")
            .field("pos", &self.pos)
            .field("len", &self.input.len())
            .field("failure", &self.failure)
            .finish_non_exhaustive()
    }
}

/// The `i64` a number's text (`-?digits`, as JSON writes it) stands for; `None` for a
/// fraction, an exponent, or a number beyond `i64`.
fn whole_number(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().split_first() {
        Some((b'-', digits)) => (true, digits),
        _ => (false, text.as_bytes()),
    };
    // Counted down from zero, so that `i64::MIN` fits.
    let mut value: i64 = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return None;
        }
        value = value
            .checked_mul(10)?
            .checked_sub(i64::from(digit - b'0'))?;
    }
    if negative {
        Some(value)
    } else {
        value.checked_neg()
    }
}

/// The position after the spaces from `pos`, eight at a time: Stripe's answers are
/// indented, two spaces a level.
#[inline]
fn after_spaces(bytes: &[u8], mut pos: usize) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let others = u64::from_le_bytes(chunk) ^ SPACES;
        if others != 0 {
            return pos + (others.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

/// Where the plain run of string text from `from` ends: the first `"`, `\` or control
/// character, eight bytes at a time (most of a document is strings).
fn plain_run_end(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut pos = from;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(chunk);
        // A byte of `v` is zero, or below `n`: `(v - n) & !v` sets its high bit. Past
        // the first such byte a borrow may flag others, so only the lowest one counts.
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        let found = found & HIGH;
        if found != 0 {
            return Some(pos + (found.trailing_zeros() / 8) as usize);
        }
        pos += 8;
    }
    bytes
        .get(pos..)?
        .iter()
        .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
        .map(|offset| pos + offset)
}

/// A failure as the caller sees it, its path written from the root.
fn problem_of(failure: Option<Box<Failure>>) -> DecodeProblem {
    let Some(failure) = failure else {
        return DecodeProblem {
            path: String::new(),
            message: "the document could not be read".to_string(),
        };
    };
    let mut path = String::new();
    for segment in failure.path.iter().rev() {
        match segment {
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    DecodeProblem {
        path,
        message: failure.message,
    }
}

/// The character of the `\uXXXX` escape (or surrogate pair) at the start of `text`,
/// and how many bytes it took.
fn unicode_escape(text: &[u8]) -> Option<(char, usize)> {
    let unit = |at: usize| -> Option<u32> {
        let digits = text.get(at + 2..at + 6)?;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let first = unit(0)?;
    if (0xD800..0xDC00).contains(&first) {
        if text.get(6..8) != Some(b"\\u") {
            return None;
        }
        let second = unit(6)?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        Some((char::from_u32(code)?, 12))
    } else {
        Some((char::from_u32(first)?, 6))
    }
}

// ----- The values every generated type is made of -----

impl ReadJson for bool {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        json.boolean()
    }
}

impl ReadJson for i64 {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        json.integer()
    }
}

impl ReadJson for f64 {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        json.number()
    }
}

impl ReadJson for String {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        json.str().map(Cow::into_owned)
    }
}

impl ReadJson for Value {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        json.value()
    }
}

impl<T: ReadJson> ReadJson for Box<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        T::read_json(json).map(Box::new)
    }
}

/// `null` is `None`.
impl<T: ReadJson> ReadJson for Option<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        if json.peek() == Some(b'n') && json.literal(b"null") {
            return Some(None);
        }
        T::read_json(json).map(Some)
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        if !json.begin_list() {
            return None;
        }
        let mut items = Vec::new();
        while json.next_item() {
            match T::read_json(json) {
                Some(item) => items.push(item),
                None => json.push_path(Segment::Index(items.len())),
            }
        }
        json.ok().then_some(items)
    }
}

impl<T: ReadJson> ReadJson for BTreeMap<String, T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        if !json.begin_object() {
            return None;
        }
        let mut map = BTreeMap::new();
        while let Some(key) = json.next_key() {
            match T::read_json(json) {
                Some(value) => {
                    map.insert(key.into_owned(), value);
                }
                None => json.push_path(Segment::Key(key.into_owned())),
            }
        }
        json.ok().then_some(map)
    }
}
