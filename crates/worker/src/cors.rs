//! CORS as a browser applies it to a service worker's `fetch` (the Fetch standard's "CORS check" and
//! "CORS-preflight fetch"), with Chromium's console messages. Pure functions over headers; the network half is
//! in `ops::fetch`.

/// The request's mode, as `Request.mode` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Cors,
    NoCors,
    SameOrigin,
    Navigate,
}

impl Mode {
    pub fn parse(s: &str) -> Mode {
        match s {
            "no-cors" => Mode::NoCors,
            "same-origin" => Mode::SameOrigin,
            "navigate" => Mode::Navigate,
            _ => Mode::Cors,
        }
    }
}

/// `Request.redirect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Redirect {
    Follow,
    Error,
    Manual,
}

impl Redirect {
    pub fn parse(s: &str) -> Redirect {
        match s {
            "error" => Redirect::Error,
            "manual" => Redirect::Manual,
            _ => Redirect::Follow,
        }
    }
}

/// Whether credentials (cookies, auth) go with a cross-origin request: `credentials: 'include'`.
pub(crate) fn includes_credentials(credentials: &str) -> bool {
    credentials == "include"
}

/// The Fetch standard's CORS-safelisted request headers: a request with only these (and a simple method) needs
/// no preflight.
fn is_safelisted_request_header(name: &str, value: &str) -> bool {
    match name.to_ascii_lowercase().as_str() {
        "accept" | "accept-language" | "content-language" => value.len() <= 128,
        "content-type" => {
            let essence = value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            value.len() <= 128
                && matches!(
                    essence.as_str(),
                    "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
                )
        }
        _ => false,
    }
}

