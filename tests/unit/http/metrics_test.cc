#include "http/metrics.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace opgv::http {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Value of the sample line that starts with `prefix` (whole series name + labels).
double sample(const std::string& text, const std::string& series) {
  for (const auto& line : lines(text)) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  ADD_FAILURE() << "series missing: " << series << "\n" << text;
  return -1;
}

TEST(Metrics, EveryLineIsValidPrometheusTextFormat) {
  Metrics m;
  m.observe("GET", "/kommunen/{ags}", 200, 0.003);
  m.observe("POST", "/anmelden", 303, 0.2);
  m.observe("GET", "unmatched", 404, 0.0001);
  auto text = m.render();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const std::regex comment(R"(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+)");
  const std::regex sampleLine(
      R"([a-zA-Z_:][a-zA-Z0-9_:]*\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\} [0-9.eE+-]+)");
  for (const auto& line : lines(text)) {
    EXPECT_TRUE(std::regex_match(line, comment) || std::regex_match(line, sampleLine)) << "bad line: " << line;
  }
  EXPECT_NE(text.find("# TYPE opgv_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("# TYPE opgv_http_request_duration_seconds histogram"), std::string::npos);
}

TEST(Metrics, CountsPerMethodRouteAndStatus) {
  Metrics m;
  m.observe("GET", "/kommunen/{ags}", 200, 0.01);
  m.observe("GET", "/kommunen/{ags}", 200, 0.01);
  m.observe("GET", "/kommunen/{ags}", 404, 0.01);
  m.observe("HEAD", "/kommunen/{ags}", 200, 0.01);
  auto text = m.render();
  EXPECT_EQ(sample(text, R"(opgv_http_requests_total{method="GET",route="/kommunen/{ags}",status="200"})"), 2);
  EXPECT_EQ(sample(text, R"(opgv_http_requests_total{method="GET",route="/kommunen/{ags}",status="404"})"), 1);
  EXPECT_EQ(sample(text, R"(opgv_http_requests_total{method="HEAD",route="/kommunen/{ags}",status="200"})"), 1);
  EXPECT_EQ(sample(text, R"(opgv_http_request_duration_seconds_count{method="GET",route="/kommunen/{ags}"})"), 3);
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  const std::string labels = R"(method="GET",route="/x")";
  m.observe("GET", "/x", 200, 0.0005);  // <= 0.001
  m.observe("GET", "/x", 200, 0.001);   // on the boundary: counts into le="0.001"
  m.observe("GET", "/x", 200, 0.03);    // <= 0.05
  m.observe("GET", "/x", 500, 0.3);     // <= 0.5
  m.observe("GET", "/x", 200, 7.0);     // only +Inf
  auto text = m.render();
  auto bucket = [&](const std::string& le) {
    return sample(text, "opgv_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"}");
  };
  EXPECT_EQ(bucket("0.001"), 2);
  EXPECT_EQ(bucket("0.0025"), 2);
  EXPECT_EQ(bucket("0.025"), 2);
  EXPECT_EQ(bucket("0.05"), 3);
  EXPECT_EQ(bucket("0.25"), 3);
  EXPECT_EQ(bucket("0.5"), 4);
  EXPECT_EQ(bucket("1"), 4);
  EXPECT_EQ(bucket("5"), 4);
  EXPECT_EQ(bucket("+Inf"), 5);
  EXPECT_EQ(sample(text, "opgv_http_request_duration_seconds_count{" + labels + "}"), 5);
  EXPECT_NEAR(sample(text, "opgv_http_request_duration_seconds_sum{" + labels + "}"), 7.3315, 1e-6);
  // Monotonic in le order, +Inf equals _count.
  double previous = 0;
  int seen = 0;
  for (const auto& line : lines(text)) {
    if (line.rfind("opgv_http_request_duration_seconds_bucket{" + labels, 0) != 0) continue;
    double v = std::stod(line.substr(line.rfind(' ') + 1));
    EXPECT_GE(v, previous) << line;
    previous = v;
    ++seen;
  }
  EXPECT_EQ(seen, 13);  // 12 bounds + +Inf
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics m;
  m.observe("GET", "/a\"b\\c\nd", 200, 0.01);
  auto text = m.render();
  EXPECT_NE(text.find(R"(route="/a\"b\\c\nd")"), std::string::npos) << text;
  for (const auto& line : lines(text)) EXPECT_EQ(line.find('\r'), std::string::npos);
}

TEST(Metrics, ConcurrentObservationsAreAllCounted) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) m.observe("GET", "/healthz", 200, 0.0001);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(sample(m.render(), R"(opgv_http_requests_total{method="GET",route="/healthz",status="200"})"), 8000);
}

}  // namespace
}  // namespace opgv::http
