#include "io/DcmtkLog.h"

#include <dcmtk/oflog/oflog.h>

namespace cadview {

void DcmtkLog::quiet() {
    static const bool done = [] {
        OFLog::getLogger("dcmtk").setLogLevel(OFLogger::ERROR_LOG_LEVEL);
        return true;
    }();
    (void)done;
}

}  // namespace cadview
