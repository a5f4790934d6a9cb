#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

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

// Lines are collected and written in batches (every 200 ms or 64 KiB), so that a busy server does
// not pay one write(2) per request. A crash can lose at most the last 200 ms of access log lines;
// application log lines (stderr) are written at once.
namespace {
std::string access_buffer;
std::once_flag flusher_started;

void writeAccessBufferLocked() {
  if (access_buffer.empty()) return;
  std::fwrite(access_buffer.data(), 1, access_buffer.size(), stdout);
  std::fflush(stdout);
  access_buffer.clear();
}

void startFlusher() {
  std::thread([] {
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      std::lock_guard lock(access_mutex);
      writeAccessBufferLocked();
    }
  }).detach();
  std::atexit(flushAccess);
}
}  // namespace

void access(std::string_view jsonLine) {
  if (!access_enabled.load(std::memory_order_relaxed)) return;
  std::call_once(flusher_started, startFlusher);
  std::lock_guard lock(access_mutex);
  access_buffer.append(jsonLine);
  access_buffer.push_back('\n');
  if (access_buffer.size() >= 64 * 1024) writeAccessBufferLocked();
}

void flushAccess() {
  std::lock_guard lock(access_mutex);
  writeAccessBufferLocked();
}

void setAccessLogEnabled(bool enabled) { access_enabled = enabled; }

}  // namespace opgv::log
