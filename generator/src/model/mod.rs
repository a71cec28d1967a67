//! Stage 2: the model. Everything the emitter needs, resolved: operations with their
//! Rust locations, every type with its final name, unsettable and required fields,
//! enums. Once built, nothing downstream looks at the raw spec again.

mod build;
mod dedup;
mod derived;
mod expansion;
mod ids;
mod layout;
pub mod names;
pub mod operations;
pub(crate) mod recursion;
mod schemas;
mod sdk_names;
mod spec_lookup;
mod webhooks;

pub use webhooks::{EventObjectKind, Webhooks};

use std::collections::BTreeMap;

pub use build::build;
pub use operations::Selection;

/// The module holding the types of the spec's component schemas.
pub const TYPES_MODULE: &str = "types";

/// The module holding request types that several calls share.
pub const PARAMS_MODULE: &str = "params";

/// A module of the generated crate: its path segments, each a Rust identifier
/// (`billing_portal::configurations`; `types` for the objects the API returns, `params`
/// for the request shapes calls share). Never empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModulePath(Vec<names::SnakeIdent>);

impl ModulePath {
    /// A module from its segments; `None` for no segments.
    pub fn new(segments: Vec<names::SnakeIdent>) -> Option<Self> {
        (!segments.is_empty()).then_some(Self(segments))
    }

    /// `types`: the component schemas' types and the unions they share.
    pub fn types() -> Self {
        Self(vec![names::SnakeIdent::from_spec(TYPES_MODULE)])
    }

    /// `params`: request shapes several calls share.
    pub fn params() -> Self {
        Self(vec![names::SnakeIdent::from_spec(PARAMS_MODULE)])
    }

    /// Whether this is `types`.
    pub fn is_types(&self) -> bool {
        *self == Self::types()
    }

    /// Whether this is `types` or `params`, the modules shared by every resource.
    pub fn is_shared(&self) -> bool {
        self.is_types() || *self == Self::params()
    }

    /// The path segments, outermost first.
    pub fn segments(&self) -> &[names::SnakeIdent] {
        &self.0
    }

    /// The top-level module: the resource a call belongs to (`billing_portal`).
    pub fn resource(&self) -> &names::SnakeIdent {
        &self.0[0]
    }

    /// The innermost segment (`configurations`).
    pub fn last(&self) -> &names::SnakeIdent {
        &self.0[self.0.len() - 1]
    }

    /// The segments' plain names joined by `sep` (`billing_portal_configurations`).
    pub fn plain_joined(&self, sep: &str) -> String {
        let plain: Vec<&str> = self.0.iter().map(names::SnakeIdent::plain).collect();
        plain.join(sep)
    }

    /// This module and every module above it, outermost first.
    pub fn with_ancestors(&self) -> impl Iterator<Item = ModulePath> + '_ {
        (1..=self.0.len()).map(|depth| Self(self.0[..depth].to_vec()))
    }

    /// Whether `self` is `other` or inside it.
    pub fn is_within(&self, other: &ModulePath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// Whether `self` is directly inside `other`.
    pub fn is_child_of(&self, other: &ModulePath) -> bool {
        self.0.len() == other.0.len() + 1 && self.is_within(other)
    }
}

/// `billing_portal::configurations`
impl std::fmt::Display for ModulePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let written: Vec<&str> = self.0.iter().map(names::SnakeIdent::written).collect();
        f.write_str(&written.join("::"))
    }
}

/// The whole API as the generated crate presents it.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.version` of the spec: sent as `Stripe-Version`.
    pub api_version: String,
    /// `info.title` and `info.description`, for the crate documentation.
    pub title: String,
    /// Sorted by module, then function name.
    pub operations: Vec<Operation>,
    /// Sorted by module, then type name.
    pub types: Vec<TypeDef>,
    /// Component schema name -> its type, for the components that were generated.
    pub components: BTreeMap<String, TypeName>,
    /// Definitions with constraints to check before sending (see [`Api::checks`]).
    pub checked: std::collections::BTreeSet<TypeName>,
    /// Definitions that give their ID to `Expandable::id` (the runtime's `Identified`),
    /// each with the kind of object its ID names (`Identified::Kind`).
    pub identified: BTreeMap<TypeName, TypeName>,
    /// Resources (structs) -> the kind of object their `id` names: themselves, or for
    /// a deleted object the object (see `ids.rs`).
    pub id_kinds: BTreeMap<TypeName, TypeName>,
    /// Answer types -> the fields a call may expand in them (`x-expandableFields`),
    /// for the typed `expand` parameter (see `expansion.rs`).
    pub expandable_fields: BTreeMap<TypeName, Vec<String>>,
    /// The typed event, when the spec describes events (see `webhooks.rs`).
    pub webhooks: Option<Webhooks>,
    /// The definitions of calls' parameters (they carry `extra` parameters).
    pub params_roots: std::collections::BTreeSet<TypeName>,
}

