//! The generated client against a real HTTP server on 127.0.0.1 (wiremock): what goes on
//! the wire, and how every kind of answer comes back.

use serde_json::json;
use stripe_client::billing_portal::configurations::{self, UpdateBusinessProfile, UpdateParams};
use stripe_client::types::{ApplicationOrDeletedApplication, PortalSubscriptionCancelMode};
use stripe_client::{Client, Error, Expandable, Unsettable};
use tests::server_answering;
use wiremock::{MockServer, Request, ResponseTemplate};

const SECRET_KEY: &str = "sk_test_51SecretKeyThatMustNotLeak";

fn configuration_json() -> serde_json::Value {
    json!({
        "id": "bpc_123",
        "object": "billing_portal.configuration",
        "active": true,
        "application": null,
        "business_profile": {
            "headline": "Manage your plan",
            "privacy_policy_url": null,
            "terms_of_service_url": "https://example.test/terms"
        },
        "created": 1_690_000_000,
        "default_return_url": null,
        "features": {
            "customer_update": { "allowed_updates": ["email", "address"], "enabled": true },
            "invoice_history": { "enabled": true },
            "payment_method_update": { "enabled": false },
            "subscription_cancel": {
                "cancellation_reason": { "enabled": true, "options": ["too_expensive"] },
                "enabled": true,
                "mode": "at_period_end",
                "proration_behavior": "none"
            },
            "subscription_pause": { "enabled": false },
            "subscription_update": {
                "default_allowed_updates": ["price"],
                "enabled": true,
                "products": [{ "prices": ["price_1"], "product": "prod_1" }],
                "proration_behavior": "always_invoice"
            }
        },
        "is_default": false,
        "livemode": false,
        "login_page": { "enabled": true, "url": "https://billing.example.test/p/login/abc" },
        "metadata": { "order": "6735" },
        "updated": 1_690_000_100
    })
}

fn client_for(server: &MockServer) -> Client {
    Client::builder(SECRET_KEY)
        .base_url(server.uri())
        .build()
        .expect("client")
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

fn params_set_unset_leave() -> UpdateParams {
    UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("Hi & bye".into()),
            ..Default::default()
        }),
        default_return_url: Some(Unsettable::Unset),
        ..Default::default()
    }
}

#[tokio::test]
async fn update_sends_method_path_headers_and_exact_body() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(configuration_json())).await;
    let client = client_for(&server);

    configurations::update(&client, &"bpc_123".into(), &params_set_unset_leave())
        .await
        .expect("success");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.url.path(),
        "/v1/billing_portal/configurations/bpc_123"
    );
    assert_eq!(request.url.query(), None);
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "business_profile[headline]=Hi+%26+bye&default_return_url="
    );
    assert_eq!(
        header(&request, "authorization"),
        Some(&*format!("Bearer {SECRET_KEY}"))
    );
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&request, "stripe-version"), Some("2023-08-16"));
    assert_eq!(header(&request, "user-agent"), Some("stripe-client/0.1.0"));
    assert_eq!(header(&request, "stripe-account"), None);
    let key = header(&request, "idempotency-key").expect("POST carries an idempotency key");
    assert_uuid_v4(key);
}

fn assert_uuid_v4(key: &str) {
    let bytes = key.as_bytes();
    assert_eq!(bytes.len(), 36, "{key}");
    for (index, byte) in bytes.iter().enumerate() {
        match index {
            8 | 13 | 18 | 23 => assert_eq!(*byte, b'-', "{key}"),
            14 => assert_eq!(*byte, b'4', "version nibble of {key}"),
            19 => assert!(b"89ab".contains(byte), "variant of {key}"),
            _ => assert!(byte.is_ascii_hexdigit(), "{key}"),
        }
    }
}

#[tokio::test]
async fn each_post_gets_a_fresh_key_unless_the_caller_gives_one() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(configuration_json())).await;
    let client = client_for(&server);
    let params = UpdateParams::default();
    configurations::update(&client, &"bpc_1".into(), &params)
        .await
        .unwrap();
    configurations::update(&client, &"bpc_1".into(), &params)
        .await
        .unwrap();
    configurations::update(&client, &"bpc_1".into(), &params)
        .idempotency_key("order-6735-update")
        .stripe_account("acct_123")
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let keys: Vec<&str> = requests
        .iter()
        .map(|request| header(request, "idempotency-key").unwrap())
        .collect();
    assert_ne!(keys[0], keys[1], "generated keys differ per request");
    assert_eq!(keys[2], "order-6735-update");
    assert_eq!(header(&requests[2], "stripe-account"), Some("acct_123"));
    assert_eq!(header(&requests[0], "stripe-account"), None);
    // An empty form still is a form.
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn ids_are_one_percent_encoded_path_segment() {
    let cases = [
        (
            "bpc_1/../x",
            "/v1/billing_portal/configurations/bpc_1%2F..%2Fx",
        ),
        ("bpc 1", "/v1/billing_portal/configurations/bpc%201"),
        ("bpc?x=1", "/v1/billing_portal/configurations/bpc%3Fx%3D1"),
        ("bpc#frag", "/v1/billing_portal/configurations/bpc%23frag"),
        ("100%", "/v1/billing_portal/configurations/100%25"),
        ("é", "/v1/billing_portal/configurations/%C3%A9"),
    ];
    for (id, expected_path) in cases {
        let server =
            server_answering(ResponseTemplate::new(200).set_body_json(configuration_json())).await;
        configurations::update(&client_for(&server), &id.into(), &UpdateParams::default())
            .await
            .unwrap_or_else(|error| panic!("{id:?}: {error}"));
        let request = only_request(&server).await;
        assert_eq!(request.url.path(), expected_path, "id {id:?}");
        assert_eq!(request.url.query(), None, "id {id:?}");
    }
}

