// Browser tests of datasets (imported by run.mjs, which owns server, browser and helpers):
//  - setup: Mitglied claims a Kommune, the Plattform-Admin confirms in /redaktion/antraege, so
//    Mitglied is an active member (Organisations-Admin) of an active organisation;
//  - the issue's journey in every variant (light, dark, 320 px, no JavaScript): upload the Haushalt
//    example through the form (also without title and file first: error summary), the column
//    mapping proposal, import, reload the version page until the import is finished, the dataset
//    page with 30 rows in the preview and CSV/XLSX/JSON downloads; a broken file as version 2, the
//    decision form, keep the 29 valid rows, the rejected rows as CSV; a second dataset with paging
//    in its preview, a large file as its version 2 to see the progress page, cancel it, then
//    delete that dataset through its confirmation page; the import profiles and one profile;
//  - 0 axe violations (WCAG 2.2 AA, as in run.mjs) on all these pages and no horizontal scrolling
//    at 320 px (pageChecker).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HEADER = 'ags,haushaltsjahr,planart,produktbereich,produktbereich_name,ertraege_euro,aufwendungen_euro,saldo_euro';
const KOMMUNE = '01001000';

export async function datasetsTests({ browser, base, check, scan, login, progress, variants, noJsContexts, pageChecker, MEMBER, ADMIN, REDAKTION, binary, source }) {
  const submit = async (page, locator) => (await Promise.all([page.waitForNavigation(), locator.click()]))[0];
  const button = (page, name) => page.getByRole('button', { name, exact: true });
  const pathOf = (page) => new URL(page.url()).pathname;
  // A version page shows #fortschritt while its import waits or runs.
  const isRunning = (page) => page.locator('#fortschritt').count().then((n) => n > 0);
  const hasRefresh = (page) => page.locator('meta[http-equiv="refresh"]').count().then((n) => n > 0);

  // Files: the model's example (30 valid rows), the same with one AGS without its leading zero,
  // 120 synthetic rows (three pages of preview) and a large synthetic file whose import takes
  // long enough to see the progress page (it is cancelled).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opgv-datensaetze-'));
  const example = fs.readFileSync(path.join(source, 'models/haushalt/beispiel.csv'), 'utf8');
  const valid = path.join(dir, 'haushalt-2024.csv');
  fs.writeFileSync(valid, example);
  // Same file name as the valid one, so that the proposal keeps the profile name (a new Fassung).
  const brokenDir = path.join(dir, 'fehlerhaft');
  fs.mkdirSync(brokenDir);
  const broken = path.join(brokenDir, 'haushalt-2024.csv');
  fs.writeFileSync(broken, example.replace('09999001', '9999001'));
  const synth = (rows, file) => {
    const fd = fs.openSync(file, 'w');
    const r = spawnSync(binary, ['synth', 'haushalt', '--rows', String(rows), '--resources', source], { stdio: ['ignore', fd, 'pipe'] });
    fs.closeSync(fd);
    check(r.status === 0, `Datensätze: opgv synth ${rows} fehlgeschlagen (${r.stderr})`);
    return file;
  };
  const paged = synth(120, path.join(dir, 'haushalt-synthetisch.csv'));
  // One row per area and indicator, for the wide Sozialraum model (one column per indicator).
  const longTable = path.join(dir, 'sozialraum-lang.csv');
  fs.writeFileSync(longTable, 'Planungsraum;Ebene;Stichtag;Indikator;Wert\n' +
    '01100101;planungsraum;31.12.2020;EW;100\n01100101;planungsraum;31.12.2020;S1;4,2\n01100101;planungsraum;31.12.2020;S3;2,5\n' +
    '01100102;planungsraum;31.12.2020;EW;300\n01100102;planungsraum;31.12.2020;S1;3,1\n01100102;planungsraum;31.12.2020;S3;1,5\n');
  const large = synth(400000, path.join(dir, 'haushalt-gross.csv'));

  // Setup: Mitglied claims a Kommune, the Plattform-Admin confirms the application.
  progress('Datensätze: Mitglied tritt einer Kommune bei, Admin bestätigt');
  {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, MEMBER);
    await page.goto(`${base}/kommunen/${KOMMUNE}`);
    await submit(page, page.getByRole('button', { name: /Als erste Person beitreten/ }));
    const orgUrl = await page.locator('main a[href^="/organisationen/"]').first().getAttribute('href');
    const orgId = (orgUrl || '').split('/').pop();
    const adminCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    await login(admin, ADMIN);
    await admin.goto(`${base}/redaktion/antraege`);
    await submit(admin, admin.locator(`form[action="/redaktion/antraege/${orgId}/entscheiden"] button[value="bestaetigen"]`));
    await page.goto(`${base}/kommunen/${KOMMUNE}`);
    check(await page.getByText('Sie sind Mitglied.').count() === 1, 'Datensätze: Mitglied ist nach der Bestätigung nicht aktives Mitglied');
    await adminCtx.close();
    await ctx.close();
  }

  // Reloads a version page until the import is finished (no progress section any more).
  const waitFinished = async (page, what) => {
    const url = base + pathOf(page);
    for (let i = 0; i < 300 && await isRunning(page); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.goto(url);
    }
    check(!await isRunning(page), `${what}: Import nach einer Minute nicht beendet`);
  };
  // Fills and submits the upload form (title and model only for a new dataset) → mapping form.
  const upload = async (page, file, fields) => {
    if (fields) {
      await page.getByLabel('Titel des Datensatzes').fill(fields.title);
      await page.getByLabel('Datenmodell und Tabelle').selectOption('haushalt/ergebnisplan');
    }
    await page.getByLabel('Datei', { exact: true }).setInputFiles(file);
    return submit(page, button(page, 'Hochladen und weiter zur Zuordnung'));
  };
  const previewRows = (page) => page.getByRole('region', { name: /^Daten, Zeilen/ }).locator('tbody tr').count();
  const fetchText = async (page, href) => {
    const r = await page.request.get(new URL(href, base).href);
    return { status: r.status(), type: r.headers()['content-type'] || '', body: await r.body() };
  };
  // KERN floats a fieldset's <legend> to the left and expects the options in .kern-fieldset__body
  // (which clears it); without it, options end up beside the legend. Every option of a group must
  // start below its legend.
  const checkFieldsets = async (page, what) => {
    const misplaced = await page.evaluate(() => [...document.querySelectorAll('main fieldset')].flatMap((f) => {
      const legend = f.querySelector(':scope > legend');
      if (!legend) return [];
      const bottom = legend.getBoundingClientRect().bottom;
      return [...f.querySelectorAll('input:not([type=hidden]), select, textarea, button, label')]
        .filter((el) => el.getBoundingClientRect().top < bottom - 1)
        .map((el) => `${legend.textContent.trim()}: ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : el.htmlFor ? `[for=${el.htmlFor}]` : ''}`);
    }));
    check(misplaced.length === 0, `${what}: Felder neben statt unter der Legende (${misplaced.join(', ')})`);
  };
  let progressSeen = 0;
  let profileUrl = '';
  let keptDataset = '';

  for (const v of variants) {
    const ctx = await browser.newContext({ ...v.opts, locale: 'de-DE', reducedMotion: 'reduce', acceptDownloads: true });
    const noJs = v.opts.javaScriptEnabled === false;
    if (noJs) noJsContexts.add(ctx);
    const page = await ctx.newPage();
    const { label, checkPage, visit } = pageChecker(page, v);
    const who = 'mitglied';
    const title = `Haushalt 2024 (${v.name})`;
    await login(page, MEMBER);
    await visit('/daten/datensaetze', who);
    await page.getByRole('link', { name: 'Neuen Datensatz hochladen' }).click();
    await page.waitForURL(/\/daten\/datensaetze\/neu$/);
    await checkPage(who, '/daten/datensaetze/neu');

    // Without title and file: 422, error summary linked to the fields, values kept.
    await page.getByLabel('Datenmodell und Tabelle').selectOption('haushalt/ergebnisplan');
    let r = await submit(page, button(page, 'Hochladen und weiter zur Zuordnung'));
    check(r.status() === 422, `${label(who, 'Hochladen ohne Titel und Datei')}: Status ${r.status()} statt 422`);
    check(await page.locator('.opgv-error-summary a[href="#u-titel"]').count() === 1, `${label(who, 'Hochladen')}: kein Fehler zum Titel`);
    check(await page.locator('.opgv-error-summary a[href="#u-datei"]').count() === 1, `${label(who, 'Hochladen')}: kein Fehler zur Datei`);
    check(await page.inputValue('#u-modell') === 'haushalt/ergebnisplan', `${label(who, 'Hochladen')}: gewähltes Modell ging verloren`);
    if (!noJs) {
      check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'fehler', `${label(who, 'Hochladen')}: Fokus nicht auf der Fehlerzusammenfassung`);
    }
    await checkPage(who, '/daten/datensaetze/neu (mit Fehlern)');

    // 1. The valid example: mapping proposal, import, report, dataset page, downloads.
    r = await upload(page, valid, { title });
    check(r.status() === 200 && /^\/daten\/datensaetze\/hochgeladen\/\d+\/zuordnung$/.test(pathOf(page)),
      `${label(who, 'Hochladen')}: nicht auf der Zuordnung (${r.status()} ${page.url()})`);
    await checkPage(who, '/daten/datensaetze/hochgeladen/…/zuordnung');
    for (const column of HEADER.split(',')) {
      const chosen = await page.locator(`select[name="quelle.${column}"]`).inputValue().catch(() => '(fehlt)');
      check(chosen === column, `${label(who, 'Zuordnung')}: Vorschlag für ${column} ist „${chosen}“`);
    }
    check(await page.getByLabel('Quelle für Ordentliche Erträge in Euro', { exact: true }).inputValue() === 'ertraege_euro',
      `${label(who, 'Zuordnung')}: Auswahl für Erträge nicht über ihr Label erreichbar`);
    // "Vorschau aktualisieren" keeps the choices.
    await page.locator('#w-haushaltsjahr').fill('');
    r = await submit(page, button(page, 'Vorschau aktualisieren'));
    check(r.status() === 200 && await page.locator('#f-ertraege_euro').inputValue() === 'ertraege_euro',
      `${label(who, 'Vorschau aktualisieren')}: Status ${r.status()} oder Zuordnung verloren`);
    r = await submit(page, button(page, 'Importieren und prüfen'));
    const m1 = pathOf(page).match(/^\/daten\/datensaetze\/(\d+)\/versionen\/1$/);
    check(r.status() === 200 && !!m1, `${label(who, 'Importieren')}: nicht auf Version 1 (${r.status()} ${page.url()})`);
    if (!m1) { await ctx.close(); continue; }
    const id = m1[1];
    const datasetUrl = `/daten/datensaetze/${id}`;
    keptDataset = datasetUrl;
    await waitFinished(page, label(who, 'Version 1'));
    check(await page.getByText('30 Zeilen fehlerfrei').count() === 1, `${label(who, 'Version 1')}: nicht 30 Zeilen fehlerfrei`);
    check(await page.getByText('Diese Version ist übernommen.').count() === 1, `${label(who, 'Version 1')}: nicht übernommen`);
    await checkPage(who, `${datasetUrl}/versionen/1 (Bericht)`);
    await submit(page, page.getByRole('link', { name: 'Daten ansehen und herunterladen' }));
    check(pathOf(page) === datasetUrl, `${label(who, 'Datensatz')}: falsche Seite ${page.url()}`);
    check(await page.getByRole('heading', { name: 'Daten (Version 1, 30 Zeilen)' }).count() === 1, `${label(who, 'Datensatz')}: Überschrift der Vorschau`);
    check(await previewRows(page) === 30, `${label(who, 'Datensatz')}: ${await previewRows(page)} statt 30 Zeilen in der Vorschau`);
    await checkPage(who, `${datasetUrl} (Vorschau)`);
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('link', { name: 'Daten als CSV (UTF-8, Komma)' }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    check(csv.startsWith(HEADER), `${label(who, 'CSV')}: Kopfzeile „${csv.split('\n')[0]}“`);
    check(csv.trim().split(/\r?\n/).length === 31, `${label(who, 'CSV')}: ${csv.trim().split(/\r?\n/).length - 1} statt 30 Zeilen`);
    check(download.suggestedFilename().endsWith('.csv'), `${label(who, 'CSV')}: Dateiname ${download.suggestedFilename()}`);
    const xlsx = await fetchText(page, await page.getByRole('link', { name: 'Daten als Excel-Tabelle (XLSX)' }).getAttribute('href'));
    check(xlsx.status === 200 && xlsx.body.subarray(0, 2).toString() === 'PK', `${label(who, 'XLSX')}: Status ${xlsx.status}, keine XLSX-Datei`);
    const jsonFile = await fetchText(page, await page.getByRole('link', { name: 'Daten als JSON' }).getAttribute('href'));
    let json = null;
    try { json = JSON.parse(jsonFile.body.toString('utf8')); } catch {}
    check(jsonFile.status === 200 && json && Array.isArray(json.zeilen) && json.zeilen.length === 30 && json.zeilen[0].ags === '09999001',
      `${label(who, 'JSON')}: Status ${jsonFile.status}, ${json && Array.isArray(json.zeilen) ? json.zeilen.length : 'keine'} Zeilen`);
    check(json && Array.isArray(json.felder) && json.felder.join(',') === HEADER, `${label(who, 'JSON')}: Felder ${json && json.felder}`);

    // 2. The broken file as version 2: decision form, keep the 29 valid rows, rejects as CSV.
    await submit(page, page.getByRole('link', { name: 'Neue Version hochladen' }));
    check(pathOf(page) === '/daten/datensaetze/neu', `${label(who, 'Neue Version')}: falsche Seite ${page.url()}`);
    await checkPage(who, `/daten/datensaetze/neu?datensatz=${id}`);
    r = await upload(page, broken);
    check(r.status() === 200 && /\/zuordnung$/.test(pathOf(page)), `${label(who, 'Neue Version hochladen')}: ${r.status()} ${page.url()}`);
    check(await page.locator('#f-ags').inputValue() === 'ags', `${label(who, 'Zuordnung Version 2')}: Vorschlag für ags`);
    await checkPage(who, '/daten/datensaetze/hochgeladen/…/zuordnung (mit gespeicherten Profilen)');
    if (!noJs) await checkFieldsets(page, label(who, 'Zuordnung mit gespeicherten Profilen'));
    await submit(page, button(page, 'Importieren und prüfen'));
    check(pathOf(page) === `${datasetUrl}/versionen/2`, `${label(who, 'Version 2')}: falsche Seite ${page.url()}`);
    await waitFinished(page, label(who, 'Version 2'));
    check(await page.getByText('1 Zeilen mit Fehlern').count() === 1, `${label(who, 'Version 2')}: nicht 1 Zeile mit Fehlern`);
    const keep = page.getByLabel(/^Nur die 29 fehlerfreien Zeilen übernehmen/);
    check(await keep.count() === 1, `${label(who, 'Version 2')}: keine Entscheidung „Nur die 29 fehlerfreien Zeilen übernehmen“`);
    check(await page.getByRole('group', { name: 'Entscheidung' }).getByRole('radio').count() === 4, `${label(who, 'Version 2')}: nicht vier Möglichkeiten`);
    await checkPage(who, `${datasetUrl}/versionen/2 (Entscheidung)`);
    if (!noJs) await checkFieldsets(page, label(who, 'Entscheidung'));
    const rejectsHref = await page.getByRole('link', { name: /abgelehnte Zeilen mit ihren Fehlern herunterladen/ }).getAttribute('href');
    let rejects = await fetchText(page, rejectsHref);
    check(rejects.status === 200 && rejects.body.toString('utf8').includes('9999001'), `${label(who, 'abgelehnte Zeilen')}: Status ${rejects.status}, Zeile fehlt`);
    if (await keep.count() === 1) {
      await keep.check();
      r = await submit(page, button(page, 'Weiter'));
      check(pathOf(page) === datasetUrl, `${label(who, 'Entscheidung')}: nicht zurück auf dem Datensatz (${page.url()})`);
      check(await page.getByText('Die fehlerfreien Zeilen wurden übernommen').count() === 1, `${label(who, 'Entscheidung')}: keine Bestätigung`);
      check(await page.getByRole('heading', { name: 'Daten (Version 2, 29 Zeilen)' }).count() === 1, `${label(who, 'Datensatz')}: nicht Version 2 mit 29 Zeilen`);
      check(await previewRows(page) === 29, `${label(who, 'Datensatz')}: ${await previewRows(page)} statt 29 Zeilen in der Vorschau`);
      check(await page.getByRole('region', { name: 'Versionen' }).getByText('29 gültig, 1 abgelehnt').count() === 1, `${label(who, 'Datensatz')}: Version 2 nicht „29 gültig, 1 abgelehnt“`);
      await checkPage(who, `${datasetUrl} (Version 2)`);
      await visit(`${datasetUrl}/versionen/2`, who);
      check(await page.getByText('Diese Version ist übernommen.').count() === 1, `${label(who, 'Version 2')}: nicht übernommen`);
      rejects = await fetchText(page, await page.getByRole('link', { name: /abgelehnte Zeilen mit ihren Fehlern herunterladen/ }).getAttribute('href'));
      check(rejects.status === 200 && /csv/.test(rejects.type) && rejects.body.toString('utf8').includes('9999001'),
        `${label(who, 'abgelehnte Zeilen nach Übernahme')}: Status ${rejects.status} ${rejects.type}`);
    }

    // 3. A throw-away dataset: 120 rows (three pages of preview), then a large file as version 2
    // to see the progress page, cancelled; then deleted through the confirmation page.
    await page.goto(`${base}/daten/datensaetze/neu`);
    await upload(page, paged, { title: `Wegwerf-Datensatz (${v.name})` });
    await submit(page, button(page, 'Importieren und prüfen'));
    const m2 = pathOf(page).match(/^\/daten\/datensaetze\/(\d+)\/versionen\/1$/);
    check(!!m2, `${label(who, 'Wegwerf-Datensatz')}: nicht auf Version 1 (${page.url()})`);
    if (m2) {
      const throwaway = `/daten/datensaetze/${m2[1]}`;
      await waitFinished(page, label(who, 'Wegwerf-Datensatz'));
      await visit(throwaway, who);
      check(await previewRows(page) === 50, `${label(who, 'Seite 1')}: ${await previewRows(page)} statt 50 Zeilen`);
      check(await page.getByText('Seite 1 von 3').count() === 1, `${label(who, 'Seite 1')}: kein „Seite 1 von 3“`);
      await submit(page, page.getByRole('link', { name: 'Nächste Seite' }));
      check(new URL(page.url()).search === '?seite=2', `${label(who, 'Nächste Seite')}: ${page.url()}`);
      check(await page.getByText('Zeilen 51 bis 100 von 120.').count() === 1, `${label(who, 'Seite 2')}: nicht Zeilen 51 bis 100`);
      await checkPage(who, `${throwaway}?seite=2`);
      await visit(`${throwaway}?seite=9`, who);
      check(await page.getByText('Auf dieser Seite gibt es keine Zeilen mehr.').count() === 1, `${label(who, 'Seite 9')}: kein Hinweis`);

      await page.goto(`${base}/daten/datensaetze/neu?datensatz=${m2[1]}`);
      await upload(page, large);
      await submit(page, button(page, 'Importieren und prüfen'));
      const running = await isRunning(page);
      let cancelAccepted = false;
      if (running) {
        // The page as it arrives: no reload by default (WCAG 2.2.1); with JavaScript it polls in
        // the background and reloads once when the import is done. Scanned at once.
        progressSeen++;
        check(await page.locator('progress').count() === 1, `${label(who, 'Fortschritt')}: kein Fortschrittsbalken`);
        check(!await hasRefresh(page), `${label(who, 'Fortschritt')}: lädt sich ohne Zustimmung neu (meta refresh)`);
        await checkPage(who, `${throwaway}/versionen/2 (Import läuft)`).catch(async () => {
          await page.goto(base + pathOf(page));
          if (await isRunning(page)) await checkPage(who, `${throwaway}/versionen/2 (Import läuft)`);
        });
        if (await isRunning(page)) {
          // Opting in to the reload and out again (without JavaScript the only automatic update).
          await Promise.all([page.waitForURL(/aktualisieren=an/), page.getByRole('link', { name: 'die Seite alle 5 Sekunden neu laden lassen' }).click()]);
          if (await isRunning(page)) {
            check(await hasRefresh(page), `${label(who, 'Neuladen gewählt')}: kein meta refresh`);
            await Promise.all([page.waitForURL((u) => !u.search.includes('aktualisieren')), page.getByRole('link', { name: 'Automatisches Neuladen beenden' }).click()]);
          }
        }
        if (await isRunning(page)) {
          check(!await hasRefresh(page), `${label(who, 'Neuladen beendet')}: lädt sich weiter neu`);
          await visit(throwaway, who);
          check(await page.getByText('Version 2: läuft.').count() + await page.getByText('Version 2: wartet.').count() === 1,
            `${label(who, 'Datensatz während des Imports')}: kein Hinweis auf Version 2`);
          await page.goBack();
          if (await button(page, 'Import abbrechen').count() === 1) {
            await submit(page, button(page, 'Import abbrechen'));
            // Accepted: the message, and the import ends cancelled. Too late (it finished in the
            // meantime): no message, and it ends imported; both pairs are checked below.
            cancelAccepted = await page.getByText('Der Import wird abgebrochen.').count() > 0;
          }
        }
      } else {
        progress(`${v.name}: Fortschrittsseite nicht erwischt, der Import war schon fertig`);
      }
      await waitFinished(page, label(who, 'großer Import'));
      const state = await page.locator('dt:text-is("Stand") + dd').innerText();
      check(state === (cancelAccepted ? 'abgebrochen' : 'übernommen'),
        `${label(who, 'großer Import')}: Stand „${state}“ (Abbruch ${cancelAccepted ? 'angenommen' : 'nicht angenommen'})`);
      await checkPage(who, `${throwaway}/versionen/2 (beendet)`);

      await page.goto(base + throwaway);
      await submit(page, page.getByRole('link', { name: 'Datensatz löschen …' }));
      check(pathOf(page) === `${throwaway}/loeschen`, `${label(who, 'Löschen')}: falsche Seite ${page.url()}`);
      await checkPage(who, `${throwaway}/loeschen`);
      await submit(page, page.getByRole('link', { name: 'Nein, zurück zum Datensatz' }));
      check(pathOf(page) === throwaway, `${label(who, 'Nicht löschen')}: ${page.url()}`);
      await visit(`${throwaway}/loeschen`, who);
      await submit(page, button(page, 'Ja, endgültig löschen'));
      check(pathOf(page) === '/daten/datensaetze', `${label(who, 'Gelöscht')}: ${page.url()}`);
      check(await page.getByText('Der Datensatz mit allen Versionen wurde gelöscht.').count() === 1, `${label(who, 'Gelöscht')}: keine Bestätigung`);
      check(await page.getByRole('link', { name: `Wegwerf-Datensatz (${v.name})` }).count() === 0, `${label(who, 'Gelöscht')}: noch in der Liste`);
      check(await page.getByRole('link', { name: title }).count() === 1, `${label(who, 'Liste')}: „${title}“ fehlt`);
      await checkPage(who, '/daten/datensaetze (mit Datensätzen)');
      r = await page.goto(base + throwaway);
      check(r.status() === 404, `${label(who, 'gelöschter Datensatz')}: Status ${r.status()} statt 404`);
    }

    // 4. Import profiles.
    await visit('/daten/importprofile', who);
    const profileLink = page.getByRole('link', { name: 'haushalt-haushalt-2024', exact: true });
    check(await profileLink.count() === 1, `${label(who, 'Import-Profile')}: Profil haushalt-haushalt-2024 fehlt`);
    if (await profileLink.count() === 1) {
      profileUrl = await profileLink.getAttribute('href');
      await submit(page, profileLink);
      await checkPage(who, '/daten/importprofile/…');
      const first = await fetchText(page, await page.getByRole('link', { name: /^Fassung 1 herunterladen/ }).getAttribute('href'));
      let doc = null;
      try { doc = JSON.parse(first.body.toString('utf8')); } catch {}
      check(first.status === 200 && doc && doc.name === 'haushalt-haushalt-2024', `${label(who, 'Profil-Fassung')}: Status ${first.status}`);
    }

    // 5. A long table for the wide model: the rows become columns (long → wide); a pasted mapping
    // table with a broken line comes back line by line with the error; then import without it.
    await visit('/daten/datensaetze/neu', who);
    await page.getByLabel('Titel des Datensatzes').fill(`Sozialraum breit (${v.name})`);
    await page.getByLabel('Datenmodell und Tabelle').selectOption('sozialraum-indikatoren/indikatorwerte-breit');
    await page.getByLabel('Datei', { exact: true }).setInputFiles(longTable);
    r = await submit(page, button(page, 'Hochladen und weiter zur Zuordnung'));
    check(r.status() === 200 && /\/zuordnung$/.test(pathOf(page)), `${label(who, 'lange Tabelle hochladen')}: ${r.status()} ${page.url()}`);
    check(await page.getByText('Lange Tabelle umformen').count() === 1, `${label(who, 'lange Tabelle')}: kein Umformen angeboten`);
    check(await page.locator('#f-s1').inputValue() === 'S1', `${label(who, 'lange Tabelle')}: s1 nicht aus den Zeilen mit S1`);
    await checkPage(who, '/daten/datensaetze/hochgeladen/…/zuordnung (lang → breit)');
    if (!noJs) await checkFieldsets(page, label(who, 'Zuordnung lang → breit'));
    await page.getByLabel('Zusammenfassen', { exact: true }).check();
    await page.getByLabel('Aus einer Zuordnungstabelle').check();
    const pasted = '01100101;0110\n01100102;0110\nnur-eins';
    await page.getByLabel('Zuordnungstabelle: feine und grobe Gebietsnummer').fill(pasted);
    r = await submit(page, button(page, 'Vorschau aktualisieren'));
    check(r.status() === 422 && await page.getByText(/Zuordnungstabelle, Zeile 3/).count() > 0,
      `${label(who, 'Zuordnungstabelle')}: Status ${r.status()} oder kein Fehler zu Zeile 3`);
    const kept = (await page.getByLabel('Zuordnungstabelle: feine und grobe Gebietsnummer').inputValue()).replace(/\r\n/g, '\n').trim();
    check(kept === pasted, `${label(who, 'Zuordnungstabelle')}: Zeilen nicht erhalten („${kept}“)`);
    await checkPage(who, '/daten/datensaetze/hochgeladen/…/zuordnung (Zuordnungstabelle mit Fehler)');
    await page.getByLabel('Zusammenfassen', { exact: true }).uncheck();
    r = await submit(page, button(page, 'Importieren und prüfen'));
    check(r.status() === 200 && /\/versionen\/1$/.test(pathOf(page)), `${label(who, 'lange Tabelle importieren')}: ${r.status()} ${page.url()}`);
    await waitFinished(page, label(who, 'lange Tabelle'));
    check(await page.getByText('2 Zeilen fehlerfrei').count() === 1, `${label(who, 'lange Tabelle')}: nicht 2 Zeilen fehlerfrei`);

    // Without an organisation (the Redaktion): hints instead of the form and the tables.
    await ctx.clearCookies();
    await login(page, REDAKTION);
    for (const url of ['/daten/datensaetze', '/daten/datensaetze/neu', '/daten/importprofile']) {
      await visit(url, 'redaktion');
      check(await page.getByRole('link', { name: /beitreten/ }).count() === 1, `${label('redaktion', url)}: kein Hinweis auf den Beitritt`);
      check(await page.locator('form[action="/daten/datensaetze/neu"]').count() === 0, `${label('redaktion', url)}: Formular ohne Organisation`);
    }
    await ctx.close();
  }
  check(progressSeen > 0, 'Datensätze: die Fortschrittsseite eines laufenden Imports wurde in keiner Variante erreicht');
  progress(`Datensätze: Fortschrittsseite in ${progressSeen} von ${variants.length} Varianten geprüft`);

  // Someone outside the organisation (the Redaktion) sees neither the dataset nor the profile.
  {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, REDAKTION);
    await page.goto(`${base}/daten/datensaetze`);
    check(await page.getByRole('link', { name: /^Haushalt 2024/ }).count() === 0, 'Datensätze: Außenstehende sehen fremde Datensätze in der Liste');
    for (const url of [keptDataset, profileUrl].filter(Boolean)) {
      const r = await page.goto(base + url);
      check(r.status() === 403 || r.status() === 404, `Datensätze: Außenstehende öffnen ${url} (Status ${r.status()})`);
    }
    await ctx.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
