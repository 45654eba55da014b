//! The yardstick of the page-throughput benchmark (scripts/page-throughput.sh): a static file
//! server on the app's own stack (tokio, hyper, axum) that reads one file at start-up and answers
//! every request with its bytes as `text/html; charset=utf-8`, as the app answers a page.
//!
//! The file is held in memory rather than read per request. tower-http's `ServeFile` reads it in
//! chunks on tokio's blocking pool and managed only a few hundred requests per second for a 60 KB
//! page on the benchmark machine, which would flatter any app compared with it; an answer from
//! memory is the fastest this stack sends those bytes, so the comparison is strict.
//!
//! Usage: `static_page FILE ADDR`, e.g. `static_page /tmp/page.html 127.0.0.1:3100`.

use anyhow::Context;
use axum::{body::Bytes, http::header, Router};

/// The same allocator as the app's server (src/main.rs), so that the comparison is of the work
/// done, not of the allocators.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(addr)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: static_page FILE ADDR");
    };
    let page = Bytes::from(std::fs::read(&file).with_context(|| format!("reading {file}"))?);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    let app = Router::new().fallback(move || {
        let page = page.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page) }
    });
    axum::serve(listener, app).await?;
    Ok(())
}
