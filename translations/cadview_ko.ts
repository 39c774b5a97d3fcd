<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>DiagnosticText</name>
    <message>
        <source>cannot be read</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <source>holds no image that can be shown</source>
        <translation>표시할 수 있는 영상이 없음</translation>
    </message>
    <message>
        <source>its pixel data cannot be decoded</source>
        <translation>픽셀 데이터를 디코딩할 수 없음</translation>
    </message>
    <message>
        <source>slice spacing is uneven (%1 to %2 mm)</source>
        <translation>슬라이스 간격이 일정하지 않음(%1~%2 mm)</translation>
    </message>
    <message numerus="yes">
        <source>about %n slice(s) appear to be missing</source>
        <translation>
            <numerusform>슬라이스 약 %n개가 누락된 것으로 보임</numerusform>
        </translation>
    </message>
    <message>
        <source>acquired with a gantry tilt of %1°</source>
        <translation>갠트리 기울기 %1°로 획득됨</translation>
    </message>
    <message>
        <source>resampled to a regular grid, %1 mm between slices</source>
        <translation>균일한 격자로 리샘플링됨(슬라이스 간격 %1 mm)</translation>
    </message>
    <message numerus="yes">
        <source>%n series found; the largest is shown (pick another in the series list)</source>
        <translation>
            <numerusform>시리즈 %n개 발견. 가장 큰 시리즈를 표시함(다른 시리즈는 시리즈 목록에서 선택)</numerusform>
        </translation>
    </message>
    <message>
        <source>one series holds images of different geometry; it was split</source>
        <translation>한 시리즈에 기하 정보가 다른 영상이 섞여 있어 시리즈를 나눔</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) share a position with another and were left out</source>
        <translation>
            <numerusform>영상 %n개가 다른 영상과 위치가 겹쳐 제외됨</numerusform>
        </translation>
    </message>
    <message>
        <source>differs in size or type from the rest of the series</source>
        <translation>시리즈의 다른 영상과 크기 또는 형식이 다름</translation>
    </message>
    <message>
        <source>colour image shown in grey</source>
        <translation>컬러 영상을 회색조로 표시함</translation>
    </message>
    <message>
        <source>pixel spacing unknown; 1 mm assumed, so distances are not real</source>
        <translation>픽셀 간격을 알 수 없어 1 mm로 가정함. 거리 값은 실제와 다름</translation>
    </message>
    <message>
        <source>oblique: the grid is %1° off the patient axes; views follow the nearest axes</source>
        <translation>경사 영상: 격자가 환자 축에서 %1° 벗어나 있어 가장 가까운 축을 기준으로 표시함</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>too large for the memory free</source>
        <translation>사용 가능한 메모리에 비해 너무 큼</translation>
    </message>
    <message>
        <source>the geometry in the header could not be used as written</source>
        <translation>헤더의 기하 정보를 그대로 사용할 수 없음</translation>
    </message>
</context>
<context>
    <name>PacsSettings</name>
    <message>
        <source>Give the node a name.</source>
        <translation>노드 이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>The DICOMweb URL must start with http:// or https:// (%1).</source>
        <translation>DICOMweb URL은 http:// 또는 https://로 시작해야 합니다(%1).</translation>
    </message>
</context>
<context>
    <name>SliceAnnotator</name>
    <message>
        <source>Erase</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>칠하기</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>다각형</translation>
    </message>
</context>
<context>
    <name>UiLanguage</name>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
