// Adapter for cmark-gfm, the only file that sees its headers.
//
// Why safe mode everywhere: the Markdown comes from members, and the rendered HTML is inserted
// unescaped into pages other members (and admins) look at. Any raw HTML or script URL that got
// through would be stored XSS. So raw HTML is always omitted (cmark-gfm's default since 0.29; we
// never pass CMARK_OPT_UNSAFE) and, on top of cmark's own scheme denylist, link and image targets
// are checked against an allowlist before rendering, so schemes cmark does not know about
// (and future browser quirks of them) cannot slip through either.
#include "view/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace opgv::view {
namespace {

// CMARK_OPT_SAFE is a no-op on 0.29 (safe is the default) but makes older cmark-gfm releases safe
// too, should the library ever be swapped. VALIDATE_UTF8 replaces invalid sequences with U+FFFD so
// the output is valid UTF-8 whatever bytes a client sent.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;

constexpr std::array<const char*, 3> kExtensions{"table", "strikethrough", "autolink"};

struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct CmarkStringFree {
  void operator()(char* text) const { cmark_get_default_mem_allocator()->free(text); }
};

// The parser stays alive with the document: rendering needs its list of attached extensions.
struct Parsed {
  std::unique_ptr<cmark_parser, ParserFree> parser;
  std::unique_ptr<cmark_node, NodeFree> document;
};

Parsed parse(std::string_view markdown) {
  // Registration writes global lists (extensions, node type ids); once is enough.
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  // cmark-gfm 0.29 is not thread-safe while parsing with extensions: finishing a document adds the
  // extensions' trigger characters ('~' for strikethrough, ...) to a global table and removes them
  // afterwards, so a concurrent parse intermittently loses its strikethrough and autolinks
  // (MarkdownRender.IsThreadSafe caught it). Parsing is therefore serialised; it takes
  // milliseconds for member-sized texts. Rendering and tree walks touch no globals and run in
  // parallel. This lock covers every parser in the process, as cmark is used only in this file.
  static std::mutex parseMutex;
  std::lock_guard lock(parseMutex);

  Parsed parsed{std::unique_ptr<cmark_parser, ParserFree>(cmark_parser_new(kOptions)), nullptr};
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parsed.parser.get(), extension);
    }
  }
  cmark_parser_feed(parsed.parser.get(), markdown.data(), markdown.size());
  parsed.document.reset(cmark_parser_finish(parsed.parser.get()));
  return parsed;
}

char toLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The URL as a browser reads it (WHATWG URL parser): leading C0 controls and spaces are skipped
// and ASCII tab/newline are ignored everywhere, so "\x01java\tscript:" still means "javascript:".
// Lower-cased, because schemes are case-insensitive.
std::string normalisedForSchemeCheck(std::string_view url) {
  size_t start = 0;
  while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) ++start;
  std::string out;
  out.reserve(url.size() - start);
  for (char c : url.substr(start)) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(toLower(c));
  }
  return out;
}

// RFC 3986 scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"), or "" for a relative URL.
std::string_view schemeOf(std::string_view url) {
  if (url.empty() || !isAlpha(url.front())) return {};
  for (size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return url.substr(0, i);
    if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

bool isSafeUrl(std::string_view rawUrl, bool isImage) {
  std::string url = normalisedForSchemeCheck(rawUrl);
  std::string_view scheme = schemeOf(url);
  if (scheme.empty() || scheme == "http" || scheme == "https") return true;
  if (!isImage) return scheme == "mailto" || scheme == "tel";
  // Inline raster images are harmless; SVG is not (it can carry script).
  for (std::string_view allowed : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (url.starts_with(allowed)) return true;
  }
  return false;
}

void dropUnsafeUrls(cmark_node* document) {
  std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(document));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    cmark_node_type type = cmark_node_get_type(node);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    // An empty href is what cmark itself emits for the URLs it rejects; the text stays visible.
    if (url != nullptr && !isSafeUrl(url, type == CMARK_NODE_IMAGE)) cmark_node_set_url(node, "");
  }
}

bool isBlock(cmark_node* node) {
  return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// Table cells are block nodes, but a row reads better on one line.
bool isTableCell(cmark_node* node) {
  const char* name = cmark_node_get_type_string(node);
  return name != nullptr && std::string_view(name) == "table_cell";
}

// Ends the current line without leaving trailing blanks (from cell separators) or empty lines.
void endLine(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
}

}  // namespace

std::string renderMarkdown(std::string_view markdown) {
  Parsed parsed = parse(markdown);
  dropUnsafeUrls(parsed.document.get());
  std::unique_ptr<char, CmarkStringFree> html(cmark_render_html(
      parsed.document.get(), kOptions, cmark_parser_get_syntax_extensions(parsed.parser.get())));
  return html ? std::string(html.get()) : std::string();
}

