/*
 * OPGV-Plattform – optionale Verbesserungen (Progressive Enhancement).
 * Alles funktioniert auch ohne dieses Skript; es ergänzt nur:
 *  1. Fokus auf die Fehlerzusammenfassung (#fehler) nach dem Absenden eines Formulars.
 *  2. Vorschlagsliste für die Kommunensuche (#kommune-suche) nach dem ARIA-APG-Muster
 *     „Combobox mit Listbox-Popup“ (aria-autocomplete="list").
 *  3. Fortschritt eines laufenden Imports (#fortschritt[data-opgv-poll]): fragt die Seite alle
 *     zwei Sekunden im Hintergrund ab und aktualisiert Balken und Text, ohne neu zu laden (kein
 *     Sprung an den Seitenanfang); ist der Import fertig, wird die Seite einmal neu geladen.
 * Kein innerHTML mit Serverdaten, keine Inline-Styles (CSP: script-src 'self', style-src 'self').
 */
(function () {
  'use strict';

  function ready(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  // 1. Fehlerzusammenfassung fokussieren, damit Screenreader sie sofort vorlesen.
  function focusErrorSummary() {
    var summary = document.querySelector('.opgv-error-summary');
    if (summary && typeof summary.focus === 'function') {
      summary.focus();
    }
  }

  // 2. Kommunensuche
  var VERWALTUNGSTYPEN = {
    kreisfreie_stadt: 'Kreisfreie Stadt',
    kreisangehoerige_stadt: 'Kreisangehörige Stadt',
    gemeinde: 'Gemeinde',
    landkreis: 'Landkreis'
  };

  function setupKommuneCombobox(input) {
    if (!window.fetch || !input.form) return;

    var field = input.parentNode;
    var listId = input.id + '-liste';
    var statusId = input.id + '-status';
    var minChars = 2;
    var debounceMs = 200;

    var listbox = document.createElement('ul');
    listbox.id = listId;
    listbox.className = 'opgv-combobox__listbox';
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', 'Vorschläge für Kommunen');
    listbox.hidden = true;

    var status = document.createElement('div');
    status.id = statusId;
    status.className = 'kern-sr-only';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');

    field.appendChild(listbox);
    field.appendChild(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('autocomplete', 'off');

    var items = [];        // [{ags, name, ...}]
    var active = -1;       // Index der markierten Option
    var timer = null;
    var controller = null;
    var lastQuery = '';

    function optionId(i) {
      return input.id + '-option-' + i;
    }

    function announce(text) {
      // Leeren und neu setzen, damit gleiche Texte erneut angesagt werden.
      status.textContent = '';
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function open() {
      if (!items.length) return;
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function setActive(i) {
      var options = listbox.querySelectorAll('[role="option"]');
      for (var k = 0; k < options.length; k++) {
        options[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
      }
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute('aria-activedescendant', options[i].id);
        if (typeof options[i].scrollIntoView === 'function') {
          options[i].scrollIntoView({ block: 'nearest' });
        }
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function go(i) {
      var item = items[i];
      if (!item || !item.ags) return;
      window.location.assign('/kommunen/' + encodeURIComponent(item.ags));
    }

    function render() {
      while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
      items.forEach(function (item, i) {
        var li = document.createElement('li');
        li.id = optionId(i);
        li.className = 'opgv-combobox__option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var name = document.createElement('span');
        name.textContent = item.name;
        var meta = document.createElement('span');
        meta.className = 'opgv-combobox__meta';
        var typ = VERWALTUNGSTYPEN[item.verwaltungstyp] || item.verwaltungstyp || '';
        meta.textContent = [typ, item.bundesland, 'AGS ' + item.ags].filter(Boolean).join(' · ');
        // Trennzeichen nur für Screenreader, damit Name und Zusatz nicht zusammenlaufen
        var sep = document.createElement('span');
        sep.className = 'kern-sr-only';
        sep.textContent = ', ';
        li.appendChild(name);
        li.appendChild(sep);
        li.appendChild(meta);
        // mousedown verhindert, dass das Eingabefeld den Fokus verliert, bevor der Klick ankommt.
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { go(i); });
        listbox.appendChild(li);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (items.length) {
        open();
        announce(items.length === 1
          ? '1 Vorschlag. Mit Pfeil nach unten auswählen, mit Eingabetaste öffnen.'
          : items.length + ' Vorschläge. Mit Pfeil nach unten auswählen, mit Eingabetaste öffnen.');
      } else {
        close();
        announce('Keine Vorschläge. Mit der Eingabetaste suchen Sie in allen Kommunen.');
      }
    }

    function search(q) {
      if (controller && typeof controller.abort === 'function') controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var url = '/api/v1/kommunen?q=' + encodeURIComponent(q) + '&limit=8';
      window.fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller ? controller.signal : undefined
      }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      }).then(function (data) {
        if (input.value.trim() !== q) return; // veraltete Antwort
        items = (data && Array.isArray(data.items)) ? data.items.slice(0, 8) : [];
        render();
      }).catch(function () {
        // Netzfehler oder abgebrochen: das normale Formular funktioniert weiter.
      });
    }

    input.addEventListener('input', function () {
      var q = input.value.trim();
      window.clearTimeout(timer);
      if (q.length < minChars) {
        items = [];
        lastQuery = q;
        while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
        close();
        return;
      }
      if (q === lastQuery) return;
      lastQuery = q;
      timer = window.setTimeout(function () { search(q); }, debounceMs);
    });

    input.addEventListener('keydown', function (e) {
      var expanded = !listbox.hidden;
      switch (e.key) {
        case 'ArrowDown':
        case 'Down':
          if (!items.length) return;
          e.preventDefault();
          if (!expanded) open();
          setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case 'ArrowUp':
        case 'Up':
          if (!items.length) return;
          e.preventDefault();
          if (!expanded) open();
          setActive(active - 1 < 0 ? items.length - 1 : active - 1);
          break;
        case 'Enter':
          if (expanded && active >= 0) {
            e.preventDefault();
            go(active);
          }
          // sonst: normales Absenden des Suchformulars (GET /kommunen?q=…)
          break;
        case 'Escape':
        case 'Esc':
          if (expanded) {
            e.preventDefault();
            close();
          } else if (input.value) {
            e.preventDefault();
            input.value = '';
            items = [];
            lastQuery = '';
          }
          break;
        case 'Tab':
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener('blur', function () {
      window.setTimeout(close, 150);
    });

    input.addEventListener('focus', function () {
      if (items.length && input.value.trim() === lastQuery) open();
    });
  }

  // 3. Fortschritt eines laufenden Imports
  function setupProgressPolling(section) {
    var url = section.getAttribute('data-opgv-poll');
    var stopped = false;
    function poll() {
      if (stopped) return;
      window.fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('fortschritt');
        if (!fresh) {
          window.location.reload();
          return;
        }
        var bar = section.querySelector('progress');
        var freshBar = fresh.querySelector('progress');
        if (bar && freshBar) {
          bar.value = freshBar.value;
          bar.textContent = freshBar.textContent;
        }
        var label = section.querySelector('[data-opgv-progress-text]');
        var freshLabel = fresh.querySelector('[data-opgv-progress-text]');
        if (label && freshLabel && label.textContent !== freshLabel.textContent) label.textContent = freshLabel.textContent;
        window.setTimeout(poll, 2000);
      }).catch(function () {
        // Netzfehler: die Links „Stand jetzt abrufen“ funktionieren weiter.
        window.setTimeout(poll, 5000);
      });
    }
    var stop = section.querySelector('[data-opgv-poll-stop]');
    if (stop) {
      stop.hidden = false;
      stop.addEventListener('click', function () {
        stopped = true;
        stop.hidden = true;
      });
    }
    window.setTimeout(poll, 2000);
  }

  ready(function () {
    focusErrorSummary();
    var progress = document.querySelector('#fortschritt[data-opgv-poll]');
    if (progress) setupProgressPolling(progress);
    var input = document.getElementById('kommune-suche');
    if (input) setupKommuneCombobox(input);
  });
})();
