//! Loads the demo commune: units, accounts, indicators, forms, five months of
//! village figures in the app, earlier months imported, and the year's plans,
//! so a first start shows a working product.

mod data;
mod earlier;

use std::collections::HashMap;

use chrono::Datelike;

use tonghop_shared::api::{IndicatorInput, Role, SubmissionInput, UnitKind, ValueInput};
use tonghop_shared::rules::RuleInput;
use tonghop_shared::{Amount, CalendarKind, MonthPeriod, ReportingCalendar};

use crate::auth::AuthUser;
use crate::db::{DbConn, Serialized, serialize, write_transaction};
use crate::error::ApiError;
use crate::indicators::model as indicators;
use crate::submissions::model::Context;
use crate::submissions::service::{self, Action};
use crate::units::model as units;
use crate::users::model as users;

/// A demo login, for printing.
#[derive(Debug, Clone)]
pub struct Login {
    pub username: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub unit: &'static str,
}

/// Every demo login.
pub fn logins() -> Vec<Login> {
    let mut out: Vec<Login> = data::STAFF
        .iter()
        .map(|(username, _, password, role, unit)| Login {
            username,
            password,
            role: *role,
            unit: if *unit == "TH" { "Tỉnh Thanh Hóa" } else { "Xã Xuân Phú" },
        })
        .collect();
    out.extend(data::VILLAGES.iter().map(|(_, name, username)| Login {
        username,
        password: data::VILLAGE_PASSWORD,
        role: Role::Reporter,
        unit: name,
    }));
    out.extend(data::MASS_ORGS.iter().map(|(_, name, username)| Login {
        username,
        password: data::MASS_ORG_PASSWORD,
        role: Role::Reporter,
        unit: name,
    }));
    out
}

/// Loads the demo unless it is already there. Returns whether it loaded.
///
/// All of it or nothing, in one write transaction: a server stopped halfway
/// leaves no half commune behind. Several servers started at once with
/// `--demo` load it once: the check is made inside the transaction, after
/// taking the demo's lock (`Serialized::DemoLoad`; on SQLite the write lock).
pub fn load(conn: &mut DbConn, today: chrono::NaiveDate) -> anyhow::Result<bool> {
    let loaded = write_transaction(conn, |conn| -> Result<bool, ApiError> {
        serialize(conn, Serialized::DemoLoad)?;
        if units::find_by_code(conn, "XP").is_ok() {
            return Ok(false);
        }
        let province = units::insert(conn, None, UnitKind::Province, "TH", "Tỉnh Thanh Hóa", None)?;
        let calendar = ReportingCalendar { kind: CalendarKind::Decree09, deadline_working_days: 2 };
        let commune = units::insert(conn, Some(&province), UnitKind::Commune, "XP", "Xã Xuân Phú", Some(calendar))?;
        let mut codes = HashMap::from([("TH", province.id), ("XP", commune.id)]);
        for (code, name, username) in data::VILLAGES {
            let unit = units::insert(conn, Some(&commune), UnitKind::Village, code, name, None)?;
            codes.insert(code, unit.id);
            users::insert(conn, username, &format!("Chi bộ {name}"), data::VILLAGE_PASSWORD, Role::Reporter, unit.id)?;
        }
        for (code, name, username) in data::MASS_ORGS {
            let unit = units::insert(conn, Some(&commune), UnitKind::MassOrganisation, code, name, None)?;
            users::insert(conn, username, name, data::MASS_ORG_PASSWORD, Role::Reporter, unit.id)?;
        }
        let mut staff = HashMap::new();
        for (username, display_name, password, role, unit_code) in data::STAFF {
            staff.insert(*username, users::insert(conn, username, display_name, password, *role, codes[unit_code])?);
        }
        for (day, name) in data::holidays(today.year()) {
            crate::holidays::model::insert(conn, day, name, None, staff["admin"])?;
        }
        load_indicators_and_forms(conn)?;
        load_history(conn, today)?;
        let current = MonthPeriod::containing(today, &units::effective_calendar(conn, &commune)?);
        earlier::load(conn, current)?;
        Ok(true)
    })?;
    Ok(loaded)
}

