//! The rule registry: every check apiproof makes, by stable id.
//!
//! Each rule carries its user documentation (summary, explanation, a failing and a
//! passing example) so that `apiproof rules` and the reports read from one place.
//! The checks themselves live in one file per family.

pub mod http;
pub mod json;
pub mod links;
pub mod page;
pub mod pairing;
pub mod schema;
pub mod types;

use crate::diagnostic::Severity;

/// A check, as users see it.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, used in reports and configuration.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// What the rule checks and why it matters.
    pub explanation: &'static str,
    /// A page fragment the rule reports.
    pub failing: &'static str,
    /// The same fragment, fixed.
    pub passing: &'static str,
    /// Whether the rule runs unless configuration switches it on.
    pub default_on: bool,
}

/// The metadata comment of a block is not valid JSON.
pub static ANNOTATION_SYNTAX: Rule = Rule {
    id: "annotation-syntax",
    severity: Severity::Error,
    summary: "the metadata comment before a block is not valid JSON",
    explanation: "The HTML comment before an example tells tools what the block is. When \
        its JSON does not parse, the block's type and flags are lost and other checks \
        cannot run on it as intended.",
    failing: "<!-- { \"blockType\": \"request\", } -->",
    default_on: true,
    passing: "<!-- { \"blockType\": \"request\" } -->",
};

/// A JSON body or document does not parse.
pub static JSON_SYNTAX: Rule = Rule {
    id: "json-syntax",
    severity: Severity::Error,
    summary: "an example's JSON does not parse",
    explanation: "Readers copy examples into their code and tools; JSON that does not \
        parse fails for them at once. The diagnostic points at the offending character and \
        names the likely cause: a trailing or missing comma, a typographic quote, a \
        full-width comma, mojibake, a comment, an unquoted key.",
    failing: "{\n  \"displayName\": \"Team\",\n}",
    default_on: true,
    passing: "{\n  \"displayName\": \"Team\"\n}",
};

/// Lookalike or garbled characters in JSON structure.
pub static SUSPICIOUS_CHARACTER: Rule = Rule {
    id: "suspicious-character",
    severity: Severity::Error,
    summary: "a typographic, full-width or garbled character stands in JSON structure",
    explanation: "Word processors and wrong encodings turn JSON punctuation into \
        characters that look alike: `“` for `\"`, `，` for `,`, a no-break space, or mojibake \
        such as `ï¼Œ`. A parser stops at the first; this rule reports every one outside \
        strings, so a page can be fixed in one pass.",
    failing: "{ “id”： “1” }",
    default_on: true,
    passing: "{ \"id\": \"1\" }",
};

/// A malformed request line, status line or header.
pub static HTTP_SYNTAX: Rule = Rule {
    id: "http-syntax",
    severity: Severity::Error,
    summary: "an HTTP example has a malformed start line or header",
    explanation: "Requests and responses must be well-formed HTTP for readers and replay \
        to use them: a known upper-case method and a URL, a status line with a version and \
        a three-digit code, `Name: value` headers, and a blank line before the body.",
    failing: "HTTP 201 Created\nContent-Type application/json",
    default_on: true,
    passing: "HTTP/1.1 201 Created\nContent-Type: application/json",
};

/// A reason phrase that belongs to another code.
pub static STATUS_REASON: Rule = Rule {
    id: "status-reason",
    severity: Severity::Warning,
    summary: "a status line's reason phrase is not the one for its code",
    explanation: "`201 OK` is usually an edited code whose phrase was left behind; readers \
        cannot tell which of the two is right.",
    failing: "HTTP/1.1 201 OK",
    default_on: true,
    passing: "HTTP/1.1 201 Created",
};

/// A Content-Length that is not the body's length.
pub static CONTENT_LENGTH: Rule = Rule {
    id: "content-length",
    severity: Severity::Error,
    summary: "a Content-Length header does not match the body's length",
    explanation: "A request sent with a wrong Content-Length is cut off or hangs. The body \
        is counted as a reader copies it: indentation stripped, LF line ends, no final \
        newline; a count with CRLF line ends is accepted too. Errors on requests, warnings \
        on full responses; responses marked truncated are not checked.",
    failing: "POST /me/mailFolders\nContent-Length: 3\n\n{\"a\": 1}",
    default_on: true,
    passing: "POST /me/mailFolders\nContent-Length: 8\n\n{\"a\": 1}",
};

