#pragma once
#include <memory>
#include <string>

#include "db/db.h"

namespace opgv::db::sqlite {

std::unique_ptr<Connection> connect(const std::string& path);
// Consistent online copy of a live database (VACUUM INTO), safe while the server writes.
void backupTo(const std::string& databasePath, const std::string& targetPath);
// Opens `path` read-only (without touching it) and checks that it is an intact OPGV database:
// PRAGMA quick_check and a schema_migrations table. Throws DbError otherwise.
void verifyBackup(const std::string& path);

}  // namespace opgv::db::sqlite
