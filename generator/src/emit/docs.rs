//! Spec descriptions (HTML or Markdown) to doc comments rustdoc accepts without warnings:
//! HTML tags become Markdown, brackets that are not links are escaped, bare URLs are
//! wrapped in `<...>`, and nothing can turn into an indented or fenced code block (which
//! rustdoc would try to compile as a doctest).

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = ...]` attributes for `text`, one per line; nothing for no text.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let markdown = to_rustdoc(text);
    let lines = markdown.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// The text as rustdoc-safe Markdown.
pub fn to_rustdoc(text: &str) -> String {
    let markdown = html_to_markdown(text);
    let mut lines: Vec<String> = Vec::new();
    for line in markdown.lines() {
        let line = line.trim();
        if line.is_empty() && lines.last().is_none_or(|last: &String| last.is_empty()) {
            continue;
        }
        lines.push(escape_line(line));
    }
    while lines.last().is_some_and(|last| last.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Turns the HTML tags Stripe uses into Markdown; unknown tags are dropped, entities decoded.
fn html_to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut link_targets: Vec<Option<String>> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['<', '&']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('&') {
            let entity_end = rest[1..]
                .find(';')
                .filter(|end| *end <= 8)
                .map(|end| end + 1);
            let decoded = entity_end.and_then(|end| decode_entity(&rest[1..end]));
            match (entity_end, decoded) {
                (Some(end), Some(decoded)) => {
                    out.push(decoded);
                    rest = &rest[end + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
            continue;
        }
        let Some(tag) = parse_tag(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        match (tag.name.as_str(), tag.closing) {
            ("p" | "div", _) => out.push_str("\n\n"),
            ("br", _) => out.push('\n'),
            ("ul" | "ol", _) => out.push('\n'),
            ("li", false) => out.push_str("\n- "),
            ("code" | "tt", _) => out.push('`'),
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("a", false) => {
                link_targets.push(tag.href.clone());
                if tag.href.is_some() {
                    out.push('[');
                }
            }
            ("a", true) => {
                if let Some(Some(href)) = link_targets.pop() {
                    out.push_str("](");
                    out.push_str(&href);
                    out.push(')');
                }
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

const KNOWN_TAGS: &[&str] = &[
    "a", "b", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "i", "li", "ol", "p", "pre",
    "span", "strong", "tt", "ul",
];

struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
    length: usize,
}

/// Parses `<name ...>` or `</name>` at the start of `text`.
fn parse_tag(text: &str) -> Option<Tag> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(inner) => (true, inner),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    // Only tags Stripe's descriptions use; anything else (`Vec<T>`) is text.
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    let after_name = &inner[name.len()..];
    if !(after_name.is_empty()
        || after_name.starts_with(char::is_whitespace)
        || after_name.starts_with('/'))
    {
        return None;
    }
    let href = after_name.find("href=\"").and_then(|at| {
        let value = &after_name[at + 6..];
        value.find('"').map(|close| value[..close].to_string())
    });
    Some(Tag {
        name,
        closing,
        href,
        length: end + 1,
    })
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Escapes what rustdoc would misread in one line of Markdown.
fn escape_line(line: &str) -> String {
    if line.starts_with("```") || line.starts_with("~~~") {
        // A code fence would make rustdoc compile what follows as a doctest.
        return line.replace('`', "\\`").replace('~', "\\~");
    }
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                // A code span runs to the next backtick; rustdoc leaves its inside alone.
                if let Some(close) = chars[i + 1..].iter().position(|&c| c == '`') {
                    let end = i + 1 + close;
                    out.extend(&chars[i..=end]);
                    i = end + 1;
                    continue;
                }
                out.push_str("\\`");
            }
            '[' => match markdown_link_end(&chars, i) {
                Some(end) => {
                    let text: String = chars[i + 1..end.text_end].iter().collect();
                    let target: String = chars[end.text_end + 2..end.link_end].iter().collect();
                    out.push('[');
                    out.push_str(&escape_line(&text));
                    out.push_str("](");
                    out.push_str(&target);
                    out.push(')');
                    i = end.link_end + 1;
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_url(&chars[i..]) => {
                let mut end = i;
                while end < chars.len() && !chars[end].is_whitespace() && chars[end] != ')' {
                    end += 1;
                }
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?') {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

struct LinkEnd {
    text_end: usize,
    link_end: usize,
}

/// For `[text](target)` starting at `start`: where the text and the link end.
fn markdown_link_end(chars: &[char], start: usize) -> Option<LinkEnd> {
    let text_end = start + 1 + chars[start + 1..].iter().position(|&c| c == ']')?;
    if chars.get(text_end + 1) != Some(&'(') {
        return None;
    }
    let link_end = text_end + 2 + chars[text_end + 2..].iter().position(|&c| c == ')')?;
    let target = &chars[text_end + 2..link_end];
    if target.is_empty() || target.iter().any(|c| c.is_whitespace()) {
        return None;
    }
    Some(LinkEnd { text_end, link_end })
}

fn starts_url(chars: &[char]) -> bool {
    let prefix: String = chars.iter().take(8).collect();
    prefix.starts_with("https://") || prefix.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::to_rustdoc;

    #[test]
    fn html_becomes_markdown() {
        assert_eq!(
            to_rustdoc("<p>See <a href=\"https://stripe.com/docs\">the docs</a> &amp; <code>id</code>.</p>"),
            "See [the docs](https://stripe.com/docs) & `id`."
        );
    }

    #[test]
    fn rustdoc_hazards_are_escaped() {
        assert_eq!(
            to_rustdoc("Use metadata[key] at https://x.test/a. Vec<T>"),
            "Use metadata\\[key\\] at <https://x.test/a>. Vec&lt;T&gt;"
        );
        assert_eq!(
            to_rustdoc("    indented\n```rust"),
            "indented\n\\`\\`\\`rust"
        );
        assert_eq!(
            to_rustdoc("`a[0]` and [t](https://x.test)"),
            "`a[0]` and [t](https://x.test)"
        );
    }
}
