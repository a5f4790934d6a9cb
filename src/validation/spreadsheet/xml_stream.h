#pragma once
// expat adapter of the spreadsheet reader (expat.h stays in xml_stream.cc): streams one ZIP entry
// through a namespace-aware SAX parser into an XmlHandler. Names arrive split into namespace URI
// and local name, so prefixes do not matter (`x:row` is `row`) and the strict OOXML namespaces
// work like the transitional ones wherever a handler only looks at local names.
//
// Hostile XML is bounded here: a DOCTYPE is refused (no entity expansion at all), nesting deeper
// than kMaxXmlDepth is refused, and so is a single token (a tag, a comment) that stays unfinished
// for more than kMaxPendingXmlBytes: expat buffers a token until it ends, so without the limit
// one endless attribute would take the whole entry into memory.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "validation/spreadsheet/zip_archive.h"

namespace opgv::validation::spreadsheet {

inline constexpr int kMaxXmlDepth = 256;
inline constexpr uint64_t kMaxPendingXmlBytes = uint64_t{1} << 20;

struct XmlName {
  std::string_view ns;  // namespace URI, empty for none
  std::string_view local;
  bool is(std::string_view localName) const { return local == localName; }
  bool is(std::string_view nsUri, std::string_view localName) const { return local == localName && ns == nsUri; }
};

class XmlAttributes {
 public:
  explicit XmlAttributes(const char** raw) : raw_(raw) {}
  // The first attribute with this local name in namespace `ns` (empty: no namespace, which is
  // what unprefixed attributes have).
  std::optional<std::string_view> get(std::string_view local, std::string_view ns = {}) const;
  // The first attribute with this local name in any namespace, none included.
  std::optional<std::string_view> getAny(std::string_view local) const;

 private:
  const char** raw_;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void startElement(const XmlName& name, const XmlAttributes& attributes) = 0;
  virtual void endElement(const XmlName& name) = 0;
  virtual void characters(std::string_view text) = 0;

  // The handler has what it needs: parsing ends early, without error.
  void requestStop() { stopRequested_ = true; }
  // The handler found a problem it has reported itself: parsing ends, the parse fails.
  void abort() { aborted_ = true; }
  bool stopRequested() const { return stopRequested_; }
  bool aborted() const { return aborted_; }

 private:
  bool stopRequested_ = false;
  bool aborted_ = false;
};

struct XmlFailure {
  enum class Kind : uint8_t { kMalformed, kDoctype, kTooDeep, kTokenTooLarge };
  Kind kind = Kind::kMalformed;
  int64_t line = 0;    // 1-based position in the XML part
  int64_t column = 0;  // 1-based
  std::string detail;  // expat's explanation, English
};

struct HandlerAborted {};

using XmlParseFailure = std::variant<ZipFailure, XmlFailure, HandlerAborted>;

// Inflates `entry` in chunks of `chunkBytes` straight into expat's buffer and parses it. Ends
// successfully at the end of the document or when the handler requested a stop.
std::expected<void, XmlParseFailure> parseXmlEntry(ZipArchive& archive, const ZipEntry& entry, XmlHandler& handler,
                                                   size_t chunkBytes);

// Streams `entry` in chunks to `sink` without parsing (for the merged-cell prescan). The sink
// returns false to stop.
template <class Sink>
std::expected<void, ZipFailure> streamEntry(ZipArchive& archive, const ZipEntry& entry, size_t chunkBytes, Sink&& sink) {
  auto reader = archive.openEntry(entry);
  if (!reader) return std::unexpected(std::move(reader.error()));
  std::string buffer(chunkBytes == 0 ? 1 : chunkBytes, '\0');
  for (;;) {
    auto n = reader->read(buffer.data(), buffer.size());
    if (!n) return std::unexpected(std::move(n.error()));
    if (*n == 0 || !sink(std::string_view(buffer.data(), *n))) return {};
  }
}

}  // namespace opgv::validation::spreadsheet
