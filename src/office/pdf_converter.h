#pragma once
// PDF via LibreOffice headless, the one output we do not write ourselves: LibreOffice produces a
// tagged PDF with /Lang, document properties and bookmarks from headings (docs/adr/0005).
//
// Each conversion runs soffice as a separate, bounded process: a fresh private temp directory
// with its own LibreOffice profile (parallel conversions never share state), a minimal
// environment, no inherited file descriptors, resource limits, and a wall-clock timeout after
// which the whole process tree is killed and reaped. The temp directory is always removed. At
// most two conversions run at once per process (see pdf_converter.cc for why).
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace opgv::office {

struct PdfOptions {
  // The program to run. Empty: $OPGV_SOFFICE, else `soffice` on PATH. Tests point it at a fake.
  std::string soffice_path;
  // BCP 47 tag for LibreOffice's locale. Impress takes the PDF's /Lang from the locale, not from
  // the document (Writer uses the document's default language), so pass the document language.
  std::string language = "de-DE";
  // Address-space limit for the converter (RLIMIT_AS). soffice maps far more than it touches;
  // see pdf_converter.cc for the measurement behind the default.
  size_t address_space_bytes = size_t{2} << 30;
  // Largest file the converter may write (RLIMIT_FSIZE), i.e. the PDF and its log.
  size_t max_file_bytes = size_t{200} << 20;
};

// `officeBytes` is an ODT, ODP, DOCX or PPTX file; `extension` says which ("odt", "odp", "docx",
// "pptx"). Errors: kUnavailable when LibreOffice is not installed or the conversion ran longer
// than `timeout` (including time spent waiting for a free slot); kInternal for anything else,
// with the details in `internal`.
Result<std::string> convertToPdf(std::string_view officeBytes, std::string_view extension,
                                 std::chrono::milliseconds timeout, const PdfOptions& options = {});

}  // namespace opgv::office
