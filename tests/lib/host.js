// Start the real host for a test: headless, on a free loopback-reachable port, in its own
// temporary folder for session files. Used by the integration, browser and board tests.
'use strict';
const { spawn } = require('node:child_process');
const { after } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const OUT = path.resolve(ROOT, 'tests', 'out');

// A line the host prints, as a RegExp: the host_* sentence key from assets/i18n in lang (all
// seven when lang is omitted: the host speaks the session's language), with {port} and {n}
// caught as digits and the other {placeholders} as any text. said('host_listening') matches
// "Listening on port 8080 ..." and "Lyssnar på port 8080 ...".
const LANGS = ['sv', 'en', 'ar', 'fa', 'ti', 'so', 'uk'];
function said(key, lang) {
  const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = [];
  for (const l of lang ? [lang] : LANGS) {
    const cat = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', `${l}.json`), 'utf8'));
    for (const [k, v] of Object.entries(cat)) {
      if (k !== key && !k.startsWith(`${key}_`)) continue;
      forms.push(v.split(/(\{\w+\})/).map((part) => (/^\{(port|n)\}$/.test(part) ? '(\\d+)'
        : /^\{\w+\}$/.test(part) ? '(.*?)' : esc(part))).join(''));
    }
  }
  if (!forms.length) throw new Error(`no ${key} in assets/i18n`);
  return new RegExp(forms.map((f) => `(?:${f})`).join('|'));
}
const LISTENING = said('host_listening');

// Every host a test file started is killed when the file's tests are done, whatever they did
// (a failed assertion before host.stop must not leave it running and the file waiting on it).
const started = new Set();
after(() => { for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL'); });

function tmpdir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix || 'medskapa-'));
}

// Start the host with extra args (e.g. ['--session', file]). Resolves when it prints its port.
// Headless unless opts.windowed (then give opts.env a DISPLAY or an SDL_VIDEODRIVER); opts.bare:
// no arguments at all (a double-click: the demo meeting on port 8080).
// Returns { proc, port, url, wsUrl, output(), stop(signal) }.
function startHost(args, opts = {}) {
  let all = opts.bare ? [] : [...(opts.windowed ? [] : ['--headless']), '--port', '0', ...args];
  let bin = BIN;
  // MEDSKAPA_VALGRIND=1 runs the host under valgrind's memcheck: any error or leak makes it
  // exit with 99, which the tests' exit-code checks catch.
  if (process.env.MEDSKAPA_VALGRIND) {
    all = ['--quiet', '--error-exitcode=99', '--leak-check=full', '--errors-for-leak-kinds=definite',
      '--show-leak-kinds=definite', BIN, ...all];
    bin = 'valgrind';
  }
  const proc = spawn(bin, all, {
    cwd: ROOT,
    env: { ...process.env, ...(opts.env || {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(proc);
  proc.on('exit', () => started.delete(proc));
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => {
    const wait = process.env.MEDSKAPA_VALGRIND ? 60000 : 10000;
    const timer = setTimeout(() => reject(new Error(`host did not start in ${wait / 1000} s:\n${out}`)), wait);
    const onData = () => {
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout.off('data', onData);
      const port = Number(m.slice(1).find((g) => g !== undefined));
      const exited = new Promise((res) => proc.on('exit', (code, sig) => res({ code, sig })));
      resolve({
        proc, port,
        url: `http://127.0.0.1:${port}/`,
        wsUrl: `ws://127.0.0.1:${port}/ws`,
        output: () => out,
        exited,
        async stop(signal = 'SIGTERM') {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
          return exited;
        },
      });
    };
    proc.stdout.on('data', onData);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`host exited (${code}) before listening:\n${out}`)); });
  });
}

module.exports = { ROOT, BIN, OUT, tmpdir, startHost, said };
