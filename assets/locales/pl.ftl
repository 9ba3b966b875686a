# Teksty czatu na żywo po polsku. Te same klucze co en.ftl (wzorzec); zmienne są tam opisane.

## Strona z samym czatem: jej tytuł i nagłówek

page-title = Czat na żywo

## Połączenie, w nagłówku

status-connecting = Łączenie…
status-joining = Wchodzenie do pokoju…
status-joined = W pokoju jako { $nick }
status-joined-nameless = W pokoju
status-reconnecting = Utracono połączenie, ponowne łączenie (próba { $attempt })…
status-not-in-room = Poza pokojem
status-disconnected = Rozłączono

## Pasek narzędzi

change-nick = Zmień pseudonim
presence-toggle = Wejścia i wyjścia
presence-toggle-title = Pokazuj, kto wchodzi i wychodzi (ponownie wchodzi do pokoju)
participants-toggle = Uczestnicy

## Pisanie

choose-nick = Wybierz pseudonim, aby pisać
muted-anonymous = W tym czacie mogą pisać tylko zarejestrowani użytkownicy.
muted-by-moderator = Nie możesz teraz tu pisać: moderator cię wyciszył.
message-label = Wiadomość
message-placeholder = Napisz wiadomość…
slow-mode-placeholder = Tryb powolny: poczekaj { $seconds } s
slow-mode-countdown = Tryb powolny: możesz znów pisać za { $seconds } s.
send = Wyślij

## Wybór pseudonimu

nick-prompt-label = Wybierz pseudonim, aby pisać
nick-submit = Dołącz
nick-cancel = Anuluj
nick-empty = Wpisz pseudonim.
nick-too-long = Użyj najwyżej { $max } znaków.
nick-invisible = Ten pseudonim zawiera niewidoczne znaki.
nick-reserved = Ten pseudonim jest zarezerwowany dla anonimowych widzów: wybierz inny.
nick-taken = Pseudonim „{ $nick }” jest już zajęty: wybierz inny.

## Logowanie zewnętrzne (napisy na przyciskach pochodzą z ustawień serwera)

external-login-label = Lub zaloguj się kontem:
external-login-blocked = Nie udało się otworzyć okna logowania: zezwól na wyskakujące okna dla tej strony.
external-login-failed = Logowanie się nie powiodło.
external-login-failed-why = Logowanie się nie powiodło: { $message }
external-login-no-storage = Logowanie się powiodło, ale ta przeglądarka nie pozwala czatowi go zapamiętać.
logout = Wyloguj się

## Wiadomości

message-time = { $hours }:{ $minutes }
edited = edytowano
edited-title = Ta wiadomość została poprawiona
removed = Wiadomość usunięta
removed-reason = Wiadomość usunięta: { $reason }
removed-by-moderator = Wiadomość usunięta przez moderatora
removed-by-moderator-reason = Wiadomość usunięta przez moderatora: { $reason }
new-messages = Nowe wiadomości ↓
notice-joined = { $nick } dołącza
notice-left = { $nick } wychodzi
notice-renamed = { $from } to teraz { $to }

## Własne wiadomości, jeszcze niedostarczone

outbox-label = Twoje jeszcze niedostarczone wiadomości
outbox-sending = Wysyłanie…
outbox-not-sent = Nie wysłano: { $reason }
outbox-retry = Ponów
outbox-discard = Odrzuć
refusal-forbidden = Nie możesz teraz tu pisać.
refusal-slow-mode = Tryb powolny: poczekaj chwilę przed kolejną wiadomością.
refusal-not-accepted = Pokój jej nie przyjął.
refusal-other = Pokój ją odrzucił ({ $condition }).
refusal-no-answer = Nie wysłano: pokój nie odpowiedział.

## Lista uczestników

participants-title = Uczestnicy
participants-close = Zamknij listę uczestników
anonymous-count =
    { $count ->
        [one] { $count } anonimowy widz
        [few] { $count } anonimowych widzów
        [many] { $count } anonimowych widzów
       *[other] { $count } anonimowego widza
    }
role-moderator = Moderator
role-muted = Wyciszony
rank-owner = Właściciel
rank-admin = Administrator

## Moderacja

moderate = Moderuj
moderate-nick = Moderuj: { $nick }
mod-menu-label = Moderacja: { $nick }
mod-retract = Usuń wiadomość
mod-mute = Wycisz
mod-voice = Przywróć głos
mod-kick = Wyrzuć
mod-ban = Zbanuj
mod-ban-confirm = Potwierdź bana
close = Zamknij
kick-done = Wyrzucono z pokoju: { $nick }.
kick-failed = Nie udało się wyrzucić: { $nick } ({ $error }).
ban-done = Zbanowano: { $nick }.
ban-failed = Nie udało się zbanować: { $nick } ({ $error }).
mute-done = Wyciszono: { $nick }.
mute-failed = Nie udało się wyciszyć: { $nick } ({ $error }).
voice-done = { $nick } znów może pisać.
voice-failed = Nie udało się przywrócić głosu: { $nick } ({ $error }).
retract-done = Wiadomość została usunięta.
retract-failed = Nie udało się usunąć wiadomości: { $error }.
subject-done = Temat został zmieniony.
subject-failed = Nie udało się zmienić tematu: { $error }.