/// Where a type lives and what it is called there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeName {
    pub module: ModulePath,
    pub name: String,
}

/// Whether a type is sent (encoded as a form) or received (decoded from JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Request,
    Response,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: TypeName,
    pub role: Role,
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// The file inside the module's folder this type is written to; types that belong
    /// together (a component and its inline parts) share one.
    pub file: String,
    /// Where in the spec the type came from, for naming types that several places share.
    pub origin: Origin,
}

/// What the spec says about the place a type was made for, beyond its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The concepts that lead to it, outermost first: for request types, the resource
    /// the call acts on (the singular of its module's last segment: `tax_id` for
    /// `customers::tax_ids`), then every property down to the one whose value it is.
    /// A list's item stands for the singular of the list's property (the item of
    /// `tax_ids` is a `tax_id`); a union's branches keep the union's path. So
    /// `invoices::UpcomingCustomerDetailsTaxIdsType` has `invoice`, `customer_details`,
    /// `tax_id`, `type`, and a call's parameters only their resource. Empty for
    /// components.
    pub path: Vec<String>,
    /// The schema's `title` (for a `$ref` in request parameters, the component's name).
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known properties.
    Struct { fields: Vec<Field> },
    /// A string enum; response enums also accept values the spec does not list.
    Enum { variants: Vec<Variant> },
    /// One of several types (`anyOf` with several non-empty branches).
    Union { variants: Vec<UnionVariant> },
    /// Another name for a type defined elsewhere (a merged request type).
    Alias { target: TypeName },
}

impl TypeKind {
    /// The named types this definition uses, through lists, maps, pages and
    /// expandable fields.
    pub fn used_names(&self) -> Vec<&TypeName> {
        let mut out = Vec::new();
        match self {
            TypeKind::Struct { fields } => fields
                .iter()
                .for_each(|field| field.ty.collect_names(&mut out)),
            TypeKind::Union { variants } => {
                for variant in variants {
                    if let VariantValue::Of(ty) = &variant.value {
                        ty.collect_names(&mut out);
                    }
                }
            }
            TypeKind::Alias { target } => out.push(target),
            TypeKind::Enum { .. } => {}
        }
        out
    }
}

impl TypeRef {
    /// Adds the named types this type mentions to `out`.
    pub fn collect_names<'a>(&'a self, out: &mut Vec<&'a TypeName>) {
        match self {
            TypeRef::Named(name) | TypeRef::Id(name) => out.push(name),
            TypeRef::List(inner)
            | TypeRef::Map(inner)
            | TypeRef::Expandable(inner)
            | TypeRef::Expand(inner)
            | TypeRef::Unsettable(inner) => inner.collect_names(out),
            TypeRef::Page { item, .. } => item.collect_names(out),
            _ => {}
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The property name on the wire.
    pub wire_name: String,
    /// The Rust field name (`r#type` for keywords).
    pub rust_name: names::SnakeIdent,
    pub doc: Option<String>,
    pub ty: TypeRef,
    pub presence: Presence,
    /// The value is boxed because the type contains itself (responses).
    pub boxed: bool,
}

/// Whether a field's value is always there, and what else it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Always there: a required request parameter, or a response field that is
    /// required and not `nullable`. The plain value (`T`).
    Required,
    /// May be missing: an optional request parameter (not sent when `None`), or a
    /// response field that is optional or `nullable`. `Option<T>`.
    Optional,
    /// A request parameter Stripe lets you clear (`anyOf: [T, {enum: [""]}]` in v1,
    /// `nullable` in v2): `Unsettable<T>`, in an `Option` unless the parameter is
    /// required. How a clear is written (`key=` or `null`) is the body's business.
    Clearable { required: bool },
}

impl Presence {
    /// Reads a property's schema facts. In a request, a `nullable` property is one
    /// the caller may clear (v2 writes the clear as `null`), as is one with an
    /// empty-string branch (v1); in a response, `nullable` means it may be missing.
    pub fn of(role: Role, required: bool, nullable: bool, clearable: bool) -> Self {
        match role {
            Role::Request if clearable || nullable => Presence::Clearable { required },
            Role::Request if required => Presence::Required,
            Role::Response if required && !nullable => Presence::Required,
            Role::Request | Role::Response => Presence::Optional,
        }
    }

