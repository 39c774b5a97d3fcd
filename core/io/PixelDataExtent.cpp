#include "io/PixelDataExtent.h"

#include "io/ReadOnlyFile.h"

#include <gdcmReader.h>

#include <algorithm>
#include <cctype>

namespace cadview {

namespace {

const gdcm::Tag kPixelData(0x7fe0, 0x0010);
constexpr std::uint32_t kUndefinedLength = 0xffffffffu;

std::uint32_t le32(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}
std::uint32_t be32(const unsigned char* p) {
    return std::uint32_t(p[3]) | std::uint32_t(p[2]) << 8 | std::uint32_t(p[1]) << 16 |
           std::uint32_t(p[0]) << 24;
}

// Walks the items of encapsulated pixel data from `start` up to the sequence delimiter or the end of the
// file. False when what is found is not a sequence of items.
bool measureItems(const ReadOnlyFile& file, std::uint64_t start, std::uint64_t fileSize, PixelDataExtent& e) {
    std::uint64_t p = start;
    for (;;) {
        unsigned char head[8];
        if (p + 8 > fileSize) {
            // The file ends inside an item header or before the delimiter: at least that header is missing.
            e.present += fileSize - p;
            e.declared += 8;
            return p < fileSize;  // ending exactly between two items is not proof of loss
        }
        if (!file.readAt(head, 8, p)) return false;
        const std::uint32_t tag = std::uint32_t(head[0]) | std::uint32_t(head[1]) << 8 |
                                  std::uint32_t(head[2]) << 16 | std::uint32_t(head[3]) << 24;
        const std::uint32_t length = le32(head + 4);
        if (tag == 0xe0ddfffeu) {  // (FFFE,E0DD) sequence delimiter
            e.declared += 8;
            e.present += 8;
            return true;
        }
        if (tag != 0xe000fffeu || length == kUndefinedLength) return false;  // not an item (FFFE,E000)
        e.declared += 8 + std::uint64_t(length);
        if (p + 8 + length > fileSize) {
            e.present += fileSize - p;
            return true;
        }
        e.present += 8 + std::uint64_t(length);
        p += 8 + std::uint64_t(length);
    }
}

}  // namespace

std::string PixelDataExtent::describeTruncation() const {
    return std::string(encapsulated ? "compressed " : "") +
           "pixel data is truncated: " + std::to_string(present) + " of " +
           (encapsulated ? "at least " : "") + std::to_string(declared) + " bytes";
}

std::optional<PixelDataExtent> PixelDataExtent::measure(const std::string& path,
                                                        const std::string& transferSyntax,
                                                        const ReadOnlyFile& file) {
    // In deflated files the stream position is one in the inflated data set.
    if (transferSyntax == "1.2.840.10008.1.2.1.99" || !file.isOpen()) return std::nullopt;
    gdcm::Reader reader;
    reader.SetFileName(path.c_str());
    // Skipping the pixel data leaves the stream at the start of its value.
    if (!reader.ReadUpToTag(kPixelData, {kPixelData})) return std::nullopt;
    const std::size_t position = reader.GetStreamCurrentPosition();
    const auto size = file.size();
    if (position == std::size_t(-1) || position < 12 || !size) return std::nullopt;
    const std::uint64_t fileSize = *size;
    if (position > fileSize) return std::nullopt;

    // Make sure the stream stopped right after the pixel data element's header: (7FE0,0010), then the
    // 32-bit length (implicit VR), or VR OB/OW, two reserved bytes and the length (explicit VR).
    unsigned char head[12];
    if (!file.readAt(head, 12, position - 12)) return std::nullopt;
    const bool bigEndian = transferSyntax == "1.2.840.10008.1.2.2";
    const unsigned char tagLe[4] = {0xe0, 0x7f, 0x10, 0x00}, tagBe[4] = {0x7f, 0xe0, 0x00, 0x10};
    const unsigned char* tag = bigEndian ? tagBe : tagLe;
    const bool implicitHeader = std::equal(tag, tag + 4, head + 4);
    const bool explicitHeader = std::equal(tag, tag + 4, head) && std::isupper(head[4]) &&
                                std::isupper(head[5]) && head[6] == 0 && head[7] == 0;
    if (!implicitHeader && !explicitHeader) return std::nullopt;

    PixelDataExtent e;
    e.offset = position;
    const std::uint32_t length = bigEndian ? be32(head + 8) : le32(head + 8);
    if (length == kUndefinedLength) {
        e.encapsulated = true;
        if (!measureItems(file, position, fileSize, e)) return std::nullopt;
        return e;
    }
    e.declared = length;
    e.present = std::min<std::uint64_t>(length, fileSize - position);
    return e;
}

}  // namespace cadview
