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
    <name>AttributeEditor</name>
    <message>
        <source>No attributes for this item.</source>
        <translation>لا سمات لهذا العنصر.</translation>
    </message>
    <message>
        <source>Nothing selected.</source>
        <translation>لم يُختر شيء.</translation>
    </message>
    <message>
        <source>default: {value}</source>
        <translation>الافتراضي: {value}</translation>
    </message>
</context>
<context>
    <name>DocLabelsPanel</name>
    <message>
        <source>(one)</source>
        <translation>(واحد)</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
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
        <source>Documents: {total} · done: {done} · in progress: {started}</source>
        <translation>الوثائق: {total} · المنجزة: {done} · قيد العمل: {started}</translation>
    </message>
    <message>
        <source>{shown} shown</source>
        <translation>المعروض {shown}</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>Event / role</source>
        <translation>الحدث / الدور</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Select a trigger word and press an event key (1–7).</source>
        <translation>حدّد كلمة المُطلِق واضغط مفتاح حدث (1–7).</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Add argument</source>
        <translation>إضافة مشارك</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
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
        <translation>الأحرف {start}–{end}</translation>
    </message>
    <message>
        <source>part of a longer word</source>
        <translation>جزء من كلمة أطول</translation>
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
    <name>LinkController</name>
    <message>
        <source>Add an &amp;argument…</source>
        <translation>إضافة &amp;مشارك…</translation>
    </message>
    <message>
        <source>&amp;Link to…</source>
        <translation>&amp;ربط بـ…</translation>
    </message>
    <message>
        <source>Target ← selection</source>
        <translation>الهدف ← التحديد</translation>
    </message>
    <message>
        <source>Holder ← selection</source>
        <translation>صاحب الموقف ← التحديد</translation>
    </message>
    <message>
        <source>Evidence ← selection</source>
        <translation>الدليل ← التحديد</translation>
    </message>
    <message>
        <source>New stance</source>
        <translation>موقف جديد</translation>
    </message>
    <message>
        <source>Next &amp;problem</source>
        <translation>المشكلة ال&amp;تالية</translation>
    </message>
    <message>
        <source>Previous p&amp;roblem</source>
        <translation>المشكلة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>الموقف</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <source>Document labels</source>
        <translation>وسوم الوثيقة</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>المشكلات</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>المقطع</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>&amp;توسيم</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>المشكلات ({n})</translation>
    </message>
    <message>
        <source>The selection holds no word to mark as a trigger.</source>
        <translation>لا يضم التحديد كلمة تُعلَّم مُطلِقاً لحدث.</translation>
    </message>
    <message>
        <source>Select a trigger word, then press an event key.</source>
        <translation>حدّد كلمة المُطلِق، ثم اضغط مفتاح الحدث.</translation>
    </message>
    <message>
        <source>Make «{text}» a {type} trigger</source>
        <translation>جعل «{text}» مُطلِقاً لحدث {type}</translation>
    </message>
    <message>
        <source>Event added. Ctrl+R adds an argument: choose the role, then Tab to the entity and press Enter.</source>
        <translation>أُضيف الحدث. Ctrl+R يضيف مشاركاً: اختر الدور، ثم انتقل بـ Tab إلى الكيان واضغط Enter.</translation>
    </message>
    <message>
        <source>Select an event first: click its trigger, or choose it in the Events panel.</source>
        <translation>اختر حدثاً أولاً: انقر مُطلِقه، أو اختره في لوحة الأحداث.</translation>
    </message>
    <message>
        <source>{role} of {type}: Tab and Shift+Tab move through the {n} spans that fit, Enter takes one, a click takes any span, Esc cancels.</source>
        <translation>{role} في {type}: ينقل Tab وShift+Tab بين المقاطع الملائمة ({n})، ويأخذ Enter أحدها، وتأخذ النقرةُ أيَّ مقطع، ويلغي Esc.</translation>
    </message>
    <message>
        <source>No span here is a {types}: click the span that fills {role}, or press Esc.</source>
        <translation>لا مقطع هنا من النوع {types}: انقر المقطع الذي يشغل الدور {role}، أو اضغط Esc.</translation>
    </message>
    <message>
        <source>Click the span the relation starts from, then press Ctrl+L.</source>
        <translation>انقر المقطع الذي تبدأ منه العلاقة، ثم اضغط Ctrl+L.</translation>
    </message>
    <message>
        <source>Link from «{text}»: Tab and Shift+Tab move through the {n} spans it may link to, Enter takes one, a click takes any span, Esc cancels.</source>
        <translation>ربط من «{text}»: ينقل Tab وShift+Tab بين المقاطع التي يمكن ربطه بها ({n})، ويأخذ Enter أحدها، وتأخذ النقرةُ أيَّ مقطع، ويلغي Esc.</translation>
    </message>
    <message>
        <source>No relation type of the scheme links a {a} to a {b}.</source>
        <translation>لا نوع علاقة في المخطط يربط {a} بـ {b}.</translation>
    </message>
    <message>
        <source>Choose the target first: click an entity, then press Ctrl+Shift+T.</source>
        <translation>اختر الهدف أولاً: انقر كياناً، ثم اضغط Ctrl+Shift+T.</translation>
    </message>
    <message>
        <source>Type the target first.</source>
        <translation>اكتب الهدف أولاً.</translation>
    </message>
    <message>
        <source>Click the {what} in the text first.</source>
        <translation>انقر {what} في النص أولاً.</translation>
    </message>
    <message>
        <source>Click the target entity in the text, then press Ctrl+Shift+T.</source>
        <translation>انقر الكيان الهدف في النص، ثم اضغط Ctrl+Shift+T.</translation>
    </message>
    <message>
        <source>target entity</source>
        <translation>الكيان الهدف</translation>
    </message>
    <message>
        <source>holder</source>
        <translation>صاحب الموقف</translation>
    </message>
    <message>
        <source>Select the words that show the stance (or click a span), then press Ctrl+Shift+E.</source>
        <translation>حدّد الكلمات التي تُظهر الموقف (أو انقر مقطعاً)، ثم اضغط Ctrl+Shift+E.</translation>
    </message>
    <message>
        <source>No problems in this document.</source>
        <translation>لا مشكلات في هذه الوثيقة.</translation>
    </message>
    <message>
        <source>trigger of {what}</source>
        <translation>مُطلِق {what}</translation>
    </message>
    <message>
        <source>{role} of {what}</source>
        <translation>{role} في {what}</translation>
    </message>
    <message>
        <source>{how} of stance {label}</source>
        <translation>{how} في الموقف {label}</translation>
    </message>
    <message>
        <source>target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>الدليل</translation>
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
    <name>ProblemsPanel</name>
    <message>
        <source>{n} problems</source>
        <translation>المشكلات: {n}</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>لا مشكلات.</translation>
    </message>
