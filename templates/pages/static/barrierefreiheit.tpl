{{%AUTOESCAPE context="HTML"}}
{{! Erklärung zur Barrierefreiheit nach dem Muster des Durchführungsbeschlusses (EU) 2018/1523, mit Feedback-Formular (POST /barrierefreiheit). Formularkonventionen: docs/templates.md }}
<div class="opgv-stack opgv-prose">
  <h1 class="kern-heading-large">Erklärung zur Barrierefreiheit</h1>
  <p class="kern-body">Der Betreiber dieser Plattform, <em class="opgv-placeholder">[vom Betreiber auszufüllen: Name der Stelle]</em>, ist bemüht, die OPGV-Plattform im Einklang mit den nationalen Rechtsvorschriften zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen. Maßgeblich sind das Behindertengleichstellungsgesetz (BGG) und die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) <em class="opgv-placeholder">[vom Betreiber anzupassen, falls Landesrecht gilt]</em>.</p>
  <p class="kern-body">Diese Erklärung gilt für alle Seiten dieser Installation der OPGV-Plattform.</p>

  <h2 class="kern-heading-medium">Stand der Vereinbarkeit mit den Anforderungen</h2>
  <p class="kern-body">Diese Website ist wegen der unten aufgeführten Unvereinbarkeiten <strong>teilweise mit der BITV 2.0 vereinbar</strong>.</p>

  <h2 class="kern-heading-medium">Nicht barrierefreie Inhalte</h2>
  <p class="kern-body">Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:</p>
  <ul class="kern-list kern-list--bullet">
    <li><strong>Deutsche Gebärdensprache:</strong> Es gibt noch keine Videos in Deutscher Gebärdensprache, die die Inhalte der Plattform, die Navigation und diese Erklärung erklären (§ 4 BITV 2.0). Die Videos sind in Vorbereitung. Bis dahin finden Sie diese Erklärungen in <a class="kern-link" href="/leichte-sprache">Leichter Sprache</a>; bei Fragen helfen wir Ihnen gern über das Formular unten.</li>
    <li><strong>Leichte Sprache:</strong> Die Texte in Leichter Sprache hat das Plattform-Team geschrieben. Sie sind noch nicht von einer Prüfgruppe mit Menschen mit Lernschwierigkeiten geprüft worden. Die Prüfung ist geplant.</li>
    <li><strong>Dokumente zum Herunterladen:</strong> Vorlagen, Checklisten und Präsentationen im Bereich Bausteine stammen zum Teil von Kommunen und Unternehmen. Nicht alle diese Dateien (zum Beispiel PDF- oder Office-Dateien) sind barrierefrei. Wenn Sie eine barrierefreie Fassung benötigen, schreiben Sie uns; wir stellen Ihnen den Inhalt in zugänglicher Form bereit.</li>
    <li><strong>Beiträge von Nutzerinnen und Nutzern:</strong> Use Cases und Projektberichte werden auch von registrierten Nutzerinnen und Nutzern verfasst. Die Redaktion prüft sie vor der Veröffentlichung, zum Beispiel auf Textalternativen für Bilder; trotzdem können einzelne Barrieren enthalten sein.</li>
    <li><strong>Dokumentation der Programmierschnittstelle:</strong> Die Seite <a class="kern-link" href="/api/docs">API-Dokumentation</a> verwendet die Software Swagger UI. Sie ist mit Tastatur und Screenreader nur eingeschränkt bedienbar. Als Alternative steht die vollständige Beschreibung der Schnittstelle als maschinenlesbare <a class="kern-link" href="/api/v1/openapi.json">OpenAPI-Datei (JSON)</a> zur Verfügung.</li>
    <li><strong>Bereiche im Aufbau:</strong> Einige Bereiche der Plattform werden gerade entwickelt. Neue Funktionen testen wir vor der Freigabe auf Barrierefreiheit; eine vollständige Prüfung der gesamten Plattform steht noch aus.</li>
  </ul>

  <h2 class="kern-heading-medium">Was wir für die Barrierefreiheit tun</h2>
  <ul class="kern-list kern-list--bullet">
    <li>Die Gestaltung folgt dem KERN UX-Standard der deutschen Verwaltung.</li>
    <li>Alle Funktionen sind mit der Tastatur bedienbar und funktionieren auch ohne JavaScript.</li>
    <li>Sie können zwischen heller und dunkler Darstellung wählen (unten auf jeder Seite). Die Kontraste erfüllen in beiden Darstellungen mindestens WCAG-Stufe AA.</li>
    <li>Die Seiten lassen sich bis 400 Prozent vergrößern und auf schmalen Bildschirmen (320 Pixel) ohne seitliches Scrollen lesen.</li>
    <li>Formulare nennen Fehler am Anfang in einer Zusammenfassung und direkt am betroffenen Feld.</li>
  </ul>

  <h2 class="kern-heading-medium">Erstellung dieser Erklärung</h2>
  <p class="kern-body">Diese Erklärung wurde am 27. November 2026 erstellt. Grundlage ist eine Selbstbewertung durch das Entwicklungsteam. Dazu kommen automatisierte Tests mit dem Prüfwerkzeug axe-core gegen die Erfolgskriterien der WCAG 2.2 der Stufen A und AA, jeweils in heller und dunkler Darstellung und bei einer Bildschirmbreite von 320 Pixeln. Automatisierte Tests finden nur einen Teil möglicher Barrieren; ein Test durch eine unabhängige Prüfstelle (zum Beispiel ein BITV-Test) steht noch aus.</p>
  <p class="kern-body">Die Erklärung wurde zuletzt am <em class="opgv-placeholder">[vom Betreiber auszufüllen: Datum]</em> überprüft.</p>

  <h2 class="kern-heading-medium" id="feedback">Barrieren melden: Feedback und Kontakt</h2>
  <p class="kern-body">Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten der Plattform aufgefallen? Oder benötigen Sie Informationen, die hier nicht barrierefrei enthalten sind, in zugänglicher Form? Dann melden Sie sich bitte bei uns. Wir antworten Ihnen innerhalb eines Monats.</p>
  <p class="kern-body">Sie können das Formular unten verwenden oder uns schreiben:<br>
    E-Mail: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em><br>
    Telefon: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em><br>
    Anschrift: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em></p>

  <form class="opgv-form" method="post" action="/barrierefreiheit" novalidate>
    {{#HAS_FORM_ERRORS}}
    <div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler" aria-labelledby="fehler-titel">
      <h3 class="opgv-error-summary__title" id="fehler-titel">Bitte korrigieren Sie folgende Angaben</h3>
      <ul class="opgv-error-summary__list">
        {{#FORM_ERRORS}}
        <li><a href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>
        {{/FORM_ERRORS}}
      </ul>
    </div>
    {{/HAS_FORM_ERRORS}}
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <p class="kern-body">Nur das Feld „Ihre Nachricht“ müssen Sie ausfüllen. Ohne E-Mail-Adresse können wir Ihnen nicht antworten.</p>

    <div class="kern-form-input{{#FIELD_MESSAGE_ERROR}} kern-form-input--error{{/FIELD_MESSAGE_ERROR}}">
      <label class="kern-label" for="message">Ihre Nachricht</label>
      <p class="kern-hint" id="message-hinweis">Beschreiben Sie, welche Barriere Sie bemerkt haben oder welche Information Sie in zugänglicher Form benötigen.</p>
      {{#FIELD_MESSAGE_ERROR}}
      <p class="kern-error" id="message-fehler"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</span></p>
      {{/FIELD_MESSAGE_ERROR}}
      <textarea class="kern-form-input__input{{#FIELD_MESSAGE_ERROR}} kern-form-input__input--error{{/FIELD_MESSAGE_ERROR}}" id="message" name="message" rows="8" required aria-describedby="message-hinweis{{#FIELD_MESSAGE_ERROR}} message-fehler{{/FIELD_MESSAGE_ERROR}}"{{#FIELD_MESSAGE_ERROR}} aria-invalid="true"{{/FIELD_MESSAGE_ERROR}}>{{FIELD_MESSAGE_VALUE:pre_escape}}</textarea>
    </div>

    <div class="kern-form-input{{#FIELD_PAGE_URL_ERROR}} kern-form-input--error{{/FIELD_PAGE_URL_ERROR}}">
      <label class="kern-label" for="page_url">Betroffene Seite <span class="kern-label__optional">(optional)</span></label>
      <p class="kern-hint" id="page_url-hinweis">Adresse der Seite, zum Beispiel aus der Adresszeile Ihres Browsers kopiert.</p>
      {{#FIELD_PAGE_URL_ERROR}}
      <p class="kern-error" id="page_url-fehler"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</span></p>
      {{/FIELD_PAGE_URL_ERROR}}
      <input class="kern-form-input__input{{#FIELD_PAGE_URL_ERROR}} kern-form-input__input--error{{/FIELD_PAGE_URL_ERROR}}" type="text" id="page_url" name="page_url" value="{{FIELD_PAGE_URL_VALUE}}" inputmode="url" spellcheck="false" aria-describedby="page_url-hinweis{{#FIELD_PAGE_URL_ERROR}} page_url-fehler{{/FIELD_PAGE_URL_ERROR}}"{{#FIELD_PAGE_URL_ERROR}} aria-invalid="true"{{/FIELD_PAGE_URL_ERROR}}>
    </div>

    <div class="kern-form-input{{#FIELD_NAME_ERROR}} kern-form-input--error{{/FIELD_NAME_ERROR}}">
      <label class="kern-label" for="name">Ihr Name <span class="kern-label__optional">(optional)</span></label>
      {{#FIELD_NAME_ERROR}}
      <p class="kern-error" id="name-fehler"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</span></p>
      {{/FIELD_NAME_ERROR}}
      <input class="kern-form-input__input{{#FIELD_NAME_ERROR}} kern-form-input__input--error{{/FIELD_NAME_ERROR}}" type="text" id="name" name="name" value="{{FIELD_NAME_VALUE}}" autocomplete="name"{{#FIELD_NAME_ERROR}} aria-describedby="name-fehler" aria-invalid="true"{{/FIELD_NAME_ERROR}}>
    </div>

    <div class="kern-form-input{{#FIELD_EMAIL_ERROR}} kern-form-input--error{{/FIELD_EMAIL_ERROR}}">
      <label class="kern-label" for="email">Ihre E-Mail-Adresse <span class="kern-label__optional">(optional)</span></label>
      <p class="kern-hint" id="email-hinweis">Nur nötig, wenn Sie eine Antwort möchten.</p>
      {{#FIELD_EMAIL_ERROR}}
      <p class="kern-error" id="email-fehler"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</span></p>
      {{/FIELD_EMAIL_ERROR}}
      <input class="kern-form-input__input{{#FIELD_EMAIL_ERROR}} kern-form-input__input--error{{/FIELD_EMAIL_ERROR}}" type="email" id="email" name="email" value="{{FIELD_EMAIL_VALUE}}" autocomplete="email" spellcheck="false" aria-describedby="email-hinweis{{#FIELD_EMAIL_ERROR}} email-fehler{{/FIELD_EMAIL_ERROR}}"{{#FIELD_EMAIL_ERROR}} aria-invalid="true"{{/FIELD_EMAIL_ERROR}}>
    </div>

    <p class="kern-body opgv-muted">Was wir mit Ihren Angaben tun, steht in der <a class="kern-link" href="/datenschutz#daten">Datenschutzerklärung</a>.</p>
    <div class="opgv-actions">
      <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Rückmeldung senden</span></button>
    </div>
  </form>

  <h2 class="kern-heading-medium">Schlichtungsverfahren</h2>
  <p class="kern-body">Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden. Die Schlichtungsstelle BGG hat die Aufgabe, bei Konflikten zum Thema Barrierefreiheit zwischen Menschen mit Behinderungen und öffentlichen Stellen des Bundes eine außergerichtliche Streitbeilegung zu unterstützen. Das Schlichtungsverfahren ist kostenlos. Es muss kein Rechtsbeistand eingeschaltet werden.</p>
  <p class="kern-body">Weitere Informationen zum Schlichtungsverfahren und zu den Möglichkeiten der Antragstellung erhalten Sie auf der <a class="kern-link" href="https://www.schlichtungsstelle-bgg.de" hreflang="de">Website der Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (externer Link)</a>.</p>
  <p class="kern-body">Betreiben eine Kommune oder eine Landesbehörde diese Plattform, ist die Schlichtungs- oder Ombudsstelle des jeweiligen Landes zuständig: <em class="opgv-placeholder">[vom Betreiber anzupassen]</em></p>
</div>
