#include "http/multipart.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/strings.h"

namespace opgv::http {
namespace {

using namespace std::string_literals;

const std::string kChromeBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
const std::string kChromeType = "multipart/form-data; boundary=" + kChromeBoundary;

struct Spec {
  std::string name;
  std::string filename;  // empty: a plain field
  std::string contentType;
  std::string data;
};

// Builds a body the way browsers do: CRLF everywhere, quoted parameters.
std::string build(const std::string& boundary, const std::vector<Spec>& parts, const std::string& eol = "\r\n") {
  std::string body;
  for (const auto& p : parts) {
    body += "--" + boundary + eol;
    body += "Content-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"";
    body += eol;
    if (!p.contentType.empty()) body += "Content-Type: " + p.contentType + eol;
    body += eol + p.data + eol;
  }
  body += "--" + boundary + "--" + eol;
  return body;
}

// One part with a raw Content-Disposition value.
std::string withDisposition(const std::string& disposition, const std::string& data = "x") {
  return "--" + kChromeBoundary + "\r\nContent-Disposition: " + disposition + "\r\n\r\n" + data + "\r\n--" +
         kChromeBoundary + "--\r\n";
}

std::string filenameOf(const std::string& disposition) {
  auto parts = parseMultipart(kChromeType, withDisposition(disposition));
  if (!parts) return "ERROR: " + parts.error().message;
  if (parts->size() != 1) return "ERROR: parts";
  return (*parts)[0].filename;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---------------------------------------------------------------------------------------------
// Browser-style bodies

TEST(MultipartParse, ChromiumFormWithFieldsAndFile) {
  std::string body =
      "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
      "Content-Disposition: form-data; name=\"csrf_token\"\r\n"
      "\r\n"
      "abc123\r\n"
      "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
      "Content-Disposition: form-data; name=\"titel\"\r\n"
      "\r\n"
      "Kitas in München\r\n"
      "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
      "Content-Disposition: form-data; name=\"datei\"; filename=\"kitas.csv\"\r\n"
      "Content-Type: text/csv\r\n"
      "\r\n"
      "ags;name\r\n09162000;München\r\n\r\n"
      "\r\n"
      "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
  auto parts = parseMultipart(kChromeType, body);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf_token");
  EXPECT_EQ((*parts)[0].data, "abc123");
  EXPECT_FALSE((*parts)[0].isFile());
  EXPECT_EQ((*parts)[1].data, "Kitas in München");
  EXPECT_EQ((*parts)[2].name, "datei");
  EXPECT_EQ((*parts)[2].filename, "kitas.csv");
  EXPECT_EQ((*parts)[2].contentType, "text/csv");
  EXPECT_EQ((*parts)[2].data, "ags;name\r\n09162000;München\r\n\r\n");  // trailing line ends are content
  EXPECT_TRUE((*parts)[2].isFile());

  auto form = parseMultipartForm(kChromeType, body);
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_EQ(form->fields.value("csrf_token"), "abc123");
  EXPECT_EQ(form->fields.value("titel"), "Kitas in München");
  EXPECT_FALSE(form->fields.get("datei"));
  ASSERT_NE(form->file("datei"), nullptr);
  EXPECT_EQ(form->file("datei")->filename, "kitas.csv");
  EXPECT_EQ(form->file("titel"), nullptr);
}

TEST(MultipartParse, FirefoxFormWithUmlautsAndEmptyFileInput) {
  const std::string boundary = "---------------------------9051914041544843365972754266";
  std::string body =
      "-----------------------------9051914041544843365972754266\r\n"
      "Content-Disposition: form-data; name=\"beschreibung\"\r\n"
      "\r\n"
      "Öffnungszeiten der Bürgerämter – Stand 2024\r\n"
      "-----------------------------9051914041544843365972754266\r\n"
      "Content-Disposition: form-data; name=\"datei\"; filename=\"B\xC3\xBCrger\xC3\xA4mter.xlsx\"\r\n"
      "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"
      "\r\n"
      "PK\x03\x04\x14\x00\x00\x00"s
      "\r\n"
      "-----------------------------9051914041544843365972754266\r\n"
      "Content-Disposition: form-data; name=\"anhang\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n"
      "\r\n"
      "\r\n"
      "-----------------------------9051914041544843365972754266--\r\n";
  auto form = parseMultipartForm("multipart/form-data; boundary=" + boundary, body);
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_EQ(form->fields.value("beschreibung"), "Öffnungszeiten der Bürgerämter – Stand 2024");
  ASSERT_NE(form->file("datei"), nullptr);
  EXPECT_EQ(form->file("datei")->filename, "Bürgerämter.xlsx");
  EXPECT_EQ(form->file("datei")->data, "PK\x03\x04\x14\x00\x00\x00"s);
  // No file chosen: Firefox and Chromium send filename="" with no content. That is no file.
  EXPECT_EQ(form->file("anhang"), nullptr);
  ASSERT_TRUE(form->fields.get("anhang"));
  EXPECT_EQ(*form->fields.get("anhang"), "");
}

TEST(MultipartParse, SeveralFieldsAndFilesKeepTheirOrder) {
  auto body = build(kChromeBoundary, {{"tag", "", "", "a"},
                                      {"datei", "eins.csv", "text/csv", "1;2"},
                                      {"tag", "", "", "b"},
                                      {"datei", "zwei.json", "application/json", "{}"},
                                      {"schema", "schema.json", "", "{\"fields\":[]}"}});
  auto form = parseMultipartForm(kChromeType, body);
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_EQ(form->fields.all("tag"), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(form->files.size(), 3u);
  EXPECT_EQ(form->files[0].filename, "eins.csv");
  EXPECT_EQ(form->files[1].filename, "zwei.json");
  EXPECT_EQ(form->files[1].contentType, "application/json");
  EXPECT_EQ(form->files[2].contentType, "");
  EXPECT_EQ(form->file("datei")->filename, "eins.csv");  // first wins, as FormData::get
  EXPECT_EQ(form->file("schema")->data, "{\"fields\":[]}");
}

TEST(MultipartParse, EmptyFileAndEmptyField) {
  auto parts = parseMultipart(kChromeType, build(kChromeBoundary, {{"leer", "leer.csv", "text/csv", ""},
                                                                   {"feld", "", "", ""}}));
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_TRUE((*parts)[0].isFile());
  EXPECT_EQ((*parts)[0].filename, "leer.csv");
  EXPECT_EQ((*parts)[0].data, "");
  EXPECT_FALSE((*parts)[1].isFile());
  EXPECT_EQ((*parts)[1].data, "");
  // A body with no parts at all is a valid, empty form.
  auto none = parseMultipart(kChromeType, "--" + kChromeBoundary + "--\r\n");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
}

TEST(MultipartParse, BinaryFileComesThroughByteExact) {
  std::string data;
  for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
  data += "\0\0\r\n\r\n\n\r"s;
  data += "\r\n--" + kChromeBoundary.substr(0, kChromeBoundary.size() - 1);  // a delimiter one byte short
  data += "--" + kChromeBoundary + "\r\n";                                     // not at a line start
  data += "\n--" + kChromeBoundary + "\r\n";                                   // bare LF in a CRLF body
  data += "\r\n--" + kChromeBoundary + "X\r\n";                                // followed by more boundary text
  data += "\r\n--" + kChromeBoundary + "-x";                                   // half a closing delimiter
  data += "\r\n-\r\n--\r\n---";
  data += "\r";  // ends in CR right before the delimiter's CRLF
  auto parts = parseMultipart(kChromeType, build(kChromeBoundary, {{"bin", "daten.bin", "application/octet-stream", data},
                                                                   {"nach", "", "", "danach"}}));
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data.size(), data.size());
  EXPECT_EQ((*parts)[0].data, data);
  EXPECT_EQ((*parts)[1].data, "danach");
}

TEST(MultipartParse, InvalidUtf8InAFieldIsMalformedButFineInAFile) {
  for (const std::string& bad : {"\xFF"s, "Stra\xDF"s, "\xC3"s, "\xED\xA0\x80"s, "a\xC0\xAF"s}) {
    auto field = parseMultipart(kChromeType, build(kChromeBoundary, {{"name", "", "", bad}}));
    ASSERT_FALSE(field) << bad;
    EXPECT_EQ(field.error().code, ErrorCode::kMalformed);
    EXPECT_TRUE(contains(field.error().message, "UTF-8")) << field.error().message;
    auto file = parseMultipart(kChromeType, build(kChromeBoundary, {{"name", "x.bin", "", bad}}));
    ASSERT_TRUE(file) << file.error().message;
    EXPECT_EQ((*file)[0].data, bad);
  }
  auto badName = parseMultipart(kChromeType, build(kChromeBoundary, {{"n\xFF", "", "", "ok"}}));
  ASSERT_FALSE(badName);
  EXPECT_EQ(badName.error().code, ErrorCode::kMalformed);
  auto badFilename = parseMultipart(kChromeType, build(kChromeBoundary, {{"f", "\xFF.csv", "", "ok"}}));
  ASSERT_FALSE(badFilename);
  EXPECT_EQ(badFilename.error().code, ErrorCode::kMalformed);
}

TEST(MultipartParse, BareLfBodyIsAccepted) {
  auto body = build(kChromeBoundary, {{"a", "", "", "eins"}, {"f", "x.txt", "text/plain", "zeile 1\nzeile 2\r\n"}}, "\n");
  ASSERT_EQ(body.find('\r'), body.find("\r\n"));  // only the CR inside the file content
  auto parts = parseMultipart(kChromeType, body);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "eins");
  EXPECT_EQ((*parts)[1].data, "zeile 1\nzeile 2\r\n");
  EXPECT_EQ((*parts)[1].contentType, "text/plain");
}

TEST(MultipartParse, PreambleEpilogueAndTransportPaddingAreIgnored) {
  std::string body = "Dies ist die Präambel.\r\n--" + kChromeBoundary +
                     " \t\r\n"
                     "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                     "1\r\n--" +
                     kChromeBoundary +
                     "\t\r\n"
                     "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
                     "2\r\n--" +
                     kChromeBoundary + "--  \r\nEpilog mit --" + kChromeBoundary + " darin\r\n--" + kChromeBoundary +
                     "\r\nnoch mehr";
  auto parts = parseMultipart(kChromeType, body);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "1");
  EXPECT_EQ((*parts)[1].data, "2");
  // "--boundary" inside the preamble line is not the first delimiter.
  std::string tricky = "x--" + kChromeBoundary + "\r\n" + build(kChromeBoundary, {{"a", "", "", "1"}});
  auto t = parseMultipart(kChromeType, tricky);
  ASSERT_TRUE(t) << t.error().message;
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].name, "a");
}

