#include "common/crypto.h"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

#include "common/strings.h"

namespace opgv::crypto {

void initialize() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium konnte nicht initialisiert werden");
}

// Tokens come from a per-thread ChaCha20 stream keyed once from the kernel CSPRNG (the same
// construction as libsodium's randombytes_buf_deterministic). It avoids one getrandom(2) per
// token, which showed up in the request profile: guests get a CSRF binding on their first page.
static void fastRandom(unsigned char* out, size_t size) {
  thread_local struct Stream {
    unsigned char key[crypto_stream_chacha20_KEYBYTES];
    uint64_t counter = 0;
    Stream() { randombytes_buf(key, sizeof key); }
  } stream;
  unsigned char nonce[crypto_stream_chacha20_NONCEBYTES] = {};
  uint64_t n = ++stream.counter;
  std::memcpy(nonce, &n, sizeof n);
  crypto_stream_chacha20(out, size, nonce, stream.key);
}

std::string randomToken() {
  unsigned char bytes[32];
  fastRandom(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string hashToken(std::string_view token) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return strings::toHex(out, sizeof out);
}

std::string keyedHash(std::string_view key, std::string_view message) {
  unsigned char k[32];
  crypto_generichash(k, sizeof k, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                     nullptr, 0);
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), k, sizeof k);
  return strings::toHex(out, sizeof out);
}

std::string hashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  // INTERACTIVE limits keep a login around 50-100 ms on a 2-core machine while still meeting
  // OWASP's Argon2id minimum (64 MiB, 2 passes).
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("Passwort-Hash fehlgeschlagen (Speicher)");
  }
  return out;
}

bool verifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string base64Encode(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace opgv::crypto
