# Los textos del chat en directo en español. Las mismas claves que en.ftl (la referencia); las
# variables se describen allí.

## La página del chat solo: su título y su encabezado

page-title = Chat en directo

## La conexión, en la cabecera

status-connecting = Conectando…
status-joining = Entrando en la sala…
status-joined = En la sala como { $nick }
status-joined-nameless = En la sala
status-reconnecting = Conexión perdida, reconectando (intento { $attempt })…
status-not-in-room = Fuera de la sala
status-disconnected = Desconectado

## La barra de herramientas

change-nick = Cambiar apodo
presence-toggle = Entradas y salidas
presence-toggle-title = Mostrar cuándo entra y sale la gente (vuelve a entrar en la sala)
participants-toggle = Participantes

## Escribir

choose-nick = Elige un apodo para chatear
muted-anonymous = Solo los usuarios registrados pueden escribir en este chat.
muted-by-moderator = No puedes escribir aquí por ahora: un moderador te ha silenciado.
message-label = Mensaje
message-placeholder = Escribe un mensaje…
slow-mode-placeholder = Modo lento: espera { $seconds } s
slow-mode-countdown = Modo lento: podrás volver a escribir en { $seconds } s.
send = Enviar

## La elección del apodo

nick-prompt-label = Elige un apodo para chatear
nick-submit = Chatear
nick-cancel = Cancelar
nick-empty = Escribe un apodo.
nick-too-long = Usa como máximo { $max } caracteres.
nick-invisible = Este apodo contiene caracteres invisibles.
nick-reserved = Este apodo está reservado para los espectadores anónimos: elige otro.
nick-taken = El apodo «{ $nick }» ya está en uso: elige otro.

## Inicios de sesión externos (el texto de los botones viene de los ajustes del servidor)

external-login-label = O inicia sesión con una cuenta:
external-login-blocked = No se pudo abrir la ventana de inicio de sesión: permite las ventanas emergentes en este sitio.
external-login-failed = No se pudo iniciar sesión.
external-login-failed-why = No se pudo iniciar sesión: { $message }
external-login-no-storage = Has iniciado sesión, pero este navegador no deja que el chat la guarde.
logout = Cerrar sesión

## Los mensajes

message-time = { $hours }:{ $minutes }
edited = editado
edited-title = Este mensaje se ha corregido
removed = Mensaje eliminado
removed-reason = Mensaje eliminado: { $reason }
removed-by-moderator = Mensaje eliminado por un moderador
removed-by-moderator-reason = Mensaje eliminado por un moderador: { $reason }
new-messages = Mensajes nuevos ↓
notice-joined = { $nick } ha entrado
notice-left = { $nick } se ha ido
notice-renamed = { $from } ahora es { $to }

## Mensajes propios aún no entregados

outbox-label = Tus mensajes aún no entregados
outbox-sending = Enviando…
outbox-not-sent = No enviado: { $reason }
outbox-retry = Reintentar
outbox-discard = Descartar
refusal-forbidden = Ahora mismo no puedes escribir aquí.
refusal-slow-mode = Modo lento: espera un poco antes de volver a enviar.
refusal-not-accepted = La sala no lo ha aceptado.
refusal-other = La sala lo ha rechazado ({ $condition }).
refusal-no-answer = No enviado: la sala no respondió.

## La lista de participantes

participants-title = Participantes
participants-close = Cerrar la lista de participantes
anonymous-count =
    { $count ->
        [one] { $count } espectador anónimo
       *[other] { $count } espectadores anónimos
    }
role-moderator = Moderador
role-muted = Silenciado
rank-owner = Propietario
rank-admin = Administrador

## La moderación

moderate = Moderar
moderate-nick = Moderar a { $nick }
mod-menu-label = Moderación: { $nick }
mod-retract = Eliminar mensaje
mod-mute = Silenciar
mod-voice = Dar voz
mod-kick = Expulsar
mod-ban = Banear
mod-ban-confirm = Confirmar baneo
close = Cerrar
kick-done = { $nick } ha sido expulsado de la sala.
kick-failed = No se pudo expulsar a { $nick }: { $error }.
ban-done = { $nick } ha sido baneado.
ban-failed = No se pudo banear a { $nick }: { $error }.
mute-done = { $nick } ha sido silenciado.
mute-failed = No se pudo silenciar a { $nick }: { $error }.
voice-done = { $nick } puede volver a escribir.
voice-failed = No se pudo dar voz a { $nick }: { $error }.
retract-done = Se ha eliminado el mensaje.
retract-failed = No se pudo eliminar el mensaje: { $error }.
subject-done = Se ha cambiado el tema.
subject-failed = No se pudo cambiar el tema: { $error }.

