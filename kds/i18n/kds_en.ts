<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>HeaderBar</name>
        <message numerus="yes">
            <source>◷ %n steps to send</source>
            <translation>
                <numerusform>◷ %n step to send</numerusform>
                <numerusform>◷ %n steps to send</numerusform>
            </translation>
        </message>
    </context>
</TS>
