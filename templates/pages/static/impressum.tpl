{{%AUTOESCAPE context="HTML"}}
{{! Impressum (BODY). Platzhalter in <em class="opgv-placeholder"> ersetzt der Betreiber vor dem Livegang. }}
<div class="opgv-stack opgv-prose">
  <h1 class="kern-heading-large">Impressum</h1>

  <div class="opgv-panel">
    <p class="kern-body">Diese Seite enthält Platzhalter, die der Betreiber der jeweiligen Installation ausfüllen muss. Sie sind so gekennzeichnet: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em>.</p>
  </div>

  <h2 class="kern-heading-medium">Anbieter</h2>
  <p class="kern-body">Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG):</p>
  <p class="kern-body">
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Name der Behörde, Körperschaft oder Organisation]</em><br>
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Straße und Hausnummer]</em><br>
    <em class="opgv-placeholder">[vom Betreiber auszufüllen: Postleitzahl und Ort]</em>
  </p>
  <p class="kern-body">Vertreten durch: <em class="opgv-placeholder">[vom Betreiber auszufüllen: vertretungsberechtigte Person und Funktion]</em></p>

  <h2 class="kern-heading-medium">Kontakt</h2>
  <p class="kern-body">
    E-Mail: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em><br>
    Telefon: <em class="opgv-placeholder">[vom Betreiber auszufüllen]</em>
  </p>
  <p class="kern-body">Weitere Wege, uns zu erreichen, finden Sie auf der Seite <a class="kern-link" href="/kontakt">Kontakt</a>.</p>

  <h2 class="kern-heading-medium">Register und Umsatzsteuer</h2>
  <p class="kern-body">Soweit vorhanden: Registergericht und Registernummer sowie Umsatzsteuer-Identifikationsnummer nach § 27a Umsatzsteuergesetz: <em class="opgv-placeholder">[vom Betreiber auszufüllen oder streichen]</em></p>
  <p class="kern-body">Zuständige Aufsichtsbehörde: <em class="opgv-placeholder">[vom Betreiber auszufüllen oder streichen]</em></p>

  <h2 class="kern-heading-medium">Verantwortlich für den Inhalt</h2>
  <p class="kern-body">Verantwortlich für journalistisch-redaktionelle Inhalte nach § 18 Absatz 2 Medienstaatsvertrag: <em class="opgv-placeholder">[vom Betreiber auszufüllen: Name und Anschrift]</em></p>
  <p class="kern-body">Use Cases, Bausteine und Projektberichte stammen zum Teil von registrierten Nutzerinnen und Nutzern aus Kommunen und Unternehmen. Für diese Beiträge sind die jeweils genannten Organisationen verantwortlich. Die Redaktion prüft Beiträge vor der Veröffentlichung, kann aber nicht jede Angabe im Einzelnen überprüfen. Wenn Ihnen ein Fehler oder ein rechtswidriger Inhalt auffällt, schreiben Sie uns bitte über die Seite <a class="kern-link" href="/kontakt">Kontakt</a>.</p>

  <h2 class="kern-heading-medium">Projekt</h2>
  <p class="kern-body">Die Plattform entsteht im Forschungsprojekt „Öffentliche Plattformen zur erleichterten datenbasierten Zusammenarbeit von GovTechs und Verwaltung“ (OPGV), gefördert vom Bundesministerium für Bildung und Forschung.</p>

  <h2 class="kern-heading-medium">Verwendete Software und Schriften</h2>
  <p class="kern-body">Die Gestaltung folgt dem KERN UX-Standard für die deutsche Verwaltung (lizenziert unter der EUPL-1.2). Die Schrift Fira Sans steht unter der SIL Open Font License. Die Dokumentation der Programmierschnittstelle nutzt Swagger UI (Apache License 2.0). Alle Dateien werden von diesem Server ausgeliefert; es werden keine Inhalte von Drittanbietern nachgeladen.</p>

  <h2 class="kern-heading-medium">Haftung für Links</h2>
  <p class="kern-body">Die Plattform enthält Links zu Websites anderer Anbieter. Auf deren Inhalte haben wir keinen Einfluss. Für sie ist der jeweilige Anbieter verantwortlich. Wenn uns rechtswidrige Inhalte auf verlinkten Seiten bekannt werden, entfernen wir den Link.</p>
</div>
