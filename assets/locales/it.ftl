# I testi della chat dal vivo in italiano. Le stesse chiavi di en.ftl (il riferimento); le
# variabili sono descritte lì.

## La pagina della sola chat: il suo titolo e la sua intestazione

page-title = Chat dal vivo

## La connessione, nell’intestazione

status-connecting = Connessione…
status-joining = Ingresso nella stanza…
status-joined = Nella stanza come { $nick }
status-joined-nameless = Nella stanza
status-reconnecting = Connessione persa, nuovo tentativo ({ $attempt })…
status-not-in-room = Fuori dalla stanza
status-disconnected = Disconnesso

## La barra degli strumenti

change-nick = Cambia nome
presence-toggle = Entrate e uscite
presence-toggle-title = Mostra quando le persone entrano ed escono (rientra nella stanza)
participants-toggle = Partecipanti

## Scrivere

choose-nick = Scegli un nome per chattare
muted-anonymous = In questa chat possono scrivere solo gli utenti registrati.
muted-by-moderator = Per ora non puoi scrivere qui: un moderatore ti ha silenziato.
message-label = Messaggio
message-placeholder = Scrivi un messaggio…
slow-mode-placeholder = Modalità lenta: attendi { $seconds } s
slow-mode-countdown = Modalità lenta: potrai scrivere di nuovo tra { $seconds } s.
send = Invia

## La scelta del nome

nick-prompt-label = Scegli un nome per chattare
nick-submit = Chatta
nick-cancel = Annulla
nick-empty = Inserisci un nome.
nick-too-long = Usa al massimo { $max } caratteri.
nick-invisible = Questo nome contiene caratteri invisibili.
nick-reserved = Questo nome è riservato agli spettatori anonimi: scegline un altro.
nick-taken = Il nome «{ $nick }» è già in uso: scegline un altro.

## Accessi esterni (il testo dei pulsanti viene dalle impostazioni del server)

external-login-label = Oppure accedi con un account:
external-login-blocked = Impossibile aprire la finestra di accesso: consenti i pop-up per questo sito.
external-login-failed = L’accesso non è riuscito.
external-login-failed-why = L’accesso non è riuscito: { $message }
external-login-no-storage = L’accesso è riuscito, ma questo browser non permette alla chat di conservarlo.
logout = Esci

## I messaggi

message-time = { $hours }:{ $minutes }
edited = modificato
edited-title = Questo messaggio è stato corretto
removed = Messaggio rimosso
removed-reason = Messaggio rimosso: { $reason }
removed-by-moderator = Messaggio rimosso da un moderatore
removed-by-moderator-reason = Messaggio rimosso da un moderatore: { $reason }
new-messages = Nuovi messaggi ↓
notice-joined = { $nick } è entrato
notice-left = { $nick } è uscito
notice-renamed = { $from } ora si chiama { $to }

## I propri messaggi non ancora consegnati

outbox-label = I tuoi messaggi non ancora consegnati
outbox-sending = Invio…
outbox-not-sent = Non inviato: { $reason }
outbox-retry = Riprova
outbox-discard = Scarta
refusal-forbidden = Al momento non puoi scrivere qui.
refusal-slow-mode = Modalità lenta: attendi un po’ prima di inviare di nuovo.
refusal-not-accepted = La stanza non l’ha accettato.
refusal-other = La stanza l’ha rifiutato ({ $condition }).
refusal-no-answer = Non inviato: la stanza non ha risposto.

## L’elenco dei partecipanti

participants-title = Partecipanti
participants-close = Chiudi l’elenco dei partecipanti
anonymous-count =
    { $count ->
        [one] { $count } spettatore anonimo
       *[other] { $count } spettatori anonimi
    }
role-moderator = Moderatore
role-muted = Silenziato
rank-owner = Proprietario
rank-admin = Amministratore

## La moderazione

moderate = Modera
moderate-nick = Modera { $nick }
mod-menu-label = Moderazione: { $nick }
mod-retract = Rimuovi messaggio
mod-mute = Silenzia
mod-voice = Ridai la parola
mod-kick = Espelli
mod-ban = Banna
mod-ban-confirm = Conferma il ban
close = Chiudi
kick-done = { $nick } è stato espulso dalla stanza.
kick-failed = Impossibile espellere { $nick }: { $error }.
ban-done = { $nick } è stato bannato.
ban-failed = Impossibile bannare { $nick }: { $error }.
mute-done = { $nick } è stato silenziato.
mute-failed = Impossibile silenziare { $nick }: { $error }.
voice-done = { $nick } può scrivere di nuovo.
voice-failed = Impossibile ridare la parola a { $nick }: { $error }.
retract-done = Il messaggio è stato rimosso.
retract-failed = Impossibile rimuovere il messaggio: { $error }.
subject-done = L’argomento è stato cambiato.
subject-failed = Impossibile cambiare l’argomento: { $error }.

