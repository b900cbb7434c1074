//! One form to fill in, on the "Việc cần làm" list.

use crate::router::*;
use tonghop_shared::api::{DueItem, SubmissionStatus};
use yew::prelude::*;

use crate::components::status_badge::status_badge;
use crate::drafts::DraftKey;
use crate::format;
use crate::hooks::use_load_when;
use crate::outbox::{Delivery, Key, use_outbox};
use crate::route::Route;
use crate::{api, review};

/// Props of [`DueCard`].
#[derive(Properties, PartialEq)]
pub struct DueCardProps {
    /// The due form.
    pub item: DueItem,
}

/// Form name, month, the days the figures cover, deadline and status; the
/// whole card opens the form.
#[component]
pub fn DueCard(props: &DueCardProps) -> Html {
    let item = &props.item;
    let to = Route::Form { unit_id: item.unit.id, form_id: item.form_id, period: item.period.to_string() };
    let returned = item.status == SubmissionStatus::Returned;
    let class = classes!("card", "due-card", item.overdue.then_some("card-overdue"), returned.then_some("card-returned"));
    // The due list does not carry the reason (API gap, reported): a returned
    // form, rare and urgent, is worth one more request to say why.
    let asked = returned.then_some((item.unit.id, item.form_id, item.period, item.version));
    let reason = use_load_when(asked, |(unit_id, form_id, period, _)| api::submission(unit_id, form_id, period));
    let reason = reason.loaded().and_then(|sub| sub.last_review.as_ref()?.reason.as_deref()).map(|r| review::first_line(r).to_owned());
    // A save or submit made offline and not delivered yet.
    let key = DraftKey { unit_id: item.unit.id, form_id: item.form_id, period: item.period };
    let outbox = use_outbox();
    let pending = outbox.as_ref().and_then(|o| o.item(Key::Form(key))).map(|p| match (&p.delivery, p.submit) {
        (Delivery::Waiting, true) => format!("Chờ gửi báo cáo · {}", p.queued_at_text()),
        (Delivery::Waiting, false) => format!("Chờ gửi bản lưu · {}", p.queued_at_text()),
        _ => "Chưa gửi được, mở để xem".to_owned(),
    });
    html! {
        <li {class} data-testid="due-item" data-period={item.period.to_string()} data-form={item.form_code.clone()}>
            <Link {to} classes="card-link">
                <div class="card-title">{ &item.form_name }</div>
                <div class="card-period">{ item.period.label_vi() }</div>
                <div class="muted">{ format!("Số liệu từ {}", format::date_range(item.period_start, item.period_end)) }</div>
                <div class={classes!("deadline", item.overdue.then_some("text-danger"))}>
                    { format!("Hạn nộp: {}", format::date(item.deadline)) }
                </div>
                { status_badge(item.status, item.overdue) }
                if let Some(pending) = pending {
                    <p class="card-pending" data-testid="due-pending">{ pending }</p>
                }
                if let Some(reason) = reason.filter(|_| returned) {
                    <p class="card-reason" data-testid="due-reason">{ format!("Lý do: {reason}") }</p>
                }
            </Link>
        </li>
    }
}
