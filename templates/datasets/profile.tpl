{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Import-Profil {{P_NAME}}</h1>
<p class="kern-body">Modell / Tabelle: {{P_MODEL}}. Format der Datei: <a class="kern-link" href="/daten">Import-Profile</a>; ausführen mit <code>opgv import --profile DATEI.json quelle.csv</code>.</p>
<h2 class="kern-heading-medium">Fassungen</h2>
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Fassungen, neueste zuerst</caption>
<thead><tr><th scope="col">Fassung</th><th scope="col">Gespeichert</th><th scope="col">Datei</th></tr></thead>
<tbody>{{#VERSIONS}}<tr><th scope="row">{{V_NUMBER}}</th><td>{{V_DATE}}</td><td><a class="kern-link" href="{{V_URL}}" download>Fassung {{V_NUMBER}} herunterladen (JSON, {{V_SIZE}})</a></td></tr>{{/VERSIONS}}</tbody></table>
{{#LATEST}}<h2 class="kern-heading-medium">Neueste Fassung</h2>
<div class="opgv-table-wrap" role="region" aria-label="Neueste Fassung als JSON" tabindex="0"><pre><code>{{TEXT:pre_escape}}</code></pre></div>{{/LATEST}}
</div>
