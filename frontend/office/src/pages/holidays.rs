//! «Ngày nghỉ lễ»: the public holidays deadlines count out, a year at a
//! time. Administrators keep those in force everywhere (each year's
//! government announcement); a commune office adds its commune's own. Below
//! them, how many days before a deadline the commune's units are reminded
//! by a notification on their phones.

use chrono::{Datelike, NaiveDate, Weekday};
use tonghop_shared::api::{Holiday, NewHoliday, Role};
use tonghop_ui::hooks::use_load;
use tonghop_ui::session::use_session;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::format;

/// `Thứ Năm, 30/04/2026`.
pub fn day_label(day: NaiveDate) -> String {
    let weekday = match day.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    };
    format!("{weekday}, {}", format::date(day))
}

/// The year's holidays, the year switch, and the form that adds one.
#[component]
pub fn HolidaysPage() -> Html {
    let year = use_state(|| format::today().year());
    let list = use_load(*year, api::holidays);
    let refresh = list.reload_callback();
    let step = |by: i32| {
        let year = year.clone();
        Callback::from(move |_: MouseEvent| year.set(*year + by))
    };
    let body = list.view(&refresh, |holidays| {
        if holidays.is_empty() {
            return html! { <p class="empty">{ format!("Chưa có ngày nghỉ lễ nào của năm {}.", *year) }</p> };
        }
        html! {
            <ul class="cards" data-testid="holiday-list">
                { for holidays.iter().map(|h| html! { <HolidayRow key={h.id} holiday={h.clone()} on_removed={refresh.clone()} /> }) }
            </ul>
        }
    });
    html! {
        <section class="holidays">
            <h1>{ "Ngày nghỉ lễ" }</h1>
            <p class="muted">
                { "Hạn nộp báo cáo tính theo ngày làm việc: không tính thứ Bảy, Chủ nhật và các ngày nghỉ lễ dưới đây. \
                   Ngày nghỉ áp dụng mọi nơi do quản trị viên nhập theo thông báo hằng năm của Chính phủ; \
                   văn phòng xã thêm ngày nghỉ riêng của xã." }
            </p>
            <div class="period-picker holidays-year">
                <button type="button" class="button button-icon" data-testid="holidays-prev" aria-label="Năm trước" onclick={step(-1)}>{ "‹" }</button>
                <span class="period-label" data-testid="holidays-year">{ format!("Năm {}", *year) }</span>
                <button type="button" class="button button-icon" data-testid="holidays-next" aria-label="Năm sau" onclick={step(1)}>{ "›" }</button>
            </div>
            <AddHoliday year={*year} on_added={list.reload_callback()} />
            { body }
            <Reminders />
        </section>
    }
}

/// What the reminder select offers: none, on the day, 1 to 15 days before.
fn reminder_label(days: Option<u32>) -> String {
    match days {
        None => "Không nhắc".into(),
        Some(0) => "Vào ngày hết hạn".into(),
        Some(days) => format!("Trước hạn {days} ngày"),
    }
}

/// «Nhắc hạn»: the days before a deadline on which the units that have not
/// sent get a notification; the commune office sets its commune's.
#[component]
fn Reminders() -> Html {
    let session = use_session();
    let unit_id = session.user.as_ref().map_or(0, |u| u.unit.id);
    let loaded = use_load(unit_id, api::reminders);
    let saving = use_state(|| false);
    let error = use_state(|| None::<String>);
    let refresh = loaded.reload_callback();
    let on_change = {
        let (saving, error, refresh) = (saving.clone(), error.clone(), refresh.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let days = value.parse::<u32>().ok();
            let (saving, error, refresh) = (saving.clone(), error.clone(), refresh.clone());
            saving.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match api::set_reminders(unit_id, days).await {
                    Ok(_) => error.set(None),
                    Err(e) => error.set(Some(e.message())),
                }
                saving.set(false);
                refresh.emit(());
            });
        })
    };
    let body = loaded.view(&refresh, |settings| {
        let inherited = settings.set_by.as_ref().filter(|u| u.id != unit_id).map(|u| format!("Theo {}", u.name));
        let current = settings.days_before;
        html! {
            <>
                if settings.editable {
                    <label for="reminder-days">{ "Nhắc các đơn vị chưa gửi báo cáo" }</label>
                    <select id="reminder-days" class="select" data-testid="reminder-days" disabled={*saving} onchange={on_change.clone()}>
                        { for std::iter::once(None).chain((0..=tonghop_shared::api::MAX_REMINDER_DAYS).map(Some)).map(|days| html! {
                            <option value={days.map(|d| d.to_string()).unwrap_or_default()} selected={days == current}>{ reminder_label(days) }</option>
                        }) }
                    </select>
                } else {
                    <p data-testid="reminder-days-text">{ reminder_label(current) }</p>
                }
                if let Some(inherited) = inherited {
                    <p class="muted">{ inherited }</p>
                }
            </>
        }
    });
    html! {
        <div class="card reminder-card">
            <h2>{ "Nhắc hạn qua thông báo" }</h2>
            <p class="muted">{ "Máy đã bật thông báo (trình đơn ☰ › Bật thông báo) được nhắc một lần cho mỗi tháng chưa gửi." }</p>
            { body }
            if let Some(error) = &*error {
                <p class="field-error" role="alert">{ error.clone() }</p>
            }
        </div>
    }
}

