// No sentence for the person at the laptop is written in host/*.c: what the host prints in the
// terminal, toasts or puts in the board's notice comes from the catalogue (words.h, the host_* and
// board_* keys of assets/i18n), in the board's language. This reads host/*.c (no binary needed),
// finds every call that prints or shows text and fails on a string literal in it that holds a
// word, unless ALLOWED below says why that literal is not for the person at the laptop.
// Format-only literals pass by themselves: "%s\n", "medskapa: %s\n", "  %s%s%s".
//   node --test tests/integration/host-words.test.js
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const HOST = path.resolve(__dirname, '..', '..', 'host');

// What prints or shows text. snprintf and strlcpy_m count when they write into a notice, a toast
// or a message (the board shows the first two; the third goes to a phone or a toast).
const PRINTERS = ['printf', 'fprintf', 'dprintf', 'vprintf', 'vfprintf', 'puts', 'fputs', 'perror',
  'board_toast', 'text_render', 'text_render_surface', 'SDL_ShowSimpleMessageBox',
  'cmd_fail', 'simple_error', 'perr'];
const WRITERS = ['snprintf', 'strlcpy_m'];
const SHOWN_BUFFER = /\b(notice|toast|message)\b/;

// Literals that hold words and are allowed, and why. file: a RegExp on the file name; call: the
// function; text: a RegExp on the literal (omitted: any).
const ALLOWED = [
  { call: 'cmd_fail', why: 'the model\'s refusals: the English fallback "message" on the wire beside the error ' +
    'code; the phone and the board show their own sentence for the code (err_* keys), never this' },
  { file: /^server\.c$/, call: 'simple_error', why: 'refusals before the model (already_joined, bad_key, forbidden, ' +
    'bad_value, not_joined): the same English fallback beside a code the phone translates' },
  { file: /^proto\.c$/, call: 'perr', why: 'the protocol decoder\'s errors: the English fallback beside a code, ' +
    'for a client that sent something malformed' },
  { file: /^review\.c$/, call: 'snprintf', text: /^Review mode only shows the meeting/, why: 'res.message beside ' +
    'SERR_FORBIDDEN: the board toasts its own sentence for the code (board_refusal), not this' },
  { file: /^board\.c$/, call: 'fprintf', text: /^medskapa: board %dx%d, video driver %s, font %s/, why: 'the ' +
    'board\'s one diagnostic line at start-up: SDL\'s names for the driver and the font, which tests read ' +
    '(window.test.js: /video driver x11/)' },
  { file: /^text(-render)?\.c$/, call: 'fprintf', text: /^(medskapa: cannot (read font list|render text)|\(none\))/,
    why: 'the text family (text.c reads the font list, text-render.c renders) is made by the board and has no ' +
    'catalogue: a broken font installation, named with its path (or "(none)") or SDL_ttf\'s own error' },
  { file: /^net\.c$/, call: 'fprintf', text: /^net: %s$/, why: 'libwebsockets\' own log lines (errors and ' +
    'warnings), passed on as the library writes them, after the "net: " they come from' },
  { file: /^(util|store|journal|proto|proto-encode)\.c$/, call: 'fprintf', text: /out of memory/, why: 'said on the way to ' +
    'abort(): these modules link libc alone (the model has no I/O) and loading words would need memory' },
  { file: /^server\.c$/, call: 'fprintf', text: /^medskapa: bug: /, why: 'a programmer error (a durable entry ' +
    'that does not apply to the saved copy): for a bug report, not for the facilitator' },
  { file: /^journal\.c$/, call: 'fprintf', text: /^medskapa: no journal name for command type/, why: 'a programmer ' +
    'error: a command type missing from the journal\'s table' },
  { file: /^server\.c$/, call: 'perror', text: /^medskapa: plat_random$/, why: 'the call\'s name before its ' +
    'errno text: the system has no random bytes, which does not happen on a running Linux or Windows' },
];

// The source with comments blanked (strings kept), so that a literal in a comment is no literal.
function uncomment(src) {
  let out = '';
  for (let i = 0; i < src.length;) {
    const c = src[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (src.startsWith('/*', i)) {
      const j = src.indexOf('*/', i + 2);
      out += src.slice(i, j + 2).replace(/[^\n]/g, ' ');
      i = j + 2;
    } else if (src.startsWith('//', i)) {
      const j = src.indexOf('\n', i);
      out += ' '.repeat(j - i);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// The text between the parenthesis at open and its partner.
function argsAt(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      for (i++; i < src.length && src[i] !== c;) i += src[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return src.slice(open + 1, i);
  }
  return src.slice(open + 1);
}

// A literal's words: what is left without printf conversions, escapes and the "medskapa: " or
// "medskapa report: " prefix.
function words(lit) {
  const bare = lit.replace(/\\./g, ' ')
    .replace(/%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]/g, ' ')
    .replace(/^medskapa(?: report)?: /, ' ');
  return bare.match(/\p{L}{2,}/gu) || [];
}

// Every literal with a word in a printing call of src: { call, line, text }.
function findLiterals(src) {
  const clean = uncomment(src), found = [];
  const re = new RegExp(`(?<![\\w.>])(${[...PRINTERS, ...WRITERS].join('|')})\\s*\\(`, 'g');
  for (let m; (m = re.exec(clean));) {
    const args = argsAt(clean, m.index + m[0].length - 1);
    if (WRITERS.includes(m[1]) && !SHOWN_BUFFER.test(args.split(',')[0])) continue;
    const line = clean.slice(0, m.index).split('\n').length;
    for (const l of args.matchAll(/"((?:[^"\\\n]|\\.)*)"/g))
      if (words(l[1]).length) found.push({ call: m[1], line, text: l[1] });
  }
  return found;
}

const allowedBy = (file, f) => ALLOWED.find((a) => (!a.file || a.file.test(file)) &&
  (!a.call || a.call === f.call) && (!a.text || a.text.test(f.text)));

test('the scanner finds a sentence in a printing call and lets format-only strings pass', () => {
  const src = [
    '/* fprintf(stderr, "in a comment\\n"); */',
    'fprintf(stderr, "medskapa: %s\\n", err);',
    'printf("  %s%s%s", a, b, c);',
    'fprintf(stderr, "medskapa: cannot open %s: %s\\n", path, strerror(errno));',
    'board_toast(b, "Nothing to undo");',
    'snprintf(a->notice, sizeof a->notice, "Kan inte spara: %s", why);',
    'snprintf(buf, sizeof buf, "http://%s:%d/", ip, port);',
    'x.fprintf(stderr, "a method, not the call\\n");',
  ].join('\n');
  assert.deepEqual(findLiterals(src).map((f) => [f.call, f.line]),
    [['fprintf', 4], ['board_toast', 5], ['snprintf', 6]]);
});

test('no user-visible literal in host/*.c outside the catalogue', () => {
  const problems = [], used = new Set();
  for (const file of fs.readdirSync(HOST).filter((f) => f.endsWith('.c')).sort()) {
    for (const f of findLiterals(fs.readFileSync(path.join(HOST, file), 'utf8'))) {
      const a = allowedBy(file, f);
      if (a) used.add(a);
      else problems.push(`host/${file}:${f.line}: ${f.call}("${f.text}") — a sentence for the person at the ` +
        'laptop belongs in the catalogue (words.h, assets/i18n host_*), said with words_say');
    }
  }
  assert.deepEqual(problems, []);
  // An entry that allows nothing any more is taken out, so the list stays the truth.
  assert.deepEqual(ALLOWED.filter((a) => !used.has(a)).map((a) => a.why), []);
});