</context>
<context>
    <name>cadview::AnnotationPanel</name>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>도구</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>탐색</translation>
    </message>
    <message>
        <source>Left drag: window/level; click: move the cursor</source>
        <translation>왼쪽 드래그: W/L 조절, 클릭: 커서 이동</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>브러시</translation>
    </message>
    <message>
        <source>Paint the active label; Ctrl + drag erases; [ and ] size</source>
        <translation>활성 레이블 칠하기. Ctrl + 드래그: 지우기, [ 및 ]: 크기 조절</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>지우개</translation>
    </message>
    <message>
        <source>Erase labels; [ and ] size</source>
        <translation>레이블 지우기. [ 및 ]: 크기 조절</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>다각형</translation>
    </message>
    <message>
        <source>Clicks add corners, a drag draws a lasso; double-click or Enter fills, Esc cancels</source>
        <translation>클릭: 꼭짓점 추가, 드래그: 올가미 그리기. 더블클릭 또는 Enter: 채우기, Esc: 취소</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>채우기</translation>
    </message>
    <message>
        <source>Fill the connected region under a click: within the intensity range when it is on, otherwise the region of the label map</source>
        <translation>클릭한 지점과 연결된 영역 채우기: 강도 범위 제한이 켜져 있으면 범위 안의 영역, 꺼져 있으면 레이블 맵의 영역</translation>
    </message>
    <message>
        <source>Ruler</source>
        <translation>자</translation>
    </message>
    <message>
        <source>Drag to measure a distance</source>
        <translation>드래그하여 거리 측정</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>각도</translation>
    </message>
    <message>
        <source>Three clicks: arm, vertex, arm</source>
        <translation>세 번 클릭: 변, 꼭짓점, 변</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>3D sphere</source>
        <translation>3D 구</translation>
    </message>
    <message>
        <source>Brush radius</source>
        <translation>브러시 반경</translation>
    </message>
    <message>
        <source>Only intensities from</source>
        <translation>강도 범위 제한</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>Fill in 3D</source>
        <translation>3D로 채우기</translation>
    </message>
    <message>
        <source>Erase only the active label</source>
        <translation>활성 레이블만 지우기</translation>
    </message>
    <message>
        <source>Active label</source>
        <translation>활성 레이블</translation>
    </message>
    <message>
        <source>Axial slices</source>
        <translation>축상면 슬라이스</translation>
    </message>
    <message>
        <source>Coronal slices</source>
        <translation>관상면 슬라이스</translation>
    </message>
    <message>
        <source>Sagittal slices</source>
        <translation>시상면 슬라이스</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>보간</translation>
    </message>
    <message>
        <source>Fill the slices between drawn slices of the active label</source>
        <translation>활성 레이블이 그려진 슬라이스 사이의 슬라이스 채우기</translation>
    </message>
    <message>
        <source>Fill holes</source>
        <translation>구멍 채우기</translation>
    </message>
    <message>
        <source>Remove islands below</source>
        <translation>다음 크기 미만 섬 제거</translation>
    </message>
    <message>
        <source> voxels</source>
        <translation> 복셀</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>통계</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>보간</translation>
    </message>
    <message>
        <source>Remove islands</source>
        <translation>섬 제거</translation>
    </message>
    <message>
        <source>%1: nothing drawn yet.</source>
        <translation>%1: 아직 그린 내용이 없습니다.</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1: the labels changed while it ran; run it again.</source>
        <translation>%1: 실행 중에 레이블이 변경되었습니다. 다시 실행하십시오.</translation>
    </message>
    <message>
        <source>%1: nothing to change.</source>
        <translation>%1: 변경할 내용이 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2 voxels changed.</source>
        <translation>%1: 복셀 %2개가 변경되었습니다.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <source>%1: no voxels</source>
        <translation>%1: 복셀 없음</translation>
    </message>
    <message>
        <source> HU</source>
        <translation> HU</translation>
    </message>
    <message>
        <source>%1: %L2 voxels, %L3 ml
mean %L4%8, SD %L5%8
min %L6%8, max %L7%8</source>
        <translation>%1: 복셀 %L2개, %L3 ml
평균 %L4%8, 표준편차 %L5%8
최소 %L6%8, 최대 %L7%8</translation>
    </message>
    <message>
        <source>area on slice %L1 (%2): %L3 mm²</source>
        <translation>슬라이스 %L1(%2) 면적: %L3 mm²</translation>
    </message>
</context>
<context>
    <name>cadview::BackgroundJob</name>
    <message>
        <source>Starting</source>
        <translation>시작하는 중</translation>
    </message>
    <message>
        <source>Looking for images</source>
        <translation>영상을 찾는 중</translation>
    </message>
    <message>
        <source>Reading headers</source>
        <translation>헤더를 읽는 중</translation>
    </message>
    <message>
        <source>Reading images</source>
        <translation>영상을 읽는 중</translation>
    </message>
    <message>
        <source>Resampling to a regular grid</source>
        <translation>균일한 격자로 리샘플링하는 중</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>저장하는 중</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>마무리하는 중</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>알 수 없는 오류</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>모델을 불러오는 중</translation>
    </message>
    <message>
        <source>Preparing the image for the model</source>
        <translation>모델 입력 영상을 준비하는 중</translation>
    </message>
    <message>
        <source>Running the model</source>
        <translation>모델 추론 중</translation>
    </message>
    <message>
        <source>Mapping the result onto the image</source>
        <translation>결과를 영상에 매핑하는 중</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습 중</translation>
    </message>
