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

// Lines are collected and written by a background thread every 100 ms, so that a busy server does
// not pay one write(2) per request and request threads never wait for log I/O (only if a batch
// grows past 8 MiB does the request thread write it). A crash can lose at most the last 100 ms of
// access log lines; application log lines (stderr) are written at once.
namespace {
std::string access_buffer;
std::mutex access_write_mutex;  // keeps batches in order; never held while appending
std::once_flag flusher_started;

// Takes the batch under the append lock, writes it outside, so request threads never wait for I/O.
void writeBatch(std::unique_lock<std::mutex>& appendLock) {
  if (access_buffer.empty()) return;
  std::string batch;
  batch.swap(access_buffer);
  std::lock_guard writeLock(access_write_mutex);
  appendLock.unlock();
  std::fwrite(batch.data(), 1, batch.size(), stdout);
  std::fflush(stdout);
}

void startFlusher() {
  std::thread([] {
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::unique_lock lock(access_mutex);
      writeBatch(lock);
    }
  }).detach();
  std::atexit(flushAccess);
}
}  // namespace

void access(std::string_view jsonLine) {
  if (!access_enabled.load(std::memory_order_relaxed)) return;
  std::call_once(flusher_started, startFlusher);
  std::unique_lock lock(access_mutex);
  access_buffer.append(jsonLine);
  access_buffer.push_back('\n');
  if (access_buffer.size() >= 8 * 1024 * 1024) writeBatch(lock);
}

void flushAccess() {
  std::unique_lock lock(access_mutex);
  writeBatch(lock);
}

void setAccessLogEnabled(bool enabled) { access_enabled = enabled; }

}  // namespace opgv::log