fn is_simple_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// The headers a preflight must allow (lower-case, sorted, unique), or `None` when no preflight is needed.
pub(crate) fn preflight_headers(method: &str, headers: &[(String, String)]) -> Option<Vec<String>> {
    let mut unsafe_names: Vec<String> = headers
        .iter()
        .filter(|(n, v)| !is_safelisted_request_header(n, v))
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    unsafe_names.sort();
    unsafe_names.dedup();
    (!is_simple_method(method) || !unsafe_names.is_empty()).then_some(unsafe_names)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Chromium's prefix of every CORS console message.
fn blocked(url: &str, origin: &str, rest: &str) -> String {
    format!(
        "Access to fetch at '{url}' from origin '{origin}' has been blocked by CORS policy: {rest}"
    )
}

/// The CORS check of a response (or a redirect) to a cross-origin request from `origin`.
pub(crate) fn check(
    url: &str,
    origin: &str,
    response_headers: &[(String, String)],
    credentials: bool,
    preflight: bool,
) -> Result<(), String> {
    let prefix = if preflight {
        "Response to preflight request doesn't pass access control check: "
    } else {
        ""
    };
    let fail = |why: String| Err(blocked(url, origin, &format!("{prefix}{why}")));
    let Some(allow) = header(response_headers, "access-control-allow-origin") else {
        let hint = if preflight {
            ""
        } else {
            " If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."
        };
        return fail(format!(
            "No 'Access-Control-Allow-Origin' header is present on the requested resource.{hint}"
        ));
    };
    let allow = allow.trim();
    if allow == "*" {
        if credentials {
            return fail("The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.".into());
        }
        return Ok(());
    }
    if allow != origin {
        return fail(format!(
            "The 'Access-Control-Allow-Origin' header has a value '{allow}' that is not equal to the supplied origin."
        ));
    }
    if credentials
        && header(response_headers, "access-control-allow-credentials").map(str::trim)
            != Some("true")
    {
        return fail("The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.".into());
    }
    Ok(())
}

/// Checks a preflight response's allowed methods and headers for the actual request.
pub(crate) fn check_preflight_lists(
    url: &str,
    origin: &str,
    response_headers: &[(String, String)],
    method: &str,
    needed_headers: &[String],
    credentials: bool,
) -> Result<(), String> {
    let list = |name: &str| -> Vec<String> {
        header(response_headers, name)
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let methods = list("access-control-allow-methods");
    let wildcard_methods = !credentials && methods.iter().any(|m| m == "*");
    if !is_simple_method(method) && !wildcard_methods && !methods.iter().any(|m| m == method) {
        return Err(blocked(
            url,
            origin,
            &format!(
                "Method {method} is not allowed by Access-Control-Allow-Methods in preflight response."
            ),
        ));
    }
    let allowed: Vec<String> = list("access-control-allow-headers")
        .into_iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let wildcard_headers = !credentials && allowed.iter().any(|h| h == "*");
    for h in needed_headers {
        // `Authorization` is never covered by the wildcard.
        let by_wildcard = wildcard_headers && h != "authorization";
        if !by_wildcard && !allowed.contains(h) {
            return Err(blocked(
                url,
                origin,
                &format!(
                    "Request header field {h} is not allowed by Access-Control-Allow-Headers in preflight response."
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn simple_requests_need_no_preflight_others_list_their_headers() {
        assert_eq!(preflight_headers("GET", &[]), None);
        assert_eq!(
            preflight_headers("POST", &h(&[("Content-Type", "text/plain;charset=UTF-8")])),
            None
        );
        assert_eq!(
            preflight_headers("POST", &h(&[("content-type", "application/json")])),
            Some(vec!["content-type".to_string()])
        );
        assert_eq!(
            preflight_headers("PUT", &h(&[("X-B", "1"), ("x-a", "2"), ("Accept", "*/*")])),
            Some(vec!["x-a".to_string(), "x-b".to_string()])
        );
    }

    #[test]
    fn the_cors_check_gives_chromiums_messages() {
        let o = "http://app.test";
        let u = "http://api.test/x";
        let e = check(u, o, &[], false, false).unwrap_err();
        assert_eq!(
            e,
            "Access to fetch at 'http://api.test/x' from origin 'http://app.test' has been blocked by CORS policy: \
             No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response \
             serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."
        );
        assert!(
            check(
                u,
                o,
                &h(&[("access-control-allow-origin", "*")]),
                false,
                false
            )
            .is_ok()
        );
        assert!(
            check(
                u,
                o,
                &h(&[("Access-Control-Allow-Origin", o)]),
                false,
                false
            )
            .is_ok()
        );
        let e = check(
            u,
            o,
            &h(&[("access-control-allow-origin", "http://x.test")]),
            false,
            false,
        )
        .unwrap_err();
        assert!(
            e.ends_with("has a value 'http://x.test' that is not equal to the supplied origin."),
            "{e}"
        );
        assert!(
            check(
                u,
                o,
                &h(&[("access-control-allow-origin", "*")]),
                true,
                false
            )
            .is_err()
        );
        assert!(check(u, o, &h(&[("access-control-allow-origin", o)]), true, false).is_err());
        assert!(
            check(
                u,
                o,
                &h(&[
                    ("access-control-allow-origin", o),
                    ("access-control-allow-credentials", "true")
                ]),
                true,
                false
            )
            .is_ok()
        );
        let e = check(u, o, &[], false, true).unwrap_err();
        assert!(
            e.contains("Response to preflight request doesn't pass access control check: No"),
            "{e}"
        );
    }

    #[test]
    fn preflight_lists_cover_methods_and_headers() {
        let o = "http://app.test";
        let u = "http://api.test/x";
        let resp = h(&[
            ("access-control-allow-methods", "GET, PUT"),
            ("access-control-allow-headers", "Content-Type, X-A"),
        ]);
        let need = vec!["content-type".to_string(), "x-a".to_string()];
        assert!(check_preflight_lists(u, o, &resp, "PUT", &need, false).is_ok());
        let e = check_preflight_lists(u, o, &resp, "DELETE", &need, false).unwrap_err();
        assert!(e.ends_with("Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response."), "{e}");
        let e = check_preflight_lists(u, o, &resp, "PUT", &["x-b".to_string()], false).unwrap_err();
        assert!(e.ends_with("Request header field x-b is not allowed by Access-Control-Allow-Headers in preflight response."), "{e}");
        let star = h(&[
            ("access-control-allow-methods", "*"),
            ("access-control-allow-headers", "*"),
        ]);
        assert!(check_preflight_lists(u, o, &star, "PATCH", &["x-b".to_string()], false).is_ok());
        assert!(check_preflight_lists(u, o, &star, "PATCH", &[], true).is_err());
        assert!(
            check_preflight_lists(u, o, &star, "GET", &["authorization".to_string()], false)
                .is_err()
        );
    }
}
