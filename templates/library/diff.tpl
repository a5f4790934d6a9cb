{{%AUTOESCAPE context="HTML"}}
<h1 class="kern-heading-large">Änderungen von Version {{FROM}} zu Version {{TO}}</h1>
<p class="kern-body">Eingefügter Text ist <ins>unterstrichen</ins>, entfernter <del>durchgestrichen</del>. <a class="kern-link" href="/use-cases/{{UC_SLUG}}/versionen">Zurück zu den Versionen</a></p>
{{#DIFF_SECTIONS}}<section class="opgv-diff-section"><h2 class="kern-heading-small">{{D_HEADING}}</h2>
{{#D_UNCHANGED}}<p class="kern-body opgv-meta">Unverändert.</p>{{/D_UNCHANGED}}
{{#D_CHANGED}}<p class="kern-body opgv-diff">{{#PARTS}}{{#SAME}}{{TEXT:pre_escape}}{{/SAME}}{{#ADDED}}<ins><span class="kern-sr-only">[eingefügt:] </span>{{TEXT:pre_escape}}</ins>{{/ADDED}}{{#REMOVED}}<del><span class="kern-sr-only">[entfernt:] </span>{{TEXT:pre_escape}}</del>{{/REMOVED}}{{/PARTS}}</p>{{/D_CHANGED}}
</section>{{/DIFF_SECTIONS}}
