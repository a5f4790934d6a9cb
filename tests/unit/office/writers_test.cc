#include "office/writers.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <pugixml.hpp>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace opgv::office {
namespace {

// --- Reading the produced files -------------------------------------------------------------

struct Entry {
  std::string name;
  std::string data;
  bool stored = false;
};

std::vector<Entry> unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive =
      source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    ADD_FAILURE() << "not a readable ZIP: " << zip_error_strerror(&error);
    if (source != nullptr) zip_source_free(source);
    zip_error_fini(&error);
    return {};
  }
  zip_error_fini(&error);
  std::vector<Entry> entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string data(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr) << stat.name;
    if (file == nullptr) continue;
    EXPECT_EQ(zip_fread(file, data.data(), stat.size), static_cast<zip_int64_t>(stat.size)) << stat.name;
    zip_fclose(file);
    entries.push_back({stat.name, std::move(data), stat.comp_method == ZIP_CM_STORE});
  }
  zip_discard(archive);  // also frees the source
  return entries;
}

std::map<std::string, std::string> partsOf(const std::vector<Entry>& entries) {
  std::map<std::string, std::string> parts;
  for (const Entry& entry : entries) parts[entry.name] = entry.data;
  return parts;
}

bool isXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// pugixml does not check characters, so this does, independently of the writers' sanitiser:
// strict UTF-8, only XML 1.0 Chars, and no character reference to a forbidden character.
std::string characterProblem(const std::string& xml) {
  for (size_t i = 0; i < xml.size();) {
    const auto lead = static_cast<unsigned char>(xml[i]);
    size_t length = 0;
    uint32_t codePoint = 0;
    uint32_t minimum = 0;
    if (lead < 0x80) {
      length = 1, codePoint = lead;
    } else if ((lead >> 5) == 0x6) {
      length = 2, codePoint = lead & 0x1F, minimum = 0x80;
    } else if ((lead >> 4) == 0xE) {
      length = 3, codePoint = lead & 0x0F, minimum = 0x800;
    } else if ((lead >> 3) == 0x1E) {
      length = 4, codePoint = lead & 0x07, minimum = 0x10000;
    } else {
      return "invalid UTF-8 lead byte at " + std::to_string(i);
    }
    if (i + length > xml.size()) return "truncated UTF-8 at " + std::to_string(i);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(xml[i + k]);
      if ((next & 0xC0) != 0x80) return "invalid UTF-8 continuation at " + std::to_string(i + k);
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    if (codePoint < minimum) return "overlong UTF-8 at " + std::to_string(i);
    if (!isXmlChar(codePoint))
      return "character U+" + std::to_string(codePoint) + " not allowed at " + std::to_string(i);
    i += length;
  }
  static const std::regex reference("&#(x[0-9A-Fa-f]+|[0-9]+);");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), reference); it != std::sregex_iterator();
       ++it) {
    const std::string value = (*it)[1];
    const unsigned long codePoint =
        value[0] == 'x' ? std::stoul(value.substr(1), nullptr, 16) : std::stoul(value);
    if (codePoint > 0x10FFFF || !isXmlChar(static_cast<uint32_t>(codePoint))) return "reference " + it->str();
  }
  return "";
}

void expectWellFormedXmlParts(const std::vector<Entry>& entries, const std::string& context) {
  ASSERT_FALSE(entries.empty()) << context;
  for (const Entry& entry : entries) {
    if (!entry.name.ends_with(".xml") && !entry.name.ends_with(".rels")) continue;
    pugi::xml_document document;
    const pugi::xml_parse_result result =
        document.load_buffer(entry.data.data(), entry.data.size(), pugi::parse_default, pugi::encoding_utf8);
    EXPECT_TRUE(result) << context << ": " << entry.name << " is not well-formed: " << result.description()
                        << " at offset " << result.offset;
    EXPECT_EQ(characterProblem(entry.data), "") << context << ": " << entry.name;
  }
}

// Whitespace-only character data is content here (a run holding just a tab or a space).
pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata));
  return document;
}

// The text a reader sees: character data in document order, with the formats' elements for
// spaces, tabs and line breaks expanded.
std::string visibleText(const std::string& xml) {
  pugi::xml_document document = parse(xml);
  std::string text;
  std::function<void(pugi::xml_node)> walk = [&](pugi::xml_node node) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata) {
        text += child.value();
        continue;
      }
      const std::string_view name = child.name();
      if (name == "text:s") {
        text.append(std::max(1, child.attribute("text:c").as_int(1)), ' ');
      } else if (name == "text:tab" || name == "w:tab") {
        text += '\t';
      } else if (name == "text:line-break" || name == "w:br" || name == "a:br") {
        text += '\n';
      } else {
        walk(child);
      }
    }
  };
  walk(document);
  return text;
}

std::string xpathText(const std::string& xml, const char* query) {
  pugi::xml_document document = parse(xml);
  return document.select_node(query).node().text().get();
}

std::string xpathAttribute(const std::string& xml, const char* query) {
  pugi::xml_document document = parse(xml);
  return document.select_node(query).attribute().value();
}

