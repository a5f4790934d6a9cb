{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Anmelden</h1>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<form method="post" action="/anmelden" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="return_to" value="{{RETURN_TO}}">
<div class="kern-form-input{{#FIELD_EMAIL_ERROR}} kern-form-input--error{{/FIELD_EMAIL_ERROR}}">
  <label class="kern-label" for="email">E-Mail-Adresse</label>
  
  {{#FIELD_EMAIL_ERROR}}<p class="kern-error" id="email-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_EMAIL_ERROR}}
  <input class="kern-form-input__input{{#FIELD_EMAIL_ERROR}} kern-form-input__input--error{{/FIELD_EMAIL_ERROR}}" id="email" name="email" type="email" autocomplete="username" value="{{FIELD_EMAIL_VALUE}}" required aria-describedby="{{#FIELD_EMAIL_ERROR}} email-error{{/FIELD_EMAIL_ERROR}}"{{#FIELD_EMAIL_ERROR}} aria-invalid="true"{{/FIELD_EMAIL_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_PASSWORD_ERROR}} kern-form-input--error{{/FIELD_PASSWORD_ERROR}}">
  <label class="kern-label" for="password">Passwort</label>
  
  {{#FIELD_PASSWORD_ERROR}}<p class="kern-error" id="password-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PASSWORD_ERROR}}
  <input class="kern-form-input__input{{#FIELD_PASSWORD_ERROR}} kern-form-input__input--error{{/FIELD_PASSWORD_ERROR}}" id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="{{#FIELD_PASSWORD_ERROR}} password-error{{/FIELD_PASSWORD_ERROR}}"{{#FIELD_PASSWORD_ERROR}} aria-invalid="true"{{/FIELD_PASSWORD_ERROR}}>
</div>

<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Anmelden</span></button>
</form>
<ul class="kern-list">
  <li><a class="kern-link" href="/passwort-vergessen">Passwort vergessen?</a></li>
  <li><a class="kern-link" href="/registrieren">Noch kein Konto? Jetzt registrieren</a></li>
</ul>