TEST(MultipartParse, HeaderNamesAreCaseInsensitiveAndOthersIgnored) {
  std::string body = "--" + kChromeBoundary +
                     "\r\n"
                     "content-type: text/csv; charset=utf-8\r\n"
                     "X-Sonstiges: egal\r\n"
                     "CONTENT-DISPOSITION: Form-Data;name=datei;   FILENAME=\"a.csv\"  \r\n"
                     "\r\n"
                     "1;2\r\n"
                     "--" +
                     kChromeBoundary +
                     "\r\n"
                     "Content-Disposition: form-data;\r\n"
                     "\tname=\"gefaltet\"\r\n"
                     "\r\n"
                     "wert\r\n"
                     "--" +
                     kChromeBoundary + "--";
  auto parts = parseMultipart(kChromeType, body);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "datei");
  EXPECT_EQ((*parts)[0].filename, "a.csv");
  EXPECT_EQ((*parts)[0].contentType, "text/csv; charset=utf-8");
  EXPECT_EQ((*parts)[1].name, "gefaltet");
  EXPECT_EQ((*parts)[1].data, "wert");
}

TEST(MultipartParse, QuotedStringsAndEscapes) {
  auto parts = parseMultipart(kChromeType, withDisposition(R"(form-data; name="a\"b;c=d"; filename="x\\y\"z.csv")"));
  ASSERT_TRUE(parts) << parts.error().message;
  EXPECT_EQ((*parts)[0].name, "a\"b;c=d");
  EXPECT_EQ((*parts)[0].filename, "y\"z.csv");  // "x\y"z.csv" → path stripped at the backslash
  // Chromium and current Firefox percent-encode '"' in names; that text is kept as sent.
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="a%22b.csv")"), "a%22b.csv");
  // Unquoted token values.
  EXPECT_EQ(filenameOf("form-data; name=f; filename=bericht.pdf"), "bericht.pdf");
  // An unterminated quoted string or garbage between parameters is malformed.
  for (const char* bad : {R"(form-data; name="f)", R"(form-data; name="f" x)", R"(form-data; name="f" ; ="x")"}) {
    auto r = parseMultipart(kChromeType, withDisposition(bad));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << bad;
  }
}

