// Browser tests with Debian's chromium (playwright-core) and axe-core:
//  - 0 axe violations (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) on the covered pages in light,
//    dark, 320 px and no-JavaScript variants, and no horizontal scrolling at 320 px;
//  - the theme switch without JavaScript;
//  - a keyboard-only login;
//  - the journey of a new user: register, confirm, log in, find the Kommune, join it, log out and in;
//  - the use-case library (library.mjs): its pages in the same variants and its journeys;
//  - the Bausteine (bausteine.mjs): catalogue, detail, fill-in and downloads (PPTX, PDF).
//  - the data area (models.mjs): model catalogue, detail, versions with diff, XLSX template.
//  - datasets (datasets.mjs): upload, column mapping, import progress and report, decision,
//    preview and downloads, delete, import profiles.
// Usage: node tests/browser/run.mjs --binary build/opgv [--source .]
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { libraryTests } from './library.mjs';
import { bausteineTests } from './bausteine.mjs';
import { modelsTests } from './models.mjs';
import { datasetsTests } from './datasets.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, all) => (i % 2 === 0 ? [...acc, [v.replace(/^--/, ''), all[i + 1]]] : acc), []));
const binary = path.resolve(args.binary || 'build/opgv');
const source = path.resolve(args.source || '.');
const ADMIN = { email: 'admin@example.org', password: 'admin-passwort-fuer-tests' };
const MEMBER = { email: 'mitglied@example.org', password: 'mitglied-passwort-1' };
const REDAKTION = { email: 'redaktion@example.org', password: 'redaktion-passwort-1' };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let failures = 0;
let passes = 0;
function check(condition, message) {
  if (condition) { passes++; } else { failures++; console.log(`FEHLER: ${message}`); }
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opgv-browser-'));
const common = ['--data-dir', dataDir, '--resources', source, '--log-level', 'warn'];
for (const [user, role, name] of [[ADMIN, 'admin', 'Ada Admin'], [MEMBER, 'mitglied', 'Max Mitglied'], [REDAKTION, 'redaktion', 'Rita Redaktion']]) {
  const r = spawnSync(binary, ['user', 'add', '--email', user.email, '--name', name, '--role', role, ...common],
    { env: { ...process.env, OPGV_NEW_PASSWORD: user.password }, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); fs.rmSync(dataDir, { recursive: true, force: true }); process.exit(1); }
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, ...common],
  { env: { ...process.env, OPGV_ENABLE_TEST_ROUTES: '1', OPGV_PDF_PREWARM: '0' }, stdio: ['ignore', 'ignore', 'inherit'] });
const stop = () => { try { server.kill('SIGTERM'); } catch {} fs.rmSync(dataDir, { recursive: true, force: true }); };
process.on('exit', stop);
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {}
  await new Promise((r) => setTimeout(r, 100));
}

const started = Date.now();
const progress = (m) => { if (process.env.BROWSER_TEST_VERBOSE) console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`); };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function login(page, user) {
  await page.goto(`${base}/anmelden`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
}

// axe runs inside the page, so it cannot run where JavaScript is disabled; the HTML is the same
// as in the other variants, which are scanned. The no-JS variant checks that everything works.
const noJsContexts = new WeakSet();
async function scan(page, label) {
  if (noJsContexts.has(page.context())) return;
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of result.violations) {
    check(false, `${label}: axe ${v.id} (${v.impact}) ${v.help} – ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  if (result.violations.length === 0) passes++;
}

const publicPages = ['/', '/registrieren', '/anmelden', '/passwort-vergessen', '/kommunen', '/kommunen?q=pinneberg',
  '/kommunen/01001000', '/gibt-es-nicht', '/_test/interner-fehler', '/barrierefreiheit', '/datenschutz', '/impressum',
  '/leichte-sprache', '/kontakt', '/govtechs'];  // /use-cases and the other library pages: library.mjs
const memberPages = ['/profil', '/admin', '/organisationen/neu'];  // /admin as Mitglied → 403 page
const adminPages = ['/admin', '/admin/postfach', '/redaktion/antraege'];

