//! Submissions and their values as stored, and the reads that build API
//! answers from them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tonghop_shared::api::{
    FigureComment, FigureReference, Indicator, Review, ReviewAction, Submission, SubmissionStatus, SubmissionValue, ValueChange,
};
use tonghop_shared::rules::{History, ValidationRule, Violation, evaluate, outlier};
use tonghop_shared::{Amount, Holidays, MonthPeriod, ReportingCalendar};

use crate::db::DbConn;
use crate::db::schema::{reviews, submission_values, submissions, users};
use crate::indicators::model::IndicatorRow;
use crate::units::model::UnitRow;

/// A row of `submissions`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct SubmissionRow {
    pub id: i64,
    pub unit_id: i64,
    pub form_id: i64,
    pub period: String,
    #[diesel(deserialize_as = String)]
    pub status: SubmissionStatus,
    pub version: i64,
    pub late: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub updated_by: i64,
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<i64>,
}

impl SubmissionRow {
    /// The stored status.
    pub fn status(&self) -> SubmissionStatus {
        self.status
    }
}

/// One figure as a review snapshot keeps it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SnapshotValue {
    /// The indicator.
    pub indicator_id: i64,
    /// Its figure then.
    pub value: Option<Amount>,
}

/// A row of `submission_values`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = submission_values)]
pub struct ValueRow {
    pub submission_id: i64,
    pub indicator_id: i64,
    pub value: Option<i64>,
    pub comment: Option<String>,
}

/// The submission of a unit for a form and period, if any.
pub fn find(conn: &mut DbConn, unit_id: i64, form_id: i64, period: MonthPeriod) -> QueryResult<Option<SubmissionRow>> {
    submissions::table
        .filter(submissions::unit_id.eq(unit_id))
        .filter(submissions::form_id.eq(form_id))
        .filter(submissions::period.eq(period.to_string()))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()
}

/// Submissions of many units for one form and period.
pub fn find_many(conn: &mut DbConn, unit_ids: &[i64], form_id: i64, period: MonthPeriod) -> QueryResult<Vec<SubmissionRow>> {
    submissions::table
        .filter(submissions::unit_id.eq_any(unit_ids))
        .filter(submissions::form_id.eq(form_id))
        .filter(submissions::period.eq(period.to_string()))
        .select(SubmissionRow::as_select())
        .load(conn)
}

/// Values of many submissions.
pub fn values_of(conn: &mut DbConn, submission_ids: &[i64]) -> QueryResult<Vec<ValueRow>> {
    submission_values::table.filter(submission_values::submission_id.eq_any(submission_ids)).select(ValueRow::as_select()).load(conn)
}

/// A row of `reviews`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews)]
pub struct ReviewRow {
    pub id: i64,
    pub submission_id: i64,
    #[diesel(deserialize_as = String)]
    pub action: ReviewAction,
    pub reason: Option<String>,
    pub figure_comments: String,
    pub values_json: String,
    pub user_id: i64,
    pub at: NaiveDateTime,
}

impl ReviewRow {
    fn action(&self) -> ReviewAction {
        self.action
    }

    fn to_api(&self, names: &HashMap<i64, String>) -> Review {
        Review {
            action: self.action(),
            reason: self.reason.clone(),
            figure_comments: serde_json::from_str::<Vec<FigureComment>>(&self.figure_comments).unwrap_or_default(),
            by: names.get(&self.user_id).cloned().unwrap_or_default(),
            at: self.at.and_utc(),
        }
    }
}

/// Review decisions on many submissions, oldest first.
pub fn reviews_of(conn: &mut DbConn, submission_ids: &[i64]) -> QueryResult<Vec<ReviewRow>> {
    reviews::table.filter(reviews::submission_id.eq_any(submission_ids)).order(reviews::id).select(ReviewRow::as_select()).load(conn)
}

/// The reason of the latest return or reopening of a submission.
pub fn last_return_reason(conn: &mut DbConn, submission_id: i64) -> QueryResult<Option<String>> {
    let reason: Option<Option<String>> = reviews::table
        .filter(reviews::submission_id.eq(submission_id))
        .filter(reviews::action.ne(ReviewAction::Approve.as_str()))
        .order(reviews::id.desc())
        .select(reviews::reason)
        .first(conn)
        .optional()?;
    Ok(reason.flatten())
}