## Lasciare la stanza contro la propria volontà: { $what } è uno dei testi removal-*

removal-kicked = Sei stato espulso dalla stanza
removal-banned = Sei stato bannato dalla stanza
removal-members-only = La stanza ora è riservata ai membri
removal-shutdown = Il servizio di chat si sta spegnendo
removal-other = Non sei più nella stanza
removal-by = { $what } (da { $actor })

## Problemi di connessione

connect-failed = Impossibile connettersi al server della chat su { $url }.
connect-failed-why = Impossibile connettersi al server della chat su { $url }: { $error }
error-stream = Il server della chat ha chiuso la connessione ({ $condition })
error-auth = Accesso non riuscito ({ $condition })
error-no-login-method = Il server non offre alcun metodo di accesso utilizzabile (offerti: { $offered })
error-bind = Il server ha rifiutato la sessione ({ $condition })
error-join = Impossibile entrare nella stanza ({ $condition })
error-join-unanswered = La stanza non ha risposto: ricarica la pagina per riprovare
error-config = Configurazione non valida: { $reason }
error-timeout = Il server non risponde più
error-connection-lost = La connessione si è interrotta
error-malformed = Il server ha inviato qualcosa di illeggibile ({ $reason })
login-fallback = Non è stato possibile accedere con il tuo account ({ $why }): stai chattando come spettatore anonimo.
login-failed = Non è stato possibile accedere con il tuo account: { $why }.
login-needs-account = Questa chat richiede un account, e non ne è stato fornito nessuno.
login-http-status = il server ha risposto { $status }
login-unreachable = il server non è raggiungibile
login-bad-answer = la risposta del server non è un account
login-bad-request = la pagina non è riuscita a inviare la richiesta
login-bad-header = l’intestazione Authorization non è valida
login-bad-token = il token di accesso non è valido
login-bad-url = l’indirizzo non è valido
remote-closed = La chat di questo video si trova su un’altra istanza, che non fa entrare nessuno da qui.
remote-needs-account = La chat di questo video si trova su un’altra istanza, che fa entrare solo gli utenti che hanno effettuato l’accesso: accedi per partecipare.
remote-anonymous-with-nick = La chat di questo video si trova su un’altra istanza, che non accetta account da qui: lì chatti come spettatore anonimo, con il tuo nome.

## Una frase e i suoi dettagli: il testo del server ($reason) o la fine della frase

with-reason = { $what }: { $reason }
sentence = { $what }.

## I parametri della chat, quando la pagina ne ha dati di inutilizzabili

params-error-title = La chat non può partire
param-room-missing = Manca il parametro `{ $name }`: l’indirizzo della stanza della chat, come `video-id@room.example.org`.
param-room-invalid = Il parametro `{ $name }` non è un indirizzo di stanza come `video-id@room.example.org`.
param-ws-missing = Manca il parametro `{ $name }`: l’indirizzo WebSocket del server della chat, come `wss://example.org/xmpp-websocket`.
param-ws-invalid = Il parametro `{ $name }` deve essere un indirizzo WebSocket che inizia con `wss://`, `ws://` o `/`.
param-url-invalid = Il parametro `{ $name }` deve essere un indirizzo che inizia con `https://`, `http://` o `/`.
param-anon-missing = Manca il parametro `{ $name }`: il dominio per gli spettatori anonimi, come `anon.example.org` (oppure indica `{ $auth }` per accedere con un account).
param-anon-invalid = Il parametro `{ $name }` deve essere un dominio come `anon.example.org`.
param-number = Il parametro `{ $name }` deve essere un numero da 0 a { $max }.
param-readonly = Il parametro `{ $name }` deve essere `true`, `false` o `noscroll`.
param-flag = Il parametro `{ $name }` deve essere `true` o `false`.
param-external-logins = Il parametro `{ $name }` deve essere un elenco di pulsanti di accesso, ciascuno con un `buttonLabel` e un `url` che inizia con `https://`, `http://` o `/`.
param-theme = Il parametro `{ $name }` deve essere uno tra { $themes }.
params-not-object = Le opzioni della chat devono essere un oggetto con i suoi parametri (come `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = La chat non è disponibile: { $message }.
plugin-unavailable-code = La chat non è disponibile: { $message } ({ $code }).
plugin-refused = il server ha rifiutato
token-bad-jid = Il token di accesso nell’indirizzo (dopo `#`) non ha un indirizzo di account valido (`j`).
token-no-password = Il token di accesso nell’indirizzo (dopo `#`) non ha una password (`p`).

## Accessibilità: nomi delle regioni, e ciò che sentono i lettori di schermo

chat-label = Chat dal vivo
messages-label = Messaggi
announce-message = { $nick }: { $body }

## Sondaggi: il banner sopra i messaggi

poll-label = Sondaggio
poll-running = Sondaggio:
poll-ended = Sondaggio concluso:
poll-count =
    { $votes ->
        [one] { $votes } voto ({ $percent } %)
       *[other] { $votes } voti ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } voto in totale
       *[other] { $votes } voti in totale
    }
