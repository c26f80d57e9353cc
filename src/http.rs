//! HTTP request and response text, as examples show it: a start line, headers,
//! a blank line and a body. No network here; replay sends what this reads.

use std::ops::Range;

/// Methods a request line may start with.
const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

/// Whether `token` is an HTTP method apiproof knows.
pub fn is_method(token: &str) -> bool {
    METHODS.contains(&token)
}

/// The first line of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    /// `METHOD URL [HTTP/x]`.
    Request {
        /// The method as written.
        method: String,
        /// Its byte range.
        method_span: Range<usize>,
        /// Everything between the method and the version, spaces included.
        url: String,
        /// Its byte range.
        url_span: Range<usize>,
    },
    /// `HTTP/x CODE [REASON]`.
    Status {
        /// The status code.
        code: u16,
        /// Its byte range.
        code_span: Range<usize>,
        /// The reason phrase, possibly empty.
        reason: String,
        /// Its byte range.
        reason_span: Range<usize>,
    },
}

/// A `Name: value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The name as written.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
    /// Byte range of the trimmed value.
    pub value_span: Range<usize>,
}

/// A defect in the message's framing, found while reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the message text.
    pub span: Range<usize>,
    /// One line, lower-case.
    pub message: String,
    /// What to change.
    pub help: String,
    /// A replacement of `span`, when there is one right answer.
    pub fix: Option<String>,
}

/// An HTTP message read from an example. Ranges are byte ranges in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The start line, when it could be read.
    pub start: Option<StartLine>,
    /// Header lines in order.
    pub headers: Vec<Header>,
    /// The body, from the line after the blank line up to the last non-blank line.
    pub body: Option<Range<usize>>,
    /// Framing defects.
    pub problems: Vec<Problem>,
}

/// Which start line a block should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A request line.
    Request,
    /// A status line.
    Response,
    /// Whichever the first line is.
    Either,
}

impl Message {
    /// The value of the first header with this name, compared without case.
    pub fn header(&self, name: &str) -> Option<&Header> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// Whether the body is JSON: by its Content-Type (`application/json` or
    /// `*+json`), or, with none, by starting with `{` or `[`.
    pub fn body_is_json(&self, text: &str) -> bool {
        let Some(body) = &self.body else {
            return false;
        };
        match self.header("content-type") {
            Some(header) => {
                let mime = header.value.split(';').next().unwrap_or_default().trim();
                let mime = mime.to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            }
            None => text[body.clone()].trim_start().starts_with(['{', '[']),
        }
    }
}

