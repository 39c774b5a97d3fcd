#pragma once

#include <QPointF>
#include <QTimer>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <vtkSmartPointer.h>

#include "SliceAxes.h"
#include "VtkHostWindow.h"

class vtkImageProperty;
class vtkImageSlice;
class vtkImageSliceMapper;
class vtkImageData;
class vtkMatrix4x4;

namespace cadview {

class Session;
class SliceAnnotator;

// One slice view (axial, coronal or sagittal) of the session's volume, with the label overlay, the
// linked crosshair, orientation letters and corner text.
// Mouse: left drag = window/level, left click = move the crosshair, right drag or Ctrl+wheel = zoom,
// middle drag or Shift+left drag = pan, wheel = next/previous slice; with an annotation tool picked, the
// left button draws with it instead (SliceAnnotator). Keys: arrows/Page Up/Page Down
// = slices, Home/End = first/last slice, R = reset zoom and pan.
class SliceView : public VtkHostWindow {
    Q_OBJECT
  public:
    SliceView(Session* session, SliceOrientation orientation);
    ~SliceView() override;

    SliceOrientation orientation() const { return orientation_; }
    const SliceAxes& axes() const { return axes_; }
    int sliceIndex() const;
    int sliceCount() const;
    void setSliceIndex(int index);
    // Moves by `delta` slices; with `wrap`, past the last slice comes the first (cine).
    void step(int delta, bool wrap = false);

    double zoom() const { return zoom_; }
    void setZoom(double zoom);
    void resetView();
    void setInterpolation(bool linear);
    bool interpolation() const { return linear_; }
    void setCrosshairVisible(bool visible);
    bool crosshairVisible() const { return crosshairVisible_; }

    // The patient-space point under a widget position (logical pixels), on the current slice.
    std::optional<Vec3> patientPointAt(QPointF widgetPos) const;
    // The widget position (logical pixels) where a patient-space point is drawn.
    QPointF widgetPositionOf(const Vec3& patientPoint) const;

  signals:
    void activated(cadview::SliceView* view);

  protected:
    void sceneInitialized() override;
    bool hasContent() const override;
    bool beginWarmUp() override;
    void endWarmUp() override;
    bool event(QEvent* e) override;
    void paintOverlay(QPainter& painter) override;
    void resizeGL(int w, int h) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

  private:
    void onVolumeChanged();
    void onCursorChanged();
    void onWindowChanged();
    void onOverlayChanged();
    void updateSliceImage();
    void updateCamera();
    void paintCrosshair(QPainter& painter);
    void paintColourBar(QPainter& painter);
    bool showsImage() const;
    Vec3 worldOf(const Vec3& patientPoint) const;  // patient (LPS) -> grid space (index * spacing)

    Session* session_;
    SliceOrientation orientation_;
    SliceAxes axes_;
    vtkSmartPointer<vtkImageSlice> imageSlice_;
    vtkSmartPointer<vtkImageSliceMapper> imageMapper_;
    vtkSmartPointer<vtkImageProperty> imageProperty_;
    vtkSmartPointer<vtkImageData> displaySlice_;  // the composed slice, RGBA
    vtkSmartPointer<vtkMatrix4x4> placement_;     // its place in grid space
    std::vector<std::uint8_t> composeBuffer_;
    std::array<std::array<std::uint8_t, 3>, 256> aiColors_{};     // the model's label colours
    std::array<std::array<std::uint8_t, 3>, 256> tableColors_{};  // the label table's colours
    std::array<bool, 256> tableVisible_{};
    std::unique_ptr<SliceAnnotator> annotator_;
    int composedSlice_ = -1;
    QString letters_[4];  // right, left, top, bottom
    QTimer crosshairTimer_;

    double zoom_ = 1.0;
    double panRight_ = 0, panUp_ = 0;  // mm, in the screen's right/up directions
    bool linear_ = true;
    bool crosshairVisible_ = true;

    Qt::MouseButton dragButton_ = Qt::NoButton;
    Qt::KeyboardModifiers dragModifiers_;
    QPointF pressPos_, lastPos_;
    bool moved_ = false;
};

}  // namespace cadview
