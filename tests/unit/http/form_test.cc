#include "http/form.h"

#include <gtest/gtest.h>

#include <string>

namespace opgv::http {
namespace {

TEST(FormUrlEncoded, DecodesPlusEscapesAndRepeatedNames) {
  auto form = parseUrlEncoded("name=J%C3%B6rg+M%C3%BCller&tag=a&tag=b&empty=&flag&x%26y=1%3D2");
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_EQ(form->value("name"), "Jörg Müller");
  EXPECT_EQ(form->all("tag"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(form->get("tag"), "a");  // first wins
  ASSERT_TRUE(form->get("empty"));
  EXPECT_EQ(*form->get("empty"), "");
  ASSERT_TRUE(form->get("flag"));  // name without '='
  EXPECT_EQ(*form->get("flag"), "");
  EXPECT_EQ(form->value("x&y"), "1=2");
  EXPECT_FALSE(form->get("missing"));
  EXPECT_EQ(form->value("missing"), "");
  EXPECT_EQ(form->fields.size(), 6u);
}

TEST(FormUrlEncoded, PlusIsSpaceButEncodedPlusIsPlus) {
  auto form = parseUrlEncoded("a=1+1%3D2&b=%2B49+30");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->value("a"), "1 1=2");
  EXPECT_EQ(form->value("b"), "+49 30");
}

TEST(FormUrlEncoded, EmptyBodyAndEmptyPairs) {
  auto empty = parseUrlEncoded("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->fields.empty());
  auto sparse = parseUrlEncoded("&&a=1&&b=2&");
  ASSERT_TRUE(sparse);
  EXPECT_EQ(sparse->fields.size(), 2u);
  EXPECT_EQ(sparse->value("b"), "2");
  // A value may itself contain '=' after the first.
  EXPECT_EQ(parseUrlEncoded("k=a=b")->value("k"), "a=b");
}

TEST(FormUrlEncoded, BrokenEscapesAreMalformed) {
  for (const char* body : {"a=%", "a=%4", "a=%zz", "a=1&b=%G0", "%=1", "a%2=1", "a=100%"}) {
    auto form = parseUrlEncoded(body);
    ASSERT_FALSE(form) << body;
    EXPECT_EQ(form.error().code, ErrorCode::kMalformed) << body;
    EXPECT_FALSE(form.error().message.empty());
  }
}

TEST(FormUrlEncoded, InvalidUtf8IsMalformed) {
  for (const char* body : {"name=%FF", "name=%C3", "name=Stra%DFe", "name=%C0%AF", "name=%ED%A0%80",
                           "%FF=1", "ok=1&bad=%E2%82"}) {
    auto form = parseUrlEncoded(body);
    ASSERT_FALSE(form) << body;
    EXPECT_EQ(form.error().code, ErrorCode::kMalformed) << body;
    EXPECT_NE(form.error().message.find("UTF-8"), std::string::npos) << form.error().message;
  }
  // Raw (unescaped) invalid bytes are rejected just the same.
  auto raw = parseUrlEncoded(std::string("name=\xC3(", 7));
  ASSERT_FALSE(raw);
  EXPECT_EQ(raw.error().code, ErrorCode::kMalformed);
}

TEST(FormUrlEncoded, FieldLimit) {
  FormLimits limits;
  limits.max_fields = 3;
  EXPECT_TRUE(parseUrlEncoded("a=1&b=2&c=3", limits));
  EXPECT_TRUE(parseUrlEncoded("a=1&&b=2&&c=3&", limits));  // empty pairs do not count
  auto tooMany = parseUrlEncoded("a=1&b=2&c=3&d=4", limits);
  ASSERT_FALSE(tooMany);
  EXPECT_EQ(tooMany.error().code, ErrorCode::kPayloadTooLarge);
  // The default allows 200 fields.
  std::string body;
  for (int i = 0; i < 200; ++i) body += (i ? "&f" : "f") + std::to_string(i) + "=x";
  EXPECT_TRUE(parseUrlEncoded(body));
  EXPECT_FALSE(parseUrlEncoded(body + "&one=more"));
}

TEST(FormUrlEncoded, ValueLimitCountsDecodedBytes) {
  FormLimits limits;
  limits.max_value_bytes = 4;
  EXPECT_TRUE(parseUrlEncoded("a=abcd", limits));
  EXPECT_TRUE(parseUrlEncoded("a=%41%42%43%44", limits));  // 12 raw, 4 decoded bytes
  auto tooLong = parseUrlEncoded("a=abcde", limits);
  ASSERT_FALSE(tooLong);
  EXPECT_EQ(tooLong.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_FALSE(parseUrlEncoded("a=%C3%A4%C3%A4%C3%A4", limits));  // "äää" is 6 bytes
}

TEST(RequestTarget, SplitsPathAndQueryAndDecodesPathOnly) {
  auto t = parseRequestTarget("/kommunen/M%C3%BCnchen?q=a%26b&x=1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->first, "/kommunen/München");
  EXPECT_EQ(t->second, "q=a%26b&x=1");  // the query stays raw
  EXPECT_EQ(parseRequestTarget("/")->first, "/");
  EXPECT_EQ(parseRequestTarget("/?")->second, "");
  EXPECT_EQ(parseRequestTarget("/a+b")->first, "/a+b");  // '+' is not a space in paths
  EXPECT_EQ(parseRequestTarget("/x?a=1#frag")->second, "a=1");
}

TEST(RequestTarget, ResolvesDotSegments) {
  EXPECT_EQ(parseRequestTarget("/a/./b")->first, "/a/b");
  EXPECT_EQ(parseRequestTarget("/a/b/../c")->first, "/a/c");
  EXPECT_EQ(parseRequestTarget("/a/..")->first, "/");
  EXPECT_EQ(parseRequestTarget("/./")->first, "/");
  EXPECT_EQ(parseRequestTarget("/static/css/../js/opgv.js")->first, "/static/js/opgv.js");
  // Encoded dots are dot segments too (decoded before resolution).
  EXPECT_EQ(parseRequestTarget("/a/%2e%2E/b")->first, "/b");
  EXPECT_EQ(parseRequestTarget("/a/%2e/b")->first, "/a/b");
}

TEST(RequestTarget, ClimbingAboveTheRootIsRejected) {
  for (const char* target : {"/..", "/../etc/passwd", "/static/../../etc/passwd", "/a/../../b",
                             "/%2e%2e/etc/passwd", "/static/%2E%2E/%2e%2e/etc/passwd",
                             "/static/..%2F..%2Fetc%2Fpasswd", "/./../x"}) {
    auto t = parseRequestTarget(target);
    ASSERT_FALSE(t) << target << " -> " << t->first;
    EXPECT_EQ(t.error().code, ErrorCode::kMalformed);
  }
}

TEST(RequestTarget, EncodedSlashesAreSeparators) {
  // %2F decodes before dot-segment resolution, so it cannot hide a ".." from the check above
  // and cannot smuggle a '/' into a single path parameter either.
  EXPECT_EQ(parseRequestTarget("/a%2Fb")->first, "/a/b");
  EXPECT_EQ(parseRequestTarget("/a%2fb%2F..%2Fc")->first, "/a/c");
}

TEST(RequestTarget, RejectsControlCharactersNonOriginFormAndBadEncoding) {
  for (const char* target : {"/a%00b", "/a%0Ab", "/a%0d%0aSet-Cookie:x", "/a%7F", "/a%1B"}) {
    auto t = parseRequestTarget(target);
    ASSERT_FALSE(t) << target;
    EXPECT_EQ(t.error().code, ErrorCode::kMalformed);
  }
  EXPECT_FALSE(parseRequestTarget(std::string("/a\x01", 3)));
  EXPECT_FALSE(parseRequestTarget("/?q=\x7f"));
  EXPECT_FALSE(parseRequestTarget(std::string("/?q=a\nb")));
  EXPECT_FALSE(parseRequestTarget(""));
  EXPECT_FALSE(parseRequestTarget("*"));
  EXPECT_FALSE(parseRequestTarget("http://example.org/"));
  EXPECT_FALSE(parseRequestTarget("relative/path"));
  EXPECT_FALSE(parseRequestTarget("/%zz"));
  EXPECT_FALSE(parseRequestTarget("/%"));
  EXPECT_FALSE(parseRequestTarget("/%FF"));          // invalid UTF-8
  EXPECT_FALSE(parseRequestTarget("/%C0%AF"));       // overlong '/'
  EXPECT_FALSE(parseRequestTarget("/%ED%A0%80"));    // surrogate
}

TEST(ContentTypeHeader, ParsesMediaTypeCharsetBoundary) {
  auto ct = parseContentType("Application/X-WWW-Form-URLEncoded; Charset=\"UTF-8\"");
  EXPECT_EQ(ct.media_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(ct.charset, "utf-8");
  auto mp = parseContentType("multipart/form-data; boundary=----AbC123");
  EXPECT_EQ(mp.media_type, "multipart/form-data");
  EXPECT_EQ(mp.boundary, "----AbC123");  // boundary keeps its case
  auto quoted = parseContentType("multipart/form-data; boundary=\"a b\"");
  EXPECT_EQ(quoted.boundary, "a b");
  auto plain = parseContentType("  application/json  ");
  EXPECT_EQ(plain.media_type, "application/json");
  EXPECT_EQ(plain.charset, "");
  auto junk = parseContentType("text/plain; ; novalue; charset=latin1");
  EXPECT_EQ(junk.media_type, "text/plain");
  EXPECT_EQ(junk.charset, "latin1");
  EXPECT_EQ(parseContentType("").media_type, "");
}

}  // namespace
}  // namespace opgv::http
