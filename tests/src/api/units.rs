//! Units, accounts, indicators and forms.

use reqwest::Method;
use tonghop_shared::api::{Form, FormInput, Indicator, IndicatorInput, NewUnit, Unit, UnitPatch};

use super::Reply;
use crate::TestApp;

impl TestApp {
    /// `GET /api/v1/units`: the units the caller may read.
    pub async fn units(&self, token: &str) -> Reply<Vec<Unit>> {
        self.get("/api/v1/units", token).await.into()
    }

    /// A unit by code, read through the administrator's view.
    pub async fn unit(&self, code: &str) -> Unit {
        let units = self.units(&self.session("admin").await).await.ok();
        units.into_iter().find(|u| u.code == code).unwrap_or_else(|| panic!("no unit {code}"))
    }

    /// `POST /api/v1/units`.
    pub async fn create_unit(&self, token: &str, unit: &NewUnit) -> Reply<Unit> {
        self.call(Method::POST, "/api/v1/units", Some(token), Some(serde_json::to_value(unit).unwrap())).await.into()
    }

    /// `GET /api/v1/units/{id}`.
    pub async fn unit_by_id(&self, token: &str, id: i64) -> Reply<Unit> {
        self.get(&TestApp::unit_path(id), token).await.into()
    }

    /// The path of the unit `id`.
    pub fn unit_path(id: i64) -> String {
        format!("/api/v1/units/{id}")
    }

    /// `PATCH /api/v1/units/{id}`: renames, moves, (de)activates or sets the calendar.
    pub async fn change_unit(&self, token: &str, id: i64, patch: &UnitPatch) -> Reply<Unit> {
        self.call(Method::PATCH, &TestApp::unit_path(id), Some(token), Some(serde_json::to_value(patch).unwrap())).await.into()
    }

    /// `GET /api/v1/indicators`.
    pub async fn indicators(&self, token: &str) -> Reply<Vec<Indicator>> {
        self.get("/api/v1/indicators", token).await.into()
    }

    /// `POST /api/v1/indicators`.
    pub async fn create_indicator(&self, token: &str, indicator: &IndicatorInput) -> Reply<Indicator> {
        self.call(Method::POST, "/api/v1/indicators", Some(token), Some(serde_json::to_value(indicator).unwrap())).await.into()
    }

    /// An indicator by code, read through the administrator's view.
    pub async fn indicator(&self, code: &str) -> Indicator {
        let all = self.indicators(&self.session("admin").await).await.ok();
        all.into_iter().find(|i| i.code == code).unwrap_or_else(|| panic!("no indicator {code}"))
    }

    /// `GET /api/v1/forms`.
    pub async fn forms(&self, token: &str) -> Reply<Vec<Form>> {
        self.get("/api/v1/forms", token).await.into()
    }

    /// A form by code (`VILLAGE_MONTHLY`), with its indicators, read through
    /// the administrator's view.
    pub async fn form_named(&self, code: &str) -> Form {
        let forms = self.forms(&self.session("admin").await).await.ok();
        forms.into_iter().find(|f| f.code == code).unwrap_or_else(|| panic!("no form {code}"))
    }

    /// `POST /api/v1/forms`.
    pub async fn create_form(&self, token: &str, form: &FormInput) -> Reply<Form> {
        self.call(Method::POST, "/api/v1/forms", Some(token), Some(serde_json::to_value(form).unwrap())).await.into()
    }

    /// `PUT /api/v1/forms/{id}`: its name and indicators, in order.
    pub async fn change_form(&self, token: &str, id: i64, form: &FormInput) -> Reply<Form> {
        self.call(Method::PUT, &format!("/api/v1/forms/{id}"), Some(token), Some(serde_json::to_value(form).unwrap())).await.into()
    }
}
