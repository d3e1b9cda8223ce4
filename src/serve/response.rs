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

/// Sends `response` to `request` and closes the connection afterwards
/// (`Connection: close`; tiny_http refuses that header on a `Response`).
///
/// Why: tiny_http hands each connection to a pool thread for as long as the
/// connection lives, and its pool can leave a newly accepted connection
/// queued behind busy threads (it counts a thread that was just woken as
/// still idle, so it neither starts a new thread nor finds a free one).
/// Browsers keep a few keep-alive sockets open for minutes and each event
/// stream holds a thread for good, so that queued connection — in practice
/// a click's navigation — waited until Chromium dropped an idle socket,
/// about a minute later, with its request unread in the socket. With
/// `Connection: close` the browser closes the socket after each ordinary
/// answer, which ends tiny_http's read and frees the thread, so only the
/// event streams hold threads for long.
pub(super) fn send(request: tiny_http::Request, response: Answer) {
    use std::io::Write;
    let head_only = *request.method() == tiny_http::Method::Head;
    let status = response.status_code();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        status.0,
        status.default_reason_phrase()
    );
    for h in response.headers() {
        head.push_str(&format!("{}: {}\r\n", h.field, h.value));
    }
    let body = response.into_reader().into_inner();
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut writer = request.into_writer();
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| {
            if head_only {
                Ok(())
            } else {
                writer.write_all(&body)
            }
        })
        .and_then(|()| writer.flush());
}
