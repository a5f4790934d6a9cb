#pragma once
// A neutral, format-free description of an office document or slide deck. Features (Bausteine,
// later projects) build one of these; the writers in this folder turn it into DOCX, ODT, PPTX,
// ODP, and the converter into PDF. Keeping the model this small is deliberate: it is what every
// target format can express faithfully (headings, paragraphs, lists, tables, slides with notes).
#include <string>
#include <vector>

namespace opgv::office {

// A run of text with one formatting. Text is arbitrary user input (UTF-8, may contain markup,
// control characters, right-to-left text); writers must make it safe for their format.
struct Span {
  std::string text;
  bool bold = false;
  bool italic = false;
  std::string link;  // absolute URL, or empty
};
using Inline = std::vector<Span>;

struct ListItem {
  Inline content;
  int level = 0;  // 0 = top level, 1 = nested once, …
};

struct TableCell {
  Inline content;
};

enum class BlockKind {
  kHeading,       // level 1..3, content in `text`
  kParagraph,     // content in `text`
  kBulletList,    // `items`
  kNumberedList,  // `items`
  kCheckList,     // `items`, each shown with an empty check box (☐) to tick on paper
  kTable,         // `rows`; the first row is the header row when `header_row`
  kNote,          // an emphasised paragraph (e.g. "Kein Rechtsrat"), content in `text`
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 1;
  Inline text;
  std::vector<ListItem> items;
  std::vector<std::vector<TableCell>> rows;
  bool header_row = true;
};

// Document properties: written to docProps/core.xml (OOXML) and meta.xml (ODF), and carried into
// the PDF's title, author, subject and keywords.
struct Properties {
  std::string title;
  std::string subject;
  std::string author;
  std::string description;
  std::vector<std::string> keywords;
  std::string language = "de-DE";  // BCP 47; set on the document default style
  std::string licence;             // e.g. "CC BY 4.0", shown in the footer / description
};

struct Document {
  Properties properties;
  std::vector<Block> blocks;
};

struct Slide {
  std::string title;
  std::vector<std::string> bullets;
  std::string notes;  // speaker notes; may span several lines
};

struct Presentation {
  Properties properties;
  std::vector<Slide> slides;
};

// A workbook of plain tables (data templates, dataset downloads): one header row per sheet, shown
// bold and frozen, then the rows. No formulas: a cell is text or a number.
struct SheetCell {
  std::string text;
  bool number = false;  // `text` is a number in canonical form ("1234.5") and is written as a number cell
};

struct Sheet {
  std::string name;  // at most 31 characters, no []:*?/\ (cut and replaced by the writer)
  std::vector<std::string> header;
  std::vector<std::vector<SheetCell>> rows;
};

struct Workbook {
  Properties properties;
  std::vector<Sheet> sheets;
};

}  // namespace opgv::office
