//! A Checkout Session for a one-off payment: the customer pays on Stripe's page, and
//! `webhook_server.rs` fulfils the order when `checkout.session.completed` arrives.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run --example checkout
//! ```

use stripe_client::checkout::sessions::{
    self, CreateLineItems, CreateLineItemsPriceData, CreateLineItemsPriceDataProductData,
    CreateMode, CreateParams,
};
use stripe_client::types::CheckoutSession;
use stripe_client::{Client, Currency, Error};

/// Opens a session selling one T-shirt for $20.00; the order's number travels in the
/// metadata, so the webhook handler knows what to fulfil.
pub async fn create_session(client: &Client, order: &str) -> Result<CheckoutSession, Error> {
    let params = CreateParams {
        mode: Some(CreateMode::Payment),
        line_items: Some(vec![CreateLineItems {
            price_data: Some(CreateLineItemsPriceData {
                product_data: Some(CreateLineItemsPriceDataProductData::new("T-shirt")),
                unit_amount: Some(2000),
                ..CreateLineItemsPriceData::new(Currency::USD)
            }),
            quantity: Some(1),
            ..Default::default()
        }]),
        success_url: Some("https://example.com/success?session_id={CHECKOUT_SESSION_ID}".into()),
        metadata: Some([("order".to_string(), order.to_string())].into()),
        ..Default::default()
    };
    // The same key on a retry (a lost answer) cannot open a second session.
    sessions::create(client, &params)
        .idempotency_key(format!("checkout-{order}"))
        .await
}

#[tokio::main]
#[allow(dead_code)] // tests/full_crate_2026/examples.rs includes this file for its functions
async fn main() -> Result<(), Error> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
    let session = create_session(&client, "6735").await?;
    println!("pay at {}", session.url.as_deref().unwrap_or("(no URL)"));
    Ok(())
}
