// The reading pipeline (encoding detection → transcoding → dialect sniffing → parsing) on the real
// municipal files in ../shared/data. Expected counts and values were taken independently with
// Python's csv module (`list(csv.reader(open(f, newline='', encoding='utf-8-sig')))`) and `wc -l`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "unit/validation/chunked_input.h"
#include "validation/csv_parser.h"
#include "validation/dialect.h"
#include "validation/encoding.h"

namespace opgv::validation {
namespace {

using csvtest::splitIntoChunks;

std::filesystem::path sharedData() {
  if (const char* env = std::getenv("OPGV_SHARED_DATA")) return env;
#ifdef OPGV_SOURCE_DIR
  return std::filesystem::path(OPGV_SOURCE_DIR) / ".." / "shared" / "data";
#else
  return "../shared/data";
#endif
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct PipelineResult {
  EncodingGuess encoding;
  DialectGuess dialect;
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<bool>> quoted;
  std::vector<SourceError> errors;
  CsvStats stats;
  bool ok = true;

  std::string transcript() const {
    std::ostringstream out;
    out << rows.size() << " rows, " << errors.size() << " errors, ok=" << ok << '\n';
    for (const auto& label : labels) out << label << '|';
    for (size_t r = 0; r < rows.size(); ++r) {
      out << '\n';
      for (size_t f = 0; f < rows[r].size(); ++f) out << (quoted[r][f] ? "q" : "") << '[' << rows[r][f] << ']';
    }
    return out.str();
  }
};

// What the validator will do with an upload: detect from the first 64 KiB, then stream the file
// through the transcoder into the parser in the given chunks.
PipelineResult readWholePipeline(const std::string& bytes, const std::vector<std::string_view>& chunks) {
  PipelineResult result;
  const std::string_view head = std::string_view(bytes).substr(0, 64 * 1024);
  result.encoding = detectEncoding(head, head.size() == bytes.size());
  std::string sampleText;
  {
    Utf8Transcoder sampler(result.encoding.encoding);
    // The sample may end inside a character; what was converted up to there is enough.
    (void)sampler.feed(head, sampleText);
  }
  result.dialect = sniffDialect(sampleText, head.size() == bytes.size());

  CsvParser::Handlers handlers;
  handlers.onHeader = [&](const CsvHeader& header) { result.labels = header.labels; };
  handlers.onRecord = [&](const CsvRecord& record) {
    auto& row = result.rows.emplace_back();
    auto& quoted = result.quoted.emplace_back();
    for (const auto& field : record.fields) {
      row.emplace_back(field.value);
      quoted.push_back(field.quoted);
    }
  };
  handlers.onError = [&](const SourceError& error) { result.errors.push_back(error); };
  CsvParser parser(result.dialect.dialect, std::move(handlers));
  Utf8Transcoder transcoder(result.encoding.encoding);
  std::string text;
  for (std::string_view chunk : chunks) {
    text.clear();
    result.ok = result.ok && transcoder.feed(chunk, text) && parser.feed(text);
  }
  text.clear();
  result.ok = result.ok && transcoder.finish(text) && parser.feed(text) && parser.finish();
  result.stats = parser.stats();
  return result;
}

PipelineResult readPipeline(const std::string& bytes) {
  PipelineResult reference;
  for (size_t size : csvtest::kChunkSizes) {
    PipelineResult result = readWholePipeline(bytes, splitIntoChunks(bytes, size));
    if (size == 0) {
      reference = std::move(result);
    } else {
      EXPECT_EQ(result.transcript(), reference.transcript()) << "chunk size " << size;
    }
  }
  return reference;
}

class CsvRealFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(sharedData() / "README.md")) GTEST_SKIP() << "no shared data at " << sharedData();
  }
  std::string load(const char* relative) { return readFile(sharedData() / relative); }
};

