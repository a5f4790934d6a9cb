#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace opgv::log {
namespace {
std::atomic<bool> access_enabled{true};
std::mutex access_mutex;

std::shared_ptr<spdlog::logger> appLogger() {
  static auto logger = [] {
    auto l = spdlog::stderr_logger_mt("opgv");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
    return l;
  }();
  return logger;
}
}  // namespace

void configure(std::string_view level) {
  auto lvl = spdlog::level::from_str(std::string(level));
  appLogger()->set_level(lvl);
}

void write(Level level, std::string_view message) {
  auto logger = appLogger();
  switch (level) {
    case Level::kDebug: logger->debug(message); break;
    case Level::kInfo: logger->info(message); break;
    case Level::kWarn: logger->warn(message); break;
    case Level::kError: logger->error(message); break;
  }
}

void access(std::string_view jsonLine) {
  if (!access_enabled.load(std::memory_order_relaxed)) return;
  std::lock_guard lock(access_mutex);
  std::fwrite(jsonLine.data(), 1, jsonLine.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void setAccessLogEnabled(bool enabled) { access_enabled = enabled; }

}  // namespace opgv::log