size_t xpathCount(const std::string& xml, const char* query) {
  pugi::xml_document document = parse(xml);
  return document.select_nodes(query).size();
}

// Every internal relationship points at a part that exists, and every XML part has a content type.
void expectConsistentOoxmlPackage(const std::map<std::string, std::string>& parts) {
  ASSERT_TRUE(parts.contains("[Content_Types].xml"));
  std::set<std::string> overrides;
  for (const pugi::xpath_node& node :
       parse(parts.at("[Content_Types].xml")).select_nodes("/Types/Override/@PartName")) {
    overrides.insert(node.attribute().value());
  }
  for (const auto& [name, data] : parts) {
    if (name.ends_with(".xml") && name != "[Content_Types].xml") {
      EXPECT_TRUE(overrides.contains("/" + name)) << name << " has no content type";
    }
    if (!name.ends_with(".rels")) continue;
    // "word/_rels/document.xml.rels" describes "word/document.xml"; targets are relative to "word/".
    const size_t relsDir = name.rfind("_rels/");
    const std::string base = name.substr(0, relsDir);
    for (const pugi::xpath_node& node : parse(data).select_nodes("/Relationships/Relationship")) {
      if (std::string_view(node.node().attribute("TargetMode").value()) == "External") continue;
      std::vector<std::string> segments;
      std::string path = base + node.node().attribute("Target").value();
      size_t start = 0;
      while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        std::string segment = path.substr(start, slash - start);
        if (segment == "..") {
          if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
          segments.push_back(segment);
        }
        start = slash + 1;
      }
      std::string resolved;
      for (const std::string& segment : segments) resolved += (resolved.empty() ? "" : "/") + segment;
      EXPECT_TRUE(parts.contains(resolved)) << name << " points at missing " << resolved;
    }
  }
}

void expectOdfContainer(const std::vector<Entry>& entries, const std::string& bytes,
                        const std::string& mediaType) {
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().name, "mimetype");
  EXPECT_TRUE(entries.front().stored) << "mimetype must be stored, not deflated";
  EXPECT_EQ(entries.front().data, mediaType);
  // The "magic" other tools rely on: no extra field, so the type follows the name at offset 38.
  EXPECT_EQ(bytes.substr(30, 8), "mimetype");
  EXPECT_EQ(bytes.substr(38, mediaType.size()), mediaType);
  const auto parts = partsOf(entries);
  for (const char* part : {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"}) {
    EXPECT_TRUE(parts.contains(part)) << part;
  }
  const std::string manifest = parts.at("META-INF/manifest.xml");
  EXPECT_EQ(xpathAttribute(manifest, "//manifest:file-entry[@manifest:full-path='/']/@manifest:media-type"),
            mediaType);
  for (const char* part : {"content.xml", "styles.xml", "meta.xml"}) {
    EXPECT_EQ(xpathCount(manifest,
                         ("//manifest:file-entry[@manifest:full-path='" + std::string(part) + "']").c_str()),
              1u);
  }
}

// --- Models ---------------------------------------------------------------------------------

Properties sampleProperties() {
  return {"Antrag auf Bürgerbeteiligung", "Beteiligung", "Erika Mustermann", "Ein Muster für Gemeinden",
          {"Beteiligung", "Kommune"},     "de-DE",       "CC BY 4.0"};
}

Document sampleDocument() {
  Document document;
  document.properties = sampleProperties();
  document.blocks.push_back({BlockKind::kHeading, 1, {{"Antrag an die Gemeinde"}}});
  document.blocks.push_back({BlockKind::kParagraph,
                             1,
                             {{"Gemeinde: "},
                              {"Kreuzfurt (fiktiv) 4711", true},
                              {" mehr unter "},
                              {"der Website", false, true, "https://example.org/beteiligung"}}});
  document.blocks.push_back({BlockKind::kHeading, 2, {{"Begründung"}}});
  Block bullets{BlockKind::kBulletList};
  bullets.items = {{{{"Erster Punkt"}}, 0}, {{{"Unterpunkt"}}, 1}, {{{"Zweiter Punkt"}}, 0}};
  document.blocks.push_back(bullets);
  Block numbered{BlockKind::kNumberedList};
  numbered.items = {{{{"Schritt eins"}}, 0}, {{{"Schritt zwei"}}, 0}};
  document.blocks.push_back(numbered);
  document.blocks.push_back(numbered);  // a second numbered list must count from 1 again
  Block checklist{BlockKind::kCheckList};
  checklist.items = {{{{"Unterschrift"}}, 0}};
  document.blocks.push_back(checklist);
  document.blocks.push_back({BlockKind::kHeading, 3, {{"Fristen"}}});
  Block table{BlockKind::kTable};
  table.rows = {
      {{{{"Frist"}}}, {{{"Datum"}}}}, {{{{"Einreichung"}}}, {{{"31.12."}}}}, {{{{"nur eine Zelle"}}}}};
  document.blocks.push_back(table);
  document.blocks.push_back({BlockKind::kNote, 1, {{"Kein Rechtsrat.\nBitte prüfen Sie die Satzung."}}});
  return document;
}

