//! Security headers on every response, and the per-response script nonce of the
//! Content-Security-Policy.
//!
//! The policy allows scripts, styles, fonts, images and connections from this origin only, and
//! inline scripts only when they carry the nonce of the response they arrived in. The nonce is
//! made here, before the request reaches a handler, so that the page rendered for the request
//! (Leptos writes it into its hydration and resource scripts) and the header agree:
//! - it travels in the request's extensions ([`CspNonce`]), where the Leptos render reads it
//!   ([`provide_request_nonce`]), and in a task-local for renders that build their own request
//!   (`pages::render_with_context`);
//! - the page cache keeps a page with the nonce it was rendered with and swaps in the current
//!   one when it sends the page again.
//!
//! `'wasm-unsafe-eval'` lets the page compile the wasm bundle, and nothing else; it does not allow
//! `eval` of JavaScript.
//!
//! Styles: stylesheets and `<style>` elements only from this origin, but `style="…"` attributes
//! are allowed (`style-src-attr 'unsafe-inline'`): ECharts sets them at run time on its tooltip
//! and SVG elements, and they vary with the mouse position, so no hash could list them. A style
//! attribute cannot run script, and one an attacker wrote would need an HTML injection first,
//! which Leptos's escaping prevents.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{header, HeaderName, HeaderValue};

use super::config::HttpConfig;

/// The nonce of one response: 128 random bits as 32 hexadecimal digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CspNonce(pub String);

tokio::task_local! {
    /// The nonce of the request being handled on this task (set by [`security_headers`]).
    static CURRENT_NONCE: CspNonce;
}

impl CspNonce {
    /// A fresh nonce from the operating system's random source. If that fails (it does not on
    /// Linux once booted), the answer has no nonce at all and inline scripts are refused, which
    /// breaks hydration but never security.
    pub fn generate() -> Option<Self> {
        let mut bytes = [0u8; 16];
        match getrandom::fill(&mut bytes) {
            Ok(()) => Some(Self(hex(&bytes))),
            Err(error) => {
                tracing::error!(%error, "no random bytes for a CSP nonce");
                None
            }
        }
    }

    /// The nonce of the request being handled on this task, if any.
    pub fn current() -> Option<Self> {
        CURRENT_NONCE.try_with(Clone::clone).ok()
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    text
}

/// The Content-Security-Policy of a response whose inline scripts carry `nonce`.
pub fn content_security_policy(nonce: Option<&CspNonce>) -> String {
    let script_src = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'", nonce.0),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; {script_src}; style-src 'self'; style-src-attr 'unsafe-inline'; \
         img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The features no page of the app uses, switched off for the page and anything it embeds.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), \
display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), \
payment=(), usb=()";

/// Sent when `ATLAS_HSTS` is on: two years, this host only (subdomains may be other services).
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000";

/// Middleware: gives the request a fresh nonce, runs it, and sets the security headers on
/// whatever comes back (pages, API answers, files, errors).
pub async fn security_headers(
    State(http): State<HttpConfig>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = CspNonce::generate();
    let mut response = match &nonce {
        Some(nonce) => {
            request.extensions_mut().insert(nonce.clone());
            CURRENT_NONCE.scope(nonce.clone(), next.run(request)).await
        }
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(nonce.as_ref())) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    // frame-ancestors in the policy is the modern form; this is for browsers that predate it.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if http.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    response
}

/// Makes the Leptos render of this request use the request's nonce (Leptos would otherwise make
/// its own, which the header would not name). Call it in the render's context closure, after
/// Leptos has provided the request's parts.
pub fn provide_request_nonce() {
    let from_request = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(nonce) = from_request.or_else(CspNonce::current) {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_32_hex_digits_and_differ() {
        let first = CspNonce::generate().unwrap();
        let second = CspNonce::generate().unwrap();
        assert_eq!(first.0.len(), 32);
        assert!(first.0.bytes().all(|byte| byte.is_ascii_hexdigit()));
        assert_ne!(first, second);
    }

    #[test]
    fn the_policy_names_the_nonce_and_allows_no_inline_script_otherwise() {
        let nonce = CspNonce("00ff".into());
        let policy = content_security_policy(Some(&nonce));
        assert!(policy.contains("script-src 'self' 'nonce-00ff' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("; style-src 'self';"));
        assert_eq!(
            policy.matches("unsafe-inline").count(),
            1,
            "style attributes only"
        );
        assert!(policy.contains("style-src-attr 'unsafe-inline'"));
        assert!(!content_security_policy(None).contains("nonce-"));
    }
}
