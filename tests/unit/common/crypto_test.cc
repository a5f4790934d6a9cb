#include "common/crypto.h"

#include <gtest/gtest.h>

namespace opgv::crypto {
namespace {

TEST(Base64, RoundTripsBinaryDataWithNulBytes) {
  initialize();
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t length : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
    auto part = bytes.substr(0, length);
    auto encoded = base64Encode(part);
    EXPECT_EQ(encoded.size() % 4, 0u);
    EXPECT_EQ(encoded.find('\0'), std::string::npos);
    EXPECT_EQ(base64Decode(encoded), part) << length;
  }
  EXPECT_EQ(base64Encode("%PDF"), "JVBERg==");
}

TEST(Base64, RefusesText) {
  initialize();
  EXPECT_FALSE(base64Decode("kein base64!").has_value());
}

}  // namespace
}  // namespace opgv::crypto
