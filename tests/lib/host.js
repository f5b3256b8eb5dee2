// Start the real host for a test: headless, on a free loopback-reachable port, in its own
// temporary folder for session files. Used by the integration, browser and board tests.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const OUT = path.resolve(ROOT, 'tests', 'out');

function tmpdir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix || 'medskapa-'));
}

// Start the host with extra args (e.g. ['--session', file]). Resolves when it prints its port.
// Headless unless opts.windowed (then give opts.env a DISPLAY or an SDL_VIDEODRIVER).
// Returns { proc, port, url, wsUrl, output(), stop(signal) }.
function startHost(args, opts = {}) {
  let all = [...(opts.windowed ? [] : ['--headless']), '--port', '0', ...args];
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
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => {
    const wait = process.env.MEDSKAPA_VALGRIND ? 60000 : 10000;
    const timer = setTimeout(() => reject(new Error(`host did not start in ${wait / 1000} s:\n${out}`)), wait);
    const onData = () => {
      const m = /Listening on port (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout.off('data', onData);
      const port = Number(m[1]);
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

module.exports = { ROOT, BIN, OUT, tmpdir, startHost };
