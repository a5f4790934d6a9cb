#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"

namespace opgv::auth {

// Sliding-window counter of failures per key (IP address, account). In memory: with several
// instances each enforces its own window, which still bounds guessing to N × limit.
class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int maxFailures, int windowSeconds)
      : clock_(clock), max_failures_(maxFailures), window_seconds_(windowSeconds) {}

  bool blocked(const std::string& key);
  void recordFailure(const std::string& key);
  void reset(const std::string& key);
  int retryAfterSeconds(const std::string& key);

 private:
  void prune(std::vector<int64_t>& events, int64_t now) const;
  const Clock& clock_;
  int max_failures_;
  int window_seconds_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<int64_t>> failures_;
};

}  // namespace opgv::auth
