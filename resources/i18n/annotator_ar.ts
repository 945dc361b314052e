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
        <source>&amp;Import…</source>
        <translation>&amp;استيراد…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
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
        <source>&amp;Mark span, label it later</source>
        <translation>&amp;علِّم مقطعًا ووسِّمه لاحقًا</translation>
    </message>
    <message>
        <source>Grow span leftwards by a word</source>
        <translation>وسِّع الوسم يسارًا بكلمة</translation>
    </message>
    <message>
        <source>Grow span rightwards by a word</source>
        <translation>وسِّع الوسم يمينًا بكلمة</translation>
    </message>
    <message>
        <source>Shrink span from the left by a word</source>
        <translation>قلِّص الوسم من اليسار بكلمة</translation>
    </message>
    <message>
        <source>Shrink span from the right by a word</source>
        <translation>قلِّص الوسم من اليمين بكلمة</translation>
    </message>
    <message>
        <source>Grow span leftwards by a letter</source>
        <translation>وسِّع الوسم يسارًا بحرف</translation>
    </message>
    <message>
        <source>Grow span rightwards by a letter</source>
        <translation>وسِّع الوسم يمينًا بحرف</translation>
    </message>
    <message>
        <source>Shrink span from the left by a letter</source>
        <translation>قلِّص الوسم من اليسار بحرف</translation>
    </message>
    <message>
        <source>Shrink span from the right by a letter</source>
        <translation>قلِّص الوسم من اليمين بحرف</translation>
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
        <source>&amp;Label names on spans</source>
        <translation>أسماء الوسوم فوق ال&amp;مقاطع</translation>
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
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>Span &amp;edges</source>
        <translation>&amp;حدود الوسم</translation>
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
    <message numerus="yes">
        <source>%n agreed items added to gold.</source>
        <translation>
            <numerusform>لم يُضف أي عنصر متفق عليه إلى المرجعية.</numerusform>
            <numerusform>أضيف عنصر واحد متفق عليه إلى المرجعية.</numerusform>
            <numerusform>أضيف عنصران متفق عليهما إلى المرجعية.</numerusform>
            <numerusform>أضيفت %n عناصر متفق عليها إلى المرجعية.</numerusform>
            <numerusform>أضيف %n عنصرًا متفقًا عليه إلى المرجعية.</numerusform>
            <numerusform>أضيف %n عنصر متفق عليه إلى المرجعية.</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n spans</source>
        <translation>
            <numerusform>لا وسوم</numerusform>
            <numerusform>وسم واحد</numerusform>
            <numerusform>وسمان</numerusform>
            <numerusform>%n وسوم</numerusform>
            <numerusform>%n وسمًا</numerusform>
            <numerusform>%n وسم</numerusform>
        </translation>
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
    <name>Errors</name>
    <message>
        <source>Something went wrong inside annotator ({what}); your annotations up to the last edit are saved.</source>
        <translation>حدث خطأ داخل annotator ‏({what})؛ تعليقاتك محفوظة حتى آخر تعديل.</translation>
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
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>الحفظ في:</translation>
    </message>
    <message>
        <source>Annotations of:</source>
        <translation>توسيمات:</translation>
    </message>
    <message>
        <source>Only documents marked done</source>
        <translation>الوثائق المعلَّمة منجزة فقط</translation>
    </message>
    <message>
        <source>Also documents with no annotations in this layer</source>
        <translation>والوثائق التي لا توسيم لها في هذه الطبقة أيضًا</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>الوثائق:</translation>
    </message>
    <message>
        <source>Format options</source>
        <translation>خيارات الصيغة</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Untick a label to leave it out; edit “Export as” to rename it. CoNLL, hf and spaCy write entity types; tick event types to tag their triggers too.</source>
        <translation>أزل علامة وسمٍ لاستبعاده، وعدّل «يُصدَّر باسم» لتغيير اسمه. تكتب صيغ CoNLL وhf وspaCy أنواع الكيانات؛ علّم أنواع الأحداث لوسم مُطلِقاتها أيضًا.</translation>
    </message>
    <message>
        <source>Split by document</source>
        <translation>التقسيم حسب الوثيقة</translation>
    </message>
    <message>
        <source>train</source>
        <translation>تدريب</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>تطوير</translation>
    </message>
    <message>
        <source>test</source>
        <translation>اختبار</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <source>The same seed gives the same split; a document keeps its part when others are added.</source>
        <translation>البذرة نفسها تعطي التقسيم نفسه، وتبقى الوثيقة في قسمها إذا أضيفت وثائق أخرى.</translation>
    </message>
    <message>
        <source>Every annotator</source>
        <translation>كل الموسِّمين</translation>
    </message>
    <message>
        <source>{name} (the adjudicated gold layer)</source>
        <translation>{name} (الطبقة المرجعية بعد الفصل)</translation>
    </message>
    <message>
        <source>Documents to export: counting…</source>
        <translation>الوثائق التي ستُصدَّر: جارٍ العدّ…</translation>
    </message>
    <message>
        <source>Documents to export: {n}</source>
        <translation>الوثائق التي ستُصدَّر: {n}</translation>
    </message>
    <message>
        <source>Export into the folder</source>
        <translation>التصدير إلى المجلد</translation>
    </message>
    <message>
        <source>Nobody has annotated this project yet, so there is nothing to export.</source>
        <translation>لم يوسِّم أحد في هذا المشروع بعد، فلا شيء يُصدَّر.</translation>
    </message>
    <message>
        <source>No documents match: choose another layer, or include documents not marked done.</source>
        <translation>لا وثائق مطابقة: اختر طبقة أخرى، أو أدرج الوثائق غير المعلَّمة منجزة.</translation>
    </message>
    <message>
        <source>The train, dev and test shares add up to {total} %, not 100 %.</source>
        <translation>مجموع حصص التدريب والتطوير والاختبار {total} %، لا 100 %.</translation>
    </message>
    <message>
        <source>A split needs at least two parts above 0 %.</source>
        <translation>يحتاج التقسيم إلى قسمين على الأقل حصة كل منهما فوق 0 %.</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>اختر مكان حفظ التصدير.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>المجلد {folder} غير موجود.</translation>
    </message>
    <message>
        <source>A split writes one file per part: save to a folder, not to {name}.</source>
        <translation>يكتب التقسيم ملفًا لكل قسم: احفظ في مجلد، لا في {name}.</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name or a new folder.</source>
        <translation>{path} مجلد؛ أعطِ اسم ملف أو مجلدًا جديدًا.</translation>
    </message>
    <message>
        <source>{path} is a file; the {format} export writes a folder.</source>
        <translation>{path} ملف؛ تصدير {format} يكتب مجلدًا.</translation>
    </message>
    <message>
        <source>{path} holds other files; choose a new or empty folder (an earlier export is replaced).</source>
        <translation>في {path} ملفات أخرى؛ اختر مجلدًا جديدًا أو فارغًا (التصدير السابق يُستبدل).</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <source>Find (ignores diacritics, tatweel and hamza forms)</source>
        <translation>بحث (يتجاهل التشكيل والتطويل وصور الهمزة)</translation>
    </message>
    <message>
        <source>Whole words only</source>
        <translation>كلمات كاملة فقط</translation>
    </message>
    <message>
        <source>Also after و ف ب ك ل: label the word without them</source>
        <translation>وبعد و ف ب ك ل أيضًا: يُوسم ما بعدها</translation>
    </message>
    <message>
        <source>Also after و ف ب ك ل: label the whole word</source>
        <translation>وبعد و ف ب ك ل أيضًا: تُوسم الكلمة كلها</translation>
    </message>
    <message>
        <source>Which matches count as whole words, and what label all marks</source>
        <translation>أي المطابقات تُعدّ كلمات كاملة، وما الذي يوسمه «وسم الكل»</translation>
    </message>
    <message>
        <source>Label all whole-word matches</source>
        <translation>وسم كل المطابقات الكاملة</translation>
    </message>
    <message numerus="yes">
        <source>%n matches (whole words: {w})</source>
        <translation>
            <numerusform>لا مطابقات</numerusform>
            <numerusform>مطابقة واحدة (كلمات كاملة: {w})</numerusform>
            <numerusform>مطابقتان (كلمات كاملة: {w})</numerusform>
            <numerusform>%n مطابقات (كلمات كاملة: {w})</numerusform>
            <numerusform>%n مطابقةً (كلمات كاملة: {w})</numerusform>
            <numerusform>%n مطابقة (كلمات كاملة: {w})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindResultsModel</name>
    <message>
        <source>characters {range}</source>
        <translation>المحارف {range}</translation>
    </message>
    <message>
        <source>part of a longer word</source>
        <translation>جزء من كلمة أطول</translation>
    </message>
