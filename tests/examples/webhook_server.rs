//! A webhook endpoint on axum: verify the `Stripe-Signature`, match on the event,
//! answer 200 at once (slow work belongs in a task or a queue), 400 to anything that
//! is not a verified event.
//!
//! ```sh
//! STRIPE_WEBHOOK_SECRET=whsec_... cargo run -p tests --example webhook_server
//! stripe listen --forward-to 127.0.0.1:4242/webhooks   # Stripe CLI, in another shell
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use stripe_client::webhooks::{EventObject, EventType, Webhook};

/// The endpoint's routes, verifying with the endpoint's signing secret.
pub fn app(secret: &str) -> Router {
    Router::new()
        .route("/webhooks", post(receive))
        .with_state(Arc::new(Webhook::new(secret)))
}

async fn receive(
    State(webhook): State<Arc<Webhook>>,
    headers: HeaderMap,
    body: Bytes, // the raw bytes: the signature covers them exactly
) -> StatusCode {
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let event = match webhook.construct_event(&body, signature) {
        Ok(event) => event,
        Err(error) => {
            eprintln!("refused a webhook: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    match (&event.r#type, &event.data.object) {
        (
            EventType::BillingPortalConfigurationUpdated,
            EventObject::BillingPortalConfiguration(configuration),
        ) => {
            let id = configuration.id.clone();
            // Hand off the work; Stripe only needs to hear that the event arrived.
            tokio::spawn(async move { println!("portal configuration {id} changed") });
        }
        (other, _) => println!("{} {} not handled", event.id, other.as_str()),
    }
    StatusCode::OK
}

#[tokio::main]
#[allow(dead_code)] // the test includes this file for `app` only
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").map_err(|_| {
        std::io::Error::other("set STRIPE_WEBHOOK_SECRET to the endpoint's whsec_...")
    })?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:4242").await?;
    println!("listening on http://127.0.0.1:4242/webhooks");
    axum::serve(listener, app(&secret)).await
}
