// SMTP delivery through Poco (kept in the Poco adapter folder). Plain SMTP with optional AUTH
// LOGIN; for TLS put a local relay (e.g. the operator's Postfix) in front, see deploy/README.md.
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/StringPartSource.h>

#include "mail/mailer.h"

namespace opgv::mail {

bool deliverSmtp(const SmtpSettings& settings, const Message& message, std::string& error) {
  try {
    Poco::Net::MailMessage mail;
    mail.setSender(settings.from);
    mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
    mail.setSubject(Poco::Net::MailMessage::encodeWord(message.subject, "UTF-8"));
    mail.setContentType("text/plain; charset=UTF-8");
    mail.setContent(message.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    Poco::Net::SMTPClientSession session(settings.host, static_cast<Poco::UInt16>(settings.port));
    session.setTimeout(Poco::Timespan(15, 0));
    if (settings.user.empty()) {
      session.login();
    } else {
      session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, settings.user, settings.password);
    }
    session.sendMessage(mail);
    session.close();
    return true;
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
}

}  // namespace opgv::mail
