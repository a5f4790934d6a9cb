{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Postfach (Entwicklung)</h1>
{{#NO_SMTP}}<div class="kern-alert kern-alert--info" role="note"><div class="kern-alert__body"><p class="kern-body">Es ist kein SMTP-Server konfiguriert. E-Mails werden nur hier und im Log abgelegt, nicht zugestellt.</p></div></div>{{/NO_SMTP}}
{{#NO_MAILS}}<p class="kern-body">Noch keine E-Mails.</p>{{/NO_MAILS}}
{{#MAILS}}<article class="kern-card opgv-mail"><div class="kern-card__container"><div class="kern-card__body">
<h2 class="kern-heading-small">{{MAIL_SUBJECT}}</h2>
<p class="kern-body kern-body--small">An {{MAIL_TO}} · {{MAIL_DATE}} · Zustellung: {{MAIL_DELIVERY}}</p>
<pre class="opgv-mail__body">{{MAIL_BODY:pre_escape}}</pre>
</div></div></article>{{/MAILS}}
