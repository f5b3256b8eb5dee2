// Text someone typed cannot reorder the phone page ("Trojan Source" applied to a meeting): every
// idea, name, group, category, title, prompt and poll choice is shown isolated (a <bdi>, or
// unicode-bidi isolate or plaintext), holds nothing but itself (so the time, the count or the
// words after it are outside), and has its embedding, override and isolate controls balanced
// (an RLO left open, or a stray PDI that would end the isolation early, cannot leak out).
// Checked on a participant's phone and on the facilitator's, through ideas, a vote and a poll.
//   node --test tests/browser/bidi-isolation.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT } = require('../lib/host.js');


// RLO, RLE and RLI, each left open; a stray PDI and PDF too (they must not close what the page opened).
const RLO = '\u202E', RLE = '\u202B', RLI = '\u2067', PDI = '\u2069', PDF = '\u202C';
const CTL = /[\u202A-\u202E\u2066-\u2069]/g;
const U = {
  title: `Möte${RLO}rum`,
  actTitle: `Idérunda${RLE}ett`,
  prompt: `Vad${RLO}behövs${RLI}här`,
  cats: [`Kat${RLO}ett`, `Kat${RLE}två`, `Kat${RLI}tre${PDI}${PDF}slut`],
  voteTitle: `Prioritera${RLO}nu`,
  votePrompt: `Välj${RLI}bland`,
  pollTitle: `Enkät${RLO}kväll`,
  pollPrompt: `Passar${RLE}kvällen`,
  choices: [`Ja${RLO}gärna`, `Nej${RLI}tack`],
  ideas: [`abc${RLO}def`, `ghi${RLE}jkl${RLI}mno`, `pqr${PDI}${RLO}stu`],
  facIdea: `Mötesledarens${RLO}förslag`,
  proxyIdea: `Ombudets${RLE}idé`,
  name: `Namn${RLO}ett`,
  viewer: `Tittare${RLO}två`,
  proxy: `Ombud${RLO}tre`,
  group: `Grupp${RLO}ett${RLE}två${RLI}tre`,
};
const CORES = [U.title, U.actTitle, U.prompt, ...U.cats, U.voteTitle, U.votePrompt, U.pollTitle, U.pollPrompt,
  ...U.choices, ...U.ideas, U.facIdea, U.proxyIdea, U.name, U.viewer, U.proxy, U.group].map((s) => s.replace(CTL, ''));

// In the page: every text node that holds a piece of user text. Returns what is wrong, and
// which pieces were seen.
function audit(cores) {
  const CT = /[\u202A-\u202E\u2066-\u2069]/g;
  const balanced = (s) => { // every embedding/override/isolate opened is closed, no closer is stray
    const open = [];
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if ((c >= 0x202A && c <= 0x202E && c !== 0x202C)) open.push(0x202C);
      else if (c >= 0x2066 && c <= 0x2068) open.push(0x2069);
      else if (c === 0x202C || c === 0x2069) { if (open.pop() !== c) return false; }
    }
    return open.length === 0;
  };
  const bad = [], seen = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const plain = n.data.replace(CT, '');
    const core = cores.find((c) => plain.includes(c));
    if (!core) continue;
    seen.push(core);
    const e = n.parentElement, ub = getComputedStyle(e).unicodeBidi;
    const where = `<${e.localName} class="${e.className}"> in <${e.parentElement.localName} class="${e.parentElement.className}">`;
    if (!(e.localName === 'bdi' || ub === 'isolate' || ub === 'plaintext')) bad.push(`${core}: not isolated (${ub}) ${where}`);
    // Nothing but the text inside the isolation: the time, a count, a separator are outside it.
    if (e.textContent.replace(CT, '') !== core) bad.push(`${core}: shares its isolation with ${JSON.stringify(e.textContent)} ${where}`);
    if (!balanced(e.textContent)) bad.push(`${core}: unbalanced controls ${JSON.stringify(e.textContent)} ${where}`);
  }
  return { bad, seen: [...new Set(seen)] };
}


