{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Meine Kommune finden</h1>
<p class="kern-body">Suchen Sie Ihre Kommune nach Name, Postleitzahl oder Amtlichem Gemeindeschlüssel (AGS). Das Verzeichnis enthält alle Gemeinden (Stand 2011) und Landkreise (Stand 2017) nach dem Gemeindeverzeichnis des Statistischen Bundesamts.</p>
{{#HAS_FORM_ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2><ul class="kern-list">{{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}</ul></div>{{/HAS_FORM_ERRORS}}
<form method="get" action="/kommunen" role="search" class="opgv-form opgv-search">
<div class="kern-form-input{{#FIELD_Q_ERROR}} kern-form-input--error{{/FIELD_Q_ERROR}}">
  <label class="kern-label" for="kommune-suche">Name, PLZ oder AGS</label>
  <p class="kern-hint" id="kommune-suche-hint">Zum Beispiel „Flensburg“, „24937“ oder „01001000“.</p>
  {{#FIELD_Q_ERROR}}<p class="kern-error" id="kommune-suche-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_Q_ERROR}}
  <input class="kern-form-input__input" id="kommune-suche" name="q" type="search" value="{{FIELD_Q_VALUE}}" autocomplete="off" aria-describedby="kommune-suche-hint{{#FIELD_Q_ERROR}} kommune-suche-error{{/FIELD_Q_ERROR}}">
</div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Suchen</span></button>
</form>
{{#SEARCHED}}<h2 class="kern-heading-medium" id="ergebnisse">{{RESULT_COUNT}} Treffer für „{{QUERY}}“</h2>{{/SEARCHED}}
{{#NO_RESULTS}}<p class="kern-body">Keine Kommune gefunden. Prüfen Sie die Schreibweise oder suchen Sie nach der Postleitzahl.</p>{{/NO_RESULTS}}
{{#MORE_RESULTS}}<p class="kern-body">Es werden die ersten 50 Treffer angezeigt. Bitte grenzen Sie die Suche ein.</p>{{/MORE_RESULTS}}
{{#HAS_RESULTS}}<ul class="kern-list opgv-results">{{/HAS_RESULTS}}
{{#RESULTS}}<li><a class="kern-link" href="/kommunen/{{K_AGS}}">{{K_NAME}}</a> <span class="opgv-meta">{{K_TYP}}, {{K_LAND}} · PLZ {{K_PLZ}} · AGS {{K_AGS}}</span></li>{{/RESULTS}}
{{#HAS_RESULTS}}</ul>{{/HAS_RESULTS}}
