# 直播聊天的简体中文文本。键与 en.ftl(参照)相同,变量说明见该文件。

## 单独的聊天页面:标题与标题栏

page-title = 直播聊天

## 连接状态(页眉)

status-connecting = 正在连接…
status-joining = 正在进入聊天室…
status-joined = 已以 { $nick } 身份进入
status-joined-nameless = 已进入聊天室
status-reconnecting = 连接已断开,正在重新连接(第 { $attempt } 次)…
status-not-in-room = 不在聊天室中
status-disconnected = 已断开连接

## 工具栏

change-nick = 更改昵称
presence-toggle = 进出提示
presence-toggle-title = 显示有人进入和离开(将重新进入聊天室)
participants-toggle = 参与者

## 发言

choose-nick = 选择昵称以参与聊天
muted-anonymous = 只有注册用户才能在此聊天中发言。
muted-by-moderator = 你目前无法在此发言:你已被管理员禁言。
message-label = 消息
message-placeholder = 输入消息…
slow-mode-placeholder = 慢速模式:请等待 { $seconds } 秒
slow-mode-countdown = 慢速模式:{ $seconds } 秒后可再次发言。
send = 发送

## 选择昵称

nick-prompt-label = 选择昵称以参与聊天
nick-submit = 加入聊天
nick-cancel = 取消
nick-empty = 请输入昵称。
nick-too-long = 最多 { $max } 个字符。
nick-invisible = 此昵称包含不可见字符。
nick-reserved = 此昵称保留给匿名观众,请另选一个。
nick-taken = 昵称“{ $nick }”已被使用,请另选一个。

## 外部登录(按钮文字来自服务器设置)

external-login-label = 或使用账户登录:
external-login-blocked = 无法打开登录窗口:请允许此网站的弹出窗口。
external-login-failed = 登录失败。
external-login-failed-why = 登录失败:{ $message }
external-login-no-storage = 登录成功,但此浏览器不允许聊天保存登录状态。
logout = 退出登录

## 消息

message-time = { $hours }:{ $minutes }
edited = 已编辑
edited-title = 此消息已被更正
removed = 消息已删除
removed-reason = 消息已删除:{ $reason }
removed-by-moderator = 消息已被管理员删除
removed-by-moderator-reason = 消息已被管理员删除:{ $reason }
new-messages = 新消息 ↓
notice-joined = { $nick } 进入了聊天室
notice-left = { $nick } 离开了聊天室
notice-renamed = { $from } 改名为 { $to }

## 尚未送达的自己的消息

outbox-label = 尚未送达的消息
outbox-sending = 正在发送…
outbox-not-sent = 未发送:{ $reason }
outbox-retry = 重试
outbox-discard = 放弃
refusal-forbidden = 你目前无权在此发言。
refusal-slow-mode = 慢速模式:请稍等片刻再发送。
refusal-not-accepted = 聊天室未接受此消息。
refusal-other = 聊天室拒绝了此消息({ $condition })。
refusal-no-answer = 未发送：聊天室没有回应。

## 参与者列表

participants-title = 参与者
participants-close = 关闭参与者列表
# 中文不区分单复数。
anonymous-count = { $count } 位匿名观众
role-moderator = 管理员
role-muted = 已禁言
rank-owner = 所有者
rank-admin = 高级管理员

## 管理

moderate = 管理
moderate-nick = 管理 { $nick }
mod-menu-label = 管理:{ $nick }
mod-retract = 删除消息
mod-mute = 禁言
mod-voice = 解除禁言
mod-kick = 踢出
mod-ban = 封禁
mod-ban-confirm = 确认封禁
close = 关闭
kick-done = 已将 { $nick } 踢出聊天室。
kick-failed = 无法踢出 { $nick }:{ $error }。
ban-done = 已封禁 { $nick }。
ban-failed = 无法封禁 { $nick }:{ $error }。
mute-done = 已将 { $nick } 禁言。
mute-failed = 无法将 { $nick } 禁言:{ $error }。
voice-done = { $nick } 可以再次发言。
voice-failed = 无法解除 { $nick } 的禁言:{ $error }。
retract-done = 消息已删除。
retract-failed = 无法删除消息:{ $error }。
subject-done = 话题已更改。
subject-failed = 无法更改话题:{ $error }。

