<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Doctor</name>
        <message numerus="yes">
            <source>%n restaurant(s): {names}</source>
            <translation>
                <numerusform>%n restaurant: {names}</numerusform>
                <numerusform>%n restaurants: {names}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>live orders of %n restaurant(s)</source>
            <translation>
                <numerusform>live orders of %n restaurant</numerusform>
                <numerusform>live orders of %n restaurants</numerusform>
            </translation>
        </message>
    </context>
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
    <context>
        <name>TailWriter</name>
        <message numerus="yes">
            <source>+%n lines at other stations</source>
            <translation>
                <numerusform>+%n line at other stations</numerusform>
                <numerusform>+%n lines at other stations</numerusform>
            </translation>
        </message>
    </context>
</TS>
