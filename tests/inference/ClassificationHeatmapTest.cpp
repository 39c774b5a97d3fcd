// Classification with heatmaps. The test classifier (tests/models/make_test_models.py) only looks at the
// top-left quadrant of its 8 x 8 feature map, so
//   - Grad-CAM (its manifest names the feature map) must light that quadrant of the image and nothing
//     else, even where the image is brighter;
//   - occlusion saliency (the same network, no feature map in its manifest) must do the same;
//   - the probabilities are sigmoid(8 s - 1) and sigmoid(4 s - 0.5), s = x / 4 for a quadrant of
//     normalised value x (window 128 +- 128: x = v / 256), computed here by hand;
//   - Grad-CAM gives the same maps on every call of a freshly loaded traced model (a LibTorch bug).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "TestModels.h"

namespace cadview::test {
namespace {

// 128 x 96 pixels: the model's 64 x 64 input halves x and shrinks y by 1.5, so its top-left quadrant
// (feature cells 0-3, input pixels 0-31) is exactly the image's x < 64, y < 48.
constexpr std::size_t kW = 128, kH = 96;

Volume quadrantImage(double quadrant, double elsewhere) {
    Volume v = makeVolume<std::uint8_t>(gridOf(kW, kH, 1, {0.5, 0.5, 1}), [&](auto x, auto y, auto) {
        return x < kW / 2 && y < kH / 2 ? quadrant : elsewhere;
    });
    v.info().modality = "XR";
    return v;
}

double sigmoid(double t) {
    return 1 / (1 + std::exp(-t));
}

float heatAt(const Volume& h, std::size_t x, std::size_t y) {
    return h.as<float>()[y * h.geometry().size[0] + x];
}

// Each label's heatmap is 1 over the quadrant the model sees, 0 away from it. The maps are 8 x 8 cells
// stretched over the image (bilinear, align_corners = false): a cell is 16 x 12 pixels, pixel x maps to
// cell (x + 0.5) / 16 - 0.5, so x <= 55 lies within cells 0-3 and x >= 72 within cells 4-7 (y: 41, 54).
void expectQuadrantLit(const InferenceResult& r) {
    ASSERT_EQ(r.heatmaps.size(), 2u);
    for (std::size_t l = 0; l < 2; ++l) {
        const Volume& h = *r.heatmaps[l];
        EXPECT_EQ(h.pixelType(), PixelType::Float32);
        EXPECT_EQ(h.geometry().size, (std::array<std::size_t, 3>{kW, kH, 1}));
        std::size_t lit = 0, dark = 0;
        for (std::size_t y = 0; y < kH; ++y)
            for (std::size_t x = 0; x < kW; ++x) {
                const float v = heatAt(h, x, y);
                ASSERT_GE(v, 0.0f);
                ASSERT_LE(v, 1.0f);
                if (x <= 55 && y <= 41) {
                    EXPECT_NEAR(v, 1.0f, 1e-5) << "label " << l << " at (" << x << ", " << y << ")";
                    ++lit;
                } else if (x >= 72 || y >= 54) {
                    EXPECT_EQ(v, 0.0f) << "label " << l << " at (" << x << ", " << y << ")";
                    ++dark;
                }
            }
        EXPECT_EQ(lit, 56u * 42u);
        EXPECT_GT(dark, kW * kH / 2);
        // The peak is in the quadrant.
        const float* p = h.as<float>();
        const std::size_t peak = std::size_t(std::max_element(p, p + h.voxelCount()) - p);
        EXPECT_LT(peak % kW, kW / 2);
        EXPECT_LT(peak / kW, kH / 2);
    }
}

void expectProbabilities(const InferenceResult& r, double quadrantValue) {
    const double x = quadrantValue / 256, s = x / 4;
    ASSERT_EQ(r.probabilities.size(), 2u);
    EXPECT_NEAR(r.probabilities[0], sigmoid(8 * s - 1), 1e-6);
    EXPECT_NEAR(r.probabilities[1], sigmoid(4 * s - 0.5), 1e-6);
}

TEST(ClassificationHeatmap, GradCamLightsOnlyWhereTheModelLooks) {
    // Brighter outside the quadrant: a map that followed intensity would peak there.
    const Volume image = quadrantImage(200, 250);
    const InferenceResult r = runModel(testManifest("test-cls-gradcam"), image);
    EXPECT_TRUE(r.heatmapsAreGradCam);
    expectQuadrantLit(r);
    expectProbabilities(r, 200);
}

TEST(ClassificationHeatmap, OcclusionLightsOnlyWhereTheModelLooks) {
    const Volume image = quadrantImage(200, 250);
    const InferenceResult r = runModel(testManifest("test-cls-occlusion"), image);
    EXPECT_FALSE(r.heatmapsAreGradCam);
    expectQuadrantLit(r);
    expectProbabilities(r, 200);
}

TEST(ClassificationHeatmap, ProbabilitiesMatchHandComputedValues) {
    for (double q : {0.0, 64.0, 128.0, 255.0}) {
        SCOPED_TRACE(q);
        const Volume image = quadrantImage(q, 255 - q);
        expectProbabilities(runModel(testManifest("test-cls-gradcam"), image), q);
        expectProbabilities(runModel(testManifest("test-cls-occlusion"), image), q);
    }
}

TEST(ClassificationHeatmap, SoftmaxProbabilitiesSumToOne) {
    ModelManifest m = testManifest("test-cls-gradcam");
    m.activation = ModelManifest::Activation::Softmax;
    const InferenceResult r = runModel(m, quadrantImage(200, 0));
    const double s = 200.0 / 256 / 4, a = 8 * s - 1, b = 4 * s - 0.5;
    ASSERT_EQ(r.probabilities.size(), 2u);
    EXPECT_NEAR(r.probabilities[0], std::exp(a) / (std::exp(a) + std::exp(b)), 1e-6);
    EXPECT_NEAR(r.probabilities[0] + r.probabilities[1], 1.0, 1e-6);
}

TEST(ClassificationHeatmap, HeatmapsLieOnTheImagesMiddleSlice) {
    // A volume is classified on its middle slice; the heatmap is that slice's geometry.
    ImageGeometry g = gridOf(kW, kH, 5, {0.5, 0.5, 2.0});
    g.origin = {10, 20, 30};
    Volume v = makeVolume<std::uint8_t>(
        g, [&](auto x, auto y, auto z) { return z == 2 && x < kW / 2 && y < kH / 2 ? 200.0 : 0.0; });
    const InferenceResult r = runModel(testManifest("test-cls-gradcam"), v);
    expectProbabilities(r, 200);
    ASSERT_EQ(r.heatmaps.size(), 2u);
    const ImageGeometry& h = r.heatmaps[0]->geometry();
    EXPECT_EQ(h.size, (std::array<std::size_t, 3>{kW, kH, 1}));
    EXPECT_EQ(h.spacing, g.spacing);
    EXPECT_EQ(h.direction, g.direction);
    EXPECT_EQ(h.origin, (Vec3{10, 20, 34}));
}

TEST(ClassificationHeatmap, ColourImagesAreClassifiedOnTheirLuminance) {
    Volume rgb(gridOf(kW, kH, 1), PixelType::UInt8, 3);
    std::uint8_t* p = rgb.as<std::uint8_t>();
    for (std::size_t y = 0; y < kH; ++y)
        for (std::size_t x = 0; x < kW; ++x, p += 3) {
            const bool q = x < kW / 2 && y < kH / 2;
            p[0] = q ? 100 : 0;
            p[1] = q ? 200 : 0;
            p[2] = q ? 50 : 0;
        }
    const InferenceResult r = runModel(testManifest("test-cls-gradcam"), rgb);
    expectProbabilities(r, 0.299 * 100 + 0.587 * 200 + 0.114 * 50);
}

TEST(ClassificationHeatmap, GradCamWorksOnEveryCallOfAFreshModel) {
    // LibTorch's profiling executor optimises a TorchScript graph after its first run; with gradients
    // on, the optimised graph of a traced model (the ResNet-like one) no longer connected the class
    // scores to the returned feature map ("One of the differentiated Tensors appears to not have been
    // used in the graph") from the second call on. Grad-CAM runs unoptimised, so every call works.
    const ModelManifest m = testManifest("test-cls-resnet");
    const auto model = TorchPlugin::backend().load(m.file);
    Tensor input(m.inputShape(), 0.0f);
    for (std::size_t i = 0; i < input.data.size(); ++i)
        input.data[i] = float(i % 251) / 250.0f;
    std::vector<Tensor> first;
    for (int call = 0; call < 4; ++call) {
        SCOPED_TRACE(call);
        const LoadedModel::GradCams cams = model->gradCams(input, 0, 1, [](int) { return true; });
        ASSERT_EQ(cams.maps.size(), 2u);
        if (call == 0) first = cams.maps;
        for (std::size_t c = 0; c < 2; ++c)
            EXPECT_EQ(cams.maps[c].data, first[c].data);
    }
}

}  // namespace
}  // namespace cadview::test