## 被迫离开聊天室:{ $what } 是 removal-* 文本之一

removal-kicked = 你已被踢出聊天室
removal-banned = 你已被此聊天室封禁
removal-members-only = 此聊天室现在仅限成员进入
removal-shutdown = 聊天服务正在关闭
removal-other = 你已不在聊天室中
removal-by = { $what }(操作者:{ $actor })

## 连接问题

connect-failed = 无法连接到位于 { $url } 的聊天服务器。
connect-failed-why = 无法连接到位于 { $url } 的聊天服务器:{ $error }
error-stream = 聊天服务器结束了连接({ $condition })
error-auth = 登录失败({ $condition })
error-no-login-method = 服务器没有提供可用的登录方式(提供的方式:{ $offered })
error-bind = 服务器拒绝了会话({ $condition })
error-join = 无法进入聊天室({ $condition })
error-join-unanswered = 聊天室没有响应:请刷新页面后重试
error-config = 配置无效:{ $reason }
error-timeout = 服务器已停止响应
error-connection-lost = 连接已中断
error-malformed = 服务器发送了无法读取的内容({ $reason })
login-fallback = 无法使用你的账户登录({ $why }):你正以匿名观众身份聊天。
login-failed = 无法使用你的账户登录:{ $why }。
login-needs-account = 此聊天需要账户,但未提供任何账户。
login-http-status = 服务器返回了 { $status }
login-unreachable = 无法访问服务器
login-bad-answer = 服务器的回应不是账户
login-bad-request = 页面无法发送请求
login-bad-header = Authorization 标头无效
login-bad-token = 登录令牌无效
login-bad-url = 地址无效
remote-closed = 此视频的聊天位于另一个实例上,该实例不允许这里的任何人进入。
remote-needs-account = 此视频的聊天位于另一个实例上,该实例只允许已登录的用户进入:请登录后加入。
remote-anonymous-with-nick = 此视频的聊天位于另一个实例上,该实例不接受这里的账户:你将以匿名观众身份、使用你的昵称在那里聊天。

## 句子及其细节:服务器的文本($reason)或句末

with-reason = { $what }:{ $reason }
sentence = { $what }。

## 页面给出的聊天参数无法使用时

params-error-title = 聊天无法启动
param-room-missing = 缺少参数 `{ $name }`:聊天室的地址,例如 `video-id@room.example.org`。
param-room-invalid = 参数 `{ $name }` 不是类似 `video-id@room.example.org` 的聊天室地址。
param-ws-missing = 缺少参数 `{ $name }`:聊天服务器的 WebSocket 地址,例如 `wss://example.org/xmpp-websocket`。
param-ws-invalid = 参数 `{ $name }` 必须是以 `wss://`、`ws://` 或 `/` 开头的 WebSocket 地址。
param-url-invalid = 参数 `{ $name }` 必须是以 `https://`、`http://` 或 `/` 开头的地址。
param-anon-missing = 缺少参数 `{ $name }`:匿名观众使用的域名,例如 `anon.example.org`(或提供 `{ $auth }` 以使用账户登录)。
param-anon-invalid = 参数 `{ $name }` 必须是类似 `anon.example.org` 的域名。
param-number = 参数 `{ $name }` 必须是 0 到 { $max } 之间的数字。
param-readonly = 参数 `{ $name }` 必须是 `true`、`false` 或 `noscroll`。
param-flag = 参数 `{ $name }` 必须是 `true` 或 `false`。
param-external-logins = 参数 `{ $name }` 必须是登录按钮的列表,每个按钮都要有 `buttonLabel`,以及以 `https://`、`http://` 或 `/` 开头的 `url`。
param-theme = 参数 `{ $name }` 必须是以下之一:{ $themes }。
params-not-object = 聊天选项必须是包含其参数的对象(例如 `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`)。
plugin-unavailable = 聊天不可用:{ $message }。
plugin-unavailable-code = 聊天不可用:{ $message }({ $code })。
plugin-refused = 服务器拒绝了请求
token-bad-jid = 地址中(`#` 之后)的登录令牌没有有效的账户地址(`j`)。
token-no-password = 地址中(`#` 之后)的登录令牌没有密码(`p`)。

