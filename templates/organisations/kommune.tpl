{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">{{K_NAME}}</h1>
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Verwaltungstyp</dt><dd class="kern-description-list-item__value">{{K_TYP}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Bundesland</dt><dd class="kern-description-list-item__value">{{K_LAND}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Einwohner</dt><dd class="kern-description-list-item__value">{{K_EINWOHNER}} ({{K_KLASSE}})</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Postleitzahl</dt><dd class="kern-description-list-item__value">{{K_PLZ}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Amtlicher Gemeindeschlüssel</dt><dd class="kern-description-list-item__value">{{K_AGS}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Stand der Angaben</dt><dd class="kern-description-list-item__value">{{K_STAND}} (Quelle: Statistisches Bundesamt)</dd></div>
</dl>
<h2 class="kern-heading-medium">Auf der Plattform</h2>
{{#ORG_ACTIVE}}<p class="kern-body">Diese Kommune ist als Organisation vertreten: <a class="kern-link" href="/organisationen/{{O_ID}}">{{O_NAME}}</a>{{#O_PENDING}} (Antrag wird von der Redaktion geprüft){{/O_PENDING}}.</p>{{/ORG_ACTIVE}}
{{#ORG_PENDING}}<p class="kern-body">Für diese Kommune liegt ein Antrag vor; die Redaktion prüft ihn gerade.</p>{{/ORG_PENDING}}
{{#NO_ORG}}<p class="kern-body">Diese Kommune ist noch nicht auf der Plattform vertreten.</p>{{/NO_ORG}}
{{#JOIN_LOGIN}}<p class="kern-body"><a class="kern-link" href="{{LOGIN_URL}}">Melden Sie sich an</a>, um dieser Kommune beizutreten. Noch kein Konto? <a class="kern-link" href="/registrieren">Registrieren</a>.</p>{{/JOIN_LOGIN}}
{{#IS_MEMBER}}<p class="kern-body">Sie sind Mitglied.</p>{{/IS_MEMBER}}
{{#IS_PENDING}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">Ihr Antrag wird geprüft. Sie erhalten eine E-Mail, sobald entschieden ist.</p></div></div>{{/IS_PENDING}}
{{#CAN_JOIN}}<form method="post" action="/kommunen/{{K_AGS}}/beitreten"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="kern-body">Ein Organisations-Admin Ihrer Kommune bestätigt Ihren Beitritt.</p>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Beitritt beantragen</span></button></form>{{/CAN_JOIN}}
{{#CAN_CLAIM}}<form method="post" action="/kommunen/{{K_AGS}}/beitreten"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="kern-body">Sie können die erste Person Ihrer Kommune auf der Plattform sein. Die Redaktion prüft Ihren Antrag und bestätigt Sie dann als Organisations-Admin; danach bestätigen Sie Beitritte Ihrer Kolleginnen und Kollegen.</p>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Als erste Person beitreten (Organisations-Admin werden)</span></button></form>{{/CAN_CLAIM}}