</context>
<context>
    <name>cadview::ClassTagActions</name>
    <message>
        <source>&amp;Tag Image As…</source>
        <translation>영상 태그 지정(&amp;T)…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Remove Tag</source>
        <translation>태그 제거(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export Folder Dataset…</source>
        <translation>폴더 데이터셋 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export tagged images to</source>
        <translation>태그된 영상을 내보낼 위치</translation>
    </message>
    <message>
        <source>Export folder dataset</source>
        <translation>폴더 데이터셋 내보내기</translation>
    </message>
    <message>
        <source>Tag image</source>
        <translation>영상 태그 지정</translation>
    </message>
    <message>
        <source>Class of this image (the folder it is exported to):</source>
        <translation>이 영상의 클래스(내보낼 폴더 이름):</translation>
    </message>
    <message>
        <source>No image is open.</source>
        <translation>열린 영상이 없습니다.</translation>
    </message>
    <message>
        <source>The open image&apos;s files are not known.</source>
        <translation>열린 영상의 파일을 알 수 없습니다.</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>태그 제거</translation>
    </message>
    <message>
        <source>No image is tagged yet (Dataset &gt; Tag Image As…).</source>
        <translation>아직 태그된 영상이 없습니다(데이터셋 &gt; 영상 태그 지정…).</translation>
    </message>
</context>
<context>
    <name>cadview::ExportSeriesActions</name>
    <message>
        <source>&amp;Export Series…</source>
        <translation>시리즈 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export series</source>
        <translation>시리즈 내보내기</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Export into (a new or empty folder)</source>
        <translation>내보낼 위치(새 폴더 또는 빈 폴더)</translation>
    </message>
    <message>
        <source>De-identify (DICOM PS3.15 basic profile)</source>
        <translation>비식별화(DICOM PS3.15 기본 프로파일)</translation>
    </message>
    <message>
        <source>Names, IDs, dates and other identifying attributes are removed or replaced, UIDs are replaced consistently, the pixels are kept unchanged. Text burned into the pixels is not removed.</source>
        <translation>이름, ID, 날짜 등 식별 정보를 제거하거나 대체하고, UID는 일관되게 대체하며, 픽셀은 그대로 유지합니다. 픽셀에 새겨진 글자는 제거되지 않습니다.</translation>
    </message>
    <message>
        <source>derived from the original ID</source>
        <translation>원래 ID에서 생성</translation>
    </message>
    <message>
        <source>project default (not secret)</source>
        <translation>프로젝트 기본값(비밀 아님)</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>폴더(&amp;F):</translation>
    </message>
    <message>
        <source>Patient &amp;name:</source>
        <translation>환자 이름(&amp;N):</translation>
    </message>
    <message>
        <source>Patient &amp;ID:</source>
        <translation>환자 ID(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>키(&amp;K):</translation>
    </message>
    <message>
        <source>Open a DICOM series first: only DICOM series are exported as DICOM files.</source>
        <translation>먼저 DICOM 시리즈를 여십시오. DICOM 시리즈만 DICOM 파일로 내보낼 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>cadview::LabelAutosave</name>
    <message>
        <source>Autosave is off: %1</source>
        <translation>자동 저장 꺼짐: %1</translation>
    </message>
    <message>
        <source>The recovered labels cannot be used: %1</source>
        <translation>복구된 레이블을 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>자동 저장 실패: %1</translation>
    </message>
    <message>
        <source>Recover labels</source>
        <translation>레이블 복구</translation>
    </message>
    <message>
        <source>cadview ended unexpectedly while labels of %1 were being edited. Their last autosave is from %2.

Open the image and restore those labels?</source>
        <translation>%1의 레이블을 편집하는 중에 cadview가 예기치 않게 종료되었습니다. 마지막 자동 저장 시각은 %2입니다.

영상을 열고 해당 레이블을 복구하시겠습니까?</translation>
    </message>
    <message>
        <source>The image of the recovered labels is gone: %1</source>
        <translation>복구된 레이블의 영상을 찾을 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>cadview::LabelFileActions</name>
    <message>
        <source>Open &amp;Label Map…</source>
        <translation>레이블 맵 열기(&amp;L)…</translation>
    </message>
    <message>
        <source>Open label map</source>
        <translation>레이블 맵 열기</translation>
    </message>
    <message>
        <source>Label maps (*.nii *.nii.gz *.nrrd *.mha *.mhd *.png *.dcm);;All files (*)</source>
        <translation>레이블 맵 (*.nii *.nii.gz *.nrrd *.mha *.mhd *.png *.dcm);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save Label &amp;Map</source>
        <translation>레이블 맵 저장(&amp;M)</translation>
    </message>
    <message>
        <source>Save Label Map &amp;As…</source>
        <translation>다른 이름으로 레이블 맵 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>Clear &amp;Measurements</source>
        <translation>측정 지우기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>%1 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>%1 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>A save is already running.</source>
        <translation>이미 저장 중입니다.</translation>
    </message>
    <message>
        <source>There is no label map to save.</source>
        <translation>저장할 레이블 맵이 없습니다.</translation>
    </message>
    <message>
        <source>%1 is a file of the open study; cadview never writes into the source study.</source>
        <translation>%1은(는) 열린 스터디의 파일입니다. cadview는 원본 스터디에 절대 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>%1: save as .nii.gz, .nii, .nrrd, .mha or .dcm (DICOM SEG).</source>
        <translation>%1: .nii.gz, .nii, .nrrd, .mha 또는 .dcm(DICOM SEG) 형식으로 저장하십시오.</translation>
    </message>
    <message>
        <source>A DICOM SEG refers to a DICOM series; the open image is not one.</source>
        <translation>DICOM SEG는 DICOM 시리즈를 참조해야 하지만 열린 영상은 DICOM 시리즈가 아닙니다.</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Save label map</source>
        <translation>레이블 맵 저장</translation>
    </message>
    <message>
        <source>NIfTI (*.nii.gz *.nii);;NRRD (*.nrrd);;DICOM SEG (*.dcm);;MetaImage (*.mha)</source>
        <translation>NIfTI (*.nii.gz *.nii);;NRRD (*.nrrd);;DICOM SEG (*.dcm);;MetaImage (*.mha)</translation>
    </message>
    <message>
        <source>Unsaved labels</source>
        <translation>저장하지 않은 레이블</translation>
    </message>
    <message>
        <source>The label map has changes that are not saved. Save them first?</source>
        <translation>레이블 맵에 저장하지 않은 변경 사항이 있습니다. 먼저 저장하시겠습니까?</translation>
    </message>
    <message>
        <source>NIfTI (*.nii.gz *.nii);;NRRD (*.nrrd);;DICOM SEG (*.dcm)</source>
        <translation>NIfTI (*.nii.gz *.nii);;NRRD (*.nrrd);;DICOM SEG (*.dcm)</translation>
    </message>
</context>
<context>
    <name>cadview::LabelTableWidget</name>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>색상…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>불러오기…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Read an ITK-SNAP label description file</source>
        <translation>ITK-SNAP 레이블 설명 파일 읽기</translation>
    </message>
    <message>
        <source>Write the labels as an ITK-SNAP label description file</source>
        <translation>레이블을 ITK-SNAP 레이블 설명 파일로 저장</translation>
    </message>
    <message>
        <source>Label %1</source>
        <translation>레이블 %1</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>레이블 제거</translation>
    </message>
    <message>
        <source>Remove label %1 from the table? Voxels that hold it keep their value until you erase them.</source>
        <translation>표에서 레이블 %1을(를) 제거하시겠습니까? 이 값을 가진 복셀은 지우기 전까지 값이 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Colour of %1</source>
        <translation>%1 색상</translation>
    </message>
    <message>
        <source>Load label descriptions</source>
        <translation>레이블 설명 불러오기</translation>
    </message>
    <message>
        <source>Label descriptions (*.txt *.label.txt);;All files (*)</source>
        <translation>레이블 설명 (*.txt *.label.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>no labels in the file</source>
        <translation>파일에 레이블이 없음</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save label descriptions</source>
        <translation>레이블 설명 저장</translation>
    </message>
    <message>
        <source>Label descriptions (*.txt)</source>
        <translation>레이블 설명 (*.txt)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>cadview::LaunchSequence</name>
    <message>
        <source>cannot write the screenshot to %1</source>
        <translation>스크린샷을 %1에 쓸 수 없음</translation>
    </message>
</context>
<context>
    <name>cadview::MainWindow</name>
    <message>
        <source>Default window</source>
        <translation>기본 W/L</translation>
    </message>
    <message>
        <source>Automatic (percentiles)</source>
        <translation>자동(백분위수)</translation>
    </message>
    <message>
        <source>CT lung</source>
        <translation>CT 폐</translation>
    </message>
    <message>
        <source>CT mediastinum</source>
        <translation>CT 종격동</translation>
    </message>
    <message>
        <source>CT bone</source>
        <translation>CT 뼈</translation>
    </message>
    <message>
        <source>CT brain</source>
        <translation>CT 뇌</translation>
    </message>
    <message>
        <source>CT abdomen</source>
        <translation>CT 복부</translation>
    </message>
    <message>
        <source>cadview</source>
        <translation>cadview</translation>
    </message>
    <message>
        <source>Label map %1 shown</source>
        <translation>레이블 맵 %1 표시 중</translation>
    </message>
    <message>
        <source>Window %L1, level %L2</source>
        <translation>창 너비 %L1, 창 중심 %L2</translation>
    </message>
    <message>
        <source>Open a DICOM folder or an image file (File menu, or drop it here).</source>
        <translation>DICOM 폴더나 영상 파일을 여십시오(파일 메뉴 또는 여기에 끌어다 놓기).</translation>
    </message>
    <message>
        <source>Open a DICOM folder or an image file (File menu), or drop it here.</source>
        <translation>DICOM 폴더나 영상 파일을 열거나(파일 메뉴) 여기에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>Open DICOM folder</source>
        <translation>DICOM 폴더 열기</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open image files</source>
        <translation>영상 파일 열기</translation>
    </message>
    <message>
        <source>Images (*.dcm *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>영상 (*.dcm *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.png *.jpg *.jpeg);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 항목 열기(&amp;R)</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>스크린샷 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>도구</translation>
    </message>
    <message>
        <source>&amp;Window Presets</source>
        <translation>W/L 프리셋(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Reset Views</source>
        <translation>화면 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Cine</source>
        <translation>시네(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Show &amp;Crosshair</source>
        <translation>십자선 표시(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Smooth Display (interpolate)</source>
        <translation>부드럽게 표시(보간)(&amp;S)</translation>
    </message>
    <message>
        <source>Show &amp;Label Map</source>
        <translation>레이블 맵 표시(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Hide Patient Identifiers</source>
        <translation>환자 식별 정보 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>레이아웃(&amp;L)</translation>
    </message>
    <message>
        <source>Three Planes and 3D</source>
        <translation>3단면 + 3D</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>축상면</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>관상면</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>시상면</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <source>3D &amp;Rendering</source>
        <translation>3D 렌더링(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About cadview</source>
        <translation>cadview 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About cadview</source>
        <translation>cadview 정보</translation>
    </message>
    <message>
        <source>cadview %1: a viewer for CT, MR and X-ray studies with AI overlays.
Not for diagnostic use.</source>
        <translation>cadview %1: AI 오버레이를 지원하는 CT, MR, X선 스터디 뷰어입니다.
진단용으로 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 — cadview</source>
        <translation>%1 — cadview</translation>
    </message>
    <message>
        <source>%L1 × %L2 × %L3 voxels, %L4 × %L5 × %L6 mm</source>
        <translation>%L1 × %L2 × %L3 복셀, %L4 × %L5 × %L6 mm</translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation>스크린샷 저장</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>스크린샷</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>&amp;AI</source>
        <translation>AI(&amp;A)</translation>
    </message>
    <message>
        <source>Add &amp;Model Folder…</source>
        <translation>모델 폴더 추가(&amp;M)…</translation>
    </message>
    <message>
        <source>Folder of models (one sub-folder per model)</source>
        <translation>모델 폴더(모델마다 하위 폴더 하나)</translation>
    </message>
    <message>
        <source>&amp;Rescan Models</source>
        <translation>모델 다시 검색(&amp;R)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Label map saved to %1</source>
        <translation>레이블 맵을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Recovered labels restored; save them to keep them.</source>
        <translation>복구된 레이블을 불러왔습니다. 유지하려면 저장하십시오.</translation>
    </message>
    <message>
        <source>Tagged as %1</source>
        <translation>%1(으)로 태그 지정됨</translation>
    </message>
    <message>
        <source>%1 tagged images exported to %2</source>
        <translation>태그된 영상 %1개를 %2(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Dataset</source>
        <translation>데이터셋(&amp;D)</translation>
    </message>
    <message>
        <source>Series too large</source>
        <translation>시리즈가 너무 큼</translation>
    </message>
    <message>
        <source>%1

Load it downsampled (every k-th slice, row and column, with k as small as fits)?</source>
        <translation>%1

다운샘플링하여 불러올까요? (메모리에 맞는 가장 작은 k로 k번째마다 슬라이스, 행, 열을 읽습니다)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts and Mouse</source>
        <translation>단축키 및 마우스(&amp;K)</translation>
    </message>
    <message>
        <source>%1 files exported to %2</source>
        <translation>파일 %1개를 %2(으)로 내보냈습니다</translation>
    </message>
</context>
<context>
    <name>cadview::ModelController</name>
    <message>
        <source>Open a study first.</source>
        <translation>먼저 스터디를 여십시오.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message>
        <source>The study changed while the model ran; its result was dropped.</source>
        <translation>모델 실행 중에 스터디가 변경되어 결과를 폐기했습니다.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
</context>
<context>
    <name>cadview::ModelPanel</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Segmentation (preview)</source>
        <translation>분할(미리 보기)</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>윤곽선</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>불투명도</translation>
    </message>
    <message>
        <source>Accept into label map</source>
        <translation>레이블 맵에 반영</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>소견</translation>
    </message>
    <message>
        <source>Heatmap from</source>
        <translation>히트맵 임계값</translation>
    </message>
    <message>
        <source>%1 finished in %L2 s</source>
        <translation>%1 완료(%L2초)</translation>
    </message>
    <message>
        <source>No models found.</source>
        <translation>모델을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Segmentation (preview): %1</source>
        <translation>분할(미리 보기): %1</translation>
    </message>
    <message>
        <source>Findings: %1</source>
        <translation>소견: %1</translation>
    </message>
    <message>
        <source>%1  %L2 %</source>
        <translation>%1  %L2%</translation>
    </message>
    <message>
        <source>Dice: open a ground-truth label map (File &gt; Open Label Map) or accept and correct this preview to compare.</source>
        <translation>Dice: 비교하려면 정답 레이블 맵을 열거나(파일 &gt; 레이블 맵 열기) 이 미리 보기를 반영한 뒤 수정하십시오.</translation>
    </message>
    <message>
        <source>%1 %L2</source>
        <translation>%1 %L2</translation>
    </message>
    <message>
        <source>Dice against the label map: %1</source>
        <translation>레이블 맵 대비 Dice: %1</translation>
    </message>
    <message>
        <source>Copy the shown labels into the label map (one undoable step)</source>
        <translation>표시된 레이블을 레이블 맵에 복사(한 번에 실행 취소 가능)</translation>
    </message>
    <message>
        <source>Accept selected</source>
        <translation>선택 레이블 반영</translation>
    </message>
    <message>
        <source>Copy only the selected label; the rest stays a preview</source>
        <translation>선택한 레이블만 복사하고 나머지는 미리 보기로 유지</translation>
    </message>
</context>
<context>
    <name>cadview::PacsActions</name>
    <message>
        <source>&amp;Query PACS…</source>
        <translation>PACS 조회(&amp;Q)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <source>Sen&amp;d to PACS</source>
        <translation>PACS로 보내기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Label Map as DICOM SEG</source>
        <translation>레이블 맵을 DICOM SEG로(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;AI Overlay as Secondary Capture</source>
        <translation>AI 오버레이를 Secondary Capture로(&amp;A)</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>PACS로 보내기</translation>
    </message>
    <message>
        <source>No PACS nodes yet: add one in Edit &gt; Preferences &gt; PACS.</source>
        <translation>PACS 노드가 아직 없습니다. 편집 &gt; 환경설정 &gt; PACS에서 추가하십시오.</translation>
    </message>
    <message>
        <source>Send to:</source>
        <translation>보낼 곳:</translation>
    </message>
    <message>
        <source>A DICOM SEG refers to a DICOM series; the open image is not one.</source>
        <translation>DICOM SEG는 DICOM 시리즈를 참조합니다. 열려 있는 영상은 DICOM 시리즈가 아닙니다.</translation>
    </message>
    <message>
        <source>The label map is empty: paint or load labels first.</source>
        <translation>레이블 맵이 비어 있습니다. 먼저 레이블을 칠하거나 불러오십시오.</translation>
    </message>
    <message>
        <source>the label map (DICOM SEG)</source>
        <translation>레이블 맵(DICOM SEG)</translation>
    </message>
    <message>
        <source>The AI overlay is sent into the study of a DICOM series; the open image is not one.</source>
        <translation>AI 오버레이는 DICOM 시리즈의 검사로 보내집니다. 열려 있는 영상은 DICOM 시리즈가 아닙니다.</translation>
    </message>
    <message>
        <source>There is no AI overlay to send: run a model first.</source>
        <translation>보낼 AI 오버레이가 없습니다. 먼저 모델을 실행하십시오.</translation>
    </message>
    <message>
        <source>the AI overlay (Secondary Capture)</source>
        <translation>AI 오버레이(Secondary Capture)</translation>
    </message>
    <message>
        <source>A send is already running.</source>
        <translation>이미 전송 중입니다.</translation>
    </message>
    <message>
        <source>There is no PACS node called %1.</source>
        <translation>%1(이)라는 PACS 노드가 없습니다.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>임시 폴더를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1 refused %2: %3</source>
        <translation>%1이(가) %2을(를) 거부했습니다: %3</translation>
    </message>
    <message numerus="yes">
        <source>Sent %1 to %2 (%n file(s)).</source>
        <translation>
            <numerusform>%1을(를) %2(으)로 보냈습니다(파일 %n개).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cadview::PacsNodeDialog</name>
    <message>
        <source>DICOM node</source>
        <translation>DICOM 노드</translation>
    </message>
    <message>
        <source>e.g. ORTHANC</source>
        <translation>예: ORTHANC</translation>
    </message>
    <message>
        <source>optional, e.g. http://pacs:8042/dicom-web</source>
        <translation>선택 사항, 예: http://pacs:8042/dicom-web</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;AE title:</source>
        <translation>AE 타이틀(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>호스트(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <source>DICOM&amp;web URL:</source>
        <translation>DICOM&amp;web URL:</translation>
    </message>
</context>
<context>
    <name>cadview::PacsNodesPage</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>AE title</source>
        <translation>AE 타이틀</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>DICOMweb URL</source>
        <translation>DICOMweb URL</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Verify (C-ECHO)</source>
        <translation>연결 확인(C-ECHO)(&amp;V)</translation>
    </message>
    <message>
        <source>Our &amp;calling AE title:</source>
        <translation>우리 쪽 호출 AE 타이틀(&amp;C):</translation>
    </message>
    <message>
        <source>C-MOVE &amp;receive port:</source>
        <translation>C-MOVE 수신 포트(&amp;R):</translation>
    </message>
    <message>
        <source>For C-MOVE the PACS must know our AE title with this computer&apos;s address and the receive port.</source>
        <translation>C-MOVE를 사용하려면 PACS에 우리 AE 타이틀과 이 컴퓨터의 주소, 수신 포트가 등록되어 있어야 합니다.</translation>
    </message>
    <message>
        <source>Select a node to verify.</source>
        <translation>확인할 노드를 선택하십시오.</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>%1 확인 중…</translation>
    </message>
    <message>
        <source>%1: C-ECHO succeeded in %2 ms.</source>
        <translation>%1: C-ECHO 성공(%2 ms).</translation>
    </message>
</context>
<context>
    <name>cadview::PacsQueryDialog</name>
    <message>
        <source>Query PACS</source>
        <translation>PACS 조회</translation>
    </message>
    <message>
        <source>Use DICOM&amp;web</source>
        <translation>DICOM&amp;web 사용</translation>
    </message>
    <message>
        <source>e.g. DOE* (* any text, ? one character)</source>
        <translation>예: DOE* (*는 임의의 문자열, ?는 한 글자)</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>YYYYMMDD</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>검색(&amp;S)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>&amp;Node:</source>
        <translation>노드(&amp;N):</translation>
    </message>
    <message>
        <source>Patient &amp;name:</source>
        <translation>환자 이름(&amp;N):</translation>
    </message>
    <message>
        <source>Patient &amp;ID:</source>
        <translation>환자 ID(&amp;I):</translation>
    </message>
    <message>
        <source>Study &amp;date from:</source>
        <translation>검사 날짜(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Modality:</source>
        <translation>모달리티(&amp;M):</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>환자 이름</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>환자 ID</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>모달리티</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>영상</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>모달리티</translation>
    </message>
    <message>
        <source>Retrieve by C-&amp;MOVE (instead of C-GET)</source>
        <translation>C-GET 대신 C-MOVE로 가져오기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Retrieve</source>
        <translation>가져오기(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Cancelled; nothing of it was kept.</source>
        <translation>취소되었습니다. 받은 것은 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>No PACS nodes yet: add one in Edit &gt; Preferences &gt; PACS.</source>
        <translation>PACS 노드가 아직 없습니다. 편집 &gt; 환경설정 &gt; PACS에서 추가하십시오.</translation>
    </message>
    <message>
        <source>Choose a PACS node (Edit &gt; Preferences &gt; PACS).</source>
        <translation>PACS 노드를 선택하십시오(편집 &gt; 환경설정 &gt; PACS).</translation>
    </message>
    <message numerus="yes">
        <source>%n study(s) found.</source>
        <translation>
            <numerusform>검사 %n건을 찾았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation>%1 검색 중…</translation>
    </message>
    <message numerus="yes">
        <source>%n series.</source>
        <translation>
            <numerusform>시리즈 %n개.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing the series…</source>
        <translation>시리즈 목록을 가져오는 중…</translation>
    </message>
    <message>
        <source>Select a study (or one of its series) to retrieve.</source>
        <translation>가져올 검사(또는 그 검사의 시리즈)를 선택하십시오.</translation>
    </message>
    <message>
        <source>Receiving image %1 of %2…</source>
        <translation>영상 수신 중(%1/%2)…</translation>
    </message>
    <message>
        <source>Retrieved into %1.</source>
        <translation>%1에 가져왔습니다.</translation>
    </message>
    <message>
        <source>Retrieving the study…</source>
        <translation>검사를 가져오는 중…</translation>
    </message>
    <message>
        <source>Retrieving the series…</source>
        <translation>시리즈를 가져오는 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
</context>
<context>
    <name>cadview::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>환경 설정</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>A new language takes effect when cadview starts again.</source>
        <translation>새 언어는 cadview를 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
</context>
<context>
    <name>cadview::SeriesBrowser</name>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>모달리티</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>영상 수</translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation>환자 %1</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>스터디</translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation>시리즈 %1</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(설명 없음)</translation>
    </message>
</context>
<context>
    <name>cadview::Session</name>
    <message>
        <source>The label map&apos;s grid (%1 × %2 × %3) differs from the image&apos;s (%4 × %5 × %6).</source>
        <translation>레이블 맵의 격자(%1 × %2 × %3)가 영상의 격자(%4 × %5 × %6)와 다릅니다.</translation>
    </message>
    <message>
        <source>The label map cannot be used: %1.</source>
        <translation>레이블 맵을 사용할 수 없습니다: %1.</translation>
    </message>
</context>
<context>
    <name>cadview::ShortcutsDialog</name>
    <message>
        <source>Slice views</source>
        <translation>슬라이스 화면</translation>
    </message>
    <message>
        <source>Wheel, ↑ ↓, Page Up/Down</source>
        <translation>휠, ↑ ↓, Page Up/Down</translation>
    </message>
    <message>
        <source>Next or previous slice</source>
        <translation>다음 또는 이전 슬라이스</translation>
    </message>
    <message>
        <source>Home, End</source>
        <translation>Home, End</translation>
    </message>
    <message>
        <source>First or last slice</source>
        <translation>첫 번째 또는 마지막 슬라이스</translation>
    </message>
    <message>
        <source>Left drag</source>
        <translation>왼쪽 드래그</translation>
    </message>
    <message>
        <source>Window and level (or the annotation tool)</source>
        <translation>W/L 조절(또는 주석 도구)</translation>
    </message>
    <message>
        <source>Left click</source>
        <translation>왼쪽 클릭</translation>
    </message>
    <message>
        <source>Move the crosshair</source>
        <translation>십자선 이동</translation>
    </message>
    <message>
        <source>Right drag, Ctrl+wheel</source>
        <translation>오른쪽 드래그, Ctrl+휠</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>확대/축소</translation>
    </message>
    <message>
        <source>Middle drag, Shift+left drag</source>
        <translation>가운데 드래그, Shift+왼쪽 드래그</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Reset zoom and pan</source>
        <translation>확대/축소 및 이동 초기화</translation>
    </message>
    <message>
        <source>Smaller or larger brush</source>
        <translation>브러시 작게 또는 크게</translation>
    </message>
    <message>
        <source>Ctrl+left drag</source>
        <translation>Ctrl+왼쪽 드래그</translation>
    </message>
    <message>
        <source>Erase with the brush</source>
        <translation>브러시로 지우기</translation>
    </message>
    <message>
        <source>Enter, double click / Esc</source>
        <translation>Enter, 더블클릭 / Esc</translation>
    </message>
    <message>
        <source>Close the polygon / drop it</source>
        <translation>다각형 닫기 / 취소</translation>
    </message>
    <message>
        <source>3D view</source>
        <translation>3D 화면</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>회전</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts and Mouse</source>
        <translation>단축키 및 마우스</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>필터</translation>
    </message>
</context>
<context>
    <name>cadview::SliceView</name>
    <message>
        <source>Axial</source>
        <translation>축상면</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>관상면</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>시상면</translation>
    </message>
    <message>
        <source>Loading… %1%</source>
        <translation>불러오는 중… %1%</translation>
    </message>
    <message>
        <source>Slice %1 / %2</source>
        <translation>슬라이스 %1 / %2</translation>
    </message>
    <message>
        <source>%L1 mm</source>
        <translation>%L1 mm</translation>
    </message>
    <message>
        <source>W %L1  L %L2</source>
        <translation>W %L1  L %L2</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>확대 %1%</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>가림 민감도</translation>
    </message>
</context>
<context>
    <name>cadview::StudyLoader</name>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>No images found in %1.</source>
        <translation>%1에서 영상을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Series %1 is not in the opened folder.</source>
        <translation>연 폴더에 시리즈 %1이(가) 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No images could be read from %1: %2</source>
        <translation>%1에서 영상을 읽을 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>cadview::VolumeView3D</name>
    <message>
        <source>CT bone</source>
        <translation>CT 뼈</translation>
    </message>
    <message>
        <source>CT soft tissue</source>
        <translation>CT 연부 조직</translation>
    </message>
    <message>
        <source>CT lung</source>
        <translation>CT 폐</translation>
    </message>
    <message>
        <source>Automatic (MR, other)</source>
        <translation>자동(MR, 기타)</translation>
    </message>
    <message>
        <source>3D: waiting for the series to load</source>
        <translation>3D: 시리즈 로드 대기 중</translation>
    </message>
    <message>
        <source>3D: not available for this image</source>
        <translation>3D: 이 영상에서는 사용할 수 없음</translation>
    </message>
    <message>
        <source>3D: preparing…</source>
        <translation>3D: 준비 중…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>cadview: CT, MR and X-ray viewer</source>
        <translation>cadview: CT, MR, X선 영상 뷰어</translation>
    </message>
    <message>
        <source>Open a DICOM folder or image file.</source>
        <translation>DICOM 폴더 또는 영상 파일을 엽니다.</translation>
    </message>
    <message>
        <source>SeriesInstanceUID to show.</source>
        <translation>표시할 SeriesInstanceUID.</translation>
    </message>
    <message>
        <source>Render the window to a PNG file, then exit.</source>
        <translation>창을 PNG 파일로 렌더링한 후 종료합니다.</translation>
    </message>
    <message>
        <source>Label map to show over the image.</source>
        <translation>영상 위에 표시할 레이블 맵.</translation>
    </message>
    <message>
        <source>Window preset: lung, mediastinum, bone, brain, abdomen, auto.</source>
        <translation>W/L 프리셋: lung(폐), mediastinum(종격동), bone(뼈), brain(뇌), abdomen(복부), auto(자동).</translation>
    </message>
    <message>
        <source>Demo mode: hide patient identifiers.</source>
        <translation>데모 모드: 환자 식별 정보를 숨깁니다.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x900.</source>
        <translation>창 크기(예: 1280x900).</translation>
    </message>
    <message>
        <source>Interface language (en, ko).</source>
        <translation>인터페이스 언어(en, ko).</translation>
    </message>
    <message>
        <source>Exit once the window is on screen (start-up benchmark).</source>
        <translation>창이 화면에 표시되면 바로 종료합니다(시작 속도 벤치마크).</translation>
    </message>
    <message>
        <source>Folders or files to open.</source>
        <translation>열 폴더 또는 파일.</translation>
    </message>
    <message>
        <source>Run this model on the study once it is open.</source>
        <translation>스터디가 열리면 이 모델을 실행합니다.</translation>
    </message>
    <message>
        <source>Another folder of models (repeatable).</source>
        <translation>추가 모델 폴더(여러 번 지정 가능).</translation>
    </message>
</context>
</TS>
