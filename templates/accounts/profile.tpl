{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Mein Profil</h1>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<section aria-labelledby="h-konto">
<h2 class="kern-heading-medium" id="h-konto">Konto</h2>
<dl class="kern-description-list">
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">E-Mail-Adresse</dt><dd class="kern-description-list-item__value">{{PROFILE_EMAIL}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Rolle</dt><dd class="kern-description-list-item__value">{{PROFILE_ROLE}}</dd></div>
  <div class="kern-description-list-item"><dt class="kern-description-list-item__key">Registriert seit</dt><dd class="kern-description-list-item__value">{{PROFILE_SINCE}}</dd></div>
</dl>
<form method="post" action="/profil" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input{{#FIELD_DISPLAY_NAME_ERROR}} kern-form-input--error{{/FIELD_DISPLAY_NAME_ERROR}}">
  <label class="kern-label" for="display_name">Anzeigename</label>
  
  {{#FIELD_DISPLAY_NAME_ERROR}}<p class="kern-error" id="display_name-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_DISPLAY_NAME_ERROR}}
  <input class="kern-form-input__input{{#FIELD_DISPLAY_NAME_ERROR}} kern-form-input__input--error{{/FIELD_DISPLAY_NAME_ERROR}}" id="display_name" name="display_name" type="text" autocomplete="name" value="{{FIELD_DISPLAY_NAME_VALUE}}" required aria-describedby="{{#FIELD_DISPLAY_NAME_ERROR}} display_name-error{{/FIELD_DISPLAY_NAME_ERROR}}"{{#FIELD_DISPLAY_NAME_ERROR}} aria-invalid="true"{{/FIELD_DISPLAY_NAME_ERROR}}>
</div>

<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Speichern</span></button>
</form>
</section>
<section aria-labelledby="h-org">
<h2 class="kern-heading-medium" id="h-org">Meine Organisationen</h2>
{{#HAS_MEMBERSHIPS}}<ul class="kern-list">{{/HAS_MEMBERSHIPS}}
{{#MEMBERSHIPS}}<li><a class="kern-link" href="/organisationen/{{ORG_ID}}">{{ORG_NAME}}</a> – {{MEMBER_ROLE}}{{#MEMBER_PENDING}} <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">Antrag wird geprüft</span></span>{{/MEMBER_PENDING}}</li>{{/MEMBERSHIPS}}
{{#HAS_MEMBERSHIPS}}</ul>{{/HAS_MEMBERSHIPS}}
{{#NO_MEMBERSHIPS}}<p class="kern-body">Sie gehören noch keiner Organisation an. <a class="kern-link" href="/kommunen">Finden Sie Ihre Kommune</a> oder <a class="kern-link" href="/organisationen/neu">legen Sie ein Unternehmen an</a>.</p>{{/NO_MEMBERSHIPS}}
</section>
<section aria-labelledby="api-tokens-h" id="api-tokens">
<h2 class="kern-heading-medium" id="api-tokens-h">API-Tokens</h2>
<p class="kern-body">Mit einem persönlichen Token greifen Programme in Ihrem Namen auf die <a class="kern-link" href="/api/docs">JSON-API</a> zu (Kopfzeile <code>Authorization: Bearer …</code>). Wir speichern nur einen Hash; der Token wird nur einmal angezeigt.</p>
{{#NEW_TOKEN}}<div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__header"><span class="kern-title">Neuer Token – jetzt kopieren</span></div><div class="kern-alert__body"><p class="kern-body"><code class="opgv-token" id="neuer-token">{{NEW_TOKEN_VALUE}}</code></p></div></div>{{/NEW_TOKEN}}
{{#HAS_TOKENS}}<table class="kern-table"><caption class="kern-sr-only">Ihre API-Tokens</caption><thead class="kern-table__head"><tr class="kern-table__row"><th class="kern-table__header" scope="col">Name</th><th class="kern-table__header" scope="col">Beginnt mit</th><th class="kern-table__header" scope="col">Erstellt</th><th class="kern-table__header" scope="col">Zuletzt benutzt</th><th class="kern-table__header" scope="col">Aktion</th></tr></thead><tbody class="kern-table__body">{{/HAS_TOKENS}}
{{#TOKENS}}<tr class="kern-table__row"><td class="kern-table__cell">{{TOKEN_NAME}}</td><td class="kern-table__cell"><code>{{TOKEN_PREFIX}}…</code></td><td class="kern-table__cell">{{TOKEN_CREATED}}</td><td class="kern-table__cell">{{TOKEN_USED}}</td><td class="kern-table__cell"><form method="post" action="/profil/tokens/{{TOKEN_ID}}/widerrufen"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">Widerrufen<span class="kern-sr-only">: {{TOKEN_NAME}}</span></span></button></form></td></tr>{{/TOKENS}}
{{#HAS_TOKENS}}</tbody></table>{{/HAS_TOKENS}}
{{#NO_TOKENS}}<p class="kern-body">Sie haben noch keine Tokens.</p>{{/NO_TOKENS}}
<form method="post" action="/profil/tokens" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input{{#FIELD_TOKEN_NAME_ERROR}} kern-form-input--error{{/FIELD_TOKEN_NAME_ERROR}}">
  <label class="kern-label" for="token_name">Name des neuen Tokens</label>
  <p class="kern-hint" id="token_name-hint">Wofür ist er? Zum Beispiel „Import-Skript Fachamt“.</p>
  {{#FIELD_TOKEN_NAME_ERROR}}<p class="kern-error" id="token_name-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_TOKEN_NAME_ERROR}}
  <input class="kern-form-input__input{{#FIELD_TOKEN_NAME_ERROR}} kern-form-input__input--error{{/FIELD_TOKEN_NAME_ERROR}}" id="token_name" name="token_name" type="text" autocomplete="off" value="{{FIELD_TOKEN_NAME_VALUE}}" required aria-describedby="token_name-hint{{#FIELD_TOKEN_NAME_ERROR}} token_name-error{{/FIELD_TOKEN_NAME_ERROR}}"{{#FIELD_TOKEN_NAME_ERROR}} aria-invalid="true"{{/FIELD_TOKEN_NAME_ERROR}}>
</div>

<button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Token erstellen</span></button>
</form>
</section>
<section aria-labelledby="h-daten">
<h2 class="kern-heading-medium" id="h-daten">Meine Daten (DSGVO)</h2>
<p class="kern-body">Sie können alle Daten, die wir zu Ihrer Person speichern, als JSON-Datei herunterladen (Art. 15 und 20 DSGVO) oder Ihr Konto vollständig löschen (Art. 17 DSGVO). Was wir speichern, steht in der <a class="kern-link" href="/datenschutz">Datenschutzerklärung</a>.</p>
<ul class="kern-list">
  <li><a class="kern-link" href="/profil/export" download>Meine Daten herunterladen (JSON)</a></li>
  <li><a class="kern-link" href="/profil/loeschen">Konto löschen …</a></li>
</ul>
</section>
