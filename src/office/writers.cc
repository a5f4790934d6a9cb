#include "office/writers.h"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace opgv::office {

std::string sanitizeXmlText(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  const size_t size = text.size();
  auto byteAt = [&text](size_t index) { return static_cast<unsigned char>(text[index]); };
  size_t pos = 0;
  while (pos < size) {
    const unsigned char lead = byteAt(pos);
    if (lead < 0x80) {
      // Every format turns a line feed into a line break; a CR on its own would be normalised
      // to a line feed by any XML parser anyway, and CR LF must not become two breaks.
      if (lead == '\r') {
        out += '\n';
        pos += (pos + 1 < size && text[pos + 1] == '\n') ? 2 : 1;
        continue;
      }
      if (lead >= 0x20 || lead == '\t' || lead == '\n') out += static_cast<char>(lead);
      ++pos;
      continue;
    }
    // Well-formed UTF-8 per Unicode table 3-7: the second byte's range depends on the lead byte,
    // which rules out overlong forms, encoded surrogates and code points above U+10FFFF.
    size_t length = 0;
    unsigned char secondLow = 0x80;
    unsigned char secondHigh = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) secondLow = 0xA0;
      if (lead == 0xED) secondHigh = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) secondLow = 0x90;
      if (lead == 0xF4) secondHigh = 0x8F;
    } else {
      out += kReplacement;
      ++pos;
      continue;
    }
    size_t valid = 1;
    while (valid < length && pos + valid < size) {
      const unsigned char next = byteAt(pos + valid);
      const unsigned char low = valid == 1 ? secondLow : 0x80;
      const unsigned char high = valid == 1 ? secondHigh : 0xBF;
      if (next < low || next > high) break;
      ++valid;
    }
    if (valid < length) {
      // One replacement per maximal broken prefix (Unicode's recommended practice), so the
      // byte that broke the sequence is looked at again as a possible start.
      out += kReplacement;
      pos += valid;
      continue;
    }
    const bool isNonCharacterFffeOrFfff =
        lead == 0xEF && byteAt(pos + 1) == 0xBF && (byteAt(pos + 2) == 0xBE || byteAt(pos + 2) == 0xBF);
    if (!isNonCharacterFffeOrFfff) out.append(text.substr(pos, length));
    pos += length;
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Input cleaning: one pass over the model, so the format code below only ever sees safe text.

constexpr int kMaxListLevel = 8;  // Word has 9 list levels (0..8); ODF has 10.

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Only schemes that are safe to click: office suites and PDF viewers open links with the system
// handler, and a javascript:, file: or custom-scheme link in a downloaded document is an attack.
// The result is pure ASCII: characters that are not allowed in a URI (spaces, quotes, non-ASCII)
// are percent-encoded, because Word refuses some raw ones and PDF link annotations need ASCII.
std::string safeLink(std::string_view url) {
  std::string text = sanitizeXmlText(url);
  const size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) return {};
  const size_t last = text.find_last_not_of(" \t\n");
  text = text.substr(first, last - first + 1);
  if (!startsWithIgnoringCase(text, "http://") && !startsWithIgnoringCase(text, "https://") &&
      !startsWithIgnoringCase(text, "mailto:")) {
    return {};
  }
  static constexpr std::string_view kUnsafeInUri = " \"<>\\^`{|}";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte >= 0x7F || kUnsafeInUri.find(c) != std::string_view::npos) {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    } else {
      encoded += c;
    }
  }
  // Word stops accepting links at about 2,080 characters; such a link is not a real one.
  if (encoded.size() > 2048) return {};
  return encoded;
}

Inline cleanInline(const Inline& spans) {
  Inline clean;
  clean.reserve(spans.size());
  for (const Span& span : spans) {
    clean.push_back({sanitizeXmlText(span.text), span.bold, span.italic, safeLink(span.link)});
  }
  return clean;
}

Properties cleanProperties(const Properties& properties) {
  Properties clean;
  clean.title = sanitizeXmlText(properties.title);
  clean.subject = sanitizeXmlText(properties.subject);
  clean.author = sanitizeXmlText(properties.author);
  clean.description = sanitizeXmlText(properties.description);
  for (const std::string& keyword : properties.keywords) {
    std::string cleanKeyword = sanitizeXmlText(keyword);
    if (!cleanKeyword.empty()) clean.keywords.push_back(std::move(cleanKeyword));
  }
  clean.language = properties.language;  // validated separately, see parseLanguage
  clean.licence = sanitizeXmlText(properties.licence);
  return clean;
}

Document cleanDocument(const Document& document) {
  Document clean;
  clean.properties = cleanProperties(document.properties);
  clean.blocks.reserve(document.blocks.size());
  for (const Block& block : document.blocks) {
    Block cleanBlock;
    cleanBlock.kind = block.kind;
    cleanBlock.level = std::clamp(block.level, 1, 3);
    cleanBlock.header_row = block.header_row;
    cleanBlock.text = cleanInline(block.text);
    // A list can only go one level deeper at a time; a jump (0 → 3) has no sensible rendering,
    // and formats disagree on what it means.
    int previousLevel = -1;
    for (const ListItem& item : block.items) {
      const int level = std::min(std::clamp(item.level, 0, kMaxListLevel), previousLevel + 1);
      cleanBlock.items.push_back({cleanInline(item.content), level});
      previousLevel = level;
    }
    for (const auto& row : block.rows) {
      std::vector<TableCell> cleanRow;
      for (const TableCell& cell : row) cleanRow.push_back({cleanInline(cell.content)});
      cleanBlock.rows.push_back(std::move(cleanRow));
    }
    clean.blocks.push_back(std::move(cleanBlock));
  }
  return clean;
}

Presentation cleanPresentation(const Presentation& presentation) {
  Presentation clean;
  clean.properties = cleanProperties(presentation.properties);
  for (const Slide& slide : presentation.slides) {
    Slide cleanSlide;
    cleanSlide.title = sanitizeXmlText(slide.title);
    for (const std::string& bullet : slide.bullets) cleanSlide.bullets.push_back(sanitizeXmlText(bullet));
    cleanSlide.notes = sanitizeXmlText(slide.notes);
    clean.slides.push_back(std::move(cleanSlide));
  }
  return clean;
}

// A BCP 47 tag reduced to what the formats need: OOXML takes the tag, ODF splits it into
// language and country. An unusable tag falls back to German, because a wrong language makes
// screen readers and spell checkers apply the wrong rules, and German is what the platform writes.
struct Language {
  std::string tag;       // "de-DE"
  std::string language;  // "de"
  std::string country;   // "DE", may be empty
};

Language parseLanguage(std::string_view tag) {
  const Language fallback{"de-DE", "de", "DE"};
  std::vector<std::string> subtags(1);
  for (char c : tag) {
    if (c == '-' || c == '_') {
      subtags.emplace_back();
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      subtags.back() += c;
    } else {
      return fallback;
    }
  }
  for (const std::string& subtag : subtags) {
    if (subtag.empty() || subtag.size() > 8) return fallback;
  }
  std::string language = subtags[0];
  if (language.size() < 2 || language.size() > 3) return fallback;
  for (char& c : language) {
    if (c >= '0' && c <= '9') return fallback;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  Language result{language, language, ""};
  for (size_t i = 1; i < subtags.size(); ++i) {
    std::string subtag = subtags[i];
    const bool isRegion = subtag.size() == 2 ||
                          (subtag.size() == 3 && std::all_of(subtag.begin(), subtag.end(),
                                                             [](char c) { return c >= '0' && c <= '9'; }));
    if (isRegion && result.country.empty()) {
      for (char& c : subtag) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      result.country = subtag;
    }
    result.tag += "-" + subtag;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// XML building. Parts are built as pugixml DOMs and serialised raw: no indentation, because in
// ODF whitespace between inline elements is content.

using Attributes = std::initializer_list<std::pair<const char*, std::string_view>>;

pugi::xml_node element(pugi::xml_node parent, const char* name, Attributes attributes = {}) {
  pugi::xml_node node = parent.append_child(name);
  for (const auto& [key, value] : attributes)
    node.append_attribute(key).set_value(value.data(), value.size());
  return node;
}

void appendText(pugi::xml_node parent, std::string_view text) {
  parent.append_child(pugi::node_pcdata).set_value(text.data(), text.size());
}

pugi::xml_node textElement(pugi::xml_node parent, const char* name, std::string_view text,
                           Attributes attributes = {}) {
  pugi::xml_node node = element(parent, name, attributes);
  appendText(node, text);
  return node;
}

class StringWriter : public pugi::xml_writer {
 public:
  void write(const void* data, size_t size) override { bytes.append(static_cast<const char*>(data), size); }
  std::string bytes;
};

// Not copyable or movable: node handles point into the document.
class XmlPart {
 public:
  explicit XmlPart(const char* rootName) {
    pugi::xml_node declaration = document_.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    declaration.append_attribute("standalone") = "yes";
    root_ = document_.append_child(rootName);
  }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;
  pugi::xml_node root() const { return root_; }
  std::string serialize() const {
    StringWriter writer;
    document_.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
    return std::move(writer.bytes);
  }

 private:
  pugi::xml_document document_;
  pugi::xml_node root_;
};

void declareNamespaces(pugi::xml_node root, Attributes namespaces) {
  for (const auto& [prefix, uri] : namespaces)
    root.append_attribute(prefix).set_value(uri.data(), uri.size());
}

// Walks sanitised text and reports plain pieces, line breaks and tabs, which every format
// writes as elements of their own.
void forEachPiece(std::string_view text, const std::function<void(std::string_view)>& onText,
                  const std::function<void()>& onLineBreak, const std::function<void()>& onTab) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\t') continue;
    if (i > start) onText(text.substr(start, i - start));
    if (text[i] == '\n') {
      onLineBreak();
    } else {
      onTab();
    }
    start = i + 1;
  }
  if (start < text.size()) onText(text.substr(start));
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    const size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ZIP container, in memory.

class ZipPackage {
 public:
  void add(std::string name, std::string content) {
    entries_.push_back({std::move(name), std::move(content), true});
  }
  // ODF's mimetype entry must be stored uncompressed (and first) so that tools can identify the
  // file from the bytes at offset 38 without unpacking anything.
  void addStored(std::string name, std::string content) {
    entries_.push_back({std::move(name), std::move(content), false});
  }
  Result<std::string> finish() const;

 private:
  struct Entry {
    std::string name;
    std::string content;
    bool compressed;
  };
  std::vector<Entry> entries_;
};

Result<std::string> zipFailure(std::string internal) {
  return fail(ErrorCode::kInternal, "Das Dokument konnte nicht erstellt werden.", "libzip: " + internal);
}

Result<std::string> ZipPackage::finish() const {
  // A fixed timestamp (the DOS epoch, 1980-01-01 00:00) makes the output byte-identical for the
  // same input, whatever the time or time zone; a real date would only leak when a file was made.
  constexpr zip_uint16_t kDosTime = 0;
  constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return zipFailure(message);
  }
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> bufferOwner(buffer, &zip_source_free);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return zipFailure(message);
  }
  zip_error_fini(&error);
  // zip_close() releases the source it was opened from; keep it, the bytes are read from it.
  zip_source_keep(buffer);

  for (const Entry& entry : entries_) {
    zip_source_t* data = zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    if (data == nullptr) {
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      return zipFailure(message);
    }
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, 0);
    if (index < 0) {
      std::string message = zip_strerror(archive);
      zip_source_free(data);
      zip_discard(archive);
      return zipFailure(message);
    }
    const auto entryIndex = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive, entryIndex, entry.compressed ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) <
            0 ||
        zip_file_set_dostime(archive, entryIndex, kDosTime, kDosDate, 0) < 0) {
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      return zipFailure(message);
    }
  }
  if (zip_close(archive) < 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    return zipFailure(message);
  }

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer, &stat) < 0 || zip_source_open(buffer) < 0) {
    return zipFailure(zip_error_strerror(zip_source_error(buffer)));
  }
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_source_read(buffer, bytes.data(), stat.size);
  zip_source_close(buffer);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return zipFailure("short read from the in-memory archive");
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Office Open XML packaging (shared by DOCX and PPTX).

