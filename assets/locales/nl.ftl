# De teksten van de livechat in het Nederlands. Dezelfde sleutels als en.ftl (de referentie); de
# variabelen staan daar beschreven.

## De pagina met alleen de chat: de titel en de kop

page-title = Livechat

## De verbinding, in de kopregel

status-connecting = Verbinden…
status-joining = Ruimte binnengaan…
status-joined = In de ruimte als { $nick }
status-joined-nameless = In de ruimte
status-reconnecting = Verbinding verbroken, opnieuw verbinden (poging { $attempt })…
status-not-in-room = Niet in de ruimte
status-disconnected = Verbinding verbroken

## De werkbalk

change-nick = Naam wijzigen
presence-toggle = Komen en gaan
presence-toggle-title = Tonen wanneer mensen binnenkomen en vertrekken (gaat de ruimte opnieuw binnen)
participants-toggle = Deelnemers

## Schrijven

choose-nick = Kies een naam om te chatten
muted-anonymous = Alleen geregistreerde gebruikers kunnen in deze chat schrijven.
muted-by-moderator = Je kunt hier op dit moment niet schrijven: een moderator heeft je gedempt.
message-label = Bericht
message-placeholder = Schrijf een bericht…
slow-mode-placeholder = Langzame modus: wacht { $seconds } s
slow-mode-countdown = Langzame modus: je kunt over { $seconds } s weer schrijven.
send = Versturen

## De naamkeuze

nick-prompt-label = Kies een naam om te chatten
nick-submit = Chatten
nick-cancel = Annuleren
nick-empty = Vul een naam in.
nick-too-long = Gebruik maximaal { $max } tekens.
nick-invisible = Deze naam bevat onzichtbare tekens.
nick-reserved = Deze naam is gereserveerd voor anonieme kijkers: kies een andere.
nick-taken = De naam ‘{ $nick }’ is al in gebruik: kies een andere.

## Externe aanmelding (de tekst van de knoppen komt uit de instellingen van de server)

external-login-label = Of meld je aan met een account:
external-login-blocked = Het aanmeldvenster kon niet openen: sta pop-ups toe voor deze site.
external-login-failed = Het aanmelden is mislukt.
external-login-failed-why = Het aanmelden is mislukt: { $message }
external-login-no-storage = Het aanmelden is gelukt, maar deze browser laat de chat het niet bewaren.
logout = Afmelden

## Berichten

message-time = { $hours }:{ $minutes }
edited = bewerkt
edited-title = Dit bericht is verbeterd
removed = Bericht verwijderd
removed-reason = Bericht verwijderd: { $reason }
removed-by-moderator = Bericht verwijderd door een moderator
removed-by-moderator-reason = Bericht verwijderd door een moderator: { $reason }
new-messages = Nieuwe berichten ↓
notice-joined = { $nick } is binnengekomen
notice-left = { $nick } is vertrokken
notice-renamed = { $from } heet nu { $to }

## Eigen berichten, nog niet afgeleverd

outbox-label = Je berichten die nog niet zijn afgeleverd
outbox-sending = Versturen…
outbox-not-sent = Niet verstuurd: { $reason }
outbox-retry = Opnieuw
outbox-discard = Weggooien
refusal-forbidden = Je mag hier op dit moment niet schrijven.
refusal-slow-mode = Langzame modus: wacht even voordat je weer iets verstuurt.
refusal-not-accepted = De ruimte heeft het niet aangenomen.
refusal-other = De ruimte heeft het geweigerd ({ $condition }).
refusal-no-answer = Niet verzonden: de ruimte antwoordde niet.

## De deelnemerslijst

participants-title = Deelnemers
participants-close = Deelnemerslijst sluiten
anonymous-count =
    { $count ->
        [one] { $count } anonieme kijker
       *[other] { $count } anonieme kijkers
    }
role-moderator = Moderator
role-muted = Gedempt
rank-owner = Eigenaar
rank-admin = Beheerder

## Moderatie

moderate = Modereren
moderate-nick = { $nick } modereren
mod-menu-label = Moderatie: { $nick }
mod-retract = Bericht verwijderen
mod-mute = Dempen
mod-voice = Spreekrecht geven
mod-kick = Eruit zetten
mod-ban = Verbannen
mod-ban-confirm = Verbanning bevestigen
close = Sluiten
kick-done = { $nick } is uit de ruimte gezet.
kick-failed = Kon { $nick } niet eruit zetten: { $error }.
ban-done = { $nick } is verbannen.
ban-failed = Kon { $nick } niet verbannen: { $error }.
mute-done = { $nick } is gedempt.
mute-failed = Kon { $nick } niet dempen: { $error }.
voice-done = { $nick } kan weer schrijven.
voice-failed = Kon { $nick } geen spreekrecht geven: { $error }.
retract-done = Het bericht is verwijderd.
retract-failed = Kon het bericht niet verwijderen: { $error }.
subject-done = Het onderwerp is gewijzigd.
subject-failed = Kon het onderwerp niet wijzigen: { $error }.

