{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Verwaltung</h1>
<ul class="kern-list">
  <li><a class="kern-link" href="/admin/postfach">Postfach (Entwicklung): versendete E-Mails</a></li>
  <li><a class="kern-link" href="/redaktion/antraege">Anträge von Organisationen prüfen</a></li>
  <li><a class="kern-link" href="/metrics">Metriken (Prometheus)</a></li>
</ul>
<h2 class="kern-heading-medium">Konten ({{USER_COUNT}})</h2>
<div class="kern-table-responsive" tabindex="0" role="region" aria-label="Konten">
<table class="kern-table"><caption class="kern-sr-only">Alle Konten mit Rolle</caption>
<thead class="kern-table__head"><tr class="kern-table__row"><th class="kern-table__header" scope="col">Name</th><th class="kern-table__header" scope="col">E-Mail</th><th class="kern-table__header" scope="col">Status</th><th class="kern-table__header" scope="col">Rolle</th></tr></thead>
<tbody class="kern-table__body">
{{#USERS}}<tr class="kern-table__row"><td class="kern-table__cell">{{USER_DISPLAY}}</td><td class="kern-table__cell">{{USER_EMAIL}}</td><td class="kern-table__cell">{{USER_STATUS}}</td>
<td class="kern-table__cell"><form method="post" action="/admin/benutzer/{{USER_ID}}/rolle" class="opgv-inline-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<label class="kern-sr-only" for="rolle-{{USER_ID}}">Rolle von {{USER_DISPLAY}}</label>
<div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="rolle-{{USER_ID}}" name="role">
<option value="mitglied"{{#ROLE_mitglied_SELECTED}} selected{{/ROLE_mitglied_SELECTED}}>Mitglied</option>
<option value="redaktion"{{#ROLE_redaktion_SELECTED}} selected{{/ROLE_redaktion_SELECTED}}>Redaktion</option>
<option value="admin"{{#ROLE_admin_SELECTED}} selected{{/ROLE_admin_SELECTED}}>Plattform-Admin</option>
</select></div>
<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Ändern<span class="kern-sr-only"> für {{USER_DISPLAY}}</span></span></button>
</form></td></tr>{{/USERS}}
</tbody></table></div>
