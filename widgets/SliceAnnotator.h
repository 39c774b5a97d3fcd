#pragma once

#include <QCoreApplication>
#include <QPointF>

#include <optional>
#include <vector>

#include "annotation/Measurement.h"
#include "image/Vec3.h"

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace cadview {

class Session;
class SliceView;

// The annotation tools inside one slice view: turns mouse and key events into label-map edits (brush,
// eraser, polygon/lasso, flood fill) and measurements (ruler, angle), and draws what is in progress
// (brush outline, polygon, measurements) over the view. The view hands it every event first; it
// returns true when it used the event.
//   Brush: left drag paints the active label; Ctrl + left drag erases. Eraser: left drag erases.
//   [ and ] shrink and grow the brush. Polygon: clicks add corners, a drag draws a lasso; double-click
//   or Enter fills, Esc cancels. Flood fill: a click fills the connected region under it.
//   Ruler: drag from one end to the other. Angle: three clicks (arm, vertex, arm).
class SliceAnnotator {
    Q_DECLARE_TR_FUNCTIONS(SliceAnnotator)
  public:
    SliceAnnotator(SliceView* view, Session* session);

    bool mousePress(QMouseEvent* e);
    bool mouseMove(QMouseEvent* e);
    bool mouseRelease(QMouseEvent* e);
    bool mouseDoubleClick(QMouseEvent* e);
    bool keyPress(QKeyEvent* e);
    void leave();
    void paint(QPainter& painter);
    // Drops whatever is in progress (the slice or the tool changed).
    void cancel();

  private:
    // Continuous index coordinates of a widget position on the view's current slice.
    std::optional<Vec3> indexAt(QPointF pos) const;
    void paintBrushOutline(QPainter& painter);
    void paintPolygon(QPainter& painter);
    void paintMeasurements(QPainter& painter);
    void finishStroke();
    void fillPolygon();
    void floodFill(QPointF pos);
    void measureClick(QPointF pos, bool press);

    SliceView* view_;
    Session* session_;
    bool stroking_ = false;
    Vec3 lastIndex_{0, 0, 0};
    std::optional<QPointF> hover_;
    std::vector<Vec3> polygon_;  // index coordinates on polygonSlice_
    int polygonSlice_ = -1;
    bool lassoDrag_ = false;
    bool strokeErases_ = false;
    std::vector<Vec3> measuring_;  // patient points of a ruler or angle in progress (fixed ones)
    std::optional<Vec3> rubber_;   // the end that follows the mouse
};

}  // namespace cadview
