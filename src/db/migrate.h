#pragma once
#include <string>
#include <vector>

#include "db/db.h"

namespace opgv::db {

struct MigrationReport {
  std::vector<std::string> applied;
  int current_version = 0;
};

// Applies migrations/<dialect>/NNNN_name.sql in order, each in its own transaction, recording
// version and checksum in schema_migrations. A changed checksum of an applied migration is an
// error: migrations are append-only. On PostgreSQL an advisory lock serialises instances that
// start at the same time.
MigrationReport migrate(Database& database, const std::string& migrationsRoot);

}  // namespace opgv::db
