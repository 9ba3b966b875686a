# ライブチャットの日本語のテキスト。キーは en.ftl(基準)と同じで、変数の説明もそちらにあります。
# 丁寧語(です・ます)で、ボタンは短く。

## チャットだけのページ:タイトルと見出し

page-title = ライブチャット

## 接続状態(ヘッダー)

status-connecting = 接続中…
status-joining = ルームに入室中…
status-joined = { $nick } として入室中
status-joined-nameless = 入室中
status-reconnecting = 接続が切れました。再接続中({ $attempt } 回目)…
status-not-in-room = 退室しています
status-disconnected = 切断されました

## ツールバー

change-nick = ニックネームを変更
presence-toggle = 入退室の表示
presence-toggle-title = 入室・退室を表示します(ルームに入り直します)
participants-toggle = 参加者

## 書き込み

choose-nick = ニックネームを決めてチャットに参加
muted-anonymous = このチャットに書き込めるのは登録ユーザーだけです。
muted-by-moderator = 現在ここには書き込めません。モデレーターによってミュートされています。
message-label = メッセージ
message-placeholder = メッセージを入力…
slow-mode-placeholder = スローモード:{ $seconds } 秒お待ちください
slow-mode-countdown = スローモード:{ $seconds } 秒後にまた書き込めます。
send = 送信

## ニックネームの入力

nick-prompt-label = ニックネームを決めてチャットに参加
nick-submit = 参加
nick-cancel = キャンセル
nick-empty = ニックネームを入力してください。
nick-too-long = { $max } 文字以内で入力してください。
nick-invisible = このニックネームには見えない文字が含まれています。
nick-reserved = このニックネームは匿名の視聴者用です。別のものを選んでください。
nick-taken = ニックネーム「{ $nick }」はすでに使われています。別のものを選んでください。

## 外部アカウントでのログイン(ボタンの文言はサーバーの設定によります)

external-login-label = またはアカウントでログイン:
external-login-blocked = ログイン画面を開けませんでした。このサイトのポップアップを許可してください。
external-login-failed = ログインできませんでした。
external-login-failed-why = ログインできませんでした:{ $message }
external-login-no-storage = ログインしましたが、このブラウザーではチャットがログイン状態を保存できません。
logout = ログアウト

## メッセージ

message-time = { $hours }:{ $minutes }
edited = 編集済み
edited-title = このメッセージは修正されています
removed = メッセージは削除されました
removed-reason = メッセージは削除されました:{ $reason }
removed-by-moderator = メッセージはモデレーターにより削除されました
removed-by-moderator-reason = メッセージはモデレーターにより削除されました:{ $reason }
new-messages = 新着メッセージ ↓
notice-joined = { $nick } さんが入室しました
notice-left = { $nick } さんが退室しました
notice-renamed = { $from } さんの名前が { $to } に変わりました

## まだ届いていない自分のメッセージ

outbox-label = まだ届いていないメッセージ
outbox-sending = 送信中…
outbox-not-sent = 送信できませんでした:{ $reason }
outbox-retry = 再送信
outbox-discard = 破棄
refusal-forbidden = 現在ここには書き込めません。
refusal-slow-mode = スローモード:少し待ってから送信してください。
refusal-not-accepted = ルームに受け付けられませんでした。
refusal-other = ルームに拒否されました({ $condition })。
refusal-no-answer = 送信されませんでした: ルームが応答しませんでした。

## 参加者リスト

participants-title = 参加者
participants-close = 参加者リストを閉じる
# 日本語は単数・複数を区別しません。
anonymous-count = 匿名の視聴者 { $count } 人
role-moderator = モデレーター
role-muted = ミュート中
rank-owner = オーナー
rank-admin = 管理者

## モデレーション

moderate = モデレート
moderate-nick = { $nick } さんをモデレート
mod-menu-label = モデレーション:{ $nick }
mod-retract = メッセージを削除
mod-mute = ミュート
mod-voice = 発言を許可
mod-kick = 退出させる
mod-ban = BAN
mod-ban-confirm = BAN を確定
close = 閉じる
kick-done = { $nick } さんをルームから退出させました。
kick-failed = { $nick } さんを退出させられませんでした:{ $error }。
ban-done = { $nick } さんを BAN しました。
ban-failed = { $nick } さんを BAN できませんでした:{ $error }。
mute-done = { $nick } さんをミュートしました。
mute-failed = { $nick } さんをミュートできませんでした:{ $error }。
voice-done = { $nick } さんがまた書き込めるようになりました。
voice-failed = { $nick } さんの発言を許可できませんでした:{ $error }。
retract-done = メッセージを削除しました。
retract-failed = メッセージを削除できませんでした:{ $error }。
subject-done = 話題を変更しました。
subject-failed = 話題を変更できませんでした:{ $error }。