// Visits a page of one variant and checks it: status, axe, and no horizontal scrolling at 320 px.
function pageChecker(page, v) {
  const label = (who, what) => `${v.name} ${who} ${what}`;
  const checkPage = async (who, what) => {
    await scan(page, label(who, what));
    if (v.name === '320px') {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 320, `${label(who, what)}: horizontales Scrollen (${width}px breit)`);
    }
  };
  const visit = async (url, who, status = 200) => {
    progress(label(who, url));
    const response = await page.goto(base + url);
    check(response.status() === status, `${label(who, url)}: Status ${response.status()} statt ${status}`);
    await checkPage(who, url);
  };
  return { label, checkPage, visit };
}

const variants = [
  { name: 'hell', opts: { colorScheme: 'light', viewport: { width: 1280, height: 900 } } },
  { name: 'dunkel', opts: { colorScheme: 'dark', viewport: { width: 1280, height: 900 } } },
  { name: '320px', opts: { colorScheme: 'light', viewport: { width: 320, height: 640 } } },
  { name: 'ohne-JS', opts: { colorScheme: 'light', viewport: { width: 1280, height: 900 }, javaScriptEnabled: false } },
];

for (const v of variants) {
  const ctx = await browser.newContext({ ...v.opts, locale: 'de-DE', reducedMotion: 'reduce' });
  if (v.opts.javaScriptEnabled === false) noJsContexts.add(ctx);
  const page = await ctx.newPage();
  const visit = async (url, who) => {
    progress(`${v.name} ${who} ${url}`);
    const response = await page.goto(base + url);
    const expected = url === '/gibt-es-nicht' ? 404 : url.startsWith('/_test/') ? 500 : (who === 'mitglied' && url === '/admin') ? 403 : 200;
    check(response.status() === expected, `${v.name} ${who} ${url}: Status ${response.status()} statt ${expected}`);
    await scan(page, `${v.name} ${who} ${url}`);
    if (v.name === '320px') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      check(overflow <= 320, `${v.name} ${url}: horizontales Scrollen (${overflow}px breit)`);
    }
  };
  for (const url of publicPages) await visit(url, 'gast');
  // The registration form after a failed submit: error summary and kept values.
  await page.goto(`${base}/registrieren`);
  await page.fill('#email', 'keine-adresse');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Konto anlegen")')]);
  check(await page.locator('.opgv-error-summary').count() === 1, `${v.name}: Fehlerzusammenfassung fehlt`);
  check(await page.inputValue('#email') === 'keine-adresse', `${v.name}: Eingabe ging verloren`);
  if (v.opts.javaScriptEnabled !== false) {
    check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'fehler', `${v.name}: Fokus nicht auf der Fehlerzusammenfassung`);
  }
  await scan(page, `${v.name} gast /registrieren (mit Fehlern)`);
  await login(page, MEMBER);
  for (const url of memberPages) await visit(url, 'mitglied');
  await page.goto(`${base}/profil`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Abmelden")')]);
  await login(page, ADMIN);
  for (const url of adminPages) await visit(url, 'admin');
  await ctx.close();
}

// Theme choice without JavaScript: a form post sets the cookie, the server renders the attribute.
{
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  noJsContexts.add(ctx);
  const page = await ctx.newPage();
  await page.goto(`${base}/impressum`);
  await page.check('input[name="theme"][value="dark"]');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Darstellung übernehmen")')]);
  check(await page.getAttribute('html', 'data-kern-theme') === 'dark', 'Darstellung „Dunkel“ wurde nicht übernommen');
  check(page.url().endsWith('/impressum'), `nach dem Umschalten nicht zurück auf der Seite (${page.url()})`);
  await ctx.close();
  const dark = await browser.newContext({ colorScheme: 'light' });
  await dark.addCookies([{ name: 'opgv_theme', value: 'dark', url: base }]);
  const darkPage = await dark.newPage();
  await darkPage.goto(`${base}/impressum`);
  check(await darkPage.getAttribute('html', 'data-kern-theme') === 'dark', 'Cookie-Darstellung wird nicht gerendert');
  await scan(darkPage, 'erzwungen dunkel bei hellem System /impressum');
  await dark.close();
}