/// Reads a message. `text` has LF line ends.
pub fn parse(text: &str, expected: Expected) -> Message {
    let mut message = Message {
        start: None,
        headers: Vec::new(),
        body: None,
        problems: Vec::new(),
    };
    let mut lines = lines_with_offsets(text).skip_while(|(_, line)| line.trim().is_empty());
    let Some((start, first)) = lines.next() else {
        return message;
    };
    message.start = start_line(first, start, expected, &mut message.problems);

    let mut body_start = None;
    for (offset, line) in lines.by_ref() {
        if line.trim().is_empty() {
            body_start = Some(offset + line.len() + 1);
            break;
        }
        if line.trim_start().starts_with(['{', '[']) {
            message.problems.push(Problem {
                span: offset..offset,
                message: "no blank line between the headers and the body".into(),
                help: "HTTP ends the headers with an empty line; insert one before the body".into(),
                fix: Some("\n".into()),
            });
            body_start = Some(offset);
            break;
        }
        match header(line, offset) {
            Ok(found) => message.headers.push(found),
            Err(problem) => message.problems.push(problem),
        }
    }
    if let Some(start) = body_start.filter(|&s| s <= text.len()) {
        let trimmed = text[start..].trim_end_matches(['\n', '\r', ' ', '\t']);
        let leading = trimmed.len() - trimmed.trim_start_matches(['\n', '\r']).len();
        if !trimmed[leading..].is_empty() {
            message.body = Some(start + leading..start + trimmed.len());
        }
    }
    message
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Splits a line into whitespace-separated tokens with their ranges.
fn tokens(line: &str, offset: usize) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                found.push((offset + s..offset + i, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    found
}

fn start_line(
    line: &str,
    offset: usize,
    expected: Expected,
    problems: &mut Vec<Problem>,
) -> Option<StartLine> {
    let tokens = tokens(line, offset);
    let (first_span, first) = tokens.first()?.clone();
    let is_status = first.starts_with("HTTP/") || first == "HTTP";
    match (expected, is_status) {
        (Expected::Response, false) if is_method(first) => {
            problems.push(Problem {
                span: first_span,
                message: "request line in a response block".into(),
                help: "a response starts with a status line such as `HTTP/1.1 200 OK`; \
                       check the block's blockType"
                    .into(),
                fix: None,
            });
            None
        }
        (Expected::Request, true) => {
            problems.push(Problem {
                span: first_span,
                message: "status line in a request block".into(),
                help: "a request starts with a request line such as `GET /me`; check the \
                       block's blockType"
                    .into(),
                fix: None,
            });
            None
        }
        (Expected::Response, false) => {
            problems.push(Problem {
                span: offset..offset + line.trim_end().len(),
                message: "malformed status line".into(),
                help: "a response starts with `HTTP/1.1 CODE REASON`".into(),
                fix: None,
            });
            None
        }
        (_, true) => status_line(line, offset, &tokens, problems),
        (_, false) => request_line(&tokens, problems),
    }
}

fn status_line(
    line: &str,
    offset: usize,
    tokens: &[(Range<usize>, &str)],
    problems: &mut Vec<Problem>,
) -> Option<StartLine> {
    let (version_span, version) = tokens[0].clone();
    if !is_version(version) {
        problems.push(Problem {
            span: version_span,
            message: format!("`{version}` is not an HTTP version"),
            help: "write the version as `HTTP/1.1`".into(),
            fix: (version == "HTTP").then(|| "HTTP/1.1".into()),
        });
    }
    let Some((code_span, code)) = tokens.get(1).cloned() else {
        problems.push(Problem {
            span: offset..offset + line.trim_end().len(),
            message: "status line without a status code".into(),
            help: "write the status code after the version: `HTTP/1.1 200 OK`".into(),
            fix: None,
        });
        return None;
    };
    let Some(number) = code
        .parse::<u16>()
        .ok()
        .filter(|n| code.len() == 3 && (100..=599).contains(n))
    else {
        problems.push(Problem {
            span: code_span,
            message: format!("`{code}` is not a status code"),
            help: "a status code is three digits from 100 to 599".into(),
            fix: None,
        });
        return None;
    };
    let reason_start = tokens.get(2).map_or(code_span.end, |(span, _)| span.start);
    let reason_end = offset + line.trim_end().len();
    let reason_end = reason_end.max(reason_start);
    let reason = line[reason_start - offset..reason_end - offset].to_string();
    Some(StartLine::Status {
        code: number,
        code_span,
        reason,
        reason_span: reason_start..reason_end,
    })
}

fn request_line(tokens: &[(Range<usize>, &str)], problems: &mut Vec<Problem>) -> Option<StartLine> {
    let (method_span, method) = tokens[0].clone();
    if !is_method(method) {
        let upper = method.to_ascii_uppercase();
        let (message, help, fix) = if is_method(&upper) {
            (
                format!("method `{method}` is not upper-case"),
                format!("HTTP methods are case-sensitive: write `{upper}`"),
                Some(upper),
            )
        } else {
            (
                format!("unknown HTTP method `{method}`"),
                format!("a request line starts with one of {}", METHODS.join(", ")),
                None,
            )
        };
        problems.push(Problem {
            span: method_span.clone(),
            message,
            help,
            fix,
        });
    }
    let mut url_tokens = &tokens[1..];
    if let Some((span, last)) = url_tokens.last() {
        if last.starts_with("HTTP/") && url_tokens.len() > 1 {
            if !is_version(last) {
                problems.push(Problem {
                    span: span.clone(),
                    message: format!("`{last}` is not an HTTP version"),
                    help: "write the version as `HTTP/1.1`, or leave it out".into(),
                    fix: None,
                });
            }
            url_tokens = &url_tokens[..url_tokens.len() - 1];
        }
    }
    let (Some(first), Some(last)) = (url_tokens.first(), url_tokens.last()) else {
        problems.push(Problem {
            span: method_span,
            message: "request line without a URL".into(),
            help: "write the URL after the method: `GET https://host/path`".into(),
            fix: None,
        });
        return None;
    };
    let url_span = first.0.start..last.0.end;
    let url = url_tokens
        .iter()
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join(" ");
    Some(StartLine::Request {
        method: method.to_string(),
        method_span,
        url,
        url_span,
    })
}

fn is_version(token: &str) -> bool {
    let Some(number) = token.strip_prefix("HTTP/") else {
        return false;
    };
    matches!(number, "1.0" | "1.1" | "2" | "2.0" | "3" | "3.0")
}

fn header(line: &str, offset: usize) -> Result<Header, Problem> {
    let malformed = |message: String, help: &str| Problem {
        span: offset..offset + line.trim_end().len(),
        message,
        help: help.into(),
        fix: None,
    };
    let Some((name, value)) = line.split_once(':') else {
        return Err(malformed(
            "header line without `:`".into(),
            "a header is `Name: value`; if this line is part of the body, put a blank line \
             before the body",
        ));
    };
    let is_token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !is_token {
        return Err(malformed(
            format!("`{}` is not a header name", name.trim()),
            "a header name is one word of letters, digits and `-`, directly followed by `:`",
        ));
    }
    let value_start = name.len() + 1 + (value.len() - value.trim_start().len());
    let trimmed = value.trim();
    Ok(Header {
        name: name.to_string(),
        value: trimmed.to_string(),
        value_span: offset + value_start..offset + value_start + trimmed.len(),
    })
}

/// The reason phrases registered for a status code; the first is the current one.
pub fn reason_phrases(code: u16) -> &'static [&'static str] {
    match code {
        100 => &["Continue"],
        101 => &["Switching Protocols"],
        200 => &["OK"],
        201 => &["Created"],
        202 => &["Accepted"],
        203 => &["Non-Authoritative Information"],
        204 => &["No Content"],
        205 => &["Reset Content"],
        206 => &["Partial Content"],
        207 => &["Multi-Status"],
        300 => &["Multiple Choices"],
        301 => &["Moved Permanently"],
        302 => &["Found", "Moved Temporarily"],
        303 => &["See Other"],
        304 => &["Not Modified"],
        307 => &["Temporary Redirect"],
        308 => &["Permanent Redirect"],
        400 => &["Bad Request"],
        401 => &["Unauthorized"],
        402 => &["Payment Required"],
        403 => &["Forbidden"],
        404 => &["Not Found"],
        405 => &["Method Not Allowed"],
        406 => &["Not Acceptable"],
        407 => &["Proxy Authentication Required"],
        408 => &["Request Timeout", "Request Time-out"],
        409 => &["Conflict"],
        410 => &["Gone"],
        411 => &["Length Required"],
        412 => &["Precondition Failed"],
        413 => &[
            "Content Too Large",
            "Payload Too Large",
            "Request Entity Too Large",
        ],
        414 => &["URI Too Long", "Request-URI Too Long"],
        415 => &["Unsupported Media Type"],
        416 => &["Range Not Satisfiable", "Requested Range Not Satisfiable"],
        417 => &["Expectation Failed"],
        421 => &["Misdirected Request"],
        422 => &["Unprocessable Content", "Unprocessable Entity"],
        423 => &["Locked"],
        424 => &["Failed Dependency"],
        428 => &["Precondition Required"],
        429 => &["Too Many Requests"],
        431 => &["Request Header Fields Too Large"],
        500 => &["Internal Server Error"],
        501 => &["Not Implemented"],
        502 => &["Bad Gateway"],
        503 => &["Service Unavailable"],
        504 => &["Gateway Timeout", "Gateway Time-out"],
        505 => &["HTTP Version Not Supported"],
        507 => &["Insufficient Storage"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_spaces_in_the_url_and_a_body() {
        let text = "PATCH /users/{id | userPrincipalName} HTTP/1.1\nContent-type: application/json\n\n{\"a\": 1}\n";
        let message = parse(text, Expected::Request);
        let Some(StartLine::Request {
            method,
            url,
            url_span,
            ..
        }) = &message.start
        else {
            panic!("request line expected")
        };
        assert_eq!(method, "PATCH");
        assert_eq!(url, "/users/{id | userPrincipalName}");
        assert_eq!(&text[url_span.clone()], url);
        assert_eq!(
            message.header("content-type").unwrap().value,
            "application/json"
        );
        assert_eq!(&text[message.body.clone().unwrap()], "{\"a\": 1}");
        assert!(message.body_is_json(text));
        assert!(message.problems.is_empty());
    }

    #[test]
    fn status_line_and_header_value_spans() {
        let text = "HTTP/1.1 201 OK\nContent-Length:   304\n";
        let message = parse(text, Expected::Response);
        let Some(StartLine::Status { code, reason, .. }) = &message.start else {
            panic!("status line expected")
        };
        assert_eq!((*code, reason.as_str()), (201, "OK"));
        let length = message.header("content-length").unwrap();
        assert_eq!(&text[length.value_span.clone()], "304");
        assert_eq!(message.body, None);
    }

    #[test]
    fn framing_problems() {
        let problems = |text: &str, expected| {
            parse(text, expected)
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems("FETCH /x\n", Expected::Request),
            ["unknown HTTP method `FETCH`"]
        );
        assert_eq!(
            problems("get /x\n", Expected::Request),
            ["method `get` is not upper-case"]
        );
        assert_eq!(
            problems("GET\n", Expected::Request),
            ["request line without a URL"]
        );
        assert_eq!(
            problems("HTTP 201 Created\n", Expected::Response),
            ["`HTTP` is not an HTTP version"]
        );
        assert_eq!(
            problems("HTTP/1.1 20 OK\n", Expected::Response),
            ["`20` is not a status code"]
        );
        assert_eq!(
            problems("POST /x\n", Expected::Response),
            ["request line in a response block"]
        );
        assert_eq!(
            problems("GET /x\nAccept application/json\n", Expected::Request),
            ["header line without `:`"]
        );
        assert_eq!(
            problems("GET /x\nContent Type: a\n", Expected::Request),
            ["`Content Type` is not a header name"]
        );
        assert_eq!(
            problems(
                "POST /x\nContent-Type: application/json\n{}\n",
                Expected::Request
            ),
            ["no blank line between the headers and the body"]
        );
    }

    #[test]
    fn json_body_detection() {
        let json = |text: &str| {
            let message = parse(text, Expected::Either);
            message.body_is_json(text)
        };
        assert!(json(
            "HTTP/1.1 200 OK\nContent-Type: application/problem+json; charset=utf-8\n\n{}"
        ));
        assert!(json("HTTP/1.1 200 OK\n\n[1]"));
        assert!(!json("HTTP/1.1 200 OK\nContent-Type: text/plain\n\n{}"));
        assert!(!json("HTTP/1.1 200 OK\n\nhello"));
    }
}
