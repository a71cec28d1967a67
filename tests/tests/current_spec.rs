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

/// The type of the field `wire` of the struct `module::type_name`.
fn field<'a>(
    api: &'a generator::model::Api,
    module: &str,
    type_name: &str,
    wire: &str,
) -> &'a generator::model::Field {
    let def = api
        .types
        .iter()
        .find(|def| def.name.name == type_name && def.name.module.to_string() == module)
        .unwrap_or_else(|| panic!("no type {module}::{type_name}"));
    let generator::model::TypeKind::Struct { fields } = &def.kind else {
        panic!("{type_name} is not a struct");
    };
    fields
        .iter()
        .find(|field| field.wire_name == wire)
        .unwrap_or_else(|| panic!("{type_name} has no {wire}"))
}

fn field_type(api: &generator::model::Api, module: &str, type_name: &str, wire: &str) -> TypeRef {
    field(api, module, type_name, wire).ty.clone()
}

/// The kind of object each typed ID names, as the spec's paths and resources say,
/// written by hand: (operationId, path parameter, the type its ID is of; `None` for
/// text).
const PATH_ID_KINDS: &[(&str, &str, Option<&str>)] = &[
    ("GetCustomersCustomer", "customer", Some("Customer")),
    ("PostCustomersCustomer", "customer", Some("Customer")),
    ("DeleteCustomersCustomer", "customer", Some("Customer")),
    ("GetCustomersCustomerTaxIdsId", "customer", Some("Customer")),
    ("GetCustomersCustomerTaxIdsId", "id", Some("TaxId")),
    // A customer's sources are accounts, bank accounts, cards and sources: no one kind.
    ("GetCustomersCustomerSourcesId", "id", None),
    ("GetPaymentIntentsIntent", "intent", Some("PaymentIntent")),
    (
        "PostPaymentIntentsIntentConfirm",
        "intent",
        Some("PaymentIntent"),
    ),
    ("GetInvoicesInvoice", "invoice", Some("Invoice")),
    ("PostInvoicesInvoicePay", "invoice", Some("Invoice")),
    (
        "GetSubscriptionsSubscriptionExposedId",
        "subscription_exposed_id",
        Some("Subscription"),
    ),
    (
        "DeleteSubscriptionsSubscriptionExposedIdDiscount",
        "subscription_exposed_id",
        Some("Subscription"),
    ),
    ("GetV2CoreAccountsId", "id", Some("V2CoreAccount")),
    ("PostV2CoreAccountsIdClose", "id", Some("V2CoreAccount")),
    (
        "GetV2CoreAccountsAccountIdPersonsId",
        "account_id",
        Some("V2CoreAccount"),
    ),
    (
        "GetV2CoreAccountsAccountIdPersonsId",
        "id",
        Some("V2CoreAccountPerson"),
    ),
];

#[test]
fn path_parameters_are_typed_ids_where_the_spec_says_which_object() {
    let api = model();
    for (operation_id, param, expected) in PATH_ID_KINDS {
        let operation = api
            .operations
            .iter()
            .find(|operation| operation.operation_id == *operation_id)
            .unwrap_or_else(|| panic!("no operation {operation_id}"));
        let param = operation
            .path_params
            .iter()
            .find(|candidate| candidate.wire_name == *param)
            .unwrap_or_else(|| panic!("{operation_id} has no path parameter {param}"));
        let kind = param.id_of.as_ref().map(|kind| kind.name.as_str());
        assert_eq!(kind, *expected, "{operation_id} {{{}}}", param.wire_name);
    }
}

/// (type, the type its `id` is the ID of): a resource's own, a deleted object's (its
/// resource's), v1 and v2.
const OWN_ID_KINDS: &[(&str, &str)] = &[
    ("Customer", "Customer"),
    ("DeletedCustomer", "Customer"),
    ("PaymentIntent", "PaymentIntent"),
    ("Invoice", "Invoice"),
    ("DeletedInvoice", "Invoice"),
    ("Subscription", "Subscription"),
    ("V2CoreAccount", "V2CoreAccount"),
];

