#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "annotation/Connectivity.h"
#include "annotation/LabelEdit.h"
#include "annotation/PaintRule.h"
#include "jobs/JobContext.h"

namespace cadview {

// Connected regions of a voxel grid found span by span: a scanline flood fill with an explicit stack (no
// recursion; the stack holds one seed per neighbouring run, so it stays small next to the region). A
// region lives in a box of the grid (the whole grid, or one slice) and spreads along the axes the
// Connectivity allows. Voxels put in a region are remembered (one bit each), so growing from every
// unvisited voxel in turn finds each component once. Shared by RegionGrow, HoleFilling, IslandRemoval.
class ScanlineRegion {
  public:
    // `length` voxels from linear index `start`, stride() apart along the scan axis (x, or y for slices
    // across x).
    struct Span {
        std::uint64_t start = 0;
        std::uint32_t length = 0;
    };

    // Throws std::invalid_argument for a normal axis outside 0..2 or a slice outside the grid.
    ScanlineRegion(const std::array<std::size_t, 3>& size, const Connectivity& connectivity);

    std::uint64_t stride() const { return gridStride_[std::size_t(scanAxis_)]; }
    std::size_t boxVoxels() const { return boxVoxels_; }
    bool contains(const std::array<std::size_t, 3>& index) const;
    // Whether voxel `linear` (inside the box) is in a region found already.
    bool visited(std::uint64_t linear) const { return test(boxIndex(linear)); }
    // Whether a span lies on the box border along an axis regions spread along (the volume's faces in
    // 3D, the slice's edges in 2D).
    bool touchesBorder(const Span& span) const;
    std::array<std::size_t, 3> coords(std::uint64_t linear) const;

    // Grows the region of unvisited voxels where member(linear) holds that is connected to `seed`; calls
    // onSpan(span) for each span and stops early when it returns false. Returns the voxels found (0 when
    // the seed is visited or not a member). Throws CancelledError when `job` is cancelled.
    template <typename Member, typename OnSpan>
    std::size_t grow(std::uint64_t seed, Member&& member, OnSpan&& onSpan, const JobContext* job = nullptr);

    // Calls f(linear) for every box voxel still unvisited when reached, in increasing linear order (f may
    // grow regions).
    template <typename F>
    void forEachUnvisited(F&& f);

    // Sets the voxels of `spans` (found with `stride`) to rule.value wherever rule.allows; returns the
    // change, already applied to `labels` (UInt8, one component).
    static LabelEdit paint(Volume& labels, std::vector<Span> spans, std::uint64_t stride,
                           const PaintRule& rule, std::string description);

  private:
    std::uint64_t boxIndex(std::uint64_t linear) const;
    bool test(std::uint64_t b) const { return (bits_[b >> 6] >> (b & 63)) & 1u; }
    void set(std::uint64_t b) { bits_[b >> 6] |= std::uint64_t(1) << (b & 63); }

    std::array<std::size_t, 3> size_;
    std::array<std::size_t, 3> lo_{}, hi_{};  // the box, inclusive
    std::array<std::uint64_t, 3> gridStride_{}, boxStride_{};
    std::size_t boxVoxels_ = 0;
    int scanAxis_ = 0;
    std::array<int, 2> spreadAxes_{1, 2};
    int spreadCount_ = 2;
    std::vector<std::uint64_t> bits_;
};

template <typename Member, typename OnSpan>
std::size_t ScanlineRegion::grow(std::uint64_t seed, Member&& member, OnSpan&& onSpan,
                                 const JobContext* job) {
    const std::size_t s = std::size_t(scanAxis_);
    const std::uint64_t gs = gridStride_[s], bs = boxStride_[s];
    std::vector<std::uint64_t> stack{seed};
    std::size_t total = 0, spans = 0;
    while (!stack.empty()) {
        const std::uint64_t i = stack.back();
        stack.pop_back();
        const std::uint64_t b = boxIndex(i);
        if (test(b) || !member(i)) continue;
        const auto c = coords(i);
        std::size_t first = c[s], last = c[s];
        std::uint64_t fi = i, fb = b;
        while (first > lo_[s] && !test(fb - bs) && member(fi - gs)) {
            --first;
            fi -= gs;
            fb -= bs;
        }
        std::uint64_t li = i, lb = b;
        while (last < hi_[s] && !test(lb + bs) && member(li + gs)) {
            ++last;
            li += gs;
            lb += bs;
        }
        const std::uint32_t n = std::uint32_t(last - first + 1);
        for (std::uint64_t k = 0, bb = fb; k < n; ++k, bb += bs)
            set(bb);
        total += n;
        if (!onSpan(Span{fi, n})) return total;
        if (job && (++spans & 1023) == 0) job->throwIfCancelled();
        for (int a = 0; a < spreadCount_; ++a) {
            const std::size_t axis = std::size_t(spreadAxes_[std::size_t(a)]);
            for (int d = -1; d <= 1; d += 2) {
                if (d < 0 ? c[axis] == lo_[axis] : c[axis] == hi_[axis]) continue;
                std::uint64_t ni = d < 0 ? fi - gridStride_[axis] : fi + gridStride_[axis];
                std::uint64_t nb = d < 0 ? fb - boxStride_[axis] : fb + boxStride_[axis];
                bool inRun = false;
                for (std::uint32_t k = 0; k < n; ++k, ni += gs, nb += bs) {
                    const bool m = !test(nb) && member(ni);
                    if (m && !inRun) stack.push_back(ni);
                    inRun = m;
                }
            }
        }
    }
    return total;
}

template <typename F>
void ScanlineRegion::forEachUnvisited(F&& f) {
    if (boxVoxels_ == 0) return;
    std::uint64_t b = 0;
    for (std::size_t z = lo_[2]; z <= hi_[2]; ++z)
        for (std::size_t y = lo_[1]; y <= hi_[1]; ++y) {
            std::uint64_t i = z * gridStride_[2] + y * gridStride_[1] + lo_[0];
            for (std::size_t x = lo_[0]; x <= hi_[0]; ++x, ++i, ++b) {
                // Whole words of visited voxels are skipped a word at a time.
                if ((b & 63) == 0 && x + 64 <= hi_[0] + 1 && bits_[b >> 6] == ~std::uint64_t(0)) {
                    x += 63;
                    i += 63;
                    b += 63;
                    continue;
                }
                if (!test(b)) f(i);
            }
        }
}

}  // namespace cadview
