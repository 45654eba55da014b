//! Per-client rate limiting of writes (profile saves, edits, deletes, uploads and API writes):
//! a token bucket per client IP address, kept in memory. Each instance limits on its own; behind
//! a load balancer the effective limit is the per-instance limit times the instance count.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::AppError;
use super::pages::simple_page;
use crate::paths::Area;

/// Buckets beyond this many are pruned of full ones, so a scan from many addresses cannot grow
/// the map without bound.
const MAX_TRACKED_CLIENTS: usize = 10_000;

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// The limiter shared by every request handler of one instance.
#[derive(Clone, Debug)]
pub struct RateLimiter {
    /// Tokens added per second.
    rate: f64,
    /// The most tokens a bucket holds: the burst a client may send at once.
    burst: f64,
    /// Whether the client address is taken from `X-Forwarded-For` (behind a trusted proxy).
    trust_forwarded_for: bool,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32, burst: u32, trust_forwarded_for: bool) -> RateLimiter {
        RateLimiter {
            rate: f64::from(per_minute.max(1)) / 60.0,
            burst: f64::from(burst.max(1)),
            trust_forwarded_for,
            buckets: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Takes one token for `client`; when there is none, the seconds until there will be.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED_CLIENTS {
            let (rate, burst) = (self.rate, self.burst);
            buckets.retain(|_, bucket| {
                bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * rate < burst
            });
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.rate).min(self.burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.rate).ceil().max(1.0) as u64)
        }
    }

    fn client(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        if self.trust_forwarded_for {
            if let Some(address) = headers
                .get("x-forwarded-for")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(',').next())
                .and_then(|first| first.trim().parse::<IpAddr>().ok())
            {
                return address;
            }
        }
        peer.map_or(IpAddr::from([0, 0, 0, 0]), |peer| peer.ip())
    }
}

fn is_write(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::DELETE | Method::PATCH
    )
}

/// Middleware for the write routes: 429 with `Retry-After` when a client is over its limit — a
/// problem document for the API, a readable page for forms.
pub async fn limit_writes(
    State(limiter): State<RateLimiter>,
    request: Request,
    next: Next,
) -> Response {
    if !is_write(request.method()) {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| *address);
    let client = limiter.client(request.headers(), peer);
    match limiter.check(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry_after) => {
            tracing::warn!(%client, path = %request.uri().path(), "write rate limit reached");
            if Area::of(request.uri().path()) == Area::Api {
                AppError::TooManyRequests { retry_after }.into_response()
            } else {
                let mut response = simple_page(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many changes at once",
                    &format!(
                        "This connection has saved or changed profiles faster than the site allows. \
                         Please wait {retry_after} seconds, then go back and submit again — what you \
                         typed is still in the form if you use your browser's Back button."
                    ),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                response
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_is_allowed_then_requests_wait_for_the_refill() {
        let limiter = RateLimiter::new(60, 3, false);
        let client = IpAddr::from([10, 0, 0, 1]);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(client, start), Ok(()));
        }
        assert_eq!(limiter.check(client, start), Err(1));
        // Another client has its own bucket.
        assert_eq!(limiter.check(IpAddr::from([10, 0, 0, 2]), start), Ok(()));
        // One token a second comes back.
        assert_eq!(
            limiter.check(client, start + Duration::from_secs(1)),
            Ok(())
        );
        assert!(limiter
            .check(client, start + Duration::from_secs(1))
            .is_err());
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.0.0.1"),
        );
        let peer = Some(SocketAddr::from(([127, 0, 0, 1], 4000)));
        assert_eq!(
            RateLimiter::new(1, 1, true).client(&headers, peer),
            IpAddr::from([203, 0, 113, 9])
        );
        assert_eq!(
            RateLimiter::new(1, 1, false).client(&headers, peer),
            IpAddr::from([127, 0, 0, 1])
        );
    }
}
