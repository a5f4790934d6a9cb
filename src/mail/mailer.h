#pragma once
#include <memory>
#include <string>

#include "common/clock.h"
#include "db/db.h"

namespace opgv::mail {

struct Message {
  std::string to;
  std::string subject;
  std::string body;  // plain text, German
};

// Every mail is recorded in the `mails` table (the dev mailbox admins can read when SMTP is not
// configured) and written to the log; with SMTP configured it is also delivered.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual void send(const Message& message) = 0;
};

struct SmtpSettings {
  std::string host;
  int port = 587;
  std::string user;
  std::string password;
  std::string from;
};

// Implemented in http/poco/poco_smtp.cc (the Poco adapter folder).
bool deliverSmtp(const SmtpSettings& settings, const Message& message, std::string& error);

std::unique_ptr<Mailer> createMailer(db::Database& database, const Clock& clock, SmtpSettings smtp);

}  // namespace opgv::mail
