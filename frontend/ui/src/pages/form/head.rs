//! The top of the form page: which unit, which form, which month, by when.

use tonghop_shared::api::{Form, ReviewAction, Submission, SubmissionStatus};
use yew::prelude::*;

use crate::components::status_badge::status_badge;
use crate::format;

/// Props of [`FormHead`].
#[derive(Properties, PartialEq)]
pub struct FormHeadProps {
    /// The form.
    pub form: std::rc::Rc<Form>,
    /// The server's copy of the submission.
    pub submission: Submission,
}

/// Unit, form name, period, the days covered, deadline, status, who sent it.
#[component]
pub fn FormHead(props: &FormHeadProps) -> Html {
    let sub = &props.submission;
    let submitted = sub.status.received();
    let overdue = !submitted && format::today() > sub.deadline;
    let sent = sub.submitted_at.filter(|_| submitted).map(|at| {
        let by = sub.submitted_by.as_deref().map(|who| format!(" bởi {who}")).unwrap_or_default();
        format!("Đã gửi lúc {}{by}", format::date_time(at))
    });
    let approved = sub.last_review.as_ref().filter(|r| sub.status == SubmissionStatus::Approved && r.action == ReviewAction::Approve);
    let approved = approved.map(|r| format!("Đã duyệt lúc {} bởi {} — số liệu đã khoá", format::date_time(r.at), r.by));
    html! {
        <div class="form-head">
            <p class="form-unit" data-testid="unit-name">{ &sub.unit.name }</p>
            <h1>{ &props.form.name }</h1>
            <p class="form-period" data-testid="period">{ sub.period.label_vi() }</p>
            <p class="muted">{ format!("Số liệu từ {}", format::date_range(sub.period_start, sub.period_end)) }</p>
            <p class={classes!("deadline", overdue.then_some("text-danger"))}>{ format!("Hạn nộp: {}", format::date(sub.deadline)) }</p>
            { status_badge(sub.status, overdue) }
            if let Some(sent) = sent {
                <p class="muted">{ sent }</p>
            }
            if let Some(approved) = approved {
                <p class="approved-note" data-testid="approved-note">{ approved }</p>
            }
        </div>
    }
}