#[test]
fn resources_have_typed_ids_and_deleted_objects_share_them() {
    let api = model();
    for (type_name, expected) in OWN_ID_KINDS {
        match &field_type(&api, "types", type_name, "id") {
            TypeRef::Id(kind) => assert_eq!(kind.name, *expected, "{type_name}.id"),
            other => panic!("{type_name}.id is {other:?}"),
        }
    }
    // An expandable customer (an invoice's `customer`) holds a customer's ID whether
    // the customer was deleted or not.
    let customer = field_type(&api, "types", "Invoice", "customer");
    let TypeRef::Expandable(object) = &customer else {
        panic!("Invoice.customer is {customer:?}");
    };
    let TypeRef::Named(object) = object.as_ref() else {
        panic!("Invoice.customer holds {object:?}");
    };
    assert_eq!(
        api.id_kind(object).map(|kind| kind.name.as_str()),
        Some("Customer"),
        "the ID kind of {}",
        object.name
    );
}

/// How many places each rule typed, printed for the notes (`--nocapture`), and a floor
/// so that a rule that stops matching fails.
#[test]
fn id_rules_type_most_path_parameters() {
    let api = model();
    let params: Vec<_> = api
        .operations
        .iter()
        .flat_map(|operation| &operation.path_params)
        .collect();
    let typed = params.iter().filter(|param| param.id_of.is_some()).count();
    let own_ids = api.id_kinds.len();
    println!(
        "path parameters typed: {typed} of {}; resources with a typed id: {own_ids}",
        params.len()
    );
    assert!(
        typed * 10 >= params.len() * 8,
        "{typed} of {}",
        params.len()
    );
    assert!(own_ids >= 150, "{own_ids}");
}

/// Every `format: currency` field is the runtime's `Currency`, request and response;
/// no generated type takes that name (the shared `acss_debit` enum of two currencies
/// is named by its concept).
#[test]
fn currencies_are_the_currency_type_and_no_other_type_is_named_currency() {
    let api = model();
    assert_eq!(
        field_type(&api, "types", "PaymentIntent", "currency"),
        TypeRef::Currency
    );
    assert_eq!(
        field_type(&api, "payment_intents", "CreateParams", "currency"),
        TypeRef::Currency
    );
    assert_eq!(
        field_type(&api, "types", "Invoice", "currency"),
        TypeRef::Currency
    );
    let named_currency: Vec<String> = api
        .types
        .iter()
        .filter(|def| def.name.name == "Currency")
        .map(|def| def.name.module.to_string())
        .collect();
    assert!(named_currency.is_empty(), "{named_currency:?}");
}

/// v1's Unix times are `Timestamp`, request and response; v2's times stay `DateTime`.
#[test]
fn unix_times_are_timestamps() {
    let api = model();
    assert_eq!(
        field_type(&api, "types", "Customer", "created"),
        TypeRef::Timestamp
    );
    assert_eq!(
        field_type(&api, "types", "Subscription", "billing_cycle_anchor"),
        TypeRef::Timestamp
    );
    assert_eq!(
        field_type(&api, "types", "V2CoreAccount", "created"),
        TypeRef::DateTime
    );
}

