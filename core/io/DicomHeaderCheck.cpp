#include "io/DicomHeaderCheck.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "io/ReadOnlyFile.h"

namespace cadview {

namespace {

constexpr std::uint32_t kUndefined = 0xffffffffu;
constexpr std::uint32_t kItem = 0xfffee000u, kItemEnd = 0xfffee00du, kSequenceEnd = 0xfffee0ddu;
constexpr std::uint32_t kPixelData = 0x7fe00010u;

// Explicit VRs whose value length takes 4 bytes after 2 reserved ones (PS 3.5, 7.1.2).
bool hasLongLength(const char vr[2]) {
    static const char* const kLong[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                        "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char* v : kLong)
        if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return false;
}

bool isKnownVr(const char vr[2]) {
    static const char* const kShort[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO",
                                         "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"};
    for (const char* v : kShort)
        if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return hasLongLength(vr);
}

bool isVrText(const unsigned char* vr) {
    return vr[0] >= 'A' && vr[0] <= 'Z' && vr[1] >= 'A' && vr[1] <= 'Z';
}

std::string tagName(std::uint32_t tag) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "(%04x,%04x)", unsigned(tag >> 16), unsigned(tag & 0xffff));
    return buf;
}

struct Encoding {
    bool explicitVr = true;
    bool bigEndian = false;
};

// Reads the file through a 64 KiB window: the walk is sequential and skips over large values.
class Walker {
  public:
    explicit Walker(const std::string& path) : file_(path), window_(std::size_t(64) << 10) {
        size_ = file_.size().value_or(0);
    }

    bool isOpen() const { return file_.isOpen(); }
    std::uint64_t size() const { return size_; }
    const std::string& problem() const { return problem_; }

    bool read(std::uint64_t pos, unsigned char* dst, std::size_t n) {
        if (pos + n > size_) return false;
        if (pos < windowStart_ || pos + n > windowStart_ + windowBytes_) {
            windowStart_ = pos;
            windowBytes_ = std::size_t(std::min<std::uint64_t>(window_.size(), size_ - pos));
            if (n > windowBytes_ || !file_.readAt(window_.data(), windowBytes_, pos)) {
                windowBytes_ = 0;
                return false;
            }
        }
        std::memcpy(dst, window_.data() + (pos - windowStart_), n);
        return true;
    }

    std::uint32_t u16(const unsigned char* p, const Encoding& e) const {
        return e.bigEndian ? std::uint32_t(p[0]) << 8 | p[1] : std::uint32_t(p[1]) << 8 | p[0];
    }
    std::uint32_t u32(const unsigned char* p, const Encoding& e) const {
        return e.bigEndian ? u16(p, e) << 16 | u16(p + 2, e) : u16(p + 2, e) << 16 | u16(p, e);
    }
    std::uint32_t tag(const unsigned char* p, const Encoding& e) const {
        return u16(p, e) << 16 | u16(p + 2, e);
    }

    bool fail(std::string why) {
        problem_ = std::move(why);
        return false;
    }

    bool claimsTooMuch(std::uint32_t tag, std::uint64_t pos, std::uint64_t header, std::uint64_t length) {
        return fail("element " + tagName(tag) + " claims " + std::to_string(length) + " bytes, but only " +
                    std::to_string(size_ - std::min(size_, pos + header)) + " are left in the file");
    }