/// Display names of users, by id.
pub fn user_names(conn: &mut DbConn, ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = users::table.filter(users::id.eq_any(ids)).select((users::id, users::display_name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Everything needed to present one unit's submission for a form and period.
#[derive(Debug)]
pub struct Context<'a> {
    pub unit: &'a UnitRow,
    pub form_id: i64,
    pub form_code: &'a str,
    pub indicators: &'a [IndicatorRow],
    pub period: MonthPeriod,
    pub calendar: ReportingCalendar,
    /// The unit's holidays, counted out of its deadline.
    pub holidays: Holidays,
}

/// Builds API answers for several units at once (three queries in all,
/// whatever the number of units).
pub fn present_many(conn: &mut DbConn, contexts: &[Context<'_>]) -> QueryResult<Vec<Submission>> {
    let Some(first) = contexts.first() else { return Ok(Vec::new()) };
    let unit_ids: Vec<i64> = contexts.iter().map(|c| c.unit.id).collect();
    let rows = find_many(conn, &unit_ids, first.form_id, first.period)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut values: HashMap<i64, Vec<ValueRow>> = HashMap::new();
    for v in values_of(conn, &ids)? {
        values.entry(v.submission_id).or_default().push(v);
    }
    let mut decisions: HashMap<i64, Vec<ReviewRow>> = HashMap::new();
    for review in reviews_of(conn, &ids)? {
        decisions.entry(review.submission_id).or_default().push(review);
    }
    let indicator_ids: Vec<i64> = first.indicators.iter().map(|i| i.id).collect();
    let rules = crate::indicators::rules::for_indicators(conn, &indicator_ids)?;
    let history = super::outliers::history(conn, &unit_ids, first.form_id, first.period)?;
    let mut user_ids: Vec<i64> = rows.iter().flat_map(|r| [Some(r.updated_by), r.submitted_by]).flatten().collect();
    user_ids.extend(decisions.values().flatten().map(|r| r.user_id));
    let names = user_names(conn, &user_ids)?;
    let by_unit: HashMap<i64, &SubmissionRow> = rows.iter().map(|r| (r.unit_id, r)).collect();
    Ok(contexts
        .iter()
        .map(|ctx| {
            let row = by_unit.get(&ctx.unit.id).copied();
            let vals = row.and_then(|r| values.get(&r.id)).map(Vec::as_slice).unwrap_or(&[]);
            let reviews = row.and_then(|r| decisions.get(&r.id)).map(Vec::as_slice).unwrap_or(&[]);
            let mut submission = present(ctx, row, vals, reviews, &names);
            submission.warnings = warnings(ctx, vals, &rules, |indicator_id| history.get(&(ctx.unit.id, indicator_id)).copied());
            submission.references = ctx
                .indicators
                .iter()
                .filter_map(|ind| Some(FigureReference { indicator_id: ind.id, history: *history.get(&(ctx.unit.id, ind.id))? }))
                .collect();
            submission
        })
        .collect())
}

/// Builds one API answer from rows already loaded.
pub fn present(
    ctx: &Context<'_>,
    row: Option<&SubmissionRow>,
    values: &[ValueRow],
    decisions: &[ReviewRow],
    names: &HashMap<i64, String>,
) -> Submission {
    let (period_start, period_end) = ctx.period.date_range(&ctx.calendar);
    let figures = ctx
        .indicators
        .iter()
        .map(|ind| {
            let stored = values.iter().find(|v| v.indicator_id == ind.id);
            SubmissionValue {
                indicator_id: ind.id,
                indicator_code: ind.code.clone(),
                value: stored.and_then(|v| v.value).map(Amount::from_scaled),
                comment: stored.and_then(|v| v.comment.clone()),
            }
        })
        .collect();
    let utc = |t: NaiveDateTime| t.and_utc();
    let last_return = decisions.iter().rev().find(|d| matches!(d.action(), ReviewAction::Return | ReviewAction::Reopen));
    let changes_since_return = last_return.map(|d| changes_since(ctx, d, values)).unwrap_or_default();
    Submission {
        id: row.map(|r| r.id),
        unit: ctx.unit.summary(),
        form_id: ctx.form_id,
        form_code: ctx.form_code.to_owned(),
        period: ctx.period,
        period_start,
        period_end,
        deadline: ctx.period.deadline(&ctx.calendar, &ctx.holidays),
        status: row.map_or(SubmissionStatus::NotStarted, SubmissionRow::status),
        version: row.map_or(0, |r| r.version),
        late: row.is_some_and(|r| r.late),
        values: figures,
        updated_at: row.map(|r| utc(r.updated_at)),
        updated_by: row.and_then(|r| names.get(&r.updated_by).cloned()),
        submitted_at: row.and_then(|r| r.submitted_at).map(utc),
        submitted_by: row.and_then(|r| r.submitted_by).and_then(|id| names.get(&id).cloned()),
        last_review: decisions.last().map(|d| d.to_api(names)),
        changes_since_return,
        warnings: Vec::new(),
        references: Vec::new(),
    }
}

/// Broken rules, and figures far from the unit's own history.
pub fn warnings(
    ctx: &Context<'_>,
    values: &[ValueRow],
    rules: &[ValidationRule],
    history: impl Fn(i64) -> Option<History>,
) -> Vec<Violation> {
    let indicators: Vec<Indicator> = ctx.indicators.iter().map(IndicatorRow::to_api).collect();
    let figures: HashMap<i64, Amount> = values.iter().filter_map(|v| Some((v.indicator_id, Amount::from_scaled(v.value?)))).collect();
    let mut out = evaluate(rules, &indicators, &figures);
    for indicator in &indicators {
        let (Some(value), Some(past)) = (figures.get(&indicator.id), history(indicator.id)) else { continue };
        let explained = values.iter().any(|v| v.indicator_id == indicator.id && v.comment.is_some());
        out.extend(outlier(indicator, *value, &past, explained));
    }
    out
}

/// Each figure that differs now from the snapshot a return took.
fn changes_since(ctx: &Context<'_>, decision: &ReviewRow, values: &[ValueRow]) -> Vec<ValueChange> {
    let snapshot: Vec<SnapshotValue> = serde_json::from_str(&decision.values_json).unwrap_or_default();
    ctx.indicators
        .iter()
        .filter_map(|ind| {
            let before = snapshot.iter().find(|s| s.indicator_id == ind.id).and_then(|s| s.value);
            let after = values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.value).map(Amount::from_scaled);
            (before != after).then(|| ValueChange { indicator_id: ind.id, indicator_code: ind.code.clone(), before, after })
        })
        .collect()
}