## Salir de la sala sin quererlo: { $what } es uno de los textos removal-*

removal-kicked = Te han expulsado de la sala
removal-banned = Te han baneado de la sala
removal-members-only = La sala ahora es solo para miembros
removal-shutdown = El servicio de chat se está apagando
removal-other = Ya no estás en la sala
removal-by = { $what } (por { $actor })

## Problemas con la conexión

connect-failed = No se puede conectar con el servidor de chat en { $url }.
connect-failed-why = No se puede conectar con el servidor de chat en { $url }: { $error }
error-stream = El servidor de chat ha cerrado la conexión ({ $condition })
error-auth = Error al iniciar sesión ({ $condition })
error-no-login-method = El servidor no ofrece ningún método de inicio de sesión utilizable (ofrece: { $offered })
error-bind = El servidor ha rechazado la sesión ({ $condition })
error-join = No se puede entrar en la sala ({ $condition })
error-join-unanswered = La sala no ha respondido: recarga la página para volver a intentarlo
error-config = Configuración no válida: { $reason }
error-timeout = El servidor ha dejado de responder
error-connection-lost = Se ha perdido la conexión
error-malformed = El servidor ha enviado algo ilegible ({ $reason })
login-fallback = No se pudo iniciar sesión con tu cuenta ({ $why }): chateas como espectador anónimo.
login-failed = No se pudo iniciar sesión con tu cuenta: { $why }.
login-needs-account = Este chat requiere una cuenta, y no se ha indicado ninguna.
login-http-status = el servidor ha respondido { $status }
login-unreachable = no se ha podido contactar con el servidor
login-bad-answer = la respuesta del servidor no es una cuenta
login-bad-request = la página no ha podido enviar la solicitud
login-bad-header = la cabecera Authorization no es válida
login-bad-token = el token de inicio de sesión no es válido
login-bad-url = la dirección no es válida
remote-closed = El chat de este vídeo está en otra instancia, que no deja entrar a nadie de aquí.
remote-needs-account = El chat de este vídeo está en otra instancia, que solo deja entrar a usuarios con sesión iniciada: inicia sesión para unirte.
remote-anonymous-with-nick = El chat de este vídeo está en otra instancia, que no acepta cuentas de aquí: allí chateas como espectador anónimo, con tu apodo.

## Una frase y sus detalles: el texto del servidor ($reason) o el final de la frase

with-reason = { $what }: { $reason }
sentence = { $what }.

## Los parámetros del chat, cuando la página ha dado unos inutilizables

params-error-title = El chat no puede iniciarse
param-room-missing = Falta el parámetro `{ $name }`: la dirección de la sala de chat, como `video-id@room.example.org`.
param-room-invalid = El parámetro `{ $name }` no es una dirección de sala como `video-id@room.example.org`.
param-ws-missing = Falta el parámetro `{ $name }`: la dirección WebSocket del servidor de chat, como `wss://example.org/xmpp-websocket`.
param-ws-invalid = El parámetro `{ $name }` debe ser una dirección WebSocket que empiece por `wss://`, `ws://` o `/`.
param-url-invalid = El parámetro `{ $name }` debe ser una dirección que empiece por `https://`, `http://` o `/`.
param-anon-missing = Falta el parámetro `{ $name }`: el dominio de los espectadores anónimos, como `anon.example.org` (o indica `{ $auth }` para iniciar sesión con una cuenta).
param-anon-invalid = El parámetro `{ $name }` debe ser un dominio como `anon.example.org`.
param-number = El parámetro `{ $name }` debe ser un número de 0 a { $max }.
param-readonly = El parámetro `{ $name }` debe ser `true`, `false` o `noscroll`.
param-flag = El parámetro `{ $name }` debe ser `true` o `false`.
param-external-logins = El parámetro `{ $name }` debe ser una lista de botones de inicio de sesión, cada uno con un `buttonLabel` y una `url` que empiece por `https://`, `http://` o `/`.
param-theme = El parámetro `{ $name }` debe ser uno de estos: { $themes }.
params-not-object = Las opciones del chat deben ser un objeto con sus parámetros (como `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = El chat no está disponible: { $message }.
plugin-unavailable-code = El chat no está disponible: { $message } ({ $code }).
plugin-refused = el servidor lo ha rechazado
token-bad-jid = El token de inicio de sesión de la dirección (tras `#`) no tiene una dirección de cuenta válida (`j`).
token-no-password = El token de inicio de sesión de la dirección (tras `#`) no tiene contraseña (`p`).

## Accesibilidad: nombres de las regiones, y lo que oyen los lectores de pantalla

chat-label = Chat en directo
messages-label = Mensajes
announce-message = { $nick }: { $body }

## Encuestas: el banner sobre los mensajes

poll-label = Encuesta
poll-running = Encuesta:
poll-ended = Encuesta terminada:
poll-count =
    { $votes ->
        [one] { $votes } voto ({ $percent } %)
       *[other] { $votes } votos ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } voto en total
       *[other] { $votes } votos en total
    }