## Opuszczenie pokoju wbrew woli: { $what } to jeden z tekstów removal-*

removal-kicked = Wyrzucono cię z pokoju
removal-banned = Zbanowano cię w tym pokoju
removal-members-only = Pokój jest teraz tylko dla członków
removal-shutdown = Usługa czatu jest wyłączana
removal-other = Nie jesteś już w pokoju
removal-by = { $what } (przez: { $actor })

## Problemy z połączeniem

connect-failed = Nie można połączyć się z serwerem czatu pod adresem { $url }.
connect-failed-why = Nie można połączyć się z serwerem czatu pod adresem { $url }: { $error }
error-stream = Serwer czatu zakończył połączenie ({ $condition })
error-auth = Logowanie nie powiodło się ({ $condition })
error-no-login-method = Serwer nie oferuje żadnej użytecznej metody logowania (oferowane: { $offered })
error-bind = Serwer odrzucił sesję ({ $condition })
error-join = Nie można wejść do pokoju ({ $condition })
error-join-unanswered = Pokój nie odpowiedział: odśwież stronę, aby spróbować ponownie
error-config = Nieprawidłowa konfiguracja: { $reason }
error-timeout = Serwer przestał odpowiadać
error-connection-lost = Połączenie zostało przerwane
error-malformed = Serwer przysłał coś nieczytelnego ({ $reason })
login-fallback = Nie udało się zalogować twoim kontem ({ $why }): piszesz jako anonimowy widz.
login-failed = Nie udało się zalogować twoim kontem: { $why }.
login-needs-account = Ten czat wymaga konta, a żadnego nie podano.
login-http-status = serwer odpowiedział { $status }
login-unreachable = serwer był nieosiągalny
login-bad-answer = odpowiedź serwera nie jest kontem
login-bad-request = strona nie mogła wysłać żądania
login-bad-header = nagłówek Authorization jest nieprawidłowy
login-bad-token = token logowania jest nieprawidłowy
login-bad-url = adres jest nieprawidłowy
remote-closed = Czat tego filmu jest na innej instancji, która nikogo stąd nie wpuszcza.
remote-needs-account = Czat tego filmu jest na innej instancji, która wpuszcza tylko zalogowanych użytkowników: zaloguj się, aby dołączyć.
remote-anonymous-with-nick = Czat tego filmu jest na innej instancji, która nie przyjmuje kont stąd: piszesz tam jako anonimowy widz, pod swoim pseudonimem.

## Zdanie i jego szczegóły: tekst serwera ($reason) lub koniec zdania

with-reason = { $what }: { $reason }
sentence = { $what }.

## Parametry czatu, gdy strona podała nieprzydatne

params-error-title = Czat nie może się uruchomić
param-room-missing = Brak parametru `{ $name }`: adresu pokoju czatu, np. `video-id@room.example.org`.
param-room-invalid = Parametr `{ $name }` nie jest adresem pokoju w rodzaju `video-id@room.example.org`.
param-ws-missing = Brak parametru `{ $name }`: adresu WebSocket serwera czatu, np. `wss://example.org/xmpp-websocket`.
param-ws-invalid = Parametr `{ $name }` musi być adresem WebSocket zaczynającym się od `wss://`, `ws://` lub `/`.
param-url-invalid = Parametr `{ $name }` musi być adresem zaczynającym się od `https://`, `http://` lub `/`.
param-anon-missing = Brak parametru `{ $name }`: domeny dla anonimowych widzów, np. `anon.example.org` (albo podaj `{ $auth }`, aby logować się kontem).
param-anon-invalid = Parametr `{ $name }` musi być domeną w rodzaju `anon.example.org`.
param-number = Parametr `{ $name }` musi być liczbą od 0 do { $max }.
param-readonly = Parametr `{ $name }` musi mieć wartość `true`, `false` lub `noscroll`.
param-flag = Parametr `{ $name }` musi mieć wartość `true` lub `false`.
param-external-logins = Parametr `{ $name }` musi być listą przycisków logowania, każdy z `buttonLabel` i `url` zaczynającym się od `https://`, `http://` lub `/`.
param-theme = Parametr `{ $name }` musi mieć jedną z wartości: { $themes }.
params-not-object = Opcje czatu muszą być obiektem z jego parametrami (np. `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = Czat jest niedostępny: { $message }.
plugin-unavailable-code = Czat jest niedostępny: { $message } ({ $code }).
plugin-refused = serwer odmówił
token-bad-jid = Token logowania w adresie (po `#`) nie ma prawidłowego adresu konta (`j`).
token-no-password = Token logowania w adresie (po `#`) nie ma hasła (`p`).

## Dostępność: nazwy obszarów i to, co słyszą czytniki ekranu

chat-label = Czat na żywo
messages-label = Wiadomości
announce-message = { $nick }: { $body }

## Ankiety: baner nad wiadomościami

poll-label = Ankieta
poll-running = Ankieta:
poll-ended = Ankieta zakończona:
poll-count =
    { $votes ->
        [one] { $votes } głos ({ $percent } %)
        [few] { $votes } głosy ({ $percent } %)
        [many] { $votes } głosów ({ $percent } %)
       *[other] { $votes } głosu ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } głos łącznie
        [few] { $votes } głosy łącznie
        [many] { $votes } głosów łącznie
       *[other] { $votes } głosu łącznie
    }
