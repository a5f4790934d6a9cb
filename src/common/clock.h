#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>

namespace opgv {

// Injectable so that tests can move time (session expiry, rate limits) without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t nowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t nowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start) : now_(start) {}
  int64_t nowSeconds() const override { return now_.load(); }
  void advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace opgv
