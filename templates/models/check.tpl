{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Datei prüfen</h1>
<p class="kern-body opgv-prose">Prüfen Sie eine CSV-, Excel- (XLSX) oder LibreOffice-Datei (ODS) gegen ein Datenmodell, bevor Sie sie weitergeben. Der Bericht nennt jeden Fehler mit Zeile, Spalte und einer Erklärung. Die Datei wird nur für die Prüfung gelesen und nicht gespeichert.</p>
{{#LOGIN_NEEDED}}<div class="kern-alert kern-alert--info" role="note"><div class="kern-alert__body"><p class="kern-body">Zum Prüfen bitte <a class="kern-link" href="/anmelden">anmelden</a>. Ohne Konto können Sie die <a class="kern-link" href="/daten/modelle">Datenmodelle</a> mit Vorlagen und Beispielen ansehen.</p></div></div>{{/LOGIN_NEEDED}}
{{#FORM_ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Die Datei konnte nicht geprüft werden</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></div>{{/FORM_ERRORS}}
{{#CAN_UPLOAD}}<form method="post" action="/daten/datensaetze/pruefen" enctype="multipart/form-data" class="opgv-stack">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input"><label class="kern-label" for="p-modell">Datenmodell und Tabelle</label>
<select class="kern-form-input__select" id="p-modell" name="modell">{{#MODEL_OPTIONS}}<option value="{{VALUE}}"{{SELECTED}}>{{LABEL}}</option>{{/MODEL_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="p-datei">Datei</label>
<p class="kern-hint" id="p-datei-hint">CSV (auch mit Semikolon, Windows-1252 oder UTF-8), XLSX oder ODS, höchstens 50 MB.</p>
<input class="kern-form-input__input" id="p-datei" name="datei" type="file" accept=".csv,.txt,.xlsx,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet" aria-describedby="p-datei-hint" required></div>
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="p-deutsch" name="deutsch" value="1"{{#GERMAN_CHECKED}} checked{{/GERMAN_CHECKED}}><label class="kern-label" for="p-deutsch">Deutsche Schreibweisen erlauben (1.234,56; 31.12.2024; ja/nein)</label></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Datei prüfen</span></button>
</form>{{/CAN_UPLOAD}}
{{#REPORT}}<section aria-labelledby="bericht" class="opgv-stack">
<h2 class="kern-heading-medium" id="bericht" tabindex="-1">Prüfbericht für „{{SOURCE}}“</h2>
{{#VALID}}<div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__body"><p class="kern-body"><strong>Gültig:</strong> {{ROWS}} Zeilen passen zum Modell „{{MODEL}}“ (Tabelle {{RESOURCE}}).</p></div></div>{{/VALID}}
{{#INVALID}}<div class="kern-alert kern-alert--danger" role="status"><div class="kern-alert__body"><p class="kern-body"><strong>Nicht gültig:</strong> {{ROWS}} Zeilen geprüft, {{SUMMARY}}. Korrigieren Sie die Datei und prüfen Sie sie erneut.</p></div></div>{{/INVALID}}
{{#NOTES}}<p class="kern-body opgv-meta">{{TEXT}}</p>{{/NOTES}}
{{#COUNTS}}<h3 class="kern-heading-small">Fehler nach Art</h3>
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Fehler nach Art</caption>
<thead><tr><th scope="col">Art</th><th scope="col">Code</th><th scope="col">Anzahl</th></tr></thead>
<tbody>{{#ITEMS}}<tr><th scope="row">{{LABEL}}</th><td><code>{{CODE}}</code></td><td>{{COUNT}}</td></tr>{{/ITEMS}}</tbody></table>{{/COUNTS}}
{{#ERRORS}}<h3 class="kern-heading-small">Fehler im Einzelnen</h3>
<div class="opgv-table-wrap" role="region" aria-label="Fehler im Einzelnen" tabindex="0">
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Fehler im Einzelnen, nach Zeilen</caption>
<thead><tr><th scope="col">Zeile</th><th scope="col">Feld</th><th scope="col">Wert</th><th scope="col">Meldung</th></tr></thead>
<tbody>{{#ITEMS}}<tr><th scope="row">{{E_ROW}}</th><td>{{E_FIELD}}</td><td><code>{{E_CELL}}</code></td><td>{{E_MESSAGE}} <span class="opgv-meta">({{E_CODE}})</span></td></tr>{{/ITEMS}}</tbody></table>
</div>{{/ERRORS}}
{{#TRUNCATED}}<p class="kern-body">Weitere {{COUNT}} Fehler sind nicht aufgeführt.</p>{{/TRUNCATED}}
</section>{{/REPORT}}
</div>
