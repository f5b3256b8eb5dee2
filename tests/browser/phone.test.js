// The phone page (participant-web/) in a real browser against the real host.
// Debian's chromium at phone size (390x844, touch, DPR 2), driven by playwright-core.
//   node --test tests/browser/            (host binary: build/medskapa, or env MEDSKAPA_BIN)
//   PHONE_DOCS_SCREENSHOT=1 node --test tests/browser/   also writes docs/img/phone.png
// Screenshots of each step go to tests/out/.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const WebSocket = require('ws');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
};
const PHONE = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
};
const TITLE = 'Rådrum: Vägen in i föreningslivet';
const PROMPT = 'Vad skulle göra det lättare för nyanlända att börja i en förening här?';
const LIMIT = 280;

fs.mkdirSync(OUT, { recursive: true });
const shot = (page, name, opts) => page.screenshot(Object.assign({ path: path.join(OUT, name) }, opts));
const cp = (s) => Array.from(s).length;

// A session file in docs/session-format.md's shape: one ideas activity (or none), optional
// participants with known tokens and their ideas.
function writeSession(file, opts = {}) {
  const t0 = Date.parse('2026-11-23T17:00:00.000Z');
  const iso = (min) => new Date(t0 + min * 60000).toISOString();
  const participants = (opts.participants || []).map((p, i) => ({
    id: i + 1, token: p.token, name: p.name, lang: p.lang || 'sv', joined: iso(i),
  }));
  const ideas = (opts.ideas || []).map((x, i) => ({
    id: i + 1, activity: 1, author: x.author, text: x.text, created: iso(5 + 2 * i),
  }));
  const activities = opts.noActivity ? [] : [{ id: 1, kind: 'ideas', title: 'Idéer', prompt: opts.prompt || PROMPT }];
  fs.writeFileSync(file, JSON.stringify({
    format: 'medskapa-session', version: 1, title: opts.title || TITLE, lang: 'sv',
    created: iso(0), saved: iso(0), current_activity: activities.length ? 1 : 0,
    activities, participants, ideas,
  }, null, 2));
}

// Console errors (a CSP violation is one) and uncaught exceptions, except the expected noise of
// a WebSocket that cannot connect while the host is down.
function watch(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  return errors;
}

const text = (page, sel) => page.locator(sel).textContent().then((s) => s.trim());
const waitText = (page, sel, want, timeout = 8000) =>
  page.waitForFunction(([s, w]) => {
    const n = document.querySelector(s);
    return !!n && n.textContent.trim() === w;
  }, [sel, want], { timeout });
const ideaCards = (page) => page.$$eval('#idea-list .idea', (lis) => lis.map((li) => ({
  id: Number(li.getAttribute('data-id')),
  text: li.querySelector('.idea-text').textContent,
  mine: li.classList.contains('is-mine'),
  badge: li.querySelector('.badge') ? li.querySelector('.badge').textContent : '',
  name: li.querySelector('.idea-name') ? li.querySelector('.idea-name').textContent : '',
  visible: li.offsetParent !== null,
})));

