//! The reporter's home, "Việc cần làm": the forms the user's unit has to send.

use yew::prelude::*;

use crate::api;
use crate::components::due_card::DueCard;
use crate::components::notices::Notices;
use crate::hooks::use_load;
use crate::pages::section::SectionEntry;

/// The due list, in the server's order (oldest unsent month first).
#[component]
pub fn HomePage() -> Html {
    let items = use_load((), |()| api::due());
    let body = items.view(&items.reload_callback(), |list| {
        if list.is_empty() {
            return html! { <p class="empty">{ "Không có báo cáo nào cần gửi." }</p> };
        }
        html! {
            <ul class="cards">
                { for list.iter().map(|item| html! { <DueCard key={format!("{}-{}-{}", item.unit.id, item.form_id, item.period)} item={item.clone()} /> }) }
            </ul>
        }
    });
    html! {
        <section>
            <h1>{ "Việc cần làm" }</h1>
            <Notices />
            <SectionEntry />
            { body }
        </section>
    }
}
