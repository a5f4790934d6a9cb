#include "validation/report_format.h"

#include <cstdio>

#include "common/strings.h"

namespace opgv::validation {

using strings::htmlEscape;

namespace {

std::string seconds(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text(buffer);
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

}  // namespace

std::string errorCodeLabel(const std::string& code) {
  static const std::pair<const char*, const char*> labels[] = {
      {"type-error", "Falscher Datentyp"},
      {"constraint-error", "Regel verletzt"},
      {"missing-cell", "Zelle fehlt"},
      {"extra-cell", "Zelle zu viel"},
      {"blank-row", "Leere Zeile"},
      {"duplicate-label", "Spaltenname doppelt"},
      {"blank-label", "Spaltenname fehlt"},
      {"missing-label", "Spalte fehlt"},
      {"extra-label", "Spalte unbekannt"},
      {"incorrect-label", "Spaltenname falsch"},
      {"primary-key", "Schlüssel doppelt"},
      {"unique-error", "Wert doppelt"},
      {"foreign-key", "Verweis ungültig"},
      {"encoding-error", "Zeichenkodierung"},
      {"source-error", "Datei nicht lesbar"},
      {"dialect-error", "CSV-Format"},
      {"limit-error", "Grenze erreicht"},
  };
  for (const auto& [key, label] : labels) {
    if (code == key) return label;
  }
  return code;
}

std::string errorSummary(const Report& report) {
  if (report.stats.errors == 0) return "keine Fehler";
  if (report.stats.errors == 1) return "ein Fehler";
  return formatCount(static_cast<uint64_t>(report.stats.errors)) + " Fehler";
}

nlohmann::json reportToJson(const Report& report) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : report.errors) {
    nlohmann::json item = {{"code", e.code}, {"row", e.row}, {"field", e.field}, {"message", e.message}};
    if (e.line) item["line"] = e.line;
    if (e.fieldNumber) item["fieldNumber"] = e.fieldNumber;
    if (!e.cell.empty()) item["cell"] = e.cell;
    if (!e.note.empty()) item["note"] = e.note;
    errors.push_back(std::move(item));
  }
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [code, count] : report.errorCounts) counts[code] = count;
  return {
      {"valid", report.valid},
      {"stats",
       {{"rows", report.stats.rows},
        {"errors", report.stats.errors},
        {"bytes", report.stats.bytes},
        {"seconds", report.stats.seconds},
        {"invalidRows", report.stats.invalidRows},
        {"keys", report.stats.keys},
        {"keyBytes", report.stats.keyBytes}}},
      {"errors", std::move(errors)},
      {"errorCounts", std::move(counts)},
      {"truncated", report.truncated},
      {"fatal", report.fatal},
      {"source", report.source},
      {"format", report.format},
      {"encoding", report.encoding},
      {"resource", report.resource},
      {"labels", report.labels},
      {"notes", report.notes},
  };
}

std::string reportToText(const Report& report) {
  std::string out;
  out += report.valid ? "GÜLTIG: " : "UNGÜLTIG: ";
  out += report.source.empty() ? std::string("Tabelle") : report.source;
  if (!report.resource.empty()) out += " (Ressource " + report.resource + ")";
  out += "\n";
  out += (report.stats.rows == 1 ? std::string("1 Zeile") : formatCount(static_cast<uint64_t>(report.stats.rows)) + " Zeilen") +
         ", " + errorSummary(report) + ", " +
         formatByteSize(report.stats.bytes) + ", " + seconds(report.stats.seconds) + " s\n";
  for (const auto& note : report.notes) out += "Hinweis: " + note + "\n";
  if (!report.errorCounts.empty()) {
    out += "\nFehler nach Art:\n";
    for (const auto& [code, count] : report.errorCounts) {
      out += "  " + formatCount(static_cast<uint64_t>(count)) + " × " + errorCodeLabel(code) + " (" + code + ")\n";
    }
    out += "\n";
  }
  for (const auto& e : report.errors) out += "[" + e.code + "] " + e.message + "\n";
  if (report.truncated) {
    out += "… weitere " + formatCount(static_cast<uint64_t>(report.stats.errors) - report.errors.size()) +
           " Fehler nicht aufgeführt.\n";
  }
  return out;
}