std::string markdownToPlainText(std::string_view markdown) {
  Parsed parsed = parse(markdown);
  std::string out;
  std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(parsed.document.get()));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_EXIT) {
      if (isTableCell(node)) {
        out.push_back(' ');
      } else if (isBlock(node)) {
        endLine(out);
      }
      continue;
    }
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* literal = cmark_node_get_literal(node)) out += literal;
        break;
      case CMARK_NODE_CODE_BLOCK:
        endLine(out);
        if (const char* literal = cmark_node_get_literal(node)) out += literal;
        endLine(out);
        break;
      case CMARK_NODE_SOFTBREAK:
        out.push_back(' ');
        break;
      case CMARK_NODE_LINEBREAK:
        out.push_back('\n');
        break;
      default:
        // Raw HTML is dropped, as in the rendered page; containers contribute only their children.
        break;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

namespace {

struct InlineStyle {
  bool bold = false;
  bool italic = false;
  std::string link;
};

void collectInline(cmark_node* node, InlineStyle style, office::Inline& out) {
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* literal = cmark_node_get_literal(child)) {
          out.push_back(office::Span{literal, style.bold, style.italic, style.link});
        }
        break;
      case CMARK_NODE_SOFTBREAK:
        out.push_back(office::Span{" ", style.bold, style.italic, style.link});
        break;
      case CMARK_NODE_LINEBREAK:
        out.push_back(office::Span{"\n", style.bold, style.italic, style.link});
        break;
      case CMARK_NODE_STRONG: {
        auto inner = style;
        inner.bold = true;
        collectInline(child, inner, out);
        break;
      }
      case CMARK_NODE_EMPH: {
        auto inner = style;
        inner.italic = true;
        collectInline(child, inner, out);
        break;
      }
      case CMARK_NODE_LINK: {
        auto inner = style;
        const char* url = cmark_node_get_url(child);
        // Office documents leave the site, so only absolute web and mail links survive.
        std::string target = url ? url : "";
        auto normalised = normalisedForSchemeCheck(target);
        auto scheme = schemeOf(normalised);
        inner.link = (scheme == "http" || scheme == "https" || scheme == "mailto") ? target : "";
        collectInline(child, inner, out);
        break;
      }
      case CMARK_NODE_IMAGE:
      case CMARK_NODE_HTML_INLINE:
        break;
      default:
        collectInline(child, style, out);  // strikethrough and other extensions: keep the text
        break;
    }
  }
}

// A list item's paragraphs joined into one line; nested lists become items one level deeper.
void collectList(cmark_node* list, int level, std::vector<office::ListItem>& items) {
  for (cmark_node* item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
    office::ListItem entry;
    entry.level = level;
    std::vector<cmark_node*> nested;
    for (cmark_node* part = cmark_node_first_child(item); part; part = cmark_node_next(part)) {
      if (cmark_node_get_type(part) == CMARK_NODE_LIST) {
        nested.push_back(part);
      } else {
        if (!entry.content.empty()) entry.content.push_back(office::Span{" "});
        collectInline(part, {}, entry.content);
      }
    }
    items.push_back(std::move(entry));
    for (auto* sub : nested) collectList(sub, level + 1, items);
  }
}

std::string_view typeName(cmark_node* node) {
  const char* name = cmark_node_get_type_string(node);
  return name ? std::string_view(name) : std::string_view();
}

void collectBlocks(cmark_node* parent, std::vector<office::Block>& out) {
  for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
    office::Block block;
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        block.kind = office::BlockKind::kHeading;
        block.level = std::clamp(cmark_node_get_heading_level(node), 1, 3);
        collectInline(node, {}, block.text);
        out.push_back(std::move(block));
        break;
      case CMARK_NODE_PARAGRAPH:
        collectInline(node, {}, block.text);
        if (!block.text.empty()) out.push_back(std::move(block));
        break;
      case CMARK_NODE_CODE_BLOCK:
        if (const char* literal = cmark_node_get_literal(node)) block.text.push_back(office::Span{literal});
        out.push_back(std::move(block));
        break;
      case CMARK_NODE_LIST:
        block.kind = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? office::BlockKind::kNumberedList
                                                                          : office::BlockKind::kBulletList;
        collectList(node, 0, block.items);
        out.push_back(std::move(block));
        break;
      case CMARK_NODE_BLOCK_QUOTE: {
        block.kind = office::BlockKind::kNote;
        for (cmark_node* part = cmark_node_first_child(node); part; part = cmark_node_next(part)) {
          if (!block.text.empty()) block.text.push_back(office::Span{"\n"});
          collectInline(part, {}, block.text);
        }
        out.push_back(std::move(block));
        break;
      }
      default:
        if (typeName(node) == "table") {
          block.kind = office::BlockKind::kTable;
          for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
            std::vector<office::TableCell> cells;
            for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
              office::TableCell tableCell;
              collectInline(cell, {}, tableCell.content);
              cells.push_back(std::move(tableCell));
            }
            block.rows.push_back(std::move(cells));
          }
          block.header_row = true;  // GFM tables always have a header row
          out.push_back(std::move(block));
        }
        // Raw HTML blocks and thematic breaks carry nothing for a document.
        break;
    }
  }
}

}  // namespace

std::vector<office::Block> markdownToBlocks(std::string_view markdown) {
  Parsed parsed = parse(markdown);
  std::vector<office::Block> blocks;
  collectBlocks(parsed.document.get(), blocks);
  return blocks;
}

}  // namespace opgv::view
