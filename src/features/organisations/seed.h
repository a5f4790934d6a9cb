#pragma once
#include <optional>
#include <string>

#include "common/clock.h"
#include "db/db.h"

namespace opgv::organisations {

// Imports content/kommunen/kommunen.csv (Destatis Gemeindeverzeichnis) and the demo
// organisations. Idempotent: rows that exist are updated, nothing is duplicated.
std::string importContent(db::Database& database, const Clock& clock, const std::string& resourcesDir);
// Runs importContent only on a database that has never been seeded; returns a summary if it ran.
std::optional<std::string> seedIfEmpty(db::Database& database, const Clock& clock, const std::string& resourcesDir);

}  // namespace opgv::organisations
