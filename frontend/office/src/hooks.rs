//! Hooks the pages share.

use std::rc::Rc;

use tonghop_shared::api::{Form, Frequency, UnitKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::loading::{load_error, loading};
use crate::session::{self, use_session};

/// The forms, and the one the user picked.
pub struct FormPicker {
    /// Every form, once loaded.
    pub forms: UseStateHandle<Option<Result<Rc<Vec<Form>>, ApiError>>>,
    /// The picked form: the villages' monthly report until the user picks.
    pub form_id: UseStateHandle<Option<i64>>,
}

impl FormPicker {
    /// The picked form, or what to show instead: loading, the error with a
    /// retry, or that there is no form.
    pub fn picked(&self, on_retry: Callback<()>) -> Result<Form, Html> {
        let list = match &*self.forms {
            None => return Err(loading()),
            Some(Err(e)) => return Err(load_error(e.message(), on_retry)),
            Some(Ok(list)) => list,
        };
        self.form_id
            .and_then(|id| list.iter().find(|f| f.id == id))
            .cloned()
            .ok_or_else(|| html! { <p class="empty">{ "Chưa có biểu mẫu nào." }</p> })
    }

    /// A drop-down of the forms when there are several, else the form's name.
    pub fn select(&self, picked: &Form) -> Html {
        let list = match &*self.forms {
            Some(Ok(list)) if list.len() > 1 => list.clone(),
            _ => return html! { <p class="form-name">{ &picked.name }</p> },
        };
        let on_change = {
            let form_id = self.form_id.clone();
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

/// Loads the forms (again whenever `reload` changes) and keeps the pick.
#[hook]
pub fn use_form_picker(reload: u32) -> FormPicker {
    let session = use_session();
    let forms = use_state(|| None::<Result<Rc<Vec<Form>>, ApiError>>);
    let form_id = use_state(|| None::<i64>);
    use_effect_with(reload, {
        let (forms, form_id) = (forms.clone(), form_id.clone());
        move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::forms().await;
                match &result {
                    Ok(list) if form_id.is_none() => form_id.set(default_form(list)),
                    Ok(_) => {}
                    Err(e) => session::handle_error(&session, e),
                }
                forms.set(Some(result.map(Rc::new)));
            });
        }
    });
    FormPicker { forms, form_id }
}
