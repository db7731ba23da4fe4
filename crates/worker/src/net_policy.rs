//! Where a worker may connect. A developer's `sw.js` runs with the user's network access, so by default it may
//! reach its own origin and loopback (dev servers, test servers) and nothing else; the user names other hosts
//! (`--allow-host api.example.com`, `*.example.com`, or `*` for any). Whatever the list says, addresses that
//! are never an API (link-local, where cloud metadata services live) are refused unless named by address,
//! and a name is checked again against what it resolves to, so DNS cannot route an allowed name there.

use std::net::{IpAddr, SocketAddr};

use url::{Host, Url};

/// The hosts a worker may connect to besides its origin and loopback.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnectPolicy {
    allowed: Vec<HostPattern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum HostPattern {
    /// `*`: any host.
    Any,
    /// `*.example.com`: the domain and its subdomains.
    Domain(String),
    /// `api.example.com` or an address.
    Exact(String),
}

/// A refused connection: what and why, for the `TypeError: Failed to fetch` cause and the console.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{url} is blocked by Syncscope's connection policy: {why}")]
pub struct Blocked {
    /// The URL that was refused.
    pub url: String,
    /// Why.
    pub why: String,
}

impl ConnectPolicy {
    /// Allows nothing beyond the worker's origin and loopback.
    pub fn new() -> ConnectPolicy {
        ConnectPolicy::default()
    }

    /// Any host (link-local addresses still need naming).
    pub fn allow_all() -> ConnectPolicy {
        ConnectPolicy {
            allowed: vec![HostPattern::Any],
        }
    }

    /// Adds hosts as the user wrote them: `api.example.com`, `*.example.com`, `10.0.0.5`, `[::1]`, `*`.
    /// Returns what is wrong with the first bad one.
    pub fn allowing<'a>(
        mut self,
        hosts: impl IntoIterator<Item = &'a str>,
    ) -> Result<ConnectPolicy, String> {
        for h in hosts {
            self.allowed.push(parse_pattern(h)?);
        }
        Ok(self)
    }

    /// Whether `url` may be fetched by a worker of `origin` (its serialization, `https://app.test`), judged
    /// by the URL alone. Names that pass are checked again by [`ConnectPolicy::check_resolved`].
    pub fn check(&self, origin: &str, url: &Url) -> Result<(), Blocked> {
        let blocked = |why: String| Blocked {
            url: url.to_string(),
            why,
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err(blocked(format!(
                "the {}: scheme cannot be fetched",
                url.scheme()
            )));
        }
        if url.origin().ascii_serialization() == origin {
            return Ok(());
        }
        let host = url
            .host()
            .ok_or_else(|| blocked("the URL has no host".into()))?;
        let text = host_text(&host);
        if let Some(ip) = ip_of(&host) {
            if ip.is_loopback() {
                return Ok(());
            }
            if self.names_exactly(&text) {
                return Ok(());
            }
            if is_link_local(ip) {
                return Err(blocked(format!(
                    "{ip} is a link-local address (where cloud metadata services answer); allow it by address with --allow-host {text} if you mean it"
                )));
            }
            if self.allows(&text) {
                return Ok(());
            }
        } else {
            if text == "localhost" || text.ends_with(".localhost") {
                return Ok(());
            }
            if self.allows(&text) {
                return Ok(());
            }
        }
        Err(blocked(format!(
            "{text} is not the worker's origin ({origin}), loopback, or an allowed host (`--allow-host {text}`; in the app, Settings → Hosts workers may connect to)"
        )))
    }

    /// Checks the addresses an allowed name resolved to: a name (other than the worker's own origin's) may not
    /// lead to a link-local address unless that address is allowed by itself.
    pub fn check_resolved(&self, url: &Url, addrs: &[SocketAddr]) -> Result<(), Blocked> {
        for a in addrs {
            let ip = a.ip();
            if is_link_local(ip) && !self.names_exactly(&ip.to_string()) {
                return Err(Blocked {
                    url: url.to_string(),
                    why: format!(
                        "{} resolves to the link-local address {ip} (where cloud metadata services answer)",
                        url.host_str().unwrap_or_default()
                    ),
                });
            }
        }
        Ok(())
    }

    fn allows(&self, host: &str) -> bool {
        self.allowed.iter().any(|p| match p {
            HostPattern::Any => true,
            HostPattern::Domain(d) => {
                host == d
                    || host
                        .strip_suffix(d.as_str())
                        .is_some_and(|r| r.ends_with('.'))
            }
            HostPattern::Exact(e) => e == host,
        })
    }

    /// Whether `host` (a name or an address, as [`Url::host_str`] without brackets) is named by itself.
    pub(crate) fn names_exactly(&self, host: &str) -> bool {
        self.allowed
            .iter()
            .any(|p| matches!(p, HostPattern::Exact(e) if e == host))
    }
}

fn parse_pattern(raw: &str) -> Result<HostPattern, String> {
    let h = raw.trim().to_ascii_lowercase();
    if h == "*" {
        return Ok(HostPattern::Any);
    }
    let (wild, name) = match h.strip_prefix("*.") {
        Some(rest) => (true, rest.to_string()),
        None => (false, h.clone()),
    };
    let host = Host::parse(&name).map_err(|e| {
        format!("--allow-host {raw:?} is not a host name or address ({e}); give e.g. api.example.com, *.example.com, 10.0.0.5 or *")
    })?;
    if name.contains(['/', ':']) && !name.starts_with('[') {
        return Err(format!(
            "--allow-host {raw:?}: give a host without scheme, port or path (e.g. api.example.com)"
        ));
    }
    let text = host_text(&host);
    if wild {
        if ip_of(&host).is_some() {
            return Err(format!(
                "--allow-host {raw:?}: a wildcard needs a domain name"
            ));
        }
        Ok(HostPattern::Domain(text))
    } else {
        Ok(HostPattern::Exact(text))
    }
}

