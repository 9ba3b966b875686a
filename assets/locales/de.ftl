# Die Texte des Live-Chats auf Deutsch. Dieselben Schlüssel wie en.ftl (die Referenz); die
# Variablen sind dort beschrieben.

## Die Seite des Chats allein: ihr Titel und ihre Überschrift

page-title = Live-Chat

## Die Verbindung, in der Kopfzeile

status-connecting = Verbinden…
status-joining = Raum wird betreten…
status-joined = Im Raum als { $nick }
status-joined-nameless = Im Raum
status-reconnecting = Verbindung verloren, neuer Versuch ({ $attempt })…
status-not-in-room = Nicht im Raum
status-disconnected = Getrennt

## Die Werkzeugleiste

change-nick = Namen ändern
presence-toggle = Kommen und Gehen
presence-toggle-title = Anzeigen, wer den Raum betritt und verlässt (betritt den Raum neu)
participants-toggle = Teilnehmende

## Schreiben

choose-nick = Namen wählen, um mitzuschreiben
muted-anonymous = In diesem Chat können nur angemeldete Personen schreiben.
muted-by-moderator = Du kannst hier gerade nicht schreiben: Die Moderation hat dich stummgeschaltet.
message-label = Nachricht
message-placeholder = Nachricht schreiben…
slow-mode-placeholder = Langsamer Modus: { $seconds } s warten
slow-mode-countdown = Langsamer Modus: Du kannst in { $seconds } s wieder schreiben.
send = Senden

## Die Namensabfrage

nick-prompt-label = Namen wählen, um mitzuschreiben
nick-submit = Chatten
nick-cancel = Abbrechen
nick-empty = Bitte gib einen Namen ein.
nick-too-long = Bitte höchstens { $max } Zeichen.
nick-invisible = Dieser Name enthält unsichtbare Zeichen.
nick-reserved = Dieser Name ist anonymen Zuschauern vorbehalten: Bitte wähle einen anderen.
nick-taken = Der Name „{ $nick }“ ist schon vergeben: Bitte wähle einen anderen.

## Anmeldung mit einem Konto anderswo (die Beschriftung der Knöpfe kommt vom Server)

external-login-label = Oder mit einem Konto anmelden:
external-login-blocked = Das Anmeldefenster konnte nicht öffnen: Bitte erlaube Pop-ups für diese Seite.
external-login-failed = Die Anmeldung hat nicht geklappt.
external-login-failed-why = Die Anmeldung hat nicht geklappt: { $message }
external-login-no-storage = Die Anmeldung hat geklappt, aber dieser Browser lässt den Chat sie nicht speichern.
logout = Abmelden

## Nachrichten

message-time = { $hours }:{ $minutes }
edited = bearbeitet
edited-title = Diese Nachricht wurde korrigiert
removed = Nachricht entfernt
removed-reason = Nachricht entfernt: { $reason }
removed-by-moderator = Nachricht von der Moderation entfernt
removed-by-moderator-reason = Nachricht von der Moderation entfernt: { $reason }
new-messages = Neue Nachrichten ↓
notice-joined = { $nick } ist da
notice-left = { $nick } ist gegangen
notice-renamed = { $from } heißt jetzt { $to }

## Eigene Nachrichten, noch nicht zugestellt

outbox-label = Deine noch nicht zugestellten Nachrichten
outbox-sending = Wird gesendet…
outbox-not-sent = Nicht gesendet: { $reason }
outbox-retry = Erneut senden
outbox-discard = Verwerfen
refusal-forbidden = Du darfst hier gerade nicht schreiben.
refusal-slow-mode = Langsamer Modus: Warte kurz, bevor du wieder sendest.
refusal-not-accepted = Der Raum hat sie nicht angenommen.
refusal-other = Der Raum hat sie abgelehnt ({ $condition }).
refusal-no-answer = Nicht gesendet: Der Raum hat nicht geantwortet.

