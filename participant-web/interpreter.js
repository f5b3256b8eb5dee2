/* Medskapa interpreter's page (interpreter.html#ikey=...): the ideas of the activity in view that
 * are not yet in the meeting's language, newest first, each with a form to add a rendering.
 * An interpreter renders and does nothing else (no hiding, editing, grouping or phases).
 * Speaks docs/protocol.md (v1). Plain ES2017, no framework, no build step, no inline script or
 * style (the host sends a strict CSP). Every word is in i18n/<lang>.json (the i_* keys). */
(function () {
  'use strict';

  // The same languages as the phone page (app.js): code, own name, writing direction.
  var LANGS = [['sv', 'Svenska', 'ltr'], ['en', 'English', 'ltr'], ['ar', 'العربية', 'rtl'], ['fa', 'دری', 'rtl'],
    ['ti', 'ትግርኛ', 'ltr'], ['so', 'Soomaali', 'ltr'], ['uk', 'Українська', 'ltr']];
  var ALIAS = { prs: 'fa', pes: 'fa', fas: 'fa', per: 'fa' };
  // Meeting languages not written in Latin letters: there, Arabic or Ge'ez text is no sign of
  // a foreign language by itself.
  var NON_LATIN = { ar: 1, fa: 1, prs: 1, ps: 1, ur: 1, ti: 1, am: 1, uk: 1, ru: 1, bg: 1, el: 1, he: 1,
    hi: 1, bn: 1, th: 1, zh: 1, ja: 1, ko: 1, ckb: 1 };
  // Letters of scripts other than Latin: Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana,
  // N'Ko, the Indic scripts, Thai, Lao, Georgian, Ethiopic (and its supplements), Khmer, kana,
  // CJK, Hangul, Arabic presentation forms.
  var OTHER_SCRIPT = /[\u0370-\u03FF\u0400-\u052F\u0530-\u058F\u0590-\u05FF\u0600-\u08FF\u0900-\u0DFF\u0E00-\u0EFF\u10A0-\u10FF\u1200-\u139F\u1780-\u17FF\u2D80-\u2DDF\u3040-\u30FF\u3400-\u9FFF\uAB00-\uAB2F\uAC00-\uD7AF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  var RETRY_MIN = 500, RETRY_MAX = 10000; // reconnect delay (ms): doubles, capped, with jitter
  var WELCOME_WAIT = 10000;               // connected but no welcome this long: try again
  var ACK_WAIT = 10000;                   // a rendering sent but no answer this long: the link is dead
  var AWAY_RECONNECT = 30000;             // hidden this long: reconnect on return to catch up
  var KEY_RE = /^[0-9a-f]{32}$/, LANG_RE = /^[a-z]{2,3}$/;
  var LIST_SEP = { ar: '، ', fa: '، ', ti: '፣ ' }; // between the names in a list; ", " elsewhere

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
  function session(k, v) { // the key lives as long as the tab, like the facilitator's
    try {
      if (v === undefined) return sessionStorage.getItem('medskapa.' + k);
      if (v === null) sessionStorage.removeItem('medskapa.' + k); else sessionStorage.setItem('medskapa.' + k, v);
    } catch (e) { /* none */ }
    return null;
  }

  var S = {
    lang: 'en', strings: {}, loaded: {},
    key: null, name: load('iname') || '', langs: [], title: '',
    meetingLang: '', activity: undefined, ideas: [], limit: 280, nameLimit: 40,
    filter: 'needs', screen: '', editing: false,
    wanted: false, ws: null, welcomed: false, everWelcomed: false, fatal: false, quiet: false,
    attempt: 0, retryTimer: 0, welcomeTimer: 0, hiddenAt: 0, status: 'idle',
    reqs: {}, seq: 0,
    acked: {},   // idea id -> 1: rendered from this page (before the host's idea.changed says so)
    open: {},    // idea id -> 1: a done card with its form opened again
    msgs: {},    // idea id -> {kind, text}: the card's last message
    nodes: {}    // idea id -> its card (kept while it moves between the lists: typed text stays)
  };
  var el = {};

  /* ---- words ---- */

  function t(key, vars) {
    var s = typeof S.strings[key] === 'string' ? S.strings[key] : key;
    return !vars ? s : s.replace(/\{(\w+)\}/g, function (all, k) { return k in vars ? String(vars[k]) : all; });
  }
  function has(key) { return typeof S.strings[key] === 'string'; }
  function langInfo(code) {
    for (var i = 0; i < LANGS.length; i++) if (LANGS[i][0] === code) return LANGS[i];
    return null;
  }
  // A language's name in the reader's language; its code when we have no name for it.
  function langName(code) { return has('lang_name_' + code) ? t('lang_name_' + code) : String(code || '?'); }

  function pickLang() {
    var saved = load('lang');
    if (langInfo(saved)) return saved;
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < prefs.length; i++) {
      var base = String(prefs[i]).toLowerCase().split('-')[0];
      base = ALIAS[base] || base;
      if (langInfo(base)) return base;
    }
    return 'en';
  }

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }

  // The phone's words (i18n/<lang>.json: status, counters, errors) and the words only the
  // interpreter and the facilitator read (i18n/roles/<lang>.json), kept out of the phone's download.
  function setLang(code, remember) {
    var got = S.loaded[code] ? Promise.resolve(S.loaded[code]) : Promise.all([fetchJson('i18n/' + code + '.json'),
      fetchJson('i18n/roles/' + code + '.json')]).then(function (two) { return Object.assign({}, two[0], two[1]); });
    return got.then(function (strings) {
      S.loaded[code] = S.strings = strings;
      S.lang = code;
      document.documentElement.lang = code;
      document.documentElement.dir = langInfo(code)[2];
      if (remember) save('lang', code);
      translate(document);
      el.lang.value = code;
      for (var id in S.nodes) S.nodes[id].sig = ''; // the cards' words change too
      renderAll();
    });
  }

  function translate(root) {
    var nodes = root.querySelectorAll('[data-i18n]'), i;
    for (i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
  }

  /* ---- helpers (as in app.js) ---- */

  function chars(s) { return Array.from(s).length; }
  function clip(s, max) { var a = Array.from(s); return a.length > max ? a.slice(0, max).join('') : s; }
  function arr(x) { return Array.isArray(x) ? x : []; }

  function make(tag, cls, text, parent) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    if (parent) parent.appendChild(n);
    return n;
  }

  // Bidi controls someone typed, balanced so they cannot reach past their own isolation
  // (the same rule as safe() in app.js).
  function safe(x) {
    var s = x == null ? '' : String(x), out = '', open = [], i, c, j;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c >= 0x202A && c <= 0x202E && c !== 0x202C) open.push('\u202C');
      else if (c >= 0x2066 && c <= 0x2068) open.push('\u2069');
      else if (c === 0x202C && open[open.length - 1] !== '\u202C') continue;
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

  // Text someone typed, isolated: a <bdi>, or dir="auto" (style.css isolates those).
  function user(tag, cls, text, parent) {
    var n = make(tag, cls, safe(text), parent);
    if (tag !== 'bdi') n.dir = 'auto';
    return n;
  }

  // A translated sentence with each {value} in a <bdi> of its own.
  function put(node, s, vars) {
    node.textContent = '';
    String(s).split(/\{(\w+)\}/).forEach(function (p, i) {
      if (i % 2) make('bdi', '', vars && p in vars ? safe(vars[p]) : '{' + p + '}', node);
      else if (p) node.appendChild(document.createTextNode(p));
    });
    return node;
  }

  function announce(text) {
    el.announce.textContent = '';
    setTimeout(function () { el.announce.textContent = text; }, 50);
  }

  /* ---- what needs interpreting ---- */

  function viewActivity() { // the ideas activity in view: this one, or the one a vote is on
    var a = S.activity;
    return !a ? 0 : a.kind === 'ideas' ? a.id : a.kind === 'vote' ? a.source : 0;
  }
  function rendering(idea, lang) {
    var r = arr(idea.renderings);
    for (var i = 0; i < r.length; i++) if (r[i] && r[i].lang === lang) return r[i];
    return null;
  }
  function latinMeeting() { return !!S.meetingLang && !NON_LATIN[S.meetingLang]; }
  // Not yet in the meeting's language, and written in another, or in another script, or asked for.
  function needs(idea) {
    if (!S.meetingLang || rendering(idea, S.meetingLang)) return false;
    if (idea.interpret === true) return true;
    if (!idea.text.trim()) return false; // a photo without words
    if (idea.lang && idea.lang !== S.meetingLang) return true;
    return latinMeeting() && OTHER_SCRIPT.test(idea.text);
  }
  function done(idea) {
    if (S.acked[idea.id]) return true;
    return arr(idea.renderings).some(function (r) { return r && r.by === S.name; });
  }
  function targets() { // the languages a rendering can be in: the meeting's first, then the interpreter's
    var out = [];
    [S.meetingLang].concat(S.langs).forEach(function (l) { if (l && out.indexOf(l) < 0) out.push(l); });
    return out;
  }
  function defaultTarget(idea) {
    var ts = targets();
    if (!rendering(idea, S.meetingLang)) return S.meetingLang;
    for (var i = 0; i < ts.length; i++) if (!rendering(idea, ts[i]) && ts[i] !== idea.lang) return ts[i];
    return ts[0];
  }

  /* ---- rendering the page ---- */

  function renderAll() {
    renderHeader(); renderStatus(); renderSetup(); renderWork();
  }

  function showScreen(name) {
    S.screen = name;
    document.body.setAttribute('data-screen', name === 'work' ? 'room' : 'join'); // style.css: the small language picker
    el.setup.hidden = name !== 'setup';
    el.work.hidden = name !== 'work';
    renderHeader();
  }

  function renderHeader() {
    el.barTitle.textContent = S.screen === 'work' && S.title ? safe(S.title) : t('app_name');
    document.title = t('i_eyebrow') + ' · ' + (S.title ? '\u2068' + safe(S.title) + '\u2069' : t('app_name'));
  }

  function setStatus(st) { S.status = st; renderStatus(); }
  function renderStatus() {
    el.status.setAttribute('data-state', S.status);
    var text = S.status === 'idle' ? '' : t('status_' + S.status);
    if (el.statusText.textContent !== text) el.statusText.textContent = text;
  }

  function renderSetup() {
    el.setupCancel.hidden = !S.editing;
    el.start.textContent = t(S.editing ? 'save_name' : 'i_start');
    el.keyMsg.hidden = !!S.key && !S.keyError;
    el.keyMsg.textContent = !S.key ? t('i_no_key') : S.keyError ? t('i_bad_key') : '';
    el.start.disabled = !S.key || !!S.keyError;
    el.nameMsg.textContent = S.nameError ? t(S.nameError) : '';
    el.langsMsg.textContent = S.langsError ? t(S.langsError) : '';
    el.setupMsg.className = 'form-msg' + (S.fatal ? ' is-error' : '');
    el.setupMsg.textContent = S.fatal ? t('err_unsupported_proto') : '';
    var boxes = el.langChecks.querySelectorAll('input');
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].parentNode.classList.toggle('is-on', boxes[i].checked); // no :has() in older browsers
      var other = boxes[i].parentNode.querySelector('.ilang-ui');
      other.textContent = boxes[i].value === S.lang ? '' : langName(boxes[i].value);
    }
  }

  function buildLangChecks() {
    LANGS.forEach(function (l) {
      var lab = make('label', 'ilang', undefined, el.langChecks), box = make('input', '', undefined, lab);
      box.type = 'checkbox';
      box.name = 'langs';
      box.value = l[0];
      box.checked = S.langs.indexOf(l[0]) >= 0;
      var own = make('span', 'ilang-own', l[1], lab);
      own.lang = l[0];
      own.dir = l[2];
      make('span', 'ilang-ui', '', lab);
      box.addEventListener('change', function () { S.langsError = null; renderSetup(); });
    });
  }

  function renderWork() {
    if (S.screen !== 'work') return;
    var a = S.activity;
    el.prompt.textContent = a === undefined ? t('prompt_loading') : a === null ? t('prompt_none') : safe(a.prompt || a.title);
    el.prompt.classList.toggle('is-quiet', !a);
    el.meetingLang.hidden = !S.meetingLang;
    put(el.meetingLang, t('i_meeting_lang'), { lang: langName(S.meetingLang) });
    put(el.whoText, t('i_as'), { name: S.name });
    el.myLangs.textContent = t('i_mylangs', { langs: S.langs.map(langName).join(LIST_SEP[S.lang] || ', ') });

    var live = S.ideas.filter(function (i) { return i.activity === viewActivity() && !i.hidden; });
    var doneList = [], needList = [], allList = [];
    for (var k = live.length - 1; k >= 0; k--) { // newest first
      var i = live[k];
      if (done(i)) doneList.push(i);
      else { allList.push(i); if (needs(i)) needList.push(i); }
    }
    var shown = S.filter === 'all' ? allList : needList;
    el.showNeeds.setAttribute('aria-pressed', String(S.filter !== 'all'));
    el.showAll.setAttribute('aria-pressed', String(S.filter === 'all'));
    el.countNeeds.textContent = needList.length;
    el.countAll.textContent = allList.length;
    el.countDone.textContent = doneList.length;
    place(el.todoList, shown);
    place(el.doneList, doneList);
    el.done.hidden = !doneList.length;
    var empty = !viewActivity() && a !== undefined ? t('i_none') : shown.length ? '' : t(S.filter === 'all' ? 'i_empty_all' : 'i_empty_needs');
    el.empty.textContent = empty;
    el.empty.hidden = !empty;
    el.filter.hidden = !viewActivity();
    // Cards of ideas that are gone (hidden, removed, another activity) are let go.
    var keep = {};
    live.forEach(function (x) { keep[x.id] = 1; });
    for (var id in S.nodes) if (!keep[id]) { if (S.nodes[id].parentNode) S.nodes[id].parentNode.removeChild(S.nodes[id]); delete S.nodes[id]; }
  }

  // Put these ideas' cards into list, in this order, reusing each idea's one card.
  function place(list, ideas) {
    var want = {};
    ideas.forEach(function (idea, j) {
      var n = S.nodes[idea.id] || (S.nodes[idea.id] = card(idea));
      want[idea.id] = 1;
      update(n, idea, list === el.doneList);
      if (list.children[j] !== n) list.insertBefore(n, list.children[j] || null);
    });
    for (var i = list.children.length - 1; i >= 0; i--) {
      var c = list.children[i];
      if (!want[c.getAttribute('data-id')]) list.removeChild(c);
    }
  }

  var uid = 0;
  function card(idea) {
    var id = idea.id, n = ++uid;
    var li = make('li', 'idea icard');
    li.setAttribute('data-id', id);
    make('p', 'tag imark', '', li);
    var orig = make('div', 'iorig', undefined, li);
    make('p', 'iorig-label', '', orig);
    var ph = make('img', 'iphoto', undefined, orig);
    ph.alt = '';
    ph.hidden = true;
    var text = make('p', 'idea-text', '', orig);
    text.dir = 'auto';
    make('p', 'idea-meta', undefined, orig);
    make('ul', 'irends', undefined, li);
    var again = make('button', 'link iagain', '', li);
    again.type = 'button';
    again.addEventListener('click', function () { S.open[id] = 1; S.msgs[id] = null; renderWork(); li.querySelector('textarea').focus(); });

    var form = make('form', 'iform', undefined, li);
    form.noValidate = true;
    var row = make('div', 'iform-row', undefined, form);
    var selLabel = make('label', 'label', '', row), sel = make('select', 'itarget', undefined, row);
    sel.id = 'it' + n;
    selLabel.htmlFor = sel.id;
    sel.addEventListener('change', function () { li.setAttribute('data-touched', '1'); });
    var head = make('div', 'compose-head', undefined, form);
    var taLabel = make('label', 'label', '', head), counter = make('span', 'counter', '', head);
    counter.dir = 'ltr';
    counter.setAttribute('aria-hidden', 'true');
    var ta = make('textarea', 'itext', undefined, form);
    ta.id = 'ix' + n;
    ta.rows = 3;
    ta.dir = 'auto';
    taLabel.htmlFor = ta.id;
    var note = make('p', 'counter-note', '', form);
    note.id = 'in' + n;
    var send = make('button', 'btn btn-primary btn-block isend', '', form);
    send.type = 'submit';
    var cancel = make('button', 'btn btn-quiet btn-block icancel', '', form); // a done card's form folds away again
    cancel.type = 'button';
    cancel.addEventListener('click', function () { S.open[id] = 0; S.msgs[id] = null; renderWork(); again.focus(); });
    var msg = make('p', 'form-msg imsg', '', li); // after the form: still seen when the form folds away
    msg.id = 'im' + n;
    msg.setAttribute('aria-live', 'polite');
    ta.setAttribute('aria-describedby', note.id + ' ' + msg.id);
    ta.addEventListener('input', function () {
      var m = S.msgs[id];
      if (m && (m.kind === 'ok' || /^(empty_text|text_too_long)$/.test(m.code))) S.msgs[id] = null;
      counterOf(li);
    });
    ta.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(li, id); }
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); submit(li, id); });
    return li;
  }

  function counterOf(li) {
    var ta = li.querySelector('textarea'), n = chars(ta.value.trim()), max = S.limit;
    var over = n > max, near = !over && n > max - 20, busy = li.getAttribute('data-busy') === '1';
    var c = li.querySelector('.counter'), note = li.querySelector('.counter-note');
    c.textContent = n + ' / ' + max;
    c.className = 'counter' + (over ? ' is-over' : near ? ' is-near' : '');
    ta.classList.toggle('is-over', over);
    ta.setAttribute('aria-invalid', String(over));
    note.textContent = over ? t('counter_over', { n: n - max }) : near ? t('counter_left', { n: max - n }) : '';
    note.className = 'counter-note' + (over ? ' is-over' : '');
    var b = li.querySelector('.isend');
    b.disabled = busy || n === 0 || over;
    b.textContent = t(busy ? 'sending' : 'i_send');
    var m = S.msgs[li.getAttribute('data-id')], p = li.querySelector('.imsg');
    var text = !m ? '' : m.key ? t(m.key) : errorText(m.code, m.message);
    p.className = 'form-msg imsg' + (m ? ' is-' + m.kind : '');
    if (p.textContent !== text) p.textContent = text;
  }

  function update(li, idea, isDone) {
    var id = idea.id, a = S.activity || {};
    var marked = idea.interpret === true && !rendering(idea, S.meetingLang);
    li.classList.toggle('is-marked', marked);
    li.classList.toggle('is-done', isDone);
    li.classList.toggle('is-needed', !isDone && needs(idea));
    var sig = JSON.stringify([idea, isDone, S.open[id] ? 1 : 0, S.meetingLang, S.langs, S.lang, S.name]);
    if (li.sig !== sig) {
      li.sig = sig;
      var mark = li.querySelector('.imark');
      mark.hidden = !marked;
      mark.textContent = t('i_marked');
      var origLabel = li.querySelector('.iorig-label');
      origLabel.textContent = idea.lang ? t('i_from', { lang: langName(idea.lang) }) : t('i_original');
      var ph = li.querySelector('.iphoto');
      ph.hidden = !(idea.photo && idea.photo.file);
      if (!ph.hidden) {
        var src = 'photo/' + encodeURIComponent(idea.photo.file);
        if (ph.getAttribute('src') !== src) ph.src = src;
        ph.alt = t('i_photo');
      }
      var text = li.querySelector('.idea-text');
      text.textContent = safe(idea.text);
      text.hidden = !idea.text;
      if (LANG_RE.test(idea.lang || '')) text.lang = idea.lang; else text.removeAttribute('lang');
      var meta = li.querySelector('.idea-meta');
      meta.textContent = '';
      if (idea.author === 0 && !idea.proxy) make('span', 'tag', t('facilitator'), meta);
      else user('bdi', 'idea-name', idea.name || t('anonymous'), meta);
      var cats = arr(a.categories), pictos = arr(a.pictos);
      if (cats[idea.category]) {
        var tag = make('span', 'tag', pictos[idea.category] ? pictos[idea.category] + ' ' : '', meta);
        user('bdi', '', cats[idea.category], tag);
      }
      var d = new Date(idea.at);
      if (!isNaN(d)) {
        var time = make('time', 'idea-time', d.toLocaleTimeString(S.lang + '-u-nu-latn', { hour: '2-digit', minute: '2-digit' }), meta);
        time.setAttribute('datetime', idea.at);
      }
      // Its renderings: the meeting's language first.
      var rs = arr(idea.renderings).filter(function (r) { return r && typeof r.text === 'string'; }).slice();
      rs.sort(function (x, y) { return (y.lang === S.meetingLang) - (x.lang === S.meetingLang); });
      var ul = li.querySelector('.irends');
      ul.textContent = '';
      ul.hidden = !rs.length;
      rs.forEach(function (r) {
        var row = make('li', 'irend' + (r.by === S.name ? ' is-mine' : ''), undefined, ul);
        make('span', 'irend-lang', langName(r.lang), row);
        var p = user('p', 'irend-text', r.text, row);
        if (LANG_RE.test(r.lang || '')) p.lang = r.lang;
        if (r.by) put(make('p', 'irend-by', '', row), t('i_by'), { name: r.by });
      });
      var formOpen = !isDone || !!S.open[id];
      li.querySelector('.iform').hidden = !formOpen;
      var cancel = li.querySelector('.icancel');
      cancel.hidden = !isDone;
      cancel.textContent = t('cancel');
      var again = li.querySelector('.iagain');
      again.hidden = formOpen;
      again.textContent = t('i_again');
      var form = li.querySelector('.iform');
      form.querySelector('.iform-row .label').textContent = t('i_render_to');
      form.querySelector('.compose-head .label').textContent = t('i_render_label');
      var sel = form.querySelector('select'), ts = targets(), prev = sel.value;
      var osig = ts.join() + '|' + S.lang;
      if (sel.getAttribute('data-sig') !== osig) {
        sel.textContent = '';
        ts.forEach(function (l) { var o = make('option', '', langName(l), sel); o.value = l; });
        sel.setAttribute('data-sig', osig);
      }
      sel.value = li.getAttribute('data-touched') && ts.indexOf(prev) >= 0 ? prev : defaultTarget(idea);
      var ta = form.querySelector('textarea'), tl = ts.indexOf(sel.value) >= 0 ? sel.value : '';
      if (LANG_RE.test(tl)) ta.lang = tl;
    }
    counterOf(li);
  }

  /* ---- sending a rendering ---- */

  function submit(li, id) {
    if (li.getAttribute('data-busy') === '1') return;
    var ta = li.querySelector('textarea'), sel = li.querySelector('select');
    var text = ta.value.trim(), n = chars(text), lang = sel.value;
    if (!n || n > S.limit) { setCardMsg(id, { kind: 'error', code: n ? 'text_too_long' : 'empty_text' }); return; }
    li.setAttribute('data-busy', '1');
    setCardMsg(id, null);
    request({ type: 'render', idea: id, lang: lang, text: text }, function (err) {
      li.removeAttribute('data-busy');
      if (err) {
        if (err.code === 'name_reserved') return nameRefused(err.code);
        setCardMsg(id, { kind: 'error', code: err.code, message: err.message });
        return;
      }
      S.acked[id] = 1;
      S.open[id] = 0;
      var idea = find(id);
      if (idea) { // shown at once; the host's idea.changed follows with the same
        var rs = arr(idea.renderings).filter(function (r) { return r && r.lang !== lang; });
        rs.push({ lang: lang, text: text, by: S.name });
        idea.renderings = rs;
      }
      if (ta.value.trim() === text) ta.value = '';
      li.removeAttribute('data-touched');
      setCardMsg(id, { kind: 'ok', key: 'i_sent' });
      announce(t('i_sent'));
      renderWork();
    });
  }

  function setCardMsg(id, m) {
    S.msgs[id] = m;
    if (S.nodes[id]) counterOf(S.nodes[id]);
  }

  // A code in the reader's language: the interpreter's own wording (i_err_*), else the phone's.
  function errorText(code, message) {
    var vars = { max: S.limit };
    if (has('i_err_' + code)) return t('i_err_' + code, vars);
    if (has('err_' + code)) return t('err_' + code, vars);
    return typeof message === 'string' && message ? message : t('err_generic');
  }

  function find(id) {
    for (var i = 0; i < S.ideas.length; i++) if (S.ideas[i].id === id) return S.ideas[i];
    return null;
  }

  /* ---- messages from the host ---- */

  function validIdea(i) { return !!i && typeof i.id === 'number' && typeof i.text === 'string'; }

  function onMessage(data) {
    var m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object') return;
    if (m.type === 'welcome') onWelcome(m);
    else if (m.type === 'state') applyState(m);
    else if (m.type === 'idea.added' || m.type === 'idea.changed') onIdea(m.idea);
    else if (m.type === 'idea.removed') { S.ideas = S.ideas.filter(function (i) { return i.id !== m.id; }); renderWork(); }
    else if (m.type === 'ack') onAnswer(m, null);
    else if (m.type === 'error') onError(m);
  }

  function onWelcome(m) {
    clearTimeout(S.welcomeTimer);
    S.welcomed = S.everWelcomed = true;
    S.attempt = 0;
    S.quiet = false;
    if (typeof m.meeting_lang === 'string') S.meetingLang = m.meeting_lang;
    var lim = m.limits || {};
    if (lim.idea_chars > 0) S.limit = lim.idea_chars;
    session('iin', '1'); // a reload of this tab goes straight back in
    applyState(m);
    setStatus('connected');
  }

  function applyState(m) {
    if (m.session && typeof m.session.title === 'string') S.title = m.session.title;
    S.activity = m.activity && typeof m.activity === 'object' ? m.activity : null;
    var seen = {};
    S.ideas = arr(m.ideas).filter(function (i) {
      if (!validIdea(i) || seen[i.id]) return false;
      return (seen[i.id] = true);
    }).sort(function (x, y) { return x.id - y.id; });
    renderHeader();
    renderWork();
  }

  function onIdea(idea) {
    if (!validIdea(idea) || idea.activity !== viewActivity()) return;
    var i = S.ideas.indexOf(find(idea.id));
    if (i < 0) { S.ideas.push(idea); S.ideas.sort(function (x, y) { return x.id - y.id; }); } else S.ideas[i] = idea;
    if (idea.hidden) S.ideas = S.ideas.filter(function (x) { return x.id !== idea.id; });
    renderWork();
  }

  function onAnswer(m, err) {
    var r = S.reqs[m.cid];
    if (!r) return false;
    delete S.reqs[m.cid];
    clearTimeout(r.timer);
    if (r.cb) r.cb(err, m);
    return true;
  }

  function onError(m) {
    if (!S.welcomed) return helloRefused(m.code);
    if (m.cid && onAnswer(m, m)) return;
    if (m.code === 'unsupported_proto') { S.fatal = true; detach(); showScreen('setup'); renderSetup(); }
  }

  function helloRefused(code) {
    if (code === 'interpreter_name' || code === 'name_too_long' || code === 'name_reserved') return nameRefused(code);
    if (code === 'bad_key') { // an old link (the key is new at every start) or a mistyped one
      S.keyError = true;
      S.wanted = false;
      session('iin', null);
      detach();
      setStatus('idle');
      showScreen('setup');
      return renderSetup();
    }
    if (code === 'unsupported_proto') { S.fatal = true; S.wanted = false; detach(); setStatus('idle'); showScreen('setup'); return renderSetup(); }
    drop();
  }

  // The host did not take the name: back to the first screen, the name in its box, the reason below.
  function nameRefused(code) {
    S.wanted = false;
    detach();
    setStatus('idle');
    S.nameError = code === 'interpreter_name' ? 'err_interpreter_name' : 'err_' + code;
    openSetup(false);
  }

  /* ---- the first screen ---- */

  function openSetup(editing) {
    S.editing = editing;
    el.name.value = S.name;
    var boxes = el.langChecks.querySelectorAll('input');
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = S.langs.indexOf(boxes[i].value) >= 0;
    showScreen('setup');
    renderSetup();
    window.scrollTo(0, 0);
    el.name.focus({ preventScroll: true });
  }

  function submitSetup() {
    var name = clip(el.name.value.trim(), S.nameLimit), langs = [];
    var boxes = el.langChecks.querySelectorAll('input');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) langs.push(boxes[i].value);
    S.nameError = name ? null : 'err_interpreter_name';
    S.langsError = langs.length ? null : 'i_need_langs';
    S.fatal = false;
    renderSetup();
    if (S.nameError) { el.name.focus(); return; }
    if (S.langsError) { boxes[0].focus(); return; }
    var renamed = name !== S.name;
    save('iname', S.name = name);
    save('ilangs', (S.langs = langs).join(','));
    for (var id in S.nodes) S.nodes[id].sig = '';
    S.editing = false;
    showScreen('work');
    renderWork();
    if (!S.wanted || !S.ws) { S.wanted = true; S.attempt = 0; connect(); } else if (renamed) reconnect(); // the new name goes in a new hello
  }

  function cancelSetup() {
    S.editing = false;
    S.nameError = S.langsError = null;
    showScreen('work');
    renderWork();
    el.change.focus();
  }

  function setFilter(f) { S.filter = f; renderWork(); }

  /* ---- the interpreter key ---- */

  // #ikey=... in the address: kept for this tab only (sessionStorage) and taken out of sight.
  function readKey() {
    var m = /(?:^#|&)ikey=([0-9a-fA-F]{32})(?:&|$)/.exec(location.hash);
    if (m) {
      S.key = m[1].toLowerCase();
      session('ikey', S.key);
      session('iin', null); // a link opened afresh: the first screen, even if this tab was in before
      try { history.replaceState(null, '', location.pathname + location.search); } catch (e) { /* old browser */ }
    } else {
      var k = session('ikey');
      S.key = KEY_RE.test(k || '') ? k : null;
    }
  }

  /* ---- connection (as in app.js) ---- */

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
    S.welcomeTimer = setTimeout(function () { if (S.ws === sock && !S.welcomed) drop(); }, WELCOME_WAIT);
    sock.onopen = function () { if (S.ws === sock) send({ type: 'hello', proto: 1, key: S.key, name: clip(S.name, S.nameLimit) }); };
    sock.onmessage = function (ev) { if (S.ws === sock) onMessage(ev.data); };
    sock.onclose = function (ev) { if (S.ws === sock) lost(ev.code); };
  }

  function detach() {
    var sock = S.ws;
    S.ws = null;
    S.welcomed = false;
    clearTimeout(S.welcomeTimer);
    var reqs = S.reqs;
    S.reqs = {};
    for (var c in reqs) { clearTimeout(reqs[c].timer); if (reqs[c].cb) reqs[c].cb({ code: 'offline' }); }
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
    retry(code === 1013);
  }

  function retry(slow) {
    clearTimeout(S.retryTimer);
    var base = slow ? RETRY_MAX : Math.min(RETRY_MAX, RETRY_MIN * Math.pow(2, S.attempt));
    S.attempt++;
    S.retryTimer = setTimeout(connect, base / 2 + Math.random() * base / 2);
  }

  function connectNow() { if (!S.wanted || S.ws) return; S.attempt = 0; connect(); }
  function reconnect() { detach(); S.attempt = 0; connect(); }

  function send(obj) {
    try { S.ws.send(JSON.stringify(obj)); return true; } catch (e) { return false; }
  }

  // A message answered by ack or error: cb(err, ack). Offline: cb({code:'offline'}) at once.
  function request(obj, cb) {
    obj.cid = 'i' + Date.now().toString(36) + '-' + (++S.seq);
    if (!S.welcomed || !send(obj)) { cb({ code: 'offline' }); return; }
    var sock = S.ws;
    S.reqs[obj.cid] = { cb: cb, timer: setTimeout(function () { if (S.ws === sock) drop(); }, ACK_WAIT) };
  }

  /* ---- start ---- */

  function start() {
    var all = document.querySelectorAll('[id]');
    for (var i = 0; i < all.length; i++) el[all[i].id.replace(/-(\w)/g, function (x, c) { return c.toUpperCase(); })] = all[i];
    var saved = (load('ilangs') || '').split(',');
    S.langs = LANGS.map(function (l) { return l[0]; }).filter(function (c) { return saved.indexOf(c) >= 0; });

    LANGS.forEach(function (l) {
      var o = make('option', '', l[1], el.lang);
      o.value = o.lang = l[0];
      o.dir = l[2];
    });
    buildLangChecks();
    el.lang.addEventListener('change', function () {
      setLang(el.lang.value, true).catch(function () { el.lang.value = S.lang; });
    });
    el.setupForm.addEventListener('submit', function (e) { e.preventDefault(); submitSetup(); });
    el.setupCancel.addEventListener('click', cancelSetup);
    el.name.addEventListener('input', function () { if (S.nameError) { S.nameError = null; renderSetup(); } });
    el.change.addEventListener('click', function () { openSetup(true); });
    el.showNeeds.addEventListener('click', function () { setFilter('needs'); });
    el.showAll.addEventListener('click', function () { setFilter('all'); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { S.hiddenAt = Date.now(); return; }
      if (S.ws && S.hiddenAt && Date.now() - S.hiddenAt > AWAY_RECONNECT) reconnect(); else connectNow();
    });
    window.addEventListener('online', connectNow);
    window.addEventListener('pageshow', connectNow);
    window.addEventListener('offline', function () { if (S.wanted && !S.welcomed) setStatus('offline'); });

    readKey();
    el.name.value = S.name;
    setLang(pickLang(), false).catch(function () { return setLang('en', false); }).catch(function () { /* no words */ }).then(function () {
      document.documentElement.classList.remove('loading');
      if (S.key && session('iin') === '1' && S.name && S.langs.length) { // a reload: straight back in
        S.wanted = true;
        showScreen('work');
        connect();
      } else {
        showScreen('setup');
      }
      renderAll();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