// ---------------------------------------------------------------------------------------------
// Boundaries

TEST(MultipartBoundary, QuotedUnquotedAndOddBoundaries) {
  const std::string seventy(70, 'b');
  struct Case {
    std::string header;
    std::string boundary;
  };
  for (const auto& c : std::vector<Case>{
           {"multipart/form-data; boundary=simple", "simple"},
           {"multipart/form-data; boundary=\"simple boundary\"", "simple boundary"},
           {"multipart/form-data; boundary=\"gc0pJq0M:08jU534c0p\"", "gc0pJq0M:08jU534c0p"},
           {"multipart/form-data; boundary='()+_,-./:=?", "'()+_,-./:=?"},
           {"multipart/form-data; boundary=\"'()+_,-./:=? x\"", "'()+_,-./:=? x"},
           {"multipart/form-data; boundary=1", "1"},
           {"multipart/form-data; boundary=-", "-"},
           {"multipart/form-data; boundary=" + seventy, seventy},
           {"Multipart/Form-Data; charset=utf-8; BOUNDARY=\"abc\"", "abc"},
           {"multipart/form-data;boundary=abc;", "abc"},
           {"  multipart/form-data ; boundary = abc ", "abc"},
       }) {
    auto parts = parseMultipart(c.header, build(c.boundary, {{"a", "", "", "x"}, {"f", "f.bin", "", "--" + c.boundary}}));
    ASSERT_TRUE(parts) << c.header << ": " << parts.error().message;
    ASSERT_EQ(parts->size(), 2u) << c.header;
    EXPECT_EQ((*parts)[1].data, "--" + c.boundary) << c.header;
  }
}

