//! `http-syntax`, `status-reason` and `content-length`: the framing of HTTP examples.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::http::{self, Message, StartLine};
use crate::source_map::MappedText;

use super::{CONTENT_LENGTH, HTTP_SYNTAX, STATUS_REASON};

/// Reports framing problems, reason phrases and Content-Length of a message read
/// from `block`. `truncated` is the block's metadata flag.
pub fn check(message: &Message, block: &MappedText, truncated: bool, out: &mut Vec<Diagnostic>) {
    for problem in &message.problems {
        let span = block.page_range(problem.span.clone());
        let mut diagnostic = Diagnostic::new(&HTTP_SYNTAX, span.clone(), problem.message.clone())
            .with_help(problem.help.clone());
        if let Some(replacement) = &problem.fix {
            diagnostic = diagnostic.with_fix(Fix {
                title: problem.help.clone(),
                edits: vec![Edit {
                    span,
                    replacement: replacement.clone(),
                }],
            });
        }
        out.push(diagnostic);
    }
    if let Some(StartLine::Status {
        code,
        reason,
        reason_span,
        ..
    }) = &message.start
    {
        status_reason(*code, reason, block.page_range(reason_span.clone()), out);
    }
    content_length(message, block, truncated, out);
}

/// Checks each request line of a block that lists request templates
/// (`GET /me/events`), as the "HTTP request" section of a page does. Other lines
/// there (`or`, a header the templates share) are left alone.
pub fn check_templates(block: &MappedText, out: &mut Vec<Diagnostic>) {
    let mut offset = 0;
    for line in block.text.split_inclusive('\n') {
        if is_request_line(line) {
            let message = http::parse(line, http::Expected::Request);
            for problem in &message.problems {
                let span = problem.span.start + offset..problem.span.end + offset;
                out.push(
                    Diagnostic::new(
                        &HTTP_SYNTAX,
                        block.page_range(span),
                        problem.message.clone(),
                    )
                    .with_help(problem.help.clone()),
                );
            }
        }
        offset += line.len();
    }
}

/// The request lines of a templates block, with page ranges of their URLs.
pub fn templates(block: &MappedText) -> Vec<crate::check::RequestLine> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in block.text.split_inclusive('\n') {
        if is_request_line(line) {
            let message = http::parse(line, http::Expected::Request);
            if let Some(StartLine::Request {
                method,
                url,
                url_span,
                ..
            }) = message.start
            {
                found.push(crate::check::RequestLine {
                    method: method.to_ascii_uppercase(),
                    url,
                    span: block.page_range(url_span.start + offset..url_span.end + offset),
                });
            }
        }
        offset += line.len();
    }
    found
}

/// Whether a block lists request templates: two or more request lines.
pub fn is_template_list(text: &str) -> bool {
    text.lines().filter(|line| is_request_line(line)).count() >= 2
}

fn is_request_line(line: &str) -> bool {
    let mut tokens = line.split_whitespace();
    let method = tokens.next().unwrap_or_default();
    http::is_method(&method.to_ascii_uppercase()) && tokens.next().is_some()
}

fn status_reason(code: u16, reason: &str, span: std::ops::Range<usize>, out: &mut Vec<Diagnostic>) {
    let known = http::reason_phrases(code);
    let normal = |s: &str| s.to_ascii_lowercase().replace('-', " ");
    if reason.trim().is_empty() || known.is_empty() {
        return;
    }
    if known.iter().any(|k| normal(k) == normal(reason)) {
        return;
    }
    let belongs_to = (100..600).find(|&other| {
        http::reason_phrases(other)
            .iter()
            .any(|k| normal(k) == normal(reason))
    });
    let expected = known[0];
    let diagnostic = match belongs_to {
        Some(other) => {
            let theirs = http::reason_phrases(other)[0];
            Diagnostic::new(
                &STATUS_REASON,
                span,
                format!("`{reason}` is the reason phrase of {other}, not of {code}"),
            )
            .with_label(format!("{code} is `{expected}`"))
            .with_help(format!(
                "either the code is right (`{code} {expected}`) or the phrase is \
                 (`{other} {theirs}`); the page's Response section says which"
            ))
        }
        None => Diagnostic::new(
            &STATUS_REASON,
            span.clone(),
            format!("`{reason}` is not the reason phrase of {code}"),
        )
        .with_label(format!("expected `{expected}`"))
        .with_help(format!("write `{code} {expected}`"))
        .with_fix(Fix {
            title: format!("use the reason phrase `{expected}`"),
            edits: vec![Edit {
                span,
                replacement: expected.to_string(),
            }],
        }),
    };
    out.push(diagnostic);
}

fn content_length(
    message: &Message,
    block: &MappedText,
    truncated: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(header) = message.header("content-length") else {
        return;
    };
    let is_request = matches!(message.start, Some(StartLine::Request { .. }));
    let severity = match (is_request, truncated) {
        (true, _) => Severity::Error,
        (false, false) => Severity::Warning,
        (false, true) => return,
    };
    let span = block.page_range(header.value_span.clone());
    let Ok(declared) = header.value.parse::<usize>() else {
        out.push(
            Diagnostic::new(
                &HTTP_SYNTAX,
                span,
                format!("Content-Length `{}` is not a number", header.value),
            )
            .with_help("Content-Length is the body's length in bytes, a whole number"),
        );
        return;
    };
    let body = message.body.as_ref().map_or("", |range| {
        block.text[range.start..].trim_end_matches(['\n', '\r'])
    });
    let lf = body.len();
    let crlf = lf + body.matches('\n').count();
    if declared == lf || declared == crlf {
        return;
    }
    let counted = if lf == crlf {
        format!("{lf} bytes")
    } else {
        format!("{lf} bytes ({crlf} with CRLF line ends)")
    };
    out.push(
        Diagnostic::new(
            &CONTENT_LENGTH,
            span.clone(),
            format!("Content-Length is {declared}, but the body is {counted}"),
        )
        .with_severity(severity)
        .with_label(format!("the body has {lf} bytes"))
        .with_help(format!(
            "set Content-Length to {lf}, or remove the header and let clients compute it"
        ))
        .with_fix(Fix {
            title: format!("set Content-Length to {lf}"),
            edits: vec![Edit {
                span,
                replacement: lf.to_string(),
            }],
        }),
    );
}
