//! A webhook endpoint on axum for the crate generated from the current spec: it
//! verifies the `Stripe-Signature`, fulfils paid Checkout Sessions (reading their line
//! items from the API), and takes v2 event notifications ("thin events") on a second
//! route. It answers 200 at once (slow work belongs in a task or a queue) and 400 to
//! anything that is not a verified event.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... STRIPE_WEBHOOK_SECRET=whsec_... \
//!     cargo run --example webhook_server
//! stripe listen --forward-to 127.0.0.1:4242/webhooks   # Stripe CLI, in another shell
//! ```
//!
//! Events are typed in the crate's API version (`stripe_client::API_VERSION`): create
//! the endpoint pinned to it, or `stripe listen` with `--latest` if that is the newest.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use stripe_client::checkout::sessions;
use stripe_client::types::{CheckoutSession, CheckoutSessionPaymentStatus};
use stripe_client::webhooks::{EventObject, EventType, Webhook};
use stripe_client::{Client, Error, Expand, Id};

/// What the handlers share: the endpoint's signing secret and a client for the calls
/// that fulfil an order.
pub struct Endpoint {
    pub webhook: Webhook,
    pub client: Client,
    /// Where fulfilment reports what it did (a real shop writes to its database).
    pub fulfilled: tokio::sync::mpsc::UnboundedSender<String>,
}

/// The endpoint's routes: v1 events at `/webhooks`, event notifications at
/// `/thin-events`.
pub fn app(endpoint: Endpoint) -> Router {
    Router::new()
        .route("/webhooks", post(receive_event))
        .route("/thin-events", post(receive_notification))
        .with_state(Arc::new(endpoint))
}

fn signature(headers: &HeaderMap) -> &str {
    headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

async fn receive_event(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Bytes, // the raw bytes: the signature covers them exactly
) -> StatusCode {
    let event = match endpoint.webhook.construct_event(&body, signature(&headers)) {
        Ok(event) => event,
        Err(error) => {
            eprintln!("refused a webhook: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    match (&event.r#type, event.data.object) {
        (EventType::CheckoutSessionCompleted, EventObject::CheckoutSession(session))
            if session.payment_status == CheckoutSessionPaymentStatus::Paid =>
        {
            // Hand off the work; Stripe only needs to hear that the event arrived.
            let endpoint = Arc::clone(&endpoint);
            tokio::spawn(async move {
                if let Err(error) = fulfil(&endpoint, &session.id).await {
                    eprintln!("fulfilling {} failed: {error}", session.id);
                }
            });
        }
        (other, _) => println!("{} {} not handled", event.id, other.as_str()),
    }
    StatusCode::OK
}

/// Reads what was bought: an event carries the session without its line items, so
/// they are asked for (typed expansion: a field the spec lets you expand).
async fn fulfil(endpoint: &Endpoint, id: &Id<CheckoutSession>) -> Result<(), Error> {
    let params = sessions::RetrieveParams {
        expand: Some(vec![Expand::<CheckoutSession>::LINE_ITEMS]),
        ..Default::default()
    };
    let session = sessions::retrieve(&endpoint.client, id, &params).await?;
    let order = session
        .metadata
        .as_ref()
        .and_then(|metadata| metadata.get("order"))
        .map_or("(no order)", String::as_str);
    for item in session.line_items.iter().flat_map(|items| &items.data) {
        let line = format!(
            "order {order}: {} x {}",
            item.quantity.unwrap_or(1),
            item.description.as_deref().unwrap_or("?")
        );
        let _ = endpoint.fulfilled.send(line);
    }
    Ok(())
}

async fn receive_notification(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let notification = match endpoint
        .webhook
        .parse_event_notification(&body, signature(&headers))
    {
        Ok(notification) => notification,
        Err(error) => {
            eprintln!("refused an event notification: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    // A notification names the event; its details are one call away.
    let endpoint = Arc::clone(&endpoint);
    tokio::spawn(async move {
        let event = match notification.fetch_event(&endpoint.client).await {
            Ok(answer) => answer.json::<stripe_client::types::V2CoreEvent>(),
            Err(error) => Err(error),
        };
        match event {
            Ok(event) => {
                let _ = endpoint
                    .fulfilled
                    .send(format!("{} {}", notification.r#type, event.id));
            }
            Err(error) => eprintln!("fetching {} failed: {error}", notification.id),
        }
    });
    StatusCode::OK
}

#[tokio::main]
#[allow(dead_code)] // tests/full_crate_2026/examples.rs includes this file for `app`
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").map_err(|_| {
        std::io::Error::other("set STRIPE_WEBHOOK_SECRET to the endpoint's whsec_...")
    })?;
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())
        .map_err(std::io::Error::other)?;
    let (fulfilled, mut reports) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(report) = reports.recv().await {
            println!("{report}");
        }
    });
    let endpoint = Endpoint {
        webhook: Webhook::new(secret),
        client,
        fulfilled,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:4242").await?;
    println!("listening on http://127.0.0.1:4242/webhooks and /thin-events");
    axum::serve(listener, app(endpoint)).await
}
