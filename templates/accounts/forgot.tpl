{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Passwort vergessen</h1>
<p class="kern-body">Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen können.</p>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<form method="post" action="/passwort-vergessen" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input{{#FIELD_EMAIL_ERROR}} kern-form-input--error{{/FIELD_EMAIL_ERROR}}">
  <label class="kern-label" for="email">E-Mail-Adresse</label>
  
  {{#FIELD_EMAIL_ERROR}}<p class="kern-error" id="email-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_EMAIL_ERROR}}
  <input class="kern-form-input__input{{#FIELD_EMAIL_ERROR}} kern-form-input__input--error{{/FIELD_EMAIL_ERROR}}" id="email" name="email" type="email" autocomplete="email" value="{{FIELD_EMAIL_VALUE}}" required aria-describedby="{{#FIELD_EMAIL_ERROR}} email-error{{/FIELD_EMAIL_ERROR}}"{{#FIELD_EMAIL_ERROR}} aria-invalid="true"{{/FIELD_EMAIL_ERROR}}>
</div>

<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Link anfordern</span></button>
</form>