describe('user text is isolated on the phone', () => {
  let host, browser, key, fac, amal, viewer, facPage;
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  };
  const check = async (page, want) => {
    const r = await page.evaluate(audit, CORES);
    assert.deepEqual(r.bad, [], 'every piece of user text isolated, alone and balanced');
    for (const s of want) assert.ok(r.seen.includes(s.replace(CTL, '')), `the page shows ${JSON.stringify(s)}; it shows ${JSON.stringify(r.seen)}`);
  };
  const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });

  before(async () => {
    const file = path.join(tmpdir('medskapa-bidi-'), 'session.json');
    fs.writeFileSync(file, JSON.stringify({
      format: 'medskapa-session', version: 2, title: U.title, lang: 'sv',
      created: '2026-11-23T17:00:00.000Z', saved: '2026-11-23T17:00:00.000Z', current_activity: 1,
      activities: [
        { id: 1, kind: 'ideas', title: U.actTitle, prompt: U.prompt, phase: 'open', categories: U.cats },
        { id: 2, kind: 'vote', title: U.voteTitle, prompt: U.votePrompt, phase: 'open', source: 1, budget: 5, max_per_item: 3, live: true },
        { id: 3, kind: 'poll', title: U.pollTitle, prompt: U.pollPrompt, phase: 'open', poll: 'single', choices: U.choices },
      ],
      participants: [], ideas: [],
    }));
    host = await startHost(['--session', file]);
    const m = /Mötesledare:\s+\S*#key=([0-9a-f]{32})/.exec(host.output());
    assert.ok(m, 'the host prints the facilitator address:\n' + host.output());
    key = m[1];
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    for (const p of [fac, amal]) if (p) p.ws.close();
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('ideas, names, categories, groups, titles and the prompt', async () => {
    fac = await peer(host.wsUrl, { key });
    amal = await peer(host.wsUrl, { name: U.name, lang: 'sv' });
    const ids = [];
    for (const [i, text] of U.ideas.entries()) ids.push((await amal.ask({ type: 'idea.post', text, category: i })).idea);
    await fac.ask({ type: 'idea.post', text: U.facIdea });
    const proxy = (await fac.ask({ type: 'proxy.add', name: U.proxy })).participant;
    await fac.ask({ type: 'idea.post', text: U.proxyIdea, as: proxy });
    const group = (await fac.ask({ type: 'group.create', name: U.group, activity: 1 })).group;
    await fac.ask({ type: 'idea.group', idea: ids[0], group });

    const ctx = await browser.newContext(PHONE);
    viewer = await ctx.newPage();
    watch(viewer);
    await viewer.goto(host.url);
    await viewer.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill(U.viewer);
    await viewer.getByRole('button', { name: 'Gå med' }).click();
    await until(viewer, (n) => document.querySelectorAll('#idea-list .idea').length === n, U.ideas.length + 2);
    await until(viewer, () => !!document.querySelector('#idea-list .tag-group'));
    await check(viewer, [U.title, U.prompt, ...U.cats, ...U.ideas, U.facIdea, U.proxyIdea, U.name, U.viewer, U.group, U.proxy]);
    // The time of each idea is after its name, and outside every isolating element of the idea.
    const times = await viewer.$$eval('#idea-list .idea', (lis) => lis.map((li) => {
      const time = li.querySelector('.idea-time');
      return !!time && !time.closest('bdi, [dir="auto"]');
    }));
    assert.ok(times.length > 0 && times.every(Boolean), 'every idea has its time outside the isolated text');
    fs.mkdirSync(OUT, { recursive: true });
    await viewer.screenshot({ path: path.join(OUT, 'bidi-ideas.png'), fullPage: true });

    // The facilitator's phone: agenda, moderation (with an idea opened), people without a phone.
    facPage = await (await browser.newContext(PHONE)).newPage();
    watch(facPage);
    await facPage.goto(`${host.url}#key=${key}`);
    await facPage.waitForSelector('#fs-now', { state: 'visible', timeout: WAIT });
    for (const id of ['mod', 'proxy']) {
      const d = facPage.locator(`#fs-${id}`);
      if (!(await d.evaluate((n) => n.open))) await d.locator('summary').click();
    }
    await facPage.locator('#fs-mod .fm-head').first().click();
    await facPage.waitForSelector('#fs-mod .fm-body:not([hidden]) .fm-group option', { state: 'attached', timeout: WAIT });
    await check(facPage, [U.actTitle, U.voteTitle, U.pollTitle, ...U.ideas, U.facIdea, U.name, U.group, U.proxy]);
    // A sentence with a name in it ("Gör för {name}"): the name alone in its <bdi>.
    await facPage.getByRole('button', { name: /^Agera för Ombud/ }).click();
    await until(facPage, () => !document.getElementById('acting').hidden);
    await check(facPage, [U.proxy]);
  });

  it('a vote on those ideas, with live results', async () => {
    await fac.ask({ type: 'goto', activity: 2 });
    await until(viewer, (n) => document.querySelectorAll('#vote-list .vitem').length === n, U.ideas.length + 2);
    await amal.ask({ type: 'vote', activity: 2, item: (await amal.next((m) => m.type === 'state' && m.activity && m.activity.id === 2)).items[0].id, dots: 2 });
    await until(viewer, () => document.querySelectorAll('#result-list .rrow').length > 0);
    await check(viewer, [U.votePrompt, ...U.ideas]);
    // The count after each item is outside the item's text.
    const counts = await viewer.$$eval('#vote-list .vitem .vcount, #result-list .rcount', (ns) => ns.map((n) => !n.closest('bdi, [dir="auto"]')));
    assert.ok(counts.length > 0 && counts.every(Boolean));
  });

  it('a poll and its results', async () => {
    await fac.ask({ type: 'goto', activity: 3 });
    await until(viewer, (n) => document.querySelectorAll('#poll-opts .opt').length === n, U.choices.length);
    await check(viewer, [U.pollPrompt, ...U.choices]);
    await amal.ask({ type: 'poll.answer', activity: 3, value: 0 });
    await fac.ask({ type: 'phase', activity: 3, phase: 'revealed' });
    await until(viewer, (n) => document.querySelectorAll('#result-list .rrow').length === n, U.choices.length);
    await check(viewer, [U.pollPrompt, ...U.choices]);
    await check(facPage, [U.pollTitle, ...U.choices]);
    assert.deepEqual(errors, []);
  });
});
