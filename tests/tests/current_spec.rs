//! Stripe's current spec (`STRIPE_SPEC_2026`, default
//! `../shared/stripe-openapi-2026/spec3.json`: 2026-05-27.dahlia, v1 and v2 in one
//! file) goes through load and model unpatched, and every v2 operation lands where
//! stripe-node puts it (`stripe.v2.core.accounts.retrieve` ->
//! `v2::core::accounts::retrieve`). Compiling the crate is `full_spec.rs`'s job.

use generator::model::{ApiGeneration, Method, PageKind, ParamsIn, Selection, TypeRef};
use tests::stripe_spec_2026;

fn model() -> generator::model::Api {
    let spec = generator::load::load(&stripe_spec_2026()).unwrap_or_else(|f| panic!("{f}"));
    generator::model::build(&spec, &Selection::all()).unwrap_or_else(|diagnostics| {
        panic!(
            "{} diagnostics, first: {:?}",
            diagnostics.len(),
            diagnostics[0]
        )
    })
}

/// operationId -> the call's module and function, written by hand from the spec's
/// paths and stripe-node 23.1.0's resource names.
const V2_LOCATIONS: &[(&str, &str, &str)] = &[
    (
        "PostV2BillingMeterEventAdjustments",
        "v2::billing::meter_event_adjustments",
        "create",
    ),
    (
        "PostV2BillingMeterEventSession",
        "v2::billing::meter_event_session",
        "create",
    ),
    (
        "PostV2BillingMeterEventStream",
        "v2::billing::meter_event_stream",
        "create",
    ),
    (
        "PostV2BillingMeterEvents",
        "v2::billing::meter_events",
        "create",
    ),
    (
        "GetV2CommerceProductCatalogImports",
        "v2::commerce::product_catalog::imports",
        "list",
    ),
    (
        "PostV2CommerceProductCatalogImports",
        "v2::commerce::product_catalog::imports",
        "create",
    ),
    (
        "GetV2CommerceProductCatalogImportsId",
        "v2::commerce::product_catalog::imports",
        "retrieve",
    ),
    (
        "PostV2CoreAccountLinks",
        "v2::core::account_links",
        "create",
    ),
    (
        "PostV2CoreAccountTokens",
        "v2::core::account_tokens",
        "create",
    ),
    (
        "GetV2CoreAccountTokensId",
        "v2::core::account_tokens",
        "retrieve",
    ),
    ("GetV2CoreAccounts", "v2::core::accounts", "list"),
    ("PostV2CoreAccounts", "v2::core::accounts", "create"),
    ("GetV2CoreAccountsId", "v2::core::accounts", "retrieve"),
    ("PostV2CoreAccountsId", "v2::core::accounts", "update"),
    ("PostV2CoreAccountsIdClose", "v2::core::accounts", "close"),
    (
        "PostV2CoreAccountsAccountIdPersonTokens",
        "v2::core::accounts::person_tokens",
        "create",
    ),
    (
        "GetV2CoreAccountsAccountIdPersonTokensId",
        "v2::core::accounts::person_tokens",
        "retrieve",
    ),
    (
        "GetV2CoreAccountsAccountIdPersons",
        "v2::core::accounts::persons",
        "list",
    ),
    (
        "PostV2CoreAccountsAccountIdPersons",
        "v2::core::accounts::persons",
        "create",
    ),
    (
        "GetV2CoreAccountsAccountIdPersonsId",
        "v2::core::accounts::persons",
        "retrieve",
    ),
    (
        "PostV2CoreAccountsAccountIdPersonsId",
        "v2::core::accounts::persons",
        "update",
    ),
    (
        "DeleteV2CoreAccountsAccountIdPersonsId",
        "v2::core::accounts::persons",
        "delete",
    ),
    (
        "GetV2CoreEventDestinations",
        "v2::core::event_destinations",
        "list",
    ),
    (
        "PostV2CoreEventDestinations",
        "v2::core::event_destinations",
        "create",
    ),
    (
        "GetV2CoreEventDestinationsId",
        "v2::core::event_destinations",
        "retrieve",
    ),
    (
        "PostV2CoreEventDestinationsId",
        "v2::core::event_destinations",
        "update",
    ),
    (
        "DeleteV2CoreEventDestinationsId",
        "v2::core::event_destinations",
        "delete",
    ),
    (
        "PostV2CoreEventDestinationsIdDisable",
        "v2::core::event_destinations",
        "disable",
    ),
    (
        "PostV2CoreEventDestinationsIdEnable",
        "v2::core::event_destinations",
        "enable",
    ),
    (
        "PostV2CoreEventDestinationsIdPing",
        "v2::core::event_destinations",
        "ping",
    ),
    ("GetV2CoreEvents", "v2::core::events", "list"),
    ("GetV2CoreEventsId", "v2::core::events", "retrieve"),
];

