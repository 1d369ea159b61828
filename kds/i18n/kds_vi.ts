<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
    <context>
        <name>HeaderBar</name>
        <message numerus="yes">
            <source>◷ %n steps to send</source>
            <translation>
                <numerusform>◷ %n thao tác chờ gửi</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>Awaiting payment</source>
            <translation>Chờ thanh toán</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Mới</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Đã nhận</translation>
        </message>
        <message>
            <source>Preparing</source>
            <translation>Đang làm</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Đã xong</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>Đã giao</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Đã hủy</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Đã từ chối</translation>
        </message>
    </context>
</TS>
