//! Connect: a connected account for a seller, the link that onboards them, a transfer
//! of part of a sale to them, and a call made as that account (`Stripe-Account`).
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run --example connect
//! ```

use stripe_client::account_links::{self, CreateType as LinkType};
use stripe_client::accounts::{self, CreateCapabilities, CreateCapabilitiesTransfers, CreateType};
use stripe_client::types::{Account, AccountLink, Transfer};
use stripe_client::{balance, transfers, Client, Currency, Error, Id};

/// An Express account that can take card payments and receive transfers.
pub async fn create_seller(client: &Client, email: &str) -> Result<Account, Error> {
    let requested = Some(CreateCapabilitiesTransfers {
        requested: Some(true),
    });
    let params = accounts::CreateParams {
        r#type: Some(CreateType::Express),
        country: Some("US".into()),
        email: Some(email.into()),
        capabilities: Some(CreateCapabilities {
            card_payments: requested.clone(),
            transfers: requested,
            ..Default::default()
        }),
        ..Default::default()
    };
    accounts::create(client, &params).await
}

/// Where to send the seller to finish onboarding (the link expires after minutes:
/// make a new one each time they come back through `refresh_url`).
pub async fn onboarding_link(client: &Client, account: &Id<Account>) -> Result<AccountLink, Error> {
    let params = account_links::CreateParams {
        refresh_url: Some("https://example.com/connect/refresh".into()),
        return_url: Some("https://example.com/connect/done".into()),
        ..account_links::CreateParams::new(account.to_string(), LinkType::AccountOnboarding)
    };
    account_links::create(client, &params).await
}

/// Pays the seller their share of an order, from the platform's balance.
pub async fn pay_seller(
    client: &Client,
    account: &Id<Account>,
    cents: i64,
) -> Result<Transfer, Error> {
    let params = transfers::CreateParams {
        amount: Some(cents),
        transfer_group: Some("order-6735".into()),
        ..transfers::CreateParams::new(Currency::USD, account.clone())
    };
    transfers::create(client, &params).await
}

/// The seller's available balance in cents per currency, read as the seller: every
/// call of `as_seller` carries `Stripe-Account`.
pub async fn seller_balance(
    client: &Client,
    account: &Id<Account>,
) -> Result<Vec<(Currency, i64)>, Error> {
    let as_seller = client.with_stripe_account(account.to_string());
    let balance = balance::retrieve(&as_seller, &Default::default()).await?;
    Ok(balance
        .available
        .into_iter()
        .map(|amount| (amount.currency, amount.amount))
        .collect())
}

#[tokio::main]
#[allow(dead_code)] // tests/full_crate_2026/examples.rs includes this file for its functions
async fn main() -> Result<(), Error> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
    let seller = create_seller(&client, "seller@example.com").await?;
    let link = onboarding_link(&client, &seller.id).await?;
    println!("onboard {} at {}", seller.id, link.url);
    // Transfers need the seller onboarded and the platform's balance funded.
    match pay_seller(&client, &seller.id, 1500).await {
        Ok(transfer) => println!("transferred: {}", transfer.id),
        Err(error) => println!("no transfer yet: {error}"),
    }
    for (currency, cents) in seller_balance(&client, &seller.id).await? {
        println!("seller has {cents} {currency} available");
    }
    Ok(())
}
