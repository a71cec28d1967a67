//! The `redact-debug` feature (this crate is tested with every feature on): `{:?}` of
//! answers, params, unions, events' objects and the errors and raw answers that carry
//! bodies shows type names, ids and sizes, never a customer's email, name, phone or
//! address. Against a real server on 127.0.0.1 (wiremock).

use serde_json::json;
use stripe_client::customers::{self, CreateParams};
use stripe_client::runtime::ExtraParams;
use stripe_client::{Client, Error, Method};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What must never be printed: every personal value in the answers below.
const PERSONAL: [&str; 5] = [
    "jenny@example.com",
    "Jenny Rosen",
    "+15555550123",
    "Main St",
    "Berlin",
];

fn customer() -> serde_json::Value {
    json!({
        "id": "cus_redact1", "object": "customer", "created": 1, "livemode": false,
        "email": "jenny@example.com", "name": "Jenny Rosen", "phone": "+15555550123",
        "address": { "line1": "1 Main St", "city": "Berlin", "country": "DE",
                     "line2": null, "postal_code": "10115", "state": null },
        "metadata": {}, "preferred_locales": []
    })
}

fn assert_private(printed: &str) {
    for value in PERSONAL {
        assert!(!printed.contains(value), "{value:?} printed in {printed}");
    }
}

#[tokio::test]
async fn debug_shows_names_and_ids_but_no_personal_data() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer()))
        .mount(&server)
        .await;
    let client = Client::builder("sk_test_redact")
        .base_url(server.uri())
        .build()
        .unwrap();

    let created = customers::create(&client, &CreateParams::default())
        .await
        .unwrap();
    let printed = format!("{created:?}");
    assert_eq!(printed, r#"Customer { id: "cus_redact1", .. }"#);
    assert_eq!(
        created.email.as_deref(),
        Some("jenny@example.com"),
        "the data is there"
    );

    let retrieved = customers::retrieve(&client, &"cus_redact1".into(), &Default::default())
        .await
        .unwrap();
    let printed = format!("{retrieved:?} {retrieved:#?}");
    assert!(printed.contains("cus_redact1"), "{printed}");
    assert_private(&printed);

    let params = CreateParams {
        email: Some("jenny@example.com".into()),
        name: Some("Jenny Rosen".into()),
        extra: ExtraParams::new().with("phone", "+15555550123"),
        ..Default::default()
    };
    let printed = format!("{params:?} {:?}", params.extra);
    assert!(printed.starts_with("CreateParams { .. }"), "{printed}");
    assert_private(&printed);
    // The multipart form of the same params: keys, never values.
    let parts = stripe_client::runtime::to_multipart(&params).unwrap();
    let printed = format!("{parts:?}");
    assert!(printed.contains("email"), "{printed}");
    assert_private(&printed);

    let raw = client
        .raw_request(
            Method::GET,
            "/v1/customers/cus_redact1",
            &ExtraParams::new(),
        )
        .await
        .unwrap();
    let printed = format!("{raw:?}");
    assert!(printed.contains("bytes"), "{printed}");
    assert_private(&printed);
}

#[tokio::test]
async fn errors_that_carry_a_body_do_not_print_it() {
    let server = MockServer::start().await;
    // A 2xx that is not a customer (no `created`): its whole body is kept in the error.
    let mut broken = customer();
    broken.as_object_mut().unwrap().remove("created");
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(broken))
        .mount(&server)
        .await;
    let client = Client::builder("sk_test_redact")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    let error = customers::create(&client, &CreateParams::default())
        .await
        .unwrap_err();
    let Error::UndecodableSuccess { body, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(String::from_utf8_lossy(body).contains("jenny@example.com"));
    let printed = format!("{error:?}");
    assert!(
        printed.contains("UndecodableSuccess") && printed.contains("bytes"),
        "{printed}"
    );
    assert_private(&printed);
}