## De ruimte tegen je zin verlaten: { $what } is een van de removal-*-teksten

removal-kicked = Je bent uit de ruimte gezet
removal-banned = Je bent uit de ruimte verbannen
removal-members-only = De ruimte is nu alleen voor leden
removal-shutdown = De chatdienst wordt afgesloten
removal-other = Je bent niet meer in de ruimte
removal-by = { $what } (door { $actor })

## Problemen met de verbinding

connect-failed = Kan geen verbinding maken met de chatserver op { $url }.
connect-failed-why = Kan geen verbinding maken met de chatserver op { $url }: { $error }
error-stream = De chatserver heeft de verbinding beëindigd ({ $condition })
error-auth = Aanmelden mislukt ({ $condition })
error-no-login-method = De server biedt geen bruikbare aanmeldmethode aan (aangeboden: { $offered })
error-bind = De server heeft de sessie geweigerd ({ $condition })
error-join = Kan de ruimte niet binnengaan ({ $condition })
error-join-unanswered = De ruimte heeft niet geantwoord: laad de pagina opnieuw om het nog eens te proberen
error-config = Ongeldige configuratie: { $reason }
error-timeout = De server antwoordt niet meer
error-connection-lost = De verbinding is verbroken
error-malformed = De server stuurde iets onleesbaars ({ $reason })
login-fallback = Je kon niet worden aangemeld met je account ({ $why }): je chat als anonieme kijker.
login-failed = Je kon niet worden aangemeld met je account: { $why }.
login-needs-account = Deze chat vereist een account, en er is er geen opgegeven.
login-http-status = de server antwoordde { $status }
login-unreachable = de server was niet bereikbaar
login-bad-answer = het antwoord van de server is geen account
login-bad-request = de pagina kon het verzoek niet versturen
login-bad-header = de Authorization-header is ongeldig
login-bad-token = het aanmeldtoken is ongeldig
login-bad-url = het adres is ongeldig
remote-closed = De chat van deze video staat op een andere instantie, die niemand van hier binnenlaat.
remote-needs-account = De chat van deze video staat op een andere instantie, die alleen aangemelde gebruikers binnenlaat: meld je aan om mee te doen.
remote-anonymous-with-nick = De chat van deze video staat op een andere instantie, die geen accounts van hier aanneemt: je chat daar als anonieme kijker, onder je eigen naam.

## Een zin en de details: de tekst van de server ($reason) of het einde van de zin

with-reason = { $what }: { $reason }
sentence = { $what }.

## De parameters van de chat, als de pagina onbruikbare heeft opgegeven

params-error-title = De chat kan niet starten
param-room-missing = De parameter `{ $name }` ontbreekt: het adres van de chatruimte, zoals `video-id@room.example.org`.
param-room-invalid = De parameter `{ $name }` is geen ruimteadres zoals `video-id@room.example.org`.
param-ws-missing = De parameter `{ $name }` ontbreekt: het WebSocket-adres van de chatserver, zoals `wss://example.org/xmpp-websocket`.
param-ws-invalid = De parameter `{ $name }` moet een WebSocket-adres zijn dat begint met `wss://`, `ws://` of `/`.
param-url-invalid = De parameter `{ $name }` moet een adres zijn dat begint met `https://`, `http://` of `/`.
param-anon-missing = De parameter `{ $name }` ontbreekt: het domein voor anonieme kijkers, zoals `anon.example.org` (of geef `{ $auth }` op om met een account aan te melden).
param-anon-invalid = De parameter `{ $name }` moet een domein zijn zoals `anon.example.org`.
param-number = De parameter `{ $name }` moet een getal van 0 tot { $max } zijn.
param-readonly = De parameter `{ $name }` moet `true`, `false` of `noscroll` zijn.
param-flag = De parameter `{ $name }` moet `true` of `false` zijn.
param-external-logins = De parameter `{ $name }` moet een lijst van aanmeldknoppen zijn, elk met een `buttonLabel` en een `url` die begint met `https://`, `http://` of `/`.
param-theme = De parameter `{ $name }` moet een van deze zijn: { $themes }.
params-not-object = De opties van de chat moeten een object met de parameters zijn (zoals `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = De chat is niet beschikbaar: { $message }.
plugin-unavailable-code = De chat is niet beschikbaar: { $message } ({ $code }).
plugin-refused = de server weigerde
token-bad-jid = Het aanmeldtoken in het adres (na `#`) heeft geen geldig accountadres (`j`).
token-no-password = Het aanmeldtoken in het adres (na `#`) heeft geen wachtwoord (`p`).

## Toegankelijkheid: namen van gebieden, en wat schermlezers horen

chat-label = Livechat
messages-label = Berichten
announce-message = { $nick }: { $body }

## Peilingen: de banner boven de berichten

poll-label = Peiling
poll-running = Peiling:
poll-ended = Peiling afgelopen:
poll-count =
    { $votes ->
        [one] { $votes } stem ({ $percent } %)
       *[other] { $votes } stemmen ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } stem in totaal
       *[other] { $votes } stemmen in totaal
    }
