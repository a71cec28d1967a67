//! Naming rules: how spec names become Rust identifiers. Every function here returns
//! a valid identifier for any input, so odd spec names never make the emitter fail.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// The variant of every response enum and union that holds values this version of the
/// spec does not list; no value of the spec may take its name.
pub const UNKNOWN_VARIANT: &str = "Unrecognized";

/// The local names a generated call function uses besides its arguments (see
/// `emit::operations`); a path parameter never takes one of them.
pub const CALL_LOCALS: &[&str] = &["client", "params", "validator", "path", "request"];

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

/// `allowed_updates` -> `allowed_updates`, `type` -> `r#type`, `self` -> `self_`,
/// `3d_secure` -> `n3d_secure`: snake_case, ASCII only.
pub fn field_name(wire_name: &str) -> String {
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

/// Module names follow the field rules.
pub fn module_name(segment: &str) -> String {
    field_name(segment)
}

/// The name as written in a file name or path (without `r#`).
pub fn plain(identifier: &str) -> &str {
    identifier.strip_prefix("r#").unwrap_or(identifier)
}

/// Makes `candidate` unique among `taken` by appending 2, 3, ... and records it.
pub fn claim(taken: &mut std::collections::BTreeSet<String>, candidate: String) -> String {
    if taken.insert(candidate.clone()) {
        return candidate;
    }
    let base = candidate
        .strip_suffix('_')
        .unwrap_or(&candidate)
        .to_string();
    let mut counter = 2;
    loop {
        let numbered = format!("{base}{counter}");
        if taken.insert(numbered.clone()) {
            return numbered;
        }
        counter += 1;
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
    fn field_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("3d_secure"), "n3d_secure");
        assert_eq!(field_name("tax_id"), "tax_id");
        assert_eq!(field_name("é"), "value");
    }

    #[test]
    fn claims_are_numbered_in_order() {
        let mut taken = Default::default();
        assert_eq!(claim(&mut taken, "A".into()), "A");
        assert_eq!(claim(&mut taken, "A".into()), "A2");
        assert_eq!(claim(&mut taken, "A".into()), "A3");
    }
}
