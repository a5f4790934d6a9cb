#include "features/bausteine/views.h"

#include "common/strings.h"
#include "features/bausteine/document_builder.h"

namespace opgv::bausteine {

Result<CatalogueParams> catalogueParamsFromQuery(std::string_view rawQuery) {
  auto form = http::parseUrlEncoded(rawQuery);
  if (!form) return std::unexpected(form.error());
  CatalogueParams p;
  p.query = form->value("q");
  p.only_merkliste = form->value("merkliste") == "1";
  for (const auto& def : facetDefs()) {
    for (auto& v : form->all(def.key)) {
      if (v.empty()) continue;
      if (!isTerm(def.terms(), v)) {
        return invalid({{def.key, "Unbekannter Wert „" + v + "“ für den Filter „" + def.label + "“."}});
      }
      p.filters[def.key].push_back(v);
    }
  }
  return p;
}

Values valuesFromForm(const http::FormData& form) {
  Values values;
  for (const auto& [name, value] : form.fields) {
    if (name.size() > 7 && name.starts_with("werte[") && name.back() == ']') values[name.substr(6, name.size() - 7)] = value;
  }
  return values;
}

Result<Values> valuesFromJson(const nlohmann::json& object) {
  Values values;
  if (object.is_null()) return values;
  if (!object.is_object()) return invalid({{"werte", "„werte“ muss ein Objekt aus Platzhalter und Text sein."}});
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) return invalid({{key, "Der Wert von „" + key + "“ muss Text sein."}});
    values[key] = value.get<std::string>();
  }
  return values;
}

namespace {

nlohmann::json termList(const std::vector<Term>& terms, const std::vector<std::string>& keys) {
  auto out = nlohmann::json::array();
  for (const auto& k : keys) out.push_back({{"key", k}, {"label", labelOf(terms, k)}});
  return out;
}

}  // namespace

nlohmann::json bausteinSummaryJson(const Baustein& b) {
  const auto& d = b.document;
  nlohmann::json j = {{"slug", b.slug},
                      {"title", b.title},
                      {"typ", {{"key", b.typ}, {"label", labelOf(types(), b.typ)}}},
                      {"zweck", str(d, "zweck")},
                      {"phasen", termList(phases(), strings(d, "phasen"))},
                      {"rollen", termList(roles(), strings(d, "rollen"))},
                      {"wirkungsfelder", termList(wirkungsfelder(), strings(d, "wirkungsfelder"))},
                      {"barrieren", termList(barrieren(), strings(d, "barrieren"))},
                      {"zeitbedarf_minuten", d.value("zeitbedarf_minuten", 0)},
                      {"version", b.version},
                      {"usage_count", b.usage_count},
                      {"updated_at", strings::isoDate(b.updated_at)},
                      {"licence", str(d, "licence")}};
  auto formats = nlohmann::json::array();
  for (const auto& f : downloadFormats(b.typ)) {
    formats.push_back({{"format", f}, {"label", formatLabel(f)}, {"url", "/api/v1/bausteine/" + b.slug + "/download?format=" + f}});
  }
  j["downloads"] = formats;
  return j;
}

nlohmann::json catalogueJson(const Catalogue& c) {
  auto items = nlohmann::json::array();
  for (const auto& i : c.items) {
    auto j = bausteinSummaryJson(i.baustein);
    if (!i.snippet.empty()) {
      std::string plain;
      auto hits = nlohmann::json::array();
      for (const auto& [text, hit] : i.snippet) {
        if (hit) hits.push_back(text);
        plain += text;
      }
      j["snippet"] = {{"text", plain}, {"hits", hits}};
    }
    j["on_merkliste"] = i.on_merkliste;
    items.push_back(j);
  }
  auto facets = nlohmann::json::object();
  for (const auto& [key, counts] : c.facets) {
    auto list = nlohmann::json::array();
    for (const auto& f : counts) list.push_back({{"value", f.key}, {"label", f.label}, {"count", f.count}, {"selected", f.selected}});
    facets[key] = list;
  }
  return {{"total", c.items.size()}, {"total_all", c.total_all}, {"items", items}, {"facets", facets}};
}

nlohmann::json detailJson(const DetailView& v) {
  auto j = bausteinSummaryJson(v.baustein);
  j["document"] = v.baustein.document;
  auto placeholdersJson = nlohmann::json::array();
  for (const auto& p : placeholders(v.baustein.document)) {
    nlohmann::json item = {{"key", p.key}, {"label", p.label}, {"example", p.example}};
    if (auto it = v.prefill.find(p.key); it != v.prefill.end()) item["prefill"] = it->second;
    placeholdersJson.push_back(item);
  }
  j["placeholders"] = placeholdersJson;
  auto useCases = nlohmann::json::array();
  for (const auto& [slug, title] : v.use_cases) useCases.push_back({{"slug", slug}, {"title", title}});
  j["use_cases"] = useCases;
  j["on_merkliste"] = v.on_merkliste;
  j["checked"] = v.checked;
  j["legal_notice"] = isLegalAid(v.baustein.typ) ? nlohmann::json(kNoLegalAdvice) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json versionJson(const Version& v) {
  return {{"version", v.version},
          {"created_at", strings::isoDate(v.created_at)},
          {"created_by", v.created_by_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.created_by_name)},
          {"note", v.note}};
}

http::Response fileResponse(const Download& download) {
  return http::Response::attachment(download.filename, download.content_type, download.bytes, "no-store");
}

}  // namespace opgv::bausteine
