{{%AUTOESCAPE context="HTML"}}
{{! Fehlerseite (BODY) für 403, 404, 500 und andere Status. Variablen: ERROR_STATUS, ERROR_TITLE, ERROR_MESSAGE; optional ERROR_REFERENCE mit REQUEST_ID. }}
<div class="opgv-stack opgv-prose">
  <p class="kern-preline">Fehler {{ERROR_STATUS}}</p>
  <h1 class="kern-heading-large">{{ERROR_TITLE}}</h1>
  <p class="kern-body kern-body--large">{{ERROR_MESSAGE}}</p>
  {{#ERROR_REFERENCE}}
  <div class="opgv-panel">
    <p class="kern-body">Wenn Sie uns diesen Fehler melden, nennen Sie bitte diese Kennung. Sie hilft uns, das Problem schnell zu finden:</p>
    <p class="kern-body kern-body--bold">Kennung: <code>{{REQUEST_ID}}</code></p>
  </div>
  {{/ERROR_REFERENCE}}
  <h2 class="kern-heading-small">So kommen Sie weiter</h2>
  <ul class="kern-list kern-list--bullet">
    <li>Prüfen Sie die Adresse in der Adresszeile auf Tippfehler.</li>
    <li>Gehen Sie zur <a class="kern-link" href="/">Startseite</a> und nutzen Sie von dort die Navigation.</li>
    {{#LOGGED_OUT}}
    <li>Manche Seiten sind nur nach der Anmeldung erreichbar: <a class="kern-link" href="/anmelden">Zur Anmeldung</a>.</li>
    {{/LOGGED_OUT}}
    <li>Wenn das Problem bleibt, <a class="kern-link" href="/kontakt">schreiben Sie uns über die Kontaktseite</a>.</li>
  </ul>
</div>
