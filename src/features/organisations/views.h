#pragma once
#include <nlohmann/json.hpp>

#include "features/organisations/model.h"

namespace opgv::organisations {

// JSON shapes shared by the API and (as template models) the HTML pages.
nlohmann::json kommuneJson(const Kommune& k);
nlohmann::json organisationJson(const Organisation& o);
nlohmann::json membershipJson(const Membership& m);
nlohmann::json kommuneModel(const Kommune& k);
nlohmann::json organisationModel(const Organisation& o);

}  // namespace opgv::organisations