TEST(MultipartBoundary, MissingOrInvalidBoundaryIsMalformed) {
  const std::string body = build("abc", {{"a", "", "", "x"}});
  for (const std::string& header : {"multipart/form-data"s, "multipart/form-data;"s, "multipart/form-data; boundary="s,
                                   "multipart/form-data; boundary=\"\""s, "multipart/form-data; charset=utf-8"s,
                                   "multipart/form-data; boundary=" + std::string(71, 'b'),
                                   "multipart/form-data; boundary=\"abc \""s, "multipart/form-data; boundary=ab{c"s,
                                   "multipart/form-data; boundary=\"a;b\""s, "multipart/form-data; boundary=\"ab\\\"c\""s,
                                   "multipart/form-data; boundary=\"abc"s,
                                   "multipart/form-data; boundary=\"a\xC3\xA4\""s,
                                   "multipart/form-data; boundary=abc; boundary=abd"s}) {
    auto r = parseMultipart(header, body);
    ASSERT_FALSE(r) << header;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << header;
    EXPECT_FALSE(r.error().message.empty());
  }
  auto missing = parseMultipart("multipart/form-data", body);
  EXPECT_TRUE(contains(missing.error().message, "Grenzmarke")) << missing.error().message;
  for (const char* other : {"", "application/x-www-form-urlencoded", "multipart/mixed; boundary=abc", "text/plain"}) {
    auto r = parseMultipart(other, body);
    ASSERT_FALSE(r) << other;
    EXPECT_EQ(r.error().code, ErrorCode::kUnsupportedMediaType) << other;
  }
  // A body whose delimiters use another boundary has no parts for this one: incomplete.
  auto wrong = parseMultipart("multipart/form-data; boundary=xyz", body);
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(contains(wrong.error().message, "unvollständig")) << wrong.error().message;
}

// ---------------------------------------------------------------------------------------------
// Filenames

