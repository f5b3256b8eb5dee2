/* Medskapa phone page: join the meeting, see the question, post ideas, see everyone's ideas
 * live. Speaks the WebSocket protocol in docs/protocol.md (version 1).
 * Plain ES2017 in one file: no framework, no build step, no inline script or style (the host
 * sends a strict Content-Security-Policy), every user-visible string in i18n/<lang>.json. */
(function () {
  'use strict';

  var PROTO = 1;
  var SUBPROTOCOL = 'medskapa.v1';
  // Languages with a strings file: code, the language's own name, writing direction.
  var LANGS = [
    { code: 'sv', name: 'Svenska', dir: 'ltr' },
    { code: 'en', name: 'English', dir: 'ltr' }
  ];
  var RETRY_MIN_MS = 500;        // first reconnect delay, doubled each failure ...
  var RETRY_MAX_MS = 10000;      // ... up to this; each delay gets random jitter
  var WELCOME_TIMEOUT_MS = 10000; // no welcome this long after connecting: try again
  var ACK_TIMEOUT_MS = 10000;     // no ack this long for a sent idea: the link is dead
  var TOKEN_RE = /^[0-9a-f]{32}$/;

  function $(id) { return document.getElementById(id); }

  // localStorage, falling back to memory where it is blocked (private mode, old WebViews).
  var store = (function () {
    var mem = {};
    var prefix = 'medskapa.';
    return {
      get: function (k) {
        try { var v = window.localStorage.getItem(prefix + k); if (v !== null) return v; } catch (e) { /* blocked */ }
        return Object.prototype.hasOwnProperty.call(mem, k) ? mem[k] : null;
      },
      set: function (k, v) {
        if (v === null || v === undefined) delete mem[k]; else mem[k] = String(v);
        try {
          if (v === null || v === undefined) window.localStorage.removeItem(prefix + k);
          else window.localStorage.setItem(prefix + k, String(v));
        } catch (e) { /* memory only */ }
      }
    };
  })();

  var S = {
    lang: 'en',
    strings: {},
    loaded: {},                 // lang code -> strings
    token: store.get('token'),
    name: store.get('name') || '',
    title: store.get('title') || '',
    you: null,
    activity: undefined,        // undefined: not known yet; null: the agenda is empty
    ideas: [],                  // ideas of the current activity, oldest first
    seen: {},                   // idea id -> true
    phones: 0,
    ideaLimit: 280,
    nameLimit: 40,
    filter: 'all',
    screen: '',
    editing: false,             // the join screen is open to change the name
    wanted: false,              // we want to be connected (the participant has joined)
    ws: null,
    welcomed: false,
    everWelcomed: false,
    attempt: 0,
    retryTimer: 0,
    welcomeTimer: 0,
    ackTimer: 0,
    helloTries: 0,
    sendLang: true,
    status: 'idle',
    closeCode: 0,
    pending: null,              // {cid, text, mineBefore}: an idea sent (or queued) but not acked
    seq: 0,
    msg: null,                  // message next to the idea form: {kind, key | code + message}
    msgTimer: 0,
    fatal: false
  };

  var el = {};

  /* ---- strings ------------------------------------------------------------------------- */

  function t(key, vars) {
    var s = S.strings[key];
    if (typeof s !== 'string') s = key;
    if (vars) {
      s = s.replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : all;
      });
    }
    return s;
  }

  function pluralCategory(n) {
    try { return new Intl.PluralRules(S.lang).select(n); } catch (e) { return n === 1 ? 'one' : 'other'; }
  }

  function tn(key, n) {
    var k = key + '_' + pluralCategory(n);
    if (typeof S.strings[k] !== 'string') k = key + '_other';
    return t(k, { n: n });
  }

  function langInfo(code) {
    for (var i = 0; i < LANGS.length; i++) if (LANGS[i].code === code) return LANGS[i];
    return null;
  }

  function pickLang() {
    var saved = store.get('lang');
    if (saved && langInfo(saved)) return saved;
    var prefs = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < prefs.length; i++) {
      var base = String(prefs[i] || '').toLowerCase().split('-')[0];
      if (langInfo(base)) return base;
    }
    return 'en';
  }

  function loadStrings(code) {
    if (S.loaded[code]) return Promise.resolve(S.loaded[code]);
    return fetch('i18n/' + code + '.json', { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('i18n ' + code + ': HTTP ' + r.status);
      return r.json();
    }).then(function (strings) {
      S.loaded[code] = strings;
      return strings;
    });
  }

  function setLang(code, remember) {
    return loadStrings(code).then(function (strings) {
      S.lang = code;
      S.strings = strings;
      var root = document.documentElement;
      root.lang = code;
      root.dir = langInfo(code).dir;
      if (remember) store.set('lang', code);
      applyStaticStrings();
      renderAll();
    });
  }

  function applyStaticStrings() {
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
    nodes = document.querySelectorAll('[data-i18n-placeholder]');
    for (i = 0; i < nodes.length; i++) nodes[i].placeholder = t(nodes[i].getAttribute('data-i18n-placeholder'));
    el.lang.value = S.lang;
  }

  /* ---- small helpers ------------------------------------------------------------------- */

  function chars(s) { return Array.from(s).length; }   // Unicode code points, as the host counts

  function clip(s, max) {
    var a = Array.from(s);
    return a.length > max ? a.slice(0, max).join('') : s;
  }

  function make(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  // Fill node with a translated sentence in which {name} is user text, isolated for bidi.
  function fillWithName(node, key, name) {
    node.textContent = '';
    var parts = t(key).split('{name}');
    for (var i = 0; i < parts.length; i++) {
      if (i > 0) node.appendChild(make('bdi', 'who-name', name));
      if (parts[i]) node.appendChild(document.createTextNode(parts[i]));
    }
  }

  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    try { return d.toLocaleTimeString(S.lang, { hour: '2-digit', minute: '2-digit' }); } catch (e) { return ''; }
  }

  function isMine(idea) { return !!S.you && idea.author === S.you.id; }

  function mineCount(text) {
    var n = 0;
    for (var i = 0; i < S.ideas.length; i++) {
      if (isMine(S.ideas[i]) && (text === undefined || S.ideas[i].text === text)) n++;
    }
    return n;
  }

  /* ---- rendering ----------------------------------------------------------------------- */

  function renderAll() {
    renderHeader();
    renderStatus();
    renderJoin();
    renderRoom();
    renderIdeas();
    renderCounter();
    renderMsg();
  }

  function showScreen(name) {
    S.screen = name;
    el.join.hidden = name !== 'join';
    el.room.hidden = name !== 'room';
    renderHeader();
    renderJoin();
  }

  function renderHeader() {
    var title = S.screen === 'room' && S.title ? S.title : t('app_name');
    el.barTitle.textContent = title;
    document.title = S.title ? S.title + ' · ' + t('app_name') : t('app_name');
  }

  function renderStatus() {
    el.status.setAttribute('data-state', S.status);
    var text = S.status === 'idle' ? '' : t('status_' + S.status);
    if (el.statusText.textContent !== text) el.statusText.textContent = text;
  }

  function setStatus(status) {
    S.status = status;
    renderStatus();
    renderJoin();
  }

  function renderJoin() {
    var editing = S.editing;
    el.joinEyebrow.hidden = editing;
    el.joinIntro.hidden = editing;
    el.joinTitle.textContent = editing ? t('edit_title') : (S.title || t('join_title_unknown'));
    el.joinCancel.hidden = !editing;
    var joining = !editing && S.wanted && !S.welcomed;
    el.joinButton.textContent = editing ? t('save_name') : (joining ? t('joining') : t('join_button'));
    el.joinButton.setAttribute('aria-disabled', joining ? 'true' : 'false');
    var err = '';
    if (S.fatal) err = t('err_unsupported_proto');
    else if (joining && S.attempt > 0) err = S.status === 'full' ? t('join_full') : t('join_unreachable');
    if (el.joinError.textContent !== err) el.joinError.textContent = err;
  }

  function renderRoom() {
    var a = S.activity;
    var quiet = !a;
    el.prompt.textContent = a === undefined ? t('prompt_loading') : (a === null ? t('prompt_none') : (a.prompt || a.title || ''));
    el.prompt.classList.toggle('is-quiet', quiet);
    el.presence.hidden = !(S.phones > 0);
    if (S.phones > 0) el.presence.textContent = tn('presence', S.phones);
    if (S.name) fillWithName(el.whoText, 'posting_as', S.name);
    else el.whoText.textContent = t('posting_anon');
  }

  function ideaNode(idea) {
    var li = make('li', 'idea');
    var mine = isMine(idea);
    if (mine) li.classList.add('is-mine');
    li.setAttribute('data-id', String(idea.id));
    var text = make('p', 'idea-text', idea.text);
    text.dir = 'auto';
    li.appendChild(text);
    var meta = make('p', 'idea-meta');
    if (mine) meta.appendChild(make('span', 'badge', t('you')));
    if (!mine || idea.name) {
      var who = idea.name || (idea.author === 0 ? t('facilitator') : t('anonymous'));
      var name = make('bdi', 'idea-name', who);
      meta.appendChild(name);
    }
    var when = formatTime(idea.at);
    if (when) {
      var time = make('time', 'idea-time', when);
      time.setAttribute('datetime', idea.at);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    return li;
  }

  function renderIdeas() {
    var frag = document.createDocumentFragment();
    for (var i = S.ideas.length - 1; i >= 0; i--) frag.appendChild(ideaNode(S.ideas[i]));
    el.list.textContent = '';
    el.list.appendChild(frag);
    renderCounts();
  }

  function insertIdeaNode(idea) {
    var node = ideaNode(idea);
    node.classList.add('is-new');
    node.addEventListener('animationend', function () { node.classList.remove('is-new'); });
    var kids = el.list.children;
    for (var i = 0; i < kids.length; i++) {
      if (Number(kids[i].getAttribute('data-id')) < idea.id) { el.list.insertBefore(node, kids[i]); return; }
    }
    el.list.appendChild(node);
  }

  function renderCounts() {
    var mine = mineCount();
    el.countAll.textContent = String(S.ideas.length);
    el.countMine.textContent = String(mine);
    var empty = '';
    if (S.filter === 'all' && S.ideas.length === 0) empty = t('empty_all');
    if (S.filter === 'mine' && mine === 0) empty = t('empty_mine');
    el.empty.textContent = empty;
    el.empty.hidden = !empty;
  }

  function setFilter(filter) {
    S.filter = filter;
    el.list.setAttribute('data-filter', filter);
    el.tabAll.setAttribute('aria-pressed', filter === 'all' ? 'true' : 'false');
    el.tabMine.setAttribute('aria-pressed', filter === 'mine' ? 'true' : 'false');
    renderCounts();
  }

  var lastCounterNote = '';
  function renderCounter() {
    var n = chars(el.idea.value.trim());
    var max = S.ideaLimit;
    var over = n > max;
    var near = !over && n > max - 20;
    el.counter.textContent = n + ' / ' + max;
    el.counter.classList.toggle('is-over', over);
    el.counter.classList.toggle('is-near', near);
    el.idea.classList.toggle('is-over', over);
    el.idea.setAttribute('aria-invalid', over ? 'true' : 'false');
    var note = over ? t('counter_over', { n: n - max }) : (near ? t('counter_left', { n: max - n }) : '');
    el.counterNote.textContent = note;
    el.counterNote.className = 'counter-note' + (over ? ' is-over' : '');
    el.counterText.textContent = note || t('counter_left', { n: max - n });
    // Screen readers hear the count only when it matters, not on every key.
    var bucket = over ? 'over' : (near ? 'near' : '');
    if (bucket !== lastCounterNote) {
      lastCounterNote = bucket;
      el.counterSr.textContent = note;
    }
    renderSend(n);
  }

  function renderSend(n) {
    if (n === undefined) n = chars(el.idea.value.trim());
    var busy = !!S.pending;
    el.send.disabled = busy || n === 0 || n > S.ideaLimit;
    el.send.textContent = busy ? t('sending') : t('send');
  }

  function setMsg(msg) {
    clearTimeout(S.msgTimer);
    S.msg = msg;
    renderMsg();
    if (msg && msg.kind === 'ok') {
      S.msgTimer = setTimeout(function () { if (S.msg === msg) setMsg(null); }, 5000);
    }
  }

  function renderMsg() {
    var m = S.msg;
    var text = '';
    var kind = '';
    if (m) {
      kind = m.kind;
      if (m.key) text = t(m.key);
      else text = errorText(m.code, m.message);
    }
    el.ideaMsg.className = 'form-msg' + (kind ? ' is-' + kind : '');
    if (el.ideaMsg.textContent !== text) el.ideaMsg.textContent = text;
  }

  function errorText(code, message) {
    var key = 'err_' + code;
    if (code && typeof S.strings[key] === 'string') {
      return t(key, { max: code === 'name_too_long' ? S.nameLimit : S.ideaLimit });
    }
    if (typeof message === 'string' && message) return message;
    return t('err_generic');
  }

  /* ---- connection ---------------------------------------------------------------------- */

  function wsUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  }

  function connect() {
    clearTimeout(S.retryTimer);
    S.retryTimer = 0;
    if (S.ws || !S.wanted || S.fatal) return;
    setStatus(S.everWelcomed ? 'reconnecting' : 'connecting');
    var sock;
    try {
      sock = new WebSocket(wsUrl(), SUBPROTOCOL);
    } catch (e) {
      scheduleRetry(false);
      return;
    }
    S.ws = sock;
    S.welcomed = false;
    S.helloTries = 0;
    S.welcomeTimer = setTimeout(function () { if (S.ws === sock && !S.welcomed) drop(sock); }, WELCOME_TIMEOUT_MS);
    sock.onopen = function () { if (S.ws === sock) sendHello(); };
    sock.onmessage = function (ev) { if (S.ws === sock) onMessage(ev.data); };
    sock.onclose = function (ev) { if (S.ws === sock) lost(ev.code); };
  }

  // Give up on a socket at once, without waiting for a closing handshake that may never come.
  function drop(sock) {
    if (S.ws !== sock) return;
    detach(sock);
    lost(0);
  }

  function detach(sock) {
    sock.onopen = sock.onmessage = sock.onclose = sock.onerror = null;
    try { sock.close(1000); } catch (e) { /* already closing */ }
  }

  function lost(code) {
    S.ws = null;
    S.welcomed = false;
    S.closeCode = code;
    clearTimeout(S.welcomeTimer);
    clearTimeout(S.ackTimer);
    if (!S.wanted || S.fatal) { setStatus('idle'); return; }
    if (code === 1013) setStatus('full');
    else if (navigator.onLine === false) setStatus('offline');
    else setStatus(S.everWelcomed ? 'reconnecting' : 'connecting');
    if (S.pending) setMsg({ kind: 'wait', key: 'queued' });
    scheduleRetry(code === 1013);
  }

  function scheduleRetry(slow) {
    clearTimeout(S.retryTimer);
    var base = slow ? RETRY_MAX_MS : Math.min(RETRY_MAX_MS, RETRY_MIN_MS * Math.pow(2, S.attempt));
    S.attempt++;
    var delay = base / 2 + Math.random() * base / 2;
    S.retryTimer = setTimeout(connect, delay);
    renderJoin();
  }

  // Back in view or back online: try now instead of waiting for the backoff.
  function connectNow() {
    if (!S.wanted || S.ws) return;
    S.attempt = 0;
    connect();
  }

  // Start a fresh connection now (e.g. to send a new name in a new hello).
  function reconnect() {
    if (S.ws) { detach(S.ws); S.ws = null; S.welcomed = false; }
    clearTimeout(S.welcomeTimer);
    clearTimeout(S.ackTimer);
    S.attempt = 0;
    connect();
  }

  function sendRaw(obj) {
    if (!S.ws || S.ws.readyState !== 1) return false;
    try { S.ws.send(JSON.stringify(obj)); return true; } catch (e) { return false; }
  }

  function sendHello() {
    S.helloTries++;
    var hello = { type: 'hello', proto: PROTO, name: clip(S.name, S.nameLimit) };
    if (S.sendLang) hello.lang = S.lang;
    if (TOKEN_RE.test(S.token || '')) hello.token = S.token;
    sendRaw(hello);
  }

  function onMessage(data) {
    var m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    if (m.type === 'welcome') onWelcome(m);
    else if (m.type === 'idea.added') onIdeaAdded(m.idea);
    else if (m.type === 'ack') onAck(m);
    else if (m.type === 'presence') onPresence(m);
    else if (m.type === 'error') onError(m);
  }

  function validIdea(i) {
    return i && typeof i === 'object' && typeof i.id === 'number' && typeof i.text === 'string';
  }

  function onWelcome(m) {
    clearTimeout(S.welcomeTimer);
    S.welcomed = true;
    S.everWelcomed = true;
    S.attempt = 0;
    var you = m.you && typeof m.you === 'object' ? m.you : {};
    S.you = you;
    if (typeof you.token === 'string' && TOKEN_RE.test(you.token)) {
      S.token = you.token;
      store.set('token', you.token);
    }
    if (typeof you.name === 'string') {
      S.name = you.name;
      store.set('name', you.name);
    }
    if (m.session && typeof m.session.title === 'string') {
      S.title = m.session.title;
      store.set('title', S.title);
    }
    S.activity = m.activity && typeof m.activity === 'object' ? m.activity : null;
    if (m.limits && typeof m.limits === 'object') {
      if (m.limits.idea_chars > 0) S.ideaLimit = m.limits.idea_chars;
      if (m.limits.name_chars > 0) S.nameLimit = m.limits.name_chars;
      el.name.maxLength = S.nameLimit;
    }
    if (typeof m.phones === 'number') S.phones = m.phones;
    S.ideas = [];
    S.seen = {};
    var list = Array.isArray(m.ideas) ? m.ideas : [];
    for (var i = 0; i < list.length; i++) {
      if (validIdea(list[i]) && !S.seen[list[i].id]) { S.seen[list[i].id] = true; S.ideas.push(list[i]); }
    }
    S.ideas.sort(function (a, b) { return a.id - b.id; });
    if (!S.editing) showScreen('room');
    setStatus('connected');
    renderAll();
    if (S.msg && S.msg.key === 'queued') setMsg(null);
    if (S.pending) resendPending();
  }

  function onIdeaAdded(idea) {
    if (!validIdea(idea) || S.seen[idea.id]) return;
    if (S.activity && typeof idea.activity === 'number' && idea.activity !== S.activity.id) return;
    S.seen[idea.id] = true;
    S.ideas.push(idea);
    if (S.ideas.length > 1 && S.ideas[S.ideas.length - 2].id > idea.id) S.ideas.sort(function (a, b) { return a.id - b.id; });
    insertIdeaNode(idea);
    renderCounts();
  }

  function onPresence(m) {
    if (typeof m.phones === 'number') { S.phones = m.phones; renderRoom(); }
  }

  function onAck(m) {
    var p = S.pending;
    if (!p || m.cid !== p.cid) return;
    finishPending(p);
  }

  function finishPending(p) {
    clearTimeout(S.ackTimer);
    S.pending = null;
    // Clear the box only if it still holds what was sent: never lose newer typing.
    if (el.idea.value.trim() === p.text) {
      el.idea.value = '';
      store.set('draft', null);
    }
    setMsg({ kind: 'ok', key: 'sent' });
    renderCounter();
  }

  function onError(m) {
    if (!S.welcomed) { onHelloError(m); return; }
    var p = S.pending;
    var textCode = m.code === 'empty_text' || m.code === 'text_too_long' || m.code === 'bad_utf8';
    if (p && (m.cid === p.cid || (m.cid === undefined && textCode))) {
      clearTimeout(S.ackTimer);
      S.pending = null;
    }
    setMsg({ kind: 'error', code: m.code, message: m.message });
    renderSend();
  }

  function onHelloError(m) {
    var code = m.code;
    if (code === 'unsupported_proto') {
      S.fatal = true;
      S.wanted = false;
      if (S.ws) { detach(S.ws); S.ws = null; }
      setStatus('idle');
      setMsg({ kind: 'error', code: code });
      return;
    }
    if (S.helloTries < 4) {
      if (code === 'bad_token') { S.token = null; store.set('token', null); sendHello(); return; }
      if (code === 'name_too_long') { S.nameLimit = Math.max(1, S.nameLimit - 10); sendHello(); return; }
      if (code === 'bad_lang') { S.sendLang = false; sendHello(); return; }
    }
    if (S.ws) drop(S.ws);
  }

  /* ---- posting ------------------------------------------------------------------------- */

  function submitIdea() {
    if (S.pending) return;
    var text = el.idea.value.trim();
    var n = chars(text);
    if (n === 0) { setMsg({ kind: 'error', code: 'empty_text' }); return; }
    if (n > S.ideaLimit) { setMsg({ kind: 'error', code: 'text_too_long' }); return; }
    S.seq++;
    S.pending = { cid: 'p' + Date.now().toString(36) + '-' + S.seq, text: text, mineBefore: mineCount(text) };
    renderSend();
    if (S.welcomed) {
      setMsg(null);
      transmit(S.pending);
    } else {
      setMsg({ kind: 'wait', key: 'queued' });
      connectNow();
    }
  }

  function transmit(p) {
    if (!sendRaw({ type: 'idea.post', cid: p.cid, text: p.text })) {
      if (S.ws) drop(S.ws);
      return;
    }
    clearTimeout(S.ackTimer);
    var sock = S.ws;
    S.ackTimer = setTimeout(function () {
      // Sent, but no answer: treat the link as dead; the reconnect resends if needed.
      if (S.pending === p && S.ws === sock) drop(sock);
    }, ACK_TIMEOUT_MS);
  }

  // After a reconnect: was the queued idea already taken? If not, send what the box holds now.
  function resendPending() {
    var p = S.pending;
    if (mineCount(p.text) > p.mineBefore) { finishPending(p); return; }
    var text = el.idea.value.trim();
    var n = chars(text);
    if (n === 0 || n > S.ideaLimit) { S.pending = null; renderCounter(); return; }
    if (text !== p.text) { p.text = text; p.mineBefore = mineCount(text); }
    transmit(p);
  }

  /* ---- joining ------------------------------------------------------------------------- */

  function submitJoin() {
    var name = clip(el.name.value.trim(), S.nameLimit);
    var changed = name !== S.name;
    S.name = name;
    store.set('name', name);
    if (S.editing) {
      S.editing = false;
      showScreen('room');
      renderRoom();
      el.changeName.focus();
      if (changed) reconnect();
      return;
    }
    if (S.wanted && !S.welcomed) { connectNow(); return; }
    S.wanted = true;
    S.fatal = false;
    renderJoin();
    connectNow();
  }

  function openNameEditor() {
    S.editing = true;
    el.name.value = S.name;
    showScreen('join');
    window.scrollTo(0, 0);
    el.name.focus({ preventScroll: true });
  }

  function closeNameEditor() {
    S.editing = false;
    showScreen('room');
    el.changeName.focus();
  }

  /* ---- start --------------------------------------------------------------------------- */

  function bind() {
    var ids = {
      join: 'join', room: 'room', barTitle: 'bar-title', status: 'status', statusText: 'status-text',
      joinForm: 'join-form', joinEyebrow: 'join-eyebrow', joinTitle: 'join-title', joinIntro: 'join-intro',
      name: 'name', joinButton: 'join-button', joinCancel: 'join-cancel', joinError: 'join-error',
      prompt: 'prompt', presence: 'presence', ideaForm: 'idea-form', idea: 'idea', counter: 'counter',
      counterSr: 'counter-sr', counterNote: 'counter-note', counterText: 'counter-text', ideaMsg: 'idea-msg', send: 'send', list: 'idea-list', empty: 'empty',
      tabAll: 'tab-all', tabMine: 'tab-mine', countAll: 'count-all', countMine: 'count-mine',
      whoText: 'who-text', changeName: 'change-name', lang: 'lang'
    };
    Object.keys(ids).forEach(function (k) { el[k] = $(ids[k]); });

    LANGS.forEach(function (l) {
      var o = make('option', '', l.name);
      o.value = l.code;
      o.lang = l.code;
      el.lang.appendChild(o);
    });
    el.lang.addEventListener('change', function () {
      var code = el.lang.value;
      setLang(code, true).catch(function () { el.lang.value = S.lang; });
    });

    el.joinForm.addEventListener('submit', function (e) { e.preventDefault(); submitJoin(); });
    el.joinCancel.addEventListener('click', closeNameEditor);
    el.changeName.addEventListener('click', openNameEditor);

    el.ideaForm.addEventListener('submit', function (e) { e.preventDefault(); submitIdea(); });
    el.idea.addEventListener('input', function () {
      store.set('draft', el.idea.value || null);
      if (S.msg && (S.msg.kind === 'ok' || S.msg.code === 'empty_text' || S.msg.code === 'text_too_long')) setMsg(null);
      renderCounter();
    });
    el.idea.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submitIdea(); }
    });

    el.tabAll.addEventListener('click', function () { setFilter('all'); });
    el.tabMine.addEventListener('click', function () { setFilter('mine'); });

    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') connectNow();
    });
    window.addEventListener('online', connectNow);
    window.addEventListener('pageshow', connectNow);
    window.addEventListener('offline', function () { if (S.wanted && !S.welcomed) setStatus('offline'); });
  }

  function start() {
    bind();
    el.name.value = S.name;
    var draft = store.get('draft');
    if (draft) el.idea.value = draft;
    var returning = TOKEN_RE.test(S.token || '');
    var lang = pickLang();
    setLang(lang, false).catch(function () {
      return lang === 'en' ? null : setLang('en', false);
    }).catch(function () { /* strings unavailable: show what we have */ }).then(function () {
      document.documentElement.classList.remove('loading');
      if (returning) {
        // Same phone, same participant: straight back into the room.
        S.wanted = true;
        showScreen('room');
        connect();
      } else {
        showScreen('join');
      }
      renderAll();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
