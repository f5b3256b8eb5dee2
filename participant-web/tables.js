/* Medskapa phone page, tables and rounds: loaded by app.js the first time the meeting has tables,
 * the activity runs in rounds, or the page is a table's shared tablet (#kiosk=3), so that the
 * page every phone loads first stays small. Its words are in i18n/tables/<lang>.json, fetched
 * with it (the same reason). It draws
 *  - the seat: "Which table are you at?" with a big button per table, then the table in the
 *    header, "Change table", and the scribe's mark "You write for table 3";
 *  - the round: "Round 2 of 4 · In pairs" in the question card (the timer stays in the dock);
 *  - on ideas: the mark of an idea brought forward, those of the round before first, and "Bring
 *    this forward for our table" on the ideas of one's table in the round now (idea.forward);
 *  - the kiosk: the tablet joins as the scribe of its table, keeps no name and no draft, and after
 *    each idea says "Thank you! Next writer" and starts clean (the ideas list is never shown).
 * Plain ES2017, like app.js. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, arr = M.arr, make = M.make, btn = M.btn;
  var T = { joining: 0, thanks: false, lang: '' };

  // The words of this part, for the page's language (i18n/tables/): a new language draws afresh.
  function words() { return M.wordsOf('tables', function () { T.lang = ''; }); }

  // The seat card, first in the room; the table in the header; the round in the question card.
  var card = make('section', 'card seat');
  card.id = 'seat';
  card.setAttribute('aria-labelledby', 'seat-title');
  var title = make('h2', 'section-title', '', card), grid = make('div', 'seat-grid', '', card);
  title.id = 'seat-title';
  grid.setAttribute('role', 'group');
  grid.setAttribute('aria-labelledby', 'seat-title');
  var line = make('p', 'seat-line', '', card), mark = make('p', 'seat-mark', '', card);
  var scribeBtn = link(card, function () { join(S.seat.table, !S.seat.scribe); });
  var seatMsg = make('p', 'form-msg', '', card);
  seatMsg.setAttribute('aria-live', 'polite');
  var change = link(line, function () { T.picking = true; render(); });
  var lineText = make('span', '', '', line);
  line.insertBefore(lineText, change);
  el.part.insertBefore(card, el.part.firstChild);

  var chip = make('span', 'seat-chip', '');
  chip.id = 'seat-chip';
  el.barTitle.parentNode.insertBefore(chip, el.barTitle.nextSibling);

  var round = make('p', 'round');
  round.id = 'round';
  el.questionLabel.parentNode.insertBefore(round, el.questionLabel.nextSibling);

  // The kiosk's thanks, in place of the idea box until the next writer starts.
  var thanks = make('section', 'card thanks');
  thanks.id = 'thanks';
  thanks.setAttribute('role', 'status');
  var thanksTitle = make('h2', 'thanks-title', '', thanks), thanksHint = make('p', 'hint', '', thanks);
  var next = btn('btn-primary btn-block', '', thanks, function () { clean(); el.idea.focus(); });
  next.id = 'next-writer';
  el.ideaForm.parentNode.insertBefore(thanks, el.ideaForm);

  function link(parent, onClick) {
    var b = make('button', 'link', '', parent);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function seatTable() { return S.seat && S.seat.table > 0 ? S.seat.table : 0; }

  function join(table, scribe) {
    T.joining = table || -1;
    render();
    M.request({ type: 'table.join', table: table, scribe: !!scribe }, function (err) {
      T.joining = 0;
      if (!err) T.picking = false;
      T.again = err ? Date.now() + 5000 : 0; // a kiosk asks again later, not in a loop
      seatMsg.className = 'form-msg' + (err ? ' is-error' : '');
      seatMsg.textContent = err ? M.errorText(err.code, err.message) : '';
      render();
    });
  }

  function render() {
    if (!words()) { card.hidden = chip.hidden = round.hidden = thanks.hidden = true; return; }
    var n = S.tables, k = S.kiosk, at = seatTable(), fac = S.fac;
    document.body.classList.toggle('kiosk', !!k);
    // A kiosk joins as its table's scribe as soon as it is in (and again if that changed).
    if (k && S.welcomed && !fac && !T.joining && k <= n && !(at === k && S.seat.scribe)) {
      clearTimeout(T.againTimer);
      if (Date.now() >= (T.again || 0)) join(k, true); else T.againTimer = setTimeout(render, T.again - Date.now());
    }
    var picking = !k && !fac && n > 0 && (!at || T.picking);
    card.hidden = fac || !(n || k) || !S.welcomed;
    if (k && k > n && S.welcomed) { // a tablet for a table the meeting does not have (yet)
      seatMsg.className = 'form-msg is-error';
      seatMsg.textContent = t('err_no_table');
    } else if (k && seatMsg.textContent === t('err_no_table')) seatMsg.textContent = '';
    title.textContent = t(k ? 'tbl_kiosk' : 'tbl_pick', { n: k });
    title.hidden = !picking && !k;
    grid.hidden = !picking;
    if (picking) {
      M.keyed(grid, Array.from({ length: n }, function (x, i) { return i + 1; }), String, function (i) {
        var b = btn('seat-btn', String(i), null, function () { join(i, false); });
        b.setAttribute('aria-label', t('tbl_seat', { n: i }));
        return b;
      }, function (b, i) {
        b.setAttribute('aria-pressed', String(i === at));
        b.setAttribute('aria-label', t('tbl_seat', { n: i }));
        b.disabled = !!T.joining;
      });
    }
    line.hidden = picking || !at || !!k;
    lineText.textContent = at ? t('tbl_seat', { n: at }) + ' ' : '';
    change.textContent = t('tbl_change');
    mark.hidden = !(at && S.seat.scribe);
    mark.textContent = at ? t('tbl_scribe', { n: at }) : '';
    scribeBtn.hidden = picking || !at || !!k;
    scribeBtn.textContent = t(at && S.seat.scribe ? 'tbl_not_scribe' : 'tbl_be_scribe');
    chip.hidden = !at || fac;
    chip.textContent = at ? t('tbl_seat', { n: at }) : '';
    // The round now, with its name (the facilitator's words, isolated).
    var a = S.activity, rs = arr(a && a.rounds), r = a ? M.num(a.round, 0) : 0;
    round.hidden = !(r > 0 && r <= rs.length);
    round.textContent = '';
    if (!round.hidden) {
      M.put(round, t('tbl_round_of', { i: r, n: rs.length }) + (rs[r - 1] && rs[r - 1].title ? ' · {t}' : ''), { t: rs[r - 1] && rs[r - 1].title });
    }
    // The kiosk: the thanks in place of the idea box (tables.css); never the list of ideas.
    thanks.hidden = !(k && T.thanks);
    document.body.classList.toggle('kiosk-thanks', !!k && T.thanks);
    thanksTitle.textContent = t('tbl_thanks');
    thanksHint.textContent = t('tbl_thanks_hint');
    next.textContent = t('tbl_start');
  }

  // The next writer starts clean: no text of the last one anywhere on the page.
  function clean() {
    T.thanks = false;
    clearTimeout(T.timer);
    el.idea.value = '';
    M.save('draft', null);
    M.setMsg(null);
    M.renderCounter();
    M.renderAll();
  }

  // An idea was taken (app.js): on a kiosk, thank the writer and clear the box at once.
  function sent() {
    if (!S.kiosk) return;
    el.idea.value = '';
    M.save('draft', null);
    T.thanks = true;
    clearTimeout(T.timer);
    T.timer = setTimeout(clean, 20000); // the next writer may not tap: start clean anyway
    render();
    M.announce(t('tbl_thanks'));
    next.focus();
  }

  function inRound(a) { var r = a ? M.num(a.round, 0) : 0; return r > 0 && arr(a.rounds).length ? r : 0; }

  // The ideas in the order shown (app.js shows the list from its end): those brought forward
  // from an earlier round on top.
  function order(list) {
    var r = inRound(S.activity);
    if (r < 2) return list;
    var early = function (i) { return i.forward > 0 && i.forward < r; };
    return list.filter(function (i) { return !early(i); }).concat(list.filter(early));
  }

  // An idea's mark and its button: "Bring this forward for our table" on the ideas of one's own
  // table in the round now (the facilitator may pick for any table).
  function idea(i, li, acts) {
    var a = S.activity, r = inRound(a), at = seatTable();
    if (i.forward > 0) {
      li.classList.add('is-forward');
      if (i.forward < r) li.classList.add('is-early'); // brought from an earlier round: stays on top
      li.insertBefore(make('p', 'tag tag-forward', t('tbl_forwarded')), li.firstChild);
    }
    if (!r || i.round !== r || a.phase !== 'open' || i.hidden) return;
    if (!(S.fac ? i.table > 0 : at && i.table === at)) return;
    var on = i.forward > 0, b = btn('btn-mini btn-forward', t(on ? 'tbl_picked' : 'tbl_bring'), acts, function () {
      b.disabled = true;
      M.request({ type: 'idea.forward', idea: i.id, forward: !on }, function (err) {
        b.disabled = false;
        if (err) M.setMsg({ kind: 'error', code: err.code, message: err.message });
      });
    });
    b.setAttribute('aria-pressed', String(on));
  }

  // A tablet keeps nothing of a writer: no draft now, none as they type, no name.
  if (S.kiosk) {
    el.idea.value = '';
    M.save('draft', null);
    el.idea.addEventListener('input', function () { M.save('draft', null); });
    M.renderCounter();
  }

  M.parts.tables = { render: render, order: order, idea: idea, sent: sent };
})();
