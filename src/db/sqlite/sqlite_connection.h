#pragma once
#include <memory>
#include <string>

#include "db/db.h"

namespace opgv::db::sqlite {

std::unique_ptr<Connection> connect(const std::string& path);
// Consistent online copy of a live database (VACUUM INTO), safe while the server writes.
void backupTo(const std::string& databasePath, const std::string& targetPath);

}  // namespace opgv::db::sqlite
