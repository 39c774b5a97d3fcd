#include "io/DicomReferenceSeries.h"

#include <stdexcept>

#include "io/SliceStack.h"

namespace cadview {

DicomReferenceSeries DicomReferenceSeries::fromSeries(const SeriesEntry& series) {
    const std::string name = "series " + series.uid;
    if (series.kind != SeriesEntry::Kind::DicomSeries || series.instances.empty())
        throw std::runtime_error(series.path + ": not a DICOM series");
    for (const DicomInstance& i : series.instances) {
        if (i.frames > 1)
            throw std::runtime_error(name + ": " + i.path +
                                     " is a multi-frame image; only series of single-frame images can be "
                                     "referenced");
        if (!i.position || !i.orientation)
            throw std::runtime_error(name + ": " + i.path +
                                     " has no ImagePositionPatient or ImageOrientationPatient");
        if (i.sopInstanceUid.empty() || i.sopClassUid.empty())
            throw std::runtime_error(name + ": " + i.path + " has no SOPInstanceUID or SOPClassUID");
    }
    const SliceStack stack = SliceStack::analyze(series.instances, series.uid);
    if (!stack.regular) {
        std::string why = stack.tiltDegrees != 0 ? "gantry tilt" : "uneven or missing slices";
        throw std::runtime_error(name + " has " + why +
                                 ": it is loaded resampled, so its voxels cannot be referenced 1:1 to its "
                                 "images");
    }
    DicomReferenceSeries r;
    r.geometry = stack.stackGeometry;
    r.studyInstanceUid = series.studyUid;
    for (std::size_t k : stack.order) {
        const DicomInstance& i = series.instances[k];
        r.slices.push_back({i.path, i.sopInstanceUid, i.sopClassUid, *i.position});
    }
    if (r.slices.size() != r.geometry.size[2])
        throw std::runtime_error(name + ": " + std::to_string(r.slices.size()) + " images for " +
                                 std::to_string(r.geometry.size[2]) + " slices");
    return r;
}

}  // namespace cadview
