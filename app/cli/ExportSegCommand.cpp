#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "Commands.h"
#include "io/DicomReferenceSeries.h"
#include "io/DicomSegWriter.h"
#include "io/LabelMapFile.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"

namespace cadview::cli {

namespace {

int fail(const std::string& message) {
    std::cerr << "cadview-cli: " << message << "\n";
    return 1;
}

}  // namespace

int runExportSeg(const ExportSegOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    LabelMapFile::Loaded labels;
    try {
        labels = LabelMapFile::read(options.labels);
    } catch (const std::exception& e) {
        return fail(e.what());
    }

    JobContext job;
    const StudyIndex index = StudyIndexer::index(options.reference, job);
    StudyIndex dicom;
    for (const SeriesEntry& s : index.series)
        if (s.kind == SeriesEntry::Kind::DicomSeries) dicom.series.push_back(s);
    if (dicom.series.empty()) {
        std::string why = "no DICOM series found in " + options.reference;
        if (!index.problems.empty()) why += " (" + describe(index.problems.front()) + ")";
        return fail(why);
    }
    if (options.seriesUid.empty() && dicom.series.size() > 1) {
        std::cerr << "cadview-cli: " << options.reference << " holds " << dicom.series.size()
                  << " series; choose one with --series:\n";
        for (const auto& s : dicom.series)
            std::cerr << "  " << s.uid << "  " << s.modality << "  " << s.imageCount() << " images  "
                      << s.seriesDescription << "\n";
        return 1;
    }
    for (const auto& p : index.problems)
        if (p.severity == Diagnostic::Severity::Error)
            std::cerr << "cadview-cli: warning: " << describe(p) << "\n";
    try {
        const SeriesEntry& entry = VolumeLoader::pick(dicom, options.reference, options.seriesUid);
        const DicomReferenceSeries reference = DicomReferenceSeries::fromSeries(entry);
        // Load it as the viewer does: its images must decode, and its grid is the one labels are drawn on.
        const Volume series = VolumeLoader::load(entry, LoadOptions{}, job);
        for (const auto& d : series.diagnostics())
            std::cerr << "cadview-cli: warning: " << describe(d) << "\n";
        std::string mismatch = DicomSegWriter::gridMismatch(series.geometry(), reference.geometry);
        if (!mismatch.empty()) return fail("series " + entry.uid + " cannot be referenced 1:1: " + mismatch);
        mismatch = DicomSegWriter::gridMismatch(labels.labels.geometry(), series.geometry());
        if (!mismatch.empty())
            return fail(options.labels + " is not on the grid of series " + entry.uid + ": " + mismatch);
        const DicomSegWriter::Summary summary =
            DicomSegWriter::write(labels.labels, labels.table, reference, options.output);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char time[32];
        std::snprintf(time, sizeof time, "%.2f s", seconds);
        std::cout << options.output << ": " << summary.segments << " segments, " << summary.frames
                  << " frames, referencing series " << summary.referencedSeriesUid << " (" << time << ")\n";
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    return 0;
}

}  // namespace cadview::cli
