#include "http/problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace opgv::http {
namespace {

// The complete table from docs/architecture.md ("One mapping"). Adding an ErrorCode without
// adding it here fails AllCodesAreMapped.
const std::map<ErrorCode, int>& expectedStatus() {
  static const std::map<ErrorCode, int> table = {
      {ErrorCode::kMalformed, 400},        {ErrorCode::kInvalidInput, 422},
      {ErrorCode::kUnauthenticated, 401},  {ErrorCode::kForbidden, 403},
      {ErrorCode::kNotFound, 404},         {ErrorCode::kConflict, 409},
      {ErrorCode::kTooManyRequests, 429},  {ErrorCode::kPayloadTooLarge, 413},
      {ErrorCode::kUnsupportedMediaType, 415}, {ErrorCode::kUnavailable, 503},
      {ErrorCode::kInternal, 500},
  };
  return table;
}

TEST(ProblemMapping, AllCodesAreMapped) {
  // ErrorCode is contiguous from kMalformed to kInternal.
  int count = static_cast<int>(ErrorCode::kInternal) + 1;
  EXPECT_EQ(static_cast<size_t>(count), expectedStatus().size());
  std::set<int> statuses;
  for (int i = 0; i < count; ++i) {
    auto code = static_cast<ErrorCode>(i);
    ASSERT_TRUE(expectedStatus().count(code)) << errorCodeName(code);
    EXPECT_EQ(statusFor(code), expectedStatus().at(code)) << errorCodeName(code);
    statuses.insert(statusFor(code));
  }
  EXPECT_EQ(statuses.size(), expectedStatus().size()) << "two codes share a status";
}

TEST(ProblemMapping, EveryCodeGivesAProblemJsonWithTheSameStatus) {
  for (const auto& [code, status] : expectedStatus()) {
    Error error{code, "Nachricht für „Nutzer“", "internes Detail, nie an den Client", {}};
    auto res = problem(error, "/pfad");
    EXPECT_EQ(res.status, status);
    EXPECT_EQ(res.header("Content-Type"), "application/problem+json");
    auto body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["type"], "about:blank");
    EXPECT_EQ(body["title"], defaultTitle(status));
    EXPECT_EQ(body["detail"], "Nachricht für „Nutzer“");
    EXPECT_EQ(body["instance"], "/pfad");
    EXPECT_EQ(res.body.find("internes Detail"), std::string::npos) << "internal text leaked";
    // Every mapped status has its own German title (only 500 is "Interner Fehler").
    if (status != 500) {
      EXPECT_STRNE(defaultTitle(status), "Interner Fehler") << status;
    }
    EXPECT_STRNE(statusReason(status), "Status") << status;
  }
}

TEST(ProblemMapping, FieldErrorsAndNoInstance) {
  auto res = problem(422, "Bitte prüfen", {{"email", "fehlt"}, {"name", "zu lang"}});
  auto body = nlohmann::json::parse(res.body);
  EXPECT_FALSE(body.contains("instance"));
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["field"], "email");
  EXPECT_EQ(body["errors"][1]["message"], "zu lang");
  EXPECT_FALSE(nlohmann::json::parse(problem(400, "x").body).contains("errors"));
}

TEST(ProblemMapping, ProtocolStatusesHaveReasonsAndTitles) {
  for (int status : {405, 431, 501, 505}) {
    EXPECT_STRNE(statusReason(status), "Status") << status;
    EXPECT_STRNE(defaultTitle(status), "Interner Fehler") << status;
  }
}

}  // namespace
}  // namespace opgv::http
