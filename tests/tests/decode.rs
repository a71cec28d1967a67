//! The one-pass JSON reader (`runtime::read_json_slice`) that every call and webhook
//! decodes through: against serde_json as an independent oracle for JSON itself
//! (random documents, printed compact and pretty), and by hand for what the typed
//! readers add: field order, nulls, unknown fields, paths, limits and bad input.

use proptest::prelude::*;
use serde::de::value::MapDeserializer;
use serde::Deserialize;
use serde_json::{json, Value};
use stripe_client::runtime::{read_json_slice, DecodeProblem};
use stripe_client::types::{BillingPortalConfiguration, PortalBusinessProfile};

fn read_value(text: &str) -> Result<Value, DecodeProblem> {
    read_json_slice::<Value>(text.as_bytes())
}

/// `object`'s entries through serde's own `MapDeserializer` (each value by its
/// `Value` deserializer, visited rather than handed over as text): how a format other
/// than JSON feeds a type's `Deserialize`.
fn entries(
    object: Value,
) -> MapDeserializer<'static, serde_json::map::IntoIter, serde_json::Error> {
    let Value::Object(map) = object else {
        panic!("an object")
    };
    MapDeserializer::new(map.into_iter())
}

/// Any JSON value, with the strings and numbers that are hard to read.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |number| number.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[\"\\\\/\u{0}-\u{1f}é😀]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_\"\\\\é]{0,6}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_document_reads_as_serde_json_reads_it(value in json_value()) {
        let compact = serde_json::to_string(&value).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        // The value itself, not serde_json's reading of the text: without its
        // `float_roundtrip` feature serde_json may read a float one bit off, where
        // Rust's own parser (ours) gives back exactly the float that was printed.
        prop_assert_eq!(read_value(&compact).unwrap(), value.clone());
        prop_assert_eq!(read_value(&pretty).unwrap(), value);
    }

    // A type's serde `Deserialize` gives the type's reader the value's JSON text:
    // whatever the value, an unknown field keeps it exactly. From text, serde_json hands
    // over the text itself, so floats come out exactly as printed (serde_json's own
    // parse may be a bit off, see above: this fails if that fast path is lost); from a
    // `Value`, its deserializer prints it.
    #[test]
    fn serdes_way_in_keeps_any_value(value in json_value()) {
        let object = json!({
            "headline": null, "privacy_policy_url": null, "terms_of_service_url": null,
            "kept": value,
        });
        let text = serde_json::to_string(&object).unwrap();
        let from_text: PortalBusinessProfile = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(from_text.other_fields.get("kept"), Some(&value));
        let from_value: PortalBusinessProfile = serde_json::from_value(object.clone()).unwrap();
        prop_assert_eq!(from_value.other_fields.get("kept"), Some(&value));
        // A deserializer that is not serde_json's: the value is written out as visited.
        let other: PortalBusinessProfile = PortalBusinessProfile::deserialize(entries(object)).unwrap();
        prop_assert_eq!(other.other_fields.get("kept"), Some(&value));
    }

    #[test]
    fn text_serde_json_refuses_is_refused(text in "[\\[\\]{}\",:0-9a-z.eE+\\- \\\\]{0,12}") {
        let theirs = serde_json::from_str::<Value>(&text);
        let ours = read_value(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?}", text, ours);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert_eq!(ours, theirs);
        }
    }
}

#[test]
fn escapes_and_surrogate_pairs_are_read() {
    let text = r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u20ac\ud83d\ude00""#;
    assert_eq!(
        read_value(text).unwrap(),
        Value::String("a\"b\\c/d\u{8}\u{c}\n\r\té€😀".to_string())
    );
    for bad in [
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\x""#,
        r#""\u12""#,
        "\"a\u{1}\"",
    ] {
        assert!(read_value(bad).is_err(), "{bad}");
    }
    assert!(read_json_slice::<Value>(b"\"\xff\"").is_err());
}

#[test]
fn numbers_keep_their_kind_and_range() {
    assert_eq!(read_value("-9223372036854775808").unwrap(), json!(i64::MIN));
    assert_eq!(read_value("18446744073709551615").unwrap(), json!(u64::MAX));
    assert_eq!(
        read_value("1e400").unwrap_err().message(),
        "the number 1e400 is out of range"
    );
    assert_eq!(read_value("2.5e-3").unwrap(), json!(0.0025));
    for bad in ["01x", "00", "-01", "-", "1.", ".5", "1e", "+1", "NaN"] {
        assert!(read_value(bad).is_err(), "{bad}");
    }
    // An integer field takes no fraction and nothing beyond i64.
    assert!(read_json_slice::<i64>(b"1.0").is_err());
    assert!(read_json_slice::<i64>(b"9223372036854775808").is_err());
    assert_eq!(read_json_slice::<f64>(b"7").unwrap(), 7.0);
}

#[test]
fn trailing_text_and_deep_nesting_are_refused_without_a_panic() {
    assert!(read_value("{} x").is_err());
    assert!(read_value("[1,]").is_err());
    assert!(read_value("{\"a\":1,}").is_err());
    assert!(read_value("[1 2]").is_err());
    assert!(read_value("").is_err());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        read_value(&deep).unwrap_err().message(),
        "nested too deeply (byte 127)"
    );
    let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(read_value(&fine).is_ok());
}

