//! Facts about the whole model, decided once after it is built and before anything is
//! emitted: which types have constraints to check before sending, which can give their
//! ID (`Identified`, for `Expandable::id`), and which list and search calls can fetch
//! every page on their own.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Api, Field, ItemId, PageKind, Pagination, Presence, Role, TypeDef, TypeKind, TypeName, TypeRef,
    VariantValue,
};

impl Api {
    /// The definition of a type, looking through aliases.
    pub fn definition(&self, name: &TypeName) -> Option<&TypeDef> {
        let mut def = self.find(name)?;
        // Aliases point at definitions, never at other aliases; the bound is a guard.
        for _ in 0..8 {
            match &def.kind {
                TypeKind::Alias { target } => def = self.find(target)?,
                _ => return Some(def),
            }
        }
        None
    }

    fn find(&self, name: &TypeName) -> Option<&TypeDef> {
        // `types` is sorted by name.
        self.types
            .binary_search_by(|def| def.name.cmp(name))
            .ok()
            .map(|position| &self.types[position])
    }

    /// The fields of the struct defined under `name` (not through an alias), for the
    /// passes that refine the model's types after it is built.
    pub(super) fn struct_fields_mut(&mut self, name: &TypeName) -> Option<&mut Vec<Field>> {
        let position = self.types.binary_search_by(|def| def.name.cmp(name)).ok()?;
        match &mut self.types[position].kind {
            TypeKind::Struct { fields } => Some(fields),
            _ => None,
        }
    }

    /// Whether a value of this type can break a constraint (and so needs checking
    /// before it is sent).
    pub fn checks(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String { max_chars } => max_chars.is_some(),
            TypeRef::List(inner)
            | TypeRef::Map(inner)
            | TypeRef::Expandable(inner)
            | TypeRef::Unsettable(inner) => self.checks(inner),
            TypeRef::Named(name) => self
                .definition(name)
                .is_some_and(|def| self.checked.contains(&def.name)),
            TypeRef::Page { .. }
            | TypeRef::File
            | TypeRef::Binary
            | TypeRef::Bool
            | TypeRef::Integer
            | TypeRef::Number
            | TypeRef::Decimal
            | TypeRef::DateTime
            | TypeRef::Int64Text
            | TypeRef::Id(_)
            | TypeRef::Currency
            | TypeRef::Timestamp
            | TypeRef::Expand(_)
            | TypeRef::Json => false,
        }
    }

    /// Whether the type implements `Identified`.
    pub fn is_identified(&self, name: &TypeName) -> bool {
        self.identified.contains_key(name)
    }

    /// The kind of object an identified type's ID names (its `Identified::Kind`).
    pub fn id_kind(&self, name: &TypeName) -> Option<&TypeName> {
        self.identified.get(name)
    }

    /// Whether the type is a call's parameters (a definition, not an alias).
    pub fn is_params_root(&self, name: &TypeName) -> bool {
        self.params_roots.contains(name)
    }
}

/// Fills in [`Api::checked`], [`Api::identified`], [`Api::params_roots`] and every
/// operation's pagination.
pub(super) fn derive(api: &mut Api) {
    api.params_roots = api
        .operations
        .iter()
        .filter_map(|operation| operation.params.as_ref())
        .filter_map(|params| api.definition(params))
        .map(|def| def.name.clone())
        .collect();
    api.checked = checked_types(api);
    api.identified = identified_types(api);
    let paginations: Vec<Option<Pagination>> = api
        .operations
        .iter()
        .map(|operation| pagination(api, &operation.response, operation.params.as_ref()))
        .collect();
    for (operation, pagination) in api.operations.iter_mut().zip(paginations) {
        operation.pagination = pagination;
    }
}

/// Definitions with something to check: text with a `maxLength`, anywhere inside.
fn checked_types(api: &Api) -> BTreeSet<TypeName> {
    let mut memo: BTreeMap<&TypeName, bool> = BTreeMap::new();
    let mut checked = BTreeSet::new();
    for def in &api.types {
        if type_checks(api, &def.name, &mut memo) {
            checked.insert(def.name.clone());
        }
    }
    checked
}

fn type_checks<'a>(
    api: &'a Api,
    name: &'a TypeName,
    memo: &mut BTreeMap<&'a TypeName, bool>,
) -> bool {
    let Some(def) = api.definition(name) else {
        return false;
    };
    if let Some(known) = memo.get(&def.name) {
        return *known;
    }
    // Assume no constraints while looking, which ends recursion through cycles.
    memo.insert(&def.name, false);
    let result = match &def.kind {
        TypeKind::Struct { fields } => fields
            .iter()
            .any(|field| value_checks(api, &field.ty, memo)),
        TypeKind::Union { variants } => variants.iter().any(|variant| match &variant.value {
            VariantValue::Of(ty) => value_checks(api, ty, memo),
            VariantValue::Wire(_) => false,
        }),
        TypeKind::Enum { .. } | TypeKind::Alias { .. } => false,
    };
    memo.insert(&def.name, result);
    result
}

/// [`Api::checks`], while [`checked_types`] is being worked out.
fn value_checks<'a>(
    api: &'a Api,
    ty: &'a TypeRef,
    memo: &mut BTreeMap<&'a TypeName, bool>,
) -> bool {
    match ty {
        TypeRef::String { max_chars } => max_chars.is_some(),
        TypeRef::List(inner)
        | TypeRef::Map(inner)
        | TypeRef::Expandable(inner)
        | TypeRef::Unsettable(inner) => value_checks(api, inner, memo),
        TypeRef::Named(name) => type_checks(api, name, memo),
        _ => false,
    }
}

