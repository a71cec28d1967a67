//! A subscription with a 14-day trial, then the trial ended early and its first
//! invoice paid: the path of a SaaS sign-up, in test mode (`pm_card_visa` is Stripe's
//! test card). `STRIPE_PRICE` is a recurring price of yours (`price_...`).
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... STRIPE_PRICE=price_... cargo run --example subscription_trial
//! ```

use stripe_client::subscriptions::{self, CreateItems, UpdateTrialEnd};
use stripe_client::types::{Invoice, InvoiceStatus, Subscription};
use stripe_client::{customers, invoices, payment_methods};
use stripe_client::{Client, Error, Expand, Expandable};

/// Signs `email` up for `price` with a trial; returns the subscription (`trialing`).
pub async fn start_trial(client: &Client, email: &str, price: &str) -> Result<Subscription, Error> {
    let customer = customers::create(
        client,
        &customers::CreateParams {
            email: Some(email.to_string()),
            ..Default::default()
        },
    )
    .await?;
    // The card the invoices will charge once the trial ends.
    let card = payment_methods::attach(
        client,
        &"pm_card_visa".into(),
        &payment_methods::AttachParams {
            customer: Some(customer.id.clone()),
            ..Default::default()
        },
    )
    .await?;
    let params = subscriptions::CreateParams {
        customer: Some(customer.id),
        items: Some(vec![CreateItems {
            price: Some(price.to_string()),
            ..Default::default()
        }]),
        default_payment_method: Some(card.id),
        trial_period_days: Some(14),
        ..Default::default()
    };
    subscriptions::create(client, &params).await
}

/// Ends the trial now, which invoices the first period, and pays that invoice if
/// Stripe has not collected it yet (`None`: the subscription has no invoice).
pub async fn end_trial_and_pay(
    client: &Client,
    subscription: &Subscription,
) -> Result<Option<Invoice>, Error> {
    let params = subscriptions::UpdateParams {
        trial_end: Some(UpdateTrialEnd::Now),
        // The new invoice in the same answer, not only its ID.
        expand: Some(vec![Expand::<Subscription>::LATEST_INVOICE]),
        ..Default::default()
    };
    let subscription = subscriptions::update(client, &subscription.id, &params).await?;
    let Some(invoice) = subscription
        .latest_invoice
        .and_then(Expandable::into_object)
    else {
        return Ok(None);
    };
    if invoice.status == Some(InvoiceStatus::Open) {
        return invoices::pay(client, &invoice.id, &Default::default())
            .await
            .map(Some);
    }
    Ok(Some(invoice))
}

#[tokio::main]
#[allow(dead_code)] // tests/full_crate_2026/examples.rs includes this file for its functions
async fn main() -> Result<(), Error> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
    let price = std::env::var("STRIPE_PRICE").unwrap_or_default();
    let subscription = start_trial(&client, "jenny.rosen@example.com", &price).await?;
    println!(
        "{} is {} until {:?}",
        subscription.id, subscription.status, subscription.trial_end
    );
    if let Some(invoice) = end_trial_and_pay(&client, &subscription).await? {
        println!(
            "invoice {} is {:?}: {} due",
            invoice.id, invoice.status, invoice.amount_due
        );
    }
    Ok(())
}
