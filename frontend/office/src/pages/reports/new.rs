//! Starting a report: the period, the Party or State format, the outline
//! (template), whether unapproved figures count; and the files drafted from
//! the live data for the same choices, without keeping a report.

use chrono::Datelike;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{NewReport, ReportProfile, ReportTemplate};
use tonghop_ui::hooks::use_load;
use tonghop_ui::router::*;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::download::{DOCX, DownloadButton, Fetch, XLSX};
use super::profile_label;
use crate::api::{self, ApiError};
use crate::app::Route;
use crate::components::notice::{Flash, Notice};
use crate::components::period_select::{PeriodChoices, PeriodSelect};
use crate::format;

/// The templates offered: the server's list, or the built-in outline alone
/// while the list cannot be had.
pub fn template_choices(list: Option<&[ReportTemplate]>) -> Vec<(Option<i64>, String)> {
    let mut out: Vec<(Option<i64>, String)> = list.unwrap_or_default().iter().map(|t| (t.id, t.name.clone())).collect();
    if !out.iter().any(|(id, _)| id.is_none()) {
        out.insert(0, (None, "Mẫu chung của Tổng hợp".to_owned()));
    }
    out
}

/// Props of [`NewReportForm`].
#[derive(Properties, PartialEq)]
pub struct NewReportFormProps {
    /// The issuing unit.
    pub unit_id: i64,
}

/// The choices, «Tạo dự thảo», and the two quick downloads.
#[component]
pub fn NewReportForm(props: &NewReportFormProps) -> Html {
    let navigator = use_navigator();
    let today = format::today();
    // The six months in progress, the period a report is usually started for.
    let period = use_state(format::current_half);
    let profile = use_state(|| ReportProfile::Party);
    let template = use_state(|| None::<i64>);
    let provisional = use_state(|| false);
    let busy = use_state(|| false);
    let flash = use_state(|| None::<Flash>);
    let unit_id = props.unit_id;

    // Without the list the built-in outline is still offered.
    let templates = use_load(unit_id, api::templates);

    let on_period = {
        let period = period.clone();
        Callback::from(move |p: ReportPeriod| period.set(p))
    };
    let on_profile = |p: ReportProfile| {
        let profile = profile.clone();
        Callback::from(move |_: Event| profile.set(p))
    };
    let on_template = {
        let template = template.clone();
        Callback::from(move |e: Event| template.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().ok()))
    };
    let on_provisional = {
        let provisional = provisional.clone();
        Callback::from(move |_: Event| provisional.set(!*provisional))
    };
    let create = {
        let (busy, flash) = (busy.clone(), flash.clone());
        let input = NewReport { unit_id, period: *period, profile: *profile, include_provisional: *provisional, template_id: *template };
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, flash, navigator, input) = (busy.clone(), flash.clone(), navigator.clone(), input.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_report(&input).await {
                    Ok(report) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Report { id: report.id });
                        }
                    }
                    Err(e) => flash.set(Some(Flash::error(e.message()))),
                }
                busy.set(false);
            });
        })
    };
    let on_download_error = {
        let flash = flash.clone();
        Callback::from(move |e: ApiError| flash.set(Some(Flash::error(e.message()))))
    };
    let (p, prof, with) = (*period, *profile, *provisional);
    let fetch_docx = Callback::from(move |()| Box::pin(api::draft_docx(unit_id, p, prof, with)) as Fetch);
    let fetch_xlsx = Callback::from(move |()| Box::pin(api::appendix_xlsx(unit_id, p, with)) as Fetch);
    let choices = template_choices(templates.loaded().map(Vec::as_slice));
    let radio = |value: ReportProfile| {
        html! {
            <label class="check">
                <input type="radio" name="rp-profile" value={value.as_str()} data-testid={format!("report-profile-{value}")}
                    checked={*profile == value} onchange={on_profile(value)} />
                { profile_label(value) }
            </label>
        }
    };
    html! {
        <div class="card rp-new" data-testid="report-new">
            <label>{ "Kỳ báo cáo" }</label>
            <PeriodSelect period={*period} max_year={today.year()} choices={PeriodChoices::ForReports} stacked=true testid="report-period" on_change={on_period} />
            <div role="radiogroup" aria-labelledby="rp-profile-label">
                <label id="rp-profile-label">{ "Thể thức văn bản" }</label>
                { radio(ReportProfile::Party) }
                { radio(ReportProfile::State) }
            </div>
            <label for="rp-template">{ "Mẫu đề cương" }</label>
            <div class="controls">
                <select id="rp-template" class="select" data-testid="report-template" onchange={on_template}>
                    { for choices.into_iter().map(|(id, name)| html! {
                        <option value={id.map(|i| i.to_string()).unwrap_or_default()} selected={id == *template}>{ name }</option>
                    }) }
                </select>
                <label class="check toggle">
                    <input type="checkbox" data-testid="report-provisional" checked={*provisional} onchange={on_provisional} />
                    { "Tính cả số liệu chưa duyệt" }
                </label>
            </div>
            <Notice flash={(*flash).clone()} />
            <button type="button" class="button button-primary button-block" data-testid="report-create" disabled={*busy} onclick={create}>
                { if *busy { "Đang tạo…" } else { "Tạo dự thảo" } }
            </button>
            <p class="muted rp-quick">{ "Hoặc tải ngay bản lập từ số liệu hiện có (không lưu):" }</p>
            <div class="actions">
                <DownloadButton label="Dự thảo (.docx)" file_name={format!("du-thao-bao-cao-{p}.docx")} content_type={DOCX}
                    fetch={fetch_docx} on_error={on_download_error.clone()} testid="report-draft-docx" />
                <DownloadButton label="Phụ lục (.xlsx)" file_name={format!("phu-luc-{p}.xlsx")} content_type={XLSX}
                    fetch={fetch_xlsx} on_error={on_download_error} testid="report-appendix-xlsx" />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(id: Option<i64>, name: &str) -> ReportTemplate {
        ReportTemplate { id, unit_id: id.map(|_| 1), name: name.into(), outline: vec![] }
    }

    #[test]
    fn the_built_in_outline_is_offered_even_without_the_list() {
        assert_eq!(template_choices(None), [(None, "Mẫu chung của Tổng hợp".to_owned())]);
    }

    #[test]
    fn the_servers_list_is_offered_in_its_order() {
        let list = [template(None, "Đề cương chung"), template(Some(4), "Báo cáo 6 tháng (Đảng ủy)")];
        let choices = template_choices(Some(&list));
        assert_eq!(choices, [(None, "Đề cương chung".to_owned()), (Some(4), "Báo cáo 6 tháng (Đảng ủy)".to_owned())]);
    }
}
