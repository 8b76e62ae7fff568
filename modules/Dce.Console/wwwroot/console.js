// Small browser-side helpers the console's components call through IJSRuntime (reconnect.js starts Blazor).
(function () {
    window.dceConsole = {
        download: function (name, contentType, text) {
            var link = document.createElement("a");
            link.href = URL.createObjectURL(new Blob([text], { type: contentType }));
            link.download = name;
            document.body.appendChild(link);
            link.click();
            link.remove();
        },
        scrollToEnd: function (element) {
            if (element) { element.scrollTop = element.scrollHeight; }
        }
    };
})();
