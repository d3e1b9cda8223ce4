//! HTTP responses of the preview, shared by the pages and the dashboard:
//! every answer carries its type, `nosniff` and `no-store`.

use std::io::Cursor;

use tiny_http::{Header, Response};

/// A response whose body is in memory.
pub(super) type Answer = Response<Cursor<Vec<u8>>>;

/// `response` with a Content-Type, `nosniff` and `no-store`.
pub(super) fn with_type<R: std::io::Read>(
    response: Response<R>,
    content_type: &str,
) -> Response<R> {
    let mut response = response;
    for (name, value) in [
        ("Content-Type", content_type),
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "no-store"),
    ] {
        if let Ok(h) = Header::from_bytes(name, value) {
            response.add_header(h);
        }
    }
    response
}

/// A plain-text response with `status`.
pub(super) fn text(status: u16, body: &str) -> Answer {
    with_type(
        Response::from_data(body.as_bytes().to_vec()),
        "text/plain; charset=utf-8",
    )
    .with_status_code(status)
}

/// An HTML response with `status`.
pub(super) fn html(status: u16, body: String) -> Answer {
    with_type(
        Response::from_data(body.into_bytes()),
        "text/html; charset=utf-8",
    )
    .with_status_code(status)
}
