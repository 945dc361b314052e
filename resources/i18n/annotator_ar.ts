<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>ال&amp;إعدادات…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>النتيجة ال&amp;تالية</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>النتيجة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>&amp;Delete span</source>
        <translation>&amp;حذف الوسم</translation>
    </message>
    <message>
        <source>Add selection as a &amp;fragment</source>
        <translation>إضافة التحديد &amp;جزءًا من الوسم</translation>
    </message>
    <message>
        <source>Ne&amp;xt span</source>
        <translation>الوسم ال&amp;تالي</translation>
    </message>
    <message>
        <source>Pre&amp;vious span</source>
        <translation>الوسم ال&amp;سابق</translation>
    </message>
    <message>
        <source>Clear span selection</source>
        <translation>إلغاء تحديد الوسم</translation>
    </message>
    <message>
        <source>&amp;Next document</source>
        <translation>الوثيقة ال&amp;تالية</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>الوثيقة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>Next &amp;unfinished document</source>
        <translation>الوثيقة &amp;غير المنجزة التالية</translation>
    </message>
    <message>
        <source>Mark document &amp;done</source>
        <translation>تعليم الوثيقة &amp;منجزة</translation>
    </message>
    <message>
        <source>Mark done and go to the next unfinished</source>
        <translation>تعليمها منجزة والانتقال إلى التالية غير المنجزة</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;تكبير</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>إعادة ال&amp;حجم</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات لوحة ال&amp;مفاتيح</translation>
    </message>
    <message>
        <source>&amp;About annotator</source>
        <translation>&amp;عن annotator</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;مشروع</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;وثيقة</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
