# Os textos do chat ao vivo em português, para Portugal e para o Brasil: palavras e formas comuns
# às duas normas sempre que possível (conta, nome, votação, entrar). As mesmas chaves que en.ftl
# (a referência); as variáveis estão descritas lá.

## A página só do chat: o título e o cabeçalho

page-title = Chat ao vivo

## A conexão, no cabeçalho

status-connecting = Conexão ao servidor…
status-joining = Entrada na sala…
status-joined = Na sala como { $nick }
status-joined-nameless = Na sala
status-reconnecting = Conexão perdida, nova tentativa ({ $attempt })…
status-not-in-room = Fora da sala
status-disconnected = Desconectado

## A barra de ferramentas

change-nick = Mudar de nome
presence-toggle = Entradas e saídas
presence-toggle-title = Mostrar quem entra e sai (volta a entrar na sala)
participants-toggle = Participantes

## Escrever

choose-nick = Escolha um nome para conversar
muted-anonymous = Só quem entrou com uma conta pode escrever neste chat.
muted-by-moderator = Não pode escrever aqui neste momento: foi silenciado por um moderador.
message-label = Mensagem
message-placeholder = Escreva uma mensagem…
slow-mode-placeholder = Modo lento: aguarde { $seconds } s
slow-mode-countdown = Modo lento: poderá escrever de novo em { $seconds } s.
send = Enviar

## A escolha do nome

nick-prompt-label = Escolha um nome para conversar
nick-submit = Conversar
nick-cancel = Cancelar
nick-empty = Escreva um nome.
nick-too-long = Use no máximo { $max } caracteres.
nick-invisible = Este nome contém caracteres invisíveis.
nick-reserved = Este nome é reservado aos espectadores não identificados: escolha outro.
nick-taken = O nome “{ $nick }” já está em uso: escolha outro.

## Entrar com uma conta de outro serviço (o texto dos botões vem do servidor)

external-login-label = Ou entre com uma conta:
external-login-blocked = A janela de entrada não abriu: permita janelas pop-up neste site.
external-login-failed = Não foi possível entrar.
external-login-failed-why = Não foi possível entrar: { $message }
external-login-no-storage = A entrada funcionou, mas este navegador não deixa o chat guardá-la.
logout = Sair

## As mensagens

message-time = { $hours }:{ $minutes }
edited = editada
edited-title = Esta mensagem foi corrigida
removed = Mensagem removida
removed-reason = Mensagem removida: { $reason }
removed-by-moderator = Mensagem removida por um moderador
removed-by-moderator-reason = Mensagem removida por um moderador: { $reason }
new-messages = Novas mensagens ↓
notice-joined = { $nick } entrou
notice-left = { $nick } saiu
notice-renamed = { $from } mudou de nome para { $to }

## As suas mensagens ainda não entregues

outbox-label = As suas mensagens ainda não entregues
outbox-sending = Envio em curso…
outbox-not-sent = Não enviada: { $reason }
outbox-retry = Tentar de novo
outbox-discard = Descartar
refusal-forbidden = Não tem permissão para escrever aqui neste momento.
refusal-slow-mode = Modo lento: aguarde um pouco antes de enviar de novo.
refusal-not-accepted = A sala não aceitou a mensagem.
refusal-other = A sala recusou a mensagem ({ $condition }).
refusal-no-answer = Não enviado: a sala não respondeu.

## A lista de participantes

participants-title = Participantes
participants-close = Fechar a lista de participantes
# 0 no plural nas duas normas.
anonymous-count =
    { $count ->
        [0] { $count } espectadores não identificados
        [one] { $count } espectador não identificado
       *[other] { $count } espectadores não identificados
    }
role-moderator = Moderador
role-muted = Silenciado
rank-owner = Proprietário
rank-admin = Administrador

## A moderação

moderate = Moderar
moderate-nick = Moderar { $nick }
mod-menu-label = Moderação: { $nick }
mod-retract = Remover mensagem
mod-mute = Silenciar
mod-voice = Dar voz
mod-kick = Expulsar
mod-ban = Banir
mod-ban-confirm = Confirmar banimento
close = Fechar
kick-done = { $nick } foi expulso da sala.
kick-failed = Não foi possível expulsar { $nick }: { $error }.
ban-done = { $nick } foi banido.
ban-failed = Não foi possível banir { $nick }: { $error }.
mute-done = { $nick } foi silenciado.
mute-failed = Não foi possível silenciar { $nick }: { $error }.
voice-done = { $nick } pode escrever de novo.
voice-failed = Não foi possível dar voz a { $nick }: { $error }.
retract-done = A mensagem foi removida.
retract-failed = Não foi possível remover a mensagem: { $error }.
subject-done = O assunto foi alterado.
subject-failed = Não foi possível alterar o assunto: { $error }.

