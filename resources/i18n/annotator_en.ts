<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdjudicationPanel</name>
    <message numerus="yes">
        <source>%n agreed items added to gold.</source>
        <translation>
            <numerusform>%n agreed item added to gold.</numerusform>
            <numerusform>%n agreed items added to gold.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message numerus="yes">
        <source>%n spans</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message numerus="yes">
        <source>%n matches (whole words: {w})</source>
        <translation>
            <numerusform>%n match (whole words: {w})</numerusform>
            <numerusform>%n matches (whole words: {w})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Label %n matches as {label}</source>
        <translation>
            <numerusform>Label %n match as {label}</numerusform>
            <numerusform>Label %n matches as {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n spans added.</source>
        <translation>
            <numerusform>%n span added.</numerusform>
            <numerusform>%n spans added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheme warnings</source>
        <translation>
            <numerusform>%n scheme warning</numerusform>
            <numerusform>%n scheme warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
</TS>