#[tokio::test]
async fn success_is_parsed_into_the_typed_configuration() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(configuration_json())).await;
    let configuration = configurations::update(
        &client_for(&server),
        &"bpc_123".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap();
    assert_eq!(configuration.id, "bpc_123");
    assert_eq!(configuration.object, "billing_portal.configuration");
    assert!(configuration.active);
    assert_eq!(configuration.application, None);
    assert_eq!(
        configuration.business_profile.headline.as_deref(),
        Some("Manage your plan")
    );
    assert_eq!(configuration.created, 1_690_000_000);
    assert_eq!(
        configuration.features.subscription_cancel.mode,
        PortalSubscriptionCancelMode::AtPeriodEnd
    );
    let products = configuration
        .features
        .subscription_update
        .products
        .as_ref()
        .unwrap();
    assert_eq!(products[0].product, "prod_1");
    assert_eq!(configuration.metadata.unwrap()["order"], "6735");
}

#[tokio::test]
async fn unknown_enum_values_and_fields_still_parse() {
    let mut body = configuration_json();
    body["features"]["subscription_cancel"]["mode"] = json!("at_the_end_of_time");
    body["a_field_added_later"] = json!({ "nested": [1, 2, 3] });
    body["features"]["invoice_history"]["another_new_field"] = json!(true);
    let server = server_answering(ResponseTemplate::new(200).set_body_json(body)).await;
    let configuration = configurations::update(
        &client_for(&server),
        &"bpc_123".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap();
    assert_eq!(
        configuration.features.subscription_cancel.mode,
        PortalSubscriptionCancelMode::Unrecognized("at_the_end_of_time".into())
    );
    assert_eq!(
        configuration.features.subscription_cancel.mode.as_str(),
        "at_the_end_of_time"
    );
    // Unknown fields are kept, and written back when serialised.
    assert_eq!(
        configuration.other_fields["a_field_added_later"],
        json!({ "nested": [1, 2, 3] })
    );
    let again = serde_json::to_value(&configuration).unwrap();
    assert_eq!(
        again["features"]["invoice_history"]["another_new_field"],
        json!(true)
    );
}

#[tokio::test]
async fn expandable_fields_take_an_id_or_the_object() {
    let mut body = configuration_json();
    body["application"] = json!("ca_123");
    let server = server_answering(ResponseTemplate::new(200).set_body_json(body.clone())).await;
    let configuration = configurations::update(
        &client_for(&server),
        &"bpc_1".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap();
    let application = configuration.application.unwrap();
    assert!(!application.is_expanded());
    assert_eq!(application.id(), "ca_123");

    body["application"] =
        json!({ "id": "ca_123", "object": "application", "deleted": true, "name": null });
    let server = server_answering(ResponseTemplate::new(200).set_body_json(body)).await;
    let configuration = configurations::update(
        &client_for(&server),
        &"bpc_1".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap();
    let application = configuration.application.unwrap();
    // The ID is there whether or not the field was expanded.
    assert_eq!(application.id(), "ca_123");
    match application {
        Expandable::Object(object) => match *object {
            ApplicationOrDeletedApplication::DeletedApplication(deleted) => {
                assert!(deleted.deleted);
                assert_eq!(deleted.id, "ca_123");
            }
            other => panic!("expected the deleted application, got {other:?}"),
        },
        other => panic!("expected the object, got {other:?}"),
    }
}

#[tokio::test]
async fn stripe_error_becomes_an_api_error() {
    let body = json!({
        "error": {
            "type": "invalid_request_error",
            "code": "resource_missing",
            "param": "configuration",
            "message": "No such configuration: 'bpc_404'",
            "doc_url": "https://stripe.com/docs/error-codes/resource-missing"
        }
    });
    let server = server_answering(
        ResponseTemplate::new(400)
            .set_body_json(body)
            .insert_header("Request-Id", "req_abc123"),
    )
    .await;
    let error = configurations::update(
        &client_for(&server),
        &"bpc_404".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status, 400);
    assert_eq!(api.request_id.as_deref(), Some("req_abc123"));
    assert_eq!(api.error.code.as_deref(), Some("resource_missing"));
    assert_eq!(api.error.param.as_deref(), Some("configuration"));
    assert_eq!(
        api.error.message.as_deref(),
        Some("No such configuration: 'bpc_404'")
    );
    assert_eq!(api.error.r#type.as_str(), "invalid_request_error");
    let shown = error.to_string();
    assert!(
        shown.contains("400") && shown.contains("req_abc123") && shown.contains("resource_missing"),
        "{shown}"
    );
    assert_eq!(error.status(), Some(400));
}

#[tokio::test]
async fn html_from_a_proxy_is_an_unexpected_response_with_a_bounded_excerpt() {
    let page = format!(
        "<html><body><h1>502 Bad Gateway</h1>{}</body></html>",
        "x".repeat(5000)
    );
    let server = server_answering(
        ResponseTemplate::new(502)
            .set_body_raw(page, "text/html")
            .insert_header("Request-Id", "req_proxy"),
    )
    .await;
    let error = configurations::update(
        &client_for(&server),
        &"bpc_1".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap_err();
    match &error {
        Error::UnexpectedResponse {
            status,
            request_id,
            body_excerpt,
            ..
        } => {
            assert_eq!(*status, 502);
            assert_eq!(request_id.as_deref(), Some("req_proxy"));
            assert!(body_excerpt.starts_with("<html><body><h1>502 Bad Gateway"));
            assert!(
                body_excerpt.len() <= 512,
                "excerpt of {} bytes",
                body_excerpt.len()
            );
        }
        other => panic!("expected an unexpected-response error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_success_that_is_not_the_object_is_an_undecodable_success() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(json!({ "id": 5 }))).await;
    let error = configurations::update(
        &client_for(&server),
        &"bpc_1".into(),
        &UpdateParams::default(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::UndecodableSuccess { status: 200, body, .. } if body == br#"{"id":5}"#),
        "{error:?}"
    );
}

/// A body that is JSON but not the object names what is wrong, by its path: the first
/// problem in field order, a missing required field as such, a nested one under its
/// parents; whatever else is wrong later does not hide it.
#[tokio::test]
async fn an_undecodable_success_names_the_first_problem_by_its_path() {
    let reason_for = |body: serde_json::Value| async move {
        let server = server_answering(ResponseTemplate::new(200).set_body_json(body)).await;
        let error = configurations::update(
            &client_for(&server),
            &"bpc_1".into(),
            &UpdateParams::default(),
        )
        .await
        .unwrap_err();
        match error {
            Error::UndecodableSuccess { reason, .. } => reason,
            other => panic!("expected an undecodable success, got {other:?}"),
        }
    };

    let mut nested = configuration_json();
    nested["features"]["invoice_history"]
        .as_object_mut()
        .unwrap()
        .remove("enabled");
    assert_eq!(
        reason_for(nested).await,
        "at `features.invoice_history`: missing field `enabled`"
    );
    // In a list, the item's index; a value of the wrong type says what was found.
    let mut listed = configuration_json();
    listed["features"]["subscription_update"]["products"] = serde_json::json!([{"prices": ["price_1"], "product": "prod_1"}, {"prices": [7], "product": "prod_2"}]);
    assert_eq!(
        reason_for(listed).await,
        "at `features.subscription_update.products[1].prices[0]`: expected a string, found a number"
    );

    // A value of the wrong type is met while reading; a missing field only at the end.
    let mut two = configuration_json();
    two["default_return_url"] = json!(42);
    two.as_object_mut().unwrap().remove("id");
    assert_eq!(
        reason_for(two).await,
        "at `default_return_url`: expected a string, found a number"
    );

    let mut missing = configuration_json();
    missing.as_object_mut().unwrap().remove("updated");
    assert_eq!(reason_for(missing).await, "missing field `updated`");

    // Optional fields may be absent or null.
    let mut sparse = configuration_json();
    sparse.as_object_mut().unwrap().remove("metadata");
    sparse["application"] = serde_json::Value::Null;
    let server = server_answering(ResponseTemplate::new(200).set_body_json(sparse)).await;
    let configuration = configurations::update(
        &client_for(&server),
        &"bpc_1".into(),
        &UpdateParams::default(),
    )
    .await
    .expect("decodes");
    assert!(configuration.metadata.is_none() && configuration.application.is_none());
}

#[tokio::test]
async fn invalid_params_fail_before_anything_is_sent() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(configuration_json())).await;
    let client = client_for(&server);

    let too_long = UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("h".repeat(61)),
            ..Default::default()
        }),
        expand: Some(vec!["ok".into(), "e".repeat(5001)]),
        ..Default::default()
    };
    let error = configurations::update(&client, &"bpc_1".into(), &too_long)
        .await
        .unwrap_err();
    let Error::InvalidParams(invalid) = &error else {
        panic!("expected invalid params, got {error:?}");
    };
    let params: Vec<&str> = invalid.problems.iter().map(|p| p.param.as_str()).collect();
    assert_eq!(params, ["business_profile[headline]", "expand[1]"]);
    // One clean sentence per problem.
    assert_eq!(
        error.to_string(),
        "invalid parameters, nothing was sent. `business_profile[headline]` must be at most \
         60 characters, got 61. `expand[1]` must be at most 5000 characters, got 5001."
    );

    // Exactly at the limit is fine, counted in characters, not bytes.
    let at_limit = UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("é".repeat(60)),
            ..Default::default()
        }),
        ..Default::default()
    };
    configurations::update(&client, &"bpc_1".into(), &at_limit)
        .await
        .unwrap();

    for bad_id in ["", ".", "..", &"i".repeat(5001)] {
        let error = configurations::update(&client, &bad_id.into(), &UpdateParams::default())
            .await
            .unwrap_err();
        match error {
            Error::InvalidParams(invalid) => assert_eq!(invalid.problems[0].param, "configuration"),
            other => panic!("id {bad_id:?}: expected invalid params, got {other:?}"),
        }
    }
    let error = configurations::update(&client, &"..".into(), &UpdateParams::default())
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid parameters, nothing was sent. `configuration` must be an ID, not `..`."
    );
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1, "only the valid call reached the server");
}

