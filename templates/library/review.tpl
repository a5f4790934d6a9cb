{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Prüfen: {{UC_TITLE}}</h1>
<p class="kern-body">Status: <strong>{{STATE}}</strong> · <a class="kern-link" href="/use-cases/{{UC_SLUG}}">Seite ansehen</a></p>
{{#NOT_IN_REVIEW}}<div class="kern-alert kern-alert--info" role="status"><div class="kern-alert__body"><p class="kern-body">Dieser Use Case ist gerade nicht in Prüfung. Entscheiden können Sie erst, wenn er eingereicht ist.</p></div></div>{{/NOT_IN_REVIEW}}
{{#HAS_COMMENTS}}<section class="opgv-panel" aria-labelledby="bisher"><h2 class="kern-heading-small" id="bisher">Bisherige Kommentare</h2><ul class="opgv-list">{{/HAS_COMMENTS}}
{{#COMMENTS}}<li><strong>{{C_SECTION}}</strong> ({{C_AUTHOR}}, {{C_DATE}}): {{C_BODY}}</li>{{/COMMENTS}}
{{#HAS_COMMENTS}}</ul></section>{{/HAS_COMMENTS}}
{{#PUBLISHED_DIFF}}<section aria-labelledby="aenderungen"><h2 class="kern-heading-medium" id="aenderungen">Änderungen gegenüber der veröffentlichten Fassung</h2>
{{#NO_SECTION_CHANGES}}<p class="kern-body">Die Textabschnitte sind unverändert; geändert wurden nur Angaben.</p>{{/NO_SECTION_CHANGES}}
{{#CHANGES}}<h3 class="kern-heading-small">{{D_HEADING}}</h3><p class="kern-body opgv-diff">{{#PARTS}}{{#SAME}}{{TEXT:pre_escape}}{{/SAME}}{{#ADDED}}<ins>{{TEXT:pre_escape}}</ins>{{/ADDED}}{{#REMOVED}}<del>{{TEXT:pre_escape}}</del>{{/REMOVED}}{{/PARTS}}</p>{{/CHANGES}}
</section>{{/PUBLISHED_DIFF}}
<section aria-labelledby="fassung"><h2 class="kern-heading-medium" id="fassung">Eingereichte Fassung</h2>
<p class="kern-body opgv-lead">{{UC_SUMMARY}}</p>
<p class="kern-body">Themenfeld: {{#UC_THEMEN}}{{TEXT}}; {{/UC_THEMEN}} Status: {{UC_STATUS}} · Zusammenarbeitsform: {{UC_FORM}}</p>
{{#SECTIONS}}<h3 class="kern-heading-small" id="{{SECTION_KEY}}">{{SECTION_HEADING}}</h3><div class="opgv-prose opgv-markdown">{{SECTION_MARKDOWN:none}}</div>{{/SECTIONS}}
{{#HAS_KPIS}}<h3 class="kern-heading-small">Kennzahlen</h3><ul class="kern-list">{{/HAS_KPIS}}{{#KPIS}}<li>{{KENNZAHL}}: {{VORHER}} → {{NACHHER}} {{EINHEIT}} (Quelle: {{QUELLE}})</li>{{/KPIS}}{{#HAS_KPIS}}</ul>{{/HAS_KPIS}}
{{#HAS_HURDLES}}<h3 class="kern-heading-small">Hürden</h3><ul class="kern-list">{{/HAS_HURDLES}}{{#HURDLES}}<li>{{TEXT}} ({{#BARRIEREN}}{{TEXT}}; {{/BARRIEREN}})</li>{{/HURDLES}}{{#HAS_HURDLES}}</ul>{{/HAS_HURDLES}}
{{#HAS_PATH}}<h3 class="kern-heading-small">Projektweg</h3><ol class="kern-list">{{/HAS_PATH}}{{#PATH}}<li>{{DATUM}} · {{PHASE}}: {{TEXT}}</li>{{/PATH}}{{#HAS_PATH}}</ol>{{/HAS_PATH}}
{{#HAS_CONTACTS}}<h3 class="kern-heading-small">Ansprechpersonen</h3><ul class="kern-list">{{/HAS_CONTACTS}}{{#CONTACTS}}<li>{{NAME}}, {{ROLLE}}, {{EMAIL}}</li>{{/CONTACTS}}{{#HAS_CONTACTS}}</ul>{{/HAS_CONTACTS}}
</section>
{{#CAN_DECIDE}}
<section aria-labelledby="entscheidung"><h2 class="kern-heading-medium" id="entscheidung">Entscheidung</h2>
<form method="post" action="/use-cases/{{UC_SLUG}}/pruefen" class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<h3 class="kern-heading-small">Änderungen erbitten</h3>
<p class="kern-hint">Kommentare je Abschnitt; leere Felder werden ignoriert. Die Einreichenden sehen sie im Bearbeitungsformular.</p>
{{#COMMENT_FIELDS}}<div class="kern-form-input"><label class="kern-label" for="comment_{{CF_KEY}}">Kommentar zu: {{CF_LABEL}}</label><textarea class="kern-form-input__input" id="comment_{{CF_KEY}}" name="comment_{{CF_KEY}}" rows="2"></textarea></div>
{{/COMMENT_FIELDS}}
<button type="submit" name="decision" value="aenderungen" class="kern-btn kern-btn--secondary"><span class="kern-label">Änderungen erbitten</span></button>
</form>
<form method="post" action="/use-cases/{{UC_SLUG}}/pruefen" class="opgv-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<h3 class="kern-heading-small">Veröffentlichen</h3>
<div class="kern-form-input"><label class="kern-label" for="note">Notiz zur Version <span class="kern-label__optional">(optional)</span></label><p class="kern-hint" id="note-hint">Erscheint in der Versionsgeschichte, z. B. „Kennzahlen 2025 ergänzt“.</p><input class="kern-form-input__input" id="note" name="note" type="text" maxlength="500" aria-describedby="note-hint"></div>
<button type="submit" name="decision" value="veroeffentlichen" class="kern-btn kern-btn--primary"><span class="kern-label">Veröffentlichen</span></button>
</form>
</section>
{{/CAN_DECIDE}}
