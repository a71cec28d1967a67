//! Naming rules: how spec names become Rust identifiers. Every function here returns
//! a valid identifier for any input, so odd spec names never make the emitter fail.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// The variant of every response enum and union that holds values this version of the
/// spec does not list; no value of the spec may take its name.
pub const UNKNOWN_VARIANT: &str = "Unrecognized";

/// The names of a generated call's arguments besides its path parameters (see
/// `emit::operations`); a path parameter never takes one of them.
pub const CALL_LOCALS: &[&str] = &["client", "params"];

/// The field of every response struct that keeps the fields this version of the spec
/// does not list; no property may take its name.
pub const OTHER_FIELDS: &str = "other_fields";

/// The argument of a response struct's reader (`ReadJson::read_json`), which names
/// each field's local after the field; no property may take its name.
pub const JSON_FIELDS: &str = "fields";

/// The field of every request struct that holds parameters the spec does not list;
/// no property may take its name.
pub const EXTRA_PARAMS: &str = "extra";

/// The runtime's value types that every module's users know by name: a generated type
/// of one of these names would be found beside it in rustdoc's search and mistaken for
/// it (a two-value enum of `acss_debit` currencies is not *the* `Currency`).
pub const RUNTIME_VALUE_NAMES: &[&str] = &["Currency", "Expand", "Id", "Timestamp"];

/// Names the generated code writes unqualified (the prelude's types and variants, the
/// derived traits): a type of one of these names would shadow them, so no type takes
/// one.
pub const PRELUDE_NAMES: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Err",
    "Hash",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "Send",
    "Some",
    "String",
    "Sync",
    "Vec",
];

/// Words Rust reserves; a field or module with such a name becomes a raw identifier.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A constant's name for a field (`default_source` -> `DEFAULT_SOURCE`): the typed
/// expansion paths.
pub fn constant_name(wire_name: &str) -> String {
    let name = wire_name.to_shouty_snake_case();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("FIELD_{name}")
    }
}

/// `billing_portal.configuration` -> `BillingPortalConfiguration`: UpperCamelCase of the
/// words (any non-alphanumeric character separates words), `N` in front of a leading
/// digit, `Unnamed` for a name with no letters or digits.
pub fn type_name(spec_name: &str) -> String {
    let camel: String = spec_name
        .to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    match camel.chars().next() {
        None => "Unnamed".to_string(),
        Some(first) if first.is_ascii_digit() => format!("N{camel}"),
        Some(_) if NOT_RAW.contains(&camel.as_str()) => format!("{camel}_"),
        Some(_) => camel,
    }
}

/// A wire value of a string enum as a variant name: as [`type_name`], except that a
/// `+` or `-` between a letter and a digit is spelled out (`Etc/GMT+1` -> `EtcGmtPlus1`,
/// `Etc/GMT-1` -> `EtcGmtMinus1`, which would otherwise be one name), a value of
/// punctuation only is spelled (`*` -> `Star`), and the empty string is `Empty`.
pub fn variant_name(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_string();
    }
    if !value.chars().any(|c| c.is_ascii_alphanumeric()) {
        let spelled: String = value
            .chars()
            .map(|c| match c {
                '*' => "Star",
                '+' => "Plus",
                '-' => "Minus",
                '.' => "Dot",
                '/' => "Slash",
                '_' => "Underscore",
                _ => "",
            })
            .collect();
        return if spelled.is_empty() {
            "Unnamed".to_string()
        } else {
            spelled
        };
    }
    let chars: Vec<char> = value.chars().collect();
    let mut words = String::with_capacity(value.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        let between_letter_and_digit = index > 0
            && chars[index - 1].is_ascii_alphabetic()
            && chars.get(index + 1).is_some_and(char::is_ascii_digit);
        match c {
            '+' if between_letter_and_digit => words.push_str(" plus "),
            '-' if between_letter_and_digit => words.push_str(" minus "),
            _ => words.push(c),
        }
    }
    type_name(&words)
}