Presentation samplePresentation() {
  Presentation presentation;
  presentation.properties = sampleProperties();
  presentation.slides = {
      {"Willkommen in Kreuzfurt (fiktiv) 4711", {"Punkt eins", "Punkt zwei"}, "Begrüßen\nZeit: 5 Minuten"},
      {"Ohne Notizen", {"Nur ein Punkt"}, ""},
      {"Ohne Punkte", {}, "Nur Notizen"}};
  return presentation;
}

std::string writeOrFail(const Result<std::string>& bytes) {
  EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().internal);
  return bytes ? *bytes : std::string();
}

// --- Structure and properties ---------------------------------------------------------------

TEST(OfficeWriters, DocxHasAllPartsPropertiesAndStructure) {
  const std::string bytes = writeOrFail(writeDocx(sampleDocument()));
  const std::vector<Entry> entries = unzip(bytes);
  expectWellFormedXmlParts(entries, "docx");
  const auto parts = partsOf(entries);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/numbering.xml", "word/_rels/document.xml.rels", "docProps/core.xml",
                           "docProps/app.xml", "word/footer1.xml", "docProps/custom.xml"}) {
    EXPECT_TRUE(parts.contains(part)) << part;
  }
  EXPECT_EQ(entries.front().name, "[Content_Types].xml");
  expectConsistentOoxmlPackage(parts);

  const std::string core = parts.at("docProps/core.xml");
  EXPECT_EQ(xpathText(core, "//dc:title"), "Antrag auf Bürgerbeteiligung");
  EXPECT_EQ(xpathText(core, "//dc:subject"), "Beteiligung");
  EXPECT_EQ(xpathText(core, "//dc:creator"), "Erika Mustermann");
  EXPECT_EQ(xpathText(core, "//dc:description"), "Ein Muster für Gemeinden");
  EXPECT_EQ(xpathText(core, "//cp:keywords"), "Beteiligung, Kommune");
  EXPECT_EQ(xpathText(core, "//dc:language"), "de-DE");
  EXPECT_EQ(xpathText(parts.at("docProps/custom.xml"), "//property[@name='Lizenz']/vt:lpwstr"), "CC BY 4.0");
  EXPECT_NE(visibleText(parts.at("word/footer1.xml")).find("CC BY 4.0"), std::string::npos);

  const std::string styles = parts.at("word/styles.xml");
  EXPECT_EQ(xpathAttribute(styles, "//w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val"), "de-DE");
  for (int level = 1; level <= 3; ++level) {
    const std::string query = "//w:style[@w:styleId='Heading" + std::to_string(level) + "']";
    EXPECT_EQ(xpathAttribute(styles, (query + "/w:name/@w:val").c_str()), "heading " + std::to_string(level));
    EXPECT_EQ(xpathAttribute(styles, (query + "/w:pPr/w:outlineLvl/@w:val").c_str()),
              std::to_string(level - 1));
  }
  EXPECT_EQ(xpathCount(styles, "//w:style[@w:styleId='ListParagraph']"), 1u);

  const std::string document = parts.at("word/document.xml");
  const std::string text = visibleText(document);
  for (const char* expected : {"Antrag an die Gemeinde", "Kreuzfurt (fiktiv) 4711", "Erster Punkt",
                               "Unterpunkt", "Schritt zwei", "\u2610 Unterschrift", "Einreichung", "31.12.",
                               "nur eine Zelle", "Kein Rechtsrat.\nBitte prüfen Sie die Satzung."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(xpathText(document, "//w:p[w:pPr/w:pStyle/@w:val='Heading2']/w:r/w:t"), "Begründung");
  EXPECT_EQ(xpathText(document, "//w:r[w:rPr/w:b]/w:t"), "Kreuzfurt (fiktiv) 4711");
  EXPECT_EQ(xpathText(document, "//w:r[w:rPr/w:i]/w:t"), "der Website");
  EXPECT_EQ(xpathCount(document, "//w:tbl/w:tr[1]/w:trPr/w:tblHeader"), 1u);
  EXPECT_EQ(xpathCount(document, "//w:tbl/w:tblPr/w:tblBorders/w:insideH"), 1u);
  EXPECT_EQ(xpathCount(document, "//w:tbl/w:tr[3]/w:tc"), 2u) << "short rows are padded";
  EXPECT_EQ(xpathCount(document, "//w:p[w:pPr/w:pStyle/@w:val='Note']/w:r/w:br"), 1u);

  // The link is an external relationship.
  const std::string linkId = xpathAttribute(document, "//w:hyperlink/@r:id");
  const std::string relationships = parts.at("word/_rels/document.xml.rels");
  EXPECT_EQ(xpathAttribute(relationships, ("//Relationship[@Id='" + linkId + "']/@Target").c_str()),
            "https://example.org/beteiligung");
  EXPECT_EQ(xpathAttribute(relationships, ("//Relationship[@Id='" + linkId + "']/@TargetMode").c_str()),
            "External");

  // Bullets and numbers are separate definitions; each numbered list has its own instance.
  const std::string numbering = parts.at("word/numbering.xml");
  EXPECT_EQ(
      xpathAttribute(numbering, "//w:abstractNum[@w:abstractNumId='0']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val"),
      "bullet");
  EXPECT_EQ(
      xpathAttribute(numbering, "//w:abstractNum[@w:abstractNumId='1']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val"),
      "decimal");
  std::set<std::string> numberedInstances;
  for (const pugi::xpath_node& node :
       parse(document).select_nodes("//w:p[w:r/w:t='Schritt eins']/w:pPr/w:numPr/w:numId/@w:val")) {
    numberedInstances.insert(node.attribute().value());
  }
  EXPECT_EQ(numberedInstances.size(), 2u);
  EXPECT_EQ(xpathAttribute(document, "//w:p[w:r/w:t='Unterpunkt']/w:pPr/w:numPr/w:ilvl/@w:val"), "1");
}

TEST(OfficeWriters, OdtHasAllPartsPropertiesAndStructure) {
  const std::string bytes = writeOrFail(writeOdt(sampleDocument()));
  const std::vector<Entry> entries = unzip(bytes);
  expectWellFormedXmlParts(entries, "odt");
  expectOdfContainer(entries, bytes, "application/vnd.oasis.opendocument.text");
  const auto parts = partsOf(entries);

  const std::string meta = parts.at("meta.xml");
  EXPECT_EQ(xpathText(meta, "//dc:title"), "Antrag auf Bürgerbeteiligung");
  EXPECT_EQ(xpathText(meta, "//dc:subject"), "Beteiligung");
  EXPECT_EQ(xpathText(meta, "//dc:description"), "Ein Muster für Gemeinden");
  EXPECT_EQ(xpathCount(meta, "//meta:keyword"), 2u);
  EXPECT_EQ(xpathText(meta, "//dc:language"), "de-DE");
  EXPECT_EQ(xpathText(meta, "//meta:initial-creator"), "Erika Mustermann");
  EXPECT_EQ(xpathText(meta, "//dc:creator"), "Erika Mustermann");
  EXPECT_EQ(xpathText(meta, "//meta:user-defined[@meta:name='Lizenz']"), "CC BY 4.0");

  const std::string styles = parts.at("styles.xml");
  EXPECT_EQ(
      xpathAttribute(styles,
                     "//style:default-style[@style:family='paragraph']/style:text-properties/@fo:language"),
      "de");
  EXPECT_EQ(xpathAttribute(
                styles, "//style:default-style[@style:family='paragraph']/style:text-properties/@fo:country"),
            "DE");
  EXPECT_EQ(xpathAttribute(styles, "//style:style[@style:name='Heading_20_2']/@style:default-outline-level"),
            "2");
  EXPECT_EQ(xpathCount(styles, "//text:list-style"), 2u);
  EXPECT_NE(visibleText(styles).find("CC BY 4.0"), std::string::npos) << "licence in the footer";

  const std::string content = parts.at("content.xml");
  const std::string text = visibleText(content);
  for (const char* expected : {"Antrag an die Gemeinde", "Kreuzfurt (fiktiv) 4711", "Erster Punkt",
                               "Unterpunkt", "Schritt zwei", "\u2610 Unterschrift", "Einreichung",
                               "nur eine Zelle", "Kein Rechtsrat.\nBitte prüfen Sie die Satzung."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(xpathText(content, "//text:h[@text:outline-level='1']"), "Antrag an die Gemeinde");
  EXPECT_EQ(xpathText(content, "//text:h[@text:outline-level='3']"), "Fristen");
  EXPECT_EQ(
      xpathText(content,
                "//text:a[@xlink:href='https://example.org/beteiligung']/text:span[@text:style-name='T2']"),
      "der Website");
  EXPECT_EQ(xpathText(content, "//text:span[@text:style-name='T1']"), "Kreuzfurt (fiktiv) 4711");
  EXPECT_EQ(xpathAttribute(content, "//style:style[@style:name='T1']/style:text-properties/@fo:font-weight"),
            "bold");
  EXPECT_EQ(
      xpathText(
          content,
          "//text:list[@text:style-name='Bullet_20_List']/text:list-item/text:list/text:list-item/text:p"),
      "Unterpunkt");
  EXPECT_EQ(xpathCount(content, "//text:list[@text:style-name='Numbered_20_List']"), 2u);
  EXPECT_EQ(
      xpathText(content, "//table:table/table:table-header-rows/table:table-row/table:table-cell[1]/text:p"),
      "Frist");
  EXPECT_EQ(xpathCount(content, "//table:table/table:table-row[2]/table:table-cell"), 2u)
      << "short rows are padded";
}

TEST(OfficeWriters, PptxHasSlidesNotesMastersAndLanguage) {
  const std::string bytes = writeOrFail(writePptx(samplePresentation()));
  const std::vector<Entry> entries = unzip(bytes);
  expectWellFormedXmlParts(entries, "pptx");
  const auto parts = partsOf(entries);
  for (const char* part :
       {"ppt/presentation.xml", "ppt/slides/slide1.xml", "ppt/slides/slide2.xml", "ppt/slides/slide3.xml",
        "ppt/notesSlides/notesSlide1.xml", "ppt/notesSlides/notesSlide3.xml",
        "ppt/notesMasters/notesMaster1.xml", "ppt/slideMasters/slideMaster1.xml",
        "ppt/slideLayouts/slideLayout1.xml", "ppt/theme/theme1.xml", "docProps/core.xml"}) {
    EXPECT_TRUE(parts.contains(part)) << part;
  }
  EXPECT_FALSE(parts.contains("ppt/notesSlides/notesSlide2.xml")) << "no empty notes pages";
  expectConsistentOoxmlPackage(parts);

  const std::string presentation = parts.at("ppt/presentation.xml");
  EXPECT_EQ(xpathAttribute(presentation, "//p:sldSz/@cx"), "12192000");  // 16:9
  EXPECT_EQ(xpathAttribute(presentation, "//p:sldSz/@cy"), "6858000");
  EXPECT_EQ(xpathCount(presentation, "//p:sldIdLst/p:sldId"), 3u);
  EXPECT_EQ(xpathText(parts.at("docProps/core.xml"), "//dc:language"), "de-DE");
  EXPECT_EQ(xpathText(parts.at("docProps/core.xml"), "//dc:title"), "Antrag auf Bürgerbeteiligung");

  const std::string slide = parts.at("ppt/slides/slide1.xml");
  EXPECT_EQ(xpathText(slide, "//p:sp[p:nvSpPr/p:nvPr/p:ph/@type='title']//a:t"),
            "Willkommen in Kreuzfurt (fiktiv) 4711");
  EXPECT_EQ(xpathCount(slide, "//p:sp[p:nvSpPr/p:nvPr/p:ph/@idx='1']//a:p"), 2u);
  for (const auto& [name, data] : parts) {
    if (!name.starts_with("ppt/slides/") && !name.starts_with("ppt/notesSlides/")) continue;
    if (!name.ends_with(".xml")) continue;
    for (const pugi::xpath_node& node : parse(data).select_nodes("//a:rPr | //a:endParaRPr")) {
      EXPECT_STREQ(node.node().attribute("lang").value(), "de-DE") << name;
    }
  }
  const std::string notes = parts.at("ppt/notesSlides/notesSlide1.xml");
  EXPECT_EQ(xpathCount(notes, "//p:sp[p:nvSpPr/p:nvPr/p:ph/@type='body']//a:p"), 2u)
      << "one paragraph per line";
  EXPECT_NE(visibleText(notes).find("Zeit: 5 Minuten"), std::string::npos);
}

TEST(OfficeWriters, OdpHasPagesNotesAndLanguage) {
  const std::string bytes = writeOrFail(writeOdp(samplePresentation()));
  const std::vector<Entry> entries = unzip(bytes);
  expectWellFormedXmlParts(entries, "odp");
  expectOdfContainer(entries, bytes, "application/vnd.oasis.opendocument.presentation");
  const auto parts = partsOf(entries);
  EXPECT_EQ(xpathText(parts.at("meta.xml"), "//dc:language"), "de-DE");
  EXPECT_EQ(
      xpathAttribute(parts.at("styles.xml"), "//style:default-style/style:text-properties/@fo:language"),
      "de");
  EXPECT_EQ(
      xpathAttribute(parts.at("styles.xml"),
                     "//style:page-layout[@style:name='Slide']/style:page-layout-properties/@fo:page-width"),
      "28cm");

  const std::string content = parts.at("content.xml");
  EXPECT_EQ(xpathCount(content, "//draw:page"), 3u);
  EXPECT_EQ(xpathText(content, "//draw:page[1]/draw:frame[@presentation:class='title']//text:p"),
            "Willkommen in Kreuzfurt (fiktiv) 4711");
  EXPECT_EQ(xpathCount(content, "//draw:page[1]/draw:frame[@presentation:class='outline']//text:list-item"),
            2u);
  EXPECT_EQ(xpathCount(content,
                       "//draw:page[1]/presentation:notes/draw:frame[@presentation:class='notes']//text:p"),
            2u);
  EXPECT_EQ(xpathCount(content, "//draw:page[2]/presentation:notes"), 0u);
  EXPECT_EQ(xpathAttribute(content, "//draw:page[1]/@draw:name"), "Willkommen in Kreuzfurt (fiktiv) 4711");
}

TEST(OfficeWriters, LanguageComesFromPropertiesAndFallsBackToGerman) {
  Document document = sampleDocument();
  document.properties.language = "en_gb";
  auto parts = partsOf(unzip(writeOrFail(writeOdt(document))));
  EXPECT_EQ(
      xpathAttribute(parts.at("styles.xml"), "//style:default-style/style:text-properties/@fo:language"),
      "en");
  EXPECT_EQ(xpathAttribute(parts.at("styles.xml"), "//style:default-style/style:text-properties/@fo:country"),
            "GB");
  EXPECT_EQ(xpathText(parts.at("meta.xml"), "//dc:language"), "en-GB");
  parts = partsOf(unzip(writeOrFail(writeDocx(document))));
  EXPECT_EQ(xpathAttribute(parts.at("word/styles.xml"), "//w:docDefaults//w:lang/@w:val"), "en-GB");

  document.properties.language = "\"><script>";
  parts = partsOf(unzip(writeOrFail(writeDocx(document))));
  EXPECT_EQ(xpathAttribute(parts.at("word/styles.xml"), "//w:docDefaults//w:lang/@w:val"), "de-DE");
  EXPECT_EQ(xpathText(parts.at("docProps/core.xml"), "//dc:language"), "de-DE");
}

TEST(OfficeWriters, OnlySafeLinksBecomeLinksAndTheirTextStays) {
  Document document;
  document.blocks.push_back({BlockKind::kParagraph,
                             1,
                             {{"böse", false, false, "javascript:alert(1)"},
                              {" datei", false, false, "file:///etc/passwd"},
                              {" gut", false, false, "https://example.org/Straße mit Leerzeichen"},
                              {" post", false, false, "mailto:info@example.org"}}});
  const auto docx = partsOf(unzip(writeOrFail(writeDocx(document))));
  EXPECT_EQ(visibleText(docx.at("word/document.xml")), "böse datei gut post");
  EXPECT_EQ(xpathCount(docx.at("word/document.xml"), "//w:hyperlink"), 2u);
  EXPECT_EQ(xpathCount(docx.at("word/_rels/document.xml.rels"),
                       "//Relationship[@Target='https://example.org/Stra%C3%9Fe%20mit%20Leerzeichen']"),
            1u);
  EXPECT_EQ(docx.at("word/_rels/document.xml.rels").find("javascript"), std::string::npos);
  const auto odt = partsOf(unzip(writeOrFail(writeOdt(document))));
  EXPECT_EQ(visibleText(odt.at("content.xml")), "böse datei gut post");
  EXPECT_EQ(xpathCount(odt.at("content.xml"), "//text:a"), 2u);
}

TEST(OfficeWriters, OutputIsDeterministic) {
  EXPECT_EQ(writeOrFail(writeDocx(sampleDocument())), writeOrFail(writeDocx(sampleDocument())));
  EXPECT_EQ(writeOrFail(writeOdt(sampleDocument())), writeOrFail(writeOdt(sampleDocument())));
  EXPECT_EQ(writeOrFail(writePptx(samplePresentation())), writeOrFail(writePptx(samplePresentation())));
  EXPECT_EQ(writeOrFail(writeOdp(samplePresentation())), writeOrFail(writeOdp(samplePresentation())));
}

TEST(OfficeWriters, EmptyModelsStillGiveValidFiles) {
  for (const auto& [name, bytes] : {std::pair{"docx", writeDocx({})}, std::pair{"odt", writeOdt({})},
                                    std::pair{"pptx", writePptx({})}, std::pair{"odp", writeOdp({})}}) {
    expectWellFormedXmlParts(unzip(writeOrFail(bytes)), name);
  }
  Document emptyTable;
  emptyTable.blocks.push_back({BlockKind::kTable});
  emptyTable.blocks.push_back({BlockKind::kBulletList});
  expectWellFormedXmlParts(unzip(writeOrFail(writeDocx(emptyTable))), "docx with empty table");
  expectWellFormedXmlParts(unzip(writeOrFail(writeOdt(emptyTable))), "odt with empty table");
}

// --- Hostile input --------------------------------------------------------------------------

TEST(OfficeWriters, SanitizerKeepsTextAndDropsWhatXmlForbids) {
  EXPECT_EQ(sanitizeXmlText("Tab\tund\nZeile"), "Tab\tund\nZeile");
  EXPECT_EQ(sanitizeXmlText("CR LF\r\nCR\rEnde"), "CR LF\nCR\nEnde");
  EXPECT_EQ(sanitizeXmlText(std::string("a\0b\x01\x08\x0B\x0C\x1F"
                                        "c",
                                        9)),
            "abc");
  EXPECT_EQ(sanitizeXmlText("<script>&\"'</script>]]>"), "<script>&\"'</script>]]>");
  EXPECT_EQ(sanitizeXmlText("\U0001F389 \u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD"),
            "\U0001F389 \u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD");
  EXPECT_EQ(sanitizeXmlText("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
  EXPECT_EQ(sanitizeXmlText("a\xFF"
                            "b"),
            "a\uFFFD"
            "b");                                                              // invalid byte
  EXPECT_EQ(sanitizeXmlText("\xC0\xAF"), "\uFFFD\uFFFD");                      // overlong '/'
  EXPECT_EQ(sanitizeXmlText("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");            // encoded surrogate
  EXPECT_EQ(sanitizeXmlText("ok\xE2\x82"), "ok\uFFFD");                        // truncated
  EXPECT_EQ(sanitizeXmlText("\xF4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");  // above U+10FFFF
  EXPECT_EQ(sanitizeXmlText("\xE2\x82\xAC\xF0\x9F\x98\x80"), "\u20AC\U0001F600");
}

struct Hostile {
  std::string input;
  std::string visible;  // what must appear in the document's text
};

std::vector<Hostile> hostileTexts() {
  std::string allControls = "C0:";
  for (char c = 0; c < 0x20; ++c) allControls += c;
  allControls += ":Ende";
  std::string longText(100'000, 'x');
  longText += "ENDE-100K";
  return {
      {"<script>alert(\"x\")</script>&amp;'", "<script>alert(\"x\")</script>&amp;'"},
      {"CDATA]]>Ende", "CDATA]]>Ende"},
      {longText, longText},
      {"Emoji \U0001F389\U0001F44D\U0001F3FD", "Emoji \U0001F389\U0001F44D\U0001F3FD"},
      {"Arabisch \u0645\u0631\u062D\u0628\u0627 Hebr\u00E4isch \u05E9\u05DC\u05D5\u05DD",
       "Arabisch \u0645\u0631\u062D\u0628\u0627 Hebr\u00E4isch \u05E9\u05DC\u05D5\u05DD"},
      {allControls, "C0:\t\n\n:Ende"},
      {"vor\xFF\xFEnach\xC3", "vor\uFFFD\uFFFDnach\uFFFD"},
  };
}

Document hostileDocument() {
  Document document;
  const std::vector<Hostile> texts = hostileTexts();
  document.properties = {
      texts[0].input, texts[1].input, texts[4].input, texts[5].input, {texts[6].input, texts[0].input},
      texts[0].input, texts[1].input};
  Block list{BlockKind::kBulletList};
  Block checklist{BlockKind::kCheckList};
  Block table{BlockKind::kTable};
  for (const Hostile& text : texts) {
    document.blocks.push_back({BlockKind::kHeading, 2, {{text.input}}});
    document.blocks.push_back({BlockKind::kParagraph, 1, {{text.input, true, true, text.input}}});
    document.blocks.push_back({BlockKind::kNote, 1, {{text.input}}});
    list.items.push_back({{{text.input}}, 1});
    checklist.items.push_back({{{text.input}}, 0});
    table.rows.push_back(
        {{{{text.input}}}, {{{text.input, false, false, "https://example.org/" + text.input}}}});
  }
  document.blocks.push_back(list);
  document.blocks.push_back(checklist);
  document.blocks.push_back(table);
  return document;
}

Presentation hostilePresentation() {
  Presentation presentation;
  presentation.properties = hostileDocument().properties;
  for (const Hostile& text : hostileTexts())
    presentation.slides.push_back({text.input, {text.input, text.input}, text.input});
  return presentation;
}

TEST(OfficeWriters, HostileTextStaysWellFormedAndVisible) {
  const Document document = hostileDocument();
  const Presentation presentation = hostilePresentation();
  struct Output {
    const char* name;
    Result<std::string> bytes;
    const char* mainPart;
  };
  const Output outputs[] = {{"docx", writeDocx(document), "word/document.xml"},
                            {"odt", writeOdt(document), "content.xml"},
                            {"pptx", writePptx(presentation), "ppt/slides/slide1.xml"},
                            {"odp", writeOdp(presentation), "content.xml"}};
  for (const Output& output : outputs) {
    SCOPED_TRACE(output.name);
    const std::vector<Entry> entries = unzip(writeOrFail(output.bytes));
    expectWellFormedXmlParts(entries, output.name);
    const auto parts = partsOf(entries);
    std::string text;
    if (std::string_view(output.name) == "pptx") {
      for (size_t slide = 1; slide <= hostileTexts().size(); ++slide) {
        text += visibleText(parts.at("ppt/slides/slide" + std::to_string(slide) + ".xml"));
      }
    } else {
      text = visibleText(parts.at(output.mainPart));
    }
    for (const Hostile& hostile : hostileTexts()) {
      EXPECT_NE(text.find(hostile.visible), std::string::npos)
          << testing::PrintToString(hostile.visible.substr(0, 60));
    }
    EXPECT_EQ(text.find('\x01'), std::string::npos);
  }
}

// --- Fuzzing --------------------------------------------------------------------------------

class RandomText {
 public:
  explicit RandomText(uint32_t seed) : engine_(seed) {}

  std::string next() {
    static const std::vector<std::string> kPieces = {"<",
                                                     ">",
                                                     "&",
                                                     "\"",
                                                     "'",
                                                     "]]>",
                                                     "<![CDATA[",
                                                     "&#1;",
                                                     "\n",
                                                     "\r",
                                                     "\r\n",
                                                     "\t",
                                                     " ",
                                                     "  ",
                                                     "\u00E4",
                                                     "\u00DF",
                                                     "\u20AC",
                                                     "\U0001F389",
                                                     "\u0645\u0631",
                                                     "\u05E9\u05DC",
                                                     "\u200F",
                                                     "\uFEFF",
                                                     "\xEF\xBF\xBE",
                                                     "\xED\xA0\x80",
                                                     "\xC0\xAF",
                                                     "\xF4\x90\x80\x80",
                                                     "\xE2\x82",
                                                     "javascript:",
                                                     "https://x.y/"};
    std::string text;
    const int pieces = pick(0, 24);
    for (int i = 0; i < pieces; ++i) {
      switch (pick(0, 2)) {
        case 0:
          text += static_cast<char>(pick(0, 255));  // any byte, including NUL and broken UTF-8
          break;
        case 1:
          text += kPieces[static_cast<size_t>(pick(0, static_cast<int>(kPieces.size()) - 1))];
          break;
        default:
          text += static_cast<char>(pick('a', 'z'));
          break;
      }
    }
    return text;
  }
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }

 private:
  std::mt19937 engine_;
};

Inline randomInline(RandomText& random) {
  Inline spans;
  const int count = random.pick(0, 3);
  for (int i = 0; i < count; ++i) {
    spans.push_back({random.next(), random.pick(0, 1) == 1, random.pick(0, 1) == 1,
                     random.pick(0, 2) == 0 ? "https://example.org/" + random.next() : random.next()});
  }
  return spans;
}

TEST(OfficeWriters, FuzzedModelsAlwaysGiveWellFormedFiles) {
  RandomText random(20260127);
  for (int round = 0; round < 200; ++round) {
    Document document;
    document.properties = {
        random.next(), random.next(), random.next(), random.next(), {random.next(), random.next()},
        random.next(), random.next()};
    for (int b = 0; b < 8; ++b) {
      Block block;
      block.kind = static_cast<BlockKind>(random.pick(0, 6));
      block.level = random.pick(-2, 7);
      block.header_row = random.pick(0, 1) == 1;
      block.text = randomInline(random);
      for (int i = random.pick(0, 4); i > 0; --i)
        block.items.push_back({randomInline(random), random.pick(-3, 12)});
      for (int r = random.pick(0, 3); r > 0; --r) {
        std::vector<TableCell> row;
        for (int c = random.pick(0, 3); c > 0; --c) row.push_back({randomInline(random)});
        block.rows.push_back(row);
      }
      document.blocks.push_back(block);
    }
    Presentation presentation;
    presentation.properties = document.properties;
    for (int s = random.pick(0, 3); s > 0; --s) {
      Slide slide{random.next(), {}, random.next()};
      for (int i = random.pick(0, 3); i > 0; --i) slide.bullets.push_back(random.next());
      presentation.slides.push_back(slide);
    }
    const std::string context = "round " + std::to_string(round);
    expectWellFormedXmlParts(unzip(writeOrFail(writeDocx(document))), context + " docx");
    expectWellFormedXmlParts(unzip(writeOrFail(writeOdt(document))), context + " odt");
    expectWellFormedXmlParts(unzip(writeOrFail(writePptx(presentation))), context + " pptx");
    expectWellFormedXmlParts(unzip(writeOrFail(writeOdp(presentation))), context + " odp");
    if (HasFailure()) break;  // one broken round is enough to debug
  }
}

// --- Speed ----------------------------------------------------------------------------------

// A typical five-page handout: 10 sections of three ~60-word paragraphs, three lists, two tables.
Document fivePageDocument() {
  Document document;
  document.properties = sampleProperties();
  const std::string sentence =
      "Die Gemeinde Kreuzfurt beteiligt ihre Bürgerinnen und Bürger frühzeitig an der Planung. ";
  for (int section = 1; section <= 10; ++section) {
    document.blocks.push_back(
        {BlockKind::kHeading, section % 3 == 1 ? 1 : 2, {{"Abschnitt " + std::to_string(section)}}});
    for (int paragraph = 0; paragraph < 3; ++paragraph) {
      document.blocks.push_back(
          {BlockKind::kParagraph,
           1,
           {{sentence + sentence + sentence}, {"wichtig", true}, {" " + sentence + sentence}}});
    }
    if (section % 4 == 0) {
      Block list{BlockKind::kBulletList};
      for (int item = 0; item < 5; ++item)
        list.items.push_back({{{"Punkt " + std::to_string(item)}}, item % 2});
      document.blocks.push_back(list);
    }
    if (section % 5 == 0) {
      Block table{BlockKind::kTable};
      for (int row = 0; row < 6; ++row) {
        table.rows.push_back(
            {{{{"Zeile " + std::to_string(row)}}}, {{{"Wert"}}}, {{{"Frist"}}}, {{{"Zuständig"}}}});
      }
      document.blocks.push_back(table);
    }
  }
  return document;
}

TEST(OfficeWriters, TypicalDocumentIsWrittenInMilliseconds) {
  const Document document = fivePageDocument();
  constexpr int kRuns = 20;
  const auto start = std::chrono::steady_clock::now();
  size_t bytes = 0;
  for (int run = 0; run < kRuns; ++run) bytes += writeOrFail(writeDocx(document)).size();
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / kRuns;
  std::printf("[ TIMING   ] writeDocx, 5-page document: %.2f ms per document (%zu bytes)\n", milliseconds,
              bytes / kRuns);
  RecordProperty("writeDocx_ms", std::to_string(milliseconds));
  EXPECT_LT(milliseconds, 500.0) << "far slower than expected (measured: a few ms)";
}

}  // namespace
}  // namespace opgv::office