poll-time-left = Mancano { $time }
poll-your-vote = Il tuo voto
poll-hint = Vota con un pulsante, oppure invia !1, !2…
poll-hint-overlay = Invia !1, !2… nella chat per votare
poll-dismiss = Chiudi il risultato
vote-poll-over = Il sondaggio è concluso: il tuo voto non è stato contato.
vote-invalid-choice = Il sondaggio non ha questa opzione.
vote-no-voice = Al momento non puoi votare in questa stanza.
vote-not-in-room = Fuori dalla stanza: il tuo voto non è stato inviato.
vote-refused = Il tuo voto non è stato contato.

## Le regole della chat, sopra i messaggi

terms-global-label = Regole della chat
terms-room-label = Regole di questo canale
terms-hide = Nascondi

## Strumenti di proprietari e amministratori: un sondaggio, un annuncio

poll-create = Nuovo sondaggio
poll-form-title = Nuovo sondaggio
poll-form-loading = Caricamento del modulo del sondaggio…
poll-form-failed = La stanza non ha fornito il suo modulo di sondaggio: { $reason }
poll-form-question = Domanda
poll-form-duration = Durata (minuti)
poll-form-anonymous = Voti anonimi (nessuno vede chi ha votato cosa)
poll-form-choice = Opzione { $number }
poll-form-replaces = Avviare questo sondaggio chiude quello in corso.
poll-form-submit = Avvia il sondaggio
poll-form-bad-duration = La durata deve essere un numero intero di minuti, almeno 1.
poll-form-two-choices = Indica almeno due opzioni.
poll-create-failed = Il sondaggio non è stato avviato: { $reason }
announce-open = Annuncia
announce-title = Invia un annuncio
announce-style = Stile
announce-style-announcement = Annuncio
announce-style-highlight = In evidenza
announce-style-warning = Avviso
announce-body = Messaggio
announce-send = Invia
refusal-announcement-not-allowed = Solo i proprietari e gli amministratori della stanza possono inviare annunci.
owner-cancel = Annulla

## Il selettore di emoji accanto al campo del messaggio

emoji-picker = Emoji
emoji-search = Cerca emoji
emoji-loading = Caricamento delle emoji…
emoji-load-failed = Impossibile caricare le emoji.
not-loaded = Impossibile caricare questa parte della chat.
not-loaded-retry = Riprova
emoji-none-found = Nessuna emoji trovata.
emoji-group-custom = Questo canale
emoji-group-smileys = Faccine ed emozioni
emoji-group-people = Persone e corpo
emoji-group-nature = Animali e natura
emoji-group-food = Cibo e bevande
emoji-group-travel = Viaggi e luoghi
emoji-group-activity = Attività
emoji-group-objects = Oggetti
emoji-group-symbols = Simboli
emoji-group-flags = Bandiere

## Messaggi: quelli lunghi ripiegati, le menzioni, il ritardo di moderazione, citare ed eliminare i propri

show-more = Mostra di più
show-less = Mostra di meno
mentions-you = (ti menziona)
new-mention = Sei stato menzionato ↓
held-for = Visibile agli spettatori tra { $seconds } s
poll-choice-result = { $label }: { $votes }
message-actions = Azioni sul messaggio di { $nick }
quote = Cita
delete = Elimina per tutti
delete-confirm = Conferma: elimina
editing = Correzione del tuo ultimo messaggio
editing-cancel = Annulla
completions-label = Nomi
completions-count =
    { $count ->
        [one] { $count } nome: ↑ ↓ per scegliere, Tab per completare
       *[other] { $count } nomi: ↑ ↓ per scegliere, Tab per completare
    }
emoji-only = Al momento in questa chat si possono inviare solo emoji.
emoji-only-moderator = Modalità solo emoji: gli altri possono inviare solo emoji.
refusal-emoji-only = Al momento questa chat accetta solo emoji.
announce-mention = { $nick } ti ha menzionato: { $body }
announce-styled = { $title } da { $nick }: { $body }
announce-poll = { $title } { $body }
