//! `types::EventObject`: what an event's `data.object` is, one variant per API
//! resource, chosen by the object's own `object` field.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{ident, type_path};
use super::Features;
use crate::model::Webhooks;

/// The enum and its serde impls. Each variant is compiled with the features that
/// compile its type; an object of a kind that is not compiled, not known, or that
/// does not decode as its kind stays JSON in `Unknown`.
pub fn event_object(webhooks: &Webhooks, features: &Features) -> TokenStream {
    let name = ident(&webhooks.event_object.name);
    let module = &webhooks.event_object.module;
    let kinds: Vec<(TokenStream, proc_macro2::Ident, TokenStream, &str)> = webhooks
        .kinds
        .iter()
        .map(|kind| {
            (
                features.cfg_for([&kind.ty]),
                ident(&kind.ty.name),
                type_path(&kind.ty, module),
                kind.object.as_str(),
            )
        })
        .collect();
    let declarations = kinds.iter().map(|(cfg, variant, ty, object)| {
        let doc = format!(" An object of kind `{object}`.");
        quote! { #cfg #[doc = #doc] #variant(Box<#ty>), }
    });
    let reads = kinds.iter().map(|(cfg, variant, ty, object)| {
        quote! {
            #cfg
            Some(#object) => match json.read_or_keep::<#ty>()? {
                Ok(object) => Self::#variant(Box::new(object)),
                Err(undecodable) => Self::Undecodable(undecodable),
            },
        }
    });
    let writes = kinds.iter().map(|(cfg, variant, _, _)| {
        quote! { #cfg Self::#variant(object) => object.serialize(serializer), }
    });
    let doc = " The object an event is about (`data.object`): one variant per kind of API object,\n chosen by its `object` field. Kinds whose resource feature is off and kinds this\n version does not know are `Unknown`; an object that does not decode as its kind\n (an event of another API version) is `Undecodable`, with the reason. So no event\n fails to decode because of its object.";
    let derives = super::features::optional_derives();
    let serialize = super::features::serialize_cfg();
    // Redacted, an event's object shows its kind only (the event shows its id).
    let redacted = super::features::redacted_debug(&name, super::features::RedactedId::None);
    quote! {
        #redacted

        #[doc = #doc]
        #[derive(Clone)]
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// Any other object, as Stripe sent it.
            Unknown(serde_json::Value),
            /// An object of a known kind that does not match its type: as Stripe sent
            /// it, with what did not match and where.
            Undecodable(Box<crate::runtime::UndecodableObject>),
        }

        #serialize
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                    Self::Unknown(value) => value.serialize(serializer),
                    Self::Undecodable(object) => object.value.serialize(serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_read(deserializer)
            }
        }

        impl crate::runtime::ReadJson for #name {
            fn read_json(json: &mut crate::runtime::JsonReader<'_>) -> Option<Self> {
                Some(match json.peek_object_tag().as_deref() {
                    #(#reads)*
                    _ => Self::Unknown(json.value()?),
                })
            }
        }
    }
}
