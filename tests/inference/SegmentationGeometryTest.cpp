// Segmentation masks align voxel for voxel with the source. The test models threshold the windowed
// intensity at one half (tests/models/make_test_models.py), so the right label map is known:
//   - with the model's spacing equal to the image's, the label map is the thresholded image, exactly
//     (3D sliding windows with Gaussian blending, 2D tiles, and 2.5D neighbours in their documented order);
//   - on anisotropic (0.7 x 0.7 x 3 mm) and oblique (rotated 30 degrees about two axes) volumes holding a
//     bright cube at a known patient position, the labelled voxels are the cube's voxels: every voxel
//     inside and outside agrees, differences are allowed only on the cube's one-voxel boundary;
//   - the label map's geometry is the source's, bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numbers>

#include "TestModels.h"

namespace cadview::test {
namespace {

// Voxel values: >= 101 is above the models' threshold ((v - 0.3) / 200 > 0.5), <= 100 below.
constexpr double kBright = 200, kDark = -50;

std::uint8_t labelAt(const Volume& labels, std::size_t x, std::size_t y, std::size_t z) {
    const auto& s = labels.geometry().size;
    return labels.as<std::uint8_t>()[(z * s[1] + y) * s[0] + x];
}

// Compares a label map with the truth `inside(x, y, z)`: every mismatch must lie on the truth's boundary
// (a voxel with a 26-neighbour of the other kind). That alone would let a label map shifted by a whole
// voxel pass, so the centroids of the labelled and the true voxels must also agree within a quarter of a
// voxel along each index axis (a shift of one voxel, or half a voxel, moves the centroid that far).
// Returns the number of mismatches.
std::size_t expectMatchesUpToBoundary(const Volume& labels, std::uint8_t value,
                                      const std::function<bool(long, long, long)>& inside) {
    const auto& s = labels.geometry().size;
    std::size_t mismatches = 0, offBoundary = 0, truth = 0, labelled = 0;
    Vec3 truthSum{0, 0, 0}, labelSum{0, 0, 0};
    for (long z = 0; z < long(s[2]); ++z)
        for (long y = 0; y < long(s[1]); ++y)
            for (long x = 0; x < long(s[0]); ++x) {
                const bool in = inside(x, y, z);
                const Vec3 at{double(x), double(y), double(z)};
                if (in) ++truth, truthSum = truthSum + at;
                const std::uint8_t l = labelAt(labels, std::size_t(x), std::size_t(y), std::size_t(z));
                if (l != 0 && l != value) {
                    ADD_FAILURE() << "unexpected label " << int(l);
                    return mismatches;
                }
                if (l == value) ++labelled, labelSum = labelSum + at;
                if ((l == value) == in) continue;
                ++mismatches;
                bool boundary = false;
                for (long dz = -1; dz <= 1 && !boundary; ++dz)
                    for (long dy = -1; dy <= 1 && !boundary; ++dy)
                        for (long dx = -1; dx <= 1 && !boundary; ++dx) {
                            const long nx = x + dx, ny = y + dy, nz = z + dz;
                            if (nx < 0 || ny < 0 || nz < 0 || nx >= long(s[0]) || ny >= long(s[1]) ||
                                nz >= long(s[2]))
                                continue;
                            boundary = inside(nx, ny, nz) != in;
                        }
                if (!boundary && ++offBoundary <= 5)
                    ADD_FAILURE() << "voxel (" << x << ", " << y << ", " << z << ") is "
                                  << (in ? "inside" : "outside") << " the object, labelled " << int(l)
                                  << ", and not on its boundary";
            }
    EXPECT_EQ(offBoundary, 0u);
    EXPECT_GT(truth, 0u);
    EXPECT_GT(labelled, 0u);
    for (int a = 0; a < 3; ++a)
        EXPECT_NEAR(labelSum[a] / double(labelled), truthSum[a] / double(truth), 0.25)
            << "centroid, axis " << a;
    std::cout << "  " << truth << " voxels inside, " << labelled << " labelled, " << mismatches
              << " differ (all on the boundary)\n";
    return mismatches;
}

// A random integer volume in [0, 200]: about half the voxels above the threshold, in no pattern.
Volume randomVolume(const ImageGeometry& g, std::uint32_t seed) {
    Lcg rng(seed);
    return makeVolume<std::int16_t>(g, [&](auto, auto, auto) { return double(rng.next(201)); });
}

void expectThresholded(const Volume& image, const Volume& labels, std::uint8_t value, int zShift = 0) {
    const auto& s = image.geometry().size;
    std::size_t wrong = 0;
    for (std::size_t z = 0; z < s[2]; ++z) {
        const std::size_t zs = std::size_t(std::clamp<long>(long(z) + zShift, 0, long(s[2]) - 1));
        for (std::size_t y = 0; y < s[1]; ++y)
            for (std::size_t x = 0; x < s[0]; ++x) {
                const std::uint8_t expected = image.valueAt(x, y, zs) >= 101 ? value : 0;
                if (labelAt(labels, x, y, z) != expected && ++wrong <= 5)
                    ADD_FAILURE() << "at (" << x << ", " << y << ", " << z << "): label "
                                  << int(labelAt(labels, x, y, z)) << ", expected " << int(expected);
            }
    }
    EXPECT_EQ(wrong, 0u);
}

// Rotation by `degrees` about x, then about z: an oblique direction matrix (columns = index axes).
std::array<double, 9> obliqueDirection(double degrees) {
    const double a = degrees * std::numbers::pi / 180, c = std::cos(a), s = std::sin(a);
    const double rx[9] = {1, 0, 0, 0, c, -s, 0, s, c}, rz[9] = {c, -s, 0, s, c, 0, 0, 0, 1};
    std::array<double, 9> d{};
    for (int r = 0; r < 3; ++r)
        for (int k = 0; k < 3; ++k)
            for (int j = 0; j < 3; ++j)
                d[std::size_t(r * 3 + k)] += rz[r * 3 + j] * rx[j * 3 + k];
    return d;
}

// A volume on `g` with a bright axis-aligned cube (in patient space) of half-size `half` mm at `centre`.
struct CubeScene {
    ImageGeometry geometry;
    Vec3 centre;
    double half;
    bool inside(long x, long y, long z) const {
        const Vec3 p = geometry.indexToPhysical({double(x), double(y), double(z)});
        return std::abs(p[0] - centre[0]) <= half && std::abs(p[1] - centre[1]) <= half &&
               std::abs(p[2] - centre[2]) <= half;
    }
    Volume volume() const {
        return makeVolume<std::int16_t>(geometry, [&](std::size_t x, std::size_t y, std::size_t z) {
            return inside(long(x), long(y), long(z)) ? kBright : kDark;
        });
    }
};

CubeScene anisotropicScene() {
    CubeScene s;
    s.geometry = gridOf(96, 96, 20, {0.7, 0.7, 3.0});
    s.geometry.origin = {-30.0, 12.5, -100.0};
    // Off the grid's centre, and not on voxel boundaries: the cube cuts voxels unevenly.
    s.centre = s.geometry.center() + Vec3{4.3, -6.1, 5.2};
    s.half = 12.4;
    return s;
}

CubeScene obliqueScene() {
    CubeScene s = anisotropicScene();
    s.geometry.direction = obliqueDirection(30);
    s.centre = s.geometry.center() + Vec3{3.1, 2.2, -4.4};
    s.half = 11.6;
    return s;
}

TEST(SegmentationGeometry, Isotropic3DLabelsAreTheThresholdedImage) {
    ImageGeometry g = gridOf(45, 37, 21);
    g.origin = {-12.25, 40.5, 3.0};
    const Volume image = randomVolume(g, 1);
    const InferenceResult r = runModel(testManifest("test-seg3d"), image);
    ASSERT_TRUE(r.labels);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    EXPECT_EQ(r.labels->pixelType(), PixelType::UInt8);
    expectThresholded(image, *r.labels, 5);
}

TEST(SegmentationGeometry, IsotropicObliqueSubMillimetreLabelsAreTheThresholdedImage) {
    // Spacing 0.8 mm with a model at 0.8 mm: no resampling, whatever the orientation.
    ImageGeometry g = gridOf(40, 33, 30, {0.8, 0.8, 0.8});
    g.direction = obliqueDirection(30);
    const Volume image = randomVolume(g, 2);
    ModelManifest m = testManifest("test-seg3d");
    m.inputSpacing = {0.8, 0.8, 0.8};
    const InferenceResult r = runModel(m, image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectThresholded(image, *r.labels, 5);
}

TEST(SegmentationGeometry, Slices2DLabelsAreTheThresholdedImage) {
    // 100 x 70 pixels in 64 x 64 tiles: overlapping, Gaussian-blended tiles, and a padded one.
    const Volume image = randomVolume(gridOf(100, 70, 5), 3);
    const InferenceResult r = runModel(testManifest("test-seg2d"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectThresholded(image, *r.labels, 2);
}

TEST(SegmentationGeometry, Float16WeightsRunInFloat32) {
    // The same network with its weights stored as float16: LibTorch's CPU convolution has no half kernel, so
    // this fails unless the backend converts the weights to float32 on load.
    const Volume image = randomVolume(gridOf(100, 70, 5), 3);
    const InferenceResult r = runModel(testManifest("test-seg2d-half"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectThresholded(image, *r.labels, 2);
}

TEST(SegmentationGeometry, Slices25DSeeTheirNeighboursInOrder) {
    // The model thresholds channel 0 only, which is the slice below (z - 1, clamped at the first slice).
    const Volume image = randomVolume(gridOf(50, 40, 9), 4);
    const InferenceResult r = runModel(testManifest("test-seg25d"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectThresholded(image, *r.labels, 3, -1);
}

TEST(SegmentationGeometry, AnisotropicCube3D) {
    const CubeScene scene = anisotropicScene();
    const Volume image = scene.volume();
    const InferenceResult r = runModel(testManifest("test-seg3d"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    const std::size_t differ = expectMatchesUpToBoundary(
        *r.labels, 5, [&](long x, long y, long z) { return scene.inside(x, y, z); });
    RecordProperty("boundary_differences", int(differ));
}

TEST(SegmentationGeometry, ObliqueAnisotropicCube3D) {
    const CubeScene scene = obliqueScene();
    ASSERT_GT(scene.geometry.obliquityDegrees(), 25.0);
    const Volume image = scene.volume();
    const InferenceResult r = runModel(testManifest("test-seg3d"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectMatchesUpToBoundary(*r.labels, 5, [&](long x, long y, long z) { return scene.inside(x, y, z); });
}

TEST(SegmentationGeometry, ObliqueAnisotropicCube2D) {
    const CubeScene scene = obliqueScene();
    const Volume image = scene.volume();
    const InferenceResult r = runModel(testManifest("test-seg2d"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectMatchesUpToBoundary(*r.labels, 2, [&](long x, long y, long z) { return scene.inside(x, y, z); });
}

TEST(SegmentationGeometry, ResampledToSizeRectangle2D) {
    // A 300 x 170 radiograph-like image squeezed to the model's 256 x 256 and the result stretched back.
    ImageGeometry g = gridOf(300, 170, 1, {0.3, 0.3, 1});
    const auto inside = [](long x, long y, long) { return x >= 37 && x < 211 && y >= 20 && y < 101; };
    const Volume image = makeVolume<std::uint8_t>(g, [&](std::size_t x, std::size_t y, std::size_t z) {
        return inside(long(x), long(y), long(z)) ? 230 : 20;
    });
    const InferenceResult r = runModel(testManifest("test-seg2d-size"), image);
    expectSameGeometry(r.labels->geometry(), image.geometry());
    expectMatchesUpToBoundary(*r.labels, 1, inside);
}

// "keep_largest_component": of two bright boxes only the larger stays labelled, voxel for voxel; without
// it both are. A third box touching the large one only at an edge (not a face) is a separate component.
TEST(SegmentationGeometry, KeepLargestComponentLeavesOnlyTheLargestBox) {
    const auto big = [](long x, long y, long z) {
        return x >= 4 && x < 20 && y >= 4 && y < 20 && z >= 1 && z < 6;
    };
    const auto small = [](long x, long y, long z) {
        return x >= 30 && x < 36 && y >= 30 && y < 36 && z >= 2 && z < 4;
    };
    const auto diagonal = [](long x, long y, long z) {
        return x >= 20 && x < 23 && y >= 20 && y < 23 && z >= 1 && z < 6;
    };
    const Volume image =
        makeVolume<std::int16_t>(gridOf(40, 40, 7), [&](std::size_t x, std::size_t y, std::size_t z) {
            const long i = long(x), j = long(y), k = long(z);
            return big(i, j, k) || small(i, j, k) || diagonal(i, j, k) ? kBright : kDark;
        });
    ModelManifest m = testManifest("test-seg2d");
    const InferenceResult all = runModel(m, image);
    EXPECT_EQ(expectMatchesUpToBoundary(*all.labels, 2,
                                        [&](long x, long y, long z) {
                                            return big(x, y, z) || small(x, y, z) || diagonal(x, y, z);
                                        }),
              0u);
    m.keepLargestComponent = true;
    const InferenceResult largest = runModel(m, image);
    EXPECT_EQ(expectMatchesUpToBoundary(*largest.labels, 2, big), 0u);
}

TEST(SegmentationGeometry, LabelMapKeepsTheSourceDescription) {
    Volume image = randomVolume(gridOf(20, 20, 4), 5);
    image.info().modality = "CT";
    image.info().patientId = "P-1";
    const InferenceResult r = runModel(testManifest("test-seg3d"), image);
    EXPECT_EQ(r.modelName, "test-seg3d");
    EXPECT_EQ(r.modelVersion, "1.0.0");
    EXPECT_EQ(r.labels->info().patientId, "P-1");
    EXPECT_EQ(r.labels->info().seriesDescription, "test-seg3d 1.0.0");
    EXPECT_TRUE(r.probabilities.empty());
    EXPECT_TRUE(r.heatmaps.empty());
}

}  // namespace
}  // namespace cadview::test