poll-time-left = Quedan { $time }
poll-your-vote = Tu voto
poll-hint = Vota con un botón, o envía !1, !2…
poll-hint-overlay = Envía !1, !2… en el chat para votar
poll-dismiss = Cerrar el resultado
vote-poll-over = La encuesta ha terminado: tu voto no se ha contado.
vote-invalid-choice = La encuesta no tiene esa opción.
vote-no-voice = Ahora mismo no puedes votar en esta sala.
vote-not-in-room = Fuera de la sala: tu voto no se ha enviado.
vote-refused = Tu voto no se ha contado.

## Las normas del chat, sobre los mensajes

terms-global-label = Normas del chat
terms-room-label = Normas de este canal
terms-hide = Ocultar

## Herramientas de propietarios y administradores: una encuesta, un anuncio

poll-create = Nueva encuesta
poll-form-title = Nueva encuesta
poll-form-loading = Cargando el formulario de la encuesta…
poll-form-failed = La sala no ha dado su formulario de encuesta: { $reason }
poll-form-question = Pregunta
poll-form-duration = Duración (minutos)
poll-form-anonymous = Votos anónimos (nadie ve quién ha votado qué)
poll-form-choice = Opción { $number }
poll-form-replaces = Iniciar esta encuesta termina la que está en curso.
poll-form-submit = Iniciar la encuesta
poll-form-bad-duration = La duración debe ser un número entero de minutos, al menos 1.
poll-form-two-choices = Indica al menos dos opciones.
poll-create-failed = La encuesta no se ha iniciado: { $reason }
announce-open = Anunciar
announce-title = Enviar un anuncio
announce-style = Estilo
announce-style-announcement = Anuncio
announce-style-highlight = Destacado
announce-style-warning = Advertencia
announce-body = Mensaje
announce-send = Enviar
refusal-announcement-not-allowed = Solo los propietarios y administradores de la sala pueden enviar anuncios.
owner-cancel = Cancelar

## El selector de emojis junto al campo de mensaje

emoji-picker = Emojis
emoji-search = Buscar emojis
emoji-loading = Cargando los emojis…
emoji-load-failed = No se pudieron cargar los emojis.
not-loaded = No se pudo cargar esta parte del chat.
not-loaded-retry = Reintentar
emoji-none-found = No se ha encontrado ningún emoji.
emoji-group-custom = Este canal
emoji-group-smileys = Caras y emociones
emoji-group-people = Personas y cuerpo
emoji-group-nature = Animales y naturaleza
emoji-group-food = Comida y bebida
emoji-group-travel = Viajes y lugares
emoji-group-activity = Actividades
emoji-group-objects = Objetos
emoji-group-symbols = Símbolos
emoji-group-flags = Banderas

## Mensajes: los largos plegados, menciones, el retraso de moderación, citar y eliminar los propios

show-more = Ver más
show-less = Ver menos
mentions-you = (te menciona)
new-mention = Te han mencionado ↓
held-for = Visible para los espectadores en { $seconds } s
poll-choice-result = { $label }: { $votes }
message-actions = Acciones sobre el mensaje de { $nick }
quote = Citar
delete = Eliminar para todos
delete-confirm = Confirmar: eliminar
editing = Corrigiendo tu último mensaje
editing-cancel = Cancelar
completions-label = Apodos
completions-count =
    { $count ->
        [one] { $count } apodo: ↑ ↓ para elegir, Tab para completar
       *[other] { $count } apodos: ↑ ↓ para elegir, Tab para completar
    }
emoji-only = Ahora mismo solo se pueden enviar emojis en este chat.
emoji-only-moderator = Modo solo emojis: los demás solo pueden enviar emojis.
refusal-emoji-only = Ahora mismo este chat solo acepta emojis.
announce-mention = { $nick } te ha mencionado: { $body }
announce-styled = { $title } de { $nick }: { $body }
announce-poll = { $title } { $body }