TEST(MultipartFilename, FilenameStarTakesPrecedence) {
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename=\"Strassen.csv\"; "
                       "filename*=UTF-8''Stra%C3%9Fen%20in%20M%C3%BCnchen.csv"),
            "Straßen in München.csv");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=utf-8'de'%E2%82%AC.txt; filename=\"EUR.txt\""), "€.txt");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=ISO-8859-1''%DCbersicht.csv"), "Übersicht.csv");
  // An unknown charset falls back to the plain filename.
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename=\"plain.csv\"; filename*=KOI8-R''%E1.csv"), "plain.csv");
  // Without a plain filename the part is still a file, under the neutral name.
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=KOI8-R''%E1.csv"), "datei");
  // A percent sign in filename* is an escape; broken escapes and a missing charset part are errors.
  for (const char* bad : {"form-data; name=\"f\"; filename*=UTF-8''%ZZ.csv", "form-data; name=\"f\"; filename*=a.csv",
                          "form-data; name=\"f\"; filename*=UTF-8''%FF.csv"}) {
    auto r = parseMultipart(kChromeType, withDisposition(bad));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << bad;
  }
}

TEST(MultipartFilename, PathsAreStripped) {
  // Internet Explorer / old Edge send the full path with unescaped backslashes.
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="C:\Users\x\datei.csv")"), "datei.csv");
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="C:\\Users\\x\\datei.csv")"), "datei.csv");
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="../../etc/passwd")"), "passwd");
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="/etc/passwd")"), "passwd");
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="..\..\windows\win.ini")"), "win.ini");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=UTF-8''..%2F..%2Fetc%2Fshadow"), "shadow");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=UTF-8''a%5Cb%5Cc.txt"), "c.txt");
  // Nothing left of the name: the content still arrives as a file.
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="..")"), "datei");
  EXPECT_EQ(filenameOf(R"(form-data; name="f"; filename="uploads/")"), "datei");
}

TEST(MultipartFilename, ControlCharactersAreDroppedAndLengthIsLimited) {
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename=\"a\tb\x01" "c.csv\""), "abc.csv");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=UTF-8''zei%0D%0Alen%00%7F.csv"), "zeilen.csv");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=UTF-8''c1%C2%85%C2%9F.csv"), "c1.csv");
  // U+202E (right-to-left override) would show "rechnungexe.pdf" as "rechnungfdp.exe".
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename*=UTF-8''rechnung%E2%80%AEfdp.exe"), "rechnungfdp.exe");
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename=\"  leer zeichen.csv  \""), "leer zeichen.csv");

  auto longAscii = filenameOf("form-data; name=\"f\"; filename=\"" + std::string(300, 'a') + ".csv\"");
  EXPECT_EQ(longAscii.size(), 255u);
  EXPECT_TRUE(longAscii.ends_with(".csv")) << longAscii;
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "ä";
  auto longUtf8 = filenameOf("form-data; name=\"f\"; filename=\"" + umlauts + ".xlsx\"");
  EXPECT_LE(longUtf8.size(), 255u);
  EXPECT_GE(longUtf8.size(), 254u);
  EXPECT_TRUE(strings::isValidUtf8(longUtf8));
  EXPECT_TRUE(longUtf8.ends_with("ä.xlsx")) << longUtf8;
  auto noExtension = filenameOf("form-data; name=\"f\"; filename=\"" + std::string(300, 'b') + "\"");
  EXPECT_EQ(noExtension, std::string(255, 'b'));
  EXPECT_EQ(filenameOf("form-data; name=\"f\"; filename=\"" + std::string(255, 'c') + "\""), std::string(255, 'c'));
}

// ---------------------------------------------------------------------------------------------
// Broken bodies

