// The phone page's language files and budget, without a browser:
// - every participant-web/i18n/<lang>.json (the phone's words) and assets/i18n/<lang>.json (the
//   words only the laptop shows: board, reports, terminal) has exactly the keys of its en.json
//   (plural keys: the forms its language needs, CLDR's categories for whole numbers, plus _other),
//   with the same {placeholders}, and no key is in both halves of a language's catalogue; the
//   same for the words of a part fetched with it (i18n/tables/: tables.js, i18n/actions/: actions.js), which no key of the
//   two halves repeats;
// - the page's own plural rules (plural() in app.js) agree with CLDR (Node's Intl.PluralRules);
// - the page a participant loads (HTML, CSS, JS, icons, one language file) is at most 100 KB;
// - no syntax that browsers about five years old lack (?. ?? .at() top-level await, CSS :has()).
//   node --test tests/browser/i18n-files.test.js
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const WEB = path.resolve(__dirname, '..', '..', 'participant-web');
const I18N = path.join(WEB, 'i18n');
const HOST_I18N = path.resolve(__dirname, '..', '..', 'assets', 'i18n');
const LANGS = ['sv', 'en', 'ar', 'fa', 'ti', 'so', 'uk'];
const CATS = ['zero', 'one', 'two', 'few', 'many', 'other'];
const BUDGET = 100000; // bytes, uncompressed
// What index.html and app.js load for a participant (facilitator.js/css only come with a key).
const PAGE = ['index.html', 'style.css', 'app.js', 'icon.svg', 'globe.svg', 'chevron.svg'];

const read = (f) => fs.readFileSync(f, 'utf8');
const strings = (lang, dir = I18N) => JSON.parse(read(path.join(dir, `${lang}.json`)));
const holes = (s) => (s.match(/\{\w+\}/g) || []).sort();

// The page's plural() function, taken from app.js as it is.
function pagePlural() {
  const src = read(path.join(WEB, 'app.js'));
  const start = src.indexOf('function plural(lang, n) {');
  assert.ok(start > 0, 'app.js has function plural(lang, n)');
  const end = src.indexOf('\n  }\n', start);
  return vm.runInNewContext(`(${src.slice(start, end + 4)})`);
}
const plural = pagePlural();
const formsOf = (lang) => {
  const s = new Set(['other']);
  for (let n = 0; n <= 1000; n++) s.add(plural(lang, n));
  return s;
};

// One half of the catalogue: its folder, its en.json, and en.json's plural keys ("dots_on" for
// dots_on_one + dots_on_other).
function half(dir) {
  const en = strings('en', dir);
  const pluralBases = new Set(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6)));
  const baseOf = (k) => {
    const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(k);
    return m && pluralBases.has(m[1]) ? [m[1], m[2]] : null;
  };
  return { dir, en, pluralBases, baseOf };
}
// Words fetched with a part of the page, out of the first download (tables.js).
const PARTS = [path.join(I18N, 'tables'), path.join(I18N, 'actions')];
const HALVES = [half(I18N), half(HOST_I18N), ...PARTS.map((d) => half(d))];

