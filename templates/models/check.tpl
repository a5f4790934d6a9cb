{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Datei prüfen</h1>
<p class="kern-body opgv-prose">Prüfen Sie eine CSV-, Excel- (XLSX) oder LibreOffice-Datei (ODS) gegen ein Datenmodell, bevor Sie sie weitergeben. Der Bericht nennt jeden Fehler mit Zeile, Spalte und einer Erklärung. Die Datei wird nur für die Prüfung gelesen und nicht gespeichert.</p>
{{#LOGIN_NEEDED}}<div class="kern-alert kern-alert--info" role="note"><div class="kern-alert__body"><p class="kern-body">Zum Prüfen bitte <a class="kern-link" href="/anmelden">anmelden</a>. Ohne Konto können Sie die <a class="kern-link" href="/daten/modelle">Datenmodelle</a> mit Vorlagen und Beispielen ansehen.</p></div></div>{{/LOGIN_NEEDED}}
{{#FORM_ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Die Datei konnte nicht geprüft werden</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></div>{{/FORM_ERRORS}}
{{#CAN_UPLOAD}}<form method="post" action="/daten/datensaetze/pruefen" enctype="multipart/form-data" class="opgv-stack">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input"><label class="kern-label" for="p-modell">Datenmodell und Tabelle</label>
<select class="kern-form-input__select" id="p-modell" name="modell">{{#MODEL_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/MODEL_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="p-datei">Datei</label>
<p class="kern-hint" id="p-datei-hint">CSV (auch mit Semikolon, Windows-1252 oder UTF-8), XLSX oder ODS, höchstens 50 MB.</p>
<input class="kern-form-input__input" id="p-datei" name="datei" type="file" accept=".csv,.txt,.xlsx,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet" aria-describedby="p-datei-hint" required></div>
<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="p-deutsch" name="deutsch" value="1"{{#GERMAN_CHECKED}} checked{{/GERMAN_CHECKED}}><label class="kern-label" for="p-deutsch">Deutsche Schreibweisen erlauben (1.234,56; 31.12.2024; ja/nein)</label></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Datei prüfen</span></button>
</form>{{/CAN_UPLOAD}}
{{#REPORT}}<section aria-labelledby="bericht" class="opgv-stack">
<h2 class="kern-heading-medium" id="bericht" tabindex="-1">Prüfbericht für „{{SOURCE}}“</h2>
{{>REPORT_INCLUDE}}
</section>{{/REPORT}}
</div>
