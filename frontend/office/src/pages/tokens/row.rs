//! One token in the list: its name, first characters, dates and status, and
//! «Thu hồi» behind a confirmation.

use tonghop_shared::api::{AccessToken, AccessTokenStatus};
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::confirm::ConfirmDialog;
use crate::format;

/// Props of [`TokenRow`].
#[derive(Properties, PartialEq)]
pub struct TokenRowProps {
    /// The token.
    pub token: AccessToken,
    /// It was revoked: reload the list.
    pub on_revoked: Callback<()>,
}

/// A card per token.
#[component]
pub fn TokenRow(props: &TokenRowProps) -> Html {
    let asking = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let token = &props.token;

    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(false))
    };
    let revoke = {
        let (asking, error, on_revoked, id) = (asking.clone(), error.clone(), props.on_revoked.clone(), token.id);
        Callback::from(move |()| {
            asking.set(false);
            let (error, on_revoked) = (error.clone(), on_revoked.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::revoke_access_token(id).await {
                    Ok(()) => on_revoked.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let badge = match token.status {
        AccessTokenStatus::Active => "badge badge-submitted",
        AccessTokenStatus::Expired => "badge badge-not_started",
        AccessTokenStatus::Revoked => "badge badge-overdue",
    };
    let last_used = token.last_used_at.map_or_else(|| "chưa dùng".to_owned(), format::date_time);
    html! {
        <li class="card token" data-testid="token-row">
            <div class="card-head">
                <span class="card-title">{ &token.name }</span>
                <span class={badge} data-testid="token-status">{ token.status.label_vi() }</span>
            </div>
            <p class="token-prefix"><code>{ format!("{}…", token.prefix) }</code></p>
            <dl class="token-dates">
                <dt>{ "Tạo lúc" }</dt><dd>{ format::date_time(token.created_at) }</dd>
                <dt>{ if token.status == AccessTokenStatus::Expired { "Hết hạn từ" } else { "Hết hạn" } }</dt>
                <dd>{ format::date_time(token.expires_at) }</dd>
                <dt>{ "Dùng lần cuối" }</dt><dd>{ last_used }</dd>
                if let Some(revoked_at) = token.revoked_at {
                    <dt>{ "Thu hồi lúc" }</dt><dd>{ format::date_time(revoked_at) }</dd>
                }
            </dl>
            if let Some(e) = &*error {
                <p class="field-error" role="alert">{ e.message() }</p>
            }
            if token.status == AccessTokenStatus::Active {
                <div class="actions">
                    <button type="button" class="button button-small" data-testid="token-revoke" onclick={ask}>{ "Thu hồi" }</button>
                </div>
            }
            if *asking {
                <ConfirmDialog
                    message={format!("Thu hồi mã «{}»? Các phần mềm, tập lệnh đang dùng mã này sẽ bị từ chối ngay.", token.name)}
                    confirm_label="Thu hồi" confirm_testid="confirm-revoke" on_confirm={revoke} on_cancel={cancel} />
            }
        </li>
    }
}
