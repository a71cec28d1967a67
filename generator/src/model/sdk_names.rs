//! Where Stripe's official SDKs name a call differently from the path rule.
//!
//! Newer spec versions carry these names as `x-stripeOperations`; the 2023-08-16 spec
//! does not, so the few that differ from [`super::operations`]' rule are listed here,
//! keyed by operationId: (module, function).

use super::names::SnakeIdent;

pub(super) const OVERRIDES: &[(&str, &str, &str)] = &[
    (
        "PostInvoicesInvoiceFinalize",
        "invoices",
        "finalize_invoice",
    ),
    ("PostInvoicesInvoiceSend", "invoices", "send_invoice"),
    ("PostInvoicesInvoiceVoid", "invoices", "void_invoice"),
    ("GetInvoicesUpcoming", "invoices", "upcoming"),
    ("GetInvoicesUpcomingLines", "invoices", "upcoming_lines"),
    (
        "DeleteSubscriptionsSubscriptionExposedId",
        "subscriptions",
        "cancel",
    ),
    (
        "DeleteCustomersCustomerSubscriptionsSubscriptionExposedId",
        "customers::subscriptions",
        "cancel",
    ),
    ("GetQuotesQuotePdf", "quotes", "pdf"),
];

/// The SDK's location of an operation, if it differs from the rule.
pub(super) fn lookup(operation_id: &str) -> Option<(super::ModulePath, SnakeIdent)> {
    let (_, module, function) = OVERRIDES.iter().find(|(id, _, _)| *id == operation_id)?;
    let module = super::ModulePath::new(module.split("::").map(SnakeIdent::from_spec).collect())?;
    Some((module, SnakeIdent::from_spec(function)))
}
