/* Medskapa phone page, a consent round and "need more time?": loaded by app.js the first time
 * the meeting reaches a consent activity or the facilitator asks the room whether it needs
 * more time, so that the page every phone loads first stays small. Its words are in
 * i18n/consent/<lang>.json, fetched with it. Draws into two cards of its own in #part: the
 * four answers (yes, can live with it, concern, objection), the reason a concern or an
 * objection asks for (a few words, a photo, or "I will tell the facilitator myself"), the
 * answer given ("hidden until revealed"), the room's counts once revealed; and the three big
 * buttons of "need more time?" over whatever activity is on. Plain ES2017, like app.js. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, make = M.make, btn = M.btn, user = M.user, put = M.put;
  var request = M.request, errorText = M.errorText, num = M.num;
  var ANSWERS = ['yes', 'live', 'concern', 'objection'];
  var TIMES = ['done', 'little', 'more'];
  var C = { step: null, reason: '', inPerson: false, shot: null, msg: null, busy: false, mtMsg: null };

  /* ---- words: i18n/consent/<lang>.json, merged into the page's strings ---- */
  function wordsReady() { return M.wordsOf('consent'); }

  /* ---- the two cards, after the question ---- */
  var question = el.part.firstElementChild;
  var mt = make('section', 'card moretime');
  mt.id = 'moretime';
  mt.setAttribute('aria-live', 'polite');
  var card = make('section', 'card consent');
  card.id = 'consent';
  el.part.insertBefore(card, question.nextSibling);
  el.part.insertBefore(mt, question.nextSibling);
  mt.hidden = card.hidden = true;

  function who() { return S.actAs || 0; }
  function mine() {
    var st = S.st || {}, w = who();
    if (!w) return st.mine && st.mine.consent || null;
    var px = (st.proxies || []).filter(function (p) { return p.id === w; })[0];
    return px && px.mine && px.mine.consent || null;
  }
  function canAnswer() { return !S.fac || !!S.actAs; }

  /* ---- the consent round ---- */
  function answerBtn(v, parent, pressed, disabled) {
    var b = btn('cns-btn cns-' + v, '', parent, function () { choose(v); });
    make('span', 'cns-word', t('cns_' + v), b);
    make('span', 'cns-hint', t('cns_' + v + '_hint'), b);
    b.setAttribute('aria-pressed', String(pressed));
    b.disabled = disabled;
    return b;
  }

  function choose(v) {
    C.msg = null;
    if (v === 'concern' || v === 'objection') {
      var m = mine();
      C.step = v;
      if (!m || m.answer !== v) { C.reason = ''; C.inPerson = false; C.shot = null; }
      render();
      var ta = card.querySelector('textarea');
      if (ta) ta.focus();
      return;
    }
    send({ type: 'consent.answer', answer: v });
  }

  function send(o) {
    var a = S.activity;
    o.activity = a.id;
    if (who()) o.as = who();
    C.busy = true;
    C.msg = { kind: 'wait', key: 'sending' };
    render();
    request(o, function (err) {
      C.busy = false;
      C.msg = err ? { kind: 'error', code: err.code, message: err.message } : null;
      if (!err) { C.step = null; C.shot = null; M.announce(t('cns_answered')); }
      render();
    });
  }

  function sendReason() {
    var o = { type: 'consent.answer', answer: C.step }, words = C.reason.trim();
    if (words) o.reason = words;
    if (C.inPerson) o.in_person = true;
    if (C.shot) o.photo = C.shot.data;
    if (!words && !C.inPerson && !C.shot) { C.msg = { kind: 'error', code: 'need_reason' }; return render(); }
    send(o);
  }

  function pickPhoto(file) {
    M.need('photo', function (ph) {
      if (!ph) { C.msg = { kind: 'error', code: 'offline' }; return render(); }
      ph.shrink(file, function (err, shot) {
        C.msg = err ? { kind: 'error', code: err.code } : null;
        if (shot) C.shot = shot;
        render();
      });
    });
  }

  function msgLine(m, parent) {
    var p = make('p', 'form-msg' + (m ? ' is-' + m.kind : ''), undefined, parent);
    p.setAttribute('role', m && m.kind === 'error' ? 'alert' : 'status');
    if (m) p.textContent = m.key ? t(m.key) : errorText(m.code, m.message);
    return p;
  }

  function bars(counts, parent, small) {
    var max = 1, list = make('ol', 'cns-bars' + (small ? ' is-small' : ''), undefined, parent);
    ANSWERS.forEach(function (v) { max = Math.max(max, num(counts[v], 0)); });
    ANSWERS.forEach(function (v) {
      var li = make('li', 'cns-bar cns-' + v, undefined, list);
      make('span', 'cns-bar-word', t('cns_' + v), li);
      var track = make('span', 'cns-bar-track', undefined, li);
      make('span', 'cns-bar-fill', undefined, track).style.inlineSize = (100 * num(counts[v], 0) / max) + '%';
      make('span', 'cns-bar-n', String(num(counts[v], 0)), li);
    });
    return list;
  }

  function renderConsent() {
    var a = S.activity, on = !!a && a.kind === 'consent' && !(S.fac && S.mode === 'lead');
    card.hidden = !on;
    if (!on) { C.step = null; card.sig = ''; return; }
    var round = a.id + ':' + a.consent_round;
    if (C.round !== round) { C.round = round; C.step = null; C.msg = null; C.shot = null; }   // a new proposal: start afresh
    var open = a.phase === 'open', m = mine(), r = S.results && S.results.activity === a.id ? S.results : null;
    // Rebuilt only when something shown changed: a state that changes nothing keeps the focus.
    var sig = JSON.stringify([S.lang, a.id, a.phase, a.consent_round, m, r, C.step, C.busy, C.msg, !!C.shot, who(), S.fac]);
    if (card.sig === sig) return;
    card.sig = sig;
    card.textContent = '';
    var head = make('p', 'eyebrow', undefined, card);
    head.textContent = num(a.consent_round, 1) > 1 ? t('cns_round', { round: a.consent_round }) : '';
    head.hidden = !head.textContent;
    if (C.step && open && canAnswer()) {   // the reason step
      make('h2', 'section-title', t('cns_reason_title'), card);
      make('p', 'cns-chosen', t('cns_' + C.step), card);
      make('p', 'hint', t('cns_reason_help'), card);
      var lab = make('label', 'label', t('cns_reason_label'), card), ta = make('textarea', 'cns-reason', undefined, card);
      lab.htmlFor = ta.id = 'cns-reason';
      ta.rows = 3;
      ta.dir = 'auto';
      ta.maxLength = 280;
      ta.value = C.reason;
      ta.addEventListener('input', function () { C.reason = ta.value; });
      var row = make('div', 'cns-tools', undefined, card);
      var file = make('input', '', undefined, row);
      file.type = 'file';
      file.accept = 'image/*';
      file.hidden = true;
      file.addEventListener('change', function () { if (file.files && file.files[0]) pickPhoto(file.files[0]); });
      btn('btn-light', t('photo_add'), row, function () { file.click(); });
      if (C.shot) {
        var img = make('img', 'cns-shot', undefined, row);
        img.src = C.shot.url;
        img.alt = t('cns_photo_added');
        make('span', 'hint', t('cns_photo_added'), row);
      }
      var pl = make('label', 'cns-person', undefined, card), cb = make('input', '', undefined, pl);
      cb.type = 'checkbox';
      cb.checked = C.inPerson;
      cb.addEventListener('change', function () { C.inPerson = cb.checked; });
      make('span', '', t('cns_in_person'), pl);
      msgLine(C.msg, card);
      var sr = make('div', 'send-row', undefined, card);
      btn('btn-quiet', t('cancel'), sr, function () { C.step = null; C.msg = null; render(); });
      btn('btn-primary', t('send'), sr, sendReason).disabled = C.busy;
      return;
    }
    if (m && !(C.step === 'change' && open)) {   // answered
      var your = make('p', 'cns-mine cns-' + m.answer, undefined, card);
      put(your, t('cns_your_answer'), { answer: t('cns_' + m.answer) });
      if (m.reason) user('p', 'cns-mine-reason', m.reason, card);
      if (m.in_person) make('p', 'hint', t('cns_in_person'), card);
      if (!r) make('p', 'note', t('cns_answered'), card);
      if (open && canAnswer()) btn('btn-light', t('cns_change'), card, function () { C.step = 'change'; render(); });
    } else if (canAnswer()) {   // the four answers
      var list = make('div', 'cns-answers', undefined, card);
      list.setAttribute('role', 'group');
      ANSWERS.forEach(function (v) { answerBtn(v, list, !!m && m.answer === v, !open || C.busy); });
      if (!open) make('p', 'note is-closed', M.phaseText(a), card);
    }
    msgLine(C.msg, card);
    if (r) {   // revealed (or, to the facilitator, always)
      make('h2', 'section-title', t('cns_results'), card);
      bars(r, card, false);
      var earlier = (r.rounds || []).slice().reverse();
      if (earlier.length) {
        make('h3', 'cns-earlier', t('cns_earlier'), card);
        earlier.forEach(function (e) {
          user('p', 'cns-earlier-text', t('cns_round', { round: e.round }) + ': ' + e.text, card);
          bars(e.counts || {}, card, true);
        });
      }
    }
  }

  /* ---- need more time? ---- */
  function renderMoretime() {
    var a = S.activity, q = a && a.moretime, lead = S.fac && S.mode === 'lead';
    var on = !!q && !lead && (q.open ? canAnswer() : !!q.counts);
    mt.hidden = !on;
    if (!on) return;
    mt.textContent = '';
    make('h2', 'section-title', t('cns_mt_question'), mt);
    if (!q.open) {
      put(make('p', 'hint', undefined, mt), t('cns_mt_result'), q.counts);
      return;
    }
    var row = make('div', 'mt-answers', undefined, mt);
    row.setAttribute('role', 'group');
    TIMES.forEach(function (v) {
      var b = btn('mt-btn mt-' + v, t('cns_mt_' + v), row, function () {
        var o = { type: 'moretime.answer', activity: a.id, answer: v };
        if (who()) o.as = who();
        request(o, function (err) {
          C.mtMsg = err ? { kind: 'error', code: err.code, message: err.message } : { kind: 'ok', key: 'cns_mt_thanks' };
          if (!err && !who()) q.mine = v;
          renderMoretime();
        });
      });
      b.setAttribute('aria-pressed', String(q.mine === v));
    });
    if (q.mine) C.mtMsg = C.mtMsg || { kind: 'ok', key: 'cns_mt_thanks' };
    msgLine(q.mine || (C.mtMsg && C.mtMsg.kind === 'error') ? C.mtMsg : null, mt);
  }

  var shownAsk = '';
  function render() {
    if (!wordsReady()) { card.hidden = mt.hidden = true; return; }
    var a = S.activity, ask = a && a.moretime ? a.id + ':' + a.moretime.ask : '';
    if (ask !== shownAsk) { C.mtMsg = null; shownAsk = ask; }
    renderMoretime();
    renderConsent();
  }

  M.parts.consent = { render: render };
})();
