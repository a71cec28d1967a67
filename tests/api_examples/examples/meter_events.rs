//! Usage-based billing on Stripe's v2 API: a meter event per unit of use, each sent
//! once however often the request is retried, because its idempotency key and its
//! `identifier` come from your own record of the use.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... STRIPE_CUSTOMER=cus_... cargo run --example meter_events
//! ```
//!
//! The meter (`api_requests` here) is set up once, in the Dashboard or with
//! `billing::meters::create`. Its errors (a customer that does not exist, say) arrive
//! later as the thin event `v1.billing.meter.error_report_triggered`: see the
//! `/thin-events` route of `webhook_server.rs`.

use std::time::SystemTime;

use stripe_client::types::V2BillingMeterEvent;
use stripe_client::v2::billing::meter_events::{self, CreateParams};
use stripe_client::{Client, DateTime, Error};

/// Reports `requests` API requests of `customer`, as the usage record `record_id`
/// of your own database.
pub async fn report_usage(
    client: &Client,
    customer: &str,
    requests: u32,
    record_id: &str,
) -> Result<V2BillingMeterEvent, Error> {
    let payload = [
        ("stripe_customer_id".to_string(), customer.to_string()),
        ("value".to_string(), requests.to_string()),
    ];
    let params = CreateParams {
        // Stripe keeps one event per identifier for 24 hours.
        identifier: Some(format!("usage-{record_id}")),
        timestamp: Some(DateTime::from(SystemTime::now())),
        ..CreateParams::new("api_requests", payload.into())
    };
    meter_events::create(client, &params)
        // A retry after a lost answer is the same request, not a second event.
        .idempotency_key(format!("usage-{record_id}"))
        .await
}

#[tokio::main]
#[allow(dead_code)] // tests/full_crate_2026/examples.rs includes this file for its functions
async fn main() -> Result<(), Error> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
    let customer = std::env::var("STRIPE_CUSTOMER").unwrap_or_default();
    let event = report_usage(&client, &customer, 25, "4711").await?;
    println!(
        "{} recorded {:?} at {}",
        event.identifier, event.payload, event.timestamp
    );
    Ok(())
}
