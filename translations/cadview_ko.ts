<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>DiagnosticText</name>
    <message>
        <source>cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds no image that can be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its pixel data cannot be decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slice spacing is uneven (%1 to %2 mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n slice(s) appear to be missing</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>acquired with a gantry tilt of %1°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resampled to a regular grid, %1 mm between slices</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n series found; the largest is shown (pick another in the series list)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>one series holds images of different geometry; it was split</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) share a position with another and were left out</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>differs in size or type from the rest of the series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colour image shown in grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixel spacing unknown; 1 mm assumed, so distances are not real</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oblique: the grid is %1° off the patient axes; views follow the nearest axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::BackgroundJob</name>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resampling to a regular grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the image for the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping the result onto the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::LaunchSequence</name>
    <message>
        <source>cannot write the screenshot to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::MainWindow</name>
    <message>
        <source>Default window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (percentiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT lung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT mediastinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT bone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT abdomen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label map %1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window %1, level %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a DICOM folder or an image file (File menu, or drop it here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a DICOM folder or an image file (File menu), or drop it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open DICOM folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.dcm *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Label Map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open label map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Crosshair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Smooth Display (interpolate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Label Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide Patient Identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three Planes and 3D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Axial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D &amp;Rendering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mouse and Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse and keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left drag: window/level
Left click: move the crosshair
Wheel, arrows, Page Up/Down: slices
Right drag or Ctrl+wheel: zoom
Middle drag or Shift+left drag: pan
R: reset zoom and pan
0–6: window presets
Ctrl+P: cine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About cadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About cadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cadview %1: a viewer for CT, MR and X-ray studies with AI overlays.
Not for diagnostic use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — cadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 × %3 voxels, %4 × %5 × %6 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label maps (*.nii *.nii.gz *.nrrd *.mha *.mhd *.png);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;AI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Model Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of models (one sub-folder per model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rescan Models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::ModelController</name>
    <message>
        <source>Open a study first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study changed while the model ran; its result was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::ModelPanel</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation (preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept into label map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation (preview): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dice: open a ground-truth label map (File &gt; Open Label Map) or accept and correct this preview to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dice against the label map: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::SeriesBrowser</name>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::Session</name>
    <message>
        <source>The label map&apos;s grid (%1 × %2 × %3) differs from the image&apos;s (%4 × %5 × %6).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::SliceView</name>
    <message>
        <source>Axial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading… %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slice %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::StudyLoader</name>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series %1 is not in the opened folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images could be read from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cadview::VolumeView3D</name>
    <message>
        <source>CT bone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT soft tissue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CT lung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (MR, other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D: waiting for the series to load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D: not available for this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D: preparing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>cadview: CT, MR and X-ray viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a DICOM folder or image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SeriesInstanceUID to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the window to a PNG file, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label map to show over the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window preset: lung, mediastinum, bone, brain, abdomen, auto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: hide patient identifiers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language (en, ko).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit once the window is on screen (start-up benchmark).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders or files to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this model on the study once it is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another folder of models (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
