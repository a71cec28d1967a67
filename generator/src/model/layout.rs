//! Large nested objects of answers are boxed. A response struct holds what it nests
//! inline unless boxed, so Stripe's largest objects grew to tens of kilobytes
//! (`PaymentIntent` 28 KB on the 2026 spec, mostly `payment_method_options` and
//! `last_payment_error`, each a struct of dozens of optional structs), and reading one
//! moved all of it at every level of nesting: half of a payment intent's reading time
//! was `memmove`, and a list's `Vec` copied every item as it grew. A field whose value
//! would be stored inline and take more than [`BOX_ABOVE`] bytes is boxed instead
//! (`Option<Box<T>>`: nothing is allocated when it is absent). Request types stay as
//! they are: callers build them, and nothing reads them.

use std::collections::HashMap;

use super::{Field, Role, TypeDef, TypeKind, TypeName, TypeRef, VariantValue};

/// The inline size, in bytes, above which a nested value of an answer is boxed. At
/// this size a copy costs about what an allocation does.
pub const BOX_ABOVE: usize = 512;

/// The inline size, in bytes, above which a response struct boxes its largest fields
/// until it fits. Fields under [`BOX_ABOVE`] can still add up: a payment intent's
/// `payment_method_options` is 53 optional structs of up to 512 bytes, 23 KB in all
/// on the 2026 spec, and reading even an empty `{}` of it moved those 23 KB from the
/// reader's slots into the struct, into `Some` and into its box (a third of the
/// payment intent's reading time was `memmove`).
pub const STRUCT_ABOVE: usize = 4096;

/// Boxes every response struct field whose value would take more than [`BOX_ABOVE`]
/// bytes inline (after the fields of that value's own type were decided the same way),
/// and then, in a struct that would still take more than [`STRUCT_ABOVE`] bytes, its
/// largest fields until it fits.
pub fn box_large_values(types: &mut [TypeDef]) {
    let index: HashMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .map(|(position, def)| (&def.name, position))
        .collect();
    let mut sizes = Sizes {
        types,
        index: &index,
        known: vec![None; types.len()],
        to_box: vec![Vec::new(); types.len()],
    };
    for def in types.iter() {
        if def.role == Role::Response && matches!(def.kind, TypeKind::Struct { .. }) {
            sizes.named(&def.name);
        }
    }
    let to_box = sizes.to_box;
    for (def, fields_to_box) in types.iter_mut().zip(to_box) {
        if let TypeKind::Struct { fields } = &mut def.kind {
            for field_index in fields_to_box {
                fields[field_index].boxed = true;
            }
        }
    }
}

/// Estimated sizes of the types as they will be laid out (a boxed field is a pointer).
/// Only the order of magnitude matters: it picks which fields are boxed.
struct Sizes<'a> {
    types: &'a [TypeDef],
    index: &'a HashMap<&'a TypeName, usize>,
    /// Each type's size once known; `Some(0)` while it is being computed (a cycle
    /// through it is broken by a box, which `box_cycles` put there).
    known: Vec<Option<usize>>,
    /// Per type, the fields of a response struct this pass boxes (by index).
    to_box: Vec<Vec<usize>>,
}

/// What a box takes inline.
const POINTER: usize = 8;

/// What `String`, `Vec` and `BTreeMap` take inline.
const HEAP_HANDLE: usize = 24;

impl Sizes<'_> {
    fn named(&mut self, name: &TypeName) -> usize {
        let Some(&position) = self.index.get(name) else {
            return HEAP_HANDLE;
        };
        if let Some(size) = self.known[position] {
            return size;
        }
        self.known[position] = Some(0);
        let types = self.types;
        let size = match &types[position].kind {
            TypeKind::Struct { fields } => {
                // Each field's size inline, and whether this pass may box it: a named
                // type in an answer (a field boxed for its cycle is a pointer already).
                let response = types[position].role == Role::Response;
                let fields: Vec<(usize, bool)> = fields
                    .iter()
                    .map(|field| {
                        if field.boxed {
                            (POINTER, false)
                        } else {
                            let boxable = response && matches!(field.ty, TypeRef::Named(_));
                            (self.value(&field.ty) + option_word(field), boxable)
                        }
                    })
                    .collect();
                let (to_box, size) = fields_to_box(&fields);
                self.to_box[position] = to_box;
                // The fields, and the map of fields this version does not know.
                size + HEAP_HANDLE
            }
            // A known value, or `Unrecognized(String)`.
            TypeKind::Enum { .. } => HEAP_HANDLE,
            TypeKind::Union { variants } => {
                let largest = variants
                    .iter()
                    .map(|variant| match &variant.value {
                        VariantValue::Of(ty) => self.value(ty),
                        VariantValue::Wire(_) => 0,
                    })
                    .max()
                    .unwrap_or(0);
                largest + 8
            }
            TypeKind::Alias { target } => self.named(target),
        };
        self.known[position] = Some(size);
        size
    }

    fn value(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(name) => self.named(name),
            TypeRef::Bool => 1,
            TypeRef::Integer | TypeRef::Number | TypeRef::Timestamp | TypeRef::Int64Text => 8,
            TypeRef::Json => 32,
            // Text, lists, maps, expandable IDs, pages' vectors and the rest.
            _ => HEAP_HANDLE,
        }
    }
}

/// Which of a struct's fields to box (indexes, in order), given each field's inline
/// size and whether it may be boxed, and the fields' size after: every field over
/// [`BOX_ABOVE`], then the largest others until the struct fits in [`STRUCT_ABOVE`].
fn fields_to_box(fields: &[(usize, bool)]) -> (Vec<usize>, usize) {
    let mut to_box = Vec::new();
    let mut candidates = Vec::new();
    let mut total = 0;
    for (index, &(size, boxable)) in fields.iter().enumerate() {
        if boxable && size > BOX_ABOVE {
            to_box.push(index);
            total += POINTER;
        } else {
            if boxable {
                candidates.push(index);
            }
            total += size;
        }
    }
    // The largest first, so the fewest fields are boxed; equal sizes in field order, so
    // the choice is the same on every run.
    candidates.sort_by_key(|&index| (std::cmp::Reverse(fields[index].0), index));
    for index in candidates {
        if total + HEAP_HANDLE <= STRUCT_ABOVE {
            break;
        }
        total = total - fields[index].0 + POINTER;
        to_box.push(index);
    }
    to_box.sort_unstable();
    (to_box, total)
}

/// What `Option` adds around a field's value: a word around a number; text, boxes,
/// lists and structs have a spare bit pattern for `None`.
fn option_word(field: &Field) -> usize {
    let number = matches!(
        field.ty,
        TypeRef::Integer | TypeRef::Number | TypeRef::Timestamp | TypeRef::Int64Text
    );
    if number && !field.presence.is_required() {
        8
    } else {
        0
    }
}
