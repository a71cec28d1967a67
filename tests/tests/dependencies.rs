//! The generated crate's dependency tree: with its default features (rustls) there is
//! no OpenSSL anywhere; with `native-tls` there is, which shows the check can fail.

use std::process::Command;

use tests::workspace_root;

/// `cargo tree` of the generated crate inverted on `openssl-sys`: its output, or
/// `None` when the package is not in the tree.
fn openssl_in_tree(features: &[&str]) -> Option<String> {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(workspace_root()).args([
        "tree",
        "-p",
        "stripe-client",
        "-e",
        "normal",
        "-i",
        "openssl-sys",
    ]);
    for feature in features {
        command.args(["--features", feature]);
    }
    let output = command.output().expect("cargo tree runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        assert!(
            stderr.contains("did not match any packages"),
            "cargo tree failed otherwise: {stderr}"
        );
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_default_tls_needs_no_openssl() {
    assert_eq!(openssl_in_tree(&[]), None);
    let native = openssl_in_tree(&["stripe-client/native-tls"]).expect("native-tls uses OpenSSL");
    assert!(native.contains("openssl-sys"), "{native}");
}
