// Test-time mirroring ("output": {"mirror": [...]}): the probabilities are the mean over the input and its
// mirror images, each mirrored output turned back before averaging. Checked with models of known
// behaviour (no LibTorch): one that labels by position only, so the mean over mirror images labels both
// ends of the mirrored axis and only a forgotten turn-back labels one end; and one that labels by voxel
// value only, so mirroring must change nothing, voxel for voxel.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "image/Volume.h"
#include "inference/InferenceBackend.h"
#include "inference/SegmentationInference.h"

namespace cadview {
namespace {

// Two-channel logits for (N, C, [D,] H, W) inputs. By position: the foreground probability is 0.9 where
// the coordinate along `axis` (0 = x) lies in the first quarter of the window, 0.3 elsewhere. By value:
// 0.9 where the centre channel (the slice itself for 2.5D inputs) is at least one half, 0.1 elsewhere.
class KnownModel : public LoadedModel {
  public:
    enum class Mode { Position, Value };
    KnownModel(Mode mode, int axis) : mode_(mode), axis_(axis) {}
    int calls = 0;

    std::vector<Tensor> forward(const Tensor& input) override {
        ++calls;
        std::vector<std::int64_t> shape = input.shape;
        shape[1] = 2;
        Tensor out(shape);
        const std::size_t rank = shape.size(), n = std::size_t(shape[0]);
        const std::size_t voxels = Tensor::elementCount(shape) / (n * 2);
        const std::size_t inChannels = std::size_t(input.shape[1]);
        std::size_t inner = 1;
        for (std::size_t d = rank - std::size_t(axis_); d < rank; ++d)
            inner *= std::size_t(shape[d]);
        const std::size_t extent = std::size_t(shape[rank - 1 - std::size_t(axis_)]);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t v = 0; v < voxels; ++v) {
                double p = 0;
                if (mode_ == Mode::Position)
                    p = (v / inner) % extent < extent / 4 ? 0.9 : 0.3;
                else
                    p = input.data[(i * inChannels + inChannels / 2) * voxels + v] >= 0.5f ? 0.9 : 0.1;
                out.data[(i * 2 + 1) * voxels + v] = float(std::log(p / (1 - p)));  // softmax(0, l) = p
            }
        return {out};
    }
    GradCams gradCams(const Tensor&, int, int, const std::function<bool(int)>&) override { return {}; }

  private:
    Mode mode_;
    int axis_;
};

ModelManifest manifest(ModelManifest::InputKind kind, std::vector<int> size) {
    ModelManifest m;
    m.name = "known";
    m.inputKind = kind;
    m.inputSize = std::move(size);
    m.channels = kind == ModelManifest::InputKind::Slice25D ? 3 : 1;
    m.normalization = ModelManifest::Normalization::Window;
    m.windowCenter = 50;
    m.windowWidth = 100;  // 0 -> 0, 100 -> 1
    m.labels.push_back({1, "object", {255, 0, 0}});
    return m;
}

Volume volume(std::array<std::size_t, 3> size,
              const std::function<bool(std::size_t, std::size_t, std::size_t)>& bright) {
    ImageGeometry g;
    g.size = size;
    Volume v(g, PixelType::Int16);
    std::int16_t* p = v.as<std::int16_t>();
    for (std::size_t z = 0; z < size[2]; ++z)
        for (std::size_t y = 0; y < size[1]; ++y)
            for (std::size_t x = 0; x < size[0]; ++x)
                p[(z * size[1] + y) * size[0] + x] = bright(x, y, z) ? 100 : 0;
    return v;
}

// The coordinates along `axis` at which some voxel is labelled, in increasing order.
std::vector<std::size_t> labelledAlong(const Volume& labels, int axis) {
    const auto& s = labels.geometry().size;
    std::vector<bool> seen(s[std::size_t(axis)], false);
    const std::uint8_t* p = labels.as<std::uint8_t>();
    for (std::size_t z = 0; z < s[2]; ++z)
        for (std::size_t y = 0; y < s[1]; ++y)
            for (std::size_t x = 0; x < s[0]; ++x)
                if (p[(z * s[1] + y) * s[0] + x]) seen[axis == 0 ? x : axis == 1 ? y : z] = true;
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (seen[i]) out.push_back(i);
    return out;
}

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
    std::vector<std::size_t> r;
    for (std::size_t i = from; i < to; ++i)
        r.push_back(i);
    return r;
}