fn configuration() -> Value {
    tests::portal_configuration_json()
}

fn read_configuration(value: &Value) -> Result<BillingPortalConfiguration, DecodeProblem> {
    read_json_slice(value.to_string().as_bytes())
}

#[test]
fn fields_come_in_any_order_and_unknown_ones_are_kept() {
    let mut value = configuration();
    value["brand_new_field"] = json!({"nested": [1, "two", null]});
    // Reversed key order: serde_json's map is sorted, so print by hand.
    let object = value.as_object().unwrap();
    let members: Vec<String> = object
        .iter()
        .rev()
        .map(|(key, value)| format!("{}:{}", Value::from(key.as_str()), value))
        .collect();
    let reversed = format!("{{{}}}", members.join(","));
    let decoded: BillingPortalConfiguration = read_json_slice(reversed.as_bytes()).unwrap();
    assert_eq!(decoded, read_configuration(&value).unwrap());
    assert_eq!(
        decoded.other_fields["brand_new_field"],
        json!({"nested": [1, "two", null]})
    );
    // What is read is what serde_json reads, field by field.
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
}

#[test]
fn null_is_absent_for_optional_fields_and_a_problem_for_required_ones() {
    let mut value = configuration();
    value["default_return_url"] = Value::Null;
    value["metadata"] = Value::Null;
    let decoded = read_configuration(&value).unwrap();
    assert_eq!(decoded.default_return_url, None);
    assert_eq!(decoded.metadata, None);

    let mut value = configuration();
    value["business_profile"]["headline"] = Value::Null;
    value["active"] = Value::Null;
    let problem = read_configuration(&value).unwrap_err();
    assert_eq!(problem.path(), "active");
    assert_eq!(problem.message(), "expected a boolean, found null");
}

#[test]
fn a_key_is_read_by_name_however_it_is_written() {
    // The reader first checks the key it expects next against the input's bytes; a
    // key with an escape, spaces around its `:`, or one that only starts like the
    // expected key must still be read by its name.
    let read = |text: &str| read_json_slice::<PortalBusinessProfile>(text.as_bytes()).unwrap();
    let profile = read(
        "{\"headline\" :\t\"a\", \"privacy_policy_url\": null, \"terms_of_service_urlx\": 1, \"terms_of_service_url\": \"t\"}",
    );
    assert_eq!(profile.headline.as_deref(), Some("a"));
    assert_eq!(profile.terms_of_service_url.as_deref(), Some("t"));
    assert_eq!(profile.other_fields["terms_of_service_urlx"], 1);
    let profile =
        read(r#"{"\u0068eadline": "b", "privacy_policy_url": null, "terms_of_service_url": null}"#);
    assert_eq!(profile.headline.as_deref(), Some("b"));
    let profile = read(
        r#"{"head": 2, "headline": "c", "privacy_policy_url": null, "terms_of_service_url": null}"#,
    );
    assert_eq!(
        (profile.headline.as_deref(), &profile.other_fields["head"]),
        (Some("c"), &json!(2))
    );
}

#[test]
fn a_later_duplicate_key_wins_as_in_serde_json() {
    let text = r#"{"headline": "first", "headline": "second", "privacy_policy_url": null, "terms_of_service_url": null}"#;
    let profile: PortalBusinessProfile = read_json_slice(text.as_bytes()).unwrap();
    assert_eq!(profile.headline.as_deref(), Some("second"));
}

#[test]
fn serdes_way_in_keeps_escapes_and_numbers() {
    // Every control character, quote and backslash, in values and keys; floats that
    // print without a fraction; integers at the ends of their ranges.
    let text: String = (0..0x20u8)
        .map(char::from)
        .chain("\"\\/é😀".chars())
        .collect();
    let kept = json!({
        "text": text,
        text.clone(): [1.0, -0.0, 1e300, 0.1, u64::MAX, i64::MIN, 0],
    });
    let object = json!({
        "headline": null, "privacy_policy_url": null, "terms_of_service_url": null,
        "kept": kept,
    });
    let from_text: PortalBusinessProfile =
        serde_json::from_str(&serde_json::to_string(&object).unwrap()).unwrap();
    assert_eq!(from_text.other_fields["kept"], kept);
    let from_value: PortalBusinessProfile = serde_json::from_value(object.clone()).unwrap();
    assert_eq!(from_value.other_fields["kept"], kept);
    let other = PortalBusinessProfile::deserialize(entries(object)).unwrap();
    assert_eq!(other.other_fields["kept"], kept);
}

#[test]
fn serdes_way_in_reads_the_same_value() {
    let value = configuration();
    let through_serde: BillingPortalConfiguration = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(through_serde, read_configuration(&value).unwrap());
    let mut broken = value;
    broken["features"]["invoice_history"] = json!({});
    let error = serde_json::from_value::<BillingPortalConfiguration>(broken).unwrap_err();
    assert_eq!(
        error.to_string(),
        "at `features.invoice_history`: missing field `enabled`"
    );
}
