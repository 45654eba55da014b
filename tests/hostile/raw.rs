//! Requests no HTTP client library would send: raw `..` segments (a client would normalise them
//! away), bytes that are not UTF-8 in the path, and oversized headers, written straight to a TCP
//! socket.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{spawn_app, TestApp};
use crate::{assert_untouched_and_serving, seed};

/// Sends `request` as it is and returns the status code and the rest of the answer.
async fn raw(app: &TestApp, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(app.address).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    // `Connection: close` in every request below, so the server ends the answer by closing.
    stream.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, text)
}

fn get_request(target: &[u8]) -> Vec<u8> {
    let mut request = b"GET ".to_vec();
    request.extend_from_slice(target);
    request.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    request
}

#[tokio::test]
async fn raw_traversal_and_undecodable_paths_are_4xx_and_leak_no_files() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let targets: Vec<&[u8]> = vec![
        b"/../../../../etc/passwd",
        b"/pkg/../../../../etc/passwd",
        b"/pkg/..%2f..%2f..%2f..%2fetc%2fpasswd",
        b"/pkg/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        b"/js/..%5c..%5c..%5cetc%5cpasswd",
        b"/fonts/....//....//etc/passwd",
        b"/pkg/%252e%252e/etc/passwd",
        b"/pkg/atlas.css%00.html",
        b"/occupations/../../Cargo.toml",
        b"/occupations/29-1224.00/../../../etc/passwd",
        b"/api/v1/occupations/../../../../etc/passwd",
        b"/api/v1/occupations/%ff%fe",
        b"/occupations/%ff/summary.csv",
        b"/profiles/%c0%ae%c0%ae/summary.csv",
        b"/api/v1/profiles/\xff\xfe",
        b"/occupations/\xc3\x28",
        b"//etc/passwd",
        b"/.env",
        b"/.git/config",
        b"/data/catalog/../archetypes.toml",
        b"/migrations/sqlite",
    ];
    for target in targets {
        let (status, answer) = raw(&app, &get_request(target)).await;
        let shown = String::from_utf8_lossy(target);
        assert!(
            (400..500).contains(&status),
            "GET {shown}: expected a 4xx, got {status}"
        );
        for secret in [
            "root:x:0:0",
            "[package]",
            "[core]",
            "DATABASE_URL",
            "CREATE TABLE",
        ] {
            assert!(!answer.contains(secret), "GET {shown} leaked {secret:?}");
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}

#[tokio::test]
async fn malformed_requests_are_refused_and_the_server_keeps_serving() {
    let app = spawn_app().await;
    let seeded = seed(&app).await;
    let huge_header = format!(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Junk: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(2 * 1024 * 1024)
    );
    let body = crate::valid_body().to_string();
    let requests: Vec<(&str, Vec<u8>)> = vec![
        ("a header of 2 MB", huge_header.into_bytes()),
        (
            "a body shorter than its length",
            format!(
                "POST /api/v1/profiles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10\r\nConnection: close\r\n\r\n{}",
                &body[..10]
            )
            .into_bytes()
            .into_iter()
            .chain(b"\r\n".iter().copied())
            .collect(),
        ),
        (
            "a non-numeric length",
            format!("POST /api/v1/profiles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: lots\r\nConnection: close\r\n\r\n{body}").into_bytes(),
        ),
        (
            "two different lengths",
            format!("POST /api/v1/profiles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).into_bytes(),
        ),
        (
            "a chunked body with a bad chunk size",
            b"POST /api/v1/profiles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n".to_vec(),
        ),
        (
            "a NUL in the request line",
            b"GET /healthz\0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(),
        ),
        ("not HTTP at all", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec()),
    ];
    for (label, request) in requests {
        let mut stream = TcpStream::connect(app.address).await.unwrap();
        // The server may answer and close before it has read all of an oversized request.
        let _ = stream.write_all(&request).await;
        let mut answer = Vec::new();
        // The server answers with a 4xx or closes the connection; either way nothing is stored.
        let _ = stream.read_to_end(&mut answer).await;
        let text = String::from_utf8_lossy(&answer);
        if let Some(status) = text
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse::<u16>().ok())
        {
            assert!(
                (400..500).contains(&status),
                "{label}: got {status}: {text}"
            );
        }
    }
    assert_untouched_and_serving(&app, &seeded).await;
}
