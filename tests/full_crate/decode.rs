//! Keeping what can be read (issue 17), with canned bodies from Stripe's fixtures
//! (`STRIPE_FIXTURES`) broken on purpose: an error whose nested object has another
//! shape still gives its kind, code and message; a broken expanded object is an error
//! wherever it sits, naming where; an event whose object does not decode still gives
//! the event.

use serde_json::{json, Value};
use stripe_client::runtime::read_json_slice;
use stripe_client::types::{Charge, Event, EventObject};
use stripe_client::{charges, ApiErrorKind, Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> Value {
    let path = std::env::var("STRIPE_FIXTURES").expect("STRIPE_FIXTURES names fixtures3.json");
    let text = std::fs::read_to_string(path).expect("fixtures file");
    let fixtures: Value = serde_json::from_str(&text).expect("fixtures JSON");
    fixtures["resources"][name].clone()
}

fn without(mut object: Value, field: &str) -> Value {
    object.as_object_mut().expect("an object").remove(field);
    object
}

#[tokio::test]
async fn a_card_error_keeps_its_kind_and_codes_when_a_nested_object_has_another_shape() {
    // A payment intent of another API version: `amount` is text, `status` is gone.
    let mut intent = fixture("payment_intent");
    intent["amount"] = json!("one thousand");
    let body = json!({"error": {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "param": "payment_method",
        "message": "Your card has insufficient funds.",
        "payment_intent": intent,
    }});
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(402)
                .insert_header("request-id", "req_declined")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    let client = Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .expect("client");
    let error = charges::retrieve(&client, &"ch_1".into(), &Default::default())
        .await
        .unwrap_err();
    let Error::Api(api) = error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.kind(), ApiErrorKind::Card);
    assert_eq!(api.code(), Some("card_declined"));
    assert_eq!(api.decline_code(), Some("insufficient_funds"));
    assert_eq!(api.param(), Some("payment_method"));
    assert_eq!(api.message(), Some("Your card has insufficient funds."));
    assert_eq!(api.request_id.as_deref(), Some("req_declined"));
    assert!(api.error.payment_intent.is_none());
    let left_out: Vec<String> = api.left_out.iter().map(ToString::to_string).collect();
    assert_eq!(
        left_out,
        ["at `payment_intent.amount`: expected an integer, found a string"]
    );
}

#[test]
fn a_broken_expanded_object_is_an_error_wherever_it_sits() {
    // The customer field is a union (customer or deleted customer); the payment intent
    // field is one type. Either, missing a required field, fails the same way.
    let mut charge = fixture("charge");
    charge["customer"] = without(fixture("customer"), "created");
    let problem = read_json_slice::<Charge>(charge.to_string().as_bytes()).unwrap_err();
    assert_eq!(problem.path(), "customer");
    assert_eq!(problem.message(), "missing field `created`");

    let mut charge = fixture("charge");
    charge["payment_intent"] = without(fixture("payment_intent"), "created");
    let problem = read_json_slice::<Charge>(charge.to_string().as_bytes()).unwrap_err();
    assert_eq!(problem.path(), "payment_intent");
    assert_eq!(problem.message(), "missing field `created`");

    // A kind the union does not know is still kept as it came.
    let mut charge = fixture("charge");
    charge["customer"] = json!({"object": "quantum_customer", "id": "qc_1"});
    let decoded = read_json_slice::<Charge>(charge.to_string().as_bytes()).expect("decodes");
    let customer = decoded.customer.expect("a customer");
    assert_eq!(customer.id(), "qc_1");
}

#[test]
fn an_event_whose_object_does_not_decode_still_gives_the_event() {
    let event = json!({
        "id": "evt_broken",
        "object": "event",
        "api_version": "2019-02-19",
        "created": 1_700_000_000,
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null},
        "type": "charge.succeeded",
        "data": {"object": without(fixture("charge"), "amount")},
    });
    let decoded = read_json_slice::<Event>(event.to_string().as_bytes()).expect("the event");
    assert_eq!(decoded.id, "evt_broken");
    assert_eq!(decoded.r#type.as_str(), "charge.succeeded");
    assert_eq!(decoded.created, 1_700_000_000);
    assert_eq!(decoded.api_version.as_deref(), Some("2019-02-19"));
    let EventObject::Undecodable(undecodable) = &decoded.data.object else {
        panic!(
            "expected an undecodable object, got {:?}",
            decoded.data.object
        );
    };
    assert_eq!(undecodable.value["id"], fixture("charge")["id"]);
    assert_eq!(undecodable.problem.to_string(), "missing field `amount`");
}