std::vector<std::size_t> ends(std::size_t n) {
    std::vector<std::size_t> r = range(0, n / 4);
    for (std::size_t i : range(n - n / 4, n))
        r.push_back(i);
    return r;
}

TEST(TestTimeMirror, SlicesAverageTheMirroredOutputsTurnedBack) {
    const Volume image = volume({32, 24, 3}, [](auto, auto, auto) { return false; });
    for (int axis : {0, 1}) {
        ModelManifest m = manifest(ModelManifest::InputKind::Slice2D, {32, 24});
        JobContext job;
        KnownModel plain(KnownModel::Mode::Position, axis);
        const auto once = SegmentationInference::run(m, plain, 2, 8, image, job);
        const std::size_t n = axis == 0 ? 32 : 24;
        EXPECT_EQ(labelledAlong(*once, axis), range(0, n / 4)) << "axis " << axis;

        // Mean over the input and its mirror image: 0.6 at both ends (0.9 and 0.3), 0.3 between.
        m.mirrorAxes = {axis};
        KnownModel mirrored(KnownModel::Mode::Position, axis);
        const auto both = SegmentationInference::run(m, mirrored, 2, 8, image, job);
        EXPECT_EQ(labelledAlong(*both, axis), ends(n)) << "axis " << axis;
        EXPECT_EQ(mirrored.calls, 2 * plain.calls);
        // Along the other axis every line is labelled.
        EXPECT_EQ(labelledAlong(*both, 1 - axis), range(0, axis == 0 ? 24 : 32));
    }
}

TEST(TestTimeMirror, PatchesAverageAlongDepthToo) {
    const Volume image = volume({16, 16, 12}, [](auto, auto, auto) { return false; });
    ModelManifest m = manifest(ModelManifest::InputKind::Patch3D, {16, 16, 12});
    m.mirrorAxes = {2};
    JobContext job;
    KnownModel model(KnownModel::Mode::Position, 2);
    const auto labels = SegmentationInference::run(m, model, 2, 1, image, job);
    EXPECT_EQ(labelledAlong(*labels, 2), ends(12));
    EXPECT_EQ(model.calls, 2);
}

// A model that looks only at each voxel's value gives the same label map with every combination of
// mirror axes, for an object in one corner (nothing symmetric about it).
TEST(TestTimeMirror, ValueModelsAreUnchangedByMirroring) {
    const auto corner = [](std::size_t x, std::size_t y, std::size_t z) {
        return x >= 2 && x < 9 && y >= 17 && y < 22 && z == 1;
    };
    const Volume image = volume({32, 24, 4}, corner);
    for (auto kind : {ModelManifest::InputKind::Slice2D, ModelManifest::InputKind::Slice25D}) {
        ModelManifest m = manifest(kind, {32, 24});
        m.mirrorAxes = {1, 0};
        JobContext job;
        KnownModel model(KnownModel::Mode::Value, 0);
        const auto labels = SegmentationInference::run(m, model, 2, 4, image, job);
        const std::uint8_t* p = labels->as<std::uint8_t>();
        std::size_t wrong = 0, labelled = 0;
        for (std::size_t z = 0; z < 4; ++z)
            for (std::size_t y = 0; y < 24; ++y)
                for (std::size_t x = 0; x < 32; ++x) {
                    labelled += p[(z * 24 + y) * 32 + x];
                    wrong += (p[(z * 24 + y) * 32 + x] == 1) != corner(x, y, z);
                }
        EXPECT_EQ(wrong, 0u);
        EXPECT_EQ(labelled, 35u);
        EXPECT_EQ(model.calls, 4 * 1);  // four slices in one batch, four mirror combinations
    }
}

}  // namespace
}  // namespace cadview
