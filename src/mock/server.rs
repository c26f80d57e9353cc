//! The mock's HTTP side: one handler that looks each request up in the route
//! table and answers with the documented response, or a 404 naming the nearest
//! documented routes.
//!
//! Routing is the table's, not axum's, because documented ids and placeholders
//! must match any value and the most specific route must win.

use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Method, Response, StatusCode, Uri};
use axum::Router;
use tokio::net::TcpListener;

use crate::mock::routes::RouteTable;

/// Receives one line per request.
pub type Log = Arc<dyn Fn(String) + Send + Sync>;

#[derive(Clone)]
struct Shared {
    table: Arc<RouteTable>,
    log: Log,
}

/// Serves `table` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    table: Arc<RouteTable>,
    log: Log,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = Router::new()
        .fallback(answer)
        .with_state(Shared { table, log });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

async fn answer(State(shared): State<Shared>, method: Method, uri: Uri) -> Response<Body> {
    let path = uri.path();
    let Some(route) = shared.table.find(method.as_str(), path) else {
        let nearest = shared.table.nearest(method.as_str(), path, 3);
        (shared.log)(format!("{method} {uri} 404 no documented route"));
        let body = serde_json::json!({
            "error": format!("no documented route for {method} {path}"),
            "nearest": nearest,
        });
        return build(
            StatusCode::NOT_FOUND,
            &[("Content-Type".into(), "application/json".into())],
            body.to_string().into_bytes(),
        );
    };
    (shared.log)(format!("{method} {uri} {} {}", route.status, route.source));
    let status = StatusCode::from_u16(route.status).unwrap_or(StatusCode::OK);
    build(status, &route.headers, route.body.clone())
}

fn build(status: StatusCode, headers: &[(String, String)], body: Vec<u8>) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