namespace ooxml {

constexpr std::string_view kRelationshipPrefix =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr std::string_view kP = "http://schemas.openxmlformats.org/presentationml/2006/main";

std::string relationshipType(std::string_view name) {
  return std::string(kRelationshipPrefix) + std::string(name);
}

class Relationships {
 public:
  std::string add(std::string type, std::string target) {
    return addEntry(std::move(type), std::move(target), false);
  }
  // The same URL linked twice shares one relationship, as Word does it.
  std::string addHyperlink(const std::string& url) {
    auto found = hyperlinks_.find(url);
    if (found != hyperlinks_.end()) return found->second;
    std::string id = addEntry(relationshipType("hyperlink"), url, true);
    hyperlinks_.emplace(url, id);
    return id;
  }
  std::string xml() const {
    XmlPart part("Relationships");
    declareNamespaces(part.root(),
                      {{"xmlns", "http://schemas.openxmlformats.org/package/2006/relationships"}});
    for (size_t i = 0; i < entries_.size(); ++i) {
      const std::string id = "rId" + std::to_string(i + 1);
      pugi::xml_node relationship =
          element(part.root(), "Relationship",
                  {{"Id", id}, {"Type", entries_[i].type}, {"Target", entries_[i].target}});
      if (entries_[i].external) relationship.append_attribute("TargetMode") = "External";
    }
    return part.serialize();
  }

