//! Sending a planned request: timeout, bounded retries on 429 and 503, a cap on
//! the body, and redirects followed only within the target.
//!
//! Everything that can go wrong on the wire becomes a [`SendError`] naming the
//! cause; it is a result of that example, not a failure of the run.

use std::error::Error as _;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::redirect::Policy;
use url::{Origin, Url};

use crate::replay::plan::Planned;

/// How requests are sent.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest wait for one answer, body included.
    pub timeout: Duration,
    /// Retries after a 429 or 503.
    pub retries: u32,
    /// Longest wait a Retry-After may ask for; a longer one ends the retries.
    pub max_retry_wait: Duration,
    /// Most body bytes read.
    pub max_body: u64,
    /// Idle connections kept per host.
    pub connections: usize,
}

/// What the server sent.
#[derive(Debug, Clone)]
pub struct Received {
    /// The status code of the last answer.
    pub status: u16,
    /// Its Content-Type value.
    pub content_type: Option<String>,
    /// Its body.
    pub body: Vec<u8>,
    /// Requests sent, retries included.
    pub attempts: u32,
    /// A redirect that was not followed because it leads to another host.
    pub redirect_refused: Option<String>,
}

/// Why no answer could be read.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The connection was refused or could not be made.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// No complete answer in time.
    #[error("no complete answer within {} ms", .0.as_millis())]
    Timeout(Duration),
    /// The TLS handshake failed.
    #[error("TLS error: {0}")]
    Tls(String),
    /// The body is longer than the cap.
    #[error("body larger than {0} bytes")]
    TooLarge(u64),
    /// The method is not a valid token.
    #[error("invalid method `{0}`")]
    Method(String),
    /// A header name or value cannot be sent; the value is never shown.
    #[error("header `{0}` has a name or value that cannot be sent")]
    Header(String),
    /// Anything else the HTTP client reports.
    #[error("{0}")]
    Other(String),
}

/// An HTTP client bound to one target origin.
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    limits: Limits,
    origin: Origin,
}

impl Sender {
    /// A client for `target`: no proxy, redirects followed only to the same origin.
    pub fn new(target: &Url, limits: Limits) -> Result<Self, SendError> {
        let origin = target.origin();
        let allowed = origin.clone();
        let policy = Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                attempt.error("more than 10 redirects")
            } else if attempt.url().origin() == allowed {
                attempt.follow()
            } else {
                attempt.stop()
            }
        });
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(policy)
            .timeout(limits.timeout)
            .connect_timeout(limits.timeout)
            .pool_max_idle_per_host(limits.connections)
            .build()
            .map_err(|e| SendError::Other(chain(&e)))?;
        Ok(Sender {
            client,
            limits,
            origin,
        })
    }

    /// Sends a request, retrying on 429 and 503 as the server asks.
    pub async fn send(&self, planned: &Planned) -> Result<Received, SendError> {
        let method = reqwest::Method::from_bytes(planned.method.as_bytes())
            .map_err(|_| SendError::Method(planned.method.clone()))?;
        let headers = header_map(&planned.headers)?;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let mut request = self
                .client
                .request(method.clone(), planned.url.clone())
                .headers(headers.clone());
            if let Some(body) = &planned.body {
                request = request.body(body.clone());
            }
            let response = request.send().await.map_err(|e| self.classify(&e))?;
            let status = response.status().as_u16();
            if matches!(status, 429 | 503) && attempts <= self.limits.retries {
                let wait = retry_after(response.headers())
                    .unwrap_or_else(|| Duration::from_millis(250 << attempts.min(6)));
                if wait <= self.limits.max_retry_wait {
                    tokio::time::sleep(wait).await;
                    continue;
                }
            }
            return self.read(response, attempts).await;
        }
    }

    async fn read(
        &self,
        mut response: reqwest::Response,
        attempts: u32,
    ) -> Result<Received, SendError> {
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE);
        let redirect_refused = if response.status().is_redirection() {
            header(LOCATION)
                .and_then(|location| response.url().join(&location).ok())
                .filter(|to| to.origin() != self.origin)
                .map(String::from)
        } else {
            None
        };
        let limit = self.limits.max_body;
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(SendError::TooLarge(limit));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(&e))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(SendError::TooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Received {
            status,
            content_type,
            body,
            attempts,
            redirect_refused,
        })
    }

    fn classify(&self, error: &reqwest::Error) -> SendError {
        let text = chain(error);
        if error.is_timeout() {
            SendError::Timeout(self.limits.timeout)
        } else if is_tls(error) {
            SendError::Tls(text)
        } else if error.is_connect() {
            SendError::Connect(text)
        } else {
            SendError::Other(text)
        }
    }
}

/// Whether a rustls error is among the causes, directly or wrapped in I/O errors.
fn is_tls(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if wraps_rustls(cause) {
            return true;
        }
        source = cause.source();
    }
    false
}

/// I/O errors hide what they wrap from `source()`; look inside them.
fn wraps_rustls(error: &(dyn std::error::Error + 'static)) -> bool {
    if error.is::<rustls::Error>() {
        return true;
    }
    let inner = error
        .downcast_ref::<std::io::Error>()
        .and_then(std::io::Error::get_ref);
    inner.is_some_and(|inner| wraps_rustls(inner))
}

/// An error and its causes, one after the other.
fn chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

fn header_map(headers: &[(String, String)]) -> Result<HeaderMap, SendError> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let bad = || SendError::Header(name.clone());
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
        let mut header_value = HeaderValue::from_str(value).map_err(|_| bad())?;
        header_value.set_sensitive(true);
        map.append(header_name, header_value);
    }
    Ok(map)
}

/// The wait a Retry-After header asks for: seconds, or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }
}
