// Applies the chosen theme before the first paint; the choice is kept in the browser only.
(function () {
    var stored = localStorage.getItem("dce-theme");
    var dark = stored ? stored === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    window.dceTheme = {
        toggle: function () {
            var next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
            document.documentElement.dataset.theme = next;
            localStorage.setItem("dce-theme", next);
        }
    };
})();
