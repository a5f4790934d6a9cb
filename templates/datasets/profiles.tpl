{{%AUTOESCAPE context="HTML"}}
<div class="opgv-stack">
<h1 class="kern-heading-large">Import-Profile</h1>
<p class="kern-body opgv-prose">Jede Zuordnung von Spalten zu einem Modell wird als Import-Profil Ihrer Organisation gespeichert, jede Änderung als neue Fassung. Eine Fassung lässt sich als Datei herunterladen und auf der Kommandozeile ausführen: <code>opgv import --profile profil.json datei.csv</code> (siehe <a class="kern-link" href="/daten">Daten</a>).</p>
{{#ORGANISATIONS}}<h2 class="kern-heading-medium">{{O_NAME}}</h2>
{{#NONE}}<p class="kern-body">Noch keine Import-Profile. Sie entstehen beim <a class="kern-link" href="/daten/datensaetze/neu">Hochladen eines Datensatzes</a>.</p>{{/NONE}}
{{#HAS_PROFILES}}<table class="opgv-table opgv-table--stack"><caption class="kern-sr-only">Import-Profile von {{O_NAME}}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Modell / Tabelle</th><th scope="col">Fassung</th><th scope="col">Geändert</th></tr></thead>
<tbody>{{#PROFILES}}<tr><th scope="row"><a class="kern-link" href="{{P_URL}}">{{P_NAME}}</a></th><td>{{P_MODEL}}</td><td>{{P_VERSION}}</td><td>{{P_UPDATED}}</td></tr>{{/PROFILES}}</tbody></table>{{/HAS_PROFILES}}
{{/ORGANISATIONS}}
{{#NO_ORGANISATION}}<p class="kern-body">Import-Profile gehören zu einer Organisation. <a class="kern-link" href="/kommunen">Ihrer Kommune beitreten</a>.</p>{{/NO_ORGANISATION}}
</div>
