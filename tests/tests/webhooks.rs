//! Webhooks: signatures against vectors computed with OpenSSL
//! (`tests/fixtures/webhooks/make-vectors.sh`), every way a delivery can be refused,
//! typed events and no panic on any header. (The runnable webhook server is one of
//! `tests/api_examples/`, run against the 2026 crate by `tests/full_crate_2026/examples.rs`.)

use std::time::Duration;

use proptest::prelude::*;
use stripe_client::types::{EventObject, EventType};
use stripe_client::webhooks::{self, Webhook, WebhookError};
use tests::workspace_root;

/// One line of `vectors.txt`: name, secret, timestamp, expected hex signature.
struct Vector {
    payload: Vec<u8>,
    secret: String,
    timestamp: i64,
    signature: String,
}

fn vectors() -> Vec<Vector> {
    let dir = workspace_root().join("tests/fixtures/webhooks");
    let lines = std::fs::read_to_string(dir.join("vectors.txt")).unwrap();
    lines
        .lines()
        .map(|line| {
            let parts: Vec<&str> = line.split(' ').collect();
            Vector {
                payload: std::fs::read(dir.join(format!("{}.json", parts[0]))).unwrap(),
                secret: parts[1].to_string(),
                timestamp: parts[2].parse().unwrap(),
                signature: parts[3].to_string(),
            }
        })
        .collect()
}

fn event_vector() -> Vector {
    vectors().remove(0)
}

fn header(vector: &Vector) -> String {
    format!("t={},v1={}", vector.timestamp, vector.signature)
}

#[test]
fn signatures_match_openssl() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 3);
    for vector in &vectors {
        assert_eq!(
            webhooks::generate_test_header(&vector.payload, &vector.secret, vector.timestamp),
            header(vector)
        );
        Webhook::new(vector.secret.as_str())
            .now(vector.timestamp)
            .verify(&vector.payload, &header(vector))
            .unwrap();
    }
}

