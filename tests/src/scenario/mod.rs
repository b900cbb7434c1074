//! Scenario builders: the arrangements the API tests share, each a sentence.
//!
//! ```ignore
//! let sent = app.scenario().village("XP-BANGOC").every_figure(10).submitted().await;
//! let approved = app.approve(&sent.office, &sent.key, sent.version()).await.ok();
//! ```
//!
//! Every step goes through HTTP with the typed helpers of [`crate::api`] and
//! asserts that it succeeded, so a test fails where its arrangement did.

mod figures;
mod months;
mod reports;
mod sections;

use tonghop_shared::api::{Form, FormInput, Frequency, NewUnit, NewUser, Role, Unit, UnitKind};

pub use figures::{FormFigures, SubmissionFigures, amount};
pub use months::{Month, MonthScenario};
pub use reports::{KeptReport, ReportScenario};
pub use sections::{SectionScenario, SectionState};

use crate::TestApp;

/// The commune office of the demo commune, who decides by default.
pub const COMMUNE_OFFICE: &str = "vp.xuanphu";

/// Where scenarios start: `app.scenario()`.
pub struct Scenario<'a> {
    app: &'a TestApp,
}

impl TestApp {
    /// Arranges what a test needs before it acts.
    pub fn scenario(&self) -> Scenario<'_> {
        Scenario { app: self }
    }

    /// The demo login of the unit `code`'s own reporter (`thon.bangoc` for `XP-BANGOC`).
    pub async fn reporter_of(&self, code: &str) -> &'static str {
        let name = self.unit(code).await.name;
        let login = tonghop::demo::logins().into_iter().find(|l| l.role == Role::Reporter && l.unit == name);
        login.unwrap_or_else(|| panic!("no demo reporter for {code}")).username
    }
}

impl<'a> Scenario<'a> {
    /// A village's monthly form (`VILLAGE_MONTHLY`), this month, sent by its reporter.
    pub fn village(self, code: &str) -> MonthScenario<'a> {
        MonthScenario::new(self.app, code, Some("VILLAGE_MONTHLY"))
    }

    /// Any unit's form: name it with [`MonthScenario::form`], and who sends
    /// it with [`MonthScenario::by`] when the unit has no demo reporter.
    pub fn unit(self, code: &str) -> MonthScenario<'a> {
        MonthScenario::new(self.app, code, None)
    }

    /// A unit's activity section for a report period (`2026-H1`), written by its reporter.
    pub fn section(self, code: &str, period: &str) -> SectionScenario<'a> {
        SectionScenario::new(self.app, code, period)
    }

    /// A kept report of the unit `code` (the commune) for a report period
    /// (`2026-H1`), written by the commune office.
    pub fn report(self, code: &str, period: &str) -> ReportScenario<'a> {
        ReportScenario::new(self.app, code, period)
    }

    /// A monthly form of the commune itself, of these indicators, made by the administrator.
    pub async fn a_commune_form_of(self, indicators: &[&str]) -> Form {
        let mut indicator_ids = Vec::new();
        for code in indicators {
            indicator_ids.push(self.app.indicator(code).await.id);
        }
        let form = FormInput {
            code: "COMMUNE_MONTHLY".into(),
            name: "Báo cáo tháng của xã".into(),
            unit_kind: UnitKind::Commune,
            frequency: Frequency::Monthly,
            indicator_ids,
        };
        self.app.create_form(&self.app.session("admin").await, &form).await.created()
    }

    /// A new account of `role` at the unit `unit_code`, made by the
    /// administrator and logged in: its access token (also kept as its
    /// [`TestApp::session`]).
    pub async fn an_account(self, unit_code: &str, role: Role, username: &str, display_name: &str, password: &str) -> String {
        let unit_id = self.app.unit(unit_code).await.id;
        let user = NewUser { username: username.into(), display_name: display_name.into(), password: password.into(), role, unit_id };
        self.app.create_user(&self.app.session("admin").await, &user).await.created();
        self.app.log_in_as(username, password).await
    }

    /// Another commune of the province (`TH`), made by the administrator.
    pub async fn another_commune(self, code: &str, name: &str) -> Unit {
        let province = self.app.unit("TH").await.id;
        let unit = NewUnit { parent_id: Some(province), kind: UnitKind::Commune, code: code.into(), name: name.into(), calendar: None };
        self.app.create_unit(&self.app.session("admin").await, &unit).await.created()
    }
}
