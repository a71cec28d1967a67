//! Every example object of Stripe's fixtures (`STRIPE_FIXTURES`) deserialises into its
//! generated type and serialises back without losing a field.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stripe_client::runtime::{read_json_slice, ReadJson};

// `fn decode_resource(name, value) -> Option<Result<(), String>>`, written by the
// orchestrating test from the generator's component map.
include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/fixture_types.rs"
));

fn round_trip<T>(value: &Value) -> Result<(), String>
where
    T: ReadJson + DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    // Read as a call reads an answer: the pretty text Stripe sends, in one pass.
    let text = serde_json::to_vec_pretty(value).map_err(|error| error.to_string())?;
    let decoded: T = read_json_slice(&text).map_err(|problem| format!("decode: {problem}"))?;
    // serde's way in (for callers who use it) reads the same value.
    let through_serde: T = serde_json::from_value(value.clone())
        .map_err(|error| format!("decode with serde: {error}"))?;
    if through_serde != decoded {
        return Err("serde's Deserialize reads another value".to_string());
    }
    let encoded = serde_json::to_value(&decoded).map_err(|error| format!("encode: {error}"))?;
    let mut lost = Vec::new();
    compare(value, &encoded, String::new(), &mut lost);
    if lost.is_empty() {
        Ok(())
    } else {
        Err(format!("lost or changed: {}", lost.join(", ")))
    }
}

/// Records every place where `original` has a non-null value that `again` lacks or
/// has differently (`null` and a missing field mean the same).
fn compare(original: &Value, again: &Value, at: String, lost: &mut Vec<String>) {
    match (original, again) {
        (Value::Object(before), Value::Object(after)) => {
            for (key, value) in before {
                let inner = format!("{at}/{key}");
                match after.get(key) {
                    Some(other) => compare(value, other, inner, lost),
                    None if value.is_null() => {}
                    None => lost.push(inner),
                }
            }
        }
        (Value::Array(before), Value::Array(after)) if before.len() == after.len() => {
            for (index, (value, other)) in before.iter().zip(after).enumerate() {
                compare(value, other, format!("{at}/{index}"), lost);
            }
        }
        (Value::Number(before), Value::Number(after)) => {
            if before.as_f64() != after.as_f64() {
                lost.push(at);
            }
        }
        (before, after) if before == after => {}
        _ => lost.push(at),
    }
}

// `KNOWN_FIXTURE_ERRORS: &[(&str, &str)]` (fixtures that break their own spec, with
// the exact error that says how) and `FIXTURE_COUNT`, written by the orchestrating test
// from its hand-written table for the spec in use.
include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/fixture_expectations.rs"
));

/// What a fixture without a generated type fails with: its component is reached by no
/// call and no event, or has no properties (and is read as `serde_json::Value`).
const NO_GENERATED_TYPE: &str = "no generated type";

#[test]
fn every_fixture_round_trips() {
    let path = std::env::var("STRIPE_FIXTURES").expect("STRIPE_FIXTURES names fixtures3.json");
    let text = std::fs::read_to_string(&path).expect("fixtures file");
    let fixtures: Value = serde_json::from_str(&text).expect("fixtures JSON");
    let resources = fixtures["resources"].as_object().expect("resources");
    let mut failures = Vec::new();
    for (name, value) in resources {
        let result =
            decode_resource(name, value).unwrap_or_else(|| Err(NO_GENERATED_TYPE.to_string()));
        match (
            result,
            KNOWN_FIXTURE_ERRORS.iter().find(|(known, _)| known == name),
        ) {
            (Ok(()), None) => {}
            (Err(error), Some((_, expected))) if error == *expected => {}
            (result, Some((_, expected))) => failures.push(format!(
                "{name}: expected the known fixture error {expected:?}, got {result:?}"
            )),
            (Err(error), None) => failures.push(format!("{name}: {error}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        resources.len(),
        failures.join("\n")
    );
    assert_eq!(resources.len(), FIXTURE_COUNT);
}