poll-time-left = Nog { $time }
poll-your-vote = Jouw stem
poll-hint = Stem met een knop, of stuur !1, !2…
poll-hint-overlay = Stuur !1, !2… in de chat om te stemmen
poll-dismiss = Uitslag sluiten
vote-poll-over = De peiling is afgelopen: je stem is niet meegeteld.
vote-invalid-choice = De peiling heeft deze keuze niet.
vote-no-voice = Je kunt op dit moment niet stemmen in deze ruimte.
vote-not-in-room = Niet in de ruimte: je stem is niet verstuurd.
vote-refused = Je stem is niet meegeteld.

## De regels van de chat, boven de berichten

terms-global-label = Regels van de chat
terms-room-label = Regels van dit kanaal
terms-hide = Verbergen

## Hulpmiddelen voor eigenaars en beheerders: een peiling, een aankondiging

poll-create = Nieuwe peiling
poll-form-title = Nieuwe peiling
poll-form-loading = Peilingformulier laden…
poll-form-failed = De ruimte gaf haar peilingformulier niet: { $reason }
poll-form-question = Vraag
poll-form-duration = Duur (minuten)
poll-form-anonymous = Anonieme stemmen (niemand ziet wie wat heeft gestemd)
poll-form-choice = Keuze { $number }
poll-form-replaces = Deze peiling starten beëindigt de lopende.
poll-form-submit = Peiling starten
poll-form-bad-duration = De duur moet een geheel aantal minuten zijn, minstens 1.
poll-form-two-choices = Geef minstens twee keuzes.
poll-create-failed = De peiling is niet gestart: { $reason }
announce-open = Aankondigen
announce-title = Een aankondiging versturen
announce-style = Stijl
announce-style-announcement = Aankondiging
announce-style-highlight = Uitgelicht
announce-style-warning = Waarschuwing
announce-body = Bericht
announce-send = Versturen
refusal-announcement-not-allowed = Alleen de eigenaars en beheerders van de ruimte kunnen aankondigingen versturen.
owner-cancel = Annuleren

## De emojikiezer naast het berichtveld

emoji-picker = Emoji’s
emoji-search = Emoji’s zoeken
emoji-loading = Emoji’s laden…
emoji-load-failed = De emoji’s konden niet worden geladen.
not-loaded = Dit deel van de chat kon niet worden geladen.
not-loaded-retry = Opnieuw proberen
emoji-none-found = Geen emoji gevonden.
emoji-group-custom = Dit kanaal
emoji-group-smileys = Smileys en emoties
emoji-group-people = Mensen en lichaam
emoji-group-nature = Dieren en natuur
emoji-group-food = Eten en drinken
emoji-group-travel = Reizen en plaatsen
emoji-group-activity = Activiteiten
emoji-group-objects = Voorwerpen
emoji-group-symbols = Symbolen
emoji-group-flags = Vlaggen

## Berichten: lange ingeklapt, vermeldingen, de moderatievertraging, eigen berichten citeren en verwijderen

show-more = Meer tonen
show-less = Minder tonen
mentions-you = (noemt jou)
new-mention = Je bent genoemd ↓
held-for = Zichtbaar voor kijkers over { $seconds } s
poll-choice-result = { $label }: { $votes }
message-actions = Acties voor het bericht van { $nick }
quote = Citeren
delete = Voor iedereen verwijderen
delete-confirm = Bevestigen: verwijderen
editing = Je laatste bericht verbeteren
editing-cancel = Annuleren
completions-label = Namen
completions-count =
    { $count ->
        [one] { $count } naam: ↑ ↓ om te kiezen, Tab om aan te vullen
       *[other] { $count } namen: ↑ ↓ om te kiezen, Tab om aan te vullen
    }
emoji-only = In deze chat kun je op dit moment alleen emoji’s versturen.
emoji-only-moderator = Alleen-emojimodus: de anderen kunnen alleen emoji’s versturen.
refusal-emoji-only = Deze chat accepteert op dit moment alleen emoji’s.
announce-mention = { $nick } noemde je: { $body }
announce-styled = { $title } van { $nick }: { $body }
announce-poll = { $title } { $body }
