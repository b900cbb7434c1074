//! One form to fill in, on the "Việc cần làm" list.

use tonghop_shared::api::DueItem;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::status_badge::StatusBadge;
use crate::format;

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
    let class = classes!("card", "due-card", item.overdue.then_some("card-overdue"));
    html! {
        <li {class} data-testid="due-item" data-period={item.period.to_string()} data-form={item.form_code.clone()}>
            <Link<Route> {to} classes="card-link">
                <div class="card-title">{ &item.form_name }</div>
                <div class="card-period">{ item.period.label_vi() }</div>
                <div class="muted">{ format!("Số liệu từ {}", format::date_range(item.period_start, item.period_end)) }</div>
                <div class={classes!("deadline", item.overdue.then_some("text-danger"))}>
                    { format!("Hạn nộp: {}", format::date(item.deadline)) }
                </div>
                <StatusBadge status={item.status} overdue={item.overdue} />
            </Link<Route>>
        </li>
    }
}
