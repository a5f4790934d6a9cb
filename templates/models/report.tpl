{{%AUTOESCAPE context="HTML"}}
{{#VALID}}<div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__body"><p class="kern-body"><strong>Gültig:</strong> {{ROWS}} Zeilen passen zum Modell „{{MODEL}}“ (Tabelle {{RESOURCE}}).</p></div></div>{{/VALID}}
{{#INVALID}}<div class="kern-alert kern-alert--danger" role="status"><div class="kern-alert__body"><p class="kern-body"><strong>Nicht gültig:</strong> {{ROWS}} Zeilen geprüft, {{SUMMARY}}.{{#ADVICE}} {{TEXT}}{{/ADVICE}}</p></div></div>{{/INVALID}}
{{#NOTES}}<p class="kern-body opgv-meta">{{TEXT}}</p>{{/NOTES}}
{{#COUNTS}}<h{{LEVEL}} class="kern-heading-small">Fehler nach Art{{CONTEXT}}</h{{LEVEL}}>
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Fehler nach Art{{CONTEXT}}</caption>
<thead><tr><th scope="col">Art</th><th scope="col">Code</th><th scope="col">Anzahl</th></tr></thead>
<tbody>{{#ITEMS}}<tr><th scope="row">{{LABEL}}</th><td><code>{{CODE}}</code></td><td>{{COUNT}}</td></tr>{{/ITEMS}}</tbody></table>{{/COUNTS}}
{{#ERRORS}}<h{{LEVEL}} class="kern-heading-small">Fehler im Einzelnen{{CONTEXT}}</h{{LEVEL}}>
<div class="opgv-table-wrap" role="region" aria-label="Fehler im Einzelnen{{CONTEXT}}" tabindex="0">
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Fehler im Einzelnen{{CONTEXT}}, nach Zeilen</caption>
<thead><tr><th scope="col">Zeile</th><th scope="col">Feld</th><th scope="col">Wert</th><th scope="col">Meldung</th></tr></thead>
<tbody>{{#ITEMS}}<tr><th scope="row">{{E_ROW}}</th><td>{{E_FIELD}}</td><td><code>{{E_CELL}}</code></td><td>{{E_MESSAGE}} <span class="opgv-meta">({{E_CODE}})</span></td></tr>{{/ITEMS}}</tbody></table>
</div>{{/ERRORS}}
{{#TRUNCATED}}<p class="kern-body">Weitere {{COUNT}} Fehler sind nicht aufgeführt.</p>{{/TRUNCATED}}
