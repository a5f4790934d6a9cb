#include "validation/spreadsheet/xml_stream.h"

#include <expat.h>

#include <climits>
#include <memory>

namespace opgv::validation::spreadsheet {
namespace {

// Between namespace URI and local name in expat's names. \x01 cannot occur in XML 1.0 text, so it
// cannot occur in a URI either.
constexpr char kNamespaceSeparator = '\x01';

XmlName splitName(const char* raw) {
  const std::string_view name(raw);
  const size_t separator = name.find(kNamespaceSeparator);
  if (separator == std::string_view::npos) return {{}, name};
  return {name.substr(0, separator), name.substr(separator + 1)};
}

struct ParseState {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  int depth = 0;
  bool stopped = false;  // expat may still deliver a callback or two after XML_StopParser
  std::optional<XmlFailure> failure;

  void stop() {
    stopped = true;
    XML_StopParser(parser, XML_FALSE);
  }
  void fail(XmlFailure::Kind kind, std::string detail) {
    failure = XmlFailure{kind, static_cast<int64_t>(XML_GetCurrentLineNumber(parser)),
                         static_cast<int64_t>(XML_GetCurrentColumnNumber(parser)) + 1, std::move(detail)};
    stop();
  }
  void afterCallback() {
    if (handler->aborted() || handler->stopRequested()) stop();
  }
};

void XMLCALL onStartElement(void* user, const XML_Char* name, const XML_Char** attributes) {
  auto* state = static_cast<ParseState*>(user);
  if (state->stopped) return;
  if (++state->depth > kMaxXmlDepth) {
    state->fail(XmlFailure::Kind::kTooDeep, "elements nested too deeply");
    return;
  }
  state->handler->startElement(splitName(name), XmlAttributes(attributes));
  state->afterCallback();
}

void XMLCALL onEndElement(void* user, const XML_Char* name) {
  auto* state = static_cast<ParseState*>(user);
  if (state->stopped) return;
  --state->depth;
  state->handler->endElement(splitName(name));
  state->afterCallback();
}

void XMLCALL onCharacters(void* user, const XML_Char* text, int length) {
  auto* state = static_cast<ParseState*>(user);
  if (state->stopped) return;
  state->handler->characters(std::string_view(text, static_cast<size_t>(length)));
  state->afterCallback();
}

// Spreadsheet parts never have a DTD; refusing it rules out entity expansion of any kind.
void XMLCALL onDoctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* state = static_cast<ParseState*>(user);
  if (state->stopped) return;
  state->fail(XmlFailure::Kind::kDoctype, "DOCTYPE declaration");
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

}  // namespace

std::optional<std::string_view> XmlAttributes::get(std::string_view local, std::string_view ns) const {
  for (const char** a = raw_; a != nullptr && *a != nullptr; a += 2) {
    const XmlName name = splitName(a[0]);
    if (name.local == local && name.ns == ns) return std::string_view(a[1]);
  }
  return std::nullopt;
}

std::optional<std::string_view> XmlAttributes::getAny(std::string_view local) const {
  for (const char** a = raw_; a != nullptr && *a != nullptr; a += 2) {
    if (splitName(a[0]).local == local) return std::string_view(a[1]);
  }
  return std::nullopt;
}

std::expected<void, XmlParseFailure> parseXmlEntry(ZipArchive& archive, const ZipEntry& entry, XmlHandler& handler,
                                                   size_t chunkBytes) {
  const int chunk = static_cast<int>(std::min<size_t>(std::max<size_t>(chunkBytes, 1), INT_MAX / 2));
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
  if (!parser) return std::unexpected(XmlFailure{XmlFailure::Kind::kMalformed, 0, 0, "out of memory"});
  ParseState state;
  state.parser = parser.get();
  state.handler = &handler;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), onStartElement, onEndElement);
  XML_SetCharacterDataHandler(parser.get(), onCharacters);
  XML_SetStartDoctypeDeclHandler(parser.get(), onDoctype);

  auto reader = archive.openEntry(entry);
  if (!reader) return std::unexpected(std::move(reader.error()));
  uint64_t fed = 0;
  for (;;) {
    void* buffer = XML_GetBuffer(parser.get(), chunk);
    if (buffer == nullptr) return std::unexpected(XmlFailure{XmlFailure::Kind::kTokenTooLarge, 0, 0, "out of memory"});
    auto n = reader->read(static_cast<char*>(buffer), static_cast<size_t>(chunk));
    if (!n) return std::unexpected(std::move(n.error()));
    fed += *n;
    const bool final = *n == 0;
    if (XML_ParseBuffer(parser.get(), static_cast<int>(*n), final) == XML_STATUS_ERROR) {
      if (state.failure) return std::unexpected(std::move(*state.failure));
      if (handler.aborted()) return std::unexpected(HandlerAborted{});
      if (handler.stopRequested()) return {};
      return std::unexpected(XmlFailure{XmlFailure::Kind::kMalformed,
                                        static_cast<int64_t>(XML_GetCurrentLineNumber(parser.get())),
                                        static_cast<int64_t>(XML_GetCurrentColumnNumber(parser.get())) + 1,
                                        XML_ErrorString(XML_GetErrorCode(parser.get()))});
    }
    if (final) return {};
    // Outside a callback the index is just past the last parse event: what lies beyond it is one
    // token expat is still collecting.
    const XML_Index parsed = XML_GetCurrentByteIndex(parser.get());
    if (parsed >= 0 && fed - static_cast<uint64_t>(parsed) > kMaxPendingXmlBytes) {
      return std::unexpected(XmlFailure{XmlFailure::Kind::kTokenTooLarge,
                                        static_cast<int64_t>(XML_GetCurrentLineNumber(parser.get())),
                                        static_cast<int64_t>(XML_GetCurrentColumnNumber(parser.get())) + 1,
                                        "unfinished token"});
    }
  }
}

}  // namespace opgv::validation::spreadsheet