poll-time-left = Pozostało { $time }
poll-your-vote = Twój głos
poll-hint = Głosuj przyciskiem albo wyślij !1, !2…
poll-hint-overlay = Wyślij !1, !2… na czacie, aby zagłosować
poll-dismiss = Zamknij wynik
vote-poll-over = Ankieta się zakończyła: twój głos nie został policzony.
vote-invalid-choice = W ankiecie nie ma takiej odpowiedzi.
vote-no-voice = Nie możesz teraz głosować w tym pokoju.
vote-not-in-room = Poza pokojem: twój głos nie został wysłany.
vote-refused = Twój głos nie został policzony.

## Zasady czatu, nad wiadomościami

terms-global-label = Zasady czatu
terms-room-label = Zasady tego kanału
terms-hide = Ukryj

## Narzędzia właścicieli i administratorów: ankieta, ogłoszenie

poll-create = Nowa ankieta
poll-form-title = Nowa ankieta
poll-form-loading = Wczytywanie formularza ankiety…
poll-form-failed = Pokój nie udostępnił formularza ankiety: { $reason }
poll-form-question = Pytanie
poll-form-duration = Czas trwania (minuty)
poll-form-anonymous = Anonimowe głosy (nikt nie widzi, kto jak głosował)
poll-form-choice = Odpowiedź { $number }
poll-form-replaces = Rozpoczęcie tej ankiety zakończy trwającą.
poll-form-submit = Rozpocznij ankietę
poll-form-bad-duration = Czas trwania musi być całkowitą liczbą minut, co najmniej 1.
poll-form-two-choices = Podaj co najmniej dwie odpowiedzi.
poll-create-failed = Ankieta nie została rozpoczęta: { $reason }
announce-open = Ogłoś
announce-title = Wyślij ogłoszenie
announce-style = Styl
announce-style-announcement = Ogłoszenie
announce-style-highlight = Wyróżnienie
announce-style-warning = Ostrzeżenie
announce-body = Wiadomość
announce-send = Wyślij
refusal-announcement-not-allowed = Tylko właściciele i administratorzy pokoju mogą wysyłać ogłoszenia.
owner-cancel = Anuluj

## Wybór emoji obok pola wiadomości

emoji-picker = Emoji
emoji-search = Szukaj emoji
emoji-loading = Wczytywanie emoji…
emoji-load-failed = Nie udało się wczytać emoji.
not-loaded = Nie udało się wczytać tej części czatu.
not-loaded-retry = Spróbuj ponownie
emoji-none-found = Nie znaleziono emoji.
emoji-group-custom = Ten kanał
emoji-group-smileys = Buźki i emocje
emoji-group-people = Ludzie i ciało
emoji-group-nature = Zwierzęta i przyroda
emoji-group-food = Jedzenie i picie
emoji-group-travel = Podróże i miejsca
emoji-group-activity = Aktywności
emoji-group-objects = Przedmioty
emoji-group-symbols = Symbole
emoji-group-flags = Flagi

## Wiadomości: długie zwinięte, wzmianki, opóźnienie moderacji, cytowanie i usuwanie własnych

show-more = Pokaż więcej
show-less = Pokaż mniej
mentions-you = (wspomina o tobie)
new-mention = Ktoś o tobie wspomniał ↓
held-for = Widoczne dla widzów za { $seconds } s
poll-choice-result = { $label }: { $votes }
message-actions = Działania dla wiadomości ({ $nick })
quote = Cytuj
delete = Usuń dla wszystkich
delete-confirm = Potwierdź: usuń
editing = Poprawiasz swoją ostatnią wiadomość
editing-cancel = Anuluj
completions-label = Pseudonimy
completions-count =
    { $count ->
        [one] { $count } pseudonim: ↑ ↓, aby wybrać, Tab, aby uzupełnić
        [few] { $count } pseudonimy: ↑ ↓, aby wybrać, Tab, aby uzupełnić
        [many] { $count } pseudonimów: ↑ ↓, aby wybrać, Tab, aby uzupełnić
       *[other] { $count } pseudonimu: ↑ ↓, aby wybrać, Tab, aby uzupełnić
    }
emoji-only = W tym czacie można teraz wysyłać tylko emoji.
emoji-only-moderator = Tryb tylko emoji: pozostali mogą wysyłać tylko emoji.
refusal-emoji-only = Ten czat przyjmuje teraz tylko emoji.
announce-mention = { $nick } wspomina o tobie: { $body }
announce-styled = { $title } ({ $nick }): { $body }
announce-poll = { $title } { $body }
