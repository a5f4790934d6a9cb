#include "http/metrics.h"

#include <fmt/format.h>

namespace opgv::http {
namespace {
const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

std::string escapeLabel(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  auto& h = latency_[{method, route}];
  if (h.buckets.empty()) h.buckets.assign(kBuckets.size(), 0);
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP opgv_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE opgv_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("opgv_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       escapeLabel(method), escapeLabel(route), status, count);
  }
  out += "# HELP opgv_http_request_duration_seconds Request latency.\n";
  out += "# TYPE opgv_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    auto labels = fmt::format("method=\"{}\",route=\"{}\"", escapeLabel(key.first), escapeLabel(key.second));
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("opgv_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], h.buckets[i]);
    }
    out += fmt::format("opgv_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
    out += fmt::format("opgv_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, h.sum);
    out += fmt::format("opgv_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
  }
  return out;
}

}  // namespace opgv::http
