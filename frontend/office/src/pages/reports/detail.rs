//! One report: a draft to write (header, signature, passages) and issue, or
//! an issued report to read, download and start a new version of.
//!
//! Every change carries the report's version; a change refused as stale
//! (409) reloads the report and says so, and an open editor keeps its text.

use std::rc::Rc;

use tonghop_shared::api::{Report, ReportStatus};
use tonghop_shared::dates::header_date;
use tonghop_ui::hooks::{Loadable, use_load};
use tonghop_ui::router::*;
use yew::prelude::*;

use super::download::{DOCX, DownloadButton};
use super::header_form::HeaderForm;
use super::passage::PassageCard;
use super::{profile_label, status_badge};
use crate::api::{self, ApiError};
use crate::app::Route;
use crate::components::confirm::ConfirmDialog;
use crate::components::loading::{load_error, loading};
use crate::components::notice::{Flash, Notice};
use crate::format;
use crate::session::use_session;

/// Said when a change was refused because the report changed meanwhile.
pub const RELOADED: &str = "Báo cáo vừa được sửa ở nơi khác (hoặc đã ban hành), nên chưa lưu được. Đã tải lại bản mới nhất; nội dung bạn đang sửa vẫn còn, hãy xem lại rồi lưu lại.";

/// Whether a failed change calls for a reload: a stale version, or a report
/// issued meanwhile.
pub fn needs_reload(e: &ApiError) -> bool {
    matches!(e, ApiError::Server { status: 409, .. })
}

/// Props of [`ReportPage`].
#[derive(Properties, PartialEq)]
pub struct ReportPageProps {
    /// The report.
    pub id: i64,
}

