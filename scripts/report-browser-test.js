// Drives chromium over the HTML report; called by report-browser-test.sh with:
// REPORT_HTML CHECK_JSON REPLAY_JSON SCREENSHOT PROFILE_DIR CHROMIUM HOSTILE_HTML
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const url = require('url');

const [html, checkJson, replayJson, screenshot, profile, executable, hostile] =
  process.argv.slice(2);
const check = JSON.parse(fs.readFileSync(checkJson, 'utf8'));
const replay = JSON.parse(fs.readFileSync(replayJson, 'utf8'));
let failures = 0;

function expect(what, actual, expected) {
  const ok = actual === expected;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${actual}${ok ? '' : ` (expected ${expected})`}`);
  if (!ok) { failures += 1; }
}

(async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const remote = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) { remote.push(r.url()); } });
  page.on('pageerror', (e) => errors.push(String(e)));
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error') { errors.push(m.text()); } });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(url.pathToFileURL(html).href);

  const number = async (id) => Number(await page.textContent(`#${id}`));
  const s = check.summary;
  expect('pages shown', await number('total-files'), s.files);
  expect('examples shown', await number('total-blocks'), s.blocks);
  expect('errors shown', await number('total-errors'), s.errors);
  expect('warnings shown', await number('total-warnings'), s.warnings);
  expect('infos shown', await number('total-infos'), s.infos);
  expect('replay passed shown', await number('replay-pass'), replay.summary.passed);
  expect('replay failed shown', await number('replay-fail'), replay.summary.failed);
  expect('replay errored shown', await number('replay-error'), replay.summary.errored);
  expect('replay skipped shown', await number('replay-skip'), replay.summary.skipped);

  const visible = () => page.locator('article.finding:visible').count();
  const all = check.diagnostics.length;
  expect('findings visible before filtering', await visible(), all);
  expect('findings counter', await number('shown-count'), all);

  const warnings = check.diagnostics.filter((d) => d.severity === 'warning').length;
  await page.selectOption('#filter-severity', 'warning');
  expect('findings visible with severity=warning', await visible(), warnings);
  expect('counter with severity=warning', await number('shown-count'), warnings);

  await page.selectOption('#filter-severity', '');
  const rule = 'json-syntax';
  const ofRule = check.diagnostics.filter((d) => d.rule === rule).length;
  await page.selectOption('#filter-rule', rule);
  expect(`findings visible with rule=${rule}`, await visible(), ofRule);

  await page.selectOption('#filter-rule', '');
  const term = 'broken-http.md';
  // The search matches a finding's whole text: its path, message and help.
  const matching = check.diagnostics.filter((d) =>
    [d.path, d.message, d.help || ''].some((text) => text.includes(term))).length;
  await page.fill('#filter-search', term);
  expect(`findings visible with search "${term}"`, await visible(), matching);
  await page.fill('#filter-search', '');

  const clicked = 'status-reason';
  await page.click(`button.rule-filter[data-rule="${clicked}"]`);
  const ofClicked = check.diagnostics.filter((d) => d.rule === clicked).length;
  expect(`findings visible after clicking ${clicked} in the table`, await visible(), ofClicked);
  await page.selectOption('#filter-rule', '');
  expect('findings visible with the filters cleared', await visible(), all);

  const outcomes = await page.locator('#method-table tbody tr[data-outcome="fail"]').count();
  expect('methods shown as failed', outcomes, replay.summary.failed);
  expect('requests that left the machine', remote.length, 0);
  expect('script errors', errors.join('; '), '');

  await page.goto(url.pathToFileURL(hostile).href);
  expect('dialogs opened by the hostile page', dialogs.length, 0);
  expect('scripts of the hostile page run', await page.evaluate(() => String(window.pwned)),
    'undefined');
  const shown = (await page.locator('pre.snippet').allTextContents()).join('\n');
  expect('hostile text shown as text', shown.includes('<script>window.pwned = 2</script>'), true);
  // Its findings: the request has no response, and its JSON misses a comma.
  expect('report script ran on the hostile page', await number('shown-count'), 2);

  await page.goto(url.pathToFileURL(html).href);
  await page.screenshot({ path: screenshot });
  const full = screenshot.replace(/\.png$/, '-full.png');
  await page.screenshot({ path: full, fullPage: true });
  console.log(`screenshots: ${screenshot} ${full}`);
  await context.close();
  if (failures > 0) {
    console.error(`report-browser: ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('report-browser: all checks passed');
})().catch((e) => { console.error(e); process.exit(1); });