fn load_indicators_and_forms(conn: &mut DbConn) -> Result<(), ApiError> {
    let mut ids: HashMap<&str, i64> = HashMap::new();
    // Rates refer to their parts, so parts are written first.
    let (rates, plain): (Vec<_>, Vec<_>) = data::INDICATORS.iter().partition(|i| i.rate_of.is_some());
    for ind in plain.into_iter().chain(rates) {
        let input = IndicatorInput {
            code: ind.code.into(),
            name: ind.name.into(),
            unit_of_measure: ind.unit.into(),
            aggregation: ind.aggregation,
            precision: ind.precision,
            input_precision: Some(ind.input_precision),
            higher_is_better: ind.higher_is_better,
            help: ind.help.into(),
            min_value: None,
            max_value: ind.max.map(Amount::from_int),
            numerator_id: ind.rate_of.map(|(n, _)| ids[n]),
            denominator_id: ind.rate_of.map(|(_, d)| ids[d]),
            active: true,
        };
        ids.insert(ind.code, indicators::save_indicator(conn, None, &input)?);
    }
    let village: Vec<i64> = data::VILLAGE_FORM.iter().map(|c| ids[c]).collect();
    indicators::insert_form(conn, "VILLAGE_MONTHLY", "Báo cáo tháng của thôn", UnitKind::Village, "monthly", &village)?;
    for (code, kind, other, max, severity, message) in data::RULES {
        let input = RuleInput {
            indicator_id: ids[code],
            kind: *kind,
            other_indicator_id: other.map(|o| ids[o]),
            min_value: None,
            max_value: max.map(Amount::from_int),
            severity: *severity,
            message: message.map(str::to_owned),
        };
        crate::indicators::rules::insert(conn, &input)?;
    }
    let mass: Vec<i64> = data::MASS_ORG_FORM.iter().map(|c| ids[c]).collect();
    indicators::insert_form(conn, "MASS_ORG_MONTHLY", "Số liệu tháng của đoàn thể", UnitKind::MassOrganisation, "monthly", &mass)?;
    Ok(())
}

/// The five months before the current one (the default window of the
/// completeness table), submitted by every village but the last, which has
/// not sent the latest: the commune sees one missing. One village sent one
/// month two days late.
/// Months of history the demo loads.
const HISTORY_MONTHS: u32 = 5;

fn load_history(conn: &mut DbConn, today: chrono::NaiveDate) -> Result<(), ApiError> {
    let commune = units::find_by_code(conn, "XP")?;
    let calendar = units::effective_calendar(conn, &commune)?;
    let holidays = crate::holidays::of_unit(conn, &commune)?;
    let current = MonthPeriod::containing(today, &calendar);
    let form = indicators::all_forms(conn)?.into_iter().find(|f| f.code == "VILLAGE_MONTHLY").ok_or_else(|| missing("demo form"))?;
    let form_indicators = indicators::form_indicators(conn, form.id)?;
    for (v, (code, _, username)) in data::VILLAGES.iter().enumerate() {
        let unit = units::find_by_code(conn, code)?;
        let user_id =
            users::list(conn, Some(&unit))?.into_iter().find(|(u, _)| u.username == *username).ok_or_else(|| missing("demo user"))?.0.id;
        let user = AuthUser::load(conn, user_id)?.ok_or_else(|| missing("active demo user"))?;
        for back in (1..=HISTORY_MONTHS).rev() {
            if back == 1 && v + 1 == data::VILLAGES.len() {
                continue;
            }
            let period = (0..back).fold(current, |p, _| p.previous());
            let values = form_indicators
                .iter()
                .map(|ind| ValueInput { indicator_id: ind.id, value: Some(demo_value(&ind.code, v, period)), comment: None })
                .collect();
            let ctx = Context {
                unit: &unit,
                form_id: form.id,
                form_code: &form.code,
                indicators: &form_indicators,
                period,
                calendar,
                holidays: holidays.clone(),
            };
            // Sent on the deadline day (on time), but for one late month.
            let late_days = if v == 2 && back == 3 { 2 } else { 0 };
            let sent_on = period.deadline(&calendar, &holidays) + chrono::Duration::days(late_days);
            service::save(conn, &user, &ctx, SubmissionInput { version: 0, values }, Action::Submit, sent_on)?;
        }
    }
    Ok(())
}

/// Plausible figures for a village of about 300 households.
/// A piece of the demo that the demo's own earlier steps should have made.
pub(super) fn missing(what: &str) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("the demo commune lacks its {what}"))
}

fn demo_value(code: &str, village: usize, period: MonthPeriod) -> Amount {
    let v = village as i64;
    let m = period.month() as i64;
    let harvest = matches!(m, 5 | 6 | 10 | 11);
    let scaled = match code {
        "GRAIN_OUTPUT" if harvest => 450_000 + v * 37_000 + m * 1_000,
        "SOWN_AREA" => {
            if matches!(m, 1 | 2 | 7 | 8) {
                280_000 + v * 15_000
            } else {
                0
            }
        }
        "AFFORESTATION" => (m % 3) * 5_000 + v * 2_000,
        "CATTLE" => (240 + v * 13 + m) * 10_000,
        "POULTRY" => (9_500 + v * 410 + m * 20) * 10_000,
        "HOUSEHOLDS" => (310 + v * 17) * 10_000,
        "POOR_HOUSEHOLDS" => (5 + v % 3) * 10_000,
        "NEAR_POOR_HOUSEHOLDS" => (6 + v % 2) * 10_000,
        "POPULATION" => (1_180 + v * 64) * 10_000,
        "INSURED_PEOPLE" => (1_000 + v * 52) * 10_000,
        "NEW_PARTY_MEMBERS" => ((v + m) % 4 == 0) as i64 * 10_000,
        "TRAFFIC_ACCIDENTS" => ((v * 7 + m) % 9 == 0) as i64 * 10_000,
        "PUBLIC_ORDER_INCIDENTS" => ((v + m) % 5 == 0) as i64 * 10_000,
        _ => 0,
    };
    Amount::from_scaled(scaled)
}
