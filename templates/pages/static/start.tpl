{{%AUTOESCAPE context="HTML"}}
{{! Startseite (BODY). Optional: LOGGED_OUT zeigt den Aufruf zur Registrierung. }}
<div class="opgv-stack">
  <section class="opgv-stack opgv-prose" aria-labelledby="start-titel">
    <h1 class="kern-heading-x-large" id="start-titel">Daten-Use-Cases für Kommunen: finden, umsetzen, teilen</h1>
    <p class="kern-body opgv-lead">Die OPGV-Plattform unterstützt Mitarbeitende in Kommunen, die mit Daten ihre Verwaltung verbessern wollen. Sie finden hier erprobte Anwendungsfälle anderer Kommunen, einsatzbereite Vorlagen, abgestimmte Datenmodelle und Schnittstellen sowie Lernangebote – und einen Arbeitsraum für Ihr eigenes Projekt.</p>
    <p class="kern-body">Die Plattform setzt auf Befähigung statt Kontrolle: Sie macht keine zentralen Vorgaben, sondern hilft Ihnen, bewährte Lösungen freiwillig wiederzuverwenden – unabhängig davon, wie weit Ihre Kommune beim Datenmanagement schon ist.</p>
  </section>

  <section class="opgv-search" aria-labelledby="kommune-titel">
    <h2 class="kern-heading-medium" id="kommune-titel">Ihre Kommune auf der Plattform</h2>
    <form method="get" action="/kommunen" role="search" aria-label="Kommune suchen">
      <div class="opgv-search__row">
        <div class="kern-form-input opgv-search__field">
          <label class="kern-label" for="kommune-suche">Meine Kommune finden (Name, PLZ oder AGS)</label>
          <p class="kern-hint" id="kommune-suche-hinweis">Zum Beispiel „Musterstadt“, „12345“ oder den 8-stelligen Amtlichen Gemeindeschlüssel.</p>
          <input class="kern-form-input__input" type="search" id="kommune-suche" name="q" autocomplete="off" spellcheck="false" aria-describedby="kommune-suche-hinweis">
        </div>
        <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-icon kern-icon--search" aria-hidden="true"></span><span class="kern-label">Suchen</span></button>
      </div>
    </form>
  </section>

  <section class="opgv-stack" aria-labelledby="angebot-titel">
    <h2 class="kern-heading-medium" id="angebot-titel">Was die Plattform bietet</h2>
    <ul class="opgv-grid">
      <li>
        <article class="opgv-tile">
          <h3 class="kern-heading-small">Use-Case-Bibliothek</h3>
          <p class="kern-body">Erfolgreich umgesetzte kommunale Projekte – etwa zur Sozialraumplanung – mit Herausforderung, Lösung und den Erfahrungen der Beteiligten. Zum Nachmachen und um intern zu überzeugen.</p>
          <p class="kern-body"><a class="kern-link" href="/use-cases">Use Cases ansehen</a></p>
        </article>
      </li>
      <li>
        <article class="opgv-tile">
          <h3 class="kern-heading-small">Bausteine, Vorlagen und Checklisten</h3>
          <p class="kern-body">Anleitungen, Governance-Playbooks, Präsentations- und Workshop-Vorlagen sowie Checklisten, zum Beispiel für die Datenschutzprüfung. Sie strukturieren Planung, Umsetzung und Erfolgssicherung.</p>
          <p class="kern-body"><a class="kern-link" href="/bausteine">Bausteine ansehen</a></p>
        </article>
      </li>
      <li>
        <article class="opgv-tile">
          <h3 class="kern-heading-small">Datenmodelle und Schnittstellen</h3>
          <p class="kern-body">Harmonisierte Datenmodelle und vordefinierte Schnittstellen erleichtern die Integration in bestehende Systeme und machen Lösungen über Kommunalgrenzen hinweg übertragbar.</p>
          <p class="kern-body"><a class="kern-link" href="/daten">Datenmodelle ansehen</a></p>
        </article>
      </li>
      <li>
        <article class="opgv-tile">
          <h3 class="kern-heading-small">Testdaten und Sandboxen</h3>
          <p class="kern-body">Realistische Testdaten ohne Personenbezug und Testumgebungen, mit denen Sie ein erstes Pilot-Dashboard bauen oder Angebote von Anbietern ausprobieren können, bevor echte Daten fließen.</p>
          <p class="kern-body"><a class="kern-link" href="/daten">Testdaten und Sandboxen ansehen</a></p>
        </article>
      </li>
      <li>
        <article class="opgv-tile">
          <h3 class="kern-heading-small">Lernpfade und Lernspiel</h3>
          <p class="kern-body">Tutorials, Lernpfade und ein Lernspiel im Browser zu den Dynamiken von Datenkollaboration. Sie stärken die Datenkompetenz über den einzelnen Use Case hinaus.</p>
          <p class="kern-body"><a class="kern-link" href="/lernen">Lernangebote ansehen</a></p>
        </article>
      </li>
      <li>
        <article class="opgv-tile">
          <h3 class="kern-heading-small">Projekt-Arbeitsraum</h3>
          <p class="kern-body">Planen Sie Ihr eigenes Vorhaben Schritt für Schritt, verteilen Sie Aufgaben im Team und dokumentieren Sie den Projektweg, damit andere Kommunen davon lernen können.</p>
          <p class="kern-body"><a class="kern-link" href="/projekte">Zum Projekt-Arbeitsraum</a></p>
        </article>
      </li>
    </ul>
    <p class="kern-body opgv-muted opgv-prose">Die Plattform befindet sich im Aufbau. Bereiche, die noch nicht fertig sind, sagen das auf ihrer Seite.</p>
  </section>

  <section class="opgv-stack" aria-labelledby="einstieg-titel">
    <h2 class="kern-heading-medium" id="einstieg-titel">Ihr Einstieg</h2>
    <ul class="opgv-grid opgv-grid--wide">
      <li>
        <div class="opgv-tile">
          <h3 class="kern-heading-small">Daten-Champions in Kommunen</h3>
          <ol class="opgv-list kern-body">
            <li>Suchen Sie oben Ihre Kommune.</li>
            <li>Stöbern Sie in den <a class="kern-link" href="/use-cases">Use Cases</a> nach einem Thema, das bei Ihnen drängt.</li>
            <li>Überzeugen Sie Ihre Verwaltung mit Vorlagen aus den <a class="kern-link" href="/bausteine">Bausteinen</a>.</li>
            <li>Legen Sie ein <a class="kern-link" href="/projekte">Projekt</a> an und holen Sie Ihr Team dazu.</li>
          </ol>
        </div>
      </li>
      <li>
        <div class="opgv-tile">
          <h3 class="kern-heading-small">GovTechs</h3>
          <ol class="opgv-list kern-body">
            <li>Lernen Sie die <a class="kern-link" href="/daten">Datenmodelle und Schnittstellen</a> kennen, die Kommunen hier verwenden.</li>
            <li>Testen Sie Ihre Lösung mit Testdaten gegen die <a class="kern-link" href="/api/docs">Programmierschnittstelle (API)</a>.</li>
            <li>Stellen Sie Ihr Unternehmen und passende Produkte im Bereich <a class="kern-link" href="/govtechs">GovTechs</a> vor.</li>
          </ol>
        </div>
      </li>
      <li>
        <div class="opgv-tile">
          <h3 class="kern-heading-small">Redaktion</h3>
          <ol class="opgv-list kern-body">
            <li>Melden Sie sich mit Ihrem Redaktionskonto an.</li>
            <li>Prüfen Sie neue Organisationen und eingereichte Inhalte im Bereich „Redaktion“.</li>
            <li>Pflegen Sie Use Cases und Bausteine so, dass sie verständlich und barrierefrei bleiben.</li>
          </ol>
        </div>
      </li>
      <li>
        <div class="opgv-tile">
          <h3 class="kern-heading-small">Betreiber</h3>
          <ol class="opgv-list kern-body">
            <li>Betreiben Sie die Plattform auf eigenen Servern, zum Beispiel im kommunalen Rechenzentrum.</li>
            <li>Alle Schriften, Stylesheets und Skripte werden selbst ausgeliefert: keine Inhalte von Drittanbietern, kein Tracking.</li>
            <li>Die Betriebsanleitung liegt dem Quellcode bei. Angaben im <a class="kern-link" href="/impressum">Impressum</a> und in der <a class="kern-link" href="/datenschutz">Datenschutzerklärung</a> ergänzen Sie für Ihren Betrieb.</li>
          </ol>
        </div>
      </li>
    </ul>
  </section>

  <section class="opgv-panel" aria-labelledby="ls-titel">
    <h2 class="kern-heading-small" id="ls-titel"><span class="kern-icon kern-icon--easy-language" aria-hidden="true"></span> Leichte Sprache</h2>
    <p class="kern-body">Hier erklären wir die Plattform in Leichter Sprache: Was gibt es hier? Wie finden Sie sich zurecht? Wie barriere-frei ist die Seite?</p>
    <p class="kern-body"><a class="kern-link" href="/leichte-sprache">Informationen in Leichter Sprache lesen</a></p>
  </section>

  {{#LOGGED_OUT}}
  <section class="opgv-stack opgv-prose" aria-labelledby="mitmachen-titel">
    <h2 class="kern-heading-medium" id="mitmachen-titel">Mitmachen</h2>
    <p class="kern-body">Lesen können Sie alles ohne Konto. Mit einem kostenlosen Konto können Sie Ihrer Kommune oder Ihrem Unternehmen beitreten, Projekte anlegen und Erfahrungen teilen.</p>
    <div class="opgv-actions">
      <a class="kern-btn kern-btn--primary" href="/registrieren"><span class="kern-label">Konto registrieren</span></a>
      <a class="kern-link" href="/anmelden">Ich habe schon ein Konto: Anmelden</a>
    </div>
  </section>
  {{/LOGGED_OUT}}
</div>
