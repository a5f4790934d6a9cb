{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">{{D_TITLE}}</h1>
<dl class="opgv-facts">
<dt>Organisation</dt><dd>{{D_ORGANISATION}}</dd>
<dt>Datenmodell</dt><dd><a class="kern-link" href="/daten/modelle/{{D_MODEL_SLUG}}">{{D_MODEL}}</a>, Tabelle <code>{{D_RESOURCE}}</code></dd>
<dt>Angelegt</dt><dd>{{D_CREATED}}</dd>
</dl>
{{#PENDING}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">Version {{V_NUMBER}}: {{V_STATUS}}. <a class="kern-link" href="{{V_URL}}">Zur Version {{V_NUMBER}}</a></p></div></div>{{/PENDING}}
<p class="opgv-actions"><a class="kern-btn kern-btn--primary" href="/daten/datensaetze/neu?datensatz={{D_ID}}"><span class="kern-label">Neue Version hochladen</span></a>{{#CAN_DELETE}} <a class="kern-link" href="{{URL}}">Datensatz löschen …</a>{{/CAN_DELETE}}</p>
{{#NO_DATA}}<p class="kern-body">Noch keine Version übernommen.</p>{{/NO_DATA}}
{{#DOWNLOADS}}<h2 class="kern-heading-medium">Herunterladen (Version {{VERSION}})</h2>
<ul class="kern-list"><li><a class="kern-link" href="{{CSV}}" download>Daten als CSV (UTF-8, Komma)</a></li><li><a class="kern-link" href="{{XLSX}}" download>Daten als Excel-Tabelle (XLSX)</a></li><li><a class="kern-link" href="{{JSON}}" download>Daten als JSON</a></li></ul>{{/DOWNLOADS}}
{{#PREVIEW}}<h2 class="kern-heading-medium" id="vorschau" tabindex="-1">Daten (Version {{VERSION}}, {{TOTAL}} Zeilen)</h2>
{{#EMPTY_PAGE}}<p class="kern-body">Auf dieser Seite gibt es keine Zeilen mehr. <a class="kern-link" href="?seite=1#vorschau">Zur ersten Seite</a></p>{{/EMPTY_PAGE}}
{{#HAS_ROWS}}<p class="kern-body opgv-meta">Zeilen {{FROM}} bis {{TO}} von {{TOTAL}}.</p>
<div class="opgv-table-wrap" role="region" aria-label="Daten, Zeilen {{FROM}} bis {{TO}}" tabindex="0">
<table class="opgv-table"><caption class="kern-sr-only">Daten der Version {{VERSION}}, Zeilen {{FROM}} bis {{TO}}</caption>
<thead><tr><th scope="col">Zeile</th>{{#HEADER}}<th scope="col"><code>{{NAME}}</code></th>{{/HEADER}}</tr></thead>
<tbody>{{#ROWS}}<tr><th scope="row">{{ROW}}</th>{{#CELLS}}<td>{{TEXT}}</td>{{/CELLS}}</tr>{{/ROWS}}</tbody></table></div>{{/HAS_ROWS}}
{{#PAGER}}<nav class="opgv-pager" aria-label="Seiten der Daten"><p class="kern-body">Seite {{PAGE}} von {{PAGES}}</p>
<ul class="opgv-pager__list">{{#PREV}}<li><a class="kern-link" rel="prev" href="{{URL}}">Vorherige Seite</a></li>{{/PREV}}{{#NEXT}}<li><a class="kern-link" rel="next" href="{{URL}}">Nächste Seite</a></li>{{/NEXT}}</ul></nav>{{/PAGER}}
{{/PREVIEW}}
<h2 class="kern-heading-medium">Versionen</h2>
<div class="opgv-table-wrap" role="region" aria-label="Versionen" tabindex="0">
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Versionen, neueste zuerst</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Datei</th><th scope="col">Stand</th><th scope="col">Zeilen</th><th scope="col">Hochgeladen</th></tr></thead>
<tbody>{{#VERSIONS}}<tr><th scope="row"><a class="kern-link" href="{{V_URL}}">Version {{V_NUMBER}}</a>{{#V_CURRENT}} (aktuell){{/V_CURRENT}}</th><td>{{V_FILE}}</td><td>{{V_STATUS}}</td><td>{{V_ROWS}}</td><td>{{V_DATE}}</td></tr>{{/VERSIONS}}</tbody></table></div>
</div>
