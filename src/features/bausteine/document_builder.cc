#include "features/bausteine/document_builder.h"

#include "view/markdown.h"

namespace opgv::bausteine {
namespace {

using office::Block;
using office::BlockKind;
using office::Inline;
using office::Span;

Inline plain(const std::string& text) { return text.empty() ? Inline{} : Inline{Span{text}}; }

Block heading(int level, const std::string& text) {
  Block b;
  b.kind = BlockKind::kHeading;
  b.level = level;
  b.text = plain(text);
  return b;
}

Block paragraph(Inline text) {
  Block b;
  b.text = std::move(text);
  return b;
}

Block note(const std::string& text) {
  Block b;
  b.kind = BlockKind::kNote;
  b.text = plain(text);
  return b;
}

Block list(BlockKind kind, const std::vector<Inline>& items) {
  Block b;
  b.kind = kind;
  for (const auto& item : items) b.items.push_back({item, 0});
  return b;
}

std::vector<Inline> plainItems(const std::vector<std::string>& texts) {
  std::vector<Inline> out;
  for (const auto& t : texts) out.push_back(plain(t));
  return out;
}

// A table of label/value rows without a header row (a "Steckbrief").
Block keyValueTable(const std::vector<std::pair<std::string, std::string>>& rows) {
  Block b;
  b.kind = BlockKind::kTable;
  b.header_row = false;
  for (const auto& [label, value] : rows) {
    if (value.empty()) continue;
    b.rows.push_back({{Inline{Span{label, true}}}, {plain(value)}});
  }
  return b;
}

std::string joinLabels(const std::vector<Term>& terms, const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + labelOf(terms, k);
  return out;
}

void appendBody(std::vector<Block>& blocks, const std::string& markdown) {
  for (auto& b : view::markdownToBlocks(markdown)) blocks.push_back(std::move(b));
}

void appendChecklist(std::vector<Block>& blocks, const nlohmann::json& items) {
  Block b;
  b.kind = BlockKind::kCheckList;
  for (const auto& p : items) {
    Inline line{Span{str(p, "text"), true}};
    if (!str(p, "erlaeuterung").empty()) line.push_back(Span{" – " + str(p, "erlaeuterung")});
    if (!str(p, "rechtsquelle").empty()) line.push_back(Span{" Rechtsquelle: " + str(p, "rechtsquelle") + ".", false, true});
    if (!str(p, "warum").empty()) line.push_back(Span{" Warum: " + str(p, "warum"), false, true});
    b.items.push_back({line, 0});
  }
  blocks.push_back(std::move(b));
}

void appendPlaybook(std::vector<Block>& blocks, const nlohmann::json& p) {
  blocks.push_back(heading(2, "Ziel"));
  blocks.push_back(paragraph(plain(str(p, "ziel"))));
  if (p.contains("rollen") && p["rollen"].is_array() && !p["rollen"].empty()) {
    blocks.push_back(heading(2, "Rollen"));
    Block table;
    table.kind = BlockKind::kTable;
    table.rows.push_back({{plain("Rolle")}, {plain("Aufgabe")}});
    for (const auto& r : p["rollen"]) table.rows.push_back({{plain(str(r, "rolle"))}, {plain(str(r, "aufgabe"))}});
    blocks.push_back(std::move(table));
  }
  if (auto rules = strings(p, "entscheidungsregeln"); !rules.empty()) {
    blocks.push_back(heading(2, "Entscheidungsregeln"));
    blocks.push_back(list(BlockKind::kBulletList, plainItems(rules)));
  }
  if (p.contains("schritte") && p["schritte"].is_array()) {
    blocks.push_back(heading(2, "Schritte"));
    std::vector<Inline> steps;
    for (const auto& s : p["schritte"]) steps.push_back(Inline{Span{str(s, "titel") + ": ", true}, Span{str(s, "text")}});
    blocks.push_back(list(BlockKind::kNumberedList, steps));
  }
  if (auto pitfalls = strings(p, "fallstricke"); !pitfalls.empty()) {
    blocks.push_back(heading(2, "Fallstricke"));
    blocks.push_back(list(BlockKind::kBulletList, plainItems(pitfalls)));
  }
}

void appendMethodCard(std::vector<Block>& blocks, const nlohmann::json& m) {
  blocks.push_back(heading(2, "Auf einen Blick"));
  std::string duration;
  if (m.contains("dauer_minuten") && m["dauer_minuten"].is_number_integer()) {
    duration = durationLabel(m["dauer_minuten"].get<int64_t>());
  }
  blocks.push_back(keyValueTable({{"Ziel", str(m, "ziel")}, {"Dauer", duration}, {"Teilnehmende", str(m, "teilnehmende")}}));
  if (auto material = strings(m, "material"); !material.empty()) {
    blocks.push_back(heading(2, "Material"));
    blocks.push_back(list(BlockKind::kBulletList, plainItems(material)));
  }
  if (m.contains("ablauf") && m["ablauf"].is_array()) {
    blocks.push_back(heading(2, "Ablauf"));
    Block table;
    table.kind = BlockKind::kTable;
    table.rows.push_back({{plain("Schritt")}, {plain("Minuten")}, {plain("Was passiert")}});
    for (const auto& s : m["ablauf"]) {
      table.rows.push_back({{plain(str(s, "schritt"))}, {plain(str(s, "minuten"))}, {plain(str(s, "text"))}});
    }
    blocks.push_back(std::move(table));
  }
  if (auto variants = strings(m, "varianten"); !variants.empty()) {
    blocks.push_back(heading(2, "Varianten"));
    blocks.push_back(list(BlockKind::kBulletList, plainItems(variants)));
  }
  auto hints = m.value("hinweise", nlohmann::json::object());
  blocks.push_back(heading(2, "Hinweise für die Verwaltung"));
  for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
           {"datenschutz", "Datenschutz"}, {"personalrat", "Personalrat"}, {"vergabe", "Vergabe"}, {"barrierefreiheit", "Barrierefreiheit"}}) {
    if (str(hints, key).empty()) continue;
    blocks.push_back(heading(3, label));
    blocks.push_back(paragraph(plain(str(hints, key))));
  }
}

}  // namespace

