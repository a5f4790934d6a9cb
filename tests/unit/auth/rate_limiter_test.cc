#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/clock.h"

namespace opgv::auth {
namespace {

constexpr int64_t kStart = 1'700'000'000;

TEST(RateLimiter, BlocksAfterMaxFailuresWithinTheWindow) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 3, 60);
  EXPECT_FALSE(limiter.blocked("ip:1"));
  limiter.recordFailure("ip:1");
  limiter.recordFailure("ip:1");
  EXPECT_FALSE(limiter.blocked("ip:1"));
  limiter.recordFailure("ip:1");
  EXPECT_TRUE(limiter.blocked("ip:1"));
  EXPECT_FALSE(limiter.blocked("ip:2")) << "keys are independent";
}

TEST(RateLimiter, WindowSlides) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 3, 60);
  limiter.recordFailure("k");  // t=0
  clock.advance(10);
  limiter.recordFailure("k");  // t=10
  clock.advance(10);
  limiter.recordFailure("k");  // t=20
  EXPECT_TRUE(limiter.blocked("k"));
  EXPECT_EQ(limiter.retryAfterSeconds("k"), 40);  // the first failure leaves the window at t=60
  clock.advance(39);                               // t=59
  EXPECT_TRUE(limiter.blocked("k"));
  EXPECT_EQ(limiter.retryAfterSeconds("k"), 1);
  clock.advance(1);  // t=60: the first failure is exactly one window old
  EXPECT_FALSE(limiter.blocked("k"));
  limiter.recordFailure("k");  // t=60: failures at 10, 20, 60
  EXPECT_TRUE(limiter.blocked("k"));
  clock.advance(60);  // t=120: everything expired
  EXPECT_FALSE(limiter.blocked("k"));
}

TEST(RateLimiter, ResetClearsAKey) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 2, 900);
  limiter.recordFailure("user@example.org");
  limiter.recordFailure("user@example.org");
  limiter.recordFailure("other");
  limiter.recordFailure("other");
  EXPECT_TRUE(limiter.blocked("user@example.org"));
  limiter.reset("user@example.org");
  EXPECT_FALSE(limiter.blocked("user@example.org"));
  EXPECT_EQ(limiter.retryAfterSeconds("user@example.org"), 0);
  EXPECT_TRUE(limiter.blocked("other"));
}

TEST(RateLimiter, RetryAfterIsZeroForUnknownKeysAndPositiveWhenBlocked) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 1, 900);
  EXPECT_EQ(limiter.retryAfterSeconds("nobody"), 0);
  limiter.recordFailure("a");
  EXPECT_TRUE(limiter.blocked("a"));
  EXPECT_EQ(limiter.retryAfterSeconds("a"), 900);
  clock.advance(899);
  EXPECT_EQ(limiter.retryAfterSeconds("a"), 1);
}

TEST(RateLimiter, ConcurrentFailuresAreAllCounted) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 800, 60);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 99; ++i) limiter.recordFailure("shared");
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_FALSE(limiter.blocked("shared"));  // 792 < 800
  for (int i = 0; i < 8; ++i) limiter.recordFailure("shared");
  EXPECT_TRUE(limiter.blocked("shared"));
}

}  // namespace
}  // namespace opgv::auth
