{{%AUTOESCAPE context="HTML"}}
{{! Seitenrahmen der OPGV-Plattform. Vertrag der Variablen und Abschnitte: docs/templates.md }}
<!DOCTYPE html>
<html lang="de"{{#THEME_LIGHT}} data-kern-theme="light"{{/THEME_LIGHT}}{{#THEME_DARK}} data-kern-theme="dark"{{/THEME_DARK}}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}}</title>
{{#REFRESH}}<meta http-equiv="refresh" content="{{SECONDS}}">{{/REFRESH}}
<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/kern.min.css">
<link rel="stylesheet" href="/static/vendor/fonts/fira-sans.css">
<link rel="stylesheet" href="/static/vendor/kern-fallback.css">
<link rel="stylesheet" href="/static/css/opgv.css">
<script src="/static/js/opgv.js" defer></script>
</head>
<body>
<a class="opgv-skip-link" href="#main">Zum Inhalt springen</a>
<header class="opgv-header">
  <div class="kern-container opgv-header__bar">
    <a class="opgv-brand" href="/">
      <span class="opgv-brand__name">OPGV-Plattform</span>
      <span class="opgv-brand__tagline">Daten-Use-Cases für Kommunen und GovTechs</span>
    </a>
    <nav class="opgv-service-nav" aria-label="Konto und Hilfe">
      <ul class="opgv-service-nav__list">
        <li><a class="kern-link kern-link--small" href="/leichte-sprache"><span class="kern-icon kern-icon--easy-language kern-icon--small" aria-hidden="true"></span>Leichte Sprache</a></li>
        {{#LOGGED_IN}}
        <li class="opgv-service-nav__user">Angemeldet als {{USER_NAME}}</li>
        {{#IS_REDAKTION}}
        <li><a class="kern-link kern-link--small" href="/redaktion">Redaktion</a></li>
        {{/IS_REDAKTION}}
        {{#IS_ADMIN}}
        <li><a class="kern-link kern-link--small" href="/admin">Verwaltung</a></li>
        <li><a class="kern-link kern-link--small" href="/admin/postfach">Postfach (Entwicklung)</a></li>
        {{/IS_ADMIN}}
        <li><a class="kern-link kern-link--small" href="/profil">Profil</a></li>
        <li>
          <form method="post" action="/abmelden">
            <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
            <button type="submit" class="opgv-linkbutton">Abmelden</button>
          </form>
        </li>
        {{/LOGGED_IN}}
        {{#LOGGED_OUT}}
        <li><a class="kern-link kern-link--small" href="/anmelden">Anmelden</a></li>
        <li><a class="kern-link kern-link--small" href="/registrieren">Registrieren</a></li>
        {{/LOGGED_OUT}}
      </ul>
    </nav>
  </div>
  <nav class="opgv-nav" aria-label="Hauptnavigation">
    <div class="kern-container">
      <ul class="opgv-nav__list">
        <li><a class="opgv-nav__link" href="/use-cases"{{#NAV_USECASES}} aria-current="page"{{/NAV_USECASES}}>Use Cases</a></li>
        <li><a class="opgv-nav__link" href="/bausteine"{{#NAV_BAUSTEINE}} aria-current="page"{{/NAV_BAUSTEINE}}>Bausteine</a></li>
        <li><a class="opgv-nav__link" href="/projekte"{{#NAV_PROJEKTE}} aria-current="page"{{/NAV_PROJEKTE}}>Projekte</a></li>
        <li><a class="opgv-nav__link" href="/daten"{{#NAV_DATEN}} aria-current="page"{{/NAV_DATEN}}>Daten</a></li>
        <li><a class="opgv-nav__link" href="/lernen"{{#NAV_LERNEN}} aria-current="page"{{/NAV_LERNEN}}>Lernen</a></li>
        <li><a class="opgv-nav__link" href="/govtechs"{{#NAV_GOVTECHS}} aria-current="page"{{/NAV_GOVTECHS}}>GovTechs</a></li>
      </ul>
    </div>
  </nav>
</header>
{{#HAS_BREADCRUMBS}}
<nav class="kern-container opgv-breadcrumbs" aria-label="Brotkrumenpfad">
  <ol>
    {{#BREADCRUMBS}}
    <li>{{#CRUMB_LINK}}<a class="kern-link kern-link--small" href="{{CRUMB_URL}}">{{CRUMB_LABEL}}</a>{{/CRUMB_LINK}}{{#CRUMB_CURRENT}}<span aria-current="page">{{CRUMB_LABEL}}</span>{{/CRUMB_CURRENT}}</li>
    {{/BREADCRUMBS}}
  </ol>
</nav>
{{/HAS_BREADCRUMBS}}
<main id="main" class="kern-container opgv-main" tabindex="-1">
  {{#FLASH}}
  {{#FLASH_SUCCESS}}
  <div class="kern-alert kern-alert--success opgv-flash" role="status">
    <div class="kern-alert__header">
      <span class="kern-icon kern-icon--success" aria-hidden="true"></span>
      <span class="kern-title">Erledigt</span>
    </div>
    <div class="kern-alert__body">
      <p class="kern-body">{{FLASH_MESSAGE}}</p>
    </div>
  </div>
  {{/FLASH_SUCCESS}}
  {{#FLASH_INFO}}
  <div class="kern-alert kern-alert--info opgv-flash" role="status">
    <div class="kern-alert__header">
      <span class="kern-icon kern-icon--info" aria-hidden="true"></span>
      <span class="kern-title">Hinweis</span>
    </div>
    <div class="kern-alert__body">
      <p class="kern-body">{{FLASH_MESSAGE}}</p>
    </div>
  </div>
  {{/FLASH_INFO}}
  {{#FLASH_DANGER}}
  <div class="kern-alert kern-alert--danger opgv-flash" role="alert">
    <div class="kern-alert__header">
      <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
      <span class="kern-title">Fehler</span>
    </div>
    <div class="kern-alert__body">
      <p class="kern-body">{{FLASH_MESSAGE}}</p>
    </div>
  </div>
  {{/FLASH_DANGER}}
  {{/FLASH}}
{{>BODY}}
</main>
<footer class="opgv-footer">
  <div class="kern-container opgv-footer__inner">
    <nav aria-label="Rechtliches und Hilfe">
      <ul class="opgv-footer__links">
        <li><a class="kern-link kern-link--small" href="/impressum">Impressum</a></li>
        <li><a class="kern-link kern-link--small" href="/datenschutz">Datenschutz</a></li>
        <li><a class="kern-link kern-link--small" href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></li>
        <li><a class="kern-link kern-link--small" href="/leichte-sprache">Leichte Sprache</a></li>
        <li><a class="kern-link kern-link--small" href="/kontakt">Kontakt</a></li>
      </ul>
    </nav>
    <form class="opgv-theme-form" method="post" action="/einstellungen/darstellung">
      <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="return_to" value="{{CURRENT_PATH}}">
      <fieldset class="kern-fieldset" aria-describedby="darstellung-hinweis">
        <legend class="kern-label">Darstellung</legend>
        <div class="kern-fieldset__body kern-fieldset__body--horizontal">
          <div class="kern-form-check">
            <input class="kern-form-check__radio" type="radio" id="darstellung-hell" name="theme" value="light"{{#THEME_LIGHT}} checked{{/THEME_LIGHT}}>
            <label class="kern-label" for="darstellung-hell">Hell</label>
          </div>
          <div class="kern-form-check">
            <input class="kern-form-check__radio" type="radio" id="darstellung-dunkel" name="theme" value="dark"{{#THEME_DARK}} checked{{/THEME_DARK}}>
            <label class="kern-label" for="darstellung-dunkel">Dunkel</label>
          </div>
          <div class="kern-form-check">
            <input class="kern-form-check__radio" type="radio" id="darstellung-system" name="theme" value="system"{{#THEME_SYSTEM}} checked{{/THEME_SYSTEM}}>
            <label class="kern-label" for="darstellung-system">System</label>
          </div>
        </div>
      </fieldset>
      <p class="kern-hint opgv-muted" id="darstellung-hinweis">„System“ folgt der Einstellung Ihres Geräts.</p>
      <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">Darstellung übernehmen</span></button>
    </form>
    <p class="opgv-footer__meta">OPGV – Öffentliche Plattformen zur erleichterten datenbasierten Zusammenarbeit von GovTechs und Verwaltung. Gestaltet mit dem KERN UX-Standard (EUPL-1.2).</p>
  </div>
</footer>
</body>
</html>
