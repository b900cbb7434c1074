//! The way in from the reporter's home: «Báo cáo hoạt động» for the current
//! six months, and for the previous six months until they are sent (the
//! six-month report is written as the period ends).

use crate::router::*;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{Section, SubmissionStatus, UnitKind, UnitSummary};
use yew::prelude::*;

use crate::components::status_badge::status_badge;
use crate::hooks::use_load;
use crate::route::Route;
use crate::session::use_session;
use crate::{api, format, review};

/// Whether a period's card is shown: the current period to a mass
/// organisation (or to a unit that has started one); an earlier one while
/// it is still to be sent.
pub fn shown(unit_kind: UnitKind, status: SubmissionStatus, current: bool) -> bool {
    let writes = unit_kind == UnitKind::MassOrganisation || status != SubmissionStatus::NotStarted;
    writes && (current || !status.received())
}

/// The cards of the user's own sections.
#[component]
pub fn SectionEntry() -> Html {
    let session = use_session();
    let current = format::current_half();
    let previous = current.previous_half().unwrap_or(current);
    let unit = session.user.as_ref().map(|u| u.unit.clone());
    let unit_id = unit.as_ref().map_or(0, |u| u.id);
    // Best effort: a period that cannot be read shows no card.
    let sections = use_load((unit_id, previous, current), |(unit_id, previous, current)| async move {
        let mut found = Vec::new();
        for period in [previous, current] {
            if let Ok(list) = api::sections(period).await {
                found.extend(list.into_iter().filter(|s| s.unit.id == unit_id));
            }
        }
        Ok(found)
    });
    let Some(unit) = unit else { return html! {} };
    let status = |period: ReportPeriod| sections.loaded().and_then(|list| list.iter().find(|s| s.period == period));
    html! {
        <>
            { card(&unit, previous, status(previous), false) }
            { card(&unit, current, status(current), true) }
        </>
    }
}

fn card(unit: &UnitSummary, period: ReportPeriod, section: Option<&Section>, current: bool) -> Html {
    let status = section.map_or(SubmissionStatus::NotStarted, |s| s.status);
    // The previous period is shown only once its status is known.
    if !shown(unit.kind, status, current) || (!current && section.is_none()) {
        return html! {};
    }
    let reason = section
        .filter(|s| s.status == SubmissionStatus::Returned)
        .and_then(|s| s.last_review.as_ref()?.reason.clone())
        .map(|r| review::first_line(&r).to_owned());
    let to = Route::Section { unit_id: unit.id, period: period.to_string() };
    let class = classes!("card", "sec-entry", (status == SubmissionStatus::Returned).then_some("card-returned"));
    html! {
        <div {class} data-testid="section-entry" data-period={period.to_string()}>
            <Link {to} classes="card-link">
                <div class="card-title">{ "Báo cáo hoạt động" }</div>
                <div class="card-period">{ period.label_vi() }</div>
                { status_badge(status, false) }
                if let Some(reason) = reason {
                    <p class="card-reason">{ format!("Lý do: {reason}") }</p>
                }
            </Link>
        </div>
    }
}
