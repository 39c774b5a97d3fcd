#include "SyntheticSeries.h"

#include <gdcmDataElement.h>
#include <gdcmReader.h>
#include <gdcmTransferSyntax.h>
#include <gdcmUIDGenerator.h>
#include <gdcmWriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "BenchStats.h"

namespace cadview::bench {

namespace fs = std::filesystem;

namespace {

const gdcm::Tag kMediaStorageSopInstanceUid(0x0002, 0x0003);
const gdcm::Tag kSopInstanceUid(0x0008, 0x0018);
const gdcm::Tag kSeriesDescription(0x0008, 0x103e);
const gdcm::Tag kSpacingBetweenSlices(0x0018, 0x0088);
const gdcm::Tag kStudyInstanceUid(0x0020, 0x000d);
const gdcm::Tag kSeriesInstanceUid(0x0020, 0x000e);
const gdcm::Tag kInstanceNumber(0x0020, 0x0013);
const gdcm::Tag kImagePosition(0x0020, 0x0032);
const gdcm::Tag kFrameOfReferenceUid(0x0020, 0x0052);
const gdcm::Tag kSliceLocation(0x0020, 0x1041);
const gdcm::Tag kPixelData(0x7fe0, 0x0010);

std::string text(const gdcm::DataSet& ds, const gdcm::Tag& tag) {
    if (!ds.FindDataElement(tag)) return {};
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv) return {};
    std::string s(bv->GetPointer(), bv->GetLength());
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    return s;
}

std::vector<double> numbers(const std::string& s) {
    std::vector<double> v;
    const char* p = s.c_str();
    while (*p) {
        char* end = nullptr;
        const double x = std::strtod(p, &end);
        if (end == p) break;
        v.push_back(x);
        p = end;
        while (*p == '\\' || *p == ' ')
            ++p;
    }
    return v;
}

// Replaces (or adds) a text element, padded to even length as DICOM requires.
void setText(gdcm::DataSet& ds, const gdcm::Tag& tag, gdcm::VR vr, std::string value) {
    if (value.size() % 2 == 1) value.push_back(vr == gdcm::VR::UI ? '\0' : ' ');
    gdcm::DataElement de(tag);
    de.SetVR(vr);
    de.SetByteValue(value.data(), gdcm::VL(std::uint32_t(value.size())));
    ds.Replace(de);
}

// Decimal String: at most 16 characters, as precise as fits.
std::string formatDs(double v) {
    char buf[32];
    for (int precision = 12; precision > 1; --precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strlen(buf) <= 16) break;
    }
    return buf;
}

struct SourceSlice {
    std::string path;
    int instanceNumber = 0;
    std::vector<double> position;
};

std::vector<SourceSlice> scanSource(const std::string& dir) {
    std::vector<SourceSlice> slices;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!e.is_regular_file()) continue;
        gdcm::Reader reader;
        reader.SetFileName(e.path().c_str());
        if (!reader.ReadUpToTag(kPixelData)) continue;  // not DICOM (licence files and the like)
        const gdcm::File& f = reader.GetFile();
        if (f.GetHeader().GetDataSetTransferSyntax().IsEncapsulated())
            throw std::runtime_error(e.path().string() + ": compressed source slices are not supported");
        const gdcm::DataSet& ds = f.GetDataSet();
        SourceSlice s;
        s.path = e.path().string();
        const auto in = numbers(text(ds, kInstanceNumber));
        s.instanceNumber = in.empty() ? 0 : int(in.front());
        s.position = numbers(text(ds, kImagePosition));
        if (s.position.size() != 3) throw std::runtime_error(s.path + ": no ImagePositionPatient");
        slices.push_back(std::move(s));
    }
    if (ec) throw std::runtime_error(dir + ": " + ec.message());
    if (slices.empty()) throw std::runtime_error(dir + ": no DICOM slices found");
    std::sort(slices.begin(), slices.end(), [](const SourceSlice& a, const SourceSlice& b) {
        return a.instanceNumber != b.instanceNumber ? a.instanceNumber < b.instanceNumber : a.path < b.path;
    });
    return slices;
}

std::string outputName(int k) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ct%04d.dcm", k + 1);
    return buf;
}

}  // namespace

std::size_t SyntheticSeries::countFiles(const std::string& dir) {
    std::error_code ec;
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file()) ++n;
    return ec ? 0 : n;
}

SyntheticSeriesResult SyntheticSeries::ensure(const SyntheticSeriesOptions& options) {
    if (options.slices < 2) throw std::runtime_error("a series needs at least 2 slices");
    SyntheticSeriesResult result;
    result.outputDir = options.outputDir;
    Stopwatch clock;
    if (!options.force && countFiles(options.outputDir) == std::size_t(options.slices)) {
        result.files = options.slices;
        result.reused = true;
        return result;
    }

    const std::vector<SourceSlice> source = scanSource(options.sourceDir);
    result.sourceSlices = int(source.size());
    fs::create_directories(options.outputDir);
    // Remove what an earlier (other-sized or interrupted) run left; only our own file names.
    for (const auto& e : fs::directory_iterator(options.outputDir)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name.rfind("ct", 0) == 0 &&
            (name.ends_with(".dcm") || name.ends_with(".dcm.part")))
            fs::remove(e.path());
    }

    gdcm::UIDGenerator uids;
    const std::string studyUid = uids.Generate();
    const std::string seriesUid = uids.Generate();
    const std::string frameUid = uids.Generate();
    const std::vector<double>& top = source.front().position;
    const std::string description = "cadview bench " + std::to_string(options.slices) + " slices";

    for (int k = 0; k < options.slices; ++k) {
        const SourceSlice& src = source[std::size_t(k) % source.size()];
        gdcm::Reader reader;
        reader.SetFileName(src.path.c_str());
        if (!reader.Read()) throw std::runtime_error(src.path + ": GDCM cannot read the file");
        gdcm::File& file = reader.GetFile();
        gdcm::DataSet& ds = file.GetDataSet();

        const std::string sopUid = uids.Generate();
        const double z = top[2] - double(k) * options.spacing;
        setText(ds, kSopInstanceUid, gdcm::VR::UI, sopUid);
        setText(file.GetHeader(), kMediaStorageSopInstanceUid, gdcm::VR::UI, sopUid);
        setText(ds, kStudyInstanceUid, gdcm::VR::UI, studyUid);
        setText(ds, kSeriesInstanceUid, gdcm::VR::UI, seriesUid);
        setText(ds, kFrameOfReferenceUid, gdcm::VR::UI, frameUid);
        setText(ds, kInstanceNumber, gdcm::VR::IS, std::to_string(k + 1));
        setText(ds, kImagePosition, gdcm::VR::DS,
                formatDs(top[0]) + "\\" + formatDs(top[1]) + "\\" + formatDs(z));
        setText(ds, kSliceLocation, gdcm::VR::DS, formatDs(z));
        setText(ds, kSpacingBetweenSlices, gdcm::VR::DS, formatDs(options.spacing));
        setText(ds, kSeriesDescription, gdcm::VR::LO, description);

        const fs::path final = fs::path(options.outputDir) / outputName(k);
        const std::string partial = final.string() + ".part";
        gdcm::Writer writer;
        writer.SetFile(file);
        writer.SetFileName(partial.c_str());
        if (!writer.Write()) throw std::runtime_error(partial + ": GDCM cannot write the file");
        fs::rename(partial, final);
    }
    result.files = options.slices;
    result.seconds = clock.seconds();
    return result;
}

}  // namespace cadview::bench
