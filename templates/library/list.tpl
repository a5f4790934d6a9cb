{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Use Cases</h1>
<p class="kern-body opgv-prose">Erprobte kommunale Datenprojekte: Ausgangslage, Lösung, Wirkung mit Kennzahlen und der Weg dorthin – zum Nachnutzen. Beispiele mit fiktiven Kommunen sind als „(fiktiv)“ gekennzeichnet.</p>
<p class="kern-body">{{#CAN_SUBMIT}}<a class="kern-link" href="/use-cases/neu">Eigenen Use Case einreichen</a> · <a class="kern-link" href="/use-cases/meine">Meine Use Cases</a>{{/CAN_SUBMIT}}{{#SUBMIT_LOGIN}}<a class="kern-link" href="/anmelden?weiter=%2Fuse-cases%2Fneu">Anmelden und eigenen Use Case einreichen</a>{{/SUBMIT_LOGIN}}{{#IS_REDAKTION}} · <a class="kern-link" href="/redaktion/use-cases">Use Cases prüfen</a>{{/IS_REDAKTION}}</p>
<form method="get" action="/use-cases" role="search" class="opgv-library" aria-label="Use Cases durchsuchen">
{{#SEARCH_ERROR}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Die Suche konnte so nicht ausgeführt werden</h2><p class="kern-body">{{MESSAGE}}</p></div>{{/SEARCH_ERROR}}
<div class="opgv-search__row">
  <div class="kern-form-input opgv-search__field">
    <label class="kern-label" for="uc-q">Suchbegriffe</label>
    <p class="kern-hint" id="uc-q-hint">Zum Beispiel „Sozialraum“, „Kita Planung“ oder „Hundesteuer“. Gesucht wird in Titel, Kurzbeschreibung und Text.</p>
    <input class="kern-form-input__input" id="uc-q" name="q" type="search" value="{{FIELD_Q_VALUE}}" aria-describedby="uc-q-hint" maxlength="500">
  </div>
  <div class="kern-form-input">
    <label class="kern-label" for="uc-sort">Sortierung</label>
    <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="uc-sort" name="sort">
      <option value="relevanz"{{#SORT_relevanz}} selected{{/SORT_relevanz}}>Relevanz</option>
      <option value="neueste"{{#SORT_neueste}} selected{{/SORT_neueste}}>Neueste zuerst</option>
      <option value="nachnutzungen"{{#SORT_nachnutzungen}} selected{{/SORT_nachnutzungen}}>Am häufigsten nachgenutzt</option>
    </select></div>
  </div>
  <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Suchen</span></button>
</div>
{{#PER_PAGE}}<input type="hidden" name="per_page" value="{{VALUE}}">{{/PER_PAGE}}
<div class="opgv-library__layout">
<div class="opgv-library__filters">
<h2 class="kern-heading-small">Filter</h2>
{{#FIT}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="f-passt" name="passt" value="1"{{#FIT_CHECKED}} checked{{/FIT_CHECKED}}><label class="kern-label" for="f-passt">Passt zu meiner Kommune ({{KOMMUNE}})</label></div>
<p class="kern-hint">Mindestens zwei Gemeinsamkeiten: Größenklasse, Verwaltungstyp, Bundesland oder von einer ähnlichen Kommune nachgenutzt.</p>{{/FIT}}
{{#FACETS}}<fieldset class="kern-fieldset opgv-facet">
<legend class="kern-label">{{FACET_LABEL}}</legend>
<div class="kern-fieldset__body">
{{#FACET_VALUES}}<div class="kern-form-check"><input class="kern-form-check__checkbox" type="checkbox" id="{{F_ID}}" name="{{F_KEY}}" value="{{F_VALUE}}"{{#F_CHECKED}} checked{{/F_CHECKED}}><label class="kern-label" for="{{F_ID}}">{{F_LABEL}} <span class="opgv-meta">({{F_COUNT}})</span></label></div>
{{/FACET_VALUES}}
</div>
</fieldset>
{{/FACETS}}
<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Filter anwenden</span></button>
<p class="kern-body"><a class="kern-link" href="/use-cases">Alle Filter zurücksetzen</a></p>
</div>
<div class="opgv-library__results">
<h2 class="kern-heading-medium" id="ergebnisse" aria-live="polite">{{#TOTAL_ONE}}1 Use Case{{/TOTAL_ONE}}{{#TOTAL_MANY}}{{TOTAL}} Use Cases{{/TOTAL_MANY}}{{#QUERY}} für „{{TEXT}}“{{/QUERY}}</h2>
{{#ANY_WORD}}<p class="kern-body">Kein Use Case enthält alle Suchbegriffe. Angezeigt werden Use Cases, die mindestens einen der Begriffe enthalten.</p>{{/ANY_WORD}}
{{#NO_RESULTS}}<p class="kern-body">Nichts gefunden. Versuchen Sie andere oder weniger Begriffe, oder setzen Sie Filter zurück.</p>{{/NO_RESULTS}}
{{#HAS_ITEMS}}<ol class="opgv-list opgv-uc-list">{{/HAS_ITEMS}}
{{#ITEMS}}<li class="opgv-tile opgv-uc-item">
<h3 class="kern-heading-small"><a class="kern-link" href="/use-cases/{{I_SLUG}}">{{I_TITLE}}</a></h3>
<p class="kern-body">{{I_SUMMARY}}</p>
{{#SNIPPET}}<p class="kern-body opgv-snippet">{{#PARTS}}{{#HIT}}<mark>{{TEXT}}</mark>{{/HIT}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{/PARTS}}</p>{{/SNIPPET}}
<p class="opgv-meta">{{#BADGES}}<span class="opgv-badge">{{TEXT}}</span> {{/BADGES}}{{#REPLICATIONS}}· {{COUNT}} × nachgenutzt {{/REPLICATIONS}}{{#INTERESTS}}· {{COUNT}} interessiert{{/INTERESTS}}</p>
{{#FIT_REASONS}}<p class="opgv-meta">Passt zu Ihrer Kommune: {{#REASONS}}{{TEXT}}; {{/REASONS}}</p>{{/FIT_REASONS}}
</li>
{{/ITEMS}}
{{#HAS_ITEMS}}</ol>{{/HAS_ITEMS}}
{{#PAGER}}<nav class="opgv-pager" aria-label="Seiten"><p class="kern-body">Seite {{PAGE}} von {{PAGES}}</p>
<ul class="opgv-pager__list">{{#PREV}}<li><a class="kern-link" rel="prev" href="{{URL}}">Vorherige Seite</a></li>{{/PREV}}{{#NEXT}}<li><a class="kern-link" rel="next" href="{{URL}}">Nächste Seite</a></li>{{/NEXT}}</ul></nav>{{/PAGER}}
<p class="kern-body opgv-meta">Diese Ergebnisse als JSON: <a class="kern-link" href="{{API_URL}}">API-Abfrage</a>. Die ganze Bibliothek als offene Daten: <a class="kern-link" href="/api/v1/open-data/use-cases.json">JSON</a>, <a class="kern-link" href="/api/v1/open-data/use-cases.csv">CSV</a>.</p>
</div>
</div>
</form>
