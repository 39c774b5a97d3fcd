#include "SliceAnnotator.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "Session.h"
#include "SliceView.h"
#include "annotation/Brush.h"
#include "annotation/PolygonFill.h"
#include "annotation/RegionGrow.h"
#include "image/SliceCompositor.h"

namespace cadview {

SliceAnnotator::SliceAnnotator(SliceView* view, Session* session) : view_(view), session_(session) {}

std::optional<Vec3> SliceAnnotator::indexAt(QPointF pos) const {
    const auto p = view_->patientPointAt(pos);
    if (!p || !session_->hasImage() || session_->isPreview()) return std::nullopt;
    Vec3 idx = session_->volume()->geometry().physicalToIndex(*p);
    idx[std::size_t(view_->axes().normalAxis)] = view_->sliceIndex();
    return idx;
}

bool SliceAnnotator::mousePress(QMouseEvent* e) {
    const AnnotationTool& tool = session_->tool();
    if (e->button() != Qt::LeftButton || tool.kind == AnnotationTool::Kind::Navigate) return false;
    if (e->modifiers() & Qt::ShiftModifier) return false;  // Shift + drag pans with every tool
    const auto idx = indexAt(e->position());
    if (!idx) return true;
    switch (tool.kind) {
        case AnnotationTool::Kind::Brush:
        case AnnotationTool::Kind::Eraser: {
            const bool erase =
                tool.kind == AnnotationTool::Kind::Eraser || (e->modifiers() & Qt::ControlModifier);
            LabelMapDocument& doc = session_->labelDocument();
            LabelEditRecorder& recorder = doc.beginStroke();
            stroking_ = true;
            strokeErases_ = erase;
            lastIndex_ = *idx;
            Brush::dab(recorder, *idx, {tool.brushRadiusMm, tool.sphere, view_->axes().normalAxis},
                       session_->paintRule(erase));
            session_->labelsEdited();
            break;
        }
        case AnnotationTool::Kind::Polygon:
            if (polygonSlice_ != view_->sliceIndex()) polygon_.clear();
            polygonSlice_ = view_->sliceIndex();
            polygon_.push_back(*idx);
            lassoDrag_ = false;
            view_->refresh();
            break;
        case AnnotationTool::Kind::FloodFill:
            floodFill(e->position());
            break;
        case AnnotationTool::Kind::Ruler:
        case AnnotationTool::Kind::Angle:
            measureClick(e->position(), true);
            break;
        case AnnotationTool::Kind::Navigate:
            break;
    }
    return true;
}

bool SliceAnnotator::mouseMove(QMouseEvent* e) {
    const AnnotationTool& tool = session_->tool();
    if (tool.kind == AnnotationTool::Kind::Navigate) return false;
    hover_ = e->position();
    if (stroking_) {
        if (auto idx = indexAt(e->position())) {
            LabelEditRecorder* recorder = session_->labelDocument().stroke();
            if (recorder) {
                Brush::line(*recorder, lastIndex_, *idx,
                            {tool.brushRadiusMm, tool.sphere, view_->axes().normalAxis},
                            session_->paintRule(strokeErases_));
                lastIndex_ = *idx;
                session_->labelsEdited();
            }
        }
        return true;
    }
    if (tool.kind == AnnotationTool::Kind::Polygon && (e->buttons() & Qt::LeftButton) && !polygon_.empty()) {
        // A drag with the button held draws a lasso: a corner every couple of screen pixels.
        if (auto idx = indexAt(e->position())) {
            const QPointF last =
                view_->widgetPositionOf(session_->volume()->geometry().indexToPhysical(polygon_.back()));
            if (QLineF(last, e->position()).length() >= 2.0) {
                polygon_.push_back(*idx);
                lassoDrag_ = true;
            }
        }
    }
    if (tool.measures() && !measuring_.empty()) rubber_ = view_->patientPointAt(e->position());
    view_->refresh();
    return e->buttons() != Qt::NoButton && !(e->modifiers() & Qt::ShiftModifier) &&
           !(e->buttons() & (Qt::RightButton | Qt::MiddleButton));
}

bool SliceAnnotator::mouseRelease(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return false;
    const AnnotationTool& tool = session_->tool();
    if (stroking_) {
        finishStroke();
        return true;
    }
    if (tool.kind == AnnotationTool::Kind::Polygon && lassoDrag_) {
        fillPolygon();  // a lasso closes when the button goes up
        return true;
    }
    if (tool.measures() && !measuring_.empty()) {
        measureClick(e->position(), false);
        return true;
    }
    return tool.kind != AnnotationTool::Kind::Navigate && !(e->modifiers() & Qt::ShiftModifier);
}

bool SliceAnnotator::mouseDoubleClick(QMouseEvent* e) {
    if (session_->tool().kind != AnnotationTool::Kind::Polygon || e->button() != Qt::LeftButton) return false;
    fillPolygon();
    return true;
}

bool SliceAnnotator::keyPress(QKeyEvent* e) {
    // Undo and redo also when the main window's shortcuts do not reach this view (it is a window of
    // its own) or there is no main window.
    if (e->matches(QKeySequence::Undo)) {
        if (!stroking_) session_->undoLabels();
        return true;
    }
    if (e->matches(QKeySequence::Redo) ||
        (e->key() == Qt::Key_Z && e->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)) ||
        (e->key() == Qt::Key_Y && e->modifiers() == Qt::ControlModifier)) {
        if (!stroking_) session_->redoLabels();
        return true;
    }
    AnnotationTool tool = session_->tool();
    if (e->key() == Qt::Key_BracketLeft || e->key() == Qt::Key_BracketRight) {
        const double factor = e->key() == Qt::Key_BracketRight ? 1.25 : 0.8;
        tool.brushRadiusMm = std::clamp(tool.brushRadiusMm * factor, 0.25, 100.0);
        session_->setTool(tool);
        view_->refresh();
        return true;
    }
    if (e->key() == Qt::Key_Escape && (!polygon_.empty() || !measuring_.empty() || stroking_)) {
        cancel();
        return true;
    }
    if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) &&
        tool.kind == AnnotationTool::Kind::Polygon && !polygon_.empty()) {
        fillPolygon();
        return true;
    }
    return false;
}

