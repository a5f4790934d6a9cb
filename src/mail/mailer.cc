#include "mail/mailer.h"

#include "common/log.h"

namespace opgv::mail {
namespace {

constexpr std::string_view kInsertMail =
    "INSERT INTO mails (recipient, subject, body, created_at, delivery) VALUES ($1, $2, $3, $4, $5)";

class RecordingMailer final : public Mailer {
 public:
  RecordingMailer(db::Database& database, const Clock& clock, SmtpSettings smtp)
      : db_(database), clock_(clock), smtp_(std::move(smtp)) {}

  void send(const Message& message) override {
    std::string delivery = "log";
    if (!smtp_.host.empty()) {
      std::string error;
      if (deliverSmtp(smtp_, message, error)) {
        delivery = "smtp";
      } else {
        delivery = "failed";
        log::error("SMTP-Versand an " + message.to + " fehlgeschlagen: " + error);
      }
    }
    if (smtp_.host.empty()) {
      log::info("E-Mail (kein SMTP konfiguriert) an " + message.to + ": " + message.subject + "\n" + message.body);
    }
    db_.query(kInsertMail, {message.to, message.subject, message.body, clock_.nowSeconds(), delivery});
  }

 private:
  db::Database& db_;
  const Clock& clock_;
  SmtpSettings smtp_;
};

}  // namespace

std::unique_ptr<Mailer> createMailer(db::Database& database, const Clock& clock, SmtpSettings smtp) {
  return std::make_unique<RecordingMailer>(database, clock, std::move(smtp));
}

}  // namespace opgv::mail
