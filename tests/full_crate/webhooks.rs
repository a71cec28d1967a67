//! Every example object of Stripe's fixtures (`STRIPE_FIXTURES`), wrapped in a signed
//! event, decodes into its own `EventObject` variant; every event type round-trips.

use serde_json::{json, Value};
use stripe_client::types::{EventObject, EventType};
use stripe_client::webhooks::{self, Webhook};

// `EVENT_OBJECT_KINDS` and `EVENT_TYPES`, written by the orchestrating test from the
// generator's model.
include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/support/event_kinds.rs"
));

fn fixtures() -> serde_json::Map<String, Value> {
    let path = std::env::var("STRIPE_FIXTURES").expect("STRIPE_FIXTURES names fixtures3.json");
    let text = std::fs::read_to_string(path).expect("fixtures file");
    let fixtures: Value = serde_json::from_str(&text).expect("fixtures JSON");
    fixtures["resources"]
        .as_object()
        .expect("resources")
        .clone()
}

/// `object` signed into an event, decoded through the verifier.
fn through_a_webhook(object: &Value) -> EventObject {
    let secret = "whsec_fixtures";
    let event = json!({
        "id": "evt_1", "object": "event", "api_version": stripe_client::API_VERSION,
        "created": 1, "livemode": false, "pending_webhooks": 1, "type": "test.fixture",
        "data": { "object": object },
    });
    let payload = serde_json::to_vec(&event).expect("payload");
    let header = webhooks::generate_test_header(&payload, secret, 1_700_000_000);
    Webhook::new(secret)
        .now(1_700_000_000)
        .construct_event(&payload, &header)
        .expect("a signed event")
        .data
        .object
}

#[test]
fn every_fixture_of_a_known_kind_decodes_to_its_variant() {
    let mut decoded = Vec::new();
    let mut unknown = Vec::new();
    let mut undecodable = Vec::new();
    for (name, object) in fixtures() {
        let kind = object["object"].as_str().unwrap_or_default();
        if !EVENT_OBJECT_KINDS.contains(&kind) || object.get("deleted").is_some() {
            continue;
        }
        match through_a_webhook(&object) {
            EventObject::Unknown(_) => unknown.push(name),
            EventObject::Undecodable(kept) => {
                assert_eq!(kept.value, object, "{name} is kept as it came");
                undecodable.push((name, kept.problem.to_string()));
            }
            _ => decoded.push(name),
        }
    }
    println!(
        "{} fixtures of {} event object kinds decode to their own variant",
        decoded.len(),
        EVENT_OBJECT_KINDS.len()
    );
    // Every kind it knows is read as that kind; the one fixture that breaks its own
    // spec (see fixtures.rs) is kept as JSON, with the reason.
    assert!(unknown.is_empty(), "unknown: {unknown:?}");
    assert_eq!(
        undecodable,
        [(
            "treasury.outbound_payment".to_string(),
            "at `destination_payment_method_details`: missing field `billing_details`".to_string()
        )],
        "decoded: {decoded:?}"
    );
    assert!(decoded.len() > 90, "only {} decoded", decoded.len());
}

#[test]
fn other_kinds_are_unknown() {
    let object = json!({ "object": "quantum.entanglement", "id": "qe_1" });
    assert!(matches!(
        through_a_webhook(&object),
        EventObject::Unknown(_)
    ));
}

#[test]
fn every_event_type_round_trips() {
    assert!(EVENT_TYPES.len() > 200, "{}", EVENT_TYPES.len());
    for wire in EVENT_TYPES {
        let parsed = EventType::from(*wire);
        assert!(!matches!(parsed, EventType::Unrecognized(_)), "{wire}");
        assert_eq!(parsed.as_str(), *wire);
        let json = serde_json::to_value(&parsed).expect("encode");
        assert_eq!(
            serde_json::from_value::<EventType>(json).expect("decode"),
            parsed
        );
    }
}