std::string reportToHtml(const Report& report) {
  std::string title = std::string("Prüfbericht: ") + (report.source.empty() ? "Tabelle" : report.source);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         htmlEscape(title) +
         "</title>\n<style>\n"
         "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:70rem;margin:1rem auto;padding:0 1rem;"
         "color:#1b1b1b;background:#fff}\n"
         "table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.3rem .5rem;"
         "text-align:left;vertical-align:top}\n"
         "th{background:#f0f0f0}.ok{color:#0b6b2e}.fail{color:#a4000f}code{overflow-wrap:anywhere}\n"
         "td{overflow-wrap:anywhere}\n"
         "</style>\n</head>\n<body>\n<main>\n<h1>" +
         htmlEscape(title) + "</h1>\n";
  out += std::string("<p class=\"") + (report.valid ? "ok" : "fail") + "\"><strong>" +
         (report.valid ? "Gültig" : "Ungültig") + "</strong>: " +
         htmlEscape(formatCount(static_cast<uint64_t>(report.stats.rows))) + " Zeilen geprüft, " +
         htmlEscape(errorSummary(report)) + ".</p>\n";
  out += "<dl>\n<dt>Format</dt><dd>" + htmlEscape(report.format) + "</dd>\n";
  if (!report.encoding.empty()) out += "<dt>Zeichenkodierung</dt><dd>" + htmlEscape(report.encoding) + "</dd>\n";
  if (!report.resource.empty()) out += "<dt>Ressource</dt><dd>" + htmlEscape(report.resource) + "</dd>\n";
  out += "<dt>Größe</dt><dd>" + htmlEscape(formatByteSize(report.stats.bytes)) + "</dd>\n</dl>\n";
  if (!report.notes.empty()) {
    out += "<h2>Hinweise</h2>\n<ul>\n";
    for (const auto& note : report.notes) out += "<li>" + htmlEscape(note) + "</li>\n";
    out += "</ul>\n";
  }
  if (!report.errorCounts.empty()) {
    out += "<h2>Fehler nach Art</h2>\n<table>\n<thead><tr><th scope=\"col\">Art</th><th scope=\"col\">Code</th>"
           "<th scope=\"col\">Anzahl</th></tr></thead>\n<tbody>\n";
    for (const auto& [code, count] : report.errorCounts) {
      out += "<tr><td>" + htmlEscape(errorCodeLabel(code)) + "</td><td><code>" + htmlEscape(code) + "</code></td><td>" +
             htmlEscape(formatCount(static_cast<uint64_t>(count))) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
    out += "<h2>Fehler im Einzelnen</h2>\n<table>\n<thead><tr><th scope=\"col\">Zeile</th><th scope=\"col\">Feld</th>"
           "<th scope=\"col\">Wert</th><th scope=\"col\">Meldung</th><th scope=\"col\">Code</th></tr></thead>\n<tbody>\n";
    for (const auto& e : report.errors) {
      out += "<tr><td>" + (e.row ? std::to_string(e.row) : std::string("–")) + "</td><td>" + htmlEscape(e.field) +
             "</td><td><code>" + htmlEscape(e.cell) + "</code></td><td>" + htmlEscape(e.message) + "</td><td><code>" +
             htmlEscape(e.code) + "</code></td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (report.truncated) {
      out += "<p>Weitere " + htmlEscape(formatCount(static_cast<uint64_t>(report.stats.errors) - report.errors.size())) +
             " Fehler sind nicht aufgeführt.</p>\n";
    }
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace opgv::validation