TEST_F(CsvRealFiles, AllSharedCsvFilesParseCompletely) {
  struct Expected {
    const char* path;
    size_t dataRows;  // Python csv records minus the header
    size_t fields;
    LineEnding ending;
  };
  const Expected files[] = {
      {"berlin-mss-2021/raw/mss_2021_index_indikatoren.csv", 542, 30, LineEnding::kLf},
      {"berlin-mss-2021/raw/mss_2021_indizes.csv", 542, 13, LineEnding::kLf},
      {"berlin-mss-2021/raw/mss_2021_kontext_indikatoren.csv", 542, 54, LineEnding::kLf},
      {"berlin-mss-2021/mss_2021.csv", 542, 28, LineEnding::kLf},
      {"berlin-mss-2021/mss_2021_easy.csv", 542, 28, LineEnding::kLf},
      {"berlin-mss-2021/kitas_per_plr_simple.csv", 542, 4, LineEnding::kLf},
      {"berlin-mss-2021/schools_per_plr_simple.csv", 542, 13, LineEnding::kLf},
      {"berlin-mss-2021/pflegeeinrichtungen_per_plr_simple.csv", 542, 5, LineEnding::kLf},
      {"berlin-mss-2021/jugendfreizeiteinrichtungen_per_plr.csv", 542, 8, LineEnding::kLf},
      {"berlin-lor/planungsraeume-2021.csv", 542, 2, LineEnding::kLf},
      {"gemeindeverzeichnis/gemeinden-2011.csv", 11270, 12, LineEnding::kCrLf},
      {"musterdatenkatalog/musterdatensaetze-20230420.csv", 242, 12, LineEnding::kLf},
  };
  for (const Expected& file : files) {
    SCOPED_TRACE(file.path);
    const std::string bytes = load(file.path);
    ASSERT_FALSE(bytes.empty());
    // One chunking here (64 KiB, like a file upload); every chunking is checked on the three
    // files below.
    const PipelineResult r = readWholePipeline(bytes, splitIntoChunks(bytes, 64 * 1024));
    EXPECT_EQ(r.encoding.encoding, Encoding::kUtf8);
    EXPECT_GE(r.encoding.confidence, 0.9) << r.encoding.note;
    EXPECT_EQ(r.dialect.dialect.delimiter, ",") << r.dialect.note;
    EXPECT_TRUE(r.dialect.dialect.header) << r.dialect.note;
    EXPECT_GE(r.dialect.confidence, 0.6) << r.dialect.note;
    ASSERT_TRUE(r.ok) << (r.errors.empty() ? "" : r.errors[0].message);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.labels.size(), file.fields);
    EXPECT_EQ(r.rows.size(), file.dataRows);
    for (const auto& row : r.rows) EXPECT_EQ(row.size(), file.fields);
    EXPECT_EQ(r.stats.lineEnding(), file.ending);
    EXPECT_EQ(r.stats.lines, static_cast<int64_t>(file.dataRows + 1));  // = wc -l: no line breaks in cells
  }
}

TEST_F(CsvRealFiles, BerlinMssIndizesInEveryChunking) {
  const PipelineResult r = readPipeline(load("berlin-mss-2021/raw/mss_2021_indizes.csv"));
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.rows.size(), 542u);
  EXPECT_EQ(r.labels.front(), "ZEIT");
  EXPECT_EQ(r.labels.back(), "KOM");
  // Quoted ids keep their leading zeros, and the parser says they were quoted.
  EXPECT_EQ(r.rows[0][1], "01100101");
  EXPECT_TRUE(r.quoted[0][1]);
  EXPECT_EQ(r.rows[0][2], "Stülerstraße");
  EXPECT_FALSE(r.quoted[0][2]);
  EXPECT_EQ(r.rows[0][11], "Status mittel , Dynamik negativ");
  EXPECT_EQ(r.rows[0][12], "gültig");
  EXPECT_EQ(r.rows[541][1], "12601236");
  EXPECT_EQ(r.rows[541][2], "Schorfheidestraße");
}

