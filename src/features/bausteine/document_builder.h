#pragma once
// Turns a (filled) Baustein into the neutral office model of src/office/document.h, so that DOCX,
// ODT, PDF, PPTX and ODP all carry the same structure: title, purpose, the type's structured
// sections, the Markdown body, and sources and licence at the end.
#include "features/bausteine/model.h"
#include "office/document.h"

namespace opgv::bausteine {

// `document` is already filled (filledDocument); `version` goes into the footer line.
office::Document toOfficeDocument(const nlohmann::json& document, int64_t version);
// Präsentationsvorlagen only: one slide per entry of `folien`, with speaker notes.
office::Presentation toPresentation(const nlohmann::json& document, int64_t version);

// The notice every legal aid carries, on the page and in every download.
inline constexpr const char* kNoLegalAdvice =
    "Kein Rechtsrat: Dieses Hilfsmittel fasst Rechtsnormen zusammen und ersetzt keine Prüfung im Einzelfall. "
    "Beziehen Sie Ihre Datenschutzbeauftragte oder Ihr Rechtsamt ein. Mit „(zu prüfen)“ markierte Aussagen sind "
    "noch nicht gegen den amtlichen Text geprüft.";

}  // namespace opgv::bausteine
