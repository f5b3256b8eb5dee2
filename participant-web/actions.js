/* Medskapa phone page, an actions activity ("now what", issue 20): loaded by app.js the first
 * time the meeting reaches one, so that the page every phone loads first stays small. Its
 * words are in i18n/actions/<lang>.json, fetched with it. Draws one card in #part: every
 * action with who takes it, by when and its status (in words and colour), its note; and
 * "We can take this": the phone types who (a club, a group, a name), and the offer waits for
 * the facilitator, who confirms it. Plain ES2017, like app.js. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, make = M.make, btn = M.btn, user = M.user, put = M.put;
  var request = M.request, errorText = M.errorText, arr = M.arr;
  var A = { open: 0, who: '', msg: null, busy: false };

  /* ---- words: i18n/actions/<lang>.json, merged into the page's strings ---- */
  function wordsReady() { return M.wordsOf('actions'); }

  var question = el.part.firstElementChild;
  var card = make('section', 'card actions');
  card.id = 'actions';
  card.setAttribute('aria-live', 'polite');
  el.part.insertBefore(card, question.nextSibling);
  card.hidden = true;

  function volunteer(id) {
    var w = A.who.trim();
    if (!w) { A.msg = { kind: 'error', code: 'empty_text' }; return render(); }
    var o = { type: 'action.volunteer', action: id, who: w };
    if (S.actAs) o.as = S.actAs;
    A.busy = true;
    A.msg = { kind: 'wait', key: 'sending' };
    render();
    request(o, function (err) {
      A.busy = false;
      A.msg = err ? { kind: 'error', code: err.code, message: err.message } : null;
      if (!err) { A.open = 0; A.who = ''; }
      render();
    });
  }

  function msgLine(m, parent) {
    var p = make('p', 'form-msg' + (m ? ' is-' + m.kind : ''), undefined, parent);
    p.setAttribute('role', m && m.kind === 'error' ? 'alert' : 'status');
    if (m) p.textContent = m.key ? t(m.key) : errorText(m.code, m.message);
    return p;
  }

  function row(a, list) {
    var li = make('li', 'act act-' + a.status, undefined, list);
    li.setAttribute('data-id', a.id);
    var head = make('div', 'act-head', undefined, li);
    make('span', 'act-status', t('act_status_' + a.status), head);
    user('p', 'act-text', a.text, head);
    var facts = make('dl', 'act-facts', undefined, li);
    make('dt', '', t('act_who'), facts);
    if (a.who) user('dd', '', a.who, facts);
    else make('dd', 'is-none', t('act_nobody'), facts);
    make('dt', '', t('act_due'), facts);
    var due = make('dd', a.due ? 'act-due' : 'is-none', a.due || t('act_no_date'), facts);
    if (a.due) due.setAttribute('dir', 'ltr');
    if (a.note) user('p', 'act-note', a.note, li);
    if (a.mine && a.volunteer) {
      put(make('p', 'act-wait', undefined, li), t('act_waiting'), { who: a.offer || '' });
    } else if (a.volunteer) {
      make('p', 'act-wait', t('act_offered'), li);
    } else if (!a.who && (!S.fac || S.actAs) && a.status !== 'done' && a.status !== 'dropped') {
      if (A.open === a.id) {
        var f = make('form', 'act-form', undefined, li);
        var lab = make('label', 'act-label', t('act_volunteer_who'), f);
        var inp = make('input', 'act-input', undefined, lab);
        inp.type = 'text';
        inp.maxLength = 80;
        inp.value = A.who;
        inp.autocomplete = 'organization';
        inp.addEventListener('input', function () { A.who = inp.value; });
        var tools = make('div', 'act-tools', undefined, f);
        var send = make('button', 'btn btn-primary', t('act_send'), tools);
        send.type = 'submit';
        send.disabled = A.busy;
        btn('btn-quiet', t('act_cancel'), tools, function () { A.open = 0; A.msg = null; render(); });
        f.addEventListener('submit', function (e) { e.preventDefault(); volunteer(a.id); });
        msgLine(A.msg, f);
      } else {
        btn('act-offer', t('act_volunteer'), li, function () {
          A.open = a.id; A.who = ''; A.msg = null; render();
          var i = card.querySelector('.act-input');
          if (i) i.focus();
        });
      }
    }
  }

  function render() {
    var a = S.activity, on = !!a && a.kind === 'actions' && !(S.fac && S.mode === 'lead');
    card.hidden = !on;
    if (!on || !wordsReady()) return;
    var focused = document.activeElement && card.contains(document.activeElement) && document.activeElement.className === 'act-input';
    card.textContent = '';
    var list = arr(S.st && S.st.actions);
    if (!list.length) { make('p', 'note', t('act_none'), card); return; }
    var ol = make('ol', 'act-list', undefined, card);
    list.forEach(function (x) { row(x, ol); });
    if (focused) { var i = card.querySelector('.act-input'); if (i) { i.focus(); i.setSelectionRange(i.value.length, i.value.length); } }
  }

  M.parts.actions = { render: render };
})();