/// Text that is not valid UTF-8, or a binary file.
pub static ENCODING: Rule = Rule {
    id: "encoding",
    severity: Severity::Error,
    summary: "a page is not valid UTF-8 text",
    explanation: "Docs pages must be UTF-8. Invalid bytes render as replacement characters \
        and corrupt examples; a binary file with a .md name is not a page at all.",
    failing: "caf\\xE9 (a Latin-1 byte)",
    default_on: true,
    passing: "café",
};

/// A code fence that never closes.
pub static UNCLOSED_FENCE: Rule = Rule {
    id: "unclosed-fence",
    severity: Severity::Warning,
    summary: "a fenced code block is never closed",
    explanation: "Without its closing fence, a code block runs to the end of the page or \
        of its list item, swallowing the text after it. Its content is not checked.",
    failing: "```json\n{}\n\n## Next heading",
    default_on: true,
    passing: "```json\n{}\n```\n\n## Next heading",
};

/// An HTML comment that never closes.
pub static UNCLOSED_COMMENT: Rule = Rule {
    id: "unclosed-comment",
    severity: Severity::Warning,
    summary: "an HTML comment is never closed",
    explanation: "Without `-->`, the comment hides the rest of the page from readers and \
        from every other check.",
    failing: "<!-- { \"blockType\": \"request\" }\n```http\nGET /me\n```",
    default_on: true,
    passing: "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```",
};

/// A metadata `@odata.type` that names no declared type.
pub static UNKNOWN_TYPE: Rule = Rule {
    id: "unknown-type",
    severity: Severity::Error,
    summary: "an example's @odata.type names no resource or enum of the docs",
    explanation: "The type in a block's metadata ties the example to a resource; a typo \
        (a plural, a wrong letter case) silently disconnects it from every property check. \
        Only types in a namespace the docs declare resources in are checked.",
    failing: "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.users\" } -->",
    passing: "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.user\" } -->",
    default_on: true,
};

/// A body's own `@odata.type` that contradicts its metadata.
pub static ODATA_TYPE_MISMATCH: Rule = Rule {
    id: "odata-type-mismatch",
    severity: Severity::Error,
    summary: "a body's @odata.type differs from the type its metadata names",
    explanation: "When the JSON says `#microsoft.graph.group` and the metadata says \
        `microsoft.graph.user`, one of them is wrong. A derived type of the metadata's type is \
        fine.",
    failing: "metadata user, body { \"@odata.type\": \"#microsoft.graph.group\" }",
    passing: "metadata user, body { \"@odata.type\": \"#microsoft.graph.user\" }",
    default_on: true,
};

/// A property the resource does not declare.
pub static UNKNOWN_PROPERTY: Rule = Rule {
    id: "unknown-property",
    severity: Severity::Error,
    summary: "a body shows a property its resource does not declare",
    explanation: "Each property of an example must be declared by its resource (or a base \
        type), unless the resource is an open type. A name that differs only in letter case \
        gets its own help: JSON names are case-sensitive.",
    failing: "{ \"displayname\": \"Ada\" }",
    passing: "{ \"displayName\": \"Ada\" }",
    default_on: true,
};

/// A value of the wrong JSON type, or a malformed date-time.
pub static PROPERTY_TYPE: Rule = Rule {
    id: "property-type",
    severity: Severity::Error,
    summary: "a property's value does not have the declared type",
    explanation: "A Boolean written as a string, a collection written as a single value, or a \
        DateTimeOffset that is not RFC 3339 misleads every client generated from the docs. \
        Null is accepted for every type; ids are never required to be GUIDs.",
    failing: "{ \"accountEnabled\": \"true\" }",
    passing: "{ \"accountEnabled\": true }",
    default_on: true,
};

/// A declared property absent from a full response.
pub static MISSING_PROPERTY: Rule = Rule {
    id: "missing-property",
    severity: Severity::Warning,
    summary: "a response not marked truncated omits properties of its resource",
    explanation: "A response without `\"truncated\": true` claims to show the whole resource. \
        Properties listed in `optionalProperties` may be absent; so may everything when the \
        request uses $select.",
    failing: "<!-- { \"blockType\": \"response\", \"@odata.type\": \"x.widget\" } --> with fields missing",
    passing: "<!-- { \"blockType\": \"response\", \"@odata.type\": \"x.widget\", \"truncated\": true } -->",
    default_on: true,
};

/// A value outside its enum.
pub static ENUM_VALUE: Rule = Rule {
    id: "enum-value",
    severity: Severity::Error,
    summary: "a property's value is not a member of its enum",
    explanation: "Enum members are case-sensitive names; a value outside the enum table is a \
        typo or an undocumented member.",
    failing: "{ \"color\": \"Blue\" }",
    passing: "{ \"color\": \"blue\" }",
    default_on: true,
};

