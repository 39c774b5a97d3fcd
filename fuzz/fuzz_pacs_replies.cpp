// libFuzzer target: see fuzz/FuzzInputs.h and scripts/fuzz.sh.
#include "FuzzInputs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const cadview::fuzz::Target* target = cadview::fuzz::findTarget("pacs_replies");
    target->run(data, size);
    return 0;
}
