#include "auth/rate_limiter.h"

#include <algorithm>

namespace opgv::auth {

void RateLimiter::prune(std::vector<int64_t>& events, int64_t now) const {
  events.erase(std::remove_if(events.begin(), events.end(), [&](int64_t t) { return t <= now - window_seconds_; }),
               events.end());
}

bool RateLimiter::blocked(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return false;
  prune(it->second, clock_.nowSeconds());
  return static_cast<int>(it->second.size()) >= max_failures_;
}

void RateLimiter::recordFailure(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (failures_.size() > 100000) failures_.clear();  // bound memory under a flood of keys
  auto& events = failures_[key];
  prune(events, clock_.nowSeconds());
  events.push_back(clock_.nowSeconds());
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

int RateLimiter::retryAfterSeconds(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  prune(it->second, clock_.nowSeconds());
  if (it->second.empty()) return 0;
  return static_cast<int>(std::max<int64_t>(1, it->second.front() + window_seconds_ - clock_.nowSeconds()));
}

}  // namespace opgv::auth
