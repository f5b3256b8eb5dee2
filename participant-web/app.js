/* Medskapa phone page: join, follow the board's current activity (ideas, dot vote, poll, timer),
 * post ideas, vote, answer. Speaks docs/protocol.md (v1). Plain ES2017: no framework, no build
 * step, no inline script or style (the host sends a strict CSP). Every user-visible string is in
 * i18n/<lang>.json. The facilitator remote (facilitator.js) is loaded only with a facilitator key. */
(function () {
  'use strict';

  // Languages with a strings file: code, the language's own name, writing direction.
  var LANGS = [['sv', 'Svenska', 'ltr'], ['en', 'English', 'ltr'], ['ar', 'العربية', 'rtl'], ['fa', 'دری', 'rtl'],
    ['ti', 'ትግርኛ', 'ltr'], ['so', 'Soomaali', 'ltr'], ['uk', 'Українська', 'ltr']];
  var ALIAS = { prs: 'fa', pes: 'fa', fas: 'fa', per: 'fa' }; // Dari and Persian by their other codes
  var RETRY_MIN = 500, RETRY_MAX = 10000; // reconnect delay (ms): doubles, capped, with jitter
  var WELCOME_WAIT = 10000;               // connected but no welcome this long: try again
  var ACK_WAIT = 10000;                   // idea sent but no answer this long: the link is dead
  var PHOTO_WAIT = 30000;                 // the same for an idea with a photo (some 400 KB to send)
  var AWAY_RECONNECT = 30000;             // hidden this long: reconnect on return to catch up
  var TOKEN_RE = /^[0-9a-f]{32}$/, KEY_RE = /^[0-9a-fA-F]{32}$/;
  var AC = window.AudioContext || window.webkitAudioContext; // plays recorded prompts

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
    token: load('token'), name: load('name') || '', title: load('title') || '', key: null,
    you: null, fac: false,
    activity: undefined,   // undefined: not known yet; null: the agenda is empty
    agenda: [], items: [], groups: [], proxies: [], results: null,
    mine: { dots: {}, answer: null }, pmine: {}, over: {}, actAs: 0,
    ideas: [], seen: {},   // ideas of the current activity, oldest first; ids seen
    phones: 0, ideaLimit: 280, nameLimit: 40, cat: -1,
    timer: null, timerPrev: 0, tick: 0,
    filter: 'all', screen: '', editing: false, mode: 'lead',
    wanted: false,         // the participant has joined: stay connected
    ws: null, welcomed: false, everWelcomed: false, fatal: false, sendLang: true, helloTries: 0,
    attempt: 0, retryTimer: 0, welcomeTimer: 0, ackTimer: 0, hiddenAt: 0,
    status: 'idle',
    pending: null,         // {cid, text, mineBefore}: an idea sent or queued, not yet acked
    reqs: {},
    seq: 0, msg: null, msgTimer: 0, note: '', dockTimer: 0, pollSig: '',
    meetLang: 'sv', voices: [], clips: {}, saying: null, // read aloud: recordings fetched, what is said
    orig: {},              // ideas whose original is shown instead of their rendering
    shot: null, helpOn: false, wait: {}, // the photo to send; the signals open; parts on their way
    vq: []                 // votes.mine, answer.mine, results before vote.js is there
  };
  var el = {};
  var hooks = { render: null, message: null }; // set by facilitator.js
  var ready = {}; // the parts fetched so far, by name (need())

  /* ---- strings ---- */

  function t(key, vars) {
    var s = typeof S.strings[key] === 'string' ? S.strings[key] : key;
    return !vars ? s : s.replace(/\{(\w+)\}/g, function (all, k) { return k in vars ? String(vars[k]) : all; });
  }

  // CLDR plural categories of whole numbers, for the languages we have (no Intl: same on old phones).
  function plural(lang, n) {
    var m10 = n % 10, m100 = n % 100;
    if (n % 1 || n < 0) return 'other';
    if (lang === 'ar') return n < 3 ? ['zero', 'one', 'two'][n] : m100 >= 3 && m100 <= 10 ? 'few' : m100 >= 11 ? 'many' : 'other';
    if (lang === 'uk') return m10 === 1 && m100 !== 11 ? 'one' : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? 'few' : 'many';
    return n === 1 || (n === 0 && (lang === 'fa' || lang === 'ti')) ? 'one' : 'other';
  }

  // "{n} dots" in the form the number needs; key_other when the language has no such form.
  function tn(key, n, vars) {
    var k = key + '_' + plural(S.lang, n);
    return t(typeof S.strings[k] === 'string' ? k : key + '_other', Object.assign({ n: n }, vars));
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
      base = ALIAS[base] || base; // fa-AF, fa-IR: fa
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
      var changed = S.lang !== code;
      S.lang = code;
      document.documentElement.lang = code;
      document.documentElement.dir = langInfo(code)[2];
      if (remember) save('lang', code);
      translate(document);
      el.lang.value = code;
      S.note = null;
      S.pollSig = '';
      renderAll();
      if (changed) relang();
    });
  }

  // The host keeps each participant's language: say hello again (a new connection) so it hears
  // the new one. Waits for anything in flight, and keeps the status quiet meanwhile.
  function relang() {
    clearTimeout(S.relangTimer);
    if (!S.ws) return; // the next hello carries it
    if (S.pending || Object.keys(S.reqs).length) { S.relangTimer = setTimeout(relang, 500); return; }
    S.quiet = true;
    reconnect();
  }

  function translate(root) {
    var nodes = root.querySelectorAll('[data-i18n]'), i;
    for (i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
    nodes = root.querySelectorAll('[data-i18n-label]');
    for (i = 0; i < nodes.length; i++) nodes[i].setAttribute('aria-label', t(nodes[i].getAttribute('data-i18n-label')));
  }

  /* ---- helpers ---- */

  function chars(s) { return Array.from(s).length; } // code points, as the host counts

  function clip(s, max) { var a = Array.from(s); return a.length > max ? a.slice(0, max).join('') : s; }

  function make(tag, cls, text, parent) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    if (parent) parent.appendChild(n);
    return n;
  }

  // Bidi controls in text someone typed: embeddings and overrides (LRE RLE LRO RLO, closed by
  // PDF) and isolates (LRI RLI FSI, closed by PDI). Every piece of such text is shown in an
  // isolating element (user() below, put() for a name in a sentence); balancing its controls as
  // well means a stray PDI cannot end that isolation early, and an RLO left open cannot turn
  // the time or the count after it around. Unmatched closers go; open ones are closed before
  // each line break and at the end.
  function safe(x) {
    var s = x == null ? '' : String(x), out = '', open = [], i, c, j;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c >= 0x202A && c <= 0x202E && c !== 0x202C) open.push('\u202C');
      else if (c >= 0x2066 && c <= 0x2068) open.push('\u2069');
      else if (c === 0x202C && open[open.length - 1] !== '\u202C') continue; // nothing of its own to close
      else if (c === 0x202C) open.pop();
      else if (c === 0x2069) {
        if ((j = open.lastIndexOf('\u2069')) < 0) continue;
        while (open.length > j) out += open.pop();
        continue;
      } else if (/[\n\r\x1c-\x1e\x85\u2029]/.test(s[i])) while (open.length) out += open.pop();
      out += s[i];
    }
    while (open.length) out += open.pop();
    return out;
  }

  // An element that holds text someone typed (an idea, a name, a group, a title, a choice):
  // balanced by safe(), and isolated (a <bdi>, or dir="auto" with unicode-bidi in style.css).
  function user(tag, cls, text, parent) {
    var n = make(tag, cls, safe(text), parent);
    if (tag !== 'bdi') n.dir = 'auto';
    return n;
  }

  // A translated sentence (with its {placeholders}) into node, each value in a <bdi> of its own.
  function put(node, s, vars) {
    node.textContent = '';
    String(s).split(/\{(\w+)\}/).forEach(function (p, i) {
      if (i % 2) make('bdi', '', vars && p in vars ? safe(vars[p]) : '{' + p + '}', node);
      else if (p) node.appendChild(document.createTextNode(p));
    });
    return node;
  }

  // What the facilitator posted carries this mark: a dark pill with a shield and the word, never
  // plain text, so that no participant's name (always plain text in .idea-name) can look like it.
  function facMark(parent) {
    var m = make('span', 'fac-mark', undefined, parent), ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    m.setAttribute('role', 'img');
    m.setAttribute('aria-label', t('fac_mark'));
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('class', 'fac-mark-icon');
    ['M8 .8l6.4 2.4v4.4c0 3.8-2.7 6.6-6.4 7.6C4.3 14.2 1.6 11.4 1.6 7.6V3.2z', 'M4.9 8l2.2 2.2 4-4.2'].forEach(function (d) {
      svg.appendChild(document.createElementNS(ns, 'path')).setAttribute('d', d);
    });
    m.appendChild(svg);
    make('span', '', t('facilitator'), m);
    return m;
  }

  function btn(cls, text, parent, onClick) {
    var b = make('button', 'btn ' + cls, text, parent);
    b.type = 'button';
    if (onClick) b.addEventListener('click', onClick);
    return b;
  }

  function arr(x) { return Array.isArray(x) ? x : []; }
  function num(x, d) { return typeof x === 'number' && isFinite(x) ? x : d; }
  function isMine(idea) { return !!S.you && idea.author === S.you.id; }
  function byFac(idea) { return idea.author === 0 && !idea.proxy; } // the facilitator's own, not typed in for someone
  function shown(idea) { return !idea.merged_into && (!idea.hidden || isMine(idea) || S.fac); }

  function mineCount(text, photo) {
    return S.ideas.filter(function (i) { return isMine(i) && (text === undefined || i.text === text) && (!photo || !!i.photo); }).length;
  }

  function byId(a, b) { return a.id - b.id; }
  function kind() { return S.activity ? S.activity.kind : ''; }
  function phase() { return S.activity ? S.activity.phase : ''; }
  function isOpen() { return phase() === 'open'; }
  // The facilitator has no dots or answers of her own: she votes and answers only for a proxy.
  function canAct() { return isOpen() && (!S.fac || !!S.actAs); }
  function closedNote(k) { return !isOpen() ? t('ph_' + k + '_' + phase()) : canAct() ? '' : t('fac_vote_note'); }

  // Screen readers hear state changes here ("Voting is open"); set twice in a row, still heard.
  function announce(text, vars) {
    el.announce.textContent = '';
    setTimeout(function () { put(el.announce, text, vars); }, 50);
  }

  // Reuse a list's children by key so focus and open editors survive an update.
  function keyed(list, data, keyOf, create, update) {
    var old = {}, kids = list.children, i;
    for (i = 0; i < kids.length; i++) old[kids[i].getAttribute('data-key')] = kids[i];
    data.forEach(function (d, j) {
      var k = String(keyOf(d)), n = old[k];
      if (!n) { n = create(d); n.setAttribute('data-key', k); } else delete old[k];
      update(n, d);
      if (list.children[j] !== n) list.insertBefore(n, list.children[j] || null);
    });
    for (var k in old) list.removeChild(old[k]);
  }

  /* ---- every voice: pictograms, photos, renderings, read-aloud ---- */

  // The language of a text, to pick a voice: by its script; Latin: its author's, or the meeting's.
  function textLang(text, hint) {
    var l = /[\u1200-\u139f\u2d80-\u2ddf]/.test(text) ? 'ti' : /[\u0600-\u06ff]/.test(text) ? (hint === 'fa' ? 'fa' : 'ar') :
      /[\u0400-\u04ff]/.test(text) ? 'uk' : '';
    return l || (hint && !/^(ti|ar|fa|uk)$/.test(hint) ? hint : S.meetLang);
  }

  // A voice of the phone's own for lang, or null. Never a cloud voice: nothing leaves the room.
  function voiceFor(lang) {
    var vs = S.voices, best = null;
    for (var i = 0; i < vs.length; i++) {
      var l = String(vs[i].lang).toLowerCase().split(/[-_]/)[0];
      if ((ALIAS[l] || l) === lang && vs[i].localService !== false && (!best || vs[i]['default'])) best = vs[i];
    }
    return best;
  }

  // A recorded prompt for the phone's language: of the question (i < 0) or of option i.
  function clipOf(i) {
    var au = S.activity && S.activity.audio && S.activity.audio[S.lang];
    var f = au && (i < 0 ? au.prompt : arr(au.choices)[i]);
    return typeof f === 'string' && f ? { file: f } : null;
  }

  function sayBtn(parent) {
    var b = make('button', 'say', undefined, parent);
    b.type = 'button';
    icon(b, ['M3 9.5v5h4l5 4.5v-14l-5 4.5z', 'M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11']);
    b.addEventListener('click', function () { say(b); });
    setSay(b, null);
    return b;
  }

  // What a "listen" button says: {file} (a recording) or {text, lang}; hidden if it cannot.
  function setSay(b, what) {
    b.say = what;
    b.hidden = !what || !(what.file ? AC : what.text && voiceFor(what.lang));
    b.setAttribute('aria-label', t('listen_label'));
    b.title = t('listen_label');
  }

  function icon(parent, paths) {
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'icon');
    paths.forEach(function (d) { svg.appendChild(document.createElementNS(ns, 'path')).setAttribute('d', d); });
    return parent.appendChild(svg);
  }

  // Read aloud; a second tap stops. Recordings play through Web Audio: the host's CSP has no media-src.
  function say(b) {
    var w = b.say, was = S.saying === b;
    hush();
    if (was || !w) return;
    S.saying = b;
    b.classList.add('is-on');
    if (!w.file) {
      var u = new window.SpeechSynthesisUtterance(w.text), v = voiceFor(w.lang);
      if (v) { u.voice = v; u.lang = v.lang; }
      u.rate = 0.9;
      u.onend = u.onerror = function () { if (S.saying === b) hush(); };
      return window.speechSynthesis.speak(u);
    }
    var ctx = S.actx || (S.actx = new AC());
    if (ctx.resume) ctx.resume(); // phones let sound start only from a tap: this is one
    (S.clips[w.file] || (S.clips[w.file] = fetch('audio/' + encodeURIComponent(w.file)).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.arrayBuffer();
    }).then(function (data) {
      return new Promise(function (ok, fail) { ctx.decodeAudioData(data, ok, fail); });
    }))).then(function (sound) {
      if (S.saying !== b) return;
      var src = S.src = ctx.createBufferSource();
      src.buffer = sound;
      src.connect(ctx.destination);
      src.onended = function () { if (S.src === src) hush(); };
      src.start(0);
    }).catch(function () {
      delete S.clips[w.file];
      if (S.saying === b) hush();
    });
  }

  function hush() {
    if (S.saying) S.saying.classList.remove('is-on');
    S.saying = null;
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    if (S.src) try { S.src.stop(); } catch (e) { /* ended */ }
    S.src = null;
  }

  function loadVoices() {
    var ss = window.speechSynthesis;
    if (!ss || !window.SpeechSynthesisUtterance || !ss.getVoices) return;
    var got = function () { S.voices = ss.getVoices() || []; };
    var again = function () { got(); renderAll(); };
    if (ss.addEventListener) ss.addEventListener('voiceschanged', again); else ss.onvoiceschanged = again;
    got();
  }

  function picto(parent, a, i) {
    var p = a && arr(a.pictos)[i];
    if (typeof p === 'string' && p) make('span', 'picto', p, parent).setAttribute('aria-hidden', 'true');
  }

  // An idea's words on this phone: its rendering in the phone's language, unless the original was asked for.
  function shownText(idea) {
    var r = null, rs = arr(idea.renderings), orig;
    for (var i = 0; i < rs.length; i++) if (rs[i] && rs[i].lang === S.lang && typeof rs[i].text === 'string') r = rs[i];
    orig = !r || !!S.orig[idea.id];
    return { r: r, orig: orig, text: orig ? idea.text : r.text, lang: orig ? textLang(idea.text, idea.lang) : r.lang };
  }

  // A photo, at its own proportions before it has loaded (no jump).
  function photoImg(ph, cls, parent) {
    if (!ph || !/^[0-9a-f]{16,64}\.(jpg|png)$/.test(ph.file)) return null;
    var img = make('img', cls, undefined, parent);
    img.alt = t('photo_alt');
    img.loading = 'lazy';
    if (ph.width > 0 && ph.height > 0) { img.width = ph.width; img.height = ph.height; }
    img.src = 'photo/' + ph.file;
    return img;
  }

  // "Needs interpreting": anyone may ask, once; then it is a quiet mark for everyone.
  function interpretMark(idea, parent) {
    var b = idea.interpret ? make('span', 'asked', undefined, parent) : btn('btn-mini', '', parent, function () {
      b.disabled = true;
      request({ type: 'idea.interpret', idea: idea.id }, function (err) {
        b.disabled = false;
        if (err) setMsg({ kind: 'error', code: err.code, message: err.message });
      });
    });
    icon(b, ['M4 5h10v7H8l-4 3zM10 14v2h6l4 3v-9h-4']);
    make('span', '', t(idea.interpret ? 'interpret_asked' : 'interpret_ask'), b);
  }

  // "Need help?": the three signals are in help.js.
  function renderHelp() {
    var can = !!S.activity && !S.fac;
    el.helpOpen.hidden = !can;
    if (!can) S.helpOn = false;
    el.helpOpen.setAttribute('aria-expanded', String(S.helpOn));
    if (ready.help) ready.help.render();
  }

  /* ---- rendering ---- */

  function renderAll() {
    renderHeader(); renderStatus(); renderJoin(); renderRoom(); renderCompose(); renderIdeas(); renderCounter();
    renderMsg(); renderVotes(); renderDock(); renderHelp(); renderTables();
    if (hooks.render) hooks.render();
  }

  // Parts fetched when first needed, so that what every phone loads first stays small: vote,
  // photo, help, lead, facilitator, tables (name.js and name.css; Medskapa.parts[name] or true). then(part),
  // or then(null) if the network failed (asked again, it tries again).
  function need(name, then) {
    if (ready[name]) return then(ready[name]);
    var w = S.wait[name];
    if (w) return w.push(then);
    w = S.wait[name] = [then];
    var css = document.createElement('link'), js = document.createElement('script'), n = 2;
    var end = function (part) {
      if (S.wait[name] !== w) return;
      delete S.wait[name];
      ready[name] = part;
      if (!part) [css, js].forEach(function (x) { if (x.parentNode) x.parentNode.removeChild(x); });
      w.forEach(function (f) { f(part); });
    };
    css.rel = 'stylesheet';
    css.href = name + '.css';
    js.src = name + '.js';
    css.onload = js.onload = function () { if (!--n) end(window.Medskapa.parts[name] || true); };
    css.onerror = js.onerror = function () { end(null); };
    document.head.appendChild(css);
    document.head.appendChild(js);
  }

  function renderTables() {
    if (ready.tables) ready.tables.render();
    else if (S.tables || S.kiosk || arr(S.activity && S.activity.rounds).length) need('tables', function (p) { if (p) renderAll(); });
  }

  function renderVotes() {
    var k = kind();
    if (ready.vote) ready.vote.render();
    else if (k === 'vote' || k === 'poll') need('vote', function (v) { setTimeout(v ? renderAll : renderVotes, v ? 0 : 3000); });
    if (k === 'consent' || S.activity && S.activity.moretime || ready.consent) need('consent', function (c) { if (c) c.render(); });
    if (k === 'actions' || ready.actions) need('actions', function (c) { if (c) c.render(); });
  }

  function showScreen(name) {
    S.screen = name;
    document.body.setAttribute('data-screen', name); // the language picker is smaller in the room
    el.join.hidden = name !== 'join';
    el.room.hidden = name !== 'room';
    renderHeader();
    renderJoin();
  }

  function renderHeader() {
    el.barTitle.textContent = S.screen === 'room' && S.title ? safe(S.title) : t('app_name');
    document.title = S.title ? '\u2068' + safe(S.title) + '\u2069 · ' + t('app_name') : t('app_name');
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
    el.joinTitle.textContent = ed ? t('edit_title') : safe(S.title) || t('join_title_unknown');
    el.joinButton.textContent = t(ed ? 'save_name' : joining ? 'joining' : 'join_button');
    el.joinButton.setAttribute('aria-disabled', String(joining));
    var err = S.fatal ? t('err_unsupported_proto') : S.nameError ? t('err_' + S.nameError) :
      joining && S.attempt > 0 ? t(S.status === 'full' ? 'join_full' : 'join_unreachable') : '';
    el.joinError.className = 'form-msg ' + (S.fatal || S.nameError ? 'is-error' : 'is-wait');
    if (el.joinError.textContent !== err) el.joinError.textContent = err;
  }

  function phaseText(a) { return a ? t((a.kind === 'consent' ? 'cns_ph_' : 'ph_' + a.kind + '_') + a.phase) : ''; }

  function renderRoom() {
    var a = S.activity, k = kind();
    var lead = S.fac && S.mode === 'lead';
    el.fac.hidden = !lead;
    el.part.hidden = lead;
    if (ready.lead) ready.lead.render(); // the switch between leading and taking part
    var step = '';
    if (a && S.agenda.length > 1) {
      for (var i = 0; i < S.agenda.length; i++) if (S.agenda[i].id === a.id) step = t('step', { n: i + 1, m: S.agenda.length });
    }
    el.questionLabel.textContent = t(k === 'vote' ? 'kind_vote' : k === 'poll' ? 'kind_poll' : k === 'consent' ? 'cns_kind' : k === 'actions' ? 'act_kind' : 'question_label') + (step ? ' · ' + step : '');
    el.prompt.textContent = a === undefined ? t('prompt_loading') : a === null ? t('prompt_none') : safe(a.prompt || a.title);
    el.prompt.classList.toggle('is-quiet', !a);
    var q = a && (a.prompt || a.title);
    setSay(el.sayPrompt, !a ? null : clipOf(-1) || { text: q, lang: textLang(q, '') });
    // The phase, in words and with an icon: never by colour alone.
    el.phase.hidden = !a || !S.hasPhase;
    if (a) { el.phase.setAttribute('data-phase', a.phase); el.phaseText.textContent = phaseText(a); }
    el.presence.hidden = !(S.phones > 0);
    el.presence.textContent = S.phones > 0 ? tn('presence', S.phones) : '';
    // "Posting as {name}": the name in a <bdi> so an Arabic name in a Swedish sentence stays put.
    el.changeName.hidden = S.fac;
    put(el.whoText, t(S.fac ? 'posting_fac' : S.name ? 'posting_as' : 'posting_anon'), { name: S.name });
  }

  function proxyName(id) {
    for (var i = 0; i < S.proxies.length; i++) if (S.proxies[i].id === id) return S.proxies[i].name;
    return '#' + id;
  }

  // The idea box: categories, and why it cannot be used now (typed text is kept).
  function renderCompose() {
    var a = S.activity, ideas = !a || a.kind === 'ideas';
    el.ideaForm.hidden = !ideas;
    el.ideas.hidden = !ideas;
    if (!ideas) return;
    var closed = !!a && a.phase !== 'open';
    var note = closed ? t('write_' + a.phase) : a && a.silent && (!S.fac || S.actAs) ? t('silent_note') : '';
    el.writeNote.hidden = !note;
    el.writeNote.textContent = note;
    el.writeNote.className = 'note' + (closed ? ' is-closed' : '');
    el.idea.readOnly = closed;
    el.ideaForm.classList.toggle('is-idle', closed && !el.idea.value.trim()); // nothing typed: just the note
    el.idea.setAttribute('aria-disabled', String(closed));
    var cats = a && arr(a.categories);
    el.cats.hidden = !cats || !cats.length;
    if (S.cat >= (cats ? cats.length : 0)) S.cat = -1;
    // Each topic: its pictogram and words, and a listen button beside it.
    if (cats) keyed(el.catList, cats.map(function (c, i) { return { i: i, c: c, p: arr(a.pictos)[i] || '' }; }), function (d) { return d.i + ':' + d.c + d.p; }, function (d) {
      var pair = make('span', 'chip-pair'), b = make('button', 'chip', undefined, pair);
      b.type = 'button';
      picto(b, a, d.i);
      user('bdi', '', d.c, b);
      b.addEventListener('click', function () { S.cat = S.cat === d.i ? -1 : d.i; renderCompose(); });
      sayBtn(pair);
      return pair;
    }, function (pair, d) {
      var b = pair.firstChild;
      b.setAttribute('aria-pressed', String(S.cat === d.i));
      b.disabled = closed;
      setSay(pair.lastChild, clipOf(d.i) || { text: d.c, lang: textLang(d.c, '') });
    });
    el.photo.disabled = closed;
    el.idea.placeholder = t(S.shot ? 'photo_words' : 'idea_placeholder');
    renderSend();
  }

  function ideaNode(idea) {
    var mine = isMine(idea), a = S.activity;
    var fac = byFac(idea), sh = shownText(idea);
    var li = make('li', 'idea' + (mine ? ' is-mine' : '') + (fac ? ' is-fac' : '') + (idea.hidden ? ' is-hidden' : ''));
    li.setAttribute('data-id', idea.id);
    if (idea.hidden || idea.reject) make('p', 'tag tag-hidden', t(mine ? 'hidden_mine' : 'hidden') + (idea.reject ? ': ' + t('scr_' + idea.reject + '_why') : ''), li);
    else if (idea.status) make('p', 'tag tag-waiting', t('scr_waiting'), li);
    var img = photoImg(idea.photo, 'idea-photo', li);
    if (sh.text || !img) user('p', 'idea-text', sh.text, li).lang = sh.lang;
    if (idea.reject_note) user('bdi', '', idea.reject_note, make('p', 'idea-note', t('facilitator') + ': ', li));
    if (sh.r) { // rendered by an interpreter: the original is one tap away (and back)
      var rn = make('p', 'idea-rend', undefined, li);
      if (!sh.orig) put(make('span', '', undefined, rn), t('rendering_by'), { name: sh.r.by || '' });
      btn('link', t(sh.orig ? 'show_rendering' : 'show_original'), rn, function () {
        S.orig[idea.id] = !sh.orig;
        renderIdeas();
        var b = el.ideaList.querySelector('[data-id="' + idea.id + '"] .idea-rend .link');
        if (b) b.focus();
      });
    }
    var meta = make('p', 'idea-meta', undefined, li);
    if (mine) make('span', 'badge', t('you'), meta);
    if (fac) facMark(meta);
    else if (!mine || idea.name) user('bdi', 'idea-name', idea.name || t('anonymous'), meta);
    var cats = a && arr(a.categories);
    if (cats && cats[idea.category]) {
      var tag = make('span', 'tag', undefined, meta);
      picto(tag, a, idea.category);
      user('bdi', '', cats[idea.category], tag);
    }
    var g = groupName(idea.group);
    if (g) user('bdi', 'tag tag-group', g, meta);
    if (idea.proxy) make('span', 'tag', t('proxy_tag'), meta);
    if (idea.edited) make('span', 'idea-edited', t('edited'), meta);
    var d = new Date(idea.at);
    if (!isNaN(d)) {
      var time = make('time', 'idea-time', d.toLocaleTimeString(S.lang + '-u-nu-latn', { hour: '2-digit', minute: '2-digit' }), meta);
      time.setAttribute('datetime', idea.at);
    }
    var acts = make('div', 'idea-acts', undefined, li);
    setSay(sayBtn(acts), sh.text ? { text: sh.text, lang: sh.lang } : null);
    if (!idea.hidden && !idea.status && idea.text) interpretMark(idea, acts);
    if (ready.tables) ready.tables.idea(idea, li, acts);
    return li;
  }

  function groupName(id) {
    for (var i = 0; i < S.groups.length; i++) if (S.groups[i].id === id) return S.groups[i].name;
    return '';
  }

  function visibleIdeas() { return S.ideas.filter(shown); }

  function silentNow() { var a = S.activity; return !!a && !!a.silent && a.phase !== 'revealed' && !S.fac; }

  function renderIdeas() {
    var frag = document.createDocumentFragment(), list = visibleIdeas();
    if (ready.tables) list = ready.tables.order(list);
    for (var i = list.length - 1; i >= 0; i--) frag.appendChild(ideaNode(list[i]));
    el.ideaList.textContent = '';
    el.ideaList.appendChild(frag);
    renderCounts();
  }

  function insertIdea(idea) { // newest first, highlighted as it arrives
    var node = ideaNode(idea), kids = el.ideaList.children, i = 0;
    node.classList.add('is-new');
    node.addEventListener('animationend', function () { node.classList.remove('is-new'); });
    while (i < kids.length && (Number(kids[i].getAttribute('data-id')) > idea.id || /early/.test(kids[i].className))) i++;
    el.ideaList.insertBefore(node, kids[i] || null);
  }

  function renderCounts() {
    var silent = silentNow(), filter = silent ? 'mine' : S.filter;
    var all = visibleIdeas().length, mine = visibleIdeas().filter(isMine).length;
    el.ideasHeading.textContent = t(silent ? 'your_ideas' : 'ideas_heading');
    el.tabs.hidden = silent;
    el.ideaList.setAttribute('data-filter', filter);
    el.countAll.textContent = all;
    el.countMine.textContent = mine;
    var empty = filter === 'all' ? (all ? '' : t('empty_all')) : (mine ? '' : t('empty_mine'));
    el.empty.textContent = empty;
    el.empty.hidden = !empty;
  }

  function setFilter(filter) {
    S.filter = filter;
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
    el.send.disabled = !!S.pending || (n === 0 && !S.shot) || n > S.ideaLimit || (!!S.activity && !isOpen());
    if (ready.photo) ready.photo.render();
    put(el.send, t(S.pending ? 'sending' : S.actAs ? 'send_for' : 'send'), { name: proxyName(S.actAs) });
  }

  function setMsg(msg) {
    clearTimeout(S.msgTimer);
    S.msg = msg;
    renderMsg();
    if (msg && msg.kind === 'ok') S.msgTimer = setTimeout(function () { if (S.msg === msg) setMsg(null); }, 5000);
  }

  function renderMsg() {
    var m = S.msg, text = !m ? '' : m.key ? t(m.key, m.vars) : errorText(m.code, m.message);
    el.ideaMsg.className = 'form-msg' + (m ? ' is-' + m.kind : '');
    if (el.ideaMsg.sig === text) return; // a live region: only real changes
    el.ideaMsg.sig = text;
    if (m && m.key) put(el.ideaMsg, t(m.key), m.vars); else el.ideaMsg.textContent = text;
  }

  // Codes only a page out of step with the host can meet (or a fault in the host): the page
  // asks to be reloaded, or says something went wrong. Every other code has its err_<code>.
  var ERR_AS = { bad_json: 'unsupported_proto', not_object: 'unsupported_proto', missing_field: 'unsupported_proto',
    bad_field: 'unsupported_proto', unknown_type: 'unsupported_proto',
    not_joined: 'unsupported_proto', already_joined: 'unsupported_proto', bad_token: 'unsupported_proto',
    bad_lang: 'unsupported_proto', bad_command: 'internal', not_waiting: 'no_idea' };

  // The host's error code in the reader's language; the host's own words if we have none.
  function errorText(code, message) {
    var a = S.activity || {};
    if (code === 'not_open' && a.kind) return t('write_' + (a.phase === 'open' ? 'locked' : a.phase));
    if (code && ERR_AS[code]) code = ERR_AS[code];
    if (code && typeof S.strings['err_' + code] === 'string') {
      return t('err_' + code, { max: code === 'name_too_long' ? S.nameLimit : code === 'over_item_max' ? a.max_per_item : S.ideaLimit, budget: a.budget });
    }
    return typeof message === 'string' && message ? message : t('err_generic');
  }

  /* ---- voting ---- */

  // Votes, answers and results are vote.js's; those that come before it are kept for it.
  function voteMsg(m) { if (ready.vote) ready.vote.message(m); else S.vq.push(m); }


  /* ---- the dock: dots left and the timer, always in view ---- */

  function renderDock() {
    if (ready.vote) ready.vote.dots(); else el.dots.hidden = true;
    renderTimer();
    el.dock.hidden = el.dots.hidden && el.timer.hidden && !S.actAs;
    el.room.classList.toggle('has-dock', !el.dock.hidden);
  }

  function dockMsg(text, transient) {
    clearTimeout(S.dockTimer);
    el.dockMsg.textContent = text;
    if (transient) S.dockTimer = setTimeout(function () { el.dockMsg.textContent = ''; }, 6000);
  }

  function setTimer(tm) {
    S.timer = tm && num(tm.duration_ms, 0) > 0 ? {
      left: Math.max(0, num(tm.left_ms, 0)), at: Date.now(), running: !!tm.running
    } : null;
    S.timerPrev = S.timer ? S.timer.left : 0;
    clearInterval(S.tick);
    if (S.timer && S.timer.running) S.tick = setInterval(renderTimer, 250);
  }

  function timerLeft() {
    var tm = S.timer;
    return !tm ? 0 : tm.running ? Math.max(0, tm.left - (Date.now() - tm.at)) : tm.left;
  }

  function renderTimer() {
    var tm = S.timer;
    el.timer.hidden = !tm;
    if (!tm) return;
    var left = timerLeft(), s = Math.ceil(left / 1000);
    var mmss = Math.floor(s / 60) + ':' + ('0' + s % 60).slice(-2);
    el.timerTime.textContent = mmss;
    el.timerTime.setAttribute('aria-label', t('timer_sr', { m: Math.floor(s / 60), s: s % 60 }));
    var st = left <= 0 ? 'up' : tm.running ? (left <= 60000 ? 'low' : 'run') : 'paused';
    el.timer.setAttribute('data-state', st);
    el.timerState.textContent = t('timer_' + st);
    // Spoken once when crossing a mark, never every second.
    if (tm.running) {
      if (S.timerPrev > 60000 && left <= 60000 && left > 0) announce(t('timer_minute'));
      if (S.timerPrev > 0 && left <= 0) { announce(t('timer_up')); clearInterval(S.tick); }
    }
    S.timerPrev = left;
  }

  /* ---- connection ---- */

  function connect() {
    clearTimeout(S.retryTimer);
    if (S.ws || !S.wanted || S.fatal) return;
    if (!S.quiet) setStatus(S.everWelcomed ? 'reconnecting' : 'connecting');
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
    var reqs = S.reqs;
    S.reqs = {};
    S.over = {};
    for (var c in reqs) if (reqs[c].cb) reqs[c].cb({ code: 'offline' });
    if (!sock) return;
    sock.onopen = sock.onmessage = sock.onclose = null;
    try { sock.close(1000); } catch (e) { /* closing already */ }
  }

  function drop() { detach(); lost(0); }

  function lost(code) {
    detach();
    S.quiet = false;
    if (!S.wanted || S.fatal) return setStatus('idle');
    setStatus(code === 1013 ? 'full' : navigator.onLine === false ? 'offline' : S.everWelcomed ? 'reconnecting' : 'connecting');
    if (code === 1009 && S.pending && S.pending.shot) { // the host closed on a message too big: the photo
      S.pending = null;
      setMsg({ kind: 'error', code: 'too_large' });
      renderSend();
    }
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

  // A message answered by ack or error: cb(err, ack). Offline: cb({code:'offline'}) at once.
  function request(obj, cb) {
    obj.cid = 'r' + Date.now().toString(36) + '-' + (++S.seq);
    if (!S.welcomed || !send(obj)) { if (cb) cb({ code: 'offline' }); return false; }
    S.reqs[obj.cid] = { cb: cb };
    return true;
  }

  function sendHello() {
    S.helloTries++;
    var hello = { type: 'hello', proto: 1, name: clip(S.name, S.nameLimit) };
    if (S.sendLang) hello.lang = S.lang;
    if (TOKEN_RE.test(S.token || '')) hello.token = S.token;
    if (S.key) hello.key = S.key;
    send(hello);
  }

  function onMessage(data) {
    var m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object') return;
    var ty = m.type;
    if (ty === 'welcome') onWelcome(m);
    else if (ty === 'state') { S.hasPhase = true; applyState(m); }
    else if (ty === 'idea.added') onIdeaAdded(m.idea);
    else if (ty === 'idea.changed') onIdeaChanged(m.idea);
    else if (ty === 'idea.removed') onIdeaRemoved(m.id);
    else if (ty === 'votes.mine' || ty === 'answer.mine' || ty === 'results') voteMsg(m);
    else if (ty === 'ack') onAck(m);
    else if (ty === 'presence') { if (typeof m.phones === 'number') { S.phones = m.phones; renderRoom(); } }
    else if (ty === 'error') onError(m);
    else if (ty === 'links') S.links = m; // the facilitator's: kept for facilitator.js, however late it loads
    if (ty === 'signals' || (ty === 'welcome' || ty === 'state') && m.signals) S.signals = m.signals;
    if (hooks.message) hooks.message(m);
  }

  function validIdea(i) { return !!i && typeof i.id === 'number' && typeof i.text === 'string'; }

  function onWelcome(m) {
    clearTimeout(S.welcomeTimer);
    S.welcomed = S.everWelcomed = true;
    S.attempt = 0;
    S.quiet = false;
    var you = S.you = m.you || {};
    if (TOKEN_RE.test(you.token)) save('token', S.token = you.token);
    S.fac = you.facilitator === true;
    if (typeof you.name === 'string' && !S.fac) save('name', S.name = you.name);
    if (S.fac) loadFacilitator();
    var lim = m.limits || {};
    if (lim.idea_chars > 0) S.ideaLimit = lim.idea_chars;
    if (lim.name_chars > 0) el.name.maxLength = S.nameLimit = lim.name_chars;
    S.hasPhase = !!(m.activity && m.activity.phase);
    applyState(m, true);
    if (!S.editing) showScreen('room');
    setStatus('connected');
    if (S.msg && S.msg.key === 'queued') setMsg(null);
    if (S.pending) resend(S.pending);
  }

  // welcome and state: the whole picture of the current activity.
  function applyState(m, quiet) {
    var prev = S.activity, a = m.activity && typeof m.activity === 'object' ? m.activity : null;
    if (m.session && typeof m.session.title === 'string') save('title', S.title = m.session.title);
    var ml = (m.session && m.session.lang) || m.meeting_lang;
    if (typeof ml === 'string' && /^[a-z]{2,3}/.test(ml)) S.meetLang = ml.toLowerCase().split('-')[0];
    if (a) { a.kind = a.kind || 'ideas'; a.phase = a.phase || 'open'; }
    var moved = !prev || !a || prev.id !== a.id;
    S.activity = a;
    S.st = m;
    S.agenda = arr(m.agenda);
    S.items = arr(m.items).filter(function (x) { return x && typeof x.id === 'number'; });
    S.groups = arr(m.groups);
    if (Array.isArray(m.proxies)) S.proxies = m.proxies;
    S.tables = num((m.session || {}).tables, 0);
    S.seat = m.seat || null;
    if (typeof m.phones === 'number') S.phones = m.phones;
    if (moved) { S.over = {}; S.mine = { dots: {}, answer: null }; S.cat = -1; S.pollMsg = null; S.vq = []; dockMsg(''); }
    if (m.mine) voteMsg({ type: 'state.mine', mine: m.mine });
    S.results = m.results && a && (m.results.activity === undefined || m.results.activity === a.id) ? Object.assign({ activity: a.id }, m.results) : null;
    S.ideas = [];
    S.seen = {};
    arr(m.ideas).forEach(function (i) {
      if (validIdea(i) && !S.seen[i.id]) { S.seen[i.id] = true; S.ideas.push(i); }
    });
    S.ideas.sort(byId);
    setTimer(a && a.timer);
    if (!quiet && a && (moved || prev.phase !== a.phase)) {
      announce((moved ? t('now_showing') + ' ' : '') + phaseText(a), { title: a.title || a.prompt });
    } else if (!quiet && moved) announce(t('prompt_none'));
    renderAll();
  }

  function onIdeaAdded(idea) {
    if (!validIdea(idea) || S.seen[idea.id]) return;
    if (S.activity && typeof idea.activity === 'number' && idea.activity !== S.activity.id) return;
    S.seen[idea.id] = true;
    S.ideas.push(idea);
    S.ideas.sort(byId);
    if (shown(idea)) insertIdea(idea);
    renderCounts();
  }

  function onIdeaChanged(idea) {
    if (!validIdea(idea) || (S.activity && idea.activity !== S.activity.id)) return;
    var i = ideaIndex(idea.id);
    if (i < 0) { S.seen[idea.id] = true; S.ideas.push(idea); S.ideas.sort(byId); } else S.ideas[i] = idea;
    if ((idea.hidden || idea.reject) && isMine(idea) && !S.fac) announce(t('hidden_mine') + ': {text}', { text: idea.text });
    renderIdeas();
  }

  function onIdeaRemoved(id) {
    var i = ideaIndex(id);
    if (i >= 0) { S.ideas.splice(i, 1); renderIdeas(); }
  }

  function ideaIndex(id) {
    for (var i = 0; i < S.ideas.length; i++) if (S.ideas[i].id === id) return i;
    return -1;
  }

  function onAck(m) {
    if (S.pending && m.cid === S.pending.cid) return acked(S.pending);
    var r = S.reqs[m.cid];
    if (!r) return;
    delete S.reqs[m.cid];
    if (r.cb) r.cb(null, m);
  }

  function onError(m) {
    if (!S.welcomed) return helloRefused(m.code);
    var r = m.cid && S.reqs[m.cid];
    if (r) { delete S.reqs[m.cid]; return r.cb && r.cb(m); }
    var p = S.pending;
    // Too large is said before the message is read, so without its cid: it was the photo.
    var textCode = /^(empty_text|text_too_long|bad_utf8)$/.test(m.code) || (!!p && !!p.shot && m.code === 'too_large');
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
    if (code === 'bad_key') { // an old or mistyped facilitator address: say so, take part as anyone
      setKey(null);
      el.keyMsg.textContent = t('bad_key');
      el.keyMsg.hidden = false;
      return sendHello();
    }
    if (code === 'name_reserved') { // a role word (facilitator, interpreter...): join without it, ask again
      var refused = S.name;
      save('name', S.name = '');
      S.nameError = code;
      sendHello();
      openNameEditor();
      el.name.value = refused;
      return renderJoin();
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
    var text = el.idea.value.trim(), n = chars(text), shot = S.shot;
    if ((!n && !shot) || n > S.ideaLimit) return setMsg({ kind: 'error', code: n ? 'text_too_long' : 'empty_text' });
    if (S.activity && !isOpen()) return setMsg({ kind: 'error', code: 'not_open' });
    if (S.actAs) return ready.lead.postFor(text, shot);
    S.pending = { cid: 'p' + Date.now().toString(36) + '-' + (++S.seq), text: text, shot: shot, mineBefore: mineCount(text, shot) };
    renderSend();
    if (S.welcomed) {
      setMsg(null);
      transmit(S.pending);
    } else {
      setMsg({ kind: 'wait', key: 'queued' }); // sent as soon as we are back
      connectNow();
    }
  }

  function ideaMsg(p) {
    var o = { type: 'idea.post', cid: p.cid };
    if (p.text || !p.shot) o.text = p.text; // with a photo, words are optional
    if (p.shot) o.photo = p.shot.data;
    if (S.cat >= 0) o.category = S.cat;
    return o;
  }

  function transmit(p) {
    if (!send(ideaMsg(p))) return drop();
    var sock = S.ws;
    clearTimeout(S.ackTimer);
    S.ackTimer = setTimeout(function () { if (S.pending === p && S.ws === sock) drop(); }, p.shot ? PHOTO_WAIT : ACK_WAIT);
    if (p.shot && ready.photo) ready.photo.upload(p, sock);
  }

  function acked(p) {
    clearTimeout(S.ackTimer);
    S.pending = null;
    if (el.idea.value.trim() === p.text) { // clear only what was sent: never lose newer typing
      el.idea.value = '';
      save('draft', null);
    }
    if (p.shot && S.shot === p.shot) S.shot = null;
    var a = S.activity;
    setMsg({ kind: 'ok', key: a && !S.fac && (a.screened || a.silent && a.phase !== 'revealed') ? 'sent_silent' : 'sent' });
    if (ready.tables) ready.tables.sent();
    renderCompose();
    renderCounter();
  }

  // Back after a break with an idea in flight: if the host has it, it was taken; else send the
  // box's current text.
  function resend(p) {
    if (mineCount(p.text, p.shot) > p.mineBefore) return acked(p);
    var text = el.idea.value.trim(), n = chars(text);
    if ((!n && !p.shot) || n > S.ideaLimit || (S.activity && !isOpen())) { S.pending = null; return renderCounter(); }
    if (text !== p.text) { p.text = text; p.mineBefore = mineCount(text, p.shot); }
    transmit(p);
  }

  // A photo chosen (or just taken): photo.js makes it small enough and shows it.
  function pickPhoto() {
    var f = el.photoIn.files && el.photoIn.files[0];
    el.photoIn.value = ''; // the same photo again is a change too
    if (!f) return;
    setMsg({ kind: 'wait', key: 'photo_preparing' });
    need('photo', function (ph) { if (ph) ph.pick(f); else setMsg({ kind: 'error', code: 'offline' }); });
  }

  /* ---- joining and the name ---- */

  function submitJoin() {
    var name = clip(el.name.value.trim(), S.nameLimit), changed = name !== S.name;
    save('name', S.name = name);
    S.nameError = null;
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
    S.nameError = null;
    showScreen('room');
    renderRoom();
    el.changeName.focus();
  }

  /* ---- the facilitator key ---- */

  // #key=… in the address: keep it for this tab and its reloads only (sessionStorage), and take
  // it out of sight. The phone may be borrowed: a closed tab forgets the key. Earlier versions
  // kept it in localStorage, where it outlived the tab: remove that, never take it over.
  function readKey() {
    try { localStorage.removeItem('medskapa.key'); } catch (e) { /* none */ }
    var m = /(?:^#|&)key=([0-9a-fA-F]{32})(?:&|$)/.exec(location.hash);
    if (m) {
      setKey(m[1].toLowerCase());
      try { history.replaceState(null, '', location.pathname + location.search); } catch (e) { /* old browser */ }
    } else {
      var k = null;
      try { k = sessionStorage.getItem('medskapa.key'); } catch (e) { /* none */ }
      setKey(KEY_RE.test(k || '') ? k : null);
    }
  }

  function setKey(k) {
    S.key = k;
    try { if (k) sessionStorage.setItem('medskapa.key', k); else sessionStorage.removeItem('medskapa.key'); } catch (e) { /* memory */ }
    if (!k) { S.fac = false; S.actAs = 0; }
  }

  // With a key: lead.js (leading or taking part, acting for someone), then the remote.
  function loadFacilitator() {
    if (S.facLoading) return;
    S.facLoading = true;
    need('lead', function (lead) {
      if (lead) need('facilitator', renderAll); else S.facLoading = false;
    });
  }

  /* ---- start ---- */

  function start() {
    // Every element with an id, by camelCased id: el.ideaList is #idea-list.
    var all = document.querySelectorAll('[id]');
    for (var i = 0; i < all.length; i++) el[all[i].id.replace(/-(\w)/g, function (x, c) { return c.toUpperCase(); })] = all[i];

    LANGS.forEach(function (l) {
      var o = make('option', '', l[1], el.lang);
      o.value = o.lang = l[0];
      o.dir = l[2];
    });
    el.lang.addEventListener('change', function () {
      setLang(el.lang.value, true).catch(function () { el.lang.value = S.lang; });
    });
    el.joinForm.addEventListener('submit', function (e) { e.preventDefault(); submitJoin(); });
    el.joinCancel.addEventListener('click', closeNameEditor);
    el.changeName.addEventListener('click', openNameEditor);
    el.ideaForm.addEventListener('submit', function (e) { e.preventDefault(); submitIdea(); });
    el.poll.addEventListener('submit', function (e) { e.preventDefault(); });
    el.idea.addEventListener('input', function () {
      save('draft', el.idea.value || null); // survives a reload
      if (S.msg && (S.msg.kind === 'ok' || /^(empty_text|text_too_long)$/.test(S.msg.code))) setMsg(null);
      renderCounter();
    });
    el.idea.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (!el.send.disabled) submitIdea(); }
    });
    el.tabAll.addEventListener('click', function () { setFilter('all'); });
    el.photo.addEventListener('click', function () { el.photoIn.click(); });
    el.photoIn.addEventListener('change', pickPhoto);
    el.helpOpen.addEventListener('click', function () {
      need('help', function (h) { S.helpOn = !!h && !S.helpOn; renderHelp(); });
    });
    el.sayPrompt = sayBtn(el.qTools);
    el.qTools.insertBefore(el.sayPrompt, el.helpOpen);
    el.tabMine.addEventListener('click', function () { setFilter('mine'); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { S.hiddenAt = Date.now(); return; }
      // A phone that slept may hold a socket that is dead without knowing: start afresh.
      if (S.ws && S.hiddenAt && Date.now() - S.hiddenAt > AWAY_RECONNECT) reconnect(); else connectNow();
    });
    window.addEventListener('online', connectNow);
    window.addEventListener('pageshow', connectNow);
    window.addEventListener('offline', function () { if (S.wanted && !S.welcomed) setStatus('offline'); });

    readKey();
    loadVoices();
    if (S.key) loadFacilitator();
    S.kiosk = +(/kiosk=(\d+)/.exec(location.hash) || [])[1] || 0;
    if (S.kiosk) S.name = S.token = '';
    el.name.value = S.name;
    el.idea.value = load('draft') || '';
    var lang = pickLang();
    setLang(lang, false).catch(function () { return setLang('en', false); }).catch(function () { /* no strings */ }).then(function () {
      document.documentElement.classList.remove('loading');
      if (TOKEN_RE.test(S.token || '') || S.key || S.kiosk) { // a known phone (or the facilitator) goes straight in
        S.wanted = true;
        showScreen('room');
        connect();
      } else {
        showScreen('join');
      }
      renderAll();
    });
  }

  // The words of a part loaded on demand (i18n/<dir>/<lang>.json): fetched once per language and
  // added to the page's; false until they are here (the part waits, and draws again on renderAll).
  // loaded: called when they arrive, before that renderAll.
  var partWords = {};
  function wordsOf(dir, loaded) {
    var code = S.lang, all = partWords[dir] || (partWords[dir] = {}), w = all[code];
    if (w === undefined) {
      all[code] = null;
      fetch('i18n/' + dir + '/' + code + '.json').then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; }).then(function (x) { all[code] = x || {}; if (loaded) loaded(); renderAll(); });
    }
    if (!w) return false;
    [S.strings, S.loaded && S.loaded[code]].forEach(function (into) {
      if (into) for (var k in w) if (!(k in into)) into[k] = w[k];
    });
    return true;
  }

  // What facilitator.js builds on.
  window.Medskapa = {
    S: S, el: el, hooks: hooks, t: t, tn: tn, arr: arr, keyed: keyed, request: request, translate: translate,
    renderAll: renderAll, wordsOf: wordsOf, parts: {}, need: need, renderCompose: renderCompose, setMsg: setMsg, errorText: errorText, phaseText: phaseText, groupName: groupName,
    safe: safe, user: user, put: put, facMark: facMark, byFac: byFac,
    num: num, make: make, btn: btn, canAct: canAct, closedNote: closedNote, isOpen: isOpen,
    load: load, proxyName: proxyName, dockMsg: dockMsg, renderDock: renderDock,
    ideaMsg: ideaMsg, renderCounter: renderCounter, renderRoom: renderRoom, save: save, announce: announce,
    sayBtn: sayBtn, setSay: setSay, clipOf: clipOf, textLang: textLang, picto: picto, shownText: shownText, photoImg: photoImg
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
