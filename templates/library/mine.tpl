{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Meine Use Cases</h1>
<p class="kern-body"><a class="kern-link" href="/use-cases/neu">Neuen Use Case einreichen</a></p>
{{#NONE}}<p class="kern-body">Sie haben noch keinen Use Case angelegt.</p>{{/NONE}}
{{#HAS_ROWS}}<div class="opgv-table-wrap"><table class="opgv-table"><caption class="kern-sr-only">Ihre Use Cases</caption><thead><tr><th scope="col">Titel</th><th scope="col">Status</th><th scope="col">Zuletzt geändert</th></tr></thead><tbody>{{/HAS_ROWS}}
{{#ROWS}}<tr><th scope="row"><a class="kern-link" href="/use-cases/{{R_SLUG}}">{{R_TITLE}}</a></th><td>{{R_STATE}}</td><td>{{R_UPDATED}}</td></tr>{{/ROWS}}
{{#HAS_ROWS}}</tbody></table></div>{{/HAS_ROWS}}
