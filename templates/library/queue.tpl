{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Use Cases prüfen</h1>
<p class="kern-body"><a class="kern-link" href="/redaktion/antraege">Anträge von Organisationen</a></p>
<h2 class="kern-heading-medium">Eingereicht</h2>
{{#QUEUE_EMPTY}}<p class="kern-body">Zurzeit wartet kein Use Case auf Prüfung.</p>{{/QUEUE_EMPTY}}
{{#HAS_ROWS}}<ul class="opgv-list">{{/HAS_ROWS}}{{#ROWS}}<li><a class="kern-link" href="/use-cases/{{R_SLUG}}/pruefen">{{R_TITLE}}</a> <span class="opgv-meta">eingereicht, zuletzt geändert am {{R_UPDATED}}</span></li>{{/ROWS}}{{#HAS_ROWS}}</ul>{{/HAS_ROWS}}
{{#HAS_CONFLICTS}}<h2 class="kern-heading-medium">Konflikte beim Import aus dem Repository</h2>
<p class="kern-body">Diese Dateien wurden geändert, die Use Cases aber auch in der Oberfläche bearbeitet. Der Import hat nichts überschrieben.</p><ul class="opgv-list">{{/HAS_CONFLICTS}}
{{#CONFLICTS}}<li><a class="kern-link" href="/use-cases/{{R_SLUG}}">{{R_TITLE}}</a>{{#R_CONFLICT}}<br><span class="opgv-meta">{{TEXT}}</span>{{/R_CONFLICT}}</li>{{/CONFLICTS}}
{{#HAS_CONFLICTS}}</ul>{{/HAS_CONFLICTS}}