## 意図せずルームを出たとき:{ $what } は removal-* のいずれか

removal-kicked = ルームから退出させられました
removal-banned = ルームから BAN されました
removal-members-only = このルームはメンバー限定になりました
removal-shutdown = チャットサービスが停止します
removal-other = ルームから退室しています
removal-by = { $what }({ $actor } さんによる)

## 接続の問題

connect-failed = { $url } のチャットサーバーに接続できません。
connect-failed-why = { $url } のチャットサーバーに接続できません:{ $error }
error-stream = チャットサーバーが接続を終了しました({ $condition })
error-auth = ログインに失敗しました({ $condition })
error-no-login-method = サーバーに使用できるログイン方法がありません(提示された方法:{ $offered })
error-bind = サーバーがセッションを拒否しました({ $condition })
error-join = ルームに入室できません({ $condition })
error-join-unanswered = ルームから応答がありませんでした。ページを再読み込みして、もう一度お試しください
error-config = 設定が正しくありません:{ $reason }
error-timeout = サーバーから応答がありません
error-connection-lost = 接続が切れました
error-malformed = サーバーから読み取れないデータが届きました({ $reason })
login-fallback = アカウントでログインできませんでした({ $why })。匿名の視聴者としてチャットしています。
login-failed = アカウントでログインできませんでした:{ $why }。
login-needs-account = このチャットにはアカウントが必要ですが、指定されていません。
login-http-status = サーバーの応答は { $status } でした
login-unreachable = サーバーに接続できませんでした
login-bad-answer = サーバーの応答がアカウントではありません
login-bad-request = ページがリクエストを送信できませんでした
login-bad-header = Authorization ヘッダーが正しくありません
login-bad-token = ログイントークンが正しくありません
login-bad-url = アドレスが正しくありません
remote-closed = この動画のチャットは別のインスタンスにあり、ここからは誰も入室できません。
remote-needs-account = この動画のチャットは別のインスタンスにあり、ログインしたユーザーだけが入室できます。参加するにはログインしてください。
remote-anonymous-with-nick = この動画のチャットは別のインスタンスにあり、ここのアカウントは使えません。あちらでは匿名の視聴者として、あなたのニックネームでチャットします。

## 文とその詳細:サーバーのテキスト($reason)や文末

with-reason = { $what }:{ $reason }
sentence = { $what }。

## ページから渡されたチャットのパラメーターが使えないとき

params-error-title = チャットを開始できません
param-room-missing = パラメーター `{ $name }` がありません。`video-id@room.example.org` のような、チャットルームのアドレスです。
param-room-invalid = パラメーター `{ $name }` は `video-id@room.example.org` のようなルームのアドレスではありません。
param-ws-missing = パラメーター `{ $name }` がありません。`wss://example.org/xmpp-websocket` のような、チャットサーバーの WebSocket アドレスです。
param-ws-invalid = パラメーター `{ $name }` は `wss://`、`ws://`、`/` のいずれかで始まる WebSocket アドレスにしてください。
param-url-invalid = パラメーター `{ $name }` は `https://`、`http://`、`/` のいずれかで始まるアドレスにしてください。
param-anon-missing = パラメーター `{ $name }` がありません。`anon.example.org` のような、匿名の視聴者用のドメインです(アカウントでログインする場合は `{ $auth }` を指定してください)。
param-anon-invalid = パラメーター `{ $name }` は `anon.example.org` のようなドメインにしてください。
param-number = パラメーター `{ $name }` は 0 から { $max } までの数にしてください。
param-readonly = パラメーター `{ $name }` は `true`、`false`、`noscroll` のいずれかにしてください。
param-flag = パラメーター `{ $name }` は `true` か `false` にしてください。
param-external-logins = パラメーター `{ $name }` はログインボタンのリストにしてください。各ボタンには `buttonLabel` と、`https://`、`http://`、`/` のいずれかで始まる `url` が必要です。
param-theme = パラメーター `{ $name }` は { $themes } のいずれかにしてください。
params-not-object = チャットのオプションは、パラメーターを持つオブジェクトにしてください(例:`{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`)。
plugin-unavailable = チャットは利用できません:{ $message }。
plugin-unavailable-code = チャットは利用できません:{ $message }({ $code })。
plugin-refused = サーバーに拒否されました
token-bad-jid = アドレス(`#` の後)のログイントークンに、有効なアカウントのアドレス(`j`)がありません。
token-no-password = アドレス(`#` の後)のログイントークンに、パスワード(`p`)がありません。

