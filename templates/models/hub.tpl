{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack opgv-prose">
<h1 class="kern-heading-large">Daten</h1>
<p class="kern-body opgv-lead">Harmonisierte Datenmodelle, Prüfung von Dateien gegen diese Modelle und Import-Profile, die Ihre eigenen Exporte ohne Programmierung in ein Modell überführen.</p>
<h2 class="kern-heading-medium"><a class="kern-link" href="/daten/modelle">Datenmodelle</a></h2>
<p class="kern-body">{{MODEL_COUNT}} Modelle mit Feldbeschreibungen, leeren Vorlagen (CSV und Excel), Beispieldaten, Versionen und Verweisen auf den Musterdatenkatalog:</p>
<ul class="kern-list">{{#MODELS}}<li><a class="kern-link" href="/daten/modelle/{{M_SLUG}}">{{M_TITLE}}</a></li>{{/MODELS}}</ul>
<h2 class="kern-heading-medium"><a class="kern-link" href="/daten/datensaetze/pruefen">Datei prüfen</a></h2>
<p class="kern-body">Laden Sie eine CSV-, Excel- oder LibreOffice-Datei hoch und prüfen Sie sie gegen ein Modell (nach der Anmeldung). Der Bericht nennt jeden Fehler mit Zeile, Spalte und einer Erklärung auf Deutsch. Für die IT Ihrer Verwaltung gibt es dasselbe auf der Kommandozeile (<code>opgv validate --model sozialraum-indikatoren datei.csv</code>) und als Schnittstelle.</p>
<h2 class="kern-heading-medium"><a class="kern-link" href="/daten/datensaetze">Datensätze</a></h2>
<p class="kern-body">Die Daten Ihrer Organisation in der Form eines Modells: Datei hochladen, Spalten im Formular zuordnen, Prüfbericht lesen, übernehmen. Jede Lieferung wird eine Version; fehlerhafte Zeilen gehen nicht verloren, sondern liegen als eigene Datei bereit. Herunterladen als CSV, Excel oder JSON.</p>
<h2 class="kern-heading-medium"><a class="kern-link" href="/daten/importprofile">Import-Profile</a></h2>
<p class="kern-body">Ein Import-Profil beschreibt einmal, wie ein Export Ihrer Fachanwendung in ein Modell passt: Spalten umbenennen, Zahlen- und Datumsformate umwandeln, Tabellen umformen, Codes übersetzen und kleine Gebiete zu größeren zusammenfassen. Beispiel: Das Berliner Monitoring Soziale Stadtentwicklung 2021 wird so von 542 Planungsräumen auf 58 Prognoseräume gebracht (<code>opgv import --profile berlin-mss-2021-index-indikatoren-prognoseraeume datei.csv</code>).</p>
</div>