</context>
<context>
    <name>RelationsPanel</name>
    <message>
        <source>Relation</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <source>Source → target</source>
        <translation>المصدر ← الهدف</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
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
    <name>SpanInspector</name>
    <message>
        <source>Part of:</source>
        <translation>جزء من:</translation>
    </message>
    <message>
        <source>Click a span to see its attributes.</source>
        <translation>انقر مقطعاً لترى سماته.</translation>
    </message>
</context>
<context>
    <name>StancePanel</name>
    <message>
        <source>Stance</source>
        <translation>الموقف</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>صاحب الموقف</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>الدليل</translation>
    </message>
    <message>
        <source>Type the target</source>
        <translation>اكتب الهدف</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>Remove evidence</source>
        <translation>إزالة الدليل</translation>
    </message>
    <message>
        <source>Delete stance</source>
        <translation>حذف الموقف</translation>
    </message>
    <message>
        <source>An entity in the text</source>
        <translation>كيان في النص</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>نص حر</translation>
    </message>
    <message>
        <source>The author</source>
        <translation>الكاتب</translation>
    </message>
    <message>
        <source>The whole document</source>
        <translation>الوثيقة كلها</translation>
    </message>
    <message>
        <source>A passage (with evidence)</source>
        <translation>مقطع (مع دليل)</translation>
    </message>
    <message>
        <source>the author</source>
        <translation>الكاتب</translation>
    </message>
    <message>
        <source>Stance: {label}</source>
        <translation>الموقف: {label}</translation>
    </message>
    <message>
        <source>New stance: choose a target, then press a label key</source>
        <translation>موقف جديد: اختر الهدف، ثم اضغط مفتاح الوسم</translation>
    </message>
    <message>
        <source>(click an entity, then press Ctrl+Shift+T)</source>
        <translation>(انقر كياناً، ثم اضغط Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>(new passage)</source>
        <translation>(مقطع جديد)</translation>
    </message>
</context>
</TS>