## Sair da sala contra a vontade: { $what } é um dos textos removal-*

removal-kicked = Foi expulso da sala
removal-banned = Foi banido da sala
removal-members-only = A sala agora é só para membros
removal-shutdown = O serviço de chat vai ser encerrado
removal-other = Já não está na sala
removal-by = { $what } (por { $actor })

## Problemas de conexão

connect-failed = Não é possível conectar ao servidor de chat em { $url }.
connect-failed-why = Não é possível conectar ao servidor de chat em { $url }: { $error }
error-stream = O servidor de chat terminou a conexão ({ $condition })
error-auth = Falha ao entrar ({ $condition })
error-no-login-method = O servidor não oferece nenhum método de entrada utilizável (oferecidos: { $offered })
error-bind = O servidor recusou a sessão ({ $condition })
error-join = Não é possível entrar na sala ({ $condition })
error-join-unanswered = A sala não respondeu: recarregue a página para tentar novamente
error-config = Configuração inválida: { $reason }
error-timeout = O servidor deixou de responder
error-connection-lost = A conexão foi perdida
error-malformed = O servidor enviou algo ilegível ({ $reason })
login-fallback = Não foi possível entrar com a sua conta ({ $why }): conversa como espectador não identificado.
login-failed = Não foi possível entrar com a sua conta: { $why }.
login-needs-account = Este chat precisa de uma conta, e nenhuma foi indicada.
login-http-status = o servidor respondeu { $status }
login-unreachable = o servidor está inacessível
login-bad-answer = a resposta do servidor não é uma conta
login-bad-request = a página não conseguiu enviar o pedido
login-bad-header = o cabeçalho Authorization não é válido
login-bad-token = o token de entrada não é válido
login-bad-url = o endereço não é válido
remote-closed = O chat deste vídeo está em outra instância, que não deixa entrar ninguém daqui.
remote-needs-account = O chat deste vídeo está em outra instância, que só deixa entrar quem tem sessão iniciada: entre com a sua conta para participar.
remote-anonymous-with-nick = O chat deste vídeo está em outra instância, que não aceita contas daqui: lá conversa como espectador não identificado, com o seu nome.

## Uma frase e os seus detalhes: o texto do servidor ($reason) ou o fim da frase

with-reason = { $what }: { $reason }
sentence = { $what }.

## Os parâmetros do chat, quando a página deu alguns inutilizáveis

