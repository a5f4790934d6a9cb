{{%AUTOESCAPE context="HTML"}}
<article class="opgv-usecase opgv-baustein opgv-stack">
<h1 class="kern-heading-large">{{B_TITLE}}</h1>
{{#OLD_VERSION}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">Sie sehen Version {{NUMBER}} vom {{DATE}}. <a class="kern-link" href="/bausteine/{{B_SLUG}}">Zur aktuellen Fassung</a> · <a class="kern-link" href="/bausteine/{{B_SLUG}}/versionen">Alle Versionen</a></p></div></div>{{/OLD_VERSION}}
{{#SEED_CONFLICT}}<div class="kern-alert kern-alert--warning" role="status"><div class="kern-alert__body"><p class="kern-body"><strong>Import-Konflikt:</strong> {{TEXT}}</p></div></div>{{/SEED_CONFLICT}}
<p class="kern-body opgv-lead">{{B_ZWECK}}</p>
{{#LEGAL_NOTICE}}<div class="kern-alert kern-alert--warning" role="note"><div class="kern-alert__body"><p class="kern-body">{{TEXT}}</p></div></div>{{/LEGAL_NOTICE}}
<dl class="kern-description-list opgv-uc-facts">
{{#FACTS}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">{{LABEL}}</dt><dd class="kern-description-list-item__value">{{VALUE}}</dd></div>{{/FACTS}}
{{#PREREQUISITES}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Voraussetzungen</dt><dd class="kern-description-list-item__value"><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></dd></div>{{/PREREQUISITES}}
<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Version</dt><dd class="kern-description-list-item__value">{{B_VERSION}}{{#B_UPDATED}} vom {{B_UPDATED}}{{/B_UPDATED}} · <a class="kern-link opgv-no-print" href="/bausteine/{{B_SLUG}}/versionen">Versionen</a></dd></div>
<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Zuletzt geprüft am</dt><dd class="kern-description-list-item__value">{{B_REVIEWED}}</dd></div>
{{#USAGE}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Genutzt in</dt><dd class="kern-description-list-item__value">{{COUNT}} Projekt(en)</dd></div>{{/USAGE}}
<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Lizenz</dt><dd class="kern-description-list-item__value">CC BY 4.0 (Namensnennung)</dd></div>
</dl>
{{#CURRENT}}<section class="opgv-panel opgv-no-print" aria-labelledby="nutzen-titel">
<h2 class="kern-heading-small" id="nutzen-titel">Nutzen und herunterladen</h2>
{{#CAN_FILL}}<p class="kern-body"><a class="kern-btn kern-btn--primary" href="/bausteine/{{B_SLUG}}/ausfuellen"><span class="kern-label">Ausfüllen und herunterladen</span></a></p>{{/CAN_FILL}}
<p class="kern-body">{{#CAN_FILL}}Oder unausgefüllt herunterladen:{{/CAN_FILL}}{{#NO_FILL}}Herunterladen:{{/NO_FILL}}</p>
<ul class="kern-list">{{#DOWNLOADS}}<li><a class="kern-link" href="{{URL}}">{{LABEL}}{{#SIZE}}, {{TEXT}}{{/SIZE}}{{#ON_REQUEST}}, wird beim Herunterladen erzeugt (einige Sekunden){{/ON_REQUEST}}{{#PAGE}}, öffnet eine druckbare Seite{{/PAGE}}</a></li>{{/DOWNLOADS}}</ul>
{{#ON_MERKLISTE}}<form method="post" action="/bausteine/{{B_SLUG}}/merken" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="entfernen"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Von der Merkliste entfernen</span></button></form>{{/ON_MERKLISTE}}
{{#NOT_ON_MERKLISTE}}<form method="post" action="/bausteine/{{B_SLUG}}/merken" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Auf die Merkliste</span></button></form>{{/NOT_ON_MERKLISTE}}
{{#MERKLISTE_LOGIN}}<p class="kern-body"><a class="kern-link" href="/anmelden?weiter={{NEXT}}">Melden Sie sich an</a>, um Bausteine auf Ihre Merkliste zu setzen und Checklisten zu speichern.</p>{{/MERKLISTE_LOGIN}}
{{#CAN_EDIT}}<p class="kern-body"><a class="kern-link" href="/bausteine/{{B_SLUG}}/bearbeiten">Baustein bearbeiten (Redaktion)</a></p>{{/CAN_EDIT}}
</section>{{/CURRENT}}
{{#LERNZIELE}}<section aria-labelledby="lernziele"><h2 class="kern-heading-medium" id="lernziele">Lernziele</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></section>{{/LERNZIELE}}
<div class="opgv-prose">{{BODY_MARKDOWN:none}}</div>
{{#CHECKLIST}}<section id="checkliste" aria-labelledby="checkliste-titel">
<h2 class="kern-heading-medium" id="checkliste-titel">Checkliste</h2>
{{#CAN_SAVE}}<p class="kern-body">{{DONE}} von {{TOTAL}} Punkten erledigt.</p>{{/CAN_SAVE}}
<form method="post" action="/bausteine/{{B_SLUG}}/checkliste" class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="kern-fieldset"><legend class="kern-label">Punkte zum Abhaken</legend><div class="kern-fieldset__body">
{{#ITEMS}}<div class="kern-form-check opgv-check-item"><input class="kern-form-check__checkbox" type="checkbox" id="punkt-{{P_INDEX}}" name="punkt" value="{{P_INDEX}}"{{#P_CHECKED}} checked{{/P_CHECKED}} aria-describedby="punkt-{{P_INDEX}}-info"><label class="kern-label" for="punkt-{{P_INDEX}}">{{P_NUMBER}}. {{P_TEXT}}</label></div>
<div class="opgv-check-info" id="punkt-{{P_INDEX}}-info">{{#P_ERLAEUTERUNG}}<p class="kern-body">{{TEXT}}</p>{{/P_ERLAEUTERUNG}}{{#P_QUELLE}}<p class="kern-body opgv-meta">Rechtsquelle: {{TEXT}}</p>{{/P_QUELLE}}{{#P_WARUM}}<p class="kern-body opgv-meta">Warum: {{TEXT}}</p>{{/P_WARUM}}</div>
{{/ITEMS}}
</div></fieldset>
{{#CAN_SAVE}}<button type="submit" class="kern-btn kern-btn--primary opgv-no-print"><span class="kern-label">Stand speichern</span></button>{{/CAN_SAVE}}
{{#LOGIN}}<p class="kern-body opgv-no-print">Angemeldet können Sie Ihren Stand speichern; sonst drucken Sie die Liste aus.</p>{{/LOGIN}}
</form>
</section>{{/CHECKLIST}}
{{#PLAYBOOK}}<section aria-labelledby="pb-ziel"><h2 class="kern-heading-medium" id="pb-ziel">Ziel</h2><p class="kern-body">{{ZIEL}}</p></section>
{{#ROLLEN}}<section aria-labelledby="pb-rollen"><h2 class="kern-heading-medium" id="pb-rollen">Rollen</h2>
<table class="opgv-table opgv-table--stack"><thead><tr><th scope="col">Rolle</th><th scope="col">Aufgabe</th></tr></thead><tbody>{{#ROWS}}<tr><th scope="row">{{ROLLE}}</th><td>{{AUFGABE}}</td></tr>{{/ROWS}}</tbody></table></section>{{/ROLLEN}}
{{#REGELN}}<section aria-labelledby="pb-regeln"><h2 class="kern-heading-medium" id="pb-regeln">Entscheidungsregeln</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></section>{{/REGELN}}
<section aria-labelledby="pb-schritte"><h2 class="kern-heading-medium" id="pb-schritte">Schritte</h2><ol class="kern-list">{{#SCHRITTE}}<li><strong>{{TITEL}}:</strong> {{TEXT}}</li>{{/SCHRITTE}}</ol></section>
{{#FALLSTRICKE}}<section aria-labelledby="pb-fallstricke"><h2 class="kern-heading-medium" id="pb-fallstricke">Fallstricke</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></section>{{/FALLSTRICKE}}
{{/PLAYBOOK}}
{{#METHODENKARTE}}<section aria-labelledby="mk-blick"><h2 class="kern-heading-medium" id="mk-blick">Auf einen Blick</h2>
<dl class="kern-description-list"><div class="kern-description-list-item"><dt class="kern-description-list-item__key">Ziel</dt><dd class="kern-description-list-item__value">{{ZIEL}}</dd></div>
{{#DAUER}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Dauer</dt><dd class="kern-description-list-item__value">{{DAUER}}</dd></div>{{/DAUER}}
<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Teilnehmende</dt><dd class="kern-description-list-item__value">{{TEILNEHMENDE}}</dd></div></dl></section>
{{#MATERIAL}}<section aria-labelledby="mk-material"><h2 class="kern-heading-medium" id="mk-material">Material</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></section>{{/MATERIAL}}
<section aria-labelledby="mk-ablauf"><h2 class="kern-heading-medium" id="mk-ablauf">Ablauf</h2>
<table class="opgv-table opgv-table--stack"><thead><tr><th scope="col">Schritt</th><th scope="col">Minuten</th><th scope="col">Was passiert</th></tr></thead><tbody>{{#ABLAUF}}<tr><th scope="row">{{SCHRITT}}</th><td>{{MINUTEN}} Minuten</td><td>{{TEXT}}</td></tr>{{/ABLAUF}}</tbody></table></section>
{{#VARIANTEN}}<section aria-labelledby="mk-varianten"><h2 class="kern-heading-medium" id="mk-varianten">Varianten</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></section>{{/VARIANTEN}}
<section aria-labelledby="mk-hinweise"><h2 class="kern-heading-medium" id="mk-hinweise">Hinweise für die Verwaltung</h2>{{#HINWEISE}}<h3 class="kern-heading-small">{{LABEL}}</h3><p class="kern-body">{{TEXT}}</p>{{/HINWEISE}}</section>
{{/METHODENKARTE}}
{{#SLIDES}}<section class="opgv-panel" aria-labelledby="folie-{{S_NUMBER}}"><h2 class="kern-heading-small" id="folie-{{S_NUMBER}}">Folie {{S_NUMBER}}: {{S_TITLE}}</h2><ul class="kern-list">{{#S_POINTS}}<li>{{TEXT}}</li>{{/S_POINTS}}</ul>{{#S_NOTES}}<p class="kern-body opgv-meta">Sprechernotiz: {{TEXT}}</p>{{/S_NOTES}}</section>{{/SLIDES}}
{{#USE_CASES}}<section aria-labelledby="use-cases-titel"><h2 class="kern-heading-medium" id="use-cases-titel">Eingesetzt in diesen Use Cases</h2><ul class="kern-list">{{#ITEMS}}<li><a class="kern-link" href="/use-cases/{{SLUG}}">{{TITLE}}</a></li>{{/ITEMS}}</ul></section>{{/USE_CASES}}
{{#SOURCES}}<section aria-labelledby="quellen-titel"><h2 class="kern-heading-medium" id="quellen-titel">Quellen</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul></section>{{/SOURCES}}
</article>
