//! "What to look at now": returned and overdue forms of the user's own unit
//! and, for the commune office, forms below waiting for review. The notices
//! are grouped by kind (returned, overdue, waiting), one short line each in
//! month order (who and which month: the group says what), and every line
//! opens the form. A group of more than [`OPEN_UP_TO`] notices starts
//! folded to its heading (how many, the oldest month), so the page under it
//! stays on the first screen; a tap on the heading unfolds it.

use crate::router::*;
use tonghop_shared::api::{Notice, NoticeKind};
use yew::prelude::*;

use crate::api;
use crate::hooks::use_load;
use crate::route::Route;
use crate::session::use_session;

/// A group of up to this many notices starts unfolded.
const OPEN_UP_TO: usize = 2;

/// The notices, fetched once when the page opens. Nothing is shown while
/// they load, when there are none, or when they cannot be read: the page
/// around them says what matters about errors.
#[component]
pub fn Notices() -> Html {
    let notices = use_load((), |()| api::notices());
    let session = use_session();
    let Some(notices) = notices.loaded().filter(|list| !list.is_empty()) else { return html! {} };
    let own_unit = session.user.as_ref().map(|u| u.unit.id);
    html! {
        <section class="notices" aria-label="Thông báo">
            { for groups(notices).into_iter().map(|(kind, list)| html! { <Group key={kind.as_str()} {kind} {list} {own_unit} /> }) }
        </section>
    }
}

/// The notices by kind (returned first, then overdue, then waiting for
/// review), each group in month order, then by unit.
pub fn groups(notices: &[Notice]) -> Vec<(NoticeKind, Vec<Notice>)> {
    // A fixed order of three kinds, not a map: no other collection type in
    // the reporter's wasm for so little.
    let mut out: Vec<(NoticeKind, Vec<Notice>)> = [NoticeKind::Returned, NoticeKind::Overdue, NoticeKind::Submitted]
        .into_iter()
        .map(|kind| (kind, notices.iter().filter(|n| n.kind == kind).cloned().collect::<Vec<_>>()))
        .filter(|(_, list)| !list.is_empty())
        .collect();
    for (_, list) in &mut out {
        list.sort_by(|a, b| (a.period, &a.unit.name, a.form_id).cmp(&(b.period, &b.unit.name, b.form_id)));
    }
    out
}

/// One line: the month for the user's own unit, else the unit and the month.
pub fn line(notice: &Notice, own_unit: Option<i64>) -> String {
    let month = notice.period;
    if Some(notice.unit.id) == own_unit { month.label_vi() } else { format!("{} · {}/{}", notice.unit.name, month.month(), month.year()) }
}

/// Props of [`Group`].
#[derive(Properties, PartialEq)]
struct GroupProps {
    kind: NoticeKind,
    list: Vec<Notice>,
    own_unit: Option<i64>,
}

/// A group's heading with its count; its lines when unfolded.
#[component]
fn Group(props: &GroupProps) -> Html {
    let expanded = use_state(|| props.list.len() <= OPEN_UP_TO);
    let kind = props.kind;
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let icon = match kind {
        NoticeKind::Returned => "↩",
        NoticeKind::Overdue => "!",
        NoticeKind::Submitted => "✉",
    };
    let oldest = props.list.first().map(|n| format!("từ {}/{}", n.period.month(), n.period.year())).unwrap_or_default();
    html! {
        <div class={classes!("notice-group", format!("notice-item-{}", kind.as_str()))} data-testid="notice-group" data-kind={kind.as_str()}>
            <button type="button" class="notice-head" data-testid="notice-head" aria-expanded={expanded.to_string()} onclick={toggle}>
                <span class="notice-icon" aria-hidden="true">{ icon }</span>
                <span class="notice-kind">{ kind.label_vi() }</span>
                <span class="notice-count">{ props.list.len() }</span>
                if !*expanded {
                    <span class="notice-oldest">{ oldest }</span>
                }
                <span class="notice-fold" aria-hidden="true">{ if *expanded { "▴" } else { "▾" } }</span>
            </button>
            if *expanded {
                <ul class="notice-list">
                    { for props.list.iter().map(|n| item(n, props.own_unit)) }
                </ul>
            }
        </div>
    }
}

fn item(notice: &Notice, own_unit: Option<i64>) -> Html {
    let to = Route::Form { unit_id: notice.unit.id, form_id: notice.form_id, period: notice.period.to_string() };
    html! {
        <li key={format!("{}-{}-{}-{}", notice.kind.as_str(), notice.unit.id, notice.form_id, notice.period)}
            class="notice-item" data-testid="notice-item" data-kind={notice.kind.as_str()} title={notice.message.clone()}>
            <Link {to} classes="notice-link">
                <span class="notice-text">
                    { line(notice, own_unit) }
                    if let Some(reason) = &notice.reason {
                        <span class="notice-reason">{ crate::review::first_line(reason) }</span>
                    }
                </span>
                <span class="notice-go" aria-hidden="true">{ "›" }</span>
            </Link>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use tonghop_shared::MonthPeriod;
    use tonghop_shared::api::{UnitKind, UnitSummary};

    use super::*;

    fn notice(kind: NoticeKind, unit: (i64, &str), period: &str) -> Notice {
        Notice {
            kind,
            unit: UnitSummary { id: unit.0, code: format!("U{}", unit.0), name: unit.1.to_owned(), kind: UnitKind::Village },
            form_id: 1,
            period: period.parse::<MonthPeriod>().unwrap(),
            message: String::new(),
            reason: None,
            at: None,
        }
    }

    #[test]
    fn notices_are_grouped_by_kind_returned_first_and_each_group_is_in_month_order() {
        let list = [
            notice(NoticeKind::Submitted, (3, "Thôn Ba Ngọc"), "2026-12"),
            notice(NoticeKind::Submitted, (4, "Thôn Lang Sung"), "2026-10"),
            notice(NoticeKind::Returned, (2, "Xã Xuân Phú"), "2026-11"),
            notice(NoticeKind::Submitted, (3, "Thôn Ba Ngọc"), "2026-11"),
        ];
        let groups = groups(&list);
        let kinds: Vec<NoticeKind> = groups.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [NoticeKind::Returned, NoticeKind::Submitted]);
        let lines: Vec<String> = groups[1].1.iter().map(|n| line(n, Some(2))).collect();
        assert_eq!(lines, ["Thôn Lang Sung · 10/2026", "Thôn Ba Ngọc · 11/2026", "Thôn Ba Ngọc · 12/2026"]);
        assert_eq!(line(&groups[0].1[0], Some(2)), "Tháng 11/2026", "the user's own unit is not named again");
    }
}
