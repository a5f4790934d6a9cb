{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Organisation anlegen</h1>
<p class="kern-body">Für GovTech-Unternehmen und sonstige Organisationen (Landesbehörden, Forschung, Verbände). Kommunen sind bereits im Verzeichnis: <a class="kern-link" href="/kommunen">Kommune finden</a>. Die Redaktion prüft neue Einträge, danach sind Sie Organisations-Admin.</p>
{{#HAS_FORM_ERRORS}}
<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler">
  <h2 class="kern-heading-small">Bitte korrigieren Sie folgende Angaben</h2>
  <ul class="kern-list">
    {{#FORM_ERRORS}}<li><a class="kern-link" href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/FORM_ERRORS}}
  </ul>
</div>
{{/HAS_FORM_ERRORS}}
<form method="post" action="/organisationen" novalidate class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="kern-fieldset" id="type">
<legend class="kern-label">Art der Organisation</legend>
<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="type-govtech" name="type" value="govtech"{{#TYPE_GOVTECH_CHECKED}} checked{{/TYPE_GOVTECH_CHECKED}}><label class="kern-label" for="type-govtech">GovTech-Unternehmen</label></div>
<div class="kern-form-check"><input class="kern-form-check__radio" type="radio" id="type-sonstige" name="type" value="sonstige"{{#TYPE_SONSTIGE_CHECKED}} checked{{/TYPE_SONSTIGE_CHECKED}}><label class="kern-label" for="type-sonstige">Sonstige (Landesbehörde, Forschung, Verband)</label></div>
</fieldset>
<div class="kern-form-input{{#FIELD_NAME_ERROR}} kern-form-input--error{{/FIELD_NAME_ERROR}}">
  <label class="kern-label" for="name">Name</label>
  
  {{#FIELD_NAME_ERROR}}<p class="kern-error" id="name-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_NAME_ERROR}}
  <input class="kern-form-input__input{{#FIELD_NAME_ERROR}} kern-form-input__input--error{{/FIELD_NAME_ERROR}}" id="name" name="name" type="text" autocomplete="organization" value="{{FIELD_NAME_VALUE}}" required aria-describedby="{{#FIELD_NAME_ERROR}} name-error{{/FIELD_NAME_ERROR}}"{{#FIELD_NAME_ERROR}} aria-invalid="true"{{/FIELD_NAME_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_WEBSITE_ERROR}} kern-form-input--error{{/FIELD_WEBSITE_ERROR}}">
  <label class="kern-label" for="website">Website <span class="kern-label__optional">(optional)</span></label>
  <p class="kern-hint" id="website-hint">Mit https://, z. B. https://www.beispiel.de. Für GovTechs Pflicht.</p>
  {{#FIELD_WEBSITE_ERROR}}<p class="kern-error" id="website-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_WEBSITE_ERROR}}
  <input class="kern-form-input__input{{#FIELD_WEBSITE_ERROR}} kern-form-input__input--error{{/FIELD_WEBSITE_ERROR}}" id="website" name="website" type="url" autocomplete="url" value="{{FIELD_WEBSITE_VALUE}}" aria-describedby="website-hint{{#FIELD_WEBSITE_ERROR}} website-error{{/FIELD_WEBSITE_ERROR}}"{{#FIELD_WEBSITE_ERROR}} aria-invalid="true"{{/FIELD_WEBSITE_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_DESCRIPTION_ERROR}} kern-form-input--error{{/FIELD_DESCRIPTION_ERROR}}">
  <label class="kern-label" for="description">Kurzbeschreibung <span class="kern-label__optional">(optional)</span></label>
  <p class="kern-hint" id="description-hint">Was machen Sie? Höchstens 2.000 Zeichen.</p>
  {{#FIELD_DESCRIPTION_ERROR}}<p class="kern-error" id="description-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_DESCRIPTION_ERROR}}
  <textarea class="kern-form-input__input" id="description" name="description" rows="5" aria-describedby="description-hint{{#FIELD_DESCRIPTION_ERROR}} description-error{{/FIELD_DESCRIPTION_ERROR}}"{{#FIELD_DESCRIPTION_ERROR}} aria-invalid="true"{{/FIELD_DESCRIPTION_ERROR}}>{{FIELD_DESCRIPTION_VALUE:pre_escape}}</textarea>
</div>

<div class="kern-form-input{{#FIELD_CONTACT_ERROR}} kern-form-input--error{{/FIELD_CONTACT_ERROR}}">
  <label class="kern-label" for="contact">Kontakt <span class="kern-label__optional">(optional)</span></label>
  <p class="kern-hint" id="contact-hint">E-Mail-Adresse oder Telefon für Anfragen von Kommunen. Für GovTechs Pflicht.</p>
  {{#FIELD_CONTACT_ERROR}}<p class="kern-error" id="contact-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_CONTACT_ERROR}}
  <input class="kern-form-input__input{{#FIELD_CONTACT_ERROR}} kern-form-input__input--error{{/FIELD_CONTACT_ERROR}}" id="contact" name="contact" type="text" autocomplete="email" value="{{FIELD_CONTACT_VALUE}}" aria-describedby="contact-hint{{#FIELD_CONTACT_ERROR}} contact-error{{/FIELD_CONTACT_ERROR}}"{{#FIELD_CONTACT_ERROR}} aria-invalid="true"{{/FIELD_CONTACT_ERROR}}>
</div>

<div class="kern-form-input{{#FIELD_SONSTIGE_ART_ERROR}} kern-form-input--error{{/FIELD_SONSTIGE_ART_ERROR}}">
<label class="kern-label" for="sonstige_art">Nur bei „Sonstige“: Art</label>
{{#FIELD_SONSTIGE_ART_ERROR}}<p class="kern-error" id="sonstige_art-error"><span class="kern-sr-only">Fehler:</span> {{MESSAGE}}</p>{{/FIELD_SONSTIGE_ART_ERROR}}
<div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="sonstige_art" name="sonstige_art">
<option value="">– bitte wählen –</option>
<option value="landesbehoerde"{{#ART_landesbehoerde_SELECTED}} selected{{/ART_landesbehoerde_SELECTED}}>Landesbehörde</option>
<option value="forschung"{{#ART_forschung_SELECTED}} selected{{/ART_forschung_SELECTED}}>Forschung</option>
<option value="verband"{{#ART_verband_SELECTED}} selected{{/ART_verband_SELECTED}}>Verband</option>
</select></div></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Organisation anlegen</span></button>
</form>
