//! The `tracing` feature: one span per call with what was asked and what came back,
//! captured by a recording subscriber; never the key, a header or a body.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use stripe_client::billing_portal::configurations::{self, UpdateBusinessProfile, UpdateParams};
use stripe_client::Client;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

type Spans = Arc<Mutex<Vec<(String, BTreeMap<String, String>)>>>;

/// Records every span's name and fields (as text), in creation order.
#[derive(Default)]
struct Recorder {
    spans: Spans,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut spans = self.spans.lock().unwrap();
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        spans.push((span.metadata().name().to_string(), fields));
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let index = span.into_u64() as usize - 1;
        values.record(&mut Fields(&mut spans[index].1));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn configuration() -> serde_json::Value {
    tests::portal_configuration_json()
}

#[tokio::test]
async fn each_call_is_one_span_with_its_outcome_and_no_secrets() {
    let spans = Spans::default();
    let _guard = tracing::subscriber::set_default(Recorder {
        spans: spans.clone(),
    });
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({ "error": { "type": "api_error" } })),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(configuration())
                .insert_header("Request-Id", "req_traced"),
        )
        .mount(&server)
        .await;
    let client = Client::builder("sk_test_never_traced")
        .base_url(server.uri())
        .retry_delays(Duration::from_millis(5), Duration::from_millis(10))
        .build()
        .unwrap();
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("body_text_never_traced".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    configurations::update(&client, &"bpc_1".into(), &params)
        .await
        .unwrap();

    let spans = spans.lock().unwrap();
    let calls: Vec<&BTreeMap<String, String>> = spans
        .iter()
        .filter(|(name, _)| name == "stripe.request")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(calls.len(), 1, "one span per call: {spans:?}");
    let call = calls[0];
    assert_eq!(
        call["operation"],
        "PostBillingPortalConfigurationsConfiguration"
    );
    assert_eq!(call["method"], "POST");
    assert_eq!(call["path"], "/v1/billing_portal/configurations/bpc_1");
    assert_eq!(call["attempts"], "2");
    assert_eq!(call["status"], "200");
    assert_eq!(call["request_id"], "req_traced");
    assert!(call["elapsed_ms"].parse::<u64>().is_ok(), "{call:?}");
    let everything = format!("{spans:?}");
    assert!(!everything.contains("sk_test_never_traced"));
    assert!(!everything.contains("body_text_never_traced"));
}
