//! What the server's answers do to the form page's state: a save taken, a
//! save refused, a newer copy fetched after a conflict.

use std::collections::HashMap;

use tonghop_shared::api::{Form, Indicator, Submission};
use tonghop_shared::{Amount, FieldError};

use super::state::{FormState, Texts};
use crate::api::{ApiError, OFFLINE};
use crate::components::notice::Flash;

/// The figures of a submission as the inputs show them: `1.936`, `45,7`.
pub(super) fn server_texts(form: &Form, sub: &Submission) -> Texts {
    let value_of = |ind: &Indicator| sub.values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.value);
    form.indicators
        .iter()
        .map(|ind| (ind.code.clone(), value_of(ind).map(|v| v.format_vi_trimmed(ind.precision)).unwrap_or_default()))
        .collect()
}

/// The comments of a submission, by indicator code (empty when none).
pub(super) fn server_comments(form: &Form, sub: &Submission) -> Texts {
    let comment_of = |ind: &Indicator| sub.values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.comment.clone());
    form.indicators.iter().map(|ind| (ind.code.clone(), comment_of(ind).unwrap_or_default())).collect()
}

impl FormState {
    /// Takes the server's copy as the new baseline and version.
    pub(super) fn take_server_copy(&mut self, sub: Submission) {
        let Some((form, _)) = &self.loaded else { return };
        let form = form.clone();
        self.baseline = server_texts(&form, &sub);
        self.comments_baseline = server_comments(&form, &sub);
        self.version = sub.version;
        self.loaded = Some((form, sub));
        self.busy = false;
        self.confirming = false;
        self.conflict = false;
        self.server_errors.clear();
        self.server_values.clear();
    }

    /// Shows why a save or submit failed.
    pub(super) fn failed(mut self, e: ApiError) -> Self {
        self.busy = false;
        self.confirming = false;
        match e.code() {
            Some("validation_failed") if !e.fields().is_empty() => {
                self.server_errors = by_code(e.fields().to_vec());
                self.flash = Some(Flash::error(e.message()));
            }
            Some("version_conflict") => {
                self.conflict = true;
                self.flash = Some(Flash::error(e.message()));
            }
            _ if e == ApiError::Network => {
                self.flash = Some(Flash::error(format!("{OFFLINE} Số liệu bạn nhập vẫn được giữ trên máy này.")))
            }
            _ => self.flash = Some(Flash::error(e.message())),
        }
        self
    }

    /// Takes the latest copy after a conflict, keeping the typed text.
    pub(super) fn reloaded(&mut self, sub: Submission) {
        let submitted = !sub.status.editable_by_unit();
        self.take_server_copy(sub);
        if submitted {
            self.texts = self.baseline.clone();
            self.comments = self.comments_baseline.clone();
            self.flash = Some(Flash::info("Báo cáo này đã được gửi ở nơi khác; số liệu dưới đây là bản đã gửi."));
            return;
        }
        self.server_values = self
            .baseline
            .iter()
            .filter(|(code, server)| self.texts.get(*code).is_some_and(|typed| !same_figure(typed, server)))
            .map(|(code, server)| (code.clone(), if server.is_empty() { "(trống)".to_owned() } else { server.clone() }))
            .collect();
        self.flash = Some(Flash::info(
            "Đã tải bản mới nhất. Số liệu bạn nhập vẫn giữ nguyên; ô nào khác bản trên máy chủ có ghi chú bên dưới. Kiểm tra rồi bấm «Lưu nháp».",
        ));
    }
}

/// Field errors by indicator code (`values.GRAIN` -> `GRAIN`).
pub(super) fn by_code(errors: Vec<FieldError>) -> HashMap<String, String> {
    errors.into_iter().filter_map(|e| Some((e.field.strip_prefix("values.")?.to_owned(), e.message))).collect()
}

/// `1936` and `1.936` are the same figure.
fn same_figure(a: &str, b: &str) -> bool {
    a.trim() == b.trim() || matches!((Amount::parse_vi(a), Amount::parse_vi(b)), (Ok(x), Ok(y)) if x == y)
}
