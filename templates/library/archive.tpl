{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Use Case archivieren?</h1>
<p class="kern-body opgv-prose">„{{UC_TITLE}}“ verschwindet dann aus Liste, Suche und offenen Daten. Versionen, Interessenbekundungen und Kommentare bleiben erhalten; Sie können den Use Case jederzeit auf seiner Seite wiederherstellen.</p>
<form method="post" action="/use-cases/{{UC_SLUG}}/archivieren" class="opgv-actions">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">Ja, archivieren</span></button>
<a class="kern-btn kern-btn--secondary" href="/use-cases/{{UC_SLUG}}"><span class="kern-label">Abbrechen</span></a>
</form>