office::Document toOfficeDocument(const nlohmann::json& d, int64_t version) {
  office::Document doc;
  auto typ = str(d, "typ");
  doc.properties.title = str(d, "title");
  doc.properties.subject = labelOf(types(), typ);
  doc.properties.author = "OPGV-Plattform";
  doc.properties.description = str(d, "zweck");
  doc.properties.keywords = strings(d, "schlagworte");
  doc.properties.licence = "CC BY 4.0";
  auto& blocks = doc.blocks;
  blocks.push_back(heading(1, str(d, "title")));
  bool isTemplate = typ == "vorlage" || typ == "kommunikation";
  if (!isTemplate) {
    blocks.push_back(paragraph(Inline{Span{str(d, "zweck"), false, true}}));
    std::string minutes;
    if (d.contains("zeitbedarf_minuten") && d["zeitbedarf_minuten"].is_number_integer()) {
      minutes = durationLabel(d["zeitbedarf_minuten"].get<int64_t>());
    }
    std::string prerequisites;
    for (const auto& p : strings(d, "voraussetzungen")) prerequisites += (prerequisites.empty() ? "" : "; ") + p;
    blocks.push_back(keyValueTable({{"Art", labelOf(types(), typ)},
                                    {"Phase", joinLabels(phases(), strings(d, "phasen"))},
                                    {"Rollen", joinLabels(roles(), strings(d, "rollen"))},
                                    {"Wirkungsfeld", joinLabels(wirkungsfelder(), strings(d, "wirkungsfelder"))},
                                    {"Zeitbedarf", minutes},
                                    {"Voraussetzungen", prerequisites}}));
  }
  if (isLegalAid(typ)) blocks.push_back(note(kNoLegalAdvice));
  if (typ == "tutorial") {
    if (auto goals = strings(d, "lernziele"); !goals.empty()) {
      blocks.push_back(heading(2, "Lernziele"));
      blocks.push_back(list(BlockKind::kBulletList, plainItems(goals)));
    }
  }
  appendBody(blocks, str(d, "body"));
  if (d.contains("punkte") && d["punkte"].is_array() && !d["punkte"].empty()) {
    blocks.push_back(heading(2, "Checkliste"));
    appendChecklist(blocks, d["punkte"]);
  }
  if (typ == "playbook" && d.contains("playbook")) appendPlaybook(blocks, d["playbook"]);
  if (typ == "methodenkarte" && d.contains("methodenkarte")) appendMethodCard(blocks, d["methodenkarte"]);
  if (isPresentation(typ) && d.contains("folien") && d["folien"].is_array()) {
    int n = 0;
    for (const auto& f : d["folien"]) {
      blocks.push_back(heading(2, "Folie " + std::to_string(++n) + ": " + str(f, "titel")));
      blocks.push_back(list(BlockKind::kBulletList, plainItems(strings(f, "punkte"))));
      if (!str(f, "notizen").empty()) blocks.push_back(note("Sprechernotiz: " + str(f, "notizen")));
    }
  }
  if (auto sources = strings(d, "quellen"); !sources.empty()) {
    blocks.push_back(heading(2, "Quellen"));
    blocks.push_back(list(BlockKind::kBulletList, plainItems(sources)));
  }
  blocks.push_back(paragraph(Inline{Span{"Baustein „" + str(d, "title") + "“ der OPGV-Plattform, Version " +
                                             std::to_string(version) + ", Stand " + str(d, "last_reviewed") +
                                             ". Lizenz: Creative Commons Namensnennung 4.0 (CC BY 4.0).",
                                         false, true}}));
  return doc;
}

office::Presentation toPresentation(const nlohmann::json& d, int64_t version) {
  office::Presentation deck;
  deck.properties.title = str(d, "title");
  deck.properties.subject = labelOf(types(), str(d, "typ"));
  deck.properties.author = "OPGV-Plattform";
  deck.properties.description = str(d, "zweck") + " (Version " + std::to_string(version) + ", CC BY 4.0)";
  deck.properties.keywords = strings(d, "schlagworte");
  deck.properties.licence = "CC BY 4.0";
  if (d.contains("folien") && d["folien"].is_array()) {
    for (const auto& f : d["folien"]) deck.slides.push_back({str(f, "titel"), strings(f, "punkte"), str(f, "notizen")});
  }
  return deck;
}

}  // namespace opgv::bausteine
