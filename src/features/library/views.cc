#include "features/library/views.h"

#include "common/strings.h"
#include "http/form.h"

namespace opgv::library {

Result<SearchParams> searchParamsFromQuery(std::string_view rawQuery) {
  auto form = http::parseUrlEncoded(rawQuery);
  if (!form) return std::unexpected(form.error());
  SearchParams p;
  p.q = form->value("q");
  if (auto s = form->get("sort"); s && !s->empty()) p.sort = *s;
  auto number = [&](const char* name, int64_t& target) -> Status {
    auto raw = form->get(name);
    if (!raw || raw->empty()) return {};
    auto n = strings::parseInt(*raw);
    if (!n) return invalid({{name, std::string("„") + name + "“ muss eine ganze Zahl sein."}});
    target = *n;
    return {};
  };
  if (auto ok = number("page", p.page); !ok) return std::unexpected(ok.error());
  if (auto ok = number("per_page", p.per_page); !ok) return std::unexpected(ok.error());
  p.fit_only = form->value("passt") == "1";
  for (const auto& f : facets()) {
    for (auto& v : form->all(f.key)) {
      if (!v.empty()) p.filters[f.key].push_back(v);
    }
  }
  return p;
}

std::string searchQueryString(const SearchParams& p) {
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    out += (out.empty() ? "" : "&") + key + "=" + strings::percentEncode(value);
  };
  if (!p.q.empty()) add("q", p.q);
  for (const auto& f : facets()) {
    auto it = p.filters.find(f.key);
    if (it == p.filters.end()) continue;
    for (const auto& v : it->second) add(f.key, v);
  }
  if (p.fit_only) add("passt", "1");
  if (p.sort != "relevanz") add("sort", p.sort);
  if (p.per_page != 20) add("per_page", std::to_string(p.per_page));
  if (p.page != 1) add("page", std::to_string(p.page));
  return out;
}

nlohmann::json listItemJson(const ListItem& item) {
  nlohmann::json j = {{"slug", item.slug},
                      {"title", item.title},
                      {"summary", item.summary},
                      {"url", "/use-cases/" + item.slug},
                      {"published_at", item.published_at ? nlohmann::json(strings::isoDate(*item.published_at)) : nlohmann::json(nullptr)},
                      {"last_reviewed", item.last_reviewed},
                      {"replication_count", item.replication_count},
                      {"interest_count", item.interest_count}};
  nlohmann::json facetValues = nlohmann::json::object();
  for (const auto& f : facets()) {
    auto it = item.facets.find(f.key);
    facetValues[f.key] = it == item.facets.end() ? nlohmann::json::array() : nlohmann::json(it->second);
  }
  j["facets"] = facetValues;
  auto snippet = nlohmann::json::array();
  for (const auto& part : item.snippet) snippet.push_back({{"text", part.text}, {"hit", part.hit}});
  j["snippet"] = snippet;
  j["fit_reasons"] = item.fit_reasons;
  return j;
}

nlohmann::json searchResultJson(const SearchResult& r) {
  auto items = nlohmann::json::array();
  for (const auto& item : r.items) items.push_back(listItemJson(item));
  nlohmann::json facetJson = nlohmann::json::object();
  for (const auto& [key, counts] : r.facets) {
    auto list = nlohmann::json::array();
    for (const auto& c : counts) list.push_back({{"value", c.value}, {"label", c.label}, {"count", c.count}, {"selected", c.selected}});
    facetJson[key] = list;
  }
  return {{"items", items}, {"total", r.total}, {"page", r.page}, {"per_page", r.per_page},
          {"matched_any_word", r.any_word}, {"facets", facetJson}};
}

nlohmann::json useCaseSummaryJson(const UseCase& u) {
  return {{"slug", u.slug},
          {"title", u.draft.value("title", u.title)},
          {"state", stateKey(u.state)},
          {"state_label", stateLabel(u.state)},
          {"origin", u.origin},
          {"published_version", u.published_version ? nlohmann::json(*u.published_version) : nlohmann::json(nullptr)},
          {"updated_at", strings::isoDate(u.draft_updated_at)},
          {"seed_conflict", u.seed_conflict.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.seed_conflict)}};
}

nlohmann::json useCaseDetailJson(const UseCaseView& v) {
  auto j = useCaseSummaryJson(v.use_case);
  j["title"] = v.document.value("title", v.use_case.title);
  j["document"] = v.document;
  j["showing_draft"] = v.showing_draft;
  j["version_count"] = v.version_count;
  j["interest_count"] = v.interest_count;
  auto interested = nlohmann::json::array();
  for (const auto& i : v.public_interests) interested.push_back({{"organisation_id", i.organisation_id}, {"name", i.organisation_name}});
  j["interested_organisations"] = interested;
  auto related = nlohmann::json::array();
  for (const auto& r : v.related) related.push_back({{"slug", r.slug}, {"title", r.title}, {"summary", r.summary}});
  j["related"] = related;
  j["fit_reasons"] = v.fit_reasons;
  j["contacts_visible"] = v.contacts_visible;
  // What the caller may do, so API clients can show the same buttons as the page.
  j["can_edit"] = v.can_edit;
  j["can_review"] = v.can_review;
  j["can_register_interest"] = v.can_register_interest;
  j["my_interest_organisation_id"] = v.my_interest_org ? nlohmann::json(*v.my_interest_org) : nlohmann::json(nullptr);
  if (v.can_edit || v.can_review) {
    auto comments = nlohmann::json::array();
    for (const auto& c : v.comments) {
      comments.push_back({{"section", c.section}, {"body", c.body}, {"author", c.author_name}, {"created_at", strings::isoDate(c.created_at)}});
    }
    j["review_comments"] = comments;
    j["draft"] = v.use_case.draft;
  }
  return j;
}

nlohmann::json versionJson(const Version& v, bool withDocument) {
  nlohmann::json j = {{"version", v.version},
                      {"title", v.title},
                      {"published_at", strings::isoDate(v.published_at)},
                      {"published_by", v.published_by ? nlohmann::json(v.published_by_name) : nlohmann::json("Import aus dem Repository")},
                      {"note", v.note}};
  if (withDocument) j["document"] = v.document;
  return j;
}

nlohmann::json diffJson(const VersionDiff& d) {
  auto sections = nlohmann::json::array();
  for (const auto& s : d.sections) {
    auto parts = nlohmann::json::array();
    for (const auto& p : s.parts) {
      parts.push_back({{"change", p.change == textdiff::Change::kSame ? "same" : p.change == textdiff::Change::kAdded ? "added" : "removed"},
                       {"text", p.text}});
    }
    sections.push_back({{"key", s.key}, {"heading", s.heading}, {"changed", s.changed}, {"parts", parts}});
  }
  return {{"from", versionJson(d.from, false)}, {"to", versionJson(d.to, false)}, {"sections", sections}};
}

}  // namespace opgv::library