void SliceAnnotator::leave() {
    hover_.reset();
    view_->refresh();
}

void SliceAnnotator::cancel() {
    if (stroking_) {
        session_->labelDocument().cancelStroke();
        stroking_ = false;
        session_->labelsEdited();
    }
    polygon_.clear();
    polygonSlice_ = -1;
    lassoDrag_ = false;
    measuring_.clear();
    view_->refresh();
}

void SliceAnnotator::finishStroke() {
    stroking_ = false;
    session_->labelDocument().endStroke(strokeErases_ ? tr("Erase").toStdString()
                                                      : tr("Paint").toStdString());
    session_->labelsEdited();
}

void SliceAnnotator::fillPolygon() {
    lassoDrag_ = false;
    if (polygon_.size() < 3 || polygonSlice_ != view_->sliceIndex()) {
        polygon_.clear();
        view_->refresh();
        return;
    }
    const int normal = view_->axes().normalAxis;
    const auto axes = SliceCompositor::inPlaneAxes(normal);
    std::vector<PolygonFill::Point> points;
    points.reserve(polygon_.size());
    for (const Vec3& p : polygon_)
        points.push_back({p[std::size_t(axes[0])], p[std::size_t(axes[1])]});
    LabelMapDocument& doc = session_->labelDocument();
    LabelEditRecorder& recorder = doc.beginStroke();
    PolygonFill::fill(recorder, session_->paintRule(false), normal, std::size_t(polygonSlice_), points);
    doc.endStroke(tr("Polygon").toStdString());
    polygon_.clear();
    polygonSlice_ = -1;
    session_->labelsEdited();
}

void SliceAnnotator::floodFill(QPointF pos) {
    const auto idx = indexAt(pos);
    if (!idx) return;
    const auto& size = session_->volume()->geometry().size;
    std::array<std::size_t, 3> seed{};
    for (std::size_t a = 0; a < 3; ++a) {
        const long i = std::lround((*idx)[a]);
        if (i < 0 || i >= long(size[a])) return;
        seed[a] = std::size_t(i);
    }
    const AnnotationTool& tool = session_->tool();
    LabelMapDocument& doc = session_->labelDocument();
    RegionGrow::Options options;
    const int normal = view_->axes().normalAxis;
    options.connectivity =
        tool.floodIn3D ? Connectivity::volume6() : Connectivity::slice4(normal, seed[std::size_t(normal)]);
    if (tool.thresholdOn) {
        // Region growing: the connected voxels in the intensity range.
        options.image = session_->volume().get();
        options.low = std::min(tool.low, tool.high);
        options.high = std::max(tool.low, tool.high);
    } else {
        options.sameLabel = true;  // flood fill of the region of the label map under the click
    }
    PaintRule rule = session_->paintRule(false);
    rule.image = nullptr;  // the range picks the region; inside it everything changes
    RegionGrow::Result result = RegionGrow::grow(doc.ensureLabels(), seed, options, rule);
    doc.commit(std::move(result.edit));
    session_->labelsEdited();
}

