{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Konto löschen</h1>
<div class="kern-alert kern-alert--warning" role="note"><div class="kern-alert__header"><span class="kern-title">Das kann nicht rückgängig gemacht werden</span></div>
<div class="kern-alert__body"><p class="kern-body">Wir löschen Ihr Konto {{PROFILE_EMAIL}}, Ihre Sitzungen, API-Tokens, Mitgliedschaften und die an Sie gesendeten E-Mails. Laden Sie vorher bei Bedarf <a class="kern-link" href="/profil/export">Ihre Daten herunter</a>.</p></div></div>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<form method="post" action="/profil/loeschen" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input{{#FIELD_PASSWORD_ERROR}} kern-form-input--error{{/FIELD_PASSWORD_ERROR}}">
  <label class="kern-label" for="password">Zur Bestätigung: Ihr Passwort</label>
  
  {{#FIELD_PASSWORD_ERROR}}<p class="kern-error" id="password-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PASSWORD_ERROR}}
  <input class="kern-form-input__input{{#FIELD_PASSWORD_ERROR}} kern-form-input__input--error{{/FIELD_PASSWORD_ERROR}}" id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="{{#FIELD_PASSWORD_ERROR}} password-error{{/FIELD_PASSWORD_ERROR}}"{{#FIELD_PASSWORD_ERROR}} aria-invalid="true"{{/FIELD_PASSWORD_ERROR}}>
</div>

<div class="opgv-actions"><button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Konto endgültig löschen</span></button>
<a class="kern-link" href="/profil">Abbrechen und zurück zum Profil</a></div>
</form>
