#include "http/poco/poco_fuzz_support.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>

#include <sstream>

namespace opgv::http::poco {

bool parseRequestHead(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  Poco::Net::HTTPRequest request;
  try {
    request.read(in);
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace opgv::http::poco
