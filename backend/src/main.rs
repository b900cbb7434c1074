//! The `tonghop` program. Everything lives in the library; see `cli.rs`.

use clap::Parser;

/// jemalloc, not the system's malloc: glibc keeps a freed password hash
/// buffer (9 to 19 MiB) in the arena of the thread that hashed (its mmap
/// threshold rises to the largest block freed), so every blocking thread
/// that ever checked a password kept it. jemalloc's background thread gives freed
/// pages back within about a second (`.cargo/config.toml`), whether or not
/// that thread runs again. Measured by `cargo bench -p tonghop-backend
/// --bench save`.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    tonghop::cli::run(tonghop::cli::Cli::parse()).await
}
