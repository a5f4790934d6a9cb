#pragma once
#include <string>

#include "app/config.h"
#include "common/result.h"

namespace opgv::app {

// Online, consistent backups: SQLite via VACUUM INTO (a snapshot in one read transaction),
// PostgreSQL via pg_dump (one repeatable-read snapshot). Returns the path written.
Result<std::string> backup(const Config& config, const std::string& outPath);
// Restores a backup made by `backup`. The server must be stopped (SQLite) or idle (PostgreSQL).
Status restore(const Config& config, const std::string& fromPath);

}  // namespace opgv::app
