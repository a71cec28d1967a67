//! A sample of Stripe's full spec (`STRIPE_SPEC`, default
//! `../shared/stripe-openapi/spec3.json`, read by path): insta snapshots of the code
//! for one operation of each kind, and the naming rules on the cases that broke other
//! generators.

use std::collections::BTreeSet;

use generator::model::{ModulePath, Selection, TypeKind, TypeName};
use tests::stripe_spec;

/// The generated text of `file` when only `operations` are selected.
fn generated_file(operations: &[&str], file: &str) -> String {
    let selection = Selection::only(operations.iter().map(|name| name.to_string()));
    let mut generated = generator::generate_selected(&stripe_spec(), &selection)
        .unwrap_or_else(|failure| panic!("{failure}"));
    let wanted = std::path::Path::new(file);
    // The facade's own file, or else the part's that holds it.
    let position = generated
        .files
        .iter()
        .position(|rendered| rendered.path == wanted)
        .or_else(|| {
            generated
                .files
                .iter()
                .position(|rendered| within_part(&rendered.path) == wanted)
        })
        .unwrap_or_else(|| panic!("{file} was not generated"));
    generated.files.swap_remove(position).text
}

/// A file's path within its part (`parts/calls/src/customers.rs` ->
/// `src/customers.rs`), or the facade's own path.
fn within_part(path: &std::path::Path) -> &std::path::Path {
    match path.strip_prefix("parts") {
        Ok(in_parts) => {
            let part = in_parts
                .components()
                .next()
                .map(|c| c.as_os_str())
                .unwrap_or_default();
            in_parts.strip_prefix(part).unwrap_or(in_parts)
        }
        Err(_) => path,
    }
}

#[test]
fn list_with_deep_object_filters() {
    insta::assert_snapshot!(generated_file(&["GetCustomers"], "src/customers.rs"));
}

#[test]
fn search() {
    insta::assert_snapshot!(generated_file(&["GetCustomersSearch"], "src/customers.rs"));
}

#[test]
fn delete() {
    insta::assert_snapshot!(generated_file(
        &["DeleteCustomersCustomer"],
        "src/customers.rs"
    ));
}

#[test]
fn file_upload() {
    insta::assert_snapshot!(generated_file(&["PostFiles"], "src/files.rs"));
}

#[test]
fn polymorphic_response() {
    let operation = ["GetCustomersCustomerSourcesId"];
    insta::assert_snapshot!(generated_file(&operation, "src/customers/sources.rs"));
    insta::assert_snapshot!(generated_file(&operation, "src/types/payment_source.rs"));
}

#[test]
fn expandable_fields() {
    let operation = ["GetCustomersCustomer"];
    insta::assert_snapshot!(generated_file(&operation, "src/types/customer.rs"));
}

#[test]
fn selection_keeps_only_what_the_operations_need() {
    let selection = Selection::only(["billing_portal.configurations".to_string()]);
    let generated = generator::generate_selected(&stripe_spec(), &selection).unwrap();
    assert_eq!(generated.operations, 4);
    assert!(generated
        .components
        .contains_key("billing_portal.configuration"));
    // `customer` is reached through the error object (api_errors -> payment_intent);
    // treasury objects are not.
    assert!(generated.components.contains_key("customer"));
    assert!(!generated
        .components
        .contains_key("treasury.outbound_payment"));
    let full = generator::generate(&stripe_spec()).unwrap();
    // The error object reaches a few hundred components; the full spec has thousands
    // of types more.
    assert!(
        generated.types < full.types / 4,
        "{} of {} types",
        generated.types,
        full.types
    );

    let unknown = Selection::only(["NoSuchOperation".to_string()]);
    let failure = generator::generate_selected(&stripe_spec(), &unknown).unwrap_err();
    assert!(
        failure.to_string().contains("\"NoSuchOperation\""),
        "{failure}"
    );
}

