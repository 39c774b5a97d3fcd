#pragma once

namespace cadview {

// DCMTK logs warnings (e.g. about headers read without their pixel data) to stderr; errors come back to
// us as OFCondition and are reported in our exceptions instead. Call before using DCMTK (idempotent).
class DcmtkLog {
  public:
    static void quiet();
};

}  // namespace cadview