## Die Teilnehmerliste

participants-title = Teilnehmende
participants-close = Teilnehmerliste schließen
anonymous-count =
    { $count ->
        [one] { $count } anonymer Zuschauer
       *[other] { $count } anonyme Zuschauer
    }
role-moderator = Moderator
role-muted = Stummgeschaltet
rank-owner = Eigentümer
rank-admin = Admin

## Moderation

moderate = Moderieren
moderate-nick = { $nick } moderieren
mod-menu-label = Moderation: { $nick }
mod-retract = Nachricht entfernen
mod-mute = Stummschalten
mod-voice = Schreiben erlauben
mod-kick = Hinauswerfen
mod-ban = Sperren
mod-ban-confirm = Sperre bestätigen
close = Schließen
kick-done = { $nick } wurde aus dem Raum entfernt.
kick-failed = { $nick } konnte nicht entfernt werden: { $error }.
ban-done = { $nick } wurde gesperrt.
ban-failed = { $nick } konnte nicht gesperrt werden: { $error }.
mute-done = { $nick } wurde stummgeschaltet.
mute-failed = { $nick } konnte nicht stummgeschaltet werden: { $error }.
voice-done = { $nick } kann wieder schreiben.
voice-failed = Schreiben für { $nick } konnte nicht erlaubt werden: { $error }.
retract-done = Die Nachricht wurde entfernt.
retract-failed = Die Nachricht konnte nicht entfernt werden: { $error }.
subject-done = Das Thema wurde geändert.
subject-failed = Das Thema konnte nicht geändert werden: { $error }.

## Den Raum unfreiwillig verlassen: { $what } ist einer der removal-*-Texte

removal-kicked = Du wurdest aus dem Raum entfernt
removal-banned = Du wurdest aus dem Raum gesperrt
removal-members-only = Der Raum ist jetzt nur für Mitglieder
removal-shutdown = Der Chat-Dienst wird heruntergefahren
removal-other = Du bist nicht mehr im Raum
removal-by = { $what } (von { $actor })

## Probleme mit der Verbindung

connect-failed = Keine Verbindung zum Chat-Server unter { $url }.
connect-failed-why = Keine Verbindung zum Chat-Server unter { $url }: { $error }
error-stream = Der Chat-Server hat die Verbindung beendet ({ $condition })
error-auth = Anmeldung fehlgeschlagen ({ $condition })
error-no-login-method = Der Server bietet keine nutzbare Anmeldemethode an (angeboten: { $offered })
error-bind = Der Server hat die Sitzung abgelehnt ({ $condition })
error-join = Betreten des Raums nicht möglich ({ $condition })
error-join-unanswered = Der Raum hat nicht geantwortet: Lade die Seite neu, um es noch einmal zu versuchen
error-config = Ungültige Konfiguration: { $reason }
error-timeout = Der Server antwortet nicht mehr
error-connection-lost = Die Verbindung wurde unterbrochen
error-malformed = Der Server hat etwas Unlesbares gesendet ({ $reason })
login-fallback = Die Anmeldung mit deinem Konto ist fehlgeschlagen ({ $why }): Du chattest als anonymer Zuschauer.
login-failed = Die Anmeldung mit deinem Konto ist fehlgeschlagen: { $why }.
login-needs-account = Dieser Chat braucht ein Konto, und keines wurde angegeben.
login-http-status = der Server antwortete { $status }
login-unreachable = der Server war nicht erreichbar
login-bad-answer = die Antwort des Servers ist kein Konto
login-bad-request = die Seite konnte die Anfrage nicht senden
login-bad-header = der Authorization-Header ist ungültig
login-bad-token = das Anmelde-Token ist ungültig
login-bad-url = die Adresse ist ungültig
remote-closed = Der Chat dieses Videos liegt auf einer anderen Instanz, die niemanden von hier hereinlässt.
remote-needs-account = Der Chat dieses Videos liegt auf einer anderen Instanz, die nur angemeldete Personen hereinlässt: Melde dich an, um teilzunehmen.
remote-anonymous-with-nick = Der Chat dieses Videos liegt auf einer anderen Instanz, die keine Konten von hier annimmt: Du chattest dort anonym, unter deinem Namen.

