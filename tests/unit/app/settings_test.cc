#include "app/settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace opgv::app {
namespace {

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("opgv-settings-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string writeConfig(const std::string& text) {
    auto path = (dir_ / "opgv.conf").string();
    std::ofstream(path) << text;
    return path;
  }

  EnvLookup env(std::map<std::string, std::string> values) {
    return [values](const std::string& name) -> std::optional<std::string> {
      auto it = values.find(name);
      if (it == values.end()) return std::nullopt;
      return it->second;
    };
  }

  std::filesystem::path dir_;
};

TEST_F(SettingsTest, EnvNames) {
  EXPECT_EQ(envNameFor("listen"), "OPGV_LISTEN");
  EXPECT_EQ(envNameFor("max-body-bytes"), "OPGV_MAX_BODY_BYTES");
  EXPECT_EQ(envNameFor("max-upload-bytes"), "OPGV_MAX_UPLOAD_BYTES");
  EXPECT_EQ(envNameFor("smtp-host"), "OPGV_SMTP_HOST");
}

TEST_F(SettingsTest, DefaultsWithoutAnySource) {
  auto c = resolveConfig({}, env({}), "");
  ASSERT_TRUE(c) << c.error().message;
  Config defaults;
  EXPECT_EQ(c->listen, defaults.listen);
  EXPECT_EQ(c->threads, defaults.threads);
  EXPECT_EQ(c->max_body_bytes, defaults.max_body_bytes);
  EXPECT_EQ(c->max_upload_bytes, defaults.max_upload_bytes);
  EXPECT_EQ(c->max_upload_bytes, size_t{50} << 20);
  EXPECT_EQ(c->smtp.port, defaults.smtp.port);
  EXPECT_EQ(c->data_dir, defaults.data_dir);
}

TEST_F(SettingsTest, PrecedenceFlagOverEnvOverFileOverDefault) {
  auto file = writeConfig(
      "# Kommentar\n"
      "; auch ein Kommentar\n"
      "[server]\n"
      "listen = 127.0.0.1:1111\n"
      "threads = 11\n"
      "log-level = debug\n"
      "smtp-host = \"mail.example.org\"\n"
      "\n");
  // All three sources set listen; env and file set threads; only the file sets log-level.
  auto c = resolveConfig({{"listen", "127.0.0.1:3333"}},
                         env({{"OPGV_LISTEN", "127.0.0.1:2222"}, {"OPGV_THREADS", "22"}}), file);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->listen, "127.0.0.1:3333");
  EXPECT_EQ(c->threads, 22);
  EXPECT_EQ(c->log_level, "debug");
  EXPECT_EQ(c->smtp.host, "mail.example.org");  // quotes removed
  EXPECT_EQ(c->max_body_bytes, Config{}.max_body_bytes);

  auto noFlag = resolveConfig({}, env({{"OPGV_LISTEN", "127.0.0.1:2222"}}), file);
  ASSERT_TRUE(noFlag);
  EXPECT_EQ(noFlag->listen, "127.0.0.1:2222");
  EXPECT_EQ(noFlag->threads, 11);

  auto fileOnly = resolveConfig({}, env({}), file);
  ASSERT_TRUE(fileOnly);
  EXPECT_EQ(fileOnly->listen, "127.0.0.1:1111");
}

TEST_F(SettingsTest, AllKeysAreSettableFromEveryLayer) {
  std::string text;
  for (const auto& key : settingKeys()) {
    bool numeric = key == "threads" || key == "smtp-port" || key == "max-body-bytes" || key == "max-upload-bytes";
    text += key + " = " + (numeric ? "7" : "v-" + key) + "\n";
  }
  auto c = resolveConfig({}, env({}), writeConfig(text));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->data_dir, "v-data-dir");
  EXPECT_EQ(c->db_url, "v-db");
  EXPECT_EQ(c->resources_dir, "v-resources");
  EXPECT_EQ(c->base_url, "v-base-url");
  EXPECT_EQ(c->trusted_proxies, "v-trusted-proxies");
  EXPECT_EQ(c->smtp.user, "v-smtp-user");
  EXPECT_EQ(c->smtp.password, "v-smtp-password");
  EXPECT_EQ(c->smtp.from, "v-smtp-from");
  EXPECT_EQ(c->threads, 7);
  EXPECT_EQ(c->smtp.port, 7);
  EXPECT_EQ(c->max_body_bytes, 7u);
  EXPECT_EQ(c->max_upload_bytes, 7u);
}

TEST_F(SettingsTest, UnknownKeyInConfigFileIsAnErrorWithLineNumber) {
  auto file = writeConfig("listen = 127.0.0.1:1\n# ok\nlistn = 127.0.0.1:2\n");
  auto c = resolveConfig({}, env({}), file);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find(file + ":3:"), std::string::npos) << c.error().message;
  EXPECT_NE(c.error().message.find("listn"), std::string::npos) << c.error().message;
}

TEST_F(SettingsTest, LineWithoutEqualsIsAnErrorWithLineNumber) {
  auto file = writeConfig("\n\nthreads 8\n");
  auto c = resolveConfig({}, env({}), file);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find(":3:"), std::string::npos) << c.error().message;
}