// Keyboard-only login: the skip link comes first, then Tab through to the form; Enter submits.
{
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/anmelden`);
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.classList.contains('opgv-skip-link')), 'Skip-Link ist nicht das erste fokussierbare Element');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.id === 'email');
  }
  check(reached, 'E-Mail-Feld per Tab nicht erreichbar');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(outline !== 'none', 'kein sichtbarer Fokus auf dem E-Mail-Feld');
  await page.keyboard.type(MEMBER.email);
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.id === 'password'), 'Tab führt nicht zum Passwort');
  await page.keyboard.type(MEMBER.password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(new URL(page.url()).pathname === '/profil', `Tastatur-Anmeldung endete auf ${page.url()}`);
  check(await page.locator('text=Angemeldet als').count() > 0, 'nach Tastatur-Anmeldung nicht angemeldet');
  await ctx.close();
}

// Journey: register → confirm by mail → log in → find the Kommune (autocomplete) → join as first
// admin → Redaktion confirms → member of the organisation → log out → log in again.
{
  const user = { email: 'alex.beispiel@example.org', password: 'sozialraum-2026-alex' };
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await login(admin, ADMIN);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await page.click('a:has-text("Registrieren")');
  await page.fill('#email', user.email);
  await page.fill('#display_name', 'Alex Beispiel');
  await page.fill('#password', user.password);
  await page.fill('#password_repeat', user.password);
  await page.check('#accept_privacy');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Konto anlegen")')]);
  check(await page.locator('text=E-Mail geschickt').count() > 0, 'keine Bestätigung nach der Registrierung');
  await admin.goto(`${base}/admin/postfach`);
  const mailText = await admin.locator('.opgv-mail__body').first().innerText();
  const link = (mailText.match(/https?:\/\/\S+bestaetigen\?token=\S+/) || [])[0];
  check(!!link, 'Bestätigungslink nicht im Postfach');
  await page.goto(base + new URL(link).pathname + new URL(link).search);
  await login(page, user);
  check(new URL(page.url()).pathname === '/profil', 'Anmeldung nach Bestätigung fehlgeschlagen');
  await page.goto(`${base}/`);
  await page.fill('#kommune-suche', 'Pinneb');
  const option = page.locator('[role="option"]', { hasText: 'Pinneberg' }).first();
  await option.waitFor({ timeout: 5000 }).catch(() => {});
  if (await option.count() > 0) {
    await Promise.all([page.waitForNavigation(), option.click()]);
  } else {
    check(false, 'Autovervollständigung zeigt keine Vorschläge');
    await page.goto(`${base}/kommunen/01056039`);
  }
  check(new URL(page.url()).pathname.startsWith('/kommunen/'), `Kommune nicht geöffnet (${page.url()})`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Als erste Person beitreten")')]);
  check(await page.locator('text=Ihr Antrag').count() > 0, 'kein Hinweis auf den Antrag');
  await admin.goto(`${base}/redaktion/antraege`);
  await Promise.all([admin.waitForNavigation(), admin.locator('button:has-text("Bestätigen")').first().click()]);
  await page.goto(`${base}/profil`);
  check(await page.locator('text=Organisations-Admin').count() > 0, 'Mitgliedschaft nicht im Profil');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Abmelden")')]);
  check(await page.locator('text=Anmelden').count() > 0, 'Abmelden fehlgeschlagen');
  await login(page, user);
  check(new URL(page.url()).pathname === '/profil', 'erneute Anmeldung fehlgeschlagen');
  await ctx.close();
  await adminCtx.close();
}

await libraryTests({ browser, base, check, scan, login, progress, variants, noJsContexts, pageChecker, MEMBER, REDAKTION });
await bausteineTests({ browser, base, check, scan, login, progress, variants, noJsContexts, pageChecker, MEMBER, REDAKTION });
await modelsTests({ browser, base, check, progress, variants, noJsContexts, pageChecker, login, MEMBER });
await datasetsTests({ browser, base, check, scan, login, progress, variants, noJsContexts, pageChecker, MEMBER, ADMIN, REDAKTION, binary, source });

await browser.close();
console.log(`Browsertests: ${passes} Prüfungen bestanden, ${failures} fehlgeschlagen`);
process.exit(failures ? 1 : 0);