/// A call's `expand` takes paths typed by its answer: the object (or, for a list, a
/// page of them, reached with `Expand::data`), whose expandable fields the spec lists.
#[test]
fn expand_parameters_are_typed_by_the_calls_answer() {
    let api = model();
    let expand_of = |module: &str, params: &str| {
        let ty = field_type(&api, module, params, "expand");
        let TypeRef::List(item) = &ty else {
            panic!("{module}::{params}.expand is {ty:?}");
        };
        let TypeRef::Expand(answer) = item.as_ref() else {
            panic!("{module}::{params}.expand holds {item:?}");
        };
        answer.as_ref().clone()
    };
    let customer = |answer: &TypeRef| match answer {
        TypeRef::Named(name) => name.name.clone(),
        TypeRef::Page { kind, item } => match item.as_ref() {
            TypeRef::Named(name) => format!("{kind:?} of {}", name.name),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    // The retrieve answers a customer or a deleted one: expansion is the customer's.
    assert_eq!(
        customer(&expand_of("customers", "RetrieveParams")),
        "Customer"
    );
    assert_eq!(
        customer(&expand_of("customers", "ListParams")),
        "List of Customer"
    );
    assert_eq!(
        customer(&expand_of("customers", "SearchParams")),
        "Search of Customer"
    );
    assert_eq!(
        customer(&expand_of("invoices", "RetrieveParams")),
        "Invoice"
    );
    let fields = |name: &str| {
        api.expandable_fields
            .iter()
            .find(|(type_name, _)| type_name.name == name)
            .map(|(_, fields)| fields.clone())
            .unwrap_or_default()
    };
    assert!(fields("Customer").contains(&"default_source".to_string()));
    assert!(fields("Subscription").contains(&"latest_invoice".to_string()));
    assert!(fields("Invoice").contains(&"customer".to_string()));
}

/// A call's parameter named like an expandable field of its answer is that object's ID
/// when the object is one resource; text when it may be several (`source`).
#[test]
fn request_fields_that_name_an_answers_expandable_object_are_typed_ids() {
    let api = model();
    let id_of = |ty: TypeRef| match ty {
        TypeRef::Id(kind) => Some(kind.name),
        _ => None,
    };
    assert_eq!(
        id_of(field_type(
            &api,
            "payment_intents",
            "CreateParams",
            "customer"
        ))
        .as_deref(),
        Some("Customer")
    );
    assert_eq!(
        id_of(field_type(
            &api,
            "payment_intents",
            "CreateParams",
            "on_behalf_of"
        ))
        .as_deref(),
        Some("Account")
    );
    assert_eq!(
        id_of(field_type(
            &api,
            "subscriptions",
            "CreateParams",
            "customer"
        ))
        .as_deref(),
        Some("Customer")
    );
    assert_eq!(
        id_of(field_type(&api, "charges", "CreateParams", "source")),
        None
    );
}

/// Large nested objects of answers are boxed (a payment intent's options and last
/// error were most of its 28 KB, moved at every level of reading); small ones, and
/// request types, which callers build, are not.
#[test]
fn large_nested_objects_of_answers_are_boxed() {
    let api = model();
    for (type_name, wire) in [
        ("PaymentIntent", "payment_method_options"),
        ("PaymentIntent", "last_payment_error"),
        ("Account", "settings"),
        ("Charge", "payment_method_details"),
    ] {
        assert!(
            field(&api, "types", type_name, wire).boxed,
            "{type_name}.{wire}"
        );
    }
    for (type_name, wire) in [
        ("Customer", "address"),
        ("PaymentIntent", "shipping"),
        ("Invoice", "status_transitions"),
        ("Subscription", "items"),
    ] {
        assert!(
            !field(&api, "types", type_name, wire).boxed,
            "{type_name}.{wire}"
        );
    }
    let boxed_request_fields = api
        .types
        .iter()
        .filter(|def| def.role == generator::model::Role::Request)
        .filter_map(|def| match &def.kind {
            generator::model::TypeKind::Struct { fields } => Some(fields),
            _ => None,
        })
        .flatten()
        .filter(|field| field.boxed)
        .count();
    assert_eq!(boxed_request_fields, 0);
}

/// Fields under 512 bytes that add up past 4 KB are boxed too, the largest first: a
/// payment intent's `payment_method_options` (53 optional per-method structs, 23 KB
/// inline) boxes its per-method options, and keeps what is small inline.
#[test]
fn answers_whose_small_fields_add_up_past_4_kb_box_the_largest() {
    let api = model();
    let def = api
        .types
        .iter()
        .find(|def| {
            def.name.name == "PaymentIntentPaymentMethodOptions"
                && def.name.module.to_string() == "types"
        })
        .expect("PaymentIntentPaymentMethodOptions is in the model");
    let generator::model::TypeKind::Struct { fields: options } = &def.kind else {
        panic!("PaymentIntentPaymentMethodOptions is not a struct");
    };
    for wire in ["card", "acss_debit", "klarna", "paypal"] {
        assert!(
            field(&api, "types", "PaymentIntentPaymentMethodOptions", wire).boxed,
            "PaymentIntentPaymentMethodOptions.{wire}"
        );
    }
    let inline = options.iter().filter(|field| !field.boxed).count();
    assert!(
        inline > 0 && inline < options.len() / 2,
        "{inline} of {} fields inline",
        options.len()
    );
    // A payment method boxes its two largest per-type details (`card` is boxed for
    // its own size) and keeps its small fields inline.
    assert!(field(&api, "types", "PaymentMethod", "card_present").boxed);
    assert!(field(&api, "types", "PaymentMethod", "us_bank_account").boxed);
    assert!(!field(&api, "types", "PaymentMethod", "billing_details").boxed);
    assert!(!field(&api, "types", "PaymentMethod", "sepa_debit").boxed);
}

/// The definition a type name stands for: its own struct, or the struct it is an alias
/// of.
fn definition_of(api: &generator::model::Api, type_name: &str) -> String {
    let def = api
        .types
        .iter()
        .find(|def| def.name.name == type_name && def.name.module.to_string() == "types")
        .unwrap_or_else(|| panic!("no type types::{type_name}"));
    match &def.kind {
        generator::model::TypeKind::Struct { .. } => type_name.to_string(),
        generator::model::TypeKind::Alias { target } => target.name.clone(),
        other => panic!("{type_name} is {other:?}"),
    }
}

/// Response structs alike in every field, descriptions included, share one definition
/// (the first by name); objects with an `id` and structs described differently keep
/// their own. Pairs read from the spec by hand.
#[test]
fn response_structs_alike_in_fields_and_descriptions_share_one_definition() {
    let api = model();
    for (type_name, definition) in [
        // `{setup_future_usage}` with the same words.
        (
            "CheckoutBancontactPaymentMethodOptions",
            "CheckoutAlipayPaymentMethodOptions",
        ),
        (
            "CheckoutIdealPaymentMethodOptions",
            "CheckoutAlipayPaymentMethodOptions",
        ),
        // A level up: alike once their wallets are one type.
        ("PaymentMethodDetailsCardWallet", "PaymentMethodCardWallet"),
        (
            "PaymentMethodDetailsCardWalletVisaCheckout",
            "PaymentMethodCardWalletMasterpass",
        ),
    ] {
        assert_eq!(definition_of(&api, type_name), definition, "{type_name}");
    }
    for type_name in [
        // The same fields as `DeletedAccount`, but an object with an `id`.
        "DeletedCustomer",
        "DeletedProduct",
        // The same fields as `AccountFutureRequirements`, described for the present.
        "AccountRequirements",
        "AccountFutureRequirements",
        "Customer",
    ] {
        assert_eq!(definition_of(&api, type_name), type_name);
    }
}

/// The crate is a facade over parts that cargo checks side by side (`emit/parts.rs`):
/// every part comes after the parts it uses, the objects that name each other through
/// expandable fields share the core, each group's halves are independent, and the
/// http part waits for nothing above the core, so that two cores have work.
#[test]
fn the_crate_is_split_into_parts_that_can_be_checked_side_by_side() {
    use generator::emit::parts::PartKind;
    let api = model();
    let parts = generator::emit::Parts::new(&api);
    let index_of = |name: &str| {
        parts
            .list
            .iter()
            .position(|part| part.name == name)
            .unwrap_or_else(|| panic!("no part {name}"))
    };
    for (index, part) in parts.list.iter().enumerate() {
        assert!(
            part.deps.iter().all(|&dep| dep < index),
            "{} uses a later part",
            part.name
        );
        assert!(
            part.deps
                .iter()
                .all(|&dep| parts.list[dep].kind != PartKind::Calls),
            "{} uses calls",
            part.name
        );
        // `types-up-1` and `types-up-2` do not refer to each other.
        if let Some(group) = part.name.strip_suffix("-2") {
            let first = index_of(&format!("{group}-1"));
            assert!(!part.deps.contains(&first), "{} uses {group}-1", part.name);
        }
    }
    let file_of = |type_name: &str| {
        let def = api
            .types
            .iter()
            .find(|def| def.name.module.is_types() && def.name.name == type_name)
            .unwrap_or_else(|| panic!("no types::{type_name}"));
        parts.of_shared_file(&def.name.module, &def.file)
    };
    let core = index_of("types-core");
    for object in [
        "Customer",
        "Invoice",
        "Charge",
        "PaymentIntent",
        "Subscription",
    ] {
        assert_eq!(file_of(object), core, "{object}");
    }
    // An address names no other type: a leaf. The http part decodes errors, so it
    // uses the part of `types::Error`.
    assert!(parts.list[file_of("Address")]
        .name
        .starts_with("types-leaf"));
    assert!(parts.list[parts.http].deps.contains(&file_of("Error")));
    // ... and nothing above the core, so it is checked beside those parts.
    assert_eq!(file_of("Error"), core);
    assert!(parts.list[parts.http]
        .deps
        .iter()
        .all(|&dep| !parts.list[dep].name.starts_with("types-up")));
    // `Expand::<Customer>::TAX` is an inherent constant: in `Expand`'s crate, which uses
    // the core.
    assert!(parts.list[parts.answers].deps.contains(&core));
    let count = |prefix: &str| {
        parts
            .list
            .iter()
            .filter(|part| part.name.starts_with(prefix))
            .count()
    };
    assert_eq!(count("types-leaf"), 2);
    assert!(count("calls") >= 2, "{:?}", parts.list);
}