fn full_model() -> generator::model::Api {
    let spec = generator::load::load(&stripe_spec()).unwrap();
    generator::model::build(&spec, &Selection::all()).unwrap()
}

#[test]
fn names_are_unique_and_follow_the_rules() {
    let api = full_model();
    // No two types share a module and name.
    let mut names = BTreeSet::new();
    for def in &api.types {
        assert!(names.insert(def.name.clone()), "duplicate {:?}", def.name);
    }
    // The case that made progenitor emit duplicates: a property `ownership` of
    // `financial_connections.account` and the component of the same words.
    assert_eq!(
        api.components["financial_connections.account_ownership"],
        TypeName {
            module: ModulePath::types(),
            name: "FinancialConnectionsAccountOwnership".into()
        }
    );
    assert_eq!(
        api.components["financial_connections.account"],
        TypeName {
            module: ModulePath::types(),
            name: "FinancialConnectionsAccount".into()
        }
    );
    // Calls are named as the official SDKs name them.
    let calls: BTreeSet<String> = api
        .operations
        .iter()
        .map(|op| format!("{}::{}", op.module, op.function))
        .collect();
    for expected in [
        "billing_portal::configurations::update",
        "customers::create",
        "customers::retrieve",
        "customers::list",
        "customers::delete",
        "customers::search",
        "invoices::finalize_invoice",
        "invoices::pay",
        "subscriptions::cancel",
        "payment_intents::confirm",
        "customers::sources::retrieve",
        "quotes::pdf",
    ] {
        assert!(calls.contains(expected), "no call {expected}");
    }
    assert_eq!(calls.len(), 468, "every operation has its own call");
}

#[test]
fn enum_variants_stay_apart() {
    let api = full_model();
    let mut timezone_enums = 0;
    for def in &api.types {
        let TypeKind::Enum { variants } = &def.kind else {
            continue;
        };
        let rust_names: BTreeSet<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
        assert_eq!(
            rust_names.len(),
            variants.len(),
            "variant clash in {:?}",
            def.name
        );
        for variant in variants {
            let valid = variant
                .rust_name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
                && variant.rust_name.chars().all(|c| c.is_ascii_alphanumeric());
            assert!(valid, "{:?} in {:?}", variant.rust_name, def.name);
        }
        let find = |wire: &str| {
            variants
                .iter()
                .find(|v| v.wire == wire)
                .map(|v| v.rust_name.as_str())
        };
        if let (Some(plus), Some(minus), Some(plain)) =
            (find("Etc/GMT+0"), find("Etc/GMT-0"), find("Etc/GMT0"))
        {
            timezone_enums += 1;
            assert_eq!(
                (plus, minus, plain),
                ("EtcGmtPlus0", "EtcGmtMinus0", "EtcGmt0")
            );
        }
        if let Some(star) = find("*") {
            assert_eq!(star, "Star", "{:?}", def.name);
        }
    }
    assert!(timezone_enums > 0, "the timezone enums were found");
}

