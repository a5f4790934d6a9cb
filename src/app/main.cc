// opgv: one binary for the OPGV-Plattform. Subcommands: serve, migrate, seed, user, backup,
// restore, validate, infer, import, propose, synth, version. A usage error exits with 2 (the validate contract). Help texts are German first, then English.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>

#include "app/application.h"
#include "app/backup.h"
#include "app/settings.h"
#include "app/synth_command.h"
#include "app/validate_command.h"
#include "auth/principal.h"
#include "common/crypto.h"
#include "common/log.h"
#include "db/migrate.h"
#include "features/accounts/service.h"
#include "features/library/service.h"
#include "features/organisations/seed.h"

namespace {

using opgv::app::Config;

// The shared settings appear on every subcommand that touches the database.
struct SettingFlags {
  std::map<std::string, std::string> values;
  std::string config_file;
  void attach(CLI::App* cmd) {
    static const std::map<std::string, std::string> help = {
        {"listen", "Adresse HOST:PORT (Standard 127.0.0.1:8080) / address to listen on"},
        {"data-dir", "Datenverzeichnis (Standard ./opgv-data) / data directory"},
        {"db", "Datenbank-URL: sqlite:///pfad/opgv.db oder postgresql://… / database URL"},
        {"resources", "Verzeichnis mit templates/, static/, migrations/ / resources directory"},
        {"threads", "Arbeits-Threads (Standard 64) / worker threads"},
        {"log-level", "debug|info|warn|error"},
        {"base-url", "Öffentliche Adresse für Links in E-Mails / public base URL for mail links"},
        {"trusted-proxies", "Proxys, deren X-Forwarded-* gilt (Komma-Liste) / trusted proxies"},
        {"max-body-bytes", "Größte Anfrage in Bytes / maximum request body"},
        {"max-upload-bytes", "Größte Anfrage beim Hochladen von Dateien in Bytes (Standard 50 MiB) / maximum upload body"},
        {"smtp-host", "SMTP-Server (leer: E-Mails ins Log) / SMTP host (empty: log only)"},
        {"smtp-port", "SMTP-Port / SMTP port"},
        {"smtp-user", "SMTP-Benutzer / SMTP user"},
        {"smtp-password", "SMTP-Passwort / SMTP password"},
        {"smtp-from", "Absender / sender address"}};
    for (const auto& key : opgv::app::settingKeys()) {
      cmd->add_option_function<std::string>("--" + key, [this, key](const std::string& v) { values[key] = v; },
                                             help.at(key) + " [" + opgv::app::envNameFor(key) + "]");
    }
    cmd->add_option("--config", config_file, "Konfigurationsdatei (INI: schlüssel = wert) / config file [OPGV_CONFIG]");
  }
  Config resolve() const {
    auto file = config_file;
    if (file.empty()) {
      if (const char* env = std::getenv("OPGV_CONFIG")) file = env;
    }
    auto config = opgv::app::resolveConfig(values, opgv::app::processEnvironment(), file);
    if (!config) throw std::runtime_error(config.error().message);
    return *config;
  }
};

int fatal(const std::string& message) {
  std::cerr << "Fehler: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "OPGV-Plattform – Datenprojekte von Kommunen und GovTechs.\n"
      "OPGV platform – data projects of municipalities and GovTechs."};
  cli.require_subcommand(1);
  cli.set_help_flag("-h,--help", "Hilfe anzeigen / show help");

  SettingFlags serveFlags, migrateFlags, seedFlags, reindexFlags, userFlags, backupFlags, restoreFlags;

  auto* serve = cli.add_subcommand("serve", "Server starten (initialisiert ein leeres Datenverzeichnis) / start the server");
  serveFlags.attach(serve);

  auto* migrate = cli.add_subcommand("migrate", "Datenbankschema aktualisieren / apply database migrations");
  migrateFlags.attach(migrate);

  auto* seed = cli.add_subcommand("seed", "Inhalte aus dem Repository importieren / import repository content");
  seedFlags.attach(seed);