</context>
<context>
    <name>AdjudicationPanel</name>
    <message>
        <source>Accept everything agreed</source>
        <translation>قبول كل ما اتُّفق عليه</translation>
    </message>
    <message>
        <source>Add to gold every item all the ticked annotators gave alike</source>
        <translation>إضافة كل عنصر أعطاه جميع الموسِّمين المحدَّدين متطابقًا إلى الطبقة المرجعية</translation>
    </message>
    <message>
        <source>Only disagreements</source>
        <translation>الخلافات فقط</translation>
    </message>
    <message>
        <source>Accept into gold</source>
        <translation>قبول في المرجعية</translation>
    </message>
    <message>
        <source>Copy the selected item into gold (or double-click it)</source>
        <translation>نسخ العنصر المحدَّد إلى الطبقة المرجعية (أو انقره نقرًا مزدوجًا)</translation>
    </message>
    <message>
        <source>Remove from gold</source>
        <translation>حذف من المرجعية</translation>
    </message>
    <message>
        <source>In the text, gold&apos;s spans are drawn as usual and edited with the usual keys; dashed boxes are annotators&apos; spans gold lacks, striped where the annotators disagree.</source>
        <translation>في النص تُرسم وسوم الطبقة المرجعية كالمعتاد وتُحرَّر بالمفاتيح المعتادة؛ والمربعات المتقطعة وسوم للموسِّمين ليست في المرجعية، مخطَّطة حيث يختلفون.</translation>
    </message>
    <message>
        <source>Annotators:</source>
        <translation>الموسِّمون:</translation>
    </message>
    <message>
        <source>Take a whole version:</source>
        <translation>اعتماد نسخة كاملة:</translation>
    </message>
    <message>
        <source>Make gold a copy of {name}&apos;s annotations of this document</source>
        <translation>جعل الطبقة المرجعية نسخة من توسيمات {name} لهذه الوثيقة</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <source>{n} items from {names}, {d} with disagreement; gold has {g} of them.</source>
        <translation>{n} عنصرًا من {names}، {d} منها مختلف فيها؛ في المرجعية {g} منها.</translation>
    </message>
    <message>
        <source>Fewer than two annotators: take a version, or annotate gold yourself.</source>
        <translation>أقل من موسِّمَين: اعتمد نسخة، أو وسِّم الطبقة المرجعية بنفسك.</translation>
    </message>
    <message>
        <source>{n} agreed items added to gold.</source>
        <translation>أضيف {n} عنصرًا متفقًا عليه إلى المرجعية.</translation>
    </message>
    <message>
        <source>Gold is now {name}&apos;s version ({n} items); Ctrl+Z undoes it.</source>
        <translation>صارت المرجعية نسخة {name} ({n} عنصرًا)؛ Ctrl+Z للتراجع.</translation>
    </message>
    <message>
        <source>Select an item in the list first.</source>
        <translation>حدّد عنصرًا في القائمة أولًا.</translation>
    </message>
    <message>
        <source>Gold already has this.</source>
        <translation>هذا العنصر في المرجعية من قبل.</translation>
    </message>
    <message>
        <source>Added to gold: {what}.</source>
        <translation>أضيف إلى المرجعية: {what}.</translation>
    </message>
    <message>
        <source>Select an item gold has first.</source>
        <translation>حدّد أولًا عنصرًا موجودًا في المرجعية.</translation>
    </message>
    <message>
        <source>Removed from gold: {what}.</source>
        <translation>حُذف من المرجعية: {what}.</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement between annotators</source>
        <translation>الاتفاق بين الموسِّمين</translation>
    </message>
    <message>
        <source>Annotators:</source>
        <translation>الموسِّمون:</translation>
    </message>
    <message>
        <source>Only documents marked done</source>
        <translation>الوثائق المنجزة فقط</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>احسب</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <source>F1 / κ / α</source>
        <translation>F1 / κ / α</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>العدد</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>نظرة عامة</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Exact P</source>
        <translation>دقة (تطابق تام)</translation>
    </message>
    <message>
        <source>Exact R</source>
        <translation>استدعاء (تطابق تام)</translation>
    </message>
    <message>
        <source>Exact F1</source>
        <translation>F1 (تطابق تام)</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>F1 (تداخل)</translation>
    </message>
    <message>
        <source>κ (tokens)</source>
        <translation>κ (الكلمات)</translation>
    </message>
    <message>
        <source>Per label</source>
        <translation>حسب الوسم</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>κ كوهين</translation>
    </message>
    <message>
        <source>Trigger F1</source>
        <translation>F1 المحفِّزات</translation>
    </message>
    <message>
        <source>Argument F1</source>
        <translation>F1 المشاركين</translation>
    </message>
    <message>
        <source>Stance α</source>
        <translation>α المواقف</translation>
    </message>
    <message>
        <source>Per pair</source>
        <translation>حسب الزوج</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <source>Per document</source>
        <translation>حسب الوثيقة</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <source>{names} compared on {n} documents annotated by two or more of them.</source>
        <translation>قورن {names} على {n} وثيقة وسَّمها اثنان منهم أو أكثر.</translation>
    </message>
    <message>
        <source>Spans, exact match</source>
        <translation>الوسوم، تطابق تام</translation>
    </message>
    <message>
        <source>Spans, by overlap</source>
        <translation>الوسوم، بالتداخل</translation>
    </message>
    <message>
        <source>Event triggers</source>
        <translation>محفِّزات الأحداث</translation>
    </message>
    <message>
        <source>Event arguments</source>
        <translation>مشاركو الأحداث</translation>
    </message>
    <message>
        <source>Tokens: Cohen&apos;s κ (mean over pairs)</source>
        <translation>الكلمات: κ كوهين (متوسط الأزواج)</translation>
    </message>
    <message>
        <source>Tokens: Fleiss&apos; κ</source>
        <translation>الكلمات: κ فلايس</translation>
    </message>
    <message>
        <source>Stance: Krippendorff&apos;s α</source>
        <translation>المواقف: α كريبندورف</translation>
    </message>
    <message>
        <source>Document labels «{set}»: Krippendorff&apos;s α</source>
        <translation>تصنيفات الوثيقة «{set}»: α كريبندورف</translation>
    </message>
    <message>
        <source>All pairs, pooled</source>
        <translation>كل الأزواج مجتمعة</translation>
    </message>
    <message>
        <source>{label} (trigger)</source>
        <translation>{label} (محفِّز)</translation>
    </message>
