//! Values crossing between JavaScript and Rust: bytes, JSON (with lone surrogates made well-formed), and the
//! small pure host functions the prelude builds on (WHATWG URL parsing, UTF-8, random bytes).

use rquickjs::function::Opt;
use rquickjs::{Ctx, Exception, Object, TypedArray, Value};
use serde_json::Value as Json;
use url::Url;

/// Copies the bytes of a `Uint8Array`.
pub(crate) fn bytes_of(v: &Value<'_>) -> rquickjs::Result<Vec<u8>> {
    let arr = TypedArray::<u8>::from_value(v.clone())?;
    // SAFETY: the slice is copied at once; no JavaScript runs while it is borrowed.
    let bytes = unsafe { arr.as_bytes() };
    Ok(bytes.map(<[u8]>::to_vec).unwrap_or_default())
}

/// `new URL(input, base)` with the WHATWG-conformant `url` crate.
pub(crate) fn url_parse<'js>(
    ctx: Ctx<'js>,
    input: String,
    base: Opt<Value<'js>>,
) -> rquickjs::Result<Object<'js>> {
    let base = base
        .0
        .filter(|v| !v.is_undefined() && !v.is_null())
        .map(|v| v.get::<String>())
        .transpose()?;
    let parsed = match base {
        Some(b) => Url::parse(&b).and_then(|b| b.join(&input)),
        None => Url::parse(&input),
    };
    let Ok(u) = parsed else {
        return Err(Exception::throw_type(&ctx, "Invalid URL"));
    };
    let obj = Object::new(ctx.clone())?;
    obj.set("href", u.as_str())?;
    obj.set("origin", u.origin().ascii_serialization())?;
    obj.set("protocol", format!("{}:", u.scheme()))?;
    obj.set("username", u.username())?;
    obj.set("password", u.password().unwrap_or(""))?;
    let hostname = u.host_str().unwrap_or("");
    let port = u.port().map(|p| p.to_string()).unwrap_or_default();
    obj.set(
        "host",
        if port.is_empty() {
            hostname.to_string()
        } else {
            format!("{hostname}:{port}")
        },
    )?;
    obj.set("hostname", hostname)?;
    obj.set("port", port)?;
    obj.set("pathname", u.path())?;
    obj.set(
        "search",
        u.query()
            .filter(|q| !q.is_empty())
            .map(|q| format!("?{q}"))
            .unwrap_or_default(),
    )?;
    obj.set(
        "hash",
        u.fragment()
            .filter(|f| !f.is_empty())
            .map(|f| format!("#{f}"))
            .unwrap_or_default(),
    )?;
    Ok(obj)
}

/// A JavaScript value as JSON (through `JSON.stringify`; `undefined` becomes `null`).
pub(crate) fn json_of(v: &Value<'_>) -> rquickjs::Result<Json> {
    let text = v
        .ctx()
        .json_stringify(v.clone())?
        .map(|s| s.to_string())
        .transpose()?
        .unwrap_or_else(|| "null".into());
    let text = replace_lone_surrogates(&text);
    serde_json::from_str(&text).map_err(|e| {
        Exception::throw_type(
            v.ctx(),
            &format!("a value could not be passed to Syncscope's host: {e}"),
        )
    })
}

/// JSON text with each lone surrogate escape (`\ud800` without its pair, which `JSON.stringify` writes for a
/// string that is not well-formed UTF-16) replaced by `\ufffd`, as WebIDL's USVString conversion and
/// `String.prototype.toWellFormed` do. Chromium's lenient UTF-8 conversion of a sync tag also spends 3 bytes
/// on each, so lengths in bytes (the 10,240-byte tag limit) come out the same.
fn replace_lone_surrogates(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("\\u") {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let unit = |i: usize| -> Option<u16> {
        if b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u') {
            u16::from_str_radix(text.get(i + 2..i + 6)?, 16).ok()
        } else {
            None
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            // An escaped backslash is copied whole, so `\\ud800` stays text.
            if b.get(i + 1) == Some(&b'\\') {
                out.push_str("\\\\");
                i += 2;
                continue;
            }
            if let Some(u) = unit(i) {
                let high = (0xD800..0xDC00).contains(&u);
                let low = (0xDC00..0xE000).contains(&u);
                if high && unit(i + 6).is_some_and(|n| (0xDC00..0xE000).contains(&n)) {
                    out.push_str(&text[i..i + 12]);
                    i += 12;
                    continue;
                }
                if high || low {
                    out.push_str("\\ufffd");
                    i += 6;
                    continue;
                }
            }
        }
        let ch = text[i..].chars().next().expect("in bounds");
        out.push(ch);
        i += ch.len_utf8();
    }
    std::borrow::Cow::Owned(out)
}

/// UTF-8 encoding for `TextEncoder`.
pub(crate) fn utf8_encode<'js>(ctx: Ctx<'js>, s: String) -> rquickjs::Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx, s.into_bytes())
}

/// UTF-8 decoding for `TextDecoder`.
pub(crate) fn utf8_decode<'js>(
    ctx: Ctx<'js>,
    bytes: Value<'js>,
    fatal: Opt<bool>,
) -> rquickjs::Result<String> {
    let bytes = bytes_of(&bytes)?;
    if fatal.0.unwrap_or(false) {
        String::from_utf8(bytes)
            .map_err(|_| Exception::throw_type(&ctx, "The encoded data was not valid."))
    } else {
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Cryptographically random bytes for `crypto.getRandomValues` / `randomUUID`.
pub(crate) fn random_bytes(ctx: Ctx<'_>, n: usize) -> rquickjs::Result<TypedArray<'_, u8>> {
    let mut buf = vec![0u8; n.min(65_536)];
    getrandom::fill(&mut buf)
        .map_err(|e| Exception::throw_internal(&ctx, &format!("no random source: {e}")))?;
    TypedArray::new(ctx, buf)
}

#[cfg(test)]
mod tests {
    use super::replace_lone_surrogates;

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let cases = [
            (r#""a\ud800b""#, "a\u{fffd}b"),
            (r#""\udc00""#, "\u{fffd}"),
            (r#""\ud83d\ude00""#, "😀"),
            (r#""\ud83d\ud83d\ude00""#, "\u{fffd}😀"),
            (r#""x\\ud800""#, "x\\ud800"),
            (r#""é\n\u0041""#, "é\nA"),
        ];
        for (json, want) in cases {
            let fixed = replace_lone_surrogates(json);
            let got: String =
                serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(got, want, "{json}");
        }
        // Three UTF-8 bytes per replaced surrogate, as Chromium's lenient conversion of a tag spends.
        let tag: String = serde_json::from_str(&replace_lone_surrogates(r#""\ud800""#)).unwrap();
        assert_eq!(tag.len(), 3);
    }
}
