// Use-case library benchmark (bench/library.sh, docs/performance.md "Use-Case-Bibliothek").
//
// Generates N synthetic use cases from the 30 real ones in content/use-cases/ (same document
// shape, same text lengths, words resampled from the real German vocabulary with a fixed seed,
// facets spread over realistic values), writes them as published versions straight into the
// tables, then measures on the code path of GET /api/v1/use-cases (UseCaseService::search as a
// guest, 20 per page, with snippets):
//   (a) search: 1–3 words plus 0–3 facet filters,
//   (b) facet computation: empty query plus 0–3 facet filters (no text match, so filtering and
//       counting the facet values of the result dominate the call),
//   (c) full reindex: UseCaseRepository::reindexAll().
// Percentiles are over single, sequential calls (one client). A plain timing loop instead of
// Google Benchmark: we want percentiles over a fixed, varied query set and one-off timings of a
// reindex, not the mean of repeated identical iterations.
//
// Usage: opgv_bench_library [--engine=sqlite|postgres] [--n=10000] [--queries=300] [--warmup=20]
//                           [--seed=20261127] [--reindex-runs=2] [--source=REPO] [--keep]
// PostgreSQL needs TEST_PG_ADMIN_URL (scripts/with-postgres.sh sets it); a fresh database is
// created and dropped afterwards.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "auth/principal.h"
#include "common/clock.h"
#include "db/db.h"
#include "db/migrate.h"
#include "features/library/content_loader.h"
#include "features/library/model.h"
#include "features/library/repository.h"
#include "features/library/service.h"
#include "mail/mailer.h"

#ifndef OPGV_SOURCE_DIR
#define OPGV_SOURCE_DIR "."
#endif

namespace {

using namespace opgv;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

double msSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// CPU seconds (user + system) of this process, all threads. On a shared machine the wall time of
// a long run depends on the other load; the CPU time much less. PostgreSQL's server CPU is not in it.
double processCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// ------------------------------------------------------------------------------------ options

struct Options {
  std::string engine = "sqlite";
  int64_t n = 10000;
  int queries = 300;
  int warmup = 20;
  uint64_t seed = 20261127;
  int reindex_runs = 2;
  double budget_s = 900;  // per query set; 0 = no limit
  std::string source = OPGV_SOURCE_DIR;
  bool keep = false;
};

[[noreturn]] void usage(const std::string& error) {
  std::fprintf(stderr,
               "opgv_bench_library: %s\n"
               "Usage: opgv_bench_library [--engine=sqlite|postgres] [--n=10000] [--queries=300] [--warmup=20]\n"
               "                          [--seed=N] [--reindex-runs=2] [--budget=900] [--source=REPO_ROOT] [--keep]\n"
               "--budget: seconds per query set; when used up, the remaining queries are skipped (reported).\n",
               error.c_str());
  std::exit(2);
}

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      std::string prefix = std::string(name) + "=";
      if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
      return std::nullopt;
    };
    try {
      if (auto v = value("--engine")) o.engine = *v;
      else if (auto v = value("--n")) o.n = std::stoll(*v);
      else if (auto v = value("--queries")) o.queries = std::stoi(*v);
      else if (auto v = value("--warmup")) o.warmup = std::stoi(*v);
      else if (auto v = value("--seed")) o.seed = std::stoull(*v);
      else if (auto v = value("--reindex-runs")) o.reindex_runs = std::stoi(*v);
      else if (auto v = value("--budget")) o.budget_s = std::stod(*v);
      else if (auto v = value("--source")) o.source = *v;
      else if (a == "--keep") o.keep = true;
      else if (a == "--help" || a == "-h") usage("help");
      else usage("unknown argument " + a);
    } catch (const std::logic_error&) {
      usage("bad number in " + a);
    }
  }
  if (o.engine != "sqlite" && o.engine != "postgres") usage("--engine must be sqlite or postgres");
  if (o.n < 1 || o.queries < 1 || o.warmup < 0 || o.reindex_runs < 1 || o.budget_s < 0) usage("--n, --queries, --reindex-runs must be positive");
  return o;
}

// ------------------------------------------------------------------------------------ machine

std::string commandLine(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    bool quote = a.find_first_of(" \t'\"$") != std::string::npos;
    out += (i ? " " : "") + (quote ? "'" + a + "'" : a);
  }
  return out;
}

std::string procField(const char* file, const char* key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      auto v = line.substr(colon + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      return v;
    }
  }
  return "?";
}

std::string machineLine() {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  std::string model = procField("/proc/cpuinfo", "model name");
  std::string mem = procField("/proc/meminfo", "MemTotal");
  double gib = std::atof(mem.c_str()) / 1024.0 / 1024.0;
  utsname u{};
  uname(&u);
  char buf[256];
  std::snprintf(buf, sizeof buf, "nproc=%ld, CPU: %s, RAM: %.1f GiB, kernel %s %s", cpus, model.c_str(), gib, u.sysname, u.release);
  return buf;
}

// Commit of the measured source tree ("+dirty" with uncommitted changes); "?" without git.
std::string sourceCommit(const std::string& source) {
  std::string cmd = "git -C '" + source + "' describe --always --dirty=+dirty 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[128];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out.empty() ? "?" : out;
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string today() {
  auto t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::localtime(&t));
  return buf;
}

