#include <gtest/gtest.h>

#include "common/strings.h"

TEST(Strings, FoldGerman) { EXPECT_EQ(opgv::strings::foldGerman("München"), "muenchen"); }
