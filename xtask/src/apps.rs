//! What the browser side is made of: the apps (one wasm crate each), their
//! names in `frontend/dist`, and where the static files come from. The one
//! place to change when the frontend changes shape.

/// One browser app: a cdylib crate compiled to wasm32.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct App {
    /// The cargo package.
    pub package: &'static str,
    /// The file cargo writes: the library name (the package's, `-` as `_`) + `.wasm`.
    pub wasm: &'static str,
    /// The name in dist and in the templates: `reporter` gives
    /// `reporter-<hash>.js`, `reporter_bg-<hash>.wasm`, `%REPORTER_JS%`, `%REPORTER_WASM%`.
    pub out_name: &'static str,
    /// The app's own stylesheet in `frontend/static`, loaded after the
    /// shared one by this app only: `office.css` gives `office-<hash>.css`
    /// and `%OFFICE_CSS%`.
    pub style: Option<&'static str>,
}

/// Login, due list, monthly form, section editor: what every village phone loads.
pub const REPORTER: App = App { package: "tonghop-reporter", wasm: "tonghop_reporter.wasm", out_name: "reporter", style: None };

/// The commune office's screens, loaded only by office users.
pub const OFFICE: App = App { package: "tonghop-office", wasm: "tonghop_office.wasm", out_name: "office", style: Some("office.css") };

/// The apps that `build-frontend` compiles, in one cargo invocation.
pub const APPS: &[App] = &[REPORTER, OFFICE];

impl App {
    /// Placeholder (without `%`) for the URL of the app's JS.
    pub fn js_placeholder(&self) -> String {
        format!("{}_JS", self.out_name.to_uppercase())
    }

    /// Placeholder (without `%`) for the URL of the app's wasm.
    pub fn wasm_placeholder(&self) -> String {
        format!("{}_WASM", self.out_name.to_uppercase())
    }

    /// Placeholder (without `%`) for the URL of the app's own stylesheet.
    pub fn style_placeholder(&self) -> String {
        format!("{}_CSS", self.out_name.to_uppercase())
    }

    /// The JS file's name in dist before hashing: `reporter.js`.
    pub fn js_name(&self) -> String {
        format!("{}.js", self.out_name)
    }

    /// The wasm file's name in dist before hashing: `reporter_bg.wasm`.
    pub fn wasm_name(&self) -> String {
        format!("{}_bg.wasm", self.out_name)
    }
}

/// Placeholder (without `%`) for the URL of the stylesheet.
pub const STYLE_PLACEHOLDER: &str = "STYLE_CSS";

/// The static files, in `frontend/static/`: `index.html` and `sw.js` are
/// templates, the rest is copied unchanged.
pub const STATIC_DIR: &str = "frontend/static";
/// The page every address answers with.
pub const INDEX: &str = "index.html";
/// The stylesheet both apps load (hashed in dist); an app's own is [`App::style`].
pub const STYLE: &str = "style.css";
/// The service worker: kept at a fixed name, since the browser looks for it there.
pub const SERVICE_WORKER: &str = "sw.js";
/// The web app manifest: fixed name, as it names its icons by fixed names.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The browser's side of Web Push, imported by `index.html` when the menu
/// opens: fixed name, copied unchanged.
pub const PUSH: &str = "push.js";
/// The icons folder, copied unchanged.
pub const ICONS: &str = "icons";
