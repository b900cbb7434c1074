//! Hooks the pages share.

use std::rc::Rc;

use tonghop_shared::api::{Form, Frequency, UnitKind};
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::session::{self, use_session};

/// The forms, and the one the user picked.
pub struct FormPicker {
    /// Every form, once loaded.
    pub forms: UseStateHandle<Option<Result<Rc<Vec<Form>>, ApiError>>>,
    /// The picked form: the villages' monthly report until the user picks.
    pub form_id: UseStateHandle<Option<i64>>,
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
