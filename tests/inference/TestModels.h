#pragma once

// Shared helpers for the inference tests: the generated test models (tests/models/make_test_models.py,
// run by the CTest fixture `test_models` into CADVIEW_TEST_MODELS), synthetic volumes with known
// geometry, and running a model the way the GUI and the CLI do (ModelRunner through the LibTorch plugin).

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>

#include "image/Volume.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"
#include "inference/ModelRunner.h"
#include "inference/TorchPlugin.h"
#include "jobs/JobContext.h"

namespace cadview::test {

inline std::string modelDirectory() {
    return CADVIEW_TEST_MODELS;
}

// The manifest of a generated model (its folder name is its name).
inline ModelManifest testManifest(const std::string& name) {
    return ModelManifest::load(modelDirectory() + "/" + name + "/manifest.json");
}

inline InferenceResult runModel(const ModelManifest& manifest, const Volume& image) {
    JobContext job;
    ModelRunner runner(manifest, TorchPlugin::backend(), job);
    return runner.run(image, job);
}

// A volume of `type` whose voxel (x, y, z) is value(x, y, z).
template <typename T>
Volume makeVolume(const ImageGeometry& g,
                  const std::function<double(std::size_t, std::size_t, std::size_t)>& value) {
    Volume v(g, pixelTypeOf<T>());
    T* p = v.as<T>();
    for (std::size_t z = 0; z < g.size[2]; ++z)
        for (std::size_t y = 0; y < g.size[1]; ++y)
            for (std::size_t x = 0; x < g.size[0]; ++x)
                *p++ = T(value(x, y, z));
    return v;
}

inline ImageGeometry gridOf(std::size_t nx, std::size_t ny, std::size_t nz, Vec3 spacing = {1, 1, 1}) {
    ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = spacing;
    return g;
}

// Deterministic pseudo-random integers in [0, range) (a fixed LCG, so every run sees the same image).
class Lcg {
  public:
    explicit Lcg(std::uint32_t seed) : state_(seed) {}
    std::uint32_t next(std::uint32_t range) {
        state_ = state_ * 1664525u + 1013904223u;
        return (state_ >> 8) % range;
    }

  private:
    std::uint32_t state_;
};

inline void expectSameGeometry(const ImageGeometry& a, const ImageGeometry& b) {
    EXPECT_EQ(a.size, b.size);
    EXPECT_EQ(a.spacing, b.spacing);
    EXPECT_EQ(a.origin, b.origin);
    EXPECT_EQ(a.direction, b.direction);
}

}  // namespace cadview::test
