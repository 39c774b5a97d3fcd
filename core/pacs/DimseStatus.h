#pragma once

#include <cstdint>
#include <string>

namespace cadview {

// DIMSE status codes in words, for error messages: "0xA700 (Refused: OutOfResources)".
class DimseStatus {
  public:
    enum class Service { Echo, Store, Find, Get, Move };

    static std::string describe(Service service, std::uint16_t status);
    // "0xA700": four upper-case hex digits.
    static std::string hex(std::uint16_t status);
    static const char* serviceName(Service service);  // "C-FIND", ...

    static bool isSuccess(std::uint16_t status) { return status == 0x0000; }
    static bool isPending(std::uint16_t status) { return status == 0xFF00 || status == 0xFF01; }
    static bool isWarning(std::uint16_t status) {
        return status == 0x0001 || (status & 0xF000) == 0xB000 || status == 0x0107 || status == 0x0116;
    }
    static bool isCancel(std::uint16_t status) { return status == 0xFE00; }
};

}  // namespace cadview
