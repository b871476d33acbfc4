// The example blog's dark-mode switch. It runs in <head> (a small blocking script, so the
// page never flashes the wrong theme) and sets `dark` or `light` as a class on <html>;
// Causette's widget follows that class. The reader's choice is kept in localStorage; without
// one, the system preference decides.
(() => {
  const KEY = "blog-theme";
  const root = document.documentElement;
  const system = window.matchMedia("(prefers-color-scheme: dark)");

  function saved() {
    try {
      const value = localStorage.getItem(KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch {
      return null;
    }
  }

  function apply(theme) {
    root.classList.toggle("dark", theme === "dark");
    root.classList.toggle("light", theme === "light");
    for (const button of document.querySelectorAll("[data-theme-toggle]")) {
      button.setAttribute("aria-pressed", String(theme === "dark"));
    }
  }

  apply(saved() ?? (system.matches ? "dark" : "light"));
  system.addEventListener("change", (e) => {
    if (!saved()) apply(e.matches ? "dark" : "light");
  });

  document.addEventListener("DOMContentLoaded", () => {
    apply(root.classList.contains("dark") ? "dark" : "light");
    for (const button of document.querySelectorAll("[data-theme-toggle]")) {
      button.addEventListener("click", () => {
        const next = root.classList.contains("dark") ? "light" : "dark";
        try {
          localStorage.setItem(KEY, next);
        } catch {
          // Private windows may refuse storage; the switch still works for this page.
        }
        apply(next);
      });
    }
  });
})();
