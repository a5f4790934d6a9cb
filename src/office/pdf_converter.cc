#include "office/pdf_converter.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <semaphore>
#include <vector>

namespace opgv::office {
namespace {

constexpr char kMissingMessage[] =
    "Die PDF-Erzeugung ist auf diesem Server nicht eingerichtet (LibreOffice fehlt). Bitte laden Sie die "
    "ODT- oder "
    "DOCX-Fassung.";
constexpr char kTimeoutMessage[] =
    "Die PDF-Erzeugung hat zu lange gedauert und wurde abgebrochen. Bitte versuchen Sie es später erneut "
    "oder laden "
    "Sie die ODT- oder DOCX-Fassung.";
constexpr char kFailedMessage[] =
    "Die PDF-Datei konnte nicht erstellt werden. Bitte versuchen Sie es später erneut oder laden Sie die "
    "ODT- oder "
    "DOCX-Fassung.";

// One soffice conversion needs about 200 MB resident for a few pages and 350 MB for a hundred,
// and 1–8 s (measured, see docs/adr/0005-office-documents.md). Two at a time keep a small 2-core
// server responsive and its memory bounded however many users click "PDF" at once; further
// requests wait for a slot, and the wait counts against their timeout.
constexpr std::ptrdiff_t kMaxParallelConversions = 2;

std::counting_semaphore<kMaxParallelConversions>& conversionSlots() {
  static std::counting_semaphore<kMaxParallelConversions> slots(kMaxParallelConversions);
  return slots;
}

class SlotRelease {
 public:
  SlotRelease() = default;
  SlotRelease(const SlotRelease&) = delete;
  SlotRelease& operator=(const SlotRelease&) = delete;
  ~SlotRelease() { conversionSlots().release(); }
};

// Tagged PDF with bookmarks from headings (slide names in Impress); PDF/UA additionally marks
// the file as PDF/UA-1 in its XMP metadata and shows the document title instead of the file name.
// JSON filter options need LibreOffice 7.4 or newer.
constexpr char kPdfOptions[] =
    R"({"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"},)"
    R"("PDFUACompliance":{"type":"boolean","value":"true"}})";

std::optional<std::string_view> exportFilter(std::string_view extension) {
  if (extension == "odt" || extension == "docx") return "writer_pdf_Export";
  if (extension == "odp" || extension == "pptx") return "impress_pdf_Export";
  return std::nullopt;
}

bool isExecutableFile(const std::string& path) {
  struct stat info {};
  return !path.empty() && stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         access(path.c_str(), X_OK) == 0;
}

std::string findSoffice(const PdfOptions& options) {
  if (!options.soffice_path.empty())
    return isExecutableFile(options.soffice_path) ? options.soffice_path : "";
  if (const char* configured = std::getenv("OPGV_SOFFICE"); configured != nullptr && *configured != '\0') {
    return isExecutableFile(configured) ? configured : "";
  }
  const char* pathVariable = std::getenv("PATH");
  std::string_view searchPath = pathVariable != nullptr ? pathVariable : "/usr/local/bin:/usr/bin:/bin";
  while (!searchPath.empty()) {
    const size_t colon = searchPath.find(':');
    const std::string_view directory = searchPath.substr(0, colon);
    searchPath = colon == std::string_view::npos ? std::string_view() : searchPath.substr(colon + 1);
    if (directory.empty()) continue;
    std::string candidate = std::string(directory) + "/soffice";
    if (isExecutableFile(candidate)) return candidate;
  }
  return "";
}

// LibreOffice wants the profile location as a file URL.
std::string fileUrl(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      url += c;
    } else {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0x0F];
    }
  }
  return url;
}

class TempDirectory {
 public:
  TempDirectory() {
    std::error_code error;
    std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) base = "/tmp";
    std::string pattern = (base / "opgv-pdf-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;  // mode 0700: private to this user
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Only letters, digits and hyphens reach the profile file; anything else means German.
std::string localeTag(const std::string& language) {
  const bool usable =
      !language.empty() && language.size() <= 35 && std::all_of(language.begin(), language.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      });
  return usable ? language : "de-DE";
}

// A fresh profile seeded with the locale setting; LibreOffice fills in the rest on first start.
std::string profileSettings(const std::string& language) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         "\n"
         R"(<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" )"
         R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)"
         "\n"
         R"(<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>)" +
         localeTag(language) + "</value></prop></item>\n</oor:items>\n";
}