// Text whose colour against the first opaque background behind it is below 4.5:1 (WCAG AA).
const lowContrast = (page) => page.evaluate(() => {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = (c) => {
    const v = rgb(c).slice(0, 3).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const bg = (n) => {
    for (; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor, a = rgb(c)[3];
      if (a === undefined || a > 0.9) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const bad = [];
  for (const n of document.querySelectorAll('body *')) {
    if (n.offsetParent === null || n.disabled) continue;
    if (![...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim())) continue;
    const l1 = lum(getComputedStyle(n).color), l2 = lum(bg(n));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) bad.push(`${n.tagName}#${n.id}.${n.className}: ${ratio.toFixed(2)}`);
  }
  return bad;
});

describe('phone page', () => {
  let host, browser, dir, file, phoneA, phoneB, errorsA, errorsB;

  before(async () => {
    dir = tmpdir('medskapa-browser-');
    file = path.join(dir, 'session.json');
    writeSession(file);
    host = await startHost(['--session', file]);
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('shows a join screen in the phone language, with a labelled name field', async () => {
    const ctx = await browser.newContext(PHONE);
    phoneA = await ctx.newPage();
    errorsA = watch(phoneA);
    await phoneA.goto(host.url);
    await waitText(phoneA, '#join-button', 'Gå med');
    assert.equal(await phoneA.getAttribute('html', 'lang'), 'sv');
    assert.equal(await phoneA.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await phoneA.isVisible('#room'), false);
    // The field is found by its visible label, as a screen reader would.
    const name = phoneA.getByRole('textbox', { name: 'Ditt namn (frivilligt)' });
    assert.equal(await name.count(), 1);
    await shot(phoneA, 'phone-join.png');
  });

  it('joins with a name and shows the question and the session title', async () => {
    await phoneA.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill('Amal');
    await phoneA.getByRole('button', { name: 'Gå med' }).click();
    await phoneA.waitForSelector('#room', { state: 'visible' });
    await waitText(phoneA, '#prompt', PROMPT);
    await waitText(phoneA, '#status-text', 'Ansluten');
    assert.equal(await text(phoneA, '#bar-title'), TITLE);
    assert.match(await text(phoneA, '#who-text'), /Amal/);
    assert.equal(await phoneA.getAttribute('#status', 'role'), 'status');
    assert.equal(await phoneA.getAttribute('#status', 'aria-live'), 'polite');
  });

  it('counts code points as you type, sends, and lists the idea as your own', async () => {
    const idea = 'Läxhjälp på biblioteket, med fika 👍';
    assert.notEqual(cp(idea), idea.length, 'the sample must hold a character outside the BMP');
    assert.equal(await phoneA.isDisabled('#send'), true, 'Send is disabled while the box is empty');
    const box = phoneA.getByRole('textbox', { name: 'Din idé' });
    await box.fill(idea);
    assert.equal(await text(phoneA, '#counter'), `${cp(idea)} / ${LIMIT}`);
    assert.equal(await phoneA.isDisabled('#send'), false);
    await phoneA.getByRole('button', { name: 'Skicka' }).click();
    // After the ack the box is empty and the idea is first in the list, marked as own.
    await phoneA.waitForFunction(() => document.getElementById('idea').value === '', null, { timeout: 5000 });
    await phoneA.waitForSelector('#idea-list .idea.is-mine');
    const cards = await ideaCards(phoneA);
    assert.equal(cards.length, 1);
    assert.equal(cards[0].text, idea);
    assert.equal(cards[0].mine, true);
    assert.equal(cards[0].badge, 'Du');
    assert.equal(await text(phoneA, '#count-mine'), '1');
    assert.equal(await text(phoneA, '#counter'), `0 / ${LIMIT}`);
    assert.match(await text(phoneA, '#idea-msg'), /Skickat/);
  });

  it('shows an idea from another phone live, once, not as own', async () => {
    const ctx = await browser.newContext(PHONE);
    phoneB = await ctx.newPage();
    errorsB = watch(phoneB);
    await phoneB.goto(host.url);
    await phoneB.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill('Erik');
    await phoneB.getByRole('button', { name: 'Gå med' }).click();
    await phoneB.waitForSelector('#idea-list .idea');
    // B sees A's idea, not as its own.
    const seen = await ideaCards(phoneB);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].mine, false);
    assert.equal(seen[0].name, 'Amal');

    const idea = 'Prova-på-dagar där flera föreningar visar upp sig samtidigt i sporthallen';
    await phoneB.fill('#idea', idea);
    await phoneB.click('#send');
    await phoneA.waitForFunction((t) => Array.from(document.querySelectorAll('#idea-list .idea-text'))
      .some((n) => n.textContent === t), idea, { timeout: 5000 });
    await phoneA.waitForTimeout(300); // a duplicate delivery would show up by now
    const cards = await ideaCards(phoneA);
    assert.equal(cards.length, 2);
    assert.equal(cards[0].text, idea, 'the newest idea is first');
    assert.equal(cards[0].mine, false);
    assert.equal(cards[0].name, 'Erik');
    assert.equal(cards[0].visible, true);
    assert.equal(cards[1].mine, true);
    assert.equal(await text(phoneA, '#count-all'), '2');
    assert.equal(await text(phoneA, '#count-mine'), '1');
    // "Yours" shows only own ideas.
    await phoneA.click('#tab-mine');
    assert.deepEqual((await ideaCards(phoneA)).map((c) => c.visible), [false, true]);
    assert.equal(await phoneA.getAttribute('#tab-mine', 'aria-pressed'), 'true');
    await phoneA.click('#tab-all');
    await phoneA.waitForTimeout(1700); // let the arrival highlight fade for the screenshot
    await shot(phoneA, 'phone-main.png');
  });

  it('refuses an over-long idea with the counter over the limit', async () => {
    const long = 'å'.repeat(LIMIT + 1);
    await phoneA.fill('#idea', long);
    assert.equal(await text(phoneA, '#counter'), `${LIMIT + 1} / ${LIMIT}`);
    assert.match(await phoneA.getAttribute('#counter', 'class'), /is-over/);
    assert.equal(await phoneA.getAttribute('#idea', 'aria-invalid'), 'true');
    assert.equal(await phoneA.isDisabled('#send'), true);
    assert.equal(await text(phoneA, '#counter-note'), '1 tecken för mycket');
    await phoneA.focus('#idea');
    await phoneA.keyboard.press('Control+Enter'); // the shortcut must not get around the limit
    await phoneA.waitForTimeout(300);
    assert.equal((await ideaCards(phoneA)).length, 2);
    assert.equal(await phoneA.inputValue('#idea'), long, 'the text is kept');
    await shot(phoneA, 'phone-over-limit.png');
    // Exactly the limit is fine (280 code points, more UTF-16 units than that with emoji).
    await phoneA.fill('#idea', '🌱'.repeat(LIMIT));
    assert.equal(await text(phoneA, '#counter'), `${LIMIT} / ${LIMIT}`);
    assert.equal(await phoneA.isDisabled('#send'), false);
    await phoneA.fill('#idea', '   ');
    assert.equal(await phoneA.isDisabled('#send'), true, 'only spaces is empty');
  });

  it('is the same participant after a reload, with its name and unsent text', async () => {
    const draft = 'Ett utkast som inte är skickat';
    await phoneA.fill('#idea', draft);
    await phoneA.reload();
    // Straight back into the room: no join screen for a known phone.
    await waitText(phoneA, '#status-text', 'Ansluten');
    assert.equal(await phoneA.isVisible('#room'), true);
    assert.equal(await phoneA.isVisible('#join'), false);
    await phoneA.waitForSelector('#idea-list .idea.is-mine');
    const cards = await ideaCards(phoneA);
    assert.equal(cards.length, 2);
    assert.deepEqual(cards.map((c) => c.mine), [false, true]);
    assert.equal(cards[1].badge, 'Du');
    assert.match(await text(phoneA, '#who-text'), /Amal/);
    assert.equal(await phoneA.inputValue('#idea'), draft);
    // The name field, if opened, still holds the name.
    await phoneA.click('#change-name');
    assert.equal(await phoneA.inputValue('#name'), 'Amal');
    await phoneA.click('#join-cancel');
    assert.equal(await phoneA.isVisible('#room'), true);
  });

  it('reconnects by itself when the host comes back, and sends what was queued', async () => {
    const port = host.port;
    await host.stop();
    await waitText(phoneA, '#status-text', 'Återansluter…');
    // Typed and sent while the host is away: kept in the box and queued, not dropped.
    const queued = 'Fler ledare som pratar arabiska, dari eller somaliska';
    await phoneA.fill('#idea', queued);
    await phoneA.click('#send');
    assert.match(await text(phoneA, '#idea-msg'), /skickas så snart/);
    assert.equal(await phoneA.inputValue('#idea'), queued);
    await shot(phoneA, 'phone-reconnecting.png');
    host = await startHost(['--session', file, '--port', String(port)]);
    await waitText(phoneA, '#status-text', 'Ansluten', 15000);
    await phoneA.waitForFunction((t) => Array.from(document.querySelectorAll('#idea-list .idea.is-mine .idea-text'))
      .some((n) => n.textContent === t), queued, { timeout: 5000 });
    await phoneA.waitForFunction(() => document.getElementById('idea').value === '', null, { timeout: 5000 });
    const cards = await ideaCards(phoneA);
    assert.equal(cards.length, 3);
    assert.deepEqual(cards.map((c) => c.mine), [true, false, true]);
  });

  it('has large touch targets, readable text, labels, and no console errors', async () => {
    const report = await phoneA.evaluate(() => {
      const bad = [];
      const controls = document.querySelectorAll('button, input, textarea, select');
      for (const c of controls) {
        if (c.offsetParent === null) continue; // not shown
        const r = c.getBoundingClientRect();
        if (r.height < 44 || r.width < 44) bad.push(`${c.id || c.tagName} is ${r.width}x${r.height}`);
        const fs = parseFloat(getComputedStyle(c).fontSize);
        if (c.matches('input, textarea, select') && fs < 16) bad.push(`${c.id} font ${fs}px`);
      }
      const body = parseFloat(getComputedStyle(document.body).fontSize);
      return { bad, body, scroll: document.documentElement.scrollWidth, width: window.innerWidth };
    });
    assert.deepEqual(report.bad, []);
    assert.deepEqual(await lowContrast(phoneA), []);
    // Twice the text size: everything still fits the width.
    const wide = await phoneA.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
      window.scrollTo(0, 0);
      return document.documentElement.scrollWidth - window.innerWidth;
    });
    await shot(phoneA, 'phone-text-200.png');
    await phoneA.evaluate(() => { document.documentElement.style.fontSize = ''; });
    assert.ok(wide <= 0, `${wide}px sideways scrolling at 200% text`);
    assert.ok(report.body >= 16, `body text ${report.body}px`);
    assert.ok(report.scroll <= report.width, 'no sideways scrolling');
    for (const [role, name] of [['textbox', 'Din idé'], ['button', 'Skicka'], ['combobox', 'Språk'],
      ['button', 'Ändra namn']]) {
      assert.equal(await phoneA.getByRole(role, { name, exact: true }).count(), 1, `${role} "${name}"`);
    }
    assert.deepEqual(errorsA, []);
    assert.deepEqual(errorsB, []);
  });

  it('switches language and remembers it', async () => {
    await phoneB.selectOption('#lang', 'en');
    await waitText(phoneB, '#send', 'Send');
    assert.equal(await phoneB.getAttribute('html', 'lang'), 'en');
    // B lost the host too (previous test) and comes back on its own backoff.
    await waitText(phoneB, '#status-text', 'Connected', 15000);
    await phoneB.reload();
    await waitText(phoneB, '#status-text', 'Connected');
    assert.equal(await phoneB.getAttribute('html', 'lang'), 'en');
    const cards = await ideaCards(phoneB);
    assert.ok(cards.some((c) => c.mine && c.badge === 'You'));
  });

  it('leaves the host to stop cleanly (no sanitizer reports)', async () => {
    await browser.close();
    browser = null;
    const { code, sig } = await host.stop();
    assert.doesNotMatch(host.output(), /AddressSanitizer|LeakSanitizer|runtime error:/);
    assert.equal(sig, null, `host died of ${sig}`);
    assert.equal(code, 0);
  });
});