#[test]
fn every_operation_generates_and_v2_calls_have_their_intended_names() {
    let api = model();
    assert_eq!(api.operations.len(), 619);
    assert_eq!(api.api_version, "2026-05-27.dahlia");
    let v2: Vec<_> = api
        .operations
        .iter()
        .filter(|op| op.generation == ApiGeneration::V2)
        .collect();
    assert_eq!(v2.len(), V2_LOCATIONS.len());
    for (operation_id, module, function) in V2_LOCATIONS {
        let op = v2
            .iter()
            .find(|op| op.operation_id == *operation_id)
            .unwrap_or_else(|| panic!("{operation_id} is no v2 operation"));
        assert_eq!(
            (op.module.to_string().as_str(), op.function.plain()),
            (*module, *function),
            "{operation_id}"
        );
    }
    // No call anywhere falls back to its operationId, and no v1 call shares a v2 module.
    for op in &api.operations {
        assert_ne!(
            op.function.plain(),
            heck_snake(&op.operation_id),
            "{} is named after its operationId",
            op.operation_id
        );
        let in_v2 = op.module.resource().plain() == "v2";
        assert_eq!(
            in_v2,
            op.generation == ApiGeneration::V2,
            "{}",
            op.operation_id
        );
    }
}

/// `PostV2CoreAccounts` -> `post_v2_core_accounts`: the name a fallback would take.
fn heck_snake(operation_id: &str) -> String {
    let mut out = String::new();
    for (index, ch) in operation_id.char_indices() {
        let after_lower_or_digit = index > 0
            && operation_id[..index]
                .chars()
                .last()
                .is_some_and(|prev| prev.is_ascii_lowercase() || prev.is_ascii_digit());
        if ch.is_ascii_uppercase() && after_lower_or_digit {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

#[test]
fn v2_calls_take_json_bodies_and_lists_page_by_next_page_url() {
    let api = model();
    for op in api
        .operations
        .iter()
        .filter(|op| op.generation == ApiGeneration::V2)
    {
        let expected = match op.method {
            Method::Post => ParamsIn::Json,
            Method::Get | Method::Delete => ParamsIn::Query,
        };
        assert_eq!(op.params_in, expected, "{}", op.operation_id);
        if op.function.plain() == "list" {
            assert!(
                matches!(
                    op.response,
                    TypeRef::Page {
                        kind: PageKind::NextPageUrl,
                        ..
                    }
                ),
                "{}: {:?}",
                op.operation_id,
                op.response
            );
            assert!(
                op.pagination.is_some(),
                "{} has no list_auto",
                op.operation_id
            );
        }
    }
    // v1 keeps its forms.
    let v1_create = api
        .operations
        .iter()
        .find(|op| op.operation_id == "PostCustomers")
        .expect("PostCustomers");
    assert_eq!(v1_create.params_in, ParamsIn::Form);
    assert_eq!(v1_create.generation, ApiGeneration::V1);
}
