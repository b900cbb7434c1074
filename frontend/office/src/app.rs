//! The office's pages by address (the login guard and the hand-over to the
//! reporter app are `tonghop_ui::shell`'s).

use tonghop_shared::ReportPeriod;
use tonghop_shared::api::Role;
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::pages::completeness::CompletenessPage;
use crate::pages::dashboard::{DashboardPage, IndicatorPage};
use crate::pages::form_review::ReviewPanel;
use crate::pages::holidays::HolidaysPage;
use crate::pages::plans::PlansPage;
use crate::pages::reports::{ReportPage, ReportsPage};
use crate::pages::section::SectionPage;
use crate::pages::section_review::SectionReviewPanel;
use crate::pages::sections::SectionsPage;
use crate::pages::templates::TemplatesPage;
use crate::pages::tokens::TokensPage;
use crate::pages::{home::HomePage, overview::OverviewPage};
use tonghop_ui::pages::form::{FormPage, FormReview};
use tonghop_ui::pages::section::SectionReview;

pub use tonghop_ui::route::Route;

/// The office's pages by address, for a logged-in office user.
pub fn switch(route: Route, role: Role) -> Html {
    match route {
        Route::Home | Route::Overview => html! { <OverviewPage /> },
        Route::Due => html! { <HomePage /> },
        Route::Completeness => html! { <CompletenessPage /> },
        Route::Dashboard => html! { <DashboardPage /> },
        Route::DashboardPeriod { period } => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <DashboardPage period={Some(period)} /> },
            Err(_) => html! { <Redirect to={Route::Dashboard} /> },
        },
        Route::DashboardIndicator { period, indicator_id } => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <IndicatorPage key={format!("{period}/{indicator_id}")} {period} {indicator_id} /> },
            Err(_) => html! { <Redirect to={Route::Dashboard} /> },
        },
        Route::Plans if matches!(role, Role::Commune | Role::Admin) => html! { <PlansPage /> },
        Route::Form { unit_id, form_id, period } => match period.parse::<tonghop_shared::MonthPeriod>() {
            // Keyed, so another form starts from a fresh state instead of
            // showing (and mirroring) the previous one's text while it loads.
            Ok(period) => html! {
                <FormPage key={format!("{unit_id}/{form_id}/{period}")} {unit_id} {form_id} {period} review={Some(Callback::from(form_review))} />
            },
            Err(_) => html! { <Redirect to={Route::Home} /> },
        },
        Route::Section { unit_id, period } => match period.parse::<ReportPeriod>() {
            Ok(period) => {
                html! { <SectionPage key={format!("{unit_id}/{period}")} {unit_id} {period} review={Some(Callback::from(section_review))} /> }
            }
            Err(_) => html! { <Redirect to={Route::Home} /> },
        },
        Route::Sections => html! { <SectionsPage /> },
        Route::SectionsPeriod { period } => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <SectionsPage period={Some(period)} /> },
            Err(_) => html! { <Redirect to={Route::Sections} /> },
        },
        Route::Reports if matches!(role, Role::Commune | Role::Admin) => html! { <ReportsPage /> },
        Route::Report { id } if matches!(role, Role::Commune | Role::Admin) => html! { <ReportPage {id} /> },
        Route::ReportTemplates if matches!(role, Role::Commune | Role::Admin) => html! { <TemplatesPage /> },
        Route::Tokens => html! { <TokensPage /> },
        Route::Holidays => html! { <HolidaysPage /> },
        _ => html! { <Redirect to={Route::Home} /> },
    }
}

/// The review panel under a unit's form.
fn form_review(review: FormReview) -> Html {
    let FormReview { form, submission, on_done, on_reload } = review;
    let key = submission.version;
    html! { <ReviewPanel {key} {form} {submission} {on_done} {on_reload} /> }
}

/// The review panel under a mass organisation's section.
fn section_review(review: SectionReview) -> Html {
    let SectionReview { section, on_done } = review;
    let key = section.version;
    html! { <SectionReviewPanel {key} {section} {on_done} /> }
}
