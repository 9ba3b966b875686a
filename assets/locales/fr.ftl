# Les textes du chat en direct en français. Mêmes clés que en.ftl (la référence) ; voir les
# variables décrites là-bas.

## La page du chat seul : son titre et son titre de section

page-title = Chat en direct

## La connexion, dans l’en-tête

status-connecting = Connexion…
status-joining = Entrée dans le salon…
status-joined = Dans le salon en tant que { $nick }
status-joined-nameless = Dans le salon
status-reconnecting = Connexion perdue, reconnexion (essai { $attempt })…
status-not-in-room = Hors du salon
status-disconnected = Déconnecté

## La barre d’outils

change-nick = Changer de pseudonyme
presence-toggle = Arrivées et départs
presence-toggle-title = Afficher quand des personnes arrivent et partent (rejoint le salon à nouveau)
participants-toggle = Participants

## Écrire

choose-nick = Choisir un pseudonyme pour discuter
muted-anonymous = Seuls les utilisateurs inscrits peuvent écrire dans ce chat.
muted-by-moderator = Vous ne pouvez pas écrire ici pour le moment : un modérateur vous a rendu muet.
message-label = Message
message-placeholder = Écrire un message…
slow-mode-placeholder = Mode lent : attendez { $seconds } s
slow-mode-countdown = Mode lent : vous pourrez écrire à nouveau dans { $seconds } s.
send = Envoyer

## Le choix du pseudonyme

nick-prompt-label = Choisir un pseudonyme pour discuter
nick-submit = Discuter
nick-cancel = Annuler
nick-empty = Veuillez saisir un pseudonyme.
nick-too-long = Veuillez utiliser au plus { $max } caractères.
nick-invisible = Ce pseudonyme contient des caractères invisibles.
nick-reserved = Ce pseudonyme est réservé aux spectateurs anonymes : veuillez en choisir un autre.
nick-taken = Le pseudonyme « { $nick } » est déjà pris : veuillez en choisir un autre.

## Les connexions externes (le texte des boutons vient des réglages du serveur)

external-login-label = Ou connectez-vous avec un compte :
external-login-blocked = La fenêtre de connexion n’a pas pu s’ouvrir : veuillez autoriser les fenêtres surgissantes pour ce site.
external-login-failed = La connexion n’a pas abouti.
external-login-failed-why = La connexion n’a pas abouti : { $message }
external-login-no-storage = La connexion a abouti, mais ce navigateur ne permet pas au chat de la garder.
logout = Se déconnecter

## Les messages

message-time = { $hours }:{ $minutes }
edited = modifié
edited-title = Ce message a été corrigé
removed = Message supprimé
removed-reason = Message supprimé : { $reason }
removed-by-moderator = Message supprimé par un modérateur
removed-by-moderator-reason = Message supprimé par un modérateur : { $reason }
new-messages = Nouveaux messages ↓
notice-joined = { $nick } a rejoint le salon
notice-left = { $nick } a quitté le salon
notice-renamed = { $from } s’appelle maintenant { $to }

## Ses propres messages pas encore remis

outbox-label = Vos messages pas encore remis
outbox-sending = Envoi…
outbox-not-sent = Non envoyé : { $reason }
outbox-retry = Réessayer
outbox-discard = Abandonner
refusal-forbidden = Vous n’avez pas le droit d’écrire ici pour le moment.
refusal-slow-mode = Mode lent : attendez un peu avant d’envoyer à nouveau.
refusal-not-accepted = Le salon ne l’a pas accepté.
refusal-other = Le salon l’a refusé ({ $condition }).
refusal-no-answer = Non envoyé : le salon n’a pas répondu.

## La liste des participants

participants-title = Participants
participants-close = Fermer la liste des participants
# En français, 0 et 1 sont au singulier.
anonymous-count =
    { $count ->
        [one] { $count } spectateur anonyme
       *[other] { $count } spectateurs anonymes
    }
role-moderator = Modérateur
role-muted = Muet
rank-owner = Propriétaire
rank-admin = Admin

## La modération

moderate = Modérer
moderate-nick = Modérer { $nick }
mod-menu-label = Modération : { $nick }
mod-retract = Supprimer le message
mod-mute = Rendre muet
mod-voice = Donner la parole
mod-kick = Exclure
mod-ban = Bannir
mod-ban-confirm = Confirmer le bannissement
close = Fermer
kick-done = { $nick } a été exclu du salon.
kick-failed = Impossible d’exclure { $nick } : { $error }.
ban-done = { $nick } a été banni.
ban-failed = Impossible de bannir { $nick } : { $error }.
mute-done = { $nick } a été rendu muet.
mute-failed = Impossible de rendre { $nick } muet : { $error }.
voice-done = { $nick } peut à nouveau écrire.
voice-failed = Impossible de donner la parole à { $nick } : { $error }.
retract-done = Le message a été supprimé.
retract-failed = Impossible de supprimer le message : { $error }.
subject-done = Le sujet a été modifié.
subject-failed = Impossible de modifier le sujet : { $error }.

