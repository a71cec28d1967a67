use generator::model::{Role, TypeKind};
use std::collections::BTreeMap;
fn main() {
    let spec = generator::load::load(std::path::Path::new(
        "/work/shared/stripe-openapi/spec3.json",
    ))
    .unwrap();
    let api = generator::model::build(&spec, &generator::model::Selection::all()).unwrap();
    let mut census: BTreeMap<String, usize> = BTreeMap::new();
    let mut enum_shapes: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut single = 0;
    let mut fields = 0;
    for def in &api.types {
        let kind = match &def.kind {
            TypeKind::Struct { fields: f } => {
                if def.role == Role::Response {
                    fields += f.len();
                }
                "struct"
            }
            TypeKind::Enum { variants } => {
                if def.role == Role::Response {
                    if variants.len() == 1 {
                        single += 1;
                    }
                    *enum_shapes
                        .entry(variants.iter().map(|v| v.wire.clone()).collect())
                        .or_default() += 1;
                }
                "enum"
            }
            TypeKind::Union { .. } => "union",
            TypeKind::Alias { .. } => "alias",
        };
        *census.entry(format!("{:?} {kind}", def.role)).or_default() += 1;
    }
    println!("{census:#?}");
    println!("response enums: single-valued {single}, distinct value sets {}, response struct fields {fields}", enum_shapes.len());
}