// ------------------------------------------------------------------------------------ corpus

// UTF-8 helpers for the German texts (Latin-1 supplement and Latin Extended-A are enough).
uint32_t decode(const std::string& s, size_t i, size_t& len) {
  unsigned char c = s[i];
  if (c < 0x80) {
    len = 1;
    return c;
  }
  if ((c >> 5) == 6 && i + 1 < s.size()) {
    len = 2;
    return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
  }
  if ((c >> 4) == 14 && i + 2 < s.size()) {
    len = 3;
    return ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
  }
  if ((c >> 3) == 30 && i + 3 < s.size()) {
    len = 4;
    return ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
  }
  len = 1;
  return c;
}

bool isLetter(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

bool isUpper(uint32_t cp) { return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7); }

// Lower-cases the first letter (ASCII and Ä/Ö/Ü), for the second part of a compound.
std::string lowerFirst(std::string w) {
  if (w.empty()) return w;
  if (w[0] >= 'A' && w[0] <= 'Z') w[0] = static_cast<char>(w[0] - 'A' + 'a');
  else if (static_cast<unsigned char>(w[0]) == 0xC3 && w.size() > 1) {
    unsigned char c = w[1];
    if (c >= 0x80 && c <= 0x9E && c != 0x97) w[1] = static_cast<char>(c + 0x20);
  }
  return w;
}

std::string lowerAll(const std::string& w) {
  std::string out;
  for (size_t i = 0; i < w.size();) {
    size_t len;
    uint32_t cp = decode(w, i, len);
    if (isUpper(cp)) out += lowerFirst(w.substr(i, len));
    else out += w.substr(i, len);
    i += len;
  }
  return out;
}

size_t letterCount(const std::string& w) {
  size_t n = 0;
  for (size_t i = 0; i < w.size();) {
    size_t len;
    decode(w, i, len);
    ++n;
    i += len;
  }
  return n;
}

// Calls `word` for each run of letters and `other` for everything in between.
template <class W, class O>
void forEachToken(const std::string& text, W word, O other) {
  size_t i = 0;
  while (i < text.size()) {
    size_t len;
    uint32_t cp = decode(text, i, len);
    size_t start = i;
    if (isLetter(cp)) {
      while (i < text.size()) {
        cp = decode(text, i, len);
        if (!isLetter(cp)) break;
        i += len;
      }
      word(text.substr(start, i - start));
    } else {
      while (i < text.size()) {
        cp = decode(text, i, len);
        if (isLetter(cp)) break;
        i += len;
      }
      other(text.substr(start, i - start));
    }
  }
}

const std::set<std::string>& stopwords() {
  static const std::set<std::string> words = {
      "aber", "alle", "allem", "allen", "aller", "alles", "also", "auch", "bereits", "beim", "bisher", "dabei", "damit",
      "dann", "dass", "davon", "dazu", "denn", "deren", "dessen", "diese", "diesem", "diesen", "dieser", "dieses", "doch",
      "dort", "drei", "durch", "eine", "einem", "einen", "einer", "eines", "einmal", "erst", "erste", "ersten", "etwa",
      "fünf", "gegen", "haben", "hatte", "hatten", "heute", "hier", "ihre", "ihrem", "ihren", "ihrer", "immer", "jede",
      "jedem", "jeden", "jeder", "jedes", "jetzt", "kann", "kein", "keine", "können", "mehr", "muss", "müssen", "nach",
      "nicht", "noch", "ohne", "schon", "sehr", "seit", "selbst", "sich", "sind", "soll", "sollen", "sondern", "sowie",
      "statt", "über", "unter", "vier", "viel", "waren", "weil", "welche", "wenn", "werden", "wieder", "wird", "wurde",
      "wurden", "zwei", "zwischen", "ebenfalls", "weniger", "statt", "ihnen", "eigene", "eigenen", "einen", "seine",
      "seiner", "ihrem", "nur", "oder", "und", "mit", "von", "zum", "zur", "dem", "den", "der", "die", "das", "des"};
  return words;
}

struct Corpus {
  std::vector<json> docs;                     // the 30 real documents
  std::vector<std::string> capTokens;         // capitalised tokens of all texts, with repetition (frequency-weighted)
  std::vector<std::string> lowTokens;         // other tokens
  std::vector<std::string> nounTokens;        // capitalised tokens of 4+ letters that are not function words (compound parts)
  std::vector<std::string> frequent, medium, rare;  // query candidates by document frequency in the real corpus
  std::vector<std::string> nouns;             // query candidates starting with a capital
  std::vector<json> datensaetze;
  std::vector<std::string> fachverfahren, partner;
  std::map<std::string, int> themenCount;      // real Themenfeld frequencies
  double avgTitle = 0, avgSummary = 0, avgBody = 0;  // searchText lengths (bytes) of the real documents
};

