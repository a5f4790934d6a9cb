{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Registrieren</h1>
<p class="kern-body">Mit einem Konto können Sie Ihrer Kommune oder Ihrem Unternehmen beitreten, Projekte anlegen und Use Cases nachnutzen. Wir schicken Ihnen eine E-Mail, um Ihre Adresse zu bestätigen.</p>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<form method="post" action="/registrieren" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input{{#FIELD_EMAIL_ERROR}} kern-form-input--error{{/FIELD_EMAIL_ERROR}}">
  <label class="kern-label" for="email">E-Mail-Adresse</label>
  <p class="kern-hint" id="email-hint">Zum Beispiel vorname.nachname@kommune.de. Wir geben sie nicht weiter.</p>
  {{#FIELD_EMAIL_ERROR}}<p class="kern-error" id="email-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_EMAIL_ERROR}}
  <input class="kern-form-input__input{{#FIELD_EMAIL_ERROR}} kern-form-input__input--error{{/FIELD_EMAIL_ERROR}}" id="email" name="email" type="email" autocomplete="email" value="{{FIELD_EMAIL_VALUE}}" required aria-describedby="email-hint{{#FIELD_EMAIL_ERROR}} email-error{{/FIELD_EMAIL_ERROR}}"{{#FIELD_EMAIL_ERROR}} aria-invalid="true"{{/FIELD_EMAIL_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_DISPLAY_NAME_ERROR}} kern-form-input--error{{/FIELD_DISPLAY_NAME_ERROR}}">
  <label class="kern-label" for="display_name">Ihr Name</label>
  <p class="kern-hint" id="display_name-hint">So sehen andere Mitglieder Sie, z. B. „Alex Beispiel“.</p>
  {{#FIELD_DISPLAY_NAME_ERROR}}<p class="kern-error" id="display_name-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_DISPLAY_NAME_ERROR}}
  <input class="kern-form-input__input{{#FIELD_DISPLAY_NAME_ERROR}} kern-form-input__input--error{{/FIELD_DISPLAY_NAME_ERROR}}" id="display_name" name="display_name" type="text" autocomplete="name" value="{{FIELD_DISPLAY_NAME_VALUE}}" required aria-describedby="display_name-hint{{#FIELD_DISPLAY_NAME_ERROR}} display_name-error{{/FIELD_DISPLAY_NAME_ERROR}}"{{#FIELD_DISPLAY_NAME_ERROR}} aria-invalid="true"{{/FIELD_DISPLAY_NAME_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_PASSWORD_ERROR}} kern-form-input--error{{/FIELD_PASSWORD_ERROR}}">
  <label class="kern-label" for="password">Passwort</label>
  <p class="kern-hint" id="password-hint">Mindestens 10 Zeichen. Ein Satz aus mehreren Wörtern ist sicher und gut zu merken.</p>
  {{#FIELD_PASSWORD_ERROR}}<p class="kern-error" id="password-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PASSWORD_ERROR}}
  <input class="kern-form-input__input{{#FIELD_PASSWORD_ERROR}} kern-form-input__input--error{{/FIELD_PASSWORD_ERROR}}" id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint{{#FIELD_PASSWORD_ERROR}} password-error{{/FIELD_PASSWORD_ERROR}}"{{#FIELD_PASSWORD_ERROR}} aria-invalid="true"{{/FIELD_PASSWORD_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_PASSWORD_REPEAT_ERROR}} kern-form-input--error{{/FIELD_PASSWORD_REPEAT_ERROR}}">
  <label class="kern-label" for="password_repeat">Passwort wiederholen</label>
  
  {{#FIELD_PASSWORD_REPEAT_ERROR}}<p class="kern-error" id="password_repeat-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_PASSWORD_REPEAT_ERROR}}
  <input class="kern-form-input__input{{#FIELD_PASSWORD_REPEAT_ERROR}} kern-form-input__input--error{{/FIELD_PASSWORD_REPEAT_ERROR}}" id="password_repeat" name="password_repeat" type="password" autocomplete="new-password" required aria-describedby="{{#FIELD_PASSWORD_REPEAT_ERROR}} password_repeat-error{{/FIELD_PASSWORD_REPEAT_ERROR}}"{{#FIELD_PASSWORD_REPEAT_ERROR}} aria-invalid="true"{{/FIELD_PASSWORD_REPEAT_ERROR}}>
</div>

<div class="kern-form-check{{#FIELD_ACCEPT_PRIVACY_ERROR}} kern-form-check--error{{/FIELD_ACCEPT_PRIVACY_ERROR}}">
  {{#FIELD_ACCEPT_PRIVACY_ERROR}}<p class="kern-error" id="accept_privacy-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_ACCEPT_PRIVACY_ERROR}}
  <input class="kern-form-check__checkbox" type="checkbox" id="accept_privacy" name="accept_privacy" value="ja"{{#FIELD_ACCEPT_PRIVACY_CHECKED}} checked{{/FIELD_ACCEPT_PRIVACY_CHECKED}}{{#FIELD_ACCEPT_PRIVACY_ERROR}} aria-invalid="true" aria-describedby="accept_privacy-error"{{/FIELD_ACCEPT_PRIVACY_ERROR}}>
  <label class="kern-label" for="accept_privacy">Ich habe die <a class="kern-link" href="/datenschutz">Datenschutzerklärung</a> gelesen.</label>
</div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Konto anlegen</span></button>
</form>
<p class="kern-body">Sie haben schon ein Konto? <a class="kern-link" href="/anmelden">Anmelden</a></p>
