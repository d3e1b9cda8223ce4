//! HTML escaping of everything coordinators write. It sits below both the
//! theme (which hands it to Tera) and the renderer, so neither imports the
//! other for it.

/// HTML escaping: `&`, `<`, `>`, `"` and `'` (enough for text and quoted
/// attributes; unlike Tera's default it leaves `/` readable).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_pieces(text, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    out
}

/// [`escape_html`] for Tera: writes the escaped text straight into the
/// page being rendered.
pub fn escape_html_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_pieces(text, |piece| out.write_all(piece.as_bytes()))
}

/// Splits `text` into plain runs and entities, in order, and gives each to
/// `put`.
fn escape_pieces<E>(text: &str, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut plain = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `i` is always a character boundary.
        if plain < i {
            put(&text[plain..i])?;
        }
        put(entity)?;
        plain = i + 1;
    }
    if plain < text.len() {
        put(&text[plain..])?;
    }
    Ok(())
}
