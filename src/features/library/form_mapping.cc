#include "features/library/form_mapping.h"

#include <algorithm>
#include <cmath>

#include "common/strings.h"
#include "features/library/content_loader.h"
#include "features/library/model.h"

namespace opgv::library {
namespace {

constexpr int kKpiRows = 3, kHurdleRows = 3, kPathRows = 4, kContactRows = 2, kMaxRows = 30;

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number()) {
    auto text = it->dump();
    std::replace(text.begin(), text.end(), '.', ',');  // German decimal comma
    return text;
  }
  return it->dump();
}

std::vector<std::string> commaList(const std::string& text) {
  std::vector<std::string> out;
  for (auto& part : strings::split(text, ',')) {
    auto t = strings::trim(part);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

std::string joinComma(const nlohmann::json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (v.is_string()) out += (out.empty() ? "" : ", ") + v.get<std::string>();
  }
  return out;
}

// "12", "1.234", "3,5" → number; anything else stays text so validation can name it.
nlohmann::json number(const std::string& raw) {
  auto text = strings::trim(raw);
  if (text.empty()) return nullptr;
  std::string normalised;
  for (char c : text) {
    if (c == '.') continue;  // thousands separator
    normalised.push_back(c == ',' ? '.' : c);
  }
  if (auto n = strings::parseInt(normalised)) return *n;
  try {
    size_t used = 0;
    double d = std::stod(normalised, &used);
    if (used == normalised.size() && std::isfinite(d)) return d;
  } catch (...) {
  }
  return text;
}

int rowsFor(const nlohmann::json& doc, const char* key, int minimum) {
  int filled = doc.contains(key) && doc[key].is_array() ? static_cast<int>(doc[key].size()) : 0;
  return std::min(kMaxRows, std::max(minimum, filled + 1));
}

int submittedRows(const http::FormData& form, const std::string& prefix) {
  int rows = 0;
  for (const auto& [name, value] : form.fields) {
    if (!strings::startsWith(name, prefix)) continue;
    auto rest = name.substr(prefix.size());
    auto n = strings::parseInt(rest.substr(0, rest.find('_')));
    if (n && *n > rows && *n <= kMaxRows) rows = static_cast<int>(*n);
  }
  return rows;
}

}  // namespace

nlohmann::json documentFromForm(const http::FormData& form) {
  nlohmann::json doc = nlohmann::json::object();
  doc["title"] = strings::trim(form.value("title"));
  doc["summary"] = strings::trim(form.value("summary"));
  doc["schlagworte"] = commaList(form.value("schlagworte"));
  doc["themenfeld"] = form.all("themenfeld");
  doc["status"] = form.value("status");
  doc["zusammenarbeitsform"] = form.value("zusammenarbeitsform");
  nlohmann::json secs = nlohmann::json::object();
  for (const auto& s : sections()) secs[s.key] = form.value(std::string("section_") + s.key);
  doc["sections"] = secs;

  auto kpis = nlohmann::json::array();
  for (int i = 1; i <= submittedRows(form, "kpi_"); ++i) {
    auto p = "kpi_" + std::to_string(i) + "_";
    nlohmann::json row = {{"kennzahl", strings::trim(form.value(p + "kennzahl"))}, {"vorher", number(form.value(p + "vorher"))},
                          {"nachher", number(form.value(p + "nachher"))}, {"einheit", strings::trim(form.value(p + "einheit"))},
                          {"quelle", strings::trim(form.value(p + "quelle"))}};
    bool empty = row["kennzahl"] == "" && row["vorher"].is_null() && row["nachher"].is_null() && row["einheit"] == "" && row["quelle"] == "";
    if (!empty) kpis.push_back(row);
  }
  doc["wirkung"] = kpis;

  auto hurdles = nlohmann::json::array();
  for (int i = 1; i <= submittedRows(form, "huerde_"); ++i) {
    auto p = "huerde_" + std::to_string(i) + "_";
    auto text = strings::trim(form.value(p + "text"));
    auto barriers = form.all(p + "barriere");
    if (text.empty() && barriers.empty()) continue;
    hurdles.push_back({{"text", text}, {"barrieren", barriers}});
  }
  doc["huerden"] = hurdles;

  auto path = nlohmann::json::array();
  for (int i = 1; i <= submittedRows(form, "weg_"); ++i) {
    auto p = "weg_" + std::to_string(i) + "_";
    auto datum = strings::trim(form.value(p + "datum"));
    auto text = strings::trim(form.value(p + "text"));
    auto bausteine = commaList(form.value(p + "bausteine"));
    if (datum.empty() && text.empty() && bausteine.empty()) continue;
    path.push_back({{"datum", datum}, {"phase", form.value(p + "phase")}, {"text", text}, {"bausteine", bausteine}});
  }
  doc["projektweg"] = path;

  auto contacts = nlohmann::json::array();
  for (int i = 1; i <= submittedRows(form, "kontakt_"); ++i) {
    auto p = "kontakt_" + std::to_string(i) + "_";
    nlohmann::json c = {{"name", strings::trim(form.value(p + "name"))}, {"rolle", strings::trim(form.value(p + "rolle"))},
                        {"email", strings::trim(form.value(p + "email"))}, {"einverstanden", form.value(p + "einverstanden") == "1"}};
    if (c["name"] == "" && c["rolle"] == "" && c["email"] == "") continue;
    contacts.push_back(c);
  }
  doc["kontakte"] = contacts;

  auto datasets = nlohmann::json::array();
  for (auto& line : strings::split(form.value("datensaetze"), '\n')) {
    auto t = strings::trim(line);
    if (t.empty()) continue;
    auto space = t.find(' ');
    datasets.push_back({{"uri", t.substr(0, space)}, {"bezeichnung", space == std::string::npos ? "" : strings::trim(t.substr(space + 1))}});
  }
  doc["datensaetze"] = datasets;
  doc["fachverfahren"] = commaList(form.value("fachverfahren"));
  doc["govtech_partner"] = commaList(form.value("govtech_partner"));
  doc["personenbezug"] = {{"betroffen", form.value("personenbezug") == "1"},
                          {"kategorien", commaList(form.value("personenbezug_kategorien"))},
                          {"rechtsgrundlage", strings::trim(form.value("personenbezug_rechtsgrundlage"))}};
  doc["aufwand"] = {{"personentage", number(form.value("aufwand_personentage"))},
                    {"dauer_monate", number(form.value("aufwand_dauer_monate"))},
                    {"kosten_einmalig_eur", number(form.value("aufwand_kosten_einmalig"))},
                    {"kosten_laufend_eur_jahr", number(form.value("aufwand_kosten_laufend"))},
                    {"beschaffung", strings::trim(form.value("aufwand_beschaffung"))}};
  return doc;
}

