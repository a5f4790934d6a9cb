{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Versionen: {{UC_TITLE}}</h1>
<p class="kern-body">Jede veröffentlichte Fassung bleibt erhalten. <a class="kern-link" href="/use-cases/{{UC_SLUG}}">Zur aktuellen Fassung</a></p>
{{#COMPARE}}<form method="get" action="/use-cases/{{UC_SLUG}}/vergleich" class="opgv-form opgv-inline-form">
<div class="kern-form-input"><label class="kern-label" for="von">Von Version</label><div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="von" name="von">{{#FROM}}<option value="{{V_NUMBER}}"{{#V_SELECTED}} selected{{/V_SELECTED}}>{{V_NUMBER}}</option>{{/FROM}}</select></div></div>
<div class="kern-form-input"><label class="kern-label" for="bis">Bis Version</label><div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="bis" name="bis">{{#TO}}<option value="{{V_NUMBER}}"{{#V_SELECTED}} selected{{/V_SELECTED}}>{{V_NUMBER}}</option>{{/TO}}</select></div></div>
<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Vergleichen</span></button>
</form>{{/COMPARE}}
<div class="opgv-table-wrap"><table class="opgv-table"><caption class="kern-sr-only">Veröffentlichte Versionen, neueste zuerst</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Veröffentlicht am</th><th scope="col">Von</th><th scope="col">Notiz</th></tr></thead>
<tbody>{{#VERSIONS}}<tr><th scope="row"><a class="kern-link" href="/use-cases/{{UC_SLUG}}/versionen/{{V_NUMBER}}">Version {{V_NUMBER}}</a></th><td>{{V_DATE}}</td><td>{{V_BY}}</td><td>{{V_NOTE}}</td></tr>{{/VERSIONS}}</tbody></table></div>