/// The singular of a spec word, for the item of a list (`tax_ids` -> `tax_id`,
/// `line_items` -> `line_item`, `addresses` -> `address`, `categories` -> `category`,
/// `people` -> `person`).
/// Only plain English plurals change: a word ending in `ss`, `us`, `is` or `data`, or
/// not in `s`, is returned as it is.
pub fn singular(word: &str) -> String {
    const KEPT: &[&str] = &["ss", "us", "is", "data", "news"];
    if let Some(stem) = word.strip_suffix("people") {
        return format!("{stem}person");
    }
    if !word.ends_with('s') || KEPT.iter().any(|kept| word.ends_with(kept)) {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes", "uses"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    word[..word.len() - 1].to_string()
}

/// A snake_case Rust identifier (a field, argument, function or module): code writes
/// it as [`SnakeIdent::written`] (`r#type` for a keyword), file names and other text
/// use [`SnakeIdent::plain`] (`type`). Ordered by its written form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SnakeIdent(String);

impl SnakeIdent {
    /// The identifier for a name from the spec, by the field rules ([`field_name`]).
    pub fn from_spec(name: &str) -> Self {
        Self(field_name(name))
    }

    /// As Rust code writes it: `r#type`.
    pub fn written(&self) -> &str {
        &self.0
    }

    /// Without `r#`: `type`, for file names, features and text.
    pub fn plain(&self) -> &str {
        plain(&self.0)
    }

    /// Whether code must write it raw (`r#type`).
    pub fn is_raw(&self) -> bool {
        self.0.starts_with("r#")
    }
}

/// As code writes it.
impl std::fmt::Display for SnakeIdent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `allowed_updates` -> `allowed_updates`, `type` -> `r#type`, `self` -> `self_`,
/// `3d_secure` -> `n3d_secure`: snake_case, ASCII only.
fn field_name(wire_name: &str) -> String {
    let snake: String = wire_name
        .to_snake_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let snake = snake.trim_matches('_').to_string();
    match snake.chars().next() {
        None => "value".to_string(),
        Some(first) if first.is_ascii_digit() => format!("n{snake}"),
        Some(_) if NOT_RAW.contains(&snake.as_str()) => format!("{snake}_"),
        Some(_) if KEYWORDS.contains(&snake.as_str()) => format!("r#{snake}"),
        Some(_) => snake,
    }
}

/// The name as written in a file name or path (without `r#`).
fn plain(identifier: &str) -> &str {
    identifier.strip_prefix("r#").unwrap_or(identifier)
}

/// The names taken in one scope (a module's types, a struct's fields, an enum's
/// variants, a call's arguments), handing out free ones: a name already taken gets the
/// next free number, appended to a type or variant name (`Name2`) and after `_` to a
/// snake_case one (`name_2`).
#[derive(Debug, Clone, Default)]
pub struct Namespace {
    taken: std::collections::BTreeSet<String>,
    snake_case: bool,
}

impl Namespace {
    /// For UpperCamelCase names: types and variants.
    pub fn camel_case() -> Self {
        Self::default()
    }

    /// For the type names of one module: UpperCamelCase, without the names the
    /// generated code writes unqualified ([`PRELUDE_NAMES`]).
    pub fn types() -> Self {
        Self::camel_case()
            .reserve(PRELUDE_NAMES.iter().copied())
            .reserve(RUNTIME_VALUE_NAMES.iter().copied())
    }

    /// For snake_case names: fields and arguments.
    pub fn snake_case() -> Self {
        Self {
            snake_case: true,
            ..Self::default()
        }
    }

    /// Takes `name` out of use without handing it out (`Unrecognized` in response enums,
    /// `other_fields` in response structs, a call's own locals).
    pub fn reserve<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.taken.extend(names.into_iter().map(Into::into));
        self
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// [`Namespace::claim`] for a snake_case identifier.
    pub fn claim_snake(&mut self, wanted: SnakeIdent) -> SnakeIdent {
        SnakeIdent(self.claim(wanted.0))
    }

    /// `wanted` if it is free, else it numbered; either way now taken.
    pub fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let plain_name = plain(&wanted);
        let base = plain_name.trim_end_matches('_');
        let separator = if self.snake_case { "_" } else { "" };
        let mut counter = 2;
        loop {
            let numbered = format!("{base}{separator}{counter}");
            if self.taken.insert(numbered.clone()) {
                return numbered;
            }
            counter += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(
            type_name("billing_portal.configuration"),
            "BillingPortalConfiguration"
        );
        assert_eq!(type_name("Etc/GMT+0"), "EtcGmt0");
        assert_eq!(type_name("3d_secure"), "N3dSecure");
        assert_eq!(type_name("*"), "Unnamed");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("Etc/GMT+0"), "EtcGmtPlus0");
        assert_eq!(variant_name("Etc/GMT-0"), "EtcGmtMinus0");
        assert_eq!(variant_name("Etc/GMT0"), "EtcGmt0");
        assert_eq!(variant_name("en-US"), "EnUs");
        assert_eq!(variant_name("2011-01-01"), "N20110101");
        assert_eq!(variant_name("*"), "Star");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("tax_id"), "TaxId");
    }

    #[test]
    fn singulars() {
        for (plural, one) in [
            ("tax_ids", "tax_id"),
            ("line_items", "line_item"),
            ("addresses", "address"),
            ("categories", "category"),
            ("phases", "phase"),
            ("taxes", "tax"),
            ("branches", "branch"),
            ("statuses", "status"),
            ("address", "address"),
            ("status", "status"),
            ("tax_id_data", "tax_id_data"),
            ("analysis", "analysis"),
            ("expand", "expand"),
            ("people", "person"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("3d_secure"), "n3d_secure");
        assert_eq!(field_name("tax_id"), "tax_id");
        assert_eq!(field_name("é"), "value");
        let keyword = SnakeIdent::from_spec("type");
        assert_eq!((keyword.written(), keyword.plain()), ("r#type", "type"));
        assert!(keyword.is_raw());
        assert!(!SnakeIdent::from_spec("tax_id").is_raw());
    }

    #[test]
    fn claims_are_numbered_in_order() {
        let mut types = Namespace::camel_case();
        assert_eq!(types.claim("A".into()), "A");
        assert_eq!(types.claim("A".into()), "A2");
        assert_eq!(types.claim("A".into()), "A3");
        assert_eq!(types.claim("Self_".into()), "Self_");
        assert_eq!(types.claim("Self_".into()), "Self2");
        let mut fields = Namespace::snake_case().reserve(["other_fields"]);
        assert_eq!(fields.claim("other_fields".into()), "other_fields_2");
        assert_eq!(fields.claim("r#type".into()), "r#type");
        assert_eq!(fields.claim("r#type".into()), "type_2");
        assert_eq!(fields.claim("self_".into()), "self_");
        assert_eq!(fields.claim("self_".into()), "self_2");
        assert!(fields.contains("type_2"));
        let mut module_types = Namespace::types();
        assert_eq!(module_types.claim("Option".into()), "Option2");
    }
}