// Every free text of a document that search indexes (title, summary, sections, list fields).
template <class F>
void forEachText(const json& d, F f) {
  for (const char* k : {"title", "summary"}) {
    if (d.contains(k) && d[k].is_string()) f(d[k].get<std::string>());
  }
  if (d.contains("sections")) {
    for (const auto& [k, v] : d["sections"].items()) {
      const json& value = v;
      if (value.is_string()) f(value.get<std::string>());
    }
  }
  for (const char* list : {"huerden", "projektweg", "wirkung"}) {
    if (!d.contains(list) || !d[list].is_array()) continue;
    for (const auto& item : d[list]) {
      for (const char* k : {"text", "kennzahl"}) {
        if (item.contains(k) && item[k].is_string()) f(item[k].get<std::string>());
      }
    }
  }
}

Corpus loadCorpus(const std::string& dir) {
  auto files = library::loadUseCases(dir);
  if (!files) throw std::runtime_error("content: " + files.error().message);
  Corpus c;
  std::map<std::string, std::set<size_t>> df;  // lower-cased word → documents
  std::map<std::string, std::string> shape;    // lower-cased word → most recent original spelling
  for (const auto& f : *files) c.docs.push_back(library::documentFromFile(f.meta, f.sections));
  for (size_t i = 0; i < c.docs.size(); ++i) {
    const auto& d = c.docs[i];
    forEachText(d, [&](const std::string& text) {
      forEachToken(
          text,
          [&](const std::string& w) {
            size_t len;
            bool cap = isUpper(decode(w, 0, len));
            (cap ? c.capTokens : c.lowTokens).push_back(w);
            auto key = lowerAll(w);
            if (cap && letterCount(w) >= 4 && !stopwords().count(key)) c.nounTokens.push_back(w);
            df[key].insert(i);
            if (!shape.count(key) || isUpper(decode(w, 0, len))) shape[key] = w;
          },
          [](const std::string&) {});
    });
    for (const auto& t : d.value("themenfeld", json::array())) c.themenCount[t.get<std::string>()]++;
    for (const auto& ds : d.value("datensaetze", json::array())) c.datensaetze.push_back(ds);
    for (const auto& v : d.value("fachverfahren", json::array())) c.fachverfahren.push_back(v.get<std::string>());
    for (const auto& v : d.value("govtech_partner", json::array())) c.partner.push_back(v.get<std::string>());
    auto st = library::searchText(d);
    c.avgTitle += st.title.size();
    c.avgSummary += st.summary.size();
    c.avgBody += st.body.size();
  }
  c.avgTitle /= c.docs.size();
  c.avgSummary /= c.docs.size();
  c.avgBody /= c.docs.size();
  for (const auto& [key, docs] : df) {
    if (letterCount(key) < 4 || stopwords().count(key)) continue;
    const auto& w = shape[key];
    size_t len;
    if (isUpper(decode(w, 0, len))) c.nouns.push_back(w);
    size_t n = docs.size();
    if (n >= 8) c.frequent.push_back(w);
    else if (n >= 3) c.medium.push_back(w);
    else c.rare.push_back(w);
  }
  return c;
}

// ------------------------------------------------------------------------------------ generator

struct Weighted {
  std::vector<std::string> values;
  std::discrete_distribution<size_t> dist;
  Weighted(std::vector<std::pair<std::string, double>> list) {
    std::vector<double> w;
    for (auto& [v, weight] : list) {
      values.push_back(v);
      w.push_back(weight);
    }
    dist = std::discrete_distribution<size_t>(w.begin(), w.end());
  }
  const std::string& operator()(std::mt19937_64& rng) { return values[dist(rng)]; }
};

class Generator {
 public:
  Generator(const Corpus& corpus, uint64_t seed) : c_(corpus), rng_(seed) {
    std::vector<std::pair<std::string, double>> themen;
    for (const auto& t : library::themenfelder()) themen.emplace_back(t, 1.0 + c_.themenCount.count(t) * c_.themenCount.at(t));
    themen_ = std::make_unique<Weighted>(themen);
  }

