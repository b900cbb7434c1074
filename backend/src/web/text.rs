//! Text that comes in holds no control characters. PostgreSQL cannot store
//! a NUL at all, XML 1.0 (the Word file) cannot carry most C0 controls, and
//! no one types them: so they are refused at the edge, the same on both
//! databases, before any handler sees the request.
//!
//! - JSON bodies come through [`Json`], which reads the body as a JSON value
//!   (with the app's `JsonConfig`: limit, content type, 400 on bad JSON),
//!   refuses every string or key holding a control character with a 422 on
//!   its JSON path (`values[2].comment`), then deserialises the value. A
//!   body that is not an object is a 400 (serde would take an array for a
//!   struct), and a whole number written `1031.0` counts as the integer.
//! - Query strings of `/api/` go through [`query_strings`], a middleware
//!   that answers the same 422 on the parameter's name.
//! - Imported files check their cells themselves (`imports::parse`).
//!
//! Path parameters are all parsed into numbers, enums or periods before use,
//! so none reaches the database as text.

use std::future::Future;
use std::pin::Pin;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, FromRequest, HttpRequest, ResponseError, web};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tonghop_shared::FieldError;

use crate::error::ApiError;

/// The field error's `code`.
pub const CODE: &str = "control_character";
/// The field error's message.
pub const MESSAGE: &str = "Không được chứa ký tự điều khiển";
/// At most this many refused fields are listed.
const MAX_LISTED: usize = 50;

/// A character refused in text: the C0 controls but tab, line feed and
/// carriage return, and the non-characters U+FFFE and U+FFFF (none of them
/// is allowed in XML 1.0). Lone surrogates cannot be in a Rust string.
pub fn is_refused(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// True when `text` holds a refused character.
pub fn has_refused(text: &str) -> bool {
    text.chars().any(is_refused)
}

/// One field error for each string or key of `value` holding a refused
/// character, named by its JSON path: `name`, `values[2].comment`, `[0]`.
pub fn refused_fields(value: &Value) -> Vec<FieldError> {
    let mut found = Vec::new();
    walk(value, &mut String::new(), &mut found);
    found.truncate(MAX_LISTED);
    found
}

fn walk(value: &Value, path: &mut String, found: &mut Vec<FieldError>) {
    if found.len() >= MAX_LISTED {
        return;
    }
    match value {
        Value::String(s) if has_refused(s) => found.push(FieldError::new(path.clone(), CODE, MESSAGE)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, found);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                if has_refused(key) {
                    // The key itself is refused; named with its controls escaped.
                    path.extend(key.escape_debug());
                    found.push(FieldError::new(path.clone(), CODE, MESSAGE));
                } else {
                    path.push_str(key);
                    walk(item, path, found);
                }
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// A JSON body whose text holds no control character: what every handler
/// takes instead of `actix_web::web::Json`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move {
            let mut value = value.await?.into_inner();
            if !value.is_object() {
                // serde would read a struct from an array of its fields in order.
                return Err(ApiError::BadRequest("Nội dung gửi lên phải là một đối tượng JSON".into()).into());
            }
            whole_numbers(&mut value);
            let refused = refused_fields(&value);
            if !refused.is_empty() {
                return Err(ApiError::Validation(refused).into());
            }
            serde_path_to_error::deserialize(value).map(Json).map_err(|e| ApiError::Validation(vec![field_error(&e)]).into())
        })
    }
}

/// A body of the right shape whose field cannot be read as its type (a text
/// where a number goes, a missing field, an unknown status, a figure with
/// more decimals than a figure may have): 422 on that field, in Vietnamese.
/// The path is the JSON path (`values[2].value`); a missing field's is the
/// field itself. serde's own words are English and name Rust types, so they
/// are replaced; a type's own message (a figure's) is Vietnamese and kept.
fn field_error(error: &serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let inner = error.inner().to_string();
    let inner = inner.split(" at line ").next().unwrap_or(&inner).to_owned();
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let join = |name: &str| if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
    if let Some(name) = inner.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
        return FieldError::new(join(name), "required", "Thiếu thông tin này");
    }
    let field = if path.is_empty() { "body".to_owned() } else { path };
    if inner.starts_with("invalid type") {
        FieldError::new(field, "invalid_type", "Sai kiểu dữ liệu (ví dụ: chữ ở chỗ cần số)")
    } else if inner.starts_with("unknown variant") || inner.starts_with("invalid value") || inner.starts_with("invalid length") {
        FieldError::new(field, "invalid_value", "Giá trị không hợp lệ")
    } else if inner.starts_with("unknown field") {
        FieldError::new(field, "unknown_field", "Trường không có trong mô tả API")
    } else {
        FieldError::new(field, "invalid_value", inner)
    }
}

/// Writes every number written with a zero fraction (`1031.0`) as the
/// integer it is, so a field the document declares `integer` takes it, as
/// JSON Schema says it should. Only the text is looked at: a figure keeps
/// its exact value, and one too long for an integer stays as it came.
fn whole_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            let text = n.to_string();
            if let Some((whole, fraction)) = text.split_once('.')
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b == b'0')
                && let Ok(whole) = whole.parse::<i64>()
            {
                *value = Value::from(whole);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// The middleware (`actix_web::middleware::from_fn(text::query_strings)`):
/// a query parameter of `/api/` whose name or value holds a control
/// character is refused with a 422 on its name. A query string that does
/// not decode is left to the handler's own extractor.
pub async fn query_strings(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.path().starts_with("/api/") && !req.query_string().is_empty() {
        let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).map(web::Query::into_inner).unwrap_or_default();
        let refused: Vec<FieldError> = pairs
            .iter()
            .filter(|(name, value)| has_refused(name) || has_refused(value))
            .take(MAX_LISTED)
            .map(|(name, _)| FieldError::new(name.escape_debug().to_string(), CODE, MESSAGE))
            .collect();
        if !refused.is_empty() {
            let answer = ApiError::Validation(refused).error_response();
            return Ok(req.into_response(answer));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn controls_are_refused_but_tab_and_line_ends_are_text() {
        assert!(["a\u{0}b", "\u{1}", "\u{1f}", "\u{b}", "x\u{ffff}"].iter().all(|t| has_refused(t)));
        assert!(!has_refused("Dòng 1\n\tDòng 2\r\n«Thôn Ba Ngọc» \u{7f} \u{a0}"));
    }

    #[test]
    fn every_refused_string_is_named_by_its_json_path() {
        let body = json!({
            "name": "ok",
            "values": [{"comment": "tốt"}, {"comment": "x\u{0}"}],
            "outline": [{"content": {"heading": "\u{1}"}}],
            "a\u{0}": 1,
        });

        let mut fields: Vec<String> = refused_fields(&body).into_iter().map(|f| f.field).collect();
        fields.sort();

        assert_eq!(fields, ["a\\0", "outline[0].content.heading", "values[1].comment"]);
        assert_eq!(refused_fields(&json!(["\u{2}"]))[0].field, "[0]");
        assert!(refused_fields(&json!({"n": 1, "b": true, "t": "\t"})).is_empty());
    }
}