describe('language files', () => {
  for (const { dir } of HALVES) {
    it(`exist for the seven languages in ${path.relative(path.join(WEB, '..'), dir)} and are valid JSON objects of strings`, () => {
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
      assert.deepEqual(files, [...LANGS].sort());
      for (const lang of LANGS) {
        const s = strings(lang, dir);
        for (const [k, v] of Object.entries(s)) {
          assert.equal(typeof v, 'string', `${lang}.${k}`);
          assert.ok(v.trim().length > 0, `${lang}.${k} is empty`);
          assert.equal(v, v.trim(), `${lang}.${k} has spaces at an end`);
        }
      }
    });
  }

  for (const { dir, en, pluralBases, baseOf } of HALVES) {
    for (const lang of LANGS) {
      it(`${path.relative(path.join(WEB, '..'), dir)}/${lang}.json has every key of its en.json, no other, and the same placeholders`, () => {
        const s = strings(lang, dir), need = formsOf(lang), problems = [];
        for (const k of Object.keys(en)) {
          const p = baseOf(k);
          if (p) continue; // plural forms: below
          if (!(k in s)) problems.push(`missing ${k}`);
          else if (holes(s[k]).join() !== holes(en[k]).join()) problems.push(`${k}: ${holes(s[k])} instead of ${holes(en[k])}`);
        }
        for (const base of pluralBases) {
          for (const c of need) if (!(`${base}_${c}` in s)) problems.push(`missing ${base}_${c} (${lang} needs the form "${c}")`);
          const want = holes(en[`${base}_other`]);
          for (const c of CATS) {
            const v = s[`${base}_${c}`];
            if (v === undefined) continue;
            // zero/one/two may say the number in words ("شخصان"); the others must show it.
            const got = holes(v), ok = ['zero', 'one', 'two'].includes(c)
              ? got.every((h) => want.includes(h)) && want.filter((h) => h !== '{n}').every((h) => got.includes(h))
              : got.join() === want.join();
            if (!ok) problems.push(`${base}_${c}: ${got} instead of ${want}`);
          }
        }
        for (const k of Object.keys(s)) {
          const p = baseOf(k);
          if (p ? !need.has(p[1]) : !(k in en)) problems.push(`extra ${k}`);
        }
        assert.deepEqual(problems, []);
      });
    }
  }

  it('has no key in both halves of a catalogue (the phone\'s and the laptop\'s)', () => {
    for (const lang of LANGS) {
      const web = strings(lang, I18N), host = strings(lang, HOST_I18N);
      assert.deepEqual(Object.keys(host).filter((k) => k in web), [], lang);
      for (const dir of PARTS) {
        const part = strings(lang, dir);
        assert.deepEqual(Object.keys(part).filter((k) => k in web || k in host), [], `${lang} ${path.basename(dir)}`);
      }
    }
  });

  it("the page's plural rules agree with CLDR (Intl.PluralRules) for 0 to 1000", () => {
    for (const lang of LANGS) {
      const pr = new Intl.PluralRules(lang);
      assert.equal(pr.resolvedOptions().locale.split('-')[0], lang, `Node knows ${lang}`);
      for (let n = 0; n <= 1000; n++) assert.equal(plural(lang, n), pr.select(n), `${lang} ${n}`);
    }
    assert.deepEqual([...formsOf('ar')].sort(), [...CATS].sort());
    assert.deepEqual([...formsOf('uk')].sort(), ['few', 'many', 'one', 'other']);
  });

  it('name each language in itself, right to left for Arabic and Persian', () => {
    const src = read(path.join(WEB, 'app.js'));
    const m = /var LANGS = (\[[\s\S]*?\]\]);/.exec(src);
    assert.ok(m, 'app.js has var LANGS = [...]');
    const langs = JSON.parse(JSON.stringify(vm.runInNewContext(m[1])));
    assert.deepEqual(langs, [['sv', 'Svenska', 'ltr'], ['en', 'English', 'ltr'], ['ar', 'العربية', 'rtl'],
      ['fa', 'دری', 'rtl'], ['ti', 'ትግርኛ', 'ltr'], ['so', 'Soomaali', 'ltr'], ['uk', 'Українська', 'ltr']]);
  });
});

describe('a light page', () => {
  it(`is at most ${BUDGET} bytes for a participant, in every language`, () => {
    const html = read(path.join(WEB, 'index.html'));
    // Every file the page names is in the list (so a new one cannot escape the count).
    for (const m of html.matchAll(/(?:src|href)="([^"#]+)"/g)) assert.ok(PAGE.includes(m[1]), `index.html loads ${m[1]}`);
    const css = read(path.join(WEB, 'style.css'));
    for (const m of css.matchAll(/url\("?([^")]+)"?\)/g)) assert.ok(PAGE.includes(m[1]), `style.css loads ${m[1]}`);
    const base = PAGE.reduce((sum, f) => sum + fs.statSync(path.join(WEB, f)).size, 0);
    const sizes = {};
    for (const lang of LANGS) {
      sizes[lang] = base + fs.statSync(path.join(I18N, `${lang}.json`)).size;
      assert.ok(sizes[lang] <= BUDGET, `${lang}: ${sizes[lang]} bytes`);
    }
    console.log(`# page ${base} bytes; with its language file: ${JSON.stringify(sizes)}`);
  });

  it('uses no syntax that browsers about five years old lack', () => {
    for (const f of ['app.js', 'facilitator.js', 'tables.js']) {
      // Strings and comments out of the way, roughly: enough for this code.
      const src = read(path.join(WEB, f)).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
        .replace(/'(?:[^'\\\n]|\\.)*'/g, "''").replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
      assert.doesNotMatch(src, /\?\.(?!\d)/, `${f}: optional chaining`);
      assert.doesNotMatch(src, /\?\?/, `${f}: nullish coalescing`);
      assert.doesNotMatch(src, /\.at\(/, `${f}: Array.prototype.at`);
      assert.doesNotMatch(src, /\b(replaceAll|structuredClone)\b/, `${f}: too new`);
      assert.doesNotMatch(src, /^\s*await\b/m, `${f}: top-level await`);
      assert.doesNotThrow(() => new vm.Script(read(path.join(WEB, f))), `${f} parses`);
    }
    for (const f of ['style.css', 'facilitator.css', 'tables.css']) {
      const css = read(path.join(WEB, f));
      assert.doesNotMatch(css, /:has\(/, `${f}: :has()`);
      assert.doesNotMatch(css, /(?:margin|padding|inset)-block\s*:|inset\s*:/, `${f}: block/inset shorthands (older Safari)`);
    }
  });
});
