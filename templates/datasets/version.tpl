{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Version {{V_NUMBER}} von „{{D_TITLE}}“</h1>
<dl class="opgv-facts">
<dt>Datei</dt><dd>{{V_FILE}}</dd>
<dt>Hochgeladen</dt><dd>{{V_DATE}}</dd>
<dt>Stand</dt><dd>{{V_STATUS}}</dd>
{{#PROFILE}}<dt>Import-Profil</dt><dd><a class="kern-link" href="{{URL}}">{{NAME}}</a>, Fassung {{VERSION}}</dd>{{/PROFILE}}
</dl>
{{#RUNNING}}<section id="fortschritt" aria-labelledby="fortschritt-titel" class="opgv-stack"{{#MANUAL}} data-opgv-poll="{{POLL_URL}}"{{/MANUAL}}>
<h2 class="kern-heading-medium" id="fortschritt-titel">Der Import läuft</h2>
<p class="kern-body" role="status" data-opgv-progress-text>{{PHASE}}</p>
<p class="kern-body"><label class="kern-label" for="v-fortschritt">Fortschritt</label> <progress id="v-fortschritt" max="100" value="{{PERCENT}}">{{PERCENT}} %</progress></p>
{{#CANCELLING}}<p class="kern-body">Der Import wird abgebrochen …</p>{{/CANCELLING}}
{{#AUTO}}<p class="kern-body">Diese Seite lädt sich alle 5 Sekunden neu. <a class="kern-link" href="{{STOP_URL}}">Automatisches Neuladen beenden</a></p>{{/AUTO}}
{{#MANUAL}}<p class="kern-body">Der Stand wird im Hintergrund aktualisiert, sofern JavaScript aktiv ist. Sonst: <a class="kern-link" href="{{RELOAD_URL}}">Stand jetzt abrufen</a> oder <a class="kern-link" href="{{START_URL}}">die Seite alle 5 Sekunden neu laden lassen</a>.</p>
<p hidden data-opgv-poll-stop><button type="button" class="kern-btn kern-btn--tertiary"><span class="kern-label">Aktualisierung im Hintergrund anhalten</span></button></p>{{/MANUAL}}
{{#CAN_CANCEL}}<form method="post" action="{{CANCEL_URL}}"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Import abbrechen</span></button></form>{{/CAN_CANCEL}}
</section>{{/RUNNING}}
{{#MESSAGE}}<p class="kern-body"><strong>{{TEXT}}</strong></p>{{/MESSAGE}}
{{#COUNTS}}<ul class="kern-list"><li>{{TOTAL}} Zeilen gelesen</li><li>{{VALID}} Zeilen fehlerfrei</li><li>{{INVALID}} Zeilen mit Fehlern{{#REJECTS}}: <a class="kern-link" href="{{URL}}" download>abgelehnte Zeilen mit ihren Fehlern herunterladen (CSV)</a>{{/REJECTS}}</li></ul>{{/COUNTS}}
{{#IMPORTED}}<div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__body"><p class="kern-body">Diese Version ist übernommen. <a class="kern-link" href="{{URL}}">Daten ansehen und herunterladen</a></p></div></div>{{/IMPORTED}}
{{#DECIDE}}<section aria-labelledby="entscheidung" class="opgv-stack">
<h2 class="kern-heading-medium" id="entscheidung">Wie soll es weitergehen?</h2>
<p class="kern-body">Zeilen mit Fehlern werden nie stillschweigend weggelassen. Bitte entscheiden Sie:</p>
{{#CHOICE_ERROR}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h3 class="kern-heading-small">Bitte korrigieren Sie folgende Angabe</h3>
<ul class="kern-list"><li><a class="kern-link" href="#d-wahl">{{MESSAGE}}</a></li></ul></div>{{/CHOICE_ERROR}}
<form method="post" action="{{URL}}" class="opgv-stack" novalidate><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset id="d-wahl" class="kern-fieldset{{#CHOICE_ERROR}} kern-fieldset--error{{/CHOICE_ERROR}}"{{#CHOICE_ERROR}} aria-describedby="d-fehler"{{/CHOICE_ERROR}}><legend class="kern-label">Entscheidung</legend><div class="kern-fieldset__body">
{{#CHOICE_ERROR}}<p class="kern-error" id="d-fehler"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/CHOICE_ERROR}}
{{#CAN_KEEP}}<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="d-gueltige" name="wahl" value="gueltige"><label class="kern-label" for="d-gueltige">{{KEEP_LABEL}}</label></div>{{/CAN_KEEP}}
{{#CAN_REMAP}}<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="d-zuordnung" name="wahl" value="zuordnung"><label class="kern-label" for="d-zuordnung">Zuordnung der Spalten korrigieren und dieselbe Datei erneut importieren</label></div>{{/CAN_REMAP}}
<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="d-neu" name="wahl" value="neu"><label class="kern-label" for="d-neu">Datei korrigieren und neu hochladen</label></div>
<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="d-verwerfen" name="wahl" value="verwerfen"><label class="kern-label" for="d-verwerfen">Abbrechen: diese Version verwerfen</label></div>
</div></fieldset>
<p class="kern-hint">Korrigieren und Abbrechen verwerfen diese Version; der bisherige Stand des Datensatzes bleibt unverändert.</p>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Weiter</span></button>
</form>
</section>{{/DECIDE}}
{{#AGAIN}}<p class="opgv-actions"><a class="kern-btn kern-btn--primary" href="{{NEW_UPLOAD_URL}}"><span class="kern-label">Datei neu hochladen</span></a>{{#REMAP}} <a class="kern-link" href="{{URL}}">Dieselbe Datei neu zuordnen</a>{{/REMAP}}</p>{{/AGAIN}}
{{#HAS_IMPORT_NOTES}}<h2 class="kern-heading-medium">Hinweise zur Umwandlung</h2>
<ul class="kern-list">{{#IMPORT_NOTES}}<li>{{TEXT}}</li>{{/IMPORT_NOTES}}</ul>{{/HAS_IMPORT_NOTES}}
{{#RESULT_REPORT}}<section aria-labelledby="bericht-ergebnis" class="opgv-stack">
<h2 class="kern-heading-medium" id="bericht-ergebnis">Prüfbericht: Daten im Modell</h2>
{{>REPORT_INCLUDE}}
</section>{{/RESULT_REPORT}}
{{#SOURCE_REPORT}}<section aria-labelledby="bericht-quelle" class="opgv-stack">
<h2 class="kern-heading-medium" id="bericht-quelle">Prüfbericht: Quelldatei</h2>
{{#SOURCE_VALID}}<p class="kern-body">Die Quelldatei ließ sich vollständig lesen; jede Zelle passt zu ihrer Spalte.</p>{{/SOURCE_VALID}}
{{#SOURCE_INVALID}}<p class="kern-body"><strong>{{ERRORS}} Zellen der Quelldatei passen nicht zu ihrer Spalte</strong> (z. B. Text in einer Zahlenspalte). Ihre Zeilen zählen als fehlerhaft.</p>{{/SOURCE_INVALID}}
{{>REPORT_INCLUDE}}
</section>{{/SOURCE_REPORT}}
<p><a class="kern-link" href="{{D_URL}}">Zurück zum Datensatz</a></p>
</div>
