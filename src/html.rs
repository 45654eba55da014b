//! HTML text helpers both builds use: the server's own small pages and the parts of a Leptos render
//! that Leptos writes unescaped (`<title>`, `<textarea>`) escape text through here.

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_other_text_is_kept() {
        assert_eq!(
            escape_html(r#"</title><b a="1">'&' ü"#),
            "&lt;/title&gt;&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39; ü"
        );
    }
}
