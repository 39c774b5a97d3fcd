#include "VtkHostWindow.h"

#include <QCoreApplication>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QMimeData>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QPen>
#include <QSurfaceFormat>
#include <QUrl>
#include <QWidget>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

namespace cadview {

void VtkHostWindow::setDefaultSurfaceFormat() {
    QSurfaceFormat fmt;
    fmt.setRenderableType(QSurfaceFormat::OpenGL);
    fmt.setVersion(3, 2);
    fmt.setProfile(QSurfaceFormat::CoreProfile);
    fmt.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    fmt.setRedBufferSize(8);
    fmt.setGreenBufferSize(8);
    fmt.setBlueBufferSize(8);
    fmt.setAlphaBufferSize(8);
    fmt.setDepthBufferSize(24);
    fmt.setStencilBufferSize(0);
    QSurfaceFormat::setDefaultFormat(fmt);
}

VtkHostWindow::VtkHostWindow() : QOpenGLWindow(QOpenGLWindow::PartialUpdateBlit) {
    renderWindow_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    renderer_ = vtkSmartPointer<vtkRenderer>::New();
    renderWindow_->AddRenderer(renderer_);
    renderWindow_->SetReadyForRendering(false);
    renderWindow_->SetFrameBlitModeToNoBlit();
    renderWindow_->SetForceMaximumHardwareLineWidth(1);
    // No multisampling: VTK asks for 8 samples by default, which software GL pays for on every pixel.
    renderWindow_->SetMultiSamples(0);
    // A screen of another scale: render again at its resolution (paintGL resizes the render window).
    connect(this, &QWindow::screenChanged, this, [this] {
        needsRender_ = true;
        requestRender();
    });
    for (unsigned long e :
         {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent, vtkCommand::WindowFrameEvent})
        renderWindow_->AddObserver(e, this, &VtkHostWindow::onRenderWindowEvent);
}

QWidget* VtkHostWindow::container(QWidget* parent) {
    if (!container_) {
        container_ = QWidget::createWindowContainer(this, parent);
        container_->setFocusPolicy(Qt::StrongFocus);
        container_->setAcceptDrops(true);
        container_->setMinimumSize(64, 64);
    } else if (parent && container_->parentWidget() != parent) {
        container_->setParent(parent);
    }
    return container_;
}

QImage VtkHostWindow::grab() {
    if (!isValid()) return {};
    if (isExposed()) {
        // A whole paint through Qt: it sizes the framebuffer and the paint device for the window's size
        // and scale now, which a move to a screen of another scale changes before Qt paints again.
        update();
        QEvent request(QEvent::UpdateRequest);
        QCoreApplication::sendEvent(this, &request);
        return grabFramebuffer();
    }
    makeCurrent();
    context()->functions()->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
    paintGL();
    return grabFramebuffer();
}

QRect VtkHostWindow::rect() const {
    return QRect(QPoint(0, 0), size());
}

bool VtkHostWindow::event(QEvent* e) {
    switch (e->type()) {
        case QEvent::UpdateRequest:
            paintPosted_ = false;
            break;
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto* d = static_cast<QDropEvent*>(e);
            if (d->mimeData()->hasUrls()) d->acceptProposedAction();
            return true;
        }
        case QEvent::Drop: {
            auto* d = static_cast<QDropEvent*>(e);
            QStringList paths;
            for (const QUrl& url : d->mimeData()->urls())
                if (url.isLocalFile()) paths << url.toLocalFile();
            if (!paths.isEmpty()) {
                d->acceptProposedAction();
                emit filesDropped(paths);
            }
            return true;
        }
        default:
            break;
    }
    return QOpenGLWindow::event(e);
}

VtkHostWindow::~VtkHostWindow() {
    QObject::disconnect(contextConnection_);
    // Release VTK's GL resources while our context still exists.
    if (initialized_ && context()) {
        makeCurrent();
        renderWindow_->Finalize();
        doneCurrent();
    }
    renderWindow_->RemoveAllObservers();
}

vtkGenericOpenGLRenderWindow* VtkHostWindow::renderWindow() const {
    return renderWindow_;
}
vtkRenderer* VtkHostWindow::renderer() const {
    return renderer_;
}

void VtkHostWindow::onRenderWindowEvent(vtkObject*, unsigned long eventId, void* callData) {
    switch (eventId) {
        case vtkCommand::WindowMakeCurrentEvent:
            // Never QOpenGLWidget::makeCurrent() here: it rebinds Qt's framebuffer behind VTK's state
            // cache and the view renders black.
            if (context() && context()->surface() && QOpenGLContext::currentContext() != context())
                context()->makeCurrent(context()->surface());
            break;
        case vtkCommand::WindowIsCurrentEvent:
            *static_cast<bool*>(callData) = context() && QOpenGLContext::currentContext() == context();
            break;
        case vtkCommand::WindowFrameEvent:
            break;
        default:
            break;
    }
}

void VtkHostWindow::initializeGL() {
    renderWindow_->SetOwnContext(0);
    renderWindow_->SetReadyForRendering(true);
    renderWindow_->OpenGLInitContext();
    initialized_ = true;
    hasFrame_ = false;
    QObject::disconnect(contextConnection_);
    contextConnection_ = connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
        renderWindow_->Finalize();
        renderWindow_->SetReadyForRendering(false);
        initialized_ = false;
    });
    sceneInitialized();
}

