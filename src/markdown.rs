//! Pages to fenced code blocks and the HTML comments that annotate them.
//!
//! pulldown-cmark finds the blocks, so lists, block quotes and fence rules are
//! CommonMark's; every piece of text it hands back keeps its byte range, which is
//! how a body line inside a list item still maps to its place in the file.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::source_map::MappedText;

/// An HTML comment at block level.
#[derive(Debug, Clone)]
pub struct Comment {
    /// The comment's range in the page, from `<!--` to the end of its last line.
    pub span: Range<usize>,
    /// The text between `<!--` and `-->`, mapped back to the page.
    pub content: MappedText,
    /// Whether `-->` was found.
    pub closed: bool,
}

impl Comment {
    /// Whether the comment holds JSON metadata: its content starts with `{`.
    pub fn is_metadata(&self) -> bool {
        self.content.text.trim_start().starts_with('{')
    }
}

/// A fenced code block.
#[derive(Debug, Clone)]
pub struct FencedBlock {
    /// The whole block in the page, fences included.
    pub span: Range<usize>,
    /// The info string after the opening fence, trimmed (`http`, `json`, ...).
    pub info: String,
    /// The content with container indentation stripped and LF line ends.
    pub body: MappedText,
    /// The metadata comment right before the block, if any.
    pub annotation: Option<Comment>,
    /// Whether a closing fence ends the block (not the end of the page or of its
    /// list item or quote).
    pub closed: bool,
}

/// A heading.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text, without markup.
    pub text: String,
    /// Byte range of the heading line.
    pub span: Range<usize>,
}

/// A link or `[!INCLUDE]` in the page's prose.
#[derive(Debug, Clone)]
pub struct Link {
    /// The target as written.
    pub target: String,
    /// Byte range of the whole link.
    pub span: Range<usize>,
    /// Whether it is a DocFX `[!INCLUDE [...](target)]`.
    pub include: bool,
}

/// `[text] (target)`: a link broken by a space, which renders as plain text.
#[derive(Debug, Clone)]
pub struct MalformedLink {
    /// Byte range from `[` to `)`.
    pub span: Range<usize>,
    /// Byte range of the whitespace between `]` and `(`.
    pub gap: Range<usize>,
    /// The target between the parentheses.
    pub target: String,
}

/// A table with the heading it stands under.
#[derive(Debug, Clone)]
pub struct Table {
    /// Index into [`Outline::headings`] of the nearest heading above, if any.
    pub heading: Option<usize>,
    /// Header cells' text.
    pub header: Vec<String>,
    /// Body rows: each cell's text and byte range.
    pub rows: Vec<Vec<(String, Range<usize>)>>,
}

/// `<!-- apiproof-disable RULE[, RULE] -->`: rules not to report, for the next
/// fenced block, or for the whole page when it stands before the first heading.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The comment.
    pub span: Range<usize>,
    /// Rule ids as written.
    pub rules: Vec<String>,
    /// Whether it covers the whole page.
    pub page_wide: bool,
    /// Index into [`Outline::blocks`] of the block it covers, if not page-wide.
    pub block: Option<usize>,
}

