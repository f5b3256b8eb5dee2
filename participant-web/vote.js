/* Medskapa phone page, the dot vote, polls and their results: loaded by app.js the first time
 * the meeting reaches a vote or a poll, so that the page every phone loads first stays small.
 * Works on what app.js keeps (S.items, S.results, S.mine...) and draws into index.html's
 * #vote, #poll and #results. Plain ES2017, like app.js. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, tn = M.tn, arr = M.arr, num = M.num, keyed = M.keyed;
  var request = M.request, make = M.make, btn = M.btn, user = M.user, safe = M.safe, put = M.put;
  var errorText = M.errorText, canAct = M.canAct, closedNote = M.closedNote, isOpen = M.isOpen;
  var proxyName = M.proxyName;
  var dockMsg = M.dockMsg, renderDock = M.renderDock;
  var sayBtn = M.sayBtn, setSay = M.setSay, clipOf = M.clipOf, textLang = M.textLang, picto = M.picto;

  /* ---- voting ---- */

  function who() { return S.actAs || 0; }
  function mineOf(w) {
    if (!w) return S.mine;
    var k = (S.activity ? S.activity.id : 0) + ':' + w;
    return S.pmine[k] || (S.pmine[k] = { dots: {}, answer: null });
  }

  function setMine(m, w, activity) {
    if (!m || (activity && S.activity && activity !== S.activity.id)) return;
    var mine = mineOf(w);
    if (Array.isArray(m.dots)) {
      mine.dots = {};
      m.dots.forEach(function (d) { if (d && d.dots > 0) mine.dots[d.item] = d.dots; });
    }
    if ('answer' in m) mine.answer = m.answer;
    if ('value' in m) mine.answer = m.value;
    if (w) keepProxies();
  }

  // What the facilitator entered for proxies (the host has no way to ask for it): kept on this phone.
  function keepProxies() { M.save('pmine', JSON.stringify(S.pmine)); }
  try { S.pmine = JSON.parse(M.load('pmine')) || {}; } catch (e) { /* none */ }

  // votes.mine / answer.mine: for this phone, or (to the facilitator) for the proxy she acted for;
  // results; and what the state said was this phone's (state.mine, from app.js).
  function message(m) {
    if (m.type === 'state.mine') return setMine(m.mine, 0);
    if (m.type === 'results') {
      if (!S.activity || m.activity !== S.activity.id) return;
      var first = !S.results;
      S.results = m;
      if (first && !S.fac) M.announce(t(S.activity.kind === 'vote' ? 'results_vote' : 'results_poll'));
    } else {
      setMine(m, typeof m.participant === 'number' && !(S.you && m.participant === S.you.id) ? m.participant : 0, m.activity);
    }
    renderVote(); renderPoll(); renderResults(); renderDock();
  }
  S.vq.splice(0).forEach(message);

  function dotsOn(item) {
    var o = S.over[who() + ':' + item];
    return o ? o.dots : mineOf(who()).dots[item] || 0;
  }
  function dotsUsed() {
    var seen = {}, n = 0, d = mineOf(who()).dots, k;
    for (k in d) seen[k] = 1;
    for (k in S.over) if (k.split(':')[0] === String(who())) seen[k.split(':')[1]] = 1;
    for (k in seen) n += dotsOn(k);
    return n;
  }
  function budget() { return num(S.activity && S.activity.budget, 5); }
  function perItem() { return num(S.activity && S.activity.max_per_item, 3); }

  function vote(item, delta) {
    var now = dotsOn(item), want = now + delta;
    if (!canAct() || want < 0) return;
    if (delta > 0 && now >= perItem()) return dockMsg(t('err_over_item_max', { max: perItem() }), true);
    if (delta > 0 && dotsUsed() >= budget()) return dockMsg(t('err_over_budget', { budget: budget() }), true);
    var w = who(), key = w + ':' + item, o = { type: 'vote', activity: S.activity.id, item: item, dots: want };
    if (w) o.as = w;
    var mark = S.over[key] = { dots: want };
    dockMsg('');
    request(o, function (err) {
      if (S.over[key] === mark) delete S.over[key];
      if (!err) { mineOf(w).dots[item] = want; if (w) keepProxies(); } // votes.mine confirms it
      else dockMsg(errorText(err.code, err.message), true);
      renderVote(); renderDock();
    });
    mark.cid = o.cid;
    renderVote(); renderDock();
  }

  function itemNode(it) {
    var li = make('li', 'card vitem');
    var id = 'vi-' + it.id;
    // A photo, its words (in this phone's language when an interpreter gave them) and a listen
    // button: someone who reads little can still choose.
    var head = make('div', 'vitem-head', undefined, li);
    M.photoImg(it.photo, 'vitem-photo', head);
    var body = make('div', 'vitem-body', undefined, head);
    var txt = make('p', 'vitem-text', '', body);
    txt.id = id;
    txt.dir = 'auto';
    make('p', 'vitem-orig', '', body).dir = 'auto';
    sayBtn(head);
    make('ul', 'vitem-ideas', undefined, li);
    var row = make('div', 'vctl', undefined, li);
    var minus = btn('vbtn', '', row, function () { vote(it.id, -1); });
    make('span', '', '−', minus).setAttribute('aria-hidden', 'true');
    make('span', 'sr-only', t('dot_less'), minus);
    make('span', 'pips', undefined, row).setAttribute('aria-hidden', 'true');
    make('span', 'vcount', '', row);
    var plus = btn('vbtn vbtn-plus', '', row, function () { vote(it.id, 1); });
    make('span', '', '+', plus).setAttribute('aria-hidden', 'true');
    make('span', 'sr-only', t('dot_more'), plus);
    minus.setAttribute('aria-describedby', id);
    plus.setAttribute('aria-describedby', id);
    return li;
  }

  function pips(node, filled, total) {
    if (node.childElementCount !== total || node.getAttribute('data-n') !== String(filled)) {
      node.textContent = '';
      for (var i = 0; i < total; i++) make('span', i < filled ? 'pip is-on' : 'pip', undefined, node);
      node.setAttribute('data-n', filled);
    }
  }

  // activity.shuffle: the items in an order of this participant's own (seeded by the
  // participant's id and the activity's), the same after a reload; FNV-1a of each key.
  function hash(x) {
    var h = 2166136261;
    for (var i = 0; i < x.length; i++) { h ^= x.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }
  function mix(list, key) {
    var a = S.activity;
    if (!a || !a.shuffle) return list;
    var seed = (who() || (S.you && S.you.id) || 0) + ':' + a.id + ':';
    return list.map(function (x) { return { x: x, h: hash(seed + key(x)) }; })
      .sort(function (p, q) { return p.h - q.h; }).map(function (p) { return p.x; });
  }

  function renderVote() {
    var a = S.activity, on = !!a && a.kind === 'vote' && (a.phase !== 'revealed' || !S.results);
    el.vote.hidden = !on;
    if (!on) return;
    var open = canAct(), full = dotsUsed() >= budget();
    el.voteHelp.textContent = t('vote_help', { budget: budget(), max: perItem() });
    var note = closedNote('vote');
    el.voteNote.hidden = !note;
    el.voteNote.textContent = note;
    el.voteList.classList.toggle('is-closed', !open);
    keyed(el.voteList, mix(S.items, function (it) { return it.id; }), function (it) { return it.id; }, itemNode, function (li, it) {
      var n = dotsOn(it.id), head = li.firstChild, sub = head.nextSibling, row = sub.nextSibling, b = row.children;
      var txt = head.querySelector('.vitem-text'), orig = txt.nextSibling, sh = M.shownText(it);
      txt.textContent = safe(sh.text);
      txt.lang = sh.lang;
      orig.hidden = !sh.r;
      orig.textContent = sh.r ? safe(sh.orig ? sh.r.text : it.text) : '';
      setSay(head.lastChild, sh.text ? { text: sh.text, lang: sh.lang } : null);
      var ideas = arr(it.ideas).map(safe);
      sub.hidden = !ideas.length;
      if (sub.childElementCount !== ideas.length || sub.textContent !== ideas.join('')) {
        sub.textContent = '';
        ideas.forEach(function (x) { user('li', '', x, sub); });
      }
      li.classList.toggle('has-dots', n > 0);
      b[0].disabled = !open || n === 0;
      b[3].disabled = !open;
      b[3].setAttribute('aria-disabled', String(open && (n >= perItem() || full)));
      pips(b[1], n, perItem());
      b[2].textContent = tn('dots_on', n);
    });
  }

  /* ---- polls ---- */

  function pollChoices(a) {
    if (a.poll !== 'scale') return arr(a.choices).map(function (c, i) { return { v: i, text: c }; });
    var c = arr(a.choices);
    return [1, 2, 3, 4, 5].map(function (v) { return { v: v, text: c.length === 5 ? c[v - 1] : t('scale_' + v) }; });
  }

  function answerOf() { return mineOf(who()).answer; }

  function renderPoll() {
    var a = S.activity, on = !!a && a.kind === 'poll' && (a.phase !== 'revealed' || !S.results);
    el.poll.hidden = !on;
    if (!on) return;
    pollMsg(S.pollMsg);
    var multi = a.poll === 'multi', scale = a.poll === 'scale', ans = answerOf();
    var sig = [a.id, a.poll, S.lang, a.shuffle && who()].concat(arr(a.choices)).join('\u0001');
    if (sig !== S.pollSig) {
      S.pollSig = sig;
      el.pollOpts.textContent = '';
      el.pollOpts.className = 'opts' + (scale ? ' is-scale' : '');
      (scale ? pollChoices(a) : mix(pollChoices(a), function (c) { return c.v; })).forEach(function (c) {
        // Each choice: its pictogram and words, a recorded prompt or the phone's voice beside it.
        var i = scale ? (arr(a.choices).length === 5 ? c.v - 1 : -2) : c.v, wrap = make('div', 'opt-wrap', undefined, el.pollOpts);
        var lab = make('label', 'opt', undefined, wrap), inp = make('input', '', undefined, lab);
        inp.type = multi ? 'checkbox' : 'radio';
        inp.name = 'poll';
        inp.value = c.v;
        var box = make('span', 'opt-box', undefined, lab);
        make('span', 'opt-mark', undefined, box).setAttribute('aria-hidden', 'true');
        if (scale) make('span', 'opt-num', String(c.v), box);
        picto(box, a, i);
        user('span', 'opt-text', c.text, box);
        inp.addEventListener('change', answer);
        sayBtn(wrap).what = (i >= 0 && clipOf(i)) || { text: c.text, lang: i === -2 ? S.lang : textLang(c.text, '') };
      });
    }
    var says = el.pollOpts.querySelectorAll('.say');
    for (var k = 0; k < says.length; k++) setSay(says[k], says[k].what);
    el.pollLegend.textContent = t(multi ? 'poll_multi' : scale ? 'poll_scale' : 'poll_single');
    var note = closedNote('poll');
    el.pollNote.hidden = !note;
    el.pollNote.textContent = note;
    var inputs = el.pollOpts.querySelectorAll('input');
    for (var i = 0; i < inputs.length; i++) {
      var v = Number(inputs[i].value);
      if (!S.pollBusy) inputs[i].checked = multi ? arr(ans).indexOf(v) >= 0 : ans === v;
      inputs[i].disabled = !canAct();
    }
  }

  function answer() {
    var a = S.activity, inputs = el.pollOpts.querySelectorAll('input'), vals = [], w = who();
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) vals.push(Number(inputs[i].value));
    var o = { type: 'poll.answer', activity: a.id, value: a.poll === 'multi' ? vals : vals[0] };
    if (o.value === undefined) return;
    if (w) o.as = w;
    S.pollBusy = (S.pollBusy || 0) + 1;
    pollMsg({ kind: 'wait', key: 'sending' });
    request(o, function (err) {
      S.pollBusy--;
      if (!err) { mineOf(w).answer = o.value; if (w) keepProxies(); }
      pollMsg(err ? { kind: 'error', code: err.code, message: err.message } : { kind: 'ok', key: w ? 'answer_saved_for' : 'answer_saved', vars: { name: proxyName(w) } });
      renderPoll();
    });
  }

  function pollMsg(m) {
    S.pollMsg = m;
    var text = !m ? '' : m.key ? t(m.key, m.vars) : errorText(m.code, m.message);
    el.pollMsg.className = 'form-msg' + (m ? ' is-' + m.kind : '');
    if (el.pollMsg.sig === text) return; // a live region: only real changes
    el.pollMsg.sig = text;
    if (m && m.key) put(el.pollMsg, t(m.key), m.vars); else el.pollMsg.textContent = text;
  }

  /* ---- results ---- */

  function renderResults() {
    var a = S.activity, r = S.results, on = !!a && !!r && (a.kind === 'vote' || a.kind === 'poll') && r.activity === a.id;
    el.results.hidden = !on;
    // No rows of another activity's results are kept out of sight: what the list holds is
    // always the current activity's (or nothing).
    if (!on) { el.resultList.textContent = ''; return; }
    // While voting is open (live results), the voting comes first.
    var next = isOpen() ? el.ideas : el.vote;
    if (el.results.nextElementSibling !== next) el.part.insertBefore(el.results, next);
    var isVote = a.kind === 'vote', rows = arr(r.rows).slice(), max = 1;
    if (a.poll === 'scale') rows.sort(function (x, y) { return x.item - y.item; });
    rows.forEach(function (x) { max = Math.max(max, num(x.count, 0)); });
    el.resultsTitle.textContent = t(isVote ? 'results_vote' : 'results_poll');
    var early = S.fac && a.phase !== 'revealed' && !(a.live && a.phase === 'open');
    el.resultsNote.hidden = !early;
    el.resultsNote.textContent = early ? t('results_only_you') : '';
    var mine = isVote ? mineOf(who()).dots : {}, ans = answerOf(), labels = {};
    if (!isVote) pollChoices(a).forEach(function (c) { labels[c.v] = c.text; });
    keyed(el.resultList, rows, function (x) { return x.item; }, function () {
      var li = make('li', 'rrow');
      make('span', 'rank', undefined, li);
      var body = make('div', 'rbody', undefined, li);
      make('p', 'rtext', undefined, body);
      var bar = make('div', 'rbar', undefined, body);
      make('span', 'rfill', undefined, bar);
      make('p', 'rcount', undefined, body);
      return li;
    }, function (li, x) {
      var tied = rows.filter(function (y) { return y.rank === x.rank; }).length > 1, rank = li.firstChild, body = rank.nextSibling;
      rank.textContent = '';
      rank.hidden = !isVote;
      make('span', 'sr-only', t(tied ? 'place_shared' : 'place', { n: x.rank }), rank);
      make('span', 'rank-n', String(x.rank), rank).setAttribute('aria-hidden', 'true');
      if (tied) make('span', 'rank-tie', t('shared'), rank).setAttribute('aria-hidden', 'true');
      var rt = body.firstChild; // "3 · Agree" on a scale: the number outside the choice's text
      rt.textContent = a.poll === 'scale' ? x.item + ' · ' : '';
      if (!isVote && a.poll !== 'scale') picto(rt, a, x.item);
      user('bdi', '', (a.poll === 'scale' ? '' : x.text) || labels[x.item] || String(x.item), rt);
      body.children[1].firstChild.style.inlineSize = (100 * num(x.count, 0) / max) + '%';
      var cnt = tn(isVote ? 'dots_count' : 'answers_count', num(x.count, 0)), me = isVote ? mine[x.item] : arr(ans).concat(ans).indexOf(x.item) >= 0;
      var pap = num(x.paper, 0); // the paper part of the count (issue 20): "4 on paper"
      body.lastChild.textContent = cnt + (pap > 0 ? ' · ' + t('pap_on_paper', { n: pap }) : '') +
        (me ? ' · ' + (isVote ? tn('yours_dots', me) : t('your_choice')) : '');
      li.classList.toggle('is-top', x.rank === 1 && num(x.count, 0) > 0);
    });
    el.resultsSum.textContent = tn(isVote ? 'voters' : 'answered', num(r.voters, 0));
  }

  /* ---- the dock's dots left ---- */

  function renderDots() {
    var a = S.activity, voting = !!a && a.kind === 'vote' && canAct() && !(S.fac && S.mode === 'lead');
    el.dots.hidden = !voting;
    if (!voting) return;
    var left = budget() - dotsUsed();
    pips(el.dotsPips, left, budget());
    var text = t('dots_left', { n: left, budget: budget() });
    if (el.dotsText.textContent !== text) el.dotsText.textContent = text;
    el.dots.classList.toggle('is-empty', left <= 0);
  }

  M.parts.vote = {
    render: function () { renderVote(); renderPoll(); renderResults(); },
    message: message,
    dots: renderDots
  };
})();