</context>
<context>
    <name>AnnotationListModel</name>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <source>All labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>{n} spans</source>
        <translation>عدد الوسوم: {n}</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>nobody has started it</source>
        <translation>لم يبدأها أحد</translation>
    </message>
    <message>
        <source>{name}: {length} characters, {spans} spans, {status}</source>
        <translation>{name}: {length} حرفًا، {spans} وسمًا، {status}</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>الموسِّمون</translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Filter by name</source>
        <translation>تصفية بالاسم</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>Whose status the list shows and filters by</source>
        <translation>الموسِّم الذي تعرض القائمة حالته وتصفّي بها</translation>
    </message>
    <message>
        <source>Documents: {total} · done: {done} · in progress: {started}</source>
        <translation>الوثائق: {total} · المنجزة: {done} · قيد العمل: {started}</translation>
    </message>
    <message>
        <source>{shown} shown</source>
        <translation>المعروض {shown}</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <source>Find (ignores diacritics, tatweel and hamza forms)</source>
        <translation>بحث (يتجاهل التشكيل والتطويل وصور الهمزة)</translation>
    </message>
    <message>
        <source>Label all whole-word matches</source>
        <translation>وسم كل المطابقات الكاملة</translation>
    </message>
    <message>
        <source>{n} matches, {w} of them whole words</source>
        <translation>عدد المطابقات {n}، منها {w} كلمات كاملة</translation>
    </message>
</context>
<context>
    <name>FindResultsModel</name>
    <message>
        <source>characters {start}–{end}</source>
        <translation>الأحرف ⁦{start}–{end}⁩</translation>
    </message>
    <message>
        <source>part of a longer word</source>
        <translation>جزء من كلمة أطول</translation>
    </message>
</context>
<context>
    <name>Identity</name>
    <message>
        <source>An annotator needs a name.</source>
        <translation>يحتاج الموسِّم إلى اسم.</translation>
    </message>
    <message>
        <source>&apos;{gold}&apos; is the name of the adjudicated layer; choose another.</source>
        <translation>&apos;{gold}&apos; اسم الطبقة المرجعية المحكَّمة؛ اختر اسمًا آخر.</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>key {key}</source>
        <translation>المفتاح {key}</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>أمثلة:</translation>
    </message>
