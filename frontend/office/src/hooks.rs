//! Hooks the pages share.

use std::rc::Rc;

use tonghop_shared::api::{Form, Frequency, UnitKind};
use tonghop_ui::hooks::{Load, Loadable, use_load};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api;
use crate::components::loading::{load_error, loading};

/// The forms, and the one the user picked.
pub struct FormPicker {
    /// Every form, once loaded.
    pub forms: Load<Rc<Vec<Form>>>,
    /// The form the user picked, if they did.
    picked: UseStateHandle<Option<i64>>,
}

impl FormPicker {
    /// The form shown: the one picked, else the villages' monthly report
    /// once the forms are loaded.
    pub fn form_id(&self) -> Option<i64> {
        self.picked.or_else(|| self.forms.loaded().and_then(|list| default_form(list)))
    }

    /// The picked form, or what to show instead: loading, the error with a
    /// retry, or that there is no form.
    pub fn picked(&self, on_retry: Callback<()>) -> Result<Form, Html> {
        let list = match &*self.forms {
            Loadable::Loading => return Err(loading()),
            Loadable::Failed(e) => return Err(load_error(e.message(), on_retry)),
            Loadable::Loaded(list) => list,
        };
        self.form_id()
            .and_then(|id| list.iter().find(|f| f.id == id))
            .cloned()
            .ok_or_else(|| html! { <p class="empty">{ "Chưa có biểu mẫu nào." }</p> })
    }

    /// A drop-down of the forms when there are several, else the form's name.
    pub fn select(&self, picked: &Form) -> Html {
        let list = match self.forms.loaded() {
            Some(list) if list.len() > 1 => list.clone(),
            _ => return html! { <p class="form-name">{ &picked.name }</p> },
        };
        let on_change = {
            let form_id = self.picked.clone();
            Callback::from(move |e: Event| form_id.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().ok()))
        };
        html! {
            <select class="select" data-testid="form-select" aria-label="Biểu mẫu" onchange={on_change}>
                { for list.iter().map(|f| html! { <option value={f.id.to_string()} selected={f.id == picked.id}>{ &f.name }</option> }) }
            </select>
        }
    }
}

/// The form a commune most often looks at: the villages' monthly report.
fn default_form(forms: &[Form]) -> Option<i64> {
    let village_monthly = forms.iter().find(|f| f.unit_kind == UnitKind::Village && f.frequency == Frequency::Monthly);
    village_monthly.or(forms.first()).map(|f| f.id)
}

/// Loads the forms (again on `forms.reload()`) and keeps the pick.
#[hook]
pub fn use_form_picker() -> FormPicker {
    let forms = use_load((), |()| async { api::forms().await.map(Rc::new) });
    let picked = use_state(|| None::<i64>);
    FormPicker { forms, picked }
}
