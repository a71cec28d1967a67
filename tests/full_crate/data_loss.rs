//! Regressions for encodings that deleted data, with the real generated types of the
//! full API: each body is pinned exactly as it reaches a server on 127.0.0.1, and a
//! value that cannot be sent never reaches it.

use std::collections::BTreeMap;

use stripe_client::{coupons, customers, invoices, subscriptions, Client, Error, Unsettable};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server answering every request with `object`.
async fn server_answering(object: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(object))
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .expect("client")
}

fn fixture(name: &str) -> serde_json::Value {
    let path = std::env::var("STRIPE_FIXTURES").expect("STRIPE_FIXTURES names fixtures3.json");
    let text = std::fs::read_to_string(path).expect("fixtures file");
    let fixtures: serde_json::Value = serde_json::from_str(&text).expect("fixtures JSON");
    fixtures["resources"][name].clone()
}

async fn bodies(server: &MockServer) -> Vec<String> {
    let sent: Vec<Request> = server.received_requests().await.expect("recording");
    sent.iter()
        .map(|request| String::from_utf8(request.body.clone()).expect("UTF-8 body"))
        .collect()
}

#[tokio::test]
async fn a_set_empty_metadata_map_sends_nothing_and_keeps_every_key() {
    let server = server_answering(fixture("customer")).await;
    let params = customers::UpdateParams {
        name: Some("Jenny".into()),
        metadata: Some(Unsettable::Set(BTreeMap::new())),
        ..Default::default()
    };
    customers::update(&client_for(&server), &"cus_1".into(), &params)
        .await
        .expect("update");
    assert_eq!(bodies(&server).await, ["name=Jenny"]);
}

#[tokio::test]
async fn a_set_empty_metadata_map_in_a_list_item_sends_nothing() {
    let server = server_answering(fixture("subscription")).await;
    let mut item = subscriptions::UpdateItems::default();
    item.id = Some("si_1".into());
    item.metadata = Some(Unsettable::Set(BTreeMap::new()));
    let params = subscriptions::UpdateParams {
        items: Some(vec![item]),
        ..Default::default()
    };
    subscriptions::update(&client_for(&server), &"sub_1".into(), &params)
        .await
        .expect("update");
    assert_eq!(bodies(&server).await, ["items[0][id]=si_1"]);
}

#[tokio::test]
async fn a_discount_list_whose_item_writes_nothing_is_not_a_clear() {
    let server = server_answering(fixture("invoice")).await;
    let params = invoices::UpdateParams {
        description: Some("March".into()),
        discounts: Some(Unsettable::Set(vec![invoices::UpdateDiscounts::default()])),
        ..Default::default()
    };
    invoices::update(&client_for(&server), &"in_1".into(), &params)
        .await
        .expect("update");
    // Only an empty list, or `Unset`, clears the discounts.
    let params = invoices::UpdateParams {
        discounts: Some(Unsettable::Set(vec![])),
        ..Default::default()
    };
    invoices::update(&client_for(&server), &"in_1".into(), &params)
        .await
        .expect("update");
    assert_eq!(bodies(&server).await, ["description=March", "discounts="]);
}

#[tokio::test]
async fn a_percentage_that_is_not_finite_is_refused_before_sending() {
    let server = server_answering(fixture("coupon")).await;
    for percent in [f64::NAN, f64::INFINITY] {
        let params = coupons::CreateParams {
            percent_off: Some(percent),
            ..Default::default()
        };
        let error = coupons::create(&client_for(&server), &params)
            .await
            .expect_err("refused");
        match error {
            Error::InvalidParams(invalid) => {
                assert_eq!(invalid.problems.len(), 1);
                assert_eq!(invalid.problems[0].param, "percent_off");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(bodies(&server).await.is_empty(), "nothing was sent");
    let params = coupons::CreateParams {
        percent_off: Some(12.5),
        ..Default::default()
    };
    coupons::create(&client_for(&server), &params)
        .await
        .expect("create");
    assert_eq!(bodies(&server).await, ["percent_off=12.5"]);
}
