#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

#include <vtkSmartPointer.h>

#include "VtkHostWindow.h"

class vtkColorTransferFunction;
class vtkGPUVolumeRayCastMapper;
class vtkPiecewiseFunction;
class vtkVolume;
class vtkVolumeProperty;

namespace cadview {

class Session;

// Volume rendering of the session's volume in patient space (anterior view to start), with CT presets
// (bone, soft tissue, lung) and an MR/other preset built from the volume's percentiles.
// Mouse: left drag = rotate, right drag or wheel = zoom, middle drag = pan, double-click = reset.
class VolumeView3D : public VtkHostWindow {
    Q_OBJECT
  public:
    explicit VolumeView3D(Session* session);
    ~VolumeView3D() override;

    // Preset ids: "ct-bone", "ct-soft-tissue", "ct-lung", "auto".
    static QStringList presetIds();
    static QString presetName(const QString& id);
    void setPreset(const QString& id);
    QString preset() const { return preset_; }
    void resetCamera();

  protected:
    bool hasContent() const override;
    void paintOverlay(QPainter& painter) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;

  private:
    void onVolumeChanged();
    void applyPreset();
    void resetClippingRange();

    Session* session_;
    vtkSmartPointer<vtkGPUVolumeRayCastMapper> mapper_;
    vtkSmartPointer<vtkVolume> volume_;
    vtkSmartPointer<vtkVolumeProperty> property_;
    vtkSmartPointer<vtkColorTransferFunction> colors_;
    vtkSmartPointer<vtkPiecewiseFunction> opacity_;
    QString note_;
    QString preset_;
    bool userPreset_ = false;
    Qt::MouseButton dragButton_ = Qt::NoButton;
    QPointF lastPos_;
};

}  // namespace cadview
