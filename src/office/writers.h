#pragma once
// Writers that turn the neutral model (document.h) into office files: DOCX, PPTX and XLSX
// (Office Open XML), ODT and ODP (OpenDocument). Each returns the complete file as bytes. Why we
// write the formats ourselves instead of converting: docs/adr/0005-office-documents.md.
//
// Guarantees for every writer, whatever the input:
// - every XML part is well-formed; all user text passes through sanitizeXmlText() and is escaped
//   by the XML library, never spliced into markup;
// - line breaks inside a text become line breaks of the format, tabs become tabs;
// - links are kept only for http, https and mailto URLs (other schemes, e.g. javascript:, keep
//   their text but lose the link);
// - the output is deterministic: the same model gives the same bytes (fixed ZIP timestamps, no
//   creation dates).
#include <string>
#include <string_view>

#include "common/result.h"
#include "office/document.h"

namespace opgv::office {

Result<std::string> writeDocx(const Document& document);
Result<std::string> writeOdt(const Document& document);
Result<std::string> writePptx(const Presentation& presentation);
Result<std::string> writeOdp(const Presentation& presentation);
Result<std::string> writeXlsx(const Workbook& workbook);

// Makes arbitrary bytes safe as XML 1.0 character data: invalid UTF-8 (including encoded
// surrogates and overlong forms) becomes U+FFFD, C0 control characters other than tab and line
// feed are dropped, as are U+FFFE and U+FFFF; CR LF and lone CR become LF. Everything else,
// including emoji and right-to-left text, is kept byte for byte. Escaping of <, & and quotes is
// left to the XML serialiser.
std::string sanitizeXmlText(std::string_view text);

}  // namespace opgv::office
