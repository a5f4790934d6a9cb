{{%AUTOESCAPE context="HTML"}}
{{! Leichte Sprache (BODY): die 4 Inhalte nach § 4 BITV 2.0 und Anlage 2 Teil 2. Kurze Sätze, eine Aussage pro Satz, Komposita mit Bindestrich. Vor dem Livegang von einer Prüfgruppe prüfen lassen. }}
<div class="opgv-ls">
  <h1 class="kern-heading-large"><span class="kern-icon kern-icon--easy-language kern-icon--large" aria-hidden="true"></span> Informationen in Leichter Sprache</h1>
  <p class="kern-body">Hier erklären wir diese Internet-Seite in Leichter Sprache.</p>
  <p class="kern-body">Die Internet-Seite heißt: OPGV-Plattform.</p>

  <h2 class="kern-heading-medium">Was gibt es auf dieser Internet-Seite?</h2>
  <p class="kern-body">Die Internet-Seite ist für Menschen, die in einer Kommune arbeiten.</p>
  <p class="kern-body">Eine Kommune ist zum Beispiel eine Stadt. Oder eine Gemeinde. Oder ein Land-Kreis.</p>
  <p class="kern-body">Eine Kommune hat viele Daten. Daten sind Informationen. Zum Beispiel: So viele Kinder wohnen in einem Stadt-Teil.</p>
  <p class="kern-body">Mit Daten kann eine Kommune besser planen. Zum Beispiel: Hier braucht die Stadt eine neue Kita.</p>
  <p class="kern-body">Auf dieser Internet-Seite finden Sie:</p>
  <ul class="kern-body">
    <li>Beispiele von anderen Kommunen. Die Beispiele zeigen: So hat eine Kommune mit Daten gearbeitet. Die Beispiele heißen auf der Internet-Seite: Use Cases.</li>
    <li>Vorlagen und Check-Listen für die Arbeit. Die Vorlagen heißen auf der Internet-Seite: Bausteine.</li>
    <li>Informationen über Daten und Schnitt-Stellen. Eine Schnitt-Stelle verbindet 2 Computer-Programme.</li>
    <li>Angebote zum Lernen. Zum Beispiel ein Lern-Spiel.</li>
    <li>Einen Bereich für Ihre eigenen Projekte.</li>
    <li>Firmen. Die Firmen machen Computer-Programme für Kommunen. Die Firmen heißen: GovTechs.</li>
  </ul>
  <p class="kern-body">Sie können alles lesen. Dafür brauchen Sie kein Konto.</p>
  <p class="kern-body">Sie möchten mit-machen? Dann brauchen Sie ein Konto. Das Konto ist kostenlos.</p>

  <h2 class="kern-heading-medium">So finden Sie sich auf der Internet-Seite zurecht</h2>
  <p class="kern-body">Oben auf jeder Seite ist das Menü.</p>
  <p class="kern-body">Das Menü hat 6 Punkte: Use Cases, Bausteine, Projekte, Daten, Lernen und GovTechs.</p>
  <p class="kern-body">Klicken Sie auf einen Punkt. Dann kommen Sie zu diesem Bereich.</p>
  <p class="kern-body">Ganz oben links steht: OPGV-Plattform. Klicken Sie darauf. Dann kommen Sie zur Start-Seite.</p>
  <p class="kern-body">Oben rechts können Sie sich anmelden. Oben rechts finden Sie auch immer den Link zur Leichten Sprache.</p>
  <p class="kern-body">Ganz unten auf jeder Seite stehen wichtige Links. Zum Beispiel:</p>
  <ul class="kern-body">
    <li>Impressum: Hier steht, wer die Internet-Seite macht.</li>
    <li>Daten-Schutz: Hier steht, was wir mit Ihren Daten machen.</li>
    <li>Erklärung zur Barriere-Freiheit: Hier steht, wie gut alle Menschen die Internet-Seite benutzen können.</li>
    <li>Kontakt: Hier steht, wie Sie uns eine Nachricht schicken.</li>
  </ul>
  <p class="kern-body">Ganz unten können Sie auch die Farben ändern. Sie wählen: Hell oder Dunkel.</p>
  <p class="kern-body">Sie können die Internet-Seite auch nur mit der Tastatur benutzen. Drücken Sie die Tab-Taste. Dann springen Sie zum nächsten Link.</p>

  <h2 class="kern-heading-medium">Wie barriere-frei ist diese Internet-Seite?</h2>
  <p class="kern-body">Barriere-frei bedeutet: Alle Menschen können die Internet-Seite gut benutzen. Auch Menschen mit Behinderung.</p>
  <p class="kern-body">Dafür gibt es Regeln. Die Regeln stehen in einem Gesetz.</p>
  <p class="kern-body">Wir haben die Internet-Seite geprüft. Viele Teile sind schon barriere-frei.</p>
  <p class="kern-body">Einige Teile sind noch schwer zu benutzen:</p>
  <ul class="kern-body">
    <li>Die Filme in Gebärden-Sprache fehlen noch. Wir machen die Filme bald.</li>
    <li>Manche Dateien zum Herunter-Laden sind schwer zu lesen.</li>
    <li>Manche Texte schreiben andere Menschen. Diese Texte können Barrieren haben.</li>
    <li>Diese Seite in Leichter Sprache prüft bald eine Prüf-Gruppe. In der Prüf-Gruppe sind Menschen mit Lern-Schwierigkeiten. Sie sagen uns: Ist der Text gut zu verstehen?</li>
  </ul>
  <p class="kern-body">Sie finden eine Barriere auf der Internet-Seite? Dann schreiben Sie uns. Dafür gibt es ein Formular. Das Formular ist auf der Seite: Erklärung zur Barriere-Freiheit.</p>
  <p class="kern-body">Wir antworten Ihnen innerhalb von 1 Monat.</p>
  <p class="kern-body">Sie sind mit unserer Antwort unzufrieden? Dann können Sie sich an die Schlichtungs-Stelle wenden. Die Schlichtungs-Stelle hilft Ihnen. Die Hilfe ist kostenlos.</p>
  <p class="kern-body"><a class="kern-link" href="/barrierefreiheit">Hier finden Sie die ganze Erklärung zur Barriere-Freiheit und das Formular.</a> Die Erklärung ist in schwerer Sprache.</p>

  <h2 class="kern-heading-medium">Wo gibt es mehr Leichte Sprache?</h2>
  <p class="kern-body">Bis jetzt gibt es diese eine Seite in Leichter Sprache.</p>
  <p class="kern-body">Wir schreiben bald mehr Texte in Leichter Sprache.</p>
  <p class="kern-body">Neue Texte in Leichter Sprache finden Sie immer hier auf dieser Seite.</p>
  <p class="kern-body">Sie brauchen eine Information in Leichter Sprache? Dann schreiben Sie uns.</p>
  <p class="kern-body"><a class="kern-link" href="/kontakt">Hier finden Sie die Seite Kontakt.</a></p>
</div>
