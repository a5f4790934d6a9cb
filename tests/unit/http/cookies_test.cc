#include "http/cookies.h"

#include <gtest/gtest.h>

#include "http/request.h"
#include "http/response.h"

namespace opgv::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(CookieHeader, ParsesPairsTrimsAndUnquotes) {
  EXPECT_EQ(parseCookieHeader("a=1; b=2"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parseCookieHeader("  a = 1 ;b=2;  "), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parseCookieHeader("q=\"quoted value\""), (Pairs{{"q", "quoted value"}}));
  EXPECT_EQ(parseCookieHeader("q=\"\""), (Pairs{{"q", ""}}));
  EXPECT_EQ(parseCookieHeader("q=\"half"), (Pairs{{"q", "\"half"}}));  // unbalanced quote kept
  EXPECT_EQ(parseCookieHeader("t=a=b=c"), (Pairs{{"t", "a=b=c"}}));   // base64 padding etc.
}

TEST(CookieHeader, SkipsJunkAndEmpty) {
  EXPECT_TRUE(parseCookieHeader("").empty());
  EXPECT_TRUE(parseCookieHeader(";;; ;").empty());
  EXPECT_TRUE(parseCookieHeader("junk").empty());
  EXPECT_TRUE(parseCookieHeader("=value").empty());
  EXPECT_EQ(parseCookieHeader("junk; =x; a=1; ;b="), (Pairs{{"a", "1"}, {"b", ""}}));
}

TEST(CookieHeader, BoundsTheNumberOfCookies) {
  std::string header;
  for (int i = 0; i < 500; ++i) header += "c" + std::to_string(i) + "=v; ";
  EXPECT_EQ(parseCookieHeader(header).size(), 64u);
}

TEST(CookieHeader, RequestCookieLookupUsesFirstMatch) {
  Request req;
  req.headers.emplace_back("cookie", "opgv_theme=dark; opgv_session=abc; opgv_session=evil");
  EXPECT_EQ(req.cookie("opgv_session"), "abc");
  EXPECT_EQ(req.cookie("opgv_theme"), "dark");
  EXPECT_FALSE(req.cookie("missing"));
  Request none;
  EXPECT_FALSE(none.cookie("opgv_session"));
}

TEST(CookieSerialize, Attributes) {
  Cookie c{"opgv_session", "tok", "/", -1, true};
  c.secure = true;
  EXPECT_EQ(serializeCookie(c), "opgv_session=tok; Path=/; HttpOnly; Secure; SameSite=Lax");
  Cookie del{"opgv_flash", "", "/", 0, true};
  EXPECT_EQ(serializeCookie(del), "opgv_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

}  // namespace
}  // namespace opgv::http