    /// Whether the field must be given (requests) or is always present (responses).
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Presence::Required | Presence::Clearable { required: true }
        )
    }

    /// Whether the value can be cleared with `Unsettable::Unset`.
    pub fn is_clearable(self) -> bool {
        matches!(self, Presence::Clearable { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub wire: String,
    pub rust_name: String,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub rust_name: String,
    pub value: VariantValue,
    /// For object variants of a response union: the value of their `object` property
    /// when the schema fixes it, which tells the variants apart.
    pub object_tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantValue {
    /// One value of a string enum branch, as a unit variant.
    Wire(String),
    /// A value of this type.
    Of(TypeRef),
}

/// The type of a value, as far as the emitter needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Bool,
    Integer,
    Number,
    /// Text, with the spec's `maxLength` (checked before sending).
    String {
        max_chars: Option<u64>,
    },
    /// A decimal number carried as text (`format: decimal`): the runtime's lossless
    /// `Decimal`, never an `f64`.
    Decimal,
    /// A point in time carried as RFC 3339 text (`format: date-time`): the runtime's
    /// `DateTime`.
    DateTime,
    /// A point in time as whole seconds since the Unix epoch (`format: unix-time`):
    /// the runtime's `Timestamp`, an integer on the wire.
    Timestamp,
    /// A three-letter currency code (`format: currency`): the runtime's `Currency`.
    Currency,
    /// A 64-bit integer carried as text (`format: int64`, v2): `i64` in Rust, a JSON
    /// string on the wire, so no value above 2^53 passes through a float.
    Int64Text,
    /// Any JSON value (a free-form object).
    Json,
    Named(TypeName),
    /// Text that is the ID of an object of the named type: the runtime's `Id<T>`.
    Id(TypeName),
    /// A path to expand in an answer of this type (the object, or a page of them):
    /// the runtime's `Expand<T>`.
    Expand(Box<TypeRef>),
    List(Box<TypeRef>),
    /// `additionalProperties`: a map with string keys, kept sorted.
    Map(Box<TypeRef>),
    /// An ID, or the object itself when expanded.
    Expandable(Box<TypeRef>),
    /// A value that may be set or cleared where it stands (a `nullable` map value in a
    /// v2 request: `{"metadata": {"key": null}}` removes that key).
    Unsettable(Box<TypeRef>),
    /// One page of a list, of search results or of a v2 list.
    Page {
        kind: PageKind,
        item: Box<TypeRef>,
    },
    /// A file to upload (`format: binary` in a multipart request).
    File,
    /// Raw bytes (a response that is not JSON, such as a PDF).
    Binary,
}

/// Which kind of page a list call returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// `{object: "list", data, has_more, url}`: continued with `starting_after`.
    List,
    /// `{object: "search_result", data, has_more, next_page, ...}`: continued with `page`.
    Search,
    /// A v2 list, `{data, next_page_url, previous_page_url}`: continued by fetching
    /// `next_page_url` as given.
    NextPageUrl,
}

/// Which of Stripe's APIs an operation belongs to: the path's first segment. It
/// decides what the runtime does around the body the operation's [`ParamsIn`] names:
/// v2 requests all say `Content-Type: application/json`, carry an `Idempotency-Key`
/// on DELETE as well as POST, and fail with v2 error objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiGeneration {
    /// `/v1/...`: form bodies, v1 errors.
    V1,
    /// `/v2/...`: JSON bodies, v2 errors.
    V2,
}

impl ApiGeneration {
    /// The generation of a path: `/v2/...` is v2, everything else v1.
    pub fn of_path(path: &str) -> Self {
        if path.starts_with("/v2/") {
            ApiGeneration::V2
        } else {
            ApiGeneration::V1
        }
    }
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub operation_id: String,
    pub method: Method,
    /// v1 or v2: what goes around the body on the wire.
    pub generation: ApiGeneration,
    /// The spec's path template, such as `/v1/customers/{customer}`.
    pub path_template: String,
    /// The module the call function lives in.
    pub module: ModulePath,
    /// The call function's name (`update`).
    pub function: names::SnakeIdent,
    pub doc: Option<String>,
    /// The path split into literal pieces and parameters, in order.
    pub path: Vec<PathPiece>,
    pub path_params: Vec<PathParam>,
    /// The parameters' type, if the operation takes any, and where they go.
    pub params: Option<TypeName>,
    pub params_in: ParamsIn,
    /// The decoded type of a successful response.
    pub response: TypeRef,
    /// The operation's own server (`https://files.stripe.com` for uploads), used when
    /// the client talks to Stripe's default base URL.
    pub server: Option<String>,
    /// How the call's pages follow one another, when it gets a `…_auto` stream.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// The name of the call's streaming companion (`list_auto`, `search_auto`,
    /// `<function>_auto`), when it has one: a call that pages on its own, with params
    /// to carry the cursor, answering pages.
    pub fn auto_function(&self) -> Option<String> {
        let pages = matches!(self.response, TypeRef::Page { .. });
        (self.pagination.is_some() && self.params.is_some() && pages)
            .then(|| format!("{}_auto", self.function.plain()))
    }
}

