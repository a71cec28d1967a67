//! v2's JSON bodies and the text-carried values (decimals, date-times), on the seed
//! crate's types: the same `FormValue` a form is written from, written as JSON
//! (`../shared/docs/wire-format.md`, "The v2 API"). Each expectation is written by
//! hand from that table; bodies are compared as JSON values (what they mean), and the
//! exact text where compactness matters.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use stripe_client::billing_portal::configurations::{
    UpdateBusinessProfile, UpdateFeatures, UpdateFeaturesCustomerUpdate,
    UpdateFeaturesCustomerUpdateAllowedUpdates as AllowedUpdate, UpdateParams,
};
use stripe_client::runtime::{to_form, to_json, ExtraParams, FormWriter, I64Text};
use stripe_client::{DateTime, Decimal, Unsettable};

fn json_of(params: &UpdateParams) -> Value {
    let text = to_json(params).expect("encodes");
    serde_json::from_str(&text).expect("the body is JSON")
}

#[test]
fn nothing_set_is_an_empty_object() {
    assert_eq!(to_json(&UpdateParams::default()).unwrap(), "{}");
}

#[test]
fn members_follow_the_params_field_order_and_map_keys_are_sorted() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(BTreeMap::from([
            ("b".to_string(), "2".to_string()),
            ("a".to_string(), "1".to_string()),
        ]))),
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("x".into()),
            ..Default::default()
        }),
        active: Some(true),
        ..Default::default()
    };
    assert_eq!(
        to_json(&params).unwrap(),
        r#"{"active":true,"business_profile":{"headline":"x"},"metadata":{"a":"1","b":"2"}}"#
    );
}

#[test]
fn the_three_states_of_a_clearable_field() {
    // None: the key is left out.
    assert_eq!(json_of(&UpdateParams::default()), json!({}));
    // Set: the value.
    let set = UpdateParams {
        default_return_url: Some(Unsettable::Set("https://example.com".into())),
        ..Default::default()
    };
    assert_eq!(
        json_of(&set),
        json!({"default_return_url": "https://example.com"})
    );
    // Unset: null, v2's deletion (a form writes `key=`).
    let unset = UpdateParams {
        default_return_url: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(to_json(&unset).unwrap(), r#"{"default_return_url":null}"#);
    assert_eq!(to_form(&unset).unwrap(), "default_return_url=");
}

#[test]
fn nested_objects_lists_booleans_and_maps_keep_their_json_types() {
    let params = UpdateParams {
        active: Some(true),
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("Hi & bye".into()),
            ..Default::default()
        }),
        features: Some(UpdateFeatures {
            customer_update: Some(UpdateFeaturesCustomerUpdate {
                allowed_updates: Some(Unsettable::Set(vec![
                    AllowedUpdate::Email,
                    AllowedUpdate::Address,
                ])),
                enabled: Some(false),
            }),
            ..Default::default()
        }),
        expand: Some(vec!["features".into()]),
        metadata: Some(Unsettable::Set(BTreeMap::from([
            ("order_ref".to_string(), "6735".to_string()),
            ("tier".to_string(), "gold".to_string()),
        ]))),
        ..Default::default()
    };
    assert_eq!(
        json_of(&params),
        json!({
            "active": true,
            "business_profile": {"headline": "Hi & bye"},
            "features": {
                "customer_update": {"allowed_updates": ["email", "address"], "enabled": false}
            },
            "expand": ["features"],
            "metadata": {"order_ref": "6735", "tier": "gold"}
        })
    );
    // Compact: no whitespace anywhere (stripe-node sends JSON.stringify's output).
    let text = to_json(&params).unwrap();
    assert!(
        !text.contains(": ") && !text.contains(", ") && !text.contains('\n'),
        "{text}"
    );
}