  auto* reindex = cli.add_subcommand("reindex", "Suchindex und Filter der Use Cases neu aufbauen / rebuild the use-case search index");
  reindexFlags.attach(reindex);
  auto* user = cli.add_subcommand("user", "Konten verwalten / manage accounts");
  user->require_subcommand(1);
  std::string email, name, role = "mitglied", password;
  auto* userAdd = user->add_subcommand("add", "Konto anlegen (sofort aktiv) / create an active account");
  userFlags.attach(userAdd);
  userAdd->add_option("--email", email, "E-Mail-Adresse / e-mail")->required();
  userAdd->add_option("--name", name, "Anzeigename / display name");
  userAdd->add_option("--role", role, "mitglied|redaktion|admin (Standard mitglied)");
  userAdd->add_option("--password", password,
                      "Passwort; besser über OPGV_NEW_PASSWORD oder stdin / password (prefer env or stdin)");
  auto* userRole = user->add_subcommand("set-role", "Rolle ändern / change platform role");
  SettingFlags roleFlags;
  roleFlags.attach(userRole);
  userRole->add_option("--email", email, "E-Mail-Adresse / e-mail")->required();
  userRole->add_option("--role", role, "mitglied|redaktion|admin")->required();

  std::string backupOut, restoreFrom;
  bool restoreYes = false;
  auto* backupCmd = cli.add_subcommand("backup", "Konsistente Online-Sicherung / online consistent backup");
  backupFlags.attach(backupCmd);
  backupCmd->add_option("--out", backupOut, "Zieldatei oder -verzeichnis / target file or directory");
  auto* restoreCmd = cli.add_subcommand("restore", "Sicherung einspielen (Server vorher stoppen) / restore a backup");
  restoreFlags.attach(restoreCmd);
  restoreCmd->add_option("--from", restoreFrom, "Sicherungsdatei / backup file")->required();
  restoreCmd->add_flag("--yes", restoreYes, "Ohne Rückfrage / do not ask");

