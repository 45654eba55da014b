//! `/api`: how to use the public JSON API and the downloads, with curl examples.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

const EXAMPLES: [(&str, &str, &str); 11] = [
    ("List and search", "curl -s 'http://127.0.0.1:3000/api/v1/occupations?q=nurse&verdict=complement&per_page=5'",
     "Returns {\"items\": [...], \"total\": N, \"page\": P, \"per_page\": K}. Parameters: q, group (SOC major group, e.g. 29), verdict (replace, complement, human_led), pattern (dominant pattern), source (curated, onet), sort (relevance, title, code, automatability, complementarity), page, per_page (1–100)."),
    ("One occupation", "curl -s 'http://127.0.0.1:3000/api/v1/occupations/29-1224.00'",
     "The full assessment: tasks with ratings, pattern, bottleneck, what-if and rationale; indices; pattern shares; verdict and its rationale; evidence; model_version and catalog_version."),
    ("The four scales", "curl -s 'http://127.0.0.1:3000/api/v1/dimensions'", "Every dimension with its question and the anchor text of each level 1–5."),
    ("The seven patterns", "curl -s 'http://127.0.0.1:3000/api/v1/patterns'", "Every deployment pattern with its meaning and what to deploy."),
    ("Conditional requests", "curl -s -i -H 'If-None-Match: \"<etag>\"' 'http://127.0.0.1:3000/api/v1/occupations/29-1224.00'",
     "Catalog resources carry an ETag; send it back to get 304 Not Modified. GET requests are allowed from any origin (CORS)."),
    ("Score a task profile without saving it", "curl -s -X POST -H 'Content-Type: application/json' -d '{\"name\": \"Screening radiologist\", \"tasks\": [{\"title\": \"Read screening mammograms\", \"share\": 40, \"ratings\": {\"standardization\": 5, \"error_tolerance\": 1, \"verifiability\": 4, \"frequency\": 5}}]}' 'http://127.0.0.1:3000/api/v1/assessments'",
     "The body: name (1–120 characters), optional description and base_occupation, and 1–50 tasks, each with a title, a share in percent of working time, optional notes and the four ratings 1–5. The answer has the verdict, the indices, model_version and the tasks in input order with their pattern, bottleneck, what_if and rationale."),
    ("Save a profile", "curl -s -X POST -H 'Content-Type: application/json' -d @profile.json 'http://127.0.0.1:3000/api/v1/profiles'",
     "201 Created with {\"id\", \"url\", \"edit_url\", \"edit_token\", \"profile\"}. The edit token is returned only this once; only its hash is stored."),
    ("Read, change or delete a profile", "curl -s 'http://127.0.0.1:3000/api/v1/profiles/<id>'\ncurl -s -X PUT -H 'Authorization: Bearer <edit_token>' -H 'Content-Type: application/json' -d @profile.json 'http://127.0.0.1:3000/api/v1/profiles/<id>'\ncurl -s -X DELETE -H 'Authorization: Bearer <edit_token>' 'http://127.0.0.1:3000/api/v1/profiles/<id>'",
     "Without the token PUT and DELETE answer 401; with a wrong one 403, and nothing changes. Writes are rate-limited per client (429 with Retry-After)."),
    ("Assess a team plan without saving it", "curl -s -X POST -H 'Content-Type: application/json' -d '{\"name\": \"Imaging and claims\", \"roles\": [{\"role\": \"29-1224.00\", \"headcount\": 6, \"hourly_cost\": 190}, {\"role\": \"43-9041.00\", \"headcount\": 40}], \"assumptions\": {\"copilot\": {\"adoption\": 50}}}' 'http://127.0.0.1:3000/api/v1/plan-assessments'",
     "Hours by pattern per role and in total, hours freed, the reviewer load and the pilot-first list, with each assumption and what it rests on. Save with POST /api/v1/plans; read, change or delete with GET, PUT and DELETE /api/v1/plans/<id> and the edit token, as for profiles."),
    ("The OpenAPI document", "curl -s 'http://127.0.0.1:3000/api/openapi.json'",
     "An OpenAPI 3.1 description of every route above, generated from the code; a test calls each documented operation and checks the answer against it."),
    ("Errors", "curl -s 'http://127.0.0.1:3000/api/v1/occupations?per_page=500'",
     "Errors are application/problem+json with a per-field list: {\"type\", \"title\", \"status\", \"detail\", \"errors\": [{\"field\", \"message\"}]}."),
];

#[component]
pub fn ApiPage() -> impl IntoView {
    view! {
        <Title text="API and downloads" />
        <Meta name="description" content="The Automatability Atlas JSON API and download formats (CSV, JSON, Markdown, XLSX, PDF), with curl examples." />
        <article class="prose api-doc">
            <h1>"API and downloads"</h1>
            <p>"Everything the pages show is available as JSON under " <code>"/api/v1"</code> ". Field names are snake_case and stable; pattern, verdict and dimension values are exactly the model's names."</p>
            {EXAMPLES.into_iter().map(|(heading, command, text)| view! {
                <section>
                    <h2>{heading}</h2>
                    <pre><code>{command}</code></pre>
                    <p>{text}</p>
                </section>
            }).collect_view()}
            <h2>"Downloads"</h2>
            <p>"Plain links that work without JavaScript. Each file is named after the occupation and the date."</p>
            <ul>
                <li><code>"/occupations/{code}/summary.csv"</code>", " <code>".json"</code>", " <code>".md"</code>", " <code>".xlsx"</code>", " <code>".pdf"</code>" (A4) and " <code>"summary-letter.pdf"</code>" (US Letter)"</li>
                <li><code>"/profiles/{id}/summary.{csv,json,md,xlsx,pdf}"</code>": a saved profile"</li>
                <li><code>"/plans/{id}/plan.{csv,json,xlsx,pdf}"</code>": a saved team plan; add the page's assumptions as a query, e.g. "<code>"?adoption.copilot=50"</code></li>
                <li><code>"/compare/summary.{csv,json,md,xlsx}?codes=a,b,c"</code></li>
                <li><code>"/occupations/export.{csv,xlsx,json}?<list query>"</code>": the list as filtered, one row per occupation"</li>
            </ul>
            <pre><code>"curl -s -OJ 'http://127.0.0.1:3000/occupations/29-1224.00/summary.xlsx'"</code></pre>
        </article>
    }
}