</context>
<context>
    <name>FormatOptions</name>
    <message>
        <source>Tagging scheme</source>
        <translation>نظام الوسوم</translation>
    </message>
    <message>
        <source>Nested entities</source>
        <translation>الكيانات المتداخلة</translation>
    </message>
    <message>
        <source>Add labels the scheme lacks as new types</source>
        <translation>إضافة الوسوم غير الموجودة في المخطط أنواعًا جديدة</translation>
    </message>
    <message>
        <source>A -DOCSTART- line before each document</source>
        <translation>سطر ‎-DOCSTART-‎ قبل كل وثيقة</translation>
    </message>
    <message>
        <source>Stance file</source>
        <translation>ملف المواقف</translation>
    </message>
    <message>
        <source>Entities and relations instead of label lists</source>
        <translation>الكيانات والعلاقات بدل قوائم الوسوم</translation>
    </message>
    <message>
        <source>automatic (from the tags)</source>
        <translation>تلقائي (من الوسوم)</translation>
    </message>
    <message>
        <source>every entity, in extra tag columns</source>
        <translation>كل الكيانات، في أعمدة وسوم إضافية</translation>
    </message>
    <message>
        <source>only the outermost</source>
        <translation>الخارجي فقط</translation>
    </message>
    <message>
        <source>only the innermost</source>
        <translation>الداخلي فقط</translation>
    </message>
    <message>
        <source>JSON Lines (with offsets)</source>
        <translation>JSON Lines (مع المواضع)</translation>
    </message>
    <message>
        <source>Automatic (from the name and content)</source>
        <translation>تلقائي (من الاسم والمحتوى)</translation>
    </message>
    <message>
        <source>This format has no options.</source>
        <translation>لا خيارات لهذه الصيغة.</translation>
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
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Files and folders to import:</source>
        <translation>الملفات والمجلدات المراد استيرادها:</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>Whose annotations the files hold. Formats that name their annotators (the native jsonl, Label Studio) keep those names.</source>
        <translation>صاحب التوسيمات التي في الملفات. الصيغ التي تسمّي موسِّميها (jsonl الأصلية وLabel Studio) تحتفظ بأسمائهم.</translation>
    </message>
    <message>
        <source>Annotations by:</source>
        <translation>التوسيمات من:</translation>
    </message>
    <message>
        <source>OLD=NEW, … (for example PERS=PER, MIS1=MISC; OLD= leaves OLD out)</source>
        <translation>قديم=جديد، … (مثل PERS=PER, MIS1=MISC؛ و OLD= يستبعد OLD)</translation>
    </message>
    <message>
        <source>Rename labels:</source>
        <translation>إعادة تسمية الوسوم:</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>الخيارات</translation>
    </message>
    <message>
        <source>The format cannot be told from the name and content.</source>
        <translation>لا يمكن معرفة الصيغة من الاسم والمحتوى.</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>إضافة ملفات</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>إضافة مجلد</translation>
    </message>
    <message>
        <source>Each file&apos;s format is told from its name and content (shown in the list).</source>
        <translation>تُعرف صيغة كل ملف من اسمه ومحتواه (مبيّنة في القائمة).</translation>
    </message>
    <message>
        <source>Add at least one file or folder to import.</source>
        <translation>أضف ملفًا أو مجلدًا واحدًا على الأقل للاستيراد.</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} غير موجود.</translation>
    </message>
    <message>
        <source>{path}: its format cannot be told from its name and content; choose one under Format.</source>
        <translation>{path}: لا يمكن معرفة صيغته من اسمه ومحتواه؛ اختر صيغة في خانة «الصيغة».</translation>
    </message>
    <message>
        <source>Rename labels takes OLD=NEW pairs separated by commas, not “{part}”.</source>
        <translation>تأخذ إعادة التسمية أزواج OLD=NEW مفصولة بفواصل، لا «{part}».</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source> Details are in {log}.</source>
        <extracomment>``work(project, job)``: runs on the job&apos;s thread with the job&apos;s own project connection.</extracomment>
        <translation> التفاصيل في {log}.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({error}).</source>
        <translation>حدث خطأ غير متوقع ({error}).</translation>
    </message>