fn host_text<S: AsRef<str>>(host: &Host<S>) -> String {
    match host {
        Host::Domain(d) => d.as_ref().to_ascii_lowercase(),
        Host::Ipv4(ip) => ip.to_string(),
        Host::Ipv6(ip) => ip.to_string(),
    }
}

fn ip_of<S>(host: &Host<S>) -> Option<IpAddr> {
    match host {
        Host::Ipv4(ip) => Some(IpAddr::V4(*ip)),
        Host::Ipv6(ip) => Some(IpAddr::V6(*ip)),
        Host::Domain(_) => None,
    }
}

/// 169.254.0.0/16 and fe80::/10 (and IPv4-mapped forms): link-local, home of 169.254.169.254.
pub(crate) fn is_link_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4.is_link_local();
            }
            (v6.segments()[0] & 0xffc0) == 0xfe80
        }
    }
}

/// A DNS resolver that drops link-local addresses a name resolves to (unless the policy names the address),
/// for the HTTP client of workers and pages.
pub(crate) struct PolicyResolver {
    policy: std::sync::Arc<std::sync::RwLock<ConnectPolicy>>,
}

impl PolicyResolver {
    /// A resolver following `policy` as it is at each lookup.
    pub fn new(policy: std::sync::Arc<std::sync::RwLock<ConnectPolicy>>) -> PolicyResolver {
        PolicyResolver { policy }
    }
}

impl reqwest::dns::Resolve for PolicyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self
            .policy
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| !is_link_local(a.ip()) || policy.names_exactly(&a.ip().to_string()))
                .collect();
            if kept.is_empty() && !found.is_empty() {
                let e: Box<dyn std::error::Error + Send + Sync> = format!(
                    "{host} resolves only to link-local addresses (where cloud metadata services answer); blocked by Syncscope's connection policy"
                )
                .into();
                return Err(e);
            }
            Ok(Box::new(kept.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn the_origin_and_loopback_are_allowed_by_default_and_nothing_else() {
        let p = ConnectPolicy::new();
        let o = "https://app.test";
        for ok in [
            "https://app.test/api",
            "http://127.0.0.1:8080/x",
            "http://[::1]:3000/",
            "http://localhost:5173/",
            "http://dev.localhost/",
        ] {
            assert_eq!(p.check(o, &url(ok)), Ok(()), "{ok}");
        }
        for (bad, why) in [
            (
                "https://api.other.test/",
                "api.other.test is not the worker's origin",
            ),
            ("http://app.test/", "app.test is not the worker's origin"),
            (
                "http://192.168.1.10/",
                "192.168.1.10 is not the worker's origin",
            ),
            ("http://169.254.169.254/latest/meta-data", "link-local"),
            ("file:///etc/passwd", "file: scheme"),
        ] {
            let e = p.check(o, &url(bad)).unwrap_err().to_string();
            assert!(e.contains(why), "{bad}: {e}");
            assert!(e.starts_with(bad.trim_end_matches('/')), "{e}");
        }
    }

    #[test]
    fn named_hosts_domains_and_any_are_allowed_but_link_local_needs_its_address() {
        let o = "https://app.test";
        let p = ConnectPolicy::new()
            .allowing(["api.example.com", "*.cdn.test", "10.0.0.5"])
            .unwrap();
        for ok in [
            "https://api.example.com/v1",
            "https://cdn.test/a.js",
            "https://img.cdn.test/a.png",
            "http://10.0.0.5:9000/",
        ] {
            assert_eq!(p.check(o, &url(ok)), Ok(()), "{ok}");
        }
        for bad in [
            "https://example.com/",
            "https://xcdn.test/",
            "http://10.0.0.6/",
        ] {
            assert!(p.check(o, &url(bad)).is_err(), "{bad}");
        }
        let any = ConnectPolicy::allow_all();
        assert_eq!(any.check(o, &url("https://anything.test/")), Ok(()));
        assert!(any.check(o, &url("http://169.254.169.254/")).is_err());
        let named = ConnectPolicy::new().allowing(["169.254.169.254"]).unwrap();
        assert_eq!(named.check(o, &url("http://169.254.169.254/")), Ok(()));
    }

    #[test]
    fn a_name_resolving_to_a_link_local_address_is_refused() {
        let p = ConnectPolicy::allow_all();
        let u = url("https://rebind.test/");
        let meta: SocketAddr = "169.254.169.254:443".parse().unwrap();
        let mapped: SocketAddr = "[::ffff:169.254.169.254]:443".parse().unwrap();
        let fine: SocketAddr = "93.184.216.34:443".parse().unwrap();
        assert_eq!(p.check_resolved(&u, &[fine]), Ok(()));
        assert!(p.check_resolved(&u, &[fine, meta]).is_err());
        assert!(p.check_resolved(&u, &[mapped]).is_err());
    }

    #[test]
    fn bad_patterns_say_what_is_expected() {
        for bad in [
            "https://api.test",
            "api.test:8080",
            "*.10.0.0.1",
            "exa mple.com",
        ] {
            let e = ConnectPolicy::new().allowing([bad]).unwrap_err();
            assert!(e.contains("--allow-host"), "{bad}: {e}");
        }
    }
}
