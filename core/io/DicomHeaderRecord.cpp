#include "io/DicomHeaderRecord.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace cadview {

namespace {

class Writer {
  public:
    template <typename T>
    void raw(const T& v) {
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void str(const std::string& s) {
        raw(std::uint32_t(s.size()));
        out += s;
    }
    template <typename T>
    void opt(const std::optional<T>& v) {
        raw(std::uint8_t(v.has_value()));
        if (v) raw(*v);
    }
    std::string out;
};

class Reader {
  public:
    explicit Reader(const std::string& in) : in_(in) {}
    template <typename T>
    T raw() {
        T v;
        need(sizeof v);
        std::memcpy(&v, in_.data() + at_, sizeof v);
        at_ += sizeof v;
        return v;
    }
    std::string str() {
        const auto n = raw<std::uint32_t>();
        need(n);
        std::string s = in_.substr(at_, n);
        at_ += n;
        return s;
    }
    template <typename T>
    std::optional<T> opt() {
        if (raw<std::uint8_t>() == 0) return std::nullopt;
        return raw<T>();
    }
    bool done() const { return at_ == in_.size(); }

  private:
    void need(std::size_t n) const {
        if (in_.size() - at_ < n) throw std::runtime_error("damaged header record");
    }
    const std::string& in_;
    std::size_t at_ = 0;
};

void writeInstance(Writer& w, const DicomInstance& i) {
    for (const std::string* s :
         {&i.path, &i.sopInstanceUid, &i.sopClassUid, &i.transferSyntax, &i.photometric})
        w.str(*s);
    for (const int v : {i.instanceNumber, i.rows, i.columns, i.frames, i.samplesPerPixel, i.bitsAllocated,
                        i.bitsStored, i.pixelRepresentation, i.acquisitionNumber})
        w.raw(std::int32_t(v));
    w.opt(i.position);
    w.opt(i.orientation);
    w.opt(i.pixelSpacing);
    w.raw(std::uint8_t(i.spacingFromImager));
    for (const double v : {i.sliceThickness, i.rescaleSlope, i.rescaleIntercept})
        w.raw(v);
    w.opt(i.windowCenter);
    w.opt(i.windowWidth);
}

DicomInstance readInstance(Reader& r) {
    DicomInstance i;
    for (std::string* s : {&i.path, &i.sopInstanceUid, &i.sopClassUid, &i.transferSyntax, &i.photometric})
        *s = r.str();
    for (int* v : {&i.instanceNumber, &i.rows, &i.columns, &i.frames, &i.samplesPerPixel, &i.bitsAllocated,
                   &i.bitsStored, &i.pixelRepresentation, &i.acquisitionNumber})
        *v = r.raw<std::int32_t>();
    i.position = r.opt<Vec3>();
    i.orientation = r.opt<std::array<double, 6>>();
    i.pixelSpacing = r.opt<std::array<double, 2>>();
    i.spacingFromImager = r.raw<std::uint8_t>() != 0;
    for (double* v : {&i.sliceThickness, &i.rescaleSlope, &i.rescaleIntercept})
        *v = r.raw<double>();
    i.windowCenter = r.opt<double>();
    i.windowWidth = r.opt<double>();
    return i;
}

}  // namespace

std::string DicomHeaderRecord::encode(const DicomHeaderReader::Header& h) {
    Writer w;
    w.raw('H');
    writeInstance(w, h.instance);
    for (const std::string* s :
         {&h.seriesUid, &h.studyUid, &h.frameOfReferenceUid, &h.patientName, &h.patientId,
          &h.studyDescription, &h.studyDate, &h.seriesDescription, &h.modality})
        w.str(*s);
    w.raw(std::int32_t(h.seriesNumber));
    w.raw(std::uint8_t(h.hasImage));
    return w.out;
}

std::string DicomHeaderRecord::encode(const Diagnostic& p) {
    Writer w;
    w.raw('P');
    w.raw(std::int32_t(p.severity));
    w.raw(std::int32_t(p.code));
    w.str(p.subject);
    w.str(p.detail);
    w.raw(p.value);
    w.raw(p.value2);
    return w.out;
}

bool DicomHeaderRecord::decode(const std::string& bytes, DicomHeaderReader::Header& h, Diagnostic& problem) {
    Reader r(bytes);
    const char kind = r.raw<char>();
    bool isHeader = true;
    if (kind == 'H') {
        h.instance = readInstance(r);
        for (std::string* s :
             {&h.seriesUid, &h.studyUid, &h.frameOfReferenceUid, &h.patientName, &h.patientId,
              &h.studyDescription, &h.studyDate, &h.seriesDescription, &h.modality})
            *s = r.str();
        h.seriesNumber = r.raw<std::int32_t>();
        h.hasImage = r.raw<std::uint8_t>() != 0;
    } else if (kind == 'P') {
        isHeader = false;
        problem.severity = Diagnostic::Severity(r.raw<std::int32_t>());
        problem.code = Diagnostic::Code(r.raw<std::int32_t>());
        problem.subject = r.str();
        problem.detail = r.str();
        problem.value = r.raw<double>();
        problem.value2 = r.raw<double>();
    } else {
        throw std::runtime_error("damaged header record");
    }
    if (!r.done()) throw std::runtime_error("damaged header record");
    return isHeader;
}

std::string DicomHeaderRecord::encodeList(const Diagnostics& list) {
    Writer w;
    w.raw(std::uint32_t(list.size()));
    for (const Diagnostic& d : list)
        w.str(encode(d));
    return w.out;
}

Diagnostics DicomHeaderRecord::decodeList(const std::string& bytes) {
    Reader r(bytes);
    Diagnostics list(r.raw<std::uint32_t>());
    for (Diagnostic& d : list) {
        DicomHeaderReader::Header unused;
        if (decode(r.str(), unused, d)) throw std::runtime_error("damaged header record");
    }
    if (!r.done()) throw std::runtime_error("damaged header record");
    return list;
}

}  // namespace cadview
