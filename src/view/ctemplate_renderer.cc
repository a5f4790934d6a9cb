#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include <filesystem>
#include <stdexcept>

#include "view/markdown.h"
#include "view/renderer.h"

namespace opgv::view {
namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void fill(ctemplate::TemplateDictionary& dict, const nlohmann::json& model) {
  for (const auto& [key, value] : model.items()) {
    if (value.is_string() && endsWith(key, "_MARKDOWN")) {
      // The one place where unescaped HTML enters a page: Markdown source from the model is
      // rendered here, in safe mode, and templates print it with {{X_MARKDOWN:none}} (a test
      // allows :none on no other variable). Handlers therefore cannot pass raw HTML through.
      dict.SetValue(key, renderMarkdown(value.get<std::string>()));
    } else if (value.is_string()) {
      dict.SetValue(key, value.get<std::string>());
    } else if (value.is_number_integer()) {
      dict.SetValue(key, std::to_string(value.get<int64_t>()));
    } else if (value.is_number()) {
      dict.SetValue(key, value.dump());
    } else if (value.is_boolean()) {
      if (value.get<bool>()) dict.ShowSection(key);
    } else if (value.is_object() && endsWith(key, "_INCLUDE") && value.contains("FILE") && value["FILE"].is_string()) {
      // A shared part of several pages ({{>X_INCLUDE}}): the template file and its own values.
      auto* part = dict.AddIncludeDictionary(key);
      part->SetFilename(value["FILE"].get<std::string>());
      fill(*part, value);
    } else if (value.is_object()) {
      fill(*dict.AddSectionDictionary(key), value);
    } else if (value.is_array()) {
      // Markup that wraps a list once (<ul>, a table, the error summary) uses HAS_<KEY>.
      if (!value.empty()) dict.ShowSection("HAS_" + key);
      for (const auto& item : value) {
        auto* section = dict.AddSectionDictionary(key);
        if (item.is_object()) {
          fill(*section, item);
        } else if (item.is_string()) {
          section->SetValue("VALUE", item.get<std::string>());
        }
      }
    }
  }
}

class CtemplateRenderer final : public Renderer {
 public:
  explicit CtemplateRenderer(std::string root) : root_(std::move(root)) {
    if (!std::filesystem::is_directory(root_)) {
      throw std::runtime_error("Vorlagenverzeichnis fehlt: " + root_);
    }
    // Load every template once and freeze the cache: expansions then only take a shared read
    // lock. With the default mutable cache each expansion took an exclusive lock, and a thread
    // preempted while holding it stalled all others (p99 of GET / rose to 30-60 ms under load).
    cache_ = std::make_unique<ctemplate::TemplateCache>();
    cache_->SetTemplateRootDirectory(root_);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_)) {
      if (entry.path().extension() != ".tpl") continue;
      auto relative = std::filesystem::relative(entry.path(), root_).string();
      if (!cache_->LoadTemplate(relative, ctemplate::STRIP_BLANK_LINES)) {
        throw std::runtime_error("Vorlage fehlerhaft: " + relative);
      }
    }
    cache_->Freeze();
  }

  std::string page(const std::string& bodyTemplate, const nlohmann::json& model) const override {
    ctemplate::TemplateDictionary dict("page");
    fill(dict, model);
    auto* body = dict.AddIncludeDictionary("BODY");
    body->SetFilename(bodyTemplate);
    fill(*body, model);
    return expand("layout/page.tpl", dict);
  }

  std::string fragment(const std::string& templatePath, const nlohmann::json& model) const override {
    ctemplate::TemplateDictionary dict("fragment");
    fill(dict, model);
    return expand(templatePath, dict);
  }

 private:
  std::string expand(const std::string& path, const ctemplate::TemplateDictionary& dict) const {
    std::string out;
    if (!cache_->ExpandNoLoad(path, ctemplate::STRIP_BLANK_LINES, &dict, nullptr, &out)) {
      throw std::runtime_error("Vorlage konnte nicht gerendert werden: " + path);
    }
    return out;
  }

  std::string root_;
  std::unique_ptr<ctemplate::TemplateCache> cache_;
};

}  // namespace

std::unique_ptr<Renderer> createCtemplateRenderer(const std::string& templatesRoot) {
  return std::make_unique<CtemplateRenderer>(templatesRoot);
}

}  // namespace opgv::view
