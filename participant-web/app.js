/* Medskapa phone page: join, see the question, post ideas, see everyone's ideas live.
 * Speaks docs/protocol.md (v1). Plain ES2017: no framework, no build step, no inline script or
 * style (the host sends a strict CSP). Every user-visible string is in i18n/<lang>.json. */
(function () {
  'use strict';

  // Languages with a strings file: code, the language's own name, writing direction.
  var LANGS = [['sv', 'Svenska', 'ltr'], ['en', 'English', 'ltr']];
  var RETRY_MIN = 500, RETRY_MAX = 10000; // reconnect delay (ms): doubles, capped, with jitter
  var WELCOME_WAIT = 10000;               // connected but no welcome this long: try again
  var ACK_WAIT = 10000;                   // idea sent but no answer this long: the link is dead
  var AWAY_RECONNECT = 30000;             // hidden this long: reconnect on return to catch up
  var TOKEN_RE = /^[0-9a-f]{32}$/;

  // localStorage where allowed, memory where not (private mode, locked-down WebViews).
  var mem = {};
  function load(k) {
    try { var v = localStorage.getItem('medskapa.' + k); if (v !== null) return v; } catch (e) { /* memory */ }
    return k in mem ? mem[k] : null;
  }
  function save(k, v) {
    if (v == null) delete mem[k]; else mem[k] = String(v);
    try {
      if (v == null) localStorage.removeItem('medskapa.' + k); else localStorage.setItem('medskapa.' + k, v);
    } catch (e) { /* memory only */ }
  }

  var S = {
    lang: 'en', strings: {}, loaded: {},
    token: load('token'), name: load('name') || '', title: load('title') || '',
    you: null,
    activity: undefined,   // undefined: not known yet; null: the agenda is empty
    ideas: [], seen: {},   // ideas of the current activity, oldest first; ids seen
    phones: 0, ideaLimit: 280, nameLimit: 40,
    filter: 'all', screen: '', editing: false,
    wanted: false,         // the participant has joined: stay connected
    ws: null, welcomed: false, everWelcomed: false, fatal: false, sendLang: true, helloTries: 0,
    attempt: 0, retryTimer: 0, welcomeTimer: 0, ackTimer: 0, hiddenAt: 0,
    status: 'idle',
    pending: null,         // {cid, text, mineBefore}: an idea sent or queued, not yet acked
    seq: 0, msg: null, msgTimer: 0, note: ''
  };
  var el = {};

  /* ---- strings ---- */

  function t(key, vars) {
    var s = typeof S.strings[key] === 'string' ? S.strings[key] : key;
    return !vars ? s : s.replace(/\{(\w+)\}/g, function (all, k) { return k in vars ? String(vars[k]) : all; });
  }

  function tn(key, n) {
    var cat = n === 1 ? 'one' : 'other';
    try { cat = new Intl.PluralRules(S.lang).select(n); } catch (e) { /* old browser */ }
    return t(typeof S.strings[key + '_' + cat] === 'string' ? key + '_' + cat : key + '_other', { n: n });
  }

  function langInfo(code) {
    for (var i = 0; i < LANGS.length; i++) if (LANGS[i][0] === code) return LANGS[i];
    return null;
  }

  function pickLang() {
    var saved = load('lang');
    if (langInfo(saved)) return saved;
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < prefs.length; i++) {
      var base = String(prefs[i]).toLowerCase().split('-')[0];
      if (langInfo(base)) return base;
    }
    return 'en';
  }

  function setLang(code, remember) {
    var got = S.loaded[code] ? Promise.resolve(S.loaded[code]) : fetch('i18n/' + code + '.json').then(function (r) {
      if (!r.ok) throw new Error('i18n ' + code + ': HTTP ' + r.status);
      return r.json();
    });
    return got.then(function (strings) {
      S.loaded[code] = S.strings = strings;
      S.lang = code;
      document.documentElement.lang = code;
      document.documentElement.dir = langInfo(code)[2];
      if (remember) save('lang', code);
      var nodes = document.querySelectorAll('[data-i18n]');
      for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
      el.idea.placeholder = t('idea_placeholder');
      el.lang.value = code;
      S.note = null;
      renderAll();
    });
  }

  /* ---- helpers ---- */

  function chars(s) { return Array.from(s).length; } // code points, as the host counts

  function clip(s, max) { var a = Array.from(s); return a.length > max ? a.slice(0, max).join('') : s; }

  function make(tag, cls, text) {
    var n = document.createElement(tag);
    n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function isMine(idea) { return !!S.you && idea.author === S.you.id; }

  function mineCount(text) {
    return S.ideas.filter(function (i) { return isMine(i) && (text === undefined || i.text === text); }).length;
  }

  function byId(a, b) { return a.id - b.id; }

  /* ---- rendering ---- */

  function renderAll() {
    renderHeader(); renderStatus(); renderJoin(); renderRoom(); renderIdeas(); renderCounter(); renderMsg();
  }

  function showScreen(name) {
    S.screen = name;
    el.join.hidden = name !== 'join';
    el.room.hidden = name !== 'room';
    renderHeader();
    renderJoin();
  }

  function renderHeader() {
    el.barTitle.textContent = S.screen === 'room' && S.title ? S.title : t('app_name');
    document.title = S.title ? S.title + ' · ' + t('app_name') : t('app_name');
  }

  function setStatus(status) { S.status = status; renderStatus(); renderJoin(); }

  function renderStatus() {
    el.status.setAttribute('data-state', S.status);
    var text = S.status === 'idle' ? '' : t('status_' + S.status);
    if (el.statusText.textContent !== text) el.statusText.textContent = text; // live region: only real changes
  }

  function renderJoin() {
    var ed = S.editing, joining = !ed && S.wanted && !S.welcomed;
    el.joinEyebrow.hidden = el.joinIntro.hidden = ed;
    el.joinCancel.hidden = !ed;
    el.joinTitle.textContent = ed ? t('edit_title') : S.title || t('join_title_unknown');
    el.joinButton.textContent = t(ed ? 'save_name' : joining ? 'joining' : 'join_button');
    el.joinButton.setAttribute('aria-disabled', String(joining));
    var err = S.fatal ? t('err_unsupported_proto') : joining && S.attempt > 0 ? t(S.status === 'full' ? 'join_full' : 'join_unreachable') : '';
    el.joinError.className = 'form-msg ' + (S.fatal ? 'is-error' : 'is-wait');
    if (el.joinError.textContent !== err) el.joinError.textContent = err;
  }

  function renderRoom() {
    var a = S.activity;
    el.prompt.textContent = a === undefined ? t('prompt_loading') : a === null ? t('prompt_none') : a.prompt || a.title || '';
    el.prompt.classList.toggle('is-quiet', !a);
    el.presence.hidden = !(S.phones > 0);
    el.presence.textContent = S.phones > 0 ? tn('presence', S.phones) : '';
    // "Posting as {name}": the name in a <bdi> so an Arabic name in a Swedish sentence stays put.
    el.whoText.textContent = '';
    var parts = t(S.name ? 'posting_as' : 'posting_anon').split('{name}');
    parts.forEach(function (p, i) {
      if (i) el.whoText.appendChild(make('bdi', 'who-name', S.name));
      el.whoText.appendChild(document.createTextNode(p));
    });
  }

  function ideaNode(idea) {
    var mine = isMine(idea);
    var li = make('li', mine ? 'idea is-mine' : 'idea');
    li.setAttribute('data-id', idea.id);
    var p = li.appendChild(make('p', 'idea-text', idea.text));
    p.dir = 'auto';
    var meta = li.appendChild(make('p', 'idea-meta'));
    if (mine) meta.appendChild(make('span', 'badge', t('you')));
    if (!mine || idea.name) {
      meta.appendChild(make('bdi', 'idea-name', idea.name || t(idea.author === 0 ? 'facilitator' : 'anonymous')));
    }
    var d = new Date(idea.at);
    if (!isNaN(d)) {
      var time = meta.appendChild(make('time', 'idea-time', d.toLocaleTimeString(S.lang, { hour: '2-digit', minute: '2-digit' })));
      time.setAttribute('datetime', idea.at);
    }
    return li;
  }

  function renderIdeas() {
    var frag = document.createDocumentFragment();
    for (var i = S.ideas.length - 1; i >= 0; i--) frag.appendChild(ideaNode(S.ideas[i]));
    el.ideaList.textContent = '';
    el.ideaList.appendChild(frag);
    renderCounts();
  }

  function insertIdea(idea) { // newest first, highlighted as it arrives
    var node = ideaNode(idea), kids = el.ideaList.children, i = 0;
    node.classList.add('is-new');
    node.addEventListener('animationend', function () { node.classList.remove('is-new'); });
    while (i < kids.length && Number(kids[i].getAttribute('data-id')) > idea.id) i++;
    el.ideaList.insertBefore(node, kids[i] || null);
  }

  function renderCounts() {
    var mine = mineCount();
    el.countAll.textContent = S.ideas.length;
    el.countMine.textContent = mine;
    var empty = S.filter === 'all' ? (S.ideas.length ? '' : t('empty_all')) : (mine ? '' : t('empty_mine'));
    el.empty.textContent = empty;
    el.empty.hidden = !empty;
  }

  function setFilter(filter) {
    S.filter = filter;
    el.ideaList.setAttribute('data-filter', filter);
    el.tabAll.setAttribute('aria-pressed', String(filter === 'all'));
    el.tabMine.setAttribute('aria-pressed', String(filter === 'mine'));
    renderCounts();
  }

  function renderCounter() {
    var n = chars(el.idea.value.trim()), max = S.ideaLimit, over = n > max, near = !over && n > max - 20;
    el.counter.textContent = n + ' / ' + max;
    el.counter.className = 'counter' + (over ? ' is-over' : near ? ' is-near' : '');
    el.idea.classList.toggle('is-over', over);
    el.idea.setAttribute('aria-invalid', String(over));
    var note = over ? t('counter_over', { n: n - max }) : near ? t('counter_left', { n: max - n }) : '';
    el.counterNote.textContent = note;
    el.counterNote.className = 'counter-note' + (over ? ' is-over' : '');
    el.counterText.textContent = note || t('counter_left', { n: max - n });
    // The live region speaks when the count starts to matter, not on every key.
    var level = over ? 'over' : near ? 'near' : '';
    if (level !== S.note) { S.note = level; el.counterSr.textContent = note; }
    renderSend(n);
  }

  function renderSend(n) {
    if (n === undefined) n = chars(el.idea.value.trim());
    el.send.disabled = !!S.pending || n === 0 || n > S.ideaLimit;
    el.send.textContent = t(S.pending ? 'sending' : 'send');
  }

  function setMsg(msg) {
    clearTimeout(S.msgTimer);
    S.msg = msg;
    renderMsg();
    if (msg && msg.kind === 'ok') S.msgTimer = setTimeout(function () { if (S.msg === msg) setMsg(null); }, 5000);
  }

  function renderMsg() {
    var m = S.msg, text = !m ? '' : m.key ? t(m.key) : errorText(m.code, m.message);
    el.ideaMsg.className = 'form-msg' + (m ? ' is-' + m.kind : '');
    if (el.ideaMsg.textContent !== text) el.ideaMsg.textContent = text;
  }

  // The host's error code in the reader's language; the host's own words if we have none.
  function errorText(code, message) {
    if (code && typeof S.strings['err_' + code] === 'string') {
      return t('err_' + code, { max: code === 'name_too_long' ? S.nameLimit : S.ideaLimit });
    }
    return typeof message === 'string' && message ? message : t('err_generic');
  }

  /* ---- connection ---- */

  function connect() {
    clearTimeout(S.retryTimer);
    if (S.ws || !S.wanted || S.fatal) return;
    setStatus(S.everWelcomed ? 'reconnecting' : 'connecting');
    var sock;
    try {
      sock = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws', 'medskapa.v1');
    } catch (e) {
      return retry(false);
    }
    S.ws = sock;
    S.welcomed = false;
    S.helloTries = 0;
    S.welcomeTimer = setTimeout(function () { if (S.ws === sock && !S.welcomed) drop(); }, WELCOME_WAIT);
    sock.onopen = function () { if (S.ws === sock) sendHello(); };
    sock.onmessage = function (ev) { if (S.ws === sock) onMessage(ev.data); };
    sock.onclose = function (ev) { if (S.ws === sock) lost(ev.code); };
  }

  // Let go of the socket at once, without waiting for a closing handshake that may never come.
  function detach() {
    var sock = S.ws;
    S.ws = null;
    S.welcomed = false;
    clearTimeout(S.welcomeTimer);
    clearTimeout(S.ackTimer);
    if (!sock) return;
    sock.onopen = sock.onmessage = sock.onclose = null;
    try { sock.close(1000); } catch (e) { /* closing already */ }
  }

  function drop() { detach(); lost(0); }

  function lost(code) {
    detach();
    if (!S.wanted || S.fatal) return setStatus('idle');
    setStatus(code === 1013 ? 'full' : navigator.onLine === false ? 'offline' : S.everWelcomed ? 'reconnecting' : 'connecting');
    if (S.pending) setMsg({ kind: 'wait', key: 'queued' });
    retry(code === 1013);
  }

  function retry(slow) {
    clearTimeout(S.retryTimer);
    var base = slow ? RETRY_MAX : Math.min(RETRY_MAX, RETRY_MIN * Math.pow(2, S.attempt));
    S.attempt++;
    S.retryTimer = setTimeout(connect, base / 2 + Math.random() * base / 2);
    renderJoin();
  }

  function connectNow() { // back in view, back online, or the user asks: don't wait for the backoff
    if (!S.wanted || S.ws) return;
    S.attempt = 0;
    connect();
  }

  function reconnect() { detach(); S.attempt = 0; connect(); }

  function send(obj) {
    try { S.ws.send(JSON.stringify(obj)); return true; } catch (e) { return false; }
  }

  function sendHello() {
    S.helloTries++;
    var hello = { type: 'hello', proto: 1, name: clip(S.name, S.nameLimit) };
    if (S.sendLang) hello.lang = S.lang;
    if (TOKEN_RE.test(S.token || '')) hello.token = S.token;
    send(hello);
  }

  function onMessage(data) {
    var m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object') return;
    if (m.type === 'welcome') onWelcome(m);
    else if (m.type === 'idea.added') onIdeaAdded(m.idea);
    else if (m.type === 'ack') { if (S.pending && m.cid === S.pending.cid) acked(S.pending); }
    else if (m.type === 'presence') { if (typeof m.phones === 'number') { S.phones = m.phones; renderRoom(); } }
    else if (m.type === 'error') onError(m);
  }

  function validIdea(i) { return !!i && typeof i.id === 'number' && typeof i.text === 'string'; }

  function onWelcome(m) {
    clearTimeout(S.welcomeTimer);
    S.welcomed = S.everWelcomed = true;
    S.attempt = 0;
    var you = S.you = m.you || {};
    if (TOKEN_RE.test(you.token)) save('token', S.token = you.token);
    if (typeof you.name === 'string') save('name', S.name = you.name);
    if (m.session && typeof m.session.title === 'string') save('title', S.title = m.session.title);
    S.activity = m.activity || null;
    var lim = m.limits || {};
    if (lim.idea_chars > 0) S.ideaLimit = lim.idea_chars;
    if (lim.name_chars > 0) el.name.maxLength = S.nameLimit = lim.name_chars;
    if (typeof m.phones === 'number') S.phones = m.phones;
    S.ideas = [];
    S.seen = {};
    (Array.isArray(m.ideas) ? m.ideas : []).forEach(function (i) {
      if (validIdea(i) && !S.seen[i.id]) { S.seen[i.id] = true; S.ideas.push(i); }
    });
    S.ideas.sort(byId);
    if (!S.editing) showScreen('room');
    setStatus('connected');
    renderAll();
    if (S.msg && S.msg.key === 'queued') setMsg(null);
    if (S.pending) resend(S.pending);
  }

  function onIdeaAdded(idea) {
    if (!validIdea(idea) || S.seen[idea.id]) return;
    if (S.activity && typeof idea.activity === 'number' && idea.activity !== S.activity.id) return;
    S.seen[idea.id] = true;
    S.ideas.push(idea);
    S.ideas.sort(byId);
    insertIdea(idea);
    renderCounts();
  }

  function onError(m) {
    if (!S.welcomed) return helloRefused(m.code);
    var p = S.pending;
    var textCode = /^(empty_text|text_too_long|bad_utf8)$/.test(m.code);
    if (p && (m.cid === p.cid || (m.cid === undefined && textCode))) {
      clearTimeout(S.ackTimer);
      S.pending = null;
    }
    setMsg({ kind: 'error', code: m.code, message: m.message }); // the typed text stays in the box
    renderSend();
  }

  function helloRefused(code) {
    if (code === 'unsupported_proto') { // this page is older than the host: only a reload helps
      S.fatal = true;
      detach();
      setStatus('idle');
      return setMsg({ kind: 'error', code: code });
    }
    if (S.helloTries < 4) { // fix what the host did not like and ask again on this connection
      if (code === 'bad_token') { save('token', S.token = null); return sendHello(); }
      if (code === 'name_too_long') { S.name = clip(S.name, 20); return sendHello(); }
      if (code === 'bad_lang') { S.sendLang = false; return sendHello(); }
    }
    drop();
  }

  /* ---- posting ---- */

  function submitIdea() {
    if (S.pending) return;
    var text = el.idea.value.trim(), n = chars(text);
    if (!n || n > S.ideaLimit) return setMsg({ kind: 'error', code: n ? 'text_too_long' : 'empty_text' });
    S.pending = { cid: 'p' + Date.now().toString(36) + '-' + (++S.seq), text: text, mineBefore: mineCount(text) };
    renderSend();
    if (S.welcomed) {
      setMsg(null);
      transmit(S.pending);
    } else {
      setMsg({ kind: 'wait', key: 'queued' }); // sent as soon as we are back
      connectNow();
    }
  }

  function transmit(p) {
    if (!send({ type: 'idea.post', cid: p.cid, text: p.text })) return drop();
    var sock = S.ws;
    clearTimeout(S.ackTimer);
    S.ackTimer = setTimeout(function () { if (S.pending === p && S.ws === sock) drop(); }, ACK_WAIT);
  }

  function acked(p) {
    clearTimeout(S.ackTimer);
    S.pending = null;
    if (el.idea.value.trim() === p.text) { // clear only what was sent: never lose newer typing
      el.idea.value = '';
      save('draft', null);
    }
    setMsg({ kind: 'ok', key: 'sent' });
    renderCounter();
  }

  // Back after a break with an idea in flight: if the host has it, it was taken; else send the
  // box's current text.
  function resend(p) {
    if (mineCount(p.text) > p.mineBefore) return acked(p);
    var text = el.idea.value.trim(), n = chars(text);
    if (!n || n > S.ideaLimit) { S.pending = null; return renderCounter(); }
    if (text !== p.text) { p.text = text; p.mineBefore = mineCount(text); }
    transmit(p);
  }

  /* ---- joining and the name ---- */

  function submitJoin() {
    var name = clip(el.name.value.trim(), S.nameLimit), changed = name !== S.name;
    save('name', S.name = name);
    if (S.editing) {
      closeNameEditor();
      if (changed) reconnect(); // a new hello carries the new name
      return;
    }
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
    renderRoom();
    el.changeName.focus();
  }

  /* ---- start ---- */

  function start() {
    // Every element with an id, by camelCased id: el.ideaList is #idea-list.
    var all = document.querySelectorAll('[id]');
    for (var i = 0; i < all.length; i++) el[all[i].id.replace(/-(\w)/g, function (x, c) { return c.toUpperCase(); })] = all[i];

    LANGS.forEach(function (l) {
      var o = make('option', '', l[1]);
      o.value = o.lang = l[0];
      el.lang.appendChild(o);
    });
    el.lang.addEventListener('change', function () {
      setLang(el.lang.value, true).catch(function () { el.lang.value = S.lang; });
    });
    el.joinForm.addEventListener('submit', function (e) { e.preventDefault(); submitJoin(); });
    el.joinCancel.addEventListener('click', closeNameEditor);
    el.changeName.addEventListener('click', openNameEditor);
    el.ideaForm.addEventListener('submit', function (e) { e.preventDefault(); submitIdea(); });
    el.idea.addEventListener('input', function () {
      save('draft', el.idea.value || null); // survives a reload
      if (S.msg && (S.msg.kind === 'ok' || /^(empty_text|text_too_long)$/.test(S.msg.code))) setMsg(null);
      renderCounter();
    });
    el.idea.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (!el.send.disabled) submitIdea(); }
    });
    el.tabAll.addEventListener('click', function () { setFilter('all'); });
    el.tabMine.addEventListener('click', function () { setFilter('mine'); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { S.hiddenAt = Date.now(); return; }
      // A phone that slept may hold a socket that is dead without knowing: start afresh.
      if (S.ws && S.hiddenAt && Date.now() - S.hiddenAt > AWAY_RECONNECT) reconnect(); else connectNow();
    });
    window.addEventListener('online', connectNow);
    window.addEventListener('pageshow', connectNow);
    window.addEventListener('offline', function () { if (S.wanted && !S.welcomed) setStatus('offline'); });

    el.name.value = S.name;
    el.idea.value = load('draft') || '';
    var lang = pickLang();
    setLang(lang, false).catch(function () { return setLang('en', false); }).catch(function () { /* no strings */ }).then(function () {
      document.documentElement.classList.remove('loading');
      if (TOKEN_RE.test(S.token || '')) { // a known phone goes straight back into the room
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
