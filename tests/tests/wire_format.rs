//! The request encoding, pinned byte for byte to ../shared/docs/wire-format.md: one test
//! per row of its table, its escaping rules and its full example.

use std::collections::BTreeMap;

use stripe_client::billing_portal::configurations::{
    UpdateBusinessProfile, UpdateFeatures, UpdateFeaturesCustomerUpdate,
    UpdateFeaturesCustomerUpdateAllowedUpdates as AllowedUpdate, UpdateFeaturesSubscriptionCancel,
    UpdateFeaturesSubscriptionCancelCancellationReason as CancellationReason,
    UpdateFeaturesSubscriptionUpdate, UpdateFeaturesSubscriptionUpdateProducts as Product,
    UpdateLoginPage, UpdateParams,
};
use stripe_client::runtime::{to_form, FormWriter};
use stripe_client::Unsettable;
use tests::sorted_pairs;

fn metadata(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

fn headline(text: &str) -> UpdateParams {
    UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some(text.to_string()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn products(list: Vec<Product>) -> UpdateParams {
    UpdateParams {
        features: Some(UpdateFeatures {
            subscription_update: Some(UpdateFeaturesSubscriptionUpdate {
                products: Some(Unsettable::Set(list)),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn scalar_field() {
    let params = UpdateParams {
        active: Some(true),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "active=true");
    let params = UpdateParams {
        active: Some(false),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "active=false");
}

#[test]
fn integer() {
    // The seed operation has no integer parameter; the runtime's encoding of one is
    // what every generated integer field uses.
    let mut form = FormWriter::new();
    form.field("limit", &3_i64);
    assert_eq!(form.finish(), "limit=3");
}

#[test]
fn nested_object() {
    assert_eq!(to_form(&headline("Hi")), "business_profile[headline]=Hi");
}

#[test]
fn list_of_scalars_is_indexed_from_zero() {
    let params = UpdateParams {
        expand: Some(vec!["features".into(), "login_page".into()]),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "expand[0]=features&expand[1]=login_page");
}

#[test]
fn list_of_objects() {
    let params = products(vec![Product::new(vec!["price_1".into()], "prod_1".into())]);
    assert_eq!(
        to_form(&params),
        "features[subscription_update][products][0][prices][0]=price_1\
         &features[subscription_update][products][0][product]=prod_1"
    );
}

#[test]
fn map_entries_are_sorted() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(metadata(&[
            ("order_id", "6735"),
            ("a", "1"),
        ]))),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "metadata[a]=1&metadata[order_id]=6735");
}

#[test]
fn map_entry_with_empty_value_unsets_that_key() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(metadata(&[("order_id", "")]))),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "metadata[order_id]=");
}

#[test]
fn field_left_out_sends_nothing() {
    assert_eq!(to_form(&UpdateParams::default()), "");
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile::default()),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params),
        "",
        "an object with nothing set sends nothing"
    );
}

#[test]
fn unset_sends_an_empty_value() {
    let params = UpdateParams {
        default_return_url: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "default_return_url=");
    let params = UpdateParams {
        metadata: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "metadata=");
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            privacy_policy_url: Some(Unsettable::Unset),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "business_profile[privacy_policy_url]=");
}

#[test]
fn unsettable_list_set_to_empty_sends_an_empty_value() {
    let params = UpdateParams {
        features: Some(UpdateFeatures {
            customer_update: Some(UpdateFeaturesCustomerUpdate {
                allowed_updates: Some(Unsettable::Set(vec![])),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params),
        "features[customer_update][allowed_updates]="
    );
    assert_eq!(
        to_form(&products(vec![])),
        "features[subscription_update][products]="
    );
}

#[test]
fn plain_empty_list_sends_nothing() {
    let params = UpdateParams {
        expand: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "");
}

#[test]
fn values_are_percent_encoded_as_html_forms() {
    assert_eq!(
        to_form(&headline("Hi & bye")),
        "business_profile[headline]=Hi+%26+bye"
    );
    assert_eq!(
        to_form(&headline("a=b+c[d]%~/é*-._")),
        "business_profile[headline]=a%3Db%2Bc%5Bd%5D%25%7E%2F%C3%A9*-._"
    );
    assert_eq!(
        to_form(&headline("line\nbreak")),
        "business_profile[headline]=line%0Abreak"
    );
}

#[test]
fn map_keys_are_encoded_but_brackets_stay_literal() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(metadata(&[("a b&c[d]", "v")]))),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "metadata[a+b%26c%5Bd%5D]=v");
}

