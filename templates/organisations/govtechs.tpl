{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">GovTechs</h1>
<p class="kern-body">Unternehmen, die mit Kommunen an Datenprojekten arbeiten. Mit Beispiel markierte Einträge sind fiktive Demo-Inhalte.</p>
<p class="kern-body"><a class="kern-link" href="/organisationen/neu">Ihr Unternehmen eintragen</a> · <a class="kern-link" href="/api/docs">API-Dokumentation für Entwicklerinnen und Entwickler</a></p>
{{#NO_ORGS}}<p class="kern-body">Noch keine Einträge.</p>{{/NO_ORGS}}
{{#ORGS}}<article class="kern-card"><div class="kern-card__container"><div class="kern-card__header"><h2 class="kern-heading-small"><a class="kern-link" href="/organisationen/{{O_ID}}">{{O_NAME}}</a></h2>{{#O_EXAMPLE}}<span class="kern-badge kern-badge--info"><span class="kern-label kern-label--small">Beispiel (fiktiv)</span></span>{{/O_EXAMPLE}}</div>
<div class="kern-card__body">{{#O_DESCRIPTION}}<p class="kern-body">{{O_DESCRIPTION_TEXT}}</p>{{/O_DESCRIPTION}}</div></div></article>{{/ORGS}}
