#pragma once
// The opgv binary as a child process for CLI, crash and shutdown tests. The environment is the
// test's own minus inherited OPGV_* variables (the test decides those); stdout and stderr go to
// files so that tests can poll the log.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace opgv::test {

// build-x/tests/opgv_tests -> build-x/opgv
std::string opgvBinary();
std::string slurp(const std::string& path);

class OpgvProcess {
 public:
  // Output goes to `logPrefix`.out and `logPrefix`.err.
  OpgvProcess(const std::vector<std::string>& args, const std::string& logPrefix,
              const std::map<std::string, std::string>& env = {});
  ~OpgvProcess();
  OpgvProcess(const OpgvProcess&) = delete;
  OpgvProcess& operator=(const OpgvProcess&) = delete;

  bool running() const { return !exited_; }
  void signal(int sig);
  // Exit code, or 128 + signal; nullopt if still running after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }
  // Polls stderr until `pattern` appears; returns the first capture group (or "" on timeout/exit).
  std::string waitForLog(const std::string& pattern, std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  std::string out_, err_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int code_ = -1;
};

}  // namespace opgv::test
