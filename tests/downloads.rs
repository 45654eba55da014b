//! Downloads over HTTP, each read back by a real consumer: CSV by the `csv` crate, XLSX by
//! calamine, PDF by poppler's `pdftotext`, JSON by serde into the contract type.

mod common;

use std::io::Cursor;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;

use atlas::api_types::{ApiOccupation, PROBLEM_JSON_CONTENT_TYPE};
use atlas::assess::Verdict;
use atlas::export::PdfFonts;
use calamine::{Data, Reader, Xlsx};
use common::{repo_root, spawn_app, TestApp};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use serde_json::Value;
use tokio::sync::oneshot;

const RADIOLOGISTS: &str = "29-1224.00";

/// A second server over the test app's database, with the PDF fonts loaded (the test site
/// holds only `public/`, so the test app itself has none).
struct PdfServer {
    address: SocketAddr,
    client: reqwest::Client,
    _shutdown: oneshot::Sender<()>,
}

impl PdfServer {
    async fn start(app: &TestApp) -> PdfServer {
        let fonts_dir = repo_root().join("node_modules/dejavu-fonts-ttf/ttf");
        let read = |name: &str| {
            std::fs::read(fonts_dir.join(name))
                .unwrap_or_else(|error| panic!("{name} (run npm install): {error}"))
        };
        let fonts = PdfFonts::from_bytes(&read("DejaVuSans.ttf"), &read("DejaVuSans-Bold.ttf"))
            .expect("usable fonts");
        let state = app.state.with_pdf_fonts(Arc::new(fonts));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (shutdown, shutdown_received) = oneshot::channel::<()>();
        tokio::spawn(async move {
            atlas::server::serve(listener, state, async {
                let _ = shutdown_received.await;
            })
            .await
            .expect("server failed");
        });
        PdfServer {
            address,
            client: reqwest::Client::new(),
            _shutdown: shutdown,
        }
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("http://{}{}", self.address, path))
            .send()
            .await
            .expect("request failed")
    }
}

async fn detail(app: &TestApp, code: &str) -> Value {
    let response = app.get(&format!("/api/v1/occupations/{code}")).await;
    assert_eq!(response.status(), 200, "{code}");
    response.json().await.unwrap()
}

fn task_titles(detail: &Value) -> Vec<String> {
    detail["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|task| task["title"].as_str().unwrap().to_string())
        .collect()
}

fn verdict_label(detail: &Value) -> &'static str {
    let name = detail["verdict"].as_str().unwrap();
    Verdict::ALL
        .into_iter()
        .find(|verdict| verdict.name() == name)
        .unwrap_or_else(|| panic!("unknown verdict {name}"))
        .label()
}

fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Checks status 200, the content type and an attachment file name with `must_name`, the date
/// and the extension; returns the body.
async fn download(
    response: reqwest::Response,
    content_type: &str,
    must_name: &str,
    extension: &str,
) -> Vec<u8> {
    let date_before = today();
    let url = response.url().to_string();
    assert_eq!(response.status(), 200, "{url}");
    let headers = response.headers().clone();
    assert_eq!(headers[CONTENT_TYPE], content_type, "{url}");
    let disposition = headers[CONTENT_DISPOSITION].to_str().unwrap().to_string();
    assert!(
        disposition.starts_with("attachment;"),
        "{url}: {disposition}"
    );
    let filename = disposition
        .split_once("filename=\"")
        .and_then(|(_, rest)| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{url}: no quoted file name in {disposition}"));
    assert!(filename.contains(must_name), "{url}: {filename}");
    // The date is read on both sides of the request, in case it ran across midnight.
    assert!(
        filename.contains(&date_before) || filename.contains(&today()),
        "{url}: {filename} has today's date"
    );
    assert!(
        filename.ends_with(&format!(".{extension}")),
        "{url}: {filename}"
    );
    assert!(
        !filename.contains(['/', '\\', ' ', '"']),
        "{url}: {filename}"
    );
    let body = response.bytes().await.unwrap().to_vec();
    assert!(!body.is_empty(), "{url}: empty file");
    body
}

fn csv_reader(body: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().from_reader(body)
}

fn xlsx(body: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(body)).expect("a readable xlsx file")
}

