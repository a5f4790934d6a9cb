{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Ausfüllen: {{B_TITLE}}</h1>
<p class="kern-body opgv-prose">Tragen Sie ein, was in die Vorlage gehört. Angaben aus Ihrem Konto und Ihrer Organisation sind schon eingesetzt; Sie können sie ändern. Leere Felder erscheinen im Dokument als Platzhalter in eckigen Klammern. Gespeichert wird nichts: Die Angaben gehen nur in Ihre Datei.</p>
{{#ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Bitte prüfen Sie Ihre Angaben</h2><ul class="kern-list">{{#ITEMS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{TEXT}}</a></li>{{/ITEMS}}</ul></div>{{/ERRORS}}
<form method="post" action="/bausteine/{{B_SLUG}}/ausfuellen" class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#FIELDS}}<div class="kern-form-input{{#P_ERROR}} kern-form-input--error{{/P_ERROR}}">
<label class="kern-label" for="{{P_ID}}">{{P_LABEL}}{{#P_PREFILLED}} <span class="opgv-meta">(vorausgefüllt)</span>{{/P_PREFILLED}}</label>
{{#P_HINT}}<p class="kern-hint" id="{{ID}}">{{TEXT}}</p>{{/P_HINT}}
{{#P_ERROR}}<p class="kern-error" id="{{ID}}">{{TEXT}}</p>{{/P_ERROR}}
<input class="kern-form-input__input" type="text" id="{{P_ID}}" name="werte[{{P_KEY}}]" value="{{P_VALUE}}"{{#P_HINT}} aria-describedby="{{ID}}"{{/P_HINT}}{{#P_ERROR}} aria-invalid="true"{{/P_ERROR}}>
</div>
{{/FIELDS}}
<fieldset class="kern-fieldset" id="wert-format"><legend class="kern-label">Dateiformat</legend><div class="kern-fieldset__body">
{{#FORMATS}}<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="{{F_ID}}" name="format" value="{{F_VALUE}}"{{#F_CHECKED}} checked{{/F_CHECKED}}><label class="kern-label" for="{{F_ID}}">{{F_LABEL}}</label></div>{{/FORMATS}}
</div></fieldset>
<p class="kern-hint">Die PDF-Fassung wird auf dem Server erzeugt und braucht einige Sekunden.</p>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Datei erstellen und herunterladen</span></button>
</form>
<p class="kern-body"><a class="kern-link" href="/bausteine/{{B_SLUG}}">Zurück zum Baustein</a></p>
