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
    <name>LabelAll</name>
    <message numerus="yes">
        <source>Label %n occurrences as {label}</source>
        <translation>
            <numerusform>Label %n occurrence as {label}</numerusform>
            <numerusform>Label %n occurrences as {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n occurrences.</source>
        <translation>
            <numerusform>Labelled %n occurrence.</numerusform>
            <numerusform>Labelled %n occurrences.</numerusform>
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
    <name>Preview</name>
    <message numerus="yes">
        <source>%n more occurrences to label {label}:</source>
        <translation>
            <numerusform>%n more occurrence to label {label}:</numerusform>
            <numerusform>%n more occurrences to label {label}:</numerusform>
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
<context>
    <name>SuggestionsController</name>
    <message numerus="yes">
        <source>%n suggestions in this document.</source>
        <translation>
            <numerusform>%n suggestion in this document.</numerusform>
            <numerusform>%n suggestions in this document.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestions.</source>
        <translation>
            <numerusform>Accepted %n suggestion.</numerusform>
            <numerusform>Accepted %n suggestions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestions.</source>
        <translation>
            <numerusform>Rejected %n suggestion.</numerusform>
            <numerusform>Rejected %n suggestions.</numerusform>
        </translation>
    </message>
</context>
</TS>
