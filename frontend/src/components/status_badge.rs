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

/// "Chưa nhập", "Đang nhập", "Đã gửi", "Bị trả lại" or "Đã duyệt" (with a
/// lock: approved figures are locked), and "Quá hạn" in red when late.
#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    let class = classes!("badge", format!("badge-{}", props.status.as_str()));
    html! {
        <span class="badges">
            <span {class} data-testid="status" data-status={props.status.as_str()}>
                if props.status == SubmissionStatus::Approved {
                    <svg class="badge-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                        <path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
                    </svg>
                }
                { props.status.label_vi() }
            </span>
            if props.overdue {
                <span class="badge badge-overdue" data-testid="overdue">{ "Quá hạn" }</span>
            }
        </span>
    }
}