  // Rewrites a text: every word is replaced by a word of the same kind (capitalised or not)
  // drawn from the real texts, weighted by frequency; some nouns become new compounds, so the
  // vocabulary keeps growing with N as it would with real texts. Numbers, punctuation, Markdown
  // and headings stay as they are, so lengths and structure match the template.
  std::string rewrite(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 64);
    size_t lineStart = 0;
    while (lineStart < text.size()) {
      size_t end = text.find('\n', lineStart);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(lineStart, end - lineStart);
      if (!line.empty() && line[0] == '#') {
        out += line;  // "### Für Mitarbeitende" and similar headings recur in every document
      } else {
        forEachToken(
            line, [&](const std::string& w) { out += replaceWord(w); }, [&](const std::string& o) { out += o; });
      }
      if (end < text.size()) out += '\n';
      lineStart = end + 1;
    }
    return out;
  }

  json make(int64_t i) {
    const json& tpl = c_.docs[pick(c_.docs.size())];
    json d = tpl;
    d["slug"] = tpl["slug"].get<std::string>() + "-" + std::to_string(i);
    d["title"] = rewrite(tpl["title"].get<std::string>());
    d["summary"] = rewrite(tpl["summary"].get<std::string>());
    if (tpl.contains("schlagworte")) {
      json list = json::array();
      for (const auto& w : tpl["schlagworte"]) list.push_back(rewrite(w.get<std::string>()));
      d["schlagworte"] = list;
    }
    for (auto& [k, v] : d["sections"].items()) v = rewrite(v.get<std::string>());

    // Facets.
    json themen = json::array();
    std::set<std::string> chosen;
    int nThemen = chance(0.5) ? 1 : chance(0.8) ? 2 : 3;
    while (static_cast<int>(chosen.size()) < nThemen) chosen.insert((*themen_)(rng_));
    for (const auto& t : chosen) themen.push_back(t);
    d["themenfeld"] = themen;
    d["status"] = status_(rng_);
    d["zusammenarbeitsform"] = form_(rng_);
    json kommunen = json::array();
    int nKommunen = chance(0.8) ? 1 : chance(0.75) ? 2 : 3;
    for (int k = 0; k < nKommunen; ++k) kommunen.push_back(kommune());
    d["kommunen"] = kommunen;
    for (auto& h : d["huerden"]) {
      h["text"] = rewrite(h["text"].get<std::string>());
      json b = json::array();
      std::set<std::string> bs;
      int nb = chance(0.6) ? 1 : 2;
      while (static_cast<int>(bs.size()) < nb) bs.insert(barriere_(rng_));
      for (const auto& x : bs) b.push_back(x);
      h["barrieren"] = b;
    }
    for (auto& w : d["wirkung"]) {
      w["kennzahl"] = rewrite(w["kennzahl"].get<std::string>());
      for (const char* k : {"vorher", "nachher"}) {
        if (w.contains(k) && w[k].is_number()) w[k] = std::round(w[k].get<double>() * uniform(0.5, 1.5) * 10) / 10;
      }
    }
    for (auto& p : d["projektweg"]) p["text"] = rewrite(p["text"].get<std::string>());
    d["datensaetze"] = sample(c_.datensaetze, 1 + pick(3));
    d["fachverfahren"] = sampleStrings(c_.fachverfahren, 1 + pick(3));
    d["govtech_partner"] = sampleStrings(c_.partner, pick(2));
    json nach = json::array();
    int nNach = chance(0.55) ? 0 : chance(0.5) ? 1 : 1 + static_cast<int>(pick(4));
    for (int k = 0; k < nNach; ++k) {
      auto typ = typ_(rng_);
      nach.push_back({{"name", placeName(typ)}, {"fictional", true}, {"datum", "2026-0" + std::to_string(1 + pick(9))},
                      {"verwaltungstyp", typ}, {"einwohner", einwohner(typ)}});
    }
    d["nachnutzungen"] = nach;
    return d;
  }

  std::mt19937_64& rng() { return rng_; }
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }
  const std::vector<std::string>& compounds() const { return compounds_; }

 private:
  std::string replaceWord(const std::string& w) {
    if (letterCount(w) <= 1) return w;  // "z", "B" of "z. B.", list markers
    size_t len;
    bool cap = isUpper(decode(w, 0, len));
    if (cap) {
      if (chance(0.04)) {
        auto compound = c_.nounTokens[pick(c_.nounTokens.size())] + lowerFirst(c_.nounTokens[pick(c_.nounTokens.size())]);
        if (compounds_.size() < 5000 && chance(0.05)) compounds_.push_back(compound);
        return compound;
      }
      return c_.capTokens[pick(c_.capTokens.size())];
    }
    return c_.lowTokens[pick(c_.lowTokens.size())];
  }

  json kommune() {
    auto typ = typ_(rng_);
    return {{"name", placeName(typ)}, {"fictional", true}, {"verwaltungstyp", typ}, {"bundesland", land_(rng_)},
            {"einwohner", einwohner(typ)}};
  }

  std::string placeName(const std::string& typ) {
    static const std::vector<std::string> suffix = {"feld", "berg", "stadt", "hausen", "dorf", "heim", "burg", "au", "ingen", "tal"};
    std::string stem = c_.nounTokens[pick(c_.nounTokens.size())];
    std::string prefix = typ == "landkreis" ? "Landkreis " : typ == "gemeinde" ? "Gemeinde " : "Stadt ";
    return prefix + stem + suffix[pick(suffix.size())] + " (fiktiv)";
  }

  int64_t einwohner(const std::string& typ) {
    double lo = 1000, hi = 30000;
    if (typ == "kreisangehoerige_stadt") lo = 8000, hi = 250000;
    if (typ == "kreisfreie_stadt") lo = 35000, hi = 1800000;
    if (typ == "landkreis") lo = 50000, hi = 700000;
    return static_cast<int64_t>(std::exp(uniform(std::log(lo), std::log(hi))));
  }

  json sample(const std::vector<json>& from, size_t n) {
    json out = json::array();
    for (size_t k = 0; k < n && !from.empty(); ++k) out.push_back(from[pick(from.size())]);
    return out;
  }
  json sampleStrings(const std::vector<std::string>& from, size_t n) {
    json out = json::array();
    for (size_t k = 0; k < n && !from.empty(); ++k) out.push_back(from[pick(from.size())]);
    return out;
  }

  const Corpus& c_;
  std::mt19937_64 rng_;
  std::unique_ptr<Weighted> themen_;
  Weighted status_{{{"idee", 8}, {"pilot", 25}, {"im_betrieb", 35}, {"verstetigt", 22}, {"eingestellt", 10}}};
  Weighted form_{{{"public_interface", 25}, {"trusted_intermediary", 20}, {"data_pooling", 25}, {"research_partnership", 12},
                  {"prizes_challenges", 6}, {"intelligence_generation", 12}}};
  Weighted typ_{{{"gemeinde", 35}, {"kreisangehoerige_stadt", 35}, {"kreisfreie_stadt", 15}, {"landkreis", 15}}};
  Weighted barriere_{{{"fehlende_harmonisierung", 25}, {"strategie_ohne_rueckhalt", 15}, {"fehlende_mehrwerte", 18},
                      {"fehlende_innovatoren", 12}, {"it_altlasten", 20}, {"innovation_ohne_erprobung", 10}}};
  // Roughly by number of Kommunen and population.
  Weighted land_{{{"Baden-Württemberg", 11}, {"Bayern", 13}, {"Berlin", 1}, {"Brandenburg", 3}, {"Bremen", 1}, {"Hamburg", 1},
                  {"Hessen", 7}, {"Mecklenburg-Vorpommern", 2}, {"Niedersachsen", 9}, {"Nordrhein-Westfalen", 22},
                  {"Rheinland-Pfalz", 5}, {"Saarland", 1}, {"Sachsen", 5}, {"Sachsen-Anhalt", 3}, {"Schleswig-Holstein", 3},
                  {"Thüringen", 3}}};
  std::vector<std::string> compounds_;
};