TEST_F(CsvRealFiles, GemeindeverzeichnisInEveryChunking) {
  const PipelineResult r = readPipeline(load("gemeindeverzeichnis/gemeinden-2011.csv"));
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.rows.size(), 11270u);
  EXPECT_EQ(r.stats.lineEnding(), LineEnding::kCrLf);
  EXPECT_EQ(r.dialect.decimalChar, '.');
  EXPECT_EQ(r.rows[0][1], "Flensburg, Stadt");
  EXPECT_TRUE(r.quoted[0][1]);
  int64_t inhabitants = 0, noRegierungsbezirk = 0;
  for (const auto& row : r.rows) {
    if (!row[8].empty()) inhabitants += std::stoll(row[8]);
    noRegierungsbezirk += row[4].empty();
  }
  EXPECT_EQ(inhabitants, 81721971);  // Python: sum(int(r[8]) for r in rows[1:] if r[8])
  EXPECT_EQ(noRegierungsbezirk, 6836);
  EXPECT_EQ(r.rows.back()[6], "04603 Saara b. Schmölln, Thür.");
}

TEST_F(CsvRealFiles, MusterdatenkatalogInEveryChunking) {
  const PipelineResult r = readPipeline(load("musterdatenkatalog/musterdatensaetze-20230420.csv"));
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.rows.size(), 242u);
  EXPECT_EQ(r.rows.back()[0], "Sonstiges");
  EXPECT_EQ(r.rows.back()[11], "miscellaneous");
  int withQuote = 0;  // two cells contain doubled quotes
  for (const auto& row : r.rows)
    for (const auto& cell : row) withQuote += cell.find('"') != std::string::npos;
  EXPECT_EQ(withQuote, 2);
}

// UTF-8 → Windows-1252 for text that only uses Latin-1 characters (the Gemeindeverzeichnis does).
std::string toWindows1252(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      EXPECT_TRUE(c == 0xC2 || c == 0xC3) << "not Latin-1";
      out.push_back(static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
    }
  }
  return out;
}

TEST_F(CsvRealFiles, GemeindeverzeichnisAsGermanExcelExport) {
  // The same table as a German Excel "CSV (Trennzeichen-getrennt)" would write it: Windows-1252,
  // semicolons, CRLF, decimal commas, quotes only where needed.
  const std::string source = load("gemeindeverzeichnis/gemeinden-2011.csv");
  const PipelineResult original = readWholePipeline(source, {std::string_view(source)});
  ASSERT_TRUE(original.ok);
  auto writeRow = [](const std::vector<std::string>& cells, bool decimalComma) {
    std::string line;
    for (size_t f = 0; f < cells.size(); ++f) {
      std::string cell = cells[f];
      if (decimalComma && f == 7)
        for (char& ch : cell)
          if (ch == '.') ch = ',';
      if (f > 0) line += ';';
      if (cell.find_first_of(";\"\r\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char ch : cell) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        line += quoted + "\"";
      } else {
        line += cell;
      }
    }
    return line + "\r\n";
  };
  std::string utf8 = writeRow(original.labels, false);
  for (const auto& row : original.rows) utf8 += writeRow(row, true);
  const std::string bytes = toWindows1252(utf8);

  const PipelineResult r = readPipeline(bytes);
  EXPECT_EQ(r.encoding.encoding, Encoding::kWindows1252) << r.encoding.note;
  EXPECT_GE(r.encoding.confidence, 0.9);
  EXPECT_EQ(r.dialect.dialect.delimiter, ";") << r.dialect.note;
  EXPECT_TRUE(r.dialect.dialect.header);
  EXPECT_EQ(r.dialect.decimalChar, ',');
  EXPECT_GE(r.dialect.confidence, 0.7) << r.dialect.note;
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.rows.size(), original.rows.size());
  EXPECT_EQ(r.labels, original.labels);
  for (size_t i = 0; i < r.rows.size(); ++i) {
    std::vector<std::string> expected = original.rows[i];
    for (char& ch : expected[7])
      if (ch == '.') ch = ',';
    ASSERT_EQ(r.rows[i], expected) << "row " << i;
  }
}

}  // namespace
}  // namespace opgv::validation
