#pragma once
// Markdown for member-written content (descriptions, comments, pages). The input is untrusted, so
// rendering is always safe: raw HTML never reaches the output and dangerous link targets are
// dropped. The adapter keeps cmark-gfm out of every other translation unit.
#include <string>
#include <string_view>
#include <vector>

#include "office/document.h"

namespace opgv::view {

// CommonMark plus the GFM table, strikethrough and autolink extensions, as an HTML fragment.
// Raw HTML is replaced by `<!-- raw HTML omitted -->`; link and image targets outside
// http(s)/mailto/tel/relative (and data:image/png|gif|jpeg|webp for images) become empty.
// Invalid UTF-8 becomes U+FFFD. Thread-safe. No size limit: callers cap the input.
std::string renderMarkdown(std::string_view markdown);

// The visible text without markup, for search indexing and snippets: one line per block
// (paragraph, heading, list item, table row, code block line), inline formatting dropped, link
// texts and image alt texts kept, raw HTML dropped. Never contains HTML; escape it when output.
std::string markdownToPlainText(std::string_view markdown);

// The same safe reading as structured blocks for office documents (DOCX, ODT, PDF): headings,
// paragraphs, bullet and numbered lists (nested), GFM tables and block quotes (as notes), with
// bold, italic and safe links. Raw HTML and images are dropped; unsafe link targets lose the link.
std::vector<office::Block> markdownToBlocks(std::string_view markdown);

}  // namespace opgv::view
