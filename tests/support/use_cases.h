#pragma once
// A use-case document that passes the review validation, for tests that submit, review and
// publish. Fictional, like the examples in content/use-cases/.
#include <string>

#include <nlohmann/json.hpp>

namespace opgv::test {

inline nlohmann::json completeUseCase(const std::string& title) {
  return {{"title", title},
          {"summary", "Beispielstadt (fiktiv) plant Kita-Plätze mit einer Geburtenprognose je Stadtteil (Beispielwerte)."},
          {"schlagworte", {"Kindertagesbetreuung"}},
          {"themenfeld", {"Bildung", "Soziales"}},
          {"status", "pilot"},
          {"zusammenarbeitsform", "data_pooling"},
          {"sections",
           {{"ausgangslage", "Die Kita-Bedarfsplanung beruhte auf **Schätzungen** der Fachbereiche."},
            {"loesung", "Eine Prognose aus Melderegister und Geburten je Stadtteil.\n\n- monatlich\n- automatisch"},
            {"nutzen", "### Für Mitarbeitende\n\nWeniger Abstimmung.\n\n### Für Bürgerinnen und Bürger\n\nPlätze in der Nähe.\n\n### Für die Politik\n\nBelastbare Zahlen."},
            {"wirkung", "Die Planungsrunde dauert kürzer."},
            {"erfolgsfaktoren", "Rückhalt der Dezernentin."},
            {"huerden", "Unterschiedliche Gebietsschlüssel."}}},
          {"wirkung", {{{"kennzahl", "Dauer der Bedarfsplanung"}, {"vorher", 6}, {"nachher", 2}, {"einheit", "Wochen"}, {"quelle", "Beispielwert (fiktiv)"}}}},
          {"huerden", {{{"text", "Gebietsschlüssel passten nicht zusammen."}, {"barrieren", {"fehlende_harmonisierung"}}}}},
          {"projektweg", {{{"datum", "2025-03"}, {"phase", "ueberzeugen"}, {"text", "Vortrag im Jugendhilfeausschuss"}, {"bausteine", {"praesentation-verwaltungsspitze"}}}}},
          {"kontakte", {{{"name", "Kim Beispiel (fiktiv)"}, {"rolle", "Jugendhilfeplanung"}, {"email", "kim.beispiel@example.org"}, {"einverstanden", true}}}},
          {"example", true}};
}

}  // namespace opgv::test
