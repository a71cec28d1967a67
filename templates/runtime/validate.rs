//! Checks parameters against the spec's constraints before anything is sent, so a
//! request Stripe would reject never leaves the machine.

use std::collections::BTreeMap;

use super::{InvalidParams, ParamProblem, Unsettable};

/// Walks parameters and collects every problem, each named by its wire key
/// (`business_profile[headline]`), so one call reports all of them at once.
#[derive(Debug, Default)]
pub struct Validator {
    key: String,
    problems: Vec<ParamProblem>,
}

impl Validator {
    /// A validator with no problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `check` with `name` appended to the current key.
    pub fn at(&mut self, name: &str, check: impl FnOnce(&mut Self)) {
        let outer_len = self.key.len();
        if self.key.is_empty() {
            self.key.push_str(name);
        } else {
            self.key.push('[');
            self.key.push_str(name);
            self.key.push(']');
        }
        check(self);
        self.key.truncate(outer_len);
    }

    /// Checks the field `name` of the value at the current key. Generated code calls
    /// this (not [`Validator::at`] with a closure per field): one generic call per
    /// field is cheaper to compile.
    pub fn field<T: Validate + ?Sized>(&mut self, name: &str, value: &T) {
        self.at(name, |v| value.validate(v));
    }

    /// Checks the text of field `name` against its `maxLength`.
    pub fn max_chars<T: MaxChars + ?Sized>(&mut self, name: &str, value: &T, max: usize) {
        self.at(name, |v| value.check_max_chars(v, max));
    }

    /// Records a problem with the value at the current key.
    pub fn problem(&mut self, message: String) {
        self.problems.push(ParamProblem {
            param: self.key.clone(),
            message,
        });
    }

    /// Checks a path parameter: it must be non-empty, at most `max_chars` characters,
    /// and not `.` or `..` (which URL normalisation would turn into another path).
    pub fn path_param(&mut self, name: &str, value: &str, max_chars: Option<usize>) {
        self.at(name, |v| {
            if value.is_empty() {
                v.problem("must not be empty".to_string());
            } else if value == "." || value == ".." {
                v.problem(format!("must be an ID, not `{value}`"));
            }
            if let Some(max) = max_chars {
                value.check_max_chars(v, max);
            }
        });
    }

    /// Whether a problem was recorded.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// `Ok` when nothing was recorded, otherwise every problem found.
    pub fn finish(self) -> Result<(), InvalidParams> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(InvalidParams {
                problems: self.problems,
            })
        }
    }
}

/// Parameters (or parts of them) with constraints to check.
///
/// The default does nothing: generated types without constraints use it as is.
pub trait Validate {
    /// Records every problem of `self` in `validator`.
    fn validate(&self, validator: &mut Validator) {
        let _ = validator;
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self, validator: &mut Validator) {
        (**self).validate(validator);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, validator: &mut Validator) {
        if let Some(value) = self {
            value.validate(validator);
        }
    }
}

impl<T: Validate> Validate for Unsettable<T> {
    fn validate(&self, validator: &mut Validator) {
        if let Unsettable::Set(value) = self {
            value.validate(validator);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, validator: &mut Validator) {
        for (index, item) in self.iter().enumerate() {
            validator.at(&index.to_string(), |v| item.validate(v));
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, validator: &mut Validator) {
        for (key, value) in self {
            validator.at(key, |v| value.validate(v));
        }
    }
}

/// Text with a `maxLength` constraint, counted in characters (Unicode scalar values),
/// as JSON Schema counts them.
pub trait MaxChars {
    /// Records a problem if the text (or any text inside) is longer than `max`.
    fn check_max_chars(&self, validator: &mut Validator, max: usize);
}

impl MaxChars for str {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        let chars = self.chars().count();
        if chars > max {
            validator.problem(format!("must be at most {max} characters, got {chars}"));
        }
    }
}

impl MaxChars for String {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        self.as_str().check_max_chars(validator, max);
    }
}

impl<T: MaxChars> MaxChars for Option<T> {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        if let Some(value) = self {
            value.check_max_chars(validator, max);
        }
    }
}

impl<T: MaxChars> MaxChars for Unsettable<T> {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        if let Unsettable::Set(value) = self {
            value.check_max_chars(validator, max);
        }
    }
}

impl<T: MaxChars> MaxChars for Vec<T> {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        for (index, item) in self.iter().enumerate() {
            validator.at(&index.to_string(), |v| item.check_max_chars(v, max));
        }
    }
}

impl<T: MaxChars> MaxChars for BTreeMap<String, T> {
    fn check_max_chars(&self, validator: &mut Validator, max: usize) {
        for (key, value) in self {
            validator.at(key, |v| value.check_max_chars(v, max));
        }
    }
}
