{{%AUTOESCAPE context="HTML"}}
{{! Datenschutzerklärung (BODY). Beschreibt genau, was die Software speichert. Platzhalter: [vom Betreiber auszufüllen]. }}
<div class="opgv-stack opgv-prose">
  <h1 class="kern-heading-large">Datenschutzerklärung</h1>
  <p class="kern-body opgv-lead">Wir speichern nur, was für den Betrieb der Plattform nötig ist. Es gibt kein Tracking, keine Werbung und keine Inhalte von Drittanbietern.</p>

  <div class="opgv-panel">
    <p class="kern-body">Die Plattform kann von verschiedenen Stellen betrieben werden. Angaben, die vom jeweiligen Betrieb abhängen, sind so gekennzeichnet: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em>.</p>
  </div>

  <nav aria-labelledby="ds-inhalt">
    <h2 class="kern-heading-small" id="ds-inhalt">Inhalt</h2>
    <ol class="opgv-list kern-body">
      <li><a class="kern-link" href="#verantwortlich">Verantwortliche Stelle</a></li>
      <li><a class="kern-link" href="#grundsaetze">Grundsätze</a></li>
      <li><a class="kern-link" href="#daten">Welche Daten wir speichern</a></li>
      <li><a class="kern-link" href="#cookies">Cookies</a></li>
      <li><a class="kern-link" href="#empfaenger">Empfänger und Auftragsverarbeitung</a></li>
      <li><a class="kern-link" href="#rechte">Ihre Rechte und wie Sie sie nutzen</a></li>
      <li><a class="kern-link" href="#beschwerde">Beschwerde bei der Aufsichtsbehörde</a></li>
    </ol>
  </nav>

  <h2 class="kern-heading-medium" id="verantwortlich">1. Verantwortliche Stelle</h2>
  <p class="kern-body">Verantwortlich im Sinne der Datenschutz-Grundverordnung (DSGVO) ist:<br>
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Name, Anschrift, E-Mail-Adresse]</em></p>
  <p class="kern-body">Datenschutzbeauftragte oder Datenschutzbeauftragter:<br>
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Name oder Funktion, Anschrift, E-Mail-Adresse]</em></p>

  <h2 class="kern-heading-medium" id="grundsaetze">2. Grundsätze</h2>
  <ul class="kern-list kern-list--bullet">
    <li>Sie können alle öffentlichen Inhalte ohne Konto lesen. Dabei entsteht nur das Zugriffsprotokoll des Servers.</li>
    <li>Wir verwenden keine Analyse- oder Tracking-Werkzeuge, keine Werbung und keine Social-Media-Plugins.</li>
    <li>Schriften, Stylesheets und Skripte liefert dieser Server selbst aus. Ihr Browser stellt beim Besuch der Plattform keine Anfragen an Dritte.</li>
    <li>Passwörter und Zugangsschlüssel speichern wir nie im Klartext, sondern nur als Hashwert, aus dem sie sich nicht zurückrechnen lassen.</li>
  </ul>

  <h2 class="kern-heading-medium" id="daten">3. Welche Daten wir speichern</h2>
  <p class="kern-body">Die folgende Tabelle nennt alle personenbezogenen Daten, die die Plattform-Software verarbeitet, den Zweck und die Speicherdauer.</p>
  <p class="kern-body">Rechtsgrundlage ist, soweit nicht anders angegeben, Art. 6 Absatz 1 Buchstabe b DSGVO (Nutzung der Plattform, die Sie mit Ihrer Registrierung anfordern) und für den sicheren Betrieb Art. 6 Absatz 1 Buchstabe e DSGVO in Verbindung mit <em class="opgv-placeholder">[vom Betreiber auszufüllen: Landes- oder Bundesrecht; bei nicht-öffentlichen Betreibern stattdessen Art. 6 Absatz 1 Buchstabe f DSGVO]</em>.</p>
  <div class="opgv-table-wrap">
    <table class="opgv-table opgv-table--stack">
      <caption>Gespeicherte Daten, Zweck und Speicherdauer</caption>
      <thead>
        <tr>
          <th scope="col">Daten</th>
          <th scope="col">Zweck</th>
          <th scope="col">Speicherdauer</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Zugriffsprotokoll: IP-Adresse, Zeitpunkt, aufgerufener Pfad, Statuscode der Antwort</th>
          <td data-label="Zweck">Betrieb, Sicherheit und Fehlersuche, zum Beispiel um Angriffe zu erkennen</td>
          <td data-label="Speicherdauer">Nach den Vorgaben des Betreibers: <em class="opgv-placeholder">[vom Betreiber auszufüllen, zum Beispiel „7 Tage, danach gelöscht“]</em></td>
        </tr>
        <tr>
          <th scope="row">Zähler fehlgeschlagener Anmeldungen je IP-Adresse und je Konto</th>
          <td data-label="Zweck">Schutz vor dem Erraten von Passwörtern</td>
          <td data-label="Speicherdauer">Nur im Arbeitsspeicher, nicht auf der Festplatte. Die Zähler verfallen nach 15 Minuten und spätestens beim Neustart des Servers.</td>
        </tr>
        <tr>
          <th scope="row">Benutzerkonto: E-Mail-Adresse, Anzeigename, Rolle auf der Plattform, Zeitpunkt von Registrierung und Bestätigung</th>
          <td data-label="Zweck">Anmeldung, Zusammenarbeit, Benachrichtigungen</td>
          <td data-label="Speicherdauer">Bis Sie Ihr Konto löschen</td>
        </tr>
        <tr>
          <th scope="row">Passwort – nur als Argon2id-Hash</th>
          <td data-label="Zweck">Anmeldung. Das Passwort selbst kennen wir nicht.</td>
          <td data-label="Speicherdauer">Bis Sie Ihr Passwort ändern oder Ihr Konto löschen</td>
        </tr>
        <tr>
          <th scope="row">Sitzungen: Hashwert des Sitzungsschlüssels, Beginn, Ablauf, letzte Aktivität</th>
          <td data-label="Zweck">Sie angemeldet halten. Der Schlüssel selbst steht nur im Cookie in Ihrem Browser.</td>
          <td data-label="Speicherdauer">Bis Sie sich abmelden oder die Sitzung nach einigen Stunden ohne Aktivität abläuft</td>
        </tr>
        <tr>
          <th scope="row">Links zur Bestätigung der E-Mail-Adresse und zum Zurücksetzen des Passworts – nur als Hashwert</th>
          <td data-label="Zweck">Prüfen, dass die E-Mail-Adresse Ihnen gehört</td>
          <td data-label="Speicherdauer">Bis zur Verwendung oder zum Ablauf des Links, längstens bis zur Löschung des Kontos</td>
        </tr>
        <tr>
          <th scope="row">Mitgliedschaften in Organisationen: Organisation, Rolle, Status, Zeitpunkt von Antrag und Entscheidung und wer entschieden hat</th>
          <td data-label="Zweck">Zusammenarbeit in Kommunen, Unternehmen und anderen Organisationen; Nachvollziehbarkeit der Freigaben</td>
          <td data-label="Speicherdauer">Bis Sie die Organisation verlassen oder Ihr Konto löschen</td>
        </tr>
        <tr>
          <th scope="row">API-Tokens: Bezeichnung, Hashwert, die ersten Zeichen zum Wiedererkennen, Erstellung und letzte Nutzung</th>
          <td data-label="Zweck">Zugriff auf die Programmierschnittstelle. Der vollständige Token wird nur einmal bei der Erstellung angezeigt.</td>
          <td data-label="Speicherdauer">Bis Sie den Token widerrufen oder Ihr Konto löschen</td>
        </tr>
        <tr>
          <th scope="row">E-Mails, die die Plattform Ihnen sendet: Empfänger, Betreff, Text, Zeitpunkt</th>
          <td data-label="Zweck">Versand und Nachweis von Bestätigungs- und Benachrichtigungs-E-Mails</td>
          <td data-label="Speicherdauer"><em class="opgv-placeholder">[vom Betreiber auszufüllen]</em></td>
        </tr>
        <tr>
          <th scope="row">Formulareingaben nach einem Eingabefehler (niemals Passwörter)</th>
          <td data-label="Zweck">Das Formular mit Ihren Eingaben erneut anzeigen, damit Sie nichts doppelt eingeben müssen</td>
          <td data-label="Speicherdauer">Höchstens 10 Minuten</td>
        </tr>
        <tr>
          <th scope="row">Rückmeldungen zur Barrierefreiheit: Nachricht, betroffene Seite, freiwillig Name und E-Mail-Adresse, Eingang, Antwortfrist, Bearbeitungsstand</th>
          <td data-label="Zweck">Barrieren beheben und Ihnen antworten (gesetzliche Pflicht, Art. 6 Absatz 1 Buchstabe c DSGVO)</td>
          <td data-label="Speicherdauer"><em class="opgv-placeholder">[vom Betreiber auszufüllen, zum Beispiel „3 Jahre nach Abschluss der Bearbeitung“]</em></td>
        </tr>
      </tbody>
    </table>
  </div>
  <p class="kern-body">Inhalte, die Sie selbst veröffentlichen – zum Beispiel Beiträge zu Use Cases oder Projekten –, sind für andere sichtbar, zusammen mit dem Anzeigenamen, den Sie gewählt haben.</p>

  <h2 class="kern-heading-medium" id="cookies">4. Cookies</h2>
  <p class="kern-body">Wir setzen nur Cookies, die für die von Ihnen genutzten Funktionen unbedingt erforderlich sind (§ 25 Absatz 2 Nummer 2 Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz). Dafür ist keine Einwilligung nötig. Es gibt keine Cookies zur Analyse oder Werbung.</p>
  <div class="opgv-table-wrap">
    <table class="opgv-table opgv-table--stack">
      <caption>Cookies der Plattform</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Zweck</th>
          <th scope="col">Gültigkeit</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row"><code>opgv_session</code></th>
          <td data-label="Zweck">Hält Sie nach der Anmeldung angemeldet</td>
          <td data-label="Gültigkeit">Bis zur Abmeldung oder zum Ablauf der Sitzung</td>
        </tr>
        <tr>
          <th scope="row"><code>opgv_csrf</code></th>
          <td data-label="Zweck">Schützt Formulare davor, dass fremde Websites sie in Ihrem Namen absenden</td>
          <td data-label="Gültigkeit">Bis Sie den Browser schließen</td>
        </tr>
        <tr>
          <th scope="row"><code>opgv_theme</code></th>
          <td data-label="Zweck">Merkt sich die von Ihnen gewählte Darstellung (hell, dunkel oder wie im System)</td>
          <td data-label="Gültigkeit">Nur wenn Sie eine Darstellung wählen</td>
        </tr>
        <tr>
          <th scope="row"><code>opgv_flash</code></th>
          <td data-label="Zweck">Zeigt nach einer Aktion einmalig eine Bestätigung an, zum Beispiel „Ihre Angaben wurden gespeichert“</td>
          <td data-label="Gültigkeit">Höchstens 2 Minuten</td>
        </tr>
        <tr>
          <th scope="row"><code>opgv_form</code></th>
          <td data-label="Zweck">Verweist auf Ihre Formulareingaben nach einem Eingabefehler (siehe oben)</td>
          <td data-label="Gültigkeit">Höchstens 10 Minuten</td>
        </tr>
      </tbody>
    </table>
  </div>

  <h2 class="kern-heading-medium" id="empfaenger">5. Empfänger und Auftragsverarbeitung</h2>
  <p class="kern-body">Wir geben Ihre Daten nicht an Dritte weiter und verkaufen sie nicht. Eine Übermittlung in Länder außerhalb der Europäischen Union findet nicht statt.</p>
  <p class="kern-body">Technische Dienstleister, die im Auftrag des Betreibers handeln (Auftragsverarbeitung nach Art. 28 DSGVO):<br>
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Rechenzentrum oder Hosting-Anbieter, E-Mail-Versand – oder „keine“]</em></p>

  <h2 class="kern-heading-medium" id="rechte">6. Ihre Rechte und wie Sie sie nutzen</h2>
  <p class="kern-body">Sie haben nach der DSGVO folgende Rechte:</p>
  <ul class="kern-list kern-list--bullet">
    <li><strong>Auskunft</strong> über Ihre gespeicherten Daten (Art. 15 DSGVO)</li>
    <li><strong>Berichtigung</strong> falscher Daten (Art. 16 DSGVO)</li>
    <li><strong>Löschung</strong> Ihrer Daten (Art. 17 DSGVO)</li>
    <li><strong>Einschränkung</strong> der Verarbeitung (Art. 18 DSGVO); über Berichtigung, Löschung oder Einschränkung informieren wir auch Empfänger Ihrer Daten (Art. 19 DSGVO)</li>
    <li><strong>Datenübertragbarkeit</strong>: Ihre Daten in einem gängigen, maschinenlesbaren Format erhalten (Art. 20 DSGVO)</li>
    <li><strong>Widerspruch</strong> gegen eine Verarbeitung, die auf Art. 6 Absatz 1 Buchstabe e oder f DSGVO beruht (Art. 21 DSGVO)</li>
  </ul>
  <p class="kern-body">Die meisten Rechte können Sie selbst und sofort nutzen, wenn Sie angemeldet sind:</p>
  <ul class="kern-list kern-list--bullet">
    <li>Unter <a class="kern-link" href="/profil">Profil</a> sehen Sie alle Daten zu Ihrem Konto, Ihre Mitgliedschaften und Ihre API-Tokens. Dort können Sie Anzeigenamen und Passwort ändern.</li>
    <li>Im Profil können Sie alle Daten zu Ihrem Konto als JSON-Datei herunterladen (Auskunft und Datenübertragbarkeit).</li>
    <li>Im Profil können Sie Ihr Konto löschen. Dabei löschen wir Ihre Kontodaten, Sitzungen, API-Tokens und Mitgliedschaften.</li>
  </ul>
  <p class="kern-body">Für alle anderen Anliegen – zum Beispiel zum Zugriffsprotokoll, zu Rückmeldungen zur Barrierefreiheit oder zu einem Widerspruch – schreiben Sie bitte an die oben genannte verantwortliche Stelle oder nutzen Sie die Seite <a class="kern-link" href="/kontakt">Kontakt</a>. Wir antworten innerhalb eines Monats (Art. 12 Absatz 3 DSGVO).</p>

  <h2 class="kern-heading-medium" id="beschwerde">7. Beschwerde bei der Aufsichtsbehörde</h2>
  <p class="kern-body">Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO). Zuständig für den Betreiber ist:<br>
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: zuständige Aufsichtsbehörde mit Anschrift und Website]</em></p>

  <p class="kern-body opgv-muted">Stand dieser Datenschutzerklärung: <em class="opgv-placeholder">[vom Betreiber auszufüllen: Datum]</em></p>
</div>
