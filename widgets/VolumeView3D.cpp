#include "VolumeView3D.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPiecewiseFunction.h>
#include <vtkRenderer.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include "Session.h"
#include "image/IntensityStatistics.h"

namespace cadview {

namespace {

// Ray casting on software GL is the slowest thing the viewer draws: cast a ray per 1.5 x 1.5 pixels,
// and three per 3 x 3 while the user drags.
constexpr float kStillImageSampleDistance = 1.5f;
constexpr float kMovingImageSampleDistance = 3.0f;

struct Point {
    double value, r, g, b, a;
};

std::vector<Point> presetPoints(const QString& id, const Volume& v) {
    if (id == QLatin1String("ct-bone"))
        return {{-1000, 0, 0, 0, 0},
                {150, 0.55, 0.25, 0.15, 0},
                {250, 0.9, 0.8, 0.7, 0.2},
                {600, 1, 0.97, 0.9, 0.6},
                {3000, 1, 1, 1, 0.85}};
    if (id == QLatin1String("ct-soft-tissue"))
        return {{-1000, 0, 0, 0, 0},          {-200, 0.55, 0.3, 0.2, 0}, {0, 0.8, 0.45, 0.35, 0.08},
                {100, 0.95, 0.75, 0.6, 0.25}, {400, 1, 1, 0.95, 0.6},    {3000, 1, 1, 1, 0.8}};
    if (id == QLatin1String("ct-lung"))
        return {{-1000, 0, 0, 0, 0},       {-900, 0.3, 0.5, 0.9, 0}, {-600, 0.6, 0.75, 1, 0.12},
                {-400, 0.9, 0.9, 1, 0.05}, {-100, 0, 0, 0, 0},       {3000, 0, 0, 0, 0}};
    // Auto: a ramp from the 40th to the 99.5th percentile, which lifts tissue out of the background.
    const auto p = IntensityStatistics::percentiles(v, {0.40, 0.80, 0.995});
    const double lo = p[0], mid = std::max(p[1], lo + 1), hi = std::max(p[2], mid + 1);
    return {{lo, 0, 0, 0, 0}, {mid, 0.8, 0.6, 0.5, 0.15}, {hi, 1, 1, 1, 0.7}};
}

}  // namespace

QStringList VolumeView3D::presetIds() {
    return {QStringLiteral("ct-bone"), QStringLiteral("ct-soft-tissue"), QStringLiteral("ct-lung"),
            QStringLiteral("auto")};
}

QString VolumeView3D::presetName(const QString& id) {
    if (id == QLatin1String("ct-bone")) return tr("CT bone");
    if (id == QLatin1String("ct-soft-tissue")) return tr("CT soft tissue");
    if (id == QLatin1String("ct-lung")) return tr("CT lung");
    return tr("Automatic (MR, other)");
}

VolumeView3D::VolumeView3D(Session* session) : session_(session) {
    setObjectName(QStringLiteral("volumeView3D"));
    mapper_ = vtkSmartPointer<vtkGPUVolumeRayCastMapper>::New();
    mapper_->SetAutoAdjustSampleDistances(false);
    mapper_->SetImageSampleDistance(kStillImageSampleDistance);
    colors_ = vtkSmartPointer<vtkColorTransferFunction>::New();
    opacity_ = vtkSmartPointer<vtkPiecewiseFunction>::New();
    property_ = vtkSmartPointer<vtkVolumeProperty>::New();
    property_->SetColor(colors_);
    property_->SetScalarOpacity(opacity_);
    property_->SetInterpolationTypeToLinear();
    property_->ShadeOn();
    property_->SetAmbient(0.3);
    property_->SetDiffuse(0.7);
    property_->SetSpecular(0.2);
    volume_ = vtkSmartPointer<vtkVolume>::New();
    volume_->SetMapper(mapper_);
    volume_->SetProperty(property_);
    renderer()->SetBackground(0.06, 0.06, 0.08);
    renderer()->AddVolume(volume_);
    connect(session_, &Session::volumeChanged, this, &VolumeView3D::onVolumeChanged);
    connect(session_, &Session::volume3DChanged, this, &VolumeView3D::onVolumeChanged);
    onVolumeChanged();
}

VolumeView3D::~VolumeView3D() = default;

bool VolumeView3D::hasContent() const {
    const auto& v = session_->volume3D();
    return v && !session_->isPreview() && !session_->volume3DPending() && !v->info().is2D &&
           v->components() == 1;
}

void VolumeView3D::paintOverlay(QPainter& painter) {
    if (!session_->hasImage()) return;
    QFont font = painter.font();
    font.setPointSizeF(9.5);
    painter.setFont(font);
    const QRect area = rect().adjusted(6, 3, -6, -3);
    const QString text = hasContent()                  ? presetName(preset_)
                         : session_->isPreview()       ? tr("3D: waiting for the series to load")
                         : session_->volume3DPending() ? tr("3D: preparing…")
                                                       : tr("3D: not available for this image");
    painter.setPen(QColor(230, 230, 230));
    painter.drawText(area, Qt::AlignRight | Qt::AlignTop, text);
}

void VolumeView3D::onVolumeChanged() {
    const auto& v = session_->volume3D();
    const bool show = hasContent();
    volume_->SetVisibility(show);
    if (!show) {
        // Let go of the last study's volume: after File > Close nothing else holds it, and while the
        // next study loads it would be held twice.
        mapper_->RemoveAllInputs();
        refresh();
        return;
    }
    mapper_->SetInputData(session_->imageData3D());
    const ImageGeometry& g = v->geometry();
    auto m = vtkSmartPointer<vtkMatrix4x4>::New();
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c)
            m->SetElement(r, c, g.direction[r * 3 + c]);
        m->SetElement(r, 3, g.origin[r]);
    }
    volume_->SetUserMatrix(m);
    // One sample per voxel along the ray is plenty for display; half-voxel sampling doubles the cost.
    mapper_->SetSampleDistance(
        float(std::max({g.spacing[0], g.spacing[1], std::min(g.spacing[2], 2 * g.spacing[0])})));
    if (!userPreset_)
        preset_ = v->info().modality == "CT" ? QStringLiteral("ct-bone") : QStringLiteral("auto");
    applyPreset();
    resetCamera();
}

