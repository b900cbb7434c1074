//! The reporter's home, "Việc cần làm": the forms the user's unit has to send.

use tonghop_shared::api::DueItem;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::due_card::DueCard;
use crate::components::loading::{load_error, loading};
use crate::components::notices::Notices;
use crate::pages::section::SectionEntry;
use crate::session::{self, use_session};

/// The due list, in the server's order (oldest unsent month first).
#[component]
pub fn HomePage() -> Html {
    let session = use_session();
    let items = use_state(|| None::<Result<Vec<DueItem>, ApiError>>);
    let reload = use_state(|| 0_u32);

    use_effect_with(*reload, {
        let (items, session) = (items.clone(), session.clone());
        move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::due().await;
                if let Err(e) = &result {
                    session::handle_error(&session, e);
                }
                items.set(Some(result));
            });
        }
    });
    let on_retry = {
        let (items, reload) = (items.clone(), reload.clone());
        Callback::from(move |()| {
            items.set(None);
            reload.set(*reload + 1);
        })
    };

    let body = match &*items {
        None => loading(),
        Some(Err(e)) => load_error(e.message(), on_retry),
        Some(Ok(list)) if list.is_empty() => html! { <p class="empty">{ "Không có báo cáo nào cần gửi." }</p> },
        Some(Ok(list)) => html! {
            <ul class="cards">
                { for list.iter().map(|item| html! { <DueCard key={format!("{}-{}-{}", item.unit.id, item.form_id, item.period)} item={item.clone()} /> }) }
            </ul>
        },
    };
    html! {
        <section>
            <h1>{ "Việc cần làm" }</h1>
            <Notices />
            <SectionEntry />
            { body }
        </section>
    }
}
