#pragma once

#include <QOpenGLWindow>
#include <QStringList>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class QColor;
class QFont;
class QPainter;
class QRect;
class QString;
class vtkGenericOpenGLRenderWindow;
class vtkObject;
class vtkRenderer;

namespace cadview {

// A Qt 6 OpenGL window that hosts a VTK render window (Debian's VTK Qt module is built for Qt 5, so
// this is our own bridge). VTK renders into its own framebuffer inside paintGL(), which is blitted into
// the window; Qt decides when to paint. Sizes are in device pixels, so HiDPI screens get full resolution.
//
// A window, not a QOpenGLWidget: put it in a layout with container(). A QOpenGLWidget makes Qt compose
// the whole top-level window on every frame, which on software OpenGL cost 25-30 ms a frame in the
// main window; a native child window presents only itself (measured: 33 ms -> 10 ms a frame).
class VtkHostWindow : public QOpenGLWindow {
    Q_OBJECT
  public:
    VtkHostWindow();
    ~VtkHostWindow() override;

    // The QWidget that shows this window inside a widget layout (created on first call, owns the window).
    QWidget* container(QWidget* parent = nullptr);

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    vtkRenderer* renderer() const;
    // Paints the view now and returns the picture (device pixels), whatever is pending: for
    // screenshots and tests. Empty until the window has been shown once.
    QImage grab();
    // Logical pixel rectangle of the window.
    QRect rect() const;
    // Milliseconds the last VTK render took, and the last whole paint (render or reuse, blit, text).
    double lastRenderMilliseconds() const { return lastRenderMs_; }
    double lastPaintMilliseconds() const { return lastPaintMs_; }
    // Marks the VTK scene changed and schedules a paint. A plain update() repaints the overlay text
    // over VTK's last frame without rendering the scene again.
    void requestRender();
    // Repaints the overlay over the last frame, on the next event-loop turn.
    void refresh();

    // The overlay text style shared by the views (and by the warm-up, which must use the same fonts,
    // pens and blending for Qt to have compiled and cached what the first real paint needs).
    static QFont overlayFont(const QPainter& painter, double pointSize, bool bold);
    static void drawShadowedText(QPainter& painter, const QRect& box, int flags, const QString& text,
                                 const QColor& colour);

    // Call before QApplication exists: OpenGL 3.2 core, RGBA8, depth 24, as VTK needs.
    static void setDefaultSurfaceFormat();

  signals:
    void rendered();
    // Files or folders dropped on the view.
    void filesDropped(const QStringList& paths);

  protected:
    bool event(QEvent* e) override;
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    // Subclasses set up their scene here, once the GL context exists.
    virtual void sceneInitialized() {}
    // False while there is nothing to draw: paintGL() then only clears.
    virtual bool hasContent() const { return true; }
    // Set up a stand-in scene for the one-time shader warm-up (return false to skip), and remove it.
    virtual bool beginWarmUp() { return false; }
    virtual void endWarmUp() {}
    // Text and marks drawn over the rendered scene, in logical pixels.
    virtual void paintOverlay(QPainter&) {}

  private:
    void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> renderWindow_;
    vtkSmartPointer<vtkRenderer> renderer_;
    QMetaObject::Connection contextConnection_;
    QWidget* container_ = nullptr;
    double lastRenderMs_ = 0;
    double sizedForRatio_ = 0;  // the device pixel ratio the render window was last sized for
    double lastPaintMs_ = 0;
    bool initialized_ = false;
    bool needsRender_ = true;
    bool hasFrame_ = false;
    bool warmedUp_ = false;
    bool paintPosted_ = false;
};

}  // namespace cadview
