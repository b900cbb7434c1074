//! The status of a submission as a coloured badge.

use tonghop_shared::api::SubmissionStatus;
use yew::prelude::*;

/// "Chưa nhập", "Đang nhập", "Đã gửi", "Bị trả lại" or "Đã duyệt" (with a
/// lock: approved figures are locked), and "Quá hạn" in red when late.
pub fn status_badge(status: SubmissionStatus, overdue: bool) -> Html {
    let class = classes!("badge", format!("badge-{}", status.as_str()));
    html! {
        <span class="badges">
            <span {class} data-testid="status" data-status={status.as_str()}>
                if status == SubmissionStatus::Approved {
                    <svg class="badge-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                        <path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
                    </svg>
                }
                { status.label_vi() }
            </span>
            if overdue {
                <span class="badge badge-overdue" data-testid="overdue">{ "Quá hạn" }</span>
            }
        </span>
    }
}
