//! The status of a submission as a coloured badge.

use tonghop_shared::api::SubmissionStatus;
use yew::prelude::*;

/// Props of [`StatusBadge`].
#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    /// The status.
    pub status: SubmissionStatus,
    /// Past the deadline and not submitted.
    #[prop_or_default]
    pub overdue: bool,
}

/// "Chưa nhập", "Đang nhập" or "Đã gửi", and "Quá hạn" in red when late.
#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    let class = classes!("badge", format!("badge-{}", props.status.as_str()));
    html! {
        <span class="badges">
            <span {class} data-testid="status" data-status={props.status.as_str()}>{ props.status.label_vi() }</span>
            if props.overdue {
                <span class="badge badge-overdue" data-testid="overdue">{ "Quá hạn" }</span>
            }
        </span>
    }
}
