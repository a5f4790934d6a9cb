#pragma once
#include <memory>
#include <string>

#include "db/db.h"

namespace opgv::db::postgres {

std::unique_ptr<Connection> connect(const std::string& url);

}  // namespace opgv::db::postgres