## Ein Satz und seine Einzelheiten: der Text des Servers ($reason) oder das Satzende

with-reason = { $what }: { $reason }
sentence = { $what }.

## Die Parameter des Chats, wenn die Seite unbrauchbare angegeben hat ($name: der Parameter, wie
## die Seite ihn nennt)

params-error-title = Der Chat kann nicht starten
param-room-missing = Der Parameter `{ $name }` fehlt: die Adresse des Chatraums, etwa `video-id@room.example.org`.
param-room-invalid = Der Parameter `{ $name }` ist keine Raumadresse wie `video-id@room.example.org`.
param-ws-missing = Der Parameter `{ $name }` fehlt: die WebSocket-Adresse des Chat-Servers, etwa `wss://example.org/xmpp-websocket`.
param-ws-invalid = Der Parameter `{ $name }` muss eine WebSocket-Adresse sein, die mit `wss://`, `ws://` oder `/` beginnt.
param-url-invalid = Der Parameter `{ $name }` muss eine Adresse sein, die mit `https://`, `http://` oder `/` beginnt.
param-anon-missing = Der Parameter `{ $name }` fehlt: die Domain für anonyme Zuschauer, etwa `anon.example.org` (oder `{ $auth }` angeben, um sich mit einem Konto anzumelden).
param-anon-invalid = Der Parameter `{ $name }` muss eine Domain wie `anon.example.org` sein.
param-number = Der Parameter `{ $name }` muss eine Zahl von 0 bis { $max } sein.
param-readonly = Der Parameter `{ $name }` muss `true`, `false` oder `noscroll` sein.
param-flag = Der Parameter `{ $name }` muss `true` oder `false` sein.
param-external-logins = Der Parameter `{ $name }` muss eine Liste von Anmeldeknöpfen sein, jeder mit einem `buttonLabel` und einer `url`, die mit `https://`, `http://` oder `/` beginnt.
param-theme = Der Parameter `{ $name }` muss einer von { $themes } sein.
params-not-object = Die Optionen des Chats müssen ein Objekt mit seinen Parametern sein (etwa `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = Der Chat ist nicht verfügbar: { $message }.
plugin-unavailable-code = Der Chat ist nicht verfügbar: { $message } ({ $code }).
plugin-refused = der Server hat abgelehnt
token-bad-jid = Das Anmelde-Token in der Adresse (nach `#`) hat keine gültige Kontoadresse (`j`).
token-no-password = Das Anmelde-Token in der Adresse (nach `#`) hat kein Passwort (`p`).

## Barrierefreiheit: Namen von Bereichen, und was Screenreader hören

chat-label = Live-Chat
messages-label = Nachrichten
announce-message = { $nick }: { $body }

## Umfragen: das Banner über den Nachrichten

poll-label = Umfrage
poll-running = Umfrage:
poll-ended = Umfrage beendet:
poll-count =
    { $votes ->
        [one] { $votes } Stimme ({ $percent } %)
       *[other] { $votes } Stimmen ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } Stimme insgesamt
       *[other] { $votes } Stimmen insgesamt
    }
poll-time-left = Noch { $time }
poll-your-vote = Deine Stimme
poll-hint = Stimme per Knopf ab, oder sende !1, !2…
poll-hint-overlay = Sende !1, !2… im Chat, um abzustimmen
poll-dismiss = Ergebnis schließen
vote-poll-over = Die Umfrage ist vorbei: Deine Stimme wurde nicht gezählt.
vote-invalid-choice = Diese Antwort gibt es in der Umfrage nicht.
vote-no-voice = Du kannst in diesem Raum gerade nicht abstimmen.
vote-not-in-room = Nicht im Raum: Deine Stimme wurde nicht gesendet.
vote-refused = Deine Stimme wurde nicht gezählt.