#[test]
fn an_object_with_nothing_set_and_empty_lists_are_sent_as_such() {
    // In JSON `{}` and `[]` say something (turn a feature's settings on with their
    // defaults; replace a list with nothing); a form has no way to write either.
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile::default()),
        features: Some(UpdateFeatures {
            customer_update: Some(UpdateFeaturesCustomerUpdate {
                allowed_updates: Some(Unsettable::Set(Vec::new())),
                enabled: None,
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        json_of(&params),
        json!({"business_profile": {}, "features": {"customer_update": {"allowed_updates": []}}})
    );
    assert_eq!(
        to_form(&params).unwrap(),
        "features[customer_update][allowed_updates]="
    );
}

#[test]
fn a_cleared_map_is_null_and_a_set_empty_map_is_an_empty_object() {
    let cleared = UpdateParams {
        metadata: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(json_of(&cleared), json!({"metadata": null}));
    let empty = UpdateParams {
        metadata: Some(Unsettable::Set(BTreeMap::new())),
        ..Default::default()
    };
    assert_eq!(json_of(&empty), json!({"metadata": {}}));
}

#[test]
fn extra_params_nest_as_objects_in_json_and_never_replace_a_typed_field() {
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("Hi".into()),
            ..Default::default()
        }),
        extra: ExtraParams::new()
            .with("business_profile[subtitle]", "new")
            .with("new_thing[enabled]", "true"),
        ..Default::default()
    };
    assert_eq!(
        json_of(&params),
        json!({
            "business_profile": {"headline": "Hi", "subtitle": "new"},
            "new_thing": {"enabled": "true"}
        })
    );
    for taken in [
        "business_profile[headline]",
        "business_profile[headline][x]",
    ] {
        let params = UpdateParams {
            business_profile: Some(UpdateBusinessProfile {
                headline: Some("Hi".into()),
                ..Default::default()
            }),
            extra: ExtraParams::new().with(taken, "x"),
            ..Default::default()
        };
        let problems = to_json(&params).expect_err(taken).problems;
        assert_eq!(problems.len(), 1, "{taken}");
        assert!(
            problems[0]
                .message
                .contains("already sent by a typed field"),
            "{taken}: {problems:?}"
        );
    }
}

#[test]
fn decimals_are_canonical_text_and_never_floats() {
    for (given, canonical) in [
        ("25.50", "25.5"),
        ("0.0100", "0.01"),
        ("-0.0", "0"),
        ("+7", "7"),
        ("007.000", "7"),
        (".5", "0.5"),
        ("5.", "5"),
        (
            "12345678901234567890.123456789012345678901",
            "12345678901234567890.123456789012345678901",
        ),
    ] {
        let decimal: Decimal = given.parse().unwrap_or_else(|e| panic!("{given}: {e}"));
        assert_eq!(decimal.as_str(), canonical, "{given}");
        assert_eq!(
            serde_json::to_string(&decimal).unwrap(),
            format!("\"{canonical}\"")
        );
        let back: Decimal = serde_json::from_str(&format!("\"{given}\"")).unwrap();
        assert_eq!(back, decimal);
    }
    for bad in ["", ".", "-", "1e3", "1.2.3", "1,5", " 1", "NaN", "0x10"] {
        assert!(bad.parse::<Decimal>().is_err(), "{bad:?} parsed");
    }
    assert_eq!(Decimal::from(-12), "-12.00".parse().unwrap());
}

#[test]
fn date_times_read_rfc_3339_to_the_nanosecond() {
    // (text, Unix seconds, nanoseconds), worked out by hand (and with Python's datetime).
    for (text, seconds, nanos) in [
        ("2026-05-27T12:00:05.123Z", 1_779_883_205, 123_000_000),
        ("2026-05-27T14:00:05.123+02:00", 1_779_883_205, 123_000_000),
        ("2026-05-27T11:30:05-00:30", 1_779_883_205, 0),
        ("1969-12-31T23:59:59Z", -1, 0),
        ("2024-02-29T00:00:00z", 1_709_164_800, 0),
        ("2000-03-01t00:00:00.000000001Z", 951_868_800, 1),
    ] {
        let time: DateTime = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            (time.unix_timestamp(), time.nanosecond()),
            (seconds, nanos),
            "{text}"
        );
        assert_eq!(time.as_str(), text, "the text is kept as it came");
        assert_eq!(DateTime::from(time.to_system_time()), time, "{text}");
    }
    for bad in [
        "2026-05-27",
        "2026-05-27T12:00:05",
        "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-05-27T24:00:00Z",
        "2026-05-27T12:00:05.Z",
        "2026-05-27T12:00:05+2:00",
        "2026-05-27 12:00:05Z",
    ] {
        assert!(bad.parse::<DateTime>().is_err(), "{bad:?} parsed");
    }
    assert_eq!(
        DateTime::from_unix(1_779_883_205, 123_000_000).as_str(),
        "2026-05-27T12:00:05.123Z"
    );
    assert_eq!(DateTime::from_unix(-1, 0).as_str(), "1969-12-31T23:59:59Z");
}

#[test]
fn int64_text_is_sent_as_a_string_beyond_2_pow_53() {
    // What a params field of `format: int64` writes (the generated code wraps it).
    let mut writer = FormWriter::json();
    writer.begin_object();
    writer.field("count", &I64Text(&9_007_199_254_740_993_i64));
    writer.field("absent", &I64Text(&None::<i64>));
    writer.field("cleared", &I64Text(&Some(Unsettable::<i64>::Unset)));
    writer.end_object();
    assert_eq!(
        writer.finish().unwrap(),
        r#"{"count":"9007199254740993","cleared":null}"#
    );
    let mut form = FormWriter::new();
    form.field("count", &I64Text(&-9_007_199_254_740_993_i64));
    assert_eq!(form.finish().unwrap(), "count=-9007199254740993");
}
