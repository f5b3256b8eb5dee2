// The board in a real window: the host on an X server (Xvfb), ideas arriving from a real
// WebSocket client while the window runs, and the board's keys q and Escape quitting after
// saving. Needs Xvfb and xdotool (installed by make test's setup step).
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client } = require('../integration/_client.js');

// Start Xvfb on a free display number; resolves with { display, stop() }.
async function startX() {
  for (let n = 90 + Math.floor(Math.random() * 100); n < 400; n++) {
    if (fs.existsSync(`/tmp/.X11-unix/X${n}`) || fs.existsSync(`/tmp/.X${n}-lock`)) continue;
    const proc = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      if (fs.existsSync(`/tmp/.X11-unix/X${n}`)) {
        return { display: `:${n}`, stop: () => proc.kill('SIGTERM') };
      }
      if (proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill('SIGKILL');
  }
  throw new Error('could not start Xvfb');
}

function xdotool(display, ...args) {
  return execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: display } }).toString();
}

for (const key of ['q', 'Escape']) {
  test(`board window: ideas arrive live, key ${key} saves and quits`, async (t) => {
    const x = await startX();
    t.after(() => x.stop());
    const dir = tmpdir();
    const session = path.join(dir, 'window.json');
    // SDL loads the X11 and D-Bus libraries at run time and they keep a few allocations to the
    // end (in libdbus and in unloaded modules LeakSanitizer cannot name), so leak checking is off
    // for this one test; every other sanitizer check stays on, and the headless and offscreen
    // runs of the same code keep leak checking.
    const env = { DISPLAY: x.display, SDL_VIDEODRIVER: 'x11',
      ASAN_OPTIONS: `${process.env.ASAN_OPTIONS || ''}:detect_leaks=0` };
    const host = await startHost(['--session', session, '--template', 'sessions/templates/demo-radrum.json'],
      { windowed: true, env });
    t.after(() => host.stop('SIGKILL'));
    assert.match(host.output(), /video driver x11/, 'the board opened a real X11 window');

    const phone = await Client.connect(host.wsUrl);
    await phone.hello({ name: 'Amal' });
    const texts = ['Läxhjälp på biblioteket', 'Fika efter träningen', 'Språkcafé varje torsdag'];
    for (const [i, text] of texts.entries()) {
      phone.send({ type: 'idea.post', cid: `w${i}`, text });
      await phone.next('ack');
    }
    phone.close();

    // The window exists and is ours; focus it and press the key.
    const ids = xdotool(x.display, 'search', '--name', 'Medskapa').trim().split('\n').filter(Boolean);
    assert.ok(ids.length >= 1, 'a window titled Medskapa');
    xdotool(x.display, 'windowfocus', '--sync', ids[0]);
    xdotool(x.display, 'key', '--window', ids[0], key);
    const exit = await Promise.race([host.exited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
    assert.notEqual(exit, 'timeout', `the host did not quit on ${key}:\n${host.output()}`);
    assert.equal(exit.code, 0, host.output());
    assert.match(host.output(), /quitting, saving/);
    const saved = JSON.parse(fs.readFileSync(session, 'utf8'));
    assert.deepEqual(saved.ideas.map((i) => i.text), texts);
  });
}
