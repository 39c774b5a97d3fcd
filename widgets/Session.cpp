#include "Session.h"

#include <algorithm>
#include <cmath>

#include <vtkImageData.h>

#include "VtkVolumeBridge.h"

namespace cadview {

Session::Session(QObject* parent) : QObject(parent) {}
Session::~Session() = default;

vtkSmartPointer<vtkImageData> Session::imageData() const {
    return image_;
}
vtkSmartPointer<vtkImageData> Session::overlayImageData() const {
    return overlayImage_;
}
vtkSmartPointer<vtkImageData> Session::imageData3D() const {
    return image3D_ ? image3D_ : image_;
}

void Session::setVolume(std::shared_ptr<const Volume> volume, std::shared_ptr<const Volume> forRendering3D,
                        bool rendering3DPending) {
    const bool keepWindow = preview_ && volume_ && volume;
    volume_ = std::move(volume);
    preview_ = false;
    loadProgress_ = 1.0;
    image_ = volume_ ? VtkVolumeBridge::wrap(volume_) : nullptr;
    volume3D_ = volume_ ? std::move(forRendering3D) : nullptr;
    image3D_ = volume3D_ ? VtkVolumeBridge::wrap(volume3D_) : nullptr;
    volume3DPending_ = volume_ && rendering3DPending && !volume3D_;
    overlay_.reset();
    overlayImage_ = nullptr;
    aiMask_.reset();
    findings_.clear();
    heatmaps_.clear();
    activeHeatmap_ = -1;
    if (volume_) {
        initialWindow_ = WindowPreset::initialFor(*volume_);
        // A window picked while the preview was up stays; otherwise start from the initial one.
        if (!keepWindow) window_ = initialWindow_;
        cursor_ = volume_->geometry().center();
    }
    emit volumeChanged();
    emit overlayChanged();
    emit windowChanged();
    emit cursorChanged();
}

void Session::setVolume3D(std::shared_ptr<const Volume> forRendering3D) {
    volume3D_ = std::move(forRendering3D);
    image3D_ = volume3D_ ? VtkVolumeBridge::wrap(volume3D_) : nullptr;
    volume3DPending_ = false;
    emit volume3DChanged();
}

void Session::setPreview(std::shared_ptr<const Volume> slice) {
    volume_ = std::move(slice);
    volume3D_.reset();
    image3D_ = nullptr;
    volume3DPending_ = false;
    preview_ = true;
    image_ = volume_ ? VtkVolumeBridge::wrap(volume_) : nullptr;
    overlay_.reset();
    overlayImage_ = nullptr;
    if (volume_) {
        initialWindow_ = WindowPreset::initialFor(*volume_);
        window_ = initialWindow_;
        cursor_ = volume_->geometry().center();
    }
    emit volumeChanged();
    emit overlayChanged();
    emit windowChanged();
    emit cursorChanged();
}

void Session::clear() {
    setVolume(nullptr);
}

void Session::setCursor(const Vec3& point) {
    if (!volume_) return;
    const ImageGeometry& g = volume_->geometry();
    Vec3 idx = g.physicalToIndex(point);
    for (int a = 0; a < 3; ++a)
        idx[a] = std::clamp(idx[a], 0.0, double(g.size[a]) - 1);
    const Vec3 clamped = g.indexToPhysical(idx);
    if (clamped == cursor_) return;
    cursor_ = clamped;
    emit cursorChanged();
}

void Session::setWindow(WindowLevel window) {
    window.width = std::max(window.width, 1e-3);
    if (window.center == window_.center && window.width == window_.width) return;
    window_ = window;
    emit windowChanged();
}

void Session::setWindowPreset(const QString& id) {
    if (!volume_) return;
    if (id == QLatin1String("auto")) {
        setWindow(WindowPreset::automatic(*volume_));
        return;
    }
    if (id == QLatin1String("initial")) {
        setWindow(initialWindow_);
        return;
    }
    if (auto p = WindowPreset::find(id.toStdString())) setWindow(p->window);
}

bool Session::setOverlay(std::shared_ptr<const Volume> labels, QString* error) {
    if (!volume_ || !labels) return false;
    if (labels->geometry().size != volume_->geometry().size || labels->components() != 1) {
        if (error)
            *error = tr("The label map's grid (%1 × %2 × %3) differs from the image's (%4 × %5 × %6).")
                         .arg(labels->geometry().size[0])
                         .arg(labels->geometry().size[1])
                         .arg(labels->geometry().size[2])
                         .arg(volume_->geometry().size[0])
                         .arg(volume_->geometry().size[1])
                         .arg(volume_->geometry().size[2]);
        return false;
    }
    overlay_ = std::move(labels);
    overlayImage_ = VtkVolumeBridge::wrap(overlay_);
    emit overlayChanged();
    return true;
}

void Session::clearOverlay() {
    overlay_.reset();
    overlayImage_ = nullptr;
    emit overlayChanged();
}

void Session::setOverlayOpacity(double opacity) {
    overlayOpacity_ = std::clamp(opacity, 0.0, 1.0);
    emit overlayChanged();
}

void Session::setOverlayVisible(bool visible) {
    overlayVisible_ = visible;
    emit overlayChanged();
}

bool Session::setAiResult(const InferenceResult& result, const ModelManifest& manifest) {
    if (!volume_ || preview_) return false;
    if (result.labels && result.labels->geometry().size != volume_->geometry().size) return false;
    aiModel_ = result.modelName + " " + result.modelVersion;
    aiLabels_ = manifest.labels;
    aiMask_ = result.labels;
    aiVisible_.fill(true);
    findings_ = result.probabilities;
    heatmaps_ = result.heatmaps;
    gradCam_ = result.heatmapsAreGradCam;
    activeHeatmap_ = -1;
    if (!findings_.empty()) {
        // The most probable finding's heatmap is shown first.
        activeHeatmap_ = int(std::max_element(findings_.begin(), findings_.end()) - findings_.begin());
        if (!heatmaps_.empty()) {
            const Vec3 idx = volume_->geometry().physicalToIndex(heatmaps_.front()->geometry().origin);
            heatmapSlice_ =
                std::size_t(std::clamp(std::lround(idx[2]), 0L, long(volume_->geometry().size[2]) - 1));
        }
    }
    emit aiChanged();
    return true;
}

void Session::clearAiResult() {
    aiModel_.clear();
    aiLabels_.clear();
    aiMask_.reset();
    findings_.clear();
    heatmaps_.clear();
    activeHeatmap_ = -1;
    emit aiChanged();
}

void Session::setAiOutline(bool outline) {
    aiOutline_ = outline;
    emit aiChanged();
}

void Session::setAiOpacity(double opacity) {
    aiOpacity_ = std::clamp(opacity, 0.0, 1.0);
    emit aiChanged();
}

void Session::setAiLabelVisible(int value, bool visible) {
    aiVisible_[std::size_t(value & 0xff)] = visible;
    emit aiChanged();
}

void Session::acceptAiMask() {
    if (!aiMask_ || !volume_) return;
    auto merged = std::make_shared<Volume>(volume_->geometry(), PixelType::UInt8);
    auto* out = merged->as<std::uint8_t>();
    const auto* ai = aiMask_->as<std::uint8_t>();
    const std::size_t n = merged->voxelCount();
    if (overlay_) {
        dispatchPixelType(overlay_->pixelType(), [&](auto t) {
            using T = decltype(t);
            const T* src = overlay_->as<T>();
            for (std::size_t i = 0; i < n; ++i)
                out[i] = std::uint8_t(std::clamp(double(src[i]), 0.0, 255.0));
        });
    } else {
        std::fill_n(out, n, std::uint8_t(0));
    }
    for (std::size_t i = 0; i < n; ++i)
        if (ai[i] != 0 && aiVisible_[ai[i]]) out[i] = ai[i];
    merged->info().seriesDescription = aiModel_;
    overlay_ = merged;
    overlayImage_ = VtkVolumeBridge::wrap(overlay_);
    aiMask_.reset();
    emit overlayChanged();
    emit aiChanged();
}

void Session::setActiveHeatmap(int label) {
    activeHeatmap_ = label >= 0 && label < int(heatmaps_.size()) ? label : -1;
    emit aiChanged();
}

std::shared_ptr<const Volume> Session::heatmap() const {
    return activeHeatmap_ >= 0 && activeHeatmap_ < int(heatmaps_.size())
               ? heatmaps_[std::size_t(activeHeatmap_)]
               : nullptr;
}

void Session::setHeatmapThreshold(double threshold) {
    heatmapThreshold_ = std::clamp(threshold, 0.0, 1.0);
    emit aiChanged();
}

void Session::setHeatmapOpacity(double opacity) {
    heatmapOpacity_ = std::clamp(opacity, 0.0, 1.0);
    emit aiChanged();
}

void Session::setDemoMode(bool on) {
    demoMode_ = on;
    emit annotationsChanged();
}

void Session::setLoadProgress(double fraction) {
    loadProgress_ = fraction;
    emit loadProgressChanged();
}

}  // namespace cadview
