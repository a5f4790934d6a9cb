{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
{{#EXISTING}}<h1 class="kern-heading-large">Neue Version hochladen</h1>
<p class="kern-body">Datensatz <a class="kern-link" href="/daten/datensaetze/{{D_ID}}">{{D_TITLE}}</a> im Modell „{{D_MODEL}}“. Die neue Datei wird wie die erste zugeordnet und geprüft; die bisherige Version bleibt erhalten.</p>{{/EXISTING}}
{{#NEW}}<h1 class="kern-heading-large">Neuen Datensatz hochladen</h1>
<p class="kern-body opgv-prose">In drei Schritten: 1. Datei hochladen, 2. Spalten den Feldern des Modells zuordnen, 3. Prüfbericht lesen und entscheiden. Eine Vorlage jedes Modells finden Sie unter <a class="kern-link" href="/daten/modelle">Datenmodelle</a>.</p>{{/NEW}}
{{#NO_ORGANISATION}}<h1 class="kern-heading-large">Neuen Datensatz hochladen</h1>
<div class="kern-alert kern-alert--info" role="note"><div class="kern-alert__body"><p class="kern-body">Datensätze gehören zu einer Organisation. Bitte zuerst <a class="kern-link" href="/kommunen">Ihrer Kommune beitreten</a> oder eine <a class="kern-link" href="/organisationen/neu">Organisation anlegen</a>.</p></div></div>{{/NO_ORGANISATION}}
{{#HAS_FORM_ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">{{ERROR_TITLE}}</h2>
<ul class="kern-list">{{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}</ul>
{{#CHOOSE_AGAIN}}<p class="kern-body">Bitte wählen Sie die Datei erneut aus; der Browser behält sie nach dem Absenden nicht.</p>{{/CHOOSE_AGAIN}}</div>{{/HAS_FORM_ERRORS}}
{{#CAN_UPLOAD}}<form method="post" action="/daten/datensaetze/neu" enctype="multipart/form-data" class="opgv-form opgv-stack" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#EXISTING}}<input type="hidden" name="datensatz" value="{{D_ID}}">{{/EXISTING}}
{{#NEW}}<div class="kern-form-input{{#E_ORGANISATION}} kern-form-input--error{{/E_ORGANISATION}}"><label class="kern-label" for="u-organisation">Organisation</label>
{{#E_ORGANISATION}}<p class="kern-error" id="u-organisation-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/E_ORGANISATION}}
<select class="kern-form-input__select" id="u-organisation" name="organisation"{{#E_ORGANISATION}} aria-invalid="true" aria-describedby="u-organisation-error"{{/E_ORGANISATION}}>{{#ORG_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ORG_OPTIONS}}</select></div>
<div class="kern-form-input{{#E_TITEL}} kern-form-input--error{{/E_TITEL}}"><label class="kern-label" for="u-titel">Titel des Datensatzes</label>
<p class="kern-hint" id="u-titel-hint">Woran Ihre Kolleginnen und Kollegen ihn erkennen, z. B. „Sozialmonitoring 2024“.</p>
{{#E_TITEL}}<p class="kern-error" id="u-titel-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/E_TITEL}}
<input class="kern-form-input__input{{#E_TITEL}} kern-form-input__input--error{{/E_TITEL}}" id="u-titel" name="titel" type="text" maxlength="200" value="{{TITLE_VALUE}}" aria-describedby="u-titel-hint{{#E_TITEL}} u-titel-error{{/E_TITEL}}"{{#E_TITEL}} aria-invalid="true"{{/E_TITEL}} required></div>
<div class="kern-form-input{{#E_MODELL}} kern-form-input--error{{/E_MODELL}}"><label class="kern-label" for="u-modell">Datenmodell und Tabelle</label>
{{#E_MODELL}}<p class="kern-error" id="u-modell-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/E_MODELL}}
<select class="kern-form-input__select" id="u-modell" name="modell"{{#E_MODELL}} aria-invalid="true" aria-describedby="u-modell-error"{{/E_MODELL}}>{{#MODEL_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/MODEL_OPTIONS}}</select></div>{{/NEW}}
<div class="kern-form-input{{#E_DATEI}} kern-form-input--error{{/E_DATEI}}"><label class="kern-label" for="u-datei">Datei</label>
<p class="kern-hint" id="u-datei-hint">CSV (auch mit Semikolon, Windows-1252 oder UTF-8), XLSX oder ODS, höchstens 50 MB. Die Spalten dürfen anders heißen als im Modell; die Zuordnung folgt im nächsten Schritt.</p>
{{#E_DATEI}}<p class="kern-error" id="u-datei-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/E_DATEI}}
<input class="kern-form-input__input{{#E_DATEI}} kern-form-input__input--error{{/E_DATEI}}" id="u-datei" name="datei" type="file" accept=".csv,.txt,.xlsx,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet" aria-describedby="u-datei-hint{{#E_DATEI}} u-datei-error{{/E_DATEI}}"{{#E_DATEI}} aria-invalid="true"{{/E_DATEI}} required></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Hochladen und weiter zur Zuordnung</span></button>
</form>{{/CAN_UPLOAD}}
</div>
