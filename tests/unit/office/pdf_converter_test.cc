#include "office/pdf_converter.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <vector>

#include "office/writers.h"

namespace opgv::office {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kConversionTimeout = 60s;  // generous: CI machines are loaded; a conversion takes 2–5 s

class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "opgv-pdf-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool sofficeInstalled() {
  const char* path = std::getenv("PATH");
  std::stringstream directories(path != nullptr ? path : "");
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (!directory.empty() && access((directory + "/soffice").c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string writeScript(const TempDirectory& directory, const std::string& name, const std::string& body) {
  const std::string path = directory.path() + "/" + name;
  std::ofstream(path) << body;
  chmod(path.c_str(), 0700);
  return path;
}

std::string runCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  pclose(pipe);
  return output;
}

Properties properties() {
  return {"Antrag auf Bürgerbeteiligung",
          "Beteiligung",
          "Erika Mustermann",
          "Beispiel",
          {"Kommune"},
          "de-DE",
          "CC BY 4.0"};
}

Document document() {
  Document document;
  document.properties = properties();
  document.blocks.push_back({BlockKind::kHeading, 1, {{"Antrag an die Gemeinde"}}});
  document.blocks.push_back({BlockKind::kParagraph, 1, {{"Gemeinde: "}, {"Kreuzfurt (fiktiv) 4711", true}}});
  document.blocks.push_back({BlockKind::kHeading, 2, {{"Begründung"}}});
  Block list{BlockKind::kBulletList};
  list.items = {{{{"Erster Punkt"}}, 0}, {{{"Unterpunkt"}}, 1}};
  document.blocks.push_back(list);
  Block table{BlockKind::kTable};
  table.rows = {{{{{"Frist"}}}, {{{"Datum"}}}}, {{{{"Einreichung"}}}, {{{"31.12."}}}}};
  document.blocks.push_back(table);
  document.blocks.push_back({BlockKind::kNote, 1, {{"Kein Rechtsrat."}}});
  return document;
}

Presentation presentation() {
  Presentation presentation;
  presentation.properties = properties();
  presentation.slides = {{"Willkommen in Kreuzfurt (fiktiv) 4711", {"Punkt eins", "Punkt zwei"}, "Begrüßen"},
                         {"Zweite Folie", {"Noch ein Punkt"}, ""}};
  return presentation;
}

struct Conversion {
  Result<std::string> pdf;
  double seconds;
};

Conversion convert(const Result<std::string>& source, const char* extension) {
  EXPECT_TRUE(source.has_value());
  const auto start = Clock::now();
  Result<std::string> pdf = convertToPdf(source ? *source : "", extension, kConversionTimeout);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("[ TIMING   ] convertToPdf(%s): %.2f s\n", extension, seconds);
  return {std::move(pdf), seconds};
}

// Tagged, German, with bookmarks and the filled value in the text layer; checked on the bytes and
// with poppler's tools, as a reader or screen reader would see the file.
void expectAccessibleGermanPdf(const Conversion& conversion, const char* extension) {
  SCOPED_TRACE(extension);
  ASSERT_TRUE(conversion.pdf.has_value())
      << conversion.pdf.error().message << " / " << conversion.pdf.error().internal;
  const std::string& pdf = *conversion.pdf;
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  EXPECT_NE(pdf.find("/Lang(de-DE)"), std::string::npos) << "document language in the catalog";
  EXPECT_NE(pdf.find("/StructTreeRoot"), std::string::npos) << "tagged";
  EXPECT_NE(pdf.find("/MarkInfo"), std::string::npos) << "tagged";
  EXPECT_NE(pdf.find("/Outlines"), std::string::npos) << "bookmarks";

  TempDirectory directory;
  const std::string path = directory.path() + "/out.pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  const std::string text = runCommand("pdftotext -enc UTF-8 '" + path + "' - 2>/dev/null");
  EXPECT_NE(text.find("Kreuzfurt (fiktiv) 4711"), std::string::npos) << text;
  const std::string info = runCommand("pdfinfo '" + path + "' 2>/dev/null");
  EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           Antrag auf Bürgerbeteiligung"), std::string::npos) << info;
  EXPECT_NE(info.find("Author:          Erika Mustermann"), std::string::npos) << info;
}

// Two at a time, as the semaphore allows: also shows that parallel conversions do not collide.
TEST(OfficePdfConverter, TextDocumentsBecomeTaggedGermanPdf) {
  if (!sofficeInstalled()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  auto odt = std::async(std::launch::async, [] { return convert(writeOdt(document()), "odt"); });
  auto docx = std::async(std::launch::async, [] { return convert(writeDocx(document()), "docx"); });
  expectAccessibleGermanPdf(odt.get(), "odt");
  expectAccessibleGermanPdf(docx.get(), "docx");
}

TEST(OfficePdfConverter, PresentationsBecomeTaggedGermanPdf) {
  if (!sofficeInstalled()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  auto odp = std::async(std::launch::async, [] { return convert(writeOdp(presentation()), "odp"); });
  auto pptx = std::async(std::launch::async, [] { return convert(writePptx(presentation()), "pptx"); });
  expectAccessibleGermanPdf(odp.get(), "odp");
  expectAccessibleGermanPdf(pptx.get(), "pptx");
}

TEST(OfficePdfConverter, HangingConverterIsKilledAndReapedAtTheTimeout) {
  TempDirectory directory;
  const std::string pids = directory.path() + "/pids";
  // Records its own pid, its private HOME and its child's pid, then hangs.
  const std::string script = writeScript(
      directory, "soffice",
      "#!/bin/sh\necho \"$$ $HOME\" > '" + pids + "'\nsleep 600 &\necho \"$!\" >> '" + pids + "'\nwait\n");
  const auto start = Clock::now();
  const Result<std::string> pdf = convertToPdf("egal", "odt", 500ms, {.soffice_path = script});
  const auto elapsed = Clock::now() - start;

  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(pdf.error().message,
            "Die PDF-Erzeugung hat zu lange gedauert und wurde abgebrochen. Bitte versuchen Sie es später "
            "erneut oder "
            "laden Sie die ODT- oder DOCX-Fassung.");
  EXPECT_GE(elapsed, 500ms);
  EXPECT_LT(elapsed, 2s);

  std::istringstream recorded(slurp(pids));
  pid_t shell = 0;
  pid_t sleeper = 0;
  std::string home;
  recorded >> shell >> home >> sleeper;
  ASSERT_GT(shell, 0) << "the fake converter did not start";
  ASSERT_GT(sleeper, 0);
  // Gone entirely, not even zombies: the converter's supervisor reaped the whole tree.
  for (pid_t pid : {shell, sleeper}) {
    errno = 0;
    EXPECT_EQ(kill(pid, 0), -1) << "process " << pid << " survived";
    EXPECT_EQ(errno, ESRCH) << "process " << pid;
  }
  EXPECT_FALSE(std::filesystem::exists(home)) << "temp directory " << home << " left behind";
}

TEST(OfficePdfConverter, MissingLibreOfficeIsUnavailable) {
  const Result<std::string> pdf = convertToPdf("egal", "odt", 5s, {.soffice_path = "/nonexistent/soffice"});
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(pdf.error().message,
            "Die PDF-Erzeugung ist auf diesem Server nicht eingerichtet (LibreOffice fehlt). Bitte laden Sie "
            "die ODT- "
            "oder DOCX-Fassung.");
}

TEST(OfficePdfConverter, FailingConverterIsAnInternalErrorWithDetails) {
  TempDirectory directory;
  const std::string crashing = writeScript(directory, "crashing", "#!/bin/sh\necho 'kaputt' >&2\nexit 3\n");
  Result<std::string> pdf = convertToPdf("egal", "odt", 5s, {.soffice_path = crashing});
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInternal);
  EXPECT_NE(pdf.error().internal.find("exit code 3"), std::string::npos) << pdf.error().internal;
  EXPECT_NE(pdf.error().internal.find("kaputt"), std::string::npos) << "soffice's output is logged";

  // soffice reports success even when it could not convert; the missing PDF gives it away.
  const std::string silent = writeScript(directory, "silent", "#!/bin/sh\nexit 0\n");
  pdf = convertToPdf("egal", "odt", 5s, {.soffice_path = silent});
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInternal);
  EXPECT_NE(pdf.error().internal.find("no PDF"), std::string::npos) << pdf.error().internal;

  pdf = convertToPdf("egal", "exe", 5s, {.soffice_path = silent});
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInternal);
}

// The converter sees a minimal environment, none of the server's descriptors, its limits and
// its own process group.
TEST(OfficePdfConverter, ConverterRunsInAMinimalSandbox) {
  TempDirectory directory;
  const std::string report = directory.path() + "/report";
  const std::string script = writeScript(
      directory, "inspect",
      "#!/bin/sh\n{ env; echo \"fds: $(ls /proc/$$/fd | tr '\\n' ' ')\"; echo \"fsize: $(ulimit -f)\"; "
      "echo \"pgid: $(cut -d' ' -f5 /proc/$$/stat) pid: $$\"; } > '" +
          report + "'\nexit 0\n");
  setenv("OPGV_TEST_SECRET", "geheim", 1);
  // A descriptor without close-on-exec, like a server socket.
  const int leaked = fcntl(STDIN_FILENO, F_DUPFD, 70);
  const Result<std::string> pdf = convertToPdf("egal", "odt", 5s, {.soffice_path = script});
  close(leaked);
  unsetenv("OPGV_TEST_SECRET");
  ASSERT_FALSE(pdf.has_value());  // the script writes no PDF
  const std::string seen = slurp(report);
  EXPECT_EQ(seen.find("OPGV_TEST_SECRET"), std::string::npos) << seen;
  EXPECT_NE(seen.find("LANG=C.UTF-8"), std::string::npos) << seen;
  EXPECT_NE(seen.find("HOME=/"), std::string::npos) << seen;
  EXPECT_NE(seen.find("fsize: 409600"), std::string::npos) << "200 MB in 512-byte blocks: " << seen;
  const size_t fds = seen.find("fds: ");
  ASSERT_NE(fds, std::string::npos);
  ASSERT_GE(leaked, 70);
  const std::string descriptorList = seen.substr(fds, seen.find('\n', fds) - fds);
  EXPECT_EQ(descriptorList.find(" " + std::to_string(leaked) + " "), std::string::npos) << seen;
  std::istringstream ids(seen.substr(seen.find("pgid: ") + 6));
  std::string pgid, label, pid;
  ids >> pgid >> label >> pid;
  EXPECT_EQ(pgid, pid) << "the converter leads its own process group";
}

}  // namespace
}  // namespace opgv::office