## Quitter le salon contre son gré : { $what } est l’un des textes removal-*

removal-kicked = Vous avez été exclu du salon
removal-banned = Vous avez été banni du salon
removal-members-only = Le salon est désormais réservé à ses membres
removal-shutdown = Le service de chat s’arrête
removal-other = Vous n’êtes plus dans le salon
removal-by = { $what } par { $actor }

## Les problèmes de connexion

connect-failed = Impossible de se connecter au serveur de chat { $url }.
connect-failed-why = Impossible de se connecter au serveur de chat { $url } : { $error }
error-stream = Le serveur de chat a mis fin à la connexion ({ $condition })
error-auth = Échec de l’identification ({ $condition })
error-no-login-method = Le serveur ne propose aucune méthode d’identification utilisable (proposées : { $offered })
error-bind = Le serveur a refusé la session ({ $condition })
error-join = Impossible d’entrer dans le salon ({ $condition })
error-join-unanswered = Le salon n’a pas répondu : rechargez la page pour réessayer
error-config = Configuration invalide : { $reason }
error-timeout = Le serveur ne répond plus
error-connection-lost = La connexion a été perdue
error-malformed = Le serveur a envoyé quelque chose d’illisible ({ $reason })
login-fallback = Vous n’avez pas pu être identifié avec votre compte ({ $why }) : vous discutez en tant que spectateur anonyme.
login-failed = Vous n’avez pas pu être identifié avec votre compte : { $why }.
login-needs-account = Ce chat demande un compte, et aucun n’a été fourni.
login-http-status = le serveur a répondu { $status }
login-unreachable = le serveur est injoignable
login-bad-answer = la réponse du serveur n’est pas un compte
login-bad-request = la page n’a pas pu envoyer la demande
login-bad-header = l’en-tête Authorization n’est pas valide
login-bad-token = le jeton de connexion n’est pas valide
login-bad-url = l’adresse n’est pas valide
# Une vidéo d’une autre instance (fédération) : son chat est sur le serveur de cette instance.
remote-closed = Le chat de cette vidéo est sur une autre instance, qui n’y laisse entrer personne d’ici.
remote-needs-account = Le chat de cette vidéo est sur une autre instance, qui n’y laisse entrer que les utilisateurs connectés : connectez-vous pour le rejoindre.
remote-anonymous-with-nick = Le chat de cette vidéo est sur une autre instance, qui n’accepte pas les comptes d’ici : vous y discutez en tant que spectateur anonyme, sous votre pseudonyme.

## Une phrase et ses détails : le texte du serveur ($reason), ou la fin de la phrase

with-reason = { $what } : { $reason }
sentence = { $what }.

## Les paramètres du chat, quand la page en a donné d’inutilisables

params-error-title = Le chat ne peut pas démarrer
param-room-missing = Le paramètre `{ $name }` manque : l’adresse du salon de discussion, comme `video-id@room.example.org`.
param-room-invalid = Le paramètre `{ $name }` n’est pas une adresse de salon comme `video-id@room.example.org`.
param-ws-missing = Le paramètre `{ $name }` manque : l’adresse WebSocket du serveur de chat, comme `wss://example.org/xmpp-websocket`.
param-ws-invalid = Le paramètre `{ $name }` doit être une adresse WebSocket commençant par `wss://`, `ws://` ou `/`.
param-url-invalid = Le paramètre `{ $name }` doit être une adresse commençant par `https://`, `http://` ou `/`.
param-anon-missing = Le paramètre `{ $name }` manque : le domaine des spectateurs anonymes, comme `anon.example.org` (ou donnez `{ $auth }` pour vous identifier avec un compte).
param-anon-invalid = Le paramètre `{ $name }` doit être un domaine comme `anon.example.org`.
param-number = Le paramètre `{ $name }` doit être un nombre de 0 à { $max }.
param-readonly = Le paramètre `{ $name }` doit valoir `true`, `false` ou `noscroll`.
param-flag = Le paramètre `{ $name }` doit valoir `true` ou `false`.
param-external-logins = Le paramètre `{ $name }` doit être une liste de boutons de connexion, chacun avec un `buttonLabel` et une `url` commençant par `https://`, `http://` ou `/`.
param-theme = Le paramètre `{ $name }` doit être l’un de { $themes }.
params-not-object = Les options du chat doivent être un objet avec ses paramètres (comme `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = Le chat n’est pas disponible : { $message }.
plugin-unavailable-code = Le chat n’est pas disponible : { $message } ({ $code }).
plugin-refused = le serveur a refusé
token-bad-jid = Le jeton de connexion dans l’adresse (après `#`) n’a pas d’adresse de compte valide (`j`).
token-no-password = Le jeton de connexion dans l’adresse (après `#`) n’a pas de mot de passe (`p`).

## Accessibilité : noms des régions, et ce que disent les lecteurs d’écran

chat-label = Chat en direct
messages-label = Messages
announce-message = { $nick } : { $body }

## Sondages : le bandeau au-dessus des messages

poll-label = Sondage
poll-running = Sondage :
poll-ended = Sondage terminé :
# En français, 0 et 1 sont au singulier.
poll-count =
    { $votes ->
        [one] { $votes } vote ({ $percent } %)
       *[other] { $votes } votes ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } vote au total
       *[other] { $votes } votes au total
    }
