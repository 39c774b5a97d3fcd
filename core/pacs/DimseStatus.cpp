#include "pacs/DimseStatus.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmnet/diutil.h>

#include <cstdio>

namespace cadview {

std::string DimseStatus::hex(std::uint16_t status) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%04X", unsigned(status));
    return text;
}

const char* DimseStatus::serviceName(Service service) {
    switch (service) {
        case Service::Echo:
            return "C-ECHO";
        case Service::Store:
            return "C-STORE";
        case Service::Find:
            return "C-FIND";
        case Service::Get:
            return "C-GET";
        case Service::Move:
            return "C-MOVE";
    }
    return "DIMSE";
}

std::string DimseStatus::describe(Service service, std::uint16_t status) {
    const char* meaning = nullptr;
    switch (service) {
        case Service::Echo:
            meaning = DU_cechoStatusString(status);
            break;
        case Service::Store:
            meaning = DU_cstoreStatusString(status);
            break;
        case Service::Find:
            meaning = DU_cfindStatusString(status);
            break;
        case Service::Get:
            meaning = DU_cgetStatusString(status);
            break;
        case Service::Move:
            meaning = DU_cmoveStatusString(status);
            break;
    }
    std::string text = hex(status);
    if (meaning && *meaning) text += std::string(" (") + meaning + ")";
    return text;
}

}  // namespace cadview
