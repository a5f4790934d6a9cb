{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">{{O_NAME}}</h1>
<p class="kern-body">{{O_TYPE}}{{#O_ART}} – {{O_ART_LABEL}}{{/O_ART}}{{#O_EXAMPLE}} · <strong>Beispiel (fiktiv)</strong>{{/O_EXAMPLE}}</p>
{{#O_PENDING}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">Diese Organisation wird von der Redaktion geprüft.</p></div></div>{{/O_PENDING}}
{{#O_DESCRIPTION}}<p class="kern-body">{{O_DESCRIPTION_TEXT}}</p>{{/O_DESCRIPTION}}
<dl class="kern-description-list">
{{#O_WEBSITE}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Website</dt><dd class="kern-description-list-item__value"><a class="kern-link" href="{{O_WEBSITE_URL}}" rel="noopener">{{O_WEBSITE_URL}}</a></dd></div>{{/O_WEBSITE}}
{{#O_CONTACT}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Kontakt</dt><dd class="kern-description-list-item__value">{{O_CONTACT_TEXT}}</dd></div>{{/O_CONTACT}}
{{#KOMMUNE}}<div class="kern-description-list-item"><dt class="kern-description-list-item__key">Kommune</dt><dd class="kern-description-list-item__value"><a class="kern-link" href="/kommunen/{{K_AGS}}">{{K_TYP}}, {{K_LAND}}, {{K_EINWOHNER}} Einwohner ({{K_KLASSE}})</a></dd></div>{{/KOMMUNE}}
</dl>
{{#IS_PENDING}}<p class="kern-body">Ihr Antrag wird geprüft.</p>{{/IS_PENDING}}
{{#CAN_JOIN}}<form method="post" action="/organisationen/{{O_ID}}/beitreten"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Beitritt beantragen</span></button></form>{{/CAN_JOIN}}
{{#HAS_MEMBERS}}<h2 class="kern-heading-medium" id="mitglieder">Mitglieder</h2><ul class="kern-list">{{/HAS_MEMBERS}}
{{#MEMBERS}}<li>{{M_NAME}} – {{M_ROLE}}{{#M_EMAIL}} ({{M_EMAIL_TEXT}}){{/M_EMAIL}}{{#M_PENDING}} <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">beantragt</span></span>{{/M_PENDING}}
{{#M_DECIDE}}<form method="post" action="/organisationen/{{O_ID}}/mitglieder/{{M_USER_ID}}/entscheiden" class="opgv-inline-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" name="decision" value="annehmen" class="kern-btn kern-btn--secondary"><span class="kern-label">Annehmen<span class="kern-sr-only">: {{M_NAME}}</span></span></button>
<button type="submit" name="decision" value="ablehnen" class="kern-btn kern-btn--tertiary"><span class="kern-label">Ablehnen<span class="kern-sr-only">: {{M_NAME}}</span></span></button></form>{{/M_DECIDE}}</li>{{/MEMBERS}}
{{#HAS_MEMBERS}}</ul>{{/HAS_MEMBERS}}
{{#IS_MEMBER}}<form method="post" action="/organisationen/{{O_ID}}/austreten"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">Organisation verlassen</span></button></form>{{/IS_MEMBER}}
