{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Anträge prüfen</h1>
<p class="kern-body">Weitere Aufgaben der Redaktion: <a class="kern-link" href="/redaktion/use-cases">Use Cases prüfen</a>.</p>
<p class="kern-body">Neue Organisationen und erste Organisations-Admins von Kommunen. Prüfen Sie, ob die Person plausibel für die Organisation spricht (z. B. dienstliche E-Mail-Adresse).</p>
{{#NO_APPLICATIONS}}<p class="kern-body">Keine offenen Anträge.</p>{{/NO_APPLICATIONS}}
{{#APPLICATIONS}}<article class="kern-card"><div class="kern-card__container"><div class="kern-card__body">
<h2 class="kern-heading-small">{{O_NAME}}</h2><p class="kern-body">{{O_TYPE}}{{#O_ART}} – {{O_ART_LABEL}}{{/O_ART}}</p>
{{#O_WEBSITE}}<p class="kern-body">Website: {{O_WEBSITE_URL}}</p>{{/O_WEBSITE}}
<ul class="kern-list">{{#A_MEMBERS}}<li>{{M_NAME}} ({{M_ROLE}}){{#M_EMAIL}} – {{M_EMAIL_TEXT}}{{/M_EMAIL}}</li>{{/A_MEMBERS}}</ul>
<form method="post" action="/redaktion/antraege/{{O_ID}}/entscheiden" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" name="decision" value="bestaetigen" class="kern-btn kern-btn--primary"><span class="kern-label">Bestätigen<span class="kern-sr-only">: {{O_NAME}}</span></span></button>
<button type="submit" name="decision" value="ablehnen" class="kern-btn kern-btn--tertiary"><span class="kern-label">Ablehnen<span class="kern-sr-only">: {{O_NAME}}</span></span></button></form>
</div></div></article>{{/APPLICATIONS}}
