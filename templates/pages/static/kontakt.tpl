{{%AUTOESCAPE context="HTML"}}
{{! Kontakt (BODY). Platzhalter: [vom Betreiber auszufüllen]. }}
<div class="opgv-stack opgv-prose">
  <h1 class="kern-heading-large">Kontakt</h1>
  <p class="kern-body opgv-lead">Sie haben eine Frage, einen Hinweis oder möchten mit Ihrer Kommune oder Ihrem Unternehmen mitmachen? Schreiben Sie uns.</p>

  <h2 class="kern-heading-medium">So erreichen Sie uns</h2>
  <p class="kern-body">
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Name der Stelle]</em><br>
    E-Mail: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em><br>
    Telefon: <em class="opgv-placeholder">[vom Betreiber auszufüllen, mit Erreichbarkeit, zum Beispiel „Montag bis Freitag, 9 bis 15 Uhr“]</em><br>
    Anschrift: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em>
  </p>
  <p class="kern-body">Wir beantworten Ihre Nachricht in der Regel innerhalb von fünf Arbeitstagen.</p>

  <h2 class="kern-heading-medium">Für besondere Anliegen</h2>
  <ul class="kern-list kern-list--bullet">
    <li><strong>Barrieren auf der Plattform:</strong> Nutzen Sie bitte das <a class="kern-link" href="/barrierefreiheit#feedback">Formular in der Erklärung zur Barrierefreiheit</a>. Wir antworten innerhalb eines Monats.</li>
    <li><strong>Datenschutz und Ihre Rechte:</strong> Viele Auskünfte erhalten Sie sofort in Ihrem <a class="kern-link" href="/profil">Profil</a>. Alles Weitere steht in der <a class="kern-link" href="/datenschutz#rechte">Datenschutzerklärung</a>.</li>
    <li><strong>Technischer Fehler:</strong> Beschreiben Sie bitte, was Sie getan haben und was passiert ist. Wenn die Fehlerseite eine Kennung anzeigt, nennen Sie uns diese bitte.</li>
    <li><strong>Inhalte melden:</strong> Wenn Ihnen in einem Beitrag ein Fehler oder ein rechtswidriger Inhalt auffällt, nennen Sie uns bitte die Adresse der Seite.</li>
  </ul>

  <h2 class="kern-heading-medium">Mitmachen</h2>
  <p class="kern-body">Sie möchten einen Use Case Ihrer Kommune vorstellen oder als GovTech Ihre Lösung zeigen? <a class="kern-link" href="/registrieren">Registrieren Sie sich</a> und treten Sie Ihrer Organisation bei. Die Redaktion unterstützt Sie beim ersten Beitrag.</p>
</div>