TEST(MultipartParse, MissingClosingDelimiterIsIncomplete) {
  auto full = build(kChromeBoundary, {{"a", "", "", "x"}, {"f", "f.csv", "text/csv", "1;2\r\n"}});
  for (const std::string& body : {full.substr(0, full.rfind("--" + kChromeBoundary + "--")),
                                 full.substr(0, full.size() - 4), full.substr(0, full.size() - 3),
                                 full.substr(0, full.find("1;2")), ""s, "kein multipart"s,
                                 "--" + kChromeBoundary, "--" + kChromeBoundary + "\r\n"}) {
    auto r = parseMultipart(kChromeType, body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_TRUE(contains(r.error().message, "unvollständig")) << r.error().message;
  }
}

TEST(MultipartParse, PartWithoutNameOrDispositionIsMalformed) {
  for (const std::string& body :
       {withDisposition("form-data"), withDisposition("form-data; name=\"\""), withDisposition("form-data; filename=\"a.csv\""),
        withDisposition("attachment; name=\"a\""), withDisposition(""),
        "--" + kChromeBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + kChromeBoundary + "--\r\n",
        "--" + kChromeBoundary + "\r\n\r\nx\r\n--" + kChromeBoundary + "--\r\n",
        "--" + kChromeBoundary + "\r\nContent-Disposition form-data; name=a\r\n\r\nx\r\n--" + kChromeBoundary + "--\r\n",
        "--" + kChromeBoundary + "\r\n folded: first\r\n\r\nx\r\n--" + kChromeBoundary + "--\r\n",
        "--" + kChromeBoundary + "\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b"
        "\r\n\r\nx\r\n--" + kChromeBoundary + "--\r\n"}) {
    auto r = parseMultipart(kChromeType, body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << body;
  }
  auto noName = parseMultipart(kChromeType, withDisposition("form-data; filename=\"a.csv\""));
  EXPECT_TRUE(contains(noName.error().message, "Feldname")) << noName.error().message;
}

TEST(MultipartParse, GarbageAfterTheFirstDelimiterIsNotADelimiter) {
  // "--boundaryX" is not a delimiter line, so no part starts and the body is incomplete.
  auto r = parseMultipart(kChromeType, "--" + kChromeBoundary + "X\r\nContent-Disposition: form-data; name=a\r\n\r\nx");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
}

// ---------------------------------------------------------------------------------------------
// Limits

TEST(MultipartLimits, TooManyParts) {
  MultipartLimits limits;
  limits.maxParts = 3;
  std::vector<Spec> three = {{"a", "", "", "1"}, {"b", "", "", "2"}, {"c", "c.txt", "", "3"}};
  EXPECT_TRUE(parseMultipart(kChromeType, build(kChromeBoundary, three), limits));
  auto four = three;
  four.push_back({"d", "", "", "4"});
  auto r = parseMultipart(kChromeType, build(kChromeBoundary, four), limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(contains(r.error().message, "zu viele Teile")) << r.error().message;
  // The default allows 50.
  std::vector<Spec> many;
  for (int i = 0; i < 50; ++i) many.push_back({"f" + std::to_string(i), "", "", "v"});
  EXPECT_TRUE(parseMultipart(kChromeType, build(kChromeBoundary, many)));
  many.push_back({"zuviel", "", "", "v"});
  auto tooMany = parseMultipart(kChromeType, build(kChromeBoundary, many));
  ASSERT_FALSE(tooMany);
  EXPECT_EQ(tooMany.error().code, ErrorCode::kPayloadTooLarge);
}

TEST(MultipartLimits, OversizedFieldFileAndHeader) {
  MultipartLimits limits;
  limits.maxFieldBytes = 100;
  limits.maxFileBytes = 1000;
  limits.maxHeaderBytes = 200;
  auto parse = [&](const std::vector<Spec>& parts) { return parseMultipart(kChromeType, build(kChromeBoundary, parts), limits); };

  EXPECT_TRUE(parse({{"feld", "", "", std::string(100, 'x')}}));
  auto field = parse({{"feld", "", "", std::string(101, 'x')}});
  ASSERT_FALSE(field);
  EXPECT_EQ(field.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(contains(field.error().message, "Formularfeld ist zu lang (höchstens 100 Bytes)")) << field.error().message;

  // Files have their own limit: 1000 bytes are fine in a file, not in a field.
  EXPECT_TRUE(parse({{"datei", "a.bin", "", std::string(1000, 'y')}}));
  auto file = parse({{"datei", "a.bin", "", std::string(1001, 'y')}});
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(contains(file.error().message, "Datei ist zu groß")) << file.error().message;

  // Header block: Content-Disposition line of 150 bytes is fine, 250 are not.
  auto header = parse({{std::string(200, 'n'), "", "", "x"}});
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(contains(header.error().message, "Kopfzeilen")) << header.error().message;
  EXPECT_TRUE(parse({{std::string(100, 'n'), "", "", "x"}}));
  // Many short header lines count together.
  std::string many = "--" + kChromeBoundary + "\r\nContent-Disposition: form-data; name=a\r\n";
  for (int i = 0; i < 30; ++i) many += "X-A: b\r\n";
  many += "\r\nx\r\n--" + kChromeBoundary + "--\r\n";
  auto manyLines = parseMultipart(kChromeType, many, limits);
  ASSERT_FALSE(manyLines);
  EXPECT_EQ(manyLines.error().code, ErrorCode::kPayloadTooLarge);
  // A header line that never ends is not read further than the limit.
  auto endless = parseMultipart(kChromeType, "--" + kChromeBoundary + "\r\nContent-Disposition: " + std::string(5000, 'z'),
                                limits);
  ASSERT_FALSE(endless);
  EXPECT_EQ(endless.error().code, ErrorCode::kPayloadTooLarge);
}

TEST(MultipartLimits, FileAtTheDefaultLimitOf50MiB) {
  const size_t limit = MultipartLimits{}.maxFileBytes;
  ASSERT_EQ(limit, size_t{50} << 20);
  std::string data(limit, '\0');
  std::mt19937 rng(7);
  for (size_t i = 0; i < data.size(); i += 61) data[i] = static_cast<char>(rng());
  for (size_t i = 997; i < data.size(); i += 4099) data.replace(i, 4, "\r\n--");  // near-delimiters
  auto body = build(kChromeBoundary, {{"titel", "", "", "groß"}, {"datei", "gross.bin", "application/octet-stream", data}});
  auto form = parseMultipartForm(kChromeType, body);
  ASSERT_TRUE(form) << form.error().message;
  ASSERT_NE(form->file("datei"), nullptr);
  EXPECT_TRUE(form->file("datei")->data == data);
  EXPECT_EQ(form->fields.value("titel"), "groß");

  data.push_back('!');
  auto tooBig = parseMultipart(kChromeType, build(kChromeBoundary, {{"datei", "gross.bin", "", data}}));
  ASSERT_FALSE(tooBig);
  EXPECT_EQ(tooBig.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(contains(tooBig.error().message, "50 MiB")) << tooBig.error().message;
}

// ---------------------------------------------------------------------------------------------
// Randomised round trip and truncation

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string boundary() {
    static const std::string chars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
    std::string b;
    size_t len = 1 + below(70);
    for (size_t i = 0; i < len; ++i) b.push_back(chars[below(chars.size())]);
    if (b.back() == ' ') b.back() = '-';
    return b;
  }

  // Random content, mixed with pieces that look like delimiters. `utf8` keeps it valid UTF-8.
  std::string content(const std::string& boundary, bool utf8, size_t maxPieces) {
    static const std::vector<std::string> text = {"a", "Z", " ", "ä", "€", "😀", "ß", ";", "\"", "\\", "\t"};
    std::string out;
    size_t pieces = below(maxPieces + 1);
    for (size_t i = 0; i < pieces; ++i) {
      switch (below(8)) {
        case 0: out += "\r\n"; break;
        case 1: out += "--"; break;
        case 2: out += "\r\n--" + boundary.substr(0, below(boundary.size())); break;  // a delimiter cut short
        case 3: out += "--" + boundary; break;                                        // without a line end before
        case 4: out += "\n"; break;
        case 5: out += "\r"; break;
        default:
          if (utf8) {
            for (size_t k = below(20); k > 0; --k) out += text[below(text.size())];
          } else {
            for (size_t k = below(64); k > 0; --k) out.push_back(static_cast<char>(below(256)));
          }
      }
    }
    return out;
  }

  std::string name() {
    static const std::vector<std::string> chars = {"a", "b", "_", "-", "1", "ü", "\"", "\\", ";", "=", " ", "/"};
    std::string n;
    for (size_t k = 1 + below(12); k > 0; --k) n += chars[below(chars.size())];
    return n;
  }

 private:
  std::mt19937_64 rng_;
};

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

TEST(MultipartRandom, RoundTrip) {
  const uint64_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  Generator gen(seed);
  for (int round = 0; round < 400; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string boundary = gen.boundary();
    const bool lf = gen.chance(0.2);
    const std::string eol = lf ? "\n" : "\r\n";
    const std::string needle = eol + "--" + boundary;  // what the content must not contain (RFC 2046)

    std::vector<MultipartPart> expected;
    for (size_t n = gen.below(7); n > 0; --n) {
      MultipartPart p;
      p.name = gen.name();
      bool file = gen.chance(0.5);
      if (file) p.filename = "datei-" + std::to_string(gen.below(1000)) + (gen.chance(0.5) ? ".csv" : ".bin");
      if (gen.chance(0.5)) p.contentType = file ? "application/octet-stream" : "text/plain; charset=UTF-8";
      do {
        p.data = gen.content(boundary, !file, 40);
      } while (p.data.find(needle) != std::string::npos);
      expected.push_back(std::move(p));
    }

    std::string body;
    if (gen.chance(0.3)) {
      std::string preamble;
      do {
        preamble = gen.content(boundary, false, 5);
      } while (preamble.find("--" + boundary) != std::string::npos);
      body += preamble + eol;
    }
    auto padding = [&] { return std::string(gen.below(3), gen.chance(0.5) ? ' ' : '\t'); };
    for (const auto& p : expected) {
      body += "--" + boundary + padding() + eol;
      std::string disposition = "form-data; name=" + quote(p.name);
      if (p.isFile()) disposition += "; filename=" + quote(p.filename);
      if (gen.chance(0.5)) {
        body += "Content-Disposition: " + disposition + eol;
        if (!p.contentType.empty()) body += "Content-Type: " + p.contentType + eol;
      } else {
        if (!p.contentType.empty()) body += "content-type: " + p.contentType + eol;
        body += "content-disposition: " + disposition + eol;
      }
      body += eol + p.data + eol;
    }
    body += "--" + boundary + "--" + padding();
    if (gen.chance(0.5)) body += eol + gen.content(boundary, false, 5);

    const bool quoted = boundary.find(' ') != std::string::npos || gen.chance(0.5);
    const std::string header = "multipart/form-data; boundary=" + (quoted ? quote(boundary) : boundary);
    auto parts = parseMultipart(header, body);
    ASSERT_TRUE(parts) << parts.error().message << "\nboundary: " << boundary << "\nbody: " << body;
    ASSERT_EQ(parts->size(), expected.size()) << "boundary: " << boundary << "\nbody: " << body;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ((*parts)[i].name, expected[i].name);
      EXPECT_EQ((*parts)[i].filename, expected[i].filename);
      EXPECT_EQ((*parts)[i].contentType, expected[i].contentType);
      EXPECT_EQ((*parts)[i].data, expected[i].data) << "part " << i << "\nboundary: " << boundary;
    }
  }
}

// Drogon's parser test idea, for a parser that sees whole bodies: a body cut off anywhere before
// its closing delimiter must fail, never yield a partial success.
void expectEveryTruncationFails(const std::string& body, const std::string& closing) {
  auto full = parseMultipart(kChromeType, body);
  ASSERT_TRUE(full) << full.error().message;
  const size_t complete = body.rfind(closing) + closing.size();
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    auto r = parseMultipart(kChromeType, std::string_view(body).substr(0, cut));
    if (cut < complete) {
      ASSERT_FALSE(r) << "cut at " << cut << " of " << body.size() << " parsed as " << r->size() << " parts";
      EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << "cut at " << cut;
    } else {
      ASSERT_TRUE(r) << "cut at " << cut << ": " << r.error().message;  // only the epilogue is missing
      ASSERT_EQ(r->size(), full->size());
      for (size_t i = 0; i < r->size(); ++i) EXPECT_EQ((*r)[i].data, (*full)[i].data);
    }
  }
}

TEST(MultipartTruncation, EveryPrefixOfASmallBodyFails) {
  std::string body = "Präambel\r\n" +
                     build(kChromeBoundary, {{"titel", "", "", "Kitas"},
                                             {"leer", "", "", ""},
                                             {"datei", "k.csv", "text/csv", "a;b\r\n1;2\r\n\r\n--"},
                                             {"bin", "x.bin", "", "\0\r\n-\r\n--"s + kChromeBoundary.substr(0, 10)}}) +
                     "Epilog";
  expectEveryTruncationFails(body, "--" + kChromeBoundary + "--");
  auto lf = build(kChromeBoundary, {{"a", "", "", "1"}, {"f", "f.txt", "text/plain", "x\ny"}}, "\n");
  expectEveryTruncationFails(lf, "--" + kChromeBoundary + "--");
}

}  // namespace
}  // namespace opgv::http
