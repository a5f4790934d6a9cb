#include "db/db.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace opgv::db {
namespace {

TEST(DbFormatDouble, RoundTripsExactly) {
  for (double d : {0.0, -0.0, 0.1, 0.1 + 0.2, 1e-9, -2.5, 123456789.123456789, 1.5e300, 4.9e-324,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min()}) {
    auto text = formatDouble(d);
    Row row({Value(text)});  // PostgreSQL hands numbers back as text
    EXPECT_EQ(row.f64(0), d) << text;
  }
  EXPECT_EQ(formatDouble(1e-9), "1e-09");
  EXPECT_EQ(formatDouble(2.0), "2");
}

TEST(DbRow, ConvertsBetweenRepresentations) {
  Row row({Value(std::monostate{}), Value(int64_t{42}), Value(2.5), Value(std::string("17")), Value(std::string("t")),
           Value(std::string("f")), Value(std::string("9223372036854775807")), Value(std::string("keine Zahl"))});
  EXPECT_TRUE(row.isNull(0));
  EXPECT_FALSE(row.optStr(0));
  EXPECT_FALSE(row.optI64(0));
  EXPECT_EQ(row.str(0), "");
  EXPECT_EQ(row.i64(1), 42);
  EXPECT_EQ(row.str(1), "42");
  EXPECT_EQ(row.f64(1), 42.0);
  EXPECT_EQ(row.f64(2), 2.5);
  EXPECT_EQ(row.str(2), "2.5");
  EXPECT_EQ(row.i64(3), 17);
  EXPECT_EQ(row.i64(4), 1);  // PostgreSQL boolean text
  EXPECT_EQ(row.i64(5), 0);
  EXPECT_EQ(row.i64(6), std::numeric_limits<int64_t>::max());
  EXPECT_THROW(row.i64(7), DbError);
  EXPECT_THROW(row.f64(7), DbError);
  EXPECT_THROW(row.str(99), std::out_of_range);
  EXPECT_EQ(row.size(), 8u);
}

TEST(DbOpen, RejectsUnknownUrls) {
  EXPECT_THROW(open("mysql://localhost/x"), DbError);
  EXPECT_THROW(open("/tmp/plain-path.db"), DbError);
}

}  // namespace
}  // namespace opgv::db
