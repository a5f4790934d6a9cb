// Browser tests of the data area (imported by run.mjs, which owns server, browser and helpers):
// 0 axe violations on /daten, the model catalogue, a model's detail page with its field tables,
// the versions page with a diff and the file check with its report (a member uploads a broken
// export without JavaScript), in the light, dark, 320 px and no-JavaScript variants; the
// version comparison form works without JavaScript; the XLSX template and synthetic test data
// download through plain forms.
export async function modelsTests({ browser, base, check, progress, variants, noJsContexts, pageChecker, login, MEMBER }) {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  // A Haushalt export with two mistakes: an AGS without its leading zero and a text in a number column.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opgv-pruefen-'));
  const broken = path.join(dir, 'haushalt-export.csv');
  fs.writeFileSync(broken, 'ags,haushaltsjahr,planart,produktbereich,produktbereich_name,ertraege_euro,aufwendungen_euro,saldo_euro\n' +
    '9999001,2024,ansatz,11,Innere Verwaltung,1500.5,2500,-999.5\n09999001,2024,ansatz,12,Sicherheit und Ordnung,viel,10,-10\n');
  const models = await (await fetch(`${base}/api/v1/models`)).json();
  check(models.items.length >= 9, `Datenmodelle: nur ${models.items.length} Modelle in der API`);
  const pages = ['/daten', '/daten/modelle', '/daten/modelle/sozialraum-indikatoren', '/daten/modelle/baustellen',
    '/daten/modelle/sozialraum-indikatoren/versionen?von=1.0.0&zu=1.1.0', '/daten/modelle/hundesteuer/versionen'];

  for (const v of variants) {
    const ctx = await browser.newContext({ ...v.opts, locale: 'de-DE', reducedMotion: 'reduce' });
    if (v.opts.javaScriptEnabled === false) noJsContexts.add(ctx);
    const page = await ctx.newPage();
    const { label, checkPage, visit } = pageChecker(page, v);
    for (const url of pages) await visit(url, 'gast');
    await visit('/daten/datensaetze/pruefen', 'gast');
    // The flow as far as it exists: upload → report (the mapping and dataset pages follow).
    await login(page, MEMBER);
    await visit('/daten/datensaetze/pruefen?modell=haushalt', 'mitglied');
    await page.getByLabel('Datei', { exact: true }).setInputFiles(broken);
    const [response] = await Promise.all([page.waitForNavigation(),
      page.getByRole('button', { name: 'Datei prüfen', exact: true }).click()]);
    check(response.status() === 200, `${label('mitglied', 'Datei prüfen')}: Status ${response.status()}`);
    check(await page.getByText('Nicht gültig:').count() === 1, `${label('mitglied', 'Prüfbericht')}: kein „Nicht gültig“`);
    check(await page.getByText(/entspricht nicht dem vorgegebenen Muster/).count() > 0, `${label('mitglied', 'Prüfbericht')}: Musterfehler der AGS fehlt`);
    await checkPage('mitglied', '/daten/datensaetze/pruefen (Prüfbericht)');
    await ctx.close();
  }

  progress('Datenmodelle: Versionen vergleichen ohne JavaScript, Vorlage herunterladen');
  const ctx = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  noJsContexts.add(ctx);
  const page = await ctx.newPage();
  await page.goto(`${base}/daten/modelle/sozialraum-indikatoren/versionen`);
  await page.getByLabel('Ältere Version').selectOption('1.0.0');
  await page.getByLabel('Neuere Version').selectOption('1.1.0');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vergleichen', exact: true }).click()]);
  check(new URL(page.url()).search.includes('von=1.0.0'), 'Versionsvergleich: Formular übergibt die Versionen nicht');
  check(await page.getByText('indikatorwerte-breit').count() > 0, 'Versionsvergleich: neue Tabelle fehlt');
  await page.goto(`${base}/daten/modelle/sozialraum-indikatoren`);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: /Leere Vorlage als Excel-Datei/ }).first().click()]);
  const file = await download.path();
  const bytes = (await import('node:fs')).readFileSync(file);
  check(bytes.subarray(0, 2).toString() === 'PK', 'Vorlage: keine XLSX-Datei');
  check(download.suggestedFilename() === 'sozialraum-indikatoren-indikatorwerte-vorlage.xlsx',
    `Vorlage: Dateiname ${download.suggestedFilename()}`);
  await page.goto(`${base}/daten/modelle/haushalt`);
  await page.getByLabel('Zeilen').fill('25');
  await page.getByLabel('Startwert').fill('4');
  const [synth] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Testdaten als CSV herunterladen', exact: true }).click()]);
  const csv = (await import('node:fs')).readFileSync(await synth.path(), 'utf8');
  check(csv.trim().split('\n').length === 26, `Testdaten: ${csv.trim().split('\n').length - 1} statt 25 Zeilen`);
  check(synth.suggestedFilename() === 'haushalt-ergebnisplan-testdaten-25-4.csv', `Testdaten: Dateiname ${synth.suggestedFilename()}`);
  await ctx.close();
}