void SliceAnnotator::measureClick(QPointF pos, bool press) {
    const auto p = view_->patientPointAt(pos);
    if (!p) return;
    const int normal = view_->axes().normalAxis;
    const std::size_t slice = std::size_t(view_->sliceIndex());
    if (session_->tool().kind == AnnotationTool::Kind::Ruler) {
        if (press) {
            measuring_ = {*p};
            rubber_ = *p;
        } else if (measuring_.size() == 1) {
            if (QLineF(view_->widgetPositionOf(measuring_[0]), pos).length() >= 3.0)
                session_->addMeasurement(Measurement::ruler(measuring_[0], *p, normal, slice));
            measuring_.clear();
            rubber_.reset();
        }
    } else if (press) {
        // Angle: arm, vertex, arm, one click each.
        measuring_.push_back(*p);
        if (measuring_.size() == 3) {
            session_->addMeasurement(
                Measurement::angle(measuring_[0], measuring_[1], measuring_[2], normal, slice));
            measuring_.clear();
            rubber_.reset();
        }
    }
    view_->refresh();
}

void SliceAnnotator::paint(QPainter& painter) {
    if (!session_->hasImage() || session_->isPreview()) return;
    painter.setRenderHint(QPainter::Antialiasing, true);
    paintMeasurements(painter);
    paintPolygon(painter);
    paintBrushOutline(painter);
}

void SliceAnnotator::paintBrushOutline(QPainter& painter) {
    const AnnotationTool& tool = session_->tool();
    if (!hover_ || (tool.kind != AnnotationTool::Kind::Brush && tool.kind != AnnotationTool::Kind::Eraser))
        return;
    const auto p = view_->patientPointAt(*hover_);
    if (!p) return;
    const ImageGeometry& g = session_->volume()->geometry();
    const Vec3 along = g.axis(SliceCompositor::inPlaneAxes(view_->axes().normalAxis)[0]);
    const Vec3 edge{(*p)[0] + along[0] * tool.brushRadiusMm, (*p)[1] + along[1] * tool.brushRadiusMm,
                    (*p)[2] + along[2] * tool.brushRadiusMm};
    const double radius = QLineF(view_->widgetPositionOf(*p), view_->widgetPositionOf(edge)).length();
    const bool erase = tool.kind == AnnotationTool::Kind::Eraser;
    painter.setPen(QPen(erase ? QColor(255, 255, 255, 220) : QColor(255, 220, 0, 220), 1.2,
                        erase ? Qt::DashLine : Qt::SolidLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(*hover_, std::max(radius, 1.5), std::max(radius, 1.5));
}

void SliceAnnotator::paintPolygon(QPainter& painter) {
    if (polygon_.empty() || polygonSlice_ != view_->sliceIndex()) return;
    const ImageGeometry& g = session_->volume()->geometry();
    QPolygonF line;
    for (const Vec3& idx : polygon_)
        line << view_->widgetPositionOf(g.indexToPhysical(idx));
    if (hover_ && !lassoDrag_) line << *hover_;
    painter.setPen(QPen(QColor(255, 220, 0), 1.5));
    painter.setBrush(QColor(255, 220, 0, 40));
    painter.drawPolygon(line);
    painter.setBrush(QColor(255, 220, 0));
    if (!lassoDrag_)
        for (const QPointF& corner : line)
            painter.drawEllipse(corner, 2.5, 2.5);
}

void SliceAnnotator::paintMeasurements(QPainter& painter) {
    const int normal = view_->axes().normalAxis;
    const std::size_t slice = std::size_t(view_->sliceIndex());
    const QFont font = SliceView::overlayFont(painter, 10, true);
    painter.setFont(font);
    auto draw = [&](const std::vector<Vec3>& points, const QString& text, bool done) {
        QPolygonF line;
        for (const Vec3& p : points)
            line << view_->widgetPositionOf(p);
        painter.setPen(QPen(done ? QColor(80, 220, 255) : QColor(255, 220, 0), 1.5));
        painter.drawPolyline(line);
        painter.setBrush(painter.pen().color());
        for (const QPointF& c : line)
            painter.drawEllipse(c, 2.5, 2.5);
        if (text.isEmpty() || line.isEmpty()) return;
        const QPointF at = line.size() == 3 ? line[1] : line.back();
        SliceView::drawShadowedText(painter, QRect(int(at.x()) + 8, int(at.y()) - 20, 200, 20),
                                    Qt::AlignLeft | Qt::AlignVCenter, text, painter.pen().color());
    };
    for (const Measurement& m : session_->measurements()) {
        if (m.normalAxis != normal || m.sliceIndex != slice) continue;
        draw(m.points, QString::fromStdString(m.text()), true);
    }
    if (measuring_.empty()) return;
    std::vector<Vec3> pending = measuring_;
    if (rubber_) pending.push_back(*rubber_);
    QString text;
    if (pending.size() == 2 && session_->tool().kind == AnnotationTool::Kind::Ruler)
        text = QString::fromStdString(Measurement::ruler(pending[0], pending[1], normal, slice).text());
    else if (pending.size() == 3)
        text = QString::fromStdString(
            Measurement::angle(pending[0], pending[1], pending[2], normal, slice).text());
    draw(pending, text, false);
}

}  // namespace cadview
