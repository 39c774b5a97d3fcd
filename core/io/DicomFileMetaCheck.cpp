#include "io/DicomFileMetaCheck.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace cadview {

namespace {

// Explicit VRs whose value length takes 4 bytes after 2 reserved ones (PS 3.5, 7.1.2).
bool hasLongLength(const char vr[2]) {
    static const char* const kLong[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                        "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char* v : kLong)
        if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return false;
}

bool isVrText(const char vr[2]) {
    return vr[0] >= 'A' && vr[0] <= 'Z' && vr[1] >= 'A' && vr[1] <= 'Z';
}

std::uint32_t le16(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8;
}
std::uint32_t le32(const unsigned char* p) {
    return le16(p) | le16(p + 2) << 16;
}

std::string elementName(std::uint32_t element) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "(0002,%04x)", unsigned(element));
    return buf;
}

}  // namespace

std::optional<std::string> DicomFileMetaCheck::problem(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot be opened";
    in.seekg(0, std::ios::end);
    const std::uint64_t size = std::uint64_t(in.tellg());
    auto readAt = [&](std::uint64_t pos, unsigned char* buf, std::size_t n) {
        if (pos + n > size) return false;
        in.seekg(std::streamoff(pos));
        return bool(in.read(reinterpret_cast<char*>(buf), std::streamsize(n)));
    };

    unsigned char buf[12];
    std::uint64_t pos = 0;
    if (readAt(128, buf, 4) && std::memcmp(buf, "DICM", 4) == 0) pos = 132;
    const std::uint64_t start = pos;
    const std::string truncated = "the file ends inside its DICOM File Meta Information (group 0002)";
    for (;;) {
        // Before the first element GDCM fails cleanly on a short file; after it, it asserts.
        if (!readAt(pos, buf, 4)) return pos == start ? std::nullopt : std::optional<std::string>(truncated);
        if (le16(buf) != 0x0002) return std::nullopt;  // no meta group, or the data set starts here
        const std::uint32_t element = le16(buf + 2);
        if (!readAt(pos, buf, 8)) return truncated;
        const char vr[2] = {char(buf[4]), char(buf[5])};
        std::uint64_t header = 8, length = 0;
        if (!isVrText(vr)) {
            length = le32(buf + 4);  // implicit VR, as some old files write their meta group
        } else if (hasLongLength(vr)) {
            if (!readAt(pos, buf, 12)) return truncated;
            if (vr[0] == 'S' && vr[1] == 'Q')
                return "a sequence " + elementName(element) + " in its DICOM File Meta Information";
            header = 12;
            length = le32(buf + 8);
        } else {
            length = le16(buf + 6);
        }
        if (length == 0xffffffffu)
            return "an undefined length for " + elementName(element) + " in its DICOM File Meta Information";
        if (pos + header + length > size)
            return truncated + ": " + elementName(element) + " needs " + std::to_string(header + length) +
                   " bytes, " + std::to_string(size - pos) + " are left";
        pos += header + length;
    }
}

}  // namespace cadview
