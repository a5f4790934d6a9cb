#pragma once
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "db/db.h"

namespace opgv::pages {

struct FeedbackInput {
  std::string name;
  std::string email;
  std::string message;
  std::string page_url;
};

// Barriers reported through the Erklärung zur Barrierefreiheit. § 12b BGG: answer within a
// month, so the deadline is stored with the report.
Result<int64_t> submitFeedback(db::Database& database, const Clock& clock, const FeedbackInput& input);

}  // namespace opgv::pages