/// Title, status, header form, passages, «Ban hành» / «Tạo bản mới».
#[component]
pub fn ReportPage(props: &ReportPageProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let report = use_load(props.id, |id| async move { api::report(id).await.map(Rc::new) });
    let flash = use_state(|| None::<Flash>);
    let confirming = use_state(|| false);
    let deleting = use_state(|| false);
    let busy = use_state(|| false);

    let on_saved = {
        let (report, flash) = (report.clone(), flash.clone());
        Callback::from(move |(saved, message): (Report, &'static str)| {
            report.set(Rc::new(saved));
            flash.set(Some(Flash::success(format!("{message} lúc {}", format::now_time()))));
        })
    };
    let on_failed = {
        let (report, flash, id) = (report.clone(), flash.clone(), props.id);
        Callback::from(move |e: ApiError| {
            if !needs_reload(&e) {
                flash.set(Some(Flash::error(e.message())));
                return;
            }
            // Said once the latest report is on the screen, not before.
            let (report, flash) = (report.clone(), flash.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::report(id).await {
                    Ok(latest) => {
                        report.set(Rc::new(latest));
                        flash.set(Some(Flash::error(RELOADED)));
                    }
                    Err(e) => flash.set(Some(Flash::error(e.message()))),
                }
            });
        })
    };

    let current = match &*report {
        Loadable::Loading => return loading(),
        Loadable::Failed(e) => return load_error(e.message(), report.reload_callback()),
        Loadable::Loaded(r) => r.clone(),
    };
    let draft = current.status == ReportStatus::Draft;
    let user = session.user.as_ref();
    let writer = user.is_some_and(|u| matches!(u.role, tonghop_shared::api::Role::Commune | tonghop_shared::api::Role::Admin));

    let issue = {
        let (busy, confirming, on_saved, on_failed) = (busy.clone(), confirming.clone(), on_saved.clone(), on_failed.clone());
        let (id, version) = (current.id, current.version);
        Callback::from(move |()| {
            confirming.set(false);
            busy.set(true);
            let (busy, on_saved, on_failed) = (busy.clone(), on_saved.clone(), on_failed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::issue_report(id, version).await {
                    Ok(r) => on_saved.emit((r, "Đã ban hành")),
                    Err(e) => on_failed.emit(e),
                }
                busy.set(false);
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            });
        })
    };
    let new_version = {
        let (busy, flash, on_failed, navigator) = (busy.clone(), flash.clone(), on_failed.clone(), navigator.clone());
        let id = current.id;
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            let (busy, flash, on_failed, navigator) = (busy.clone(), flash.clone(), on_failed.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::new_version(id).await {
                    Ok(r) => {
                        flash.set(Some(Flash::success("Đã tạo bản mới (dự thảo) từ báo cáo đã ban hành")));
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Report { id: r.id });
                        }
                    }
                    Err(e) => on_failed.emit(e),
                }
                busy.set(false);
            });
        })
    };
    let ask_delete = {
        let deleting = deleting.clone();
        Callback::from(move |_: MouseEvent| deleting.set(true))
    };
    let cancel_delete = {
        let deleting = deleting.clone();
        Callback::from(move |()| deleting.set(false))
    };
    let delete = {
        let (busy, deleting, on_failed, navigator) = (busy.clone(), deleting.clone(), on_failed.clone(), navigator.clone());
        let (id, version) = (current.id, current.version);
        Callback::from(move |()| {
            deleting.set(false);
            busy.set(true);
            let (busy, on_failed, navigator) = (busy.clone(), on_failed.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::delete_report(id, version).await {
                    Ok(()) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Reports);
                        }
                    }
                    Err(e) => on_failed.emit(e),
                }
                busy.set(false);
            });
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };
    let on_download_error = {
        let flash = flash.clone();
        Callback::from(move |e: ApiError| flash.set(Some(Flash::error(e.message()))))
    };
    let fetch_docx = {
        let id = current.id;
        Callback::from(move |()| Box::pin(api::report_docx(id)) as super::download::Fetch)
    };
    let file_name = match &current.number {
        Some(_) => format!("bao-cao-{}-so-{}.docx", current.period, current.id),
        None => format!("du-thao-bao-cao-{}.docx", current.period),
    };
    let passages = current.passages.iter().map(|p| {
        html! {
            <PassageCard key={format!("{}-{}", current.id, p.position)} report_id={current.id} version={current.version}
                passage={Rc::new(p.clone())} editable={draft && writer} on_saved={on_saved.clone()} on_failed={on_failed.clone()} />
        }
    });
    let h = &current.header;
    html! {
        <section class="rp-page">
            <Link to={Route::Reports} classes="back">{ "‹ Danh sách báo cáo" }</Link>
            <h1 data-testid="report-title-heading">{ format!("Báo cáo {}", current.period_label) }</h1>
            <p class="muted">{ format!("{} · {}", current.unit.name, profile_label(current.profile)) }</p>
            <div class="sec-status" data-testid="report-status">
                { status_badge(current.status) }
                if let Some(number) = &current.number {
                    <span class="rp-number" data-testid="report-number">{ number.clone() }</span>
                }
                if let Some(day) = current.issued_on {
                    <span class="muted" data-testid="report-issued-on">{ format!("ngày {}", format::date(day)) }</span>
                }
            </div>
            if let Some(previous) = current.previous_id {
                <p class="muted">
                    { "Bản mới của " }
                    <Link to={Route::Report { id: previous }}>{ "báo cáo đã ban hành" }</Link>
                </p>
            }
            if draft && writer {
                <h2 class="section-title">{ "Phần đầu và chữ ký" }</h2>
                <HeaderForm key={current.id} report={current.clone()} on_saved={on_saved.clone()} on_failed={on_failed.clone()} />
            } else {
                <div class="card rp-header-read" data-testid="report-header">
                    <p class="rp-title-read">{ h.title.clone() }</p>
                    <p class="muted"><em>{ header_date(&h.place, current.issued_on) }</em></p>
                    <p data-testid="report-authority">{ h.signer_authority.clone() }</p>
                    <p>{ format!("{} ", h.signer_title) }<strong data-testid="report-signer">{ h.signer_name.clone() }</strong></p>
                </div>
            }
            <h2 class="section-title">{ "Nội dung" }</h2>
            <ol class="cards rp-passages" data-testid="report-passages">{ for passages }</ol>
            if draft && writer {
                <button type="button" class="button button-block rp-delete" data-testid="report-delete" disabled={*busy} onclick={ask_delete}>
                    { "Xoá dự thảo này" }
                </button>
            }
            // The messages sit in the sticky bar: a conflict found while
            // editing a passage far down the page is seen where the user is.
            <div class="action-bar">
                <Notice flash={(*flash).clone()} />
                <div class="actions">
                    <DownloadButton label="Tải về (.docx)" file_name={file_name} content_type={DOCX} fetch={fetch_docx}
                        on_error={on_download_error} testid="report-download" />
                    if draft && writer {
                        <button type="button" class="button button-primary" data-testid="report-issue" disabled={*busy} onclick={ask}>
                            { if *busy { "Đang ban hành…" } else { "Ban hành" } }
                        </button>
                    } else if writer {
                        <button type="button" class="button button-primary" data-testid="report-new-version" disabled={*busy}
                            onclick={new_version}>{ "Tạo bản mới" }</button>
                    }
                </div>
            </div>
            if *deleting {
                <ConfirmDialog message={format!("Xoá dự thảo báo cáo {}? Mọi đoạn văn đã viết trong dự thảo sẽ mất.", current.period_label)}
                    confirm_label="Xoá dự thảo" confirm_testid="report-confirm-delete" on_confirm={delete} on_cancel={cancel_delete} />
            }
            if *confirming {
                <ConfirmDialog
                    message={format!("Ban hành báo cáo {}? Báo cáo sẽ được cấp số, ghi ngày hôm nay và không sửa được nữa (chỉ tạo được bản mới).", current.period_label)}
                    confirm_label="Ban hành" confirm_testid="report-confirm-issue" on_confirm={issue} on_cancel={cancel} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonghop_shared::api::ErrorBody;

    #[test]
    fn a_stale_version_or_a_report_issued_meanwhile_reloads() {
        let error = |status, code: &str| ApiError::Server {
            status,
            body: ErrorBody { code: code.into(), message: String::new(), fields: vec![] },
            retry_after: None,
        };
        assert!(needs_reload(&error(409, "version_conflict")));
        assert!(needs_reload(&error(409, "conflict")));
        assert!(!needs_reload(&error(422, "validation_failed")));
        assert!(!needs_reload(&ApiError::Network));
    }
}