## 无障碍:区域名称,以及屏幕阅读器朗读的内容

chat-label = 直播聊天
messages-label = 消息
announce-message = { $nick }:{ $body }

## 投票:消息上方的横幅

poll-label = 投票
poll-running = 投票:
poll-ended = 投票已结束:
poll-count = { $votes } 票({ $percent } %)
poll-total = 共 { $votes } 票
poll-time-left = 剩余 { $time }
poll-your-vote = 你的投票
poll-hint = 点击按钮投票,或发送 !1、!2…
poll-hint-overlay = 在聊天中发送 !1、!2… 即可投票
poll-dismiss = 关闭结果
vote-poll-over = 投票已结束:你的票未被计入。
vote-invalid-choice = 投票中没有这个选项。
vote-no-voice = 你目前无法在此聊天室投票。
vote-not-in-room = 不在聊天室中:你的票未发送。
vote-refused = 你的票未被计入。

## 聊天规则(消息上方)

terms-global-label = 聊天规则
terms-room-label = 本频道规则
terms-hide = 隐藏

## 所有者和高级管理员的工具:投票、公告

poll-create = 新建投票
poll-form-title = 新建投票
poll-form-loading = 正在加载投票表单…
poll-form-failed = 聊天室未提供投票表单:{ $reason }
poll-form-question = 问题
poll-form-duration = 时长(分钟)
poll-form-anonymous = 匿名投票(没有人能看到谁投了什么)
poll-form-choice = 选项 { $number }
poll-form-replaces = 开始此投票将结束当前进行中的投票。
poll-form-submit = 开始投票
poll-form-bad-duration = 时长必须是整数分钟,至少为 1。
poll-form-two-choices = 请至少提供两个选项。
poll-create-failed = 投票未能开始:{ $reason }
announce-open = 发布公告
announce-title = 发送公告
announce-style = 样式
announce-style-announcement = 公告
announce-style-highlight = 重点
announce-style-warning = 警告
announce-body = 消息
announce-send = 发送
refusal-announcement-not-allowed = 只有房间的所有者和管理员可以发送公告。
owner-cancel = 取消

## 消息输入框旁的表情选择器

emoji-picker = 表情
emoji-search = 搜索表情
emoji-loading = 正在加载表情…
emoji-load-failed = 无法加载表情。
not-loaded = 无法加载聊天的这一部分。
not-loaded-retry = 重试
emoji-none-found = 未找到表情。
emoji-group-custom = 本频道
emoji-group-smileys = 笑脸与情感
emoji-group-people = 人物与身体
emoji-group-nature = 动物与自然
emoji-group-food = 食物与饮料
emoji-group-travel = 旅行与地点
emoji-group-activity = 活动
emoji-group-objects = 物品
emoji-group-symbols = 符号
emoji-group-flags = 旗帜

## 消息:长消息折叠、提及、管理延迟、引用和删除自己的消息

show-more = 展开
show-less = 收起
mentions-you = (提到了你)
new-mention = 有人提到了你 ↓
held-for = { $seconds } 秒后对观众可见
poll-choice-result = { $label }:{ $votes }
message-actions = 对 { $nick } 的消息的操作
quote = 引用
delete = 为所有人删除
delete-confirm = 确认删除
editing = 正在更正你的上一条消息
editing-cancel = 取消
completions-label = 昵称
completions-count = { $count } 个昵称:↑ ↓ 选择,Tab 补全
emoji-only = 此聊天目前只能发送表情。
emoji-only-moderator = 仅限表情模式:其他人只能发送表情。
refusal-emoji-only = 此聊天目前只接受表情。
announce-mention = { $nick } 提到了你:{ $body }
announce-styled = 来自 { $nick } 的{ $title }:{ $body }
announce-poll = { $title }{ $body }
