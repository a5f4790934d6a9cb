#pragma once
// Façade over ctemplate. Handlers describe a page as JSON (the "view model"); the renderer maps
// it onto a TemplateDictionary: strings and numbers become variables, `true` shows a section,
// an object shows a section once with its fields, an array of objects repeats a section.
// Every template must start with {{%AUTOESCAPE context="HTML"}} (tests/unit enforce it), so
// escaping is decided by ctemplate's parser per context, never by hand.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace opgv::view {

class Renderer {
 public:
  virtual ~Renderer() = default;
  // Renders `bodyTemplate` (path relative to the templates root) inside layout/page.tpl.
  virtual std::string page(const std::string& bodyTemplate, const nlohmann::json& model) const = 0;
  // Renders one template on its own (mails, fragments).
  virtual std::string fragment(const std::string& templatePath, const nlohmann::json& model) const = 0;
};

std::unique_ptr<Renderer> createCtemplateRenderer(const std::string& templatesRoot);

}  // namespace opgv::view
