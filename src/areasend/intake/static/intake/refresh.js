// While a file is being checked, fetch the page again every few seconds and replace the status
// panel, so the progress updates without a reload. Without JavaScript the page has a refresh link.
const panel = document.querySelector("[data-refresh-while-checking]");
if (panel) {
  const refresh = async () => {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("#return-status");
    if (!fresh) return;
    if (!fresh.hasAttribute("data-refresh-while-checking")) {
      window.location.reload();
      return;
    }
    panel.innerHTML = fresh.innerHTML;
    window.setTimeout(refresh, 3000);
  };
  window.setTimeout(refresh, 3000);
}
