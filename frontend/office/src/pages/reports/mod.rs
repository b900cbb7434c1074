//! «Báo cáo»: the reports the commune office keeps. The list of the unit's
//! reports, the form that starts one, and a report's own page to write,
//! issue and download it.

mod detail;
mod download;
mod header_form;
mod new;
mod passage;
mod text;

pub use detail::ReportPage;

use tonghop_shared::api::{ReportProfile, ReportStatus, ReportSummary};
use tonghop_ui::hooks::use_load;
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::api;
use crate::app::Route;
use crate::format;
use crate::session::use_session;
use new::NewReportForm;

/// The format in a few words: `Mẫu của Đảng (HD 36)`.
pub fn profile_label(profile: ReportProfile) -> &'static str {
    match profile {
        ReportProfile::Party => "Văn bản của Đảng (HD 36)",
        ReportProfile::State => "Văn bản chính quyền (NĐ 30)",
    }
}

/// «Dự thảo» in amber, «Đã ban hành» in green.
pub fn status_badge(status: ReportStatus) -> Html {
    let class = match status {
        ReportStatus::Draft => "badge badge-draft",
        ReportStatus::Issued => "badge badge-approved",
    };
    html! { <span class="badges"><span {class} data-testid="report-status-badge">{ status.label_vi() }</span></span> }
}

/// One report of the list.
fn row(r: &ReportSummary) -> Html {
    let line = match (&r.number, r.issued_on) {
        (Some(number), Some(day)) => format!("{number} · ngày {}", format::date(day)),
        _ => format!("Sửa lần cuối {}", format::date_time(r.updated_at)),
    };
    html! {
        <li key={r.id} class="card rp-row" data-testid={format!("report-row-{}", r.id)} data-status={r.status.as_str()}>
            <Link to={Route::Report { id: r.id }} classes="card-link">
                <div class="card-head">
                    <span class="card-title">{ &r.period_label }</span>
                    { status_badge(r.status) }
                </div>
                <p class="muted">{ profile_label(r.profile) }</p>
                <p class="rp-row-line">{ line }</p>
            </Link>
        </li>
    }
}

/// The list of reports, then the form that starts one.
#[component]
pub fn ReportsPage() -> Html {
    let session = use_session();
    let unit = session.user.as_ref().map(|u| u.unit.clone());
    let unit_id = unit.as_ref().map_or(0, |u| u.id);
    let list = use_load(unit_id, api::reports);
    let body = list.view(&list.reload_callback(), |list| {
        if list.is_empty() {
            return html! { <p class="empty" data-testid="report-list-empty">{ "Chưa có báo cáo nào." }</p> };
        }
        html! { <ul class="cards cards-grid" data-testid="report-list">{ for list.iter().map(row) }</ul> }
    });
    html! {
        <section class="rp-list-page">
            <h1>{ "Báo cáo" }</h1>
            <p class="muted">{ unit.map(|u| u.name).unwrap_or_default() }</p>
            <h2 class="section-title">{ "Báo cáo đã lập" }</h2>
            { body }
            <h2 class="section-title">{ "Lập báo cáo mới" }</h2>
            <NewReportForm {unit_id} />
            <p class="rp-templates-link" data-testid="report-templates-link">
                <Link to={Route::ReportTemplates}>{ "Mẫu báo cáo (đề cương): sao chép, đổi tên, sửa các mục" }</Link>
            </p>
        </section>
    }
}
