// Shuttle's pages work without this file; it makes the live stream resume where it left,
// keeps what a person is typing when a live update redraws a form, keeps each conversation at
// its newest item (and each item once), and lets a question go back to its form.
//
// Resuming the live stream. The browser's EventSource resumes by itself after a dropped
// connection, sending Last-Event-ID. But when the server answers a reconnection with an
// error, the htmx sse extension opens a new EventSource on the page's original URL
// (?after=<head when the page loaded>), which would replay events the page already shows. So
// remember the last event id seen and open new streams after it.
(function () {
  "use strict";
  var last = null;
  document.addEventListener("htmx:sseMessage", function (event) {
    var message = event.detail;
    if (message && message.lastEventId) {
      last = message.lastEventId;
    }
  });
  document.addEventListener("htmx:sseOpen", function () {
    var state = document.getElementById("live-state");
    if (state) { state.textContent = "Live: new events appear here as they happen."; }
  });
  document.addEventListener("htmx:sseError", function () {
    var state = document.getElementById("live-state");
    if (state) { state.textContent = "Live updates interrupted; reconnecting…"; }
  });
  if (window.htmx) {
    window.htmx.createEventSource = function (url) {
      if (last !== null && /^[0-9]+$/.test(last)) {
        url = url.replace(/([?&]after=)[0-9]+/, "$1" + last);
      }
      return new EventSource(url, { withCredentials: true });
    };
  }
})();

// Keeping what a person is typing. A live update may redraw a form: a region re-reads itself
// (the draft and its answer form, when an incident arrives), or the stream replaces a form
// whose rules changed (a statement's carry form after a release). What the person changed in
// a form is remembered as they type and put back into the redrawn form, focus and caret
// included; and when the form was redrawn for something else (another version of the draft,
// another handling, another agenda: its data-basis), or something typed has no place in it
// any more, the form says so: review before sending. Sending a form forgets what was typed
// in it: the server's answer shows it again beside a refusal, or clears it.
(function () {
  "use strict";
  var typed = {}; // form id -> {basis: string, fields: {key: entry}}
  var focus = null; // the focused field a swap is about to remove: {id, start, end}
  var REVIEW = "The text changed while you were writing: review before sending.";

  function entryOf(form) {
    if (!typed[form.id]) {
      typed[form.id] = { basis: form.getAttribute("data-basis") || "", fields: {} };
    }
    return typed[form.id];
  }

  function note(entry, el) {
    if (el.type === "radio") {
      entry.fields["radio:" + el.name] = { name: el.name, value: el.value };
    } else if (el.type === "checkbox") {
      entry.fields["id:" + el.id] = { id: el.id, checked: el.checked };
    } else {
      entry.fields["id:" + el.id] = { id: el.id, value: el.value };
    }
  }

  function typeable(el) {
    return el && el.form && el.form.id && el.type !== "hidden" && el.type !== "submit" &&
      (el.type === "radio" || el.id);
  }

  function remember(event) {
    var el = event.target;
    if (typeable(el) && (el.type !== "radio" || el.checked)) { note(entryOf(el.form), el); }
  }
  document.addEventListener("input", remember, true);
  document.addEventListener("change", remember, true);

  document.addEventListener("submit", function (event) {
    if (event.target && event.target.id) { delete typed[event.target.id]; }
  }, true);

  // A refusal comes back with what was typed: keep that too, should a live update redraw it.
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!elt || elt.tagName !== "FORM" || !elt.id || !xhr || xhr.status < 400) { return; }
    var form = document.getElementById(elt.id);
    if (!form || form.tagName !== "FORM") { return; }
    delete typed[form.id];
    var entry = entryOf(form);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (typeable(el) && (el.type !== "radio" || el.checked)) { note(entry, el); }
    });
  });

  function field(form, key, wanted) {
    if (wanted.name !== undefined) {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.type === "radio" && el.name === wanted.name && el.value === wanted.value;
      })[0] || null;
    }
    var el = document.getElementById(wanted.id);
    return el && form.contains(el) ? el : null;
  }

  // Put `entry` back into `form`; false if something typed no longer fits in it.
  function putBack(form, entry) {
    var fitted = true;
    Object.keys(entry.fields).forEach(function (key) {
      var wanted = entry.fields[key];
      var el = field(form, key, wanted);
      if (!el || el.disabled) { fitted = false; return; }
      if (wanted.name !== undefined) {
        el.checked = true;
      } else if (wanted.checked !== undefined) {
        el.checked = wanted.checked;
      } else if (el.value !== wanted.value) {
        el.value = wanted.value;
        if (el.value !== wanted.value) { fitted = false; } // a choice the form no longer has
      }
    });
    return fitted;
  }

  function review(form) {
    if (form.querySelector(".review")) { return; }
    var warning = document.createElement("p");
    warning.className = "review";
    warning.setAttribute("role", "alert");
    warning.textContent = REVIEW;
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) { button.parentNode.insertBefore(warning, button); } else { form.appendChild(warning); }
  }

  function keepTyping() {
    Object.keys(typed).forEach(function (id) {
      var form = document.getElementById(id);
      if (!form || form.tagName !== "FORM" || form.shuttleKept) { return; }
      form.shuttleKept = true; // this drawing of the form has its typing back
      var entry = typed[id];
      var fitted = putBack(form, entry);
      if (!fitted || (form.getAttribute("data-basis") || "") !== entry.basis) { review(form); }
    });
    if (focus) {
      var el = document.getElementById(focus.id);
      var lost = !document.activeElement || document.activeElement === document.body;
      if (el && lost) {
        el.focus();
        if (typeof focus.start === "number" && el.setSelectionRange) {
          try { el.setSelectionRange(focus.start, focus.end); } catch (ignored) { /* no caret */ }
        }
      }
      if (el) { focus = null; }
    }
  }

  function leaving(target) {
    var active = document.activeElement;
    if (target && active && active.id && active !== document.body && target.contains(active)) {
      focus = { id: active.id, start: active.selectionStart, end: active.selectionEnd };
    }
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    // A form's answer that comes back after a live update already redrew the form: the
    // update shows the outcome, and the form it was meant for is gone.
    if (target && !document.body.contains(target)) { event.preventDefault(); return; }
    leaving(target);
  });
  document.addEventListener("htmx:oobBeforeSwap", function (event) { leaving(event.detail.target); });
  document.addEventListener("htmx:afterSwap", keepTyping);
  document.addEventListener("htmx:oobAfterSwap", keepTyping);
  document.addEventListener("htmx:load", keepTyping);
})();