bool writeFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The end of soffice's output, for the log: its messages are short, the tail holds the error.
std::string logTail(const std::string& path) {
  constexpr size_t kTail = 2000;
  std::optional<std::string> log = readFile(path);
  if (!log) return "";
  return log->size() > kTail ? log->substr(log->size() - kTail) : *log;
}

timespec toTimespec(std::chrono::steady_clock::time_point point) {
  // libstdc++'s steady_clock is CLOCK_MONOTONIC, the clock the supervisor reads after fork.
  const auto since = point.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
  timespec result{};
  result.tv_sec = static_cast<time_t>(seconds.count());
  result.tv_nsec =
      static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count());
  return result;
}

// Everything the forked processes need, prepared before fork: after fork() in a multithreaded
// server only async-signal-safe calls are allowed (no allocation, no locks).
struct SpawnPlan {
  std::string program;
  std::vector<std::string> arguments;
  std::vector<std::string> environment;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::string logPath;
  std::string workDirectory;
  timespec deadline{};
  rlimit cpu{};
  rlimit addressSpace{};
  rlimit fileSize{};
  unsigned int maxDescriptor = 0;  // fallback for kernels without close_range()

  void finalise() {
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    for (std::string& variable : environment) envp.push_back(variable.data());
    envp.push_back(nullptr);
  }
};

// What the supervisor tells the server about the converter, through a pipe.
struct Report {
  int started = 0;  // the converter process was forked
  int exited = 0;   // ... and ended on its own (wait status below)
  int waitStatus = 0;
  int timedOut = 0;  // ... or was killed at the deadline
  int forkErrno = 0;
};

// --- Code below runs in forked children: async-signal-safe calls only. ---------------------

// Closes descriptors first..last; `limit` bounds the fallback loop on kernels before 5.9.
void closeDescriptors(unsigned int first, unsigned int last, unsigned int limit) {
  if (first > last) return;
  if (close_range(first, last, 0) == 0) return;
  for (unsigned int fd = first; fd <= last && fd < limit; ++fd) close(static_cast<int>(fd));
}

timespec now() {
  timespec time{};
  clock_gettime(CLOCK_MONOTONIC, &time);
  return time;
}

bool reached(const timespec& deadline) {
  const timespec current = now();
  return current.tv_sec > deadline.tv_sec ||
         (current.tv_sec == deadline.tv_sec && current.tv_nsec >= deadline.tv_nsec);
}

timespec plusSeconds(timespec time, time_t seconds) {
  time.tv_sec += seconds;
  return time;
}

void resetSignals() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction defaultAction {};
  defaultAction.sa_handler = SIG_DFL;
  sigemptyset(&defaultAction.sa_mask);
  // Ignored signals (the server ignores SIGPIPE) would otherwise stay ignored across exec.
  for (int signal = 1; signal < NSIG; ++signal) {
    if (signal != SIGKILL && signal != SIGSTOP) sigaction(signal, &defaultAction, nullptr);
  }
}

