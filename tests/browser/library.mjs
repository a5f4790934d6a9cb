// Browser tests of the use-case library (imported by run.mjs, which owns server, browser and helpers):
//  - 0 axe violations on list, search (also a hostile query), detail (guest and logged in), the
//    submission form (empty, with errors, with preview), review, review queue, versions, diff and
//    the archive confirmation, in the same light, dark, 320 px and no-JavaScript variants;
//  - journeys: a guest searches and filters; a member submits with preview; the Redaktion asks for
//    changes, the member revises, the Redaktion publishes and a guest finds the case; the form with
//    preview without JavaScript; the print version of a use case.
const SEED = 'sozialraeume-berlin-mss';
const SEED_TITLE = 'Sozialraummonitoring nach der Methode des Berliner MSS 2021';
const VERSIONED = 'kita-platzplanung';  // gets a second version and a pending draft in review below
const NEW_CASE = {
  title: 'Streuobstwiesenkataster mit Ehrenamtlichen',
  word: 'Streuobstwiesenkataster',
  summary: 'Ehrenamtliche erfassen Streuobstbäume per App; der Landschaftspflegeverband plant Schnitt und Nachpflanzung mit offenen Daten.',
};

export async function libraryTests({ browser, base, check, scan, login, progress, variants, noJsContexts, pageChecker, MEMBER, REDAKTION }) {
  const path = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };
  const submit = async (page, locator) => (await Promise.all([page.waitForNavigation(), locator.click()]))[0];
  const button = (page, name) => page.getByRole('button', { name, exact: true });
  const flashText = async (page) => (await page.locator('.opgv-flash').allInnerTexts()).join(' ');

  // State for the pages under test: the Redaktion revises a seeded case (→ version 2), then edits it
  // again and submits, so it sits in the review queue with changes against the published version.
  const prepareVersions = async () => {
    progress('Bibliothek: Vorbereitung (zweite Version, Entwurf in Prüfung)');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, REDAKTION);
    const revise = async (field, change, action) => {
      await page.goto(`${base}/use-cases/${VERSIONED}/bearbeiten`);
      const text = await page.inputValue(field);
      await page.fill(field, change(text));
      return submit(page, button(page, action));
    };
    await revise('#section_loesung', (t) => t.replace(/\S+/, 'Überarbeitet:'), 'Speichern und zur Prüfung einreichen');
    check((await flashText(page)).includes('eingereicht'), `Vorbereitung: Einreichen von ${VERSIONED} endete auf ${path(page)}`);
    await page.goto(`${base}/use-cases/${VERSIONED}/pruefen`);
    await page.fill('#note', 'Lösung überarbeitet');
    await submit(page, button(page, 'Veröffentlichen'));
    check((await flashText(page)).includes('veröffentlicht'), `Vorbereitung: Veröffentlichen von ${VERSIONED} endete auf ${path(page)}`);
    await revise('#section_nutzen', (t) => `${t}\n\nZusätzlich: Elternbeirat eingebunden.`, 'Speichern und zur Prüfung einreichen');
    check((await flashText(page)).includes('eingereicht'), `Vorbereitung: ${VERSIONED} ist nicht wieder in Prüfung`);
    await ctx.close();
  };

  // Axe and status on every page of the library in every variant.
  const formWithErrors = async (page, v) => {
    await page.getByLabel('Titel', { exact: true }).fill('Kurz');
    await page.getByRole('group', { name: 'Kennzahl 1' }).getByLabel('Bezeichnung').fill('Bearbeitungszeit');
    const r = await submit(page, button(page, 'Als Entwurf speichern'));
    check(r.status() === 422, `${v.name}: Use-Case-Formular mit Fehlern: Status ${r.status()} statt 422`);
    check(await page.locator('.opgv-error-summary').count() === 1, `${v.name}: Use-Case-Formular ohne Fehlerzusammenfassung`);
    check(await page.inputValue('#title') === 'Kurz' && await page.inputValue('#kpi_1_kennzahl') === 'Bearbeitungszeit',
      `${v.name}: Eingaben gingen nach dem Absenden verloren`);
    for (const href of await page.locator('.opgv-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      check(await page.locator(href).count() === 1, `${v.name}: Fehlerzusammenfassung verweist auf ${href}, das es nicht gibt`);
    }
    if (v.opts.javaScriptEnabled !== false) {
      check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'fehler',
        `${v.name}: Fokus nicht auf der Fehlerzusammenfassung des Use-Case-Formulars`);
    }
  };
  const formPreview = async (page, v) => {
    await page.getByLabel('Titel', { exact: true }).fill('Vorschau eines Entwurfs');
    await page.getByRole('group', { name: 'Kennzahl 1' }).getByLabel('Bezeichnung').fill('');
    await page.getByLabel('Lösung', { exact: true }).fill('Ein **fetter** Satz.');
    const r = await submit(page, button(page, 'Vorschau'));
    check(r.status() === 200, `${v.name}: Vorschau: Status ${r.status()}`);
    check(await page.locator('.opgv-error-summary').count() === 0, `${v.name}: Vorschau eines gültigen Entwurfs zeigt Fehler`);
    check(await page.locator('section:has(#vorschau) strong', { hasText: 'fetter' }).count() === 1, `${v.name}: Vorschau zeigt kein <strong>`);
  };
  const variantPages = async (v) => {
    const ctx = await browser.newContext({ ...v.opts, locale: 'de-DE', reducedMotion: 'reduce' });
    if (v.opts.javaScriptEnabled === false) noJsContexts.add(ctx);
    const page = await ctx.newPage();
    const { label, checkPage, visit } = pageChecker(page, v);
    for (const url of ['/use-cases', '/use-cases?q=Sozialraum&themenfeld=Soziales', '/use-cases?q=%22(%2A', `/use-cases/${SEED}`]) {
      await visit(url, 'gast');
    }
    await login(page, MEMBER);
    await visit(`/use-cases/${SEED}`, 'mitglied');
    check(await page.locator('section[aria-labelledby="kontakte"] a[href^="mailto:"]').count() > 0, `${label('mitglied', SEED)}: Ansprechpersonen fehlen`);
    await visit('/use-cases/neu', 'mitglied');
    await formWithErrors(page, v);
    await checkPage('mitglied', '/use-cases/neu (mit Fehlern)');
    await formPreview(page, v);
    await checkPage('mitglied', '/use-cases/neu (Vorschau)');
    await ctx.clearCookies();
    await login(page, REDAKTION);
    for (const url of ['/redaktion/use-cases', `/use-cases/${VERSIONED}/pruefen`, `/use-cases/${VERSIONED}/versionen`,
      `/use-cases/${VERSIONED}/vergleich?von=1&bis=2`, `/use-cases/${VERSIONED}/archivieren`]) {
      await visit(url, 'redaktion');
    }
    await ctx.close();
  };

  // a. Guest: search by keyboard, tick a facet, open the detail page.
  const guestSearch = async () => {
    progress('Bibliothek: Suche als Gast');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await submit(page, page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Use Cases' }));
    const search = async (q) => {
      await page.getByLabel('Suchbegriffe').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(q);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      check(new URL(page.url()).searchParams.get('q') === q, `Suche „${q}“: Suchbegriff fehlt in der Adresse (${page.url()})`);
      const hit = page.locator('.opgv-uc-item', { has: page.locator(`a[href="/use-cases/${SEED}"]`) });
      check(await hit.count() === 1, `Suche „${q}“ findet den Sozialräume-Use-Case nicht`);
      return hit;
    };
    const marks = await (await search('Sozialraum')).locator('mark').allInnerTexts();
    check(marks.some((m) => /sozialr/i.test(m)), `Suche „Sozialraum“: kein hervorgehobener Treffer (<mark>) im Ausschnitt (${JSON.stringify(marks)})`);
    await search('soziale Daten Stadtteile');
    await search('Sozialplanung');
    const facet = page.getByRole('group', { name: 'Themenfeld' }).getByRole('checkbox', { name: /^Soziales \(\d+\)$/ });
    const expected = Number((await facet.evaluate((el) => el.labels[0].innerText)).match(/\((\d+)\)/)[1]);
    await facet.check();
    await submit(page, button(page, 'Filter anwenden'));
    const params = new URL(page.url()).searchParams;
    check(params.getAll('themenfeld').includes('Soziales') && params.get('q') === 'Sozialplanung', `Filter nicht in der Adresse (${page.url()})`);
    const shown = Number(((await page.locator('#ergebnisse').innerText()).match(/^(\d+) Use Case/) || [])[1]);
    const items = await page.locator('.opgv-uc-item').count();
    check(shown === expected && items === expected, `Filter „Soziales“: Überschrift ${shown}, Liste ${items}, am Filter stand ${expected}`);
    check(await page.getByRole('checkbox', { name: /^Soziales/ }).isChecked(), 'Filter „Soziales“ ist nach dem Anwenden nicht mehr angekreuzt');
    await submit(page, page.getByRole('link', { name: SEED_TITLE }));
    check(path(page) === `/use-cases/${SEED}`, `Detailseite nicht geöffnet (${page.url()})`);
    const contacts = page.locator('section[aria-labelledby="kontakte"]');
    check(await contacts.getByRole('link', { name: 'Anmelden' }).count() === 1, 'Ansprechpersonen: Gäste werden nicht zur Anmeldung aufgefordert');
    check(await contacts.locator('a[href^="mailto:"]').count() === 0 && !(await page.content()).includes('alex.beispiel@example.org'),
      'Ansprechpersonen sind für Gäste sichtbar');
    await ctx.close();
  };

  // b. A member fills the form, looks at the preview and submits; c. the Redaktion asks for changes,
  // the member revises and resubmits, the Redaktion publishes, a guest finds the case.
  const submissionAndReview = async () => {
    progress('Bibliothek: Einreichen als Mitglied');
    const memberCtx = await browser.newContext();
    const member = await memberCtx.newPage();
    await login(member, MEMBER);
    await member.goto(`${base}/use-cases`);
    await submit(member, member.getByRole('link', { name: 'Eigenen Use Case einreichen' }));
    check(path(member) === '/use-cases/neu', `„Eigenen Use Case einreichen“ führt nach ${member.url()}`);
    await member.getByLabel('Titel', { exact: true }).fill(NEW_CASE.title);
    await member.getByLabel('Kurzbeschreibung').fill(NEW_CASE.summary);
    await member.getByRole('group', { name: 'Themenfeld' }).getByLabel('Klimaschutz', { exact: true }).check();
    await member.getByLabel('Status des Projekts').selectOption({ label: 'Pilot' });
    await member.getByLabel('Zusammenarbeitsform').selectOption({ label: 'Datenpool' });
    await member.getByLabel('Ausgangslage', { exact: true }).fill('Niemand wusste, wo die **alten Obstbäume** stehen und welche gepflegt werden müssen.');
    await member.getByLabel('Lösung', { exact: true }).fill('Ehrenamtliche kartieren die Bäume mit einer freien App; die Daten liegen offen im Geoportal.');
    await member.getByLabel('Nutzen', { exact: true }).fill('### Für Mitarbeitende\n\nSchnittpläne entstehen **in einer Stunde** statt in einer Woche.');
    const kpi = member.getByRole('group', { name: 'Kennzahl 1' });
    await kpi.getByLabel('Bezeichnung').fill('Erfasste Bäume');
    await kpi.getByLabel('Vorher').fill('120');
    await kpi.getByLabel('Nachher').fill('1.450');
    await kpi.getByLabel('Einheit').fill('Bäume');
    await kpi.getByLabel('Quelle').fill('Eigene Auswertung 2025');
    const hurdle = member.getByRole('group', { name: 'Hürde 1' });
    await hurdle.getByLabel('Beschreibung').fill('Die Fachabteilung wollte keine Daten von Ehrenamtlichen übernehmen.');
    const barrier = hurdle.getByRole('group', { name: 'Barrierenkreislauf' }).getByLabel('Fehlende operative Mehrwerte');
    await barrier.check();
    const step = member.getByRole('group', { name: 'Schritt 1' });
    await step.getByLabel('Datum').fill('2025-03');
    await step.getByLabel('Phase').selectOption({ label: 'Überzeugen' });
    await step.getByLabel('Was geschah?').fill('Vorstellung im Umweltausschuss.');
    let r = await submit(member, button(member, 'Vorschau'));
    check(r.status() === 200, `Vorschau: Status ${r.status()}`);
    const preview = member.locator('section:has(#vorschau)');
    check(await preview.locator('strong', { hasText: 'alten Obstbäume' }).count() === 1, 'Vorschau zeigt **fett** nicht als <strong>');
    check(await preview.getByText('Vorstellung im Umweltausschuss').count() === 1, 'Vorschau zeigt den Projektweg nicht');
    check(await member.inputValue('#title') === NEW_CASE.title && await barrier.isChecked(), 'Eingaben nach der Vorschau verloren');
    r = await submit(member, button(member, 'Speichern und zur Prüfung einreichen'));
    const caseUrl = path(member);
    check(r.status() === 200 && /^\/use-cases\/streuobstwiesenkataster/.test(caseUrl), `Einreichen endete auf ${caseUrl} (${r.status()})`);
    check((await flashText(member)).includes('Ihr Use Case ist eingereicht'), 'keine Erfolgsmeldung nach dem Einreichen');
    await scan(member, `hell mitglied ${caseUrl} (eigener Use Case in Prüfung)`);

    progress('Bibliothek: Prüfung durch die Redaktion');
    const redCtx = await browser.newContext();
    const red = await redCtx.newPage();
    await login(red, REDAKTION);
    const guestCtx = await browser.newContext();
    const guest = await guestCtx.newPage();
    await guest.goto(`${base}/use-cases?q=${NEW_CASE.word}`);
    check(await guest.getByRole('link', { name: NEW_CASE.title }).count() === 0, 'unveröffentlichter Use Case ist für Gäste auffindbar');
    const openReview = async () => {
      await red.goto(`${base}/use-cases`);
      await submit(red, red.getByRole('link', { name: 'Use Cases prüfen' }));
      check(path(red) === '/redaktion/use-cases', `„Use Cases prüfen“ führt nach ${red.url()}`);
      await submit(red, red.getByRole('link', { name: NEW_CASE.title }));
      check(path(red) === `${caseUrl}/pruefen`, `Prüfseite nicht geöffnet (${red.url()})`);
    };
    await openReview();
    const comment = 'Bitte nennen Sie die App und die Lizenz der Daten.';
    await red.getByLabel('Kommentar zu: Lösung').fill(comment);
    await submit(red, button(red, 'Änderungen erbitten'));
    check(path(red) === '/redaktion/use-cases' && (await flashText(red)).includes('Kommentare sind gespeichert'),
      `„Änderungen erbitten“ endete auf ${red.url()}`);
    check(await red.getByRole('link', { name: NEW_CASE.title }).count() === 0, 'Use Case steht nach „Änderungen erbitten“ noch in der Warteschlange');

    await member.goto(base + caseUrl);
    await submit(member, member.getByRole('link', { name: 'Bearbeiten', exact: true }));
    check(path(member) === `${caseUrl}/bearbeiten`, `Bearbeiten nicht geöffnet (${member.url()})`);
    const comments = member.locator('section:has(#kommentare)');
    check((await comments.innerText().catch(() => '')).includes(comment), 'Kommentar der Redaktion fehlt im Bearbeitungsformular');
    check(await comments.locator('strong', { hasText: 'Lösung' }).count() === 1, 'Kommentar ist nicht dem Abschnitt „Lösung“ zugeordnet');
    await scan(member, `hell mitglied ${caseUrl}/bearbeiten (mit Kommentaren)`);
    const solution = member.getByLabel('Lösung', { exact: true });
    await solution.fill(`${await solution.inputValue()} Wir nutzen die freie App „Baumkartierer“; die Daten stehen unter CC BY 4.0.`);
    await submit(member, button(member, 'Speichern und zur Prüfung einreichen'));
    check(path(member) === caseUrl && (await flashText(member)).includes('eingereicht'), `erneutes Einreichen endete auf ${member.url()}`);

    await openReview();
    check((await red.locator('section:has(#fassung)').innerText()).includes('Baumkartierer'), 'Prüfseite zeigt die überarbeitete Fassung nicht');
    await red.getByLabel(/Notiz zur Version/).fill('Erstveröffentlichung nach Überarbeitung');
    await submit(red, button(red, 'Veröffentlichen'));
    check(path(red) === caseUrl && (await flashText(red)).includes('veröffentlicht'), `Veröffentlichen endete auf ${red.url()}`);
    await submit(red, red.getByRole('link', { name: /^Versionen und Änderungen/ }));
    check((await red.locator('table').innerText()).includes('Erstveröffentlichung nach Überarbeitung'),
      'Notiz der Redaktion fehlt in der Versionsgeschichte');

    await guest.goto(`${base}/use-cases`);
    await guest.getByLabel('Suchbegriffe').fill(NEW_CASE.word);
    await Promise.all([guest.waitForNavigation(), guest.getByLabel('Suchbegriffe').press('Enter')]);
    const found = guest.getByRole('link', { name: NEW_CASE.title });
    check(await found.count() === 1, `Gast findet den veröffentlichten Use Case mit „${NEW_CASE.word}“ nicht`);
    if (await found.count() === 1) {
      await submit(guest, found);
      check((await guest.locator('#loesung').innerText()).includes('Baumkartierer'), 'veröffentlichte Fassung enthält die Überarbeitung nicht');
    }
    await Promise.all([memberCtx.close(), redCtx.close(), guestCtx.close()]);
  };

  // d. The form and its preview without JavaScript.
  const formWithoutJs = async () => {
    progress('Bibliothek: Formular ohne JavaScript');
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    noJsContexts.add(ctx);
    const page = await ctx.newPage();
    await login(page, MEMBER);
    await page.goto(`${base}/use-cases/neu`);
    await page.getByLabel('Titel', { exact: true }).fill('Entwurf ohne JavaScript');
    await page.getByLabel('Ausgangslage', { exact: true }).fill('Text mit **Betonung** und einer Liste:\n\n- eins\n- zwei');
    await page.getByRole('group', { name: 'Themenfeld' }).getByLabel('Verkehr', { exact: true }).check();
    const r = await submit(page, button(page, 'Vorschau'));
    check(r.status() === 200, `ohne JS: Vorschau: Status ${r.status()}`);
    const box = page.locator('section:has(#vorschau)');
    check(await box.locator('strong', { hasText: 'Betonung' }).count() === 1 && await box.locator('li').count() >= 2,
      'ohne JS: Vorschau rendert kein Markdown');
    check(await page.inputValue('#title') === 'Entwurf ohne JavaScript' && await page.getByLabel('Verkehr', { exact: true }).isChecked(),
      'ohne JS: Eingaben nach der Vorschau verloren');
    await submit(page, button(page, 'Als Entwurf speichern'));
    check(/^\/use-cases\/entwurf-ohne-javascript/.test(path(page)) && (await flashText(page)).includes('Entwurf ist gespeichert'),
      `ohne JS: Speichern endete auf ${page.url()}`);
    await ctx.close();
  };

  // e. Print: only the use case, without navigation, interest form and footer.
  const printVersion = async () => {
    progress('Bibliothek: Druckfassung');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/use-cases/${SEED}`);
    await page.emulateMedia({ media: 'print' });
    for (const [selector, what] of [['.opgv-nav', 'Hauptnavigation'], ['.opgv-service-nav', 'Kontonavigation'], ['.opgv-breadcrumbs', 'Brotkrumenpfad'],
      ['#nachnutzen', 'Nachnutzen / Interesse bekunden'], ['footer', 'Fußzeile']]) {
      check(!(await page.locator(selector).first().isVisible()), `Druck: ${what} (${selector}) ist sichtbar`);
    }
    for (const id of ['ausgangslage', 'loesung', 'nutzen', 'kennzahlen', 'projektweg', 'kontakte']) {
      check(await page.locator(`#${id}`).first().isVisible(), `Druck: Abschnitt #${id} ist nicht sichtbar`);
    }
    check(await page.locator('h1').isVisible(), 'Druck: Titel ist nicht sichtbar');
    await page.emulateMedia({ media: 'screen' });
    check(await page.locator('#nachnutzen').isVisible() && await page.locator('footer').isVisible(),
      'Bildschirm: Nachnutzen-Bereich oder Fußzeile nicht sichtbar');
    await ctx.close();
  };

  // Two lanes in parallel (axe is CPU-bound; two cores halve the time). The review journey touches no
  // seeded case, so it runs while the Redaktion prepares one; everything else waits for that, so the
  // guest's result counts cannot change under it.
  const prepared = prepareVersions();
  await Promise.all([
    (async () => {
      await prepared;
      for (const v of variants.filter((_, i) => i % 2 === 0)) await variantPages(v);
    })(),
    (async () => {
      await submissionAndReview();
      await formWithoutJs();
      await prepared;
      await guestSearch();
      for (const v of variants.filter((_, i) => i % 2 === 1)) await variantPages(v);
      await printVersion();
    })(),
  ]);
}