/// The definitions behind every `Expandable<T>`, and behind the variants of those that
/// are unions, that have an ID to give: structs with a text `id`, unions whose every
/// kind has one (or is kept as JSON); each with the kind of object its ID names.
fn identified_types(api: &Api) -> BTreeMap<TypeName, TypeName> {
    let mut wanted: Vec<&TypeName> = Vec::new();
    for def in api.types.iter().filter(|def| def.role == Role::Response) {
        if let TypeKind::Struct { fields } = &def.kind {
            for field in fields {
                expandable_targets(&field.ty, &mut wanted);
            }
        }
    }
    let mut seen: BTreeSet<&TypeName> = BTreeSet::new();
    let mut reached: Vec<&TypeDef> = Vec::new();
    while let Some(name) = wanted.pop() {
        let Some(def) = api.definition(name) else {
            continue;
        };
        if !seen.insert(&def.name) {
            continue;
        }
        reached.push(def);
        if let TypeKind::Union { variants } = &def.kind {
            for variant in variants {
                if let VariantValue::Of(TypeRef::Named(inner)) = &variant.value {
                    wanted.push(inner);
                }
            }
        }
    }
    // Structs first, then unions of them.
    let own_kind = |name: &TypeName| api.id_kinds.get(name).unwrap_or(name).clone();
    let mut identified: BTreeMap<TypeName, TypeName> = reached
        .iter()
        .filter(|def| match &def.kind {
            TypeKind::Struct { fields } => text_id(fields).is_some(),
            _ => false,
        })
        .map(|def| (def.name.clone(), own_kind(&def.name)))
        .collect();
    for def in &reached {
        let TypeKind::Union { variants } = &def.kind else {
            continue;
        };
        let every_kind_has_an_id = variants.iter().all(|variant| match &variant.value {
            VariantValue::Of(TypeRef::Named(inner)) => api
                .definition(inner)
                .is_some_and(|inner| identified.contains_key(&inner.name)),
            VariantValue::Of(TypeRef::Json) => true,
            _ => false,
        });
        if every_kind_has_an_id {
            let kind = super::ids::kind_of(api, &api.id_kinds, &def.name)
                .unwrap_or_else(|| def.name.clone());
            identified.insert(def.name.clone(), kind);
        }
    }
    identified
}

/// Collects the named types `Expandable` wraps anywhere inside `ty`.
fn expandable_targets<'a>(ty: &'a TypeRef, out: &mut Vec<&'a TypeName>) {
    match ty {
        TypeRef::Expandable(inner) => {
            if let TypeRef::Named(name) = inner.as_ref() {
                out.push(name);
            }
            expandable_targets(inner, out);
        }
        TypeRef::List(inner) | TypeRef::Map(inner) => expandable_targets(inner, out),
        TypeRef::Page { item, .. } => expandable_targets(item, out),
        _ => {}
    }
}

/// A struct's `id` field, when it is text (typed or not): what `Identified` and list
/// walks read.
fn text_id(fields: &[Field]) -> Option<&Field> {
    fields.iter().find(|field| {
        field.wire_name == "id" && matches!(field.ty, TypeRef::String { .. } | TypeRef::Id(_))
    })
}

/// How a call returning pages continues: a v2 list by its `next_page_url`; otherwise
/// its parameters must have the cursor (`starting_after` for lists, `page` for
/// searches) as optional text and, for lists, every kind of item an `id` to continue
/// from.
fn pagination(api: &Api, response: &TypeRef, params: Option<&TypeName>) -> Option<Pagination> {
    let TypeRef::Page { kind, item } = response else {
        return None;
    };
    let cursor_field = match kind {
        PageKind::NextPageUrl => return Some(Pagination::NextPageUrl),
        PageKind::Search => "page",
        PageKind::List => "starting_after",
    };
    let TypeKind::Struct { fields } = &api.definition(params?)?.kind else {
        return None;
    };
    let has_cursor = fields.iter().any(|field| {
        field.wire_name == cursor_field
            && matches!(field.ty, TypeRef::String { .. })
            && field.presence == Presence::Optional
    });
    if !has_cursor {
        return None;
    }
    if *kind == PageKind::Search {
        return Some(Pagination::Search);
    }
    item_id(api, item).map(|item_id| Pagination::List { item_id })
}

/// How to read a list item's ID, when every kind of item has a text `id`.
fn item_id(api: &Api, item: &TypeRef) -> Option<ItemId> {
    let TypeRef::Named(name) = item else {
        return None;
    };
    // `Some(always)` when the type has a text `id`: always there, or optional.
    let id_of = |ty: &TypeRef| -> Option<bool> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let TypeKind::Struct { fields } = &api.definition(name)?.kind else {
            return None;
        };
        Some(text_id(fields)?.presence == Presence::Required)
    };
    match &api.definition(name)?.kind {
        TypeKind::Struct { .. } => id_of(item).map(|always| ItemId::Field { always }),
        TypeKind::Union { variants } => {
            let mut kinds = Vec::new();
            for variant in variants {
                let VariantValue::Of(ty) = &variant.value else {
                    return None;
                };
                kinds.push((variant.rust_name.clone(), id_of(ty)?));
            }
            Some(ItemId::Union(kinds))
        }
        _ => None,
    }
}