[[noreturn]] void execConverter(const SpawnPlan& plan) {
  setpgid(0, 0);
  umask(077);
  const int input = open("/dev/null", O_RDONLY);
  const int log = open(plan.logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (input < 0 || log < 0) _exit(126);
  dup2(input, STDIN_FILENO);
  dup2(log, STDOUT_FILENO);
  dup2(log, STDERR_FILENO);
  closeDescriptors(3, ~0U, plan.maxDescriptor);
  const rlimit noCoreDumps{0, 0};
  setrlimit(RLIMIT_CORE, &noCoreDumps);
  setrlimit(RLIMIT_CPU, &plan.cpu);
  setrlimit(RLIMIT_AS, &plan.addressSpace);
  setrlimit(RLIMIT_FSIZE, &plan.fileSize);
  if (chdir(plan.workDirectory.c_str()) != 0) _exit(126);
  execve(plan.program.c_str(), plan.argv.data(), plan.envp.data());
  _exit(127);
}

// The supervisor sits between the server and soffice. soffice is a shell script that starts
// oosplash, which starts soffice.bin; killing the group kills all three, but their orphans would
// be reparented to PID 1, which in containers often never reaps them. As a child subreaper the
// supervisor inherits those orphans and reaps every one before it reports, so a conversion
// leaves no process (not even a zombie) behind. It also enforces the deadline itself, so the
// server thread only waits for the report, and soffice is still killed on time if the server
// dies mid-conversion.
[[noreturn]] void superviseConverter(const SpawnPlan& plan, int reportFd) {
  setpgid(0, 0);  // its own group: the server's emergency kill must not hit anything else
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  resetSignals();
  // Server sockets and files must not live on in LibreOffice.
  closeDescriptors(3, static_cast<unsigned int>(reportFd) - 1, plan.maxDescriptor);
  closeDescriptors(static_cast<unsigned int>(reportFd) + 1, ~0U, plan.maxDescriptor);

  Report report;
  const pid_t converter = _Fork();
  if (converter == 0) execConverter(plan);
  if (converter < 0) {
    report.forkErrno = errno;
  } else {
    report.started = 1;
    setpgid(converter, converter);  // also here, so the group exists before any kill below
    bool converterDone = false;
    std::optional<timespec> giveUpAt;
    while (true) {
      siginfo_t info;
      std::memset(&info, 0, sizeof info);
      // WNOWAIT looks without reaping: while the converter is an unreaped zombie, its pid (the
      // group id) cannot be reused, so the group kill below cannot hit a stranger.
      if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0) {
        if (errno == EINTR) continue;
        break;  // ECHILD: the whole tree is reaped
      }
      if (info.si_pid != 0) {
        int status = 0;
        if (info.si_pid == converter && !converterDone) {
          converterDone = true;
          kill(-converter, SIGKILL);  // helpers it may have left running
          if (!giveUpAt) giveUpAt = plusSeconds(now(), 3);
        }
        while (waitpid(info.si_pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (info.si_pid == converter && !report.timedOut) {
          report.exited = 1;
          report.waitStatus = status;
        }
        continue;
      }
      if (!report.timedOut && !converterDone && reached(plan.deadline)) {
        report.timedOut = 1;
        kill(-converter, SIGKILL);
        giveUpAt = plusSeconds(now(), 3);
      }
      // A descendant that left the group would outlive the kill; do not wait for it forever.
      if (giveUpAt && reached(*giveUpAt)) break;
      const timespec pause{0, 10'000'000};
      nanosleep(&pause, nullptr);
    }
  }
  const char* bytes = reinterpret_cast<const char*>(&report);
  size_t written = 0;
  while (written < sizeof report) {
    const ssize_t n = write(reportFd, bytes + written, sizeof report - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  _exit(0);
}

// --- Back in the server. --------------------------------------------------------------------

std::optional<Report> readReport(int fd, std::chrono::steady_clock::time_point until) {
  Report report;
  char* bytes = reinterpret_cast<char*>(&report);
  size_t received = 0;
  while (received < sizeof report) {
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) return std::nullopt;
    pollfd waitFor{fd, POLLIN, 0};
    const int ready = poll(&waitFor, 1, static_cast<int>(std::min<long long>(remaining.count(), 60'000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return std::nullopt;
    if (ready == 0) continue;
    const ssize_t n = read(fd, bytes + received, sizeof report - received);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;  // the supervisor died without reporting
    received += static_cast<size_t>(n);
  }
  return report;
}

std::string describeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("killed by signal ") + strsignal(WTERMSIG(status));
  return "wait status " + std::to_string(status);
}

rlimit limitOf(rlim_t soft, rlim_t hard) { return rlimit{soft, hard}; }

}  // namespace

Result<std::string> convertToPdf(std::string_view officeBytes, std::string_view extension,
                                 std::chrono::milliseconds timeout, const PdfOptions& options) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + timeout;

  const std::optional<std::string_view> filter = exportFilter(extension);
  if (!filter) {
    return fail(ErrorCode::kInternal, kFailedMessage,
                "convertToPdf: unsupported input type '" + std::string(extension) + "'");
  }
  const std::string program = findSoffice(options);
  if (program.empty()) {
    return fail(ErrorCode::kUnavailable, kMissingMessage,
                "soffice not found (PdfOptions::soffice_path, $OPGV_SOFFICE, PATH)");
  }

  if (!conversionSlots().try_acquire_until(deadline)) {
    return fail(ErrorCode::kUnavailable, kTimeoutMessage, "no free conversion slot before the deadline");
  }
  SlotRelease releaseSlot;

  TempDirectory temp;
  if (temp.path().empty())
    return fail(ErrorCode::kInternal, kFailedMessage, std::string("mkdtemp: ") + std::strerror(errno));
  const std::string inputPath = temp.path() + "/dokument." + std::string(extension);
  const std::string outputDirectory = temp.path() + "/out";
  const std::string outputPath = outputDirectory + "/dokument.pdf";
  const std::string profileDirectory = temp.path() + "/profile";
  std::error_code directoryError;
  std::filesystem::create_directory(outputDirectory, directoryError);
  if (!directoryError) std::filesystem::create_directories(profileDirectory + "/user", directoryError);
  if (directoryError || !writeFile(inputPath, officeBytes) ||
      !writeFile(profileDirectory + "/user/registrymodifications.xcu", profileSettings(options.language))) {
    return fail(ErrorCode::kInternal, kFailedMessage, "cannot prepare " + temp.path());
  }

  SpawnPlan plan;
  plan.program = program;
  plan.arguments = {program,
                    "-env:UserInstallation=" + fileUrl(profileDirectory),
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    "--nolockcheck",
                    "--convert-to",
                    "pdf:" + std::string(*filter) + ":" + kPdfOptions,
                    "--outdir",
                    outputDirectory,
                    inputPath};
  // Nothing from the server's environment: no proxies, no credentials, no DISPLAY or D-Bus.
  plan.environment = {"HOME=" + temp.path(), "TMPDIR=" + temp.path(), "PATH=/usr/local/bin:/usr/bin:/bin",
                      "LANG=C.UTF-8", "SAL_USE_VCLPLUGIN=svp"};
  plan.finalise();
  plan.logPath = temp.path() + "/soffice.log";
  plan.workDirectory = temp.path();
  plan.deadline = toTimespec(deadline);
  // CPU seconds are a second line of defence behind the wall-clock deadline (a converter that
  // spins on all threads); twice the timeout plus startup leaves the normal case untouched.
  const auto cpuSeconds =
      static_cast<rlim_t>(std::chrono::ceil<std::chrono::seconds>(timeout).count() * 2 + 10);
  plan.cpu = limitOf(cpuSeconds, cpuSeconds + 5);
  plan.addressSpace = limitOf(options.address_space_bytes, options.address_space_bytes);
  plan.fileSize = limitOf(options.max_file_bytes, options.max_file_bytes);
  rlimit descriptors{};
  getrlimit(RLIMIT_NOFILE, &descriptors);
  plan.maxDescriptor = static_cast<unsigned int>(std::min<rlim_t>(descriptors.rlim_cur, 65536));

  int reportPipe[2];
  if (pipe2(reportPipe, O_CLOEXEC) != 0) {
    return fail(ErrorCode::kInternal, kFailedMessage, std::string("pipe2: ") + std::strerror(errno));
  }
  // The supervisor keeps only descriptors 0–2 and the report pipe; keep the pipe above them.
  if (reportPipe[1] < 3) {
    const int moved = fcntl(reportPipe[1], F_DUPFD_CLOEXEC, 3);
    close(reportPipe[1]);
    reportPipe[1] = moved;
  }
  const pid_t supervisor = fork();
  if (supervisor == 0) {
    close(reportPipe[0]);
    superviseConverter(plan, reportPipe[1]);
  }
  close(reportPipe[1]);
  if (supervisor < 0) {
    close(reportPipe[0]);
    return fail(ErrorCode::kInternal, kFailedMessage, std::string("fork: ") + std::strerror(errno));
  }
  // The supervisor enforces the deadline and then needs a moment to reap; if it does not report
  // in time, something is badly wrong and it is killed (its group holds only itself).
  const std::optional<Report> report = readReport(reportPipe[0], deadline + std::chrono::seconds(10));
  close(reportPipe[0]);
  if (!report) kill(-supervisor, SIGKILL);
  while (waitpid(supervisor, nullptr, 0) < 0 && errno == EINTR) {
  }

  if (!report) return fail(ErrorCode::kInternal, kFailedMessage, "the conversion supervisor did not report");
  if (!report->started) {
    return fail(ErrorCode::kInternal, kFailedMessage,
                std::string("fork: ") + std::strerror(report->forkErrno));
  }
  if (report->timedOut) {
    return fail(
        ErrorCode::kUnavailable, kTimeoutMessage,
        "soffice killed after " + std::to_string(timeout.count()) + " ms; log: " + logTail(plan.logPath));
  }
  if (!report->exited || !WIFEXITED(report->waitStatus) || WEXITSTATUS(report->waitStatus) != 0) {
    return fail(
        ErrorCode::kInternal, kFailedMessage,
        "soffice failed (" + describeWaitStatus(report->waitStatus) + "); log: " + logTail(plan.logPath));
  }
  // soffice exits with 0 even when it could not load or convert the file; the PDF tells.
  std::optional<std::string> pdf = readFile(outputPath);
  if (!pdf || !pdf->starts_with("%PDF-")) {
    return fail(ErrorCode::kInternal, kFailedMessage, "soffice wrote no PDF; log: " + logTail(plan.logPath));
  }
  return std::move(*pdf);
}

}  // namespace opgv::office