/// Props of [`HolidayRow`].
#[derive(Properties, PartialEq)]
struct HolidayRowProps {
    holiday: Holiday,
    on_removed: Callback<()>,
}

/// The day, its name, who keeps it, and «Xoá» for those the user keeps.
#[component]
fn HolidayRow(props: &HolidayRowProps) -> Html {
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let h = &props.holiday;
    let remove = {
        let (busy, error, on_removed, id) = (busy.clone(), error.clone(), props.on_removed.clone(), h.id);
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            let (busy, error, on_removed) = (busy.clone(), error.clone(), on_removed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::delete_holiday(id).await {
                    Ok(()) => on_removed.emit(()),
                    Err(e) => error.set(Some(e.message())),
                }
                busy.set(false);
            });
        })
    };
    let scope = h.unit.as_ref().map_or_else(|| "Mọi nơi".to_owned(), |u| u.name.clone());
    html! {
        <li class="card holiday-row" data-testid="holiday-row" data-day={h.day.to_string()}>
            <div class="holiday-main">
                <span class="holiday-day">{ day_label(h.day) }</span>
                <span class="holiday-name">{ &h.name }</span>
                <span class="holiday-scope muted">{ scope }</span>
            </div>
            if h.editable {
                <button type="button" class="button" data-testid="holiday-delete" disabled={*busy} onclick={remove}>{ "Xoá" }</button>
            }
            if let Some(error) = &*error {
                <p class="field-error">{ error.clone() }</p>
            }
        </li>
    }
}

/// Props of [`AddHoliday`].
#[derive(Properties, PartialEq)]
struct AddHolidayProps {
    /// The year shown: a new day starts in it.
    year: i32,
    on_added: Callback<()>,
}

/// Day, name, and (administrators) «Áp dụng cho mọi nơi».
#[component]
fn AddHoliday(props: &AddHolidayProps) -> Html {
    let session = use_session();
    let admin = session.role() == Some(Role::Admin);
    let may_add = matches!(session.role(), Some(Role::Admin | Role::Commune));
    let day = use_state(String::new);
    let name = use_state(String::new);
    let everywhere = use_state(|| admin);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    if !may_add {
        return html! {};
    }
    let on_day = {
        let day = day.clone();
        Callback::from(move |e: Event| day.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_everywhere = {
        let everywhere = everywhere.clone();
        Callback::from(move |e: Event| everywhere.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_submit = {
        let (day, name, everywhere, busy, error, on_added) =
            (day.clone(), name.clone(), everywhere.clone(), busy.clone(), error.clone(), props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let Ok(parsed) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
                let fields = vec![tonghop_shared::FieldError::new("day", "required", "Chọn ngày nghỉ")];
                let body =
                    tonghop_shared::api::ErrorBody { code: "validation_failed".into(), message: "Chọn ngày nghỉ".into(), fields };
                error.set(Some(ApiError::Server { status: 422, body, retry_after: None }));
                return;
            };
            busy.set(true);
            let input = NewHoliday { day: parsed, name: (*name).clone(), everywhere: *everywhere };
            let (name, busy, error, on_added) = (name.clone(), busy.clone(), error.clone(), on_added.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::add_holiday(&input).await {
                    Ok(_) => {
                        error.set(None);
                        name.set(String::new());
                        on_added.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let field_error = |field: &str| {
        let message = (*error).as_ref().and_then(|e| e.fields().iter().find(|f| f.field == field)).map(|f| f.message.clone());
        html! { if let Some(message) = message { <p class="field-error" data-testid={format!("holiday-error-{field}")}>{ message }</p> } }
    };
    let general_error = (*error).as_ref().filter(|e| e.fields().is_empty()).map(ApiError::message);
    let (min, max) = (format!("{}-01-01", props.year), format!("{}-12-31", props.year));
    html! {
        <form class="card holiday-form" onsubmit={on_submit} novalidate=true>
            <label for="holiday-day">{ "Ngày nghỉ" }</label>
            <input id="holiday-day" type="date" data-testid="holiday-day" min={min} max={max} value={(*day).clone()} onchange={on_day} />
            { field_error("day") }
            <label for="holiday-name">{ "Tên ngày nghỉ" }</label>
            <input id="holiday-name" type="text" data-testid="holiday-name" maxlength="100" placeholder="Ví dụ: Tết Nguyên đán"
                value={(*name).clone()} oninput={on_name} />
            { field_error("name") }
            if admin {
                <label class="check">
                    <input type="checkbox" data-testid="holiday-everywhere" checked={*everywhere} onchange={on_everywhere} />
                    { "Áp dụng cho mọi nơi" }
                </label>
            }
            if let Some(message) = general_error {
                <p class="notice notice-error" role="alert">{ message }</p>
            }
            <button type="submit" class="button button-primary button-block" data-testid="holiday-add" disabled={*busy}>
                { if *busy { "Đang thêm…" } else { "Thêm ngày nghỉ" } }
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_named_with_its_weekday() {
        assert_eq!(day_label(NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()), "Thứ Năm, 30/04/2026");
        assert_eq!(day_label(NaiveDate::from_ymd_opt(2026, 2, 22).unwrap()), "Chủ nhật, 22/02/2026");
    }

    #[test]
    fn a_reminder_is_named_as_the_clerk_says_it() {
        assert_eq!(reminder_label(None), "Không nhắc");
        assert_eq!(reminder_label(Some(0)), "Vào ngày hết hạn");
        assert_eq!(reminder_label(Some(3)), "Trước hạn 3 ngày");
    }
}