/// Every name a call's module shows (its fields, variants, parameters and responses)
/// belongs to that module or to `types`; the shared definitions in `params` are only
/// reached through the module's own aliases.
#[test]
fn a_calls_module_names_only_its_own_types_or_shared_objects() {
    let api = full_model();
    let allowed =
        |module: &ModulePath, used: &TypeName| used.module == *module || used.module.is_types();
    let mut checked = 0;
    for def in &api.types {
        if def.name.module.is_shared() {
            continue;
        }
        if matches!(def.kind, TypeKind::Alias { .. }) {
            continue; // an alias is the one place that names `params`
        }
        for used in def.kind.used_names() {
            assert!(
                allowed(&def.name.module, used),
                "{:?} names {:?}",
                def.name,
                used
            );
            checked += 1;
        }
    }
    for operation in &api.operations {
        let mut used = Vec::new();
        operation.response.collect_names(&mut used);
        used.extend(operation.params.iter());
        for name in used {
            assert!(
                allowed(&operation.module, name),
                "{} names {:?}",
                operation.operation_id,
                name
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} uses checked");
    // The shared definitions of `types` never name a call's module either.
    for def in api.types.iter().filter(|def| def.name.module.is_types()) {
        for used in def.kind.used_names() {
            assert!(used.module.is_types(), "{:?} names {:?}", def.name, used);
        }
    }
}

/// Unions of the same components are one type in `types`, named after them, with
/// variants that do not repeat the union's words.
#[test]
fn unions_of_components_are_shared_and_named_after_them() {
    let api = full_model();
    let unions: Vec<&generator::model::TypeDef> = api
        .types
        .iter()
        .filter(|def| matches!(def.kind, TypeKind::Union { .. }))
        .collect();
    let customer_or_deleted: Vec<&&generator::model::TypeDef> = unions
        .iter()
        .filter(|def| def.name.name.contains("CustomerOrDeletedCustomer"))
        .collect();
    assert_eq!(customer_or_deleted.len(), 1, "one definition");
    assert!(customer_or_deleted[0].name.module.is_types());
    assert_eq!(
        customer_or_deleted[0].name.name,
        "CustomerOrDeletedCustomer"
    );
    let TypeKind::Union { variants } = &customer_or_deleted[0].kind else {
        unreachable!()
    };
    let variant_names: BTreeSet<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(
        variant_names,
        BTreeSet::from(["Customer", "DeletedCustomer"])
    );
    for def in &unions {
        let TypeKind::Union { variants } = &def.kind else {
            continue;
        };
        for variant in variants {
            assert!(
                variant.rust_name != def.name.name,
                "{:?} repeats its type's name",
                def.name
            );
        }
    }
    // What used to need a number (`PaymentIntentPaymentMethodOptionsCard2`) is named
    // after its components.
    assert!(api.types.iter().any(|def| def.name.name
        == "PaymentIntentPaymentMethodOptionsCardOrTypeSpecificPaymentMethodOptionsClient"),);
    assert!(!api
        .types
        .iter()
        .any(|def| def.name.name == "PaymentIntentPaymentMethodOptionsCard2"));
}

/// The model decides which calls page on their own: every list and search whose
/// parameters have the cursor, and whose items (for lists) have an ID.
#[test]
fn pagination_is_decided_in_the_model() {
    use generator::model::{ItemId, Pagination, TypeRef};
    let api = full_model();
    let pages = api
        .operations
        .iter()
        .filter(|op| matches!(op.response, TypeRef::Page { .. }))
        .count();
    let paging: Vec<&generator::model::Operation> = api
        .operations
        .iter()
        .filter(|op| op.pagination.is_some())
        .collect();
    assert_eq!((pages, paging.len()), (109, 107));
    let find = |id: &str| {
        api.operations
            .iter()
            .find(|op| op.operation_id == id)
            .unwrap()
    };
    assert_eq!(
        find("GetCustomers").pagination,
        Some(Pagination::List {
            item_id: ItemId::Field { always: true }
        })
    );
    assert_eq!(
        find("GetCustomersSearch").pagination,
        Some(Pagination::Search)
    );
    // Invoices may lack an ID (upcoming ones): the walk ends there.
    assert_eq!(
        find("GetInvoices").pagination,
        Some(Pagination::List {
            item_id: ItemId::Field { always: false }
        })
    );
    assert!(matches!(
        find("GetCustomersCustomerSources").pagination,
        Some(Pagination::List {
            item_id: ItemId::Union(_)
        })
    ));
}

/// The crate docs' operation index names a list's stream beside the call, so a user
/// looking for "every customer" finds `list_auto` there.
#[test]
fn the_operation_index_names_the_stream_of_a_list() {
    let lib = generated_file(&["GetCustomers"], "src/lib.rs");
    assert!(
        lib.contains("| [`customers::list`], [`customers::list_auto`] |"),
        "{lib}"
    );
}
