//! «Mã truy cập API»: the user's personal access tokens for scripts. Create
//! one (shown once, to copy), see when each was last used, revoke one.

mod create;
mod row;

use tonghop_shared::api::AccessToken;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::loading::{load_error, loading};
use crate::session::{self, use_session};
use create::CreateToken;
use row::TokenRow;

/// The explanation, the form that creates a token and the list.
#[component]
pub fn TokensPage() -> Html {
    let session = use_session();
    let list = use_state(|| None::<Result<Vec<AccessToken>, ApiError>>);
    let reload = use_state(|| 0_u32);

    use_effect_with(*reload, {
        let (list, session) = (list.clone(), session.clone());
        move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::access_tokens().await;
                if let Err(e) = &result {
                    session::handle_error(&session, e);
                }
                list.set(Some(result));
            });
        }
    });
    let refresh = {
        let reload = reload.clone();
        Callback::from(move |()| reload.set(*reload + 1))
    };
    let body = match &*list {
        None => loading(),
        Some(Err(e)) => load_error(e.message(), refresh.clone()),
        Some(Ok(tokens)) if tokens.is_empty() => html! { <p class="empty">{ "Chưa có mã truy cập nào." }</p> },
        Some(Ok(tokens)) => html! {
            <ul class="cards" data-testid="token-list">
                { for tokens.iter().map(|t| html! { <TokenRow key={t.id} token={t.clone()} on_revoked={refresh.clone()} /> }) }
            </ul>
        },
    };
    html! {
        <section class="tokens">
            <h1>{ "Mã truy cập API" }</h1>
            <p class="muted">
                { "Dùng cho phần mềm, bảng tính hoặc tập lệnh lấy số liệu qua API, gửi kèm tiêu đề " }
                <code>{ "Authorization: Bearer <mã>" }</code>
                { ". Mã chỉ đọc được những gì tài khoản của bạn được xem, không sửa được dữ liệu. " }
                <a href="/api/docs/" target="_blank" rel="noopener">{ "Tài liệu API" }</a>
            </p>
            <CreateToken on_created={refresh} />
            <h2 class="section-title">{ "Các mã đã tạo" }</h2>
            { body }
        </section>
    }
}
