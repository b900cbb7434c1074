//! What makes the demo's totals worth looking at: the commune's plans for the
//! year, the village figures from before it started using tonghop (imported:
//! all of last year and this year's months before the app's history), and
//! the older months of that history approved.

use diesel::prelude::*;
use tonghop_shared::api::{PlanInput, ReviewAction};
use tonghop_shared::{Amount, MonthPeriod};

use super::{HISTORY_MONTHS, data, demo_value, missing};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::db::schema::imported_values;
use crate::error::ApiError;
use crate::indicators::model as indicators;
use crate::submissions::model::{self as submissions, Context};
use crate::submissions::review::{self, Decision};
use crate::units::model as units;
use crate::users::model as users;

/// Loads plans, imported months and approvals. `current` is today's month.
pub fn load(conn: &mut DbConn, current: MonthPeriod) -> Result<(), ApiError> {
    let commune = units::find_by_code(conn, "XP")?;
    let office =
        users::list(conn, Some(&commune))?.into_iter().find(|(u, _)| u.username == "vp.xuanphu").ok_or_else(|| missing("demo user"))?.0.id;
    let office = AuthUser::load(conn, office)?.ok_or_else(|| missing("active demo user"))?;
    crate::db::write_transaction(conn, |conn| -> Result<(), ApiError> {
        plans(conn, &office, commune.id, current.year())?;
        import_months(conn, &office, current)
    })?;
    approve_older_months(conn, &office, current)
}

fn plans(conn: &mut DbConn, office: &AuthUser, unit_id: i64, year: i32) -> Result<(), ApiError> {
    let all = indicators::all_indicators(conn)?;
    let id = |code: &str| all.iter().find(|i| i.code == code).map(|i| i.id).ok_or_else(|| missing("demo indicator"));
    let poverty = ("POVERTY_RATE", Amount::from_scaled(data::POVERTY_RATE_PLAN_HUNDREDTHS * 100), true, false);
    let rows = data::PLANS.iter().map(|(code, value, target, year_end)| (*code, Amount::from_int(*value), *target, *year_end));
    for (code, value, resolution_target, year_end_only) in rows.chain([poverty]) {
        let input = PlanInput { unit_id, indicator_id: id(code)?, year, value, resolution_target, year_end_only };
        crate::plans::model::upsert(conn, &input, office.id)?;
    }
    Ok(())
}

/// Last year's figures run a little lower than this year's.
fn last_year_value(code: &str, village: usize, period: MonthPeriod) -> Amount {
    let this_year = demo_value(code, village, MonthPeriod::new(period.year() + 1, period.month()).unwrap_or(period));
    let scaled = this_year.scaled();
    Amount::from_scaled(match code {
        "CATTLE" | "POULTRY" | "HOUSEHOLDS" | "POPULATION" | "INSURED_PEOPLE" => scaled * 97 / 100 / 10_000 * 10_000,
        "POOR_HOUSEHOLDS" => scaled + 20_000,
        "NEAR_POOR_HOUSEHOLDS" => scaled + 10_000,
        "GRAIN_OUTPUT" | "SOWN_AREA" | "AFFORESTATION" => scaled * 92 / 100 / 1_000 * 1_000,
        _ => scaled,
    })
}

fn import_months(conn: &mut DbConn, office: &AuthUser, current: MonthPeriod) -> Result<(), ApiError> {
    let form = indicators::all_forms(conn)?.into_iter().find(|f| f.code == "VILLAGE_MONTHLY").ok_or_else(|| missing("demo form"))?;
    let form_indicators = indicators::form_indicators(conn, form.id)?;
    let first_in_app = (0..HISTORY_MONTHS).fold(current, |p, _| p.previous());
    let now = crate::db::now();
    let mut rows = Vec::new();
    for (v, (code, _, _)) in data::VILLAGES.iter().enumerate() {
        let unit = units::find_by_code(conn, code)?;
        let mut period = MonthPeriod::new(current.year() - 1, 1).ok_or_else(|| missing("demo year"))?;
        while period < first_in_app {
            for ind in &form_indicators {
                let value =
                    if period.year() < current.year() { last_year_value(&ind.code, v, period) } else { demo_value(&ind.code, v, period) };
                rows.push((
                    imported_values::unit_id.eq(unit.id),
                    imported_values::indicator_id.eq(ind.id),
                    imported_values::period.eq(period.to_string()),
                    imported_values::monthly.eq(true),
                    imported_values::value.eq(value.scaled()),
                    imported_values::imported_at.eq(now),
                    imported_values::imported_by.eq(office.id),
                ));
            }
            period = period.next();
        }
    }
    // Row by row: the connection that serves both databases has no batch insert.
    for row in rows {
        diesel::insert_into(imported_values::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// The commune has approved all but the two latest months.
fn approve_older_months(conn: &mut DbConn, office: &AuthUser, current: MonthPeriod) -> Result<(), ApiError> {
    let form = indicators::all_forms(conn)?.into_iter().find(|f| f.code == "VILLAGE_MONTHLY").ok_or_else(|| missing("demo form"))?;
    let form_indicators = indicators::form_indicators(conn, form.id)?;
    for (code, _, _) in data::VILLAGES {
        let unit = units::find_by_code(conn, code)?;
        let calendar = units::effective_calendar(conn, &unit)?;
        let holidays = crate::holidays::of_unit(conn, &unit)?;
        for back in 3..=HISTORY_MONTHS {
            let period = (0..back).fold(current, |p, _| p.previous());
            let Some(row) = submissions::find(conn, unit.id, form.id, period)? else { continue };
            let holidays = holidays.clone();
            let ctx =
                Context { unit: &unit, form_id: form.id, form_code: &form.code, indicators: &form_indicators, period, calendar, holidays };
            let decision = Decision { action: ReviewAction::Approve, version: row.version, reason: None, figure_comments: Vec::new() };
            review::decide(conn, office, &ctx, decision)?;
        }
    }
    Ok(())
}