/// A call checks and encodes its arguments when it is made and sends the request when
/// awaited: the params may be dropped before the await, a call that is never awaited
/// sends nothing, and the future can be spawned on another thread.
#[tokio::test]
async fn a_call_is_sent_when_awaited_and_only_then() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(configuration_json())).await;
    let client = client_for(&server);

    let dropped = configurations::update(&client, &"bpc_1".into(), &params_set_unset_leave());
    drop(dropped);
    assert!(server.received_requests().await.unwrap().is_empty());

    // The params and the id are encoded at once, so they need not outlive the call.
    let call = {
        let params = params_set_unset_leave();
        let id = stripe_client::Id::from("bpc_1");
        configurations::update(&client, &id, &params)
    };
    assert!(server.received_requests().await.unwrap().is_empty());
    let spawned = tokio::spawn({
        let client = client.clone();
        async move {
            let params = params_set_unset_leave();
            configurations::update(&client, &"bpc_2".into(), &params).await
        }
    });
    call.await.expect("first call");
    spawned.await.expect("task").expect("second call");
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.path().to_string())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(paths.contains(&"/v1/billing_portal/configurations/bpc_1".to_string()));
    assert!(paths.contains(&"/v1/billing_portal/configurations/bpc_2".to_string()));
}

#[tokio::test]
async fn the_secret_key_never_shows() {
    let server = server_answering(ResponseTemplate::new(401).set_body_json(json!({
        "error": { "type": "invalid_request_error", "message": "Invalid API Key provided" }
    })))
    .await;
    let client = client_for(&server);
    let error = configurations::update(&client, &"bpc_1".into(), &UpdateParams::default())
        .await
        .unwrap_err();
    let invalid = configurations::update(&client, &"".into(), &UpdateParams::default())
        .await
        .unwrap_err();
    let unreachable = Client::builder(SECRET_KEY)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let transport = configurations::update(&unreachable, &"bpc_1".into(), &UpdateParams::default())
        .await
        .unwrap_err();
    assert!(matches!(transport, Error::Transport(_)), "{transport:?}");
    let shown = [
        format!("{client:?}"),
        format!("{:?}", Client::builder(SECRET_KEY)),
        format!("{error:?} {error}"),
        format!("{invalid:?} {invalid}"),
        format!("{transport:?} {transport}"),
    ];
    for text in shown {
        assert!(
            !text.contains("SecretKeyThatMustNotLeak"),
            "key leaked in: {text}"
        );
    }
    let bad_key = Client::new("sk_test_\nInjected: header").unwrap_err();
    assert!(!bad_key.to_string().contains("Injected"), "{bad_key}");
}

#[test]
fn base_urls_are_checked() {
    assert!(Client::builder("sk").base_url("not a url").build().is_err());
    assert!(Client::builder("sk")
        .base_url("ftp://127.0.0.1")
        .build()
        .is_err());
    let client = Client::builder("sk")
        .base_url("http://127.0.0.1:1234/")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:1234");
    assert_eq!(
        Client::new("sk").unwrap().base_url(),
        "https://api.stripe.com"
    );
}