  opgv::app::ValidateArgs validateArgs;
  auto* validateCmd = cli.add_subcommand(
      "validate", "Tabelle (CSV, XLSX, ODS) gegen Schema oder Modell prüfen; Exit 0 gültig, 1 ungültig, 2 Aufruffehler "
                  "/ validate a table");
  auto* schemaOption = validateCmd->add_option("--schema", validateArgs.schemaPath,
                                               "Table Schema oder datapackage.json / schema or data package");
  validateCmd->add_option("--resource", validateArgs.resource, "Ressource im Datenpaket / resource in the package");
  auto* modelOption =
      validateCmd->add_option("--model", validateArgs.model, "Modell aus models/, z. B. sozialraum-indikatoren / model slug");
  schemaOption->excludes(modelOption);
  validateCmd->add_option("--format", validateArgs.format, "text|json|html (Standard text)");
  validateCmd->add_option("--encoding", validateArgs.encoding, "Zeichenkodierung statt Erkennung, z. B. windows-1252");
  validateCmd->add_option("--sheet", validateArgs.sheet, "Tabellenblatt (XLSX, ODS) / sheet name");
  validateCmd->add_option("--max-errors", validateArgs.maxErrors, "Höchstens so viele Fehler auflisten (Standard 1000)");
  validateCmd->add_option("--max-key-memory", validateArgs.maxKeyMemoryMb,
                          "Speicher für Schlüsselprüfungen in MB (Standard 1024; etwa 30–60 Byte je Schlüssel)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 20));
  validateCmd->add_flag("--deutsch", validateArgs.germanDefaults,
                        "Deutsche Schreibweisen, wo das Schema nichts sagt (1.234,56; 31.12.2024; ja/nein)");
  validateCmd->add_option("--resources", validateArgs.resourcesDir, "Ressourcenverzeichnis (mit models/, templates/, migrations/) / resources directory");
  validateCmd->add_option("FILE", validateArgs.file, "Datei / file")->required();

  opgv::app::InferArgs inferArgs;
  auto* inferCmd = cli.add_subcommand("infer", "Schema und CSV-Format einer Datei vorschlagen / infer schema and dialect");
  inferCmd->add_option("--sample-bytes", inferArgs.sampleBytes, "Größe der Stichprobe (Standard und höchstens 1 MiB)");
  inferCmd->add_option("FILE", inferArgs.file, "Datei / file")->required();

  opgv::app::ImportArgs importArgs;
  auto* importCmd = cli.add_subcommand(
      "import", "Datei mit einem Import-Profil in ein Modell überführen und prüfen / run an import profile");
  importCmd->add_option("--profile", importArgs.profile, "Profildatei oder Name aus profiles/ / profile")->required();
  importCmd->add_option("--out", importArgs.out, "Ergebnis-CSV (Standard: stdout, Bericht dann auf stderr)");
  importCmd->add_option("--format", importArgs.format, "Bericht: text|json (Standard text)");
  importCmd->add_option("--resources", importArgs.resourcesDir, "Ressourcenverzeichnis (mit models/, profiles/, templates/, migrations/)");
  importCmd->add_option("FILE", importArgs.file, "Quelldatei / source file")->required();

  opgv::app::SynthArgs synthArgs;
  auto* synthCmd = cli.add_subcommand("synth", "Synthetische Testdaten eines Modells als CSV auf stdout / synthetic test data");
  synthCmd->add_option("MODEL", synthArgs.model, "Modell aus models/, z. B. sozialraum-indikatoren / model slug")->required();
  synthCmd->add_option("--rows", synthArgs.rows, "Zeilen (Standard 100, höchstens 10.000.000)");
  synthCmd->add_option("--seed", synthArgs.seed, "Startwert des Zufallsgenerators (Standard 1)");
  synthCmd->add_option("--resource", synthArgs.resource, "Ressource im Modell (Standard: die erste)");
  synthCmd->add_option("--areas", synthArgs.areasFile, "CSV mit Gebiets-IDs (Spalte gebiet_id, PLR_ID, id oder ags)");
  synthCmd->add_option("--resources", synthArgs.resourcesDir, "Ressourcenverzeichnis (mit models/, templates/, migrations/) / resources directory");

  opgv::app::ProposeArgs proposeArgs;
  auto* proposeCmd = cli.add_subcommand(
      "propose", "Zuordnung Spalten → Modellfelder und Entwurf eines Import-Profils vorschlagen / propose a mapping");
  proposeCmd->add_option("--model", proposeArgs.model, "Modell, z. B. kindertagesbetreuung")->required();
  proposeCmd->add_option("--resource", proposeArgs.resource, "Ressource im Modell / resource");
  proposeCmd->add_option("--profile-out", proposeArgs.profileOut, "Entwurf des Profils in diese Datei schreiben");
  proposeCmd->add_option("--resources", proposeArgs.resourcesDir, "Ressourcenverzeichnis (mit models/, templates/, migrations/)");
  proposeCmd->add_option("FILE", proposeArgs.file, "Datei / file")->required();

  auto* version = cli.add_subcommand("version", "Version anzeigen / print version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : opgv::app::kExitUsage;
  }

  try {
    opgv::crypto::initialize();
    if (version->parsed()) {
      std::cout << "opgv " << OPGV_VERSION << "\n";
      return 0;
    }
    if (validateCmd->parsed()) return opgv::app::runValidate(validateArgs, std::cout, std::cerr);
    if (inferCmd->parsed()) return opgv::app::runInfer(inferArgs, std::cout, std::cerr);
    if (importCmd->parsed()) return opgv::app::runImport(importArgs, std::cout, std::cerr);
    if (proposeCmd->parsed()) return opgv::app::runPropose(proposeArgs, std::cout, std::cerr);
    if (synthCmd->parsed()) return opgv::app::runSynth(synthArgs, std::cout, std::cerr);
    if (serve->parsed()) {
      opgv::app::Application app(serveFlags.resolve());
      app.prepare();
      return opgv::app::serveUntilSignal(app);
    }
    if (migrate->parsed()) {
      auto config = migrateFlags.resolve();
      config.seed_on_empty = false;
      opgv::app::Application app(config);
      app.prepare();
      std::cout << "Datenbankschema ist aktuell.\n";
      return 0;
    }
    if (seed->parsed()) {
      auto config = seedFlags.resolve();
      config.seed_on_empty = false;
      opgv::app::Application app(config);
      app.prepare();
      auto& ctx = app.context();
      std::cout << "Importiert: " << opgv::organisations::importContent(*ctx.db, *ctx.clock, ctx.resources) << "\n";
      auto library = opgv::app::importLibrary(ctx);
      std::cout << "Use Cases: " << library.front() << "\n";
      for (size_t i = 1; i < library.size(); ++i) std::cerr << "Konflikt: " << library[i] << "\n";
      auto bausteine = opgv::app::importBausteine(ctx);
      std::cout << "Bausteine: " << bausteine.front() << "\n";
      for (size_t i = 1; i < bausteine.size(); ++i) std::cerr << bausteine[i] << "\n";
      return 0;
    }
    if (reindex->parsed()) {
      auto config = reindexFlags.resolve();
      config.seed_on_empty = false;
      opgv::app::Application app(config);
      app.prepare();
      auto& ctx = app.context();
      opgv::library::UseCaseService library(*ctx.db, *ctx.clock, *ctx.mailer, ctx.config.effectiveBaseUrl());
      auto started = std::chrono::steady_clock::now();
      auto count = library.reindex();
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cout << count << " Use Cases neu indiziert in " << seconds << " s.\n";
      return 0;
    }
    if (userAdd->parsed() || userRole->parsed()) {
      auto config = userAdd->parsed() ? userFlags.resolve() : roleFlags.resolve();
      opgv::app::Application app(config);
      app.prepare();
      auto& ctx = app.context();
      opgv::accounts::AccountService accounts(*ctx.db, *ctx.clock, *ctx.mailer, *ctx.sessions, *ctx.login_limiter,
                                              ctx.config.effectiveBaseUrl());
      auto parsedRole = opgv::auth::parseRole(role);
      if (!parsedRole) return fatal("Unbekannte Rolle „" + role + "“ (erlaubt: mitglied, redaktion, admin).");
      if (userRole->parsed()) {
        auto result = accounts.setRoleByEmail(email, *parsedRole);
        if (!result) return fatal(result.error().message);
        std::cout << "Rolle von " << email << " ist jetzt " << opgv::auth::roleLabel(*parsedRole) << ".\n";
        return 0;
      }
      if (password.empty()) {
        if (const char* env = std::getenv("OPGV_NEW_PASSWORD")) password = env;
      }
      if (password.empty()) {
        std::cerr << "Passwort (mindestens 10 Zeichen) / password: ";
        std::getline(std::cin, password);
      }
      auto id = accounts.createActiveUser(email, name, password, *parsedRole);
      if (!id) return fatal(id.error().message);
      std::cout << "Konto " << email << " angelegt (ID " << *id << ", Rolle " << opgv::auth::roleLabel(*parsedRole)
                << ").\n";
      return 0;
    }
    if (backupCmd->parsed()) {
      auto path = opgv::app::backup(backupFlags.resolve(), backupOut);
      if (!path) return fatal(path.error().message);
      std::cout << "Sicherung geschrieben: " << *path << "\n";
      return 0;
    }
    if (restoreCmd->parsed()) {
      if (!restoreYes) {
        std::cerr << "Die aktuelle Datenbank wird ersetzt. Fortfahren? Tippen Sie „ja“: ";
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "ja") return fatal("Abgebrochen.");
      }
      auto result = opgv::app::restore(restoreFlags.resolve(), restoreFrom);
      if (!result) return fatal(result.error().message);
      std::cout << "Sicherung eingespielt. Beim nächsten Start werden fehlende Migrationen angewandt.\n";
      return 0;
    }
  } catch (const std::exception& e) {
    return fatal(e.what());
  }
  return 0;
}
