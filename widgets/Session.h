#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include <vtkSmartPointer.h>

#include "image/Vec3.h"
#include "image/Volume.h"
#include "image/WindowPreset.h"

class vtkImageData;

namespace cadview {

// The open study: the image, its label overlay, the linked cursor and the display window. Every view
// observes it; views never talk to each other.
class Session : public QObject {
    Q_OBJECT
  public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // The loaded volume. Resets the cursor to the centre and the window to the volume's initial one.
    // `forRendering3D` is a smaller copy for the 3D view of a large volume (nullptr: use the volume);
    // with `rendering3DPending`, the 3D view waits for setVolume3D() instead.
    void setVolume(std::shared_ptr<const Volume> volume,
                   std::shared_ptr<const Volume> forRendering3D = nullptr, bool rendering3DPending = false);
    void setVolume3D(std::shared_ptr<const Volume> forRendering3D);
    bool volume3DPending() const { return volume3DPending_; }
    // One decoded slice shown while the rest of a large series loads; replaced by setVolume().
    void setPreview(std::shared_ptr<const Volume> slice);
    void clear();

    const std::shared_ptr<const Volume>& volume() const { return volume_; }
    vtkSmartPointer<vtkImageData> imageData() const;
    // What the 3D view renders: the volume, or its smaller copy.
    const std::shared_ptr<const Volume>& volume3D() const { return volume3D_ ? volume3D_ : volume_; }
    vtkSmartPointer<vtkImageData> imageData3D() const;
    bool hasImage() const { return volume_ != nullptr; }
    bool isPreview() const { return preview_; }

    // Linked cursor in patient space (LPS, mm), kept inside the volume.
    Vec3 cursor() const { return cursor_; }
    void setCursor(const Vec3& point);

    WindowLevel window() const { return window_; }
    void setWindow(WindowLevel window);
    void setWindowPreset(const QString& id);  // a CT preset id, or "auto"
    WindowLevel initialWindow() const { return initialWindow_; }

    // A label map on the same grid as the volume (0 = background). Returns false, with `error` set,
    // when its grid differs.
    bool setOverlay(std::shared_ptr<const Volume> labels, QString* error = nullptr);
    void clearOverlay();
    const std::shared_ptr<const Volume>& overlay() const { return overlay_; }
    vtkSmartPointer<vtkImageData> overlayImageData() const;
    double overlayOpacity() const { return overlayOpacity_; }
    void setOverlayOpacity(double opacity);
    bool overlayVisible() const { return overlayVisible_; }
    void setOverlayVisible(bool visible);

    // Demo mode hides patient identifiers everywhere they would be shown.
    bool demoMode() const { return demoMode_; }
    void setDemoMode(bool on);

    // Loading progress (0..1) while a preview is shown; views print it.
    double loadProgress() const { return loadProgress_; }
    void setLoadProgress(double fraction);

  signals:
    void volumeChanged();
    void cursorChanged();
    void windowChanged();
    void overlayChanged();
    void loadProgressChanged();
    // Only what the views print changed (demo mode): no new picture needed.
    void annotationsChanged();
    // The copy the 3D view renders arrived (see setVolume3D).
    void volume3DChanged();

  private:
    std::shared_ptr<const Volume> volume_;
    vtkSmartPointer<vtkImageData> image_;
    std::shared_ptr<const Volume> volume3D_;
    vtkSmartPointer<vtkImageData> image3D_;
    bool volume3DPending_ = false;
    std::shared_ptr<const Volume> overlay_;
    vtkSmartPointer<vtkImageData> overlayImage_;
    bool preview_ = false;
    Vec3 cursor_{0, 0, 0};
    WindowLevel window_;
    WindowLevel initialWindow_;
    double overlayOpacity_ = 0.5;
    bool overlayVisible_ = true;
    bool demoMode_ = false;
    double loadProgress_ = 1.0;
};

}  // namespace cadview