// ------------------------------------------------------------------------------------ database

struct BenchDb {
  std::unique_ptr<db::Database> db;
  std::string description;
  std::string sqlite_dir;
  std::string pg_admin, pg_name;

  ~BenchDb() { cleanup(false); }
  void cleanup(bool keep) {
    db.reset();
    if (keep) {
      sqlite_dir.clear();
      pg_name.clear();
      return;
    }
    try {
      if (!pg_name.empty()) {
        auto admin = db::open(pg_admin, 1);
        admin->query("DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)");
        pg_name.clear();
      }
      if (!sqlite_dir.empty()) {
        std::filesystem::remove_all(sqlite_dir);
        sqlite_dir.clear();
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cleanup: %s\n", e.what());
    }
  }
};

void openDb(BenchDb& b, const Options& o) {
  if (o.engine == "sqlite") {
    std::string pattern = (std::filesystem::temp_directory_path() / "opgv-bench-library-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
    b.sqlite_dir = buf.data();
    b.description = "sqlite://" + b.sqlite_dir + "/bench.db";
    b.db = db::open(b.description, 4);
    return;
  }
  const char* admin = std::getenv("TEST_PG_ADMIN_URL");
  if (!admin) throw std::runtime_error("--engine=postgres needs TEST_PG_ADMIN_URL (bash scripts/with-postgres.sh …)");
  b.pg_admin = admin;
  b.pg_name = "opgv_bench_" + std::to_string(getpid()) + "_" + std::to_string(std::time(nullptr));
  db::open(admin, 1)->query("CREATE DATABASE " + b.pg_name);
  b.description = b.pg_admin.substr(0, b.pg_admin.rfind('/') + 1) + b.pg_name;
  b.db = db::open(b.description, 4);
}

std::string engineVersion(db::Database& d) {
  if (d.dialect() == db::Dialect::kSqlite) return std::string("SQLite ") + sqlite3_libversion();
  auto v = d.query("SHOW server_version").first().str(0);
  return "PostgreSQL " + v;
}

std::string dbSize(db::Database& d, const BenchDb& b) {
  double bytes = 0;
  if (d.dialect() == db::Dialect::kSqlite) {
    for (const auto& e : std::filesystem::directory_iterator(b.sqlite_dir)) bytes += static_cast<double>(e.file_size());
  } else {
    bytes = static_cast<double>(d.query("SELECT pg_database_size(current_database())").first().i64(0));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f MiB", bytes / 1024 / 1024);
  return buf;
}

constexpr std::string_view kInsertCase =
    "INSERT INTO use_cases (slug, origin, state, draft_updated_at, published_version, title, summary, published_at, "
    "last_reviewed, replication_count, interest_count, listed, created_at) "
    "VALUES ($1, $2, 'veroeffentlicht', $3, 1, $4, $5, $6, $7, $8, $9, 1, $10) RETURNING id";
constexpr std::string_view kInsertDraft = "INSERT INTO use_case_drafts (use_case_id, document) VALUES ($1, $2)";
constexpr std::string_view kInsertVersion =
    "INSERT INTO use_case_versions (use_case_id, version, document, title, published_at, published_by, note) "
    "VALUES ($1, 1, $2, $3, $4, NULL, $5)";

struct Generated {
  double ms = 0;
  double title = 0, summary = 0, body = 0;  // average searchText lengths (bytes), sampled
  std::vector<std::map<std::string, std::vector<std::string>>> facetSamples;
};

Generated generate(db::Database& d, Generator& gen, int64_t n) {
  Generated g;
  auto start = SteadyClock::now();
  const int64_t batch = 2000;
  int64_t sampled = 0;
  const int64_t t0 = 1672531200;  // 2023-01-01
  const int64_t t1 = 1795737600;  // 2026-11-27
  for (int64_t from = 0; from < n; from += batch) {
    d.transaction([&](db::Connection& conn) {
      for (int64_t i = from; i < std::min(n, from + batch); ++i) {
        json doc = gen.make(i);
        if (i % 10 == 0) {
          auto st = library::searchText(doc);
          g.title += st.title.size();
          g.summary += st.summary.size();
          g.body += st.body.size();
          ++sampled;
        }
        if (g.facetSamples.size() < 5000) g.facetSamples.push_back(library::deriveFacets(doc));
        auto text = doc.dump();
        auto title = doc["title"].get<std::string>();
        int64_t published = t0 + static_cast<int64_t>(gen.pick(static_cast<size_t>(t1 - t0)));
        int64_t replications = static_cast<int64_t>(doc["nachnutzungen"].size());
        int64_t interests = gen.chance(0.7) ? 0 : static_cast<int64_t>(gen.pick(6));
        auto id = conn.query(kInsertCase, {doc["slug"].get<std::string>(), gen.chance(0.1) ? "repo" : "ui", published, title,
                                           doc["summary"].get<std::string>(), published, doc.value("last_reviewed", ""),
                                           replications, interests, published - 86400})
                      .first()
                      .i64(0);
        conn.query(kInsertDraft, {id, text});
        conn.query(kInsertVersion, {id, text, title, published, "Benchmark (synthetisch)"});
      }
    });
  }
  g.ms = msSince(start);
  if (sampled) g.title /= sampled, g.summary /= sampled, g.body /= sampled;
  return g;
}

// ------------------------------------------------------------------------------------ queries

struct Query {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;
  std::string describe() const {
    std::string s = "q=\"" + q + "\"";
    for (const auto& [k, vs] : filters) {
      s += " " + k + "=";
      for (size_t i = 0; i < vs.size(); ++i) s += (i ? "|" : "") + vs[i];
    }
    return s;
  }
};

class QueryMaker {
 public:
  QueryMaker(const Corpus& c, const Generator& gen, const Generated& g, uint64_t seed)
      : c_(c), compounds_(gen.compounds()), samples_(g.facetSamples), rng_(seed) {}

  std::string word() {
    double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.35) return from(c_.frequent);
    if (r < 0.65) return from(c_.medium);
    if (r < 0.75) return from(c_.rare);
    if (r < 0.85 && !compounds_.empty()) return from(compounds_);  // rare: exists only in a few synthetic cases
    // Inflected or lower-case forms of a noun, as people type them.
    std::string w = from(c_.nouns);
    static const std::vector<std::string> suffix = {"en", "n", "s", "e", "er"};
    if (std::bernoulli_distribution(0.5)(rng_)) return lowerAll(w);
    return w + suffix[std::uniform_int_distribution<size_t>(0, suffix.size() - 1)(rng_)];
  }

  void addFilters(Query& q) {
    static const std::vector<std::string> keys = {"themenfeld", "bundesland", "verwaltungstyp", "groessenklasse",
                                                  "status", "barriere", "zusammenarbeitsform"};
    int n = static_cast<int>(std::uniform_int_distribution<int>(0, 3)(rng_));
    std::vector<std::string> order = keys;
    std::shuffle(order.begin(), order.end(), rng_);
    for (int k = 0; k < n; ++k) {
      const auto& facet = order[k];
      int values = std::bernoulli_distribution(0.2)(rng_) ? 2 : 1;
      for (int tries = 0; tries < 50 && static_cast<int>(q.filters[facet].size()) < values; ++tries) {
        // A value as a user would click it: drawn from the cases, so common values come up more often.
        const auto& f = samples_[std::uniform_int_distribution<size_t>(0, samples_.size() - 1)(rng_)];
        auto it = f.find(facet);
        if (it == f.end() || it->second.empty()) continue;
        const auto& v = it->second[std::uniform_int_distribution<size_t>(0, it->second.size() - 1)(rng_)];
        auto& list = q.filters[facet];
        if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
      }
    }
  }

  Query search() {
    Query q;
    int words = std::uniform_int_distribution<int>(1, 3)(rng_);
    for (int i = 0; i < words; ++i) q.q += (i ? " " : "") + word();
    addFilters(q);
    return q;
  }

  Query facetsOnly() {
    Query q;
    addFilters(q);
    return q;
  }

 private:
  const std::string& from(const std::vector<std::string>& list) {
    return list[std::uniform_int_distribution<size_t>(0, list.size() - 1)(rng_)];
  }
  const Corpus& c_;
  const std::vector<std::string>& compounds_;
  const std::vector<std::map<std::string, std::vector<std::string>>>& samples_;
  std::mt19937_64 rng_;
};

// ------------------------------------------------------------------------------------ measuring

struct Stats {
  std::vector<double> ms;
  size_t planned = 0;
  std::map<size_t, std::vector<double>> byFilters;  // number of filtered facets → times
  int64_t totalHits = 0, zero = 0, anyWord = 0;
  double slowestMs = 0;
  std::string slowest;
  double pct(double p) const { return pctOf(ms, p); }
  static double pctOf(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
  }
  double mean() const {
    double s = 0;
    for (double x : ms) s += x;
    return ms.empty() ? 0 : s / static_cast<double>(ms.size());
  }
};

class NullMailer final : public mail::Mailer {
 public:
  void send(const mail::Message&) override {}
};

Stats run(library::UseCaseService& service, const std::vector<Query>& queries, double budgetS) {
  Stats s;
  s.planned = queries.size();
  auth::Principal guest;
  auto begin = SteadyClock::now();
  for (const auto& q : queries) {
    if (budgetS > 0 && msSince(begin) > budgetS * 1000) break;
    library::SearchParams p;
    p.q = q.q;
    p.filters = q.filters;
    p.per_page = 20;
    auto start = SteadyClock::now();
    auto r = service.search(guest, p);
    double ms = msSince(start);
    if (!r) throw std::runtime_error("search failed: " + r.error().message + " for " + q.describe());
    s.ms.push_back(ms);
    s.byFilters[q.filters.size()].push_back(ms);
    s.totalHits += r->total;
    if (r->total == 0) ++s.zero;
    if (r->any_word) ++s.anyWord;
    if (ms > s.slowestMs) s.slowestMs = ms, s.slowest = q.describe() + " (" + std::to_string(r->total) + " Treffer)";
  }
  return s;
}

void printStats(const char* name, const Stats& s, double target) {
  if (s.ms.size() < s.planned) {
    std::printf("%-34s BUDGET USED UP: only %zu of %zu queries measured (the first ones of the fixed sequence)\n", name, s.ms.size(),
                s.planned);
  }
  std::printf("%-34s n=%zu  p50 %8.2f ms  p95 %8.2f ms  p99 %8.2f ms  mean %8.2f ms  max %8.2f ms\n", name, s.ms.size(), s.pct(50),
              s.pct(95), s.pct(99), s.mean(), s.slowestMs);
  std::printf("%-34s hits/query %.0f, zero-hit %lld, any-word fallback %lld\n", "", double(s.totalHits) / double(s.ms.size()),
              static_cast<long long>(s.zero), static_cast<long long>(s.anyWord));
  std::printf("%-34s by number of filters:", "");
  for (const auto& [k, v] : s.byFilters) std::printf("  %zu: p50 %.1f / p95 %.1f ms (n=%zu)", k, Stats::pctOf(v, 50), Stats::pctOf(v, 95), v.size());
  std::printf("\n%-34s slowest: %s\n", "", s.slowest.c_str());
  std::printf("%-34s target p95 < %.0f ms: %s; vs CKAN (p95 / 200 ms per Solr query): %.3f\n", "", target,
              s.pct(95) < target ? "PASS" : "MISS", s.pct(95) / 200.0);
}

}  // namespace

int main(int argc, char** argv) {
  auto o = parseOptions(argc, argv);
  // `… | head` must not kill the run before it removes its temp database (up to 4 GB at 100,000).
  std::signal(SIGPIPE, SIG_IGN);
  spdlog::set_level(spdlog::level::warn);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  double target = o.n <= 10000 ? 20.0 : 100.0;
  const double reindexTargetMs = 60000.0;

  std::printf("== opgv library benchmark ==\n");
  std::printf("command:  %s\n", commandLine(argc, argv).c_str());
  std::printf("date:     %s\n", today().c_str());
  std::printf("commit:   %s (source tree %s)\n", sourceCommit(o.source).c_str(), o.source.c_str());
  std::printf("machine:  %s\n", machineLine().c_str());
  std::printf("load:     %s (1/5/15 min, at start; other processes share the CPUs)\n", loadAverage().c_str());

  BenchDb b;
  try {
    auto corpus = loadCorpus(o.source + "/content/use-cases");
    openDb(b, o);
    auto& d = *b.db;
    std::printf("engine:   %s (%s)\n", engineVersion(d).c_str(), o.engine == "sqlite" ? b.description.c_str() : "fresh database");
    std::printf("N:        %lld synthetic use cases from %zu real ones; seed %llu\n", static_cast<long long>(o.n), corpus.docs.size(),
                static_cast<unsigned long long>(o.seed));
    std::printf("queries:  %d search (1-3 words + 0-3 filters) + %d facet (empty query + 0-3 filters), warm-up %d; per_page 20;"
                " budget %.0f s per set\n",
                o.queries, o.queries, o.warmup, o.budget_s);
    std::printf("vocab:    %zu frequent, %zu medium, %zu rare query words (document frequency in the 30 real cases)\n",
                corpus.frequent.size(), corpus.medium.size(), corpus.rare.size());

    db::migrate(d, o.source + "/migrations");
    Generator gen(corpus, o.seed);
    auto g = generate(d, gen, o.n);
    std::printf("generate: %.1f s (build documents, insert use_cases + use_case_drafts + use_case_versions; not part of any target)\n",
                g.ms / 1000);
    std::printf("lengths:  searchText bytes title/summary/body: real %.0f/%.0f/%.0f, synthetic %.0f/%.0f/%.0f\n", corpus.avgTitle,
                corpus.avgSummary, corpus.avgBody, g.title, g.summary, g.body);

    {
      // Spread of the generated facet values (first 5000 cases): distinct values and the share of the most common one.
      std::map<std::string, std::map<std::string, int>> spread;
      for (const auto& f : g.facetSamples) {
        for (const auto& [facet, values] : f) {
          for (const auto& v : values) spread[facet][v]++;
        }
      }
      std::printf("facets:  ");
      for (const auto& [facet, values] : spread) {
        int top = 0;
        for (const auto& [v, c] : values) top = std::max(top, c);
        std::printf(" %s %zu (top %.0f%%)", facet.c_str(), values.size(), 100.0 * top / static_cast<double>(g.facetSamples.size()));
      }
      std::printf("\n");
    }

    library::UseCaseRepository repo(d);
    std::vector<double> reindex;
    for (int r = 0; r < o.reindex_runs; ++r) {
      auto start = SteadyClock::now();
      double cpu = processCpuSeconds();
      auto count = repo.reindexAll();
      reindex.push_back(msSince(start));
      cpu = processCpuSeconds() - cpu;
      std::printf("reindex:  run %d: %lld cases in %.2f s, process CPU %.2f s%s\n", r + 1, static_cast<long long>(count),
                  reindex.back() / 1000, cpu,
                  r == 0 ? " (index tables empty before)" : " (index full before: delete + rebuild)");
    }
    if (d.dialect() == db::Dialect::kPostgres) {
      // Autovacuum would analyse the freshly loaded tables within a minute; do it now so that the
      // planner sees the same statistics as in steady operation (reindexAll also analyses its own
      // tables; this covers use_case_versions and use_case_drafts, which the bench wrote directly).
      auto start = SteadyClock::now();
      d.query("ANALYZE");
      std::printf("analyze:  %.2f s (PostgreSQL only; SQLite runs without ANALYZE as in production)\n", msSince(start) / 1000);
    }
    std::printf("db size:  %s\n", dbSize(d, b).c_str());

    QueryMaker maker(corpus, gen, g, o.seed ^ 0x5EA4C4ULL);
    std::vector<Query> warm, searches, facetQueries;
    for (int i = 0; i < o.warmup; ++i) warm.push_back(i % 2 ? maker.facetsOnly() : maker.search());
    for (int i = 0; i < o.queries; ++i) searches.push_back(maker.search());
    for (int i = 0; i < o.queries; ++i) facetQueries.push_back(maker.facetsOnly());
    std::vector<const Query*> examples = {&searches[0], &facetQueries[0]};
    if (searches.size() > 1) examples.insert(examples.begin() + 1, &searches[1]);
    for (size_t i = 0; i < examples.size(); ++i) std::printf("%s%s\n", i ? "          " : "examples: ", examples[i]->describe().c_str());

    SystemClock clock;
    NullMailer mailer;
    library::UseCaseService service(d, clock, mailer, "http://localhost");
    {
      // The first search after the reindex also loads whatever the search keeps per process (e.g. a
      // facet snapshot); reported on its own, not part of the percentiles.
      auto first = run(service, {maker.facetsOnly()}, 0);
      std::printf("first:    %.1f ms (first search after the reindex, empty query)\n", first.ms.empty() ? 0.0 : first.ms[0]);
    }
    run(service, warm, o.budget_s);
    auto a = run(service, searches, o.budget_s);
    auto f = run(service, facetQueries, o.budget_s);
    double reindexMax = *std::max_element(reindex.begin(), reindex.end());

    std::printf("\n-- results: %s, N=%lld --\n", o.engine.c_str(), static_cast<long long>(o.n));
    printStats("(a) search 1-3 words + 0-3 filters", a, target);
    printStats("(b) facets: empty q + 0-3 filters", f, target);
    std::printf("%-34s %.2f s (slowest of %d runs); target < 60 s: %s\n", "(c) full reindex", reindexMax / 1000, o.reindex_runs,
                reindexMax < reindexTargetMs ? "PASS" : "MISS");
    std::printf("\nRow for docs/performance.md:\n| %s | %lld | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.1f | %s / %s / %s | %.3f |\n",
                o.engine == "sqlite" ? "SQLite" : "PostgreSQL", static_cast<long long>(o.n), a.pct(50), a.pct(95), a.pct(99), f.pct(50),
                f.pct(95), f.pct(99), reindexMax / 1000, a.pct(95) < target ? "PASS" : "MISS", f.pct(95) < target ? "PASS" : "MISS",
                reindexMax < reindexTargetMs ? "PASS" : "MISS", a.pct(95) / 200.0);
    std::printf("load:     %s (1/5/15 min, at the end)\n", loadAverage().c_str());
    if (o.keep) std::printf("\nkept database: %s\n", b.description.c_str());
    b.cleanup(o.keep);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "opgv_bench_library: error: %s\n", e.what());
    b.cleanup(o.keep);
    return 1;
  }
  return 0;
}
