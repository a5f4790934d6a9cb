{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Versionen: {{B_TITLE}}</h1>
<p class="kern-body">Jede Fassung bleibt erhalten. <a class="kern-link" href="/bausteine/{{B_SLUG}}">Zur aktuellen Fassung</a></p>
<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Versionen, neueste zuerst</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Erstellt am</th><th scope="col">Von</th><th scope="col">Notiz</th></tr></thead>
<tbody>{{#VERSIONS}}<tr><th scope="row"><a class="kern-link" href="/bausteine/{{B_SLUG}}/versionen/{{V_NUMBER}}">Version {{V_NUMBER}}</a></th><td>{{V_DATE}}</td><td>{{V_BY}}</td><td>{{V_NOTE}}</td></tr>{{/VERSIONS}}</tbody></table>
