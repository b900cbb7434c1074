//! Placeholders in the static templates (`index.html`, `sw.js`): `%NAME%`,
//! NAME of capital letters and `_`, replaced by the build (the URL of a
//! hashed file, the service worker's version and precache list).
//!
//! Strict on purpose: a placeholder the build does not know, or one still
//! there afterwards, would ship a page that loads nothing, so it fails the
//! build instead.

use std::collections::BTreeMap;

/// The template's text with every placeholder replaced by its value in
/// `values` (keys without the `%`). `name` is the template's file name, for
/// the error.
pub fn substitute(name: &str, template: &str, values: &BTreeMap<String, String>) -> anyhow::Result<String> {
    let mut out = String::with_capacity(template.len());
    let mut unknown = Vec::new();
    let mut rest = template;
    while let Some((before, placeholder, after)) = next_placeholder(rest) {
        out.push_str(before);
        match values.get(placeholder) {
            Some(value) => out.push_str(value),
            None => {
                let placeholder = format!("%{placeholder}%");
                if !unknown.contains(&placeholder) {
                    unknown.push(placeholder);
                }
            }
        }
        rest = after;
    }
    out.push_str(rest);
    if !unknown.is_empty() {
        let known: Vec<String> = values.keys().map(|k| format!("%{k}%")).collect();
        anyhow::bail!("{name} names unknown placeholder(s) {} (known here: {})", unknown.join(", "), known.join(", "));
    }
    if let Some((_, leftover, _)) = next_placeholder(&out) {
        anyhow::bail!("{name} still contains %{leftover}% after substitution");
    }
    Ok(out)
}

/// Splits at the first `%NAME%`: the text before it, NAME, the text after it.
fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(start) = text[from..].find('%').map(|i| from + i) {
        let name_len = text[start + 1..].bytes().take_while(|b| b.is_ascii_uppercase() || *b == b'_').count();
        let end = start + 1 + name_len;
        if name_len > 0 && text[end..].starts_with('%') {
            return Some((&text[..start], &text[start + 1..end], &text[end + 1..]));
        }
        from = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_placeholder_is_replaced_by_its_value() {
        let values = values(&[("REPORTER_JS", "/reporter-0123456789abcdef.js"), ("STYLE_CSS", "/style-fedcba9876543210.css")]);
        let page = "<link href=\"%STYLE_CSS%\"><script src=\"%REPORTER_JS%\"></script>%REPORTER_JS%";
        assert_eq!(
            substitute("index.html", page, &values).unwrap(),
            "<link href=\"/style-fedcba9876543210.css\"><script src=\"/reporter-0123456789abcdef.js\"></script>/reporter-0123456789abcdef.js"
        );
    }

    #[test]
    fn percent_signs_that_are_not_placeholders_stay() {
        let text = "width: 100%; 50% %lower% %% 5%A% %_%";
        let values = values(&[("A", "x"), ("_", "y")]);
        assert_eq!(substitute("style.css", text, &values).unwrap(), "width: 100%; 50% %lower% %% 5x y");
    }

    #[test]
    fn an_unknown_placeholder_fails_and_names_itself_and_the_known_ones() {
        let error = substitute("sw.js", "const v = '%VERSION%'; %OFICE_JS%", &values(&[("VERSION", "abc")])).unwrap_err().to_string();
        assert!(error.contains("sw.js"), "{error}");
        assert!(error.contains("%OFICE_JS%"), "{error}");
        assert!(error.contains("known here: %VERSION%"), "{error}");
    }

    #[test]
    fn a_placeholder_left_after_substitution_fails() {
        let error = substitute("index.html", "%A%", &values(&[("A", "%B%")])).unwrap_err().to_string();
        assert_eq!(error, "index.html still contains %B% after substitution");
    }
}