/// The text of a PDF as `pdftotext` reads it, with all white space collapsed.
fn pdf_text(pdf: &[u8]) -> String {
    run_poppler("pdftotext", pdf, &["-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn run_poppler(tool: &str, pdf: &[u8], trailing: &[&str]) -> String {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let output = Command::new(tool)
        .arg(file.path())
        .args(trailing)
        .output()
        .unwrap_or_else(|error| panic!("{tool} (poppler-utils) must be installed: {error}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// --- one occupation -----------------------------------------------------------------------

#[tokio::test]
async fn the_csv_summary_has_the_header_and_one_row_per_task() {
    let app = spawn_app().await;
    let detail = detail(&app, RADIOLOGISTS).await;
    let response = app
        .get(&format!("/occupations/{RADIOLOGISTS}/summary.csv"))
        .await;
    let body = download(response, "text/csv; charset=utf-8", RADIOLOGISTS, "csv").await;
    let mut reader = csv_reader(&body);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    for name in [
        "occupation_code",
        "occupation_title",
        "task",
        "share_percent",
        "standardization",
        "error_tolerance",
        "verifiability",
        "frequency",
        "pattern",
        "model_version",
        "catalog_version",
    ] {
        assert!(
            header.iter().any(|column| column == name),
            "{name} in {header:?}"
        );
    }
    assert_eq!(
        header[0], "occupation_code",
        "the byte order mark is not in the name"
    );
    let column = |name: &str| header.iter().position(|column| column == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let tasks = detail["tasks"].as_array().unwrap();
    assert_eq!(rows.len(), tasks.len());
    for (row, task) in rows.iter().zip(tasks) {
        assert_eq!(&row[column("occupation_code")], RADIOLOGISTS);
        assert_eq!(&row[column("task")], task["title"].as_str().unwrap());
        assert_eq!(&row[column("pattern")], task["pattern"].as_str().unwrap());
        assert_eq!(
            row[column("standardization")].parse::<u64>().unwrap(),
            task["ratings"]["standardization"].as_u64().unwrap()
        );
        let share: f64 = row[column("share_percent")].parse().unwrap();
        let expected = task["share"].as_f64().unwrap() * 100.0;
        assert!(
            (share - expected).abs() <= 0.05 + 1e-9,
            "{share} vs {expected}"
        );
        assert_eq!(
            &row[column("catalog_version")],
            detail["catalog_version"].as_str().unwrap()
        );
    }
}

#[tokio::test]
async fn the_xlsx_summary_has_summary_and_tasks_sheets_with_numeric_cells() {
    let app = spawn_app().await;
    let detail = detail(&app, RADIOLOGISTS).await;
    let response = app
        .get(&format!("/occupations/{RADIOLOGISTS}/summary.xlsx"))
        .await;
    let body = download(
        response,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        RADIOLOGISTS,
        "xlsx",
    )
    .await;
    let mut workbook = xlsx(body);
    assert_eq!(workbook.sheet_names(), ["Summary", "Tasks"]);

    let summary = workbook.worksheet_range("Summary").unwrap();
    let value_of = |label: &str| {
        summary
            .rows()
            .find(|row| row[0] == Data::String(label.to_string()))
            .map(|row| row[1].clone())
            .unwrap_or_else(|| panic!("no {label} row"))
    };
    assert_eq!(value_of("Code"), Data::String(RADIOLOGISTS.to_string()));
    assert_eq!(
        value_of("Verdict"),
        Data::String(verdict_label(&detail).to_string())
    );
    assert_eq!(
        value_of("Automatability index"),
        Data::Float(detail["automatability_index"].as_f64().unwrap())
    );
    assert_eq!(
        value_of("Complementarity index"),
        Data::Float(detail["complementarity_index"].as_f64().unwrap())
    );

    let tasks = workbook.worksheet_range("Tasks").unwrap();
    let api_tasks = detail["tasks"].as_array().unwrap();
    assert_eq!(tasks.height(), api_tasks.len() + 1);
    let header: Vec<String> = tasks
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|cell| cell.to_string())
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|column| column == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    for (row, task) in tasks.rows().skip(1).zip(api_tasks) {
        assert_eq!(row[column("Code")], Data::String(RADIOLOGISTS.to_string()));
        assert_eq!(
            row[column("Task")],
            Data::String(task["title"].as_str().unwrap().to_string())
        );
        assert_eq!(
            row[column("Share")],
            Data::Float(task["share"].as_f64().unwrap())
        );
        for cell in &row[4..8] {
            assert!(
                matches!(cell, Data::Float(_)),
                "a rating is a number: {cell:?}"
            );
        }
        assert!(matches!(row[column("Feasibility")], Data::Float(_)));
        assert!(matches!(row[column("Autonomy risk")], Data::Float(_)));
    }
}

#[tokio::test]
async fn the_pdf_summary_holds_the_verdict_and_every_task_title() {
    let app = spawn_app().await;
    let pdf_server = PdfServer::start(&app).await;
    let detail = detail(&app, RADIOLOGISTS).await;
    for (file, paper) in [("summary.pdf", "A4"), ("summary-letter.pdf", "letter")] {
        let response = pdf_server
            .get(&format!("/occupations/{RADIOLOGISTS}/{file}"))
            .await;
        let body = download(response, "application/pdf", RADIOLOGISTS, "pdf").await;
        assert!(body.starts_with(b"%PDF-"), "{file}");
        let text = pdf_text(&body);
        assert!(
            text.contains(&format!("Verdict: {}", verdict_label(&detail))),
            "{file}: {text}"
        );
        assert!(text.contains("Radiologists"), "{file}");
        for title in task_titles(&detail) {
            assert!(
                text.contains(&collapse(&title)),
                "{file}: missing {title:?} in {text}"
            );
        }
        let info = run_poppler("pdfinfo", &body, &[]);
        assert!(
            info.lines()
                .any(|line| line.starts_with("Page size:") && line.contains(paper)),
            "{file} is {paper}: {info}"
        );
    }
}

#[tokio::test]
async fn without_fonts_a_pdf_is_a_503_problem_never_an_empty_file() {
    let app = spawn_app().await;
    assert!(app.state.pdf_fonts.is_none(), "the test site has no fonts");
    let response = app
        .get(&format!("/occupations/{RADIOLOGISTS}/summary.pdf"))
        .await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    assert!(response.headers().get(CONTENT_DISPOSITION).is_none());
    let body: Value = response.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("font"), "{body}");
}

#[tokio::test]
async fn the_json_summary_parses_into_the_api_occupation_the_api_serves() {
    let app = spawn_app().await;
    let api: ApiOccupation = serde_json::from_value(detail(&app, RADIOLOGISTS).await).unwrap();
    let response = app
        .get(&format!("/occupations/{RADIOLOGISTS}/summary.json"))
        .await;
    let body = download(response, "application/json", RADIOLOGISTS, "json").await;
    let downloaded: ApiOccupation = serde_json::from_slice(&body).unwrap();
    assert_eq!(downloaded, api);
    let raw: Value = serde_json::from_slice(&body).unwrap();
    assert!(raw["generated_at"]
        .as_str()
        .unwrap()
        .starts_with(&today()[..4]));
}

#[tokio::test]
async fn the_markdown_summary_states_the_verdict_and_lists_the_tasks() {
    let app = spawn_app().await;
    let detail = detail(&app, RADIOLOGISTS).await;
    let response = app
        .get(&format!("/occupations/{RADIOLOGISTS}/summary.md"))
        .await;
    let body = download(response, "text/markdown; charset=utf-8", RADIOLOGISTS, "md").await;
    let markdown = String::from_utf8(body).unwrap();
    assert!(markdown.starts_with("# "), "{markdown}");
    assert!(
        markdown.contains(&format!("Verdict: {}", verdict_label(&detail))),
        "{markdown}"
    );
    for title in task_titles(&detail) {
        // Markdown escapes punctuation with backslashes; compare the words.
        assert!(
            collapse(&markdown.replace('\\', "")).contains(&title),
            "missing {title:?}"
        );
    }
}

#[tokio::test]
async fn an_unknown_code_is_a_404_in_every_format_never_an_empty_file() {
    let app = spawn_app().await;
    let pdf_server = PdfServer::start(&app).await;
    for file in [
        "summary.csv",
        "summary.json",
        "summary.md",
        "summary.xlsx",
        "summary.pdf",
        "summary-letter.pdf",
    ] {
        let path = format!("/occupations/99-9999.99/{file}");
        let response = pdf_server.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            PROBLEM_JSON_CONTENT_TYPE,
            "{path}"
        );
        assert!(
            response.headers().get(CONTENT_DISPOSITION).is_none(),
            "{path}"
        );
        let body: Value = response.json().await.unwrap();
        assert!(
            body["detail"].as_str().unwrap().contains("99-9999.99"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn an_unknown_format_is_a_404() {
    let app = spawn_app().await;
    for path in [
        format!("/occupations/{RADIOLOGISTS}/summary.exe"),
        format!("/occupations/{RADIOLOGISTS}/summary"),
        format!("/occupations/{RADIOLOGISTS}/summary.CSV"),
        format!("/compare/summary.exe?codes={RADIOLOGISTS},29-1021.00"),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response.headers().get(CONTENT_DISPOSITION).is_none(),
            "{path}"
        );
        assert!(!response.bytes().await.unwrap().is_empty(), "{path}");
    }
}

// --- comparisons --------------------------------------------------------------------------

/// The radiologists and another occupation of their group, from the API.
async fn two_codes(app: &TestApp) -> (Value, Value) {
    let response = app.get("/api/v1/occupations?group=29&per_page=5").await;
    let list: Value = response.json().await.unwrap();
    let other = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["code"] != RADIOLOGISTS)
        .expect("another occupation in group 29")["code"]
        .as_str()
        .unwrap()
        .to_string();
    (detail(app, RADIOLOGISTS).await, detail(app, &other).await)
}

#[tokio::test]
async fn a_comparison_csv_has_every_task_of_both_occupations() {
    let app = spawn_app().await;
    let (first, second) = two_codes(&app).await;
    let codes = format!(
        "{},{}",
        first["code"].as_str().unwrap(),
        second["code"].as_str().unwrap()
    );
    let response = app
        .get(&format!("/compare/summary.csv?codes={codes}"))
        .await;
    let body = download(response, "text/csv; charset=utf-8", RADIOLOGISTS, "csv").await;
    let mut reader = csv_reader(&body);
    let header = reader.headers().unwrap().clone();
    let code_column = header
        .iter()
        .position(|name| name == "occupation_code")
        .unwrap();
    let task_column = header.iter().position(|name| name == "task").unwrap();
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            (row[code_column].to_string(), row[task_column].to_string())
        })
        .collect();
    let mut expected = Vec::new();
    for detail in [&first, &second] {
        for title in task_titles(detail) {
            expected.push((detail["code"].as_str().unwrap().to_string(), title));
        }
    }
    assert_eq!(rows, expected);
}

#[tokio::test]
async fn a_comparison_accepts_the_codes_as_repeated_parameters() {
    let app = spawn_app().await;
    let (first, second) = two_codes(&app).await;
    let [a, b] = [&first, &second].map(|detail| detail["code"].as_str().unwrap().to_string());
    let joined = app
        .get(&format!("/compare/summary.csv?codes={a},{b}"))
        .await;
    let joined = download(joined, "text/csv; charset=utf-8", RADIOLOGISTS, "csv").await;
    let repeated = app
        .get(&format!("/compare/summary.csv?codes={a}&codes={b}"))
        .await;
    let repeated = download(repeated, "text/csv; charset=utf-8", RADIOLOGISTS, "csv").await;
    let tasks = |body: &[u8]| -> Vec<String> {
        csv_reader(body)
            .records()
            .map(|row| row.unwrap()[2].to_string())
            .collect()
    };
    assert_eq!(tasks(&repeated), tasks(&joined));
}

#[tokio::test]
async fn a_comparison_downloads_as_xlsx_json_and_markdown() {
    let app = spawn_app().await;
    let (first, second) = two_codes(&app).await;
    let codes = [&first, &second].map(|detail| detail["code"].as_str().unwrap().to_string());
    let query = format!("codes={}", codes.join(","));

    let response = app.get(&format!("/compare/summary.xlsx?{query}")).await;
    let body = download(
        response,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        RADIOLOGISTS,
        "xlsx",
    )
    .await;
    let mut workbook = xlsx(body);
    assert!(workbook.sheet_names().contains(&"Tasks".to_string()));
    let tasks = workbook.worksheet_range("Tasks").unwrap();
    assert_eq!(
        tasks.height(),
        1 + task_titles(&first).len() + task_titles(&second).len()
    );

    let response = app.get(&format!("/compare/summary.json?{query}")).await;
    let body = download(response, "application/json", RADIOLOGISTS, "json").await;
    let value: Value = serde_json::from_slice(&body).unwrap();
    let items: Vec<ApiOccupation> = serde_json::from_value(value["items"].clone()).unwrap();
    let item_codes: Vec<String> = items
        .iter()
        .map(|item| item.code.clone().unwrap())
        .collect();
    assert_eq!(item_codes, codes);

    let response = app.get(&format!("/compare/summary.md?{query}")).await;
    let body = download(response, "text/markdown; charset=utf-8", RADIOLOGISTS, "md").await;
    let markdown = String::from_utf8(body).unwrap();
    for detail in [&first, &second] {
        assert!(
            markdown.contains(detail["title"].as_str().unwrap()),
            "{}",
            detail["title"]
        );
    }
}

#[tokio::test]
async fn a_comparison_needs_two_to_four_known_codes() {
    let app = spawn_app().await;
    for query in [
        format!("codes={RADIOLOGISTS}"),
        format!("codes={RADIOLOGISTS},{RADIOLOGISTS}"),
        String::new(),
        "codes=".to_string(),
        "codes=11-1011.00,13-2011.00,15-1252.00,23-1011.00,29-1224.00".to_string(),
    ] {
        let response = app.get(&format!("/compare/summary.csv?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "codes", "{body}");
    }
    let response = app
        .get(&format!(
            "/compare/summary.csv?codes={RADIOLOGISTS},99-9999.99"
        ))
        .await;
    assert_eq!(response.status(), 404);
    assert!(response.headers().get(CONTENT_DISPOSITION).is_none());
}

// --- the catalog --------------------------------------------------------------------------

#[tokio::test]
async fn a_catalog_export_holds_exactly_the_rows_the_api_counts() {
    let app = spawn_app().await;
    let list: Value = app
        .get("/api/v1/occupations?verdict=replace")
        .await
        .json()
        .await
        .unwrap();
    let total = list["total"].as_u64().unwrap() as usize;
    assert!(total > 0, "some occupations are replace");

    let response = app.get("/occupations/export.csv?verdict=replace").await;
    let body = download(response, "text/csv; charset=utf-8", "occupations", "csv").await;
    let mut reader = csv_reader(&body);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "code");
    let verdict = header.iter().position(|name| name == "verdict").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), total);
    assert!(rows.iter().all(|row| &row[verdict] == "replace"));

    let response = app.get("/occupations/export.xlsx?verdict=replace").await;
    let body = download(
        response,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "occupations",
        "xlsx",
    )
    .await;
    let mut workbook = xlsx(body);
    let sheet = workbook.worksheet_range("Occupations").unwrap();
    assert_eq!(sheet.height(), total + 1);
    assert!(sheet
        .rows()
        .skip(1)
        .all(|row| matches!(row[7], Data::Float(_)) && row[6] == Data::String("Replace".into())));

    let response = app.get("/occupations/export.json?verdict=replace").await;
    let body = download(response, "application/json", "occupations", "json").await;
    let value: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(value["total"], total);
    assert_eq!(value["items"].as_array().unwrap().len(), total);
}

#[tokio::test]
async fn a_catalog_export_ignores_paging_and_holds_the_whole_list() {
    let app = spawn_app().await;
    let list: Value = app.get("/api/v1/occupations").await.json().await.unwrap();
    let total = list["total"].as_u64().unwrap() as usize;
    assert!(total > 100, "the catalog spans several export pages");
    let response = app.get("/occupations/export.csv?page=2&per_page=5").await;
    let body = download(response, "text/csv; charset=utf-8", "occupations", "csv").await;
    let codes: Vec<String> = csv_reader(&body)
        .records()
        .map(|row| row.unwrap()[0].to_string())
        .collect();
    assert_eq!(codes.len(), total);
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), total, "no occupation twice");
}

#[tokio::test]
async fn a_catalog_export_with_a_bad_parameter_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app.get("/occupations/export.csv?verdict=maybe").await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    assert!(response.headers().get(CONTENT_DISPOSITION).is_none());
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "verdict", "{body}");
}

#[tokio::test]
async fn a_catalog_export_with_a_repeated_parameter_is_a_400_problem_naming_it() {
    let app = spawn_app().await;
    let response = app
        .get("/occupations/export.csv?verdict=replace&verdict=complement")
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON_CONTENT_TYPE);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "verdict", "{body}");
}
