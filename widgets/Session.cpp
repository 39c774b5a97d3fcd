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

void Session::setDemoMode(bool on) {
    demoMode_ = on;
    emit annotationsChanged();
}

void Session::setLoadProgress(double fraction) {
    loadProgress_ = fraction;
    emit loadProgressChanged();
}

}  // namespace cadview