</context>
<context>
    <name>LabelAll</name>
    <message>
        <source>Label all &amp;occurrences in the project…</source>
        <translation>وسِّم كل ال&amp;مواضع في المشروع…</translation>
    </message>
    <message>
        <source>Click a span first: its text is then found in every document.</source>
        <translation>انقر مقطعًا أولًا: يُبحث عن نصه في كل الوثائق.</translation>
    </message>
    <message>
        <source>Finding every occurrence in the project…</source>
        <translation>يجري البحث عن كل المواضع في المشروع…</translation>
    </message>
    <message>
        <source>No other occurrence is left to label.</source>
        <translation>لم يبقَ موضع آخر لتوسيمه.</translation>
    </message>
    <message numerus="yes">
        <source>Label %n occurrences as {label}</source>
        <translation>
            <numerusform>لا مواضع لتوسيمها بـ {label}</numerusform>
            <numerusform>توسيم موضع واحد بـ {label}</numerusform>
            <numerusform>توسيم موضعين بـ {label}</numerusform>
            <numerusform>توسيم %n مواضع بـ {label}</numerusform>
            <numerusform>توسيم %n موضعًا بـ {label}</numerusform>
            <numerusform>توسيم %n موضع بـ {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n occurrences.</source>
        <translation>
            <numerusform>لم يُوسَّم أي موضع.</numerusform>
            <numerusform>وُسِّم موضع واحد.</numerusform>
            <numerusform>وُسِّم موضعان.</numerusform>
            <numerusform>وُسِّمت %n مواضع.</numerusform>
            <numerusform>وُسِّم %n موضعًا.</numerusform>
            <numerusform>وُسِّم %n موضع.</numerusform>
        </translation>
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
    <name>LabelTable</name>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Export as</source>
        <translation>يُصدَّر باسم</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>كيان</translation>
    </message>
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
        <source>Give {label} a name to export it as, or untick it to leave it out.</source>
        <translation>أعطِ {label} اسمًا يُصدَّر به، أو أزل علامته لاستبعاده.</translation>
    </message>
    <message>
        <source>“{name}” cannot be a label: labels have no spaces, commas or “=”.</source>
        <translation>لا يصلح «{name}» وسمًا: لا مسافات ولا فواصل ولا «=» في الوسوم.</translation>
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
    <name>LinkController</name>
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
        <source>holder</source>
        <translation>صاحب الموقف</translation>
    </message>
    <message>
        <source>target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>الدليل</translation>
    </message>
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
        <source>Select the words that show the stance (or click a span), then press Ctrl+Shift+E.</source>
        <translation>حدّد الكلمات التي تُظهر الموقف (أو انقر مقطعاً)، ثم اضغط Ctrl+Shift+E.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Labels</source>
        <extracomment>The panels&apos; widths at first start (document list side, labels side) and their least width: the document view takes the rest, most of the window.</extracomment>
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
    <message numerus="yes">
        <source>%n scheme warnings</source>
        <translation>
            <numerusform>لا تحذيرات في المخطط</numerusform>
            <numerusform>تحذير واحد في المخطط</numerusform>
            <numerusform>تحذيران في المخطط</numerusform>
            <numerusform>%n تحذيرات في المخطط</numerusform>
            <numerusform>%n تحذيرًا في المخطط</numerusform>
            <numerusform>%n تحذير في المخطط</numerusform>
        </translation>
    </message>
    <message>
        <source>The scheme has problems: {warnings}</source>
        <translation>في مخطط التوسيم مشكلات: {warnings}</translation>
    </message>
    <message>
        <source>This project has no documents yet: import some with File → Import.</source>
        <translation>لا وثائق في هذا المشروع بعد: استورد بعضها من ملف ← استيراد.</translation>
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
        <source>Select some text to mark.</source>
        <translation>حدِّد نصًّا لتعليمه.</translation>
    </message>
    <message>
        <source>Click a span first, then move its edges.</source>
        <translation>انقر وسمًا أولًا، ثم حرِّك حدوده.</translation>
    </message>
    <message>
        <source>The span cannot grow or shrink further on that side.</source>
        <translation>لا يمكن توسيع الوسم أو تقليصه أكثر من تلك الجهة.</translation>
    </message>
    <message>
        <source>Click a span, select more text, then add it as a fragment.</source>
        <translation>انقر وسمًا، ثم حدّد نصًا آخر وأضفه جزءًا منه.</translation>
    </message>
    <message>
        <source>Every whole-word match already has this label.</source>
        <translation>كل المطابقات الكاملة موسومة بهذا الوسم من قبل.</translation>
    </message>
    <message numerus="yes">
        <source>Label %n matches as {label}</source>
        <translation>
            <numerusform>وسم %n مطابقة بالوسم {label}</numerusform>
            <numerusform>وسم مطابقة واحدة بالوسم {label}</numerusform>
            <numerusform>وسم مطابقتين بالوسم {label}</numerusform>
            <numerusform>وسم %n مطابقات بالوسم {label}</numerusform>
            <numerusform>وسم %n مطابقةً بالوسم {label}</numerusform>
            <numerusform>وسم %n مطابقة بالوسم {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n spans added.</source>
        <translation>
            <numerusform>لم يُضف أي وسم.</numerusform>
            <numerusform>أضيف وسم واحد.</numerusform>
            <numerusform>أضيف وسمان.</numerusform>
            <numerusform>أضيفت %n وسوم.</numerusform>
            <numerusform>أضيف %n وسمًا.</numerusform>
            <numerusform>أضيف %n وسم.</numerusform>
        </translation>
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
        <extracomment>The most of the screen&apos;s height the dialog takes.</extracomment>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;annotator {version}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Annotate Arabic text: entities, events and stance.&lt;/p&gt;&lt;p&gt;Text font: Amiri (SIL Open Font License).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;annotator {version}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;توسيم النصوص العربية: الكيانات والأحداث والمواقف.&lt;/p&gt;&lt;p&gt;خط النص: أميري (رخصة SIL للخطوط المفتوحة).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About annotator</source>
        <translation>عن annotator</translation>
    </message>
    <message>
        <source>Another program changed this project; the window shows its changes.</source>
        <translation>غيّر برنامج آخر هذا المشروع؛ تعرض النافذة تغييراته.</translation>
    </message>
    <message>
        <source>The team database does not answer yet; this edit is kept and saved after the earlier ones.</source>
        <translation>قاعدة بيانات الفريق لا تجيب بعد؛ يُحتفظ بهذا التعديل ويُحفظ بعد التعديلات السابقة.</translation>
    </message>
    <message>
        <source>An edit kept while the database was away could not be saved: {reason}</source>
        <translation>تعذّر حفظ تعديل احتُفظ به أثناء غياب قاعدة البيانات: {reason}</translation>
    </message>
    <message>
        <source>The team database answers again; every kept edit is saved.</source>
        <translation>عادت قاعدة بيانات الفريق تجيب؛ حُفظ كل تعديل محتفظ به.</translation>
    </message>
    <message>
        <source>Edits not saved yet: {n}</source>
        <translation>تعديلات لم تُحفظ بعد: {n}</translation>
    </message>
    <message>
        <source>Edits not saved</source>
        <translation>تعديلات لم تُحفظ</translation>
    </message>
    <message>
        <source>The team database still does not answer, and {n} edits are not saved; closing the window loses them.</source>
        <translation>ما زالت قاعدة بيانات الفريق لا تجيب، و{n} من التعديلات لم تُحفظ؛ إغلاق النافذة يُضيّعها.</translation>
    </message>
</context>
<context>
    <name>MostUseful</name>
    <message>
        <source>&amp;Most useful sentence</source>
        <translation>الجملة ال&amp;أنفع</translation>
    </message>
    <message>
        <source>&amp;Back to the previous useful sentence</source>
        <translation>ا&amp;رجع إلى الجملة النافعة السابقة</translation>
    </message>
    <message>
        <source>Ranking the sentences by how unsure the model is…</source>
        <translation>يجري ترتيب الجمل بحسب تردّد النموذج…</translation>
    </message>
    <message>
        <source>No sentence to rank: annotate and finish a few documents first.</source>
        <translation>لا جمل لترتيبها: وسِّم بضع وثائق وأنهِها أولًا.</translation>
    </message>
    <message>
        <source>No earlier sentence.</source>
        <translation>لا جملة قبلها.</translation>
    </message>
    <message>
        <source>Most useful sentence: the model&apos;s margin is {m:.2f}.</source>
        <translation>الجملة الأنفع: هامش النموذج {m:.2f}.</translation>
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
    <name>Preview</name>
    <message>
        <source>Label all occurrences</source>
        <translation>توسيم كل المواضع</translation>
    </message>
    <message numerus="yes">
        <source>%n more occurrences to label {label}:</source>
        <translation>
            <numerusform>لا مواضع أخرى لتوسيمها بـ {label}:</numerusform>
            <numerusform>موضع آخر واحد لتوسيمه بـ {label}:</numerusform>
            <numerusform>موضعان آخران لتوسيمهما بـ {label}:</numerusform>
            <numerusform>%n مواضع أخرى لتوسيمها بـ {label}:</numerusform>
            <numerusform>%n موضعًا آخر لتوسيمها بـ {label}:</numerusform>
            <numerusform>%n موضع آخر لتوسيمها بـ {label}:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>No problems.</source>
        <translation>لا مشكلات.</translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>لا مشكلات</numerusform>
            <numerusform>مشكلة واحدة</numerusform>
            <numerusform>مشكلتان</numerusform>
            <numerusform>%n مشكلات</numerusform>
            <numerusform>%n مشكلةً</numerusform>
            <numerusform>%n مشكلة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>{done} of {total} documents</source>
        <translation>{done} من {total} وثيقة</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>جارٍ قراءة {name}…</translation>
    </message>
    <message>
        <source>Reading {name} ({index} of {count})…</source>
        <translation>جارٍ قراءة {name} ({index} من {count})…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
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
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>الثقة</translation>
    </message>
    <message>
        <source>Recommender</source>
        <translation>المقترِح</translation>
    </message>
    <message>
        <source>stance toward {target}</source>
        <translation>موقف من {target}</translation>
    </message>
</context>
<context>
    <name>SuggestionsController</name>
    <message>
        <source>Suggestions</source>
        <extracomment>Longer documents are not retrained on after every edit (see ``_learns_as_you_work``).</extracomment>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <source>&amp;Suggest as I work</source>
        <translation>ا&amp;قترح أثناء عملي</translation>
    </message>
    <message>
        <source>&amp;Accept suggestion</source>
        <translation>ا&amp;قبل الاقتراح</translation>
    </message>
    <message>
        <source>&amp;Reject suggestion</source>
        <translation>ا&amp;رفض الاقتراح</translation>
    </message>
    <message>
        <source>&amp;Next suggestion</source>
        <translation>الاقتراح ال&amp;تالي</translation>
    </message>
    <message>
        <source>Accept all in this &amp;document</source>
        <translation>اقبل كل ما في هذه ال&amp;وثيقة</translation>
    </message>
    <message>
        <source>&amp;Learn now</source>
        <translation>&amp;تعلّم الآن</translation>
    </message>
    <message>
        <source>&amp;Measure their quality</source>
        <translation>&amp;قِس جودتها</translation>
    </message>
    <message>
        <source>S&amp;uggestions</source>
        <translation>الا&amp;قتراحات</translation>
    </message>
    <message>
        <source>This document is long: use Suggestions → Learn now.</source>
        <translation>هذه الوثيقة طويلة: استعمل الاقتراحات ← تعلّم الآن.</translation>
    </message>
    <message>
        <source>Learning from your annotations…</source>
        <translation>يجري التعلّم من توسيماتك…</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestions in this document.</source>
        <translation>
            <numerusform>لا اقتراحات في هذه الوثيقة.</numerusform>
            <numerusform>اقتراح واحد في هذه الوثيقة.</numerusform>
            <numerusform>اقتراحان في هذه الوثيقة.</numerusform>
            <numerusform>%n اقتراحات في هذه الوثيقة.</numerusform>
            <numerusform>%n اقتراحًا في هذه الوثيقة.</numerusform>
            <numerusform>%n اقتراح في هذه الوثيقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestions.</source>
        <translation>
            <numerusform>لم يُقبل أي اقتراح.</numerusform>
            <numerusform>قُبل اقتراح واحد.</numerusform>
            <numerusform>قُبل اقتراحان.</numerusform>
            <numerusform>قُبلت %n اقتراحات.</numerusform>
            <numerusform>قُبل %n اقتراحًا.</numerusform>
            <numerusform>قُبل %n اقتراح.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestions.</source>
        <translation>
            <numerusform>لم يُرفض أي اقتراح.</numerusform>
            <numerusform>رُفض اقتراح واحد.</numerusform>
            <numerusform>رُفض اقتراحان.</numerusform>
            <numerusform>رُفضت %n اقتراحات.</numerusform>
            <numerusform>رُفض %n اقتراحًا.</numerusform>
            <numerusform>رُفض %n اقتراح.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cross-validated F1: {scores}.</source>
        <translation>مقياس F1 بالتحقق المتقاطع: {scores}.</translation>
    </message>
    <message>
        <source>Measuring the recommenders…</source>
        <translation>يجري قياس المقترِحات…</translation>
    </message>
    <message>
        <source>{name}: precision {p:.2f}, recall {r:.2f}, F1 {f:.2f}</source>
        <translation>{name}: الدقة {p:.2f}، الاستدعاء {r:.2f}، F1 {f:.2f}</translation>
    </message>
    <message>
        <source>Nothing to measure yet: finish a few documents first.</source>
        <translation>لا شيء يُقاس بعد: أنهِ بضع وثائق أولًا.</translation>
    </message>
    <message>
        <source>Suggestions failed: {error}</source>
        <translation>تعذّرت الاقتراحات: {error}</translation>
    </message>
    <message>
        <source>No suggestion is selected.</source>
        <translation>لم يُحدَّد أي اقتراح.</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>from </source>
        <translation>من </translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>اقبل</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>ارفض</translation>
    </message>
    <message>
        <source>Accept all shown</source>
        <translation>اقبل كل المعروض</translation>
    </message>
    <message>
        <source>Reject all shown</source>
        <translation>ارفض كل المعروض</translation>
    </message>
    <message>
        <source>Learn now</source>
        <translation>تعلّم الآن</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>All recommenders</source>
        <translation>كل المقترِحات</translation>
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
    <name>Transfer</name>
    <message>
        <source>Importing</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <source>Adding documents: {done} of {total}</source>
        <translation>إضافة الوثائق: {done} من {total}</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>فشل الاستيراد</translation>
    </message>
    <message>
        <source>The import was cancelled; the project is unchanged.</source>
        <translation>أُلغي الاستيراد؛ لم يتغير المشروع.</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>التصدير</translation>
    </message>
    <message>
        <source>Exporting documents: {done} of {total}</source>
        <translation>تصدير الوثائق: {done} من {total}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Documents added: {n}</source>
        <translation>الوثائق المضافة: {n}</translation>
    </message>
    <message>
        <source>Existing documents given annotations: {n}</source>
        <translation>وثائق موجودة أضيفت إليها توسيمات: {n}</translation>
    </message>
    <message>
        <source>Duplicates skipped: {n}</source>
        <translation>مكررات تُركت: {n}</translation>
    </message>
    <message>
        <source>Spans: {n}</source>
        <translation>الوسوم: {n}</translation>
    </message>
    <message>
        <source>Events: {n}</source>
        <translation>الأحداث: {n}</translation>
    </message>
    <message>
        <source>Relations: {n}</source>
        <translation>العلاقات: {n}</translation>
    </message>
    <message>
        <source>Stances: {n}</source>
        <translation>المواقف: {n}</translation>
    </message>
    <message>
        <source>New labels in the scheme: {labels}</source>
        <translation>وسوم جديدة في المخطط: {labels}</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>انتهى الاستيراد</translation>
    </message>
    <message>
        <source>Import finished; documents added: {n}.</source>
        <translation>انتهى الاستيراد؛ الوثائق المضافة: {n}.</translation>
    </message>
    <message>
        <source>Documents exported: {n}</source>
        <translation>الوثائق المصدَّرة: {n}</translation>
    </message>
    <message>
        <source>Saved to: {path}</source>
        <translation>حُفظ في: {path}</translation>
    </message>
    <message>
        <source>Manifest: {path}</source>
        <translation>البيان: {path}</translation>
    </message>
    <message>
        <source>Documents left out: {n}</source>
        <translation>وثائق مستبعدة: {n}</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>انتهى التصدير</translation>
    </message>
    <message>
        <source>Warnings and notices: {n}</source>
        <translation>التحذيرات والملاحظات: {n}</translation>
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
