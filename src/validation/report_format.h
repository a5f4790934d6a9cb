#pragma once
// The validation report as JSON (the CLI contract and the API), as German text for the terminal
// and as a self-contained HTML page (no scripts, no external resources) that can be mailed to the
// person who exported the file.
#include <string>

#include <nlohmann/json.hpp>

#include "validation/validator.h"

namespace opgv::validation {

// {"valid","stats":{"rows","errors","bytes","seconds",…},"errors":[{"code","row","field","message",…}],…}
nlohmann::json reportToJson(const Report& report);
std::string reportToText(const Report& report);
std::string reportToHtml(const Report& report);

// Short German name of an error type ("Falscher Datentyp" for type-error), for tables.
std::string errorCodeLabel(const std::string& code);

// "ein Fehler" / "1.234 Fehler", for summaries.
std::string errorSummary(const Report& report);

}  // namespace opgv::validation
