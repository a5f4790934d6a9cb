#pragma once
// Logging facade over spdlog. Application log goes to stderr; the access log is separate JSON
// lines on stdout so that operators can ship it without parsing free text.
#include <string>
#include <string_view>

namespace opgv::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void configure(std::string_view level);
void write(Level level, std::string_view message);
inline void debug(std::string_view m) { write(Level::kDebug, m); }
inline void info(std::string_view m) { write(Level::kInfo, m); }
inline void warn(std::string_view m) { write(Level::kWarn, m); }
inline void error(std::string_view m) { write(Level::kError, m); }
void access(std::string_view jsonLine);
// Writes buffered access log lines now (graceful shutdown; also runs at exit).
void flushAccess();
// Tests silence the access log.
void setAccessLogEnabled(bool enabled);

}  // namespace opgv::log
