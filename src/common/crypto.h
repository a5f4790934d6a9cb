#pragma once
// libsodium adapter: the only place that includes sodium.h.
#include <optional>
#include <string>
#include <string_view>

namespace opgv::crypto {

void initialize();
// 32 random bytes, URL-safe base64 without padding.
std::string randomToken();
// BLAKE2b-256 as hex. Used to store tokens (sessions, API tokens, reset links) so that a
// database leak does not hand out live credentials.
std::string hashToken(std::string_view token);
// Keyed BLAKE2b (HMAC-like) as hex; the key is any length and is hashed to 32 bytes first.
std::string keyedHash(std::string_view key, std::string_view message);
std::string hashPassword(std::string_view password);
bool verifyPassword(std::string_view hash, std::string_view password);
bool constantTimeEquals(std::string_view a, std::string_view b);
// Standard base64 (with padding), for binary data kept in TEXT columns of both engines.
std::string base64Encode(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace opgv::crypto
