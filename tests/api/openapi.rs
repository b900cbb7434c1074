//! The committed OpenAPI document must match what the server serves.

#[test]
fn the_committed_openapi_document_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let generated = tonghop::startup::openapi().to_pretty_json().unwrap() + "\n";
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale. Regenerate it with:\n    cargo run -q -p tonghop-backend -- openapi > openapi/openapi.json"
    );
}

#[test]
fn every_operation_is_described_and_documents_its_errors() {
    let api = serde_json::to_value(tonghop::startup::openapi()).unwrap();
    let paths = api["paths"].as_object().unwrap();
    assert!(paths.len() >= 14, "{}", paths.len());
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let name = format!("{method} {path}");
            assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()), "{name} has no summary");
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.keys().any(|k| k.starts_with('2')), "{name} has no success response");
            // Health, logging out and the public push key have nothing to refuse.
            if !path.starts_with("/api/health") && path != "/api/v1/auth/logout" && path != "/api/v1/push/key" {
                assert!(responses.keys().any(|k| k.starts_with('4')), "{name} documents no error");
            }
        }
    }
}
