#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include <vtkSmartPointer.h>

#include "AnnotationTool.h"
#include "annotation/LabelMapDocument.h"
#include "annotation/Measurement.h"
#include "annotation/PaintRule.h"
#include "image/Vec3.h"
#include "image/Volume.h"
#include "image/WindowPreset.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"

#include <array>
#include <vector>

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

    // --- the label map: editable, with its label table and undo history (LabelMapDocument) ---
    // Loads a label map on the same grid as the volume (0 = background; any integer-valued type with
    // values up to 255). Returns false, with `error` set, when its grid or values do not fit.
    bool setOverlay(std::shared_ptr<const Volume> labels, QString* error = nullptr, LabelTable table = {});
    void clearOverlay();
    // The label map shown, or nullptr when nothing has been drawn, accepted or loaded.
    std::shared_ptr<const Volume> overlay() const { return labels_.labels(); }
    const LabelMapDocument& labelDocument() const { return labels_; }
    // For tools that edit: call labelsEdited() after every change made through it.
    LabelMapDocument& labelDocument() { return labels_; }
    void labelsEdited();
    // Replaces the label table (names, colours, visibility, locks) and tells the views.
    void setLabelTable(const LabelTable& table);
    void setActiveLabel(int value);
    bool undoLabels();
    bool redoLabels();
    // The paint rule for the current tool settings and label table: value, locks, threshold.
    PaintRule paintRule(bool erase) const;
    double overlayOpacity() const { return overlayOpacity_; }
    void setOverlayOpacity(double opacity);
    bool overlayVisible() const { return overlayVisible_; }
    void setOverlayVisible(bool visible);
    // Where the label map was last saved to or loaded from ("" when never).
    const QString& labelPath() const { return labelPath_; }
    void setLabelPath(const QString& path) { labelPath_ = path; }

    // --- tools and measurements ---
    const AnnotationTool& tool() const { return tool_; }
    void setTool(const AnnotationTool& tool);
    // Rulers and angles, in patient space; gone with the image.
    const std::vector<Measurement>& measurements() const { return measurements_; }
    void addMeasurement(const Measurement& m);
    void removeMeasurement(std::size_t index);
    void clearMeasurements();

    // --- AI results: a preview until the user accepts a mask into the label map ---
    // Takes a model's result on the current volume (ignored, returning false, when the volume changed).
    bool setAiResult(const InferenceResult& result, const ModelManifest& manifest);
    void clearAiResult();
    bool hasAiResult() const { return aiMask_ || !findings_.empty(); }
    const std::string& aiModel() const { return aiModel_; }
    const std::vector<ModelManifest::Label>& aiLabels() const { return aiLabels_; }
    // Segmentation preview.
    const std::shared_ptr<const Volume>& aiMask() const { return aiMask_; }
    bool aiOutline() const { return aiOutline_; }
    void setAiOutline(bool outline);
    double aiOpacity() const { return aiOpacity_; }
    void setAiOpacity(double opacity);
    bool aiLabelVisible(int value) const { return aiVisible_[std::size_t(value & 0xff)]; }
    const std::array<bool, 256>& aiVisibility() const { return aiVisible_; }
    void setAiLabelVisible(int value, bool visible);
    // Copies the preview's labels into the editable label map (created when there is none), voxels the
    // preview leaves at 0 keep their label (and locked labels stay); then the preview is gone. With
    // `label` > 0 only that label is accepted and the rest of the preview stays. One undoable edit.
    void acceptAiMask(int label = 0);
    // Classification: probability and heatmap per label; one heatmap (or none, -1) shown at a time.
    const std::vector<double>& findings() const { return findings_; }
    int activeHeatmap() const { return activeHeatmap_; }
    void setActiveHeatmap(int label);
    std::shared_ptr<const Volume> heatmap() const;
    std::size_t heatmapSlice() const { return heatmapSlice_; }
    bool heatmapsAreGradCam() const { return gradCam_; }
    double heatmapThreshold() const { return heatmapThreshold_; }
    void setHeatmapThreshold(double threshold);
    double heatmapOpacity() const { return heatmapOpacity_; }
    void setHeatmapOpacity(double opacity);

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
    // The label map's voxels changed (a stroke, an operation, undo/redo): views redraw their slice.
    void labelsChanged();
    // Names, colours, visibility, locks or the active label changed.
    void labelTableChanged();
    void toolChanged();
    void measurementsChanged();

    void loadProgressChanged();
    // Only what the views print changed (demo mode): no new picture needed.
    void annotationsChanged();
    // AI results or their display settings changed.
    void aiChanged();
    // The copy the 3D view renders arrived (see setVolume3D).
    void volume3DChanged();

  private:
    std::shared_ptr<const Volume> volume_;
    vtkSmartPointer<vtkImageData> image_;
    std::shared_ptr<const Volume> volume3D_;
    vtkSmartPointer<vtkImageData> image3D_;
    bool volume3DPending_ = false;
    LabelMapDocument labels_;
    QString labelPath_;
    AnnotationTool tool_;
    std::vector<Measurement> measurements_;
    bool preview_ = false;
    Vec3 cursor_{0, 0, 0};
    WindowLevel window_;
    WindowLevel initialWindow_;
    double overlayOpacity_ = 0.5;
    bool overlayVisible_ = true;
    bool demoMode_ = false;
    std::string aiModel_;
    std::vector<ModelManifest::Label> aiLabels_;
    std::shared_ptr<const Volume> aiMask_;
    bool aiOutline_ = false;
    double aiOpacity_ = 0.45;
    std::array<bool, 256> aiVisible_{};
    std::vector<double> findings_;
    std::vector<std::shared_ptr<const Volume>> heatmaps_;
    int activeHeatmap_ = -1;
    std::size_t heatmapSlice_ = 0;
    bool gradCam_ = false;
    double heatmapThreshold_ = 0.2;
    double heatmapOpacity_ = 0.5;
    double loadProgress_ = 1.0;
};

}  // namespace cadview
