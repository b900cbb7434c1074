//! The `tonghop` program. Everything lives in the library; see `cli.rs`.

use clap::Parser;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    tonghop::cli::run(tonghop::cli::Cli::parse()).await
}
