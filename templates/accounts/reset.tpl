{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Neues Passwort festlegen</h1>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<form method="post" action="/passwort-zuruecksetzen" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="kern-form-input{{#FIELD_PASSWORD_ERROR}} kern-form-input--error{{/FIELD_PASSWORD_ERROR}}">
  <label class="kern-label" for="password">Neues Passwort</label>
  <p class="kern-hint" id="password-hint">Mindestens 10 Zeichen.</p>
  {{#FIELD_PASSWORD_ERROR}}<p class="kern-error" id="password-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PASSWORD_ERROR}}
  <input class="kern-form-input__input{{#FIELD_PASSWORD_ERROR}} kern-form-input__input--error{{/FIELD_PASSWORD_ERROR}}" id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint{{#FIELD_PASSWORD_ERROR}} password-error{{/FIELD_PASSWORD_ERROR}}"{{#FIELD_PASSWORD_ERROR}} aria-invalid="true"{{/FIELD_PASSWORD_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_PASSWORD_REPEAT_ERROR}} kern-form-input--error{{/FIELD_PASSWORD_REPEAT_ERROR}}">
  <label class="kern-label" for="password_repeat">Neues Passwort wiederholen</label>
  
  {{#FIELD_PASSWORD_REPEAT_ERROR}}<p class="kern-error" id="password_repeat-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PASSWORD_REPEAT_ERROR}}
  <input class="kern-form-input__input{{#FIELD_PASSWORD_REPEAT_ERROR}} kern-form-input__input--error{{/FIELD_PASSWORD_REPEAT_ERROR}}" id="password_repeat" name="password_repeat" type="password" autocomplete="new-password" required aria-describedby="{{#FIELD_PASSWORD_REPEAT_ERROR}} password_repeat-error{{/FIELD_PASSWORD_REPEAT_ERROR}}"{{#FIELD_PASSWORD_REPEAT_ERROR}} aria-invalid="true"{{/FIELD_PASSWORD_REPEAT_ERROR}}>
</div>

<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Passwort speichern</span></button>
</form>
