<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>BoardStore</name>
        <message numerus="yes">
            <source>%n saved orders could not be restored; waiting for the server.</source>
            <translation>
                <numerusform>%n saved order could not be restored; waiting for the server.</numerusform>
                <numerusform>%n saved orders could not be restored; waiting for the server.</numerusform>
            </translation>
        </message>
    </context>
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
        <name>ForeignStepsDialog</name>
        <message numerus="yes">
            <source>%n steps tapped on this screen by another user did not reach the server:</source>
            <translation>
                <numerusform>%n step tapped on this screen by another user did not reach the server:</numerusform>
                <numerusform>%n steps tapped on this screen by another user did not reach the server:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
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
        <name>LineText</name>
        <message numerus="yes">
            <source>+%n lines at other stations</source>
            <translation>
                <numerusform>+%n line at other stations</numerusform>
                <numerusform>+%n lines at other stations</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message numerus="yes">
            <source>Too many failed attempts: this account is locked for %n minutes.</source>
            <translation>
                <numerusform>Too many failed attempts: this account is locked for %n minute.</numerusform>
                <numerusform>Too many failed attempts: this account is locked for %n minutes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PagerBar</name>
        <message numerus="yes">
            <source>%n more →</source>
            <translation>
                <numerusform>%n more →</numerusform>
                <numerusform>%n more →</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n off</source>
            <translation>
                <numerusform>%n off</numerusform>
                <numerusform>%n off</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n off screen</source>
            <translation>
                <numerusform>%n off screen</numerusform>
                <numerusform>%n off screen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>← %n older</source>
            <translation>
                <numerusform>← %n older</numerusform>
                <numerusform>← %n older</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SignOutStepsDialog</name>
        <message numerus="yes">
            <source>%n steps have not reached the server yet.</source>
            <translation>
                <numerusform>%n step has not reached the server yet.</numerusform>
                <numerusform>%n steps have not reached the server yet.</numerusform>
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
