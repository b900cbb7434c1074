//! The `tonghop` command line: serve, migrate, create a unit or a user (how
//! an empty database gets its first ones, see [`crate::setup`]), load the
//! demo, back up the embedded database, print the OpenAPI document.

use std::net::TcpListener;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use tonghop_shared::api::{Role, UnitKind};

use crate::auth::tokens::{TokenKeys, load_or_create_secret};
use crate::config::Settings;
use crate::db::{self, DatabaseKind};
use crate::startup::Application;
use crate::state::AppState;

/// tonghop: monthly figures from villages and mass organisations, compiled
/// into the commune's report.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// A TOML config file (default: ./tonghop.toml when it exists).
    #[arg(long, global = true, env = "TONGHOP_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database URL: `postgres://...` or an SQLite file path.
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    /// Data directory (SQLite file, generated secret).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses arguments as the binary does (the first is the program's name).
    pub fn try_from_args<I: IntoIterator<Item = T>, T: Into<std::ffi::OsString> + Clone>(args: I) -> Result<Self, clap::Error> {
        Self::try_parse_from(args)
    }
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the app and the API.
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080.
        #[arg(long)]
        bind: Option<String>,
        /// Load the demo commune first (once) and print its logins.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Load the demo commune (does nothing if it is there).
    LoadDemo,
    /// Create a unit; the first one, on an empty database, is the root
    /// (the commune, or the province above its communes).
    CreateUnit {
        /// Stable code: upper-case letters, digits, `-` and `_`.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// province, district, commune, village, mass_organisation or office.
        #[arg(long, default_value = "commune")]
        kind: String,
        /// Code of the unit above it; none for a root.
        #[arg(long)]
        parent: Option<String>,
    },
    /// Create a user account (the first administrator too, with `--role admin`).
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// Read from the TONGHOP_NEW_PASSWORD variable when absent, to keep
        /// it out of the shell history.
        #[arg(long, env = "TONGHOP_NEW_PASSWORD", hide_env_values = true)]
        password: String,
        /// admin, commune, reporter or viewer.
        #[arg(long)]
        role: String,
        /// Code of the user's unit.
        #[arg(long)]
        unit: String,
    },
    /// Copy the SQLite database into a new file, consistently, while servers
    /// run on it (PostgreSQL: use pg_dump).
    Backup {
        /// The new file (never overwritten).
        file: PathBuf,
    },
    /// Print the OpenAPI document.
    Openapi,
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut settings = Settings::load(cli.config.as_deref())?;
    if let Some(url) = cli.database_url {
        settings.database_url = url;
    }
    if let Some(dir) = cli.data_dir {
        settings.data_dir = dir;
    }
    // The one-shot commands answer on stdout; only the server logs (and a
    // test calling `run` does not get a global logger installed).
    if matches!(cli.command, Command::Serve { .. } | Command::LoadDemo) {
        init_logging(&settings.log);
    }
    match cli.command {
        Command::Openapi => {
            println!("{}", crate::startup::openapi().to_pretty_json()?);
            Ok(())
        }
        Command::Backup { file } => {
            let url = settings.effective_database_url();
            if DatabaseKind::of_url(&url) == DatabaseKind::Sqlite {
                let path = url.strip_prefix("sqlite://").unwrap_or(&url);
                anyhow::ensure!(std::path::Path::new(path).is_file(), "no database at {path}");
            }
            let pool = db::connect(&url, 1)?;
            let backup = crate::backup::sqlite_backup(&pool, &file)?;
            println!("Đã sao lưu cơ sở dữ liệu vào {} ({} byte).", file.display(), backup.bytes);
            Ok(())
        }
        Command::Migrate => {
            let pool = open(&settings)?;
            let mut conn = pool.get()?;
            println!("Đã cập nhật cơ sở dữ liệu ({} bước).", db::migrate(&mut conn)?);
            Ok(())
        }
        Command::LoadDemo => {
            let pool = open(&settings)?;
            let mut conn = pool.get()?;
            db::migrate(&mut conn)?;
            let loaded = crate::demo::load(&mut conn, crate::clock::today())?;
            println!("{}", if loaded { "Đã nạp dữ liệu mẫu." } else { "Dữ liệu mẫu đã có sẵn." });
            print_logins();
            Ok(())
        }
        Command::CreateUnit { code, name, kind, parent } => {
            let kind: UnitKind = kind.parse().map_err(|e: String| anyhow::anyhow!(e))?;
            let pool = open(&settings)?;
            let mut conn = pool.get()?;
            db::migrate(&mut conn)?;
            let row = crate::setup::create_unit(&mut conn, &code, &name, kind, parent.as_deref())?;
            println!("Đã tạo đơn vị {} (mã {}, id {}).", row.name, row.code, row.id);
            Ok(())
        }
        Command::CreateUser { username, display_name, password, role, unit } => {
            let role: Role = role.parse().map_err(|e: String| anyhow::anyhow!(e))?;
            let pool = open(&settings)?;
            let mut conn = pool.get()?;
            db::migrate(&mut conn)?;
            let input = crate::setup::NewUserByCode {
                username: &username,
                display_name: &display_name,
                password: &password,
                role,
                unit_code: &unit,
            };
            let id = crate::setup::create_user(&mut conn, input)?;
            println!("Đã tạo tài khoản {} (id {id}).", username.to_lowercase());
            Ok(())
        }
        Command::Serve { bind, demo } => {
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            serve(settings, demo).await
        }
    }
}

