#pragma once
// Concurrent writers against a running server (POST /api/v1/accessibility-feedback), recording
// the ids the server acknowledged, for crash, kill and online-backup tests.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.h"

namespace opgv::test {

HttpResponse postFeedback(uint16_t port, const std::string& message);

// Each thread writes until stop() or until the server goes away (refused or reset connection).
class FeedbackWriters {
 public:
  FeedbackWriters(uint16_t port, int threads);
  ~FeedbackWriters() { stop(); }
  void stop();
  size_t count();
  bool waitFor(size_t n, std::chrono::milliseconds timeout);
  std::map<int64_t, std::string> acked();
  // Answers other than 201 that were not a dropped connection.
  int unexpected() const { return unexpected_; }

 private:
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::atomic<int> unexpected_{0};
  std::mutex mutex_;
  std::map<int64_t, std::string> acked_;
};

}  // namespace opgv::test