poll-time-left = Encore { $time }
poll-your-vote = Votre vote
poll-hint = Votez avec un bouton, ou envoyez !1, !2…
poll-hint-overlay = Envoyez !1, !2… dans le chat pour voter
poll-dismiss = Fermer le résultat
vote-poll-over = Le sondage est terminé : votre vote n’a pas été compté.
vote-invalid-choice = Le sondage n’a pas ce choix.
vote-no-voice = Vous ne pouvez pas voter dans ce salon pour le moment.
vote-not-in-room = Hors du salon : votre vote n’a pas été envoyé.
vote-refused = Votre vote n’a pas été compté.

## Conditions d’utilisation du chat, au-dessus des messages

terms-global-label = Conditions d’utilisation du chat
terms-room-label = Conditions de cette chaîne
terms-hide = Masquer

## Outils des propriétaires et administrateurs : un sondage, une annonce

poll-create = Nouveau sondage
poll-form-title = Nouveau sondage
poll-form-loading = Chargement du formulaire de sondage…
poll-form-failed = Le salon n’a pas donné son formulaire de sondage : { $reason }
poll-form-question = Question
poll-form-duration = Durée (minutes)
poll-form-anonymous = Votes anonymes (personne ne voit qui a voté quoi)
poll-form-choice = Choix { $number }
poll-form-replaces = Lancer ce sondage termine celui en cours.
poll-form-submit = Lancer le sondage
poll-form-bad-duration = La durée doit être un nombre entier de minutes, au moins 1.
poll-form-two-choices = Donnez au moins deux choix.
poll-create-failed = Le sondage n’a pas été lancé : { $reason }
announce-open = Annoncer
announce-title = Envoyer une annonce
announce-style = Style
announce-style-announcement = Annonce
announce-style-highlight = Mise en avant
announce-style-warning = Avertissement
announce-body = Message
announce-send = Envoyer
refusal-announcement-not-allowed = Seuls les propriétaires et administrateurs du salon peuvent envoyer des annonces.
owner-cancel = Annuler

## Messages : les longs repliés, les mentions, le délai de modération, citer et supprimer les siens

show-more = Afficher plus
show-less = Afficher moins
mentions-you = (vous mentionne)
new-mention = Vous avez été mentionné ↓
held-for = Visible des spectateurs dans { $seconds } s
poll-choice-result = { $label } : { $votes }
message-actions = Actions sur le message de { $nick }
quote = Citer
delete = Supprimer pour tous
delete-confirm = Confirmer : supprimer
editing = Correction de votre dernier message
editing-cancel = Annuler
completions-label = Pseudos
completions-count =
    { $count ->
        [one] { $count } pseudo : ↑ ↓ pour choisir, Tab pour compléter
       *[other] { $count } pseudos : ↑ ↓ pour choisir, Tab pour compléter
    }
emoji-only = Seuls les émojis peuvent être envoyés dans ce chat pour le moment.
emoji-only-moderator = Mode émojis seulement : les autres ne peuvent envoyer que des émojis.
refusal-emoji-only = Seuls les émojis sont acceptés dans ce chat pour le moment.
announce-mention = { $nick } vous a mentionné : { $body }
announce-styled = { $title } de { $nick } : { $body }
announce-poll = { $title } { $body }

## Le sélecteur d’émojis à côté du champ de message

emoji-picker = Émojis
emoji-search = Chercher un émoji
emoji-loading = Chargement des émojis…
emoji-load-failed = Les émojis n’ont pas pu être chargés.
not-loaded = Cette partie du chat n’a pas pu être chargée.
not-loaded-retry = Réessayer
emoji-none-found = Aucun émoji trouvé.
emoji-group-custom = Cette chaîne
emoji-group-smileys = Smileys et émotions
emoji-group-people = Personnes et corps
emoji-group-nature = Animaux et nature
emoji-group-food = Nourriture et boissons
emoji-group-travel = Voyages et lieux
emoji-group-activity = Activités
emoji-group-objects = Objets
emoji-group-symbols = Symboles
emoji-group-flags = Drapeaux