## アクセシビリティ:領域の名前と、スクリーンリーダーが読み上げる内容

chat-label = ライブチャット
messages-label = メッセージ
announce-message = { $nick }:{ $body }

## 投票:メッセージの上のバナー

poll-label = 投票
poll-running = 投票:
poll-ended = 投票終了:
poll-count = { $votes } 票({ $percent } %)
poll-total = 合計 { $votes } 票
poll-time-left = 残り { $time }
poll-your-vote = あなたの投票
poll-hint = ボタンで投票するか、!1、!2… と送信してください
poll-hint-overlay = チャットで !1、!2… と送信して投票
poll-dismiss = 結果を閉じる
vote-poll-over = 投票は終了しました。あなたの票は数えられませんでした。
vote-invalid-choice = その選択肢はありません。
vote-no-voice = 現在このルームでは投票できません。
vote-not-in-room = 退室しているため、投票は送信されませんでした。
vote-refused = あなたの票は数えられませんでした。

## チャットのルール(メッセージの上)

terms-global-label = チャットのルール
terms-room-label = このチャンネルのルール
terms-hide = 非表示

## オーナーと管理者のツール:投票、お知らせ

poll-create = 新しい投票
poll-form-title = 新しい投票
poll-form-loading = 投票フォームを読み込み中…
poll-form-failed = ルームから投票フォームを取得できませんでした:{ $reason }
poll-form-question = 質問
poll-form-duration = 期間(分)
poll-form-anonymous = 匿名投票(誰が何に投票したかは表示されません)
poll-form-choice = 選択肢 { $number }
poll-form-replaces = この投票を始めると、実施中の投票は終了します。
poll-form-submit = 投票を開始
poll-form-bad-duration = 期間は 1 以上の整数(分)にしてください。
poll-form-two-choices = 選択肢を 2 つ以上入力してください。
poll-create-failed = 投票を開始できませんでした:{ $reason }
announce-open = お知らせ
announce-title = お知らせを送信
announce-style = スタイル
announce-style-announcement = お知らせ
announce-style-highlight = 強調
announce-style-warning = 警告
announce-body = メッセージ
announce-send = 送信
refusal-announcement-not-allowed = お知らせを送信できるのはルームのオーナーと管理者だけです。
owner-cancel = キャンセル

## メッセージ入力欄の横の絵文字ピッカー

emoji-picker = 絵文字
emoji-search = 絵文字を検索
emoji-loading = 絵文字を読み込み中…
emoji-load-failed = 絵文字を読み込めませんでした。
not-loaded = チャットのこの部分を読み込めませんでした。
not-loaded-retry = 再試行
emoji-none-found = 絵文字が見つかりません。
emoji-group-custom = このチャンネル
emoji-group-smileys = スマイリーと感情
emoji-group-people = 人と体
emoji-group-nature = 動物と自然
emoji-group-food = 食べ物と飲み物
emoji-group-travel = 旅行と場所
emoji-group-activity = アクティビティ
emoji-group-objects = もの
emoji-group-symbols = 記号
emoji-group-flags = 旗

## メッセージ:長いものの折りたたみ、メンション、モデレーションの遅延、自分のメッセージの引用と削除

show-more = もっと見る
show-less = 折りたたむ
mentions-you = (あなたへのメンション)
new-mention = メンションされました ↓
held-for = { $seconds } 秒後に視聴者に表示されます
poll-choice-result = { $label }:{ $votes }
message-actions = { $nick } さんのメッセージの操作
quote = 引用
delete = 全員に対して削除
delete-confirm = 削除を確定
editing = 最後のメッセージを修正中
editing-cancel = キャンセル
completions-label = ニックネーム
completions-count = 候補 { $count } 件:↑ ↓ で選択、Tab で入力
emoji-only = 現在このチャットでは絵文字しか送信できません。
emoji-only-moderator = 絵文字のみモード:ほかの参加者は絵文字しか送信できません。
refusal-emoji-only = 現在このチャットでは絵文字しか受け付けていません。
announce-mention = { $nick } さんがあなたにメンションしました:{ $body }
announce-styled = { $nick } さんからの{ $title }:{ $body }
announce-poll = { $title }{ $body }
