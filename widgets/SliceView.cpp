#include "SliceView.h"

#include <QFontMetrics>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPen>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkMatrix4x4.h>
#include <vtkRenderer.h>
#include <vtkType.h>

#include "HeatmapColors.h"
#include "Session.h"
#include "SliceAnnotator.h"
#include "image/SliceCompositor.h"

namespace cadview {

namespace {

Vec3 unit(int axis, int sign) {
    Vec3 v{0, 0, 0};
    v[axis] = sign;
    return v;
}

QString orientationName(SliceOrientation o) {
    switch (o) {
        case SliceOrientation::Axial:
            return SliceView::tr("Axial");
        case SliceOrientation::Coronal:
            return SliceView::tr("Coronal");
        case SliceOrientation::Sagittal:
            break;
    }
    return SliceView::tr("Sagittal");
}

}  // namespace

SliceView::SliceView(Session* session, SliceOrientation orientation)
    : session_(session), orientation_(orientation) {
    setObjectName(QStringLiteral("sliceView%1").arg(int(orientation)));
    // The slice is composed on the CPU (window/level and overlay in one pass, SliceCompositor) and
    // shown as one RGBA texture, placed in grid space by the actor's matrix.
    displaySlice_ = vtkSmartPointer<vtkImageData>::New();
    imageMapper_ = vtkSmartPointer<vtkImageSliceMapper>::New();
    imageMapper_->SetInputData(displaySlice_);
    imageMapper_->SetOrientation(2);
    imageProperty_ = vtkSmartPointer<vtkImageProperty>::New();
    imageProperty_->SetInterpolationTypeToLinear();
    imageProperty_->SetColorWindow(255);
    imageProperty_->SetColorLevel(127.5);
    imageSlice_ = vtkSmartPointer<vtkImageSlice>::New();
    imageSlice_->SetMapper(imageMapper_);
    imageSlice_->SetProperty(imageProperty_);
    placement_ = vtkSmartPointer<vtkMatrix4x4>::New();
    imageSlice_->SetUserMatrix(placement_);

    renderer()->SetBackground(0, 0, 0);
    renderer()->GetActiveCamera()->ParallelProjectionOn();
    renderer()->AddViewProp(imageSlice_);

    connect(session_, &Session::volumeChanged, this, &SliceView::onVolumeChanged);
    connect(session_, &Session::cursorChanged, this, &SliceView::onCursorChanged);
    connect(session_, &Session::windowChanged, this, &SliceView::onWindowChanged);
    connect(session_, &Session::overlayChanged, this, &SliceView::onOverlayChanged);
    connect(session_, &Session::labelsChanged, this, &SliceView::onOverlayChanged);
    connect(session_, &Session::labelTableChanged, this, [this] {
        tableColors_ = session_->labelDocument().table().colorTable();
        tableVisible_ = session_->labelDocument().table().visibilityTable();
        onOverlayChanged();
    });
    connect(session_, &Session::toolChanged, this, [this] { refresh(); });
    connect(session_, &Session::measurementsChanged, this, [this] { refresh(); });
    annotator_ = std::make_unique<SliceAnnotator>(this, session_);
    tableColors_ = session_->labelDocument().table().colorTable();
    tableVisible_ = session_->labelDocument().table().visibilityTable();
    connect(session_, &Session::aiChanged, this, [this] {
        aiColors_ = LabelTable().colorTable();  // the label palette, for values the model does not name
        for (const auto& l : session_->aiLabels())
            aiColors_[std::size_t(l.value & 0xff)] = l.color;
        onOverlayChanged();
    });
    crosshairTimer_.setSingleShot(true);
    crosshairTimer_.setInterval(20);
    connect(&crosshairTimer_, &QTimer::timeout, this, [this] { refresh(); });
    connect(session_, &Session::loadProgressChanged, this, [this] { refresh(); });
    connect(session_, &Session::annotationsChanged, this, [this] { refresh(); });
    onVolumeChanged();
}

SliceView::~SliceView() = default;

void SliceView::sceneInitialized() {
    onVolumeChanged();
}

bool SliceView::hasContent() const {
    return showsImage();
}

bool SliceView::beginWarmUp() {
    if (session_->hasImage()) return false;
    // A 2 x 2 slice uses the same shaders as a real study.
    displaySlice_->SetDimensions(2, 2, 1);
    displaySlice_->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    std::memset(displaySlice_->GetScalarPointer(), 0, 16);
    placement_->Identity();
    imageSlice_->VisibilityOn();
    renderer()->ResetCamera();
    return true;
}

void SliceView::endWarmUp() {
    imageSlice_->VisibilityOff();
    composedSlice_ = -1;
}

bool SliceView::showsImage() const {
    // A preview holds one axial slice: only views that slice through it can show it.
    return session_->hasImage() && (!session_->isPreview() || axes_.normalAxis == 2);
}

int SliceView::sliceCount() const {
    return session_->hasImage() ? int(session_->volume()->geometry().size[axes_.normalAxis]) : 0;
}

int SliceView::sliceIndex() const {
    if (!session_->hasImage()) return 0;
    const Vec3 idx = session_->volume()->geometry().physicalToIndex(session_->cursor());
    return std::clamp(int(std::lround(idx[axes_.normalAxis])), 0, std::max(0, sliceCount() - 1));
}

void SliceView::setSliceIndex(int index) {
    if (!session_->hasImage()) return;
    const ImageGeometry& g = session_->volume()->geometry();
    Vec3 idx = g.physicalToIndex(session_->cursor());
    idx[axes_.normalAxis] = std::clamp(index, 0, sliceCount() - 1);
    session_->setCursor(g.indexToPhysical(idx));
}

void SliceView::step(int delta, bool wrap) {
    const int n = sliceCount();
    if (n == 0) return;
    int k = sliceIndex() + delta;
    k = wrap ? ((k % n) + n) % n : std::clamp(k, 0, n - 1);
    setSliceIndex(k);
}

void SliceView::setZoom(double zoom) {
    zoom_ = std::clamp(zoom, 0.05, 50.0);
    updateCamera();
    requestRender();
}

void SliceView::resetView() {
    zoom_ = 1.0;
    panRight_ = panUp_ = 0;
    updateCamera();
    requestRender();
}

void SliceView::setInterpolation(bool linear) {
    linear_ = linear;
    if (linear)
        imageProperty_->SetInterpolationTypeToLinear();
    else
        imageProperty_->SetInterpolationTypeToNearest();
    requestRender();
}

void SliceView::setCrosshairVisible(bool visible) {
    crosshairVisible_ = visible;
    refresh();
}

Vec3 SliceView::worldOf(const Vec3& p) const {
    const ImageGeometry& g = session_->volume()->geometry();
    const Vec3 idx = g.physicalToIndex(p);
    return {idx[0] * g.spacing[0], idx[1] * g.spacing[1], idx[2] * g.spacing[2]};
}

void SliceView::onVolumeChanged() {
    if (!session_->hasImage()) {
        imageSlice_->VisibilityOff();
        requestRender();
        return;
    }
    const auto& volume = session_->volume();
    axes_ = SliceAxes::compute(volume->geometry(), orientation_);
    imageSlice_->SetVisibility(showsImage());
    const std::string names[4] = {
        SliceAxes::letters(axes_.rightPatient), SliceAxes::letters(axes_.rightPatient * -1.0),
        SliceAxes::letters(axes_.upPatient), SliceAxes::letters(axes_.upPatient * -1.0)};
    for (int i = 0; i < 4; ++i)
        letters_[i] = QString::fromStdString(names[i]);
    zoom_ = 1.0;
    panRight_ = panUp_ = 0;
    updateSliceImage();
    updateCamera();
    requestRender();
}

void SliceView::onCursorChanged() {
    if (!session_->hasImage()) return;
    // Another view moving the cursor in-plane only moves the crosshair, which Qt draws over the last
    // frame: VTK renders again only when this view's slice changed.
    if (sliceIndex() == composedSlice_) {
        // Only the crosshair moved (another view is scrolling): repaint a moment later, at most every
        // 20 ms, so the scrolled view gets its frames first.
        if (!crosshairTimer_.isActive()) crosshairTimer_.start();
        return;
    }
    updateSliceImage();
    updateCamera();
    requestRender();
}

void SliceView::onWindowChanged() {
    updateSliceImage();
    requestRender();
}

void SliceView::onOverlayChanged() {
    updateSliceImage();
    requestRender();
}

void SliceView::updateSliceImage() {
    if (!session_->hasImage() || !showsImage()) return;
    const Volume& v = *session_->volume();
    const ImageGeometry& g = v.geometry();
    SliceCompositor::Request r;
    r.normalAxis = axes_.normalAxis;
    r.index = std::size_t(sliceIndex());
    r.window = session_->window();
    if (session_->overlay() && session_->overlayVisible()) {
        SliceCompositor::LabelLayer layer;
        layer.labels = session_->overlay().get();
        layer.opacity = session_->overlayOpacity();
        layer.colors = &tableColors_;
        layer.visible = &tableVisible_;
        r.labelLayers.push_back(layer);
    }
    if (session_->aiMask()) {
        SliceCompositor::LabelLayer layer;
        layer.labels = session_->aiMask().get();
        layer.opacity = session_->aiOpacity();
        layer.colors = &aiColors_;
        layer.visible = &session_->aiVisibility();
        layer.outline = session_->aiOutline();
        r.labelLayers.push_back(layer);
    }
    const auto heat = session_->heatmap();
    if (heat) {
        r.heatmap.heatmap = heat.get();
        r.heatmap.slice = session_->heatmapSlice();
        r.heatmap.threshold = session_->heatmapThreshold();
        r.heatmap.opacity = session_->heatmapOpacity();
        r.heatmap.colors = &HeatmapColors::table();
    }
    const auto axes = SliceCompositor::inPlaneAxes(axes_.normalAxis);
    const int w = int(g.size[std::size_t(axes[0])]), h = int(g.size[std::size_t(axes[1])]);
    if (displaySlice_->GetDimensions()[0] != w || displaySlice_->GetDimensions()[1] != h ||
        displaySlice_->GetNumberOfScalarComponents() != 4) {
        displaySlice_->SetDimensions(w, h, 1);
        displaySlice_->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    }
    displaySlice_->SetSpacing(g.spacing[std::size_t(axes[0])], g.spacing[std::size_t(axes[1])], 1.0);
    std::vector<std::uint8_t>& pixels = composeBuffer_;
    SliceCompositor::compose(v, r, pixels);
    std::memcpy(displaySlice_->GetScalarPointer(), pixels.data(), pixels.size());
    displaySlice_->Modified();
    composedSlice_ = int(r.index);

    // Image (x, y) in mm -> grid space: x along the first in-plane axis, y along the second, at the slice.
    placement_->Identity();
    for (int r2 = 0; r2 < 3; ++r2) {
        placement_->SetElement(r2, 0, r2 == axes[0] ? 1 : 0);
        placement_->SetElement(r2, 1, r2 == axes[1] ? 1 : 0);
        placement_->SetElement(r2, 2, r2 == axes_.normalAxis ? 1 : 0);
        placement_->SetElement(r2, 3,
                               r2 == axes_.normalAxis ? double(r.index) * g.spacing[std::size_t(r2)] : 0.0);
    }
    placement_->Modified();
}

void SliceView::updateCamera() {
    if (!session_->hasImage() || width() == 0 || height() == 0) return;
    const ImageGeometry& g = session_->volume()->geometry();
    const Vec3 right = unit(axes_.rightAxis, axes_.rightSign);
    const Vec3 up = unit(axes_.upAxis, axes_.upSign);
    const Vec3 projection = cross(up, right);  // camera looks along this; right = projection x up

    Vec3 centre{};
    for (int a = 0; a < 3; ++a)
        centre[a] = (double(g.size[a]) - 1) * g.spacing[a] / 2;
    centre[axes_.normalAxis] = sliceIndex() * g.spacing[axes_.normalAxis];
    const Vec3 focal = centre + right * panRight_ + up * panUp_;
    const double extentRight = double(g.size[axes_.rightAxis]) * g.spacing[axes_.rightAxis];
    const double extentUp = double(g.size[axes_.upAxis]) * g.spacing[axes_.upAxis];
    const double aspect = double(width()) / double(height());
    const double fit = std::max(extentUp / 2, extentRight / (2 * aspect));
    const double distance = 2 * std::max({extentRight, extentUp, 100.0});

    vtkCamera* cam = renderer()->GetActiveCamera();
    cam->SetFocalPoint(focal[0], focal[1], focal[2]);
    const Vec3 position = focal - projection * distance;
    cam->SetPosition(position[0], position[1], position[2]);
    cam->SetViewUp(up[0], up[1], up[2]);
    cam->SetParallelScale(fit / zoom_);
    cam->SetClippingRange(distance * 0.5, distance * 1.5);
}

void SliceView::paintColourBar(QPainter& painter) {
    const auto heat = session_->heatmap();
    if (!heat) return;
    // On the slice the heatmap belongs to (or every slice of a 3D heatmap).
    const bool onSlice = heat->geometry().size == session_->volume()->geometry().size ||
                         (axes_.normalAxis == 2 && std::size_t(sliceIndex()) == session_->heatmapSlice());
    if (!onSlice) return;
    const int w = 12, h = std::min(160, height() / 3), x = width() - w - 8, y = (height() - h) / 2;
    painter.drawImage(QRect(x, y, w, h), HeatmapColors::bar(w, h));
    painter.setPen(QColor(230, 230, 230));
    painter.drawRect(QRect(x, y, w, h));
    const int ty = y + int(std::lround((1.0 - session_->heatmapThreshold()) * h));
    painter.drawLine(x - 4, ty, x + w, ty);  // below this, transparent
    const int label = session_->activeHeatmap();
    const QString name = label >= 0 && label < int(session_->aiLabels().size())
                             ? QString::fromStdString(session_->aiLabels()[std::size_t(label)].name)
                             : QString();
    drawShadowedText(
        painter, QRect(x - 120, y - 36, 120 + w, 34), Qt::AlignRight | Qt::AlignBottom,
        (session_->heatmapsAreGradCam() ? tr("Grad-CAM") : tr("Occlusion")) + QLatin1Char('\n') + name,
        QColor(230, 230, 230));
}

void SliceView::paintCrosshair(QPainter& painter) {
    const auto& volume = session_->volume();
    if (!crosshairVisible_ || volume->info().is2D) return;
    const ImageGeometry& g = volume->geometry();
    // The slice's outline on screen, from two opposite corners of its voxels.
    Vec3 lo = g.physicalToIndex(session_->cursor()), hi = lo;
    for (int a : {axes_.rightAxis, axes_.upAxis}) {
        lo[a] = -0.5;
        hi[a] = double(g.size[a]) - 0.5;
    }
    const QRectF image =
        QRectF(widgetPositionOf(g.indexToPhysical(lo)), widgetPositionOf(g.indexToPhysical(hi))).normalized();
    const QPointF c = widgetPositionOf(session_->cursor());
    const double gap = 6;  // leave the point itself in view
    painter.setPen(QPen(QColor(217, 184, 51, 210), 1.0));
    painter.drawLine(QPointF(image.left(), c.y()), QPointF(std::max(image.left(), c.x() - gap), c.y()));
    painter.drawLine(QPointF(std::min(image.right(), c.x() + gap), c.y()), QPointF(image.right(), c.y()));
    painter.drawLine(QPointF(c.x(), image.top()), QPointF(c.x(), std::max(image.top(), c.y() - gap)));
    painter.drawLine(QPointF(c.x(), std::min(image.bottom(), c.y() + gap)), QPointF(c.x(), image.bottom()));
}

void SliceView::paintOverlay(QPainter& painter) {
    if (!session_->hasImage()) return;
    const auto& volume = session_->volume();
    const VolumeInfo& info = volume->info();
    const QFont font = overlayFont(painter, 9.5, false);
    painter.setFont(font);
    const QFontMetrics fm(font);
    const int margin = 6, line = fm.lineSpacing();
    auto text = [&](const QRect& box, int flags, const QString& s, const QColor& colour) {
        drawShadowedText(painter, box, flags, s, colour);
    };
    const QColor grey(230, 230, 230), yellow(255, 216, 77);
    const QRect area = rect().adjusted(margin, margin / 2, -margin, -margin / 2);

    QStringList topLeft;
    if (!session_->demoMode() && !info.patientName.empty())
        topLeft << QString::fromStdString(info.patientName).replace(QLatin1Char('^'), QLatin1Char(' '));
    QString series = QString::fromStdString(info.seriesDescription);
    if (series.isEmpty()) series = QString::fromStdString(info.format);
    topLeft << series;
    if (!info.modality.empty()) topLeft << QString::fromStdString(info.modality);

    QStringList topRight;
    const QString loading = tr("Loading… %1%").arg(int(std::lround(session_->loadProgress() * 100)));
    if (!showsImage()) {
        text(area, Qt::AlignCenter, loading, grey);
        return;
    }
    if (!info.is2D) {
        topRight << orientationName(orientation_)
                 << tr("Slice %1 / %2").arg(sliceIndex() + 1).arg(sliceCount());
        // Position along the patient axis this view slices through (axial: z, coronal: y, sagittal: x).
        const int patientAxis = orientation_ == SliceOrientation::Axial     ? 2
                                : orientation_ == SliceOrientation::Coronal ? 1
                                                                            : 0;
        Vec3 onSlice = volume->geometry().physicalToIndex(session_->cursor());
        onSlice[axes_.normalAxis] = sliceIndex();
        topRight << tr("%L1 mm").arg(volume->geometry().indexToPhysical(onSlice)[patientAxis], 0, 'f', 1);
    }
    if (session_->isPreview()) topRight << loading;
    paintCrosshair(painter);
    paintColourBar(painter);
    annotator_->paint(painter);
    const WindowLevel w = session_->window();
    // The corners share the top and bottom edges with the orientation letter in the middle: each gets
    // the width beside it, and longer lines are elided, so a narrow view never overprints.
    const QFontMetrics letterMetrics(overlayFont(painter, 11, true));
    const int letterHalf = info.is2D ? 0
                                     : std::max(letterMetrics.horizontalAdvance(letters_[2]),
                                                letterMetrics.horizontalAdvance(letters_[3])) /
                                               2 +
                                           margin;
    const int cornerWidth = std::max(0, area.width() / 2 - letterHalf - margin / 2);
    const auto fit = [&](const QStringList& lines) {
        QStringList fitted;
        for (const QString& l : lines)
            fitted << fm.elidedText(l, Qt::ElideRight, cornerWidth);
        return fitted.join(QLatin1Char('\n'));
    };
    text(area, Qt::AlignLeft | Qt::AlignTop, fit(topLeft), grey);
    text(area, Qt::AlignRight | Qt::AlignTop, fit(topRight), grey);
    text(area, Qt::AlignLeft | Qt::AlignBottom,
         fit({tr("W %L1  L %L2").arg(w.width, 0, 'f', 0).arg(w.center, 0, 'f', 0)}), grey);
    text(area, Qt::AlignRight | Qt::AlignBottom, fit({tr("Zoom %1%").arg(int(std::lround(zoom_ * 100)))}),
         grey);

    if (info.is2D) return;  // a radiograph's orientation is not known from its grid
    painter.setFont(overlayFont(painter, 11, true));
    const int cx = width() / 2, cy = height() / 2, h = line * 2;
    text(QRect(width() - margin - 40, cy - h / 2, 40, h), Qt::AlignRight | Qt::AlignVCenter, letters_[0],
         yellow);
    text(QRect(margin, cy - h / 2, 40, h), Qt::AlignLeft | Qt::AlignVCenter, letters_[1], yellow);
    text(QRect(cx - 40, margin / 2, 80, h), Qt::AlignHCenter | Qt::AlignTop, letters_[2], yellow);
    text(QRect(cx - 40, height() - h - margin / 2, 80, h), Qt::AlignHCenter | Qt::AlignBottom, letters_[3],
         yellow);
}

void SliceView::resizeGL(int w, int h) {
    VtkHostWindow::resizeGL(w, h);
    updateCamera();
}

std::optional<Vec3> SliceView::patientPointAt(QPointF pos) const {
    if (!showsImage() || width() == 0 || height() == 0) return std::nullopt;
    // Parallel projection: the screen maps linearly to the slice plane around the focal point.
    vtkCamera* cam = renderer()->GetActiveCamera();
    double focal[3];
    cam->GetFocalPoint(focal);
    const double scale = cam->GetParallelScale();  // half the view height in mm
    const double mmPerPixel = 2 * scale / double(height());
    const double dx = (pos.x() - width() / 2.0) * mmPerPixel;
    const double dy = (height() / 2.0 - pos.y()) * mmPerPixel;
    const Vec3 world = Vec3{focal[0], focal[1], focal[2]} + unit(axes_.rightAxis, axes_.rightSign) * dx +
                       unit(axes_.upAxis, axes_.upSign) * dy;
    const ImageGeometry& g = session_->volume()->geometry();
    Vec3 idx{world[0] / g.spacing[0], world[1] / g.spacing[1], world[2] / g.spacing[2]};
    idx[axes_.normalAxis] = sliceIndex();
    return g.indexToPhysical(idx);
}

QPointF SliceView::widgetPositionOf(const Vec3& patientPoint) const {
    if (!session_->hasImage() || height() == 0) return {};
    vtkCamera* cam = renderer()->GetActiveCamera();
    double focal[3];
    cam->GetFocalPoint(focal);
    const double mmPerPixel = 2 * cam->GetParallelScale() / double(height());
    const Vec3 d = worldOf(patientPoint) - Vec3{focal[0], focal[1], focal[2]};
    const double dx = dot(d, unit(axes_.rightAxis, axes_.rightSign)) / mmPerPixel;
    const double dy = dot(d, unit(axes_.upAxis, axes_.upSign)) / mmPerPixel;
    return {width() / 2.0 + dx, height() / 2.0 - dy};
}

bool SliceView::event(QEvent* e) {
    if (e->type() == QEvent::Leave) annotator_->leave();
    return VtkHostWindow::event(e);
}

void SliceView::mousePressEvent(QMouseEvent* e) {
    emit activated(this);
    if (annotator_->mousePress(e)) {
        e->accept();
        return;
    }
    dragButton_ = e->button();
    dragModifiers_ = e->modifiers();
    pressPos_ = lastPos_ = e->position();
    moved_ = false;
    e->accept();
}

void SliceView::mouseMoveEvent(QMouseEvent* e) {
    if (annotator_->mouseMove(e)) return;
    if (dragButton_ == Qt::NoButton || !session_->hasImage()) return;
    const QPointF d = e->position() - lastPos_;
    lastPos_ = e->position();
    if ((e->position() - pressPos_).manhattanLength() > 3) moved_ = true;
    if (!moved_) return;
    const bool pan = dragButton_ == Qt::MiddleButton ||
                     (dragButton_ == Qt::LeftButton && (dragModifiers_ & Qt::ShiftModifier));
    if (pan) {
        const double mmPerPixel = 2 * renderer()->GetActiveCamera()->GetParallelScale() / double(height());
        panRight_ -= d.x() * mmPerPixel;
        panUp_ += d.y() * mmPerPixel;
        updateCamera();
        requestRender();
    } else if (dragButton_ == Qt::LeftButton) {
        // Window/level: right widens the window, down raises the level, at a rate that crosses the
        // initial window in about a widget width.
        WindowLevel w = session_->window();
        const double rate = std::max(session_->initialWindow().width, 1.0) / std::max(width(), 100);
        w.width = std::max(1.0, w.width + d.x() * rate);
        w.center += d.y() * rate;
        session_->setWindow(w);
    } else if (dragButton_ == Qt::RightButton) {
        setZoom(zoom_ * std::exp(-d.y() * 0.01));
    }
}

void SliceView::mouseReleaseEvent(QMouseEvent* e) {
    if (annotator_->mouseRelease(e)) {
        dragButton_ = Qt::NoButton;
        return;
    }
    if (dragButton_ == Qt::LeftButton && !moved_) {
        if (auto p = patientPointAt(e->position())) session_->setCursor(*p);
    }
    dragButton_ = Qt::NoButton;
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (annotator_->mouseDoubleClick(e)) return;
    if (e->button() == Qt::RightButton) resetView();
}

void SliceView::wheelEvent(QWheelEvent* e) {
    const int notches = e->angleDelta().y() / 120;
    if (notches == 0) return;
    if (e->modifiers() & Qt::ControlModifier)
        setZoom(zoom_ * std::pow(1.15, notches));
    else
        step(notches);  // wheel away from the user = next slice
    e->accept();
}

void SliceView::keyPressEvent(QKeyEvent* e) {
    if (annotator_->keyPress(e)) {
        e->accept();
        return;
    }
    switch (e->key()) {
        case Qt::Key_Up:
        case Qt::Key_Right:
            step(1);
            break;
        case Qt::Key_Down:
        case Qt::Key_Left:
            step(-1);
            break;
        case Qt::Key_PageUp:
            step(10);
            break;
        case Qt::Key_PageDown:
            step(-10);
            break;
        case Qt::Key_Home:
            setSliceIndex(0);
            break;
        case Qt::Key_End:
            setSliceIndex(sliceCount() - 1);
            break;
        case Qt::Key_R:
            resetView();
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            setZoom(zoom_ * 1.25);
            break;
        case Qt::Key_Minus:
            setZoom(zoom_ / 1.25);
            break;
        default:
            VtkHostWindow::keyPressEvent(e);
            return;
    }
    e->accept();
}

}  // namespace cadview