void VtkHostWindow::resizeGL(int w, int h) {
    needsRender_ = true;
    const double dpr = devicePixelRatio();
    sizedForRatio_ = dpr;
    renderWindow_->SetSize(int(w * dpr + 0.5), int(h * dpr + 0.5));
    renderWindow_->SetDPI(int(72 * dpr));
}

QFont VtkHostWindow::overlayFont(const QPainter& painter, double pointSize, bool bold) {
    QFont font = painter.font();
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

void VtkHostWindow::drawShadowedText(QPainter& painter, const QRect& box, int flags, const QString& text,
                                     const QColor& colour) {
    // A dark shadow makes text readable on any image.
    painter.setPen(QColor(0, 0, 0, 200));
    painter.drawText(box.translated(1, 1), flags, text);
    painter.setPen(colour);
    painter.drawText(box, flags, text);
}

void VtkHostWindow::requestRender() {
    needsRender_ = true;
    refresh();
}

void VtkHostWindow::refresh() {
    update();
    // QWindow::requestUpdate() waits 5 ms on its timer before painting; for a slice under the mouse
    // wheel that is a third of a frame. Ask for the paint on the next event-loop turn instead (Qt's own
    // timed request then finds nothing left to paint).
    if (!paintPosted_) {
        paintPosted_ = true;
        QCoreApplication::postEvent(this, new QEvent(QEvent::UpdateRequest));
    }
}

void VtkHostWindow::paintGL() {
    if (!initialized_) return;
    // Moved to a screen of another scale: Qt resizes its framebuffer but calls no resizeGL.
    if (devicePixelRatio() != sizedForRatio_) resizeGL(width(), height());
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    if (!hasContent()) {
        // Nothing to show yet: the window appears at once. Once, while the user has not opened anything,
        // VTK renders a stand-in scene so its shaders are compiled (~100-300 ms a view on software GL)
        // before the first real slice has to appear.
        if (!warmedUp_ && beginWarmUp()) {
            vtkOpenGLState* state = renderWindow_->GetState();
            state->Reset();
            state->Push();
            state->vtkglDepthFunc(GL_LEQUAL);
            renderWindow_->Render();
            state->Pop();
            endWarmUp();
            state->ResetFramebufferBindings();
            f->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
        }
        f->glClearColor(0, 0, 0, 1);
        f->glClear(GL_COLOR_BUFFER_BIT);
        if (!warmedUp_) {
            // Qt's OpenGL paint engine compiles its shaders and fills its glyph cache on first use, per
            // context (~250 ms on software GL): do it now, black on black, with the overlay's fonts.
            QPainter painter(this);
            const QString sample = QStringLiteral(
                "0123456789 -.%/ LRAPSI WLmm Zoom Slice Axial Coronal Sagittal Loading… CT MR");
            for (const auto& [size, bold] : {std::pair{9.5, false}, std::pair{11.0, true}}) {
                painter.setFont(overlayFont(painter, size, bold));
                drawShadowedText(painter, rect(), Qt::AlignLeft | Qt::AlignTop, sample, QColor(1, 1, 1));
            }
            painter.setPen(QPen(QColor(1, 1, 1, 210), 1.0));  // the crosshair's lines
            painter.drawLine(QPointF(0, 0.5), QPointF(width(), 0.5));
            f->glClear(GL_COLOR_BUFFER_BIT);
        }
        warmedUp_ = true;
        QPainter painter(this);
        paintOverlay(painter);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    vtkOpenGLState* state = renderWindow_->GetState();
    // VTK renders only when its scene changed; text-only repaints reuse its last frame.
    if (needsRender_ || !hasFrame_) {
        state->Reset();
        state->Push();
        state->vtkglDepthFunc(GL_LEQUAL);  // Qt leaves GL_LESS; VTK expects GL_LEQUAL
        renderWindow_->Render();
        state->Pop();
        needsRender_ = false;
        hasFrame_ = true;
        lastRenderMs_ = double(timer.nsecsElapsed()) / 1e6;
    }

    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum buffers[1] = {GL_COLOR_ATTACHMENT0};
    f->glDrawBuffers(1, buffers);
    const int* size = renderWindow_->GetRenderFramebuffer()->GetLastSize();
    const double dpr = devicePixelRatio();
    const int tw = int(width() * dpr + 0.5), th = int(height() * dpr + 0.5);
    renderWindow_->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, tw, th, GL_COLOR_BUFFER_BIT,
                                          GL_NEAREST);

    // Force opaque alpha, or Mesa and compositors blend the view with what lies behind the window.
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0, 0, 0, 1);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    state->ResetFramebufferBindings();
    {
        // Text and labels are drawn by Qt: crisp at any DPI, any script (Hangul), and cheap.
        QPainter painter(this);
        paintOverlay(painter);
    }
    lastPaintMs_ = double(timer.nsecsElapsed()) / 1e6;
    emit rendered();
}

}  // namespace cadview
