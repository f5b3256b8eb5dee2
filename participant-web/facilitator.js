/* Medskapa facilitator remote: steer the meeting from a phone (agenda, phases, timer, new
 * activities, moderation, groups, people without a phone). Loaded by app.js only when the page
 * holds a facilitator key; shown only when the host says this connection is the facilitator. */
(function () {
  'use strict';
  var M = window.Medskapa;
  if (!M) return;
  var S = M.S, t = M.t, arr = M.arr, root = M.el.fac;
  var F = { built: false, lang: '', open: {}, edit: {}, ask: {} }; // ask: a pending confirmation
  // links: the interpreter's address and its QR code; signals: the current activity's counts per
  // language; seen/fresh: each line's last count and until when it is highlighted; picto: the
  // pictograms chosen in the add form, by list and line text; pick: the line whose picker is open.
  F.links = S.links || null;
  F.signals = arr(S.signals);
  F.seen = {};
  F.fresh = {};
  F.picto = { cats: {}, choices: {} };
  F.pick = '';
  var uid = 0;
  var FRESH_MS = 120000; // a signal line is highlighted this long after it last grew
  var PICTOS = ['🏠', '🗣️', '💼', '🎓', '🏥', '⚽', '🚌', '👪', '🌳', '🍲', '✅', '❌', '❓'];
  var SIGNAL_KINDS = ['interpret', 'slower', 'unclear'];
  var SIGNAL_ICON = { interpret: '🗣️', slower: '🐢', unclear: '❓' };

  // A small element builder: h('button', {class:'btn', i18n:'key', on: fn}, [children]).
  function h(tag, a, kids) {
    var n = document.createElement(tag);
    for (var k in a || {}) {
      var v = a[k];
      if (k === 'class') n.className = v;
      else if (k === 'i18n') n.setAttribute('data-i18n', v);
      else if (k === 'on') n.addEventListener(tag === 'form' ? 'submit' : tag === 'select' ? 'change' : 'click', v);
      else if (k === 'text') n.textContent = v;
      else if (v === true) n.setAttribute(k, '');
      else if (v !== false && v != null) n.setAttribute(k, v);
    }
    (kids || []).forEach(function (c) { if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function field(key, input, hint) {
    input.id = input.id || 'f' + (++uid);
    return h('div', { class: 'field' }, [h('label', { class: 'label', for: input.id, i18n: key }), input,
      hint ? h('p', { class: 'hint', i18n: hint }) : null]);
  }
  function check(key, name, on) {
    return h('label', { class: 'check' }, [h('input', { type: 'checkbox', name: name, checked: on }), h('span', { i18n: key })]);
  }
  function choice(name, value, key, on) {
    return h('label', { class: 'chip chip-radio' }, [h('input', { type: 'radio', name: name, value: value, checked: on }), h('span', { i18n: key })]);
  }
  function numIn(name, v, min, max) { return h('input', { type: 'number', name: name, value: v, min: min, max: max, inputmode: 'numeric', class: 'num' }); }
  function msgP() { return h('p', { class: 'form-msg', 'aria-live': 'polite' }); }
  function say(p, err, okKey, vars) {
    p.className = 'form-msg ' + (err ? 'is-error' : 'is-ok');
    p.textContent = err ? M.errorText(err.code === 'offline' ? 'offline' : err.code, err.message) : t(okKey, vars);
  }
  // Send a facilitator message; report in msg (a <p>); then(ack) on success.
  function go(o, msg, okKey, then) {
    M.request(o, function (err, ack) {
      if (msg) say(msg, err, okKey || 'done');
      if (!err && then) then(ack);
    });
  }
  function section(id, key, kids, open) {
    var d = h('details', { class: 'fsec', id: 'fs-' + id, open: open }, [h('summary', {}, [h('h2', { class: 'fsec-title', i18n: key })])].concat(kids));
    return d;
  }
  function lines(s) { return s.split('\n').map(function (x) { return x.trim(); }).filter(Boolean); }
  function cur() { return S.activity || null; }
  function focusAct() { // the ideas activity to moderate: the current one, or the one a vote is on
    var a = cur();
    return !a ? 0 : a.kind === 'ideas' ? a.id : a.kind === 'vote' ? a.source : 0;
  }

  var E = {};
  function build() {
    F.built = true;
    // Now: phase and timer of the current activity.
    E.now = h('p', { class: 'fnow', dir: 'auto' });
    E.nowMeta = h('p', { class: 'hint' });
    E.phases = h('div', { class: 'seg', role: 'group', 'data-i18n-label': 'f_phase' }, ['open', 'locked', 'revealed', 'prepared'].map(function (p) {
      return h('button', { type: 'button', class: 'seg-btn', 'data-phase': p, i18n: 'f_ph_' + p, on: function () {
        go({ type: 'phase', activity: cur().id, phase: p }, E.nowMsg, 'f_ph_done_' + p);
      } });
    }));
    E.min = numIn('min', 5, 1, 240);
    E.timerBtns = h('div', { class: 'frow' }, [
      h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_timer_set' }),
      E.startBtn = h('button', { type: 'button', class: 'btn btn-primary', on: function () {
        go({ type: 'timer', activity: cur().id, action: S.timer && S.timer.running ? 'pause' : 'start' }, E.nowMsg);
      } }),
      E.addBtn = h('button', { type: 'button', class: 'btn btn-light', i18n: 'f_timer_add', on: function () {
        go({ type: 'timer', activity: cur().id, action: 'add', seconds: 60 }, E.nowMsg);
      } }),
      E.offBtn = h('button', { type: 'button', class: 'btn btn-quiet', i18n: 'f_timer_off', on: function () {
        go({ type: 'timer', activity: cur().id, action: 'set', seconds: 0 }, E.nowMsg);
      } })]);
    E.timerForm = h('form', { class: 'ftimer', on: function (e) {
      e.preventDefault();
      var m = Number(E.min.value);
      if (!(m > 0 && m <= 240)) return say(E.nowMsg, { code: 'f_minutes' });
      go({ type: 'timer', activity: cur().id, action: 'set', seconds: Math.round(m * 60) }, E.nowMsg, 'f_timer_done');
    } }, [field('f_minutes', E.min), E.timerBtns]);
    E.nowMsg = msgP();
    E.nowOpts = h('p', { class: 'fopts' });
    buildMethod();
    buildActions();
    buildPaper();
    E.nowBody = h('div', {}, [E.now, E.nowMeta, E.nowOpts, E.cns, E.pap, h('p', { class: 'label', i18n: 'f_phase' }), E.phases, h('p', { class: 'label', i18n: 'f_timer' }), E.timerForm]);
    E.noAct = h('p', { class: 'hint', i18n: 'f_no_activity' });

    // Agenda: tap to show.
    E.agenda = h('ol', { class: 'fagenda' });
    E.agendaMsg = msgP();
    // Save the agenda as a template for the next meeting (the host writes sessions/templates/).
    E.tplName = h('input', { type: 'text', name: 'template', dir: 'auto', maxlength: 80 });
    E.tplMsg = msgP();
    E.tpl = h('form', { class: 'finline ftpl', novalidate: true, on: saveTemplate }, [
      h('h3', { class: 'fsub', i18n: 'f_tpl_title' }), h('p', { class: 'hint', i18n: 'f_tpl_hint' }),
      field('f_tpl_name', E.tplName),
      h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_tpl_save' }), E.tplMsg]);

    // Add an activity.
    E.add = h('form', { class: 'fadd', novalidate: true, on: addActivity }, [
      h('fieldset', { class: 'chips' }, [h('legend', { class: 'label', i18n: 'f_kind' }),
        choice('kind', 'ideas', 'f_kind_ideas', true), choice('kind', 'vote', 'f_kind_vote'), choice('kind', 'poll', 'f_kind_poll'),
        choice('kind', 'consent', 'cns_kind'), choice('kind', 'actions', 'act_kind')]),
      field('f_prompt', h('textarea', { name: 'prompt', rows: 2, dir: 'auto', maxlength: 400 })),
      field('f_title', h('input', { type: 'text', name: 'title', dir: 'auto', maxlength: 120 }), 'f_title_hint'),
      h('div', { class: 'only-ideas' }, [field('f_cats', h('textarea', { name: 'cats', rows: 3, dir: 'auto' }), 'f_cats_hint'),
        E.pickCats = pickBox(),
        check('f_silent', 'silent'), h('p', { class: 'hint', i18n: 'f_silent_hint' }), check('f_scr_screened', 'screened'),
        field('f_tbl_rounds', h('textarea', { name: 'rounds', rows: 3, dir: 'auto' }), 'f_tbl_rounds_hint'),
        check('f_tbl_by_table', 'by_table')]),
      h('div', { class: 'only-vote' }, [field('f_source', E.source = h('select', { name: 'source' })),
        h('div', { class: 'frow' }, [field('f_budget', numIn('budget', 5, 1, 50)), field('f_max', numIn('max', 3, 1, 50))]),
        check('f_live', 'live'), check('f_groups', 'groups'), check('f_cns_shuffle', 'shuffle_v')]),
      h('div', { class: 'only-poll' }, [h('fieldset', { class: 'chips' }, [h('legend', { class: 'label', i18n: 'f_poll' }),
        choice('poll', 'single', 'f_poll_single', true), choice('poll', 'multi', 'f_poll_multi'), choice('poll', 'scale', 'f_poll_scale')]),
        h('div', { class: 'only-choices' }, [field('f_choices', h('textarea', { name: 'choices', rows: 3, dir: 'auto' }), 'f_choices_hint'),
          E.pickChoices = pickBox()]), check('f_cns_shuffle', 'shuffle_p')]),
      field('f_timer_min', numIn('timer', '', 1, 240), 'f_timer_hint'), check('f_lock', 'lock'),
      check('f_show_now', 'show', true),
      h('button', { type: 'submit', class: 'btn btn-primary btn-block', i18n: 'f_add' }),
      E.addMsg = msgP()]);
    E.add.addEventListener('change', addShape);
    E.add.addEventListener('input', function (e) { if (e.target.name === 'cats' || e.target.name === 'choices') renderPicks(); });

    // Ideas and groups.
    E.groups = h('ul', { class: 'fgroups' });
    E.gname = h('input', { type: 'text', name: 'group', dir: 'auto', maxlength: 60 });
    E.mods = h('ol', { class: 'fmods' });
    E.modMsg = msgP();
    E.modBody = h('div', {}, [
      h('h3', { class: 'fsub', i18n: 'f_groups_title' }), E.groups,
      h('form', { class: 'finline', on: function (e) {
        e.preventDefault();
        var name = E.gname.value.trim();
        if (!name) return say(E.modMsg, { code: 'f_need_name' });
        go({ type: 'group.create', activity: focusAct(), name: name }, E.modMsg, 'f_group_made', function () { E.gname.value = ''; });
      } }, [field('f_group_new', E.gname), h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_group_create' })]),
      h('h3', { class: 'fsub', i18n: 'f_ideas_title' }), E.modEmpty = h('p', { class: 'hint', i18n: 'f_no_ideas' }), E.mods, E.modMsg]);
    E.modNone = h('p', { class: 'hint', i18n: 'f_mod_none' });

    // People without a phone.
    E.pname = h('input', { type: 'text', name: 'proxy', dir: 'auto', maxlength: 40 });
    E.proxies = h('ul', { class: 'fproxies' });
    E.proxyMsg = msgP();

    // Signals from the phones ("3 in Dari ask for interpreting"), newest first.
    E.sigList = h('ul', { class: 'fsigs' });
    E.sigNone = h('p', { class: 'hint', i18n: 'f_sig_none' });
    // The interpreter's link: its QR code (an <img> of the host's SVG), the address, a copy button.
    E.qr = h('img', { class: 'fqr', width: 200, height: 200 });
    E.link = h('p', { class: 'flink', dir: 'ltr' });
    E.copyMsg = msgP();
    E.copy = h('button', { type: 'button', class: 'btn btn-light', i18n: 'f_copy', on: copyLink });
    E.interp = section('interp', 'f_interp', [h('p', { class: 'hint fqr-hint', i18n: 'f_interp_hint' }), E.qr, E.link,
      h('div', { class: 'frow' }, [E.copy]), E.copyMsg], true);

    // Screened ideas: the queue (its count in the title), each to show, edit and show, or not show.
    E.scrTitle = h('h2', { class: 'fsec-title' });
    E.scrList = h('ul', { class: 'fscrs' });
    E.scrNone = h('p', { class: 'hint', i18n: 'f_scr_none' });
    E.scrMsg = msgP();
    E.scr = h('details', { class: 'fsec', id: 'fs-scr', open: true }, [h('summary', {}, [E.scrTitle]), E.scrNone, E.scrList, E.scrMsg]);

    root.appendChild(h('div', { class: 'fac' }, [
      section('now', 'f_now', [E.nowBody, E.noAct, E.nowMsg], true),
      E.actSec = section('actions', 'act_kind', [E.actBody], true),
      E.scr,
      section('voices', 'f_sig', [E.sigNone, E.sigList, h('p', { class: 'hint', i18n: 'f_sig_hint' })], true),
      section('agenda', 'f_agenda', [E.agenda, E.agendaMsg, E.tpl], true),
      buildTables(),
      E.interp,
      section('add', 'f_add_title', [E.add]),
      section('mod', 'f_mod', [E.modBody, E.modNone]),
      section('proxy', 'f_proxy', [h('p', { class: 'hint', i18n: 'f_proxy_hint' }),
        h('form', { class: 'finline', on: function (e) {
          e.preventDefault();
          var name = E.pname.value.trim();
          if (!name) return say(E.proxyMsg, { code: 'f_need_name' });
          go({ type: 'proxy.add', name: name }, E.proxyMsg, 'f_proxy_added', function (ack) {
            E.pname.value = '';
            if (typeof ack.participant === 'number' && !S.proxies.some(function (p) { return p.id === ack.participant; })) {
              S.proxies.push({ id: ack.participant, name: name });
              render();
            }
          });
        } }, [field('f_proxy_name', E.pname), h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_proxy_add' })]),
        E.proxies, E.proxyMsg])]));
    addShape();
  }

  function saveTemplate(e) {
    e.preventDefault();
    var name = E.tplName.value.trim();
    if (!name) return say(E.tplMsg, { code: 'template_name' });
    M.request({ type: 'template.save', name: name }, function (err, ack) {
      say(E.tplMsg, err, 'f_tpl_saved', { file: ack && ack.file });
      if (!err) E.tplName.value = '';
    });
  }

  function addShape() {
    var f = E.add, k = f.querySelector('[name=kind]:checked').value, p = f.querySelector('[name=poll]:checked').value;
    f.setAttribute('data-kind', k);
    f.setAttribute('data-poll', p);
    var r = f.querySelectorAll('.chip-radio input'); // the chosen chip, without CSS :has() (old browsers)
    for (var i = 0; i < r.length; i++) r[i].parentNode.classList.toggle('is-on', r[i].checked);
  }

  function addActivity(e) {
    e.preventDefault();
    var f = E.add, v = function (n) { return f.elements[n].value.trim(); }, on = function (n) { return f.elements[n].checked; };
    var k = f.querySelector('[name=kind]:checked').value;
    var o = { type: 'activity.add', kind: k, prompt: v('prompt') };
    if (v('title')) o.title = v('title');
    if (!o.prompt) return say(E.addMsg, { code: 'f_need_prompt' });
    if (k === 'ideas') {
      var cats = lines(f.elements.cats.value);
      if (cats.length > 12) return say(E.addMsg, { code: 'f_too_many' });
      if (cats.length) o.categories = cats;
      if (cats.length) pictosOf('cats', cats, o);
      if (on('silent')) o.silent = true;
      if (on('screened')) o.screened = true;
      var rounds = lines(f.elements.rounds.value).map(roundLine);
      if (rounds.some(function (r) { return !r; }) || rounds.length > 8) return say(E.addMsg, { code: 'f_tbl_bad_rounds' });
      if (rounds.length) o.rounds = rounds;
      if (on('by_table')) o.by_table = true;
    } else if (k === 'vote') {
      o.source = Number(v('source'));
      if (!o.source) return say(E.addMsg, { code: 'f_need_source' });
      o.budget = Number(v('budget')) || 5;
      o.max_per_item = Number(v('max')) || 3;
      if (on('live')) o.live = true;
      if (on('groups')) o.on_groups = true;
      if (on('shuffle_v')) o.shuffle = true;
    } else if (k === 'consent') {
      // the prompt is the proposal: nothing more to ask
    } else if (k === 'actions') { // "now what": on the latest vote, whose top items become actions
      var votes = S.agenda.filter(function (x) { return x.kind === 'vote'; });
      if (votes.length) o.source = votes[votes.length - 1].id;
    } else {
      if (on('shuffle_p')) o.shuffle = true;
      o.poll = f.querySelector('[name=poll]:checked').value;
      if (o.poll !== 'scale') {
        o.choices = lines(f.elements.choices.value);
        if (o.choices.length < 2 || o.choices.length > 12) return say(E.addMsg, { code: 'f_need_choices' });
        pictosOf('choices', o.choices, o);
      }
    }
    var min = Number(v('timer'));
    if (min > 0) { o.timer_s = Math.round(min * 60); if (on('lock')) o.lock_at_zero = true; }
    var show = on('show');
    go(o, E.addMsg, 'f_added', function (ack) {
      f.elements.prompt.value = f.elements.title.value = f.elements.cats.value = f.elements.choices.value = f.elements.timer.value = '';
      f.elements.rounds.value = '';
      F.picto = { cats: {}, choices: {} };
      F.pick = '';
      renderPicks();
      if (show && typeof ack.activity === 'number') go({ type: 'goto', activity: ack.activity }, E.addMsg, 'f_added_shown');
    });
  }

  /* ---- pictograms for the categories or choices of a new activity ---- */

  // One pictogram (or "") per line, sent only when some line has one.
  function pictosOf(list, texts, o) {
    var p = texts.map(function (x) { return F.picto[list][x] || ''; });
    if (p.some(Boolean)) o.pictos = p;
  }

  function pickBox() {
    return h('div', { class: 'fpicks', hidden: true }, [h('p', { class: 'label', i18n: 'f_picto' }),
      h('p', { class: 'hint', i18n: 'f_picto_hint' }), h('ul', { class: 'fpick-list' })]);
  }

  // A row per line typed so far: the line, its pictogram, and (for the open one) the picker.
  function renderPicks() {
    if (!E.add) return;
    [['cats', E.pickCats], ['choices', E.pickChoices]].forEach(function (x) {
      var list = x[0], box = x[1], texts = lines(E.add.elements[list].value).slice(0, 12);
      box.hidden = !texts.length;
      M.keyed(box.lastChild, texts.map(function (text, i) { return { list: list, text: text, i: i }; }),
        function (d) { return d.i + '\u0001' + d.text; }, pickRow, pickUpdate);
    });
  }

  function pickRow(d) {
    var key = d.list + '\u0001' + d.text, own = h('input', { type: 'text', class: 'fpick-own', maxlength: 16, autocomplete: 'off' });
    own.id = 'fp' + (++uid);
    own.addEventListener('input', function () {
      var v = own.value.trim();
      if (v) F.picto[d.list][d.text] = v; else delete F.picto[d.list][d.text];
      pickUpdate(li, d, true);
    });
    var grid = h('div', { class: 'fpick-grid', role: 'group' }, PICTOS.map(function (e) {
      return h('button', { type: 'button', class: 'fpick-e', 'data-e': e, text: e, on: function () {
        if (F.picto[d.list][d.text] === e) delete F.picto[d.list][d.text]; else F.picto[d.list][d.text] = e;
        own.value = '';
        pickUpdate(li, d);
      } });
    }).concat([h('button', { type: 'button', class: 'fpick-e fpick-none', i18n: 'f_picto_none', on: function () {
      delete F.picto[d.list][d.text];
      own.value = '';
      F.pick = '';
      pickUpdate(li, d);
    } })]));
    var li = h('li', { class: 'fpick' }, [
      h('button', { type: 'button', class: 'fpick-btn', 'aria-expanded': 'false', on: function () {
        F.pick = F.pick === key ? '' : key;
        renderPicks();
      } }, [h('span', { class: 'fpick-now', 'aria-hidden': 'true' }), h('bdi', { class: 'fpick-text' }), h('span', { class: 'fpick-sr sr-only' })]),
      h('div', { class: 'fpick-pop', hidden: true }, [grid,
        h('div', { class: 'fpick-ownf' }, [h('label', { class: 'label', for: own.id, i18n: 'f_picto_own' }), own])])]);
    M.translate(li);
    return li;
  }

  function pickUpdate(li, d, typing) {
    var key = d.list + '\u0001' + d.text, p = F.picto[d.list][d.text] || '', open = F.pick === key;
    var b = li.firstChild, pop = li.lastChild;
    b.setAttribute('aria-expanded', String(open));
    b.querySelector('.fpick-now').textContent = p || '+';
    b.classList.toggle('is-set', !!p);
    b.querySelector('.fpick-text').textContent = M.safe(d.text);
    b.querySelector('.fpick-sr').textContent = ' · ' + (p ? p : t('f_picto_none'));
    b.setAttribute('aria-label', t('f_picto_for', { text: d.text }) + ': ' + (p || t('f_picto_none')));
    pop.hidden = !open;
    var es = pop.querySelectorAll('.fpick-e');
    for (var i = 0; i < es.length; i++) {
      var e = es[i].getAttribute('data-e');
      es[i].setAttribute('aria-pressed', String(e ? e === p : !p));
    }
    var own = pop.querySelector('.fpick-own');
    if (!typing && PICTOS.indexOf(p) < 0 && own.value.trim() !== p) own.value = p;
  }

  /* ---- the interpreter's link ---- */

  function renderLinks() {
    var L = F.links;
    E.interp.hidden = !L || !L.interpreter;
    if (E.interp.hidden) return;
    var svg = typeof L.interpreter_qr === 'string' && /^\s*<svg[\s>]/.test(L.interpreter_qr) ? L.interpreter_qr : '';
    // The host's SVG as an image, never as markup in this page.
    var src = svg ? 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg) : '';
    if (E.qr.getAttribute('src') !== src) { if (src) E.qr.src = src; else E.qr.removeAttribute('src'); }
    E.qr.hidden = !src;
    E.qr.alt = t('f_interp_qr');
    E.link.textContent = L.interpreter;
  }

  // Copy the address: the clipboard API where the page may use it (https, localhost), else the
  // old way through a selection; if both fail, the address is selected for copying by hand.
  function copyLink() {
    var url = F.links && F.links.interpreter;
    if (!url) return;
    var ok = function () { say(E.copyMsg, null, 'f_copied'); };
    var old = function () {
      var ta = h('textarea', { class: 'fcopy', readonly: true, 'aria-hidden': 'true' });
      ta.value = url;
      document.body.appendChild(ta);
      ta.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (e) { /* not allowed */ }
      document.body.removeChild(ta);
      if (done) return ok();
      var r = document.createRange(), sel = window.getSelection();
      r.selectNodeContents(E.link);
      sel.removeAllRanges();
      sel.addRange(r);
      say(E.copyMsg, { code: 'f_copy_failed' });
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(ok, old);
    else old();
  }

  /* ---- consent, need more time, the room's progress (issue 19) ---- */

  function kindWord(k) { return t(k === 'consent' ? 'cns_kind' : k === 'actions' ? 'act_kind' : 'f_kind_' + k); }

  // "18 of 25 have voted", "need more time?" (ask, the answers, close), and for a consent round
  // its counts, the reasons without names, and the amended proposal for a new round.
  function buildMethod() {
    E.cnsProgress = h('p', { class: 'fcns-progress', 'aria-live': 'polite' });
    E.cnsCounts = h('p', { class: 'fcns-counts' });
    E.cnsReasons = h('ul', { class: 'fcns-reasons' });
    E.cnsReasonsHead = h('p', { class: 'label', i18n: 'f_cns_reasons' });
    E.cnsAmendText = h('textarea', { name: 'amend', rows: 2, dir: 'auto', maxlength: 400 });
    E.cnsAmend = h('form', { class: 'fcns-amend', on: function (e) {
      e.preventDefault();
      var text = E.cnsAmendText.value.trim();
      if (!text) return say(E.cnsMsg, { code: 'f_need_prompt' });
      go({ type: 'consent.amend', activity: cur().id, text: text }, E.cnsMsg, 'done', function () { E.cnsAmendText.value = ''; });
    } }, [field('f_cns_amend_label', E.cnsAmendText), h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_cns_amend' })]);
    E.mtCounts = h('p', { class: 'fcns-mt' });
    E.mtAsk = h('button', { type: 'button', class: 'btn btn-light', i18n: 'f_cns_mt_ask', on: function () {
      go({ type: 'moretime.ask', activity: cur().id }, E.cnsMsg);
    } });
    E.mtClose = h('button', { type: 'button', class: 'btn btn-light', i18n: 'f_cns_mt_close', on: function () {
      go({ type: 'moretime.close', activity: cur().id }, E.cnsMsg);
    } });
    E.cnsMsg = msgP();
    E.cns = h('div', { class: 'fcns' }, [E.cnsProgress, E.cnsCounts, E.cnsReasonsHead, E.cnsReasons, E.cnsAmend,
      E.mtCounts, h('div', { class: 'frow' }, [E.mtAsk, E.mtClose]), E.cnsMsg]);
  }

  // Paper counts (issue 20): a sheet's tally as one batch (table, item, count), and the list of
  // batches with a correct button each. A correction is a new batch; the old one stays, struck.
  function buildPaper() {
    E.papTable = numIn('table', '', 0, 60);
    E.papItem = h('select', { name: 'item', class: 'fpap-item', dir: 'auto' });
    E.papCount = numIn('count', '', 0, 10000);
    E.papMsg = msgP();
    E.papForm = h('form', { class: 'fpap-add', novalidate: true, on: function (e) {
      e.preventDefault();
      var a = cur(), n = Number(E.papCount.value), tb = E.papTable.value === '' ? 0 : Number(E.papTable.value);
      if (!a || E.papItem.value === '') return say(E.papMsg, { code: 'bad_value' });
      if (!(n >= 0 && n <= 10000 && Math.floor(n) === n) || E.papCount.value === '') return say(E.papMsg, { code: 'bad_value' });
      var o = { type: 'paper.add', activity: a.id, item: Number(E.papItem.value), count: n };
      if (tb > 0) o.table = tb;
      go(o, E.papMsg, 'done', function () { E.papCount.value = ''; });
    } }, [h('div', { class: 'frow' }, [field('f_pap_table', E.papTable), field('f_pap_count', E.papCount)]),
      field('f_pap_item', E.papItem), h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_pap_add' })]);
    E.papList = h('ul', { class: 'fpap-list' });
    E.papNone = h('p', { class: 'hint', i18n: 'f_pap_none' });
    E.pap = h('div', { class: 'fpap', id: 'fpap' }, [h('p', { class: 'label', i18n: 'f_pap_title' }),
      h('p', { class: 'hint', i18n: 'f_pap_hint' }), E.papForm, E.papNone, E.papList, E.papMsg]);
  }

  // The items a batch can count on: the vote's items (number and text), or the poll's choices
  // (index; a scale's values 1..5).
  function paperItems(a) {
    if (a.kind === 'vote') return S.items.map(function (x) { return { v: x.id, text: (a.on_groups ? '' : '#' + x.id + ' ') + M.safe(x.text) }; });
    if (a.poll === 'scale') return [1, 2, 3, 4, 5].map(function (v) { return { v: v, text: String(v) }; });
    return arr(a.choices).map(function (c, i) { return { v: i, text: M.safe(c) }; });
  }

  function renderPaper() {
    var a = cur();
    if (!E.pap) return;
    var on = !!a && (a.kind === 'vote' || a.kind === 'poll') && a.phase !== 'prepared';
    E.pap.hidden = !on;
    if (!on) return;
    var items = paperItems(a), names = {};
    items.forEach(function (x) { names[x.v] = x.text; });
    M.keyed(E.papItem, items, function (x) { return a.id + ':' + x.v; }, function () { return h('option'); }, function (o, x) {
      o.value = x.v;
      o.dir = 'auto';   // user text: isolated like every other option
      o.textContent = M.safe(x.text);
    });
    var list = arr(S.st && S.st.paper).filter(function (b) { return b && typeof b.id === 'number'; }).slice().reverse();
    E.papNone.hidden = list.length > 0;
    M.keyed(E.papList, list, function (b) { return b.id + (b.replaced ? 'r' : ''); }, function (b) {
      var li = h('li', { class: 'fpap-batch' + (b.replaced ? ' is-replaced' : ''), 'data-batch': b.id });
      var what = h('span', { class: 'fpap-what', dir: 'auto' });
      what.textContent = (b.table ? t('f_pap_table_n', { table: b.table }) : t('f_pap_no_table')) + ' · ' +
        (names[b.item] != null ? names[b.item] : '#' + b.item) + ': ' + b.count + (b.replaced ? ' (' + t('f_pap_replaced') + ')' : '');
      li.appendChild(what);
      if (!b.replaced) {
        var cnt = numIn('fix', b.count, 0, 10000);
        cnt.setAttribute('aria-label', t('f_pap_new_count'));
        li.appendChild(h('form', { class: 'finline fpap-fix', novalidate: true, on: function (e) {
          e.preventDefault();
          var n = Number(cnt.value);
          if (cnt.value === '' || !(n >= 0 && n <= 10000 && Math.floor(n) === n)) return say(E.papMsg, { code: 'bad_value' });
          go({ type: 'paper.correct', batch: b.id, count: n }, E.papMsg, 'done');
        } }, [cnt, h('button', { type: 'submit', class: 'btn btn-quiet', i18n: 'f_pap_correct', text: t('f_pap_correct') })]));
      }
      return li;
    }, function () { /* keyed by id and state: a batch never changes but to replaced, a new key */ });
  }

  function renderMethod() {
    var a = cur();
    if (!a || !E.cns) return;
    var pg = [F.progress, S.st && S.st.progress].filter(function (x) { return x && x.activity === a.id; })[0] || null;
    var key = a.kind === 'vote' ? 'f_cns_progress_vote' : a.kind === 'ideas' ? 'f_cns_progress_ideas' : 'f_cns_progress_answered';
    if (a.kind === 'actions') pg = null; // nobody "answers" an actions activity: no "0 of 25"
    E.cnsProgress.hidden = !pg;
    if (pg) M.put(E.cnsProgress, t(key), { done: pg.done, of: pg.of });
    var consent = a.kind === 'consent', r = consent && S.results && S.results.activity === a.id ? S.results : null;
    E.cnsCounts.hidden = E.cnsAmend.hidden = !consent;
    if (r) {
      M.put(E.cnsCounts, (a.consent_round > 1 ? t('cns_round', { round: a.consent_round }) + ': ' : '') + t('f_cns_counts'),
        { yes: r.yes || 0, live: r.live || 0, concern: r.concern || 0, objection: r.objection || 0 });
    }
    var reasons = r ? arr(r.reasons) : [];
    E.cnsReasonsHead.hidden = !reasons.length;
    M.keyed(E.cnsReasons, reasons.map(function (x, i) { return { x: x, i: i }; }), function (d) { return d.i + JSON.stringify(d.x); }, function (d) {
      var li = h('li', { class: 'fcns-reason', 'data-answer': d.x.answer });
      li.appendChild(h('b', { text: t('cns_' + d.x.answer) !== 'cns_' + d.x.answer ? t('cns_' + d.x.answer) : d.x.answer }));
      if (d.x.reason) li.appendChild(h('bdi', { text: ' ' + M.safe(d.x.reason) }));
      if (d.x.in_person) li.appendChild(h('span', { class: 'hint', text: ' · ' + t('f_cns_in_person') }));
      if (d.x.photo) M.photoImg({ file: d.x.photo }, 'fcns-photo', li);
      return li;
    }, function () { /* keyed by its content: nothing changes in place */ });
    var q = a.moretime;
    E.mtCounts.hidden = !q || !q.counts;
    if (q && q.counts) M.put(E.mtCounts, t('f_cns_mt_counts'), q.counts);
    E.mtAsk.hidden = !!(q && q.open);
    E.mtClose.hidden = !(q && q.open);
  }

  /* ---- actions (issue 20): from the top of the vote, typed, edited; statuses; volunteers ---- */
  var STATUSES = ['planned', 'started', 'done', 'dropped'];
  function buildActions() {
    E.actTopHead = h('p', { class: 'label', i18n: 'f_act_top' });
    E.actTop = h('ol', { class: 'fact-top' });
    E.actList = h('ol', { class: 'fact-list' });
    E.actNone = h('p', { class: 'hint', i18n: 'f_act_none' });
    E.actText = h('input', { type: 'text', name: 'text', dir: 'auto', maxlength: 280 });
    E.actWho = h('input', { type: 'text', name: 'who', dir: 'auto', maxlength: 80 });
    E.actDue = h('input', { type: 'date', name: 'due' });
    E.actMsg = msgP();
    E.actAdd = h('form', { class: 'fact-add', on: function (e) {
      e.preventDefault();
      var text = E.actText.value.trim(), o = { type: 'action.add', activity: cur().id, text: text };
      if (!text) return say(E.actMsg, { code: 'empty_text' });
      if (E.actWho.value.trim()) o.who = E.actWho.value.trim();
      if (E.actDue.value) o.due = E.actDue.value;
      go(o, E.actMsg, 'done', function () { E.actText.value = E.actWho.value = E.actDue.value = ''; });
    } }, [field('f_act_text', E.actText), h('div', { class: 'frow' }, [field('f_act_who', E.actWho), field('f_act_due', E.actDue)]),
      h('button', { type: 'submit', class: 'btn btn-primary', i18n: 'f_act_add' })]);
    E.actBody = h('div', { class: 'fact' }, [E.actTopHead, E.actTop, E.actList, E.actNone,
      h('p', { class: 'label', i18n: 'f_act_add' }), E.actAdd, E.actMsg]);
  }

  function actionNode(x) {
    var li = h('li', { class: 'fact-item' }), msg = msgP();
    var who = h('input', { type: 'text', name: 'who', dir: 'auto', maxlength: 80 }), due = h('input', { type: 'date', name: 'due' });
    var sel = h('select', { name: 'status' }, STATUSES.map(function (v) { return h('option', { value: v, text: t('f_act_' + v) }); }));
    var note = h('input', { type: 'text', name: 'note', dir: 'auto', maxlength: 280 });
    var id = function () { return Number(li.getAttribute('data-key')); };
    li.appendChild(h('p', { class: 'fact-head' }, [h('span', { class: 'fact-status' }), ' ', h('bdi', { class: 'fact-text' })]));
    li.appendChild(h('div', { class: 'fact-offer' }, [h('p', { class: 'fact-offer-text' }), h('div', { class: 'frow' }, [
      h('button', { type: 'button', class: 'btn btn-primary', text: t('f_act_confirm'), on: function () { go({ type: 'action.confirm', action: id(), confirm: true }, msg); } }),
      h('button', { type: 'button', class: 'btn btn-light', text: t('f_act_decline'), on: function () { go({ type: 'action.confirm', action: id(), confirm: false }, msg); } })])]));
    li.appendChild(h('form', { class: 'fact-edit', on: function (e) {
      e.preventDefault();
      go({ type: 'action.edit', action: id(), who: who.value.trim(), due: due.value || '' }, msg);
    } }, [h('div', { class: 'frow' }, [field('f_act_who', who), field('f_act_due', due)]),
      h('button', { type: 'submit', class: 'btn btn-light', text: t('f_act_save') })]));
    li.appendChild(h('form', { class: 'fact-set', on: function (e) {
      e.preventDefault();
      var o = { type: 'action.status', action: id(), status: sel.value };
      if (note.value.trim()) o.note = note.value.trim();
      go(o, msg);
    } }, [h('div', { class: 'frow' }, [field('f_act_status', sel), field('f_act_note', note)]),
      h('button', { type: 'submit', class: 'btn btn-light', text: t('f_act_save') })]));
    li.appendChild(msg);
    M.translate(li);
    return li;
  }

  function renderActions() {
    var a = cur(), on = !!a && a.kind === 'actions';
    E.actSec.hidden = !on;
    if (!on) return;
    var st = S.st || {}, acts = arr(st.actions).filter(function (x) { return x.activity === a.id; });
    var src = st.source_results, groups = !!(src && src.on_groups);
    var rows = src ? arr(src.rows).filter(function (r) { return r.count > 0; }).slice(0, 5) : [];
    var taken = function (r) { return acts.some(function (x) { return (groups ? x.group : x.idea) === r.item; }); };
    E.actTopHead.hidden = !rows.length;
    M.keyed(E.actTop, rows, function (r) { return r.item + ':' + r.count + ':' + taken(r); }, function (r) {
      var b = h('button', { type: 'button', class: 'btn btn-light', text: t('f_act_take'), disabled: taken(r), on: function () {
        var o = { type: 'action.add', activity: a.id, text: r.text };
        o[groups ? 'group' : 'idea'] = r.item;
        go(o, E.actMsg);
      } });
      return h('li', { class: 'fact-top-item' }, [h('bdi', { text: M.safe(r.text) }), h('span', { class: 'hint', text: ' · ' + r.count + ' ' }), b]);
    }, function () {});
    E.actNone.hidden = !!acts.length;
    M.keyed(E.actList, acts, function (x) { return x.id; }, actionNode, function (li, x) {
      li.setAttribute('data-status', x.status);
      li.querySelector('.fact-status').textContent = t('f_act_' + x.status);
      li.querySelector('.fact-text').textContent = M.safe(x.text);
      var off = li.querySelector('.fact-offer');
      off.hidden = !x.volunteer;
      if (x.volunteer) M.put(off.firstChild, t('f_act_offer'), { who: x.offer || '' });
      if (!li.contains(document.activeElement)) {
        var f = li.querySelector('.fact-edit').elements, g = li.querySelector('.fact-set').elements;
        f.who.value = x.who || '';
        f.due.value = x.due || '';
        g.status.value = x.status;
        g.note.value = x.note || '';
      }
    });
  }

  /* ---- signals from the phones ---- */

  // New counts: a line whose count grew since the last message is highlighted for FRESH_MS from
  // now; one seen for the first time, from the host's "last" (the two clocks roughly agree).
  function takeSignals(list, live) {
    var now = Date.now();
    F.signals = arr(list).filter(function (x) { return x && typeof x.lang === 'string'; });
    F.signals.forEach(function (x) {
      SIGNAL_KINDS.forEach(function (k) {
        var key = x.lang + ':' + k, n = typeof x[k] === 'number' ? x[k] : 0, before = F.seen[key];
        if (live && before !== undefined && n > before) F.fresh[key] = now + FRESH_MS;
        else if (before === undefined && n > 0) {
          var last = Date.parse(x.last);
          if (!isNaN(last) && now - last < FRESH_MS) F.fresh[key] = Math.min(now, last) + FRESH_MS;
          else if (live) F.fresh[key] = now + FRESH_MS;
        }
        F.seen[key] = n;
      });
    });
  }

  function langName(code) {
    return typeof S.strings['lang_name_' + code] === 'string' ? t('lang_name_' + code) : String(code);
  }

  function renderSignals() {
    var now = Date.now(), rows = [], next = Infinity;
    // Newest first; at the same millisecond, the language that came later (the host lists them in
    // the order they first signalled).
    F.signals.map(function (x, i) { return { x: x, i: i, at: Date.parse(x.last) || 0 }; }).sort(function (p, q) {
      return q.at - p.at || q.i - p.i;
    }).forEach(function (e) {
      var x = e.x;
      SIGNAL_KINDS.forEach(function (k) {
        var n = typeof x[k] === 'number' ? x[k] : 0, until = F.fresh[x.lang + ':' + k] || 0;
        if (n <= 0) return;
        if (until > now) next = Math.min(next, until);
        rows.push({ lang: x.lang, kind: k, n: n, fresh: until > now, last: x.last });
      });
    });
    E.sigNone.hidden = rows.length > 0;
    M.keyed(E.sigList, rows, function (r) { return r.lang + ':' + r.kind; }, function (r) {
      return h('li', { class: 'fsig', 'data-kind': r.kind, 'data-lang': r.lang }, [
        h('span', { class: 'fsig-icon', 'aria-hidden': 'true', text: SIGNAL_ICON[r.kind] }),
        h('span', { class: 'fsig-text' }), h('time', { class: 'fsig-time' })]);
    }, function (li, r) {
      li.classList.toggle('is-fresh', r.fresh);
      li.setAttribute('data-n', r.n);
      // "{n} in {lang} ask for interpreting": the count by the page's plural rules, the language isolated
      M.put(li.children[1], M.tn('f_sig_' + r.kind, r.n, { lang: '{lang}' }), { lang: langName(r.lang) });
      var d = new Date(r.last), tm = li.children[2];
      tm.hidden = isNaN(d);
      if (!isNaN(d)) {
        tm.setAttribute('datetime', r.last);
        tm.textContent = t('f_sig_at', { time: d.toLocaleTimeString(S.lang + '-u-nu-latn', { hour: '2-digit', minute: '2-digit' }) });
      }
    });
    clearTimeout(F.freshTimer);
    if (next < Infinity) F.freshTimer = setTimeout(renderSignals, next - now + 50);
  }

  // The categories (or choices) of an activity with their pictograms: "🏠 Bostad · 🗣️ Språk".
  function optionsLine(p, a) {
    p.textContent = '';
    var list = !a ? [] : a.kind === 'ideas' ? arr(a.categories) : a.kind === 'poll' && a.poll !== 'scale' ? arr(a.choices) : [];
    p.hidden = !list.length;
    if (!list.length) return;
    p.appendChild(h('span', { class: 'fopts-label', text: t(a.kind === 'ideas' ? 'f_topics' : 'f_choices_now') }));
    var pictos = arr(a.pictos);
    list.forEach(function (c, i) {
      var o = h('span', { class: 'fopt' });
      if (pictos[i]) o.appendChild(h('span', { class: 'picto', 'aria-hidden': 'true', text: pictos[i] }));
      M.user('bdi', '', c, o);
      p.appendChild(o);
    });
  }

  // The words only the facilitator and the interpreter read are in i18n/roles/<lang>.json, out of
  // every participant's download: fetched once per language and added to the page's words. Until
  // they are here (a moment after a change of language), the remote stays out of sight rather
  // than show key names.
  var roles = {};
  function roleWords() {
    var code = S.lang, w = roles[code];
    if (w === undefined) {
      roles[code] = null;
      fetch('i18n/roles/' + code + '.json').then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; }).then(function (x) { roles[code] = x || {}; F.lang = ''; render(); });
    }
    if (!w) return false;
    [S.strings, S.loaded && S.loaded[code]].forEach(function (into) {
      if (into && code === S.lang) for (var k in w) if (!(k in into)) into[k] = w[k];
    });
    return true;
  }

  function render() {
    if (!S.fac || !root) { if (root) root.textContent = ''; F.built = false; return; }
    var worded = roleWords();
    root.classList.toggle('is-wording', !worded);
    if (!worded) return;
    if (!F.built) build();
    if (F.lang !== S.lang) { F.lang = S.lang; M.translate(root); }
    var a = cur();
    // Now
    E.nowBody.hidden = !a;
    E.noAct.hidden = !!a;
    if (a) {
      E.now.textContent = M.safe(a.title || a.prompt);
      E.nowMeta.textContent = kindWord(a.kind) + ' · ' + M.phaseText(a);
      var bs = E.phases.children;
      for (var i = 0; i < bs.length; i++) bs[i].setAttribute('aria-pressed', String(bs[i].getAttribute('data-phase') === a.phase));
      var tm = S.timer;
      E.startBtn.hidden = E.addBtn.hidden = E.offBtn.hidden = !tm;
      E.startBtn.textContent = t(tm && tm.running ? 'f_timer_pause' : 'f_timer_start');
    }
    optionsLine(E.nowOpts, a);
    renderTables();
    renderMethod();
    renderActions();
    renderPaper();
    renderSignals();
    renderLinks();
    renderPicks();
    // Agenda
    M.keyed(E.agenda, S.agenda, function (x) { return x.id; }, function (x) {
      return h('li', {}, [h('button', { type: 'button', class: 'fitem', on: function () {
        go({ type: 'goto', activity: x.id }, E.agendaMsg, 'f_shown');
      } }, [h('span', { class: 'fitem-title' }), h('span', { class: 'fitem-meta' })])]);
    }, function (li, x) {
      var b = li.firstChild, now = a && a.id === x.id;
      b.firstChild.textContent = (S.agenda.indexOf(x) + 1) + '. '; // the number outside the title's isolation
      M.user('bdi', '', x.title || kindWord(x.kind), b.firstChild);
      b.lastChild.textContent = kindWord(x.kind) + ' · ' + M.phaseText(x) + (now ? ' · ' + t('f_current') : '');
      if (now) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    });
    // Vote sources: the ideas activities.
    var ideasActs = S.agenda.filter(function (x) { return x.kind === 'ideas'; });
    M.keyed(E.source, ideasActs, function (x) { return x.id; }, function () { return h('option'); }, function (o, x) {
      o.value = x.id;
      o.dir = 'auto';
      o.textContent = M.safe(x.title || '#' + x.id);
    });
    if (!E.source.dataset.touched && ideasActs.length) E.source.value = (a && a.kind === 'ideas' ? a.id : ideasActs[ideasActs.length - 1].id);
    renderMod();
    renderScr();
    // Proxies
    M.keyed(E.proxies, S.proxies, function (p) { return p.id; }, function (p) {
      return h('li', { class: 'fproxy' }, [h('bdi', { class: 'fproxy-name' }), h('button', { type: 'button', class: 'btn btn-light', on: function () { M.actAs(p.id); } })]);
    }, function (li, p) {
      li.firstChild.textContent = M.safe(p.name);
      M.put(li.lastChild, t('act_for'), { name: p.name });
    });
  }

  // Moderation and groups of the ideas activity in focus.
  function renderMod() {
    var fa = focusAct(), a = cur();
    E.modBody.hidden = !fa;
    E.modNone.hidden = !!fa;
    if (!fa) return;
    var groups = S.groups.filter(function (g) { return !g.activity || g.activity === fa; });
    M.keyed(E.groups, groups, function (g) { return g.id; }, groupNode, function (li, g) {
      li.querySelector('.fg-name').textContent = M.safe(g.name);
      var n = S.ideas.filter(function (i) { return i.group === g.id && !i.merged_into; }).length;
      li.querySelector('.fg-count').textContent = a.kind === 'ideas' ? M.tn('f_n_ideas', n) : '';
      var ed = F.edit['g' + g.id];
      li.querySelector('.fg-show').hidden = !!ed;
      li.querySelector('.fg-edit').hidden = !ed;
      askRender(li, 'g' + g.id);
    });
    var ideas = a.kind === 'ideas' ? S.ideas : a.on_groups ? [] : S.items;
    E.modEmpty.hidden = ideas.length > 0;
    M.keyed(E.mods, ideas.slice().reverse(), function (i) { return i.id; }, modNode, function (li, i) { modUpdate(li, i, ideas, groups); });
  }

  /* ---- screened ideas: the queue ---- */
  var REASONS = ['off_topic', 'duplicate', 'personal', 'hurtful', 'unclear', 'other'];
  F.scr = {}; // idea id -> 'edit' | 'reject' while its form is open
  function renderScr() {
    var a = cur(), waiting = S.ideas.filter(function (i) { return i.status === 'waiting' && !i.merged_into; });
    E.scr.hidden = !waiting.length && !(a && a.screened);
    E.scrTitle.textContent = t('f_scr_queue', { n: waiting.length });
    E.scrNone.hidden = waiting.length > 0;
    M.keyed(E.scrList, waiting, function (i) { return i.id; }, scrNode, function (li, i) {
      li.querySelector('.fscr-text').textContent = M.safe(i.text);
      var who = li.querySelector('.fscr-who'), mode = F.scr[i.id] || '';
      who.textContent = '';
      if (M.byFac(i)) M.facMark(who); else M.user('bdi', '', i.name || t('anonymous'), who);
      li.querySelector('.fscr-acts').hidden = !!mode;
      li.querySelector('.fscr-edit').hidden = mode !== 'edit';
      li.querySelector('.fscr-rej').hidden = mode !== 'reject';
    });
  }
  function scrNode(i) {
    var id = i.id, msg = E.scrMsg, close = function () { delete F.scr[id]; render(); };
    var text = h('textarea', { rows: 3, dir: 'auto', maxlength: 280 }), note = h('input', { type: 'text', dir: 'auto', maxlength: 280 });
    text.id = 'fst' + id;
    var reasons = h('fieldset', { class: 'chips' }, [h('legend', { class: 'label', i18n: 'f_scr_reason' })].concat(REASONS.map(function (r, k) {
      return choice('rj' + id, r, 'scr_' + r + '_why', k === 0);
    })));
    var onChips = function () { [].forEach.call(reasons.querySelectorAll('input'), function (x) { x.parentNode.classList.toggle('is-on', x.checked); }); };
    reasons.addEventListener('change', onChips);
    var cancel = function () { return h('button', { type: 'button', class: 'btn btn-quiet', i18n: 'cancel', on: close }); };
    var li = h('li', { class: 'fscr', 'data-id': id }, [
      h('p', { class: 'fscr-text', dir: 'auto' }), h('p', { class: 'hint fscr-who' }),
      h('div', { class: 'frow fscr-acts' }, [
        h('button', { type: 'button', class: 'btn btn-primary fscr-ok', i18n: 'f_scr_approve', on: function () {
          go({ type: 'idea.approve', idea: id }, msg, 'done');
        } }),
        h('button', { type: 'button', class: 'btn btn-light fscr-edit-btn', i18n: 'f_scr_edit', on: function () {
          F.scr[id] = 'edit'; text.value = findIdea(id).text || ''; render(); text.focus();
        } }),
        h('button', { type: 'button', class: 'btn btn-danger fscr-no', i18n: 'f_scr_reject', on: function () { F.scr[id] = 'reject'; render(); } })]),
      h('form', { class: 'fscr-edit', on: function (e) {
        e.preventDefault();
        var v = text.value.trim();
        if (v) go({ type: 'idea.approve', idea: id, text: v }, msg, 'done', close);
      } }, [h('label', { class: 'label', for: text.id, i18n: 'f_scr_edit' }), text,
        h('div', { class: 'frow' }, [h('button', { type: 'submit', class: 'btn btn-primary', i18n: 'f_scr_approve' }), cancel()])]),
      h('form', { class: 'fscr-rej', on: function (e) {
        e.preventDefault();
        var r = reasons.querySelector('input:checked'), o = { type: 'idea.reject', idea: id, reason: r ? r.value : 'other' };
        if (note.value.trim()) o.note = note.value.trim();
        go(o, msg, 'done', close);
      } }, [reasons, field('f_scr_note', note),
        h('div', { class: 'frow' }, [h('button', { type: 'submit', class: 'btn btn-danger', i18n: 'f_scr_send' }), cancel()])])]);
    onChips();
    M.translate(li);
    return li;
  }

  function groupNode(g) {
    var key = 'g' + g.id, msg = E.modMsg, input = h('input', { type: 'text', dir: 'auto', maxlength: 60 });
    input.id = 'fg' + g.id;
    var li = h('li', { class: 'fgroup' }, [
      h('div', { class: 'fg-show' }, [h('p', { class: 'fg-line' }, [h('bdi', { class: 'fg-name' }), ' ', h('span', { class: 'fg-count' })]),
        h('div', { class: 'frow' }, [
          h('button', { type: 'button', class: 'btn btn-light', i18n: 'f_rename', on: function () {
            F.edit[key] = true; input.value = g.name; renderMod(); input.focus();
          } }),
          h('button', { type: 'button', class: 'btn btn-danger', i18n: 'f_remove', on: function () { ask(key, 'f_ask_remove_group', function () {
            go({ type: 'group.remove', group: g.id }, msg, 'f_group_removed');
          }); } })])]),
      h('form', { class: 'fg-edit', on: function (e) {
        e.preventDefault();
        var name = input.value.trim();
        if (!name) return;
        go({ type: 'group.rename', group: g.id, name: name }, msg, 'done', function () { delete F.edit[key]; render(); });
      } }, [h('label', { class: 'label', for: input.id, i18n: 'f_group_name' }), input, h('div', { class: 'frow' }, [
        h('button', { type: 'submit', class: 'btn btn-primary', i18n: 'f_save' }),
        h('button', { type: 'button', class: 'btn btn-quiet', i18n: 'cancel', on: function () { delete F.edit[key]; render(); } })])]),
      askNode()]);
    M.translate(li);
    return li;
  }

  // An inline "are you sure?" for destructive actions: no browser dialog, big buttons.
  function askNode() {
    return h('div', { class: 'fask', role: 'group', hidden: true }, [h('p', { class: 'fask-q' }), h('div', { class: 'frow' }, [
      h('button', { type: 'button', class: 'btn btn-danger fask-yes' }),
      h('button', { type: 'button', class: 'btn btn-quiet fask-no', i18n: 'cancel' })])]);
  }
  function ask(key, q, fn, vars) {
    F.ask = { key: key, q: q, fn: fn, vars: vars };
    renderMod();
    var yes = root.querySelector('.fask:not([hidden]) .fask-yes');
    if (yes) yes.focus();
  }
  function askRender(li, key) {
    var box = li.querySelector(':scope > .fask'), on = F.ask.key === key;
    box.hidden = !on;
    if (!on) return;
    box.firstChild.textContent = t(F.ask.q, F.ask.vars);
    var yes = box.querySelector('.fask-yes'), no = box.querySelector('.fask-no');
    no.textContent = t('cancel');
    yes.textContent = t(F.ask.q + '_yes');
    yes.onclick = function () { var fn = F.ask.fn; F.ask = {}; renderMod(); fn(); };
    no.onclick = function () { F.ask = {}; renderMod(); };
  }

  function modNode(i) {
    var id = i.id, key = 'i' + id, msg = E.modMsg;
    var text = h('textarea', { rows: 3, dir: 'auto', maxlength: 280 });
    text.id = 'fe' + id;
    var grp = h('select', { class: 'fm-group', on: function () {
      go({ type: 'idea.group', idea: id, group: Number(grp.value) }, msg, 'f_moved');
    } });
    grp.id = 'fgs' + id;
    var into = h('select', { class: 'fm-into' });
    into.id = 'fmi' + id;
    var li = h('li', { class: 'fmod', 'data-id': id }, [
      h('button', { type: 'button', class: 'fm-head', 'aria-expanded': 'false', on: function () {
        F.open[key] = !F.open[key]; renderMod();
      } }, [h('span', { class: 'fm-text', dir: 'auto' }), h('span', { class: 'fm-meta' })]),
      h('div', { class: 'fm-body' }, [
        h('div', { class: 'frow fm-acts' }, [
          h('button', { type: 'button', class: 'btn btn-danger fm-hide', i18n: 'f_hide', on: function () { ask(key, 'f_ask_hide', function () {
            go({ type: 'idea.hide', idea: id }, msg, 'f_hidden');
          }); } }),
          h('button', { type: 'button', class: 'btn btn-light fm-restore', i18n: 'f_restore', on: function () {
            go({ type: 'idea.restore', idea: id }, msg, 'f_restored');
          } }),
          h('button', { type: 'button', class: 'btn btn-light fm-edit-btn', i18n: 'f_edit', on: function () {
            F.edit[key] = true; text.value = cur().kind === 'ideas' ? findIdea(id).text : findItem(id).text; renderMod(); text.focus();
          } })]),
        h('form', { class: 'fm-edit', on: function (e) {
          e.preventDefault();
          var v = text.value.trim();
          if (!v) return;
          go({ type: 'idea.edit', idea: id, text: v }, msg, 'f_edited', function () { delete F.edit[key]; renderMod(); });
        } }, [h('label', { class: 'label', for: text.id, i18n: 'f_edit_label' }), text, h('div', { class: 'frow' }, [
          h('button', { type: 'submit', class: 'btn btn-primary', i18n: 'f_save' }),
          h('button', { type: 'button', class: 'btn btn-quiet', i18n: 'cancel', on: function () { delete F.edit[key]; renderMod(); } })])]),
        h('div', { class: 'field fm-g' }, [h('label', { class: 'label', for: grp.id, i18n: 'f_group' }), grp]),
        h('div', { class: 'field' }, [h('label', { class: 'label', for: into.id, i18n: 'f_merge_into' }), into,
          h('button', { type: 'button', class: 'btn btn-danger fm-merge', i18n: 'f_merge', on: function () {
            var target = Number(into.value);
            if (!target) return say(msg, { code: 'f_pick_idea' });
            ask(key, 'f_ask_merge', function () { go({ type: 'idea.merge', idea: id, into: target }, msg, 'f_merged'); });
          } })]),
        askNode()])]);
    M.translate(li);
    return li;
  }

  function findIdea(id) { return S.ideas.filter(function (i) { return i.id === id; })[0] || {}; }
  function findItem(id) { return S.items.filter(function (i) { return i.id === id; })[0] || {}; }

  function modUpdate(li, i, ideas, groups) {
    var key = 'i' + i.id, open = !!F.open[key], ed = !!F.edit[key];
    var head = li.firstChild, body = li.lastChild;
    head.setAttribute('aria-expanded', String(open));
    head.firstChild.textContent = M.safe(i.text);
    var bits = [], meta = head.lastChild, g = M.groupName(i.group);
    if (i.hidden) bits.push(t('hidden'));
    if (i.status) bits.push(i.reject ? t('scr_' + i.reject + '_why') : t('scr_waiting')); // screened: not (yet) shown
    if (i.merged_into) bits.push(t('f_merged_into', { id: i.merged_into }));
    if (i.edited) bits.push(t('edited'));
    // The author and the group each isolated on their own, the facilitator's ideas with her mark.
    meta.textContent = bits.join(' · ');
    var sep = function () { if (meta.firstChild) meta.appendChild(document.createTextNode(' · ')); };
    if (i.name !== undefined) { sep(); if (M.byFac(i)) M.facMark(meta); else M.user('bdi', '', i.name || t('anonymous'), meta); }
    if (g) { sep(); M.user('bdi', '', g, meta); }
    var a = cur(), cats = a && a.kind === 'ideas' ? arr(a.categories) : [], pictos = a ? arr(a.pictos) : [];
    if (cats[i.category]) { // the category, with its pictogram
      sep();
      if (pictos[i.category]) meta.appendChild(h('span', { class: 'picto', 'aria-hidden': 'true', text: pictos[i.category] + '\u00a0' }));
      M.user('bdi', '', cats[i.category], meta);
    }
    li.classList.toggle('is-hidden', !!i.hidden);
    li.classList.toggle('is-merged', !!i.merged_into);
    body.hidden = !open;
    if (!open) return;
    body.querySelector('.fm-hide').hidden = !!i.hidden || !!i.merged_into;
    body.querySelector('.fm-restore').hidden = !i.hidden;
    body.querySelector('.fm-edit').hidden = !ed;
    body.querySelector('.fm-acts').hidden = ed;
    var grp = body.querySelector('.fm-group'), into = body.querySelector('.fm-into');
    body.querySelector('.fm-g').hidden = cur().kind !== 'ideas' || !!i.status; // a screened idea not shown: no group
    fill(grp, [{ id: 0, text: t('f_no_group') }].concat(groups.map(function (x) { return { id: x.id, text: x.name }; })), i.group || 0);
    fill(into, [{ id: 0, text: t('f_pick') }].concat(ideas.filter(function (x) { return x.id !== i.id && !x.hidden && !x.merged_into && !x.status; })
      .map(function (x) { return { id: x.id, text: x.text.length > 60 ? x.text.slice(0, 57) + '…' : x.text }; })), Number(into.value) || 0);
    into.parentNode.hidden = !!i.status; // nor merged
    askRender(body, key);
  }

  function fill(sel, opts, value) {
    var sig = JSON.stringify(opts);
    if (sel.getAttribute('data-sig') !== sig) {
      sel.textContent = '';
      opts.forEach(function (o) { sel.appendChild(h('option', { value: o.id, text: M.safe(o.text), dir: 'auto' })); });
      sel.setAttribute('data-sig', sig);
    }
    sel.value = String(value);
  }

  /* ---- tables and rounds ---- */

  // "I par, 2" is a round called "I par" of two minutes; "Alla" (or "Runda 2") one without a timer.
  function roundLine(x) {
    x = x.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (d) { return String(d.charCodeAt(0) & 15); }); // ۲ is 2
    var m = /^(.*?)[,;،]\s*(\d+(?:[.,]\d+)?)\s*$/.exec(x), title = m ? m[1].trim() : x, min = m ? Number(m[2].replace(',', '.')) : 0;
    if (!title || title.length > 60 || min > 240) return null;
    return { title: title, seconds: Math.round(min * 60) };
  }

  // The section: how many tables, dealing people out at random, each table with how many sit
  // there (never who), the link of its shared tablet and what it brings forward; the rounds of
  // the activity now and the button to the next.
  function buildTables() {
    E.tcount = numIn('count', '', 0, 60);
    E.tMsg = msgP();
    E.tsize = h('fieldset', { class: 'chips' }, [h('legend', { class: 'label', i18n: 'f_tbl_size' })].concat([2, 3, 4, 5, 6, 7].map(function (n) {
      return h('label', { class: 'chip chip-radio' + (n === 4 ? ' is-on' : '') }, [h('input', { type: 'radio', name: 'tsize', value: n, checked: n === 4 }),
        h('span', n === 2 ? { i18n: 'f_tbl_pairs' } : n === 4 ? { i18n: 'f_tbl_fours' } : { text: String(n) })]);
    })));
    E.tsize.addEventListener('change', function () {
      var r = E.tsize.querySelectorAll('input');
      for (var i = 0; i < r.length; i++) r[i].parentNode.classList.toggle('is-on', r[i].checked);
    });
    E.tlist = h('ul', { class: 'ftables' });
    E.tnone = h('p', { class: 'hint', i18n: 'f_tbl_none' });
    E.rlist = h('ol', { class: 'frounds' });
    E.rnext = h('button', { type: 'button', class: 'btn btn-primary', id: 'f-round-next', on: function () {
      var a = cur();
      if (a) go({ type: 'round.next', activity: a.id }, E.rMsg, 'f_tbl_round_started');
    } });
    E.rMsg = msgP();
    E.rbox = h('div', {}, [h('h3', { class: 'fsub', i18n: 'f_tbl_rounds_title' }), E.rlist, h('div', { class: 'frow' }, [E.rnext]), E.rMsg]);
    return section('tables', 'f_tbl_title', [
      h('form', { class: 'finline', on: function (e) {
        e.preventDefault();
        var n = Number(E.tcount.value);
        if (!(n >= 0 && n <= 60 && n % 1 === 0)) return say(E.tMsg, { code: 'f_tbl_bad_count' });
        go({ type: 'tables.set', count: n }, E.tMsg, 'f_tbl_set_done');
      } }, [field('f_tbl_count', E.tcount), h('button', { type: 'submit', class: 'btn btn-light', i18n: 'f_tbl_set' })]),
      E.tsize,
      h('div', { class: 'frow' }, [h('button', { type: 'button', class: 'btn btn-light', id: 'f-assign', i18n: 'f_tbl_assign', on: function () {
        var c = E.tsize.querySelector('input:checked');
        go({ type: 'tables.assign', size: Number(c ? c.value : 4) }, E.tMsg, 'f_tbl_assigned');
      } })]),
      h('p', { class: 'hint', i18n: 'f_tbl_assign_hint' }),
      E.tMsg, E.rbox, E.tnone, E.tlist], true);
  }

  function renderTables() {
    var n = S.tables || 0, a = cur(), seats = arr(F.seats);
    if (document.activeElement !== E.tcount) E.tcount.value = n ? String(n) : '';
    E.tnone.hidden = n > 0;
    var round = a ? M.num(a.round, 0) : 0, rounds = arr(a && a.rounds);
    // Rounds: each with its timer, the one now marked; the button names the next.
    E.rbox.hidden = !rounds.length;
    M.keyed(E.rlist, rounds.map(function (r, i) { return { r: r, i: i }; }), function (d) { return d.i + ':' + d.r.title; }, function () {
      return h('li', { class: 'fround' }, [h('bdi', {}), h('span', { class: 'hint' })]);
    }, function (li, d) {
      li.firstChild.textContent = M.safe(d.r.title);
      var s = M.num(d.r.seconds, 0);
      li.lastChild.textContent = s ? ' · ' + Math.floor(s / 60) + ':' + ('0' + s % 60).slice(-2) : '';
      if (d.i + 1 === round) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    });
    var nx = rounds[round];
    E.rnext.hidden = !nx;
    E.rnext.textContent = '';
    if (nx) M.put(E.rnext, t(round ? 'f_tbl_next' : 'f_tbl_first', { i: round + 1, n: rounds.length }) + ' ·\u00a0{name}', { name: nx.title });
    if (rounds.length && !nx) { E.rMsg.className = 'form-msg'; E.rMsg.textContent = t('f_tbl_last'); }
    // Tables: how many sit there, whether a scribe writes, the tablet's link, the pick of the round now.
    var picks = {};
    S.ideas.forEach(function (i) { if (i.forward > 0 && i.table > 0 && (!round || i.forward === round)) picks[i.table] = i; });
    var base = location.origin + location.pathname;
    M.keyed(E.tlist, Array.from({ length: n }, function (x, i) { return i + 1; }), String, function (k) {
      return h('li', { class: 'ftable', 'data-table': k }, [h('p', { class: 'ftable-head' }, [h('strong', {}), h('span', { class: 'ftable-people' })]),
        h('p', { class: 'ftable-pick', dir: 'auto' }),
        h('p', { class: 'ftable-link' }, [h('span', {}), ' ', h('a', { class: 'flink', dir: 'ltr', target: '_blank', rel: 'noopener' })])]);
    }, function (li, k) {
      var seat = seats.filter(function (x) { return x && x.table === k; })[0];
      li.querySelector('strong').textContent = t('f_tbl_table', { n: k });
      var bits = [];
      if (seat) bits.push(M.tn('f_tbl_people', M.num(seat.people, 0)));
      if (seat && seat.scribe) bits.push(t('f_tbl_scribe'));
      li.querySelector('.ftable-people').textContent = bits.length ? ' · ' + bits.join(' · ') : '';
      var pick = picks[k], pp = li.querySelector('.ftable-pick');
      pp.hidden = !rounds.length;
      pp.textContent = '';
      if (pick) M.put(pp, t('f_tbl_picked'), { text: pick.text }); else pp.textContent = t('f_tbl_no_pick');
      var link = li.querySelector('.ftable-link');
      link.firstChild.textContent = t('f_tbl_kiosk');
      link.lastChild.textContent = link.lastChild.href = base + '#kiosk=' + k;
    });
  }

  M.hooks.render = render;
  M.hooks.message = function (m) {
    if (/^idea\./.test(m.type)) render();
    else if (m.type === 'links') { F.links = m; if (F.built) renderLinks(); }
    else if (m.type === 'progress') { F.progress = m; if (F.built) renderMethod(); }
    else if (m.type === 'signals') {
      var a = cur();
      if (a && m.activity === a.id) { takeSignals(m.signals, true); if (F.built) renderSignals(); }
    } else if (m.type === 'welcome' || m.type === 'state') {
      // How many sit at each table and whether it has a scribe (never who): [{table, people, scribe}].
      F.seats = arr(m.session && m.session.seats);
      if (m.progress) F.progress = m.progress;
      var id = m.activity && m.activity.id;
      if (id !== F.sigAct) { F.sigAct = id; F.seen = {}; F.fresh = {}; } // another activity: its own counts
      takeSignals(m.signals, false); // facilitator.js renders after app.js has taken the state
      if (F.built) renderSignals();
    }
  };
  root.addEventListener('change', function (e) { if (e.target === E.source) E.source.dataset.touched = '1'; });
  // Loaded after the welcome (the script came late), this page takes the links and the signals
  // that app.js kept (F.links, F.signals above).
  render();
})();