</context>
<context>
    <name>LayerBar</name>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>الطبقة:</translation>
    </message>
    <message>
        <source>My annotations ({name})</source>
        <translation>توسيماتي ({name})</translation>
    </message>
    <message>
        <source>{name} (read-only)</source>
        <translation>{name} (للقراءة فقط)</translation>
    </message>
    <message>
        <source>Gold (adjudication)</source>
        <translation>المرجعية (التحكيم)</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>للقراءة فقط</translation>
    </message>
    <message>
        <source>adjudicating: edits go to the gold layer</source>
        <translation>تحكيم: التعديلات تذهب إلى الطبقة المرجعية</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>{name}&apos;s annotations are shown read-only: choose your own layer, or gold to adjudicate, to edit.</source>
        <translation>توسيمات {name} معروضة للقراءة فقط: اختر طبقتك، أو المرجعية للتحكيم، لتعدّل.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>التوسيمات</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Annotator: {name}</source>
        <translation>الموسِّم: {name}</translation>
    </message>
    <message>
        <source>Snap: {mode}</source>
        <translation>الالتقاط: {mode}</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>أحرف</translation>
    </message>
    <message>
        <source>letters</source>
        <translation>حروف بتشكيلها</translation>
    </message>
    <message>
        <source>words</source>
        <translation>كلمات</translation>
    </message>
    <message>
        <source>words without clitics</source>
        <translation>كلمات دون السوابق</translation>
    </message>
    <message>
        <source>{n} scheme warnings</source>
        <translation>تحذيرات المخطط: {n}</translation>
    </message>
    <message>
        <source>The scheme has problems: {warnings}</source>
        <translation>في مخطط التوسيم مشكلات: {warnings}</translation>
    </message>
    <message>
        <source>This project has no documents yet: import some with &apos;annotator import&apos;.</source>
        <translation>لا وثائق في هذا المشروع بعد: استوردها بالأمر &apos;annotator import&apos;.</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;تراجع عن {what}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>إ&amp;عادة {what}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>The selection holds no word to label.</source>
        <translation>لا يحوي التحديد كلمة يمكن وسمها.</translation>
    </message>
    <message>
        <source>Select some text to label, or click a span to relabel it.</source>
        <translation>حدّد نصًا لوسمه، أو انقر وسمًا لتغيير تصنيفه.</translation>
    </message>
    <message>
        <source>Click a span first, then press Delete.</source>
        <translation>انقر وسمًا أولًا ثم اضغط Delete.</translation>
    </message>
    <message>
        <source>Click a span, select more text, then add it as a fragment.</source>
        <translation>انقر وسمًا، ثم حدّد نصًا آخر وأضفه جزءًا منه.</translation>
    </message>
    <message>
        <source>Every whole-word match already has this label.</source>
        <translation>كل المطابقات الكاملة موسومة بهذا الوسم من قبل.</translation>
    </message>
    <message>
        <source>Label {n} matches as {label}</source>
        <translation>وسم {n} مطابقة بالوسم {label}</translation>
    </message>
    <message>
        <source>{n} spans added.</source>
        <translation>أضيف {n} وسمًا.</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>تم التراجع عن: {what}</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>أعيد: {what}</translation>
    </message>
    <message>
        <source>Every document is done.</source>
        <translation>كل الوثائق منجزة.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>Annotator projects (*.annotproj);;All files (*)</source>
        <translation>مشاريع annotator (*.annotproj);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;annotator {version}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Annotate Arabic text: entities, events and stance.&lt;/p&gt;&lt;p&gt;Text font: Amiri (SIL Open Font License).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;annotator {version}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;توسيم النصوص العربية: الكيانات والأحداث والمواقف.&lt;/p&gt;&lt;p&gt;خط النص: أميري (رخصة SIL للخطوط المفتوحة).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About annotator</source>
        <translation>عن annotator</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Welcome to annotator</source>
        <translation>مرحبًا بك في annotator</translation>
    </message>
    <message>
        <source>Your name as an annotator. Everything you annotate is stored under it, so that a project lead can bring the work of several people together. You can change it later in Settings.</source>
        <translation>اسمك موسِّمًا. يُحفظ كل ما توسِّمه تحت هذا الاسم ليجمع مسؤول المشروع عمل عدة أشخاص. يمكنك تغييره لاحقًا في الإعدادات.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>لغة الواجهة:</translation>
    </message>
    <message>
        <source>Annotator name:</source>
        <translation>اسم الموسِّم:</translation>
    </message>
    <message>
        <source>Characters (no snapping)</source>
        <translation>أحرف (دون التقاط)</translation>
    </message>
    <message>
        <source>Letters with their marks</source>
        <translation>حروف بتشكيلها</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>كلمات كاملة</translation>
    </message>
    <message>
        <source>Whole words without leading clitics (و ف ب ل ك)</source>
        <translation>كلمات كاملة دون السوابق (و ف ب ل ك)</translation>
    </message>
    <message>
        <source>Selections snap to:</source>
        <translation>يلتقط التحديد:</translation>
    </message>
    <message>
        <source>From the text</source>
        <translation>من النص</translation>
    </message>
    <message>
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <source>Text direction:</source>
        <translation>اتجاه النص:</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>حجم النص:</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <source>Adjudication</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <source>&amp;Adjudicate this document</source>
        <translation>&amp;تحكيم هذه الوثيقة</translation>
    </message>
    <message>
        <source>A&amp;greement…</source>
        <translation>الا&amp;تفاق…</translation>
    </message>
    <message>
        <source>Show &amp;my annotations</source>
        <translation>عرض توسي&amp;ماتي</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>ال&amp;فريق</translation>
    </message>
</context>
<context>
    <name>VotesModel</name>
    <message>
        <source>event</source>
        <translation>حدث</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>علاقة</translation>
    </message>
    <message>
        <source>stance</source>
        <translation>موقف</translation>
    </message>
    <message>
        <source>Given by: {names}</source>
        <translation>أعطاه: {names}</translation>
    </message>
    <message>
        <source>Not by: {names}</source>
        <translation>لم يعطه: {names}</translation>
    </message>
    <message>
        <source>Characters {where}</source>
        <translation>الأحرف {where}</translation>
    </message>
    <message>
        <source>In gold</source>
        <translation>في المرجعية</translation>
    </message>
    <message>
        <source>Not in gold yet</source>
        <translation>ليس في المرجعية بعد</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>المرجعية</translation>
    </message>
</context>
</TS>