void VolumeView3D::setPreset(const QString& id) {
    preset_ = id;
    userPreset_ = true;
    applyPreset();
}

void VolumeView3D::applyPreset() {
    const auto& v = session_->volume3D();
    if (!v || session_->isPreview()) return;
    colors_->RemoveAllPoints();
    opacity_->RemoveAllPoints();
    for (const Point& p : presetPoints(preset_, *v)) {
        colors_->AddRGBPoint(p.value, p.r, p.g, p.b);
        opacity_->AddPoint(p.value, p.a);
    }
    requestRender();
}

void VolumeView3D::resetCamera() {
    const auto& v = session_->volume3D();
    if (!v) return;
    // Anterior view: the camera faces the patient, so the patient's left is on the screen's right.
    // Placed from the volume's bounding sphere by hand: vtkRenderer::ResetCamera() queries GL, which
    // must not happen outside paintGL().
    const ImageGeometry& g = v->geometry();
    const Vec3 c = g.center();
    double radius = 0;
    for (int a = 0; a < 3; ++a)
        radius += std::pow(double(g.size[a]) * g.spacing[a] / 2, 2);
    radius = std::sqrt(radius);
    vtkCamera* cam = renderer()->GetActiveCamera();
    const double distance = radius / std::sin(cam->GetViewAngle() * 3.14159265358979 / 360.0);
    cam->SetFocalPoint(c[0], c[1], c[2]);
    cam->SetPosition(c[0], c[1] - distance, c[2]);
    cam->SetViewUp(0, 0, 1);
    cam->SetClippingRange(std::max(1.0, distance - 2 * radius), distance + 2 * radius);
    requestRender();
}

void VolumeView3D::resetClippingRange() {
    const auto& v = session_->volume3D();
    if (!v) return;
    const ImageGeometry& g = v->geometry();
    double radius = 0;
    for (int a = 0; a < 3; ++a)
        radius += std::pow(double(g.size[a]) * g.spacing[a] / 2, 2);
    radius = std::sqrt(radius);
    vtkCamera* cam = renderer()->GetActiveCamera();
    double pos[3];
    cam->GetPosition(pos);
    const Vec3 c = g.center();
    const double d = norm(Vec3{pos[0], pos[1], pos[2]} - c);
    cam->SetClippingRange(std::max(0.5, d - 1.5 * radius), d + 1.5 * radius);
}

void VolumeView3D::mousePressEvent(QMouseEvent* e) {
    dragButton_ = e->button();
    lastPos_ = e->position();
    mapper_->SetImageSampleDistance(kMovingImageSampleDistance);
}

void VolumeView3D::mouseMoveEvent(QMouseEvent* e) {
    if (dragButton_ == Qt::NoButton) return;
    const QPointF d = e->position() - lastPos_;
    lastPos_ = e->position();
    vtkCamera* cam = renderer()->GetActiveCamera();
    if (dragButton_ == Qt::LeftButton) {
        cam->Azimuth(-d.x() * 0.5);
        cam->Elevation(d.y() * 0.5);
        cam->OrthogonalizeViewUp();
    } else if (dragButton_ == Qt::RightButton) {
        cam->Dolly(std::exp(-d.y() * 0.01));
    } else if (dragButton_ == Qt::MiddleButton) {
        double fp[3], pos[3];
        cam->GetFocalPoint(fp);
        cam->GetPosition(pos);
        const double scale = cam->GetDistance() * 0.002;
        double up[3];
        cam->GetViewUp(up);
        double dir[3];
        cam->GetDirectionOfProjection(dir);
        const Vec3 right = cross(Vec3{dir[0], dir[1], dir[2]}, Vec3{up[0], up[1], up[2]});
        const Vec3 shift = right * (-d.x() * scale) + Vec3{up[0], up[1], up[2]} * (d.y() * scale);
        cam->SetFocalPoint(fp[0] + shift[0], fp[1] + shift[1], fp[2] + shift[2]);
        cam->SetPosition(pos[0] + shift[0], pos[1] + shift[1], pos[2] + shift[2]);
    }
    resetClippingRange();
    requestRender();
}

void VolumeView3D::mouseReleaseEvent(QMouseEvent*) {
    dragButton_ = Qt::NoButton;
    mapper_->SetImageSampleDistance(kStillImageSampleDistance);
    requestRender();
}

void VolumeView3D::mouseDoubleClickEvent(QMouseEvent*) {
    resetCamera();
}

void VolumeView3D::wheelEvent(QWheelEvent* e) {
    renderer()->GetActiveCamera()->Dolly(std::pow(1.1, e->angleDelta().y() / 120.0));
    resetClippingRange();
    requestRender();
}

}  // namespace cadview
