// Browser tests of the Bausteine (imported by run.mjs, which owns server, browser and helpers):
//  - 0 axe violations on the catalogue (also filtered and with a hostile query), detail pages of
//    each kind, the fill-in form (empty and after an error), versions and the Redaktion's editor,
//    in the light, dark, 320 px and no-JavaScript variants;
//  - the journey: a member fills the Präsentationsvorlage with the name of their Kommune
//    and downloads a PPTX and a PDF that show it; ticking a checklist and the Merkliste.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DECK = 'praesentation-verwaltungsspitze';
const CHECKLIST = 'checkliste-auftragsverarbeitung';
const KOMMUNE = 'Kreuzfurt (fiktiv) Browsertest';

// Text of the slides and notes of a PPTX (python3's zipfile is on every machine the suite runs on).
function pptxText(file) {
  const script = 'import re,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(" ".join(re.sub("<[^>]+>"," ",z.read(n).decode()) for n in z.namelist() if n.startswith("ppt/slides/slide")))';
  return spawnSync('python3', ['-c', script, file], { encoding: 'utf8' }).stdout;
}
function pdfText(file) { return spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout; }

export async function bausteineTests({ browser, base, check, scan, login, progress, variants, noJsContexts, pageChecker, MEMBER, REDAKTION }) {
  const submit = async (page, locator) => (await Promise.all([page.waitForNavigation(), locator.click()]))[0];
  const button = (page, name) => page.getByRole('button', { name, exact: true });
  const catalogue = await (await fetch(`${base}/api/v1/bausteine`)).json();
  const firstOf = (typ) => (catalogue.items.find((i) => i.typ.key === typ) || {}).slug;
  const detailPages = ['praesentation', 'checkliste', 'playbook', 'methodenkarte', 'rechtshilfe', 'vorlage', 'tutorial', 'kommunikation']
    .map(firstOf).filter(Boolean).map((s) => `/bausteine/${s}`);
  check(detailPages.length === 8, `Bausteine: nicht alle acht Arten im Katalog (${detailPages.length})`);

  const variantPages = async (v) => {
    const ctx = await browser.newContext({ ...v.opts, locale: 'de-DE', reducedMotion: 'reduce' });
    if (v.opts.javaScriptEnabled === false) noJsContexts.add(ctx);
    const page = await ctx.newPage();
    const { label, checkPage, visit } = pageChecker(page, v);
    for (const url of ['/bausteine', '/bausteine?q=Checkliste&typ=checkliste&phase=umsetzen', '/bausteine?q=%22(%2A', ...detailPages]) {
      await visit(url, 'gast');
    }
    await login(page, MEMBER);
    await visit(`/bausteine/${CHECKLIST}`, 'mitglied');
    await visit(`/bausteine/${DECK}/ausfuellen`, 'mitglied');
    await page.getByLabel(/Name der Kommune/).fill('x'.repeat(4001).slice(0, 4000) + 'y');
    const r = await submit(page, button(page, 'Datei erstellen und herunterladen'));
    check(r.status() === 422, `${label('mitglied', 'Ausfüllen mit zu langem Wert')}: Status ${r.status()} statt 422`);
    check(await page.locator('.opgv-error-summary').count() === 1, `${label('mitglied', 'Ausfüllen')}: keine Fehlerzusammenfassung`);
    await checkPage('mitglied', `/bausteine/${DECK}/ausfuellen (mit Fehler)`);
    await ctx.clearCookies();
    await login(page, REDAKTION);
    await visit(`/bausteine/${DECK}/versionen`, 'redaktion');
    await visit(`/bausteine/${DECK}/bearbeiten`, 'redaktion');
    await ctx.close();
  };

  // The journey: fill the Präsentationsvorlage with the Kommune's name, get PPTX and PDF.
  const fillAndDownload = async () => {
    progress('Bausteine: Präsentationsvorlage ausfüllen und herunterladen');
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await login(page, MEMBER);
    await page.goto(`${base}/bausteine`);
    await page.getByLabel('Suchbegriffe').fill('Verwaltungsspitze');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await submit(page, page.locator(`a[href="/bausteine/${DECK}"]`).first());
    await submit(page, page.getByRole('link', { name: 'Ausfüllen und herunterladen' }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opgv-downloads-'));
    for (const [format, label, read] of [['pptx', 'PowerPoint (PPTX)', pptxText], ['pdf', 'PDF', pdfText]]) {
      await page.getByLabel(/Name der Kommune/).fill(KOMMUNE);
      await page.getByRole('radio', { name: label, exact: true }).check();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90000 }),
        button(page, 'Datei erstellen und herunterladen').click()]);
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      check(file.endsWith(`.${format}`), `Download ${format}: Dateiname ${file}`);
      const text = read(file).replace(/\s+/g, ' ');
      check(text.includes(KOMMUNE), `Download ${format}: „${KOMMUNE}“ fehlt im Dokument (${text.slice(0, 200)})`);
      if (format === 'pdf') {
        const info = fs.readFileSync(file).toString('latin1');
        check(/\/Lang\s*\(de-DE\)/.test(info), 'PDF: Dokumentsprache de-DE fehlt');
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  };

  // Tick a checklist and keep it on the Merkliste, without JavaScript.
  const checklistAndMerkliste = async () => {
    progress('Bausteine: Checkliste und Merkliste ohne JavaScript');
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, MEMBER);
    await page.goto(`${base}/bausteine/${CHECKLIST}`);
    await page.locator('#punkt-0').check();
    await page.locator('#punkt-1').check();
    await submit(page, button(page, 'Stand speichern'));
    check(await page.locator('#punkt-1').isChecked(), 'Checkliste: Haken nach dem Speichern verloren');
    check((await page.locator('#checkliste').innerText()).includes('2 von'), 'Checkliste: Fortschritt nicht angezeigt');
    await submit(page, button(page, 'Auf die Merkliste'));
    await page.goto(`${base}/bausteine?merkliste=1`);
    check(await page.locator(`.opgv-uc-item a[href="/bausteine/${CHECKLIST}"]`).count() === 1, 'Merkliste: Baustein fehlt');
    await ctx.close();
  };

  for (const v of variants) await variantPages(v);
  await fillAndDownload();
  await checklistAndMerkliste();
}
