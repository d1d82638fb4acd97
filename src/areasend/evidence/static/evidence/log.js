// The evidence log's form, enhanced: what is typed goes to the server as a draft every few seconds,
// and a saved entry waits in this browser's storage until the server says it is stored. Every entry
// carries its own key, so an entry sent again (after a lost answer, or from another tab) is stored
// once. Without this script the form posts as usual and the Save button does the same work.

const AUTOSAVE_MS = 3000;
const RETRY_MS = 5000;

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function read(name, fallback) {
  try {
    const raw = localStorage.getItem(name);
    return raw ? JSON.parse(raw) : fallback;
  } catch (e) {
    return fallback;
  }
}

function write(name, value) {
  try {
    localStorage.setItem(name, JSON.stringify(value));
    return true;
  } catch (e) {
    return false;
  }
}

function start(form) {
  const store = form.dataset.store;
  const outboxName = `${store}:outbox`;
  const currentName = `${store}:current`;
  const status = form.querySelector("[data-evidence-status]");
  const keyInput = form.querySelector('input[name="key"]');
  const text = form.querySelector('textarea[name="text"]');
  const csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  const outboxBox = document.querySelector("[data-evidence-outbox]");
  const outboxList = document.querySelector("[data-evidence-outbox-list]");
  let dirty = false;
  let sending = false;

  const say = (message) => { status.textContent = message; };

  function showOutbox() {
    const outbox = read(outboxName, []);
    outboxList.replaceChildren(...outbox.map((item) => {
      const li = document.createElement("li");
      li.textContent = item.preview;
      return li;
    }));
    outboxBox.hidden = outbox.length === 0;
  }

  function fields() {
    return new URLSearchParams(new FormData(form));
  }

  function keepCurrent() {
    write(currentName, { key: keyInput.value, body: fields().toString() });
  }

  function restore(body) {
    const params = new URLSearchParams(body);
    text.value = params.get("text") || "";
    keyInput.value = params.get("key") || keyInput.value;
    for (const input of form.querySelectorAll('input[type="radio"], input[type="checkbox"]')) {
      input.checked = params.getAll(input.name).includes(input.value);
    }
    for (const select of form.querySelectorAll("select")) {
      select.value = params.get(select.name) || "";
    }
  }

  // What was being typed when the page was left (or the connection dropped) comes back.
  const current = read(currentName, null);
  if (current && current.body && !text.value) {
    restore(current.body);
    say("Your unsaved entry was restored from this browser.");
  }

  async function autosave() {
    if (!dirty || !text.value.trim()) return;
    dirty = false;
    keepCurrent();
    if (!navigator.onLine) {
      say("You are offline. Your entry is kept in this browser.");
      return;
    }
    const body = fields();
    try {
      const response = await fetch(form.dataset.draftUrl, {
        method: "POST", body, headers: { "X-CSRFToken": csrf, "Accept": "application/json" }, credentials: "same-origin",
      });
      if (response.ok) {
        const answer = await response.json();
        say(`Draft saved at ${answer.at}.`);
      }
    } catch (e) {
      say("The connection dropped. Your entry is kept in this browser.");
    }
  }

  async function flush() {
    if (sending) return;
    sending = true;
    try {
      let outbox = read(outboxName, []);
      while (outbox.length) {
        const item = outbox[0];
        let response;
        try {
          response = await fetch(form.dataset.sendUrl, {
            method: "POST", body: new URLSearchParams(item.body), headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
            credentials: "same-origin",
          });
        } catch (e) {
          say(`Offline: ${outbox.length} ${outbox.length === 1 ? "entry is" : "entries are"} kept in this browser and will be sent when the connection returns.`);
          return;
        }
        if (response.status === 400) {
          const answer = await response.json();
          const messages = Object.values(answer.errors || {}).flat().join(" ");
          outbox = read(outboxName, []).filter((o) => o.key !== item.key);
          write(outboxName, outbox);
          if (!text.value.trim()) restore(item.body);
          say(`Entry not saved: ${messages}`);
          showOutbox();
          continue;
        }
        if (!response.ok) {
          say(response.status === 403 ? "Sign in again to send your entries. They are kept in this browser."
            : "The service could not save your entry just now. It is kept in this browser and will be tried again.");
          return;
        }
        const answer = await response.json();
        outbox = read(outboxName, []).filter((o) => o.key !== item.key);
        write(outboxName, outbox);
        say(answer.created ? `Entry ${answer.entry} saved.` : `Entry ${answer.entry} was already saved.`);
        showOutbox();
      }
    } finally {
      sending = false;
    }
  }

  form.addEventListener("input", () => { dirty = true; keepCurrent(); });
  form.addEventListener("submit", (event) => {
    if (!text.value.trim()) return; // the server answers with the error message
    event.preventDefault();
    const body = fields().toString();
    const outbox = read(outboxName, []);
    if (!outbox.some((o) => o.key === keyInput.value)) {
      outbox.push({ key: keyInput.value, body, preview: text.value.trim().slice(0, 80) });
    }
    if (!write(outboxName, outbox)) {
      form.submit(); // no storage in this browser: the plain Save
      return;
    }
    // A fresh form, with a fresh key, for the next entry.
    text.value = "";
    for (const input of form.querySelectorAll('input[type="checkbox"]')) input.checked = false;
    keyInput.value = newKey();
    localStorage.removeItem(currentName);
    dirty = false;
    showOutbox();
    flush();
  });
  window.addEventListener("online", flush);
  setInterval(autosave, AUTOSAVE_MS);
  setInterval(() => { if (read(outboxName, []).length) flush(); }, RETRY_MS);
  showOutbox();
  flush();
}

const form = document.querySelector("[data-evidence-form]");
if (form && window.fetch && window.localStorage && window.URLSearchParams) start(form);