/// A request without a response.
pub static UNPAIRED_REQUEST: Rule = Rule {
    id: "unpaired-request",
    severity: Severity::Warning,
    summary: "a request example has no response example",
    explanation: "Each request is answered by the response with the same name, else by the \
        next response on the page. A request with neither leaves readers guessing.",
    failing: "a request block with no response block after it",
    passing: "a request block followed by its response block",
    default_on: true,
};

/// A response no request claims.
pub static UNPAIRED_RESPONSE: Rule = Rule {
    id: "unpaired-response",
    severity: Severity::Warning,
    summary: "a response example answers no request",
    explanation: "A response that no request claims is usually a response whose request was \
        deleted or mislabelled.",
    failing: "a response block with no request before it",
    passing: "a request block followed by its response block",
    default_on: true,
};

/// Two requests with one name.
pub static DUPLICATE_EXAMPLE_NAME: Rule = Rule {
    id: "duplicate-example-name",
    severity: Severity::Error,
    summary: "two request examples share a name",
    explanation: "Example names identify methods, code snippets and test cases across the \
        whole tree, so they must be unique.",
    failing: "two requests named \"get_user\"",
    passing: "\"get_user\" and \"get_user_by_upn\"",
    default_on: true,
};

/// A request matching none of the page's HTTP request templates.
pub static EXAMPLE_METHOD: Rule = Rule {
    id: "example-method",
    severity: Severity::Warning,
    summary: "an example request matches none of the page's HTTP request templates",
    explanation: "The \"HTTP request\" section lists the method's URL templates; an example \
        with another method or path documents a different API, or the templates are stale.",
    failing: "templates `GET /users/{id}`, example `POST /users/1`",
    passing: "templates `GET /users/{id}`, example `GET /users/1`",
    default_on: true,
};

/// Prose and example disagree on the status code.
pub static STATUS_PROSE: Rule = Rule {
    id: "status-prose",
    severity: Severity::Warning,
    summary: "the Response section states another status code than the example shows",
    explanation: "\"If successful, this method returns a `201 Created` response code\" over an \
        example answering 200 leaves readers unsure which to expect.",
    failing: "prose `201 Created`, example `HTTP/1.1 200 OK`",
    passing: "prose `200 OK`, example `HTTP/1.1 200 OK`",
    default_on: true,
};

/// A link to a file or anchor that does not exist.
pub static BROKEN_LINK: Rule = Rule {
    id: "broken-link",
    severity: Severity::Error,
    summary: "a relative link or include points to a file or anchor that does not exist",
    explanation: "Relative links and `[!INCLUDE]`s are resolved against the page's folder; an \
        anchor must be produced by a heading of the target. A target that differs only in \
        letter case works on Windows and macOS and 404s on Linux hosts. External links are \
        never fetched; site-root links are checked only when `site_root` is configured.",
    failing: "[user](../resources/User.md) where the file is user.md",
    passing: "[user](../resources/user.md)",
    default_on: true,
};

/// `[text] (target)` with a space.
pub static MALFORMED_LINK: Rule = Rule {
    id: "malformed-link",
    severity: Severity::Error,
    summary: "a space between `]` and `(` turns a link into plain text",
    explanation: "CommonMark renders `[text] (target)` as literal brackets and parentheses; \
        the reader sees no link.",
    failing: "[user] (../resources/user.md)",
    passing: "[user](../resources/user.md)",
    default_on: true,
};

/// A JSON object with a repeated key.
pub static DUPLICATE_KEY: Rule = Rule {
    id: "duplicate-key",
    severity: Severity::Error,
    summary: "a JSON object has the same key twice",
    explanation: "Parsers keep either the first or the last value of a repeated key; readers \
        cannot tell which the example means.",
    failing: "{ \"id\": \"1\", \"id\": \"2\" }",
    passing: "{ \"id\": \"1\" }",
    default_on: true,
};

/// The property table and the JSON representation disagree.
pub static TABLE_MISMATCH: Rule = Rule {
    id: "table-mismatch",
    severity: Severity::Warning,
    summary: "a resource's property table and its JSON representation disagree",
    explanation: "A property in the table but not in the JSON representation (or the other \
        way round), or with another type, means one of them is stale. Relationships need not \
        appear in the JSON.",
    failing: "table lists `isShared`, JSON lacks it",
    passing: "both list `isShared` as Boolean",
    default_on: true,
};

