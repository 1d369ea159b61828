<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
    <context>
        <name>AcceptDialog</name>
        <message>
            <source>Accept {order}</source>
            <translation>Nhận đơn {order}</translation>
        </message>
        <message>
            <source>Accept order {order} — ready for delivery in:</source>
            <translation>Nhận đơn {order} — dự kiến xong sau:</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} phút</translation>
        </message>
        <message>
            <source> min</source>
            <translation> phút</translation>
        </message>
        <message>
            <source>Accept custom</source>
            <translation>Nhận (tự chọn)</translation>
        </message>
        <message>
            <source>Custom (6 min – 12 h):</source>
            <translation>Tự chọn (6 phút – 12 giờ):</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
    </context>
    <context>
        <name>AcceptingOrders</name>
        <message>
            <source>Could not change accepting orders: {reason}</source>
            <translation>Không đổi được trạng thái nhận đơn: {reason}</translation>
        </message>
    </context>
    <context>
        <name>AlertController</name>
        <message>
            <source>No sound device: new-order alerts are visual only.</source>
            <translation>Không có thiết bị âm thanh: đơn mới chỉ báo bằng hình.</translation>
        </message>
    </context>
    <context>
        <name>AllDayPanel</name>
        <message>
            <source>All day</source>
            <translation>Tổng món</translation>
        </message>
        <message>
            <source>⊘ Sold out now ({count})</source>
            <translation>⊘ Đang hết món ({count})</translation>
        </message>
        <message>
            <source> · the menu has not caught up yet</source>
            <translation> · thực đơn chưa cập nhật</translation>
        </message>
        <message>
            <source>⊘ {item} — sold out as of {time}</source>
            <translation>⊘ {item} — hết món từ {time}</translation>
        </message>
        <message>
            <source>✓ {item} is back</source>
            <translation>✓ {item}: còn món</translation>
        </message>
        <message>
            <source>✓ back</source>
            <translation>✓ Còn món</translation>
        </message>
        <message>
            <source>⊘ 86</source>
            <translation>⊘ Báo hết</translation>
        </message>
        <message>
            <source>{item}: back on the menu</source>
            <translation>{item}: còn món trở lại</translation>
        </message>
        <message>
            <source>{item}: sold out</source>
            <translation>{item}: hết món</translation>
        </message>
        <message>
            <source>Nothing to make right now.</source>
            <translation>Hiện không có món nào cần làm.</translation>
        </message>
        <message>
            <source>Counted over {count} tickets in New and In progress.</source>
            <translation>Đếm trên {count} đơn mới và đang làm.</translation>
        </message>
        <message>
            <source>Counted over {count} tickets in New and In progress for station {station}.</source>
            <translation>Đếm trên {count} đơn mới và đang làm của quầy {station}.</translation>
        </message>
        <message>
            <source> {count} still loading — totals may grow.</source>
            <translation> {count} đơn đang tải — tổng có thể tăng.</translation>
        </message>
    </context>
    <context>
        <name>AutoAccept</name>
        <message>
            <source>Auto-accept of order {number} failed: {reason}. Please handle it by hand.</source>
            <translation>Tự nhận đơn {number} không thành công: {reason}. Hãy xử lý bằng tay.</translation>
        </message>
    </context>
    <context>
        <name>BoardPage</name>
        <message>
            <source>Connecting to the order server…</source>
            <translation>Đang kết nối tới máy chủ…</translation>
        </message>
        <message>
            <source>⚠ RECONNECTING — new orders and changes may be missing until the connection is back. The board will resynchronise by itself.</source>
            <translation>⚠ ĐANG KẾT NỐI LẠI — có thể thiếu đơn mới và thay đổi cho tới khi có kết nối lại. Màn hình sẽ tự đồng bộ lại.</translation>
        </message>
        <message>
            <source>■ OFFLINE — this board is not receiving orders.</source>
            <translation>■ MẤT KẾT NỐI — màn hình này không nhận được đơn.</translation>
        </message>
        <message>
            <source>■ OFFLINE over a minute — orders may be waiting that this screen cannot see. Tap here to silence the alarm for 5 minutes.</source>
            <translation>■ MẤT KẾT NỐI hơn một phút — có thể có đơn đang chờ mà màn hình này không thấy. Chạm vào đây để tắt báo động 5 phút.</translation>
        </message>
        <message>
            <source>Alarm silenced for 5 minutes.</source>
            <translation>Đã tắt báo động 5 phút.</translation>
        </message>
        <message>
            <source>{step} failed: {reason}</source>
            <translation>{step} không thành công: {reason}</translation>
        </message>
        <message>
            <source>order</source>
            <translation>đơn</translation>
        </message>
    </context>
    <context>
        <name>BoardStore</name>
        <message>
            <source>The saved board could not be restored (damaged file); waiting for the server.</source>
            <translation>Không khôi phục được bảng đơn đã lưu (tệp hỏng); đang chờ máy chủ.</translation>
        </message>
        <message>
            <source>The saved board could not be restored (saved by another version); waiting for the server.</source>
            <translation>Không khôi phục được bảng đơn đã lưu (do phiên bản khác lưu); đang chờ máy chủ.</translation>
        </message>
        <message>
            <source>The saved board could not be read ({error}); waiting for the server.</source>
            <translation>Không đọc được bảng đơn đã lưu ({error}); đang chờ máy chủ.</translation>
        </message>
        <message>
            <source>1 saved order could not be restored; waiting for the server.</source>
            <translation>1 đơn đã lưu không khôi phục được; đang chờ máy chủ.</translation>
        </message>
        <message numerus="yes">
            <source>%n saved orders could not be restored; waiting for the server.</source>
            <translation>
                <numerusform>%n đơn đã lưu không khôi phục được; đang chờ máy chủ.</numerusform>
            </translation>
        </message>
        <message>
            <source>The saved menu could not be restored: lines show under Other until it loads.</source>
            <translation>Không khôi phục được thực đơn đã lưu: món hiện ở mục Khác cho đến khi tải xong.</translation>
        </message>
        <message>
            <source>Which new orders were already seen could not be restored: they alert again.</source>
            <translation>Không khôi phục được các đơn mới đã thấy: chúng sẽ báo lại.</translation>
        </message>
    </context>
    <context>
        <name>ConfirmDialog</name>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <source>kds demo: the board is up (close the window or press Ctrl+C to stop)</source>
            <translation>kds demo: màn hình bếp đã mở (đóng cửa sổ hoặc bấm Ctrl+C để dừng)</translation>
        </message>
        <message>
            <source>kds-server did not start (exit {code}): {log}</source>
            <translation>kds-server không khởi động được (mã thoát {code}): {log}</translation>
        </message>
        <message>
            <source>the simulator refused the first orders: HTTP {status}</source>
            <translation>trình giả lập từ chối các đơn đầu tiên: HTTP {status}</translation>
        </message>
        <message>
            <source>kds demo: no display (DISPLAY/WAYLAND_DISPLAY unset) — try `kds tail` for a text view, or QT_QPA_PLATFORM=offscreen</source>
            <translation>kds demo: không có màn hình (chưa đặt DISPLAY/WAYLAND_DISPLAY) — thử `kds tail` để xem dạng chữ, hoặc QT_QPA_PLATFORM=offscreen</translation>
        </message>
        <message>
            <source>kds demo: server on {url}, signing in as {user}</source>
            <translation>kds demo: máy chủ ở {url}, đang đăng nhập bằng {user}</translation>
        </message>
    </context>
    <context>
        <name>DirectActions</name>
        <message>
            <source>Not signed in to a restaurant.</source>
            <translation>Chưa đăng nhập vào nhà hàng nào.</translation>
        </message>
    </context>
    <context>
        <name>Doctor</name>
        <message>
            <source>dns</source>
            <translation>DNS</translation>
        </message>
        <message>
            <source>tcp</source>
            <translation>TCP</translation>
        </message>
        <message>
            <source>tls</source>
            <translation>TLS</translation>
        </message>
        <message>
            <source>ping</source>
            <translation>ping</translation>
        </message>
        <message>
            <source>clock</source>
            <translation>đồng hồ</translation>
        </message>
        <message>
            <source>login</source>
            <translation>đăng nhập</translation>
        </message>
        <message>
            <source>users/me</source>
            <translation>tài khoản (users/me)</translation>
        </message>
        <message>
            <source>negotiate</source>
            <translation>hub (negotiate)</translation>
        </message>
        <message>
            <source>transport websockets</source>
            <translation>kết nối WebSockets</translation>
        </message>
        <message>
            <source>subscribe</source>
            <translation>đăng ký nhận đơn</translation>
        </message>
        <message>
            <source>transport server-sent events</source>
            <translation>kết nối server-sent events</translation>
        </message>
        <message>
            <source>transport long polling</source>
            <translation>kết nối long polling</translation>
        </message>
        <message>
            <source>sound</source>
            <translation>âm thanh</translation>
        </message>
        <message>
            <source>PASS</source>
            <translation>ĐẠT</translation>
        </message>
        <message>
            <source>WARN</source>
            <translation>CHÚ Ý</translation>
        </message>
        <message>
            <source>FAIL</source>
            <translation>LỖI</translation>
        </message>
        <message>
            <source>wrong password</source>
            <translation>sai mật khẩu</translation>
        </message>
        <message>
            <source>locked out</source>
            <translation>tài khoản bị khóa</translation>
        </message>
        <message>
            <source>unreachable</source>
            <translation>không kết nối được</translation>
        </message>
        <message>
            <source>other</source>
            <translation>khác</translation>
        </message>
        <message>
            <source>later network checks skipped: fix the first failure above</source>
            <translation>bỏ qua các bước kiểm tra mạng sau: hãy sửa lỗi đầu tiên ở trên</translation>
        </message>
        <message>
            <source>hub answers (401 without a token, as it should)</source>
            <translation>hub có trả lời (401 khi thiếu mã thông báo, đúng như vậy)</translation>
        </message>
        <message>
            <source>hub answered {status} without a token</source>
            <translation>hub trả lời {status} khi thiếu mã thông báo</translation>
        </message>
        <message>
            <source>wrong path?</source>
            <translation>sai đường dẫn?</translation>
        </message>
        <message>
            <source>signed in as {user}</source>
            <translation>đã đăng nhập bằng {user}</translation>
        </message>
        <message>
            <source>no restaurant: the account has no RestaurantStaff/Owner permission</source>
            <translation>không có nhà hàng: tài khoản không có quyền RestaurantStaff/Owner</translation>
        </message>
        <message>
            <source>ask the owner to add this account as staff</source>
            <translation>nhờ chủ quán thêm tài khoản này làm nhân viên</translation>
        </message>
        <message numerus="yes">
            <source>%n restaurant(s): {names}</source>
            <translation>
                <numerusform>%n nhà hàng: {names}</numerusform>
            </translation>
        </message>
        <message>
            <source>check the hub path</source>
            <translation>kiểm tra đường dẫn hub</translation>
        </message>
        <message>
            <source>v{version}, offers {transports}</source>
            <translation>v{version}, có {transports}</translation>
        </message>
        <message>
            <source>timed out</source>
            <translation>hết thời gian chờ</translation>
        </message>
        <message>
            <source>no connection ({reason})</source>
            <translation>không kết nối được ({reason})</translation>
        </message>
        <message>
            <source>a proxy may block WebSocket upgrades</source>
            <translation>có thể proxy chặn WebSocket</translation>
        </message>
        <message>
            <source>connected, handshake completed</source>
            <translation>đã kết nối, bắt tay xong</translation>
        </message>
        <message numerus="yes">
            <source>live orders of %n restaurant(s)</source>
            <translation>
                <numerusform>nhận đơn trực tiếp của %n nhà hàng</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DoctorChecks</name>
        <message>
            <source>no host name in {url}</source>
            <translation>không có tên máy chủ trong {url}</translation>
        </message>
        <message>
            <source>use e.g. https://orders.example.com</source>
            <translation>dùng dạng https://orders.example.com</translation>
        </message>
        <message>
            <source>check the server name and DNS</source>
            <translation>kiểm tra tên máy chủ và DNS</translation>
        </message>
        <message>
            <source>is the server running? firewall or port?</source>
            <translation>máy chủ có đang chạy không? tường lửa hay cổng?</translation>
        </message>
        <message>
            <source>{address} in {ms} ms</source>
            <translation>{address} trong {ms} ms</translation>
        </message>
        <message>
            <source>set up https:// on the server</source>
            <translation>hãy cài https:// trên máy chủ</translation>
        </message>
        <message>
            <source>not used (plain http on this machine)</source>
            <translation>không dùng (http thường trên máy này)</translation>
        </message>
        <message>
            <source>certificate not trusted: {reason}</source>
            <translation>chứng chỉ không được tin cậy: {reason}</translation>
        </message>
        <message>
            <source>install the server's CA with --ca-file, or fix the server certificate</source>
            <translation>cài CA của máy chủ bằng --ca-file, hoặc sửa chứng chỉ của máy chủ</translation>
        </message>
        <message>
            <source>handshake failed: {error}</source>
            <translation>bắt tay thất bại: {error}</translation>
        </message>
        <message>
            <source>is this port serving https?</source>
            <translation>cổng này có chạy https không?</translation>
        </message>
        <message>
            <source>, expires in {days} days</source>
            <translation>, hết hạn sau {days} ngày</translation>
        </message>
        <message>
            <source>certificate expires in {days} days</source>
            <translation>chứng chỉ hết hạn sau {days} ngày</translation>
        </message>
        <message>
            <source>renew the certificate</source>
            <translation>gia hạn chứng chỉ</translation>
        </message>
        <message>
            <source>{version}, verified, for {names}{expiry}</source>
            <translation>{version}, đã xác minh, cho {names}{expiry}</translation>
        </message>
        <message>
            <source>is it a kds backend?</source>
            <translation>đây có phải máy chủ kds không?</translation>
        </message>
        <message>
            <source>GET /ping answered {status} {body}</source>
            <translation>GET /ping trả lời {status} {body}</translation>
        </message>
        <message>
            <source>the URL must be the backend root (without /api/v1)</source>
            <translation>địa chỉ phải là gốc của máy chủ (không có /api/v1)</translation>
        </message>
        <message>
            <source>"pong" in {ms} ms</source>
            <translation>"pong" trong {ms} ms</translation>
        </message>
        <message>
            <source>the server sent no Date header</source>
            <translation>máy chủ không gửi header Date</translation>
        </message>
        <message>
            <source>cannot compare clocks</source>
            <translation>không so được đồng hồ</translation>
        </message>
        <message>
            <source>unreadable Date header {date}</source>
            <translation>không đọc được header Date {date}</translation>
        </message>
        <message>
            <source>server {server} UTC, this terminal {local} UTC</source>
            <translation>máy chủ {server} UTC, máy này {local} UTC</translation>
        </message>
        <message>
            <source>{skew} s off ({detail})</source>
            <translation>lệch {skew} giây ({detail})</translation>
        </message>
        <message>
            <source>sync this terminal's clock (NTP): ETAs and ticket ages are computed from it</source>
            <translation>hãy đồng bộ đồng hồ máy này (NTP): giờ dự kiến và thời gian chờ của đơn tính theo nó</translation>
        </message>
        <message>
            <source>{skew} s ({detail}; the Date header has 1 s steps)</source>
            <translation>{skew} giây ({detail}; header Date chỉ chính xác đến 1 giây)</translation>
        </message>
        <message>
            <source>a proxy may block long polls</source>
            <translation>có thể proxy chặn long polling</translation>
        </message>
        <message>
            <source>handshake completed</source>
            <translation>bắt tay xong</translation>
        </message>
        <message>
            <source>handshake answered {answer}</source>
            <translation>bắt tay trả lời {answer}</translation>
        </message>
        <message>
            <source>a proxy may buffer streams</source>
            <translation>có thể proxy giữ lại luồng dữ liệu</translation>
        </message>
        <message>
            <source>no handshake answer on the stream</source>
            <translation>không có trả lời bắt tay trên luồng</translation>
        </message>
        <message>
            <source>alerts will be visual only: connect speakers or check ALSA (`aplay -l`)</source>
            <translation>báo chỉ hiện trên màn hình, không có tiếng: cắm loa hoặc kiểm tra ALSA (`aplay -l`)</translation>
        </message>
        <message>
            <source>default ALSA device opened, silence played</source>
            <translation>đã mở thiết bị ALSA mặc định, phát thử im lặng</translation>
        </message>
        <message>
            <source>no sound device ({error})</source>
            <translation>không có thiết bị âm thanh ({error})</translation>
        </message>
        <message>
            <source>the sound device did not answer in {seconds} s</source>
            <translation>thiết bị âm thanh không trả lời trong {seconds} giây</translation>
        </message>
    </context>
    <context>
        <name>EightySix</name>
        <message>
            <source>Back on the menu</source>
            <translation>Còn món</translation>
        </message>
        <message>
            <source>{item} is available again? Customers can order it at once.</source>
            <translation>{item} có lại rồi? Khách đặt được ngay.</translation>
        </message>
        <message>
            <source>✓ {item} is back</source>
            <translation>✓ {item}: còn món</translation>
        </message>
        <message>
            <source>Sold out (86)</source>
            <translation>Hết món (86)</translation>
        </message>
        <message>
            <source>Mark {item} sold out? Customers cannot order it until it is back.</source>
            <translation>Báo hết {item}? Khách không đặt được cho tới khi còn món lại.</translation>
        </message>
        <message>
            <source>⊘ {item} sold out</source>
            <translation>⊘ {item}: hết món</translation>
        </message>
    </context>
    <context>
        <name>ForeignStepsDialog</name>
        <message>
            <source>{order} {step} — tapped {time} by {user}</source>
            <translation>{order} {step} — {user} bấm lúc {time}</translation>
        </message>
        <message>
            <source>1 step tapped on this screen by another user did not reach the server:</source>
            <translation>1 thao tác do người khác bấm trên màn hình này chưa tới máy chủ:</translation>
        </message>
        <message numerus="yes">
            <source>%n steps tapped on this screen by another user did not reach the server:</source>
            <translation>
                <numerusform>%n thao tác do người khác bấm trên màn hình này chưa tới máy chủ:</numerusform>
            </translation>
        </message>
        <message>
            <source>Steps left by another user</source>
            <translation>Thao tác người khác để lại</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… và %n thao tác nữa</numerusform>
            </translation>
        </message>
        <message>
            <source>Send them as me</source>
            <translation>Gửi dưới tên tôi</translation>
        </message>
        <message>
            <source>Discard them</source>
            <translation>Bỏ, không gửi</translation>
        </message>
        <message>
            <source>Decide later</source>
            <translation>Để sau</translation>
        </message>
    </context>
    <context>
        <name>HeaderBar</name>
        <message>
            <source>Live</source>
            <translation>Trực tuyến</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Đang kết nối…</translation>
        </message>
        <message>
            <source>Reconnecting…</source>
            <translation>Đang kết nối lại…</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Mất kết nối</translation>
        </message>
        <message numerus="yes">
            <source>◷ %n steps to send</source>
            <translation>
                <numerusform>◷ %n thao tác chờ gửi</numerusform>
            </translation>
        </message>
        <message>
            <source>✔ Taking orders</source>
            <translation>✔ Đang nhận đơn</translation>
        </message>
        <message>
            <source>✔ Open</source>
            <translation>✔ Đang mở</translation>
        </message>
        <message>
            <source>✕ OFF</source>
            <translation>✕ TẮT</translation>
        </message>
        <message>
            <source>♪ Sound on</source>
            <translation>♪ Có tiếng</translation>
        </message>
        <message>
            <source>Recall</source>
            <translation>Gọi lại</translation>
        </message>
        <message>
            <source>All day</source>
            <translation>Tổng món</translation>
        </message>
        <message>
            <source>⏸ PAUSED</source>
            <translation>⏸ TẠM NGỪNG</translation>
        </message>
        <message>
            <source>Resuming…</source>
            <translation>Đang nhận lại…</translation>
        </message>
        <message>
            <source>Pausing…</source>
            <translation>Đang tạm ngừng…</translation>
        </message>
        <message>
            <source>✕ MUTED</source>
            <translation>✕ TẮT TIẾNG</translation>
        </message>
        <message>
            <source>last event {seconds} s ago</source>
            <translation>sự kiện cuối {seconds} giây trước</translation>
        </message>
        <message>
            <source>event {seconds} s ago</source>
            <translation>sự kiện {seconds} giây trước</translation>
        </message>
        <message>
            <source>no events yet</source>
            <translation>chưa có sự kiện</translation>
        </message>
        <message>
            <source>no events</source>
            <translation>chưa có sự kiện</translation>
        </message>
        <message>
            <source>synced {time}</source>
            <translation>đồng bộ lúc {time}</translation>
        </message>
        <message>
            <source>not synced yet</source>
            <translation>chưa đồng bộ</translation>
        </message>
        <message>
            <source>not synced</source>
            <translation>chưa đồng bộ</translation>
        </message>
    </context>
    <context>
        <name>HeldStepsStrip</name>
        <message>
            <source>sends when back online</source>
            <translation>gửi khi kết nối lại</translation>
        </message>
        <message>
            <source>sending…</source>
            <translation>đang gửi…</translation>
        </message>
        <message>
            <source>waiting to send</source>
            <translation>chờ gửi</translation>
        </message>
        <message>
            <source>✕ Cancel {step}</source>
            <translation>✕ Hủy {step}</translation>
        </message>
    </context>
    <context>
        <name>HubLink</name>
        <message>
            <source>hub client failed to start: {error}</source>
            <translation>không mở được kết nối trực tuyến: {error}</translation>
        </message>
        <message>
            <source>forbidden</source>
            <translation>không được phép</translation>
        </message>
        <message>
            <source>This account may not receive live orders for this restaurant.</source>
            <translation>Tài khoản này không được xem đơn trực tuyến của nhà hàng này.</translation>
        </message>
    </context>
    <context>
        <name>KeptSteps</name>
        <message>
            <source>{order}: too late to cancel {step}, it is being sent.</source>
            <translation>{order}: không kịp hủy {step}, đang gửi rồi.</translation>
        </message>
    </context>
    <context>
        <name>LineText</name>
        <message>
            <source>⊘ SOLD OUT</source>
            <translation>⊘ HẾT MÓN</translation>
        </message>
        <message>
            <source>⚠ ALLERGY — NOTE: </source>
            <translation>⚠ DỊ ỨNG — GHI CHÚ: </translation>
        </message>
        <message>
            <source>✎ NOTE: </source>
            <translation>✎ GHI CHÚ: </translation>
        </message>
        <message>
            <source>Loading items…</source>
            <translation>Đang tải món…</translation>
        </message>
        <message numerus="yes">
            <source>+%n lines at other stations</source>
            <translation>
                <numerusform>+%n món ở quầy khác</numerusform>
            </translation>
        </message>
        <message>
            <source>+1 more line not shown (over the {limit}-line limit)</source>
            <translation>+1 dòng nữa không hiện (quá giới hạn {limit} dòng)</translation>
        </message>
        <message>
            <source>+{count} more lines not shown (over the {limit}-line limit)</source>
            <translation>+{count} dòng nữa không hiện (quá giới hạn {limit} dòng)</translation>
        </message>
        <message>
            <source>+1 more choice not shown</source>
            <translation>+1 tùy chọn nữa không hiện</translation>
        </message>
        <message>
            <source>+{count} more choices not shown</source>
            <translation>+{count} tùy chọn nữa không hiện</translation>
        </message>
    </context>
    <context>
        <name>LoginView</name>
        <message>
            <source>Kitchen display — sign in</source>
            <translation>Màn hình bếp — đăng nhập</translation>
        </message>
        <message>
            <source>user name</source>
            <translation>tên đăng nhập</translation>
        </message>
        <message>
            <source>password</source>
            <translation>mật khẩu</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Đăng nhập</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Máy chủ</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Tên đăng nhập</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mật khẩu</translation>
        </message>
        <message>
            <source>Enter the server address, your user name and your password.</source>
            <translation>Nhập địa chỉ máy chủ, tên đăng nhập và mật khẩu.</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Đang đăng nhập…</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Kitchen display</source>
            <translation>Màn hình bếp</translation>
        </message>
    </context>
    <context>
        <name>MenuLoader</name>
        <message>
            <source>Menu loaded.</source>
            <translation>Đã tải thực đơn.</translation>
        </message>
        <message>
            <source>Menu could not be loaded ({reason}): lines show without stations or allergen tags until it loads.</source>
            <translation>Không tải được thực đơn ({reason}): món hiện chưa có quầy và nhãn dị ứng cho đến khi tải xong.</translation>
        </message>
        <message>
            <source>Menu could not be loaded ({reason}): lines are placed by the menu loaded before; it may be out of date.</source>
            <translation>Không tải được thực đơn ({reason}): món được xếp theo thực đơn tải lần trước, có thể đã cũ.</translation>
        </message>
        <message>
            <source>the server sent another restaurant's menu</source>
            <translation>máy chủ gửi thực đơn của nhà hàng khác</translation>
        </message>
        <message>
            <source>the server's menu could not be read</source>
            <translation>không đọc được thực đơn của máy chủ</translation>
        </message>
        <message>
            <source>the server has no menu for this restaurant</source>
            <translation>máy chủ không có thực đơn cho nhà hàng này</translation>
        </message>
        <message>
            <source>server unreachable</source>
            <translation>không kết nối được máy chủ</translation>
        </message>
        <message>
            <source>server error {status}</source>
            <translation>lỗi máy chủ {status}</translation>
        </message>
        <message>
            <source>refused by the server</source>
            <translation>bị máy chủ từ chối</translation>
        </message>
        <message>
            <source>server answer {status}</source>
            <translation>máy chủ trả lời {status}</translation>
        </message>
        <message>
            <source>unexpected error</source>
            <translation>lỗi bất ngờ</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Trying again by itself.</source>
            <translation>Đang tự thử lại.</translation>
        </message>
        <message numerus="yes">
            <source>Too many failed attempts: this account is locked for %n minutes.</source>
            <translation>
                <numerusform>Sai quá nhiều lần: tài khoản bị khóa %n phút.</numerusform>
            </translation>
        </message>
        <message>
            <source>Wrong user name or password.</source>
            <translation>Sai tên đăng nhập hoặc mật khẩu.</translation>
        </message>
        <message>
            <source>Your session has expired: please log in again.</source>
            <translation>Phiên đăng nhập đã hết hạn: hãy đăng nhập lại.</translation>
        </message>
        <message>
            <source>The secure connection to {server} failed: its certificate is not trusted (check the server address, or the CA file in the settings).</source>
            <translation>Kết nối bảo mật tới {server} thất bại: chứng chỉ không đáng tin cậy (kiểm tra địa chỉ máy chủ, hoặc tệp CA trong cài đặt).</translation>
        </message>
        <message>
            <source>The server {server} cannot be reached. Check the network and the address.</source>
            <translation>Không kết nối được máy chủ {server}. Kiểm tra mạng và địa chỉ.</translation>
        </message>
        <message>
            <source>This account may not use the kitchen display.</source>
            <translation>Tài khoản này không được dùng màn hình bếp.</translation>
        </message>
        <message>
            <source>Login failed: {reason}</source>
            <translation>Đăng nhập không thành công: {reason}</translation>
        </message>
        <message>
            <source>Not allowed for this account.</source>
            <translation>Tài khoản này không được phép.</translation>
        </message>
        <message>
            <source>The server could not be reached; try again.</source>
            <translation>Không kết nối được máy chủ; hãy thử lại.</translation>
        </message>
    </context>
    <context>
        <name>MoreDialog</name>
        <message>
            <source>Reject order…</source>
            <translation>Từ chối đơn…</translation>
        </message>
        <message>
            <source>Cancel order…</source>
            <translation>Hủy đơn…</translation>
        </message>
        <message>
            <source>More for {order}</source>
            <translation>Thêm cho đơn {order}</translation>
        </message>
        <message>
            <source>Accept with another ETA…</source>
            <translation>Nhận, dự kiến khác…</translation>
        </message>
        <message>
            <source>✓ {item} is back…</source>
            <translation>✓ {item}: còn món…</translation>
        </message>
        <message>
            <source>⊘ {item} sold out (86)…</source>
            <translation>⊘ {item}: hết món (86)…</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Order {order}</source>
            <translation>Đơn {order}</translation>
        </message>
    </context>
    <context>
        <name>OfflineStart</name>
        <message>
            <source>offline since {since}</source>
            <translation>mất kết nối từ {since}</translation>
        </message>
        <message>
            <source>offline since {since} · last synced {synced}</source>
            <translation>mất kết nối từ {since} · đồng bộ lần cuối {synced}</translation>
        </message>
    </context>
    <context>
        <name>OrderDetails</name>
        <message>
            <source>Order {number}: its items could not be read ({field}).</source>
            <translation>Đơn {number}: không đọc được các món ({field}).</translation>
        </message>
    </context>
    <context>
        <name>PageDialogs</name>
        <message>
            <source>That order left the board (closed elsewhere).</source>
            <translation>Đơn đó đã rời màn hình (đóng ở máy khác).</translation>
        </message>
        <message>
            <source>That order left the board ({status}).</source>
            <translation>Đơn đó đã rời màn hình ({status}).</translation>
        </message>
    </context>
    <context>
        <name>PagerBar</name>
        <message numerus="yes">
            <source>← %n older</source>
            <translation>
                <numerusform>← %n đơn trước</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more →</source>
            <translation>
                <numerusform>%n đơn sau →</numerusform>
            </translation>
        </message>
        <message>
            <source>★ {new} new   ▶ {cooking} in progress   ✔ {ready} ready</source>
            <translation>★ {new} mới   ▶ {cooking} đang làm   ✔ {ready} xong</translation>
        </message>
        <message>
            <source>{page} · all on screen</source>
            <translation>{page} · đã hiện hết</translation>
        </message>
        <message numerus="yes">
            <source>%n off</source>
            <translation>
                <numerusform>%n ẩn</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n off screen</source>
            <translation>
                <numerusform>%n đơn ở trang khác</numerusform>
            </translation>
        </message>
        <message>
            <source>{page} · {off} · oldest </source>
            <translation>{page} · {off} · lâu nhất </translation>
        </message>
        <message>
            <source>★ {count} NEW</source>
            <translation>★ {count} MỚI</translation>
        </message>
    </context>
    <context>
        <name>Panel</name>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
    </context>
    <context>
        <name>Password</name>
        <message>
            <source>Password: </source>
            <translation>Mật khẩu: </translation>
        </message>
    </context>
    <context>
        <name>Reason</name>
        <message>
            <source>Kitchen too busy</source>
            <translation>Bếp quá tải</translation>
        </message>
        <message>
            <source>Item unavailable</source>
            <translation>Món tạm không có</translation>
        </message>
        <message>
            <source>Closing soon</source>
            <translation>Sắp đóng cửa</translation>
        </message>
        <message>
            <source>Cannot meet allergy request</source>
            <translation>Không đáp ứng được yêu cầu dị ứng</translation>
        </message>
        <message>
            <source>Delivery area not served</source>
            <translation>Ngoài khu vực giao hàng</translation>
        </message>
        <message>
            <source>Customer asked to cancel</source>
            <translation>Khách yêu cầu hủy</translation>
        </message>
        <message>
            <source>Item ran out</source>
            <translation>Hết món</translation>
        </message>
        <message>
            <source>Kitchen problem</source>
            <translation>Bếp gặp sự cố</translation>
        </message>
        <message>
            <source>Duplicate order</source>
            <translation>Đơn bị trùng</translation>
        </message>
        <message>
            <source>Courier unavailable</source>
            <translation>Không có người giao hàng</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Reject {order}</source>
            <translation>Từ chối {order}</translation>
        </message>
        <message>
            <source>Reject order {order}? Choose or type a reason:</source>
            <translation>Từ chối đơn {order}? Chọn hoặc nhập lý do:</translation>
        </message>
        <message>
            <source>Reject order {order}</source>
            <translation>Từ chối đơn {order}</translation>
        </message>
        <message>
            <source>Cancel {order}</source>
            <translation>Hủy {order}</translation>
        </message>
        <message>
            <source>Cancel order {order}? Choose or type a reason:</source>
            <translation>Hủy đơn {order}? Chọn hoặc nhập lý do:</translation>
        </message>
        <message>
            <source>Cancel order {order}</source>
            <translation>Hủy đơn {order}</translation>
        </message>
        <message>
            <source>Reason (optional, up to {count} characters)</source>
            <translation>Lý do (không bắt buộc, tối đa {count} ký tự)</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
    </context>
    <context>
        <name>RecallPanel</name>
        <message>
            <source>Recall — last orders off the board</source>
            <translation>Gọi lại — đơn đã xong</translation>
        </message>
        <message>
            <source>Done here ({count})</source>
            <translation>Xong ở quầy này ({count})</translation>
        </message>
        <message>
            <source>↶ Bring back</source>
            <translation>↶ Đưa lại</translation>
        </message>
        <message>
            <source>Left the board</source>
            <translation>Đã rời màn hình</translation>
        </message>
        <message>
            <source>Closed elsewhere</source>
            <translation>Đóng ở máy khác</translation>
        </message>
        <message>
            <source>#{number} — {status} at {time} · {order}</source>
            <translation>#{number} — {status} lúc {time} · {order}</translation>
        </message>
        <message>
            <source>No order has left the board yet.</source>
            <translation>Chưa có đơn nào rời màn hình.</translation>
        </message>
    </context>
    <context>
        <name>RestaurantPicker</name>
        <message>
            <source>owner</source>
            <translation>chủ quán</translation>
        </message>
        <message>
            <source>staff</source>
            <translation>nhân viên</translation>
        </message>
        <message>
            <source>Choose a restaurant</source>
            <translation>Chọn nhà hàng</translation>
        </message>
        <message>
            <source>Back to the board</source>
            <translation>Quay lại màn hình đơn</translation>
        </message>
        <message>
            <source>{restaurant}  ({role})  ✔ current</source>
            <translation>{restaurant}  ({role})  ✔ đang mở</translation>
        </message>
        <message>
            <source>{restaurant}  ({role})</source>
            <translation>{restaurant}  ({role})</translation>
        </message>
    </context>
    <context>
        <name>Resync</name>
        <message>
            <source>This account may not see this restaurant's orders.</source>
            <translation>Tài khoản này không được xem đơn của nhà hàng này.</translation>
        </message>
        <message>
            <source>The server sent an order list this version cannot read ({error}). Retrying in {seconds} s.</source>
            <translation>Máy chủ gửi danh sách đơn mà phiên bản này không đọc được ({error}). Thử lại sau {seconds} giây.</translation>
        </message>
        <message>
            <source>Server unreachable: the board may be out of date. Retrying in {seconds} s.</source>
            <translation>Không kết nối được máy chủ: bảng đơn có thể đã cũ. Thử lại sau {seconds} giây.</translation>
        </message>
    </context>
    <context>
        <name>ServerAddress</name>
        <message>
            <source>Plain http:// sends passwords and orders unencrypted over the network. Use https://.</source>
            <translation>http:// thường gửi mật khẩu và đơn qua mạng mà không mã hóa. Hãy dùng https://.</translation>
        </message>
        <message>
            <source>This terminal signs in over https:// only (allow_http = false).</source>
            <translation>Máy này chỉ đăng nhập qua https:// (allow_http = false).</translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>This account is not staff or owner of any restaurant.</source>
            <translation>Tài khoản này không là nhân viên hay chủ của nhà hàng nào.</translation>
        </message>
        <message>
            <source>Signed out: the session expired. Please log in again.</source>
            <translation>Đã đăng xuất: phiên đăng nhập hết hạn. Hãy đăng nhập lại.</translation>
        </message>
        <message>
            <source>Order {number} has a status this version does not know: {value}.</source>
            <translation>Đơn {number} có trạng thái mà phiên bản này không biết: {value}.</translation>
        </message>
        <message>
            <source>That restaurant is not available to this account.</source>
            <translation>Tài khoản này không dùng được nhà hàng đó.</translation>
        </message>
        <message>
            <source>Restaurant</source>
            <translation>Nhà hàng</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Auto (by screen)</source>
            <translation>Tự động (theo màn hình)</translation>
        </message>
        <message>
            <source>Roomy</source>
            <translation>Thoáng</translation>
        </message>
        <message>
            <source>Compact</source>
            <translation>Gọn</translation>
        </message>
        <message>
            <source>Dense</source>
            <translation>Dày</translation>
        </message>
        <message>
            <source>All orders (expo)</source>
            <translation>Mọi đơn (ra món)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Ngôn ngữ</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Màu nền</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Cỡ chữ</translation>
        </message>
        <message>
            <source>Ticket density</source>
            <translation>Mật độ phiếu</translation>
        </message>
        <message>
            <source>Auto-accept</source>
            <translation>Tự nhận đơn</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Quầy</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Cài đặt</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Ngôn ngữ:</translation>
        </message>
        <message>
            <source>Auto (system)</source>
            <translation>Tự động (theo máy)</translation>
        </message>
        <message>
            <source>Dark theme</source>
            <translation>Nền tối</translation>
        </message>
        <message>
            <source>Light theme</source>
            <translation>Nền sáng</translation>
        </message>
        <message>
            <source>A−  smaller text</source>
            <translation>A−  chữ nhỏ hơn</translation>
        </message>
        <message>
            <source>A+  larger text</source>
            <translation>A+  chữ to hơn</translation>
        </message>
        <message>
            <source>Tickets on screen:</source>
            <translation>Phiếu trên màn hình:</translation>
        </message>
        <message>
            <source>This terminal's station:</source>
            <translation>Quầy của máy này:</translation>
        </message>
        <message>
            <source>No stations are set up ([stations] in config.toml): this terminal shows every order.</source>
            <translation>Chưa đặt quầy nào ([stations] trong config.toml): máy này hiện mọi đơn.</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Đăng xuất</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>{setting} is set by {source} for this terminal.</source>
            <translation>{setting} do {source} đặt cố định trên máy này.</translation>
        </message>
        <message>
            <source>Text size {percent} %</source>
            <translation>Cỡ chữ {percent} %</translation>
        </message>
        <message>
            <source>Auto-accept new orders ({minutes} min): ON</source>
            <translation>Tự nhận đơn mới ({minutes} phút): BẬT</translation>
        </message>
        <message>
            <source>Auto-accept new orders ({minutes} min): off</source>
            <translation>Tự nhận đơn mới ({minutes} phút): tắt</translation>
        </message>
    </context>
    <context>
        <name>SignOutStepsDialog</name>
        <message>
            <source>1 step has not reached the server yet.</source>
            <translation>1 thao tác chưa tới máy chủ.</translation>
        </message>
        <message numerus="yes">
            <source>%n steps have not reached the server yet.</source>
            <translation>
                <numerusform>%n thao tác chưa tới máy chủ.</numerusform>
            </translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Đăng xuất</translation>
        </message>
        <message>
            <source>Keep them for the next sign-in</source>
            <translation>Giữ lại cho lần đăng nhập sau</translation>
        </message>
        <message>
            <source>Discard them</source>
            <translation>Bỏ, không gửi</translation>
        </message>
        <message>
            <source>Stay signed in</source>
            <translation>Không đăng xuất</translation>
        </message>
    </context>
    <context>
        <name>SoldOut</name>
        <message>
            <source>Only staff of this restaurant can mark items sold out.</source>
            <translation>Chỉ nhân viên của nhà hàng này mới được báo hết món.</translation>
        </message>
        <message>
            <source>{item} is no longer on the menu.</source>
            <translation>{item} không còn trong thực đơn.</translation>
        </message>
        <message>
            <source>No connection — {item} was not marked back on. Try again when the board is live.</source>
            <translation>Mất kết nối — {item} chưa được báo còn món. Thử lại khi bảng đơn trực tuyến.</translation>
        </message>
        <message>
            <source>No connection — {item} was not marked sold out. Try again when the board is live.</source>
            <translation>Mất kết nối — {item} chưa được báo hết món. Thử lại khi bảng đơn trực tuyến.</translation>
        </message>
        <message>
            <source>The server refused — {item} was not marked back on. Try again.</source>
            <translation>Máy chủ từ chối — {item} chưa được báo còn món. Hãy thử lại.</translation>
        </message>
        <message>
            <source>The server refused — {item} was not marked sold out. Try again.</source>
            <translation>Máy chủ từ chối — {item} chưa được báo hết món. Hãy thử lại.</translation>
        </message>
    </context>
    <context>
        <name>StationChoice</name>
        <message>
            <source>none</source>
            <translation>không có</translation>
        </message>
        <message>
            <source>{source}: station {name} has no profile for these restaurants (profiles: {known}); showing every order (the expo view)</source>
            <translation>{source}: quầy {name} không có cấu hình ở các nhà hàng này (cấu hình: {known}); hiện mọi đơn (màn ra món)</translation>
        </message>
        <message>
            <source>{source}: station {name} has no profile for restaurant {restaurant} (profiles: {known}); showing every order (the expo view)</source>
            <translation>{source}: quầy {name} không có cấu hình ở nhà hàng {restaurant} (cấu hình: {known}); hiện mọi đơn (màn ra món)</translation>
        </message>
    </context>
    <context>
        <name>StationScreen</name>
        <message>
            <source>no menu category</source>
            <translation>không danh mục nào</translation>
        </message>
        <message>
            <source>STATION {station} · shows {categories}</source>
            <translation>QUẦY {station} · hiện {categories}</translation>
        </message>
        <message>
            <source> + lines in no category</source>
            <translation> + món không thuộc danh mục</translation>
        </message>
        <message>
            <source> · new orders too</source>
            <translation> · cả đơn mới</translation>
        </message>
        <message>
            <source> · ⚠ not on this menu: {categories}</source>
            <translation> · ⚠ không có trong thực đơn: {categories}</translation>
        </message>
        <message>
            <source>Station {station}: {categories} is not a category of this menu (check the station's profile in config.toml).</source>
            <translation>Quầy {station}: {categories} không phải danh mục của thực đơn này (xem hồ sơ quầy trong config.toml).</translation>
        </message>
        <message>
            <source>Done here. Recall brings it back.</source>
            <translation>Xong ở quầy này. Bấm Gọi lại để đưa lại.</translation>
        </message>
        <message>
            <source>Back on the board.</source>
            <translation>Đã đưa lại lên màn hình.</translation>
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
    <context>
        <name>StatusChip</name>
        <message>
            <source>★ NEW</source>
            <translation>★ MỚI</translation>
        </message>
        <message>
            <source>✓ ACCEPTED</source>
            <translation>✓ ĐÃ NHẬN</translation>
        </message>
        <message>
            <source>▶ PREPARING</source>
            <translation>▶ ĐANG LÀM</translation>
        </message>
        <message>
            <source>✔ READY</source>
            <translation>✔ XONG</translation>
        </message>
    </context>
    <context>
        <name>Step</name>
        <message>
            <source>Accept</source>
            <translation>Nhận đơn</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Từ chối</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Bắt đầu</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Xong</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>Đã giao</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy đơn</translation>
        </message>
    </context>
    <context>
        <name>StepDisk</name>
        <message>
            <source>The step queue failed ({error}).</source>
            <translation>Hàng thao tác chờ gửi bị lỗi ({error}).</translation>
        </message>
    </context>
    <context>
        <name>StepLedger</name>
        <message>
            <source>Your {step} for {label} was cancelled; not sent.</source>
            <translation>Đã hủy thao tác {step} cho {label}; chưa gửi.</translation>
        </message>
    </context>
    <context>
        <name>StepQueue</name>
        <message>
            <source>{label} was cancelled while offline; your {step} was not sent.</source>
            <translation>{label} đã bị hủy khi mất kết nối; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} was rejected while offline; your {step} was not sent.</source>
            <translation>{label} đã bị từ chối khi mất kết nối; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} was handed over elsewhere while offline; your {step} was not sent.</source>
            <translation>{label} đã được giao ở máy khác khi mất kết nối; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} is no longer on the board; your {step} was not sent.</source>
            <translation>{label} không còn trên bảng đơn; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} was moved on by another screen while offline; your {step} was not sent.</source>
            <translation>{label} đã được màn hình khác chuyển bước khi mất kết nối; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} is not where your step starts any more; your {step} was not sent.</source>
            <translation>{label} không còn ở trạng thái lúc bạn bấm; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>An order</source>
            <translation>Một đơn</translation>
        </message>
    </context>
    <context>
        <name>StepSender</name>
        <message>
            <source>Not signed in to a restaurant.</source>
            <translation>Chưa đăng nhập vào nhà hàng nào.</translation>
        </message>
        <message>
            <source>That order left the board.</source>
            <translation>Đơn đó đã rời bảng đơn.</translation>
        </message>
        <message>
            <source>That step no longer applies.</source>
            <translation>Thao tác đó không còn áp dụng được.</translation>
        </message>
        <message>
            <source>{label}: your {step} was refused by the server: {reason}</source>
            <translation>{label}: thao tác {step} bị máy chủ từ chối: {reason}</translation>
        </message>
        <message>
            <source>{label}: your {step} was not sent, because the {first} before it was refused.</source>
            <translation>{label}: thao tác {step} chưa được gửi, vì thao tác {first} trước đó bị từ chối.</translation>
        </message>
    </context>
    <context>
        <name>StepStore</name>
        <message>
            <source>the file could not be read ({error})</source>
            <translation>không đọc được tệp ({error})</translation>
        </message>
        <message>
            <source>the file would not take write-ahead logging ({mode})</source>
            <translation>tệp không nhận chế độ ghi nhật ký trước ({mode})</translation>
        </message>
        <message>
            <source>the file is damaged</source>
            <translation>tệp bị hỏng</translation>
        </message>
        <message>
            <source>the file was written by a newer kds (version {version})</source>
            <translation>tệp do kds mới hơn ghi (phiên bản {version})</translation>
        </message>
        <message>
            <source>the file does not hold the step queue's table</source>
            <translation>tệp không có bảng thao tác chờ gửi</translation>
        </message>
        <message>
            <source>The steps waiting to be sent could not be restored: {why}. The file was kept as {file}.</source>
            <translation>Không khôi phục được các thao tác chờ gửi: {why}. Tệp được giữ lại là {file}.</translation>
        </message>
        <message>
            <source>Steps cannot be kept on this terminal ({error}): a step taken while offline would be lost.</source>
            <translation>Máy này không lưu được thao tác ({error}): thao tác làm khi mất kết nối sẽ bị mất.</translation>
        </message>
        <message>
            <source>A kept step could not be read and was skipped.</source>
            <translation>Không đọc được một thao tác chờ gửi; đã bỏ qua.</translation>
        </message>
        <message>
            <source>A kept step ({action} on {label}) could not be read and was skipped.</source>
            <translation>Không đọc được một thao tác chờ gửi ({action} cho {label}); đã bỏ qua.</translation>
        </message>
    </context>
    <context>
        <name>StepWindow</name>
        <message>
            <source>{label} was cancelled; your {step} was not sent.</source>
            <translation>{label} đã bị hủy; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} was rejected; your {step} was not sent.</source>
            <translation>{label} đã bị từ chối; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} was handed over; your {step} was not sent.</source>
            <translation>{label} đã được giao; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} left the board; your {step} was not sent.</source>
            <translation>{label} đã rời bảng đơn; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} the board was cleared; your {step} was not sent.</source>
            <translation>{label}: bảng đơn đã bị xóa; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} was moved on by another screen; your {step} was not sent.</source>
            <translation>{label} đã được màn hình khác chuyển bước; thao tác {step} chưa được gửi.</translation>
        </message>
        <message>
            <source>{label} changed meanwhile; your {step} was not sent.</source>
            <translation>{label} đã thay đổi trong lúc chờ; thao tác {step} chưa được gửi.</translation>
        </message>
    </context>
    <context>
        <name>Tail</name>
        <message>
            <source> for restaurant {restaurant}</source>
            <translation> cho nhà hàng {restaurant}</translation>
        </message>
        <message>
            <source>none configured</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>no station profile {name}{where} (known profiles: {names}; {expo} = every order). Profiles are the [stations] tables of config.toml.</source>
            <translation>không có cấu hình quầy {name}{where} (các cấu hình có: {names}; {expo} = mọi đơn). Cấu hình quầy là các bảng [stations] trong config.toml.</translation>
        </message>
        <message>
            <source>error</source>
            <translation>lỗi</translation>
        </message>
        <message>
            <source>warning</source>
            <translation>cảnh báo</translation>
        </message>
        <message>
            <source>No restaurant {wanted} for this user: {names}</source>
            <translation>Tài khoản này không có nhà hàng {wanted}: {names}</translation>
        </message>
        <message>
            <source>Signed out by the server: log in again.</source>
            <translation>Máy chủ đã đăng xuất bạn: hãy đăng nhập lại.</translation>
        </message>
    </context>
    <context>
        <name>TailWriter</name>
        <message>
            <source>connected</source>
            <translation>đã kết nối</translation>
        </message>
        <message>
            <source>reconnecting</source>
            <translation>đang kết nối lại</translation>
        </message>
        <message>
            <source>disconnected</source>
            <translation>mất kết nối</translation>
        </message>
        <message>
            <source>AwaitingPayment</source>
            <translation>Chờ thanh toán</translation>
        </message>
        <message>
            <source>Placed</source>
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
            <source>ReadyForDelivery</source>
            <translation>Đã xong</translation>
        </message>
        <message>
            <source>Delivered</source>
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
        <message>
            <source>ERROR</source>
            <translation>LỖI</translation>
        </message>
        <message>
            <source>WARNING</source>
            <translation>CẢNH BÁO</translation>
        </message>
        <message>
            <source>INFO</source>
            <translation>THÔNG TIN</translation>
        </message>
        <message>
            <source> of restaurant {restaurant}</source>
            <translation> của nhà hàng {restaurant}</translation>
        </message>
        <message>
            <source>station {station}: {categories} is not a category of the menu{restaurant} (check the station's profile in config.toml)</source>
            <translation>quầy {station}: {categories} không phải nhóm món trong thực đơn{restaurant} (kiểm tra cấu hình quầy trong config.toml)</translation>
        </message>
        <message>
            <source>station {station}: {categories} are not categories of the menu{restaurant} (check the station's profile in config.toml)</source>
            <translation>quầy {station}: {categories} không phải nhóm món trong thực đơn{restaurant} (kiểm tra cấu hình quầy trong config.toml)</translation>
        </message>
        <message>
            <source>allergens: {names}</source>
            <translation>dị ứng: {names}</translation>
        </message>
        <message>
            <source>connection  {state}</source>
            <translation>kết nối  {state}</translation>
        </message>
        <message>
            <source>remove  {order}  not at station {station}</source>
            <translation>gỡ  {order}  không thuộc quầy {station}</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>đã đóng</translation>
        </message>
        <message>
            <source>remove  {order}  {status}</source>
            <translation>gỡ  {order}  {status}</translation>
        </message>
        <message>
            <source>ALERT   new order {number}  ({order})</source>
            <translation>BÁO    đơn mới {number}  ({order})</translation>
        </message>
        <message>
            <source>board: {count} open orders</source>
            <translation>bảng: {count} đơn đang mở</translation>
        </message>
        <message>
            <source>eta {time}</source>
            <translation>dự kiến {time}</translation>
        </message>
        <message>
            <source>upsert  {number}  {status}  ({order}){eta}</source>
            <translation>cập nhật  {number}  {status}  ({order}){eta}</translation>
        </message>
        <message numerus="yes">
            <source>+%n lines at other stations</source>
            <translation>
                <numerusform>+%n món ở quầy khác</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TicketButtons</name>
        <message>
            <source>Accepting…</source>
            <translation>Đang nhận…</translation>
        </message>
        <message>
            <source>Rejecting…</source>
            <translation>Đang từ chối…</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Đang bắt đầu…</translation>
        </message>
        <message>
            <source>Marking…</source>
            <translation>Đang báo xong…</translation>
        </message>
        <message>
            <source>Handing…</source>
            <translation>Đang giao…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Đang hủy…</translation>
        </message>
        <message>
            <source>✓ Done here</source>
            <translation>✓ Quầy xong</translation>
        </message>
        <message>
            <source>More: other ETA, reject, cancel, an item sold out</source>
            <translation>Thêm: dự kiến khác, từ chối, hủy đơn, báo hết món</translation>
        </message>
        <message>
            <source>↶ Undo</source>
            <translation>↶ Hoàn tác</translation>
        </message>
        <message>
            <source>{step} · {seconds} s</source>
            <translation>{step} · {seconds} s</translation>
        </message>
    </context>
    <context>
        <name>TicketCard</name>
        <message>
            <source>✂ too long for one column</source>
            <translation>✂ quá dài, bị cắt</translation>
        </message>
    </context>
    <context>
        <name>TicketClock</name>
        <message>
            <source>⚠ LATE by {value}</source>
            <translation>⚠ TRỄ {value}</translation>
        </message>
        <message>
            <source>ETA in {value}</source>
            <translation>dự kiến còn {value}</translation>
        </message>
    </context>
    <context>
        <name>TicketContinuation</name>
        <message>
            <source>#{number} cont.</source>
            <translation>#{number} (tiếp)</translation>
        </message>
    </context>
    <context>
        <name>TicketLines</name>
        <message>
            <source>Other</source>
            <translation>Khác</translation>
        </message>
    </context>
    <context>
        <name>TicketText</name>
        <message>
            <source>PAID ONLINE</source>
            <translation>ĐÃ TRẢ ONLINE</translation>
        </message>
        <message>
            <source>CASH {amount}</source>
            <translation>THU {amount}</translation>
        </message>
        <message>
            <source>PAID</source>
            <translation>ĐÃ TRẢ</translation>
        </message>
        <message>
            <source>TEAMCART</source>
            <translation>ĐƠN NHÓM</translation>
        </message>
        <message>
            <source>… (+{count} more characters not shown)</source>
            <translation>… (+{count} ký tự nữa không hiện)</translation>
        </message>
    </context>
    <context>
        <name>TimerLevel</name>
        <message>
            <source>On time</source>
            <translation>Đúng giờ</translation>
        </message>
        <message>
            <source>Due soon</source>
            <translation>Sắp trễ</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>Trễ</translation>
        </message>
    </context>
    <context>
        <name>TokenStore</name>
        <message>
            <source>No usable system keyring was found: you will have to log in again after kds restarts.</source>
            <translation>Không tìm thấy kho khóa của hệ thống: phải đăng nhập lại sau khi kds khởi động lại.</translation>
        </message>
    </context>
</TS>