describe('phone page with an empty agenda', () => {
  let host, browser, file;
  before(async () => {
    file = path.join(tmpdir('medskapa-browser-'), 'empty.json');
    writeSession(file, { noActivity: true, title: 'Tomt möte' });
    host = await startHost(['--session', file]);
    browser = await chromium.launch(LAUNCH);
  });
  after(async () => {
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('keeps trying to join while the host is away, then joins by itself', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    const errors = watch(page);
    await page.goto(host.url);
    await waitText(page, '#join-button', 'Gå med');
    await host.stop();
    await page.click('#join-button');
    await waitText(page, '#join-error', 'Når inte mötet just nu. Försöker igen…');
    assert.equal(await text(page, '#join-button'), 'Ansluter…');
    assert.equal(await page.isVisible('#join'), true);
    await shot(page, 'phone-join-unreachable.png');
    host = await startHost(['--session', file, '--port', String(host.port)]);
    await waitText(page, '#status-text', 'Ansluten', 15000);
    assert.equal(await page.isVisible('#room'), true);
    assert.deepEqual(errors, []);
  });

  it("shows the host's refusal in plain words and keeps the text", async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    const errors = watch(page);
    await page.goto(host.url);
    await page.click('#join-button');
    await waitText(page, '#status-text', 'Ansluten');
    assert.match(await text(page, '#prompt'), /Väntar på att mötesledaren/);
    const idea = 'En idé som inte har någon fråga';
    await page.fill('#idea', idea);
    await page.click('#send');
    await waitText(page, '#idea-msg', 'Det finns ingen fråga att svara på just nu. Vänta på mötesledaren.');
    assert.match(await page.getAttribute('#idea-msg', 'class'), /is-error/);
    assert.equal(await page.inputValue('#idea'), idea);
    assert.equal(await page.isDisabled('#send'), false, 'can try again');
    await shot(page, 'phone-error.png');
    assert.deepEqual(errors, []);
  });
});

