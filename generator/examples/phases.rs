//! Times each stage of a run on the full spec: `cargo run --release -p generator --example phases`.
fn main() {
    let path = std::env::var_os("STRIPE_SPEC")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| generator::workspace_root().join("../shared/stripe-openapi/spec3.json"));
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let text = std::fs::read_to_string(&path).expect("spec");
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        let t1 = t.elapsed();
        let spec = generator::load::from_document(value).expect("openapi");
        let t2 = t.elapsed();
        let api =
            generator::model::build(&spec, &generator::model::Selection::all()).expect("model");
        let t3 = t.elapsed();
        let features = generator::emit::Features::new(&api);
        let parts = generator::emit::Parts::new(&api);
        let crate_info = generator::emit::CrateInfo::default();
        let files = generator::emit::emit(&api, &features, &parts, &crate_info);
        let t4 = t.elapsed();
        let rendered = generator::format::render(files).expect("format");
        let t5 = t.elapsed();
        drop(api);
        drop(spec);
        drop(text);
        let t6 = t.elapsed();
        println!(
            "json {:?} openapi {:?} model {:?} emit {:?} format {:?} drop {:?} ({} files)",
            t1,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            t6 - t5,
            rendered.len()
        );
    }
}