    // The elements of a data set from `pos`: up to `end` (a defined length), or up to an item
    // delimiter when `toDelimiter`. `pos` ends after what was walked; false on a problem.
    bool dataSet(std::uint64_t& pos, std::uint64_t end, bool toDelimiter, const Encoding& e, int depth) {
        const bool topLevel = depth == 0;
        unsigned char b[12];
        while (pos < end) {
            // GDCM asserts on a file that ends inside an element's header.
            if (!read(pos, b, 8))
                return fail(topLevel ? "the file ends inside the header of an element"
                                     : "the file ends inside a sequence item");
            const std::uint32_t t = tag(b, e);
            if (t == kItemEnd && toDelimiter) {
                pos += 8;
                return true;
            }
            if (t >> 16 == 0xfffe) return fail("a stray delimiter " + tagName(t) + " among the elements");
            std::uint64_t header = 8;
            std::uint32_t length = 0;
            char vr[2] = {'\0', '\0'};
            if (e.explicitVr) {
                if (!isVrText(b + 4))
                    return fail("element " + tagName(t) + " has no valid VR in an explicit-VR data set");
                vr[0] = char(b[4]);
                vr[1] = char(b[5]);
                if (hasLongLength(vr) || !isKnownVr(vr)) {  // unknown VRs have 32-bit lengths (PS 3.5, 6.2)
                    if (!read(pos, b, 12)) return fail("the file ends inside the header of an element");
                    header = 12;
                    length = u32(b + 8, e);
                } else {
                    length = u16(b + 6, e);
                }
            } else {
                length = u32(b + 4, e);
            }
            const std::uint64_t value = pos + header;
            const bool sq = vr[0] == 'S' && vr[1] == 'Q', un = vr[0] == 'U' && vr[1] == 'N';
            if (length == kUndefined) {
                pos = value;
                bool ok = false;
                if (t == kPixelData)
                    ok = fragments(pos, topLevel);
                else if (sq || !e.explicitVr)
                    ok = sequence(pos, size_, true, e, depth + 1);
                else if (un)  // a sequence in implicit VR little endian (PS 3.5, 6.2.2)
                    ok = sequence(pos, size_, true, Encoding{false, false}, depth + 1);
                else
                    ok = fail("element " + tagName(t) + " (" + std::string(vr, 2) +
                              ") has an undefined length");
                if (!ok) return false;
                continue;
            }
            if (value + length > size_) {
                if (topLevel && t == kPixelData) return endOfFile(pos);  // a truncated image: measured later
                return claimsTooMuch(t, pos, header, length);
            }
            if (sq || (length >= 8 && (un || !e.explicitVr) && startsWithItem(value, e))) {
                const Encoding inner = un ? Encoding{false, false} : e;
                std::uint64_t p = value;
                if (!sequence(p, value + length, false, inner, depth + 1)) return false;
            }
            pos = value + length;
        }
        return !toDelimiter || fail("the file ends inside a sequence item");
    }

  private:
    bool startsWithItem(std::uint64_t pos, const Encoding& e) {
        unsigned char b[4];
        return read(pos, b, 4) && tag(b, e) == kItem;
    }

    // The items of a sequence from `pos`: up to `end`, or up to its delimiter when `undefinedLength`.
    bool sequence(std::uint64_t& pos, std::uint64_t end, bool undefinedLength, const Encoding& e, int depth) {
        if (depth > DicomHeaderCheck::kMaxDepth)
            return fail("sequences nested more than " + std::to_string(DicomHeaderCheck::kMaxDepth) +
                        " deep");
        unsigned char b[8];
        while (pos < end) {
            if (!read(pos, b, 8)) return fail("the file ends inside a sequence");
            const std::uint32_t t = tag(b, e), length = u32(b + 4, e);
            pos += 8;
            if (t == kSequenceEnd && undefinedLength) return true;
            if (t != kItem) return fail("a sequence holds " + tagName(t) + " where an item belongs");
            if (length == kUndefined) {
                if (!dataSet(pos, size_, true, e, depth)) return false;
                continue;
            }
            if (pos + length > size_) return claimsTooMuch(t, pos, 0, length);
            std::uint64_t p = pos;
            if (!dataSet(p, pos + length, false, e, depth)) return false;
            pos += length;
        }
        return !undefinedLength || fail("the file ends inside a sequence");
    }

    bool endOfFile(std::uint64_t& pos) const {
        pos = size_;
        return true;
    }

    // The fragments of encapsulated pixel data (items of defined length, then a delimiter). A
    // truncated image at the top level ends the walk: the pixel decoder measures it.
    bool fragments(std::uint64_t& pos, bool topLevel) {
        const Encoding le;
        unsigned char b[8];
        for (;;) {
            if (!read(pos, b, 8)) return topLevel ? endOfFile(pos) : fail("the file ends inside pixel data");
            const std::uint32_t t = tag(b, le), length = u32(b + 4, le);
            pos += 8;
            if (t == kSequenceEnd) return true;
            if (t != kItem || length == kUndefined)
                return fail("encapsulated pixel data holds " + tagName(t) + " where a fragment belongs");
            if (pos + length > size_) return topLevel ? endOfFile(pos) : claimsTooMuch(t, pos, 0, length);
            pos += length;
        }
    }

