#include <gtest/gtest.h>

#include "auth/sessions.h"
#include "common/crypto.h"

namespace opgv::auth {
namespace {

class CsrfTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::initialize(); }
};

TEST_F(CsrfTest, TokenForTheSameBindingIsValid) {
  Csrf csrf("geheimnis-der-installation");
  auto token = csrf.tokenFor("session-hash-1");
  EXPECT_FALSE(token.empty());
  EXPECT_EQ(token, csrf.tokenFor("session-hash-1")) << "deterministic, so forms stay valid across pages";
  EXPECT_TRUE(csrf.valid("session-hash-1", token));
}

TEST_F(CsrfTest, WrongTokenOrOtherBindingIsInvalid) {
  Csrf csrf("geheimnis");
  auto token = csrf.tokenFor("binding-a");
  EXPECT_FALSE(csrf.valid("binding-b", token));
  EXPECT_FALSE(csrf.valid("binding-a", csrf.tokenFor("binding-b")));
  EXPECT_FALSE(csrf.valid("binding-a", token + "0"));
  EXPECT_FALSE(csrf.valid("binding-a", token.substr(0, token.size() - 1)));
  std::string flipped = token;
  flipped[0] = flipped[0] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(csrf.valid("binding-a", flipped));
  // The raw binding (e.g. the cookie value) is not a token.
  EXPECT_FALSE(csrf.valid("binding-a", "binding-a"));
}

TEST_F(CsrfTest, EmptyBindingOrTokenIsNeverValid) {
  Csrf csrf("geheimnis");
  EXPECT_FALSE(csrf.valid("", csrf.tokenFor("")));
  EXPECT_FALSE(csrf.valid("binding", ""));
  EXPECT_FALSE(csrf.valid("", ""));
}

TEST_F(CsrfTest, TokensDependOnTheSecret) {
  Csrf one("secret-one");
  Csrf two("secret-two");
  EXPECT_NE(one.tokenFor("b"), two.tokenFor("b"));
  EXPECT_FALSE(two.valid("b", one.tokenFor("b")));
}

}  // namespace
}  // namespace opgv::auth
