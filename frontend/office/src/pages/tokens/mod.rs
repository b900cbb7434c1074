//! «Mã truy cập API»: the user's personal access tokens for scripts. Create
//! one (shown once, to copy), see when each was last used, revoke one.

mod create;
mod row;

use tonghop_ui::hooks::use_load;
use yew::prelude::*;

use crate::api;
use create::CreateToken;
use row::TokenRow;

/// The explanation, the form that creates a token and the list.
#[component]
pub fn TokensPage() -> Html {
    let list = use_load((), |()| api::access_tokens());
    let refresh = list.reload_callback();
    let body = list.view(&refresh, |tokens| {
        if tokens.is_empty() {
            return html! { <p class="empty">{ "Chưa có mã truy cập nào." }</p> };
        }
        html! {
            <ul class="cards" data-testid="token-list">
                { for tokens.iter().map(|t| html! { <TokenRow key={t.id} token={t.clone()} on_revoked={refresh.clone()} /> }) }
            </ul>
        }
    });
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
