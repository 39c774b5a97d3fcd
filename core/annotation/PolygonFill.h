#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <vector>

#include "annotation/LabelEditRecorder.h"
#include "annotation/PaintRule.h"

namespace cadview {

// Fills a closed polygon (a lasso is one with many vertices) on one slice. Vertices are continuous
// in-plane index coordinates (column, row) of the slice across `normalAxis` (columns along
// SliceCompositor::inPlaneAxes(normalAxis)[0], rows along [1]); pixel centres sit at integers. The last
// vertex joins the first. A pixel is filled when its centre is inside:
//   - NonZero (default): the polygon winds around the centre (self-overlapping loops of a lasso fill);
//   - EvenOdd: a ray from the centre crosses the outline an odd number of times;
// a centre exactly on an edge counts as inside on a left or top edge (smaller column / row) and outside
// on a right or bottom one, so polygons sharing an edge never share a pixel. Scanline algorithm: per
// row the edge crossings are sorted, O(rows x edges).
class PolygonFill {
  public:
    enum class FillRule { NonZero, EvenOdd };
    using Point = std::array<double, 2>;  // (column, row)
    // Receives (row, first column, last column), inclusive, rows in increasing order.
    using SpanFunction = std::function<void(std::size_t, std::size_t, std::size_t)>;

    // The inside pixels of a width x height slice, span by span.
    static void spans(const std::vector<Point>& polygon, std::size_t width, std::size_t height,
                      FillRule fillRule, const SpanFunction& f);

    // Sets the inside pixels of slice `index` to rule.value where the rule allows; the change goes
    // through `recorder`. Returns the number of voxels changed. Throws std::invalid_argument for a
    // normal axis outside 0..2 or a slice outside the label map.
    static std::size_t fill(LabelEditRecorder& recorder, const PaintRule& rule, int normalAxis,
                            std::size_t index, const std::vector<Point>& polygon,
                            FillRule fillRule = FillRule::NonZero);
};

}  // namespace cadview
