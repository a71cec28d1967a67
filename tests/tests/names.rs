//! The names a user meets, read off the generated source of both full crates
//! (`STRIPE_SPEC`, `STRIPE_SPEC_2026`) and of the seed crate, as a user reads them:
//! - no public type name ends in a number that breaks a tie (a name may end in digits
//!   only where the spec's own words do: `P24`, `VerifoneP400`, `BbposWisepad3`);
//! - none contains the word `Etc` or shadows a prelude name (`Option`);
//! - no struct is named by its own fields (`AmountCurrencyParams`), and no enum of
//!   values by its values (`AutomaticOrAutomaticAsyncOrManual`);
//! - every call's params type is a struct defined in the call's own module, under the
//!   name the call's signature gives it (`balance_transactions::ListParams`).
//!
//! Nothing here uses the generator's naming code: names are taken from the rendered
//! files' text, and words are split and joined by the small helpers below.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tests::{seed_spec, stripe_spec, stripe_spec_2026};

/// Names generated code writes unqualified; a type of such a name would shadow them.
const PRELUDE: &[&str] = &["Box", "Option", "Result", "String", "Vec", "Some", "None"];

/// A top-level item of a generated file: its kind (`struct`, `enum`, `type`), its name
/// and, for structs and enums, its fields' or unit variants' names as written.
#[derive(Debug)]
struct Item {
    kind: String,
    name: String,
    members: Vec<String>,
    /// For an enum: whether every variant is a unit variant (an enum of values).
    only_units: bool,
}

/// The items of one file, from rustfmt-formatted text: items at column 0, members
/// indented four spaces.
fn items(text: &str) -> Vec<Item> {
    let mut found = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = ["pub struct ", "pub enum ", "pub type "]
            .iter()
            .find_map(|prefix| line.strip_prefix(prefix).map(|rest| (prefix, rest)))
        else {
            continue;
        };
        let (prefix, rest) = rest;
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let kind = prefix.trim().trim_start_matches("pub ").to_string();
        let mut members = Vec::new();
        let mut only_units = true;
        if line.ends_with('{') {
            for member in lines.by_ref() {
                if member == "}" {
                    break;
                }
                // Only lines at the first level of indentation are members.
                let Some(body) = member.strip_prefix("    ") else {
                    continue;
                };
                if body.starts_with(' ') || body.starts_with("//") || body.starts_with('#') {
                    continue;
                }
                if let Some(field) = body.strip_prefix("pub ") {
                    let field = field.split(':').next().unwrap_or_default();
                    members.push(field.trim_start_matches("r#").to_string());
                } else if kind == "enum" {
                    let variant: String = body
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if variant.is_empty() {
                        continue;
                    }
                    if !body[variant.len()..].starts_with(',') {
                        only_units = false;
                    }
                    members.push(variant);
                }
            }
        }
        found.push(Item {
            kind,
            name,
            members,
            only_units,
        });
    }
    found
}

