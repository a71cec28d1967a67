//! Pagination with a filter: every customer created in the last 30 days with a given
//! email, fetched a page at a time as the stream is read, and the first page of one
//! customer's open invoices.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run --example pagination
//! ```

use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use stripe_client::customers::{self, ListCreated, ListCreatedRangeQuerySpecs};
use stripe_client::invoices::{self, ListStatus};
use stripe_client::types::{Customer, Invoice};
use stripe_client::{Client, Error, Id, Timestamp};

/// The customers with `email` created in the last 30 days, newest first, at most `max`.
pub async fn recent_customers(
    client: &Client,
    email: &str,
    max: usize,
) -> Result<Vec<Customer>, Error> {
    let since = Timestamp::now() - Duration::from_secs(30 * 24 * 60 * 60);
    let params = customers::ListParams {
        email: Some(email.to_string()),
        created: Some(ListCreated::RangeQuerySpecs(ListCreatedRangeQuerySpecs {
            gte: Some(since.unix_timestamp()),
            ..Default::default()
        })),
        // The page size; the stream asks for the next page when it reaches the end of one.
        limit: Some(100),
        ..Default::default()
    };
    customers::list_auto(client, &params)
        .take(max)
        .try_collect()
        .await
}

/// One page of `customer`'s open invoices, and whether Stripe has more.
pub async fn open_invoices(
    client: &Client,
    customer: &Id<Customer>,
) -> Result<(Vec<Invoice>, bool), Error> {
    let params = invoices::ListParams {
        customer: Some(customer.to_string()),
        status: Some(ListStatus::Open),
        limit: Some(10),
        ..Default::default()
    };
    let page = invoices::list(client, &params).await?;
    Ok((page.data, page.has_more))
}

#[tokio::main]
#[allow(dead_code)] // tests/full_crate_2026/examples.rs includes this file for its functions
async fn main() -> Result<(), Error> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
    for customer in recent_customers(&client, "jenny.rosen@example.com", 250).await? {
        let (invoices, more) = open_invoices(&client, &customer.id).await?;
        println!(
            "{} ({}): {} open invoices{}",
            customer.id,
            customer.created,
            invoices.len(),
            if more { " and more" } else { "" }
        );
    }
    Ok(())
}