/// The rule ids of an `apiproof-disable` comment.
fn suppressed_rules(content: &str) -> Option<Vec<String>> {
    let rest = content.trim().strip_prefix("apiproof-disable")?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(
        rest.split([',', ' ', '\n', '\t'])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

/// What a page holds that apiproof reads.
#[derive(Debug, Default)]
pub struct Outline {
    /// Headings in page order.
    pub headings: Vec<Heading>,
    /// Links and includes in page order.
    pub links: Vec<Link>,
    /// Links broken by a space between `]` and `(`.
    pub malformed_links: Vec<MalformedLink>,
    /// Tables in page order.
    pub tables: Vec<Table>,
    /// `<!-- apiproof-disable ... -->` comments.
    pub suppressions: Vec<Suppression>,
    /// For each fenced block, the index of the nearest heading above it.
    pub block_headings: Vec<Option<usize>>,
    /// Fenced code blocks in page order.
    pub blocks: Vec<FencedBlock>,
    /// Metadata comments that belong to the page itself (`"type": "#page.annotation"`).
    pub page_annotations: Vec<Comment>,
    /// Metadata comments not followed by a fenced block.
    pub stray_annotations: Vec<Comment>,
    /// Comments whose `-->` never comes.
    pub unclosed_comments: Vec<Comment>,
}

/// Reads the fenced blocks and metadata comments of a page.
pub fn outline(page: &str) -> Outline {
    // pulldown-cmark reads a byte order mark as text, which would hide a comment on
    // the first line; parse after it and shift offsets back.
    let bom = if page.starts_with('\u{feff}') { 3 } else { 0 };
    // YAML front matter would read as a setext heading; the page starts after it.
    let skip = bom + front_matter_len(&page[bom..]);
    let text = &page[skip..];
    let mut outline = Outline::default();
    let mut pending: Option<Comment> = None;
    let mut html: Option<(MappedText, Range<usize>)> = None;
    let mut code: Option<(FencedBlock, Range<usize>)> = None;
    let mut heading: Option<(u8, String, Range<usize>)> = None;
    let mut heading_is_tab = false;
    let mut link: Option<(String, Range<usize>)> = None;
    let mut table: Option<Table> = None;
    let mut cell: Option<(String, Range<usize>)> = None;
    let mut in_head = false;

    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let range = range.start + skip..range.end + skip;
        match &event {
            Event::Text(piece) | Event::Code(piece) => {
                if let Some((_, text, _)) = heading.as_mut() {
                    text.push_str(piece);
                }
                if let Some((text, _)) = cell.as_mut() {
                    text.push_str(piece);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((*level as u8, String::new(), range.clone()));
            }
            Event::End(TagEnd::Heading(_)) => {
                // DocFX turns `# [C#](#tab/csharp)` into a tab, not a heading.
                let tab = heading_is_tab;
                heading_is_tab = false;
                if let Some((level, text, span)) = heading.take().filter(|_| !tab) {
                    outline.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        span,
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => {
                if heading.is_some() && dest_url.starts_with("#tab/") {
                    heading_is_tab = true;
                }
                link = Some((dest_url.to_string(), range.clone()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, span)) = link.take() {
                    let include = is_include(page, span.start);
                    outline.links.push(Link {
                        target,
                        span,
                        include,
                    });
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    heading: outline.headings.len().checked_sub(1),
                    header: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                if let Some(table) = table.as_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some((String::new(), range.clone())),
            Event::End(TagEnd::TableCell) => {
                if let (Some((text, span)), Some(table)) = (cell.take(), table.as_mut()) {
                    let text = text.trim().to_string();
                    let raw = &page[span.clone()];
                    let lead = raw.len() - raw.trim_start_matches([' ', '|', '\t']).len();
                    let kept = raw.trim_end_matches([' ', '|', '\t', '\n', '\r']).len();
                    let span = span.start + lead.min(kept)..span.start + kept;
                    if in_head {
                        table.header.push(text);
                    } else if let Some(row) = table.rows.last_mut() {
                        row.push((text, span));
                    }
                }
            }
            Event::End(TagEnd::Table) => outline.tables.extend(table.take()),
            Event::Start(Tag::Paragraph) => {
                outline
                    .malformed_links
                    .extend(malformed_links(page, range.clone()));
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html = Some((MappedText::default(), range)),
            Event::Html(piece) => {
                if let Some((content, _)) = html.as_mut() {
                    content.push(&piece, range);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let Some((raw, span)) = html.take() else {
                    continue;
                };
                let Some(comment) = comment(raw, span) else {
                    continue;
                };
                if !comment.closed {
                    outline.unclosed_comments.push(comment.clone());
                }
                if let Some(rules) = suppressed_rules(&comment.content.text) {
                    outline.suppressions.push(Suppression {
                        span: comment.span.clone(),
                        rules,
                        page_wide: outline.headings.is_empty() && outline.blocks.is_empty(),
                        block: None,
                    });
                    continue;
                }
                if !comment.is_metadata() {
                    continue;
                }
                if is_page_annotation(&comment) {
                    outline.page_annotations.push(comment);
                } else if let Some(previous) = pending.replace(comment) {
                    outline.stray_annotations.push(previous);
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                outline
                    .block_headings
                    .push(outline.headings.len().checked_sub(1));
                let block = FencedBlock {
                    span: range.clone(),
                    info: info.trim().to_string(),
                    body: MappedText::default(),
                    annotation: pending.take(),
                    closed: true,
                };
                code = Some((block, range));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                if let Some(previous) = pending.take() {
                    outline.stray_annotations.push(previous);
                }
            }
            Event::Text(piece) => {
                if let Some((block, _)) = code.as_mut() {
                    block.body.push(&piece, range);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((mut block, span)) = code.take() {
                    block.closed = ends_with_closing_fence(page, span);
                    let index = outline.blocks.len();
                    for suppression in outline.suppressions.iter_mut() {
                        if !suppression.page_wide && suppression.block.is_none() {
                            suppression.block = Some(index);
                        }
                    }
                    outline.blocks.push(block);
                }
            }
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Table(_) | Tag::FootnoteDefinition(_),
            )
            | Event::Rule => {
                if let Some(previous) = pending.take() {
                    outline.stray_annotations.push(previous);
                }
            }
            _ => {}
        }
    }
    outline.stray_annotations.extend(pending);
    outline
}

/// Whether the link starting at `start` is the inner link of `[!INCLUDE [..](..)]`.
fn is_include(page: &str, start: usize) -> bool {
    let before = page[..start].trim_end().as_bytes();
    let marker = b"[!INCLUDE";
    before.len() >= marker.len()
        && before[before.len() - marker.len()..].eq_ignore_ascii_case(marker)
}

/// Finds `[text] (target)` in a paragraph's source, outside code spans.
fn malformed_links(page: &str, paragraph: Range<usize>) -> Vec<MalformedLink> {
    let source = &page[paragraph.clone()];
    if !source.contains("] (") && !source.contains("]\t(") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_code = false;
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b'[' if !in_code => {
                if let Some(link) = malformed_at(source, i) {
                    let (span, gap, target) = link;
                    i = span.end;
                    found.push(MalformedLink {
                        span: paragraph.start + span.start..paragraph.start + span.end,
                        gap: paragraph.start + gap.start..paragraph.start + gap.end,
                        target,
                    });
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// `[text] (target)` starting at `open`: its range, the gap's range and the target.
fn malformed_at(source: &str, open: usize) -> Option<(Range<usize>, Range<usize>, String)> {
    let close = open + source[open..].find(']')?;
    let label = &source[open + 1..close];
    if label.is_empty() || label.contains(['[', '\n']) || label.starts_with('!') {
        return None;
    }
    let after = &source[close + 1..];
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    if gap == 0 || !after[gap..].starts_with('(') {
        return None;
    }
    let target_start = close + 1 + gap + 1;
    let target_end = target_start + source[target_start..].find(')')?;
    let target = source[target_start..target_end].trim();
    let looks_like_target = !target.is_empty()
        && !target.contains(char::is_whitespace)
        && (target.starts_with('#')
            || target.starts_with("http")
            || target.starts_with('/')
            || target.starts_with('.')
            || target.ends_with(".md")
            || target.contains(".md#"));
    if !looks_like_target {
        return None;
    }
    Some((
        open..target_end + 1,
        close + 1..close + 1 + gap,
        target.to_string(),
    ))
}

/// The length of a YAML front matter block (`---` ... `---`) at the start of a page.
fn front_matter_len(page: &str) -> usize {
    let Some(rest) = page
        .strip_prefix("---\n")
        .or_else(|| page.strip_prefix("---\r\n"))
    else {
        return 0;
    };
    let opening = page.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return opening + offset;
        }
    }
    0
}

/// Builds a comment from an HTML block that starts with `<!--`.
fn comment(raw: MappedText, span: Range<usize>) -> Option<Comment> {
    let trimmed = raw.text.trim_start();
    if !trimmed.starts_with("<!--") {
        return None;
    }
    let start = raw.text.len() - trimmed.len() + 4;
    let (end, closed) = match raw.text[start..].find("-->") {
        Some(at) => (start + at, true),
        None => (raw.text.len(), false),
    };
    let mut content = MappedText::default();
    // Re-slice the assembled text piece by piece so the content keeps its mapping.
    let mut offset = start;
    while offset < end {
        let line_end = raw.text[offset..end]
            .find('\n')
            .map_or(end, |i| offset + i + 1);
        let page = raw.page_range(offset..line_end);
        content.push(&raw.text[offset..line_end], page);
        offset = line_end;
    }
    Some(Comment {
        span,
        content,
        closed,
    })
}

/// Whether a metadata comment describes the page (`"type": "#page.annotation"`).
fn is_page_annotation(comment: &Comment) -> bool {
    let text = &comment.content.text;
    text.contains("#page.annotation")
        && serde_json::from_str::<serde_json::Value>(text.trim())
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str().map(str::to_owned)))
            .is_some_and(|t| t == "#page.annotation")
}

/// Whether the last line of a fenced block's range is a closing fence as long as
/// the opening one, made of the same character.
fn ends_with_closing_fence(page: &str, span: Range<usize>) -> bool {
    let block = page[span].trim_end_matches(['\n', '\r', ' ']);
    let Some((first, _)) = block.split_once('\n') else {
        return false;
    };
    let opening = strip_container(first);
    let fence_char = opening.chars().next().unwrap_or('`');
    let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
    let last = block.rsplit('\n').next().unwrap_or_default();
    let closing = strip_container(last).trim_end();
    closing.len() >= fence_len && closing.chars().all(|c| c == fence_char)
}

/// Strips the indentation and `>` markers that containers put before a line.
fn strip_container(line: &str) -> &str {
    line.trim_start_matches([' ', '\t', '>'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_text<'a>(page: &'a str, mapped: &MappedText, needle: &str) -> &'a str {
        let at = mapped.text.find(needle).expect("needle in body");
        &page[mapped.page_range(at..at + needle.len())]
    }

    #[test]
    fn annotated_block_in_a_list_maps_back() {
        let page = "1. Step\n\n   <!-- { \"blockType\": \"request\" } -->\n   ```http\n   \
                    GET /me\n\n   {\n     \"a\": 1\n   }\n   ```\n";
        let outline = outline(page);
        assert_eq!(outline.blocks.len(), 1);
        let block = &outline.blocks[0];
        assert_eq!(block.info, "http");
        assert!(block.closed);
        assert_eq!(block.body.text, "GET /me\n\n{\n  \"a\": 1\n}\n");
        assert_eq!(page_text(page, &block.body, "\"a\": 1"), "\"a\": 1");
        let annotation = block.annotation.as_ref().expect("annotation");
        assert_eq!(
            annotation.content.text.trim(),
            "{ \"blockType\": \"request\" }"
        );
    }

    #[test]
    fn block_quote_and_multiline_comment() {
        let page =
            "> <!-- {\n>   \"blockType\": \"resource\"\n> }-->\n> ```json\n> {\"x\": 1}\n> ```\n";
        let outline = outline(page);
        let block = &outline.blocks[0];
        assert_eq!(block.body.text, "{\"x\": 1}\n");
        let annotation = block.annotation.as_ref().expect("annotation");
        let text = &annotation.content.text;
        let at = text.find("resource").unwrap();
        let range = annotation.content.page_range(at..at + 8);
        assert_eq!(&page[range], "resource");
    }

    #[test]
    fn bom_and_crlf() {
        let page = "\u{feff}<!-- {\"blockType\": \"resource\"} -->\r\n```json\r\n{\r\n \"b\": 2\r\n}\r\n```\r\n";
        let outline = outline(page);
        let block = &outline.blocks[0];
        assert!(block.annotation.is_some());
        assert_eq!(block.body.text, "{\n \"b\": 2\n}\n");
        assert_eq!(page_text(page, &block.body, "\"b\""), "\"b\"");
    }

    #[test]
    fn other_comments_and_page_annotations_are_not_block_metadata() {
        let page = "<!-- {\"type\": \"#page.annotation\", \"title\": \"x\"} -->\n\n\
                    <!-- uuid: 1234 -->\n```json\n{}\n```\n";
        let outline = outline(page);
        assert_eq!(outline.page_annotations.len(), 1);
        assert!(outline.blocks[0].annotation.is_none());
    }

    #[test]
    fn a_paragraph_between_comment_and_fence_detaches_the_comment() {
        let page = "<!-- {\"blockType\": \"request\"} -->\n\nSome text.\n\n```http\nGET /\n```\n";
        let outline = outline(page);
        assert!(outline.blocks[0].annotation.is_none());
        assert_eq!(outline.stray_annotations.len(), 1);
    }

    #[test]
    fn headings_links_tables_and_malformed_links() {
        let page = "# Get widget\n\nSee [widget](../resources/widget.md#properties) and \
                    [widget] (../resources/widget.md), not `[a] (b.md)`.\n\n\
                    [!INCLUDE [note](../includes/note.md)]\n\n## Properties\n\n\
                    | Property | Type |\n|---|---|\n| id | String |\n";
        let outline = outline(page);
        let texts: Vec<&str> = outline.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Get widget", "Properties"]);
        let tabs = outline_of_tabs();
        assert_eq!(tabs, ["Example"]);
        assert_eq!(outline.links.len(), 2);
        assert_eq!(outline.links[0].target, "../resources/widget.md#properties");
        assert!(!outline.links[0].include);
        assert!(outline.links[1].include);
        assert_eq!(outline.malformed_links.len(), 1);
        let malformed = &outline.malformed_links[0];
        assert_eq!(
            &page[malformed.span.clone()],
            "[widget] (../resources/widget.md)"
        );
        assert_eq!(&page[malformed.gap.clone()], " ");
        let table = &outline.tables[0];
        assert_eq!(table.heading, Some(1));
        assert_eq!(table.header, ["Property", "Type"]);
        assert_eq!(table.rows[0][0].0, "id");
        assert_eq!(&page[table.rows[0][1].1.clone()], "String");
    }

    fn outline_of_tabs() -> Vec<String> {
        outline("## Example\n\n# [HTTP](#tab/http)\n\ntext\n\n# [C#](#tab/csharp)\n")
            .headings
            .into_iter()
            .map(|h| h.text)
            .collect()
    }

    #[test]
    fn front_matter_is_not_a_heading() {
        let outline = outline(
            "---\ntitle: \"Get x\"\n---\n\n<!-- apiproof-disable json-syntax -->\n\n# Get x\n",
        );
        let texts: Vec<&str> = outline.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Get x"]);
        assert!(outline.suppressions[0].page_wide);
    }

    #[test]
    fn unclosed_fence_and_comment() {
        let outline_fence = outline("```json\n{}\n");
        assert!(!outline_fence.blocks[0].closed);
        let outline_comment = outline("<!-- {\"a\": 1}\n\ntext\n");
        assert_eq!(outline_comment.unclosed_comments.len(), 1);
        let closed = outline("~~~~\nx\n~~~~~\n");
        assert!(closed.blocks[0].closed);
    }
}