 private:
  struct Entry {
    std::string type;
    std::string target;
    bool external;
  };
  std::string addEntry(std::string type, std::string target, bool external) {
    entries_.push_back({std::move(type), std::move(target), external});
    return "rId" + std::to_string(entries_.size());
  }
  std::vector<Entry> entries_;
  std::map<std::string, std::string> hyperlinks_;
};

class ContentTypes {
 public:
  void addOverride(std::string partName, std::string contentType) {
    overrides_.emplace_back(std::move(partName), std::move(contentType));
  }
  std::string xml() const {
    XmlPart part("Types");
    declareNamespaces(part.root(),
                      {{"xmlns", "http://schemas.openxmlformats.org/package/2006/content-types"}});
    element(
        part.root(), "Default",
        {{"Extension", "rels"}, {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
    element(part.root(), "Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
    for (const auto& [partName, contentType] : overrides_) {
      element(part.root(), "Override", {{"PartName", partName}, {"ContentType", contentType}});
    }
    return part.serialize();
  }

 private:
  std::vector<std::pair<std::string, std::string>> overrides_;
};

std::string coreProperties(const Properties& properties, const Language& language) {
  XmlPart part("cp:coreProperties");
  declareNamespaces(part.root(),
                    {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
                     {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                     {"xmlns:dcterms", "http://purl.org/dc/terms/"},
                     {"xmlns:dcmitype", "http://purl.org/dc/dcmitype/"},
                     {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
  pugi::xml_node root = part.root();
  if (!properties.title.empty()) textElement(root, "dc:title", properties.title);
  if (!properties.subject.empty()) textElement(root, "dc:subject", properties.subject);
  if (!properties.author.empty()) textElement(root, "dc:creator", properties.author);
  if (!properties.keywords.empty()) textElement(root, "cp:keywords", joined(properties.keywords, ", "));
  if (!properties.description.empty()) textElement(root, "dc:description", properties.description);
  textElement(root, "dc:language", language.tag);
  return part.serialize();
}

// The licence as a custom document property, so that it survives editing in Word and LibreOffice
// (both show it under Properties → Custom).
std::string customProperties(const Properties& properties) {
  XmlPart part("Properties");
  declareNamespaces(part.root(),
                    {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"},
                     {"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}});
  // fmtid is the fixed GUID for user-defined properties; pid starts at 2 by definition.
  pugi::xml_node property =
      element(part.root(), "property",
              {{"fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"}, {"pid", "2"}, {"name", "Lizenz"}});
  textElement(property, "vt:lpwstr", properties.licence);
  return part.serialize();
}

std::string appProperties(Attributes extraTextElements) {
  XmlPart part("Properties");
  declareNamespaces(part.root(),
                    {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"},
                     {"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}});
  textElement(part.root(), "Application", "OPGV-Plattform");
  for (const auto& [name, value] : extraTextElements) textElement(part.root(), name, value);
  return part.serialize();
}

// An OOXML package: parts with their content types, and the package relationships. Written with
// [Content_Types].xml and _rels/.rels first, the order Office uses.
class Package {
 public:
  Relationships& relationships() { return relationships_; }
  void addPart(std::string name, std::string_view contentType, std::string xml) {
    contentTypes_.addOverride("/" + name, std::string(contentType));
    parts_.emplace_back(std::move(name), std::move(xml));
  }
  // .rels parts are covered by the Default content type.
  void addRelationships(std::string name, const Relationships& relationships) {
    parts_.emplace_back(std::move(name), relationships.xml());
  }
  void addProperties(const Properties& properties, const Language& language, std::string appXml) {
    relationships_.add(
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml");
    relationships_.add(relationshipType("extended-properties"), "docProps/app.xml");
    addPart("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
            coreProperties(properties, language));
    addPart("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            std::move(appXml));
    if (!properties.licence.empty()) {
      relationships_.add(relationshipType("custom-properties"), "docProps/custom.xml");
      addPart("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml",
              customProperties(properties));
    }
  }
  Result<std::string> finish() {
    ZipPackage zip;
    zip.add("[Content_Types].xml", contentTypes_.xml());
    zip.add("_rels/.rels", relationships_.xml());
    for (auto& [name, xml] : parts_) zip.add(name, std::move(xml));
    return zip.finish();
  }

 private:
  ContentTypes contentTypes_;
  Relationships relationships_;
  std::vector<std::pair<std::string, std::string>> parts_;
};

}  // namespace ooxml

// ---------------------------------------------------------------------------------------------
// DOCX

namespace docx {

using ooxml::Relationships;

// A4 with 2.5 cm / 2 cm margins, in twentieths of a point.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMarginLeft = 1417;
constexpr int kMarginRight = 1134;
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kIndentPerLevel = 360;
constexpr int kBulletNumberingId = 1;
constexpr std::string_view kBorderColour = "808080";

class BodyWriter {
 public:
  BodyWriter(pugi::xml_node body, Relationships& relationships)
      : body_(body), relationships_(relationships) {}

  void add(const Block& block) {
    switch (block.kind) {
      case BlockKind::kHeading:
        addParagraph("Heading" + std::to_string(block.level), block.text);
        break;
      case BlockKind::kParagraph:
        addParagraph("", block.text);
        break;
      case BlockKind::kNote:
        addParagraph("Note", block.text);
        break;
      case BlockKind::kBulletList:
        addList(block.items, kBulletNumberingId);
        break;
      case BlockKind::kNumberedList:
        // Each numbered list gets its own numbering instance so that it starts again at 1.
        addList(block.items, kBulletNumberingId + 1 + numberedLists_++);
        break;
      case BlockKind::kCheckList:
        addCheckList(block.items);
        break;
      case BlockKind::kTable:
        addTable(block);
        break;
    }
  }

  // Word expects a paragraph between the last table and the section properties (it writes an
  // empty one itself), and the body must not be empty.
  void finish() {
    if (lastWasTable_ || isEmpty_) element(body_, "w:p");
  }

  int numberedLists() const { return numberedLists_; }

 private:
  pugi::xml_node paragraph(pugi::xml_node parent, std::string_view style) {
    pugi::xml_node p = element(parent, "w:p");
    if (!style.empty()) element(element(p, "w:pPr"), "w:pStyle", {{"w:val", style}});
    isEmpty_ = false;
    lastWasTable_ = false;
    return p;
  }

  void addParagraph(std::string_view style, const Inline& text) {
    appendInline(paragraph(body_, style), text, false);
  }

  void addList(const std::vector<ListItem>& items, int numberingId) {
    const std::string numId = std::to_string(numberingId);
    for (const ListItem& item : items) {
      pugi::xml_node p = paragraph(body_, "ListParagraph");
      pugi::xml_node numbering = element(p.child("w:pPr"), "w:numPr");
      element(numbering, "w:ilvl", {{"w:val", std::to_string(item.level)}});
      element(numbering, "w:numId", {{"w:val", numId}});
      appendInline(p, item.content, false);
    }
  }

  // The box is text, not a list symbol: it prints in every font that has U+2610 and survives
  // copying into other programs.
  void addCheckList(const std::vector<ListItem>& items) {
    for (const ListItem& item : items) {
      pugi::xml_node p = paragraph(body_, "Checklist");
      if (item.level > 0) {
        element(p.child("w:pPr"), "w:ind", {{"w:left", std::to_string(item.level * kIndentPerLevel)}});
      }
      appendRun(p, "\u2610 ", false, false, "");
      appendInline(p, item.content, false);
    }
  }

  void addTable(const Block& block) {
    size_t columns = 0;
    for (const auto& row : block.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;                  // Word rejects a table without cells
    if (lastWasTable_) element(body_, "w:p");  // keeps Word from merging two tables into one
    const std::string cellWidth = std::to_string(kTextWidth / static_cast<int>(columns));

    pugi::xml_node table = element(body_, "w:tbl");
    pugi::xml_node properties = element(table, "w:tblPr");
    element(properties, "w:tblW", {{"w:w", "5000"}, {"w:type", "pct"}});
    pugi::xml_node borders = element(properties, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
      element(borders, side,
              {{"w:val", "single"}, {"w:sz", "4"}, {"w:space", "0"}, {"w:color", kBorderColour}});
    }
    element(properties, "w:tblLayout", {{"w:type", "fixed"}});
    pugi::xml_node grid = element(table, "w:tblGrid");
    for (size_t column = 0; column < columns; ++column) element(grid, "w:gridCol", {{"w:w", cellWidth}});

    for (size_t rowIndex = 0; rowIndex < block.rows.size(); ++rowIndex) {
      const auto& row = block.rows[rowIndex];
      const bool isHeader = block.header_row && rowIndex == 0;
      pugi::xml_node tableRow = element(table, "w:tr");
      // tblHeader repeats the row on every page and marks the cells as headers for assistive
      // technology (and in the tagged PDF).
      if (isHeader) element(element(tableRow, "w:trPr"), "w:tblHeader");
      for (size_t column = 0; column < columns; ++column) {
        pugi::xml_node cell = element(tableRow, "w:tc");
        pugi::xml_node cellProperties = element(cell, "w:tcPr");
        element(cellProperties, "w:tcW", {{"w:w", cellWidth}, {"w:type", "dxa"}});
        if (isHeader)
          element(cellProperties, "w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", "E7E6E6"}});
        // Every cell needs a paragraph, also the ones padding a short row.
        pugi::xml_node p = paragraph(cell, isHeader ? "TableHeading" : "TableContents");
        if (column < row.size()) appendInline(p, row[column].content, isHeader);
      }
    }
    lastWasTable_ = true;
  }

  void appendInline(pugi::xml_node p, const Inline& spans, bool bold) {
    for (const Span& span : spans) {
      if (span.text.empty()) continue;
      if (span.link.empty()) {
        appendRun(p, span.text, bold || span.bold, span.italic, "");
        continue;
      }
      pugi::xml_node link =
          element(p, "w:hyperlink", {{"r:id", relationships_.addHyperlink(span.link)}, {"w:history", "1"}});
      appendRun(link, span.text, bold || span.bold, span.italic, "Hyperlink");
    }
  }

  void appendRun(pugi::xml_node parent, std::string_view text, bool bold, bool italic,
                 std::string_view characterStyle) {
    pugi::xml_node run = element(parent, "w:r");
    if (bold || italic || !characterStyle.empty()) {
      pugi::xml_node properties = element(run, "w:rPr");
      if (!characterStyle.empty()) element(properties, "w:rStyle", {{"w:val", characterStyle}});
      if (bold) {
        element(properties, "w:b");
        element(properties, "w:bCs");
      }
      if (italic) {
        element(properties, "w:i");
        element(properties, "w:iCs");
      }
    }
    forEachPiece(
        text,
        [&](std::string_view piece) {
          textElement(run, "w:t", piece, {{"xml:space", "preserve"}});
        },
        [&] { element(run, "w:br"); }, [&] { element(run, "w:tab"); });
  }

  pugi::xml_node body_;
  Relationships& relationships_;
  int numberedLists_ = 0;
  bool lastWasTable_ = false;
  bool isEmpty_ = true;
};

pugi::xml_node style(pugi::xml_node styles, const char* type, std::string_view id, std::string_view name,
                     std::string_view basedOn = "") {
  pugi::xml_node node = element(styles, "w:style", {{"w:type", type}, {"w:styleId", id}});
  element(node, "w:name", {{"w:val", name}});
  if (!basedOn.empty()) element(node, "w:basedOn", {{"w:val", basedOn}});
  return node;
}

void paragraphBorder(pugi::xml_node paragraphProperties) {
  pugi::xml_node borders = element(paragraphProperties, "w:pBdr");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
    element(borders, side,
            {{"w:val", "single"}, {"w:sz", "6"}, {"w:space", "4"}, {"w:color", kBorderColour}});
  }
}

// Element order inside w:style, w:pPr and w:rPr follows the schema sequence; Word rejects
// documents that change it.
std::string stylesXml(const Language& language) {
  XmlPart part("w:styles");
  declareNamespaces(part.root(), {{"xmlns:w", ooxml::kW}});
  pugi::xml_node styles = part.root();

  pugi::xml_node defaults = element(styles, "w:docDefaults");
  pugi::xml_node runProperties = element(element(defaults, "w:rPrDefault"), "w:rPr");
  element(runProperties, "w:rFonts",
          {{"w:ascii", "Arial"}, {"w:hAnsi", "Arial"}, {"w:eastAsia", "Arial"}, {"w:cs", "Arial"}});
  element(runProperties, "w:sz", {{"w:val", "22"}});
  element(runProperties, "w:szCs", {{"w:val", "22"}});
  element(runProperties, "w:lang", {{"w:val", language.tag}, {"w:eastAsia", "zh-CN"}, {"w:bidi", "ar-SA"}});
  pugi::xml_node paragraphDefaults = element(element(defaults, "w:pPrDefault"), "w:pPr");
  element(paragraphDefaults, "w:spacing", {{"w:after", "120"}, {"w:line", "276"}, {"w:lineRule", "auto"}});

  pugi::xml_node normal = style(styles, "paragraph", "Normal", "Normal");
  normal.append_attribute("w:default") = "1";
  element(normal, "w:qFormat");

  static constexpr int kHeadingSizes[] = {32, 28, 24};  // half-points: 16, 14, 12 pt
  for (int level = 1; level <= 3; ++level) {
    const std::string id = "Heading" + std::to_string(level);
    // The lower-case built-in name is what makes Word (and LibreOffice's import) treat it as a
    // real heading: navigation pane, table of contents, PDF bookmarks.
    pugi::xml_node heading = style(styles, "paragraph", id, "heading " + std::to_string(level), "Normal");
    element(heading, "w:next", {{"w:val", "Normal"}});
    element(heading, "w:uiPriority", {{"w:val", "9"}});
    element(heading, "w:qFormat");
    pugi::xml_node properties = element(heading, "w:pPr");
    element(properties, "w:keepNext");
    element(properties, "w:keepLines");
    element(properties, "w:spacing", {{"w:before", level == 1 ? "360" : "240"}, {"w:after", "120"}});
    element(properties, "w:outlineLvl", {{"w:val", std::to_string(level - 1)}});
    pugi::xml_node headingRun = element(heading, "w:rPr");
    element(headingRun, "w:b");
    element(headingRun, "w:bCs");
    element(headingRun, "w:sz", {{"w:val", std::to_string(kHeadingSizes[level - 1])}});
    element(headingRun, "w:szCs", {{"w:val", std::to_string(kHeadingSizes[level - 1])}});
  }

  pugi::xml_node listParagraph = style(styles, "paragraph", "ListParagraph", "List Paragraph", "Normal");
  element(listParagraph, "w:uiPriority", {{"w:val", "34"}});
  element(listParagraph, "w:qFormat");
  pugi::xml_node listProperties = element(listParagraph, "w:pPr");
  element(listProperties, "w:spacing", {{"w:after", "60"}});
  element(listProperties, "w:ind", {{"w:left", "720"}});
  element(listProperties, "w:contextualSpacing");

  pugi::xml_node checklist = style(styles, "paragraph", "Checklist", "Checkliste", "Normal");
  element(checklist, "w:qFormat");
  element(element(checklist, "w:pPr"), "w:spacing", {{"w:after", "60"}});

  pugi::xml_node note = style(styles, "paragraph", "Note", "Hinweis", "Normal");
  element(note, "w:qFormat");
  pugi::xml_node noteProperties = element(note, "w:pPr");
  paragraphBorder(noteProperties);
  element(noteProperties, "w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", "F2F2F2"}});
  element(noteProperties, "w:spacing", {{"w:before", "120"}, {"w:after", "240"}});
  element(noteProperties, "w:ind", {{"w:left", "113"}, {"w:right", "113"}});

  pugi::xml_node tableContents = style(styles, "paragraph", "TableContents", "Table Contents", "Normal");
  element(element(tableContents, "w:pPr"), "w:spacing", {{"w:after", "0"}});
  pugi::xml_node tableHeading = style(styles, "paragraph", "TableHeading", "Table Heading", "TableContents");
  pugi::xml_node tableHeadingRun = element(tableHeading, "w:rPr");
  element(tableHeadingRun, "w:b");
  element(tableHeadingRun, "w:bCs");

  pugi::xml_node footer = style(styles, "paragraph", "Footer", "footer", "Normal");
  element(footer, "w:uiPriority", {{"w:val", "99"}});
  pugi::xml_node footerRun = element(footer, "w:rPr");
  element(footerRun, "w:sz", {{"w:val", "18"}});
  element(footerRun, "w:szCs", {{"w:val", "18"}});

  pugi::xml_node defaultFont = style(styles, "character", "DefaultParagraphFont", "Default Paragraph Font");
  defaultFont.append_attribute("w:default") = "1";
  element(defaultFont, "w:uiPriority", {{"w:val", "1"}});
  element(defaultFont, "w:semiHidden");
  element(defaultFont, "w:unhideWhenUsed");

  pugi::xml_node hyperlink = style(styles, "character", "Hyperlink", "Hyperlink", "DefaultParagraphFont");
  element(hyperlink, "w:uiPriority", {{"w:val", "99"}});
  element(hyperlink, "w:unhideWhenUsed");
  pugi::xml_node hyperlinkRun = element(hyperlink, "w:rPr");
  element(hyperlinkRun, "w:color", {{"w:val", "0563C1"}});
  element(hyperlinkRun, "w:u", {{"w:val", "single"}});

  pugi::xml_node tableNormal = style(styles, "table", "TableNormal", "Normal Table");
  tableNormal.append_attribute("w:default") = "1";
  element(tableNormal, "w:uiPriority", {{"w:val", "99"}});
  element(tableNormal, "w:semiHidden");
  element(tableNormal, "w:unhideWhenUsed");
  pugi::xml_node cellMargins = element(element(tableNormal, "w:tblPr"), "w:tblCellMar");
  element(cellMargins, "w:top", {{"w:w", "0"}, {"w:type", "dxa"}});
  element(cellMargins, "w:left", {{"w:w", "108"}, {"w:type", "dxa"}});
  element(cellMargins, "w:bottom", {{"w:w", "0"}, {"w:type", "dxa"}});
  element(cellMargins, "w:right", {{"w:w", "108"}, {"w:type", "dxa"}});

  return part.serialize();
}

// abstractNum 0: bullets; abstractNum 1: "1.", "a)", "i." repeating. Every numbered list is its
// own w:num with start overrides, so that it counts from 1 again.
std::string numberingXml(int numberedLists) {
  XmlPart part("w:numbering");
  declareNamespaces(part.root(), {{"xmlns:w", ooxml::kW}});
  pugi::xml_node numbering = part.root();
  static constexpr const char* kBullets[] = {"\u2022", "\u25E6", "\u25AA"};
  static constexpr const char* kNumberFormats[] = {"decimal", "lowerLetter", "lowerRoman"};
  static constexpr const char* kNumberSuffixes[] = {".", ")", "."};
  for (int abstractId = 0; abstractId < 2; ++abstractId) {
    const bool bullets = abstractId == 0;
    pugi::xml_node abstract =
        element(numbering, "w:abstractNum", {{"w:abstractNumId", std::to_string(abstractId)}});
    element(abstract, "w:multiLevelType", {{"w:val", "hybridMultilevel"}});
    for (int level = 0; level <= kMaxListLevel; ++level) {
      pugi::xml_node lvl = element(abstract, "w:lvl", {{"w:ilvl", std::to_string(level)}});
      element(lvl, "w:start", {{"w:val", "1"}});
      if (bullets) {
        element(lvl, "w:numFmt", {{"w:val", "bullet"}});
        element(lvl, "w:lvlText", {{"w:val", kBullets[level % 3]}});
      } else {
        element(lvl, "w:numFmt", {{"w:val", kNumberFormats[level % 3]}});
        element(lvl, "w:lvlText", {{"w:val", "%" + std::to_string(level + 1) + kNumberSuffixes[level % 3]}});
      }
      element(lvl, "w:lvlJc", {{"w:val", "left"}});
      const std::string left = std::to_string((level + 1) * 2 * kIndentPerLevel);
      element(element(lvl, "w:pPr"), "w:ind",
              {{"w:left", left}, {"w:hanging", std::to_string(kIndentPerLevel)}});
      if (bullets) {
        element(element(lvl, "w:rPr"), "w:rFonts",
                {{"w:ascii", "Arial"}, {"w:hAnsi", "Arial"}, {"w:hint", "default"}});
      }
    }
  }
  element(element(numbering, "w:num", {{"w:numId", std::to_string(kBulletNumberingId)}}), "w:abstractNumId",
          {{"w:val", "0"}});
  for (int list = 0; list < numberedLists; ++list) {
    pugi::xml_node num =
        element(numbering, "w:num", {{"w:numId", std::to_string(kBulletNumberingId + 1 + list)}});
    element(num, "w:abstractNumId", {{"w:val", "1"}});
    for (int level = 0; level <= kMaxListLevel; ++level) {
      element(element(num, "w:lvlOverride", {{"w:ilvl", std::to_string(level)}}), "w:startOverride",
              {{"w:val", "1"}});
    }
  }
  return part.serialize();
}

std::string settingsXml(const Language& language) {
  XmlPart part("w:settings");
  declareNamespaces(part.root(), {{"xmlns:w", ooxml::kW}});
  element(part.root(), "w:defaultTabStop", {{"w:val", "708"}});
  element(part.root(), "w:characterSpacingControl", {{"w:val", "doNotCompress"}});
  // Compatibility mode 15 (Word 2013+) keeps Word from opening the file in compatibility mode.
  element(element(part.root(), "w:compat"), "w:compatSetting",
          {{"w:name", "compatibilityMode"},
           {"w:uri", "http://schemas.microsoft.com/office/word"},
           {"w:val", "15"}});
  element(part.root(), "w:themeFontLang", {{"w:val", language.tag}});
  return part.serialize();
}

std::string footerXml(const std::string& licence) {
  XmlPart part("w:ftr");
  declareNamespaces(part.root(), {{"xmlns:w", ooxml::kW}, {"xmlns:r", ooxml::kR}});
  pugi::xml_node p = element(part.root(), "w:p");
  element(element(p, "w:pPr"), "w:pStyle", {{"w:val", "Footer"}});
  pugi::xml_node run = element(p, "w:r");
  forEachPiece(
      licence,
      [&](std::string_view piece) {
        textElement(run, "w:t", piece, {{"xml:space", "preserve"}});
      },
      [&] { element(run, "w:br"); }, [&] { element(run, "w:tab"); });
  return part.serialize();
}

}  // namespace docx

// ---------------------------------------------------------------------------------------------
// OpenDocument (shared by ODT and ODP).

namespace odf {

constexpr std::string_view kVersion = "1.2";  // 1.3 is newer, but Office 2016/2019 read only 1.2

// Every ODF part declares the same namespaces, whether it uses them or not (LibreOffice does too).
void declareOdfNamespaces(XmlPart& part) {
  declareNamespaces(part.root(),
                    {
                        {"xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
                        {"xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
                        {"xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
                        {"xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
                        {"xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"},
                        {"xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
                        {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
                        {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                        {"xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
                        {"xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"},
                        {"xmlns:presentation", "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"},
                    });
  part.root().append_attribute("office:version").set_value(kVersion.data(), kVersion.size());
}

// ODF collapses runs of spaces and drops spaces at the start of a paragraph or after a line
// break; such spaces are written as text:s so the text keeps its exact spacing.
class TextWriter {
 public:
  void append(pugi::xml_node parent, std::string_view text) {
    std::string pending;
    auto flush = [&] {
      if (!pending.empty()) appendText(parent, pending);
      pending.clear();
    };
    for (size_t i = 0; i < text.size();) {
      const char c = text[i];
      if (c == '\n' || c == '\t') {
        flush();
        element(parent, c == '\n' ? "text:line-break" : "text:tab");
        spaceWouldCollapse_ = true;
        ++i;
      } else if (c == ' ') {
        size_t run = 0;
        while (i < text.size() && text[i] == ' ') {
          ++run;
          ++i;
        }
        if (!spaceWouldCollapse_) {
          pending += ' ';
          --run;
        }
        if (run > 0) {
          flush();
          pugi::xml_node spaces = element(parent, "text:s");
          if (run > 1) spaces.append_attribute("text:c") = static_cast<unsigned long long>(run);
        }
        spaceWouldCollapse_ = true;
      } else {
        pending += c;
        spaceWouldCollapse_ = false;
        ++i;
      }
    }
    flush();
  }

 private:
  bool spaceWouldCollapse_ = true;
};

// Bold and italic spans use the automatic text styles T1..T3 that contentAutomaticStyles()
// declares; links use the "Internet link" character style from styles.xml.
void appendInline(pugi::xml_node paragraph, const Inline& spans) {
  TextWriter writer;
  for (const Span& span : spans) {
    if (span.text.empty()) continue;
    pugi::xml_node target = paragraph;
    if (!span.link.empty()) {
      target = element(target, "text:a",
                       {{"xlink:type", "simple"},
                        {"xlink:href", span.link},
                        {"text:style-name", "Internet_20_link"},
                        {"text:visited-style-name", "Visited_20_Internet_20_Link"}});
    }
    if (span.bold || span.italic) {
      target = element(target, "text:span",
                       {{"text:style-name", span.bold && span.italic ? "T3"
                                            : span.bold              ? "T1"
                                                                     : "T2"}});
    }
    writer.append(target, span.text);
  }
}

void appendPlain(pugi::xml_node paragraph, std::string_view text) {
  TextWriter writer;
  writer.append(paragraph, text);
}

void textProperties(pugi::xml_node parent, Attributes attributes) {
  element(parent, "style:text-properties", attributes);
}

void boldItalicStyles(pugi::xml_node automaticStyles) {
  auto textStyle = [&](const char* name, bool bold, bool italic) {
    pugi::xml_node properties =
        element(element(automaticStyles, "style:style", {{"style:name", name}, {"style:family", "text"}}),
                "style:text-properties");
    if (bold) {
      for (const char* attribute :
           {"fo:font-weight", "style:font-weight-asian", "style:font-weight-complex"}) {
        properties.append_attribute(attribute) = "bold";
      }
    }
    if (italic) {
      for (const char* attribute : {"fo:font-style", "style:font-style-asian", "style:font-style-complex"}) {
        properties.append_attribute(attribute) = "italic";
      }
    }
  };
  textStyle("T1", true, false);
  textStyle("T2", false, true);
  textStyle("T3", true, true);
}

void fontFaces(pugi::xml_node root) {
  element(element(root, "office:font-face-decls"), "style:font-face",
          {{"style:name", "Liberation Sans"},
           {"svg:font-family", "'Liberation Sans'"},
           {"style:font-family-generic", "swiss"},
           {"style:font-pitch", "variable"}});
}

std::string meta(const Properties& properties, const Language& language) {
  XmlPart part("office:document-meta");
  odf::declareOdfNamespaces(part);
  pugi::xml_node meta = element(part.root(), "office:meta");
  textElement(meta, "meta:generator", "OPGV-Plattform");
  if (!properties.title.empty()) textElement(meta, "dc:title", properties.title);
  if (!properties.subject.empty()) textElement(meta, "dc:subject", properties.subject);
  if (!properties.description.empty()) textElement(meta, "dc:description", properties.description);
  for (const std::string& keyword : properties.keywords) textElement(meta, "meta:keyword", keyword);
  if (!properties.author.empty()) {
    textElement(meta, "meta:initial-creator", properties.author);
    textElement(meta, "dc:creator", properties.author);
  }
  textElement(meta, "dc:language", language.tag);
  if (!properties.licence.empty()) {
    textElement(meta, "meta:user-defined", properties.licence,
                {{"meta:name", "Lizenz"}, {"meta:value-type", "string"}});
  }
  return part.serialize();
}

std::string manifest(std::string_view mediaType) {
  XmlPart part("manifest:manifest");
  declareNamespaces(part.root(), {{"xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"}});
  part.root().append_attribute("manifest:version").set_value(kVersion.data(), kVersion.size());
  element(part.root(), "manifest:file-entry",
          {{"manifest:full-path", "/"}, {"manifest:version", kVersion}, {"manifest:media-type", mediaType}});
  for (const char* file : {"content.xml", "styles.xml", "meta.xml"}) {
    element(part.root(), "manifest:file-entry",
            {{"manifest:full-path", file}, {"manifest:media-type", "text/xml"}});
  }
  return part.serialize();
}

Result<std::string> package(std::string_view mediaType, std::string content, std::string styles,
                            std::string meta) {
  ZipPackage zip;
  zip.addStored("mimetype", std::string(mediaType));
  zip.add("META-INF/manifest.xml", manifest(mediaType));
  zip.add("content.xml", std::move(content));
  zip.add("styles.xml", std::move(styles));
  zip.add("meta.xml", std::move(meta));
  return zip.finish();
}

// fo:language/fo:country on the default style is the document language: LibreOffice takes the
// PDF's /Lang from it, spell checking and hyphenation use it.
void languageAttributes(pugi::xml_node textProperties, const Language& language) {
  textProperties.append_attribute("fo:language").set_value(language.language.c_str());
  textProperties.append_attribute("fo:country")
      .set_value(language.country.empty() ? "none" : language.country.c_str());
}

}  // namespace odf

// ---------------------------------------------------------------------------------------------
// ODT

namespace odt {

constexpr std::string_view kMediaType = "application/vnd.oasis.opendocument.text";

// 6.35 mm (a quarter inch, Word's and LibreOffice's list step) per level, from level 0 = one step.
std::string levelIndent(int level) {
  const int hundredthsOfMillimetre = (level + 1) * 635;
  const int fraction = hundredthsOfMillimetre % 100;
  return std::to_string(hundredthsOfMillimetre / 100) + (fraction < 10 ? ".0" : ".") +
         std::to_string(fraction) + "mm";
}

class BodyWriter {
 public:
  BodyWriter(pugi::xml_node text, pugi::xml_node automaticStyles)
      : text_(text), automaticStyles_(automaticStyles) {}

  void add(const Block& block) {
    switch (block.kind) {
      case BlockKind::kHeading: {
        const std::string level = std::to_string(block.level);
        pugi::xml_node heading = element(
            text_, "text:h", {{"text:style-name", "Heading_20_" + level}, {"text:outline-level", level}});
        odf::appendInline(heading, block.text);
        break;
      }
      case BlockKind::kParagraph:
        odf::appendInline(element(text_, "text:p", {{"text:style-name", "Text_20_body"}}), block.text);
        break;
      case BlockKind::kNote:
        odf::appendInline(element(text_, "text:p", {{"text:style-name", "Note"}}), block.text);
        break;
      case BlockKind::kBulletList:
        addList(block.items, "Bullet_20_List");
        break;
      case BlockKind::kNumberedList:
        addList(block.items, "Numbered_20_List");
        break;
      case BlockKind::kCheckList:
        for (const ListItem& item : block.items) {
          pugi::xml_node p = element(text_, "text:p", {{"text:style-name", checklistStyle(item.level)}});
          odf::appendPlain(p, "\u2610 ");
          odf::appendInline(p, item.content);
        }
        break;
      case BlockKind::kTable:
        addTable(block);
        break;
    }
  }

 private:
  // A nested list is a text:list inside the last item of the enclosing level. Levels rise by at
  // most one per item (cleanDocument), so that item always exists.
  void addList(const std::vector<ListItem>& items, const char* listStyle) {
    if (items.empty()) return;
    std::vector<pugi::xml_node> lists{element(text_, "text:list", {{"text:style-name", listStyle}})};
    std::vector<pugi::xml_node> lastItems{pugi::xml_node()};
    for (const ListItem& item : items) {
      const size_t depth = static_cast<size_t>(item.level) + 1;
      while (lists.size() > depth) {
        lists.pop_back();
        lastItems.pop_back();
      }
      while (lists.size() < depth) {
        pugi::xml_node& parentItem = lastItems.back();
        if (!parentItem) parentItem = element(lists.back(), "text:list-item");
        lists.push_back(element(parentItem, "text:list"));
        lastItems.emplace_back();
      }
      lastItems.back() = element(lists.back(), "text:list-item");
      odf::appendInline(element(lastItems.back(), "text:p", {{"text:style-name", "List"}}), item.content);
    }
  }

  std::string checklistStyle(int level) {
    const std::string name = "Checklist" + std::to_string(level);
    if (checklistLevels_.insert(level).second) {
      pugi::xml_node style = element(
          automaticStyles_, "style:style",
          {{"style:name", name}, {"style:family", "paragraph"}, {"style:parent-style-name", "Checklist"}});
      element(style, "style:paragraph-properties",
              {{"fo:margin-left", level == 0 ? std::string("0cm") : levelIndent(level - 1)}});
    }
    return name;
  }

  void addTable(const Block& block) {
    size_t columns = 0;
    for (const auto& row : block.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    ++tables_;
    pugi::xml_node table =
        element(text_, "table:table",
                {{"table:name", "Tabelle" + std::to_string(tables_)}, {"table:style-name", "Table"}});
    element(
        table, "table:table-column",
        {{"table:style-name", "Table.Column"}, {"table:number-columns-repeated", std::to_string(columns)}});
    for (size_t rowIndex = 0; rowIndex < block.rows.size(); ++rowIndex) {
      const bool isHeader = block.header_row && rowIndex == 0;
      // Header rows repeat on each page and become TH cells in the tagged PDF.
      pugi::xml_node rowParent = isHeader ? element(table, "table:table-header-rows") : table;
      pugi::xml_node row = element(rowParent, "table:table-row");
      for (size_t column = 0; column < columns; ++column) {
        pugi::xml_node cell = element(row, "table:table-cell",
                                      {{"table:style-name", isHeader ? "Table.HeaderCell" : "Table.Cell"},
                                       {"office:value-type", "string"}});
        pugi::xml_node p = element(
            cell, "text:p", {{"text:style-name", isHeader ? "Table_20_Heading" : "Table_20_Contents"}});
        if (column < block.rows[rowIndex].size()) odf::appendInline(p, block.rows[rowIndex][column].content);
      }
    }
  }

  pugi::xml_node text_;
  pugi::xml_node automaticStyles_;
  std::set<int> checklistLevels_;
  int tables_ = 0;
};

void tableStyles(pugi::xml_node automaticStyles) {
  element(element(automaticStyles, "style:style", {{"style:name", "Table"}, {"style:family", "table"}}),
          "style:table-properties", {{"style:width", "16.5cm"}, {"table:align", "margins"}});
  element(element(automaticStyles, "style:style",
                  {{"style:name", "Table.Column"}, {"style:family", "table-column"}}),
          "style:table-column-properties", {{"style:rel-column-width", "1000*"}});
  for (const auto& [name, background] :
       {std::pair{"Table.Cell", "transparent"}, std::pair{"Table.HeaderCell", "#e7e6e6"}}) {
    element(
        element(automaticStyles, "style:style", {{"style:name", name}, {"style:family", "table-cell"}}),
        "style:table-cell-properties",
        {{"fo:padding", "0.1cm"}, {"fo:border", "0.5pt solid #808080"}, {"fo:background-color", background}});
  }
}

std::string content(const Document& document) {
  XmlPart part("office:document-content");
  odf::declareOdfNamespaces(part);
  odf::fontFaces(part.root());
  pugi::xml_node automaticStyles = element(part.root(), "office:automatic-styles");
  odf::boldItalicStyles(automaticStyles);
  tableStyles(automaticStyles);
  pugi::xml_node text = element(element(part.root(), "office:body"), "office:text");
  BodyWriter body(text, automaticStyles);
  for (const Block& block : document.blocks) body.add(block);
  return part.serialize();
}

pugi::xml_node paragraphStyle(pugi::xml_node styles, std::string_view name, std::string_view displayName,
                              std::string_view parent, std::string_view styleClass = "text") {
  pugi::xml_node style =
      element(styles, "style:style",
              {{"style:name", name}, {"style:display-name", displayName}, {"style:family", "paragraph"}});
  if (!parent.empty())
    style.append_attribute("style:parent-style-name").set_value(parent.data(), parent.size());
  style.append_attribute("style:class").set_value(styleClass.data(), styleClass.size());
  return style;
}

void listStyle(pugi::xml_node styles, const char* name, const char* displayName, bool bullets) {
  static constexpr const char* kBullets[] = {"\u2022", "\u25E6", "\u25AA"};
  static constexpr const char* kNumberFormats[] = {"1", "a", "i"};
  static constexpr const char* kNumberSuffixes[] = {".", ")", "."};
  pugi::xml_node list =
      element(styles, "text:list-style", {{"style:name", name}, {"style:display-name", displayName}});
  for (int level = 0; level < 10; ++level) {
    const std::string odfLevel = std::to_string(level + 1);
    pugi::xml_node levelStyle =
        bullets ? element(list, "text:list-level-style-bullet",
                          {{"text:level", odfLevel}, {"text:bullet-char", kBullets[level % 3]}})
                : element(list, "text:list-level-style-number",
                          {{"text:level", odfLevel},
                           {"style:num-suffix", kNumberSuffixes[level % 3]},
                           {"style:num-format", kNumberFormats[level % 3]}});
    const std::string indent = levelIndent(level);
    element(element(levelStyle, "style:list-level-properties",
                    {{"text:list-level-position-and-space-mode", "label-alignment"}}),
            "style:list-level-label-alignment",
            {{"text:label-followed-by", "listtab"},
             {"text:list-tab-stop-position", indent},
             {"fo:text-indent", "-0.635cm"},
             {"fo:margin-left", indent}});
  }
}

std::string styles(const Document& document, const Language& language) {
  XmlPart part("office:document-styles");
  odf::declareOdfNamespaces(part);
  odf::fontFaces(part.root());
  pugi::xml_node styles = element(part.root(), "office:styles");

  pugi::xml_node defaults = element(styles, "style:default-style", {{"style:family", "paragraph"}});
  element(defaults, "style:paragraph-properties", {{"style:writing-mode", "page"}});
  pugi::xml_node defaultText =
      element(defaults, "style:text-properties",
              {{"style:font-name", "Liberation Sans"}, {"fo:font-size", "11pt"}, {"fo:hyphenate", "false"}});
  odf::languageAttributes(defaultText, language);

  element(styles, "style:style",
          {{"style:name", "Standard"}, {"style:family", "paragraph"}, {"style:class", "text"}});
  element(paragraphStyle(styles, "Text_20_body", "Text body", "Standard"), "style:paragraph-properties",
          {{"fo:margin-top", "0cm"}, {"fo:margin-bottom", "0.212cm"}, {"fo:line-height", "115%"}});

  pugi::xml_node heading = paragraphStyle(styles, "Heading", "Heading", "Standard");
  heading.append_attribute("style:next-style-name") = "Text_20_body";
  element(heading, "style:paragraph-properties",
          {{"fo:margin-top", "0.423cm"}, {"fo:margin-bottom", "0.212cm"}, {"fo:keep-with-next", "always"}});
  odf::textProperties(heading, {{"fo:font-weight", "bold"},
                                {"style:font-weight-asian", "bold"},
                                {"style:font-weight-complex", "bold"}});
  static constexpr const char* kHeadingSizes[] = {"16pt", "14pt", "12pt"};
  for (int level = 1; level <= 3; ++level) {
    const std::string number = std::to_string(level);
    pugi::xml_node style = paragraphStyle(styles, "Heading_20_" + number, "Heading " + number, "Heading");
    style.append_attribute("style:next-style-name") = "Text_20_body";
    style.append_attribute("style:default-outline-level") = level;
    odf::textProperties(style, {{"fo:font-size", kHeadingSizes[level - 1]},
                                {"style:font-size-complex", kHeadingSizes[level - 1]}});
  }

  element(paragraphStyle(styles, "List", "List", "Text_20_body", "list"), "style:paragraph-properties",
          {{"fo:margin-bottom", "0.1cm"}});
  element(paragraphStyle(styles, "Checklist", "Checkliste", "Text_20_body", "list"),
          "style:paragraph-properties", {{"fo:margin-bottom", "0.1cm"}});
  element(paragraphStyle(styles, "Note", "Hinweis", "Text_20_body"), "style:paragraph-properties",
          {{"fo:margin-top", "0.2cm"},
           {"fo:margin-bottom", "0.4cm"},
           {"fo:background-color", "#f2f2f2"},
           {"fo:border", "0.75pt solid #808080"},
           {"fo:padding", "0.2cm"}});
  element(paragraphStyle(styles, "Table_20_Contents", "Table Contents", "Standard", "extra"),
          "style:paragraph-properties", {{"fo:margin-bottom", "0cm"}});
  odf::textProperties(
      paragraphStyle(styles, "Table_20_Heading", "Table Heading", "Table_20_Contents", "extra"),
      {{"fo:font-weight", "bold"},
       {"style:font-weight-asian", "bold"},
       {"style:font-weight-complex", "bold"}});
  odf::textProperties(paragraphStyle(styles, "Footer", "Footer", "Standard", "extra"),
                      {{"fo:font-size", "9pt"}});

  odf::textProperties(element(styles, "style:style",
                              {{"style:name", "Internet_20_link"},
                               {"style:display-name", "Internet link"},
                               {"style:family", "text"}}),
                      {{"fo:color", "#0563c1"},
                       {"style:text-underline-style", "solid"},
                       {"style:text-underline-width", "auto"},
                       {"style:text-underline-color", "font-color"}});
  odf::textProperties(element(styles, "style:style",
                              {{"style:name", "Visited_20_Internet_20_Link"},
                               {"style:display-name", "Visited Internet Link"},
                               {"style:family", "text"}}),
                      {{"fo:color", "#800080"},
                       {"style:text-underline-style", "solid"},
                       {"style:text-underline-width", "auto"},
                       {"style:text-underline-color", "font-color"}});

  // Headings without numbers; the outline style ties text:outline-level to the navigator and to
  // PDF bookmarks.
  pugi::xml_node outline = element(styles, "text:outline-style", {{"style:name", "Outline"}});
  for (int level = 1; level <= 10; ++level) {
    element(element(element(outline, "text:outline-level-style",
                            {{"text:level", std::to_string(level)}, {"style:num-format", ""}}),
                    "style:list-level-properties",
                    {{"text:list-level-position-and-space-mode", "label-alignment"}}),
            "style:list-level-label-alignment", {{"text:label-followed-by", "nothing"}});
  }
  listStyle(styles, "Bullet_20_List", "Aufzählung", true);
  listStyle(styles, "Numbered_20_List", "Nummerierung", false);

  pugi::xml_node automaticStyles = element(part.root(), "office:automatic-styles");
  pugi::xml_node pageLayout = element(automaticStyles, "style:page-layout", {{"style:name", "A4"}});
  element(pageLayout, "style:page-layout-properties",
          {{"fo:page-width", "21cm"},
           {"fo:page-height", "29.7cm"},
           {"style:print-orientation", "portrait"},
           {"fo:margin-top", "2cm"},
           {"fo:margin-bottom", "1.5cm"},
           {"fo:margin-left", "2.5cm"},
           {"fo:margin-right", "2cm"}});
  element(element(pageLayout, "style:footer-style"), "style:header-footer-properties",
          {{"fo:min-height", "0cm"}, {"fo:margin-top", "0.5cm"}});

  pugi::xml_node master = element(element(part.root(), "office:master-styles"), "style:master-page",
                                  {{"style:name", "Standard"}, {"style:page-layout-name", "A4"}});
  if (!document.properties.licence.empty()) {
    odf::appendPlain(element(element(master, "style:footer"), "text:p", {{"text:style-name", "Footer"}}),
                     document.properties.licence);
  }
  return part.serialize();
}

}  // namespace odt

// ---------------------------------------------------------------------------------------------
// PPTX

namespace pptx {

// 16:9 in EMU (13.333 in x 7.5 in), notes pages in portrait letter size as PowerPoint does.
constexpr std::string_view kSlideWidth = "12192000";
constexpr std::string_view kSlideHeight = "6858000";
constexpr std::string_view kContentTypePrefix =
    "application/vnd.openxmlformats-officedocument.presentationml.";

struct Box {
  std::string_view x, y, width, height;
};
constexpr Box kTitleBox{"838200", "365125", "10515600", "1325563"};
constexpr Box kBodyBox{"838200", "1825625", "10515600", "4351338"};
constexpr Box kNotesImageBox{"685800", "1143000", "5486400", "3086100"};
constexpr Box kNotesBodyBox{"685800", "4400550", "5486400", "3600450"};

void declarePresentationNamespaces(XmlPart& part) {
  declareNamespaces(part.root(), {{"xmlns:a", ooxml::kA}, {"xmlns:r", ooxml::kR}, {"xmlns:p", ooxml::kP}});
}

pugi::xml_node shapeTree(pugi::xml_node commonSlideData) {
  pugi::xml_node tree = element(commonSlideData, "p:spTree");
  pugi::xml_node group = element(tree, "p:nvGrpSpPr");
  element(group, "p:cNvPr", {{"id", "1"}, {"name", ""}});
  element(group, "p:cNvGrpSpPr");
  element(group, "p:nvPr");
  pugi::xml_node transform = element(element(tree, "p:grpSpPr"), "a:xfrm");
  element(transform, "a:off", {{"x", "0"}, {"y", "0"}});
  element(transform, "a:ext", {{"cx", "0"}, {"cy", "0"}});
  element(transform, "a:chOff", {{"x", "0"}, {"y", "0"}});
  element(transform, "a:chExt", {{"cx", "0"}, {"cy", "0"}});
  return tree;
}

// A placeholder shape; `box` is given on masters (slides and layouts inherit the position).
pugi::xml_node placeholder(pugi::xml_node tree, int id, std::string_view name, std::string_view type,
                           std::string_view index, const Box* box) {
  pugi::xml_node shape = element(tree, "p:sp");
  pugi::xml_node nonVisual = element(shape, "p:nvSpPr");
  element(nonVisual, "p:cNvPr", {{"id", std::to_string(id)}, {"name", name}});
  element(element(nonVisual, "p:cNvSpPr"), "a:spLocks", {{"noGrp", "1"}});
  pugi::xml_node ph = element(element(nonVisual, "p:nvPr"), "p:ph");
  if (!type.empty()) ph.append_attribute("type").set_value(type.data(), type.size());
  if (!index.empty()) ph.append_attribute("idx").set_value(index.data(), index.size());
  pugi::xml_node shapeProperties = element(shape, "p:spPr");
  if (box != nullptr) {
    pugi::xml_node transform = element(shapeProperties, "a:xfrm");
    element(transform, "a:off", {{"x", box->x}, {"y", box->y}});
    element(transform, "a:ext", {{"cx", box->width}, {"cy", box->height}});
    element(element(shapeProperties, "a:prstGeom", {{"prst", "rect"}}), "a:avLst");
  }
  return shape;
}

pugi::xml_node textBody(pugi::xml_node shape, Attributes bodyProperties = {}) {
  pugi::xml_node body = element(shape, "p:txBody");
  element(body, "a:bodyPr", bodyProperties);
  element(body, "a:lstStyle");
  return body;
}

// One paragraph; line breaks in the text become a:br, as PowerPoint writes Shift+Enter.
void paragraph(pugi::xml_node body, std::string_view text, const std::string& language) {
  pugi::xml_node p = element(body, "a:p");
  auto run = [&](std::string_view piece) {
    pugi::xml_node r = element(p, "a:r");
    element(r, "a:rPr", {{"lang", language}, {"dirty", "0"}});
    textElement(r, "a:t", piece);
  };
  forEachPiece(
      text, run,
      [&] {
        element(element(p, "a:br"), "a:rPr", {{"lang", language}, {"dirty", "0"}});
      },
      [&] { run("\t"); });
  element(p, "a:endParaRPr", {{"lang", language}, {"dirty", "0"}});
}

void colourMap(pugi::xml_node parent) {
  element(parent, "p:clrMap",
          {{"bg1", "lt1"},
           {"tx1", "dk1"},
           {"bg2", "lt2"},
           {"tx2", "dk2"},
           {"accent1", "accent1"},
           {"accent2", "accent2"},
           {"accent3", "accent3"},
           {"accent4", "accent4"},
           {"accent5", "accent5"},
           {"accent6", "accent6"},
           {"hlink", "hlink"},
           {"folHlink", "folHlink"}});
}

void defaultRunProperties(pugi::xml_node levelProperties, std::string_view size) {
  pugi::xml_node run = element(levelProperties, "a:defRPr", {{"sz", size}, {"kern", "1200"}});
  element(element(run, "a:solidFill"), "a:schemeClr", {{"val", "tx1"}});
  element(run, "a:latin", {{"typeface", "+mn-lt"}});
  element(run, "a:ea", {{"typeface", "+mn-ea"}});
  element(run, "a:cs", {{"typeface", "+mn-cs"}});
}

void background(pugi::xml_node commonSlideData) {
  element(element(element(commonSlideData, "p:bg"), "p:bgRef", {{"idx", "1001"}}), "a:schemeClr",
          {{"val", "bg1"}});
}

std::string slideMaster(const std::string& language) {
  XmlPart part("p:sldMaster");
  pptx::declarePresentationNamespaces(part);
  pugi::xml_node commonSlideData = element(part.root(), "p:cSld");
  background(commonSlideData);
  pugi::xml_node tree = shapeTree(commonSlideData);
  pugi::xml_node title = placeholder(tree, 2, "Titelplatzhalter 1", "title", "", &kTitleBox);
  pugi::xml_node titleText = textBody(title, {{"vert", "horz"}, {"anchor", "ctr"}, {"rtlCol", "0"}});
  titleText.child("a:bodyPr").append_child("a:normAutofit");
  paragraph(titleText, "Titel", language);
  pugi::xml_node body = placeholder(tree, 3, "Textplatzhalter 2", "body", "1", &kBodyBox);
  pugi::xml_node bodyText = textBody(body, {{"vert", "horz"}, {"rtlCol", "0"}});
  bodyText.child("a:bodyPr").append_child("a:normAutofit");
  paragraph(bodyText, "Text", language);
  colourMap(part.root());
  element(element(part.root(), "p:sldLayoutIdLst"), "p:sldLayoutId",
          {{"id", "2147483649"}, {"r:id", "rId1"}});

  pugi::xml_node textStyles = element(part.root(), "p:txStyles");
  pugi::xml_node titleLevel =
      element(element(textStyles, "p:titleStyle"), "a:lvl1pPr", {{"algn", "l"}, {"rtl", "0"}});
  element(titleLevel, "a:buNone");
  defaultRunProperties(titleLevel, "4000");
  pugi::xml_node bodyStyle = element(textStyles, "p:bodyStyle");
  static constexpr const char* kBullets[] = {"\u2022", "\u2013", "\u2022"};
  static constexpr const char* kSizes[] = {"2800", "2400", "2000"};
  for (int level = 0; level < 3; ++level) {
    const std::string margin = std::to_string(228600 + level * 457200);
    pugi::xml_node levelProperties =
        element(bodyStyle, ("a:lvl" + std::to_string(level + 1) + "pPr").c_str(),
                {{"marL", margin}, {"indent", "-228600"}, {"algn", "l"}, {"rtl", "0"}});
    element(element(levelProperties, "a:spcBef"), "a:spcPts", {{"val", "1000"}});
    element(levelProperties, "a:buFont", {{"typeface", "Arial"}});
    element(levelProperties, "a:buChar", {{"char", kBullets[level]}});
    defaultRunProperties(levelProperties, kSizes[level]);
  }
  pugi::xml_node otherLevel =
      element(element(textStyles, "p:otherStyle"), "a:lvl1pPr", {{"algn", "l"}, {"rtl", "0"}});
  defaultRunProperties(otherLevel, "1800");
  return part.serialize();
}

std::string slideLayout(const std::string& language) {
  XmlPart part("p:sldLayout");
  pptx::declarePresentationNamespaces(part);
  part.root().append_attribute("type") = "obj";
  part.root().append_attribute("preserve") = "1";
  pugi::xml_node commonSlideData = element(part.root(), "p:cSld", {{"name", "Titel und Inhalt"}});
  pugi::xml_node tree = shapeTree(commonSlideData);
  paragraph(textBody(placeholder(tree, 2, "Titel 1", "title", "", nullptr)), "Titel", language);
  paragraph(textBody(placeholder(tree, 3, "Inhaltsplatzhalter 2", "", "1", nullptr)), "Text", language);
  element(element(part.root(), "p:clrMapOvr"), "a:masterClrMapping");
  return part.serialize();
}

std::string slide(const Slide& slide, const std::string& language) {
  XmlPart part("p:sld");
  pptx::declarePresentationNamespaces(part);
  pugi::xml_node tree = shapeTree(element(part.root(), "p:cSld"));
  paragraph(textBody(placeholder(tree, 2, "Titel 1", "title", "", nullptr)), slide.title, language);
  if (!slide.bullets.empty()) {
    pugi::xml_node body = textBody(placeholder(tree, 3, "Inhaltsplatzhalter 2", "", "1", nullptr));
    for (const std::string& bullet : slide.bullets) paragraph(body, bullet, language);
  }
  element(element(part.root(), "p:clrMapOvr"), "a:masterClrMapping");
  return part.serialize();
}

std::string notesMaster(const std::string& language) {
  XmlPart part("p:notesMaster");
  pptx::declarePresentationNamespaces(part);
  pugi::xml_node commonSlideData = element(part.root(), "p:cSld");
  background(commonSlideData);
  pugi::xml_node tree = shapeTree(commonSlideData);
  placeholder(tree, 2, "Folienbildplatzhalter 1", "sldImg", "", &kNotesImageBox);
  paragraph(textBody(placeholder(tree, 3, "Notizenplatzhalter 2", "body", "1", &kNotesBodyBox)), "Notizen",
            language);
  colourMap(part.root());
  pugi::xml_node level = element(element(part.root(), "p:notesStyle"), "a:lvl1pPr",
                                 {{"marL", "0"}, {"algn", "l"}, {"rtl", "0"}});
  defaultRunProperties(level, "1200");
  return part.serialize();
}

std::string notesSlide(const Slide& slide, const std::string& language) {
  XmlPart part("p:notes");
  pptx::declarePresentationNamespaces(part);
  pugi::xml_node tree = shapeTree(element(part.root(), "p:cSld"));
  pugi::xml_node image = placeholder(tree, 2, "Folienbildplatzhalter 1", "sldImg", "", nullptr);
  image.child("p:nvSpPr").child("p:cNvSpPr").child("a:spLocks").append_attribute("noRot") = "1";
  image.child("p:nvSpPr").child("p:cNvSpPr").child("a:spLocks").append_attribute("noChangeAspect") = "1";
  pugi::xml_node body = textBody(placeholder(tree, 3, "Notizenplatzhalter 2", "body", "1", nullptr));
  for (std::string_view line : splitLines(slide.notes)) paragraph(body, line, language);
  element(element(part.root(), "p:clrMapOvr"), "a:masterClrMapping");
  return part.serialize();
}

// The smallest theme PowerPoint accepts: twelve colours, a font scheme and three entries in each
// format style list.
std::string theme() {
  XmlPart part("a:theme");
  declareNamespaces(part.root(), {{"xmlns:a", ooxml::kA}});
  part.root().append_attribute("name") = "OPGV";
  pugi::xml_node elements = element(part.root(), "a:themeElements");
  pugi::xml_node colours = element(elements, "a:clrScheme", {{"name", "OPGV"}});
  element(element(colours, "a:dk1"), "a:sysClr", {{"val", "windowText"}, {"lastClr", "000000"}});
  element(element(colours, "a:lt1"), "a:sysClr", {{"val", "window"}, {"lastClr", "FFFFFF"}});
  for (const auto& [name, rgb] :
       {std::pair{"a:dk2", "1F3864"}, std::pair{"a:lt2", "E7E6E6"}, std::pair{"a:accent1", "2F5597"},
        std::pair{"a:accent2", "C55A11"}, std::pair{"a:accent3", "548235"}, std::pair{"a:accent4", "7030A0"},
        std::pair{"a:accent5", "2E75B6"}, std::pair{"a:accent6", "BF9000"}, std::pair{"a:hlink", "0563C1"},
        std::pair{"a:folHlink", "954F72"}}) {
    element(element(colours, name), "a:srgbClr", {{"val", rgb}});
  }
  pugi::xml_node fonts = element(elements, "a:fontScheme", {{"name", "OPGV"}});
  for (const char* name : {"a:majorFont", "a:minorFont"}) {
    pugi::xml_node font = element(fonts, name);
    element(font, "a:latin", {{"typeface", "Arial"}});
    element(font, "a:ea", {{"typeface", ""}});
    element(font, "a:cs", {{"typeface", ""}});
  }
  pugi::xml_node formats = element(elements, "a:fmtScheme", {{"name", "OPGV"}});
  pugi::xml_node fills = element(formats, "a:fillStyleLst");
  pugi::xml_node lines = element(formats, "a:lnStyleLst");
  pugi::xml_node effects = element(formats, "a:effectStyleLst");
  pugi::xml_node backgroundFills = element(formats, "a:bgFillStyleLst");
  for (int i = 0; i < 3; ++i) {
    element(element(fills, "a:solidFill"), "a:schemeClr", {{"val", "phClr"}});
    pugi::xml_node line =
        element(lines, "a:ln",
                {{"w", std::to_string(6350 * (i + 1))}, {"cap", "flat"}, {"cmpd", "sng"}, {"algn", "ctr"}});
    element(element(line, "a:solidFill"), "a:schemeClr", {{"val", "phClr"}});
    element(line, "a:prstDash", {{"val", "solid"}});
    element(element(effects, "a:effectStyle"), "a:effectLst");
    element(element(backgroundFills, "a:solidFill"), "a:schemeClr", {{"val", "phClr"}});
  }
  element(part.root(), "a:objectDefaults");
  element(part.root(), "a:extraClrSchemeLst");
  return part.serialize();
}

}  // namespace pptx

// ---------------------------------------------------------------------------------------------
// ODP

namespace odp {

constexpr std::string_view kMediaType = "application/vnd.oasis.opendocument.presentation";

struct Frame {
  std::string_view x, y, width, height;
};
// 28 cm x 15.75 cm is LibreOffice's 16:9 slide; the notes page is A4 portrait.
constexpr Frame kTitleFrame{"1.4cm", "0.6cm", "25.2cm", "2.6cm"};
constexpr Frame kOutlineFrame{"1.4cm", "3.6cm", "25.2cm", "10.9cm"};
constexpr Frame kThumbnailFrame{"2.1cm", "2.3cm", "16.8cm", "9.45cm"};
constexpr Frame kNotesFrame{"2.1cm", "12.5cm", "16.8cm", "14.5cm"};

pugi::xml_node frame(pugi::xml_node parent, const char* name, const Frame& box, Attributes attributes) {
  pugi::xml_node node = element(parent, name, attributes);
  node.append_attribute("svg:x").set_value(box.x.data(), box.x.size());
  node.append_attribute("svg:y").set_value(box.y.data(), box.y.size());
  node.append_attribute("svg:width").set_value(box.width.data(), box.width.size());
  node.append_attribute("svg:height").set_value(box.height.data(), box.height.size());
  return node;
}

// Page names become PDF bookmarks and navigator entries, so they carry the slide title; names
// must be unique and non-empty, hence the slide number when a title is missing or repeated.
std::vector<std::string> pageNames(const std::vector<Slide>& slides) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (size_t i = 0; i < slides.size(); ++i) {
    std::string name = slides[i].title;
    std::replace(name.begin(), name.end(), '\n', ' ');
    std::replace(name.begin(), name.end(), '\t', ' ');
    if (name.find_first_not_of(' ') == std::string::npos || used.contains(name)) {
      name = "Folie " + std::to_string(i + 1) +
             (name.find_first_not_of(' ') == std::string::npos ? "" : ": " + name);
    }
    used.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

void bulletListStyle(pugi::xml_node automaticStyles) {
  pugi::xml_node list = element(automaticStyles, "text:list-style", {{"style:name", "Bullets"}});
  pugi::xml_node level =
      element(list, "text:list-level-style-bullet", {{"text:level", "1"}, {"text:bullet-char", "\u2022"}});
  element(level, "style:list-level-properties",
          {{"text:space-before", "0cm"}, {"text:min-label-width", "0.8cm"}});
  element(level, "style:text-properties",
          {{"fo:font-family", "'Liberation Sans'"},
           {"style:use-window-font-color", "true"},
           {"fo:font-size", "100%"}});
}

std::string content(const Presentation& presentation) {
  XmlPart part("office:document-content");
  odf::declareOdfNamespaces(part);
  odf::fontFaces(part.root());
  pugi::xml_node automaticStyles = element(part.root(), "office:automatic-styles");
  bulletListStyle(automaticStyles);
  pugi::xml_node body = element(element(part.root(), "office:body"), "office:presentation");
  const std::vector<std::string> names = pageNames(presentation.slides);
  for (size_t i = 0; i < presentation.slides.size(); ++i) {
    const Slide& slide = presentation.slides[i];
    pugi::xml_node page = element(body, "draw:page",
                                  {{"draw:name", names[i]},
                                   {"draw:master-page-name", "Standard"},
                                   {"presentation:presentation-page-layout-name", "TitleContent"}});
    pugi::xml_node title = frame(page, "draw:frame", kTitleFrame,
                                 {{"presentation:style-name", "Standard-title"},
                                  {"draw:layer", "layout"},
                                  {"presentation:class", "title"}});
    odf::appendPlain(element(element(title, "draw:text-box"), "text:p"), slide.title);
    if (!slide.bullets.empty()) {
      pugi::xml_node outline = frame(page, "draw:frame", kOutlineFrame,
                                     {{"presentation:style-name", "Standard-outline1"},
                                      {"draw:layer", "layout"},
                                      {"presentation:class", "outline"}});
      pugi::xml_node list =
          element(element(outline, "draw:text-box"), "text:list", {{"text:style-name", "Bullets"}});
      for (const std::string& bullet : slide.bullets)
        odf::appendPlain(element(element(list, "text:list-item"), "text:p"), bullet);
    }
    if (!slide.notes.empty()) {
      pugi::xml_node notes = element(page, "presentation:notes");
      frame(notes, "draw:page-thumbnail", kThumbnailFrame,
            {{"draw:layer", "layout"},
             {"draw:page-number", std::to_string(i + 1)},
             {"presentation:class", "page"}});
      pugi::xml_node notesFrame = frame(notes, "draw:frame", kNotesFrame,
                                        {{"presentation:style-name", "Standard-notes"},
                                         {"draw:layer", "layout"},
                                         {"presentation:class", "notes"}});
      pugi::xml_node textBox = element(notesFrame, "draw:text-box");
      for (std::string_view line : splitLines(slide.notes))
        odf::appendPlain(element(textBox, "text:p"), line);
    }
  }
  return part.serialize();
}

pugi::xml_node presentationStyle(pugi::xml_node styles, const char* name, std::string_view fontSize) {
  pugi::xml_node style =
      element(styles, "style:style", {{"style:name", name}, {"style:family", "presentation"}});
  element(style, "style:graphic-properties",
          {{"draw:stroke", "none"},
           {"draw:fill", "none"},
           {"draw:auto-grow-height", "false"},
           {"style:shrink-to-fit", "true"}});
  odf::textProperties(style, {{"style:font-name", "Liberation Sans"},
                              {"fo:font-size", fontSize},
                              {"style:font-size-complex", fontSize}});
  return style;
}

std::string styles(const Language& language) {
  XmlPart part("office:document-styles");
  odf::declareOdfNamespaces(part);
  odf::fontFaces(part.root());
  pugi::xml_node styles = element(part.root(), "office:styles");
  pugi::xml_node defaults = element(styles, "style:default-style", {{"style:family", "graphic"}});
  pugi::xml_node defaultText = element(defaults, "style:text-properties",
                                       {{"style:font-name", "Liberation Sans"}, {"fo:font-size", "18pt"}});
  odf::languageAttributes(defaultText, language);

  pugi::xml_node title = presentationStyle(styles, "Standard-title", "36pt");
  title.child("style:graphic-properties").append_attribute("draw:textarea-vertical-align") = "middle";
  pugi::xml_node outline = presentationStyle(styles, "Standard-outline1", "24pt");
  element(outline, "style:paragraph-properties", {{"fo:margin-top", "0.3cm"}, {"fo:margin-bottom", "0cm"}});
  presentationStyle(styles, "Standard-notes", "12pt");

  pugi::xml_node layout = element(styles, "style:presentation-page-layout", {{"style:name", "TitleContent"}});
  frame(layout, "presentation:placeholder",
        {kTitleFrame.x, kTitleFrame.y, kTitleFrame.width, kTitleFrame.height},
        {{"presentation:object", "title"}});
  frame(layout, "presentation:placeholder",
        {kOutlineFrame.x, kOutlineFrame.y, kOutlineFrame.width, kOutlineFrame.height},
        {{"presentation:object", "outline"}});

  pugi::xml_node automaticStyles = element(part.root(), "office:automatic-styles");
  element(element(automaticStyles, "style:page-layout", {{"style:name", "Slide"}}),
          "style:page-layout-properties",
          {{"fo:margin-top", "0cm"},
           {"fo:margin-bottom", "0cm"},
           {"fo:margin-left", "0cm"},
           {"fo:margin-right", "0cm"},
           {"fo:page-width", "28cm"},
           {"fo:page-height", "15.75cm"},
           {"style:print-orientation", "landscape"}});
  element(element(automaticStyles, "style:page-layout", {{"style:name", "NotesPage"}}),
          "style:page-layout-properties",
          {{"fo:margin-top", "0cm"},
           {"fo:margin-bottom", "0cm"},
           {"fo:margin-left", "0cm"},
           {"fo:margin-right", "0cm"},
           {"fo:page-width", "21cm"},
           {"fo:page-height", "29.7cm"},
           {"style:print-orientation", "portrait"}});
  element(element(automaticStyles, "style:style",
                  {{"style:name", "Background"}, {"style:family", "drawing-page"}}),
          "style:drawing-page-properties",
          {{"draw:background-size", "full"}, {"draw:fill", "solid"}, {"draw:fill-color", "#ffffff"}});

  pugi::xml_node masterStyles = element(part.root(), "office:master-styles");
  pugi::xml_node layers = element(masterStyles, "draw:layer-set");
  for (const char* layer : {"layout", "background", "backgroundobjects", "controls", "measurelines"}) {
    element(layers, "draw:layer", {{"draw:name", layer}});
  }
  pugi::xml_node master = element(
      masterStyles, "style:master-page",
      {{"style:name", "Standard"}, {"style:page-layout-name", "Slide"}, {"draw:style-name", "Background"}});
  element(frame(master, "draw:frame", kTitleFrame,
                {{"presentation:style-name", "Standard-title"},
                 {"draw:layer", "backgroundobjects"},
                 {"presentation:class", "title"},
                 {"presentation:placeholder", "true"}}),
          "draw:text-box");
  element(frame(master, "draw:frame", kOutlineFrame,
                {{"presentation:style-name", "Standard-outline1"},
                 {"draw:layer", "backgroundobjects"},
                 {"presentation:class", "outline"},
                 {"presentation:placeholder", "true"}}),
          "draw:text-box");
  pugi::xml_node notes = element(master, "presentation:notes", {{"style:page-layout-name", "NotesPage"}});
  frame(notes, "draw:page-thumbnail", kThumbnailFrame,
        {{"draw:layer", "backgroundobjects"}, {"presentation:class", "page"}});
  element(frame(notes, "draw:frame", kNotesFrame,
                {{"presentation:style-name", "Standard-notes"},
                 {"draw:layer", "backgroundobjects"},
                 {"presentation:class", "notes"},
                 {"presentation:placeholder", "true"}}),
          "draw:text-box");
  return part.serialize();
}

}  // namespace odp

}  // namespace

Result<std::string> writeDocx(const Document& input) {
  const Document document = cleanDocument(input);
  const Language language = parseLanguage(input.properties.language);
  constexpr std::string_view kContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  auto contentType = [&](std::string_view kind) {
    return std::string(kContentType) + std::string(kind) + "+xml";
  };

  ooxml::Package package;
  package.relationships().add(ooxml::relationshipType("officeDocument"), "word/document.xml");
  ooxml::Relationships documentRelationships;
  documentRelationships.add(ooxml::relationshipType("styles"), "styles.xml");
  documentRelationships.add(ooxml::relationshipType("numbering"), "numbering.xml");
  documentRelationships.add(ooxml::relationshipType("settings"), "settings.xml");
  std::string footerId;
  if (!document.properties.licence.empty()) {
    footerId = documentRelationships.add(ooxml::relationshipType("footer"), "footer1.xml");
  }

  XmlPart documentXml("w:document");
  declareNamespaces(documentXml.root(), {{"xmlns:w", ooxml::kW}, {"xmlns:r", ooxml::kR}});
  pugi::xml_node body = element(documentXml.root(), "w:body");
  docx::BodyWriter writer(body, documentRelationships);
  for (const Block& block : document.blocks) writer.add(block);
  writer.finish();
  pugi::xml_node section = element(body, "w:sectPr");
  if (!footerId.empty()) element(section, "w:footerReference", {{"w:type", "default"}, {"r:id", footerId}});
  element(section, "w:pgSz",
          {{"w:w", std::to_string(docx::kPageWidth)}, {"w:h", std::to_string(docx::kPageHeight)}});
  element(section, "w:pgMar",
          {{"w:top", "1134"},
           {"w:right", std::to_string(docx::kMarginRight)},
           {"w:bottom", "1134"},
           {"w:left", std::to_string(docx::kMarginLeft)},
           {"w:header", "709"},
           {"w:footer", "567"},
           {"w:gutter", "0"}});

  package.addPart("word/document.xml", contentType("document.main"), documentXml.serialize());
  package.addRelationships("word/_rels/document.xml.rels", documentRelationships);
  package.addPart("word/styles.xml", contentType("styles"), docx::stylesXml(language));
  package.addPart("word/numbering.xml", contentType("numbering"), docx::numberingXml(writer.numberedLists()));
  package.addPart("word/settings.xml", contentType("settings"), docx::settingsXml(language));
  if (!footerId.empty()) {
    package.addPart("word/footer1.xml", contentType("footer"), docx::footerXml(document.properties.licence));
  }
  package.addProperties(document.properties, language, ooxml::appProperties({}));
  return package.finish();
}

Result<std::string> writeOdt(const Document& input) {
  const Document document = cleanDocument(input);
  const Language language = parseLanguage(input.properties.language);
  return odf::package(odt::kMediaType, odt::content(document), odt::styles(document, language),
                      odf::meta(document.properties, language));
}

Result<std::string> writePptx(const Presentation& input) {
  using ooxml::relationshipType;
  const Presentation presentation = cleanPresentation(input);
  const Language language = parseLanguage(input.properties.language);
  auto contentType = [](std::string_view kind) {
    return std::string(pptx::kContentTypePrefix) + std::string(kind) + "+xml";
  };
  constexpr std::string_view kThemeContentType = "application/vnd.openxmlformats-officedocument.theme+xml";

  ooxml::Package package;
  package.relationships().add(relationshipType("officeDocument"), "ppt/presentation.xml");
  ooxml::Relationships presentationRelationships;
  XmlPart presentationXml("p:presentation");
  pptx::declarePresentationNamespaces(presentationXml);
  pugi::xml_node root = presentationXml.root();
  root.append_attribute("saveSubsetFonts") = "1";
  element(element(root, "p:sldMasterIdLst"), "p:sldMasterId",
          {{"id", "2147483648"},
           {"r:id", presentationRelationships.add(relationshipType("slideMaster"),
                                                  "slideMasters/slideMaster1.xml")}});
  element(element(root, "p:notesMasterIdLst"), "p:notesMasterId",
          {{"r:id", presentationRelationships.add(relationshipType("notesMaster"),
                                                  "notesMasters/notesMaster1.xml")}});
  if (!presentation.slides.empty()) {
    pugi::xml_node slideIds = element(root, "p:sldIdLst");
    for (size_t i = 0; i < presentation.slides.size(); ++i) {
      const std::string id = presentationRelationships.add(relationshipType("slide"),
                                                           "slides/slide" + std::to_string(i + 1) + ".xml");
      element(slideIds, "p:sldId", {{"id", std::to_string(256 + i)}, {"r:id", id}});
    }
  }
  element(root, "p:sldSz", {{"cx", pptx::kSlideWidth}, {"cy", pptx::kSlideHeight}});
  element(root, "p:notesSz", {{"cx", "6858000"}, {"cy", "9144000"}});
  presentationRelationships.add(relationshipType("theme"), "theme/theme1.xml");
  presentationRelationships.add(relationshipType("presProps"), "presProps.xml");
  presentationRelationships.add(relationshipType("viewProps"), "viewProps.xml");
  presentationRelationships.add(relationshipType("tableStyles"), "tableStyles.xml");

  package.addPart("ppt/presentation.xml", contentType("presentation.main"), presentationXml.serialize());
  package.addRelationships("ppt/_rels/presentation.xml.rels", presentationRelationships);

  ooxml::Relationships masterRelationships;  // the layout must be rId1, see pptx::slideMaster()
  masterRelationships.add(relationshipType("slideLayout"), "../slideLayouts/slideLayout1.xml");
  masterRelationships.add(relationshipType("theme"), "../theme/theme1.xml");
  package.addPart("ppt/slideMasters/slideMaster1.xml", contentType("slideMaster"),
                  pptx::slideMaster(language.tag));
  package.addRelationships("ppt/slideMasters/_rels/slideMaster1.xml.rels", masterRelationships);

  ooxml::Relationships layoutRelationships;
  layoutRelationships.add(relationshipType("slideMaster"), "../slideMasters/slideMaster1.xml");
  package.addPart("ppt/slideLayouts/slideLayout1.xml", contentType("slideLayout"),
                  pptx::slideLayout(language.tag));
  package.addRelationships("ppt/slideLayouts/_rels/slideLayout1.xml.rels", layoutRelationships);

  ooxml::Relationships notesMasterRelationships;
  notesMasterRelationships.add(relationshipType("theme"), "../theme/theme2.xml");
  package.addPart("ppt/notesMasters/notesMaster1.xml", contentType("notesMaster"),
                  pptx::notesMaster(language.tag));
  package.addRelationships("ppt/notesMasters/_rels/notesMaster1.xml.rels", notesMasterRelationships);
  package.addPart("ppt/theme/theme1.xml", kThemeContentType, pptx::theme());
  package.addPart("ppt/theme/theme2.xml", kThemeContentType, pptx::theme());

  int slidesWithNotes = 0;
  for (size_t i = 0; i < presentation.slides.size(); ++i) {
    const Slide& slide = presentation.slides[i];
    const std::string number = std::to_string(i + 1);
    ooxml::Relationships slideRelationships;
    slideRelationships.add(relationshipType("slideLayout"), "../slideLayouts/slideLayout1.xml");
    if (!slide.notes.empty()) {
      ++slidesWithNotes;
      slideRelationships.add(relationshipType("notesSlide"), "../notesSlides/notesSlide" + number + ".xml");
      ooxml::Relationships notesRelationships;
      notesRelationships.add(relationshipType("notesMaster"), "../notesMasters/notesMaster1.xml");
      notesRelationships.add(relationshipType("slide"), "../slides/slide" + number + ".xml");
      package.addPart("ppt/notesSlides/notesSlide" + number + ".xml", contentType("notesSlide"),
                      pptx::notesSlide(slide, language.tag));
      package.addRelationships("ppt/notesSlides/_rels/notesSlide" + number + ".xml.rels", notesRelationships);
    }
    package.addPart("ppt/slides/slide" + number + ".xml", contentType("slide"),
                    pptx::slide(slide, language.tag));
    package.addRelationships("ppt/slides/_rels/slide" + number + ".xml.rels", slideRelationships);
  }

  XmlPart presentationProperties("p:presentationPr");
  pptx::declarePresentationNamespaces(presentationProperties);
  package.addPart("ppt/presProps.xml", contentType("presProps"), presentationProperties.serialize());
  XmlPart viewProperties("p:viewPr");
  pptx::declarePresentationNamespaces(viewProperties);
  element(viewProperties.root(), "p:gridSpacing", {{"cx", "72008"}, {"cy", "72008"}});
  package.addPart("ppt/viewProps.xml", contentType("viewProps"), viewProperties.serialize());
  XmlPart tableStyles("a:tblStyleLst");
  declareNamespaces(tableStyles.root(), {{"xmlns:a", ooxml::kA}});
  // The GUID of PowerPoint's built-in "Medium Style 2 - Accent 1", the usual default.
  tableStyles.root().append_attribute("def") = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}";
  package.addPart("ppt/tableStyles.xml", contentType("tableStyles"), tableStyles.serialize());

  const std::string slideCount = std::to_string(presentation.slides.size());
  const std::string notesCount = std::to_string(slidesWithNotes);
  package.addProperties(
      presentation.properties, language,
      ooxml::appProperties(
          {{"PresentationFormat", "Breitbild"}, {"Slides", slideCount}, {"Notes", notesCount}}));
  return package.finish();
}

Result<std::string> writeOdp(const Presentation& input) {
  const Presentation presentation = cleanPresentation(input);
  const Language language = parseLanguage(input.properties.language);
  return odf::package(odp::kMediaType, odp::content(presentation), odp::styles(language),
                      odf::meta(presentation.properties, language));
}

// ---------------------------------------------------------------------------------------------
// XLSX

namespace xlsx {

// "A", "B", …, "Z", "AA": the column part of a cell reference.
std::string columnName(size_t index) {
  std::string name;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

// Excel refuses sheet names over 31 characters or with []:*?/\ in them, and duplicates.
std::string sheetName(const std::string& wanted, size_t index, std::vector<std::string>& used) {
  std::string name;
  for (char c : sanitizeXmlText(wanted)) {
    if (c == '\n' || std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    name += c;
  }
  if (name.empty()) name = "Tabelle" + std::to_string(index + 1);
  while (name.size() > 31) {
    name.pop_back();
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0xC0) name.pop_back();
  }
  std::string unique = name;
  for (int n = 2; std::find(used.begin(), used.end(), unique) != used.end(); ++n) {
    std::string suffix = " (" + std::to_string(n) + ")";
    unique = name.substr(0, 31 - suffix.size()) + suffix;
  }
  used.push_back(unique);
  return unique;
}

bool isCanonicalNumber(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

void inlineString(pugi::xml_node cell, std::string_view text) {
  cell.append_attribute("t") = "inlineStr";
  pugi::xml_node t = element(element(cell, "is"), "t");
  std::string clean = sanitizeXmlText(text);
  if (!clean.empty() && (clean.front() == ' ' || clean.back() == ' ' || clean.find('\n') != std::string::npos)) {
    t.append_attribute("xml:space") = "preserve";
  }
  t.text().set(clean.c_str());
}

std::string sheetXml(const Sheet& sheet) {
  XmlPart part("worksheet");
  declareNamespaces(part.root(), {{"xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"},
                                  {"xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}});
  pugi::xml_node root = part.root();
  pugi::xml_node view = element(element(root, "sheetViews"), "sheetView", {{"workbookViewId", "0"}});
  if (!sheet.header.empty()) {
    element(view, "pane", {{"ySplit", "1"}, {"topLeftCell", "A2"}, {"activePane", "bottomLeft"}, {"state", "frozen"}});
  }
  if (!sheet.header.empty()) {
    pugi::xml_node cols = element(root, "cols");
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      size_t width = std::clamp<size_t>(sheet.header[c].size() + 4, 12, 60);
      std::string index = std::to_string(c + 1);
      element(cols, "col", {{"min", index}, {"max", index}, {"width", std::to_string(width)}, {"customWidth", "1"}});
    }
  }
  pugi::xml_node data = element(root, "sheetData");
  size_t rowNumber = 0;
  if (!sheet.header.empty()) {
    ++rowNumber;
    pugi::xml_node row = element(data, "row", {{"r", "1"}});
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      pugi::xml_node cell = element(row, "c", {{"r", columnName(c) + "1"}, {"s", "1"}});
      inlineString(cell, sheet.header[c]);
    }
  }
  for (const auto& cells : sheet.rows) {
    ++rowNumber;
    std::string r = std::to_string(rowNumber);
    pugi::xml_node row = element(data, "row", {{"r", r}});
    for (size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].text.empty()) continue;
      pugi::xml_node cell = element(row, "c", {{"r", columnName(c) + r}});
      if (cells[c].number && isCanonicalNumber(cells[c].text)) {
        textElement(cell, "v", cells[c].text);
      } else {
        inlineString(cell, cells[c].text);
      }
    }
  }
  return part.serialize();
}

std::string stylesXml() {
  // Two cell formats: 0 normal, 1 bold (the header row).
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
         R"(<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>)"
         R"(<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>)"
         R"(<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>)"
         R"(<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)"
         R"(<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>)"
         R"(<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>)"
         R"(<cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles>)"
         R"(</styleSheet>)";
}

}  // namespace xlsx

Result<std::string> writeXlsx(const Workbook& workbook) {
  using ooxml::relationshipType;
  constexpr std::string_view kPrefix = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
  auto contentType = [&](std::string_view kind) { return std::string(kPrefix) + std::string(kind) + "+xml"; };
  const Language language = parseLanguage(workbook.properties.language);

  ooxml::Package package;
  package.relationships().add(relationshipType("officeDocument"), "xl/workbook.xml");
  ooxml::Relationships workbookRelationships;
  XmlPart workbookXml("workbook");
  declareNamespaces(workbookXml.root(), {{"xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"},
                                         {"xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}});
  pugi::xml_node sheets = element(workbookXml.root(), "sheets");
  std::vector<Sheet> content = workbook.sheets;
  if (content.empty()) content.push_back(Sheet{"Tabelle1", {}, {}});
  std::vector<std::string> used;
  for (size_t i = 0; i < content.size(); ++i) {
    std::string path = "worksheets/sheet" + std::to_string(i + 1) + ".xml";
    std::string id = workbookRelationships.add(relationshipType("worksheet"), path);
    element(sheets, "sheet", {{"name", xlsx::sheetName(content[i].name, i, used)}, {"sheetId", std::to_string(i + 1)}, {"r:id", id}});
    package.addPart("xl/" + path, contentType("worksheet"), xlsx::sheetXml(content[i]));
  }
  workbookRelationships.add(relationshipType("styles"), "styles.xml");
  package.addPart("xl/workbook.xml", contentType("sheet.main"), workbookXml.serialize());
  package.addRelationships("xl/_rels/workbook.xml.rels", workbookRelationships);
  package.addPart("xl/styles.xml", contentType("styles"), xlsx::stylesXml());
  package.addProperties(workbook.properties, language, ooxml::appProperties({}));
  return package.finish();
}

}  // namespace opgv::office
