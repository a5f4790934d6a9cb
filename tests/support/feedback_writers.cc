#include "support/feedback_writers.h"

#include <nlohmann/json.hpp>

namespace opgv::test {

HttpResponse postFeedback(uint16_t port, const std::string& message) {
  return request(port, "POST", "/api/v1/accessibility-feedback", {{"Content-Type", "application/json"}},
                 nlohmann::json{{"message", message}, {"page_url", "/test"}}.dump());
}

FeedbackWriters::FeedbackWriters(uint16_t port, int threads) {
  for (int t = 0; t < threads; ++t) {
    threads_.emplace_back([this, port, t] {
      for (int i = 0; !stop_; ++i) {
        auto message = "Barriere " + std::to_string(t) + "-" + std::to_string(i) + " – Stufe ohne Rampe ♿";
        HttpResponse r;
        try {
          r = postFeedback(port, message);
        } catch (const std::exception&) {
          return;  // connection refused: the server is gone
        }
        if (r.status != 201) {
          if (r.status != 0) ++unexpected_;
          return;  // 0: connection reset mid-request
        }
        auto id = nlohmann::json::parse(r.body)["id"].get<int64_t>();
        std::lock_guard lock(mutex_);
        acked_[id] = message;
      }
    });
  }
}

void FeedbackWriters::stop() {
  stop_ = true;
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

size_t FeedbackWriters::count() {
  std::lock_guard lock(mutex_);
  return acked_.size();
}

bool FeedbackWriters::waitFor(size_t n, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (count() < n) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

std::map<int64_t, std::string> FeedbackWriters::acked() {
  std::lock_guard lock(mutex_);
  return acked_;
}

}  // namespace opgv::test
