//! «Mẫu báo cáo»: the outlines the office keeps for its reports. The
//! built-in one can be copied; the unit's own can be edited, copied or
//! removed. A report copies its outline when it starts, so changes here
//! never move the passages of a report already started.

mod editor;
mod outline;

use std::rc::Rc;

use tonghop_shared::api::ReportTemplate;
use tonghop_ui::hooks::use_load;
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::api;
use crate::app::Route;
use crate::components::confirm::ConfirmDialog;
use crate::components::notice::{Flash, Notice};
use crate::session::use_session;
use editor::{Editing, TemplateEditor};

/// The list, or the editor of one template.
#[component]
pub fn TemplatesPage() -> Html {
    let session = use_session();
    let editing = use_state(|| None::<Rc<Editing>>);
    let deleting = use_state(|| None::<ReportTemplate>);
    let flash = use_state(|| None::<Flash>);
    let unit = session.user.as_ref().map(|u| u.unit.clone());
    let unit_id = unit.as_ref().map_or(0, |u| u.id);
    let list = use_load(unit_id, api::templates);

    if let Some(start) = (*editing).clone() {
        let on_saved = {
            let (editing, list, flash) = (editing.clone(), list.clone(), flash.clone());
            Callback::from(move |saved: ReportTemplate| {
                flash.set(Some(Flash::success(format!("Đã lưu mẫu «{}»", saved.name))));
                editing.set(None);
                list.reload();
            })
        };
        let on_cancel = {
            let editing = editing.clone();
            Callback::from(move |()| editing.set(None))
        };
        let title = if start.id.is_some() { "Sửa mẫu báo cáo" } else { "Mẫu báo cáo mới" };
        return html! {
            <section class="tp-page">
                <h1>{ title }</h1>
                <TemplateEditor {unit_id} {start} {on_saved} {on_cancel} />
            </section>
        };
    }

    let open = |t: &ReportTemplate, copy: bool| {
        let editing = editing.clone();
        let start = Editing {
            id: if copy { None } else { t.id },
            name: if copy { outline::copy_name(&t.name) } else { t.name.clone() },
            outline: t.outline.clone(),
        };
        Callback::from(move |_: MouseEvent| editing.set(Some(Rc::new(start.clone()))))
    };
    let confirm_delete = {
        let (deleting, list, flash) = (deleting.clone(), list.clone(), flash.clone());
        Callback::from(move |()| {
            let Some(t) = (*deleting).clone() else { return };
            deleting.set(None);
            let (list, flash) = (list.clone(), flash.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::delete_template(t.id.unwrap_or_default()).await {
                    Ok(()) => flash.set(Some(Flash::success(format!("Đã xoá mẫu «{}»", t.name)))),
                    Err(e) => flash.set(Some(Flash::error(e.message()))),
                }
                list.reload();
            });
        })
    };
    let body = list.view(&list.reload_callback(), |list| {
        let rows = list.iter().enumerate().map(|(i, t)| {
            let own = t.unit_id == Some(unit_id) && t.id.is_some();
            let ask = {
                let (deleting, t) = (deleting.clone(), t.clone());
                Callback::from(move |_: MouseEvent| deleting.set(Some(t.clone())))
            };
            html! {
                <li class="card tp-row" data-testid={format!("template-row-{i}")}>
                    <div class="card-head">
                        <span class="card-title">{ t.name.clone() }</span>
                    </div>
                    <p class="muted">
                        { format!("{} mục · ", t.outline.len()) }
                        { if t.id.is_none() { "có sẵn, sao chép để sửa" } else if own { "mẫu của đơn vị" } else { "mẫu của cấp trên" } }
                    </p>
                    <div class="actions">
                        if own {
                            <button type="button" class="button button-small" onclick={ask}>{ "Xoá" }</button>
                            <button type="button" class="button button-small" data-testid={format!("template-edit-{i}")}
                                onclick={open(t, false)}>{ "Sửa" }</button>
                        }
                        <button type="button" class="button button-small" data-testid={format!("template-copy-{i}")}
                            onclick={open(t, true)}>{ "Sao chép" }</button>
                    </div>
                </li>
            }
        });
        html! { <ul class="cards" data-testid="template-list">{ for rows }</ul> }
    });
    html! {
        <section class="tp-page">
            <Link to={Route::Reports} classes="back">{ "‹ Báo cáo" }</Link>
            <h1>{ "Mẫu báo cáo" }</h1>
            <p class="muted">{ "Đề cương dùng khi lập báo cáo mới. Sao chép mẫu chung để đổi tên, sửa đề mục, gợi ý, cấp đề mục, thứ tự các mục." }</p>
            <Notice flash={(*flash).clone()} />
            { body }
            if let Some(t) = &*deleting {
                <ConfirmDialog message={format!("Xoá mẫu «{}»? Báo cáo đã lập theo mẫu này vẫn giữ nguyên.", t.name)}
                    confirm_label="Xoá" confirm_testid="template-confirm-delete" on_confirm={confirm_delete}
                    on_cancel={{ let deleting = deleting.clone(); Callback::from(move |()| deleting.set(None)) }} />
            }
        </section>
    }
}