nlohmann::json formModel(const nlohmann::json& doc, const std::vector<FieldError>& errors) {
  nlohmann::json m = nlohmann::json::object();
  m["FIELD_TITLE_VALUE"] = str(doc, "title");
  m["FIELD_SUMMARY_VALUE"] = str(doc, "summary");
  m["FIELD_SCHLAGWORTE_VALUE"] = joinComma(doc.value("schlagworte", nlohmann::json::array()));
  auto themen = nlohmann::json::array();
  auto selectedThemen = doc.value("themenfeld", nlohmann::json::array());
  int t = 0;
  for (const auto& name : themenfelder()) {
    nlohmann::json item = {{"OPT_VALUE", name}, {"OPT_LABEL", name}, {"OPT_ID", "themenfeld-" + std::to_string(++t)}};
    if (std::find(selectedThemen.begin(), selectedThemen.end(), name) != selectedThemen.end()) item["OPT_CHECKED"] = true;
    themen.push_back(item);
  }
  m["THEMENFELDER"] = themen;
  auto options = [&](const std::vector<std::string>& keys, auto label, const std::string& selected) {
    auto list = nlohmann::json::array();
    for (const auto& k : keys) {
      nlohmann::json item = {{"OPT_VALUE", k}, {"OPT_LABEL", label(k)}};
      if (k == selected) item["OPT_SELECTED"] = true;
      list.push_back(item);
    }
    return list;
  };
  m["STATUS_OPTIONS"] = options({"idee", "pilot", "im_betrieb", "verstetigt", "eingestellt"}, statusLabel, str(doc, "status"));
  m["FORM_OPTIONS"] = options({"public_interface", "trusted_intermediary", "data_pooling", "research_partnership",
                               "prizes_challenges", "intelligence_generation"},
                              zusammenarbeitsformLabel, str(doc, "zusammenarbeitsform"));
  auto secs = nlohmann::json::array();
  for (const auto& s : sections()) {
    auto text = doc.contains("sections") ? str(doc["sections"], s.key) : "";
    secs.push_back({{"SECTION_KEY", s.key}, {"SECTION_HEADING", s.heading}, {"SECTION_VALUE", text}});
  }
  m["FORM_SECTIONS"] = secs;

  auto rows = [&](const char* key, int minimum, auto fill) {
    auto list = nlohmann::json::array();
    auto existing = doc.value(key, nlohmann::json::array());
    int count = rowsFor(doc, key, minimum);
    for (int i = 0; i < count; ++i) {
      nlohmann::json row = {{"ROW", std::to_string(i + 1)}};
      fill(row, i < static_cast<int>(existing.size()) ? existing[i] : nlohmann::json::object());
      list.push_back(row);
    }
    return list;
  };
  m["KPI_ROWS"] = rows("wirkung", kKpiRows, [](nlohmann::json& row, const nlohmann::json& k) {
    row["KENNZAHL"] = str(k, "kennzahl");
    row["VORHER"] = str(k, "vorher");
    row["NACHHER"] = str(k, "nachher");
    row["EINHEIT"] = str(k, "einheit");
    row["QUELLE"] = str(k, "quelle");
  });
  m["HURDLE_ROWS"] = rows("huerden", kHurdleRows, [](nlohmann::json& row, const nlohmann::json& h) {
    row["TEXT"] = str(h, "text");
    auto selected = h.value("barrieren", nlohmann::json::array());
    auto list = nlohmann::json::array();
    for (const auto& b : barrierenkreislaeufe()) {
      nlohmann::json item = {{"OPT_VALUE", b}, {"OPT_LABEL", barriereLabel(b)}, {"OPT_ID", "huerde-" + row["ROW"].get<std::string>() + "-" + b}};
      if (std::find(selected.begin(), selected.end(), b) != selected.end()) item["OPT_CHECKED"] = true;
      list.push_back(item);
    }
    row["BARRIEREN"] = list;
  });
  m["PATH_ROWS"] = rows("projektweg", kPathRows, [](nlohmann::json& row, const nlohmann::json& p) {
    row["DATUM"] = str(p, "datum");
    row["TEXT"] = str(p, "text");
    row["BAUSTEINE"] = joinComma(p.value("bausteine", nlohmann::json::array()));
    auto list = nlohmann::json::array();
    for (const auto& phase : {"ueberzeugen", "umsetzen", "integrieren"}) {
      nlohmann::json item = {{"OPT_VALUE", phase}, {"OPT_LABEL", phaseLabel(phase)}};
      if (str(p, "phase") == phase) item["OPT_SELECTED"] = true;
      list.push_back(item);
    }
    row["PHASES"] = list;
  });
  m["CONTACT_ROWS"] = rows("kontakte", kContactRows, [](nlohmann::json& row, const nlohmann::json& c) {
    row["NAME"] = str(c, "name");
    row["ROLLE"] = str(c, "rolle");
    row["EMAIL"] = str(c, "email");
    if (c.value("einverstanden", false)) row["EINVERSTANDEN"] = true;
  });
  std::string datasets;
  for (const auto& d : doc.value("datensaetze", nlohmann::json::array())) {
    datasets += str(d, "uri") + (str(d, "bezeichnung").empty() ? "" : " " + str(d, "bezeichnung")) + "\n";
  }
  m["FIELD_DATENSAETZE_VALUE"] = datasets;
  m["FIELD_FACHVERFAHREN_VALUE"] = joinComma(doc.value("fachverfahren", nlohmann::json::array()));
  m["FIELD_GOVTECH_PARTNER_VALUE"] = joinComma(doc.value("govtech_partner", nlohmann::json::array()));
  auto pb = doc.value("personenbezug", nlohmann::json::object());
  if (pb.value("betroffen", false)) m["PERSONENBEZUG_CHECKED"] = true;
  m["FIELD_PERSONENBEZUG_KATEGORIEN_VALUE"] = joinComma(pb.value("kategorien", nlohmann::json::array()));
  m["FIELD_PERSONENBEZUG_RECHTSGRUNDLAGE_VALUE"] = str(pb, "rechtsgrundlage");
  auto a = doc.value("aufwand", nlohmann::json::object());
  m["FIELD_AUFWAND_PERSONENTAGE_VALUE"] = str(a, "personentage");
  m["FIELD_AUFWAND_DAUER_MONATE_VALUE"] = str(a, "dauer_monate");
  m["FIELD_AUFWAND_KOSTEN_EINMALIG_VALUE"] = str(a, "kosten_einmalig_eur");
  m["FIELD_AUFWAND_KOSTEN_LAUFEND_VALUE"] = str(a, "kosten_laufend_eur_jahr");
  m["FIELD_AUFWAND_BESCHAFFUNG_VALUE"] = str(a, "beschaffung");

  auto summary = nlohmann::json::array();
  for (const auto& e : errors) {
    // Links in the error summary point at the first input of the field group.
    std::string target = e.field;
    if (e.field == "themenfeld") target = "themenfeld-1";
    else if (e.field == "wirkung") target = "kpi_1_kennzahl";
    else if (e.field == "huerden") target = "huerde_1_text";
    else if (e.field == "projektweg") target = "weg_1_datum";
    else if (e.field == "kontakte") target = "kontakt_1_name";
    summary.push_back({{"FIELD_ID", target}, {"MESSAGE", e.message}});
    std::string key;
    for (char c : e.field) key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (!m.contains("FIELD_" + key + "_ERROR")) m["FIELD_" + key + "_ERROR"] = {{"MESSAGE", e.message}};
    for (auto& s : m["FORM_SECTIONS"]) {
      if (e.field == "section_" + s["SECTION_KEY"].get<std::string>()) s["SECTION_ERROR"] = {{"MESSAGE", e.message}};
    }
  }
  if (!summary.empty()) m["FORM_ERRORS"] = summary;
  return m;
}

}  // namespace opgv::library
