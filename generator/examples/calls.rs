//! Lists every generated call as `module::function  METHOD path`:
//! `cargo run --release -p generator --example calls`.
fn main() {
    let path = std::env::var_os("STRIPE_SPEC")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| generator::workspace_root().join("../shared/stripe-openapi/spec3.json"));
    let spec = generator::load::load(&path).unwrap_or_else(|failure| panic!("{failure}"));
    let api = generator::model::build(&spec, &generator::model::Selection::all())
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    for op in &api.operations {
        println!(
            "{}::{}  {} {}",
            op.module,
            op.function,
            op.method.as_str(),
            op.path_template
        );
    }
}
