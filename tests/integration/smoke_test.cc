#include <gtest/gtest.h>

#include "support/test_server.h"

namespace opgv::test {
namespace {

class Smoke : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
  }
};

TEST_P(Smoke, RegisterConfirmLoginLogout) {
  TestServer server(GetParam());
  auto b = server.browser();
  ASSERT_EQ(b.get("/registrieren").status, 200);
  auto r = b.postForm("/registrieren", {{"email", "alex@example.org"},
                                         {"display_name", "Alex"},
                                         {"password", "ein-langes-passwort"},
                                         {"password_repeat", "ein-langes-passwort"},
                                         {"accept_privacy", "ja"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/anmelden");
  auto mail = server.lastMailTo("alex@example.org");
  auto pos = mail.find("token=");
  ASSERT_NE(pos, std::string::npos) << mail;
  auto token = mail.substr(pos + 6, mail.find('\n', pos) - pos - 6);
  r = b.get("/registrieren/bestaetigen?token=" + token);
  EXPECT_EQ(r.status, 303);
  b.get("/anmelden");
  r = b.postForm("/anmelden", {{"email", "alex@example.org"}, {"password", "ein-langes-passwort"}, {"return_to", "/profil"}});
  ASSERT_EQ(r.status, 303);
  auto profile = b.follow(r);
  EXPECT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("alex@example.org"), std::string::npos);
  r = b.postForm("/abmelden", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(b.get("/profil").status, 303);
}

INSTANTIATE_TEST_SUITE_P(Backends, Smoke, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
