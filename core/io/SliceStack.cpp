#include "io/SliceStack.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace cadview {

namespace {
constexpr double kSamePosition = 1e-3;   // mm: images closer than this along the normal coincide
constexpr double kTiltTolerance = 0.05;  // degrees

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
}
}  // namespace

SliceStack SliceStack::analyze(const std::vector<DicomInstance>& instances, const std::string& subject) {
    SliceStack s;
    if (instances.empty()) return s;
    const DicomInstance& first = instances.front();
    if (first.orientation) {
        const auto& o = *first.orientation;
        s.rowDirection = {o[0], o[1], o[2]};
        s.columnDirection = {o[3], o[4], o[5]};
        s.normal = normalized(cross(s.rowDirection, s.columnDirection));
        // Make the column direction exactly orthogonal to the row (files carry rounded cosines).
        s.columnDirection = normalized(cross(s.normal, s.rowDirection));
    }
    const bool havePositions = std::all_of(instances.begin(), instances.end(),
                                           [](const DicomInstance& i) { return i.position.has_value(); });

    std::vector<std::size_t> idx(instances.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::vector<double> along(instances.size(), 0.0);
    if (havePositions) {
        for (std::size_t k = 0; k < instances.size(); ++k)
            along[k] = dot(*instances[k].position, s.normal);
        std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
            if (std::abs(along[a] - along[b]) > kSamePosition) return along[a] < along[b];
            return instances[a].instanceNumber < instances[b].instanceNumber;
        });
    } else {
        std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
            return instances[a].instanceNumber < instances[b].instanceNumber;
        });
    }

    // Several images at one position (repeated acquisitions, echoes): keep the first of each.
    std::size_t dropped = 0;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        if (havePositions && !s.order.empty() &&
            std::abs(along[idx[k]] - along[s.order.back()]) <= kSamePosition) {
            ++dropped;
            continue;
        }
        s.order.push_back(idx[k]);
    }
    if (dropped > 0)
        s.diagnostics.push_back(
            Diagnostic::warning(Diagnostic::Code::DuplicatePositions, subject, {}, double(dropped)));

    const DicomInstance& base = instances[s.order.front()];
    const Vec3 origin = havePositions ? *base.position : Vec3{0, 0, 0};
    for (std::size_t k : s.order) {
        const Vec3 shift = havePositions ? *instances[k].position - origin : Vec3{0, 0, 0};
        s.positions.push_back(dot(shift, s.normal));
        s.offsetRow.push_back(dot(shift, s.rowDirection));
        s.offsetCol.push_back(dot(shift, s.columnDirection));
    }

    std::vector<double> gaps;
    for (std::size_t k = 1; k < s.positions.size(); ++k)
        gaps.push_back(s.positions[k] - s.positions[k - 1]);
    const double typicalGap = gaps.empty() ? 0 : median(gaps);

    ImageGeometry g;
    g.size = {std::size_t(base.columns), std::size_t(base.rows), s.order.size()};
    if (base.pixelSpacing) g.spacing = {(*base.pixelSpacing)[1], (*base.pixelSpacing)[0], 1.0};
    g.spacing[2] = typicalGap > 0 ? typicalGap : (base.sliceThickness > 0 ? base.sliceThickness : 1.0);
    g.origin = origin;
    g.setAxis(0, s.rowDirection);
    g.setAxis(1, s.columnDirection);
    g.setAxis(2, s.normal);
    s.stackGeometry = g;
    s.regularGeometry = g;
    if (gaps.empty()) return s;

    // Gantry tilt: the slices slide in-plane as they advance along the normal.
    const double travel = s.positions.back() - s.positions.front();
    const double slide = std::hypot(s.offsetRow.back(), s.offsetCol.back());
    if (travel > 0) s.tiltDegrees = std::atan2(slide, travel) * 180.0 / std::numbers::pi;
    const bool tilted = s.tiltDegrees > kTiltTolerance;
    if (tilted)
        s.diagnostics.push_back(
            Diagnostic::warning(Diagnostic::Code::GantryTilt, subject, {}, s.tiltDegrees));

    // Uneven gaps; a gap that is a whole multiple of the typical one means slices are missing.
    const double tolerance = std::max(0.01, 0.01 * typicalGap);
    const auto [minIt, maxIt] = std::minmax_element(gaps.begin(), gaps.end());
    const bool uneven = *maxIt - *minIt > tolerance;
    std::size_t missing = 0;
    bool onlyMissing = true;
    for (double gap : gaps) {
        if (std::abs(gap - typicalGap) <= tolerance) continue;
        const double ratio = gap / typicalGap;
        const double whole = std::round(ratio);
        if (whole >= 2 && std::abs(ratio - whole) * typicalGap <= tolerance)
            missing += std::size_t(whole) - 1;
        else
            onlyMissing = false;
    }
    if (missing > 0)
        s.diagnostics.push_back(
            Diagnostic::warning(Diagnostic::Code::MissingSlices, subject, {}, double(missing)));
    if (uneven && !onlyMissing)
        s.diagnostics.push_back(
            Diagnostic::warning(Diagnostic::Code::UnevenSpacing, subject, {}, *minIt, *maxIt));
    if (!uneven && !tilted) return s;

    // A regular grid along the normal from the first to the last slice, at the finest gap the scanner
    // really used (a short transition gap between two runs does not count), centred in-plane on the
    // stack's slide so tilted anatomy stays in the field of view.
    s.regular = false;
    double step = typicalGap;
    for (double gap : gaps)
        if (gap >= 0.5 * typicalGap) step = std::min(step, gap);
    const std::size_t nz = std::size_t(std::llround(travel / step)) + 1;
    ImageGeometry r = g;
    r.size[2] = nz;
    r.spacing[2] = nz > 1 ? travel / double(nz - 1) : g.spacing[2];
    const auto [rowMin, rowMax] = std::minmax_element(s.offsetRow.begin(), s.offsetRow.end());
    const auto [colMin, colMax] = std::minmax_element(s.offsetCol.begin(), s.offsetCol.end());
    const double centreRow = (*rowMin + *rowMax) / 2, centreCol = (*colMin + *colMax) / 2;
    // Snap the centring shift to whole pixels so untilted directions keep exact voxel values.
    r.origin = origin + s.rowDirection * (std::round(centreRow / g.spacing[0]) * g.spacing[0]) +
               s.columnDirection * (std::round(centreCol / g.spacing[1]) * g.spacing[1]);
    s.regularGeometry = r;
    return s;
}

}  // namespace cadview
