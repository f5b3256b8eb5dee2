/* Medskapa phone page, "Need help?": three signals to the facilitator (please interpret, slower
 * please, I did not understand), anonymous: the host counts them per activity and language,
 * never per person. Fetched by app.js (with help.css) the first time they are opened. Plain
 * ES2017, like app.js. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, make = M.make, timer = 0;
  var KINDS = [['interpret', '🗣️'], ['slower', '🐢'], ['unclear', '❓']];

  // Below the question: a title, who sees what, a big button for each signal, what happened.
  var box = make('section', 'card help'), title = make('h2', 'label', '', box);
  var about = make('p', 'hint', '', box), list = make('div', 'sigs', undefined, box);
  box.id = 'help';
  title.id = 'help-title';
  box.setAttribute('aria-labelledby', 'help-title');
  var buttons = KINDS.map(function (k) {
    var b = M.btn('sig', '', list, function () { signal(k[0]); });
    b.id = 'sig-' + k[0];
    make('span', 'sig-icon', k[1], b).setAttribute('aria-hidden', 'true');
    make('span', '', '', b);
    return b;
  });
  var msg = make('p', 'form-msg', '', box);
  msg.id = 'help-msg';
  msg.setAttribute('role', 'status');
  var q = el.helpOpen.parentNode.parentNode;
  q.parentNode.insertBefore(box, q.nextSibling);

  function render() {
    box.hidden = !S.helpOn;
    if (!S.helpOn) say(null);
    title.textContent = t('help_title');
    about.textContent = t('help_anon');
    buttons.forEach(function (b, i) { b.lastChild.textContent = t('signal_' + KINDS[i][0]); });
  }

  function signal(kind) {
    say({ kind: 'wait', text: t('sending') });
    M.request({ type: 'signal', kind: kind }, function (err) {
      // Given again too soon: not a fault, the facilitator has it already.
      say(!err ? { kind: 'ok', text: t('signal_thanks') } : err.code === 'too_soon' ? { kind: 'wait', text: t('err_too_soon') } :
        { kind: 'error', text: M.errorText(err.code, err.message) });
    });
  }

  function say(m) {
    clearTimeout(timer);
    msg.className = 'form-msg' + (m ? ' is-' + m.kind : '');
    msg.textContent = m ? m.text : '';
    if (m && m.kind !== 'wait') timer = setTimeout(function () { say(null); }, 8000);
  }

  M.parts.help = { render: render };
})();