/// The "full update" example of wire-format.md: the same pairs (the document's order is
/// stripe-python's; ours is the schema's).
#[test]
fn full_example_has_the_documented_pairs() {
    let mut customer_update = UpdateFeaturesCustomerUpdate {
        allowed_updates: Some(Unsettable::Set(vec![
            AllowedUpdate::Email,
            AllowedUpdate::Address,
        ])),
        ..Default::default()
    };
    customer_update.enabled = Some(true);
    let mut reason = CancellationReason::new(true);
    reason.options = Some(Unsettable::Set(vec![]));
    let params = UpdateParams {
        active: Some(true),
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("Hi & bye".into()),
            privacy_policy_url: Some(Unsettable::Unset),
            ..Default::default()
        }),
        expand: Some(vec!["features".into()]),
        features: Some(UpdateFeatures {
            customer_update: Some(customer_update),
            subscription_cancel: Some(UpdateFeaturesSubscriptionCancel {
                cancellation_reason: Some(reason),
                ..Default::default()
            }),
            subscription_update: Some(UpdateFeaturesSubscriptionUpdate {
                products: Some(Unsettable::Set(vec![Product::new(
                    vec!["price_1".into(), "price_2".into()],
                    "prod_1".into(),
                )])),
                ..Default::default()
            }),
            ..Default::default()
        }),
        metadata: Some(Unsettable::Set(metadata(&[("k", "v"), ("order", "")]))),
        ..Default::default()
    };
    let documented = "active=true&business_profile[headline]=Hi+%26+bye&business_profile[privacy_policy_url]=&features[customer_update][allowed_updates][0]=email&features[customer_update][allowed_updates][1]=address&features[customer_update][enabled]=true&features[subscription_cancel][cancellation_reason][enabled]=true&features[subscription_cancel][cancellation_reason][options]=&features[subscription_update][products][0][prices][0]=price_1&features[subscription_update][products][0][prices][1]=price_2&features[subscription_update][products][0][product]=prod_1&metadata[k]=v&metadata[order]=&expand[0]=features";
    let body = to_form(&params);
    assert_eq!(sorted_pairs(&body), sorted_pairs(documented));
    // Our order: depth-first in the schema's property order.
    insta::assert_snapshot!(body.replace('&', "\n&"));
}

#[test]
fn required_fields_are_always_sent() {
    let params = UpdateParams {
        login_page: Some(UpdateLoginPage::new(false)),
        ..Default::default()
    };
    assert_eq!(to_form(&params), "login_page[enabled]=false");
}

/// Every row of the table at once, as one reviewable snapshot.
#[test]
fn table_rows_snapshot() {
    let rows: Vec<(&str, String)> = vec![
        (
            "scalar",
            to_form(&UpdateParams {
                active: Some(true),
                ..Default::default()
            }),
        ),
        ("nested object", to_form(&headline("Hi"))),
        (
            "list of scalars",
            to_form(&UpdateParams {
                expand: Some(vec!["features".into(), "login_page".into()]),
                ..Default::default()
            }),
        ),
        (
            "list of objects",
            to_form(&products(vec![Product::new(
                vec!["price_1".into()],
                "prod_1".into(),
            )])),
        ),
        (
            "map",
            to_form(&UpdateParams {
                metadata: Some(Unsettable::Set(metadata(&[("order_id", "6735")]))),
                ..Default::default()
            }),
        ),
        (
            "map entry unset",
            to_form(&UpdateParams {
                metadata: Some(Unsettable::Set(metadata(&[("order_id", "")]))),
                ..Default::default()
            }),
        ),
        ("left out", to_form(&UpdateParams::default())),
        (
            "unset",
            to_form(&UpdateParams {
                default_return_url: Some(Unsettable::Unset),
                ..Default::default()
            }),
        ),
        ("unsettable empty list", to_form(&products(vec![]))),
        (
            "plain empty list",
            to_form(&UpdateParams {
                expand: Some(vec![]),
                ..Default::default()
            }),
        ),
    ];
    let table: String = rows
        .iter()
        .map(|(row, body)| format!("{row}: {body}\n"))
        .collect();
    insta::assert_snapshot!(table);
}
