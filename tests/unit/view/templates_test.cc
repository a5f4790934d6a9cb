// Every template must start with the AUTOESCAPE pragma; without it ctemplate escapes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/test_server.h"
#include "view/renderer.h"

namespace opgv::test {
namespace {

// Every template file with its text.
std::vector<std::pair<std::filesystem::path, std::string>> templateTexts() {
  std::vector<std::pair<std::filesystem::path, std::string>> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(sourceDir() + "/templates")) {
    if (entry.path().extension() != ".tpl") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    out.emplace_back(entry.path(), text.str());
  }
  return out;
}

// Where line breaks are shown (a textarea, <pre>, and the diff views with white-space: pre-wrap),
// a variable needs :pre_escape; the default HTML escaping turns line breaks into spaces, which
// collapsed what the user typed (Markdown, code translations, a mapping table) into one line on
// every redisplay. Returns the [begin, end) ranges of such elements' contents.
std::vector<std::pair<size_t, size_t>> whitespaceKeepingContents(const std::string& content) {
  std::vector<std::pair<size_t, size_t>> ranges;
  std::regex opening(R"re(<(textarea|pre|p)\b([^>]*)>)re");
  for (std::sregex_iterator it(content.begin(), content.end(), opening), end; it != end; ++it) {
    const std::string tag = (*it)[1].str();
    if (tag == "p" && (*it)[2].str().find("opgv-diff") == std::string::npos) continue;
    size_t begin = static_cast<size_t>(it->position() + it->length());
    size_t close = content.find("</" + tag + ">", begin);
    if (close != std::string::npos) ranges.emplace_back(begin, close);
  }
  return ranges;
}

TEST(Templates, EveryTemplateStartsWithAutoescape) {
  auto templates = templateTexts();
  for (const auto& [path, content] : templates) {
    EXPECT_EQ(content.substr(0, content.find('\n')), "{{%AUTOESCAPE context=\"HTML\"}}") << path;
  }
  EXPECT_GT(templates.size(), 20u);
}

// Unescaped output is allowed only for *_MARKDOWN variables, which the renderer fills with
// Markdown rendered in safe mode; any other modifier would bypass the auto-escaping. The one
// exception is :pre_escape inside elements that show line breaks: it escapes like the default but
// keeps them (see WhitespaceKeepingElementsKeepLineBreaks).
TEST(Templates, OnlyMarkdownVariablesAreUnescaped) {
  std::regex modifier(R"(\{\{([A-Z0-9_]+):([^}]*)\}\})");
  for (const auto& [path, content] : templateTexts()) {
    for (std::sregex_iterator it(content.begin(), content.end(), modifier), end; it != end; ++it) {
      auto name = (*it)[1].str();
      if ((*it)[2].str() == "pre_escape") {
        auto position = static_cast<size_t>(it->position());
        bool inPlace = false;
        for (const auto& [begin, end] : whitespaceKeepingContents(content)) inPlace = inPlace || (position >= begin && position < end);
        EXPECT_TRUE(inPlace) << path << ": " << it->str() << " outside a textarea, <pre> or diff";
        continue;
      }
      EXPECT_EQ((*it)[2].str(), "none") << path << ": " << it->str();
      EXPECT_TRUE(name.size() > 9 && name.substr(name.size() - 9) == "_MARKDOWN") << path << ": " << it->str();
    }
  }
}

TEST(Templates, WhitespaceKeepingElementsKeepLineBreaks) {
  std::regex variable(R"(\{\{([A-Z0-9_]+)(:[^}]*)?\}\})");
  size_t checked = 0;
  for (const auto& [path, content] : templateTexts()) {
    for (const auto& [begin, end] : whitespaceKeepingContents(content)) {
      std::string inside = content.substr(begin, end - begin);
      for (std::sregex_iterator it(inside.begin(), inside.end(), variable), stop; it != stop; ++it) {
        ++checked;
        if ((*it)[2].str() != ":pre_escape") ADD_FAILURE() << path << ": " << it->str() << " loses line breaks; use :pre_escape";
      }
    }
  }
  EXPECT_GT(checked, 12u);
}

// A variable right after an attribute value stands where an attribute name goes; the HTML
// auto-escaping turns " selected" there into "_selected", so the option is never selected.
// Boolean attributes are sections: {{#SELECTED}} selected{{/SELECTED}}.
TEST(Templates, NoVariableInAttributeNamePosition) {
  std::regex attributeName(R"re(="[^"<>]*"\{\{[A-Z0-9_]+\}\})re");
  for (const auto& [path, content] : templateTexts()) {
    for (std::sregex_iterator it(content.begin(), content.end(), attributeName), end; it != end; ++it) {
      ADD_FAILURE() << path << ": " << it->str();
    }
  }
}

TEST(Templates, MarkdownVariablesAreRenderedSafely) {
  auto renderer = view::createCtemplateRenderer(sourceDir() + "/templates");
  nlohmann::json model = {{"THEME_SYSTEM", true}, {"PAGE_TITLE", "t"}, {"LOGGED_OUT", true},
                          {"UC_TITLE", "Titel"}, {"UC_SLUG", "x"},
                          {"SECTIONS", nlohmann::json::array({{{"SECTION_KEY", "loesung"}, {"SECTION_HEADING", "Lösung"},
                                                                {"SECTION_MARKDOWN", "**fett** <script>alert(1)</script> [x](javascript:alert(1))"}}})}};
  auto html = renderer->page("library/detail.tpl", model);
  EXPECT_NE(html.find("<strong>fett</strong>"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
}

TEST(Templates, HostileValuesAreEscapedByContext) {
  auto renderer = view::createCtemplateRenderer(sourceDir() + "/templates");
  nlohmann::json model = {{"THEME_SYSTEM", true},
                          {"PAGE_TITLE", "</title><script>alert(1)</script>"},
                          {"CSRF_TOKEN", "\"><script>x</script>"},
                          {"CURRENT_PATH", "/\" onmouseover=\"alert(1)"},
                          {"LOGGED_OUT", true},
                          {"O_ID", "1"},
                          {"O_NAME", "<img src=x onerror=alert(1)>"},
                          {"O_TYPE", "GovTech"},
                          {"O_WEBSITE", {{"O_WEBSITE_URL", "javascript:alert(1)"}}}};
  auto html = renderer->page("organisations/organisation.tpl", model);
  EXPECT_EQ(html.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  EXPECT_EQ(html.find("\" onmouseover=\""), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

}  // namespace
}  // namespace opgv::test