fn open(settings: &Settings) -> anyhow::Result<db::DbPool> {
    let url = settings.effective_database_url();
    if DatabaseKind::of_url(&url) == DatabaseKind::Sqlite
        && let Some(parent) = std::path::Path::new(&url).parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)?;
    }
    db::connect_with(&url, settings.pool_size, settings.sqlite_synchronous)
}

/// Builds the shared state: pool (migrated), signing keys.
pub fn prepare(settings: &Settings) -> anyhow::Result<AppState> {
    let pool = open(settings)?;
    let applied = db::migrate(&mut *pool.get()?)?;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    let secret = load_or_create_secret(&settings.jwt_secret, &mut *pool.get()?, &settings.data_dir)?;
    let mut keys = TokenKeys::new(&secret, settings.access_token_minutes * 60, settings.refresh_token_days * 86_400)?;
    keys.refresh_retry_grace_secs = settings.refresh_retry_grace_secs;
    let limits = std::sync::Arc::new(crate::auth::rate_limit::RateLimits::new(settings)?);
    let push = std::sync::Arc::new(crate::notifications::Push {
        vapid: crate::notifications::keys::Vapid::load_or_create(&mut *pool.get()?, &settings.push_subject)?,
        allow_http: settings.push_allow_http,
        poll: std::time::Duration::from_millis(settings.push_poll_ms.max(100)),
        reminder_hour: settings.push_reminder_hour,
    });
    let hashing = std::sync::Arc::new(settings.password_slots());
    Ok(AppState { pool, db_kind: DatabaseKind::of_url(&settings.effective_database_url()), keys, limits, push, hashing })
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let state = prepare(&settings)?;
    if demo {
        let mut conn = state.pool.get()?;
        if crate::demo::load(&mut conn, crate::clock::today())? {
            tracing::info!("demo commune loaded");
        }
    }
    let listener = TcpListener::bind(&settings.bind)?;
    let app = Application::build(state.clone(), listener)?;
    if !crate::web::assets::app_is_built() {
        tracing::warn!("the web app was not built into this binary; run `cargo xtask run`");
    }
    println!();
    let database = match state.db_kind {
        DatabaseKind::Sqlite => format!("sqlite, synchronous={}", settings.sqlite_synchronous.as_str()),
        DatabaseKind::Postgres => "postgres".to_owned(),
    };
    println!("tonghop đang chạy: http://{}/  (API: /api/docs/, cơ sở dữ liệu: {database})", settings.bind);
    if demo {
        print_logins();
    }
    app.run_until_stopped().await?;
    Ok(())
}

fn print_logins() {
    println!("Tài khoản dùng thử (chỉ dành cho dữ liệu mẫu):");
    for login in crate::demo::logins() {
        println!("  {:<16} {:<12} {:<22} {}", login.username, login.password, login.role.label_vi(), login.unit);
    }
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
