#include "features/pages/feedback.h"

#include "common/strings.h"

namespace opgv::pages {
namespace {
constexpr std::string_view kInsertFeedback =
    "INSERT INTO accessibility_feedback (name, email, message, page_url, created_at, answer_due_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr int64_t kOneMonthSeconds = 31 * 24 * 3600;
}  // namespace

Result<int64_t> submitFeedback(db::Database& database, const Clock& clock, const FeedbackInput& input) {
  std::vector<FieldError> errors;
  auto message = strings::trim(input.message);
  if (message.empty()) errors.push_back({"message", "Bitte beschreiben Sie die Barriere."});
  if (strings::utf8Length(message) > 5000) errors.push_back({"message", "Bitte fassen Sie sich kürzer (höchstens 5.000 Zeichen)."});
  auto email = strings::trim(input.email);
  if (!email.empty() && (email.find('@') == std::string::npos || email.size() > 254)) {
    errors.push_back({"email", "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@kommune.de, oder lassen Sie das Feld leer."});
  }
  if (strings::utf8Length(input.name) > 200) errors.push_back({"name", "Der Name ist zu lang (höchstens 200 Zeichen)."});
  if (input.page_url.size() > 2000) errors.push_back({"page_url", "Die Adresse ist zu lang."});
  if (!errors.empty()) return invalid(errors);
  auto now = clock.nowSeconds();
  auto rs = database.query(kInsertFeedback,
                           {strings::trim(input.name), email, message, strings::trim(input.page_url), now, now + kOneMonthSeconds});
  return rs.first().i64(0);
}

}  // namespace opgv::pages
