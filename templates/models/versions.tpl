{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Versionen: {{M_TITLE}}</h1>
<p class="kern-body"><a class="kern-link" href="/daten/modelle/{{M_SLUG}}">Zur aktuellen Fassung</a></p>
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Versionen, neueste zuerst</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Stand</th><th scope="col">Beschreibung</th></tr></thead>
<tbody>{{#VERSIONS}}<tr><th scope="row">{{V_NUMBER}}</th><td>{{V_CURRENT}}</td><td><a class="kern-link" href="{{V_URL}}">datapackage.json {{V_NUMBER}} herunterladen (JSON)</a></td></tr>{{/VERSIONS}}</tbody></table>
{{#CAN_COMPARE}}<h2 class="kern-heading-medium">Versionen vergleichen</h2>
<form method="get" action="/daten/modelle/{{M_SLUG}}/versionen" class="opgv-stack">
<div class="kern-form-input"><label class="kern-label" for="v-von">Ältere Version</label>
<select class="kern-form-input__select" id="v-von" name="von">{{#FROM_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/FROM_OPTIONS}}</select></div>
<div class="kern-form-input"><label class="kern-label" for="v-zu">Neuere Version</label>
<select class="kern-form-input__select" id="v-zu" name="zu">{{#TO_OPTIONS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/TO_OPTIONS}}</select></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Vergleichen</span></button>
</form>{{/CAN_COMPARE}}
{{#DIFF_ERROR}}<div class="opgv-error-summary" role="alert"><p class="kern-body">{{TEXT}}</p></div>{{/DIFF_ERROR}}
{{#DIFF}}<section aria-labelledby="unterschiede">
<h2 class="kern-heading-medium" id="unterschiede">Änderungen von {{FROM}} zu {{TO}}</h2>
{{#SAME}}<p class="kern-body">Die beiden Versionen beschreiben dieselben Tabellen und Felder.</p>{{/SAME}}
{{#ADDED}}<h3 class="kern-heading-small">Neue Tabellen</h3><ul class="kern-list">{{#ITEMS}}<li><code>{{TEXT}}</code></li>{{/ITEMS}}</ul>{{/ADDED}}
{{#REMOVED}}<h3 class="kern-heading-small">Entfernte Tabellen</h3><ul class="kern-list">{{#ITEMS}}<li><code>{{TEXT}}</code></li>{{/ITEMS}}</ul>{{/REMOVED}}
{{#FIELDS}}<h3 class="kern-heading-small">Felder</h3>
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Geänderte Felder</caption>
<thead><tr><th scope="col">Tabelle</th><th scope="col">Feld</th><th scope="col">Änderung</th><th scope="col">Einzelheiten</th></tr></thead>
<tbody>{{#ITEMS}}<tr><td><code>{{D_RESOURCE}}</code></td><th scope="row"><code>{{D_FIELD}}</code></th><td>{{D_KIND}}</td><td>{{D_DETAILS}}</td></tr>{{/ITEMS}}</tbody></table>{{/FIELDS}}
{{#OTHER}}<h3 class="kern-heading-small">Weitere Änderungen</h3><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul>{{/OTHER}}
</section>{{/DIFF}}
