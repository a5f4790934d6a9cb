// Member-written Markdown is rendered into pages unescaped, so these tests pin down both the
// formatting members rely on and that no vector from tests/data/xss-corpus.txt survives.
#include "view/markdown.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/strings.h"
#include "support/test_server.h"

namespace opgv::view {
namespace {

// ---------------------------------------------------------------------------------------------
// Formatting

TEST(MarkdownRender, Headings) {
  EXPECT_EQ(renderMarkdown("# Titel"), "<h1>Titel</h1>\n");
  EXPECT_EQ(renderMarkdown("### Unter\n\nText"), "<h3>Unter</h3>\n<p>Text</p>\n");
  EXPECT_EQ(renderMarkdown("Titel\n====="), "<h1>Titel</h1>\n");
}

TEST(MarkdownRender, Lists) {
  EXPECT_EQ(renderMarkdown("- eins\n- zwei"), "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>\n");
  EXPECT_EQ(renderMarkdown("3. drei\n4. vier"), "<ol start=\"3\">\n<li>drei</li>\n<li>vier</li>\n</ol>\n");
  // Task lists are not enabled: they would emit <input> elements.
  EXPECT_EQ(renderMarkdown("- [ ] offen"), "<ul>\n<li>[ ] offen</li>\n</ul>\n");
}

TEST(MarkdownRender, EmphasisAndStrikethrough) {
  EXPECT_EQ(renderMarkdown("*kursiv* **fett** ~~weg~~ `code`"),
            "<p><em>kursiv</em> <strong>fett</strong> <del>weg</del> <code>code</code></p>\n");
}

TEST(MarkdownRender, LinksKeepTheirTargetAndTitle) {
  EXPECT_EQ(renderMarkdown("[Satzung](https://example.org/a?b=1&c=2 \"Die Satzung\")"),
            "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"Die Satzung\">Satzung</a></p>\n");
  EXPECT_EQ(renderMarkdown("[relativ](/seiten/impressum) [Anker](#oben)"),
            "<p><a href=\"/seiten/impressum\">relativ</a> <a href=\"#oben\">Anker</a></p>\n");
  EXPECT_EQ(renderMarkdown("[Mail](mailto:info@example.org) [Tel](tel:+49301234)"),
            "<p><a href=\"mailto:info@example.org\">Mail</a> <a href=\"tel:+49301234\">Tel</a></p>\n");
  EXPECT_EQ(renderMarkdown("[x][ref]\n\n[ref]: https://example.org"),
            "<p><a href=\"https://example.org\">x</a></p>\n");
}

TEST(MarkdownRender, Autolinks) {
  EXPECT_EQ(renderMarkdown("<https://example.org>"),
            "<p><a href=\"https://example.org\">https://example.org</a></p>\n");
  std::string html = renderMarkdown("Siehe www.example.org und https://example.org/x.");
  EXPECT_NE(html.find("<a href=\"http://www.example.org\">www.example.org</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://example.org/x\">https://example.org/x</a>."), std::string::npos) << html;
}

TEST(MarkdownRender, Tables) {
  std::string html = renderMarkdown("| Name | Anzahl |\n|:-----|------:|\n| Köln | 3 |\n| Bonn | 12 |");
  EXPECT_EQ(html,
            "<table>\n<thead>\n<tr>\n<th align=\"left\">Name</th>\n<th align=\"right\">Anzahl</th>\n"
            "</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">Köln</td>\n<td align=\"right\">3</td>\n"
            "</tr>\n<tr>\n<td align=\"left\">Bonn</td>\n<td align=\"right\">12</td>\n</tr>\n</tbody>\n"
            "</table>\n");
}

TEST(MarkdownRender, BlocksAndCode) {
  EXPECT_EQ(renderMarkdown("> Zitat"), "<blockquote>\n<p>Zitat</p>\n</blockquote>\n");
  EXPECT_EQ(renderMarkdown("---"), "<hr />\n");
  EXPECT_EQ(renderMarkdown("```cpp\nint x = 1 < 2;\n```"),
            "<pre><code class=\"language-cpp\">int x = 1 &lt; 2;\n</code></pre>\n");
  EXPECT_EQ(renderMarkdown("Zeile  \numbruch"), "<p>Zeile<br />\numbruch</p>\n");
}

TEST(MarkdownRender, EscapesTextAndKeepsUmlauts) {
  EXPECT_EQ(renderMarkdown("Grüße & \"Zitate\" <3 – „ok“ 🚪"),
            "<p>Grüße &amp; &quot;Zitate&quot; &lt;3 – „ok“ 🚪</p>\n");
  EXPECT_EQ(renderMarkdown(""), "");
}

TEST(MarkdownRender, ImagesAllowRasterDataUrlsOnly) {
  EXPECT_EQ(renderMarkdown("![Logo](/static/logo.png \"Logo\")"),
            "<p><img src=\"/static/logo.png\" alt=\"Logo\" title=\"Logo\" /></p>\n");
  EXPECT_EQ(renderMarkdown("![p](data:image/png;base64,iVBORw0KGgo=)"),
            "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\" /></p>\n");
  EXPECT_EQ(renderMarkdown("![s](data:image/svg+xml;base64,PHN2Zz4=)"), "<p><img src=\"\" alt=\"s\" /></p>\n");
  // A data: link is not an image, so it is not allowed even with a raster type.
  EXPECT_EQ(renderMarkdown("[p](data:image/png;base64,iVBORw0KGgo=)"), "<p><a href=\"\">p</a></p>\n");
}

TEST(MarkdownRender, RawHtmlIsOmitted) {
  EXPECT_EQ(renderMarkdown("<b>fett</b>"), "<p><!-- raw HTML omitted -->fett<!-- raw HTML omitted --></p>\n");
  EXPECT_EQ(renderMarkdown("<div>\nblock\n</div>"), "<!-- raw HTML omitted -->\n");
}

TEST(MarkdownRender, DangerousUrlsBecomeEmpty) {
  EXPECT_EQ(renderMarkdown("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
  EXPECT_EQ(renderMarkdown("[x](JaVaScRiPt:alert(1))"), "<p><a href=\"\">x</a></p>\n");
  EXPECT_EQ(renderMarkdown("[x](vbscript:msgbox(1))"), "<p><a href=\"\">x</a></p>\n");
  EXPECT_EQ(renderMarkdown("[x](file:///etc/passwd)"), "<p><a href=\"\">x</a></p>\n");
  EXPECT_EQ(renderMarkdown("[x](data:text/html,hi)"), "<p><a href=\"\">x</a></p>\n");
  // Unknown schemes are not on cmark's denylist but fail our allowlist.
  EXPECT_EQ(renderMarkdown("[x](livescript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
  // Browsers ignore leading control characters and embedded tabs when reading the scheme.
  EXPECT_EQ(renderMarkdown("[x](&#x01;javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
  EXPECT_EQ(renderMarkdown("[x](java&#x09;script:alert(1))"), "<p><a href=\"\">x</a></p>\n");
  // "javascript" in the path of a relative or http URL is fine.
  EXPECT_EQ(renderMarkdown("[x](/javascript:kurs)"), "<p><a href=\"/javascript:kurs\">x</a></p>\n");
}

TEST(MarkdownRender, LargeAndDeeplyNestedInputDoesNotCrash) {
  std::string big;
  while (big.size() < 300 * 1024) big += "## Abschnitt\n\nText mit *Betonung* und [Link](https://example.org).\n\n";
  EXPECT_GT(renderMarkdown(big).size(), big.size());
  EXPECT_FALSE(renderMarkdown(std::string(250 * 1024, '[')).empty());
  EXPECT_FALSE(renderMarkdown(std::string(250 * 1024, '*')).empty());
  std::string quotes;
  for (int i = 0; i < 20000; ++i) quotes += "> ";
  EXPECT_FALSE(renderMarkdown(quotes + "tief").empty());
  std::string table = "|a|b|\n|-|-|\n";
  while (table.size() < 250 * 1024) table += "|1|2|\n";
  EXPECT_FALSE(renderMarkdown(table).empty());
}

TEST(MarkdownRender, IsThreadSafe) {
  const std::string input = "# T\n\n| a | b |\n|---|---|\n| ~~x~~ | www.example.org |\n\n[x](javascript:1)";
  const std::string expected = renderMarkdown(input);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (renderMarkdown(input) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::count(mismatches.begin(), mismatches.end(), 0), static_cast<long>(mismatches.size()));
}

// ---------------------------------------------------------------------------------------------
// UTF-8

std::string bytes(std::initializer_list<unsigned> values) {
  std::string out;
  for (unsigned v : values) out.push_back(static_cast<char>(v));
  return out;
}

TEST(MarkdownUtf8, InvalidInputGivesValidOutput) {
  const std::vector<std::string> invalid = {
      bytes({0xFF}),                    bytes({0xC0, 0xAF}),             // overlong '/'
      bytes({0xE0, 0x80, 0xAF}),        bytes({0xF0, 0x80, 0x80, 0xAF}),  // overlong
      bytes({0xED, 0xA0, 0x80}),        bytes({0xED, 0xBF, 0xBF}),        // surrogates
      bytes({0xF4, 0x90, 0x80, 0x80}),  bytes({0xF5, 0x80, 0x80, 0x80}),  // above U+10FFFF
      bytes({0xC3}),                    bytes({0xE2, 0x82}),              // truncated
      bytes({0x80}),                    bytes({0xBF, 0xBF}),              // lone continuation
      bytes({0xC3, 0x28}),              std::string("a\0b", 3),           // bad continuation, NUL
  };
  const std::vector<std::string> templates = {
      "%",     "Text % Text", "# %",       "*%*",          "[%](https://example.org/%)",
      "`%`",   "```\n%\n```", "| % | b |\n|---|---|\n| c | % |", "![%](%.png \"%\")",
      "www.example.org/%", "<%>", "%\n\n%",
  };
  for (const std::string& bad : invalid) {
    for (const std::string& tpl : templates) {
      std::string input;
      for (char c : tpl) {
        if (c == '%') {
          input += bad;
        } else {
          input.push_back(c);
        }
      }
      std::string html = renderMarkdown(input);
      std::string text = markdownToPlainText(input);
      EXPECT_TRUE(strings::isValidUtf8(html)) << testing::PrintToString(input) << " -> " << testing::PrintToString(html);
      EXPECT_TRUE(strings::isValidUtf8(text)) << testing::PrintToString(input) << " -> " << testing::PrintToString(text);
    }
  }
  // cmark (CMARK_OPT_VALIDATE_UTF8) replaces each invalid sequence with one U+FFFD.
  EXPECT_EQ(renderMarkdown("a" + bytes({0xFF}) + "b"), "<p>a\xEF\xBF\xBD" "b</p>\n");
  EXPECT_EQ(markdownToPlainText("a" + bytes({0xC0, 0xAF}) + "b"), "a\xEF\xBF\xBD" "b");
}

// ---------------------------------------------------------------------------------------------
// Plain text

TEST(MarkdownPlainText, DropsMarkupAndSeparatesBlocksByNewlines) {
  EXPECT_EQ(markdownToPlainText("# Titel\n\nEin *schöner* [Link](https://x.example) und `code`.\n\n- eins\n- zwei"),
            "Titel\nEin schöner Link und code.\neins\nzwei");
  EXPECT_EQ(markdownToPlainText("> Zitat\n\n---\n\n1. a\n2. b"), "Zitat\na\nb");
  EXPECT_EQ(markdownToPlainText(""), "");
}

TEST(MarkdownPlainText, InlineDetails) {
  EXPECT_EQ(markdownToPlainText("eins\nzwei"), "eins zwei");
  EXPECT_EQ(markdownToPlainText("eins  \nzwei"), "eins\nzwei");
  EXPECT_EQ(markdownToPlainText("AT&amp;T &lt;3 ~~alt~~ neu"), "AT&T <3 alt neu");
  EXPECT_EQ(markdownToPlainText("![Ein Bild](x.png) www.example.org"), "Ein Bild www.example.org");
}

TEST(MarkdownPlainText, TablesAndCodeBlocks) {
  EXPECT_EQ(markdownToPlainText("| A | B |\n|---|---|\n| 1 | 2 |\n\nDanach"), "A B\n1 2\nDanach");
  EXPECT_EQ(markdownToPlainText("Vorher\n\n```\na\nb\n```\n\nNachher"), "Vorher\na\nb\nNachher");
}

TEST(MarkdownPlainText, DropsRawHtml) {
  EXPECT_EQ(markdownToPlainText("<script>alert(1)</script>\n\nText <b>fett</b>"), "Text fett");
}

// ---------------------------------------------------------------------------------------------
// XSS corpus

std::vector<std::string> loadCorpus() {
  std::ifstream in(test::sourceDir() + "/tests/data/xss-corpus.txt");
  std::vector<std::string> vectors;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    std::string vector;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n') {
        vector.push_back('\n');
        ++i;
      } else {
        vector.push_back(line[i]);
      }
    }
    vectors.push_back(vector);
  }
  return vectors;
}

std::string lower(std::string_view text) { return strings::toLowerAscii(text); }

// Attribute values as a browser sees them: cmark only emits these entities in attributes (the
// check below fails on any other '&'), and the browser decodes them exactly once.
std::string decodeAttribute(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size();) {
    bool matched = false;
    for (auto [entity, c] : {std::pair{"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&#39;", '\''}}) {
      if (value.substr(i).starts_with(entity)) {
        out.push_back(c);
        i += std::string_view(entity).size();
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back(value[i++]);
  }
  return out;
}

// The scheme a browser would use: leading C0 controls and spaces skipped, tab/CR/LF ignored.
std::string browserScheme(std::string_view url) {
  std::string cleaned;
  size_t start = 0;
  while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) ++start;
  for (char c : url.substr(start)) {
    if (c != '\t' && c != '\n' && c != '\r') cleaned.push_back(c);
  }
  cleaned = lower(cleaned);
  static const std::regex scheme(R"(^([a-z][a-z0-9+.-]*):)");
  std::smatch match;
  return std::regex_search(cleaned, match, scheme) ? match[1].str() : "";
}

// Checks one rendering; returns a description of each problem (empty when safe).
std::vector<std::string> problemsIn(const std::string& html) {
  std::vector<std::string> problems;
  const std::string low = lower(html);
  for (const char* needle : {"<script", "<iframe", "<svg", "<style", "<object", "<embed", "<math", "<base",
                             "<meta", "<link", "<form", "<input", "<body", "<template", "<details"}) {
    if (low.find(needle) != std::string::npos) problems.push_back(std::string("contains ") + needle);
  }
  for (const char* attr : {"href=\"", "src=\""}) {
    for (const char* scheme : {"javascript:", "vbscript:", "data:text/html", "livescript:", "file:"}) {
      if (low.find(std::string(attr) + scheme) != std::string::npos) {
        problems.push_back(std::string("contains ") + attr + scheme);
      }
    }
  }
  // Event handler attributes. Attribute values are blanked first, because cmark escapes quotes
  // inside them and the text " onerror=" inside a value (e.g. alt text) is harmless.
  static const std::regex quotedValue(R"(="[^"]*")");
  static const std::regex eventHandler(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase);
  if (std::regex_search(std::regex_replace(html, quotedValue, "=\"\""), eventHandler)) {
    problems.push_back("event handler attribute");
  }

  // Every '<' must open an allowlisted tag written in the strict form cmark produces (lower-case
  // names, double-quoted values), or be cmark's placeholder for omitted raw HTML.
  static const std::set<std::string> allowedTags = {
      "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
      "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "img"};
  static const std::set<std::string> allowedAttributes = {"href", "src", "alt", "title", "class", "align", "start"};
  static const std::regex tag(R"(<(/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*/?>)");
  static const std::regex attribute(R"re(\s+([a-z-]+)(?:="([^"]*)")?)re");
  static const std::regex onlyKnownEntities(R"(^(?:[^&]|&amp;|&quot;|&lt;|&gt;|&#39;)*$)");
  constexpr std::string_view kOmitted = "<!-- raw HTML omitted -->";
  for (size_t pos = html.find('<'); pos != std::string::npos; pos = html.find('<', pos + 1)) {
    if (std::string_view(html).substr(pos).starts_with(kOmitted)) continue;
    std::smatch match;
    if (!std::regex_search(html.cbegin() + static_cast<long>(pos), html.cend(), match, tag,
                           std::regex_constants::match_continuous)) {
      problems.push_back("unexpected '<' at " + html.substr(pos, 40));
      continue;
    }
    if (!allowedTags.contains(match[2].str())) problems.push_back("tag not allowed: " + match[0].str());
    const std::string attributes = match[3].str();
    for (std::sregex_iterator it(attributes.begin(), attributes.end(), attribute), end; it != end; ++it) {
      const std::string name = (*it)[1].str();
      const std::string value = (*it)[2].str();
      if (!allowedAttributes.contains(name)) problems.push_back("attribute not allowed: " + match[0].str());
      if (!std::regex_match(value, onlyKnownEntities)) problems.push_back("unexpected entity: " + match[0].str());
      if (name != "href" && name != "src") continue;
      const std::string url = decodeAttribute(value);
      const std::string scheme = browserScheme(url);
      const bool rasterImage = name == "src" && std::regex_search(lower(url), std::regex("^data:image/(png|gif|jpeg|webp)[;,]"));
      if (!scheme.empty() && scheme != "http" && scheme != "https" && scheme != "mailto" && scheme != "tel" &&
          !rasterImage) {
        problems.push_back("unsafe URL: " + match[0].str());
      }
    }
  }
  return problems;
}

TEST(MarkdownXss, CorpusHasEnoughVectors) { EXPECT_GE(loadCorpus().size(), 40u); }

TEST(MarkdownXss, CheckerRecognisesUnsafeHtml) {
  // Guards against a checker that silently accepts everything.
  EXPECT_TRUE(problemsIn("<p>ok <a href=\"https://x.example\" title=\"a &quot;onclick=&quot;\">x</a></p>\n").empty());
  EXPECT_FALSE(problemsIn("<p><script>alert(1)</script></p>").empty());
  EXPECT_FALSE(problemsIn("<img src=\"x\" onerror=\"alert(1)\" />").empty());
  EXPECT_FALSE(problemsIn("<a href=\"JavaScript:alert(1)\">x</a>").empty());
  EXPECT_FALSE(problemsIn("<a href=\"&#x01;javascript:alert(1)\">x</a>").empty());
  EXPECT_FALSE(problemsIn("<a href=\"java&#9;script:alert(1)\">x</a>").empty());
  EXPECT_FALSE(problemsIn("<div>x</div>").empty());
  EXPECT_FALSE(problemsIn("<a href=x>y</a>").empty());
  EXPECT_FALSE(problemsIn("<p>1 < 2</p>").empty());
}

TEST(MarkdownXss, NoVectorSurvivesAloneOrEmbedded) {
  const std::vector<std::string> corpus = loadCorpus();
  ASSERT_FALSE(corpus.empty()) << "tests/data/xss-corpus.txt not found under " << test::sourceDir();
  for (const std::string& vector : corpus) {
    for (const std::string& input : {vector, "Vorher " + vector + " nachher", "Absatz\n\n" + vector + "\n\nAbsatz",
                                     "- Punkt\n- " + vector, "[" + vector + "](https://example.org)"}) {
      const std::string html = renderMarkdown(input);
      for (const std::string& problem : problemsIn(html)) {
        ADD_FAILURE() << problem << "\n  input: " << testing::PrintToString(input) << "\n  html:  " << html;
      }
      const std::string text = markdownToPlainText(input);
      EXPECT_TRUE(strings::isValidUtf8(text));
    }
  }
}

}  // namespace
}  // namespace opgv::view