/// How a call that returns pages fetches the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pagination {
    /// A list: `starting_after` the last item's ID.
    List { item_id: ItemId },
    /// A search: `page` set to the previous page's `next_page`.
    Search,
    /// A v2 list: a GET of the previous page's `next_page_url`, as given.
    NextPageUrl,
}

/// How to read a list item's ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemId {
    /// The item's `id` field; `always` when it is required (else an item without one
    /// ends the walk).
    Field { always: bool },
    /// Items of several kinds: each variant's `id` field (`always` as above); items of
    /// a kind this version does not know give the `id` of their JSON.
    Union(Vec<(String, bool)>),
}

/// Where an operation's parameters are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsIn {
    /// The query string (GET and DELETE).
    Query,
    /// An `application/x-www-form-urlencoded` body.
    Form,
    /// A `multipart/form-data` body (file uploads).
    Multipart,
    /// An `application/json` body: the params as one JSON object (v2), clears written
    /// as `null`.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    Literal(String),
    /// Index into [`Operation::path_params`].
    Param(usize),
}

#[derive(Debug, Clone)]
pub struct PathParam {
    pub wire_name: String,
    pub rust_name: names::SnakeIdent,
    pub doc: Option<String>,
    pub max_chars: Option<u64>,
    /// The kind of object the parameter is the ID of (`Id<Customer>`), when the spec
    /// says (see `ids.rs`); text otherwise.
    pub id_of: Option<TypeName>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths() {
        let module = |segments: &[&str]| {
            ModulePath::new(
                segments
                    .iter()
                    .map(|s| names::SnakeIdent::from_spec(s))
                    .collect(),
            )
            .unwrap()
        };
        let configurations = module(&["billing_portal", "configurations"]);
        assert_eq!(configurations.to_string(), "billing_portal::configurations");
        assert_eq!(configurations.resource().plain(), "billing_portal");
        assert_eq!(configurations.last().plain(), "configurations");
        let keyword = module(&["type", "impl"]);
        assert_eq!(keyword.to_string(), "r#type::r#impl");
        assert_eq!(keyword.plain_joined("/"), "type/impl");
        assert_eq!(
            configurations.with_ancestors().collect::<Vec<_>>(),
            [module(&["billing_portal"]), configurations.clone()]
        );
        assert!(configurations.is_child_of(&module(&["billing_portal"])));
        assert!(configurations.is_within(&module(&["billing_portal"])));
        assert!(!module(&["billing_portal"]).is_within(&configurations));
        assert!(ModulePath::types().is_shared() && ModulePath::params().is_shared());
        assert!(!configurations.is_shared());
        assert_eq!(ModulePath::new(Vec::new()), None);
    }

    #[test]
    fn presence_reads_the_schema_facts_each_role_cares_about() {
        use Presence::*;
        use Role::*;
        // (role, required, nullable, clearable) -> presence
        let cases = [
            (Request, true, false, false, Required),
            (Request, false, false, false, Optional),
            (Request, true, true, false, Clearable { required: true }),
            (Request, false, true, false, Clearable { required: false }),
            (Request, false, false, true, Clearable { required: false }),
            (Request, true, false, true, Clearable { required: true }),
            (Response, true, false, false, Required),
            (Response, true, true, false, Optional),
            (Response, false, false, false, Optional),
            (Response, true, false, true, Required),
        ];
        for (role, required, nullable, clearable, expected) in cases {
            assert_eq!(
                Presence::of(role, required, nullable, clearable),
                expected,
                "{role:?} required={required} nullable={nullable} clearable={clearable}"
            );
        }
        assert!(Clearable { required: true }.is_required());
        assert!(!Clearable { required: false }.is_required());
        assert!(Clearable { required: false }.is_clearable());
        assert!(!Optional.is_clearable());
    }
}