## Die Regeln des Chats, über den Nachrichten

terms-global-label = Regeln des Chats
terms-room-label = Regeln dieses Kanals
terms-hide = Ausblenden

## Werkzeuge für Eigentümer und Admins: eine Umfrage, eine Ankündigung

poll-create = Neue Umfrage
poll-form-title = Neue Umfrage
poll-form-loading = Umfrageformular wird geladen…
poll-form-failed = Der Raum hat sein Umfrageformular nicht geliefert: { $reason }
poll-form-question = Frage
poll-form-duration = Dauer (Minuten)
poll-form-anonymous = Anonyme Stimmen (niemand sieht, wer was gewählt hat)
poll-form-choice = Antwort { $number }
poll-form-replaces = Diese Umfrage beendet die laufende.
poll-form-submit = Umfrage starten
poll-form-bad-duration = Die Dauer muss eine ganze Zahl von Minuten sein, mindestens 1.
poll-form-two-choices = Gib mindestens zwei Antworten an.
poll-create-failed = Die Umfrage wurde nicht gestartet: { $reason }
announce-open = Ankündigen
announce-title = Ankündigung senden
announce-style = Stil
announce-style-announcement = Ankündigung
announce-style-highlight = Hervorhebung
announce-style-warning = Warnung
announce-body = Nachricht
announce-send = Senden
refusal-announcement-not-allowed = Nur die Eigentümer und Administratoren des Raums können Ankündigungen senden.
owner-cancel = Abbrechen

## Die Emoji-Auswahl neben dem Eingabefeld

emoji-picker = Emojis
emoji-search = Emojis suchen
emoji-loading = Emojis werden geladen…
emoji-load-failed = Die Emojis konnten nicht geladen werden.
not-loaded = Dieser Teil des Chats konnte nicht geladen werden.
not-loaded-retry = Erneut versuchen
emoji-none-found = Kein Emoji gefunden.
emoji-group-custom = Dieser Kanal
emoji-group-smileys = Smileys und Gefühle
emoji-group-people = Menschen und Körper
emoji-group-nature = Tiere und Natur
emoji-group-food = Essen und Trinken
emoji-group-travel = Reisen und Orte
emoji-group-activity = Aktivitäten
emoji-group-objects = Gegenstände
emoji-group-symbols = Symbole
emoji-group-flags = Flaggen

## Nachrichten: lange eingeklappt, Erwähnungen, die Moderationsverzögerung, eigene zitieren und löschen

show-more = Mehr anzeigen
show-less = Weniger anzeigen
mentions-you = (erwähnt dich)
new-mention = Du wurdest erwähnt ↓
held-for = Für Zuschauer sichtbar in { $seconds } s
poll-choice-result = { $label }: { $votes }
message-actions = Aktionen für die Nachricht von { $nick }
quote = Zitieren
delete = Für alle löschen
delete-confirm = Bestätigen: löschen
editing = Deine letzte Nachricht korrigieren
editing-cancel = Abbrechen
completions-label = Namen
completions-count =
    { $count ->
        [one] { $count } Name: ↑ ↓ zum Auswählen, Tab zum Vervollständigen
       *[other] { $count } Namen: ↑ ↓ zum Auswählen, Tab zum Vervollständigen
    }
emoji-only = In diesem Chat können gerade nur Emojis gesendet werden.
emoji-only-moderator = Nur-Emoji-Modus: Die anderen können nur Emojis senden.
refusal-emoji-only = In diesem Chat werden gerade nur Emojis angenommen.
announce-mention = { $nick } hat dich erwähnt: { $body }
announce-styled = { $title } von { $nick }: { $body }
announce-poll = { $title } { $body }