    ReadOnlyFile file_;
    std::uint64_t size_ = 0;
    std::vector<unsigned char> window_;
    std::uint64_t windowStart_ = 0;
    std::size_t windowBytes_ = 0;
    std::string problem_;
};

struct FileMeta {
    std::uint64_t end = 0;       // where the data set starts
    std::string transferSyntax;  // (0002,0010), trimmed; empty when absent
    bool present = false;
};

// Walks group 0002 from `pos`; a problem when GDCM would assert on it.
std::optional<std::string> walkFileMeta(Walker& w, std::uint64_t pos, FileMeta& meta) {
    const Encoding le;
    const std::uint64_t start = pos;
    const std::string truncated = "the file ends inside its DICOM File Meta Information (group 0002)";
    unsigned char b[12];
    for (;;) {
        // Before the first element GDCM fails cleanly on a short file; after it, it asserts.
        if (!w.read(pos, b, 4)) {
            meta.end = pos;
            return pos == start ? std::nullopt : std::optional<std::string>(truncated);
        }
        if (w.u16(b, le) != 0x0002) {
            meta.end = pos;
            return std::nullopt;  // no meta group, or the data set starts here
        }
        meta.present = true;
        const std::uint32_t tag = w.tag(b, le);
        if (!w.read(pos, b, 8)) return truncated;
        std::uint64_t header = 8, length = 0;
        if (!isVrText(b + 4)) {
            length = w.u32(b + 4, le);  // implicit VR, as some old files write their meta group
        } else if (const char* vr = reinterpret_cast<const char*>(b + 4); !isKnownVr(vr)) {
            // GDCM rereads such a group as implicit VR and asserts on what it finds.
            return "an unknown VR \"" + std::string(vr, 2) + "\" for " + tagName(tag) +
                   " in its DICOM File Meta Information";
        } else if (hasLongLength(vr)) {
            if (!w.read(pos, b, 12)) return truncated;
            if (b[4] == 'S' && b[5] == 'Q')
                return "a sequence " + tagName(tag) + " in its DICOM File Meta Information";
            header = 12;
            length = w.u32(b + 8, le);
        } else {
            length = w.u16(b + 6, le);
        }
        if (length == kUndefined)
            return "an undefined length for " + tagName(tag) + " in its DICOM File Meta Information";
        if (pos + header + length > w.size())
            return truncated + ": " + tagName(tag) + " needs " + std::to_string(header + length) +
                   " bytes, " + std::to_string(w.size() - pos) + " are left";
        if (tag == 0x00020010u && length <= 64) {
            unsigned char uid[64];
            if (w.read(pos + header, uid, length)) {
                meta.transferSyntax.assign(reinterpret_cast<const char*>(uid), length);
                while (!meta.transferSyntax.empty() &&
                       (meta.transferSyntax.back() == '\0' || meta.transferSyntax.back() == ' '))
                    meta.transferSyntax.pop_back();
            }
        }
        pos += header + length;
    }
}

// How the data set is encoded: from the transfer syntax, else guessed from its first element. Nothing
// for a deflated data set (not walked).
std::optional<Encoding> dataSetEncoding(const unsigned char first[6], const FileMeta& meta) {
    if (meta.transferSyntax == "1.2.840.10008.1.2.1.99") return std::nullopt;
    if (meta.transferSyntax == "1.2.840.10008.1.2") return Encoding{false, false};
    if (meta.transferSyntax == "1.2.840.10008.1.2.2") return Encoding{true, true};
    if (!meta.transferSyntax.empty()) return Encoding{true, false};
    const bool bigEndian = first[0] == 0 && first[1] != 0;  // group 0008 written as 00 08
    return Encoding{isVrText(first + 4), bigEndian};
}

}  // namespace

std::optional<std::string> DicomHeaderCheck::problem(const std::string& path) {
    Walker w(path);
    if (!w.isOpen()) return "cannot be opened";
    unsigned char magic[4];
    const bool dicomMagic = w.read(128, magic, 4) && std::memcmp(magic, "DICM", 4) == 0;
    FileMeta meta;
    if (auto problem = walkFileMeta(w, dicomMagic ? 132 : 0, meta)) return problem;
    unsigned char first[6];
    if (!w.read(meta.end, first, 6)) {
        // GDCM asserts on a meta group with nothing after it, and on a few stray bytes.
        if (dicomMagic || meta.present) return std::string("no data set after its File Meta Information");
        return std::string(kNotDicom);
    }
    // Without "DICM" or a meta group, only a data set starting with a group 0008 element is DICOM
    // (old ACR-NEMA style files); GDCM would guess at anything else, and asserts on many such guesses.
    const std::uint32_t group = std::uint32_t(first[0]) | std::uint32_t(first[1]) << 8;
    if (!dicomMagic && !meta.present && group != 0x0008 && group != 0x0800) return std::string(kNotDicom);
    const std::optional<Encoding> encoding = dataSetEncoding(first, meta);
    if (!encoding) return std::nullopt;
    std::uint64_t pos = meta.end;
    if (w.dataSet(pos, w.size(), false, *encoding, 0)) return std::nullopt;
    if (encoding->explicitVr && !isVrText(first + 4))
        return w.problem() +
               " (its data set seems to be written in implicit VR, against its transfer syntax " +
               meta.transferSyntax + ")";
    return w.problem();
}

}  // namespace cadview