// Following a conversation. Each conversation box opens scrolled to its newest item and
// follows new ones as they arrive, unless the reader has scrolled up to read: then a "New
// messages ↓" button beside the box (parts/follow.html) shows, which scrolls down and goes
// once the box is at the bottom. The reader's own words (class "own") are always scrolled to.
// A status region beside the box announces each new item once to a screen reader, politely:
// the list is not a live region itself, or the forms inside its items would be read out too.
(function () {
  "use strict";
  var NEAR = 32; // pixels from the bottom that still count as "at the bottom"
  var SKIP = "form, .slot, .seq, .late-readers"; // what an announcement leaves out of an item

  function atBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight <= NEAR;
  }

  function partOf(list, selector) {
    var box = list.closest(".follow");
    return box ? box.querySelector(selector) : null;
  }

  function toBottom(list) {
    list.scrollTop = list.scrollHeight;
    list.shuttleStuck = true;
    var marker = partOf(list, ".new-below");
    if (marker) { marker.hidden = true; }
  }

  function words(item) {
    var copy = item.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(SKIP), function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function announce(list, items) {
    var news = partOf(list, ".news");
    var said = items.filter(function (item) { return !item.classList.contains("own"); });
    if (!news || !said.length) { return; }
    var title = document.getElementById(list.getAttribute("aria-labelledby") || "");
    var where = title ? title.textContent.trim() + ": " : "";
    news.textContent = where + said.map(words).join(" ");
  }

  function arrived(list, records) {
    var items = [];
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType === 1 && node.tagName === "LI") { items.push(node); }
      });
    });
    if (!items.length) { return; }
    var own = items.some(function (item) { return item.classList.contains("own"); });
    if (list.shuttleStuck || own) {
      toBottom(list);
    } else {
      var marker = partOf(list, ".new-below");
      if (marker) { marker.hidden = false; }
    }
    announce(list, items);
  }

  function follow(list) {
    if (list.shuttleFollowed) { return; }
    list.shuttleFollowed = true;
    toBottom(list);
    list.addEventListener("scroll", function () {
      list.shuttleStuck = atBottom(list);
      var marker = partOf(list, ".new-below");
      if (marker && list.shuttleStuck) { marker.hidden = true; }
    });
    var marker = partOf(list, ".new-below");
    if (marker) { marker.addEventListener("click", function () { toBottom(list); }); }
    new MutationObserver(function (records) { arrived(list, records); })
      .observe(list, { childList: true });
  }

  function followAll() {
    Array.prototype.forEach.call(document.querySelectorAll("ol.conversation"), follow);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", followAll);
  } else {
    followAll();
  }
  // A conversation drawn later (the joint room, when it opens) follows too.
  document.addEventListener("htmx:load", followAll);
  document.addEventListener("htmx:oobAfterSwap", followAll);

  // An item a list already holds is not added again: the sender's own words come both in its
  // form's answer and in the live stream, in either order, each time with the id of its seq.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    var fragment = event.detail.fragment;
    if (!target || !fragment || (target.tagName !== "OL" && target.tagName !== "UL")) { return; }
    Array.prototype.slice.call(fragment.children).forEach(function (child) {
      if (child.id && target.querySelector(":scope > #" + CSS.escape(child.id))) {
        child.remove();
      }
    });
    if (!fragment.children.length) { event.detail.shouldSwap = false; }
  });
})();

// Going back from a question. An action that cannot be taken back (closing the talk,
// consenting to the joint room, relaxing a handling) first shows its question in place of its
// form; "Go back" puts the form back as it was, without leaving the page. (Without JavaScript,
// or when the form is not at hand, the link reloads the page, which draws the form anew.)
(function () {
  "use strict";
  var replaced = {}; // element id -> the form a question took the place of

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.tagName === "FORM" && target.id && !target.classList.contains("confirm")) {
      replaced[target.id] = target;
    }
  });

  // The question took the place of the button just pressed: keep the keyboard there, on "yes".
  document.addEventListener("htmx:load", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.matches && elt.matches("form.confirm")) {
      var yes = elt.querySelector("button[type=submit]");
      if (yes) { yes.focus(); }
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-back]");
    if (!link) { return; }
    var id = link.getAttribute("data-back");
    var question = document.getElementById(id);
    var form = replaced[id];
    if (!question || !form || !window.htmx) { return; }
    event.preventDefault();
    question.replaceWith(form);
    window.htmx.process(form);
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) { button.focus(); }
  });
})();
