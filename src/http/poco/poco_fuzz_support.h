#pragma once
#include <cstddef>
#include <cstdint>

namespace opgv::http::poco {

// Parses an HTTP request head (request line and header fields) with the same Poco parser the
// server uses, so that the fuzz target exercises it without including Poco itself.
// Returns true if the head was accepted.
bool parseRequestHead(const uint8_t* data, size_t size);

}  // namespace opgv::http::poco