/// A metadata key or blockType apiproof does not know.
pub static UNKNOWN_ANNOTATION_KEY: Rule = Rule {
    id: "unknown-annotation-key",
    severity: Severity::Warning,
    summary: "a metadata key or blockType value is not one apiproof knows",
    explanation: "A typo such as `\"blockTyp\"` or `\"truncted\"` silently switches a check \
        off. Known keys are the reference tool's and those the Microsoft Graph docs use.",
    failing: "<!-- { \"blockTyp\": \"request\" } -->",
    passing: "<!-- { \"blockType\": \"request\" } -->",
    default_on: true,
};

/// A page nothing links to.
pub static ORPHAN_PAGE: Rule = Rule {
    id: "orphan-page",
    severity: Severity::Warning,
    summary: "no page of the tree links to this page",
    explanation: "A page without incoming links is reachable only through search or a table \
        of contents apiproof does not read; off by default for that reason.",
    failing: "api/old-method.md, linked from nowhere",
    passing: "api/old-method.md, linked from its resource page",
    default_on: false,
};

/// An example that does not match a schema configured in `[schemas]`.
pub static SCHEMA: Rule = Rule {
    id: "schema",
    severity: Severity::Error,
    summary: "an example does not match the JSON Schema configured for its type",
    explanation: "`[schemas]` in apiproof.toml maps an @odata.type to a JSON Schema file, for \
        example one generated from the service's OpenAPI description. Each example of that \
        type is validated against it, and each error points at the offending value.",
    failing: "schema requires `id` as a string; the example has `\"id\": 1`",
    passing: "`\"id\": \"1\"`",
    default_on: true,
};

/// A suppression comment that suppresses nothing.
pub static UNUSED_SUPPRESSION: Rule = Rule {
    id: "unused-suppression",
    severity: Severity::Warning,
    summary: "an apiproof-disable comment suppresses nothing",
    explanation: "A suppression that no longer matches a finding (the defect was fixed, or the \
        rule id is misspelt) hides future findings for no reason; remove it.",
    failing: "<!-- apiproof-disable json-syntax --> before a block whose JSON is valid",
    passing: "no comment, or one before a block with the suppressed finding",
    default_on: true,
};

/// Every rule, in the order `apiproof rules` lists them.
pub static ALL: &[&Rule] = &[
    &ANNOTATION_SYNTAX,
    &JSON_SYNTAX,
    &SUSPICIOUS_CHARACTER,
    &HTTP_SYNTAX,
    &STATUS_REASON,
    &CONTENT_LENGTH,
    &ENCODING,
    &UNCLOSED_FENCE,
    &UNCLOSED_COMMENT,
    &UNKNOWN_TYPE,
    &ODATA_TYPE_MISMATCH,
    &UNKNOWN_PROPERTY,
    &PROPERTY_TYPE,
    &MISSING_PROPERTY,
    &ENUM_VALUE,
    &DUPLICATE_KEY,
    &TABLE_MISMATCH,
    &UNPAIRED_REQUEST,
    &UNPAIRED_RESPONSE,
    &DUPLICATE_EXAMPLE_NAME,
    &EXAMPLE_METHOD,
    &STATUS_PROSE,
    &UNKNOWN_ANNOTATION_KEY,
    &BROKEN_LINK,
    &MALFORMED_LINK,
    &ORPHAN_PAGE,
    &SCHEMA,
    &UNUSED_SUPPRESSION,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.id == id)
}

/// The rule whose id is closest to `id`, for a "did you mean".
pub fn nearest(id: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .map(|rule| (strsim::levenshtein(id, rule.id), rule))
        .filter(|(distance, _)| *distance <= 3)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, rule)| rule)
}

/// What a rule that looks beyond one page needs: the model, every page, and
/// which page is being checked.
pub struct Context<'a> {
    /// The model of the whole tree.
    pub model: &'a crate::model::Model,
    /// Every page of the tree, in path order.
    pub pages: &'a [crate::check::PageReport],
    /// Index of the page being checked.
    pub index: usize,
    /// The tree's configuration.
    pub config: &'a crate::config::Config,
    /// Validators of the schemas configured in `[schemas]`.
    pub schemas: &'a schema::Schemas,
}

impl Context<'_> {
    /// The page being checked.
    pub fn page(&self) -> &crate::check::PageReport {
        &self.pages[self.index]
    }
}

/// Runs every rule that needs the doc model on one page.
pub fn check_with_model(context: &Context, out: &mut Vec<crate::diagnostic::Diagnostic>) {
    types::check(context, out);
    pairing::check(context, out);
    links::check(context, out);
    schema::check(context, out);
}
