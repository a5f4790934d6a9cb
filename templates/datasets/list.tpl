{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Datensätze</h1>
<p class="kern-body opgv-prose">Datensätze gehören zu Ihrer Organisation und haben die Form eines <a class="kern-link" href="/daten/modelle">Datenmodells</a>. Jede hochgeladene Datei wird geprüft und als neue Version gespeichert; fehlerhafte Zeilen gehen nicht verloren, sondern liegen in einer eigenen Datei.</p>
{{#NO_ORGANISATION}}<div class="kern-alert kern-alert--info" role="note"><div class="kern-alert__body"><p class="kern-body">Um Datensätze anzulegen, müssen Sie Mitglied einer Organisation sein. <a class="kern-link" href="/kommunen">Ihre Kommune finden und beitreten</a>.</p></div></div>{{/NO_ORGANISATION}}
<p class="opgv-actions"><a class="kern-btn kern-btn--primary" href="/daten/datensaetze/neu"><span class="kern-label">Neuen Datensatz hochladen</span></a> <a class="kern-link" href="/daten/importprofile">Import-Profile Ihrer Organisationen</a> · <a class="kern-link" href="/daten/datensaetze/pruefen">Nur eine Datei prüfen (ohne Speichern)</a></p>
{{#HAS_DATASETS}}<div class="opgv-table-wrap" role="region" aria-label="Ihre Datensätze" tabindex="0">
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Datensätze Ihrer Organisationen, zuletzt geänderte zuerst</caption>
<thead><tr><th scope="col">Titel</th><th scope="col">Organisation</th><th scope="col">Datenmodell</th><th scope="col">Zeilen</th><th scope="col">Geändert</th></tr></thead>
<tbody>{{#DATASETS}}<tr><th scope="row"><a class="kern-link" href="{{D_URL}}">{{D_TITLE}}</a></th><td>{{D_ORGANISATION}}</td><td>{{D_MODEL}}</td><td>{{D_ROWS}}</td><td>{{D_UPDATED}}</td></tr>{{/DATASETS}}</tbody></table></div>{{/HAS_DATASETS}}
{{#NO_DATASETS}}<p class="kern-body">Noch keine Datensätze.</p>{{/NO_DATASETS}}
</div>