params-error-title = O chat não pode começar
param-room-missing = Falta o parâmetro `{ $name }`: o endereço da sala de chat, como `video-id@room.example.org`.
param-room-invalid = O parâmetro `{ $name }` não é um endereço de sala como `video-id@room.example.org`.
param-ws-missing = Falta o parâmetro `{ $name }`: o endereço WebSocket do servidor de chat, como `wss://example.org/xmpp-websocket`.
param-ws-invalid = O parâmetro `{ $name }` deve ser um endereço WebSocket que comece por `wss://`, `ws://` ou `/`.
param-url-invalid = O parâmetro `{ $name }` deve ser um endereço que comece por `https://`, `http://` ou `/`.
param-anon-missing = Falta o parâmetro `{ $name }`: o domínio dos espectadores não identificados, como `anon.example.org` (ou indique `{ $auth }` para entrar com uma conta).
param-anon-invalid = O parâmetro `{ $name }` deve ser um domínio como `anon.example.org`.
param-number = O parâmetro `{ $name }` deve ser um número de 0 a { $max }.
param-readonly = O parâmetro `{ $name }` deve ser `true`, `false` ou `noscroll`.
param-flag = O parâmetro `{ $name }` deve ser `true` ou `false`.
param-external-logins = O parâmetro `{ $name }` deve ser uma lista de botões de entrada, cada um com um `buttonLabel` e um `url` que comece por `https://`, `http://` ou `/`.
param-theme = O parâmetro `{ $name }` deve ser um destes: { $themes }.
params-not-object = As opções do chat devem ser um objeto com os seus parâmetros (como `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
plugin-unavailable = O chat não está disponível: { $message }.
plugin-unavailable-code = O chat não está disponível: { $message } ({ $code }).
plugin-refused = o servidor recusou
token-bad-jid = O token de entrada no endereço (depois de `#`) não tem um endereço de conta válido (`j`).
token-no-password = O token de entrada no endereço (depois de `#`) não tem senha (`p`).

## Acessibilidade: nomes das regiões, e o que os leitores de texto em voz alta dizem

chat-label = Chat ao vivo
messages-label = Mensagens
announce-message = { $nick }: { $body }

## Votações: a faixa por cima das mensagens

poll-label = Votação
poll-running = Votação:
poll-ended = Votação terminada:
poll-count =
    { $votes ->
        [0] { $votes } votos ({ $percent } %)
        [one] { $votes } voto ({ $percent } %)
       *[other] { $votes } votos ({ $percent } %)
    }
poll-total =
    { $votes ->
        [0] { $votes } votos no total
        [one] { $votes } voto no total
       *[other] { $votes } votos no total
    }
poll-time-left = Faltam { $time }
poll-your-vote = O seu voto
poll-hint = Vote com um botão, ou envie !1, !2…
poll-hint-overlay = Envie !1, !2… no chat para votar
poll-dismiss = Fechar o resultado
vote-poll-over = A votação terminou: o seu voto não foi contado.
vote-invalid-choice = A votação não tem essa opção.
vote-no-voice = Não pode votar nesta sala neste momento.
vote-not-in-room = Fora da sala: o seu voto não foi enviado.
vote-refused = O seu voto não foi contado.

## As regras do chat, por cima das mensagens

terms-global-label = Regras do chat
terms-room-label = Regras deste canal
terms-hide = Ocultar

## Ferramentas de proprietários e administradores: uma votação, um anúncio

poll-create = Nova votação
poll-form-title = Nova votação
poll-form-loading = Carregamento do formulário da votação…
poll-form-failed = A sala não deu o seu formulário de votação: { $reason }
poll-form-question = Pergunta
poll-form-duration = Duração (minutos)
poll-form-anonymous = Votos secretos (ninguém vê quem votou em quê)
poll-form-choice = Opção { $number }
poll-form-replaces = Começar esta votação termina a que está em curso.
poll-form-submit = Começar a votação
poll-form-bad-duration = A duração deve ser um número inteiro de minutos, no mínimo 1.
poll-form-two-choices = Indique pelo menos duas opções.
poll-create-failed = A votação não começou: { $reason }
announce-open = Anunciar
announce-title = Enviar um anúncio
announce-style = Estilo
announce-style-announcement = Anúncio
announce-style-highlight = Destaque
announce-style-warning = Aviso
announce-body = Mensagem
announce-send = Enviar
refusal-announcement-not-allowed = Apenas os proprietários e administradores da sala podem enviar anúncios.
owner-cancel = Cancelar

## O seletor de emojis ao lado do campo da mensagem

emoji-picker = Emojis
emoji-search = Procurar emojis
emoji-loading = Carregamento dos emojis…
emoji-load-failed = Não foi possível carregar os emojis.
not-loaded = Não foi possível carregar esta parte do chat.
not-loaded-retry = Tentar de novo
emoji-none-found = Nenhum emoji encontrado.
emoji-group-custom = Este canal
emoji-group-smileys = Caras e emoções
emoji-group-people = Pessoas e corpo
emoji-group-nature = Animais e natureza
emoji-group-food = Comida e bebida
emoji-group-travel = Viagens e lugares
emoji-group-activity = Atividades
emoji-group-objects = Objetos
emoji-group-symbols = Símbolos
emoji-group-flags = Bandeiras

## Mensagens: as longas recolhidas, menções, o atraso de moderação, citar e apagar as suas

show-more = Mostrar mais
show-less = Mostrar menos
mentions-you = (menciona o seu nome)
new-mention = Nova menção ↓
held-for = Visível para os espectadores em { $seconds } s
poll-choice-result = { $label }: { $votes }
message-actions = Ações sobre a mensagem de { $nick }
quote = Citar
delete = Apagar para todos
delete-confirm = Confirmar: apagar
editing = Correção da sua última mensagem
editing-cancel = Cancelar
completions-label = Nomes
completions-count =
    { $count ->
        [0] { $count } nomes: ↑ ↓ para escolher, Tab para completar
        [one] { $count } nome: ↑ ↓ para escolher, Tab para completar
       *[other] { $count } nomes: ↑ ↓ para escolher, Tab para completar
    }
emoji-only = Neste momento, só é possível enviar emojis neste chat.
emoji-only-moderator = Modo só emojis: os outros só podem enviar emojis.
refusal-emoji-only = Neste momento, este chat só aceita emojis.
announce-mention = { $nick } mencionou o seu nome: { $body }
announce-styled = { $title } de { $nick }: { $body }
announce-poll = { $title } { $body }
