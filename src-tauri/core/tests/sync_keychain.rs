//! The sync password's keychain where none answers, as on a Linux session without Secret
//! Service: every call fails with a French message naming the login and the server, never the
//! password, and nothing is kept.

#[cfg(target_os = "linux")]
#[test]
fn without_a_keychain_the_password_is_refused_with_a_message_that_does_not_hold_it() {
    use passerelle_core::sync::keychain;
    // This test file runs in its own process: no session bus to find the Secret Service on.
    std::env::remove_var("DBUS_SESSION_BUS_ADDRESS");
    std::env::set_var("XDG_RUNTIME_DIR", "/nonexistent-passerelle-runtime");
    let secret = "m0t-de-passe-Tr3s-secret";
    let server = "https://couch.mot.example/";
    let error = keychain::save_password(server, "claire", secret).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("trousseau"), "{message}");
    assert!(message.contains("« claire »"), "{message}");
    assert!(message.contains("https://couch.mot.example"), "{message}");
    assert!(!message.contains(secret), "{message}");
    assert!(!format!("{error:?}").contains(secret));
    let read = keychain::password(server, "claire")
        .unwrap_err()
        .to_string();
    assert!(
        read.starts_with("Impossible de lire") || read.starts_with("Impossible d'ouvrir"),
        "{read}"
    );
    assert!(keychain::forget_password(server, "claire").is_err());
}
