{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Bearbeiten: {{B_TITLE}}</h1>
<p class="kern-body opgv-prose">Der Baustein steht hier so, wie er als Datei im Repository liegt: Front Matter (YAML) zwischen den Linien „---“, darunter der Text in Markdown. Das Format ist in <code>docs/content/baustein-format.md</code> beschrieben. Beim Speichern entsteht eine neue Version; die bisherige bleibt erhalten.</p>
{{#ERRORS}}<div class="opgv-error-summary" role="alert" tabindex="-1" id="fehler"><h2 class="kern-heading-small">Der Baustein wurde nicht gespeichert</h2><ul class="kern-list">{{#ITEMS}}<li>{{TEXT}}</li>{{/ITEMS}}</ul><p class="kern-body"><a class="kern-link" href="#quelltext">Zum Text</a></p></div>{{/ERRORS}}
<form method="post" action="/bausteine/{{B_SLUG}}/bearbeiten" class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="kern-form-input"><label class="kern-label" for="quelltext">Quelltext</label>
<textarea class="kern-form-input__input opgv-source" id="quelltext" name="quelltext" rows="30" spellcheck="true">{{FIELD_QUELLTEXT_VALUE:pre_escape}}</textarea></div>
<div class="kern-form-input"><label class="kern-label" for="notiz">Notiz zur Änderung (optional)</label>
<input class="kern-form-input__input" type="text" id="notiz" name="notiz" value="{{FIELD_NOTIZ_VALUE}}" maxlength="500"></div>
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Neue Version speichern</span></button>
</form>
<p class="kern-body"><a class="kern-link" href="/bausteine/{{B_SLUG}}">Abbrechen und zurück zum Baustein</a></p>
