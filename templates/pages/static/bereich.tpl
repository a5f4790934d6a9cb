{{%AUTOESCAPE context="HTML"}}
{{! Platzhalterseite (BODY) für Bereiche der Hauptnavigation, die noch nicht gebaut sind. Variablen: AREA_TITLE, AREA_INTRO; Abschnitt AREA_ITEMS (Liste, je ITEM_TEXT). }}
<div class="opgv-stack opgv-prose">
  <h1 class="kern-heading-large">{{AREA_TITLE}}</h1>
  <p class="kern-body opgv-lead">{{AREA_INTRO}}</p>

  <div class="kern-alert kern-alert--info">
    <div class="kern-alert__header">
      <span class="kern-icon kern-icon--info" aria-hidden="true"></span>
      <span class="kern-title">Dieser Bereich wird gerade aufgebaut</span>
    </div>
    <div class="kern-alert__body">
      <p class="kern-body">Hier gibt es noch keine Inhalte. Wir arbeiten daran und schalten den Bereich frei, sobald die ersten Inhalte geprüft sind.</p>
    </div>
  </div>

  {{#HAS_AREA_ITEMS}}
  <h2 class="kern-heading-medium">Was hier entstehen soll</h2>
  <ul class="kern-list kern-list--bullet">
    {{#AREA_ITEMS}}
    <li>{{ITEM_TEXT}}</li>
    {{/AREA_ITEMS}}
  </ul>
  {{/HAS_AREA_ITEMS}}

  <h2 class="kern-heading-medium">Bis dahin</h2>
  <ul class="kern-list kern-list--bullet">
    <li>Auf der <a class="kern-link" href="/">Startseite</a> sehen Sie, was die Plattform schon bietet.</li>
    <li>Sie haben Inhalte, die hierher passen, oder Wünsche für diesen Bereich? <a class="kern-link" href="/kontakt">Schreiben Sie uns</a>.</li>
  </ul>
</div>
