//! Browser tests (see flow.rs).