/// `tax_id_data` -> `TaxIdData`.
fn upper_camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `AutomaticAsync` -> `automatic_async`.
fn snake(camel: &str) -> String {
    let mut snake = String::new();
    for (index, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    snake
}

/// The last word of a CamelCase name with the digits after it: `BbposWisepad3` ->
/// `Wisepad3`, `Type2` -> `Type2`, `P24` -> `P24`.
fn last_word_with_digits(name: &str) -> &str {
    let letters_end = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = name[..letters_end]
        .rfind(|c: char| c.is_ascii_uppercase())
        .unwrap_or(0);
    &name[start..]
}

/// Whether `name` has the word `Etc` (not `Etch...`).
fn has_etc_word(name: &str) -> bool {
    name.match_indices("Etc").any(|(at, _)| {
        name[at + 3..]
            .chars()
            .next()
            .is_none_or(|next| next.is_ascii_uppercase() || next.is_ascii_digit())
    })
}

/// Every problem with the names of the crate generated from `spec`, one line each.
fn name_problems(spec: &Path) -> Vec<String> {
    let generated = generator::generate(spec).unwrap_or_else(|failure| panic!("{failure}"));
    let spec_words = std::fs::read_to_string(spec)
        .expect("spec text")
        .to_lowercase();
    let mut problems = Vec::new();
    let mut types_checked = 0;
    let mut calls_checked = 0;
    // Module file -> its items.
    let mut by_file: BTreeMap<&Path, Vec<Item>> = BTreeMap::new();
    for file in &generated.files {
        if file.path.extension().is_some_and(|ext| ext == "rs") {
            by_file.insert(&file.path, items(&file.text));
        }
    }
    for (path, items) in &by_file {
        for item in items {
            types_checked += 1;
            let name = &item.name;
            let at = format!("{} `{name}`", path.display());
            if name.ends_with(|c: char| c.is_ascii_digit()) {
                let word = last_word_with_digits(name).to_lowercase();
                if !spec_words.contains(&word) {
                    problems.push(format!(
                        "{at}: ends in a number the spec's words do not (`{word}`)"
                    ));
                }
            }
            if PRELUDE.contains(&name.as_str()) {
                problems.push(format!("{at}: shadows the prelude's `{name}`"));
            }
            if has_etc_word(name) {
                problems.push(format!("{at}: contains `Etc`"));
            }
            if item.kind == "struct" && item.members.len() >= 2 {
                let fields: String = item.members[..2].iter().map(|f| upper_camel(f)).collect();
                if name.starts_with(&fields) {
                    problems.push(format!("{at}: spells its fields ({fields}...)"));
                }
            }
            if item.kind == "enum" && item.only_units && item.members.len() >= 2 {
                let values = format!("{}Or{}", item.members[0], item.members[1]);
                // Unless the spec says so itself (`merchandise_or_services`).
                let spec_phrase =
                    format!("{}_or_{}", snake(&item.members[0]), snake(&item.members[1]));
                if name.contains(&values) && !spec_words.contains(&spec_phrase) {
                    problems.push(format!("{at}: spells its values ({values}...)"));
                }
            }
        }
    }
    // Every call's params: `params: &Name,` in a signature of the module's file.
    for file in &generated.files {
        // The runtime's own functions (`raw_request`) take the caller's types.
        if file
            .path
            .components()
            .any(|part| part.as_os_str() == "runtime")
        {
            continue;
        }
        let mut in_signature = false;
        let defined: BTreeSet<&str> = by_file
            .get(file.path.as_path())
            .into_iter()
            .flatten()
            .filter(|item| item.kind == "struct")
            .map(|item| item.name.as_str())
            .collect();
        for line in file.text.lines() {
            if line.starts_with("pub fn ") {
                in_signature = true;
            }
            if !in_signature {
                continue;
            }
            if line.starts_with(')') {
                in_signature = false;
            }
            let Some(params) = line.trim().strip_prefix("params: &") else {
                continue;
            };
            let params = params.trim_end_matches(',');
            calls_checked += 1;
            if !defined.contains(params) {
                problems.push(format!(
                    "{}: a call's params `{params}` are not a struct defined in its module",
                    file.path.display()
                ));
            }
        }
    }
    assert!(types_checked > 0 && calls_checked > 0, "nothing was read");
    problems
}

fn assert_names_read_well(spec: &Path) {
    let problems = name_problems(spec);
    assert!(
        problems.is_empty(),
        "{} names of the crate from {} read badly:\n{}",
        problems.len(),
        spec.display(),
        problems.join("\n")
    );
}

#[test]
fn seed_crate_names_read_well() {
    assert_names_read_well(&seed_spec());
}

#[test]
fn full_2023_crate_names_read_well() {
    assert_names_read_well(&stripe_spec());
}

#[test]
fn full_2026_crate_names_read_well() {
    assert_names_read_well(&stripe_spec_2026());
}

/// The checks above find what they look for: names of the kinds the issue reported.
#[test]
fn the_checks_catch_machine_made_names() {
    let text = "\
pub struct AmountCurrencyParams {
    pub amount: i64,
    pub currency: String,
}
pub enum AutomaticOrAutomaticAsyncOrManual {
    Automatic,
    AutomaticAsync,
    Manual,
}
pub enum CustomerOrDeletedCustomer {
    Customer(Customer),
    DeletedCustomer(DeletedCustomer),
}
pub type AdNrtOrAeTrnOrArCuitEtc = crate::params::TaxIdType;
";
    let found = items(text);
    assert_eq!(found.len(), 4);
    assert_eq!(found[0].members, ["amount", "currency"]);
    assert!(found[1].only_units && !found[2].only_units);
    assert!(has_etc_word(&found[3].name) && !has_etc_word("EtchedCard"));
    assert_eq!(last_word_with_digits("BbposWisepad3"), "Wisepad3");
    assert_eq!(last_word_with_digits("Type2"), "Type2");
    assert_eq!(upper_camel("tax_id_data"), "TaxIdData");
    assert_eq!(snake("AutomaticAsync"), "automatic_async");
}