// A picture for the README: one phone in a realistic meeting. Only with PHONE_DOCS_SCREENSHOT=1.
describe('docs screenshot', { skip: !process.env.PHONE_DOCS_SCREENSHOT }, () => {
  it('writes docs/img/phone.png', async () => {
    const file = path.join(tmpdir('medskapa-docs-'), 'demo.json');
    const tok = (n) => n.toString(16).padStart(2, '0').repeat(16);
    writeSession(file, {
      participants: [
        { name: 'Samira', token: tok(1) }, { name: 'Erik', token: tok(2) },
        { name: 'Hodan', token: tok(3), lang: 'so' }, { name: 'Reza', token: tok(4), lang: 'fa' },
        { name: 'Lena', token: tok(5) }, { name: 'Yonas', token: tok(6), lang: 'ti' },
      ],
      ideas: [
        { author: 2, text: 'Prova-på-dagar där flera föreningar visar upp sig samtidigt i sporthallen.' },
        { author: 3, text: 'En fadder i varje förening som möter nya medlemmar de första gångerna.' },
        { author: 0, text: 'Information om föreningarna på lätt svenska, arabiska, dari, tigrinja och somaliska.' },
        { author: 5, text: 'Låt föreningarna presentera sig på SFI-lektionerna.' },
        { author: 1, text: 'Läxhjälp och fika på biblioteket på tisdagar – ett lätt sätt att lära känna folk.' },
        { author: 3, text: 'أنشطة رياضية للنساء فقط في المساء' },
        { author: 4, text: 'برای خانواده‌ها فعالیت‌هایی باشد که بچه‌ها و والدین با هم بیایند.' },
        { author: 6, text: 'ሓበሬታ ብዛዕባ ማሕበራት ብትግርኛ።' },
        { author: 1, text: 'Gratis första terminen för barn och unga som är nya i kommunen.' },
      ],
    });
    const host = await startHost(['--session', file]);
    const browser = await chromium.launch(LAUNCH);
    try {
      const ctx = await browser.newContext(PHONE);
      await ctx.addInitScript((t) => {
        localStorage.setItem('medskapa.token', t);
        localStorage.setItem('medskapa.name', 'Samira');
      }, tok(1));
      // The others in the room, so the page counts them.
      const others = [2, 3, 4, 5, 6].map((n) => new WebSocket(host.wsUrl, 'medskapa.v1'));
      await Promise.all(others.map((w, i) => new Promise((res, rej) => {
        w.on('open', () => w.send(JSON.stringify({ type: 'hello', proto: 1, token: tok(i + 2) })));
        w.on('message', (d) => { if (JSON.parse(d).type === 'welcome') res(); });
        w.on('error', rej);
      })));
      const page = await ctx.newPage();
      await page.goto(host.url);
      await waitText(page, '#status-text', 'Ansluten');
      await page.waitForSelector('#idea-list .idea.is-mine');
      await waitText(page, '#presence', '6 personer är med');
      await page.fill('#idea', 'Samåkning till träningarna för dem som bor utanför tätorten');
      await page.locator('#idea').blur();
      await page.waitForTimeout(300);
      fs.mkdirSync(path.join(ROOT, 'docs', 'img'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'docs', 'img', 'phone.png') });
      others.forEach((w) => w.close());
    } finally {
      await browser.close();
      await host.stop();
    }
  });
});