#[test]
fn tampering_with_body_timestamp_or_secret_is_refused() {
    let vector = event_vector();
    let webhook = Webhook::new(vector.secret.as_str()).now(vector.timestamp);
    let mut body = vector.payload.clone();
    body[10] ^= 1;
    assert_eq!(
        webhook.verify(&body, &header(&vector)),
        Err(WebhookError::NoMatchingSignature)
    );
    let moved = format!("t={},v1={}", vector.timestamp + 1, vector.signature);
    assert_eq!(
        webhook
            .clone()
            .now(vector.timestamp + 1)
            .verify(&vector.payload, &moved),
        Err(WebhookError::NoMatchingSignature)
    );
    assert_eq!(
        Webhook::new("whsec_other")
            .now(vector.timestamp)
            .verify(&vector.payload, &header(&vector)),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn any_matching_v1_counts_and_v0_never_does() {
    let vector = event_vector();
    let webhook = Webhook::new(vector.secret.as_str()).now(vector.timestamp);
    let other = webhooks::generate_test_header(&vector.payload, "whsec_old", vector.timestamp);
    let other_signature = other.split("v1=").nth(1).unwrap();
    // While a secret is rolled, Stripe signs with both; either may come first.
    let rolled = format!(
        "t={},v1={other_signature},v1={},v0={other_signature},x=y",
        vector.timestamp, vector.signature
    );
    assert_eq!(webhook.verify(&vector.payload, &rolled), Ok(()));
    let only_v0 = format!("t={},v0={}", vector.timestamp, vector.signature);
    assert_eq!(
        webhook.verify(&vector.payload, &only_v0),
        Err(WebhookError::NoMatchingSignature)
    );
    let spaced = format!("t={}, v1={}", vector.timestamp, vector.signature);
    assert_eq!(webhook.verify(&vector.payload, &spaced), Ok(()));
}

#[test]
fn the_timestamp_must_be_within_the_tolerance_either_way() {
    let vector = event_vector();
    let t = vector.timestamp;
    let at = |now: i64| {
        Webhook::new(vector.secret.as_str())
            .now(now)
            .verify(&vector.payload, &header(&vector))
    };
    assert_eq!(at(t + 300), Ok(()));
    assert_eq!(at(t - 300), Ok(()));
    assert_eq!(
        at(t + 301),
        Err(WebhookError::TimestampOutsideTolerance {
            timestamp: t,
            now: t + 301,
            tolerance: Duration::from_secs(300)
        })
    );
    assert!(matches!(
        at(t - 301),
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
    let strict = Webhook::new(vector.secret.as_str())
        .tolerance(Duration::from_secs(10))
        .now(t + 11);
    assert!(strict.verify(&vector.payload, &header(&vector)).is_err());
    // A valid signature for a timestamp far from the real clock.
    assert!(matches!(
        Webhook::new(vector.secret.as_str()).verify(&vector.payload, &header(&vector)),
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
}

#[test]
fn broken_headers_are_named() {
    let vector = event_vector();
    let webhook = Webhook::new(vector.secret.as_str()).now(vector.timestamp);
    assert_eq!(
        webhook.verify(&vector.payload, ""),
        Err(WebhookError::MissingHeader)
    );
    assert_eq!(
        webhook.verify(&vector.payload, " "),
        Err(WebhookError::MissingHeader)
    );
    for (header, reason) in [
        (format!("v1={}", vector.signature), "no timestamp (`t=`)"),
        (
            format!("t=soon,v1={}", vector.signature),
            "the timestamp is not a whole number of seconds",
        ),
        (
            format!("t=99999999999999999999,v1={}", vector.signature),
            "the timestamp is not a whole number of seconds",
        ),
    ] {
        assert_eq!(
            webhook.verify(&vector.payload, &header),
            Err(WebhookError::MalformedHeader { reason }),
            "{header}"
        );
    }
    assert_eq!(
        webhook.verify(&vector.payload, "t=1700000000,v1=zz"),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn a_verified_event_decodes_into_its_types() {
    let vector = event_vector();
    let event = Webhook::new(vector.secret.as_str())
        .now(vector.timestamp)
        .construct_event(&vector.payload, &header(&vector))
        .unwrap();
    assert_eq!(event.id, "evt_1NG8Du2eZvKYlo2CUI79vXWy");
    assert_eq!(event.r#type, EventType::BillingPortalConfigurationUpdated);
    assert_eq!(
        event.r#type.as_str(),
        "billing_portal.configuration.updated"
    );
    match &event.data.object {
        EventObject::BillingPortalConfiguration(configuration) => {
            assert_eq!(configuration.id, "bpc_1MrsjZ2eZvKYlo2C8WcVbXvZ");
            assert!(configuration.active);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        event.data.previous_attributes,
        Some(serde_json::json!({ "active": false }))
    );
    // Written back, it is the same event (absent optional fields come back as null).
    let original: serde_json::Value = serde_json::from_slice(&vector.payload).unwrap();
    let mut written = serde_json::to_value(&event).unwrap();
    assert_eq!(written["account"], serde_json::Value::Null);
    written.as_object_mut().unwrap().remove("account");
    assert_eq!(written, original);
}

/// A signed event made from `event.json` changed by `edit`.
fn signed(edit: impl FnOnce(&mut serde_json::Value)) -> (Vec<u8>, String, Webhook) {
    let vector = event_vector();
    let mut value: serde_json::Value = serde_json::from_slice(&vector.payload).unwrap();
    edit(&mut value);
    let payload = serde_json::to_vec(&value).unwrap();
    let header = webhooks::generate_test_header(&payload, &vector.secret, vector.timestamp);
    let webhook = Webhook::new(vector.secret.as_str()).now(vector.timestamp);
    (payload, header, webhook)
}

#[test]
fn unknown_kinds_and_types_still_decode() {
    let (payload, header, webhook) = signed(|event| {
        event["type"] = "quantum.entangled".into();
        event["data"]["object"] = serde_json::json!({ "object": "quantum", "id": "qu_1" });
    });
    let event = webhook.construct_event(&payload, &header).unwrap();
    assert_eq!(
        event.r#type,
        EventType::Unrecognized("quantum.entangled".into())
    );
    assert_eq!(event.r#type.as_str(), "quantum.entangled");
    assert!(matches!(&event.data.object, EventObject::Unknown(value) if value["id"] == "qu_1"));
    // A known kind that does not decode as its type is kept too, with the reason, and
    // the event around it is read as usual.
    let (payload, header, webhook) = signed(|event| {
        event["id"] = "evt_broken".into();
        event["created"] = 1_700_000_123.into();
        event["data"]["object"]["active"] = "maybe".into();
    });
    let event = webhook.construct_event(&payload, &header).unwrap();
    let EventObject::Undecodable(undecodable) = &event.data.object else {
        panic!(
            "expected an undecodable object, got {:?}",
            event.data.object
        );
    };
    assert_eq!(undecodable.value["active"], "maybe");
    assert_eq!(undecodable.problem.path(), "active");
    assert_eq!(
        undecodable.problem.message(),
        "expected a boolean, found a string"
    );
    assert_eq!(event.id, "evt_broken");
    assert_eq!(event.created, 1_700_000_123);
    assert_eq!(
        event.api_version.as_deref(),
        Some(stripe_client::API_VERSION)
    );
}

#[test]
fn every_event_type_of_the_spec_round_trips() {
    let spec = generator::load::load(&tests::seed_spec()).unwrap();
    let api = generator::model::build(&spec, &generator::model::Selection::all()).unwrap();
    let webhooks = api.webhooks.expect("the seed spec has events");
    let event_type = api
        .types
        .iter()
        .find(|def| def.name == webhooks.event_type)
        .unwrap();
    let generator::model::TypeKind::Enum { variants } = &event_type.kind else {
        panic!("EventType is an enum");
    };
    assert_eq!(variants.len(), 10, "every listed type but `*`");
    for variant in variants {
        let parsed = EventType::from(variant.wire.as_str());
        assert!(
            !matches!(parsed, EventType::Unrecognized(_)),
            "{}",
            variant.wire
        );
        assert_eq!(parsed.as_str(), variant.wire);
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(serde_json::from_str::<EventType>(&json).unwrap(), parsed);
    }
}

#[test]
fn another_api_version_is_refused_unless_allowed() {
    let (payload, header, webhook) = signed(|event| {
        event["api_version"] = "2020-08-27".into();
    });
    assert_eq!(
        webhook.construct_event(&payload, &header).unwrap_err(),
        WebhookError::ApiVersionMismatch {
            event: Some("2020-08-27".into()),
            expected: stripe_client::API_VERSION,
        }
    );
    let event = webhook
        .ignore_api_version_mismatch()
        .construct_event(&payload, &header)
        .unwrap();
    assert_eq!(event.api_version.as_deref(), Some("2020-08-27"));
    let (payload, header, webhook) = signed(|event| {
        event["api_version"] = serde_json::Value::Null;
    });
    assert!(matches!(
        webhook.construct_event(&payload, &header),
        Err(WebhookError::ApiVersionMismatch { event: None, .. })
    ));
}

#[test]
fn a_signed_payload_that_is_no_event_is_refused_with_an_excerpt() {
    let vector = event_vector();
    let payload = format!("<html>{}</html>", "x".repeat(2000)).into_bytes();
    let header = webhooks::generate_test_header(&payload, &vector.secret, vector.timestamp);
    let error = Webhook::new(vector.secret.as_str())
        .now(vector.timestamp)
        .construct_event(&payload, &header)
        .unwrap_err();
    match error {
        WebhookError::InvalidPayload { excerpt, .. } => {
            assert_eq!(excerpt.len(), 512);
            assert!(excerpt.starts_with("<html>"));
        }
        other => panic!("{other:?}"),
    }
    // Valid JSON, but no event.
    let (payload, header, webhook) = signed(|event| {
        event.as_object_mut().unwrap().remove("id");
    });
    assert!(matches!(
        webhook.construct_event(&payload, &header),
        Err(WebhookError::InvalidPayload { .. })
    ));
}

#[test]
fn the_secret_never_shows() {
    let secret = "whsec_very_secret_value";
    let webhook = Webhook::new(secret).now(1);
    assert!(!format!("{webhook:?}").contains(secret));
    let payload = b"{}";
    let header = webhooks::generate_test_header(payload, secret, 1);
    let errors = [
        webhook.verify(payload, "").unwrap_err(),
        webhook.verify(payload, "t=x").unwrap_err(),
        webhook.verify(b"{ }", &header).unwrap_err(),
        webhook
            .clone()
            .now(10_000)
            .verify(payload, &header)
            .unwrap_err(),
        webhook.construct_event(payload, &header).unwrap_err(),
    ];
    for error in errors {
        assert!(!format!("{error} {error:?}").contains(secret), "{error}");
    }
}

/// Header text made of the parts a header has, and anything else.
fn header_text() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        "t=-?[0-9]{0,21}",
        "v1=[0-9a-fA-F]{0,70}",
        "v0=[0-9a-f]{0,64}",
        "[a-z0-9]{0,3}={0,2}[^,]{0,8}",
        any::<String>(),
    ];
    proptest::collection::vec(item, 0..6).prop_map(|items| items.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn no_header_or_payload_makes_it_panic_or_pass(
        header in header_text(),
        payload in proptest::collection::vec(any::<u8>(), 0..64),
        now in any::<i64>(),
    ) {
        let webhook = Webhook::new("whsec_test").now(now);
        // Without the secret, nothing random verifies.
        prop_assert!(webhook.verify(&payload, &header).is_err());
        prop_assert!(webhook.construct_event(&payload, &header).is_err());
    }

    #[test]
    fn any_timestamp_is_judged_without_panicking(t in any::<i64>(), now in any::<i64>()) {
        let payload = b"{}";
        let header = webhooks::generate_test_header(payload, "whsec_test", t);
        let result = Webhook::new("whsec_test").now(now).verify(payload, &header);
        let within = (i128::from(now) - i128::from(t)).abs() <= 300;
        prop_assert_eq!(result.is_ok(), within);
    }
}
