//! Arbitrary bytes through the generator's load, model, emit and format stages, read
//! both as JSON and as YAML. A panic (or a crash) is a bug; errors are the expected
//! answer to bad input. Run: see CONTRIBUTING.md, Reliability.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = std::path::Path::new("fuzz-input");
    for is_yaml in [false, true] {
        let _ = generator::generate_text(text, is_yaml, file, true);
    }
});
