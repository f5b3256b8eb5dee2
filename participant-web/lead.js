/* Medskapa phone page with a facilitator key: the switch between leading the meeting (the
 * remote, facilitator.js) and taking part, and acting for someone without a phone (their
 * votes, answers and ideas, photos too). Fetched by app.js with lead.css before facilitator.js;
 * a participant's phone never fetches it. Plain ES2017, like app.js. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, make = M.make;

  // The switch, above everything in the room.
  var modes = make('div', 'tabs modes'), lead = tab('lead'), part = tab('part');
  modes.id = 'modes';
  modes.setAttribute('role', 'group');
  modes.setAttribute('data-i18n-label', 'view_label');
  modes.hidden = true;
  el.room.insertBefore(modes, el.fac);

  // Acting for someone: said in the dock, with the way back.
  var acting = make('div', 'acting'), text = make('p', 'acting-text', '', acting);
  var stop = M.btn('btn-light', '', acting, function () { actAs(0); setMode('lead'); });
  acting.id = 'acting';
  text.id = 'acting-text';
  stop.id = 'acting-stop';
  stop.setAttribute('data-i18n', 'act_stop');
  acting.hidden = true;
  el.dock.insertBefore(acting, el.dockMsg.nextSibling);

  function tab(mode) {
    var b = M.btn('', '', modes, function () { setMode(mode); });
    b.className = 'tab';
    b.id = 'mode-' + mode;
    b.setAttribute('data-i18n', 'mode_' + mode);
    return b;
  }

  function render() {
    var on = S.fac && S.mode === 'lead';
    M.translate(modes);
    M.translate(acting);
    modes.hidden = !S.fac;
    lead.setAttribute('aria-pressed', String(on));
    part.setAttribute('aria-pressed', String(!on));
    acting.hidden = !S.actAs;
    if (S.actAs) M.put(text, t('acting_for'), { name: M.proxyName(S.actAs) });
  }

  function setMode(mode) {
    S.mode = mode;
    M.renderRoom();
    if (M.hooks.render) M.hooks.render();
  }

  function actAs(id) {
    S.actAs = id || 0;
    S.over = {};
    setMode('part');
    M.renderAll();
    window.scrollTo(0, 0);
  }

  // The facilitator types in an idea (or a photo) for someone without a phone.
  function postFor(words, shot) {
    var o = M.ideaMsg({ text: words, shot: shot }), name = M.proxyName(S.actAs);
    o.as = S.actAs;
    M.request(o, function (err) {
      if (err) return M.setMsg({ kind: 'error', code: err.code, message: err.message });
      if (el.idea.value.trim() === words) { el.idea.value = ''; M.save('draft', null); M.renderCounter(); }
      if (shot && S.shot === shot) S.shot = null;
      M.renderCompose();
      M.setMsg({ kind: 'ok', key: 'sent_for', vars: { name: name } });
    });
  }

  M.actAs = actAs;
  M.parts.lead = { render: render, postFor: postFor };
})();
