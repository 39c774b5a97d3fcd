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
    labels_.reset(volume_ ? volume_->geometry() : ImageGeometry{});
    labelPath_.clear();
    measurements_.clear();
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
    emit labelTableChanged();
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
    labels_.reset(volume_ ? volume_->geometry() : ImageGeometry{});
    labelPath_.clear();
    if (volume_) {
        initialWindow_ = WindowPreset::initialFor(*volume_);
        window_ = initialWindow_;
        cursor_ = volume_->geometry().center();
    }
    emit volumeChanged();
    emit labelTableChanged();
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

bool Session::setOverlay(std::shared_ptr<const Volume> labels, QString* error, LabelTable table) {
    if (!volume_ || !labels || preview_) return false;
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
    try {
        labels_.load(*labels, std::move(table));
    } catch (const std::exception& e) {
        if (error) *error = tr("The label map cannot be used: %1.").arg(QString::fromStdString(e.what()));
        return false;
    }
    emit labelTableChanged();
    emit overlayChanged();
    return true;
}

void Session::clearOverlay() {
    if (volume_) labels_.reset(volume_->geometry());
    labelPath_.clear();
    emit labelTableChanged();
    emit overlayChanged();
}

void Session::labelsEdited() {
    emit labelsChanged();
}

void Session::setLabelTable(const LabelTable& table) {
    labels_.table() = table;
    labels_.touchTable();
    if (!table.find(labels_.activeLabel()) && !table.empty())
        labels_.setActiveLabel(table.entries().front().value);
    emit labelTableChanged();
    emit labelsChanged();
}

void Session::setActiveLabel(int value) {
    labels_.setActiveLabel(value);
    emit labelTableChanged();
}

bool Session::undoLabels() {
    if (!labels_.undo()) return false;
    emit labelsChanged();
    return true;
}

bool Session::redoLabels() {
    if (!labels_.redo()) return false;
    emit labelsChanged();
    return true;
}

PaintRule Session::paintRule(bool erase) const {
    PaintRule rule;
    rule.value = erase ? std::uint8_t(0) : std::uint8_t(labels_.activeLabel());
    rule.locked = labels_.table().lockTable();
    if (erase && tool_.eraseOnlyActive) rule.eraseOnly = std::uint8_t(labels_.activeLabel());
    if (tool_.thresholdOn && volume_) {
        rule.image = volume_.get();
        rule.low = std::min(tool_.low, tool_.high);
        rule.high = std::max(tool_.low, tool_.high);
    }
    return rule;
}

void Session::addMeasurement(const Measurement& m) {
    measurements_.push_back(m);
    emit measurementsChanged();
}

void Session::removeMeasurement(std::size_t index) {
    if (index >= measurements_.size()) return;
    measurements_.erase(measurements_.begin() + long(index));
    emit measurementsChanged();
}

void Session::clearMeasurements() {
    measurements_.clear();
    emit measurementsChanged();
}

void Session::setTool(const AnnotationTool& tool) {
    tool_ = tool;
    tool_.brushRadiusMm = std::clamp(tool_.brushRadiusMm, 0.1, 100.0);
    emit toolChanged();
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

void Session::acceptAiMask(int label) {
    if (!aiMask_ || !volume_) return;
    std::array<bool, 256> accept = aiVisible_;
    accept[0] = false;
    if (label > 0)
        for (int v = 1; v < 256; ++v)
            accept[std::size_t(v)] = accept[std::size_t(v)] && v == label;
    std::array<std::string, 256> names;
    std::array<std::array<std::uint8_t, 3>, 256> colors = labels_.table().colorTable();
    for (const auto& l : aiLabels_) {
        names[std::size_t(l.value & 0xff)] = l.name;
        colors[std::size_t(l.value & 0xff)] = l.color;
    }
    labels_.acceptMask(*aiMask_, accept, &names, &colors);
    if (label > 0) {
        aiVisible_[std::size_t(label & 0xff)] = false;  // accepted: the preview of it is done
        bool anyLeft = false;
        for (const auto& l : aiLabels_)
            anyLeft = anyLeft || aiVisible_[std::size_t(l.value & 0xff)];
        if (!anyLeft) aiMask_.reset();
    } else {
        aiMask_.reset();
    }
    emit labelTableChanged();
    emit labelsChanged();
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
