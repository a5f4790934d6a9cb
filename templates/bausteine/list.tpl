{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Bausteine</h1>
<p class="kern-body opgv-prose">Vorlagen, Checklisten, Playbooks, Methodenkarten und rechtliche Hilfsmittel für jede Phase Ihres Datenprojekts: Überzeugen, Umsetzen, Integrieren. Jeder Baustein lässt sich als Word-, LibreOffice- und PDF-Datei herunterladen; Vorlagen füllen Sie vorher mit den Angaben Ihrer Kommune.</p>
<form method="get" action="/bausteine" role="search" class="opgv-library" aria-label="Bausteine durchsuchen">
{{#SEARCH_ERROR}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Die Suche konnte so nicht ausgeführt werden</h2><p class="kern-body">{{MESSAGE}}</p></div>{{/SEARCH_ERROR}}
<div class="opgv-search__row">
  <div class="kern-form-input opgv-search__field">
    <label class="kern-label" for="b-q">Suchbegriffe</label>
    <p class="kern-hint" id="b-q-hint">Zum Beispiel „Verwaltungsspitze“, „Auftragsverarbeitung“ oder „Workshop“.</p>
    <input class="kern-form-input__input" id="b-q" name="q" type="search" value="{{FIELD_Q_VALUE}}" aria-describedby="b-q-hint" maxlength="500">
  </div>
  <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Suchen</span></button>
</div>
<div class="opgv-library__layout">
<div class="opgv-library__filters">
<h2 class="kern-heading-small">Filter</h2>
{{#MERKLISTE_FILTER}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="f-merkliste" name="merkliste" value="1"{{#MERKLISTE_CHECKED}} checked{{/MERKLISTE_CHECKED}}><label class="kern-label" for="f-merkliste">Nur meine Merkliste</label></div>{{/MERKLISTE_FILTER}}
{{#FACETS}}<fieldset class="kern-fieldset opgv-facet">
<legend class="kern-label">{{FACET_LABEL}}</legend>
<div class="kern-fieldset__body">
{{#FACET_VALUES}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="{{F_ID}}" name="{{F_KEY}}" value="{{F_VALUE}}"{{#F_CHECKED}} checked{{/F_CHECKED}}><label class="kern-label" for="{{F_ID}}">{{F_LABEL}} <span class="opgv-meta">({{F_COUNT}})</span></label></div>
{{/FACET_VALUES}}
</div>
</fieldset>
{{/FACETS}}
<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Filter anwenden</span></button>
<p class="kern-body"><a class="kern-link" href="/bausteine">Alle Filter zurücksetzen</a></p>
</div>
<div class="opgv-library__results">
<h2 class="kern-heading-medium" id="ergebnisse" aria-live="polite">{{#TOTAL_ONE}}1 Baustein{{/TOTAL_ONE}}{{#TOTAL_MANY}}{{TOTAL}} Bausteine{{/TOTAL_MANY}}{{#QUERY}} für „{{TEXT}}“{{/QUERY}}</h2>
{{#NO_RESULTS}}<p class="kern-body">Nichts gefunden. Versuchen Sie andere oder weniger Begriffe, oder setzen Sie Filter zurück.</p>{{/NO_RESULTS}}
{{#HAS_ITEMS}}<ol class="opgv-list opgv-uc-list">{{/HAS_ITEMS}}
{{#ITEMS}}<li class="opgv-tile opgv-uc-item">
<h3 class="kern-heading-small"><a class="kern-link" href="/bausteine/{{I_SLUG}}">{{I_TITLE}}</a></h3>
<p class="opgv-meta"><span class="opgv-badge">{{I_TYP}}</span> {{I_PHASEN}}{{#I_ZEIT}} · {{TEXT}}{{/I_ZEIT}}{{#I_MERKLISTE}} · auf Ihrer Merkliste{{/I_MERKLISTE}}</p>
<p class="kern-body">{{I_ZWECK}}</p>
{{#SNIPPET}}<p class="kern-body opgv-snippet">{{#PARTS}}{{#HIT}}<mark>{{TEXT}}</mark>{{/HIT}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{/PARTS}}</p>{{/SNIPPET}}
</li>
{{/ITEMS}}
{{#HAS_ITEMS}}</ol>{{/HAS_ITEMS}}
<p class="kern-body opgv-meta">Diese Ergebnisse als JSON: <a class="kern-link" href="{{API_URL}}">API-Abfrage</a>.</p>
</div>
</div>
</form>