TEST_F(SettingsTest, MissingConfigFileIsAnError) {
  auto c = resolveConfig({}, env({}), (dir_ / "gibt-es-nicht.conf").string());
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("gibt-es-nicht.conf"), std::string::npos);
}

TEST_F(SettingsTest, BadNumbersAreRejectedFromEveryLayer) {
  for (const char* bad : {"abc", "8x", "0", "-4", "", " ", "1.5", "0x10", "99999999999999999999", "3000000000"}) {
    auto fromFlag = resolveConfig({{"threads", bad}}, env({}), "");
    EXPECT_FALSE(fromFlag) << "threads flag '" << bad << "' accepted as " << fromFlag->threads;
    auto fromEnv = resolveConfig({}, env({{"OPGV_MAX_BODY_BYTES", bad}}), "");
    if (std::string(bad) != "3000000000") {  // 3e9 bytes is a legal (if large) body limit
      EXPECT_FALSE(fromEnv) << "max-body-bytes env '" << bad << "' accepted";
    }
  }
  auto file = writeConfig("smtp-port = zwei\n");
  EXPECT_FALSE(resolveConfig({}, env({}), file));
  // Out of range for the target: a port above 65535 and an int-overflowing thread count.
  EXPECT_FALSE(resolveConfig({{"smtp-port", "70000"}}, env({}), ""));
  EXPECT_FALSE(resolveConfig({{"threads", "2147483648"}}, env({}), ""));
  EXPECT_TRUE(resolveConfig({{"smtp-port", "65535"}}, env({}), ""));
  // A bad value in a lower layer does not matter when a higher one overrides it.
  auto overridden = resolveConfig({{"threads", "4"}}, env({{"OPGV_THREADS", "kaputt"}}), "");
  ASSERT_TRUE(overridden);
  EXPECT_EQ(overridden->threads, 4);
}

TEST_F(SettingsTest, MaxUploadBytesFromEveryLayerWithinOneGiB) {
  auto file = writeConfig("max-upload-bytes = 1048576\n");
  auto fromFile = resolveConfig({}, env({}), file);
  ASSERT_TRUE(fromFile) << fromFile.error().message;
  EXPECT_EQ(fromFile->max_upload_bytes, 1048576u);
  auto fromEnv = resolveConfig({}, env({{"OPGV_MAX_UPLOAD_BYTES", "2097152"}}), file);
  ASSERT_TRUE(fromEnv);
  EXPECT_EQ(fromEnv->max_upload_bytes, 2097152u);
  auto fromFlag = resolveConfig({{"max-upload-bytes", "3145728"}}, env({{"OPGV_MAX_UPLOAD_BYTES", "2097152"}}), file);
  ASSERT_TRUE(fromFlag);
  EXPECT_EQ(fromFlag->max_upload_bytes, 3145728u);
  // At most 1 GiB: a body is held in memory while it is parsed.
  auto max = resolveConfig({{"max-upload-bytes", "1073741824"}}, env({}), "");
  ASSERT_TRUE(max);
  EXPECT_EQ(max->max_upload_bytes, size_t{1} << 30);
  for (const char* bad : {"1073741825", "4294967296", "0", "-1", "50MB", "abc", ""}) {
    auto r = resolveConfig({{"max-upload-bytes", bad}}, env({}), "");
    ASSERT_FALSE(r) << "max-upload-bytes '" << bad << "' accepted";
    EXPECT_NE(r.error().message.find("max-upload-bytes"), std::string::npos) << r.error().message;
  }
}

TEST_F(SettingsTest, ServerOptionsCarryTheUploadLimitAndTheUploadRoutes) {
  auto c = resolveConfig({{"listen", "127.0.0.1:0"}, {"max-upload-bytes", "4096"}}, env({}), "");
  ASSERT_TRUE(c);
  auto o = c->serverOptions();
  EXPECT_EQ(o.max_upload_bytes, 4096u);
  EXPECT_EQ(o.max_body_bytes, Config{}.max_body_bytes);
  EXPECT_EQ(o.upload_path_prefixes, (std::vector<std::string>{"/daten/datensaetze", "/api/v1/datasets"}));
}

TEST_F(SettingsTest, ListenIsValidatedWhenBuildingServerOptions) {
  auto c = resolveConfig({{"listen", "0.0.0.0:8443"}, {"max-body-bytes", "2048"}}, env({}), "");
  ASSERT_TRUE(c);
  auto o = c->serverOptions();
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.port, 8443);
  EXPECT_EQ(o.max_body_bytes, 2048u);
  Config bad;
  bad.listen = "localhost";
  EXPECT_THROW(bad.serverOptions(), std::invalid_argument);
  bad.listen = "127.0.0.1:70000";
  EXPECT_THROW(bad.serverOptions(), std::invalid_argument);
  bad.listen = "127.0.0.1:http";
  EXPECT_THROW(bad.serverOptions(), std::invalid_argument);
}

}  // namespace
}  // namespace opgv::app
